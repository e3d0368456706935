"""What a spiking neuron does with its input: it integrates, fires past a threshold, resets.

A leaky integrate-and-fire neuron (tau_m 20 ms by default, rest and reset -65 mV,
threshold -50 mV, R = 100 MOhm, refractory period 2 ms, no noise) receives a current
step. Below the rheobase (V_th - E_L)/R = 0.15 nA its membrane charges up to a plateau
under threshold and it never fires; just above, it fires slowly and regularly, after a
first-spike latency t = tau_m ln(RI / (RI - (V_th - E_L))) (Lapicque's LIF, as in
Gerstner et al., *Neuronal Dynamics*, 2014, ch. 1.3); with a strong input, fast. Each
spike is an all-or-none event followed by a reset and a refractory pause. Counting
spikes over many input levels gives the f-I curve, which matches the closed form
r = 1/(t_ref + tau_m ln(RI/(RI - (V_th - E_L)))) (``neurosim.spiking.theory``).

One Brian2 run holds every condition of the figure: the three traces, the f-I sweep and
a ladder of currents around the rheobase are neurons of one group. Rates are steady
rates, 1 / (mean inter-spike interval) (:func:`neurosim.spiking.analysis.steady_rate`),
which is what the closed form describes.
"""

from __future__ import annotations

import numpy as np

from neurosim.comparison import begin
from neurosim.findings import Findings, Rule
from neurosim.parameters import Parameter
from neurosim.plotting import NEUTRAL, SPIKING, THEORY, label_panels, lecture_style, new_figure
from neurosim.spiking import LIFParameters, simulate
from neurosim.spiking.analysis import steady_rate
from neurosim.spiking.theory import lif_rate
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

