"""Deep learning is very good at learning flexible X -> Y mappings.

Networks of growing depth and width, trained by backprop on two 2-D problems (moons
and spirals): a network without hidden layers (a softmax/logistic unit) can only draw
a straight boundary; hidden layers let the boundary bend as the data need. The figure
shows the learned decision regions and the test accuracy during training.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial import DeepNetwork
from neurosim.contract import Findings, Rule
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.datasets import make_moons, make_spirals, train_test_split
from neurosim.plotting import (
    ARTIFICIAL,
    decision_regions,
    grid_for,
    label_panels,
    lecture_style,
    new_figure,
    run_note,
)

NAME = "flexible_mappings"
QUESTION = "Can deep networks learn flexible X -> Y mappings?"
PARAMETERS = (
    Parameter("epochs", 300, "training epochs of every network", low=1, high=5000, quick=100),
    Parameter("learning_rate", 0.01, "Adam's step size", low=1e-5, high=1.0),
    Parameter("width", 32, "units per hidden layer of the deep network", low=2, high=256),
)
COST = 3.0

#: Share of each data set held out for testing.
TEST_FRACTION = 0.25
#: line styles of the three networks in the learning-curve panels (all the artificial colour)
LINESTYLES = (":", "--", "-")


def _architectures(width: int):
    """(label, hidden layer sizes) of the networks, from none to deep."""
    return (
        ("no hidden layer", ()),
        ("1 hidden layer of 6", (6,)),
        (f"3 hidden layers of {width}", (width, width, width)),
    )


def _datasets(seed: int):
    return {
        "moons": make_moons(400, noise=0.15, seed=seed),
        "spirals": make_spirals(600, turns=1.5, noise=0.06, seed=seed),
    }


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Train every architecture on both data sets; keep decision regions and curves."""
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
    data = findings.data
    data["labels"] = [label for label, _ in architectures]
    data["epochs"] = p.epochs
    for dname, (X, y) in _datasets(seed).items():
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=TEST_FRACTION, seed=seed)
        xx, yy, grid = grid_for(X, resolution=120 if quick else 200)
        data[f"{dname}/X"], data[f"{dname}/y"] = X_te, y_te
        data[f"{dname}/xx"], data[f"{dname}/yy"] = xx, yy
        for k, (_, hidden) in enumerate(architectures):
            net = DeepNetwork([2, *hidden, 2], hidden="relu", output="softmax", seed=seed)
            history = net.fit(
                X_tr,
                y_tr,
                epochs=p.epochs,
                batch_size=32,
                learning_rate=p.learning_rate,
                optimizer="adam",
                validation=(X_te, y_te),
                seed=seed,
            )
            data[f"{dname}/{k}/proba"] = net.predict_proba(grid)[:, 1].reshape(xx.shape)
            data[f"{dname}/{k}/curve"] = 100 * np.asarray(history.val_accuracy)
            data[f"{dname}/{k}/accuracy"] = 100 * net.score(X_te, y_te)
        data[f"{dname}/n_test"] = len(y_te)

    # -- claims: about the artificial model alone (no neuron here) ----------------------
    for dname in ("moons", "spirals"):
        linear, deep = data[f"{dname}/0/accuracy"], data[f"{dname}/2/accuracy"]
        findings.claim(
            f"{dname}: test accuracy of a deep network (3 hidden ReLU layers, Adam), "
            "held-out quarter of the data",
            deep,
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
            deep - linear,
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
    return findings


def plot(findings: Findings):
    """Decision regions (rows: data sets; columns: networks) and learning curves."""
    data = findings.data
    names = ("moons", "spirals")
    labels = data["labels"]
    lowest = min(float(np.min(data[f"{n}/{k}/curve"])) for n in names for k in range(len(labels)))
    with lecture_style():
        fig = new_figure(figsize=(17, 8.6))
        axes = fig.subplots(2, 4, gridspec_kw={"width_ratios": [1, 1, 1, 1.25]})
        for row, dname in enumerate(names):
            X, y = data[f"{dname}/X"], data[f"{dname}/y"]
            for k, label in enumerate(labels):
                ax = axes[row, k]
                acc = data[f"{dname}/{k}/accuracy"]
                decision_regions(
                    ax, data[f"{dname}/xx"], data[f"{dname}/yy"], data[f"{dname}/{k}/proba"], X, y
                )
                ax.set_title(
                    f"{label}\ntest accuracy {acc:.0f}%"
                    if row == 0
                    else f"test accuracy {acc:.0f}%",
                    fontsize=13,
                )
                if k == 0:
                    ax.set_ylabel(dname, fontsize=15, fontweight="bold")
            ax = axes[row, 3]
            for k, label in enumerate(labels):
                curve = data[f"{dname}/{k}/curve"]
                ax.plot(
                    np.arange(1, len(curve) + 1),
                    curve,
                    color=ARTIFICIAL,
                    linestyle=LINESTYLES[k],
                    label=label,
                )
            ax.set_ylim(min(40, 5 * np.floor(lowest / 5)), 101)
            ax.set_xlabel("training epoch")
            ax.set_ylabel("test accuracy (%)")
            ax.set_title(f"learning curves: {dname}", fontsize=13)
            if row == 0:
                ax.legend(loc="lower right", fontsize=10)
        label_panels([axes[0, 0], axes[0, 3], axes[1, 0], axes[1, 3]])
        fig.suptitle(
            "More layers, more flexible boundaries: deep networks fit curved class borders",
            fontsize=16,
            fontweight="bold",
        )
        run_note(fig, findings.settings)
    return fig
