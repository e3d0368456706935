"""Spikes look cheap when only the arithmetic is counted; with memory and neuron updates
a one-spike-per-neuron code costs what an ANN that skips zeros costs.

The lecture's digit classifier (:mod:`neurosim.artificial.digits`: 64-100-10, ReLU, backprop) is
converted to a time-to-first-spike (TTFS) code (:mod:`neurosim.bridge.ttfs`, after
Rueckauer & Liu 2018, ISCAS, "Conversion of analog to spiking neural networks using
sparse temporal coding"): a pixel of grey level x spikes once at T (1 - x), a hidden
neuron fires once, the earlier the larger its activation, and a silent unit never. It
is set beside four other ways of classifying the same images:

- the ANN in 32-bit floating point, every multiply-accumulate (MAC) done:
  64 x 100 + 100 x 10 = 7,400 per image;
- the same ANN in 8-bit integers (:func:`neurosim.bridge.energy.int8_predictions`);
- the fp32 ANN skipping zero inputs (their products are zero): the TTFS code's spikes
  are exactly its non-zero inputs;
- the rate code of ``cost_of_spikes`` (99.9th percentile weight normalisation,
  integrate-and-fire neurons, reset by subtraction, the image as analog currents), read
  when its accuracy comes within 1 point of the ANN's
  (:func:`neurosim.bridge.rate_code.analog_rate_code`: one simulation shared by both).

Each is priced under four accountings (:mod:`neurosim.bridge.energy`, Horowitz 2014,
ISSCC, 45 nm): the arithmetic only; plus every weight read from an SRAM sized to hold the
network (fp32: 30 kB, a 32 kB SRAM; int8: 8 kB); plus neuron state updates, time-stepped
(every neuron every dt) or event-driven (a neuron when an event reaches it). The
question is under which of them spikes are cheaper.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Rectangle

from neurosim.artificial.digits import LAYERS, digit_classifier, digits_split
from neurosim.bridge.energy import (
    ACCOUNTINGS,
    HOROWITZ_2014_PJ,
    INT8,
    MARGIN_POINTS,
    SMALL_LOSS,
    ann_workload,
    int8_predictions,
    sram_for,
    ttfs_workload,
)
from neurosim.bridge.rate_code import analog_rate_code
from neurosim.bridge.ttfs import convert_ttfs
from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    label_panels,
    lecture_style,
    new_figure,
    shade,
)

NAME = "spikes_can_be_cheap"
QUESTION = "When are spikes cheaper than multiply-accumulates?"
PARAMETERS = (
    Parameter(
        "window",
        10.0,
        "TTFS: time window of one layer (the decision comes after two)",
        unit="ms",
        low=1,
        high=100,
    ),
    Parameter(
        "dt",
        0.1,
        "clock step of both spiking codes, a divisor of 1 ms (TTFS spike times are rounded up to it)",
        unit="ms",
        low=0.05,
        high=1.0,
        quick=0.25,
        values=(0.05, 0.1, 0.125, 0.2, 0.25, 0.5, 1.0),
    ),
    Parameter(
        "rate_duration",
        100.0,
        "rate code: simulated time per image",
        unit="ms",
        low=20,
        high=1000,
        quick=50.0,
    ),
    Parameter("image_stride", 1, "simulate every n-th test image", low=1, high=20, quick=3),
    Parameter("epochs", 40, "backprop training epochs (Adam)", low=1, high=200, quick=20),
)
#: Seeds run one by one: a seed's own work takes under 0.1 s (numpy counts); the rest
#: is its digit classifier, trained once per run and shared (neurosim/core/cache.py).
COST = 3.5

#: Readout interval of the rate code's output layer (ms): resolution of its settling time.
READOUT_MS = 1.0
#: The five networks, in the table's column order.
NETWORKS = ("ANN fp32", "ANN int8", "ANN skipping zeros", "rate code", "TTFS")


@dataclass(frozen=True)
class Measured:
    """What :func:`plot` draws. Per-network fields are in NETWORKS order, per-accounting
    ones in :data:`~neurosim.bridge.energy.ACCOUNTINGS` order; energies per image.

    Attributes
    ----------
    n_images : int
        Test images.
    accuracy : ndarray (5,)
        Test accuracy (%) of each network (the rate code's when it is read).
    active_inputs, ttfs_spikes : ndarray (2,)
        Non-zero inputs of each layer of the ANN (pixels, hidden units); spikes of the
        TTFS network's input and hidden layers (means over images).
    ttfs_events, skipping_macs : float
        Synaptic events of the TTFS network; MACs of the ANN that skips zero inputs.
    table_nJ : ndarray (4, 5)
        Energy (nJ) of every network under every accounting.
    full_nJ, full_style, full_parts_nJ : ndarray (5,), tuple, ndarray (5, 3)
        The full count (nJ), the update style it takes, and its split into arithmetic,
        weight reads and neuron updates.
    sram_kB, memory_kB, read_pJ_per_byte : ndarray (5,)
        SRAM sized to each network's weights and biases; their size; a byte's read energy.
    window_ms, dt_ms, decision_ms : float
        The TTFS code's window per layer, the clock of both codes, the TTFS decision time.
    rate_times_ms, rate_accuracy, rate_hidden_events, rate_energy_nJ : ndarray (T,)
        The rate code at every readout: accuracy (%), synaptic events from hidden
        spikes, energy so far (full count, time-stepped updates).
    rate_settled, rate_read_ms, rate_read_index :
        Whether it came within the margin of the ANN's accuracy in its run; when it is
        read (else at the end: a lower bound) and that readout.
    rate_settled_interval_ms : ndarray (2,)
        The 95 % interval of its settling time over the test images.
    ttfs_times_ms, ttfs_energy_nJ : ndarray
        The TTFS network's energy so far (time-stepped updates) every readout interval.
    """

    n_images: int
    accuracy: np.ndarray
    active_inputs: np.ndarray
    ttfs_spikes: np.ndarray
    ttfs_events: float
    skipping_macs: float
    table_nJ: np.ndarray
    full_nJ: np.ndarray
    full_style: tuple
    full_parts_nJ: np.ndarray
    sram_kB: np.ndarray
    memory_kB: np.ndarray
    read_pJ_per_byte: np.ndarray
    window_ms: float
    dt_ms: float
    decision_ms: float
    rate_times_ms: np.ndarray
    rate_accuracy: np.ndarray
    rate_hidden_events: np.ndarray
    rate_energy_nJ: np.ndarray
    rate_settled: bool
    rate_read_ms: float
    rate_read_index: int
    rate_settled_interval_ms: np.ndarray
    ttfs_times_ms: np.ndarray
    ttfs_energy_nJ: np.ndarray


def _ttfs_work(res, t_ms: float, dt: float):
    """The TTFS network's work per image until ``t_ms``."""
    spikes = res.spikes_until(t_ms)
    return ttfs_workload(
        LAYERS, input_spikes=spikes[0], hidden_spikes=spikes[1], steps=round(t_ms / dt)
    )


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Count and price the work of five networks on the same test images."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        ttfs="pixel x spikes at T(1 - x); ramp kernels; one spike per neuron at most; "
        "layer scale = 99.9th percentile of its training activations; class = largest "
        "output potential after two windows",
        rate_code="99.9th percentile weight normalisation, IF neurons, reset by "
        "subtraction, image as analog currents; read when the isotonic fit of its "
        f"accuracy comes within {MARGIN_POINTS:g} point of the ANN's",
        int8="weights int8 per layer (max/127), activations uint8 (inputs 1/255, hidden "
        "99.9th percentile/255), biases and sums int32",
        energy="Horowitz 2014, 45 nm: "
        + ", ".join(f"{k} {v:g} pJ" for k, v in HOROWITZ_2014_PJ.items()),
        accountings=list(ACCOUNTINGS),
        readout_every_ms=READOUT_MS,
    )
    dt = p.plain("dt")
    # stimulus: the test split (every image_stride-th image)
    split = digits_split(seed)
    X, y = split.X_test[:: p.image_stride], split.y_test[:: p.image_stride]
    # artificial models: fp32 (every MAC, or zero inputs skipped) and int8
    net = digit_classifier("relu", seed=seed, epochs=p.epochs)
    ann_acc = 100 * net.score(X, y)
    int8_acc = 100 * float(np.mean(int8_predictions(net, X, split.X_train) == y))
    active = [float(np.count_nonzero(a, axis=1).mean()) for a in (X, net.layer_activations(X)[0])]
    # spiking model 1: time to first spike, event-driven (numpy, exact up to the clock)
    ttfs = convert_ttfs(net, split.X_train, window_ms=p.plain("window"), dt_ms=dt)
    res = ttfs.run(X)
    ttfs_acc = 100 * res.accuracy(y)
    ttfs_spikes = [float(c.mean()) for c in res.spike_counts()]
    # spiking model 2: the rate code of cost_of_spikes (analog input; one shared run)
    rate = analog_rate_code(
        seed=seed,
        epochs=p.epochs,
        image_stride=p.image_stride,
        duration_ms=p.plain("rate_duration"),
        dt_ms=dt,
        readout_ms=READOUT_MS,
    )
    settled = rate.settled_index >= 0
    k = rate.settled_index if settled else len(rate.times_ms) - 1  # else: a lower bound

    # comparison: every network's work, priced under every accounting
    work = (
        ann_workload(LAYERS),
        ann_workload(LAYERS, fmt=INT8),
        ann_workload(LAYERS, active_inputs=active),
        rate.workload(k, dt_ms=dt),
        ttfs_workload(
            LAYERS,
            input_spikes=ttfs_spikes[0],
            hidden_spikes=ttfs_spikes[1],
            steps=round(res.decision_ms / dt),
        ),
    )
    stepped = ACCOUNTINGS[2]
    ttfs_t = np.arange(0.0, res.decision_ms + READOUT_MS / 2, READOUT_MS)
    findings.data = Measured(
        n_images=len(y),
        accuracy=np.array([ann_acc, int8_acc, ann_acc, rate.accuracy[k], ttfs_acc]),
        active_inputs=np.array(active),
        ttfs_spikes=np.array(ttfs_spikes),
        ttfs_events=float(res.synaptic_events().mean()),
        skipping_macs=work[2].compute.macs,
        table_nJ=np.array([w.table_nJ() for w in work]).T,
        full_nJ=np.array([w.full_nJ() for w in work]),
        full_style=tuple(w.full_style() for w in work),
        full_parts_nJ=np.array([list(w.parts_nJ(w.full_style()).values()) for w in work]),
        sram_kB=np.array([sram_for(w.memory_bytes) / 1024 for w in work]),
        memory_kB=np.array([w.memory_bytes / 1024 for w in work]),
        read_pJ_per_byte=np.array([w.read_pJ_per_byte for w in work]),
        window_ms=p.plain("window"),
        dt_ms=dt,
        decision_ms=res.decision_ms,
        rate_times_ms=rate.times_ms,
        rate_accuracy=rate.accuracy,
        rate_hidden_events=rate.hidden_events,
        rate_energy_nJ=rate.energy_nJ(stepped, dt_ms=dt),
        rate_settled=settled,
        rate_read_ms=float(rate.times_ms[k]),
        rate_read_index=k,
        rate_settled_interval_ms=rate.settled_interval_ms,
        ttfs_times_ms=ttfs_t,
        ttfs_energy_nJ=np.array([_ttfs_work(res, t, dt).energy_nJ(stepped) for t in ttfs_t]),
    )
    _claims(findings, findings.data)
    return findings


