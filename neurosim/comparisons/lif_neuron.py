"""What a spiking neuron does with its input: it integrates, fires past a threshold, resets.

A leaky integrate-and-fire neuron (tau_m 20 ms by default, rest and reset -65 mV,
threshold -50 mV, R = 100 MOhm, refractory period 2 ms, no noise) receives a current
step. Below the rheobase (V_th - E_L)/R = 0.15 nA its membrane charges up to a plateau
under threshold and it never fires; above it, it fires regularly, the first spike after
the latency t_1 = tau_m ln(RI / (RI - (V_th - E_L))) (Lapicque's LIF, as in Gerstner et
al., *Neuronal Dynamics*, 2014, ch. 1.3), which diverges at the rheobase and is
tau_m ln 2 at twice the rheobase (Lapicque's chronaxie). Each spike is an all-or-none
event followed by a reset and a refractory pause. Counting spikes over many input
levels gives the f-I curve, which matches the closed form
r = 1/(t_ref + tau_m ln(RI/(RI - (V_th - E_L)))) (``neurosim.spiking.theory``).

Two yardsticks judge the analogy; neither depends on the range of currents swept.

* Nonlinearity: the width of the f-I curve's *foot* (:func:`neurosim.bridge.foot_ratio`:
  the input from 1 % to 5 % of the ceiling 1/t_ref over the input from 5 % to 25 %). A
  logistic unit's is 0.89 whatever its weight and bias, every squashing function of
  binary regression has one of at least 0.56 (McCullagh & Nelder 1989); a hard
  threshold has none: the noise-free LIF goes from silence to 1 % of its ceiling within
  0.01 % of the rheobase.
* Signal transmission: the delay of the answer, judged by the neuron that receives it
  (:data:`neurosim.contract.yardsticks.DELAY`, shared with ``pulse_down_the_axon``): "at
  once" under 1 ms, the precision of cortical spike timing; partly under 20 ms, the
  receiving neuron's membrane time constant. The latency is stated at twice the
  rheobase, where it is finite and has a name; the figure shows it for every input.

One Brian2 run holds every condition of the figure: the three traces, the f-I sweep,
a ladder of currents around the rheobase, the neuron at twice the rheobase and the two
foot levels are neurons of one group; so are a sweep's points (tau_m is per neuron). Rates are steady rates, 1 / (mean inter-spike
interval) (:func:`neurosim.spiking.analysis.steady_rate`), which is what the closed
form describes. No input is random: the run is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from matplotlib.ticker import NullLocator

from neurosim.bridge import FOOT_LEVELS, LINKS, foot_ratio, link_foot_ratios
from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, THEORY, clear_note, label_panels
from neurosim.plotting.notes import clear_legend
from neurosim.plotting.panels import membrane_trace
from neurosim.plotting.style import lecture_style, new_figure, run_note
from neurosim.spiking import LIFParameters, Simulation, seeds_as_batch
from neurosim.spiking.analysis import steady_rate
from neurosim.spiking.theory import lif_latency, lif_rate
from neurosim.stimuli import step
from neurosim.units import Hz, ms, mV, nA, second

NAME = "lif_neuron"
QUESTION = "What does a spiking neuron do with its input?"
PARAMETERS = (
    Parameter.from_field(LIFParameters, "tau_m", low=2, high=100),
    Parameter(
        "duration",
        1000.0,
        "simulated time per input level (steady rates need several spikes)",
        unit="ms",
        low=200,
        high=10000,
        quick=400.0,
    ),
    Parameter("max_current", 0.8, "strongest input of the f-I curve", unit="nA", low=0.2, high=3.0),
)
COST = 2.5
#: No input is random: every claim is the same for every seed.
DETERMINISTIC = True
#: Live updates (explore()): quick settings plus these: a 0.5 s run on 2 cores (measured,
#: benchmarks/bench_explore.py; its 2500 Brian2 steps are the time). Lost: each input
#: runs 250 ms, not 400 ms (the traces show 200 ms either way); a rate needs two spikes,
#: so from tau_m of about 60 ms on (quick: 100) the f-I point just above the rheobase
#: reads 0 Hz and the f-I check fails.
EXPLORE = {"duration": 250.0}

#: Input levels of the three voltage traces (nA): below threshold, just above, strong.
TRACE_CURRENTS_NA = (0.12, 0.16, 0.40)
TRACE_LABELS = ("below threshold", "just above threshold", "strong input")
#: Number of input levels of the f-I curve, from 0 to max_current.
FI_POINTS = 33
#: Ladder around the rheobase (relative to it) to measure where firing starts.
RHEOBASE_LADDER = (0.99, 0.999, 0.9999, 1.0001, 1.001, 1.01)
#: The latency is stated at this multiple of the rheobase: tau_m ln 2, the chronaxie.
LATENCY_MULTIPLE = 2.0
ONSET_MS = 20.0
DT_MS = 0.1
#: The trace panels show at least this long, and at least 10 tau_m (the plateau).
MIN_TRACE_WINDOW_MS = 200.0
#: Spikes drawn from threshold up this far (the LIF has no spike shape; short: charging shows).
SPIKE_HEIGHT_MV = 20.0
#: What is run, for the record (``findings.settings``).
RECORD = dict(
    deterministic=DETERMINISTIC,
    dt_ms=DT_MS,
    onset_ms=ONSET_MS,
    neuron="LIF: E_L = V_reset -65 mV, V_th -50 mV, R 100 MOhm, t_ref 2 ms, no noise",
    input="constant current steps switched on at onset_ms, from rest",
)
#: The yardstick of "at once" and of the receiving neuron's integration window (ms).
AT_ONCE_MS, WINDOW_MS = yardsticks.SPIKE_TIMING_PRECISION_MS, yardsticks.INTEGRATION_WINDOW_MS


@dataclass(frozen=True)
class Responses:
    """What ``plot()`` draws and the tests check (currents in nA, times in ms, rates in Hz).

    Attributes
    ----------
    trace_currents_nA, trace_t_ms, trace_v_mV, trace_spikes_ms, trace_window_ms
        The three traces: their inputs, time grid and potentials (3 x times, mV), spike
        times (tuple of arrays) and the window shown.
    trace_drive_mV, trace_rates_Hz, trace_latency_ms
        R I of each trace, its steady rate, and trace B's first spike after the onset.
    V_th_mV, V_reset_mV, E_L_mV, t_ref_ms
        The neuron's threshold, reset, rest and refractory period.
    fi_currents_nA, fi_rates_Hz, fi_theory_Hz, latency_ms
        The f-I sweep: simulated steady rates, the closed form, first-spike latencies.
    theory_currents_nA, theory_rates_Hz, logistic_rates_Hz
        A fine grid: the closed form and a logistic through the LIF's 5 % and 25 % points.
    rheobase_nA, ladder_fires, measured_rheobase_nA
        (V_th - E_L)/R; whether each current of the ladder around it fires; the lowest
        that does.
    foot_currents_nA, foot_rates_Hz, foot_ratio, logit_foot_ratio
        Currents reaching 1, 5 and 25 % of the ceiling 1/t_ref (closed form), the rates
        simulated at the last two, the foot ratio they give, and a logistic unit's.
    latency_theory_currents_nA, latency_theory_ms
        The closed-form latency above the rheobase.
    named_current_nA, named_latency_ms, named_latency_theory_ms
        Twice the rheobase: its first spike, simulated and closed form.
    post_spike_v_mV
        The potential right after every spike of every condition.
    """

    trace_currents_nA: np.ndarray
    trace_t_ms: np.ndarray
    trace_v_mV: np.ndarray
    trace_spikes_ms: tuple
    trace_window_ms: float
    trace_drive_mV: np.ndarray
    trace_rates_Hz: np.ndarray
    trace_latency_ms: float
    V_th_mV: float
    V_reset_mV: float
    E_L_mV: float
    t_ref_ms: float
    fi_currents_nA: np.ndarray
    fi_rates_Hz: np.ndarray
    fi_theory_Hz: np.ndarray
    latency_ms: np.ndarray
    theory_currents_nA: np.ndarray
    theory_rates_Hz: np.ndarray
    logistic_rates_Hz: np.ndarray
    rheobase_nA: float
    ladder_fires: np.ndarray
    measured_rheobase_nA: float
    foot_currents_nA: np.ndarray
    foot_rates_Hz: np.ndarray
    foot_ratio: float
    logit_foot_ratio: float
    latency_theory_currents_nA: np.ndarray
    latency_theory_ms: np.ndarray
    named_current_nA: float
    named_latency_ms: float
    named_latency_theory_ms: float
    post_spike_v_mV: np.ndarray


@seeds_as_batch
def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Simulate the traces, the f-I sweep, the rheobase ladder and the named inputs."""
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed, **RECORD)
    neuron = LIFParameters(tau_m=p.tau_m)
    # stimulus: the traces, the f-I sweep, the ladder around the rheobase, twice the
    # rheobase and the foot's 5 % and 25 % levels, each input one neuron of one group
    rheobase = float(neuron.rheobase / nA)
    ceiling = 1.0 / float(neuron.t_ref / second)  # Hz
    foot_rates = ceiling * np.array(FOOT_LEVELS)
    foot = np.asarray(neuron.current_for_rate(foot_rates * Hz) / nA, dtype=float)
    groups = {
        "traces": np.array(TRACE_CURRENTS_NA),
        "fi": np.linspace(0.0, p.plain("max_current"), FI_POINTS),
        "ladder": rheobase * np.array(RHEOBASE_LADDER),
        "named": np.array([LATENCY_MULTIPLE * rheobase]),
        "foot": foot[1:],
    }
    currents = np.concatenate(list(groups.values()))
    stimulus = step(currents * nA, onset=ONSET_MS * ms)
    # spiking model: one run; tau_m per neuron, so a sweep's values batch (same bits)
    per_neuron = replace(neuron, tau_m=np.full(currents.size, float(p.tau_m / second)) * second)
    result = yield Simulation(
        per_neuron, stimulus, p.duration, DT_MS * ms, record_v=True, seed=seed
    )
    trains = [np.asarray(per_trial[0] / second, dtype=float) for per_trial in result.trains()]
    rates = np.asarray(steady_rate(trains), dtype=float)
    first = np.array([1e3 * t[0] - ONSET_MS if t.size else np.nan for t in trains])
    bounds = np.cumsum([0, *(g.size for g in groups.values())])
    part = {name: slice(a, b) for name, a, b in zip(groups, bounds[:-1], bounds[1:])}
    fi, ladder = groups["fi"], groups["ladder"]
    fine = np.linspace(0.0, fi[-1], 801)
    fires = np.array([t.size > 0 for t in trains[part["ladder"]]])
    findings.data = Responses(
        **_traces(neuron, result, trains, rates[part["traces"]], first[1], p.plain("duration")),
        fi_currents_nA=fi,
        fi_rates_Hz=rates[part["fi"]],
        fi_theory_Hz=np.asarray(lif_rate(fi * nA, neuron) / Hz, dtype=float),
        latency_ms=first[part["fi"]],
        theory_currents_nA=fine,
        theory_rates_Hz=np.asarray(lif_rate(fine * nA, neuron) / Hz, dtype=float),
        logistic_rates_Hz=_logistic_through(foot, ceiling, fine),
        rheobase_nA=rheobase,
        ladder_fires=fires,
        measured_rheobase_nA=float(ladder[fires].min()) if fires.any() else float("nan"),
        foot_currents_nA=foot,
        foot_rates_Hz=rates[part["foot"]],
        foot_ratio=foot_ratio(foot),
        logit_foot_ratio=link_foot_ratios()["logit"],
        **_latency_theory(neuron, fine, float(groups["named"][0]), float(first[part["named"]][0])),
        post_spike_v_mV=np.asarray(result.v_after_spikes() / mV, dtype=float),
    )
    # every input that fires, against the closed-form latency
    theory_first = np.asarray(lif_latency(currents * nA, neuron) / ms, dtype=float)
    fired = np.isfinite(first) & np.isfinite(theory_first)
    _claims(findings, first[fired] - theory_first[fired], foot_rates[1:])
    return findings


