"""Predictive coding learns like backprop from local errors and Hebbian updates, at a price:
every example must settle for several time constants before any synapse may change.

Backprop needs a backward pass that no neuron is known to make: the error of every unit
is computed by a separate sweep, and then applied to synapses far away. Whittington &
Bogacz (2017, Neural Comput. 29:1229) showed that a predictive-coding network computes the
same weight updates with only local signals: every layer has value nodes and error nodes
(error = value - the layer below's prediction), the value nodes settle by descending an
energy (the sum of squared errors plus the output's loss, weighted by the **nudge**
beta), and then every weight changes by the product of its presynaptic activity and its
postsynaptic error node (a Hebbian rule). When the output is nudged only slightly and
the network has settled, those updates are backprop's gradient (Millidge, Tschantz &
Buckley 2022, Neural Comput. 34:1329, for any computation graph); the model is
:mod:`neurosim.artificial.predictive_coding`.

The network has the lecture's digit classifier's shape (64-100-10, logistic hidden units)
and its 80/20 split of the UCI digits. Both rules train it from the same initial weights,
on the same mini-batches of 32, for the same epochs, with plain gradient steps (SGD: a
synapse keeps no per-weight memory like Adam's, which would rescale away an update that
is too small). Measured: the cosine similarity between the two rules' update of each of
8 mini-batches of training images, against the settling steps and against the nudge, at
the initial weights and at the weights predictive coding learned; the price, in settling
steps until the lowest layer's update reaches 95 % of its settled size, against the closed
form of leaky stages in cascade (:func:`~neurosim.artificial.settled_fraction`: the error
reaches the hidden layer one step after the output), and in milliseconds for value nodes
with the LIF neuron's membrane time constant (``TAU_MS``); the test accuracy of both.

What stays non-local: the error sent down to a layer passes through the transposes of the
forward weights (symmetric feedback synapses), as in backprop (Whittington & Bogacz
discuss learning them by the same Hebbian product); the feedback-alignment result of
``learning_rules`` says random ones also teach.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial import (
    DeepNetwork,
    PredictiveCoding,
    Training,
    cascade_cosine,
    nudge_sweep,
    settled_fraction,
    settling_trace,
    steps_to_settle,
)
from neurosim.artificial.digits import LAYERS, digits_split
from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.core.batching import seeds_as_batch
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    THEORY,
    clear_note,
    label_panels,
    lecture_style,
    new_figure,
)

NAME = "predictive_coding"
QUESTION = (
    "Can local errors and Hebbian updates give backprop's gradient, and at what price "
    "in settling time?"
)
PARAMETERS = (
    Parameter("epochs", 12, "training epochs of both rules", low=1, high=200, quick=5),
    Parameter(
        "settling_steps",
        25,
        "settling steps before every predictive-coding update in training",
        low=0,
        high=500,
    ),
    Parameter(
        "inference_rate",
        0.2,
        "Euler step of the settling, in value-node time constants (above 0.3 it oscillates)",
        low=0.05,
        high=0.3,
    ),
    Parameter("nudge", 0.1, "weight beta of the output loss in the energy", low=0.001, high=10.0),
    Parameter("learning_rate", 1.0, "SGD step size of both rules", low=0.01, high=5.0),
)
COST = 4.0
#: Live updates (explore()): quick settings plus these. Its run still takes about 1.6 s
#: on 2 cores (measured, benchmarks/bench_explore.py), not 0.5: about 1.3 s is the fixed
#: comparison of the two rules' updates (settling traces over 30 time constants and the
#: nudge sweep, at the initial and the trained weights; no parameter sizes it). What the
#: figure loses: the learning curves stop at epoch 3, so "trained weights" are less
#: trained (their settling price is a little lower than after the quick 5 epochs).
EXPLORE = {"epochs": 3}

#: Hidden activation: the lecture's logistic unit.
HIDDEN = "sigmoid"
#: Mini-batch size of training and of the update comparison.
BATCH = 32
#: Training images whose updates are compared (8 mini-batches).
PROBE = 8 * BATCH
#: Settling horizon of the comparison, in value-node time constants (steps = this / rate):
#: the closed form's 2-stage cascade is settled to 1e-11 by then.
HORIZON_TAU = 30.0
#: Nudges of the sweep (the training nudge is added).
NUDGES = (0.001, 0.01, 0.1, 1.0, 10.0)
#: The lowest layer's update has "settled" at this fraction of its final size.
SETTLED = 0.95
#: Time constant of a value node (ms): the membrane time constant of neurosim's LIF
#: neuron (LIFParameters.tau_m, 20 ms; cortical pyramidal cells: 10-30 ms).
TAU_MS = 20.0
#: Mean fixation durations (ms), the time one input stays on the retina: silent reading
#: 225 ms, scene perception 330 ms (Rayner 1998, Psychol. Bull. 124:372, Table 1).
FIXATION_MS = {"reading": 225.0, "scene viewing": 330.0}


@dataclass(frozen=True)
class Measured:
    """What plot() needs: plain arrays (``init`` = initial weights, ``trained`` = the
    weights predictive coding ended with)."""

    steps: np.ndarray
    cosine_init: np.ndarray  # (n_steps, n_batches)
    cosine_trained: np.ndarray
    cosine_theory: np.ndarray  # (n_steps, n_batches): closed form at the initial weights
    settled_init: np.ndarray  # (n_steps, n_batches): lowest layer's size / its final size
    settled_trained: np.ndarray
    settled_theory: np.ndarray  # (n_steps,)
    price_init: int
    price_trained: int
    price_theory: int
    price_check: int  # initial weights, smallest nudge: the closed form's own regime
    nudges: np.ndarray
    nudge_cosine_init: np.ndarray  # (n_nudges, n_batches)
    nudge_cosine_trained: np.ndarray
    nudge_deviation_init: np.ndarray
    nudge_deviation_trained: np.ndarray
    epochs: np.ndarray
    backprop_curve: np.ndarray  # test accuracy (%) after every epoch
    pc_curve: np.ndarray
    n_test: int
    training_cosine: np.ndarray  # (n_batches,) at the trained weights, training settling
    settling_steps: int
    inference_rate: float
    nudge: float


#: what was run, for the record (findings.settings)
DESCRIBED = {
    "network": f"{'-'.join(map(str, LAYERS))}, {HIDDEN} hidden units, softmax output",
    "training": f"SGD, mini-batches of {BATCH}, same initial weights and batches for both",
    "settling": "from the forward pass; Hebbian update = presynaptic rate x error node",
    "compared": f"{PROBE // BATCH} mini-batches of training images, weights only",
    "tau_ms": TAU_MS,
}


def _train(split, seed: int, p, rule):
    """Steps: the network trained by ``rule`` (None: backprop) as a Training request."""
    net = DeepNetwork(LAYERS, hidden=HIDDEN, seed=seed)
    sgd = {"optimizer": "sgd", "learning_rate": float(p.learning_rate), "batch_size": BATCH}
    data = {"X": split.X_train, "y": split.y_train, "validation": (split.X_test, split.y_test)}
    history = yield Training(net, **data, epochs=int(p.epochs), seed=seed, rule=rule, **sgd)
    return net, 100 * np.asarray(history.val_accuracy)


def _settled(trace, horizon: int) -> np.ndarray:
    """The lowest layer's update size over its size at the horizon, per mini-batch."""
    lowest = trace.size_ratio[:, 0, :]
    final = lowest[list(trace.steps).index(horizon)]
    return lowest / np.where(final > 0, final, np.inf)


