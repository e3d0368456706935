"""A rate code classifies at about the ANN's energy when both read the same analog image,
once memory and neuron updates are counted; fed Poisson pixel spikes it costs far more.

The lecture's digit classifier (:mod:`neurosim.artificial.digits`: 64-100-10, ReLU, backprop) costs
a fixed number of multiply-accumulates (MACs) per image: every input times every weight,
64 x 100 + 100 x 10 = 7,400. Converted to spiking neurons (as in
``deep_network_as_spikes``: 99.9th percentile weight normalisation, integrate-and-fire
neurons, reset by subtraction) it costs one synaptic event (an addition) per spike per
outgoing synapse, and its neurons must be updated while it runs: costs that grow with
every millisecond.

Two inputs, shown separately:

- **analog**: the image enters the hidden neurons as constant currents, the weighted
  sum of the pixels: the same 6,400 MACs as the ANN's first layer, computed once. Only
  the hidden-to-output layer spikes. This compares like with like. It is read when its
  accuracy comes within 1 point of the ANN's: the first readout at which the accuracy
  curve's isotonic (non-decreasing) fit reaches that level
  (:func:`neurosim.bridge.energy.time_to_reach`). Read at the last readout from which
  the measured curve *stays* within 1 point, the time swung from 14 to 57 ms over ten
  seeds, each swing one or two of the 359 test images flipping on the plateau.
- **Poisson**: every pixel is a Poisson spike train at a rate proportional to its grey
  level; each pixel spike is an event at all 100 hidden neurons. Its accuracy
  approaches the ANN's so slowly (about 1 point at 100 ms, 0.5 at 200 ms) that the time
  it comes within 1 point is decided by a few images (on seed 0 it did not within
  200 ms), so it is read at the end of its run, with the accuracy it lacks then.

Energy (:mod:`neurosim.bridge.energy`, Horowitz 2014, ISSCC, 45 nm, fp32): the
arithmetic; every weight read from a 32 kB SRAM (the network's 30 kB of weights); neuron
updates time-stepped (every neuron every dt) or event-driven (a neuron when an event
reaches it); the full count takes the cheaper update style.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from neurosim.artificial.digits import LAYERS, digit_classifier, digits_split
from neurosim.bridge.convert import ConversionWarning, convert, simulate_converted
from neurosim.bridge.energy import (
    ACCOUNTINGS,
    ADD_PJ,
    HOROWITZ_2014_PJ,
    MAC_PJ,
    MARGIN_POINTS,
    SMALL_LOSS,
    ann_workload,
)
from neurosim.bridge.rate_code import analog_rate_code, rate_code_cost
from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, clear_note, label_panels
from neurosim.plotting.style import lecture_style, new_figure
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
        "simulated time per image, Poisson input (it is read at the end)",
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
        values=(0.05, 0.1, 0.125, 0.2, 0.25, 0.5),
    ),
    Parameter("image_stride", 1, "simulate every n-th test image", low=1, high=20, quick=3),
    Parameter("epochs", 40, "backprop training epochs (Adam)", low=1, high=200, quick=20),
)
#: Seeds run one by one, on purpose (measured): one seed's converted networks are about
#: 63,000 neurons and 2.7 million synapses, so a batch saves only the per-step cost of a
#: run whose time is per-neuron work; ten seeds as one run took 45.4 s against 57.1 s in
#: one process, but 3 GB, while one job per seed uses both cores (docs/architecture.md).
COST = 6.0
#: Live updates (explore()): quick settings plus these; the run takes about 0.45 s on 2
#: cores (benchmarks/bench_explore.py) while the trained network comes from the cache.
#: Lost: the Poisson network runs 60 ms, not 100 (cost 6.4x the ANN's, not 10.7x: same
#: verdict); its accuracy loss sits one image from "holds", so some input rates flip it.
EXPLORE = {"poisson_duration": 60.0}

#: Readout interval of the output layer (ms): resolution of the time to settle.
READOUT_MS = 1.0
#: The two inputs of the spiking network (per-input fields of Measured in this order).
INPUTS = ("analog", "poisson")
ANALOG, POISSON = 0, 1
STEPPED, EVENT = ACCOUNTINGS[2], ACCOUNTINGS[3]


@dataclass(frozen=True)
class Measured:
    """What :func:`plot` draws. Per-input fields are in INPUTS order (analog, Poisson):
    tuples of series (their readout times differ), arrays of per-input values.

    Attributes
    ----------
    n_images : int
        Test images simulated.
    ann_accuracy, margin_points, input_rate_Hz : float
        The ANN's test accuracy (%); the margin (points) within which the spiking
        network counts as accurate; a white pixel's Poisson rate.
    ann_nJ, ann_parts_nJ : ndarray (4,), (3,)
        The ANN's energy per image under each accounting (ACCOUNTINGS); its full count
        split into arithmetic, weight reads and neuron updates.
    times_ms, accuracy, hidden_events, input_events, energy_stepped_nJ : tuple of ndarray
        Per input, at every readout: its time, test accuracy (%), synaptic events per
        image from hidden spikes and from pixel spikes, energy per image so far (full
        count, time-stepped updates).
    read_index, read_settled, accuracy_read : ndarray (2,)
        The readout at which each input's energy is read; whether the analog network had
        settled there (Poisson: read at the end); its accuracy (%) there.
    table_nJ, full_nJ, full_style, full_parts_nJ : ndarray (2, 4), (2,), tuple, (2, 3)
        Energy per image when read: under each accounting; the full count, the update
        style it takes, and its split as for the ANN.
    settled_ms, settled_interval_ms : float, ndarray (2,)
        When the analog network comes within the margin; its 95 % interval over images.
    poisson_only_wrong, ann_only_wrong : int
        Images only the Poisson network (at the end), only the ANN, gets wrong.
    poisson_loss_se_points : float
        Standard error of the Poisson network's loss, sqrt(b + c) / n (McNemar's pairs).
    """

    n_images: int
    ann_accuracy: float
    margin_points: float
    input_rate_Hz: float
    ann_nJ: np.ndarray
    ann_parts_nJ: np.ndarray
    times_ms: tuple
    accuracy: tuple
    hidden_events: tuple
    input_events: tuple
    energy_stepped_nJ: tuple
    read_index: np.ndarray
    read_settled: np.ndarray
    accuracy_read: np.ndarray
    table_nJ: np.ndarray
    full_nJ: np.ndarray
    full_style: tuple
    full_parts_nJ: np.ndarray
    settled_ms: float
    settled_interval_ms: np.ndarray
    poisson_only_wrong: int
    ann_only_wrong: int
    poisson_loss_se_points: float


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Count and price the ANN's MACs and the spiking network's work (analog, Poisson)."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        conversion="99.9th percentile weight normalisation, IF neurons, reset by subtraction",
        analog_read=f"when the isotonic fit of its accuracy comes within {MARGIN_POINTS:g} "
        "point of the ANN's",
        poisson_read="at the end of its run",
        energy="Horowitz 2014, 45 nm: "
        + ", ".join(f"{k} {v:g} pJ" for k, v in HOROWITZ_2014_PJ.items()),
        accountings=list(ACCOUNTINGS),
        readout_every_ms=READOUT_MS,
    )
    dt = p.plain("dt")
    # stimulus: the test split (every image_stride-th image)
    split = digits_split(seed)
    X, y = split.X_test[:: p.image_stride], split.y_test[:: p.image_stride]
    # artificial model: a fixed number of MACs per image
    net = digit_classifier("relu", seed=seed, epochs=p.epochs)
    ann_pred = net.predict(X)
    ann = ann_workload(LAYERS)
    # spiking model: the same conversion, fed Poisson pixel spikes or analog currents
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
    costs = (
        analog_rate_code(
            seed=seed,
            epochs=p.epochs,
            image_stride=p.image_stride,
            duration_ms=p.plain("analog_duration"),
            dt_ms=dt,
            readout_ms=READOUT_MS,
        ),
        rate_code_cost(poisson, y, ann_pred, seed=seed),
    )
    pixels = (None, poisson.input_events.mean(axis=1) / LAYERS[1])  # events / 100 targets
    # comparison: the work over time, priced; read when settled (analog) or at the end
    settled = costs[ANALOG].settled_index >= 0
    read = (costs[ANALOG].settled_index if settled else -1, -1)
    read = [k % len(c.times_ms) for k, c in zip(read, costs)]
    work = [c.workload(k, dt_ms=dt, input_spikes=px) for c, k, px in zip(costs, read, pixels)]
    # the Poisson network's loss at the end, paired with the ANN image by image: images
    # only it gets wrong, images only the ANN gets wrong; standard error sqrt(b + c) / n
    last = poisson.predictions[-1]
    only_spikes = int(np.sum((last != y) & (ann_pred == y)))
    only_ann = int(np.sum((last == y) & (ann_pred != y)))
    findings.data = Measured(
        n_images=len(y),
        ann_accuracy=100 * float(np.mean(ann_pred == y)),
        margin_points=MARGIN_POINTS,
        input_rate_Hz=p.plain("input_rate"),
        ann_nJ=ann.table_nJ(),  # the same under every accounting but the first
        ann_parts_nJ=np.array(list(ann.parts_nJ(None).values())),
        times_ms=tuple(c.times_ms for c in costs),
        accuracy=tuple(c.accuracy for c in costs),
        hidden_events=tuple(c.hidden_events for c in costs),
        input_events=(np.zeros(len(costs[ANALOG].times_ms)), pixels[POISSON] * LAYERS[1]),
        energy_stepped_nJ=tuple(
            c.energy_nJ(STEPPED, dt_ms=dt, input_spikes=px) for c, px in zip(costs, pixels)
        ),
        read_index=np.array(read),
        read_settled=np.array([settled, True]),
        accuracy_read=np.array([float(c.accuracy[k]) for c, k in zip(costs, read)]),
        table_nJ=np.array([w.table_nJ() for w in work]),
        full_nJ=np.array([w.full_nJ() for w in work]),
        full_style=tuple(w.full_style() for w in work),
        full_parts_nJ=np.array([list(w.parts_nJ(w.full_style()).values()) for w in work]),
        settled_ms=costs[ANALOG].settled_ms,
        settled_interval_ms=costs[ANALOG].settled_interval_ms,
        poisson_only_wrong=only_spikes,
        ann_only_wrong=only_ann,
        poisson_loss_se_points=100 * np.sqrt(only_spikes + only_ann) / len(y),
    )
    _claims(findings, findings.data, ann)
    return findings


def _claims(findings: Findings, d: Measured, ann) -> None:
    full_words = (
        "the full count: arithmetic, every weight read from an SRAM sized to the network "
        "(32 kB), and neuron updates in the cheaper of the time-stepped and event-driven "
        "styles (fp32 at 45 nm, Horowitz 2014)"
    )
    analog_words = (
        "the image read as analog values through the same first layer (6,400 MACs each), "
        "the spiking network read when the isotonic fit of its accuracy comes within 1 "
        "point of the ANN's"
    )
    findings.claim(
        f"estimated energy per image, rate-coded spiking network / ANN, like with like: "
        f"{analog_words}; {full_words}",
        d.full_nJ[ANALOG] / ann.full_nJ(),
        "x",
        rule=yardsticks.SAME_COST,
        label="rate code / ANN, full count",
        aspect="cost",
        key=True,
    )
    findings.claim(
        f"estimated energy per image, rate-coded spiking network / ANN, arithmetic only: "
        f"{analog_words} (fp32 at 45 nm, Horowitz 2014)",
        d.table_nJ[ANALOG][0] / ann.energy_nJ(ACCOUNTINGS[0]),
        "x",
        rule=yardsticks.SAME_COST,
        label="rate code / ANN, arithmetic only",
        aspect="cost",
    )
    findings.claim(
        f"estimated energy per image, rate-coded spiking network / ANN, {analog_words}; "
        "arithmetic, weights read from a 32 kB SRAM, and every neuron updated every time "
        "step dt (fp32 at 45 nm, Horowitz 2014)",
        d.table_nJ[ANALOG][2] / ann.energy_nJ(STEPPED),
        "x",
        rule=yardsticks.SAME_COST,
        label="rate code / ANN, time-stepped updates",
        aspect="cost",
    )
    k = d.read_index[ANALOG]
    findings.claim(
        "the layer that spikes (hidden to output), analog input, arithmetic only: an "
        "addition per synaptic event until the accuracy comes within 1 point / the ANN's "
        "1,000 MACs for that layer (fp32 at 45 nm, Horowitz 2014)",
        d.hidden_events[ANALOG][k] * ADD_PJ / (LAYERS[1] * LAYERS[2] * MAC_PJ),
        "x",
        rule=yardsticks.SAME_COST,
        label="spiking layer / ANN layer, arithmetic only",
        aspect="cost",
    )
    findings.claim(
        "estimated energy per image, spiking network fed Poisson pixel spikes / ANN fed "
        f"analog pixels, read at the end of its run; {full_words}",
        d.full_nJ[POISSON] / ann.full_nJ(),
        "x",
        rule=yardsticks.SAME_COST,
        label="Poisson input / ANN, full count",
        aspect="cost",
    )
    findings.claim(
        "accuracy the spiking network fed Poisson pixel spikes lacks of the ANN's at the "
        "end of its run, when its energy is read",
        d.ann_accuracy - d.accuracy_read[POISSON],
        "points",
        rule=Rule.at_most(1, partly=5, reason=SMALL_LOSS),
        label="Poisson input: accuracy lost at the end",
        about="spiking",
    )


# -- figure ---------------------------------------------------------------------------------

#: Line style and words of each input, in INPUTS order; where else a line's words may go
#: (under its end, over it: a factor on the energy and the vertical alignment; then
#: under its middle).
STYLES = (("-", "analog input (currents)"), ("--", "Poisson pixel spikes"))
ALTERNATIVES = ((1 / 1.1, "top"), (1.1, "bottom"))


def _energy_over_time(ax, d, end):
    ax.axhline(d.ann_nJ[2], color=ARTIFICIAL, ls="--", lw=2.5)
    ax.text(end, d.ann_nJ[2] * 0.92, "ANN", color=ARTIFICIAL, ha="right", va="top", fontsize=12)
    for i, (ls, label) in enumerate(STYLES):
        t, e = d.times_ms[i], d.energy_stepped_nJ[i]
        ax.plot(t, e, color=SPIKING, ls=ls, lw=3)
        # at the end of its line: to the right if it ends early (the Poisson curve is above)
        at, ha = (t[-1] + 1.5, "left") if t[-1] < 0.8 * end else (t[-1], "right")
        y, va = (e[-1], "center") if ha == "left" else (e[-1] * 1.1, "bottom")
        places = [(at, y, ha, va), *((t[-1], e[-1] * f, "right", v) for f, v in ALTERNATIVES)]
        places.append((t[len(t) // 2], e[len(t) // 2] / 1.1, "left", "top"))  # under its middle
        clear_note(ax, label, places, transform=ax.transData, color=SPIKING, fontsize=11)
        j = d.read_index[i]
        ax.plot(t[j], e[j], "o", color=SPIKING, ms=10, mec="k", mew=1, zorder=5)
    ax.plot([], [], "o", color=SPIKING, ms=10, mec="k", mew=1, label="energy read here")
    ax.set_yscale("log")
    ax.set_xlim(0, end * 1.03)
    ax.set_ylim(top=d.energy_stepped_nJ[POISSON].max() * 4)
    ax.set_xlabel("simulated time (ms)")
    ax.set_ylabel("energy per image (nJ, estimate)")
    ax.set_title("Full count, updates every time step", fontsize=14)
    ax.legend(loc="lower right", fontsize=10)


def _accuracy_over_time(ax, d, end):
    ann = d.ann_accuracy
    margin = d.margin_points
    ax.axhspan(ann - margin, ann + margin, color=ARTIFICIAL, alpha=0.15, lw=0)
    ax.axhline(ann, color=ARTIFICIAL, ls="--", lw=2)
    said, y = f"ANN {ann:.1f} % ± {margin:g} point", ann + margin + 0.15
    places = [(end, y, "right", "bottom"), (end / 2, y, "center", "bottom")]
    clear_note(ax, said, places, transform=ax.transData, color=ARTIFICIAL, fontsize=11)
    for i, (ls, label) in enumerate(STYLES):
        t, acc = d.times_ms[i], d.accuracy[i]
        ax.plot(t, acc, color=SPIKING, ls=ls, lw=2.5, label=f"spiking, {label}")
        j = d.read_index[i]
        ax.plot(t[j], acc[j], "o", color=SPIKING, ms=10, mec="k", mew=1, zorder=5)
    # the loss beside its point (kept inside the panel): below it, else above; left, else right
    j = d.read_index[POISSON]
    at, y = d.times_ms[POISSON][j], float(np.clip(d.accuracy[POISSON][j], ann - 3.5, ann + 2.5))
    said = f"{ann - d.accuracy_read[POISSON]:.1f} ± {d.poisson_loss_se_points:.1f}\npoints below"
    places = [
        (at, y + dy, ha, va)
        for dy, va in ((-1.2, "top"), (1.2, "bottom"))
        for ha in ("right", "left")
    ]
    clear_note(ax, said, places, transform=ax.transData, color=SPIKING, fontsize=10)
    # when the analog network comes within the margin: its 95 % interval over test images
    low, high = d.settled_interval_ms
    y_bar = ann - 5.2
    ax.plot([low, min(high, end)], [y_bar, y_bar], color=SPIKING, lw=2.5)
    ax.plot(d.times_ms[ANALOG][d.read_index[ANALOG]], y_bar, "|", color=SPIKING, ms=16, mew=2.5)
    said = f"analog input within {margin:g} point: 95 % interval"
    places = [(end, y_bar - 0.25, "right", "top"), (0.02 * end, y_bar - 0.25, "left", "top")]
    places += [(x, y_bar + 0.25, ha, "bottom") for x, _y, ha, _va in places]
    clear_note(ax, said, places, transform=ax.transData, color=SPIKING, fontsize=10)
    ax.set_xlim(0, end * 1.03)
    ax.set_ylim(ann - 6, ann + 5)  # the legend above the curves
    ax.set_yticks(np.arange(np.ceil(ann - 6), min(ann + 3, 100.5)))
    ax.set_xlabel("simulated time (ms)")
    ax.set_ylabel("test accuracy (%)")
    ax.set_title("Accuracy near the ANN's", fontsize=14)
    ax.legend(loc="upper left", fontsize=10)


def _ratios(ax, d):
    """Spiking / ANN energy under each accounting, against the "same cost" band."""
    rows = np.arange(len(ACCOUNTINGS))
    low, high = yardsticks.SAME_COST.holds
    ax.axhspan(low, high, color=NEUTRAL, alpha=0.15, lw=0)
    ax.axhline(1, color=NEUTRAL, lw=1, ls=":")
    ax.text(
        rows[-1] + 0.4,
        high * 0.93,
        "same cost\n(within 2x)",
        color=NEUTRAL,
        ha="right",
        va="top",
        fontsize=10,
    )
    for i, marker in ((ANALOG, "o"), (POISSON, "s")):
        ratio = d.table_nJ[i] / d.ann_nJ
        ax.plot(
            rows,
            ratio,
            marker=marker,
            ls=STYLES[i][0],
            color=SPIKING,
            ms=11,
            lw=2,
            mfc=SPIKING if i == ANALOG else "w",
            mew=2,
        )
        ax.text(
            rows[0] - 0.15,
            ratio[0],
            STYLES[i][1].split(" (")[0],
            color=SPIKING,
            ha="right",
            va="center",
            fontsize=11,
        )
    ax.set_yscale("log")
    ax.set_ylim(0.1, max(d.table_nJ[POISSON] / d.ann_nJ) * 5)
    for y, va, words in ((0.97, "top", "spikes dearer"), (0.03, "bottom", "spikes cheaper")):
        ax.text(
            0.98, y, words, transform=ax.transAxes, ha="right", va=va, fontsize=11, color=NEUTRAL
        )
    ax.set_xlim(-1.6, rows[-1] + 0.5)
    ax.set_xticks(
        rows,
        [
            "arithmetic\nonly",
            "+ weight\nreads",
            "+ updates,\ntime-\nstepped",
            "+ updates,\nevent-\ndriven",
        ],
        fontsize=10.5,
    )
    ax.set_ylabel("energy per image, spiking / ANN")
    ax.set_title("Under each accounting", fontsize=14)


def plot(findings: Findings):
    """Energy per image over time, accuracy over time, the full count when read."""
    d = findings.data
    end = max(d.times_ms[ANALOG][-1], d.times_ms[POISSON][-1])
    with lecture_style():
        fig = new_figure(figsize=(18, 6.5))
        axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 0.9]})
        _energy_over_time(axes[0], d, end)
        _accuracy_over_time(axes[1], d, end)
        _ratios(axes[2], d)
        label_panels(axes)
        title = (
            "What classifying one digit costs: a rate code reading the analog image costs "
            "the ANN's energy; Poisson pixel spikes cost far more"
        )
        rests_on = {
            "rate code / ANN, full count": "holds",
            "Poisson input / ANN, full count": "above",
        }
        finish(fig, findings, title, rests_on, fontsize=16, fontweight="bold")
    return fig
