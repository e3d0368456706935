"""XOR and one unit: what a monotonic activation cannot do and a bump activation can.

A unit answers ``f(w . x + b) > theta``.  If ``f`` is monotonic, that is ``w . x + b``
above (or below) one number: one side of a straight line.  No line separates XOR,
whose four conditions b < 0, w1 + b > 0, w2 + b > 0 and w1 + w2 + b < 0 contradict each
other (add the middle two: w1 + w2 + 2b > 0, so w1 + w2 + b > -b > 0), so a monotonic
unit gets at most 3 of the 4 corners.  A *non-monotonic* activation answers "1" only
on a band of ``w . x + b``: two parallel lines, which do separate XOR.  The Gaussian
bump ``exp(-z^2 / 2)`` is the simplest; human cortical dendrites fire calcium action
potentials whose amplitude falls for inputs stronger than threshold, and so act like
one (Gidon et al. 2020, Science 367:83).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial.constraints import BINARY_LABELS, DATA, Z
from neurosim.artificial.truth_tables import CORNERS, XOR
from neurosim.artificial.unit import LogisticUnit
from neurosim.core.constraints import SEED, ArrayOf, Interval, Options, param_error, validate

__all__ = [
    "CORNERS",
    "XOR",
    "BumpUnit",
    "XorUnits",
    "bump",
    "threshold_unit_accuracies",
    "xor_units",
]


#: Units of a grid search beyond which :func:`threshold_unit_accuracies` refuses (a
#: table of that many units by the rows of X already takes tens of MB).
MAX_GRID_UNITS = 10**7


@validate(z=Z)
def bump(z):
    """The Gaussian bump ``exp(-z^2 / 2)``: 1 at z = 0, falling on both sides."""
    return np.exp(-0.5 * z * z)


@validate(weights=ArrayOf(1), bias=Interval())
class BumpUnit:
    """One unit with a non-monotonic activation: ``y = bump(w . x + b)``, class ``y > 0.5``.

    Parameters
    ----------
    weights : array_like (n_inputs,)
    bias : float

    Examples
    --------
    >>> BumpUnit([2.0, 2.0], -2.0).predict(CORNERS)  # XOR
    array([0, 1, 1, 0])
    """

    def __init__(self, weights, bias: float):
        self.weights, self.bias = weights.copy(), bias  # not the caller's array

    @validate(X=DATA)
    def predict_proba(self, X) -> np.ndarray:
        """The activation ``bump(X @ w + b)``, one value per row of ``X``."""
        if X.shape[1] != self.weights.size:
            raise param_error(
                "X", "BumpUnit", f"{self.weights.size} columns (one per weight)", X.shape[1]
            )
        return bump(X @ self.weights + self.bias)

    @validate(X=DATA)
    def predict(self, X) -> np.ndarray:
        """Class 1 where the activation exceeds 0.5, else 0."""
        return (self.predict_proba(X) > 0.5).astype(int)

    @validate(X=DATA, y=BINARY_LABELS)
    def score(self, X, y) -> float:
        """Fraction of rows classified as ``y``."""
        if y.shape[0] != X.shape[0]:
            raise param_error(
                "y", "BumpUnit.score", f"{X.shape[0]} labels (one per row)", y.shape[0]
            )
        return float(np.mean(self.predict(X) == y))


@validate(X=DATA, y=BINARY_LABELS, values=ArrayOf(1), activation=Options("monotonic", "bump"))
def threshold_unit_accuracies(X, y, values, *, activation: str = "monotonic") -> np.ndarray:
    """Accuracy on ``(X, y)`` of every unit with weights and bias on a grid.

    Every combination of ``values`` for each weight and the bias is one unit.
    ``"monotonic"``: class ``w . x + b > 0`` (any increasing activation thresholded at
    its value at 0; a decreasing one is the same line with w, b negated, also on a
    symmetric grid).  ``"bump"``: class ``bump(w . x + b) > 0.5``, i.e.
    ``|w . x + b| < sqrt(2 ln 2)``.  Returns one accuracy per unit (a flat array).
    At most :data:`MAX_GRID_UNITS` units (``len(values) ** (n_inputs + 1)``).
    """
    owner = "threshold_unit_accuracies"
    if y.shape[0] != X.shape[0]:
        raise param_error("y", owner, f"{X.shape[0]} labels (one per row of X)", y.shape[0])
    n_units = values.size ** (X.shape[1] + 1)
    if n_units > MAX_GRID_UNITS:
        raise param_error(
            "values",
            owner,
            f"at most {MAX_GRID_UNITS} units (len(values) ** {X.shape[1] + 1})",
            n_units,
            "Use fewer grid values.",
        )
    grids = np.meshgrid(*([values] * (X.shape[1] + 1)), indexing="ij")
    params = np.stack([g.reshape(-1) for g in grids], axis=1)  # (units, weights + bias)
    z = params[:, :-1] @ X.T + params[:, -1:]
    predicted = z > 0 if activation == "monotonic" else bump(z) > 0.5
    return (predicted == y.astype(bool)[None, :]).mean(axis=1)


#: The accuracies (%) a unit can reach on the four corners.
LEVELS = (0, 25, 50, 75, 100)


@dataclass(frozen=True, eq=False)
class XorUnits:
    """One unit on the XOR truth table, measured four ways (:func:`xor_units`); accuracies
    in %, one value per corner in the order of :data:`CORNERS`.

    Attributes
    ----------
    unit_trained_proba, unit_trained_loss : ndarray (4,), float
        A logistic unit trained on the corners: P(1) per corner; cross-entropy (nats).
    unit_best_class, unit_best_accuracy : ndarray (4,), float
        The best a line can do, OR (weights 1, 1, bias -0.5): its classes and accuracy.
    grid_units : int
        Units searched: every combination of the grid values for w1, w2 and b.
    monotonic_accuracy_counts, bump_accuracy_counts : ndarray of int (5,)
        How many of them reach each accuracy of :data:`LEVELS`, with a monotonic
        activation and with the Gaussian bump; ``monotonic_best``, ``bump_best``: the
        best accuracy of each.
    bump_sum, bump_output, bump_class, bump_accuracy : ndarray (4,) x 3, float
        The hand-set :class:`BumpUnit`: its weighted sum, activation and class per
        corner, and its accuracy.
    """

    unit_trained_proba: np.ndarray
    unit_trained_loss: float
    unit_best_class: np.ndarray
    unit_best_accuracy: float
    grid_units: int
    monotonic_accuracy_counts: np.ndarray
    bump_accuracy_counts: np.ndarray
    monotonic_best: float
    bump_best: float
    bump_sum: np.ndarray
    bump_output: np.ndarray
    bump_class: np.ndarray
    bump_accuracy: float


@validate(values=ArrayOf(1), bump_weights=ArrayOf(shape=(2,)), bump_bias=Interval(), seed=SEED)
def xor_units(*, values, bump_weights, bump_bias: float, seed: int = 0) -> XorUnits:
    """What one unit can do on XOR: trained, the best line, a grid search, a bump unit.

    Parameters
    ----------
    values : array_like
        Grid values of each weight and the bias for the exhaustive search.
    bump_weights, bump_bias
        The hand-set :class:`BumpUnit` (e.g. ``(2, 2)`` and ``-2``: sums -2, 0, 0, 2).
    seed : int, default 0
        Seed of the trained unit's initial weights (2000 epochs, learning rate 1).
    """
    unit = LogisticUnit().fit(CORNERS, XOR, epochs=2000, learning_rate=1.0, seed=seed)
    best = LogisticUnit(weights=[1.0, 1.0], bias=-0.5)  # OR: one of the 75 % lines
    monotonic = 100 * threshold_unit_accuracies(CORNERS, XOR, values)
    bumps = 100 * threshold_unit_accuracies(CORNERS, XOR, values, activation="bump")
    bump_unit = BumpUnit(bump_weights, bump_bias)
    return XorUnits(
        unit_trained_proba=unit.predict_proba(CORNERS),
        unit_trained_loss=unit.loss(CORNERS, XOR),
        unit_best_class=best.predict(CORNERS),
        unit_best_accuracy=100 * best.score(CORNERS, XOR),
        grid_units=monotonic.size,
        monotonic_accuracy_counts=np.array([np.sum(monotonic == v) for v in LEVELS]),
        bump_accuracy_counts=np.array([np.sum(bumps == v) for v in LEVELS]),
        monotonic_best=float(monotonic.max()),
        bump_best=float(bumps.max()),
        bump_sum=CORNERS @ bump_unit.weights + bump_unit.bias,
        bump_output=bump_unit.predict_proba(CORNERS),
        bump_class=bump_unit.predict(CORNERS),
        bump_accuracy=100 * bump_unit.score(CORNERS, XOR),
    )
