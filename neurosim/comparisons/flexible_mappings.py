"""Deep learning is very good at learning flexible X -> Y mappings.

Networks of growing depth and width, trained by backprop on two 2-D problems (moons
and spirals): a network without hidden layers (a softmax/logistic unit) can only draw
a straight boundary; hidden layers let the boundary bend as the data need. The figure
shows the learned decision regions and the test accuracy during training.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial import DeepNetwork, Training
from neurosim.contract import Findings, Rule
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.core.batching import seeds_as_batch
from neurosim.datasets import make_moons, make_spirals, train_test_split
from neurosim.plotting import (
    ARTIFICIAL,
    clear_legend,
    decision_regions,
    grid_for,
    label_panels,
    lecture_style,
    new_figure,
)

NAME = "flexible_mappings"
QUESTION = "Can deep networks learn flexible X -> Y mappings?"
PARAMETERS = (
    Parameter("epochs", 300, "training epochs of every network", low=1, high=5000, quick=100),
    Parameter("learning_rate", 0.01, "Adam's step size", low=1e-5, high=1.0),
    Parameter("width", 32, "units per hidden layer of the deep network", low=2, high=256),
)
COST = 3.0
#: Live updates (explore()): quick settings plus these, so its run takes about
#: 0.5 s on 2 cores (measured, benchmarks/bench_explore.py); what the figure loses: the
#: learning curves stop at epoch 40 (the deep network has converged by then at the default
#: step size; a much smaller learning_rate shows less of its curve).
EXPLORE = {"epochs": 40}

#: Share of each data set held out for testing.
TEST_FRACTION = 0.25
#: line styles of the three networks in the learning-curve panels (all the artificial colour)
LINESTYLES = (":", "--", "-")


#: The two data sets, in the order of the figure's rows and of Measured's first axis.
DATASETS = ("moons", "spirals")


@dataclass(frozen=True)
class Measured:
    """What :func:`plot` draws (data sets in DATASETS order, networks from none to deep).

    Attributes
    ----------
    labels : tuple of str
        The three networks (no hidden layer, one small hidden layer, three wide ones).
    epochs : int
        Training epochs of every network.
    X_test, y_test : tuple of ndarray
        Per data set: its held-out points (n, 2) and their classes (n,).
    xx, yy : ndarray (2, r, r)
        Per data set: the grid of its decision-region panels.
    proba : ndarray (2, 3, r, r)
        P(class 1) of each network over its data set's grid.
    curve_percent : ndarray (2, 3, epochs)
        Test accuracy (%) of each network after every epoch.
    accuracy_percent : ndarray (2, 3)
        Test accuracy (%) of each network after training.
    n_test : ndarray of int (2,)
        Held-out points per data set.
    """

    labels: tuple
    epochs: int
    X_test: tuple
    y_test: tuple
    xx: np.ndarray
    yy: np.ndarray
    proba: np.ndarray
    curve_percent: np.ndarray
    accuracy_percent: np.ndarray
    n_test: np.ndarray


def _architectures(width: int):
    """(label, hidden layer sizes) of the networks, from none to deep."""
    return (
        ("no hidden layer", ()),
        ("1 hidden layer of 6", (6,)),
        (f"3 hidden layers of {width}", (width, width, width)),
    )


def _datasets(seed: int):
    return (
        make_moons(400, noise=0.15, seed=seed),
        make_spirals(600, turns=1.5, noise=0.06, seed=seed),
    )


def _training(hidden, X_tr, y_tr, X_te, y_te, p, seed) -> Training:
    """One network to train by backprop (Adam), its test accuracy after every epoch."""
    return Training(
        DeepNetwork([2, *hidden, 2], hidden="relu", output="softmax", seed=seed),
        X_tr,
        y_tr,
        epochs=p.epochs,
        batch_size=32,
        learning_rate=p.learning_rate,
        optimizer="adam",
        validation=(X_te, y_te),
        seed=seed,
    )


@seeds_as_batch
def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Train every architecture on both data sets; keep decision regions and curves.

    Each network is a Training request: with several seeds (``run.run_seeds``), the
    seeds' networks of one architecture train as one stack, each the same to the last
    bit as its own training (:mod:`neurosim.artificial.stacked`)."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        hidden="relu",
        optimizer="adam",
        batch_size=32,
        data="moons (400 points, noise 0.15), spirals (600 points, 1.5 turns, noise 0.06)",
        test_fraction=TEST_FRACTION,
    )
    architectures = _architectures(p.width)
    tests, grids, proba, curves, accuracy = [], [], [], [], []
    # stimulus: each data set, a held-out quarter, a grid over it
    for X, y in _datasets(seed):
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=TEST_FRACTION, seed=seed)
        xx, yy, grid = grid_for(X, resolution=120 if quick else 200)
        tests.append((X_te, y_te))
        grids.append((xx, yy))
        # artificial models: from no hidden layer to three
        for _, hidden in architectures:
            training = _training(hidden, X_tr, y_tr, X_te, y_te, p, seed)
            history = yield training
            net, curve = training.network, 100 * np.asarray(history.val_accuracy)
            proba.append(net.predict_proba(grid)[:, 1].reshape(xx.shape))
            curves.append(curve)
            accuracy.append(100 * net.score(X_te, y_te))
    shape = (len(DATASETS), len(architectures))
    findings.data = Measured(
        labels=tuple(label for label, _ in architectures),
        epochs=p.epochs,
        X_test=tuple(X for X, _ in tests),
        y_test=tuple(y for _, y in tests),
        xx=np.stack([xx for xx, _ in grids]),
        yy=np.stack([yy for _, yy in grids]),
        proba=np.stack(proba).reshape(*shape, *grids[0][0].shape),
        curve_percent=np.stack(curves).reshape(*shape, -1),
        accuracy_percent=np.array(accuracy).reshape(shape),
        n_test=np.array([len(y) for _, y in tests]),
    )
    _claims(findings, findings.data)
    return findings


def _claims(findings: Findings, d: Measured) -> None:
    """About the artificial model alone (no neuron here)."""
    for dname, (linear, _, deep) in zip(DATASETS, d.accuracy_percent):
        findings.claim(
            f"{dname}: test accuracy of a deep network (3 hidden ReLU layers, Adam), "
            "held-out quarter of the data",
            float(deep),
            "%",
            rule=Rule.at_least(
                93,
                partly=85,
                reason="a flexible mapping fits the curved border as well as the label noise "
                "allows (about 97-98 %); 93 % is three binomial SEs of the 100-150 test "
                "points below that (SE about 1.4 points), so sampling alone does not fail "
                "it; partly to 85 %, about the best straight line on the moons",
            ),
            about="artificial",
            label=f"{dname}: deep network's test accuracy",
        )
        findings.claim(
            f"{dname}: test accuracy gained by the deep network over a network without "
            "hidden layers (a straight boundary)",
            float(deep - linear),
            "points",
            rule=Rule.at_least(
                10,
                partly=5,
                reason="two binomial standard errors of 100-150 test points at 85 % are "
                "about 7 points: 10 is clearly beyond sampling, 5 is at its edge",
            ),
            about="artificial",
            label=f"{dname}: gain over a straight boundary",
        )


# -- figure ---------------------------------------------------------------------------------


def _regions_panel(ax, d: Measured, i: int, k: int) -> None:
    """Network k's decision regions on data set i, over its held-out points."""
    acc = d.accuracy_percent[i, k]
    decision_regions(ax, d.xx[i], d.yy[i], d.proba[i, k], d.X_test[i], d.y_test[i])
    ax.set_title(
        f"{d.labels[k]}\ntest accuracy {acc:.0f}%" if i == 0 else f"test accuracy {acc:.0f}%",
        fontsize=13,
    )
    if k == 0:
        ax.set_ylabel(DATASETS[i], fontsize=15, fontweight="bold")


