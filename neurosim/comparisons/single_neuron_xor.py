"""One neuron with an active dendrite computes XOR; one logistic unit cannot.

A unit with a *monotonic* activation (the logistic unit's sigmoid, or any other) says
"class 1" on one side of a straight line, and no line separates the XOR corners: the
best such unit gets 3 of the 4 (75 %; a search over a grid of weights and biases), and
gradient descent ends at w = 0, b = 0, answering 0.5 everywhere (cross-entropy ln 2). A
unit with a *bump* activation (exp(-z^2 / 2)) answers 1 on a band between two parallel
lines: with weights (2, 2) and bias -2 it computes XOR (:mod:`neurosim.artificial.xor`).

Human layer 2/3 pyramidal dendrites fire calcium action potentials whose amplitude is
largest just above their threshold, which lets one neuron compute XOR (Gidon et al.
2020, Science 367:83). The two-compartment model's dendrite acts like the bump: one
input pathway (1.25x the dendritic rheobase) sits in its window and the soma fires, two
overshoot it (closed forms: :mod:`neurosim.spiking.settled_dendrite`). In noisy trials
each pathway is 5 Poisson synapses at the same mean depolarisation, noisier for bigger,
rarer input spikes (Campbell's theorem); the neuron answers "1" if it fires after 50 ms
(5 tau_d). Cases, noise levels and trials are one Brian2 run, the ladder and traces a
second, each for all seeds at once (:mod:`neurosim.spiking.batch`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial import CORNERS, XOR, XorUnits, bump, xor_units
from neurosim.contract import Findings, Rule
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, THEORY, label_panels
from neurosim.plotting.style import lecture_style, new_figure
from neurosim.spiking import TwoCompartmentParameters, settled_rate, steady_rate
from neurosim.spiking.batch import Simulation, seeds_as_batch
from neurosim.spiking.settled_dendrite import dendritic_noise_std
from neurosim.stimuli import constant, poisson
from neurosim.units import Hz, ms, mV, nA, second

NAME = "single_neuron_xor"
QUESTION = "Can a single neuron compute XOR, which a single logistic unit cannot?"
PARAMETERS = (
    Parameter.from_field(TwoCompartmentParameters, "lambda_d", low=1, high=100),
    Parameter(
        "pathway_factor",
        1.25,
        "drive of one active pathway / dendritic rheobase",
        low=0.5,
        high=3.0,
    ),
    Parameter(
        "noise_weight",
        0.5,
        "depolarisation per input spike at the operating point (sets the input noise)",
        unit="mV",
        low=0.05,
        high=10,
    ),
    Parameter("soma_sigma", 2.0, "white membrane noise at the soma", unit="mV", low=0, high=10),
    Parameter(
        "trials", 160, "noisy trials per input case and noise level", low=10, high=2000, quick=30
    ),
    Parameter("duration", 300.0, "length of one trial", unit="ms", low=100, high=3000),
)
COST = 3.0
#: Live updates (explore()): quick settings plus these, so the run takes about 1 s on
#: 2 cores (measured, benchmarks/bench_explore.py; two Brian2 runs of 1500 steps each,
#: the ladder with the traces and the noisy trials, and the units' search, about 0.1 s).
#: What the figure loses: trials of 150 ms, so the neuron's answer is read from 100 ms
#: after settling instead of 250 ms (a rarely firing case is more often read as silent),
#: and 20 trials per case and noise level: panel C's accuracies are coarser (steps of
#: 1.25 points) with wider error bars; the traces of D are 150 ms long.
EXPLORE = {"trials": 20, "duration": 150.0}

#: Poisson synapses per pathway in the noisy trials.
SYNAPSES_PER_PATHWAY = 5
#: Depolarisation per input spike (mV): the noise levels of panel C (full / quick run);
#: the operating point ``noise_weight`` is added if missing.
WEIGHTS_MV = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
QUICK_WEIGHTS_MV = (0.5, 2.0, 8.0)
#: Start of the counting window (ms): 5 tau_d after the input starts.
SETTLE_MS = 50.0
#: Extra noisy copies of the one-pathway case in the trace run (to measure the
#: dendritic noise the x axis of panel C is built on).
NOISE_COPIES = 12
DT = 0.1 * ms
#: The hand-set bump unit that computes XOR: sums -2, 0, 0, 2 at the four corners.
BUMP_WEIGHTS = (2.0, 2.0)
BUMP_BIAS = -2.0
#: Weight and bias values of the exhaustive search over units (each of w1, w2, b).
GRID_VALUES = np.linspace(-3.0, 3.0, 25)
#: Accuracy of at least this many % counts as "computes XOR" for panel C's robustness.
ROBUST_ACCURACY = 95.0
#: what was run, for the record (findings.settings)
DESCRIBED = {
    "dt_ms": float(DT / ms),
    "decision_rule": f">= 1 spike from {SETTLE_MS:g} ms to the end of the trial means class 1",
    "pathway_input": f"{SYNAPSES_PER_PATHWAY} Poisson synapses onto the dendrite, mean "
    "depolarisation of the constant pathway current",
    "neuron": "TwoCompartmentParameters defaults except lambda_d (a Gidon et al. "
    "2020-like dendrite); Euler integration",
    "bump_unit": f"bump(w . x + b), w = {BUMP_WEIGHTS}, b = {BUMP_BIAS:g}, class 1 above 0.5",
}


@dataclass(frozen=True)
class Measured(XorUnits):
    """What plot() needs: the units' numbers (:class:`~neurosim.artificial.XorUnits`) and
    the neuron's (units in the names; accuracies in %).

    Attributes
    ----------
    rheobase_nA, pathway_nA, soma_rheobase_nA : float
        The dendritic rheobase, one pathway's current, the soma's own rheobase.
    ladder_*, fine_* : ndarray
        Constant dendritic inputs, noise-free: the settled active current and the soma's
        rate, simulated; and on a fine axis the closed forms and the bump's activation.
    clean_*, trace_* : ndarray
        The four corners noise-free (rates simulated and closed form, dendrite), and one
        noisy trial of each (potentials, and the spike times: a tuple of 4 arrays).
    noise_mean_mV, noise_std_mV, noise_std_theory_mV : float
        One pathway's dendritic depolarisation after settling: mean, SD, Campbell's SD.
    weights_mV, level_noise_std_mV : ndarray (levels,)
        Depolarisation per input spike, and dendritic noise SD, of each noise level;
        ``operating``: the level of ``noise_weight``.
    trial_counts : ndarray (levels, 4, trials)
        Output spikes after settling, hence ``fire_fraction`` (levels, 4) and
        ``accuracy`` (levels,); ``input_counts_per_pathway`` (levels, 4).
    robust_up_to_mV, both_over_one : float
        The largest noise SD with accuracy >= ROBUST_ACCURACY; rate(both) / rate(one).
    """

    rheobase_nA: float
    pathway_nA: float
    soma_rheobase_nA: float
    ladder_nA: np.ndarray
    ladder_active_nA: np.ndarray
    ladder_rate_Hz: np.ndarray
    fine_nA: np.ndarray
    fine_active_nA: np.ndarray
    fine_rate_Hz: np.ndarray
    fine_bump: np.ndarray
    clean_rate_Hz: np.ndarray
    clean_theory_Hz: np.ndarray
    clean_v_dendrite_mV: np.ndarray
    trace_t_ms: np.ndarray
    trace_v_dendrite_mV: np.ndarray
    trace_v_soma_mV: np.ndarray
    trace_spikes_ms: tuple
    noise_mean_mV: float
    noise_std_mV: float
    noise_std_theory_mV: float
    E_L_mV: float
    V_th_mV: float
    theta_d_mV: float
    mean_depolarisation_mV: float
    duration_ms: float
    weights_mV: np.ndarray
    level_noise_std_mV: np.ndarray
    operating: int
    trial_counts: np.ndarray
    fire_fraction: np.ndarray
    input_counts_per_pathway: np.ndarray
    accuracy: np.ndarray
    robust_up_to_mV: float
    both_over_one: float


@seeds_as_batch
def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """The units on the truth table, then the neuron: noise-free ladder and noisy trials."""
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed, **DESCRIBED)
    neuron = TwoCompartmentParameters(lambda_d=p.lambda_d)
    # the stimulus: one pathway's current, and the noise levels of its Poisson version
    one_nA = float(p.pathway_factor) * float(neuron.dendritic_rheobase / nA)
    mean_mV = float(neuron.R_d * one_nA * nA / mV)  # depolarisation of one pathway
    w_op = float(p.noise_weight / mV)
    weights = np.array(sorted(set(QUICK_WEIGHTS_MV if quick else WEIGHTS_MV) | {w_op}))
    rates = mean_mV / (weights * float(neuron.tau_d / second))  # Hz: r w tau_d = mean
    operating = int(np.flatnonzero(weights == w_op)[0])
    units = xor_units(values=GRID_VALUES, bump_weights=BUMP_WEIGHTS, bump_bias=BUMP_BIAS, seed=seed)
    ladder = yield from _ladder_and_traces(neuron, p, one_nA, rates[operating], w_op, quick, seed)
    trials = yield from _noisy_trials(neuron, p, weights, rates, mean_mV, operating, seed)
    findings.data = Measured(**vars(units), **ladder, **trials)
    _claims(findings)
    return findings


def _ladder_and_traces(neuron, p, one_nA: float, rate_op: float, w_op: float, quick, seed):
    """One run: the noise-free ladder, the corners noise-free, and noisy copies of them."""
    a_on, b_on = CORNERS[:, 0], CORNERS[:, 1]
    rheobase_nA = float(neuron.dendritic_rheobase / nA)
    ladder_top = max(3 * rheobase_nA, 2.4 * one_nA)
    ladder = np.round(np.linspace(0.0, ladder_top, 25 if quick else 61), 6)
    n_ladder, n_noisy, zeros = ladder.size, 4 + NOISE_COPIES, np.zeros
    # its neurons: the ladder; the corners noise-free; the corners noisy, and more (1, 0)s
    const_a = np.concatenate([ladder, a_on * one_nA, zeros(n_noisy)])
    const_b = np.concatenate([zeros(n_ladder), b_on * one_nA, zeros(n_noisy)])
    pois_a = np.concatenate([zeros(n_ladder + 4), a_on, np.ones(NOISE_COPIES)])
    pois_b = np.concatenate([zeros(n_ladder + 4), b_on, zeros(NOISE_COPIES)])
    pois_a, pois_b = (x * (rate_op / SYNAPSES_PER_PATHWAY) for x in (pois_a, pois_b))
    sigma = np.concatenate([zeros(n_ladder + 4), np.full(n_noisy, float(p.soma_sigma / mV))])
    synapses = {"n_inputs": SYNAPSES_PER_PATHWAY, "weight": w_op * mV}
    inputs = [constant(const_a * nA), constant(const_b * nA)]
    inputs += [poisson(pois_a * Hz, **synapses), poisson(pois_b * Hz, **synapses)]
    duration, run_ = float(p.duration / ms) * ms, {"dt": DT, "record_v": True, "seed": seed}
    sim = yield Simulation(neuron.replace(sigma=sigma * mV), inputs, duration, **run_)
    trains = [np.asarray(tr[0] / second, dtype=float) for tr in sim.trains()]
    v_d = np.asarray(sim.v_dendrite[:, 0, :] / mV, dtype=float)
    t_ms = np.asarray(sim.t / ms, dtype=float)
    clean, noisy = slice(n_ladder, n_ladder + 4), slice(n_ladder + 4, None)
    late = t_ms >= SETTLE_MS  # one pathway, noisy: the (1, 0) case and its copies
    one_path = np.concatenate([v_d[noisy][1:2, late], v_d[noisy][4:, late]])
    fine = np.linspace(0.0, ladder_top, 601)
    clean_rate = np.asarray(steady_rate(list(trains[clean]), start=SETTLE_MS * 1e-3), dtype=float)
    return {
        "rheobase_nA": rheobase_nA,
        "pathway_nA": one_nA,
        "soma_rheobase_nA": float((neuron.V_th - neuron.E_L) / neuron.R / nA),
        "ladder_nA": ladder,
        "ladder_active_nA": np.asarray(sim.I_active[:, 0, :] / nA, dtype=float)[:n_ladder, -1],
        "ladder_rate_Hz": np.asarray(
            steady_rate(list(trains[:n_ladder]), start=SETTLE_MS * 1e-3), dtype=float
        ),
        "fine_nA": fine,
        "fine_active_nA": np.asarray(neuron.active_current(fine * nA) / nA, dtype=float),
        "fine_rate_Hz": np.asarray(settled_rate(neuron, fine * nA) / Hz, dtype=float),
        # the bump unit on the same axis: its sum is -2, 0, 2 at 0, 1, 2 pathways
        "fine_bump": bump(BUMP_WEIGHTS[0] * fine / one_nA + BUMP_BIAS),
        "clean_rate_Hz": clean_rate,
        "both_over_one": float(clean_rate[3] / clean_rate[1]) if clean_rate[1] > 0 else np.nan,
        "clean_theory_Hz": np.asarray(settled_rate(neuron, (a_on + b_on) * one_nA * nA) / Hz),
        "clean_v_dendrite_mV": v_d[clean],
        "trace_t_ms": t_ms,
        "trace_v_dendrite_mV": v_d[noisy][:4],
        "trace_v_soma_mV": np.asarray(sim.v[:, 0, :] / mV, dtype=float)[noisy][:4],
        "trace_spikes_ms": tuple(1e3 * tr for tr in trains[noisy][:4]),
        "noise_mean_mV": float(one_path.mean() - float(neuron.E_L / mV)),
        "noise_std_mV": float(np.sqrt(np.mean(one_path.var(axis=1)))),
        "E_L_mV": float(neuron.E_L / mV),
        "V_th_mV": float(neuron.V_th / mV),
        "theta_d_mV": float(neuron.theta_d / mV),
        "duration_ms": float(p.duration / ms),
    }


def _noisy_trials(neuron, p, weights, rates, mean_mV: float, operating: int, seed: int) -> dict:
    """Every corner x noise level x trial, one Brian2 run; class 1 = a spike after settling."""
    a_on, b_on = CORNERS[:, 0], CORNERS[:, 1]
    n_levels, trials, duration_ms = weights.size, int(p.trials), float(p.duration / ms)
    r_cond = np.repeat(rates, 4) / SYNAPSES_PER_PATHWAY
    synapses = {"n_inputs": SYNAPSES_PER_PATHWAY, "weight": np.repeat(weights, 4) * mV}
    rate_a, rate_b = (np.tile(x, n_levels) * r_cond * Hz for x in (a_on, b_on))
    inputs = [poisson(rate_a, **synapses), poisson(rate_b, **synapses)]
    run_ = {"dt": DT, "trials": trials, "seed": seed}
    sim = yield Simulation(neuron.replace(sigma=p.soma_sigma), inputs, duration_ms * ms, **run_)
    counts = sim.counts_in(SETTLE_MS * ms, duration_ms * ms).reshape(n_levels, 4, trials)
    fires = counts >= 1
    inputs_per_case = sim.input_counts.reshape(n_levels, 4, trials).mean(axis=2)
    accuracy = 100 * (fires == XOR.astype(bool)[None, :, None]).mean(axis=(1, 2))  # (levels,)
    noise_std = dendritic_noise_std(mean_mV, weights)  # the x axis of panel C
    good = accuracy >= ROBUST_ACCURACY
    return {
        "mean_depolarisation_mV": mean_mV,
        "noise_std_theory_mV": float(dendritic_noise_std(mean_mV, weights[operating])),
        "weights_mV": weights,
        "operating": operating,
        "level_noise_std_mV": noise_std,
        "robust_up_to_mV": float(noise_std[good].max()) if good.any() else np.nan,
        "trial_counts": counts,
        "fire_fraction": fires.mean(axis=2),  # (levels, cases)
        "accuracy": accuracy,
        "input_counts_per_pathway": inputs_per_case / np.maximum(a_on + b_on, 1)[None, :],
    }


def _claims(findings: Findings) -> None:
    d = findings.data
    findings.claim(
        "best accuracy on the XOR truth table of any unit with a monotonic activation, "
        "searched exhaustively over a grid of weights and biases (its class boundary is "
        "a straight line)",
        d.monotonic_best,
        "%",
        rule=Rule.at_most(
            75,
            reason="XOR is not linearly separable (the four corner inequalities "
            "contradict): a line gets at most 3 of 4 corners",
        ),
        about="artificial",
        label="best monotonic unit on XOR",
        deterministic=True,
    )
    findings.claim(
        "cross-entropy of a logistic unit trained on the XOR truth table: it ends at "
        "zero weights and bias, answering one half at every corner",
        d.unit_trained_loss,
        "nats",
        rule=Rule.between(
            0.69,
            0.70,
            reason="the loss is convex and stationary at zero weights and bias, "
            "where it is ln 2 = 0.693 nats (chance)",
        ),
        about="artificial",
        label="logistic unit trained on XOR: loss",
    )
    findings.claim(
        "accuracy on the XOR truth table of one unit with a non-monotonic (Gaussian bump) "
        "activation and hand-set weights: it answers one on a band between two lines",
        d.bump_accuracy,
        "%",
        rule=Rule.at_least(100, reason="four noise-free corners: every one must be right"),
        about="artificial",
        label="bump-activation unit on XOR",
        deterministic=True,
    )
    findings.claim(
        "XOR accuracy of one two-compartment neuron over noisy trials (two Poisson input "
        "pathways onto the dendrite; class one = a spike after settling): its dendrite "
        "acts like a bump activation, so it solves what no unit with a monotonic "
        "activation can",
        float(d.accuracy[d.operating]),
        "%",
        rule=Rule.at_most(
            80,
            reason="a unit that draws one line gets at most 3 of 4 XOR corners (75 %); "
            "5 points allow about twice the binomial SE of a few hundred noisy decisions",
            above="it solves XOR",
        ),
        aspect="single-neuron capacity",
        key=True,
        label="two-compartment neuron on XOR",
    )
    findings.claim(
        "firing rate for both pathways divided by that for one pathway (noise-free "
        "constant input): a monotonic activation of a sum with positive weights cannot "
        "answer less to both; the dendrite's bump-like response does",
        d.both_over_one,
        "",
        rule=Rule.at_least(
            0.99,
            reason="monotonic squashing gives rate(both) >= rate(one); 1 % allows "
            "rates read from spike times on the 0.1 ms grid",
            below="less for both inputs: not monotonic",
        ),
        aspect="nonlinearity",
        label="rate for both inputs / for one",
        deterministic=True,
    )
    findings.claim(
        "largest input noise (SD of the dendritic potential per pathway) at which the "
        f"neuron's XOR accuracy stays at or above {ROBUST_ACCURACY:g} %",
        d.robust_up_to_mV,
        "mV",
        rule=Rule.at_least(
            2.0,
            partly=1.0,
            reason="membrane potentials fluctuate with an SD of a few mV in vivo "
            "(Destexhe, Rudolph & Pare 2003, Nat Rev Neurosci 4:739): XOR should "
            "survive at least 2 mV",
        ),
        about="spiking",
        label="noise up to which XOR survives",
    )


def plot(findings: Findings):
    """Dendritic response and rate (A), truth tables (B), robustness (C), traces (D)."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(17, 10))
        outer = fig.add_gridspec(2, 1, height_ratios=[1.25, 1])
        top = outer[0].subgridspec(1, 3, width_ratios=[1.15, 1.2, 1])
        a_grid = top[0].subgridspec(2, 1, hspace=0.08)
        ax_act = fig.add_subplot(a_grid[0])
        ax_rate = fig.add_subplot(a_grid[1], sharex=ax_act)
        ax_tab, ax_acc = fig.add_subplot(top[1]), fig.add_subplot(top[2])
        trace_axes = outer[1].subgridspec(1, 4, wspace=0.05).subplots(sharey=True)
        _dendrite(ax_act, ax_rate, d)
        _table(ax_tab, d)
        _robustness(ax_acc, d)
        _traces(trace_axes, d)
        label_panels([ax_act], x=-0.2, y=1.03)
        letter = {"fontsize": 16, "fontweight": "bold", "va": "bottom", "ha": "right"}
        for name, ax, x_at in (("B", ax_tab, 0.0), ("C", ax_acc, -0.2), ("D", trace_axes[0], -0.2)):
            ax.text(x_at, 1.03, name, transform=ax.transAxes, **letter)
        title = (
            "One neuron with a dCaAP-like dendrite computes XOR, like a bump unit; "
            "no unit with a monotonic activation can"
        )
        rests_on = {
            "two-compartment neuron on XOR": "above",
            "bump-activation unit on XOR": "holds",
            "best monotonic unit on XOR": "holds",
        }
        finish(fig, findings, title, rests_on, fontsize=17, fontweight="bold")
    return fig