def _price(settled: np.ndarray, steps: np.ndarray) -> int:
    """First step from which the median over mini-batches stays at or above SETTLED."""
    median = np.median(settled, axis=1)
    below = np.nonzero(median < SETTLED)[0]
    return int(steps[below[-1] + 1]) if below.size else int(steps[0])


@seeds_as_batch
def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Stimulus, the two learning rules (requests: seeds stack), updates compared, claims."""
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed, **DESCRIBED)
    rate, nudge, steps = float(p.inference_rate), float(p.nudge), int(p.settling_steps)
    # stimulus: the lecture's digits split
    split = digits_split(seed)
    probe = np.random.default_rng(seed).permutation(len(split.y_train))[:PROBE]
    X, y = split.X_train[probe], split.y_train[probe]

    # the two rules train the same network from the same start on the same batches
    rule = PredictiveCoding(steps=steps, inference_rate=rate, nudge=nudge)
    _, backprop_curve = yield from _train(split, seed, p, None)
    pc_net, pc_curve = yield from _train(split, seed, p, rule)
    initial = DeepNetwork(LAYERS, hidden=HIDDEN, seed=seed)

    # their updates compared, step by step, at the start and at the end of learning
    horizon = max(int(np.ceil(HORIZON_TAU / rate)), steps)
    at = np.arange(horizon + 1)
    probe_rule = PredictiveCoding(steps=horizon, inference_rate=rate, nudge=nudge)
    start = settling_trace(initial, X, y, probe_rule, batch_size=BATCH, steps=at)
    end = settling_trace(pc_net, X, y, probe_rule, batch_size=BATCH, steps=at)
    gentle = PredictiveCoding(steps=horizon, inference_rate=rate, nudge=min(NUDGES))
    check = settling_trace(initial, X, y, gentle, batch_size=BATCH, steps=at)
    nudges = np.unique(np.append(NUDGES, nudge))
    sweep = {"inference_rate": rate, "horizon": HORIZON_TAU, "batch_size": BATCH}
    cos_init, dev_init = nudge_sweep(initial, X, y, nudges, **sweep)
    cos_trained, dev_trained = nudge_sweep(pc_net, X, y, nudges, **sweep)
    depth = len(LAYERS) - 1
    settled_init, settled_trained = _settled(start, horizon), _settled(end, horizon)
    d = Measured(
        steps=at,
        cosine_init=start.cosine,
        cosine_trained=end.cosine,
        cosine_theory=cascade_cosine(at, rate, start.backprop_norm),
        settled_init=settled_init,
        settled_trained=settled_trained,
        settled_theory=settled_fraction(at, rate, depth),
        price_init=_price(settled_init, at),
        price_trained=_price(settled_trained, at),
        price_theory=steps_to_settle(rate, depth, SETTLED),
        price_check=_price(_settled(check, horizon), at),
        nudges=nudges,
        nudge_cosine_init=cos_init,
        nudge_cosine_trained=cos_trained,
        nudge_deviation_init=dev_init,
        nudge_deviation_trained=dev_trained,
        epochs=np.arange(1, int(p.epochs) + 1),
        backprop_curve=backprop_curve,
        pc_curve=pc_curve,
        n_test=len(split.y_test),
        training_cosine=end.cosine[steps],
        settling_steps=steps,
        inference_rate=rate,
        nudge=nudge,
    )
    findings.data = d
    _claims(findings, d)
    return findings


def _claims(findings: Findings, d: Measured) -> None:
    setup = (
        f"digits, {'-'.join(map(str, LAYERS))} logistic network, SGD, same initial weights "
        "and mini-batches"
    )
    findings.claim(
        f"{setup}: test accuracy of predictive coding (local errors, Hebbian updates, "
        "settling before every update) minus backprop's, both after the last epoch",
        float(d.pc_curve[-1] - d.backprop_curve[-1]),
        "points",
        rule=yardsticks.AS_ACCURATE_AS_BACKPROP,
        aspect="learning",
        key=True,
        label="predictive coding vs backprop, digits",
    )
    findings.claim(
        f"{setup}: cosine similarity between the predictive-coding update of a mini-batch "
        "(with the training's settling and nudge) and backprop's gradient, at the weights "
        "predictive coding learned; median over mini-batches",
        float(np.median(d.training_cosine)),
        "",
        rule=Rule.at_least(
            0.99,
            partly=0.9,
            below="update misses the gradient",
            reason="cosine 0.99 (8 deg): to first order a step along the update lowers the "
            "loss at 99 % of the rate of a gradient step of the same length; 0.9 (26 deg): "
            "at 90 %",
        ),
        aspect="learning",
        label="predictive-coding update vs the gradient",
    )
    low, high = FIXATION_MS["reading"], FIXATION_MS["scene viewing"]
    findings.claim(
        "time for one example to settle until the lowest layer's predictive-coding update "
        f"reaches {SETTLED:.0%} of its settled size, at the weights predictive coding "
        f"learned, each value node integrating with a {TAU_MS:g} ms membrane time "
        "constant (the LIF neuron's); median over mini-batches",
        d.price_trained * d.inference_rate * TAU_MS,
        "ms",
        rule=Rule.at_most(
            low,
            partly=high,
            above="settling outlasts a fixation",
            reason="one input stays on the retina for one fixation: on average "
            f"{low:g} ms in reading, {high:g} ms in scene perception (Rayner 1998, "
            "Table 1); learning from an input needs settling within it",
        ),
        aspect="learning",
        key=True,
        label="settling time per example",
    )
    # coupling |f'W| at the initial weights: f' <= 1/4 times a Glorot matrix's top singular value
    n_in, n_out = LAYERS[-2], LAYERS[-1]
    s = 0.25 * np.sqrt(2 / (n_in + n_out)) * (np.sqrt(n_in) + np.sqrt(n_out))
    slowest = (2 + s * s - s * np.sqrt(s * s + 4)) / 2  # slow rate of a coupled pair
    findings.claim(
        f"settling steps until the lowest layer's update reaches {SETTLED:.0%} of its "
        f"settled size at the initial weights and the smallest nudge ({min(NUDGES):g}; "
        "median over mini-batches), against the closed form of two leaky stages in "
        "cascade, P(Binomial(t, rate) >= 2)",
        d.price_check,
        "steps",
        rule=Rule.between(
            d.price_theory - 1,
            int(np.ceil(d.price_theory / slowest)) + 1,
            reason="from the closed form (no coupling between the layers) to the closed "
            f"form slowed by the coupling |f'W| <= {s:.2f} of the initial weights in every "
            f"direction (its slow mode relaxes at {slowest:.2f} of the rate), one step "
            "either side for whole steps",
        ),
        about="artificial",
        label="settling vs closed form, initial weights",
    )
    smallest = int(np.argmin(d.nudges))
    beta = float(d.nudges[smallest])
    findings.claim(
        "relative deviation |dW(predictive coding) - dW(backprop)| / |dW(backprop)| of the "
        "fully settled update at the smallest nudge, at the initial and the learned "
        "weights (the larger); median over mini-batches",
        float(
            max(
                np.median(d.nudge_deviation_init[smallest]),
                np.median(d.nudge_deviation_trained[smallest]),
            )
        ),
        "",
        rule=Rule.at_most(
            10 * beta,
            reason="the settled errors equal backprop's deltas up to a term first order in "
            f"the nudge (Whittington & Bogacz 2017): at beta = {beta:g} the deviation must "
            "be of that order; 10 beta allows a coefficient of 10",
        ),
        about="artificial",
        label="exact limit: tiny nudge, settled",
    )


STYLES = {  # initial weights: dotted, squares; learned weights: solid, dots
    "init": {"ls": ":", "marker": "s", "label": "initial weights"},
    "trained": {"ls": "-", "marker": "o", "label": "learned weights"},
}


def plot(findings: Findings):
    """Cosine vs settling, the lowest layer's settling and its price, cosine and deviation
    vs nudge, and the learning curves."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(18, 10.5))
        axes = fig.subplots(2, 3)
        _cosine_vs_steps(axes[0, 0], d)
        _settling(axes[0, 1], d)
        _price_panel(axes[0, 2], d)
        _cosine_vs_nudge(axes[1, 0], d)
        _deviation_vs_nudge(axes[1, 1], d)
        _learning(axes[1, 2], d)
        label_panels(list(axes.ravel()))
        title = "Predictive coding: local errors and Hebbian updates give backprop's gradient"
        title += " once the network has settled"
        rests_on = {"predictive-coding update vs the gradient": "holds"}
        finish(fig, findings, title, rests_on, fontsize=16, fontweight="bold")
    return fig


