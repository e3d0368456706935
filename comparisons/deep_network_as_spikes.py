"""A deep network trained by backprop still classifies when its units become spiking neurons.

A 64-100-10 network is trained on the UCI handwritten digits by backprop, then
converted: every unit becomes a neuron whose firing rate stands for its activation,
every weight a synapse (data-based weight normalisation at the 99.9th percentile, after
Diehl et al. 2015 and Rueckauer et al. 2017; integrate-and-fire neurons with reset by
subtraction). The whole test set is simulated at once as spikes, and the class is read
from the output neurons' spike counts at several times: the spiking network needs time
to reach the network's accuracy, because a rate has to be counted. A network trained
with ReLUs loses more when its neurons leak (LIF); one trained with the LIF neuron's own
rate curve (soft LIF, Hunsberger & Eliasmith 2015) converts onto LIF neurons with its
rates intact.
"""

from __future__ import annotations

import warnings

import numpy as np
from brian2 import ms

from neurosim.artificial import DeepNetwork
from neurosim.compare.convert import ConversionWarning, convert, simulate_converted
from neurosim.datasets import load_digits, train_test_split
from neurosim.findings import Findings
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, label_panels, lecture_style

NAME = "deep_network_as_spikes"
QUESTION = "Does a backprop-trained deep network still work when its units become spiking neurons?"
#: rough full-quality run time (s): the pipeline starts the longest comparisons first
COST = 15.0

LAYERS = [64, 100, 10]
DURATION_MS = 500.0
CHECKPOINTS_MS = (50, 100, 200, 500)
TRAINING = {"epochs": 40, "batch_size": 32, "learning_rate": 0.003, "optimizer": "adam"}


def time_to_reach(times, accuracy, target):
    """First readout from which the accuracy stays >= target: ``(time, index)``.

    ``(nan, -1)`` if the accuracy is below target at the last readout.
    """
    ok = accuracy >= target - 1e-12
    if not ok[-1]:
        return float("nan"), -1
    bad = np.flatnonzero(~ok)
    k = 0 if bad.size == 0 else int(bad[-1] + 1)
    return float(times[k]), k


def digits_split(seed: int):
    """The UCI digits, stratified 80/20: ``X_train, X_test, y_train, y_test``."""
    X, y = load_digits()
    return train_test_split(X, y, test_fraction=0.2, seed=seed)


