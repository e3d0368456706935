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

* Nonlinearity: the width of the f-I curve's *foot*. On the rate's own range, 0 to the
  ceiling 1/t_ref, take the input that lifts the rate from 1 % to 5 % of the ceiling,
  divided by the input that lifts it from 5 % to 25 %. Shifting or scaling the input
  leaves the ratio unchanged, so a logistic unit has the same one, 0.89, whatever its
  weight and bias, and every squashing function of binary regression (logit, probit,
  complementary log-log, log-log: McCullagh & Nelder 1989, *Generalized Linear
  Models*, ch. 4) has one of at least 0.56. A hard threshold has none: the noise-free
  LIF goes from silence to 1 % of its ceiling within 0.01 % of the rheobase.
* Signal transmission: the delay of the answer, judged by the neuron that receives it
  (:data:`neurosim.contract.yardsticks.DELAY`, shared with ``pulse_down_the_axon``): "at
  once" under 1 ms, the precision of cortical spike timing; partly under 20 ms, the
  receiving neuron's membrane time constant. The latency is stated at twice the
  rheobase, where it is finite and has a name; the figure shows it for every input.

One Brian2 run holds every condition of the figure: the three traces, the f-I sweep,
a ladder of currents around the rheobase, the neuron at twice the rheobase and the two
foot levels are neurons of one group. Rates are steady rates, 1 / (mean inter-spike
interval) (:func:`neurosim.spiking.analysis.steady_rate`), which is what the closed
form describes. No input is random: the run is deterministic.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullLocator
from scipy.stats import norm

from neurosim.contract import Findings, Rule, yardsticks
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
from neurosim.spiking import LIFParameters, simulate
from neurosim.spiking.analysis import steady_rate
from neurosim.spiking.theory import lif_current_for_rate, lif_latency, lif_rate
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
    Parameter(
        "max_current",
        0.8,
        "strongest input of the f-I curve",
        unit="nA",
        low=0.2,
        high=3.0,
    ),
)
COST = 2.5
#: No input is random: every claim is the same for every seed.
DETERMINISTIC = True

#: Input levels of the three voltage traces (nA): below threshold, just above, strong.
TRACE_CURRENTS_NA = (0.12, 0.16, 0.40)
TRACE_LABELS = ("below threshold", "just above threshold", "strong input")
#: Number of input levels of the f-I curve, from 0 to max_current.
FI_POINTS = 33
#: Ladder around the rheobase (relative to it) to measure where firing starts.
RHEOBASE_LADDER = (0.99, 0.999, 0.9999, 1.0001, 1.001, 1.01)
#: The latency is stated at this multiple of the rheobase: tau_m ln 2, the chronaxie.
LATENCY_MULTIPLE = 2.0
#: The foot of the f-I curve: rates at these fractions of the ceiling 1/t_ref.
FOOT_LEVELS = (0.01, 0.05, 0.25)
#: Inverse CDFs of the squashing functions of binary regression (McCullagh & Nelder
#: 1989, ch. 4); the logistic unit's is the first.
LINKS = {
    "logit": lambda p: np.log(p / (1 - p)),
    "probit": norm.ppf,
    "complementary log-log": lambda p: np.log(-np.log1p(-p)),
    "log-log": lambda p: -np.log(-np.log(p)),
}
ONSET_MS = 20.0
DT_MS = 0.1
#: The trace panels show at least this long, and at least 10 tau_m (the plateau).
MIN_TRACE_WINDOW_MS = 200.0
#: Spikes are drawn as vertical lines from threshold to this height above it (the LIF
#: model has no spike shape; a short line keeps the subthreshold charging visible).
SPIKE_HEIGHT_MV = 20.0


def foot_ratio(inputs) -> float:
    """Width of a curve's foot from the inputs at which it reaches the FOOT_LEVELS of its
    range: (x_5% - x_1%) / (x_25% - x_5%). Unchanged by a shift or scale of the input."""
    low, mid, high = (float(x) for x in inputs)
    return (mid - low) / (high - mid)