def _traces(neuron, result, trains, rates, latency, duration_ms) -> dict:
    """The three voltage traces, cut to the window the panels show."""
    window = min(duration_ms, max(MIN_TRACE_WINDOW_MS, 10 * float(neuron.tau_m / ms)))
    t = np.asarray(result.t / ms, dtype=float)
    n = len(TRACE_CURRENTS_NA)
    return dict(
        trace_currents_nA=np.array(TRACE_CURRENTS_NA),
        trace_t_ms=t[t < window],
        trace_v_mV=np.asarray(result.v[:, 0, :] / mV, dtype=float)[:n, t < window],
        trace_spikes_ms=tuple(1e3 * s[1e3 * s < window] for s in trains[:n]),
        trace_window_ms=window,
        trace_drive_mV=np.asarray(TRACE_CURRENTS_NA) * float(neuron.R * nA / mV),  # R I
        trace_rates_Hz=rates,
        trace_latency_ms=float(latency),
        V_th_mV=float(neuron.V_th / mV),
        V_reset_mV=float(neuron.V_reset / mV),
        E_L_mV=float(neuron.E_L / mV),
        t_ref_ms=float(neuron.t_ref / ms),
    )


def _logistic_through(foot, ceiling, currents):
    """The logistic through the LIF's 5 % and 25 % points: its foot, where the LIF has none."""
    z = [LINKS["logit"](q) for q in FOOT_LEVELS[1:]]
    slope = (z[1] - z[0]) / (foot[2] - foot[1])
    return ceiling / (1 + np.exp(-(z[0] + slope * (currents - foot[1]))))