def train_digit_network(hidden: str, X_train, y_train, seed: int) -> DeepNetwork:
    """The lecture's 64-100-10 digit classifier, trained by backprop (``TRAINING``)."""
    net = DeepNetwork(LAYERS, hidden=hidden, output="softmax", seed=seed)
    net.fit(X_train, y_train, seed=seed, **TRAINING)
    return net


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """Train three networks, convert them, simulate the test set once, read out over time."""
    X_train, X_test, y_train, y_test = digits_split(seed)
    X_sim, y_sim = X_test, y_test
    # quick: a coarser time step (integrate-and-fire neurons with reset by
    # subtraction keep their mean rate exactly at any step; the LIF contrast loses a little)
    dt = 0.25 * ms if quick else 0.1 * ms
    nets = {h: train_digit_network(h, X_train, y_train, seed) for h in ("relu", "soft_lif")}
    with warnings.catch_warnings():
        # the relu -> LIF conversion is lossy on purpose: it is the contrast case
        warnings.simplefilter("ignore", ConversionWarning)
        snns = {
            "relu -> IF": convert(nets["relu"], X_train),
            "relu -> LIF": convert(nets["relu"], X_train, neuron="lif", reset="zero", t_ref=2 * ms),
            "soft LIF -> LIF": convert(nets["soft_lif"], X_train),
        }
        results = dict(
            zip(
                snns,
                simulate_converted(
                    list(snns.values()),
                    X_sim,
                    DURATION_MS * ms,
                    readout_every=5 * ms,
                    dt=dt,
                    seed=seed,
                ),
            )
        )
    main = results["relu -> IF"]
    times = np.asarray(main.readout_times / ms)
    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "layers": LAYERS,
            "training": TRAINING,
            "test_images_simulated": len(y_sim),
            "duration_ms": DURATION_MS,
            "conversion": "99.9th percentile normalisation, max rate 200 Hz, IF neurons, reset by "
            "subtraction, images as constant input currents",
        },
    )
    d = findings.data
    d["times_ms"] = times
    ann = {h: 100 * n.score(X_sim, y_sim) for h, n in nets.items()}
    d["ann_accuracy_full_test"] = 100 * nets["relu"].score(X_test, y_test)
    d["ann_accuracy"] = ann["relu"]
    for name, res in results.items():
        d[f"accuracy/{name}"] = 100 * res.accuracy(y_sim)
    acc = d["accuracy/relu -> IF"]
    # activations vs rates of the hidden layer (a subsample of points for the scatter)
    rng = np.random.default_rng(seed)
    for name, res in results.items():
        expected, measured = res.expected_rates[0].ravel(), res.layer_rates[0].ravel()
        pick = rng.choice(expected.size, size=min(4000, expected.size), replace=False)
        d[f"expected/{name}"], d[f"measured/{name}"] = expected[pick], measured[pick]
        d[f"rate_r/{name}"] = float(np.corrcoef(expected, measured)[0, 1])
        d[f"rate_slope/{name}"] = float(np.sum(expected * measured) / np.sum(expected**2))
    # the raster of one digit passing through the network
    d["raster_image"] = X_sim[0].reshape(8, 8)
    d["raster_label"] = int(y_sim[0])
    d["raster_hidden"] = main.raster[0]
    d["raster_output"] = main.raster[1]
    d["raster_prediction"] = int(main.predictions[-1, 0])

    findings.claim(
        "ANN (64-100-10, ReLU) test accuracy",
        d["ann_accuracy_full_test"],
        "%",
        "holds" if d["ann_accuracy_full_test"] >= 97 else "partly",
        aspect="",  # the ANN alone: not a point of the analogy
    )
    for t in CHECKPOINTS_MS:
        value = float(acc[np.argmin(np.abs(times - t))])
        gap = ann["relu"] - value
        verdict = "holds" if gap <= 1 else ("partly" if gap <= 5 else "fails")
        findings.claim(
            f"spiking network accuracy after {t} ms of simulated time",
            value,
            "%",
            verdict,
            aspect="output code",
        )
    reach, _ = time_to_reach(times, acc, ann["relu"] - 1)
    findings.claim(
        "simulated time until the spiking network stays within 1 point of the ANN",
        reach,
        "ms",
        "partly" if np.isfinite(reach) else "fails",
        aspect="output code",
        key=True,
    )
    findings.claim(
        "hidden layer: correlation of firing rates with ANN activations (IF neurons)",
        d["rate_r/relu -> IF"],
        "",
        "holds",
        aspect="output code",
    )
    for name, hidden in (("relu -> LIF", "relu"), ("soft LIF -> LIF", "soft_lif")):
        loss = ann[hidden] - float(d[f"accuracy/{name}"][-1])
        d[f"loss/{name}"] = loss
        findings.claim(
            f"{name} neurons: accuracy lost by conversion at {DURATION_MS:.0f} ms",
            loss,
            "points",
            "holds" if loss <= 1 else "partly",
            aspect="nonlinearity",
        )
        findings.claim(
            f"{name} neurons: measured/expected hidden rate (fitted slope)",
            d[f"rate_slope/{name}"],
            "",
            "holds" if abs(d[f"rate_slope/{name}"] - 1) < 0.1 else "partly",
            aspect="nonlinearity",
        )
    return findings


