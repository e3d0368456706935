"""What a spiking neuron does with its input: it integrates, fires past a threshold, resets.

A leaky integrate-and-fire neuron (tau_m = 20 ms, rest and reset -65 mV, threshold
-50 mV, R = 100 MOhm, refractory period 2 ms) receives a current step.  Below the
rheobase (V_th - E_L)/R = 0.15 nA its membrane charges up to a plateau under
threshold and it never fires; just above, it fires slowly and regularly; with a
strong input, fast.  Each spike is an all-or-none event followed by a reset and a
2 ms refractory pause.  Counting spikes per second over many input levels gives
the f-I curve, which matches the closed form
r = 1/(t_ref + tau_m ln(RI/(RI - (V_th - E_L)))) (``neurosim.spiking.theory``).

One Brian2 run holds every condition of the figure: the three traces, the f-I
sweep and a ladder of currents around the rheobase are neurons of one group.
Rates are steady-state rates, 1 / (mean inter-spike interval), which is what the
closed form describes (a spike count over a finite window would add up to one
spike of counting error).
"""

from __future__ import annotations

import numpy as np
from brian2 import Hz, ms, mV, nA, second

from neurosim.findings import Findings
from neurosim.plotting import NEUTRAL, SPIKING, THEORY, label_panels, lecture_style
from neurosim.spiking import LIFParameters, simulate
from neurosim.spiking.analysis import isi
from neurosim.spiking.theory import lif_rate
from neurosim.stimuli import step

NAME = "lif_neuron"
QUESTION = "What does a spiking neuron do with its input?"

#: Input levels of the three voltage traces: below threshold, just above, strong.
TRACE_CURRENTS_NA = (0.12, 0.16, 0.40)
TRACE_LABELS = ("below threshold", "just above threshold", "strong input")
#: Currents of the f-I curve (nA).
FI_CURRENTS_NA = np.round(np.arange(0.0, 0.8001, 0.025), 4)
#: Ladder around the rheobase (relative to it) to measure where firing starts.
RHEOBASE_LADDER = (0.99, 0.999, 0.9999, 1.0001, 1.001, 1.01)
ONSET_MS = 20.0
TRACE_WINDOW_MS = 200.0
#: Spikes are drawn as vertical lines from threshold to this level (the LIF model
#: has no spike shape; a short line keeps the subthreshold charging visible).
SPIKE_PEAK_MV = -30.0


