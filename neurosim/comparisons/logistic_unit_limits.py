"""A single logistic unit separates classes with a straight line; it cannot compute XOR.

The unit y = sigmoid(w . x + b) says "class 1" exactly where w . x + b > 0: on one
side of a straight line. That is enough for AND, not for XOR, whose two classes sit on
opposite corners of a square: any line leaves at least one of the four corners on the
wrong side, so the best a unit can do on the truth table is 3 of 4 (75%) (Minsky &
Papert, *Perceptrons*, 1969). We show it three ways (corners, truth tables and the line
search: :mod:`neurosim.artificial.truth_tables`): a trained unit, a search over ``n_lines`` random
lines (200,000 by default), and a network with one hidden layer (two hidden units are enough in principle) that solves it. The spiking
counterpart — a single neuron with an active dendrite that does compute XOR — is a
later comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial import DeepNetwork, LogisticUnit, Training
from neurosim.artificial.truth_tables import AND, CORNERS, XOR, random_line_accuracies
from neurosim.contract import Findings, Rule
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.core.batching import seeds_as_batch
from neurosim.datasets import make_xor
from neurosim.plotting import (
    ARTIFICIAL,
    decision_regions,
    grid_for,
    label_panels,
    lecture_style,
    new_figure,
)

NAME = "logistic_unit_limits"
QUESTION = "Can one logistic unit compute XOR, or only separate classes with a line?"
PARAMETERS = (
    Parameter(
        "n_lines",
        200_000,
        "random logistic units tried on the truth tables",
        low=100,
        high=2_000_000,
        quick=20_000,
    ),
    Parameter(
        "unit_epochs", 5000, "training epochs of the single units", low=1, high=50_000, quick=2000
    ),
    Parameter("hidden", 4, "hidden units of the network that solves XOR", low=2, high=64),
    Parameter("net_epochs", 600, "training epochs of that network", low=1, high=10_000, quick=300),
    Parameter("noise", 0.12, "jitter of the training points around the corners", low=0, high=0.4),
)
COST = 1.5
#: Live updates (explore()): quick settings plus these, so its run takes about 0.4 s
#: on 2 cores (measured, benchmarks/bench_explore.py). What the figure loses: the units
#: and the network train for fewer epochs, so their probability maps are a little less
#: sharp at the boundaries; every truth-table score is the quick run's.
EXPLORE = {"unit_epochs": 1000, "net_epochs": 200}

#: Every accuracy a unit can have on 4 corners (%): 0 to 4 corners right.
ACCURACY_BINS = (0.0, 25.0, 50.0, 75.0, 100.0)


@dataclass(frozen=True)
class Measured:
    """What :func:`plot` draws.

    Attributes
    ----------
    xx, yy : ndarray (r, r)
        The grid of the decision-region panels (input space, dimensionless).
    X : ndarray (200, 2)
        The training points, jittered around the corners of the unit square.
    y_xor, y_and : ndarray of int (200,)
        Their XOR and AND labels (of the nearest corner).
    proba_and, proba_unit, proba_net : ndarray (r, r)
        P(class 1) over the grid: one unit trained on AND, one on XOR, the network on XOR.
    acc_and, acc_unit, acc_net : float
        Accuracy (%) on the 4-corner truth table (AND unit on AND, the others on XOR).
    acc_unit_cloud, acc_net_cloud : float
        Accuracy (%) on the 200 training points (XOR).
    hidden : int
        Hidden units of the network.
    line_accuracies, line_accuracies_and : ndarray (n_lines,)
        Accuracy (%) on the XOR / AND truth table of every random unit.
    n_lines : int
        Random units tried.
    bins_percent : ndarray (5,)
        The accuracies a unit can have on 4 corners (%).
    xor_share_percent, and_share_percent : ndarray (5,)
        Share (%) of the random units at each of those accuracies.
    """

    xx: np.ndarray
    yy: np.ndarray
    X: np.ndarray
    y_xor: np.ndarray
    y_and: np.ndarray
    proba_and: np.ndarray
    proba_unit: np.ndarray
    proba_net: np.ndarray
    acc_and: float
    acc_unit: float
    acc_net: float
    acc_unit_cloud: float
    acc_net_cloud: float
    hidden: int
    line_accuracies: np.ndarray
    line_accuracies_and: np.ndarray
    n_lines: int
    bins_percent: np.ndarray
    xor_share_percent: np.ndarray
    and_share_percent: np.ndarray


def _shares(accuracies) -> np.ndarray:
    """Share (%) of the random units at each accuracy a unit can have, 0 % included."""
    return np.array([100 * np.mean(np.isclose(accuracies, v)) for v in ACCURACY_BINS])


@seeds_as_batch
def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Train units on AND and XOR, search random lines, train a one-hidden-layer network.

    The network's training is a Training request: with several seeds (``run.run_seeds``)
    the seeds' networks train as one stack (the same bits as alone); the units' fits
    and the line search stay seed by seed.
    """
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        data="200 points jittered around the corners of the unit square (training); "
        "the 4-corner truth table (scoring)",
        random_units="w ~ N(0, 1), b ~ N(0, 1)",
    )
    # stimulus: points jittered around the corners, labelled by their corner
    X_cloud, y_cloud = make_xor(200, noise=p.noise, seed=seed)
    corner = np.round(X_cloud).clip(0, 1)
    y_and_cloud = (corner[:, 0] * corner[:, 1]).astype(int)
    xx, yy, grid = grid_for(X_cloud, resolution=120 if quick else 200, padding=0.1)

    # artificial models: one unit per problem, one small network for XOR
    unit_and = LogisticUnit().fit(
        X_cloud, y_and_cloud, epochs=p.unit_epochs, learning_rate=1.0, seed=seed
    )
    unit_xor = LogisticUnit().fit(
        X_cloud, y_cloud, epochs=p.unit_epochs, learning_rate=1.0, seed=seed
    )
    net = DeepNetwork([2, p.hidden, 2], hidden="tanh", output="softmax", seed=seed)
    yield Training(
        net,
        X_cloud,
        y_cloud,
        epochs=p.net_epochs,
        batch_size=16,
        learning_rate=0.02,
        optimizer="adam",
        seed=seed,
    )
    # the search over random lines
    lines = 100 * random_line_accuracies(CORNERS, XOR, p.n_lines, seed)
    lines_and = 100 * random_line_accuracies(CORNERS, AND, p.n_lines, seed)
    findings.data = Measured(
        xx=xx,
        yy=yy,
        X=X_cloud,
        y_xor=y_cloud,
        y_and=y_and_cloud,
        proba_and=unit_and.predict_proba(grid).reshape(xx.shape),
        proba_unit=unit_xor.predict_proba(grid).reshape(xx.shape),
        proba_net=net.predict_proba(grid)[:, 1].reshape(xx.shape),
        acc_and=100 * unit_and.score(CORNERS, AND),
        acc_unit=100 * unit_xor.score(CORNERS, XOR),
        acc_net=100 * net.score(CORNERS, XOR),
        acc_unit_cloud=100 * unit_xor.score(X_cloud, y_cloud),
        acc_net_cloud=100 * net.score(X_cloud, y_cloud),
        hidden=p.hidden,
        line_accuracies=lines,
        line_accuracies_and=lines_and,
        n_lines=p.n_lines,
        bins_percent=np.array(ACCURACY_BINS),
        xor_share_percent=_shares(lines),
        and_share_percent=_shares(lines_and),
    )
    _claims(findings, findings.data)
    return findings