def plot(findings: Findings):
    """Accuracy vs time, rates vs activations, a raster, and the LIF-trained contrast."""
    import matplotlib.pyplot as plt

    d = findings.data
    times = d["times_ms"]
    with lecture_style():
        fig = plt.figure(figsize=(17, 9.5))
        grid = fig.add_gridspec(2, 3, width_ratios=[1.25, 1, 1])
        ax_acc = fig.add_subplot(grid[0, 0])
        ax_rate = fig.add_subplot(grid[0, 1])
        ax_lif = fig.add_subplot(grid[0, 2])
        sub = grid[1, :].subgridspec(1, 3, width_ratios=[0.45, 2.2, 1.1])
        ax_img = fig.add_subplot(sub[0, 0])
        ax_hid = fig.add_subplot(sub[0, 1])
        ax_out = fig.add_subplot(sub[0, 2])

        ann = d["ann_accuracy"]
        acc = d["accuracy/relu -> IF"]
        ax_acc.axhline(ann, color=ARTIFICIAL, ls="--", label=f"ANN (backprop): {ann:.1f}%")
        ax_acc.plot(times, acc, color=SPIKING, label="spiking network")
        ax_acc.axhline(10, color=NEUTRAL, ls=":", lw=1.5, label="chance (10%)")
        ax_acc.set_xscale("log")
        ax_acc.set_xlim(times[0], times[-1])
        ax_acc.set_ylim(0, 100)
        ax_acc.set_xlabel("simulated time (ms, log scale)")
        ax_acc.set_ylabel("test accuracy (%)")
        ax_acc.set_title("Spikes need time to reach the ANN", fontsize=14)
        ax_acc.legend(loc="center left", fontsize=10)
        # zoom on the last points: the ANN +- 1 percentage point
        zoom = ax_acc.inset_axes([0.42, 0.1, 0.55, 0.42])
        zoom.axhspan(ann - 1, ann + 1, color=ARTIFICIAL, alpha=0.15, lw=0)
        zoom.axhline(ann, color=ARTIFICIAL, ls="--", lw=1.5)
        late = times >= 40
        zoom.plot(times[late], acc[late], color=SPIKING, lw=1.8)
        for t in CHECKPOINTS_MS:
            k = np.argmin(np.abs(times - t))
            zoom.plot(times[k], acc[k], "o", color=SPIKING, ms=5)
            zoom.annotate(
                f"{acc[k]:.1f}",
                (times[k], acc[k]),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
                fontsize=10,
                color=SPIKING,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3, "alpha": 0.8},
            )
        zoom.set_ylim(min(acc[late].min(), ann - 1) - 1.5, ann + 1.5)
        zoom.set_xlim(25, times[-1] * 1.04)
        zoom.tick_params(labelsize=10)
        zoom.set_title("ANN ± 1 point", fontsize=10)
        for side in ("top", "right"):
            zoom.spines[side].set_visible(True)

        e, m = d["expected/relu -> IF"], d["measured/relu -> IF"]
        top = max(e.max(), m.max()) * 1.05
        ax_rate.plot([0, top], [0, top], color=NEUTRAL, ls=":", lw=1.5, label="perfect conversion")
        ax_rate.scatter(e, m, s=6, color=SPIKING, alpha=0.35, lw=0)
        ax_rate.set_xlabel("ANN activation, as a rate (Hz)")
        ax_rate.set_ylabel("spiking neuron rate (Hz)")
        ax_rate.set_title(
            f"Hidden units: rate = activation\n(r = {d['rate_r/relu -> IF']:.4f})", fontsize=14
        )
        ax_rate.legend(loc="upper left")

        for name, marker, fill in (("relu -> LIF", "o", "none"), ("soft LIF -> LIF", "o", SPIKING)):
            ax_lif.scatter(
                d[f"expected/{name}"],
                d[f"measured/{name}"],
                s=10,
                marker=marker,
                facecolors=fill,
                edgecolors=SPIKING,
                alpha=0.4,
                lw=0.6,
                label=f"{name.split(' ->')[0]}-trained: slope {d[f'rate_slope/{name}']:.2f}, "
                f"loss {d[f'loss/{name}']:.1f} pts",
            )
        top = max(d["expected/soft LIF -> LIF"].max(), d["expected/relu -> LIF"].max()) * 1.05
        ax_lif.plot([0, top], [0, top], color=NEUTRAL, ls=":", lw=1.5)
        ax_lif.set_xlabel("ANN activation, as a rate (Hz)")
        ax_lif.set_ylabel("LIF neuron rate (Hz)")
        ax_lif.set_title(
            "Leaky neurons: train with their\nown rate curve to convert well", fontsize=14
        )
        ax_lif.legend(loc="upper left", fontsize=10, markerscale=2)

        ax_img.imshow(d["raster_image"], cmap="gray_r", vmin=0, vmax=1)
        ax_img.set_xticks([])
        ax_img.set_yticks([])
        ax_img.set_title(f"input: a {d['raster_label']}", fontsize=13)
        ax_img.set_xlabel("constant currents", fontsize=11)
        t_h, i_h = d["raster_hidden"]
        ax_hid.scatter(t_h * 1000, i_h, s=6, marker="|", color=SPIKING, lw=1)
        ax_hid.set_xlim(0, 100)
        ax_hid.set_ylim(-1, LAYERS[1])
        ax_hid.set_xlabel("time (ms)")
        ax_hid.set_ylabel("hidden neuron")
        ax_hid.set_title("hidden layer: 100 neurons (first 100 ms)", fontsize=13)
        _, i_o = d["raster_output"]
        counts = np.bincount(i_o, minlength=LAYERS[-1])
        colors = [SPIKING if k == d["raster_prediction"] else NEUTRAL for k in range(LAYERS[-1])]
        ax_out.barh(np.arange(LAYERS[-1]), counts, color=colors)
        ax_out.set_yticks(np.arange(LAYERS[-1]))
        ax_out.set_ylabel("output neuron (digit)")
        ax_out.set_xlabel(f"spikes in {DURATION_MS:.0f} ms")
        ax_out.set_title(f"output: most spikes = {d['raster_prediction']}", fontsize=13)
        label_panels([ax_acc, ax_rate, ax_lif, ax_img], x=-0.15)
        fig.suptitle(
            "A backprop-trained digit classifier, run as spiking neurons",
            fontsize=16,
            fontweight="bold",
        )
    return fig