def _claims(findings: Findings, d: Measured) -> None:
    """TTFS against each ANN, under the accountings that decide the answer."""
    full = dict(zip(NETWORKS, d.full_nJ))
    arithmetic = dict(zip(NETWORKS, d.table_nJ[0]))
    accuracy = dict(zip(NETWORKS, d.accuracy))
    conditions = (
        "fp32 at 45 nm, Horowitz 2014; pixels as single spikes, each neuron firing at most once"
    )
    full_words = (
        "the full count: arithmetic, every weight read from an SRAM sized to the network, "
        "and neuron updates in the cheaper of the time-stepped and event-driven styles"
    )
    findings.claim(
        "estimated energy per image, time-to-first-spike network / ANN that skips zero "
        f"inputs (the same non-zero inputs, the same precision), {full_words} "
        f"({conditions})",
        full["TTFS"] / full["ANN skipping zeros"],
        "x",
        rule=yardsticks.SAME_COST,
        label="TTFS / zero-skipping ANN, full count",
        aspect="cost",
        key=True,
    )
    findings.claim(
        "estimated energy per image, time-to-first-spike network / ANN doing every MAC, "
        f"arithmetic only: an addition per synaptic event against a MAC ({conditions})",
        arithmetic["TTFS"] / arithmetic["ANN fp32"],
        "x",
        rule=yardsticks.SAME_COST,
        label="TTFS / ANN, arithmetic only",
        aspect="cost",
    )
    findings.claim(
        "estimated energy per image, time-to-first-spike network / ANN that skips zero "
        f"inputs, arithmetic only ({conditions})",
        arithmetic["TTFS"] / arithmetic["ANN skipping zeros"],
        "x",
        rule=yardsticks.SAME_COST,
        label="TTFS / zero-skipping ANN, arithmetic only",
        aspect="cost",
    )
    findings.claim(
        f"estimated energy per image, time-to-first-spike network / ANN doing every MAC, "
        f"{full_words} ({conditions})",
        full["TTFS"] / full["ANN fp32"],
        "x",
        rule=yardsticks.SAME_COST,
        label="TTFS / ANN, full count",
        aspect="cost",
    )
    findings.claim(
        "estimated energy per image, time-to-first-spike network in fp32 / the same ANN "
        "in 8-bit integers doing every MAC (its weights in an 8 kB SRAM), "
        f"{full_words} (45 nm, Horowitz 2014)",
        full["TTFS"] / full["ANN int8"],
        "x",
        rule=yardsticks.SAME_COST,
        label="TTFS / int8 ANN, full count",
        aspect="cost",
    )
    findings.claim(
        "synaptic events per image of the time-to-first-spike network / MACs of the ANN "
        "that skips zero inputs (non-zero pixels x 100 + active hidden units x 10)",
        d.ttfs_events / d.skipping_macs,
        "x",
        rule=Rule.between(
            0.98,
            1.02,
            partly=(0.9, 1.1),
            reason="every non-zero input spikes once and reaches the targets its MACs "
            "reach (Rueckauer & Liu 2018); only clipping and the clock, which move a few "
            "near-zero hidden units, change the count",
        ),
        label="TTFS events / zero-skipping MACs",
        about="spiking",
    )
    findings.claim(
        "accuracy the time-to-first-spike network lacks of the ANN's on the same test "
        "images (spike times on the simulation clock)",
        accuracy["ANN fp32"] - accuracy["TTFS"],
        "points",
        rule=Rule.at_most(1, partly=5, reason=SMALL_LOSS),
        label="TTFS: accuracy lost",
        about="spiking",
    )
    findings.claim(
        "accuracy the 8-bit integer ANN lacks of the fp32 ANN's on the same test images",
        accuracy["ANN fp32"] - accuracy["ANN int8"],
        "points",
        rule=Rule.at_most(1, partly=5, reason=SMALL_LOSS),
        label="int8 ANN: accuracy lost",
        about="artificial",
    )