def _pair(ax, x, init, trained, *, band=False, suffix=("", "")):
    """The medians over mini-batches at the initial and at the learned weights."""
    for (key, y), extra in zip((("init", init), ("trained", trained)), suffix):
        style = STYLES[key]
        if band:
            ax.fill_between(x, y.min(axis=1), y.max(axis=1), color=ARTIFICIAL, alpha=0.15)
        ax.plot(
            x,
            np.median(y, axis=1),
            color=ARTIFICIAL,
            ls=style["ls"],
            marker=style["marker"],
            markevery=0.08 if len(x) > 20 else None,
            label=style["label"] + extra,
        )


def _cosine_vs_steps(ax, d):
    shown = d.steps >= 1  # at step 0 no error has arrived: the update is 0
    steps = d.steps[shown]
    _pair(ax, steps, d.cosine_init[shown], d.cosine_trained[shown], band=True)
    theory = np.median(d.cosine_theory[shown], axis=1)
    ax.plot(steps, theory, color=THEORY, ls="--", label="closed form, initial weights")
    lowest = min(d.cosine_init[shown].min(), d.cosine_trained[shown].min())
    bottom = max(0.0, float(lowest) - 0.05)
    ax.axvline(d.settling_steps, color=NEUTRAL, ls=":", lw=1.2)
    # right of its line (the legend is on the left): at its foot, else halfway, else at the top
    heights = ((0.02, "bottom"), (0.5, "center"), (0.98, "top"))
    places = [(d.settling_steps, bottom + f * (1.01 - bottom), "left", va) for f, va in heights]
    words = {"transform": ax.transData, "color": NEUTRAL, "fontsize": 11}
    clear_note(ax, " training\n settles here", places, **words)
    ax.set_xscale("log")
    ax.set_ylim(bottom, 1.01)
    ax.set_xlim(1, steps[-1])
    ax.set_xlabel(f"settling steps (of {d.inference_rate:g} time constant each)")
    ax.set_ylabel("cosine(update, backprop's gradient)")
    ax.set_title("the update turns to backprop's as it settles", fontsize=13)
    ax.legend(loc="lower left", bbox_to_anchor=(0.12, 0.0), fontsize=11)  # under the curves


