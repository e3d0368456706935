"""A single logistic unit separates classes with a straight line; it cannot compute XOR.

The unit y = sigmoid(w . x + b) says "class 1" exactly where w . x + b > 0: on one
side of a straight line. That is enough for AND, not for XOR, whose two classes sit on
opposite corners of a square: any line leaves at least one of the four corners on the
wrong side, so the best a unit can do on the truth table is 3 of 4 (75%). We show it
three ways: a trained unit, a search over 200,000 random lines, and a network with one
hidden layer (two hidden units are enough in principle) that solves it. The spiking
counterpart — a single neuron with an active dendrite that does compute XOR — is a
later comparison.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial import DeepNetwork, LogisticUnit
from neurosim.datasets import make_xor
from neurosim.findings import Findings
from neurosim.plotting import ARTIFICIAL, decision_regions, grid_for, label_panels, lecture_style

NAME = "logistic_unit_limits"
QUESTION = "Can one logistic unit compute XOR, or only separate classes with a line?"

#: The four corners of the unit square and their AND and XOR labels.
CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
AND = np.array([0, 0, 0, 1])
XOR = np.array([0, 1, 1, 0])


def random_line_accuracies(X, y, n_lines: int, seed: int) -> np.ndarray:
    """Accuracy on (X, y) of ``n_lines`` random logistic units (w ~ N(0, 1), b ~ N(0, 1)).

    A unit's class is ``w . x + b > 0``; its weights only set which line is drawn.
    """
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(n_lines, X.shape[1]))
    b = rng.normal(size=n_lines)
    predicted = (w @ X.T + b[:, None]) > 0
    return (predicted == y[None, :].astype(bool)).mean(axis=1)


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """Train units on AND and XOR, search random lines, train a one-hidden-layer network."""
    n_lines = 20_000 if quick else 200_000
    epochs = 2000 if quick else 5000
    findings = Findings(
        NAME,
        QUESTION,
        settings={"quick": quick, "seed": seed, "n_lines": n_lines, "unit_epochs": epochs},
    )
    d = findings.data
    X_cloud, y_cloud = make_xor(200, noise=0.12, seed=seed)
    y_and_cloud = (np.round(X_cloud[:, 0]).clip(0, 1) * np.round(X_cloud[:, 1]).clip(0, 1)).astype(
        int
    )
    xx, yy, grid = grid_for(X_cloud, resolution=120 if quick else 200, padding=0.1)
    d["xx"], d["yy"], d["X"], d["y_xor"], d["y_and"] = xx, yy, X_cloud, y_cloud, y_and_cloud

    unit_and = LogisticUnit().fit(X_cloud, y_and_cloud, epochs=epochs, learning_rate=1.0, seed=seed)
    unit_xor = LogisticUnit().fit(X_cloud, y_cloud, epochs=epochs, learning_rate=1.0, seed=seed)
    net = DeepNetwork([2, 4, 2], hidden="tanh", output="softmax", seed=seed)
    net.fit(
        X_cloud,
        y_cloud,
        epochs=300 if quick else 600,
        batch_size=16,
        learning_rate=0.02,
        optimizer="adam",
        seed=seed,
    )
    d["proba_and"] = unit_and.predict_proba(grid).reshape(xx.shape)
    d["proba_unit"] = unit_xor.predict_proba(grid).reshape(xx.shape)
    d["proba_net"] = net.predict_proba(grid)[:, 1].reshape(xx.shape)
    d["acc_and"] = 100 * unit_and.score(CORNERS, AND)
    d["acc_unit"] = 100 * unit_xor.score(CORNERS, XOR)
    d["acc_net"] = 100 * net.score(CORNERS, XOR)
    d["acc_unit_cloud"] = 100 * unit_xor.score(X_cloud, y_cloud)
    d["acc_net_cloud"] = 100 * net.score(X_cloud, y_cloud)
    lines = 100 * random_line_accuracies(CORNERS, XOR, n_lines, seed)
    d["line_accuracies"] = lines
    d["line_accuracies_and"] = 100 * random_line_accuracies(CORNERS, AND, n_lines, seed)

    findings.claim(
        "one logistic unit on AND (truth table)",
        d["acc_and"],
        "%",
        "holds",
        aspect="",
    )
    findings.claim(
        "one logistic unit on XOR (truth table), trained",
        d["acc_unit"],
        "%",
        "fails",
        aspect="",
    )
    findings.claim(
        f"best of {n_lines:,} random logistic units on XOR",
        lines.max(),
        "%",
        "fails",
        aspect="",
    )
    findings.claim(
        "network with one hidden layer of 4 units on XOR (truth table)",
        d["acc_net"],
        "%",
        "holds",
        aspect="",
    )
    return findings


def plot(findings: Findings):
    """AND vs XOR for one unit, the XOR network, and the random-line search."""
    import matplotlib.pyplot as plt

    d = findings.data
    with lecture_style():
        fig, axes = plt.subplots(
            1, 4, figsize=(18, 5.2), gridspec_kw={"width_ratios": [1, 1, 1, 1.2]}
        )
        panels = [
            ("proba_and", "y_and", f"one unit, AND: {d['acc_and']:.0f}%"),
            ("proba_unit", "y_xor", f"one unit, XOR: {d['acc_unit']:.0f}%"),
            ("proba_net", "y_xor", f"hidden layer, XOR: {d['acc_net']:.0f}%"),
        ]
        for ax, (proba, labels, title) in zip(axes[:3], panels):
            decision_regions(
                ax, d["xx"], d["yy"], d[proba], d["X"], d[labels], title=title, markersize=10
            )
            ax.set_xlabel("input $x_1$")
            ax.set_ylabel("input $x_2$")
        ax = axes[3]
        values = [25, 50, 75, 100]
        xor_share = [100 * np.mean(np.isclose(d["line_accuracies"], v)) for v in values]
        and_share = [100 * np.mean(np.isclose(d["line_accuracies_and"], v)) for v in values]
        pos = np.arange(len(values))
        ax.bar(
            pos - 0.2,
            and_share,
            width=0.4,
            color="white",
            edgecolor=ARTIFICIAL,
            hatch="//",
            label="AND",
        )
        ax.bar(pos + 0.2, xor_share, width=0.4, color=ARTIFICIAL, label="XOR")
        ax.set_xticks(pos, [f"{v}%" for v in values])
        ax.set_xlabel("accuracy on the 4 corners")
        ax.set_ylabel("share of random units (%)")
        n_lines = findings.settings["n_lines"]
        ax.set_title(f"{n_lines:,} random units:\nnone gets XOR right", fontsize=13)
        ax.text(
            3.2, 2, "0%", ha="center", va="bottom", color=ARTIFICIAL, fontsize=12, fontweight="bold"
        )
        ax.legend(loc="upper left")
        label_panels(axes)
        fig.suptitle(
            "One logistic unit draws one straight line: AND yes, XOR never better than 3 of 4",
            fontsize=16,
            fontweight="bold",
        )
    return fig