def _claims(findings: Findings, d: Measured) -> None:
    """About the artificial model alone (the neuron's side is single_neuron_xor)."""
    separable = "AND is linearly separable: a trained unit gets all 4 corners right"
    at_best = "geometry: no line puts XOR's opposite corners each on its own side, 3 of 4 at best"
    findings.claim(
        "one logistic unit trained on AND (jittered corners), scored on the truth table",
        d.acc_and,
        "%",
        rule=Rule.at_least(100, reason=separable),
        about="artificial",
        label="one unit trained on AND",
    )
    findings.claim(
        "one logistic unit trained on XOR (jittered corners), scored on the truth table: "
        "it cannot beat three corners of four",
        d.acc_unit,
        "%",
        rule=Rule.at_most(75, reason=at_best),
        about="artificial",
        label="one unit trained on XOR",
    )
    findings.claim(
        "best random logistic unit on the XOR truth table (w, b drawn from N(0, 1)): "
        "it cannot beat three corners of four",
        float(d.line_accuracies.max()),
        "%",
        rule=Rule.at_most(75, reason=at_best),
        about="artificial",
        label="best random unit on XOR",
    )
    findings.claim(
        "network with one hidden layer of tanh units trained on XOR (jittered corners), "
        "scored on the truth table",
        d.acc_net,
        "%",
        rule=Rule.at_least(
            100, reason="two hidden units suffice in principle (OR and NAND, then AND)"
        ),
        about="artificial",
        label="tanh network trained on XOR",
    )