def _settling(ax, d):
    suffix = (f": {d.price_init} steps", f": {d.price_trained} steps")
    _pair(ax, d.steps, 100 * d.settled_init, 100 * d.settled_trained, suffix=suffix)
    label = f"closed form (2 stages): {d.price_theory} steps"
    ax.plot(d.steps, 100 * d.settled_theory, color=THEORY, ls="--", label=label)
    ax.axhline(100 * SETTLED, color=NEUTRAL, ls=":", lw=1.2)
    ax.set_ylim(0, 105)
    ax.set_xlim(0, d.steps[-1])
    ax.set_xlabel(f"settling steps (of {d.inference_rate:g} time constant each)")
    ax.set_ylabel("hidden-layer update (% of its settled size)")
    ax.set_title(f"the error reaches the hidden layer last (to {SETTLED:.0%})", fontsize=13)
    ax.legend(loc="lower right", fontsize=11)


def _price_panel(ax, d):
    ms = d.inference_rate * TAU_MS
    names = ["closed form", "initial\nweights", "learned\nweights"]
    steps = [d.price_theory, d.price_init, d.price_trained]
    values = [n * ms for n in steps]
    colors = [THEORY, ARTIFICIAL, ARTIFICIAL]
    bars = ax.bar(names, values, color=colors, alpha=0.8, width=0.6)
    for bar, value, n in zip(bars, values, steps):
        ax.text(  # above the bar, not over it
            bar.get_x() + bar.get_width() / 2,
            value,
            f"{value:.0f} ms, {n} steps",
            ha="center",
            va="bottom",
            fontsize=11,
            color="0.2",
        )
    top = max(max(values), max(FIXATION_MS.values())) * 1.2
    for (what, value), ls in zip(FIXATION_MS.items(), (":", "--")):
        ax.axhline(value, color=NEUTRAL, ls=ls, lw=1.5)
        ax.text(-0.35, value, f"fixation, {what}", color=NEUTRAL, fontsize=11, va="bottom")
    ax.set_ylim(0, top)
    ax.set_ylabel(rf"settling time per example (ms, $\tau$ = {TAU_MS:g} ms)")
    ax.set_title("the price: time to settle before learning", fontsize=13)


