r"""A sparse autoencoder trained by backprop: what backprop learns from natural images.

One hidden layer of ``n_hidden`` linear units with tied weights :math:`W`
(``n_hidden`` x ``n_inputs``): code :math:`z = Wx`, reconstruction :math:`\hat x = W^T
z`. The loss, averaged over a mini-batch of patches,

.. math::

    L = \tfrac12 \lVert W^T W x - x \rVert^2
        + \lambda \sum_j \sqrt{z_j^2 + \epsilon},

asks the code to reconstruct the input while few hidden units are active (the second
term is a smooth L1 penalty on the code; :math:`\epsilon` makes it differentiable at
0). This is "reconstruction ICA" (Le, Karpenko, Ngiam & Ng 2011, NIPS 24: ICA with a
reconstruction cost), the sparse autoencoder of Ng's lecture notes (2011, CS294A) with
linear units and the sparsity as an L1 penalty on the code. Its gradient is computed
by backpropagation,

.. math::

    r = W^T z - x,\quad
    \delta = W r + \lambda\, z / \sqrt{z^2 + \epsilon},\quad
    \partial L / \partial W = z\, r^T + \delta\, x^T,

(the first term through the decoder, the second through the encoder), checked against
central finite differences in ``tests/artificial/test_autoencoder.py``; Adam (Kingma &
Ba 2015) takes the steps.

The filters are the rows of :math:`W`: on whitened natural-image patches they come out
localised, oriented and band-pass, as sparse coding's do (Olshausen & Field 1996) and
as V1 simple cells are.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial.constraints import DATA
from neurosim.artificial.training import Adam
from neurosim.core.constraints import COUNT, NON_NEGATIVE, POSITIVE, SEED, param_error, validate

__all__ = ["SparseAutoencoder"]


@validate(n_inputs=COUNT, n_hidden=COUNT, sparseness=NON_NEGATIVE, smoothing=POSITIVE, seed=SEED)
class SparseAutoencoder:
    """A tied-weight sparse autoencoder, ``z = W x``, ``x_hat = W^T z`` (module docstring).

    Parameters
    ----------
    n_inputs : int
        Length of an input vector (pixels of a patch).
    n_hidden : int
        Hidden units (filters).
    sparseness : float, default 1.0
        Weight lambda of the L1 penalty on the code (>= 0).
    smoothing : float, default 1e-2
        epsilon of ``sqrt(z^2 + epsilon)`` (> 0).
    seed : int, default 0
        Seed of the initial weights, normal with standard deviation ``1/sqrt(n_inputs)``
        (each filter starts with a length near 1).

    Examples
    --------
    >>> ae = SparseAutoencoder(144, 64, seed=0)
    >>> ae.weights.shape
    (64, 144)
    """

    def __init__(
        self,
        n_inputs: int,
        n_hidden: int,
        *,
        sparseness: float = 1.0,
        smoothing: float = 1e-2,
        seed: int = 0,
    ):
        self.n_inputs, self.n_hidden = n_inputs, n_hidden
        self.sparseness, self.smoothing = sparseness, smoothing
        rng = np.random.default_rng(seed)
        self.weights = rng.standard_normal((self.n_hidden, self.n_inputs)) / np.sqrt(self.n_inputs)

    def __repr__(self) -> str:
        return (
            f"SparseAutoencoder({self.n_inputs}, {self.n_hidden}, "
            f"sparseness={self.sparseness:g}, smoothing={self.smoothing:g})"
        )

    def _check_X(self, X: np.ndarray, owner: str) -> np.ndarray:
        """``X`` (already a 2-D array) has one input vector per row."""
        if X.shape[1] != self.n_inputs:
            raise param_error(
                "X", owner, f"an array (n, {self.n_inputs}): one input vector per row", X.shape
            )
        return X

    @validate(X=DATA)
    def encode(self, X) -> np.ndarray:
        """The hidden code ``z = W x`` of every row of ``X`` -> (n, n_hidden)."""
        return self._check_X(X, "SparseAutoencoder.encode") @ self.weights.T

    @validate(X=DATA)
    def reconstruct(self, X) -> np.ndarray:
        """``W^T W x`` for every row of ``X`` -> (n, n_inputs)."""
        return self.encode(X) @ self.weights

    def _loss_and_gradient(self, X: np.ndarray, W: np.ndarray) -> tuple[float, np.ndarray]:
        m = len(X)
        z = X @ W.T
        r = z @ W - X
        soft = np.sqrt(z * z + self.smoothing)
        loss = (0.5 * np.sum(r * r) + self.sparseness * np.sum(soft)) / m
        delta = r @ W.T + self.sparseness * z / soft
        grad = (z.T @ r + delta.T @ X) / m
        return float(loss), grad

    @validate(X=DATA)
    def loss(self, X) -> float:
        """The mean loss over the rows of ``X`` (module docstring)."""
        X = self._check_X(X, "SparseAutoencoder.loss")
        return self._loss_and_gradient(X, self.weights)[0]

    @validate(X=DATA)
    def gradient(self, X) -> np.ndarray:
        """dL/dW by backpropagation, averaged over the rows of ``X`` -> (n_hidden, n_inputs)."""
        X = self._check_X(X, "SparseAutoencoder.gradient")
        return self._loss_and_gradient(X, self.weights)[1]

    @validate(X=DATA, steps=COUNT, batch=COUNT, learning_rate=POSITIVE, seed=SEED)
    def fit(
        self,
        X,
        *,
        steps: int = 1000,
        batch: int = 100,
        learning_rate: float = 0.02,
        seed: int = 0,
    ) -> SparseAutoencoder:
        """Train by Adam on ``steps`` mini-batches of ``batch`` rows drawn from ``X``.

        Rows are drawn with replacement by ``np.random.default_rng(seed)``; the step
        size decays as ``learning_rate / (1 + 3 step / steps)`` (as in
        :func:`neurosim.vision.learn_dictionary`). Returns self.
        """
        owner = "SparseAutoencoder.fit"
        X = self._check_X(X, owner)
        optimizer = Adam(learning_rate)
        rng = np.random.default_rng(seed)
        for step in range(steps):
            optimizer.learning_rate = learning_rate / (1 + 3 * step / steps)
            rows = X[rng.integers(0, len(X), batch)]
            _, grad = self._loss_and_gradient(rows, self.weights)
            optimizer.step([self.weights], [grad])
        return self

    @property
    def filters(self) -> np.ndarray:
        """The hidden units' input weights, one filter per row (n_hidden, n_inputs)."""
        return self.weights.copy()