def _latency_theory(neuron, currents, named, named_latency) -> dict:
    """The closed-form latency above the rheobase, and at twice the rheobase."""
    above = currents[currents > float(neuron.rheobase / nA)]
    return dict(
        latency_theory_currents_nA=above,
        latency_theory_ms=np.asarray(lif_latency(above * nA, neuron) / ms, dtype=float),
        named_current_nA=named,
        named_latency_ms=named_latency,
        named_latency_theory_ms=float(lif_latency(named * nA, neuron) / ms),
    )


def _claims(findings: Findings, latency_error_ms, foot_target_Hz) -> None:
    d = findings.data
    references = link_foot_ratios()
    named_links = ", ".join(f"{name} {value:.2f}" for name, value in references.items())
    findings.claim(
        "width of the f-I curve's foot: the input that raises the rate from 1 % to 5 % of "
        "its ceiling 1/t_ref, over the input that raises it from 5 % to 25 % (constant "
        "current, no noise; closed form lif_rate, which the simulated points follow); a "
        "logistic unit's ratio is the same for every weight and bias",
        d.foot_ratio,
        "",
        rule=Rule.at_least(
            min(references.values()),
            below="a hard threshold, no foot",
            reason="every squashing function of binary regression has a foot: "
            f"{named_links} (McCullagh & Nelder 1989); a hard threshold has none (0)",
        ),
        aspect="nonlinearity",
        key=True,
        label="f-I foot width ratio, no noise",
    )
    findings.claim(
        "time from the onset of a constant current of twice the rheobase to the first "
        "spike (from rest, no noise; closed form tau_m ln 2, Lapicque's chronaxie); a "
        "logistic unit passes its answer on in the same step",
        d.named_latency_ms,
        "ms",
        rule=yardsticks.DELAY,
        aspect="signal transmission",
        key=True,
        label="LIF: first spike at twice the rheobase",
    )
    after = d.post_spike_v_mV
    findings.claim(
        "spread of the membrane potential right after each spike, over all spikes and "
        "input levels (constant currents, no noise): a spike is all-or-none, its size "
        "and aftermath carry nothing of the input; only its time does",
        float(np.ptp(after)) if after.size else float("nan"),
        "mV",
        rule=Rule.at_least(
            1.0,
            below="all-or-none: the same reset every time",
            reason="a graded answer like the unit's number would vary with the input; "
            "1 mV is far above rounding (1e-9 mV) and below the 15 mV to threshold",
        ),
        aspect="output code",
        label="LIF: potential after each spike",
        by_construction="the LIF model resets to V_reset after every spike",
    )
    findings.claim(
        "largest deviation of the simulated first-spike latencies (every input that "
        "fires) from the closed form tau_m ln(RI / (RI - (V_th - E_L))) (dt 0.1 ms)",
        # spike times lie on the 0.1 ms grid up to float rounding (1e-14 ms)
        round(float(np.max(np.abs(latency_error_ms))), 9),
        "ms",
        rule=Rule.at_most(
            DT_MS,
            reason="Brian2 stamps a spike at the start of the step in which V crosses "
            "threshold: at most one step (0.1 ms) early, never late",
        ),
        about="spiking",
        label="first-spike latency vs closed form",
    )
    firing = d.fi_theory_Hz > 0
    safe = np.where(firing, d.fi_theory_Hz, 1.0)
    fi_error = np.where(firing, 100 * np.abs(d.fi_rates_Hz / safe - 1), 0.0)
    foot_error = 100 * np.abs(d.foot_rates_Hz / foot_target_Hz - 1)
    findings.claim(
        "largest deviation of the simulated f-I points (the sweep and the foot's 5 % and "
        "25 % levels) from the closed form r = 1/(t_ref + tau_m ln(RI/(RI - (V_th - "
        "E_L)))) (constant currents, no noise, dt 0.1 ms, rate = 1/mean inter-spike "
        "interval)",
        float(max(fi_error.max(), foot_error.max())),
        "%",
        rule=Rule.at_most(
            2.0,
            partly=5.0,
            reason="spikes stamped up to one step early shorten each period by < dt: "
            "excess r dt/(1 - r dt) < 2 % below 190 Hz, < 5 % below 470 Hz",
        ),
        about="spiking",
        label="f-I curve vs closed form",
    )


