"""Spikes are cheap when each neuron fires at most once, but only as cheap as skipping zeros.

The lecture's digit classifier (:mod:`neurosim.digits`: 64-100-10, ReLU, backprop) is
converted to a time-to-first-spike (TTFS) code (:mod:`neurosim.compare.ttfs`, after
Rueckauer & Liu 2018, ISCAS, "Conversion of analog to spiking neural networks using
sparse temporal coding"): a pixel of grey level x spikes once at T (1 - x), a hidden
neuron fires once, the earlier the larger its activation, and a silent unit never. Its
synaptic events per image (spikes x fan-out) are compared with:

- the ANN's multiply-accumulates (MACs): 64 x 100 + 100 x 10 = 7,400 per image, or fewer
  when zero inputs are skipped (their products are zero);
- the rate code of ``cost_of_spikes`` (the same trained network, 99.9th percentile weight
  normalisation, integrate-and-fire neurons, reset by subtraction, the image as analog
  currents), counted until its accuracy stays within 1 point of the ANN's
  (:func:`neurosim.compare.rate_code.analog_rate_code`: one simulation shared by both).

Energy per operation, an estimate only: 32-bit floating point in 45 nm CMOS, multiply
3.7 pJ + add 0.9 pJ = 4.6 pJ per MAC, 0.9 pJ per synaptic event (one add) (M. Horowitz
2014, ISSCC, "Computing's energy problem"). Memory traffic and neuron updates are not
counted, except in the last claim and panel, where every operation also reads its 32-bit
weight from a small SRAM (Horowitz 2014: an 8 kB cache read of 64 bits costs about
10 pJ, so about 5 pJ per weight); that is where spikes stop being much cheaper.
"""

from __future__ import annotations

import numpy as np

from neurosim.compare.energy import (
    ADD_PJ,
    MAC_PJ,
    MULT_PJ,
    ONE_POINT,
    SAME_COST,
    dense_macs,
    energy_nJ,
    sparse_macs,
)
from neurosim.compare.rate_code import analog_rate_code
from neurosim.compare.ttfs import convert_ttfs
from neurosim.comparison import begin
from neurosim.digits import LAYERS, digit_classifier, digits_split
from neurosim.findings import Findings, Rule
from neurosim.parameters import Parameter
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    label_panels,
    lecture_style,
    new_figure,
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
        "clock step of both spiking codes (TTFS spike times are rounded up to it)",
        unit="ms",
        low=0.05,
        high=1.0,
        quick=0.25,
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
    Parameter(
        "fetch_pJ",
        5.0,
        "energy to read one 32-bit weight, in pJ (Horowitz 2014: 8 kB SRAM, 10 pJ per 64 bits)",
        low=0,
        high=1000,
    ),
    Parameter("image_stride", 1, "simulate every n-th test image", low=1, high=20, quick=3),
    Parameter("epochs", 40, "backprop training epochs (Adam)", low=1, high=200, quick=20),
)
COST = 3.5