def _steady_rates(trains) -> np.ndarray:
    """1 / mean ISI per neuron, in Hz; 0 for a neuron with fewer than two spikes."""
    rates = np.zeros(len(trains))
    for k, train in enumerate(trains):
        intervals = isi(train)
        if intervals.size:
            rates[k] = 1.0 / intervals.mean()
    return rates


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """Simulate the traces, the f-I sweep and the rheobase ladder in one run."""
    params = LIFParameters()
    duration = (0.4 if quick else 1.0) * second
    dt = 0.1 * ms
    rheobase = float(params.rheobase / nA)
    ladder = rheobase * np.array(RHEOBASE_LADDER)
    currents = np.concatenate([TRACE_CURRENTS_NA, FI_CURRENTS_NA, ladder])
    n_trace, n_fi = len(TRACE_CURRENTS_NA), len(FI_CURRENTS_NA)

    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "duration_s": float(duration / second),
            "dt_ms": float(dt / ms),
            "onset_ms": ONSET_MS,
            "neuron": "LIF: tau_m 20 ms, E_L = V_reset -65 mV, V_th -50 mV, R 100 MOhm, "
            "t_ref 2 ms, no noise",
        },
    )
    # -- spiking model: every condition is one neuron of the same group -----------------
    result = simulate(
        params,
        step(currents * nA, onset=ONSET_MS * ms),
        duration,
        dt=dt,
        record_v=True,
        seed=seed,
    )
    trains = [per_trial[0] for per_trial in result.trains()]  # one trial per condition
    trains_s = [np.asarray(t / second, dtype=float) for t in trains]

    # -- voltage traces -----------------------------------------------------------------
    t_ms = np.asarray(result.t / ms, dtype=float)
    keep = t_ms < TRACE_WINDOW_MS
    d = findings.data
    d["trace_t_ms"] = t_ms[keep]
    d["trace_v_mV"] = np.asarray(result.v[:n_trace, 0, :] / mV, dtype=float)[:, keep]
    d["trace_currents_nA"] = np.array(TRACE_CURRENTS_NA)
    d["trace_spikes_ms"] = [1e3 * t[1e3 * t < TRACE_WINDOW_MS] for t in trains_s[:n_trace]]
    d["trace_window_ms"] = TRACE_WINDOW_MS
    d["trace_drive_mV"] = np.asarray(TRACE_CURRENTS_NA) * float(params.R * nA / mV)  # R I
    d["trace_rates_Hz"] = _steady_rates(trains_s[:n_trace])
    d["onset_ms"] = ONSET_MS
    d["V_th_mV"] = float(params.V_th / mV)
    d["V_reset_mV"] = float(params.V_reset / mV)
    d["E_L_mV"] = float(params.E_L / mV)
    d["t_ref_ms"] = float(params.t_ref / ms)
    d["spike_peak_mV"] = SPIKE_PEAK_MV

    # -- f-I curve: simulated points against the closed form -----------------------------
    sim_rates = _steady_rates(trains_s[n_trace : n_trace + n_fi])
    theory_at_points = np.asarray(lif_rate(FI_CURRENTS_NA * nA, params) / Hz, dtype=float)
    fine = np.linspace(0.0, FI_CURRENTS_NA[-1], 801)
    d["fi_currents_nA"] = FI_CURRENTS_NA.copy()
    d["fi_rates_Hz"] = sim_rates
    d["fi_theory_Hz"] = theory_at_points
    d["theory_currents_nA"] = fine
    d["theory_rates_Hz"] = np.asarray(lif_rate(fine * nA, params) / Hz, dtype=float)
    d["rheobase_nA"] = rheobase

    # -- rheobase: where firing starts in the simulation ---------------------------------
    fires = np.array([t.size > 0 for t in trains_s[n_trace + n_fi :]])
    d["ladder_currents_nA"] = ladder
    d["ladder_fires"] = fires
    measured_rheobase = float(ladder[fires].min()) if fires.any() else float("nan")
    largest_silent = float(ladder[~fires].max()) if (~fires).any() else float("nan")
    d["measured_rheobase_nA"] = measured_rheobase

    # -- claims ----------------------------------------------------------------------------
    firing = theory_at_points > 0
    errors = 100 * np.abs(sim_rates[firing] / theory_at_points[firing] - 1)
    d["fi_error_percent"] = np.where(firing, 100 * np.abs(sim_rates / np.where(firing, theory_at_points, 1) - 1), 0.0)  # fmt: skip
    first_spike = d["trace_spikes_ms"][1]
    latency = float(first_spike[0] - ONSET_MS) if first_spike.size else float("nan")
    d["latency_ms"] = latency
    strongest = float(sim_rates[-1])

    findings.claim(
        f"threshold: silent at {largest_silent:.5f} nA, fires from {measured_rheobase:.5f} nA "
        f"(closed form (V_th - E_L)/R = {rheobase:.2f} nA); below it the output is exactly "
        "zero, which a logistic unit never is",
        measured_rheobase,
        "nA",
        "partly",
        aspect="nonlinearity",
    )
    findings.claim(
        "the firing rate is a fixed function of the input current, like a unit's activation: "
        f"largest deviation of {int(firing.sum())} simulated f-I points from the closed form",
        float(errors.max()),
        "%",
        "holds",
        aspect="integration",
    )
    findings.claim(
        f"rate at the strongest input ({FI_CURRENTS_NA[-1]:.1f} nA): still rising, no "
        "saturation like a sigmoid's (the ceiling is 1/t_ref = 500 Hz)",
        strongest,
        "Hz",
        "partly",
        aspect="nonlinearity",
    )
    findings.claim(
        f"time from input onset to the first spike at {TRACE_CURRENTS_NA[1]:.2f} nA: the "
        "membrane integrates over time; a logistic unit answers at once",
        latency,
        "ms",
        "fails",
        aspect="timing",
    )
    return findings