#: Input levels of the three voltage traces (nA): below threshold, just above, strong.
TRACE_CURRENTS_NA = (0.12, 0.16, 0.40)
TRACE_LABELS = ("below threshold", "just above threshold", "strong input")
#: Number of input levels of the f-I curve, from 0 to max_current.
FI_POINTS = 33
#: Ladder around the rheobase (relative to it) to measure where firing starts.
RHEOBASE_LADDER = (0.99, 0.999, 0.9999, 1.0001, 1.001, 1.01)
ONSET_MS = 20.0
DT_MS = 0.1
#: The trace panels show at least this long, and at least 10 tau_m (the plateau).
MIN_TRACE_WINDOW_MS = 200.0
#: Spikes are drawn as vertical lines from threshold to this height above it (the LIF
#: model has no spike shape; a short line keeps the subthreshold charging visible).
SPIKE_HEIGHT_MV = 20.0


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Simulate the traces, the f-I sweep and the rheobase ladder in one run."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        dt_ms=DT_MS,
        onset_ms=ONSET_MS,
        neuron="LIF: E_L = V_reset -65 mV, V_th -50 mV, R 100 MOhm, t_ref 2 ms, no noise",
        input="constant current steps switched on at onset_ms, from rest",
    )
    neuron = LIFParameters(tau_m=p.tau_m)
    duration_ms = p.plain("duration")
    # -- stimulus: every condition is one neuron of the same group --------------------
    rheobase = float(neuron.rheobase / nA)
    fi_currents = np.linspace(0.0, p.plain("max_current"), FI_POINTS)
    ladder = rheobase * np.array(RHEOBASE_LADDER)
    currents = np.concatenate([TRACE_CURRENTS_NA, fi_currents, ladder])
    n_trace, n_fi = len(TRACE_CURRENTS_NA), len(fi_currents)
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
    fires = np.array([t.size > 0 for t in trains_s[n_trace + n_fi :]])
    d["ladder_currents_nA"] = ladder
    d["ladder_fires"] = fires
    d["measured_rheobase_nA"] = float(ladder[fires].min()) if fires.any() else float("nan")

    # -- first-spike latency just above threshold, and the reset after every spike ------
    first = trains_s[1]
    latency = 1e3 * float(first[0]) - ONSET_MS if first.size else float("nan")
    drive = d["trace_drive_mV"][1]
    gap = d["V_th_mV"] - d["E_L_mV"]
    d["latency_ms"] = latency
    d["latency_theory_ms"] = (
        tau_ms * float(np.log(drive / (drive - gap))) if drive > gap else float("nan")
    )
    # the sample after a spike's step holds the reset value (the monitor records before
    # the threshold is tested, so the spike's own sample is the last one below it)
    after = []
    for k, train in enumerate(trains_s):
        steps = np.rint(1e3 * train / DT_MS).astype(int) + 1
        after.append(v_all[k, steps[steps < v_all.shape[1]]])
    after = np.concatenate(after) if after else np.zeros(0)
    d["post_spike_v_mV"] = after
    d["silent_share_percent"] = 100 * float(np.mean(sim_rates == 0))
    d["ceiling_Hz"] = 1e3 / d["t_ref_ms"] if d["t_ref_ms"] > 0 else float("inf")

    # -- claims ----------------------------------------------------------------------------
    findings.claim(
        "share of the swept input currents (0 to max_current, constant current from rest, "
        "no noise) at which the neuron stays exactly silent; a logistic unit's sigmoid is "
        "above zero for every input",
        d["silent_share_percent"],
        "%",
        rule=Rule.at_most(
            5,
            partly=50,
            reason="a sigmoid is never zero: silence on one sweep step (1/32) is sampling; "
            "partly while the neuron answers on at least half of the inputs",
        ),
        aspect="nonlinearity",
        key=True,
    )
    findings.claim(
        "rate at the strongest swept input as a share of the ceiling 1/t_ref "
        "(constant current, no noise); a sigmoid flattens out near its ceiling",
        100 * float(sim_rates[-1]) / d["ceiling_Hz"],
        "%",
        rule=Rule.at_least(
            90,
            partly=50,
            reason="a squashing function spends its top in saturation: within 10 % of "
            "the ceiling; partly past half of it",
        ),
        aspect="nonlinearity",
    )
    findings.claim(
        "spread of the membrane potential right after each spike, over all spikes and "
        "input levels (constant currents, no noise): a spike is all-or-none, its size "
        "and aftermath carry nothing of the input; only its time does",
        float(np.ptp(after)) if after.size else float("nan"),
        "mV",
        rule=Rule.at_least(
            1.0,
            reason="a graded answer like the unit's number would vary with the input; "
            "1 mV is far above rounding (1e-9 mV) and below the 15 mV to threshold",
        ),
        aspect="output code",
        key=True,
    )
    findings.claim(
        "time from input onset to the first spike just above the rheobase (0.16 nA, "
        "from rest, no noise); a logistic unit passes its answer on in the same step",
        latency,
        "ms",
        rule=Rule.at_most(
            DT_MS,
            partly=5.0,
            reason="at once = within one integration step (0.1 ms); partly within a "
            "synaptic delay (1-5 ms, Kandel et al., Principles of Neural Science)",
        ),
        aspect="signal transmission",
        key=True,
    )
    findings.claim(
        "measured first-spike latency just above the rheobase minus the closed form "
        "tau_m ln(RI / (RI - (V_th - E_L))) (dt 0.1 ms)",
        latency - d["latency_theory_ms"],
        "ms",
        rule=Rule.between(
            -DT_MS,
            0.0,
            reason="Brian2 stamps a spike at the start of the step in which V crosses "
            "threshold: at most one step (0.1 ms) early, never late",
        ),
        about="spiking",
    )
    findings.claim(
        "largest deviation of the simulated f-I points from the closed form "
        "r = 1/(t_ref + tau_m ln(RI/(RI - (V_th - E_L)))) (constant currents, no noise, "
        "dt 0.1 ms, rate = 1/mean inter-spike interval)",
        float(d["fi_error_percent"].max()),
        "%",
        rule=Rule.at_most(
            2.0,
            partly=5.0,
            reason="spikes stamped up to one step early shorten each period by < dt: "
            "excess r dt/(1 - r dt) < 2 % below 190 Hz, < 5 % below 470 Hz",
        ),
        about="spiking",
    )
    return findings