#: Readout interval of the rate code's output layer (ms): resolution of its settling time.
READOUT_MS = 1.0


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Count the TTFS network's events, the ANN's MACs and the rate code's events."""
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
        "subtraction, image as analog currents",
        energy=f"{MAC_PJ:g} pJ per MAC, {ADD_PJ:g} pJ per synaptic event "
        "(Horowitz 2014, 45 nm, fp32); memory traffic and neuron updates not counted "
        "unless stated",
        readout_every_ms=READOUT_MS,
    )
    # stimulus: the test split (every image_stride-th image)
    split = digits_split(seed)
    X, y = split.X_test[:: p.image_stride], split.y_test[:: p.image_stride]
    # artificial model: MACs per image, dense and with zero inputs skipped
    net = digit_classifier("relu", seed=seed, epochs=p.epochs)
    ann_acc = 100 * net.score(X, y)
    layer_macs = np.array(dense_macs(LAYERS), dtype=float)
    sparse = np.array([np.mean(m) for m in sparse_macs([X, *net.layer_activations(X)], LAYERS)])
    # spiking model 1: time to first spike, event-driven (numpy, exact up to the clock)
    ttfs = convert_ttfs(net, split.X_train, window_ms=p.plain("window"), dt_ms=p.plain("dt"))
    res = ttfs.run(X)
    ttfs_acc = 100 * res.accuracy(y)
    ttfs_layer_events = res.layer_events().mean(axis=1)
    # spiking model 2: the rate code of cost_of_spikes (analog input; one shared run)
    rate = analog_rate_code(
        seed=seed,
        epochs=p.epochs,
        image_stride=p.image_stride,
        duration_ms=p.plain("rate_duration"),
        dt_ms=p.plain("dt"),
        readout_ms=READOUT_MS,
    )
    k = rate.settled_index
    rate_hidden = float(rate.hidden_events[k]) if k >= 0 else np.nan

    times = rate.times_ms
    fetch = p.fetch_pJ
    d = {
        "n_images": len(y),
        "ann_accuracy": ann_acc,
        "ttfs_accuracy": ttfs_acc,
        "layer_macs": layer_macs,
        "sparse_macs": sparse,
        "mac_pJ": MAC_PJ,
        "mult_pJ": MULT_PJ,
        "add_pJ": ADD_PJ,
        "fetch_pJ": fetch,
        "window_ms": p.plain("window"),
        "decision_ms": res.decision_ms,
        "ttfs_layer_events": ttfs_layer_events,
        "ttfs_hidden_spike_fraction": float(np.mean(np.isfinite(res.spike_times[1]))),
        "energy_ann_layers_nJ": energy_nJ(macs=layer_macs),
        "energy_sparse_layers_nJ": energy_nJ(macs=sparse),
        "energy_ttfs_layers_nJ": energy_nJ(adds=ttfs_layer_events),
        "times_ms": times,
        "rate_accuracy": rate.accuracy,
        "rate_hidden_events": rate.hidden_events,
        "rate_settled_ms": rate.settled_ms,
        "rate_settled_index": k,
        # the rate code's first layer is the ANN's (analog currents: 6,400 MACs)
        "energy_rate_nJ": energy_nJ(macs=layer_macs[0], adds=rate.hidden_events),
        "energy_rate_layers_nJ": np.array(
            [float(energy_nJ(macs=layer_macs[0])), float(energy_nJ(adds=rate_hidden))]
        ),
    }
    # TTFS events over time, on the rate code's readout grid, long enough for its decision
    end = max(times[-1], res.decision_ms)
    d["ttfs_times_ms"] = np.arange(0.0, end + READOUT_MS / 2, READOUT_MS)
    d["ttfs_events_until"] = res.events_until(d["ttfs_times_ms"])
    d["energy_ttfs_nJ"] = energy_nJ(adds=d["ttfs_events_until"])
    # with memory traffic: every MAC and every event also reads one weight
    d["fetch_pJ_axis"] = np.linspace(0, max(4 * fetch, 20.0), 81)
    ops_ann, ops_sparse, ops_ttfs = layer_macs.sum(), sparse.sum(), ttfs_layer_events.sum()
    d["ratio_dense_with_fetch"] = (ops_ttfs * (ADD_PJ + d["fetch_pJ_axis"])) / (
        ops_ann * (MAC_PJ + d["fetch_pJ_axis"])
    )
    d["ratio_sparse_with_fetch"] = (ops_ttfs * (ADD_PJ + d["fetch_pJ_axis"])) / (
        ops_sparse * (MAC_PJ + d["fetch_pJ_axis"])
    )
    findings.data = d

    # claims
    e_ttfs = ops_ttfs * ADD_PJ
    findings.claim(
        "estimated energy per image, time-to-first-spike network / ANN (every MAC done), "
        "pixels as single spikes, each neuron firing at most once "
        "(fp32 at 45 nm, Horowitz 2014; memory traffic and neuron updates not counted)",
        e_ttfs / (ops_ann * MAC_PJ),
        "x",
        rule=SAME_COST,
        aspect="cost",
        key=True,
    )
    findings.claim(
        "synaptic events per image of the time-to-first-spike network / MACs of the ANN "
        "that skips zero inputs: the same operations, an add instead of a multiply-add",
        ops_ttfs / ops_sparse,
        "x",
        rule=Rule.between(
            0.9,
            1.1,
            partly=(0.5, 2.0),
            reason="every non-zero input spikes once and reaches the same targets its "
            "MACs do; only clipping and the clock (a few near-zero units) change the count",
        ),
        aspect="cost",
    )
    findings.claim(
        "estimated energy per image, time-to-first-spike network / ANN that skips zero "
        "inputs, when every operation also reads its 32-bit weight from memory at the "
        "energy fetch_pJ per read (default: an 8 kB SRAM; fp32 at 45 nm, Horowitz 2014)",
        (ops_ttfs * (ADD_PJ + fetch)) / (ops_sparse * (MAC_PJ + fetch)),
        "x",
        rule=SAME_COST,
        aspect="cost",
    )
    findings.claim(
        "hidden-to-output synaptic events per image, time-to-first-spike code / rate code "
        "counted until its accuracy stays within 1 point of the ANN's (same trained "
        "network, same layer, same fan-out)",
        ttfs_layer_events[1] / rate_hidden,
        "x",
        rule=Rule.at_most(
            0.5,
            partly=1.0,
            reason="sparse temporal codes are said to need several times fewer events than "
            "rate codes: at least 2x fewer holds; fewer at all (below 1) is partly",
        ),
        about="spiking",
    )
    findings.claim(
        "accuracy the time-to-first-spike network lacks of the ANN's on the same test "
        "images (spike times on the simulation clock)",
        ann_acc - ttfs_acc,
        "points",
        rule=Rule.at_most(1, partly=5, reason=ONE_POINT),
        about="spiking",
    )
    return findings


