"""Classifying with spikes costs about what the ANN costs when both read the same analog image.

The lecture's digit classifier (:mod:`neurosim.digits`: 64-100-10, ReLU, backprop) costs
a fixed number of multiply-accumulates (MACs) per image: every input times every weight,
64 x 100 + 100 x 10 = 7,400. Converted to spiking neurons (as in
``deep_network_as_spikes``: 99.9th percentile weight normalisation, integrate-and-fire
neurons, reset by subtraction) it costs one synaptic event (an addition) per spike per
outgoing synapse, a count that grows with every millisecond the network runs. It is read
when the spiking network's accuracy stays within 1 point of the ANN's (about the
sampling error of the test split).

Two inputs, shown separately:

- **analog**: the image enters the hidden neurons as constant currents, the weighted
  sum of the pixels: the same 6,400 MACs as the ANN's first layer, computed once. Only
  the hidden-to-output layer spikes. This compares like with like.
- **Poisson**: every pixel is a Poisson spike train at a rate proportional to its grey
  level; each pixel spike is an event at all 100 hidden neurons. These pixel spikes are
  most of the network's events, and the input is noisy, so it needs longer.

Energy per operation, an estimate only: 32-bit floating point in 45 nm CMOS, multiply
3.7 pJ + add 0.9 pJ = 4.6 pJ per MAC, 0.9 pJ per synaptic event (one add) (M. Horowitz
2014, ISSCC, "Computing's energy problem"). Memory traffic (which Horowitz shows costs
more than the arithmetic) and neuron state updates are not counted, for either network.
"""

from __future__ import annotations

import warnings

import numpy as np

from neurosim.compare.convert import ConversionWarning, convert, simulate_converted
from neurosim.compare.energy import (
    ADD_PJ,
    MAC_PJ,
    MULT_PJ,
    ONE_POINT,
    SAME_COST,
    dense_macs,
    energy_nJ,
    rate_code_cost,
    sparse_macs,
)
from neurosim.compare.rate_code import analog_rate_code
from neurosim.comparison import begin
from neurosim.digits import LAYERS, digit_classifier, digits_split
from neurosim.findings import Findings, Rule
from neurosim.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, label_panels, lecture_style, new_figure
from neurosim.units import ms

NAME = "cost_of_spikes"
QUESTION = "Is classifying with spikes cheaper than with multiply-accumulates?"
PARAMETERS = (
    Parameter(
        "input_rate",
        500.0,
        "Poisson input: spike rate of a white pixel (grey levels scale it)",
        unit="Hz",
        low=50,
        high=1000,
    ),
    Parameter(
        "analog_duration",
        100.0,
        "simulated time per image, analog input",
        unit="ms",
        low=20,
        high=1000,
        quick=50.0,
    ),
    Parameter(
        "poisson_duration",
        200.0,
        "simulated time per image, Poisson input",
        unit="ms",
        low=20,
        high=1000,
        quick=100.0,
    ),
    Parameter(
        "dt",
        0.1,
        "simulation time step (a divisor of 1 ms)",
        unit="ms",
        low=0.05,
        high=0.5,
        quick=0.25,
    ),
    Parameter("image_stride", 1, "simulate every n-th test image", low=1, high=20, quick=3),
    Parameter("epochs", 40, "backprop training epochs (Adam)", low=1, high=200, quick=20),
)
COST = 6.0

