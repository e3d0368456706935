"""What does classifying one image cost: multiply-accumulates, or synaptic events?

The digit classifier of ``deep_network_as_spikes`` (64-100-10, ReLU, trained by
backprop) costs a fixed number of multiply-accumulates (MACs) per image: every input
times every weight, 64 x 100 + 100 x 10 = 7,400 (fewer if the zeros of the ReLUs are
skipped). Converted to spiking neurons — here fully spiking: every pixel is a Poisson
spike train at a rate proportional to its grey level — it costs one synaptic event (an
addition) per spike per outgoing synapse, and the count grows with every millisecond the
network runs. The figure counts both for the whole test split in one simulation, at two
input rates, and sets the count against the accuracy reached.

Energy per operation, for a rough estimate only: 32-bit floating point in 45 nm CMOS,
multiply 3.7 pJ + add 0.9 pJ = 4.6 pJ per MAC, 0.9 pJ per synaptic event (an add)
(Horowitz 2014, ISSCC, "Computing's energy problem"). Neuron state updates and memory
traffic are not counted for either.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
from brian2 import Hz, ms

from comparisons.deep_network_as_spikes import (
    LAYERS,
    digits_split,
    time_to_reach,
    train_digit_network,
)
from neurosim.compare import ConversionWarning, convert, simulate_converted
from neurosim.findings import Findings
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, label_panels, lecture_style

NAME = "cost_of_spikes"
QUESTION = "Is classifying with spikes cheaper than with multiply-accumulates?"
COST = 15.0

INPUT_RATES_HZ = (200.0, 500.0)
DURATION_MS = 500.0
#: Horowitz (2014), 45 nm, 32-bit float: energy per multiply-accumulate and per addition (pJ)
ENERGY_MAC_PJ = 3.7 + 0.9
ENERGY_ADD_PJ = 0.9


def dense_macs(layer_sizes) -> int:
    """Multiply-accumulates of one forward pass through fully connected layers."""
    return int(sum(a * b for a, b in itertools.pairwise(layer_sizes)))


def sparse_macs(X, hidden_activations, layer_sizes) -> np.ndarray:
    """MACs per image when zero inputs and silent ReLUs are skipped (their products are 0)."""
    inputs = [X, *hidden_activations]
    return sum(np.count_nonzero(a, axis=1) * n_out for a, n_out in zip(inputs, layer_sizes[1:]))


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """Count MACs of the ANN and synaptic events of the spiking network, per image."""
    X_train, X_test, y_train, y_test = digits_split(seed)
    X_sim, y_sim = (X_test[::2], y_test[::2]) if quick else (X_test, y_test)
    dt = 0.25 * ms if quick else 0.1 * ms
    net = train_digit_network("relu", X_train, y_train, seed)
    snn = convert(net, X_train)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConversionWarning)
        results = simulate_converted(
            [snn] * len(INPUT_RATES_HZ),
            X_sim,
            DURATION_MS * ms,
            dt=dt,
            seed=seed,
            inputs="poisson",
            input_rate=np.array(INPUT_RATES_HZ) * Hz,
        )
    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "layers": LAYERS,
            "test_images": len(y_sim),
            "input_rates_hz": INPUT_RATES_HZ,
            "dt_ms": float(dt / ms),
            "energy": f"{ENERGY_MAC_PJ} pJ/MAC, {ENERGY_ADD_PJ} pJ/event (Horowitz 2014, 45 nm, fp32)",
        },
    )
    d = findings.data
    ann_acc = 100 * net.score(X_sim, y_sim)
    d["ann_accuracy"] = ann_acc
    d["dense_macs"] = float(dense_macs(LAYERS))
    d["sparse_macs"] = float(np.mean(sparse_macs(X_sim, net.layer_activations(X_sim), LAYERS)))
    times = np.asarray(results[0].readout_times / ms)
    d["times_ms"] = times
    findings.claim(
        "ANN: multiply-accumulates per image (every weight used once)",
        d["dense_macs"],
        "MACs",
        "holds",
        aspect="",  # the ANN alone: the reference, not a point of the analogy
    )
    for rate, res in zip(INPUT_RATES_HZ, results):
        key = f"{rate:.0f} Hz"
        events = res.synaptic_events().mean(axis=1)
        acc = 100 * res.accuracy(y_sim)
        d[f"events/{key}"], d[f"accuracy/{key}"] = events, acc
        d[f"input_share/{key}"] = float(
            res.input_events[-1].sum() / res.synaptic_events()[-1].sum()
        )
        t_reach, k = time_to_reach(times, acc, ann_acc - 1)
        d[f"reach_ms/{key}"] = t_reach
        events_at = float(events[k]) if k >= 0 else np.nan
        d[f"events_at_reach/{key}"] = events_at
        findings.claim(
            f"spiking network, {key} input: synaptic events per image when it stays within "
            "1 point of the ANN" + ("" if k >= 0 else f" (not reached in {DURATION_MS:.0f} ms)"),
            events_at,
            "events",
            "fails" if k < 0 or events_at > d["dense_macs"] else "holds",
            aspect="cost",
        )
        findings.claim(
            f"spiking network, {key} input: accuracy after {DURATION_MS:.0f} ms",
            float(acc[-1]),
            "%",
            "holds" if acc[-1] >= ann_acc - 1 else "partly",
            aspect="cost",
        )
    # energy at the point of equal accuracy (or at the end of the run if never reached)
    best = min(
        INPUT_RATES_HZ, key=lambda r: np.nan_to_num(d[f"events_at_reach/{r:.0f} Hz"], nan=np.inf)
    )
    key = f"{best:.0f} Hz"
    events_used = d[f"events_at_reach/{key}"]
    if not np.isfinite(events_used):
        events_used = float(d[f"events/{key}"][-1])
    d["energy_ann_nJ"] = d["dense_macs"] * ENERGY_MAC_PJ / 1000
    d["energy_ann_sparse_nJ"] = d["sparse_macs"] * ENERGY_MAC_PJ / 1000
    d["energy_snn_nJ"] = events_used * ENERGY_ADD_PJ / 1000
    d["energy_snn_key"] = key
    ratio = d["energy_snn_nJ"] / d["energy_ann_nJ"]
    d["energy_ratio"] = ratio
    findings.claim(
        f"estimated energy per image, spiking ({key} input) / ANN "
        "(Horowitz 2014 costs per operation)",
        ratio,
        "x",
        "holds" if ratio < 1 else "fails",
        aspect="cost",
        key=True,
    )
    return findings


def plot(findings: Findings):
    """Operations per image over time, accuracy against operations, energy estimate."""
    import matplotlib.pyplot as plt

    d = findings.data
    times = d["times_ms"]
    styles = dict(zip(INPUT_RATES_HZ, ("-", "--")))
    with lecture_style():
        fig, axes = plt.subplots(1, 3, figsize=(17, 5.6), gridspec_kw={"width_ratios": [1, 1, 0.8]})
        ax = axes[0]
        for rate in INPUT_RATES_HZ:
            key = f"{rate:.0f} Hz"
            ax.plot(
                times,
                d[f"events/{key}"],
                color=SPIKING,
                ls=styles[rate],
                label=f"spiking, pixels at ≤ {key}",
            )
        ax.axhline(
            d["dense_macs"], color=ARTIFICIAL, ls="--", label=f"ANN: {d['dense_macs']:,.0f} MACs"
        )
        ax.axhline(
            d["sparse_macs"],
            color=ARTIFICIAL,
            ls=":",
            label=f"ANN, zeros skipped: {d['sparse_macs']:,.0f}",
        )
        ax.set_yscale("log")
        ax.set_xlim(0, times[-1])
        ax.set_xlabel("simulated time (ms)")
        ax.set_ylabel("operations per image")
        ax.set_title("Spikes keep costing while the network runs", fontsize=14)
        ax.legend(loc="center right", fontsize=10)

        ax = axes[1]
        ann = d["ann_accuracy"]
        ax.axhspan(ann - 1, ann + 1, color=ARTIFICIAL, alpha=0.12, lw=0)
        for rate in INPUT_RATES_HZ:
            key = f"{rate:.0f} Hz"
            ax.plot(
                d[f"events/{key}"],
                d[f"accuracy/{key}"],
                color=SPIKING,
                ls=styles[rate],
                label=f"spiking, ≤ {key}",
            )
            reach = d[f"events_at_reach/{key}"]
            if np.isfinite(reach):
                ax.plot(reach, ann - 1, "o", color=SPIKING, ms=8)
        ax.plot(d["dense_macs"], ann, "*", color=ARTIFICIAL, ms=18, label=f"ANN ({ann:.1f}%)")
        ax.set_xscale("log")
        ax.set_ylim(max(0, ann - 30), 100)
        ax.set_xlabel("operations per image (MACs or synaptic events)")
        ax.set_ylabel("test accuracy (%)")
        ax.set_title("Accuracy bought with operations", fontsize=14)
        ax.legend(loc="lower right", fontsize=10)

        ax = axes[2]
        labels = ["ANN", "ANN,\nzeros\nskipped", f"spiking\n({d['energy_snn_key']})"]
        values = [d["energy_ann_nJ"], d["energy_ann_sparse_nJ"], d["energy_snn_nJ"]]
        bars = ax.bar(
            labels,
            values,
            color=[ARTIFICIAL, "white", SPIKING],
            edgecolor=[ARTIFICIAL, ARTIFICIAL, SPIKING],
            hatch=[None, "//", None],
        )
        for bar, v in zip(bars, values):
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                v,
                f"{v:.0f} nJ",
                ha="center",
                va="bottom",
                fontsize=11,
            )
        ax.set_ylabel("energy per image (nJ, estimate)")
        ax.set_title("At equal accuracy (−1 point)", fontsize=14)
        ax.text(
            0.03,
            0.97,
            f"{ENERGY_MAC_PJ:g} pJ per MAC,\n{ENERGY_ADD_PJ:g} pJ per synaptic event\n"
            "(Horowitz 2014, 45 nm)",
            transform=ax.transAxes,
            va="top",
            fontsize=10,
            color=NEUTRAL,
        )
        label_panels(axes)
        fig.suptitle(
            "Rate-coded spikes are not cheap: reaching the ANN's accuracy takes many more "
            "operations",
            fontsize=16,
            fontweight="bold",
        )
    return fig