def _curves_panel(ax, d: Measured, i: int) -> None:
    """Test accuracy over training of the three networks on data set i."""
    for k, label in enumerate(d.labels):
        curve = d.curve_percent[i, k]
        ax.plot(
            np.arange(1, len(curve) + 1),
            curve,
            color=ARTIFICIAL,
            linestyle=LINESTYLES[k],
            label=label,
        )
    lowest = float(np.min(d.curve_percent))
    ax.set_ylim(min(40, 5 * np.floor(lowest / 5)), 101)
    ax.set_xlabel("training epoch")
    ax.set_ylabel("test accuracy (%)")
    ax.set_title(f"learning curves: {DATASETS[i]}", fontsize=13)
    if i == 0:
        clear_legend(ax, ["lower right", "upper right", "center right"], fontsize=10)


def plot(findings: Findings):
    """Decision regions (rows: data sets; columns: networks) and learning curves."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(17, 8.6))
        axes = fig.subplots(2, 4, gridspec_kw={"width_ratios": [1, 1, 1, 1.25]})
        for i in range(len(DATASETS)):
            for k in range(len(d.labels)):
                _regions_panel(axes[i, k], d, i, k)
            _curves_panel(axes[i, 3], d, i)
        label_panels([axes[0, 0], axes[0, 3], axes[1, 0], axes[1, 3]])
        title = "More layers, more flexible boundaries: deep networks fit curved class borders"
        rests_on = {
            "moons: gain over a straight boundary": "holds",
            "spirals: gain over a straight boundary": "holds",
            "moons: deep network's test accuracy": "holds",
            "spirals: deep network's test accuracy": "holds",
        }
        finish(fig, findings, title, rests_on, fontsize=16, fontweight="bold")
    return fig