#: Readout interval of the output layer (ms): resolution of the time to settle.
READOUT_MS = 1.0


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Count the ANN's MACs and the spiking network's events (analog and Poisson input)."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        conversion="99.9th percentile weight normalisation, IF neurons, reset by subtraction",
        energy=f"{MAC_PJ:g} pJ per MAC, {ADD_PJ:g} pJ per synaptic event "
        "(Horowitz 2014, 45 nm, fp32); memory traffic and neuron updates not counted",
        readout_every_ms=READOUT_MS,
    )
    # stimulus: the test split (every image_stride-th image)
    split = digits_split(seed)
    X, y = split.X_test[:: p.image_stride], split.y_test[:: p.image_stride]
    # artificial model: a fixed number of MACs per image
    net = digit_classifier("relu", seed=seed, epochs=p.epochs)
    ann_acc = 100 * net.score(X, y)
    layer_macs = dense_macs(LAYERS)
    sparse = [float(np.mean(m)) for m in sparse_macs([X, *net.layer_activations(X)], LAYERS)]
    # spiking model: the same conversion, fed analog currents or Poisson pixel spikes
    snn = convert(net, split.X_train)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConversionWarning)
        (poisson,) = simulate_converted(
            [snn],
            X,
            p.poisson_duration,
            readout_every=READOUT_MS * ms,
            dt=p.dt,
            seed=seed,
            inputs="poisson",
            input_rate=p.input_rate,
        )
    # the analog run is shared with spikes_can_be_cheap (one simulation per run)
    analog = analog_rate_code(
        seed=seed,
        epochs=p.epochs,
        image_stride=p.image_stride,
        duration_ms=p.plain("analog_duration"),
        dt_ms=p.plain("dt"),
        readout_ms=READOUT_MS,
    )
    d = {
        "n_images": len(y),
        "ann_accuracy": ann_acc,
        "layer_macs": np.array(layer_macs, dtype=float),
        "sparse_macs": np.array(sparse),
        "mac_pJ": MAC_PJ,
        "mult_pJ": MULT_PJ,
        "add_pJ": ADD_PJ,
        "input_rate_Hz": p.plain("input_rate"),
        "energy_ann_nJ": float(energy_nJ(macs=sum(layer_macs))),
        "energy_ann_layers_nJ": energy_nJ(macs=np.array(layer_macs, dtype=float)),
    }
    # comparison: events per image over time, read when the accuracy has settled
    for key, cost in (("analog", analog), ("poisson", rate_code_cost(poisson, y, ann_acc - 1))):
        times, acc, hidden_events = cost.times_ms, cost.accuracy, cost.hidden_events
        input_events = (
            np.zeros_like(hidden_events) if key == "analog" else poisson.input_events.mean(axis=1)
        )
        first_macs = layer_macs[0] if key == "analog" else 0.0
        t_settle, k = cost.settled_ms, cost.settled_index
        d[f"times_ms/{key}"] = times
        d[f"accuracy/{key}"] = acc
        d[f"hidden_events/{key}"] = hidden_events
        d[f"input_events/{key}"] = input_events
        d[f"energy_nJ/{key}"] = energy_nJ(macs=first_macs, adds=hidden_events + input_events)
        d[f"settled_ms/{key}"] = t_settle
        d[f"settled_index/{key}"] = k
        # the energy split by layer (first layer, hidden -> output) at the settled time;
        # at the end of the run if it never settles (then a lower bound, drawn hatched)
        j = k if k >= 0 else -1
        first = energy_nJ(macs=first_macs) if key == "analog" else energy_nJ(adds=input_events[j])
        d[f"energy_layers_nJ/{key}"] = np.array([first, energy_nJ(adds=hidden_events[j])])
        d[f"energy_at_settle_nJ/{key}"] = float(d[f"energy_nJ/{key}"][k]) if k >= 0 else np.nan
        total = hidden_events[-1] + input_events[-1]
        d[f"input_share/{key}"] = float(input_events[-1] / total) if total > 0 else 0.0
    findings.data = d

    # claims
    ratio = d["energy_at_settle_nJ/analog"] / d["energy_ann_nJ"]
    findings.claim(
        "estimated energy per image, spiking network / ANN, like with like: both read the "
        "image as analog values through the same first layer (6,400 MACs each), the spiking "
        "network counted until its accuracy stays within 1 point of the ANN's "
        "(fp32 at 45 nm, Horowitz 2014; memory traffic not counted)",
        ratio,
        "x",
        rule=SAME_COST,
        aspect="cost",
        key=True,
    )
    second = d["energy_layers_nJ/analog"][1] / d["energy_ann_layers_nJ"][1]
    findings.claim(
        "the layer that spikes (hidden to output), analog input: energy of its synaptic "
        "events until the accuracy stays within 1 point / the ANN's MACs for that layer "
        "(fp32 at 45 nm, Horowitz 2014; memory traffic not counted)",
        second,
        "x",
        rule=SAME_COST,
        aspect="cost",
    )
    findings.claim(
        "estimated energy per image, spiking network fed Poisson pixel spikes / ANN fed "
        "analog pixels, counted until its accuracy stays within 1 point of the ANN's "
        "(fp32 at 45 nm, Horowitz 2014; memory traffic not counted)",
        d["energy_at_settle_nJ/poisson"] / d["energy_ann_nJ"],
        "x",
        rule=SAME_COST,
        aspect="cost",
    )
    findings.claim(
        "accuracy the spiking network fed Poisson pixel spikes lacks of the ANN's at the "
        "end of the run",
        ann_acc - float(d["accuracy/poisson"][-1]),
        "points",
        rule=Rule.at_most(1, partly=5, reason=ONE_POINT),
        about="spiking",
    )
    return findings


