"""Deep learning is very good at learning flexible X -> Y mappings.

Networks of growing depth and width, trained by backprop on two 2-D problems (moons
and spirals): a network without hidden layers (a softmax/logistic unit) can only draw
a straight boundary; hidden layers let the boundary bend as the data need. The figure
shows the learned decision regions and the test accuracy during training.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial import DeepNetwork
from neurosim.datasets import make_moons, make_spirals, train_test_split
from neurosim.findings import Findings
from neurosim.plotting import ARTIFICIAL, decision_regions, grid_for, label_panels, lecture_style

NAME = "flexible_mappings"
QUESTION = "Can deep networks learn flexible X -> Y mappings?"

#: (label, hidden layer sizes) of the networks, from none to deep.
ARCHITECTURES = (
    ("no hidden layer", ()),
    ("1 hidden layer of 6", (6,)),
    ("3 hidden layers of 32", (32, 32, 32)),
)
#: line styles of the three networks in the learning-curve panels (all the artificial colour)
LINESTYLES = (":", "--", "-")


def _datasets(seed: int):
    return {
        "moons": make_moons(400, noise=0.15, seed=seed),
        "spirals": make_spirals(600, turns=1.5, noise=0.06, seed=seed),
    }


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """Train every architecture on both data sets; keep decision regions and curves."""
    epochs = 100 if quick else 300
    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "epochs": epochs,
            "hidden": "relu",
            "optimizer": "adam",
            "learning_rate": 0.01,
            "batch_size": 32,
            "architectures": [list(a) for _, a in ARCHITECTURES],
        },
    )
    data = findings.data
    for dname, (X, y) in _datasets(seed).items():
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=0.25, seed=seed)
        xx, yy, grid = grid_for(X, resolution=120 if quick else 200)
        data[f"{dname}/X"], data[f"{dname}/y"] = X_te, y_te
        data[f"{dname}/xx"], data[f"{dname}/yy"] = xx, yy
        for k, (label, hidden) in enumerate(ARCHITECTURES):
            net = DeepNetwork([2, *hidden, 2], hidden="relu", output="softmax", seed=seed)
            history = net.fit(
                X_tr,
                y_tr,
                epochs=epochs,
                batch_size=32,
                learning_rate=0.01,
                optimizer="adam",
                validation=(X_te, y_te),
                seed=seed,
            )
            acc = 100 * net.score(X_te, y_te)
            data[f"{dname}/{k}/proba"] = net.predict_proba(grid)[:, 1].reshape(xx.shape)
            data[f"{dname}/{k}/curve"] = 100 * np.asarray(history.val_accuracy)
            data[f"{dname}/{k}/accuracy"] = acc
            deep = k == len(ARCHITECTURES) - 1
            verdict = "holds" if acc >= 90 else ("partly" if acc >= 75 else "fails")
            findings.claim(
                f"{dname}: test accuracy of a network with {label}"
                + (" (a deep network)" if deep else ""),
                acc,
                "%",
                verdict,
                aspect="flexible mappings",
            )
    return findings


def plot(findings: Findings):
    """Decision regions (rows: data sets; columns: networks) and learning curves."""
    import matplotlib.pyplot as plt

    data = findings.data
    names = ("moons", "spirals")
    with lecture_style():
        fig, axes = plt.subplots(
            2, 4, figsize=(17, 8.6), gridspec_kw={"width_ratios": [1, 1, 1, 1.25]}
        )
        for row, dname in enumerate(names):
            X, y = data[f"{dname}/X"], data[f"{dname}/y"]
            for k, (label, _) in enumerate(ARCHITECTURES):
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
            for k, (label, _) in enumerate(ARCHITECTURES):
                curve = data[f"{dname}/{k}/curve"]
                ax.plot(
                    np.arange(1, len(curve) + 1),
                    curve,
                    color=ARTIFICIAL,
                    linestyle=LINESTYLES[k],
                    label=label,
                )
            ax.set_ylim(40, 101)
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
    return fig
