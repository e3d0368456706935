"""The single artificial neuron of deep learning: a logistic unit.

.. math:: y = \\sigma(w \\cdot x + b) = \\frac{1}{1 + e^{-(w \\cdot x + b)}}

It is logistic regression: trained by gradient descent on the mean binary
cross-entropy, it draws one straight line (hyperplane) through input space, so it
can separate AND or OR but not XOR.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial.activations import logsigmoid, sigmoid
from neurosim.artificial.constraints import BINARY_LABELS, DATA
from neurosim.core.constraints import COUNT, POSITIVE, SEED, ArrayOf, Interval, validate
from neurosim.core.validation import check_array, check_labels

__all__ = ["LogisticUnit"]


@validate(weights=[ArrayOf(1), None], bias=Interval())
class LogisticUnit:
    """One sigmoid unit, ``P(y = 1 | x) = sigmoid(w . x + b)``.

    Parameters
    ----------
    weights : array_like (n_inputs,), optional
        Hand-chosen weights; the unit can predict at once, without ``fit``.
        ``None`` leaves the unit empty until :meth:`fit`.
    bias : float, default 0.0

    Attributes
    ----------
    weights : ndarray (n_inputs,) or None
    bias : float
    history_ : ndarray (epochs,)
        Mean binary cross-entropy (nats) after each epoch of the last :meth:`fit`.

    Examples
    --------
    >>> unit = LogisticUnit(weights=[1.0, 1.0], bias=-1.5)  # AND
    >>> unit.predict([[0, 0], [0, 1], [1, 0], [1, 1]])
    array([0, 0, 0, 1])
    """

    def __init__(self, weights=None, bias: float = 0.0):
        self.weights = None if weights is None else weights.copy()  # not the caller's array
        self.bias = bias
        self.history_ = np.empty(0)

    @property
    def n_inputs(self) -> int | None:
        return None if self.weights is None else int(self.weights.shape[0])

    def __repr__(self) -> str:
        if self.weights is None:
            return f"LogisticUnit(weights=None, bias={self.bias:.4g})"
        w = ", ".join(f"{v:.4g}" for v in self.weights)
        return f"LogisticUnit(weights=[{w}], bias={self.bias:.4g})"

    # --- checks ------------------------------------------------------------------------

    def _check_X(self, X, owner: str) -> np.ndarray:
        if self.weights is None:
            raise RuntimeError(
                f"{owner}: this LogisticUnit has no weights yet; pass weights=... "
                "when building it, or call fit(X, y) first."
            )
        return check_array(X, "X", owner, ndim=2, shape=(None, self.n_inputs))

    # --- prediction --------------------------------------------------------------------

    @validate(X=DATA)
    def decision_function(self, X) -> np.ndarray:
        """``w . x + b`` for every row of ``X``, shape ``(n_samples,)``."""
        X = self._check_X(X, "LogisticUnit.decision_function")
        return X @ self.weights + self.bias

    @validate(X=DATA)
    def predict_proba(self, X) -> np.ndarray:
        """``P(y = 1) = sigmoid(w . x + b)``, shape ``(n_samples,)``."""
        return sigmoid(self.decision_function(X))

    @validate(X=DATA)
    def predict(self, X) -> np.ndarray:
        """0/1 per sample (int64): 1 where ``P(y = 1) >= 0.5``, i.e. ``w . x + b >= 0``."""
        return (self.decision_function(X) >= 0.0).astype(np.int64)

    @validate(X=DATA, y=BINARY_LABELS)
    def score(self, X, y) -> float:
        """Fraction of samples classified correctly."""
        pred = self.predict(X)
        y = check_labels(y, "y", "LogisticUnit.score", n_samples=pred.shape[0], n_classes=2)
        return float(np.mean(pred == y))

    @validate(X=DATA, y=BINARY_LABELS)
    def loss(self, X, y) -> float:
        """Mean binary cross-entropy (nats) on ``(X, y)``."""
        z = self.decision_function(X)
        y = check_labels(y, "y", "LogisticUnit.loss", n_samples=z.shape[0], n_classes=2)
        return _bce(z, y)

    # --- training ----------------------------------------------------------------------

    @validate(X=DATA, y=BINARY_LABELS, epochs=COUNT, learning_rate=POSITIVE, seed=SEED)
    def fit(self, X, y, *, epochs: int = 1000, learning_rate: float = 0.5, seed: int = 0):
        """Full-batch gradient descent on the mean binary cross-entropy.

        Starts from small random weights, ``N(0, 0.01^2)`` drawn with ``seed``, and
        bias 0 (replacing any weights given before), then repeats
        ``w <- w - lr * X.T (p - y) / n`` and ``b <- b - lr * mean(p - y)``.

        Parameters
        ----------
        X : array (n_samples, n_inputs)
        y : array (n_samples,)
            Labels 0/1.
        epochs : int, default 1000
            Number of full-batch steps, >= 1.
        learning_rate : float, default 0.5
            Step size, > 0.
        seed : int, default 0

        Returns
        -------
        self
        """
        owner = "LogisticUnit.fit"
        n_inputs = self.n_inputs
        X = check_array(X, "X", owner, ndim=2, shape=None if n_inputs is None else (None, n_inputs))
        y = check_labels(y, "y", owner, n_samples=X.shape[0], n_classes=2).astype(float)

        rng = np.random.default_rng(seed)
        w = rng.normal(0.0, 0.01, size=X.shape[1])
        b = 0.0
        n = X.shape[0]
        history = np.empty(epochs)
        for epoch in range(epochs):
            err = sigmoid(X @ w + b) - y
            w -= learning_rate * (X.T @ err) / n
            b -= learning_rate * float(err.mean())
            history[epoch] = _bce(X @ w + b, y)
        self.weights, self.bias, self.history_ = w, float(b), history
        return self


def _bce(z: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy from logits: ``-mean(y log s(z) + (1-y) log s(-z))``."""
    return float(-np.mean(y * logsigmoid(z) + (1.0 - y) * logsigmoid(-z)))
