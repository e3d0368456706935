r"""Sparse coding (Olshausen & Field 1996, Nature 381:607) in numpy.

Each patch :math:`x` is explained as :math:`\Phi a` with few active coefficients: the
codes minimise :math:`E = \tfrac12\lVert x - \Phi a\rVert^2 + \lambda \lVert a\rVert_1`
(the L1 cost stands for Olshausen & Field's sparseness prior), inferred by FISTA (Beck
& Teboulle 2009, SIAM J Imaging Sci 2:183). The basis functions :math:`\Phi` then take
a gradient step on :math:`E` with the codes fixed, :math:`\Delta\Phi = \eta\,(x - \Phi
a)a^T`, and are renormalised to unit length, over mini-batches of patches.
:func:`natural_basis` learns the basis of the shipped natural-image patches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from neurosim.core.cache import shared
from neurosim.core.constraints import COUNT, NON_NEGATIVE, POSITIVE, SEED, ArrayOf, validate
from neurosim.core.validation import param_error
from neurosim.vision.patches import whitened_natural_patches

__all__ = ["SparseCode", "infer_codes", "learn_dictionary", "natural_basis"]


@dataclass(frozen=True)
class SparseCode:
    """A learned dictionary: ``basis`` (d, k), unit columns; the final batch's statistics."""

    basis: np.ndarray
    sparsity: float
    residual: float


@validate(
    X=ArrayOf(2),
    basis=ArrayOf(2),
    lam=NON_NEGATIVE,
    iterations=COUNT,
    codes=[ArrayOf(2), None],
)
def infer_codes(X, basis, lam: float, *, iterations: int = 100, codes=None) -> np.ndarray:
    """FISTA codes ``A`` (n, k) minimising ``0.5 |X - A basis^T|^2 + lam |A|_1`` per row.

    ``X`` is (n, d), ``basis`` (d, k) with a column that is not zero, ``codes`` the
    starting codes (n, k) (default zeros).
    """
    owner = "infer_codes"
    Phi = basis
    if Phi.shape[0] != X.shape[1]:
        raise param_error("basis", owner, f"one row per pixel of X ({X.shape[1]})", Phi.shape)
    if codes is not None and codes.shape != (X.shape[0], Phi.shape[1]):
        raise param_error(
            "codes",
            owner,
            f"one code per row of X and column of basis {X.shape[0], Phi.shape[1]}",
            codes.shape,
        )
    G = Phi.T @ Phi
    L = float(np.linalg.eigvalsh(G)[-1])
    if L <= 0:
        raise param_error("basis", owner, "a basis with a column that is not zero", Phi)
    B = X @ Phi
    A = np.zeros((X.shape[0], Phi.shape[1])) if codes is None else np.array(codes, float)
    Y, t = A.copy(), 1.0
    thr = lam / L
    for _ in range(int(iterations)):
        Z = Y - (Y @ G - B) / L
        A_new = np.sign(Z) * np.maximum(np.abs(Z) - thr, 0.0)
        t_new = 0.5 * (1 + np.sqrt(1 + 4 * t * t))
        Y = A_new + ((t - 1) / t_new) * (A_new - A)
        A, t = A_new, t_new
    return A


@validate(
    X=ArrayOf(2),
    n_basis=COUNT,
    lam=NON_NEGATIVE,
    steps=COUNT,
    batch=COUNT,
    learning_rate=POSITIVE,
    inference_iterations=COUNT,
    seed=SEED,
    init=[ArrayOf(2), None],
)
def learn_dictionary(
    X,
    n_basis: int,
    *,
    lam: float = 0.3,
    steps: int = 300,
    batch: int = 200,
    learning_rate: float = 1.0,
    inference_iterations: int = 60,
    seed: int = 0,
    init=None,
) -> SparseCode:
    """Learn ``n_basis`` unit-norm basis functions for the rows of ``X`` (whitened patches).

    The learning rate decays as ``learning_rate / (1 + 3 step / steps)``; the update is
    averaged over the batch.
    """
    n, d = X.shape
    rng = np.random.default_rng(seed)
    if init is None:
        Phi = rng.standard_normal((d, n_basis))
    else:
        if init.shape != (d, n_basis) or not np.all(np.any(init != 0, axis=0)):
            raise param_error(
                "init",
                "learn_dictionary",
                f"a starting basis of shape {(d, n_basis)} (pixels, n_basis), no column zero",
                init,
            )
        Phi = np.array(init, float)
    Phi /= np.linalg.norm(Phi, axis=0, keepdims=True)
    A = X[:1] @ Phi
    for step in range(int(steps)):
        x = X[rng.integers(0, n, int(batch))]
        A = infer_codes(x, Phi, lam, iterations=inference_iterations)
        R = x - A @ Phi.T
        eta = learning_rate / (1 + 3 * step / steps)
        Phi = Phi + eta * (R.T @ A) / len(x)
        Phi /= np.maximum(np.linalg.norm(Phi, axis=0, keepdims=True), 1e-12)
    sparsity = float(np.mean(A != 0))
    residual = float(np.mean(R**2) / np.mean(x**2))
    return SparseCode(Phi, sparsity, residual)


@validate(n_basis=COUNT, lam=NON_NEGATIVE, steps=COUNT, eps=NON_NEGATIVE, seed=SEED)
def natural_basis(
    n_basis: int = 64, *, lam: float = 0.8, steps: int = 200, eps: float = 1.0, seed: int = 0
) -> np.ndarray:
    """Olshausen & Field's basis for the shipped natural-image patches, as filters.

    :func:`learn_dictionary` (batches of 200 patches, learning rate 2, 30 FISTA
    iterations per batch) on :func:`~neurosim.vision.whitened_natural_patches` (``eps``);
    computed once per run and shared (:func:`neurosim.core.cache.shared`).

    Returns
    -------
    ndarray (n_basis, 12, 12)
        Unit-norm basis functions as patches.
    """
    W = whitened_natural_patches(eps)
    side = math.isqrt(W.shape[1])

    def compute():
        code = learn_dictionary(
            W,
            int(n_basis),
            lam=float(lam),
            steps=int(steps),
            batch=200,
            learning_rate=2.0,
            inference_iterations=30,
            seed=seed,
        )
        return code.basis.T.reshape(-1, side, side)

    key = {"n_basis": int(n_basis), "lam": float(lam), "steps": int(steps), "eps": float(eps)}
    return shared("sparse_code", {**key, "seed": seed}, compute)