def plot(findings: Findings):
    """Energy per image over time, accuracy over time, the energy split at equal accuracy."""
    d = findings.data
    end = max(d["times_ms/analog"][-1], d["times_ms/poisson"][-1])
    styles = {"analog": ("-", "analog input (currents)"), "poisson": ("--", "Poisson pixel spikes")}
    with lecture_style():
        fig = new_figure(figsize=(17, 6.2))
        axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 0.95]})

        ax = axes[0]
        ax.axhline(
            d["energy_ann_nJ"],
            color=ARTIFICIAL,
            ls="--",
            label=f"ANN: {d['layer_macs'].sum():,.0f} MACs",
        )
        for key, (ls, label) in styles.items():
            energy, times = d[f"energy_nJ/{key}"], d[f"times_ms/{key}"]
            ax.plot(times, energy, color=SPIKING, ls=ls, label=f"spiking, {label}")
            k = d[f"settled_index/{key}"]
            if k >= 0:
                ax.plot(times[k], energy[k], "o", color=SPIKING, ms=9)
        ax.plot([], [], "o", color=SPIKING, ms=9, label="within 1 point of the ANN from here")
        ax.set_yscale("log")
        ax.set_xlim(0, end)
        ax.set_xlabel("simulated time (ms)")
        ax.set_ylabel("energy per image (nJ, estimate)")
        ax.set_title("Spikes keep costing while the network runs", fontsize=14)
        ax.legend(loc="lower right", fontsize=10)

        ax = axes[1]
        ann = d["ann_accuracy"]
        ax.axhspan(ann - 1, ann + 1, color=ARTIFICIAL, alpha=0.15, lw=0, label="ANN ± 1 point")
        ax.axhline(ann, color=ARTIFICIAL, ls="--", label=f"ANN: {ann:.1f} %")
        for key, (ls, label) in styles.items():
            times = d[f"times_ms/{key}"]
            ax.plot(times, d[f"accuracy/{key}"], color=SPIKING, ls=ls, label=f"spiking, {label}")
            k = d[f"settled_index/{key}"]
            if k >= 0:
                ax.plot(times[k], d[f"accuracy/{key}"][k], "o", color=SPIKING, ms=9)
        ax.set_xlim(0, end)
        ax.axhline(10, color=NEUTRAL, ls=":", lw=1.5, label="chance (10 %)")
        ax.set_ylim(0, 100)
        # zoom on the ANN +- 1 point, where "within 1 point" is decided
        zoom = ax.inset_axes([0.3, 0.36, 0.67, 0.36])
        zoom.axhspan(ann - 1, ann + 1, color=ARTIFICIAL, alpha=0.15, lw=0)
        zoom.axhline(ann, color=ARTIFICIAL, ls="--", lw=1.5)
        for key, (ls, _) in styles.items():
            times = d[f"times_ms/{key}"]
            zoom.plot(times, d[f"accuracy/{key}"], color=SPIKING, ls=ls, lw=1.5)
            k = d[f"settled_index/{key}"]
            if k >= 0:
                zoom.plot(times[k], d[f"accuracy/{key}"][k], "o", color=SPIKING, ms=7, zorder=5)
        zoom.set_xlim(0, end)
        zoom.set_ylim(ann - 4, ann + 1.5)
        zoom.tick_params(labelsize=10)
        zoom.set_title("ANN ± 1 point", fontsize=11)
        for side in ("top", "right"):
            zoom.spines[side].set_visible(True)
        ax.set_xlabel("simulated time (ms)")
        ax.set_ylabel("test accuracy (%)")
        ax.set_title("Accuracy while the network runs", fontsize=14)
        ax.legend(loc="lower right", fontsize=9)

        ax = axes[2]
        first_macs = f"{d['layer_macs'][0]:,.0f} MACs"
        pixel, hidden = d["energy_layers_nJ/poisson"]
        share = pixel / (pixel + hidden)  # both are adds: the share of the events
        bars = [
            ("ANN", d["energy_ann_layers_nJ"], ARTIFICIAL, first_macs),
            ("spiking,\nanalog", d["energy_layers_nJ/analog"], SPIKING, first_macs),
            (
                "spiking,\nPoisson",
                d["energy_layers_nJ/poisson"],
                SPIKING,
                f"pixel spikes:\n{100 * share:.0f} % of\nthe events",
            ),
        ]
        for x, (_, (first, second), color, name) in enumerate(bars):
            key = "analog" if x == 1 else "poisson"
            settled = x == 0 or d[f"settled_index/{key}"] >= 0
            hatch = None if settled else "//"
            ax.bar(x, first, color=color, alpha=0.45, edgecolor=color, lw=1.5, hatch=hatch)
            ax.bar(x, second, bottom=first, color=color, edgecolor=color, lw=1.5, hatch=hatch)
            total = first + second
            text = (
                f"{total:.1f} nJ"
                if settled
                else f"> {total:.0f} nJ:\nnot within\n1 point by the end"
            )
            ax.text(x, total, text, ha="center", va="bottom", fontsize=12)
            ax.text(x, first / 2, name, ha="center", va="center", fontsize=10)
        ax.set_xticks(range(len(bars)), [b[0] for b in bars])
        top = max(max(np.sum(b[1]) for b in bars), d["energy_ann_nJ"])
        ax.set_ylim(0, top * 1.55)
        ax.set_ylabel("energy per image (nJ, estimate)")
        ax.set_title("At equal accuracy (ANN − 1 point)", fontsize=14)
        ax.text(
            0.02,
            0.98,
            f"fp32 at 45 nm (Horowitz 2014):\nMAC = {d['mult_pJ']:g} + {d['add_pJ']:g} = "
            f"{d['mac_pJ']:g} pJ, synaptic event = one add = {d['add_pJ']:g} pJ\n"
            "not counted: memory traffic, neuron updates\n"
            "light: first layer, dark: hidden → output",
            transform=ax.transAxes,
            va="top",
            fontsize=11,
            color=NEUTRAL,
        )
        label_panels(axes)
        fig.suptitle(
            "What classifying one digit costs: the ANN's MACs, the spiking network's events",
            fontsize=16,
            fontweight="bold",
        )
    return fig