# -- figure ---------------------------------------------------------------------------------

COLORS = dict(zip(NETWORKS, (ARTIFICIAL,) * 3 + (SPIKING,) * 2))
STYLES = dict(zip(NETWORKS, ("--", "-.", ":", "--", "-")))
HEADERS = (
    "ANN\nfp32",
    "ANN\nint8",
    "ANN fp32,\nzeros\nskipped",
    "rate\ncode",
    "time to\nfirst\nspike",
)
ROW_NAMES = (
    "arithmetic only",
    "+ weight reads\n(SRAM sized\nto the weights)",
    "+ neuron\nupdates,\ntime-stepped",
    "+ neuron\nupdates,\nevent-driven",
)
PARTS = ("arithmetic", "weight reads", "neuron updates")
HATCHES = (None, "//", "..")


def _over_time(ax, d):
    """Energy per image over simulated time, full accounting, time-stepped updates."""
    stepped = d.table_nJ[2]
    t, e = d.rate_times_ms, d.rate_energy_nJ
    tt, et = d.ttfs_times_ms, d.ttfs_energy_nJ
    for j, name in enumerate(NETWORKS[:3]):
        ax.axhline(stepped[j], color=ARTIFICIAL, ls=STYLES[name], lw=2.5)
        where = {"transform": ax.get_yaxis_transform(), "va": "center", "fontsize": 11}
        ax.text(1.01, stepped[j], name, color=ARTIFICIAL, **where)  # beside the axes: no curve
    ax.plot(t, e, color=SPIKING, ls=STYLES["rate code"], lw=3)
    ax.text(t[-1], e[-1] * 1.08, "rate code", color=SPIKING, ha="right", va="bottom", fontsize=11)
    ax.plot(tt, et, color=SPIKING, ls=STYLES["TTFS"], lw=3)
    ax.text(tt[-1] + 2, et[-1] * 0.8, "time to first spike", color=SPIKING, va="top", fontsize=11)
    k = d.rate_read_index
    for x, y in ((t[k], e[k]), (tt[-1], et[-1])):
        ax.plot(x, y, "o", color=SPIKING, ms=11, mec="k", mew=1, zorder=5)
    ax.plot([], [], "o", color=SPIKING, mec="k", mew=1, ms=10, label="class read")
    ax.set_yscale("log")
    ax.set_xlim(0, t[-1])
    ax.set_ylim(min(stepped.min(), e.min(), et[1:].min()) / 2, e.max() * 2.5)
    ax.set_xlabel("simulated time (ms)")
    ax.set_ylabel("energy per image (nJ, estimate)")
    ax.set_title("Full count, updates every time step", fontsize=14)
    ax.legend(loc="lower right", fontsize=10)