def _dendrite(ax_act, ax_rate, d: Measured):
    """A: active current and rate against a constant input, and the bump's activation."""
    one = d.pathway_nA
    theory, points = {"color": THEORY, "ls": "--", "lw": 1.8}, {"color": SPIKING, "ms": 5}
    ax_act.plot(d.fine_nA, d.fine_active_nA, **theory, label="closed form")
    ax_act.plot(d.ladder_nA, d.ladder_active_nA, "o", **points, label="simulated")
    ax_rate.plot(d.fine_nA, d.fine_rate_Hz, **theory, label="LIF closed form")
    ax_rate.plot(d.ladder_nA, d.ladder_rate_Hz, "o", **points, label="simulated soma")
    for ax, top in ((ax_act, 0.66), (ax_rate, 0.5)):  # the lines stop under the legends
        for k in (1, 2):
            ax.axvline(k * one, 0, top, color=NEUTRAL, ls=":", lw=1.5)
    ymax = 1.15 * max(d.fine_active_nA.max(), d.soma_rheobase_nA)
    ax_act.set_ylim(-0.01, 1.5 * ymax)  # the curves in the lower 2/3, the legend above
    twin = ax_act.twinx()
    twin.plot(d.fine_nA, d.fine_bump, color=ARTIFICIAL, lw=2.2, label="bump unit's activation")
    twin.set(ylim=(-0.01 / ymax, 1.5 * 1.15), yticks=[0, 0.5, 1])
    twin.set_ylabel("bump unit output", color=ARTIFICIAL)
    twin.spines["right"].set_visible(True)
    handles = twin.get_lines() + ax_act.get_lines()[:2]
    twin.legend(handles=handles, loc="upper center", ncol=2, fontsize=10)
    on_x = {"va": "bottom", "ha": "center", "transform": ax_rate.get_xaxis_transform()}
    for k, name in ((1, "one\npathway"), (2, "both\npathways")):  # atop their lines
        ax_rate.text(k * one, 0.51, name, fontsize=10, color=NEUTRAL, **on_x)
    ax_act.set_ylabel("dendritic active\ncurrent (nA)")
    ax_act.set_title("Dendrite acts like a bump activation", loc="left")
    ax_act.tick_params(labelbottom=False)
    ax_rate.set(ylabel="soma rate (Hz)", xlabel="constant dendritic input (nA)")
    ax_rate.set_ylim(-3, 2.3 * max(d.fine_rate_Hz.max(), 1.0))
    ax_rate.legend(loc="upper right", fontsize=10)