def plot(findings: Findings):
    """Energy over time, the energy split at equal accuracy, and what memory traffic does."""
    d = findings.data
    rate_c, ttfs_c = "#f0a37a", SPIKING  # two shades of vermillion: rate code light
    times = d["times_ms"]
    ann_total = d["energy_ann_layers_nJ"].sum()
    sparse_total = d["energy_sparse_layers_nJ"].sum()
    with lecture_style():
        fig = new_figure(figsize=(17, 6.2))
        axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 0.95]})

        ax = axes[0]
        ax.axhline(
            ann_total, color=ARTIFICIAL, ls="--", label=f"ANN: {d['layer_macs'].sum():,.0f} MACs"
        )
        ax.axhline(
            sparse_total,
            color=ARTIFICIAL,
            ls=":",
            label=f"ANN skipping zeros: {d['sparse_macs'].sum():,.0f} MACs",
        )
        ax.plot(times, d["energy_rate_nJ"], color=rate_c, lw=3, label="rate code (analog input)")
        ttfs_t = d["ttfs_times_ms"]
        ax.plot(ttfs_t, d["energy_ttfs_nJ"], color=ttfs_c, lw=3, label="time to first spike")
        k = d["rate_settled_index"]
        if k >= 0:
            ax.plot(times[k], d["energy_rate_nJ"][k], "o", color=rate_c, ms=10)
        j = min(np.searchsorted(ttfs_t, d["decision_ms"] - 1e-9), len(ttfs_t) - 1)
        ax.plot(ttfs_t[j], d["energy_ttfs_nJ"][j], "o", color=ttfs_c, ms=10)
        ax.plot(
            [], [], "o", color=NEUTRAL, ms=9, label="class read (rate code: once within 1 point)"
        )
        ax.set_yscale("log")
        ax.set_xlim(0, ttfs_t[-1])
        ax.set_xlabel("simulated time (ms)")
        ax.set_ylabel("energy per image (nJ, estimate)")
        ax.set_title("One spike per neuron: the cost stops", fontsize=14)
        ax.legend(loc="lower right", fontsize=10)

        ax = axes[1]
        rate_events = d["energy_rate_layers_nJ"][1] * 1e3 / d["add_pJ"]
        bars = [
            (
                "ANN",
                d["energy_ann_layers_nJ"],
                ARTIFICIAL,
                0.45,
                f"{d['layer_macs'].sum():,.0f} MACs",
            ),
            (
                "ANN,\nzeros\nskipped",
                d["energy_sparse_layers_nJ"],
                ARTIFICIAL,
                0.25,
                f"{d['sparse_macs'].sum():,.0f} MACs",
            ),
            (
                "rate\ncode",
                d["energy_rate_layers_nJ"],
                rate_c,
                0.45,
                f"{d['layer_macs'][0]:,.0f} MACs\n+ {rate_events:,.0f} events",
            ),
            (
                "time to\nfirst\nspike",
                d["energy_ttfs_layers_nJ"],
                ttfs_c,
                0.45,
                f"{d['ttfs_layer_events'].sum():,.0f} events",
            ),
        ]
        for x, (_, (first, second), color, light, ops) in enumerate(bars):
            ax.bar(x, first, color=color, alpha=light, edgecolor=color, lw=1.5)
            ax.bar(x, second, bottom=first, color=color, edgecolor=color, lw=1.5)
            ax.text(
                x,
                first + second,
                f"{first + second:.1f} nJ\n{ops}",
                ha="center",
                va="bottom",
                fontsize=11,
            )
        ax.set_xticks(range(len(bars)), [b[0] for b in bars], fontsize=11)
        ax.set_ylim(0, max(np.nansum(b[1]) for b in bars) * 1.55)
        ax.set_ylabel("energy per image (nJ, estimate)")
        ax.set_title("Energy per image, read when classified", fontsize=14)
        ax.text(
            3,
            np.nansum(d["energy_ttfs_layers_nJ"]) + 0.16 * ann_total,
            f"accuracy\n{d['ttfs_accuracy']:.1f} %\n(ANN {d['ann_accuracy']:.1f} %)",
            ha="center",
            va="bottom",
            fontsize=11,
            color=ttfs_c,
        )
        ax.text(
            0.02,
            0.98,
            f"fp32, 45 nm (Horowitz 2014): MAC = {d['mult_pJ']:g} + {d['add_pJ']:g} pJ,\n"
            f"event = one add = {d['add_pJ']:g} pJ; no memory traffic\n"
            "light: first layer, dark: hidden → output",
            transform=ax.transAxes,
            va="top",
            fontsize=11,
            color=NEUTRAL,
        )

        ax = axes[2]
        f = d["fetch_pJ_axis"]
        ax.plot(f, d["ratio_dense_with_fetch"], color=ttfs_c, lw=3, label="TTFS / ANN")
        ax.plot(
            f,
            d["ratio_sparse_with_fetch"],
            color=ttfs_c,
            lw=3,
            ls="--",
            label="TTFS / ANN skipping zeros",
        )
        ax.axhline(1, color=NEUTRAL, lw=1.5, ls=":")
        ax.text(
            f[-1],
            1.01,
            "spikes cost as much as MACs",
            ha="right",
            va="bottom",
            fontsize=11,
            color=NEUTRAL,
        )
        ax.axvline(d["fetch_pJ"], color=NEUTRAL, lw=1.5)
        ax.text(
            d["fetch_pJ"], 1.02, " weight read\n from SRAM", color=NEUTRAL, fontsize=11, va="bottom"
        )
        ax.set_xlim(0, f[-1])
        ax.set_ylim(0, 1.3)
        ax.set_xlabel("energy to read one weight (pJ)")
        ax.set_ylabel("energy ratio, spikes / MACs")
        ax.set_title("Counting memory: the saving shrinks", fontsize=14)
        ax.legend(loc="lower right", fontsize=10)
        label_panels(axes)
        fig.suptitle(
            "Spikes are cheap when each neuron fires once: as cheap as skipping zeros",
            fontsize=16,
            fontweight="bold",
        )
    return fig