def _table(ax, d):
    """The accounting table: energy per image of every network under every accounting."""
    table = d.table_nJ
    n_rows, n_cols = table.shape
    ax.set_xlim(-1.75, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.3, -1.3)
    ax.axis("off")
    for j, head in enumerate(HEADERS):
        color = COLORS[NETWORKS[j]]
        ax.text(
            j, -0.62, head, ha="center", va="center", fontsize=11, color=color, fontweight="bold"
        )
    for i, row in enumerate(ROW_NAMES):
        ax.text(-1.72, i, row, ha="left", va="center", fontsize=10.5)
        for j in range(n_cols):
            cell = Rectangle((j - 0.47, i - 0.45), 0.94, 0.9, lw=0)
            cell.set_color(shade(COLORS[NETWORKS[j]], 0.12))
            ax.add_patch(cell)
            lower = NETWORKS[j] == "rate code" and not d.rate_settled
            text = f"{'> ' if lower else ''}{table[i, j]:.3g}"
            ax.text(j, i, text, ha="center", va="center", fontsize=13)
    ax.text(
        -1.72,
        n_rows - 0.45,
        "nJ per image (Horowitz 2014, 45 nm). Weights: fp32 in a "
        f"{d.sram_kB[0]:.0f} kB SRAM, int8 in {d.sram_kB[1]:.0f} kB;\n"
        "a weight of b bytes costs b/8 of a 64-bit read",
        ha="left",
        va="top",
        fontsize=10,
        color=NEUTRAL,
    )
    ax.set_title("Energy per image under each accounting", fontsize=14)