def _table(ax, d: Measured):
    """B: truth tables as coloured cells: target, units (blue), neuron (vermillion)."""
    from matplotlib.patches import Rectangle

    top_rate = max(float(np.max(d.clean_rate_Hz)), 1.0)
    columns = [  # title, values, colour, format, value of the darkest cell
        ("XOR\ntarget", XOR, "k", "{:.0f}", 1.0),
        ("trained\nunit P(1)", d.unit_trained_proba, ARTIFICIAL, "{:.2f}", 1.0),
        ("best line\n(OR)", d.unit_best_class, ARTIFICIAL, "{:.0f}", 1.0),
        ("bump\nunit", d.bump_output, ARTIFICIAL, "{:.2f}", 1.0),
        ("neuron\nrate (Hz)", d.clean_rate_Hz, SPIKING, "{:.0f}", top_rate),
        ("neuron\n% trials\nfiring", 100 * d.fire_fraction[d.operating], SPIKING, "{:.0f}", 100.0),
    ]
    n_rows = len(XOR)
    cell_text = {"ha": "center", "va": "center", "fontsize": 13, "fontweight": "bold"}
    for j, (_title, values, color, fmt, top) in enumerate(columns):
        for i in range(n_rows):
            value, y = float(values[i]), n_rows - 1 - i
            shade = 0.08 + 0.62 * min(value / top, 1.0)
            cell = Rectangle((j + 0.04, y + 0.06), 0.92, 0.88, facecolor=color, alpha=shade, lw=0)
            ax.add_patch(cell)
            ink = "white" if value / top > 0.6 else "black"
            ax.text(j + 0.5, y + 0.5, fmt.format(value), color=ink, **cell_text)
    for i, (a, b) in enumerate(CORNERS):
        row = f"A={a:.0f}, B={b:.0f}"
        ax.text(-0.1, n_rows - 1 - i + 0.5, row, ha="right", va="center", fontsize=12)
    for j, (title, *_rest) in enumerate(columns):
        ax.text(j + 0.5, n_rows + 0.08, title, ha="center", va="bottom", fontsize=11)
    ax.set(xlim=(-1.45, len(columns)), ylim=(0, n_rows + 1.0))
    ax.axis("off")
    ax.set_title("Truth tables: units vs neuron")


