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

import numpy as np

from neurosim.artificial import DeepNetwork, LogisticUnit
from neurosim.artificial.truth_tables import AND, CORNERS, XOR, random_line_accuracies
from neurosim.contract import Findings, Rule
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.datasets import make_xor
from neurosim.plotting import (
    ARTIFICIAL,
    decision_regions,
    grid_for,
    label_panels,
    lecture_style,
    new_figure,
    run_note,
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

#: Every accuracy a unit can have on 4 corners (%): 0 to 4 corners right.
ACCURACY_BINS = (0.0, 25.0, 50.0, 75.0, 100.0)


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Train units on AND and XOR, search random lines, train a one-hidden-layer network."""
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
    d = findings.data
    X_cloud, y_cloud = make_xor(200, noise=p.noise, seed=seed)
    corner = np.round(X_cloud).clip(0, 1)
    y_and_cloud = (corner[:, 0] * corner[:, 1]).astype(int)
    xx, yy, grid = grid_for(X_cloud, resolution=120 if quick else 200, padding=0.1)
    d["xx"], d["yy"], d["X"], d["y_xor"], d["y_and"] = xx, yy, X_cloud, y_cloud, y_and_cloud

    # artificial models: one unit per problem, one small network for XOR
    unit_and = LogisticUnit().fit(
        X_cloud, y_and_cloud, epochs=p.unit_epochs, learning_rate=1.0, seed=seed
    )
    unit_xor = LogisticUnit().fit(
        X_cloud, y_cloud, epochs=p.unit_epochs, learning_rate=1.0, seed=seed
    )
    net = DeepNetwork([2, p.hidden, 2], hidden="tanh", output="softmax", seed=seed)
    net.fit(
        X_cloud,
        y_cloud,
        epochs=p.net_epochs,
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
    d["hidden"] = p.hidden

    # the search over random lines: the share of units at each accuracy, 0 % included
    lines = 100 * random_line_accuracies(CORNERS, XOR, p.n_lines, seed)
    lines_and = 100 * random_line_accuracies(CORNERS, AND, p.n_lines, seed)
    d["line_accuracies"], d["line_accuracies_and"] = lines, lines_and
    d["n_lines"] = p.n_lines
    d["bins_percent"] = np.array(ACCURACY_BINS)
    d["xor_share_percent"] = np.array([100 * np.mean(np.isclose(lines, v)) for v in ACCURACY_BINS])
    d["and_share_percent"] = np.array(
        [100 * np.mean(np.isclose(lines_and, v)) for v in ACCURACY_BINS]
    )

    # claims: about the artificial model alone (the neuron's side is single_neuron_xor)
    separable = "AND is linearly separable: a trained unit gets all 4 corners right"
    at_best = "geometry: no line puts XOR's opposite corners each on its own side, 3 of 4 at best"
    findings.claim(
        "one logistic unit trained on AND (jittered corners), scored on the truth table",
        d["acc_and"],
        "%",
        rule=Rule.at_least(100, reason=separable),
        about="artificial",
        label="one unit trained on AND",
    )
    findings.claim(
        "one logistic unit trained on XOR (jittered corners), scored on the truth table: "
        "it cannot beat three corners of four",
        d["acc_unit"],
        "%",
        rule=Rule.at_most(75, reason=at_best),
        about="artificial",
        label="one unit trained on XOR",
    )
    findings.claim(
        "best random logistic unit on the XOR truth table (w, b drawn from N(0, 1)): "
        "it cannot beat three corners of four",
        float(lines.max()),
        "%",
        rule=Rule.at_most(75, reason=at_best),
        about="artificial",
        label="best random unit on XOR",
    )
    findings.claim(
        "network with one hidden layer of tanh units trained on XOR (jittered corners), "
        "scored on the truth table",
        d["acc_net"],
        "%",
        rule=Rule.at_least(
            100, reason="two hidden units suffice in principle (OR and NAND, then AND)"
        ),
        about="artificial",
        label="tanh network trained on XOR",
    )
    return findings


def plot(findings: Findings):
    """AND vs XOR for one unit, the XOR network, and the random-line search."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(18, 5.4))
        axes = fig.subplots(1, 4, gridspec_kw={"width_ratios": [1, 1, 1, 1.2]})
        panels = [
            ("proba_and", "y_and", f"one unit, AND: {d['acc_and']:.0f}%"),
            ("proba_unit", "y_xor", f"one unit, XOR: {d['acc_unit']:.0f}%"),
            ("proba_net", "y_xor", f"{d['hidden']} hidden units, XOR: {d['acc_net']:.0f}%"),
        ]
        for ax, (proba, labels, title) in zip(axes[:3], panels):
            decision_regions(
                ax, d["xx"], d["yy"], d[proba], d["X"], d[labels], title=title, markersize=10
            )
            ax.set_xlabel("input $x_1$")
            ax.set_ylabel("input $x_2$")
        ax = axes[3]
        bins = d["bins_percent"]
        pos = np.arange(len(bins))
        and_bars = ax.bar(
            pos - 0.2,
            d["and_share_percent"],
            width=0.4,
            color="white",
            edgecolor=ARTIFICIAL,
            hatch="//",
            label="AND",
        )
        xor_bars = ax.bar(
            pos + 0.2, d["xor_share_percent"], width=0.4, color=ARTIFICIAL, label="XOR"
        )
        top = max(d["and_share_percent"].max(), d["xor_share_percent"].max())
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
        ax.set_xticks(pos, [f"{v:.0f}%" for v in bins])
        ax.set_xlabel("accuracy on the 4 corners")
        ax.set_ylabel("share of random units (%)")
        ax.set_title(f"{d['n_lines']:,} random units:\nnone gets XOR right", fontsize=13)
        ax.legend(loc="upper left")
        label_panels(axes)
        fig.suptitle(
            "One logistic unit draws one straight line: AND yes, XOR never better than 3 of 4",
            fontsize=16,
            fontweight="bold",
        )
        run_note(fig, findings.settings)
    return fig
