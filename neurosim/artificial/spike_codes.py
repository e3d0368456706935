"""Input spike trains for :class:`~neurosim.artificial.surrogate.SurrogateSNN` (numpy only).

Spike trains are boolean arrays ``(n_samples, n_steps, n_inputs)``: True where input
``i`` spikes in time step ``n`` of sample ``b``.

- :func:`bernoulli_spikes`: every input spikes in every step with probability
  ``rate * dt``, independently; :func:`random_patterns` adds a random label 0/1 to each
  (the task of Zenke's SpyTorch tutorial 1: 256 patterns of 100 inputs at 5 Hz,
  200 steps of 1 ms).
- :func:`latency_spikes`: a value ``x`` in (0, 1] spikes once, the earlier the larger,
  in step ``ceil((1 - x) * window)`` (capped at ``window - 1``); ``x <= 0`` never spikes.
  With the UCI digits' 16 grey levels and ``window = 16`` every level has its own step.
  The same time-to-first-spike code as :mod:`neurosim.bridge.ttfs` (Rueckauer & Liu
  2018), on a clock of ``dt`` steps.

Inside the package, ``_Events`` holds a spike array as a scipy sparse matrix for the
networks' input projection ``x W`` and its adjoint.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import (
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    ArrayOf,
    Interval,
    param_error,
    validate,
)

__all__ = ["bernoulli_spikes", "latency_spikes", "random_patterns"]


@validate(n_samples=COUNT, n_steps=COUNT, n_inputs=COUNT, rate=NON_NEGATIVE, dt=POSITIVE, seed=SEED)
def bernoulli_spikes(
    n_samples: int, n_steps: int, n_inputs: int, *, rate: float, dt: float, seed: int = 0
) -> np.ndarray:
    """Independent random spikes: each input, each step, with probability ``rate * dt``.

    Parameters
    ----------
    n_samples, n_steps, n_inputs : int
    rate : float
        Mean rate of every input, in Hz (``rate * dt`` must be at most 1).
    dt : float
        Time step, in seconds.
    seed : int, default 0

    Returns
    -------
    ndarray of bool, shape (n_samples, n_steps, n_inputs)
    """
    return _bernoulli((n_samples, n_steps, n_inputs), rate, dt, seed, "bernoulli_spikes")


def _bernoulli(shape, rate: float, dt: float, seed: int, owner: str) -> np.ndarray:
    if rate * dt > 1.0:
        raise param_error("rate", owner, f"at most 1 / dt = {1 / dt:g} Hz (one spike a step)", rate)
    return np.random.default_rng(seed).random(shape) < rate * dt


@validate(
    n_patterns=COUNT, n_steps=COUNT, n_inputs=COUNT, rate=NON_NEGATIVE, dt=POSITIVE, seed=SEED
)
def random_patterns(
    n_patterns: int, n_steps: int, n_inputs: int, *, rate: float, dt: float, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Random spike patterns (:func:`bernoulli_spikes`) with random labels 0/1.

    Returns ``(spikes, labels)``: labels are 1 with probability 1/2, drawn from their own
    stream of ``seed``, so that the patterns are those of ``bernoulli_spikes(..., seed)``.
    """
    spikes = _bernoulli((n_patterns, n_steps, n_inputs), rate, dt, seed, "random_patterns")
    labels = np.random.default_rng([seed, 1]).random(n_patterns) < 0.5
    return spikes, labels.astype(np.int64)


@validate(X=ArrayOf(2, values=Interval(0, 1)), window=COUNT, n_steps=COUNT)
def latency_spikes(X, *, window: int, n_steps: int) -> np.ndarray:
    """One spike per positive value, the larger the earlier (a latency code).

    Parameters
    ----------
    X : array (n_samples, n_inputs)
        Values in [0, 1] (e.g. pixels).
    window : int
        Steps the code spans: ``x = 1`` spikes in step 0, small ``x`` in step
        ``window - 1``.
    n_steps : int
        Steps of the returned trains (at least ``window``; the rest is time to answer).

    Returns
    -------
    ndarray of bool, shape (n_samples, n_steps, n_inputs)
    """
    if n_steps < window:
        raise param_error(
            "n_steps", "latency_spikes", f"at least the window ({window} steps)", n_steps
        )
    out = np.zeros((X.shape[0], n_steps, X.shape[1]), dtype=bool)
    sample, channel = np.nonzero(X > 0)
    step = np.minimum(np.ceil((1.0 - X[sample, channel]) * window), window - 1).astype(np.int64)
    out[sample, step, channel] = True
    return out


class _Events:
    """Input spikes as a sparse matrix, for ``h = x W`` and its adjoint ``dW = x^T dh``."""

    def __init__(self, spikes: np.ndarray, dtype):
        from scipy.sparse import csr_matrix

        self.n_samples, self.n_steps, self.n_inputs = spikes.shape
        self.dtype = dtype
        # rows in the (n_steps, n_samples) order of the simulation arrays
        flat = spikes.transpose(1, 0, 2).reshape(-1, self.n_inputs)
        self._x = csr_matrix(flat, dtype=dtype)
        self._xt = self._x.T.tocsr()
        self.count = int(self._x.nnz)

    def project(self, W: np.ndarray) -> np.ndarray:
        """``h[n, b, k, :] = sum_i x[b, n, i] W[k, i, :]``, shape (T, B, K, H)."""
        K, n_in, H = W.shape
        out = self._x @ W.transpose(1, 0, 2).reshape(n_in, K * H).astype(self.dtype)
        return np.asarray(out).reshape(self.n_steps, self.n_samples, K, H)

    def adjoint(self, dh: np.ndarray) -> np.ndarray:
        """``dW[k, i, :] = sum_{b, n} x[b, n, i] dh[n, b, k, :]``, shape (K, n_in, H)."""
        T, B, K, H = dh.shape
        out = np.asarray(self._xt @ dh.reshape(T * B, K * H), dtype=float)
        return out.reshape(self.n_inputs, K, H).transpose(1, 0, 2).copy()