def _robustness(ax, d: Measured):
    """C: XOR accuracy over noisy trials against the input noise."""
    x, acc, trials, op = d.level_noise_std_mV, d.accuracy, d.trial_counts.shape[2], d.operating
    se = 100 * np.sqrt(np.clip(acc / 100 * (1 - acc / 100), 1e-4, None) / (4 * trials))
    ax.errorbar(x, acc, yerr=se, fmt="o-", color=SPIKING, capsize=3, label="two-compartment neuron")
    best = f"best monotonic unit ({d.monotonic_best:.0f}%)"
    ax.axhline(d.monotonic_best, color=ARTIFICIAL, lw=2.2, label=best)
    ax.axhline(50, color=NEUTRAL, ls=":", lw=1.5, label="chance")
    arrow = {"arrowstyle": "->", "color": "0.3", "lw": 1}
    note = f"{acc[op]:.0f}% at {x[op]:.1f} mV\n(operating point)"
    ax.annotate(note, xy=(x[op], acc[op]), xytext=(x[op] + 0.3, 86), fontsize=11, arrowprops=arrow)
    ax.set_xlabel("input noise: std of dendritic\npotential per pathway (mV)")
    ax.set_ylabel(f"XOR accuracy (%), {trials} trials/case")
    ax.set_ylim(min(40.0, float(np.min(acc)) - 5), 104)
    ax.legend(loc="center left", bbox_to_anchor=(0.0, 0.3), fontsize=10)
    ax.set_title("Robust to input noise", loc="left")