def link_foot_ratios() -> dict[str, float]:
    """The foot ratio of each squashing function of binary regression (:data:`LINKS`)."""
    return {name: foot_ratio([z(p) for p in FOOT_LEVELS]) for name, z in LINKS.items()}


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Simulate the traces, the f-I sweep, the rheobase ladder and the named inputs."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        deterministic=DETERMINISTIC,
        dt_ms=DT_MS,
        onset_ms=ONSET_MS,
        neuron="LIF: E_L = V_reset -65 mV, V_th -50 mV, R 100 MOhm, t_ref 2 ms, no noise",
        input="constant current steps switched on at onset_ms, from rest",
    )
    neuron = LIFParameters(tau_m=p.tau_m)
    duration_ms = p.plain("duration")
    ceiling = 1.0 / float(neuron.t_ref / second)  # Hz
    # -- stimulus: every condition is one neuron of the same group --------------------
    rheobase = float(neuron.rheobase / nA)
    fi_currents = np.linspace(0.0, p.plain("max_current"), FI_POINTS)
    ladder = rheobase * np.array(RHEOBASE_LADDER)
    foot_rates = ceiling * np.array(FOOT_LEVELS)
    foot_currents = np.asarray(lif_current_for_rate(foot_rates * Hz, neuron) / nA, dtype=float)
    named = np.array([LATENCY_MULTIPLE * rheobase, *foot_currents[1:]])
    currents = np.concatenate([TRACE_CURRENTS_NA, fi_currents, ladder, named])
    n_trace, n_fi, n_ladder = len(TRACE_CURRENTS_NA), fi_currents.size, ladder.size
    # -- spiking model --------------------------------------------------------------
    result = simulate(
        neuron,
        step(currents * nA, onset=ONSET_MS * ms),
        p.duration,
        dt=DT_MS * ms,
        record_v=True,
        seed=seed,
    )
    trains_s = [np.asarray(per_trial[0] / second, dtype=float) for per_trial in result.trains()]
    rates = np.asarray(steady_rate(trains_s), dtype=float)
    first_ms = np.array([1e3 * t[0] - ONSET_MS if t.size else np.nan for t in trains_s])

    # -- voltage traces -----------------------------------------------------------------
    tau_ms = float(neuron.tau_m / ms)
    window = min(duration_ms, max(MIN_TRACE_WINDOW_MS, 10 * tau_ms))
    t_ms = np.asarray(result.t / ms, dtype=float)
    keep = t_ms < window
    v_all = np.asarray(result.v[:, 0, :] / mV, dtype=float)
    d = findings.data
    d["trace_t_ms"] = t_ms[keep]
    d["trace_v_mV"] = v_all[:n_trace, keep]
    d["trace_currents_nA"] = np.array(TRACE_CURRENTS_NA)
    d["trace_labels"] = TRACE_LABELS
    d["trace_spikes_ms"] = [1e3 * t[1e3 * t < window] for t in trains_s[:n_trace]]
    d["trace_window_ms"] = window
    d["trace_drive_mV"] = np.asarray(TRACE_CURRENTS_NA) * float(neuron.R * nA / mV)  # R I
    d["trace_rates_Hz"] = rates[:n_trace]
    d["onset_ms"] = ONSET_MS
    d["tau_m_ms"] = tau_ms
    d["V_th_mV"] = float(neuron.V_th / mV)
    d["V_reset_mV"] = float(neuron.V_reset / mV)
    d["E_L_mV"] = float(neuron.E_L / mV)
    d["t_ref_ms"] = float(neuron.t_ref / ms)
    d["spike_peak_mV"] = d["V_th_mV"] + SPIKE_HEIGHT_MV
    d["ceiling_Hz"] = ceiling

    # -- f-I curve: simulated points against the closed form ----------------------------
    sim_rates = rates[n_trace : n_trace + n_fi]
    theory_at_points = np.asarray(lif_rate(fi_currents * nA, neuron) / Hz, dtype=float)
    fine = np.linspace(0.0, fi_currents[-1], 801)
    d["fi_currents_nA"] = fi_currents
    d["fi_rates_Hz"] = sim_rates
    d["fi_theory_Hz"] = theory_at_points
    d["theory_currents_nA"] = fine
    d["theory_rates_Hz"] = np.asarray(lif_rate(fine * nA, neuron) / Hz, dtype=float)
    d["rheobase_nA"] = rheobase
    firing = theory_at_points > 0
    safe = np.where(firing, theory_at_points, 1.0)
    d["fi_error_percent"] = np.where(firing, 100 * np.abs(sim_rates / safe - 1), 0.0)

    # -- rheobase: where firing starts in the simulation ---------------------------------
    fires = np.array([t.size > 0 for t in trains_s[n_trace + n_fi : n_trace + n_fi + n_ladder]])
    d["ladder_currents_nA"] = ladder
    d["ladder_fires"] = fires
    d["measured_rheobase_nA"] = float(ladder[fires].min()) if fires.any() else float("nan")

    # -- the foot: the LIF's and the logistic unit's --------------------------------------
    n_named = n_trace + n_fi + n_ladder
    d["foot_levels"] = np.array(FOOT_LEVELS)
    d["foot_currents_nA"] = foot_currents
    d["foot_target_Hz"] = foot_rates[1:]
    d["foot_rates_Hz"] = rates[n_named + 1 :]
    d["foot_ratio"] = foot_ratio(foot_currents)
    references = link_foot_ratios()
    d["link_foot_ratios"] = references
    # the logistic through the LIF's 5 % and 25 % points: its foot, where the LIF has none
    z = [LINKS["logit"](q) for q in FOOT_LEVELS[1:]]
    slope = (z[1] - z[0]) / (foot_currents[2] - foot_currents[1])
    d["logistic_rates_Hz"] = ceiling / (1 + np.exp(-(z[0] + slope * (fine - foot_currents[1]))))

    # -- first-spike latency: every input, and at twice the rheobase ----------------------
    sweep_latency = first_ms[n_trace : n_trace + n_fi]
    d["latency_currents_nA"] = fi_currents
    d["latency_ms"] = sweep_latency
    above = fine > rheobase
    d["latency_theory_currents_nA"] = fine[above]
    d["latency_theory_ms"] = np.asarray(lif_latency(fine[above] * nA, neuron) / ms, dtype=float)
    d["named_current_nA"] = float(named[0])
    d["named_latency_ms"] = float(first_ms[n_named])
    d["named_latency_theory_ms"] = float(lif_latency(named[0] * nA, neuron) / ms)
    d["trace_latency_ms"] = float(first_ms[1])
    d["at_once_ms"] = yardsticks.SPIKE_TIMING_PRECISION_MS
    d["window_ms"] = yardsticks.INTEGRATION_WINDOW_MS
    theory_first = np.asarray(lif_latency(currents * nA, neuron) / ms, dtype=float)
    fired = np.isfinite(first_ms) & np.isfinite(theory_first)
    d["latency_error_ms"] = first_ms[fired] - theory_first[fired]

    # -- the reset after every spike ------------------------------------------------------
    # the sample after a spike's step holds the reset value (the monitor records before
    # the threshold is tested, so the spike's own sample is the last one below it)
    after = []
    for k, train in enumerate(trains_s):
        steps = np.rint(1e3 * train / DT_MS).astype(int) + 1
        after.append(v_all[k, steps[steps < v_all.shape[1]]])
    after = np.concatenate(after) if after else np.zeros(0)
    d["post_spike_v_mV"] = after

    # -- claims ----------------------------------------------------------------------------
    named_links = ", ".join(f"{name} {value:.2f}" for name, value in references.items())
    findings.claim(
        "width of the f-I curve's foot: the input that raises the rate from 1 % to 5 % of "
        "its ceiling 1/t_ref, over the input that raises it from 5 % to 25 % (constant "
        "current, no noise; closed form lif_rate, which the simulated points follow); a "
        "logistic unit's ratio is the same for every weight and bias",
        d["foot_ratio"],
        "",
        rule=Rule.at_least(
            min(references.values()),
            below="a hard threshold, no foot",
            reason="every squashing function of binary regression has a foot: "
            f"{named_links} (McCullagh & Nelder 1989); a hard threshold has none (0)",
        ),
        aspect="nonlinearity",
        key=True,
        label="foot of the f-I curve, no noise",
    )
    findings.claim(
        "time from the onset of a constant current of twice the rheobase to the first "
        "spike (from rest, no noise; closed form tau_m ln 2, Lapicque's chronaxie); a "
        "logistic unit passes its answer on in the same step",
        d["named_latency_ms"],
        "ms",
        rule=yardsticks.DELAY,
        aspect="signal transmission",
        key=True,
        label="LIF: first spike at twice the rheobase",
    )
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
        round(float(np.max(np.abs(d["latency_error_ms"]))), 9),
        "ms",
        rule=Rule.at_most(
            DT_MS,
            reason="Brian2 stamps a spike at the start of the step in which V crosses "
            "threshold: at most one step (0.1 ms) early, never late",
        ),
        about="spiking",
        label="first-spike latency vs closed form",
    )
    foot_error = 100 * np.abs(d["foot_rates_Hz"] / d["foot_target_Hz"] - 1)
    findings.claim(
        "largest deviation of the simulated f-I points (the sweep and the foot's 5 % and "
        "25 % levels) from the closed form r = 1/(t_ref + tau_m ln(RI/(RI - (V_th - "
        "E_L)))) (constant currents, no noise, dt 0.1 ms, rate = 1/mean inter-spike "
        "interval)",
        float(max(d["fi_error_percent"].max(), foot_error.max())),
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
    return findings


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
        _traces(trace_axes, d)
        _fi_curve(fi_ax, d)
        _latency(latency_ax, d)
        label_panels([*trace_axes, fi_ax, latency_ax], x=-0.02, y=1.02)
        fig.suptitle(
            "A spiking neuron integrates its input and fires once it crosses a threshold",
            fontsize=16,
            fontweight="bold",
        )
        run_note(fig, findings.settings)
    return fig


def _traces(axes, d) -> None:
    """A-C: the membrane potential below threshold, just above it, and far above it."""
    v_th, v_reset, t_ref = d["V_th_mV"], d["V_reset_mV"], d["t_ref_ms"]
    t = d["trace_t_ms"]
    for k, ax in enumerate(axes):
        spikes = d["trace_spikes_ms"][k]
        for s in spikes:
            ax.axvspan(s, s + t_ref, color=NEUTRAL, alpha=0.25, linewidth=0)
        ax.plot(t, d["trace_v_mV"][k], color=SPIKING, linewidth=1.8)
        ax.vlines(spikes, v_th, d["spike_peak_mV"], color=SPIKING, linewidth=1.8)
        ax.axhline(v_th, color=NEUTRAL, linestyle="--", linewidth=1.3)
        ax.axvline(d["onset_ms"], color=NEUTRAL, linestyle=":", linewidth=1.2)
        current = d["trace_currents_nA"][k]
        summary = "no spikes"
        if len(spikes):
            summary = (
                f"{len(spikes)} spikes in {d['trace_window_ms']:.0f} ms, "
                f"{d['trace_rates_Hz'][k]:.0f} Hz"
            )
        ax.set_title(
            f"{current:.2f} nA, {d['trace_labels'][k]}: {summary}", loc="left", fontsize=13
        )
        ax.set_ylim(v_reset - 4, d["spike_peak_mV"] + 3)
        ax.set_yticks([v_reset, v_th])
        if k < 2:
            ax.tick_params(labelbottom=False)
    ax0 = axes[0]
    ax0.set_xlim(0, d["trace_window_ms"])
    ax0.text(t[-1], v_th + 1.5, "threshold", color=NEUTRAL, ha="right", va="bottom", fontsize=11)
    ax0.text(
        t[-1], v_reset + 1.5, "rest = reset", color=NEUTRAL, ha="right", va="bottom", fontsize=11
    )
    ax0.text(
        d["onset_ms"] + 2, d["spike_peak_mV"], "input on", color=NEUTRAL, va="top", fontsize=11
    )
    plateau = d["E_L_mV"] + d["trace_drive_mV"][0]
    ax0.text(
        0.5 * (d["onset_ms"] + d["trace_window_ms"]),
        plateau - 1.5,
        f"settles at {plateau:.0f} mV, {v_th - plateau:.0f} mV short of threshold".replace(
            "-", "\u2212"
        ),
        color=SPIKING,
        ha="center",
        va="top",
        fontsize=12,
    )
    strong = d["trace_spikes_ms"][2]
    if strong.size:
        s = strong[0]
        axes[2].annotate(
            f"refractory {t_ref:g} ms",
            xy=(s + t_ref / 2, v_reset + 1),
            xytext=(s + 0.11 * d["trace_window_ms"], 0.5 * (v_th + d["spike_peak_mV"])),
            fontsize=11,
            color="0.3",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            arrowprops={"arrowstyle": "->", "color": "0.3", "linewidth": 1},
        )
    late = d["trace_spikes_ms"][1]
    if late.size:
        y = v_th + 0.45 * (d["spike_peak_mV"] - v_th)
        axes[1].annotate(
            "",
            xy=(late[0], y),
            xytext=(d["onset_ms"], y),
            arrowprops={"arrowstyle": "<->", "color": "0.3", "linewidth": 1.2},
        )
        axes[1].text(
            late[0] + 0.01 * d["trace_window_ms"],
            y,
            f"first spike after {d['trace_latency_ms']:.1f} ms",
            color="0.3",
            va="center",
            fontsize=11,
        )
    axes[1].set_ylabel("membrane potential (mV)")
    axes[2].set_xlabel("time (ms)")


def _fi_curve(ax, d) -> None:
    """D: simulated rates on the closed form; a logistic unit with the same rise."""
    right = max(d["fi_currents_nA"][-1], np.max(d["trace_currents_nA"]))
    ax.axvspan(0, d["rheobase_nA"], color=NEUTRAL, alpha=0.12, linewidth=0)
    ax.plot(
        d["theory_currents_nA"],
        d["logistic_rates_Hz"],
        color=ARTIFICIAL,
        linewidth=2.5,
        label="logistic unit through the same two points",
    )
    ax.plot(
        d["theory_currents_nA"],
        d["theory_rates_Hz"],
        color=THEORY,
        linestyle="--",
        linewidth=2,
        label="LIF closed form",
    )
    ax.plot(
        d["fi_currents_nA"],
        d["fi_rates_Hz"],
        "o",
        color=SPIKING,
        markersize=7,
        label="simulated LIF neuron",
        zorder=3,
    )
    ax.plot(
        d["foot_currents_nA"][1:],
        d["foot_rates_Hz"],
        "D",
        color="white",
        markeredgecolor=SPIKING,
        markeredgewidth=2,
        markersize=10,
        label="LIF at 5 % and 25 % of its ceiling 1/$t_{ref}$",
        zorder=4,
    )
    ax.axvline(d["rheobase_nA"], color=NEUTRAL, linestyle=":", linewidth=1.5)
    top = 1.08 * max(np.max(d["fi_rates_Hz"]), np.max(d["theory_rates_Hz"]))
    top = max(top, 1.08 * float(np.max(d["logistic_rates_Hz"])))
    ax.set_ylim(-3, top)
    ax.set_xlim(0, right * 1.02)
    ax.text(
        d["rheobase_nA"] + 0.012 * right,
        0.35 * top,
        f"rheobase {d['rheobase_nA']:.2f} nA",
        color=NEUTRAL,
        fontsize=12,
        rotation=90,
        ha="left",
        va="center",
    )
    ax.text(
        0.5 * d["rheobase_nA"],
        0.45 * top,
        "LIF\nsilent:\nexactly\n0 Hz",
        color=SPIKING,
        ha="center",
        va="bottom",
        fontsize=12,
    )
    # where the three traces sit on the curve
    for letter, current, rate in zip("ABC", d["trace_currents_nA"], d["trace_rates_Hz"]):
        ax.plot(
            current,
            rate,
            "o",
            markersize=15,
            markerfacecolor="none",
            markeredgecolor=SPIKING,
            markeredgewidth=2,
            zorder=4,
        )
        ax.annotate(
            letter,
            xy=(current, rate),
            xytext=(-14, 10),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=14,
            fontweight="bold",
        )
    ax.set_ylabel("firing rate (Hz)")
    ax.tick_params(labelbottom=False)
    ax.yaxis.set_label_position("right")
    ax.yaxis.tick_right()
    ax.spines["right"].set_visible(True)
    ax.spines["left"].set_visible(False)
    ax.legend(loc="upper left", fontsize=11)
    ax.set_title(
        f"f-I curve: no foot (width {d['foot_ratio']:.2f}; a logistic's "
        f"{d['link_foot_ratios']['logit']:.2f})",
        loc="left",
        fontsize=13,
    )


def _latency(ax, d) -> None:
    """E: time to the first spike against the input, on the yardstick of "at once"."""
    theory = d["latency_theory_ms"]
    low = 0.5 * min(d["at_once_ms"], float(np.nanmin(d["latency_ms"])))
    high = 2.0 * max(d["window_ms"], float(np.nanmax(d["latency_ms"])))
    ax.axhspan(low, d["at_once_ms"], color=ARTIFICIAL, alpha=0.15, linewidth=0)
    ax.axhspan(d["at_once_ms"], d["window_ms"], color=NEUTRAL, alpha=0.12, linewidth=0)
    ax.plot(d["latency_theory_currents_nA"], theory, color=THEORY, linestyle="--", linewidth=2)
    ax.plot(d["latency_currents_nA"], d["latency_ms"], "o", color=SPIKING, markersize=6)
    ax.plot(
        d["named_current_nA"],
        d["named_latency_ms"],
        "D",
        color=SPIKING,
        markersize=11,
        markeredgecolor="black",
        zorder=4,
    )
    ax.annotate(
        f"twice the rheobase: {d['named_latency_ms']:.1f} ms ($\\tau_m$ ln 2)",
        xy=(d["named_current_nA"], d["named_latency_ms"]),
        xytext=(18, 14),
        textcoords="offset points",
        fontsize=12,
        arrowprops={"arrowstyle": "->", "color": "0.3", "linewidth": 1},
    )
    ax.axvline(d["rheobase_nA"], color=NEUTRAL, linestyle=":", linewidth=1.5)
    ax.set_yscale("log")
    ax.set_ylim(low, high)
    ticks = [t for t in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500) if low <= t <= high]
    ax.set_yticks(ticks, [f"{t:g}" for t in ticks])
    ax.yaxis.set_minor_locator(NullLocator())
    right = ax.get_xlim()[1]
    ax.text(
        0.98 * right,
        np.sqrt(low * d["at_once_ms"]),
        f"at once: < {d['at_once_ms']:g} ms (spike-timing precision)",
        color=ARTIFICIAL,
        ha="right",
        va="center",
        fontsize=11,
    )
    ax.text(
        0.98 * right,
        1.15 * d["at_once_ms"],
        f"< {d['window_ms']:g} ms: within the receiver's membrane time constant",
        color="0.3",
        ha="right",
        va="bottom",
        fontsize=11,
    )
    ax.set_xlabel("input current (nA)")
    ax.set_ylabel("first spike after (ms)")
    ax.yaxis.set_label_position("right")
    ax.yaxis.tick_right()
    ax.spines["right"].set_visible(True)
    ax.spines["left"].set_visible(False)
