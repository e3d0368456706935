"""Boolean truth tables on the corners of the unit square, and random straight lines on them.

Shared by the comparisons that ask what one unit (or one neuron) can compute: AND is
linearly separable, XOR is not (Minsky & Papert, *Perceptrons*, 1969): no straight line
puts XOR's two classes, which sit on opposite corners, each on its own side, so a single
logistic unit gets at most 3 of the 4 corners right.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial.constraints import BINARY_LABELS, DATA
from neurosim.core.constraints import COUNT, SEED, param_error, validate

__all__ = ["AND", "CORNERS", "XOR", "random_line_accuracies"]

#: The four corners of the unit square, (x1, x2).
CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
#: AND and XOR of the corners, in the order of :data:`CORNERS`.
AND = np.array([0, 0, 0, 1])
XOR = np.array([0, 1, 1, 0])


@validate(X=DATA, y=BINARY_LABELS, n_lines=COUNT, seed=SEED)
def random_line_accuracies(X, y, n_lines: int, seed: int) -> np.ndarray:
    """Accuracy on (X, y) of ``n_lines`` random logistic units (w ~ N(0, 1), b ~ N(0, 1)).

    A unit's class is ``w . x + b > 0``; its weights only set which line is drawn.
    Returns the fraction of points right (0 to 1) for each unit.
    """
    if y.shape[0] != X.shape[0]:
        raise param_error(
            "y", "random_line_accuracies", f"{X.shape[0]} labels (one per row of X)", y.shape[0]
        )
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(n_lines, X.shape[1]))
    b = rng.normal(size=n_lines)
    predicted = (w @ X.T + b[:, None]) > 0
    return (predicted == y[None, :].astype(bool)).mean(axis=1)