def _cosine_vs_nudge(ax, d):
    _pair(ax, d.nudges, d.nudge_cosine_init, d.nudge_cosine_trained)
    ax.axvline(d.nudge, color=NEUTRAL, ls=":", lw=1.2)
    low, high = ax.get_ylim()  # right of its line: at the foot, else at the top
    places = [(d.nudge, low, "left", "bottom"), (d.nudge, high, "left", "top")]
    clear_note(ax, " training nudge", places, transform=ax.transData, color=NEUTRAL, fontsize=11)
    ax.set_xscale("log")
    ax.set_xlabel(r"nudge $\beta$ (weight of the output loss in the energy)")
    ax.set_ylabel("cosine(update, backprop's gradient)")
    ax.set_title("fully settled: a gentle nudge gives the gradient", fontsize=13)
    ax.legend(loc="lower left", fontsize=11)


def _deviation_vs_nudge(ax, d):
    _pair(ax, d.nudges, d.nudge_deviation_init, d.nudge_deviation_trained)
    ref = np.median(d.nudge_deviation_trained, axis=1)[0] / d.nudges[0]
    ax.plot(d.nudges, ref * d.nudges, color=THEORY, ls="--", label=r"$\propto \beta$ (first order)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set(xlabel=r"nudge $\beta$", ylabel="|update - gradient| / |gradient|")
    ax.set_title("the deviation vanishes with the nudge", fontsize=13)
    ax.legend(loc="upper left", fontsize=11)


def _learning(ax, d):
    from matplotlib.ticker import MaxNLocator

    ax.plot(
        d.epochs,
        d.backprop_curve,
        color=ARTIFICIAL,
        ls="-",
        lw=2.4,
        label=f"backprop: {d.backprop_curve[-1]:.1f} %",
    )
    ax.plot(
        d.epochs,
        d.pc_curve,
        color=ARTIFICIAL,
        ls="--",
        marker="o",
        label=f"predictive coding ({d.settling_steps} steps): {d.pc_curve[-1]:.1f} %",
    )
    ax.set_xlabel("training epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("test accuracy (%)")
    low = min(d.backprop_curve.min(), d.pc_curve.min())
    ax.set_ylim(max(0.0, low - 5), 100)
    ax.set_title("same data, same epochs: the same accuracy", fontsize=13)
    ax.legend(loc="lower right", fontsize=11)