# -- figure ---------------------------------------------------------------------------------


def _regions_panel(ax, d: Measured, proba, labels, title: str):
    """One model's decision regions over the training points."""
    decision_regions(ax, d.xx, d.yy, proba, d.X, labels, title=title, markersize=10)
    ax.set_xlabel("input $x_1$")
    ax.set_ylabel("input $x_2$")


def _lines_panel(ax, d: Measured):
    """Share of the random units at each accuracy, AND beside XOR, empty bins written."""
    pos = np.arange(len(d.bins_percent))
    and_bars = ax.bar(
        pos - 0.2,
        d.and_share_percent,
        width=0.4,
        color="white",
        edgecolor=ARTIFICIAL,
        hatch="//",
        label="AND",
    )
    xor_bars = ax.bar(pos + 0.2, d.xor_share_percent, width=0.4, color=ARTIFICIAL, label="XOR")
    top = max(d.and_share_percent.max(), d.xor_share_percent.max())
    ax.set_ylim(0, 1.15 * top)
    # an empty bin is a result: write its 0 % where the bar would be
    for bars in (and_bars, xor_bars):
        for bar in bars:
            if bar.get_height() == 0:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    0.01 * top,
                    "0",
                    ha="center",
                    va="bottom",
                    color=ARTIFICIAL,
                    fontsize=12,
                    fontweight="bold",
                )
    ax.set_xticks(pos, [f"{v:.0f}%" for v in d.bins_percent])
    ax.set_xlabel("accuracy on the 4 corners")
    ax.set_ylabel("share of random units (%)")
    ax.set_title(f"{d.n_lines:,} random units:\nnone gets XOR right", fontsize=13)
    ax.legend(loc="upper left")


def plot(findings: Findings):
    """AND vs XOR for one unit, the XOR network, and the random-line search."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(18, 5.4))
        axes = fig.subplots(1, 4, gridspec_kw={"width_ratios": [1, 1, 1, 1.2]})
        _regions_panel(axes[0], d, d.proba_and, d.y_and, f"one unit, AND: {d.acc_and:.0f}%")
        _regions_panel(axes[1], d, d.proba_unit, d.y_xor, f"one unit, XOR: {d.acc_unit:.0f}%")
        _regions_panel(
            axes[2], d, d.proba_net, d.y_xor, f"{d.hidden} hidden units, XOR: {d.acc_net:.0f}%"
        )
        _lines_panel(axes[3], d)
        label_panels(axes)
        title = "One logistic unit draws one straight line: AND yes, XOR never better than 3 of 4"
        rests_on = {
            "one unit trained on AND": "holds",
            "one unit trained on XOR": "holds",
            "best random unit on XOR": "holds",
        }
        finish(fig, findings, title, rests_on, fontsize=16, fontweight="bold")
    return fig