def plot(findings: Findings):
    """Three voltage traces (left) and the f-I curve against the closed form (right)."""
    import matplotlib.pyplot as plt

    d = findings.data
    v_th, v_reset, t_ref = d["V_th_mV"], d["V_reset_mV"], d["t_ref_ms"]
    with lecture_style():
        fig = plt.figure(figsize=(15, 8.5))
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
                summary = (f"{len(spikes)} spikes in {d['trace_window_ms']:.0f} ms, "
                           f"{d['trace_rates_Hz'][k]:.0f} Hz")  # fmt: skip
            ax.set_title(f"{current:.2f} nA, {TRACE_LABELS[k]}: {summary}", loc="left",
                         fontsize=13)  # fmt: skip
            ax.set_ylim(v_reset - 4, d["spike_peak_mV"] + 3)
            ax.set_yticks([v_reset, v_th])
            if k < 2:
                ax.tick_params(labelbottom=False)
        ax0 = trace_axes[0]
        ax0.set_xlim(0, d["trace_window_ms"])
        ax0.text(t[-1], v_th + 1.5, "threshold", color=NEUTRAL, ha="right", va="bottom",
                 fontsize=11)  # fmt: skip
        ax0.text(t[-1], v_reset + 1.5, "rest = reset", color=NEUTRAL, ha="right", va="bottom",
                 fontsize=11)  # fmt: skip
        ax0.text(d["onset_ms"] + 2, d["spike_peak_mV"], "input on", color=NEUTRAL, va="top",
                 fontsize=11)  # fmt: skip
        plateau = d["E_L_mV"] + d["trace_drive_mV"][0]
        ax0.text(0.5 * (d["onset_ms"] + d["trace_window_ms"]), plateau - 1.5,
                 f"settles at {plateau:.0f} mV, {v_th - plateau:.0f} mV short of threshold"
                 .replace("-", "\u2212"),
                 color=SPIKING, ha="center", va="top", fontsize=12)  # fmt: skip
        strong = d["trace_spikes_ms"][2]
        if strong.size:
            s = strong[0]
            trace_axes[2].annotate(
                f"refractory {t_ref:g} ms",
                xy=(s + t_ref / 2, v_reset + 1),
                xytext=(s + 22, -38),
                fontsize=11,
                color="0.3",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
                arrowprops={"arrowstyle": "->", "color": "0.3", "linewidth": 1},
            )
        trace_axes[1].set_ylabel("membrane potential (mV)")
        trace_axes[2].set_xlabel("time (ms)")

        # f-I curve
        fi_ax.plot(d["theory_currents_nA"], d["theory_rates_Hz"], color=THEORY, linestyle="--",
                   linewidth=2, label="closed form")  # fmt: skip
        fi_ax.plot(d["fi_currents_nA"], d["fi_rates_Hz"], "o", color=SPIKING, markersize=7,
                   label="simulated LIF neuron", zorder=3)  # fmt: skip
        fi_ax.axvline(d["rheobase_nA"], color=NEUTRAL, linestyle=":", linewidth=1.5)
        top = 1.08 * max(np.max(d["fi_rates_Hz"]), np.max(d["theory_rates_Hz"]))
        fi_ax.set_ylim(-3, top)
        fi_ax.set_xlim(0, d["fi_currents_nA"][-1] * 1.02)
        fi_ax.text(d["rheobase_nA"] - 0.012, 0.5 * top,
                   f"rheobase {d['rheobase_nA']:.2f} nA", color=NEUTRAL, fontsize=12,
                   rotation=90, ha="right", va="center")  # fmt: skip
        # where the three traces sit on the curve
        for letter, current, rate in zip("ABC", d["trace_currents_nA"], d["trace_rates_Hz"]):
            fi_ax.plot(current, rate, "o", markersize=15, markerfacecolor="none",
                       markeredgecolor=SPIKING, markeredgewidth=2, zorder=4)  # fmt: skip
            fi_ax.annotate(letter, xy=(current, rate), xytext=(-14, 10),
                           textcoords="offset points", ha="right", va="bottom", fontsize=14,
                           fontweight="bold")  # fmt: skip
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