def plot(findings: Findings):
    """Three voltage traces (left); the f-I curve with a logistic unit's (right, top);
    the first-spike latency against the yardstick of "at once" (right, bottom)."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(16, 9))
        grid = fig.add_gridspec(
            3, 2, width_ratios=[1.3, 1], height_ratios=[1, 1, 1.15], hspace=0.16, wspace=0.1
        )
        trace_axes = [fig.add_subplot(grid[i, 0]) for i in range(3)]
        for ax in trace_axes[1:]:
            ax.sharex(trace_axes[0])
            ax.sharey(trace_axes[0])
        fi_ax = fig.add_subplot(grid[:2, 1])
        latency_ax = fig.add_subplot(grid[2, 1], sharex=fi_ax)
        for k, ax in enumerate(trace_axes):
            _trace(ax, d, k)
        _fi_curve(fi_ax, d)
        _latency(latency_ax, d)
        label_panels([*trace_axes, fi_ax, latency_ax], x=-0.02, y=1.02)
        title = "A spiking neuron integrates its input and fires once it crosses a threshold"
        fig.suptitle(title, fontsize=16, fontweight="bold")
        run_note(fig, findings.settings)
    return fig


def _trace(ax, d: Responses, k: int) -> None:
    """A-C: the membrane potential below threshold (A), just above it (B), far above (C)."""
    v_th, v_reset, t_ref, peak = d.V_th_mV, d.V_reset_mV, d.t_ref_ms, d.V_th_mV + SPIKE_HEIGHT_MV
    t, spikes, window = d.trace_t_ms, d.trace_spikes_ms[k], d.trace_window_ms
    for s in spikes:
        ax.axvspan(s, s + t_ref, color=NEUTRAL, alpha=0.25, linewidth=0)
    trace = {"spike_height_mV": SPIKE_HEIGHT_MV, "linewidth": 1.8, "threshold_width": 1.3}
    membrane_trace(ax, t, d.trace_v_mV[k], spikes, threshold_mV=v_th, **trace)
    ax.axvline(ONSET_MS, color=NEUTRAL, linestyle=":", linewidth=1.2)
    summary = "no spikes"
    if len(spikes):  # the grey bands are named in the title: the traces fill C
        summary = f"{len(spikes)} spikes in {window:.0f} ms, {d.trace_rates_Hz[k]:.0f} Hz"
        summary += f" (grey: refractory {t_ref:g} ms)" if k == 2 else ""
    title = f"{d.trace_currents_nA[k]:.2f} nA, {TRACE_LABELS[k]}: {summary}"
    ax.set_title(title, loc="left", fontsize=13)
    ax.set_ylim(v_reset - 4, peak + 3)
    ax.set_yticks([v_reset, v_th])
    grey, note = {"color": "0.3", "fontsize": 11}, {"color": NEUTRAL, "fontsize": 11}
    if k < 2:
        ax.tick_params(labelbottom=False)
    if k == 0:  # the landmarks, and where the sub-threshold input leaves the membrane
        ax.set_xlim(0, window)
        ax.text(t[-1], v_th + 1.5, "threshold", ha="right", va="bottom", **note)
        ax.text(t[-1], v_reset + 1.5, "rest = reset", ha="right", va="bottom", **note)
        ax.text(ONSET_MS + 2, peak, "input on", va="top", **note)
        plateau = d.E_L_mV + d.trace_drive_mV[0]
        text = f"settles at {plateau:.0f} mV, {v_th - plateau:.0f} mV short of threshold"
        text, x = text.replace("-", "\u2212"), 0.5 * (ONSET_MS + window)
        ax.text(x, plateau - 1.5, text, color=SPIKING, ha="center", va="top", fontsize=12)
    elif k == 1:  # how long the first spike takes
        ax.set_ylabel("membrane potential (mV)")
    if k == 1 and spikes.size:
        y = v_th + 0.45 * (peak - v_th)
        arrow = {"arrowstyle": "<->", "color": "0.3", "linewidth": 1.2}
        ax.annotate("", xy=(spikes[0], y), xytext=(ONSET_MS, y), arrowprops=arrow)
        text = f"first spike after {d.trace_latency_ms:.1f} ms"
        ax.text(spikes[0] + 0.01 * window, y, text, va="center", **grey)
    if k == 2:
        ax.set_xlabel("time (ms)")


def _right_axis(ax) -> None:
    ax.yaxis.set_label_position("right")
    ax.yaxis.tick_right()
    ax.spines["right"].set_visible(True)
    ax.spines["left"].set_visible(False)


def _fi_curve(ax, d: Responses) -> None:
    """D: simulated rates on the closed form; a logistic unit with the same rise."""
    right = max(d.fi_currents_nA[-1], np.max(d.trace_currents_nA))
    ax.axvspan(0, d.rheobase_nA, color=NEUTRAL, alpha=0.12, linewidth=0)
    label = "logistic unit through the same two points"
    ax.plot(d.theory_currents_nA, d.logistic_rates_Hz, color=ARTIFICIAL, linewidth=2.5, label=label)
    style = {"color": THEORY, "linestyle": "--", "linewidth": 2, "label": "LIF closed form"}
    ax.plot(d.theory_currents_nA, d.theory_rates_Hz, **style)
    style = {"color": SPIKING, "markersize": 7, "label": "simulated LIF neuron", "zorder": 3}
    ax.plot(d.fi_currents_nA, d.fi_rates_Hz, "o", **style)
    label = r"LIF at 5 % and 25 % of its ceiling $1/t_\mathrm{ref}$"
    style = {"markeredgecolor": SPIKING, "markeredgewidth": 2, "markersize": 10, "zorder": 4}
    ax.plot(d.foot_currents_nA[1:], d.foot_rates_Hz, "D", color="white", label=label, **style)
    ax.axvline(d.rheobase_nA, ymax=0.72, color=NEUTRAL, linestyle=":", linewidth=1.5)  # legend
    top = 1.08 * max(np.max(d.fi_rates_Hz), np.max(d.theory_rates_Hz))
    top = max(top, 1.08 * float(np.max(d.logistic_rates_Hz)))
    ax.set_ylim(-3, top)
    ax.set_xlim(0, right * 1.02)
    # notes beside the rheobase's line, then over the silent range: where no curve runs
    kw, at = {"transform": ax.transData, "fontsize": 12}, d.rheobase_nA
    places = [(at + 0.012 * right, y * top, "left", "center") for y in (0.35, 0.7)]
    places[1:1] = [(at - 0.012 * right, y * top, "right", "center") for y in (0.3, 0.6)]
    clear_note(ax, f"rheobase {at:.2f} nA", places, color=NEUTRAL, rotation=90, **kw)
    places = [(0.5 * at, y * top, "center", "bottom") for y in (0.45, 0.15, 0.7)]
    clear_note(ax, "LIF\nsilent:\nexactly\n0 Hz", places, color=SPIKING, **kw)
    # where the three traces sit on the curve
    ring = {"markersize": 15, "markerfacecolor": "none", "markeredgecolor": SPIKING}
    bold = {"ha": "right", "va": "bottom", "fontsize": 14, "fontweight": "bold"}
    for letter, current, rate in zip("ABC", d.trace_currents_nA, d.trace_rates_Hz):
        ax.plot(current, rate, "o", markeredgewidth=2, zorder=4, **ring)
        up = 26 if letter == "A" else 10  # A: above the logistic curve
        ax.annotate(letter, (current, rate), (-14, up), textcoords="offset points", **bold)
    ax.set_ylabel("firing rate (Hz)")
    ax.tick_params(labelbottom=False)
    _right_axis(ax)
    clear_legend(ax, ["upper left", "lower right", "center right"], fontsize=11)
    title = f"f-I curve: no foot (width {d.foot_ratio:.2f}; a logistic's {d.logit_foot_ratio:.2f})"
    ax.set_title(title, loc="left", fontsize=13)


def _latency(ax, d: Responses) -> None:
    """E: time to the first spike against the input, on the yardstick of "at once"."""
    low = 0.5 * min(AT_ONCE_MS, float(np.nanmin(d.latency_ms)))
    high = 2.0 * max(WINDOW_MS, float(np.nanmax(d.latency_ms)))
    ax.axhspan(low, AT_ONCE_MS, color=ARTIFICIAL, alpha=0.15, linewidth=0)
    ax.axhspan(AT_ONCE_MS, WINDOW_MS, color=NEUTRAL, alpha=0.12, linewidth=0)
    theory = {"color": THEORY, "linestyle": "--", "linewidth": 2}
    ax.plot(d.latency_theory_currents_nA, d.latency_theory_ms, **theory)
    ax.plot(d.fi_currents_nA, d.latency_ms, "o", color=SPIKING, markersize=6)
    named = (d.named_current_nA, d.named_latency_ms)
    ax.plot(*named, "D", color=SPIKING, markersize=11, markeredgecolor="black", zorder=4)
    text = f"twice the rheobase: {d.named_latency_ms:.1f} ms ($\\tau_m$ ln 2)"
    arrow = {"arrowstyle": "->", "color": "0.3", "linewidth": 1}
    ax.annotate(text, named, (24, 18), textcoords="offset points", fontsize=12, arrowprops=arrow)
    ax.axvline(d.rheobase_nA, color=NEUTRAL, linestyle=":", linewidth=1.5)
    ax.set_yscale("log")
    ax.set_ylim(low, high)
    ticks = [t for t in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500) if low <= t <= high]
    ax.set_yticks(ticks, [f"{t:g}" for t in ticks])
    ax.yaxis.set_minor_locator(NullLocator())
    # each band's note at its right end, else at its left (where the curve runs high)
    right, kw = ax.get_xlim()[1], {"transform": ax.transData, "fontsize": 11}
    text, y = f"at once: < {AT_ONCE_MS:g} ms (spike-timing precision)", np.sqrt(low * AT_ONCE_MS)
    places = [(0.98 * right, y, "right", "center"), (0.02 * right, y, "left", "center")]
    clear_note(ax, text, places, color=ARTIFICIAL, **kw)
    text, y = f"< {WINDOW_MS:g} ms: within the receiver's membrane time constant", 1.15 * AT_ONCE_MS
    clear_note(ax, text, [(x, y, ha, "bottom") for x, _y, ha, _va in places], color="0.3", **kw)
    ax.set_xlabel("input current (nA)")
    ax.set_ylabel("first spike after (ms)")
    _right_axis(ax)