def plot(findings: Findings):
    """Three voltage traces (left) and the f-I curve against the closed form (right)."""
    d = findings.data
    v_th, v_reset, t_ref = d["V_th_mV"], d["V_reset_mV"], d["t_ref_ms"]
    with lecture_style():
        fig = new_figure(figsize=(15, 8.5))
        grid = fig.add_gridspec(3, 2, width_ratios=[1.35, 1], hspace=0.12, wspace=0.08)
        trace_axes = [fig.add_subplot(grid[i, 0]) for i in range(3)]
        for ax in trace_axes[1:]:
            ax.sharex(trace_axes[0])
            ax.sharey(trace_axes[0])
        fi_ax = fig.add_subplot(grid[:, 1])

        t = d["trace_t_ms"]
        for k, ax in enumerate(trace_axes):
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
        ax0 = trace_axes[0]
        ax0.set_xlim(0, d["trace_window_ms"])
        ax0.text(
            t[-1], v_th + 1.5, "threshold", color=NEUTRAL, ha="right", va="bottom", fontsize=11
        )
        ax0.text(
            t[-1],
            v_reset + 1.5,
            "rest = reset",
            color=NEUTRAL,
            ha="right",
            va="bottom",
            fontsize=11,
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
            trace_axes[2].annotate(
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
            trace_axes[1].annotate(
                "",
                xy=(late[0], y),
                xytext=(d["onset_ms"], y),
                arrowprops={"arrowstyle": "<->", "color": "0.3", "linewidth": 1.2},
            )
            trace_axes[1].text(
                late[0] + 0.01 * d["trace_window_ms"],
                y,
                f"first spike after {d['latency_ms']:.1f} ms",
                color="0.3",
                va="center",
                fontsize=11,
            )
        trace_axes[1].set_ylabel("membrane potential (mV)")
        trace_axes[2].set_xlabel("time (ms)")

        # f-I curve
        fi_ax.plot(
            d["theory_currents_nA"],
            d["theory_rates_Hz"],
            color=THEORY,
            linestyle="--",
            linewidth=2,
            label="closed form",
        )
        fi_ax.plot(
            d["fi_currents_nA"],
            d["fi_rates_Hz"],
            "o",
            color=SPIKING,
            markersize=7,
            label="simulated LIF neuron",
            zorder=3,
        )
        fi_ax.axvline(d["rheobase_nA"], color=NEUTRAL, linestyle=":", linewidth=1.5)
        top = 1.08 * max(np.max(d["fi_rates_Hz"]), np.max(d["theory_rates_Hz"]))
        fi_ax.set_ylim(-3, top)
        right = max(d["fi_currents_nA"][-1], np.max(d["trace_currents_nA"]))
        fi_ax.set_xlim(0, right * 1.02)
        fi_ax.text(
            d["rheobase_nA"] - 0.015 * right,
            0.5 * top,
            f"rheobase {d['rheobase_nA']:.2f} nA",
            color=NEUTRAL,
            fontsize=12,
            rotation=90,
            ha="right",
            va="center",
        )
        fi_ax.axvspan(0, d["rheobase_nA"], color=NEUTRAL, alpha=0.12, linewidth=0)
        fi_ax.text(
            0.5 * d["rheobase_nA"],
            0.8 * top,
            "silent:\nexactly\n0 Hz",
            color=SPIKING,
            ha="center",
            va="bottom",
            fontsize=12,
        )
        # where the three traces sit on the curve
        for letter, current, rate in zip("ABC", d["trace_currents_nA"], d["trace_rates_Hz"]):
            fi_ax.plot(
                current,
                rate,
                "o",
                markersize=15,
                markerfacecolor="none",
                markeredgecolor=SPIKING,
                markeredgewidth=2,
                zorder=4,
            )
            fi_ax.annotate(
                letter,
                xy=(current, rate),
                xytext=(-14, 10),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize=14,
                fontweight="bold",
            )
        fi_ax.set_xlabel("input current (nA)")
        fi_ax.set_ylabel("firing rate (Hz)")
        fi_ax.yaxis.set_label_position("right")
        fi_ax.yaxis.tick_right()
        fi_ax.spines["right"].set_visible(True)
        fi_ax.spines["left"].set_visible(False)
        fi_ax.legend(loc="lower right")
        fi_ax.set_title("firing rate vs input (f-I curve)", loc="left")
        label_panels([*trace_axes, fi_ax], x=-0.02, y=1.02)
        fig.suptitle(
            "A spiking neuron integrates its input and fires once it crosses a threshold",
            fontsize=16,
            fontweight="bold",
        )
    return fig
