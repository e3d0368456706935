"""One neuron with an active dendrite computes XOR; one logistic unit cannot.

A unit with a *monotonic* activation (the logistic unit's sigmoid, or any other) says
"class 1" on one side of a straight line, and no line puts the XOR corners (0,1) and
(1,0) on one side and (0,0) and (1,1) on the other: the four conditions b < 0,
w1 + b > 0, w2 + b > 0 and w1 + w2 + b < 0 contradict each other (add the middle two:
w1 + w2 + 2b > 0, so w1 + w2 + b > -b > 0).  So the best such unit gets 3 of the 4
corners (75 %; here searched exhaustively over a grid of weights and biases), and
gradient descent on the truth table ends at w = 0, b = 0, answering 0.5 everywhere
(cross-entropy ln 2).  "A unit cannot" holds for monotonic activations only: a unit
whose activation is a *bump* (Gaussian exp(-z^2 / 2), class 1 where it exceeds 0.5)
answers 1 on a band between two parallel lines, and with weights (2, 2) and bias -2
(sums -2, 0, 0, 2) it computes XOR (:mod:`neurosim.artificial.xor`).

Human layer 2/3 pyramidal dendrites fire calcium action potentials (dCaAPs) whose
amplitude is largest for input just above their threshold and smaller for stronger
input, which lets a single neuron compute XOR (Gidon et al. 2020, Science 367:83).  The
two-compartment model (:class:`neurosim.spiking.TwoCompartmentParameters`) keeps that
non-monotonic dendritic response, so its dendrite acts like the bump activation: one
input pathway (1.25x the dendritic rheobase) sits in the window and the soma fires;
two pathways overshoot it and the soma stays silent.  The figure shows (A) the
dendritic active current (with the bump unit's activation on the same input axis) and
the firing rate against the dendritic input, simulated points on the closed forms,
(B) the truth tables of the units and the neuron, (C) accuracy over many noisy trials
against the size of the input noise, and (D) the dendritic and somatic voltage in the
four input cases.

Inputs.  In the noisy trials each pathway is 5 Poisson synapses onto the dendrite;
each input spike raises the dendritic potential by ``w`` and the total rate is set so
that the mean depolarisation r w tau_d equals that of the constant pathway current
(12.5 mV).  Bigger, rarer events at the same mean make the input noisier: by
Campbell's theorem the dendritic potential fluctuates with standard deviation
sqrt(r w^2 tau_d / 2) = sqrt(12.5 mV * w / 2) per pathway.  The soma also receives
white membrane noise (``soma_sigma``).  Decision rule: the neuron answers "1" if it
fires at least one spike between 50 ms (the dendrite has settled, 5 tau_d) and the
end of the trial.  All four input cases, every noise level and every trial are
neurons of one Brian2 run; the noise-free ladder and the voltage traces are a second,
small run.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial import LogisticUnit
from neurosim.artificial.xor import CORNERS, XOR, BumpUnit, bump, threshold_unit_accuracies
from neurosim.contract import Findings, Rule
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    THEORY,
    label_panels,
    lecture_style,
    new_figure,
    run_note,
)
from neurosim.spiking import LIFParameters, TwoCompartmentParameters, lif_rate, simulate
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


def dendritic_noise_std_mV(weight_mV, mean_mV):
    """Campbell's theorem: std of the dendritic potential under Poisson input (mV).

    Events of size ``w`` at total rate ``r`` into a leaky compartment with time
    constant tau_d give mean ``r w tau_d`` and variance ``r w^2 tau_d / 2``; at a fixed
    mean ``mu`` the standard deviation is ``sqrt(mu w / 2)``.
    """
    return np.sqrt(np.asarray(mean_mV) * np.asarray(weight_mV) / 2.0)


def effective_soma(params: TwoCompartmentParameters) -> LIFParameters:
    """The soma as a LIF neuron once the dendrite has settled.

    With the dendrite at a constant V_d the coupling current g_c (V_d - V) adds a leak:
    tau_m dV/dt = -(1 + R g_c)(V - E_L) + R [I_active + g_c (V_d - E_L)], a LIF with
    tau_m / (1 + R g_c) and R / (1 + R g_c) driven by I_active + g_c (V_d - E_L).
    """
    k = 1.0 + float(params.R * params.g_c)
    return LIFParameters(
        tau_m=params.tau_m / k,
        E_L=params.E_L,
        V_th=params.V_th,
        V_reset=params.V_reset,
        R=params.R / k,
        t_ref=params.t_ref,
    )


def soma_drive(params: TwoCompartmentParameters, I_dendrite):
    """Steady current into the soma for a constant dendritic input (Quantity, amp)."""
    return params.active_current(I_dendrite) + params.g_c * params.R_d * I_dendrite


def _steady_rate_Hz(train_s: np.ndarray, start_s: float) -> float:
    """1 / mean ISI of the spikes after ``start_s``; 0 with fewer than two spikes."""
    late = train_s[train_s >= start_s]
    return float(1.0 / np.diff(late).mean()) if late.size > 1 else 0.0


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """The units on the truth table, then the neuron: noise-free ladder and noisy trials."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        dt_ms=float(DT / ms),
        decision_rule=f">= 1 spike from {SETTLE_MS:g} ms to the end of the trial means class 1",
        pathway_input=f"{SYNAPSES_PER_PATHWAY} Poisson synapses onto the dendrite, mean "
        "depolarisation of the constant pathway current",
        neuron="TwoCompartmentParameters defaults except lambda_d (a Gidon et al. "
        "2020-like dendrite); Euler integration",
        bump_unit=f"bump(w . x + b), w = {BUMP_WEIGHTS}, b = {BUMP_BIAS:g}, class 1 above 0.5",
    )
    trials = int(p.trials)
    duration_ms = float(p.duration / ms)
    params_n = TwoCompartmentParameters(lambda_d=p.lambda_d)
    rheobase_nA = float(params_n.dendritic_rheobase / nA)
    one_nA = float(p.pathway_factor) * rheobase_nA
    mean_mV = float(params_n.R_d * one_nA * nA / mV)  # depolarisation of one pathway
    tau_d_s = float(params_n.tau_d / second)
    w_op = float(p.noise_weight / mV)
    weights = np.array(sorted(set(QUICK_WEIGHTS_MV if quick else WEIGHTS_MV) | {w_op}))
    operating = int(np.flatnonzero(weights == w_op)[0])
    total_rates = mean_mV / (weights * tau_d_s)  # Hz: r w tau_d = mean
    a_on, b_on = CORNERS[:, 0], CORNERS[:, 1]
    d = findings.data
    d["corners"] = CORNERS.copy()
    d["xor"] = XOR.copy()

    # -- artificial side: monotonic units, a trained logistic unit, the bump unit -----------
    unit = LogisticUnit().fit(CORNERS, XOR, epochs=2000, learning_rate=1.0, seed=seed)
    d["unit_trained_proba"] = unit.predict_proba(CORNERS)
    d["unit_trained_loss"] = unit.loss(CORNERS, XOR)
    best = LogisticUnit(weights=[1.0, 1.0], bias=-0.5)  # OR: one of the 75% lines
    d["unit_best_class"] = best.predict(CORNERS)
    d["unit_best_accuracy"] = 100 * best.score(CORNERS, XOR)
    monotonic = 100 * threshold_unit_accuracies(CORNERS, XOR, GRID_VALUES)
    bumps = 100 * threshold_unit_accuracies(CORNERS, XOR, GRID_VALUES, activation="bump")
    d["grid_units"] = monotonic.size
    d["monotonic_accuracy_counts"] = np.array(
        [np.sum(monotonic == v) for v in (0, 25, 50, 75, 100)]
    )
    d["bump_accuracy_counts"] = np.array([np.sum(bumps == v) for v in (0, 25, 50, 75, 100)])
    d["monotonic_best"] = float(monotonic.max())
    d["bump_best"] = float(bumps.max())
    bump_unit = BumpUnit(BUMP_WEIGHTS, BUMP_BIAS)
    d["bump_sum"] = CORNERS @ bump_unit.weights + bump_unit.bias
    d["bump_output"] = bump_unit.predict_proba(CORNERS)
    d["bump_class"] = bump_unit.predict(CORNERS)
    d["bump_accuracy"] = 100 * bump_unit.score(CORNERS, XOR)

    # -- spiking side, run 1: noise-free ladder, noise-free cases, noisy example traces ------
    ladder_top = max(3 * rheobase_nA, 2.4 * one_nA)
    ladder = np.round(np.linspace(0.0, ladder_top, 25 if quick else 61), 6)
    n_ladder = ladder.size
    noisy_a = np.concatenate([a_on, np.ones(NOISE_COPIES)])
    noisy_b = np.concatenate([b_on, np.zeros(NOISE_COPIES)])
    n_noisy = noisy_a.size
    n_trace = n_ladder + 4 + n_noisy
    const_a = np.zeros(n_trace)
    const_b = np.zeros(n_trace)
    const_a[:n_ladder] = ladder
    const_a[n_ladder : n_ladder + 4] = a_on * one_nA
    const_b[n_ladder : n_ladder + 4] = b_on * one_nA
    rate_op = total_rates[operating] / SYNAPSES_PER_PATHWAY
    pois_a = np.zeros(n_trace)
    pois_b = np.zeros(n_trace)
    pois_a[n_ladder + 4 :] = noisy_a * rate_op
    pois_b[n_ladder + 4 :] = noisy_b * rate_op
    sigma = np.zeros(n_trace)
    sigma[n_ladder + 4 :] = float(p.soma_sigma / mV)
    trace_run = simulate(
        params_n.replace(sigma=sigma * mV),
        [
            constant(const_a * nA),
            constant(const_b * nA),
            poisson(pois_a * Hz, n_inputs=SYNAPSES_PER_PATHWAY, weight=w_op * mV),
            poisson(pois_b * Hz, n_inputs=SYNAPSES_PER_PATHWAY, weight=w_op * mV),
        ],
        duration_ms * ms,
        dt=DT,
        record_v=True,
        seed=seed,
    )
    trains = [np.asarray(tr[0] / second, dtype=float) for tr in trace_run.trains()]
    settle_s = SETTLE_MS * 1e-3
    i_active = np.asarray(trace_run.I_active[:, 0, :] / nA, dtype=float)
    v_d = np.asarray(trace_run.v_dendrite[:, 0, :] / mV, dtype=float)
    v_s = np.asarray(trace_run.v[:, 0, :] / mV, dtype=float)
    t_ms = np.asarray(trace_run.t / ms, dtype=float)
    late = t_ms >= SETTLE_MS

    d["rheobase_nA"] = rheobase_nA
    d["pathway_nA"] = one_nA
    d["soma_rheobase_nA"] = float((params_n.V_th - params_n.E_L) / params_n.R / nA)
    d["ladder_nA"] = ladder
    d["ladder_active_nA"] = i_active[:n_ladder, -1]  # steady state at the end of the run
    d["ladder_rate_Hz"] = np.array([_steady_rate_Hz(tr, settle_s) for tr in trains[:n_ladder]])
    fine = np.linspace(0.0, ladder_top, 601)
    d["fine_nA"] = fine
    d["fine_active_nA"] = np.asarray(params_n.active_current(fine * nA) / nA, dtype=float)
    soma = effective_soma(params_n)
    d["fine_rate_Hz"] = np.asarray(
        lif_rate(soma_drive(params_n, fine * nA), soma) / Hz, dtype=float
    )
    # the bump unit on the same axis: its sum is -2, 0, 2 at 0, 1, 2 pathways
    d["fine_bump"] = bump(BUMP_WEIGHTS[0] * fine / one_nA + BUMP_BIAS)

    clean = slice(n_ladder, n_ladder + 4)
    d["clean_rate_Hz"] = np.array([_steady_rate_Hz(tr, settle_s) for tr in trains[clean]])
    d["clean_theory_Hz"] = np.asarray(
        lif_rate(soma_drive(params_n, (a_on + b_on) * one_nA * nA), soma) / Hz, dtype=float
    )
    noisy = slice(n_ladder + 4, n_trace)
    d["trace_t_ms"] = t_ms
    d["trace_v_dendrite_mV"] = v_d[noisy][:4]
    d["trace_v_soma_mV"] = v_s[noisy][:4]
    d["trace_spikes_ms"] = [1e3 * tr for tr in trains[noisy][:4]]
    d["clean_v_dendrite_mV"] = v_d[clean]
    one_path = np.concatenate([v_d[noisy][1:2, late], v_d[noisy][4:, late]])  # (1, 0) copies
    d["noise_mean_mV"] = float(one_path.mean() - float(params_n.E_L / mV))
    d["noise_std_mV"] = float(np.sqrt(np.mean(one_path.var(axis=1))))
    d["noise_std_theory_mV"] = float(dendritic_noise_std_mV(w_op, mean_mV))
    d["E_L_mV"], d["V_th_mV"] = float(params_n.E_L / mV), float(params_n.V_th / mV)
    d["theta_d_mV"] = float(params_n.theta_d / mV)
    d["mean_depolarisation_mV"] = mean_mV
    d["duration_ms"] = duration_ms
    d["settle_ms"] = SETTLE_MS
    d["trials"] = trials
    d["weights_mV"] = weights

    # -- spiking side, run 2: all cases x noise levels x trials in one network --------------
    n_levels = weights.size
    case_a = np.tile(a_on, n_levels)
    case_b = np.tile(b_on, n_levels)
    w_cond = np.repeat(weights, 4)
    r_cond = np.repeat(total_rates, 4) / SYNAPSES_PER_PATHWAY
    trial_run = simulate(
        params_n.replace(sigma=p.soma_sigma),
        [
            poisson(case_a * r_cond * Hz, n_inputs=SYNAPSES_PER_PATHWAY, weight=w_cond * mV),
            poisson(case_b * r_cond * Hz, n_inputs=SYNAPSES_PER_PATHWAY, weight=w_cond * mV),
        ],
        duration_ms * ms,
        dt=DT,
        trials=trials,
        seed=seed,
    )
    counts = trial_run.counts_in(SETTLE_MS * ms, duration_ms * ms).reshape(n_levels, 4, trials)
    fires = counts >= 1
    correct = fires == XOR.astype(bool)[None, :, None]
    d["trial_counts"] = counts
    d["fire_fraction"] = fires.mean(axis=2)  # (levels, cases)
    d["accuracy"] = 100 * correct.mean(axis=(1, 2))  # (levels,)
    d["level_noise_std_mV"] = dendritic_noise_std_mV(weights, mean_mV)
    d["operating"] = operating
    d["input_counts_per_pathway"] = (
        trial_run.input_counts.reshape(n_levels, 4, trials).mean(axis=2)
        / np.maximum(a_on + b_on, 1)[None, :]
    )
    acc_op = float(d["accuracy"][operating])
    good = d["accuracy"] >= ROBUST_ACCURACY
    d["robust_up_to_mV"] = float(d["level_noise_std_mV"][good].max()) if good.any() else np.nan
    d["both_over_one"] = (
        float(d["clean_rate_Hz"][3] / d["clean_rate_Hz"][1])
        if d["clean_rate_Hz"][1] > 0
        else float("nan")
    )

    # -- claims -----------------------------------------------------------------------------
    findings.claim(
        "best accuracy on the XOR truth table of any unit with a monotonic activation, "
        "searched exhaustively over a grid of weights and biases (its class boundary is "
        "a straight line)",
        d["monotonic_best"],
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
        d["unit_trained_loss"],
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
        d["bump_accuracy"],
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
        acc_op,
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
        d["both_over_one"],
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
        d["robust_up_to_mV"],
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
    return findings


def _table(ax, d):
    """Truth tables as coloured cells: target, unit (blue), neuron (vermillion)."""
    from matplotlib.patches import Rectangle

    columns = [
        ("XOR\ntarget", d["xor"], "k", "{:.0f}", 1.0),
        ("trained\nunit P(1)", d["unit_trained_proba"], ARTIFICIAL, "{:.2f}", 1.0),
        ("best line\n(OR)", d["unit_best_class"], ARTIFICIAL, "{:.0f}", 1.0),
        ("bump\nunit", d["bump_output"], ARTIFICIAL, "{:.2f}", 1.0),
        (
            "neuron\nrate (Hz)",
            d["clean_rate_Hz"],
            SPIKING,
            "{:.0f}",
            max(float(np.max(d["clean_rate_Hz"])), 1.0),
        ),
        (
            "neuron\n% trials\nfiring",
            100 * d["fire_fraction"][d["operating"]],
            SPIKING,
            "{:.0f}",
            100.0,
        ),
    ]
    n_rows = len(d["xor"])
    for j, (_title, values, color, fmt, top) in enumerate(columns):
        for i in range(n_rows):
            value = float(values[i])
            y = n_rows - 1 - i
            ax.add_patch(
                Rectangle(
                    (j + 0.04, y + 0.06),
                    0.92,
                    0.88,
                    facecolor=color,
                    alpha=0.08 + 0.62 * min(value / top, 1.0),
                    linewidth=0,
                )
            )
            ax.text(
                j + 0.5,
                y + 0.5,
                fmt.format(value),
                ha="center",
                va="center",
                fontsize=13,
                fontweight="bold",
                color="white" if value / top > 0.6 else "black",
            )
    for i, (a, b) in enumerate(d["corners"]):
        ax.text(
            -0.1,
            n_rows - 1 - i + 0.5,
            f"A={a:.0f}, B={b:.0f}",
            ha="right",
            va="center",
            fontsize=12,
        )
    for j, (title, *_rest) in enumerate(columns):
        ax.text(j + 0.5, n_rows + 0.08, title, ha="center", va="bottom", fontsize=11)
    ax.set_xlim(-1.45, len(columns))
    ax.set_ylim(0, n_rows + 1.0)
    ax.axis("off")


def plot(findings: Findings):
    """Dendritic response and rate (A), truth tables (B), robustness (C), traces (D)."""
    d = findings.data
    one = d["pathway_nA"]
    with lecture_style():
        fig = new_figure(figsize=(17, 10))
        outer = fig.add_gridspec(2, 1, height_ratios=[1.25, 1])
        top = outer[0].subgridspec(1, 3, width_ratios=[1.15, 1.2, 1])
        a_grid = top[0].subgridspec(2, 1, hspace=0.08)
        ax_act = fig.add_subplot(a_grid[0])
        ax_rate = fig.add_subplot(a_grid[1], sharex=ax_act)
        ax_tab = fig.add_subplot(top[1])
        ax_acc = fig.add_subplot(top[2])
        trace_axes = outer[1].subgridspec(1, 4, wspace=0.05).subplots(sharey=True)

        # A: non-monotonic dendrite, non-monotonic rate
        ax_act.plot(
            d["fine_nA"], d["fine_active_nA"], color=THEORY, ls="--", lw=1.8, label="closed form"
        )
        ax_act.plot(
            d["ladder_nA"], d["ladder_active_nA"], "o", color=SPIKING, ms=5, label="simulated"
        )
        ax_rate.plot(
            d["fine_nA"], d["fine_rate_Hz"], color=THEORY, ls="--", lw=1.8, label="LIF closed form"
        )
        ax_rate.plot(
            d["ladder_nA"], d["ladder_rate_Hz"], "o", color=SPIKING, ms=5, label="simulated soma"
        )
        for ax in (ax_act, ax_rate):
            for k in (1, 2):
                ax.axvline(k * one, color=NEUTRAL, ls=":", lw=1.5)
        ymax = 1.15 * max(d["fine_active_nA"].max(), d["soma_rheobase_nA"])
        ax_act.set_ylim(-0.01, ymax)
        twin = ax_act.twinx()
        twin.plot(
            d["fine_nA"], d["fine_bump"], color=ARTIFICIAL, lw=2.2, label="bump unit's activation"
        )
        twin.set_ylim(-0.01 / ymax, 1.15)
        twin.set_ylabel("bump unit output", color=ARTIFICIAL)
        twin.spines["right"].set_visible(True)
        twin.legend(loc="upper left", fontsize=10)
        for k, name in ((1, "one\npathway"), (2, "both\npathways")):
            ax_rate.text(
                k * one + 0.008,
                0.97,
                name,
                va="top",
                fontsize=11,
                color=NEUTRAL,
                transform=ax_rate.get_xaxis_transform(),
            )
        ax_act.set_ylabel("dendritic active\ncurrent (nA)")
        ax_act.set_title("Dendrite acts like a bump activation", loc="left")
        ax_act.legend(loc="upper right", bbox_to_anchor=(1.0, 0.72), fontsize=10)
        ax_act.tick_params(labelbottom=False)
        ax_rate.set_ylabel("soma rate (Hz)")
        ax_rate.set_xlabel("constant dendritic input (nA)")
        ax_rate.set_ylim(-3, 1.25 * max(d["fine_rate_Hz"].max(), 1.0))
        ax_rate.legend(loc="center right", fontsize=10)

        # B: truth tables
        _table(ax_tab, d)
        ax_tab.set_title("Truth tables: units vs neuron")

        # C: accuracy vs input noise
        x = d["level_noise_std_mV"]
        trials = d["trials"]
        acc = d["accuracy"]
        se = 100 * np.sqrt(np.clip(acc / 100 * (1 - acc / 100), 1e-4, None) / (4 * trials))
        ax_acc.errorbar(
            x, acc, yerr=se, fmt="o-", color=SPIKING, capsize=3, label="two-compartment neuron"
        )
        ax_acc.axhline(
            d["monotonic_best"],
            color=ARTIFICIAL,
            lw=2.2,
            label=f"best monotonic unit ({d['monotonic_best']:.0f}%)",
        )
        ax_acc.axhline(50, color=NEUTRAL, ls=":", lw=1.5, label="chance")
        op = d["operating"]
        ax_acc.annotate(
            f"{acc[op]:.0f}% at {x[op]:.1f} mV\n(operating point)",
            xy=(x[op], acc[op]),
            xytext=(x[op] + 0.3, 86),
            fontsize=11,
            arrowprops={"arrowstyle": "->", "color": "0.3", "lw": 1},
        )
        ax_acc.set_xlabel("input noise: std of dendritic\npotential per pathway (mV)")
        ax_acc.set_ylabel(f"XOR accuracy (%), {trials} trials/case")
        ax_acc.set_ylim(min(40.0, float(np.min(acc)) - 5), 104)
        ax_acc.legend(loc="center left", bbox_to_anchor=(0.0, 0.3), fontsize=10)
        ax_acc.set_title("Robust to input noise", loc="left")

        # D: traces
        t = d["trace_t_ms"]
        names = ("no input", "pathway A", "pathway B", "A and B")
        for k, ax in enumerate(trace_axes):
            ax.plot(
                t, d["trace_v_dendrite_mV"][k], color=SPIKING, lw=1.2, alpha=0.45, label="dendrite"
            )
            ax.plot(t, d["trace_v_soma_mV"][k], color=SPIKING, lw=1.6, label="soma")
            spikes = d["trace_spikes_ms"][k]
            ax.vlines(spikes, d["V_th_mV"], d["V_th_mV"] + 30, color=SPIKING, lw=1.6)
            ax.axhline(d["theta_d_mV"], color=NEUTRAL, ls=":", lw=1.2)
            ax.axvspan(0, d["settle_ms"], color=NEUTRAL, alpha=0.12, lw=0)
            n_in = int(np.sum(spikes >= d["settle_ms"]))
            answer = "fires: 1" if n_in else "silent: 0"
            ax.set_title(f"{names[k]} → {answer}", loc="left", fontsize=13)
            ax.set_xlabel("time (ms)")
            ax.set_xlim(0, d["duration_ms"])
        trace_axes[0].set_ylabel("membrane potential (mV)")
        trace_axes[0].set_ylim(d["E_L_mV"] - 5, d["V_th_mV"] + 32)
        trace_axes[0].text(
            d["duration_ms"] - 5,
            d["theta_d_mV"] - 1,
            "dendritic threshold",
            ha="right",
            va="top",
            fontsize=10,
            color=NEUTRAL,
        )
        trace_axes[0].text(3, d["V_th_mV"] + 31, "settling", fontsize=10, color=NEUTRAL, va="top")
        trace_axes[3].legend(loc="upper right", fontsize=10)
        label_panels([ax_act], x=-0.2, y=1.03)
        for letter, ax, x_at in (
            ("B", ax_tab, 0.0),
            ("C", ax_acc, -0.2),
            ("D", trace_axes[0], -0.2),
        ):
            ax.text(
                x_at,
                1.03,
                letter,
                transform=ax.transAxes,
                fontsize=16,
                fontweight="bold",
                va="bottom",
                ha="right",
            )
        fig.suptitle(
            "One neuron with a dCaAP-like dendrite computes XOR, like a bump unit; "
            "no unit with a monotonic activation can",
            fontsize=17,
            fontweight="bold",
        )
        run_note(fig, findings.settings)
    return fig