def _traces(axes, d: Measured):
    """D: dendrite and soma in a noisy trial of each input case; the answer in the title."""
    t = d.trace_t_ms
    for k, (ax, name) in enumerate(zip(axes, ("no input", "pathway A", "pathway B", "A and B"))):
        ax.plot(t, d.trace_v_dendrite_mV[k], color=SPIKING, lw=1.2, alpha=0.45, label="dendrite")
        ax.plot(t, d.trace_v_soma_mV[k], color=SPIKING, lw=1.6, label="soma")
        spikes = d.trace_spikes_ms[k]
        ax.vlines(spikes, d.V_th_mV, d.V_th_mV + 30, color=SPIKING, lw=1.6)
        ax.axhline(d.theta_d_mV, color=NEUTRAL, ls=":", lw=1.2)
        ax.axvspan(0, SETTLE_MS, color=NEUTRAL, alpha=0.12, lw=0)
        answer = "fires: 1" if int(np.sum(spikes >= SETTLE_MS)) else "silent: 0"
        ax.set_title(f"{name} → {answer}", loc="left", fontsize=13)
        ax.set(xlabel="time (ms)", xlim=(0, d.duration_ms))
    axes[0].set_ylabel("membrane potential (mV)")
    axes[0].set_ylim(d.E_L_mV - 5, d.V_th_mV + 32)
    note = {"fontsize": 10, "color": NEUTRAL, "va": "top"}
    axes[0].text(d.duration_ms - 5, d.theta_d_mV - 1, "dendritic threshold", ha="right", **note)
    axes[0].text(3, d.V_th_mV + 31, "settling", **note)
    axes[3].legend(loc="upper right", fontsize=10)