def _full_bars(ax, d):
    """The full count split into arithmetic, weight reads and neuron updates."""
    parts = d.full_parts_nJ
    for j, name in enumerate(NETWORKS):
        bottom = 0.0
        for hatch, value in zip(HATCHES, parts[j]):
            ax.bar(
                j,
                value,
                bottom=bottom,
                color=shade(COLORS[name], 0.3 if hatch else 0.85),
                edgecolor=COLORS[name],
                hatch=hatch,
                lw=1.5,
            )
            bottom += value
        lower = name == "rate code" and not d.rate_settled
        ax.text(
            j, bottom, f"{'> ' if lower else ''}{bottom:.0f}", ha="center", va="bottom", fontsize=12
        )
    for part, hatch in zip(PARTS, HATCHES):
        face = "w" if hatch else shade(NEUTRAL, 0.85)
        ax.bar(0, 0, color=face, edgecolor=NEUTRAL, hatch=hatch, label=part)
    ax.set_xticks(range(len(NETWORKS)), HEADERS, fontsize=10.5)
    ax.set(ylim=(0, d.full_nJ.max() * 1.3), ylabel="energy per image (nJ, estimate)")
    ax.set_title("Full count: what the energy is spent on", fontsize=14)
    ax.legend(loc="upper right", fontsize=10)


def plot(findings: Findings):
    """Energy over time, the accounting table, and the full count split by kind of work."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(19, 6.8))
        axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1.25, 1]})
        _over_time(axes[0], d)
        _table(axes[1], d)
        _full_bars(axes[2], d)
        label_panels(axes)
        title = (
            "Spikes win on arithmetic alone; counting memory and neuron updates, "
            "one spike per neuron costs what skipping zeros costs"
        )
        rests_on = {
            "TTFS / ANN, arithmetic only": "below",
            "TTFS / zero-skipping ANN, full count": "holds",
        }
        finish(fig, findings, title, rests_on, fontsize=16, fontweight="bold")
    return fig
