"""Whitening of image patches: flatten the 1/f^2 power spectrum of natural images.

Natural images have a power spectrum falling roughly as 1/f^2 (Field 1987, J Opt Soc
Am A 4:2379). Sparse coding is run on whitened patches (Olshausen & Field 1996, 1997),
here by ZCA: ``W = U diag(1/sqrt(lambda + eps)) U^T`` from the eigen-decomposition of the
patch covariance. ``eps`` damps the components whose variance is below it (the highest
spatial frequencies, where pixel noise dominates), as Olshausen & Field's low-pass
filter does: with ``eps = 1`` (times the mean eigenvalue) the 12x12 patches' spectrum,
which falls ~45x from the lowest to the highest frequency ring, falls ~7x.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.constraints import (
    BOOL,
    COUNT,
    NON_NEGATIVE,
    ArrayOf,
    param_error,
    validate,
)

__all__ = ["Whitener", "radial_power_spectrum", "whiten"]


@dataclass(frozen=True)
class Whitener:
    """A fitted ZCA whitening: ``whitened = (x - mean) @ matrix``."""

    mean: np.ndarray
    matrix: np.ndarray
    eigenvalues: np.ndarray

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return (np.asarray(X, float) - self.mean) @ self.matrix


@validate(X=ArrayOf(2), eps=NON_NEGATIVE, remove_dc=BOOL)
def whiten(X, *, eps: float = 0.0, remove_dc: bool = True) -> tuple[np.ndarray, Whitener]:
    """ZCA-whiten rows of ``X`` (patches flattened to vectors).

    Parameters
    ----------
    X : array (n, d)
        Patches as rows.
    eps : float, default 0
        Regulariser as a fraction of the mean eigenvalue (0: exact whitening).
    remove_dc : bool, default True
        Subtract each patch's own mean first (the DC component carries no structure).

    Returns
    -------
    (whitened, Whitener)
        Whitened rows, scaled to unit mean variance per pixel, and the fitted map.
    """
    if X.shape[0] < 2:
        raise param_error(
            "X", "whiten", "at least two patches as rows (a covariance needs two)", X.shape
        )
    if remove_dc:
        X = X - X.mean(axis=1, keepdims=True)
    mean = X.mean(axis=0)
    C = np.cov(X - mean, rowvar=False)
    lam, U = np.linalg.eigh(C)
    lam = np.clip(lam, 0.0, None)
    reg = eps * float(np.mean(lam))
    keep = lam > 1e-9 * lam.max()
    scale = np.zeros_like(lam)
    scale[keep] = 1.0 / np.sqrt(lam[keep] + reg)
    M = (U * scale) @ U.T
    Y = (X - mean) @ M
    norm = np.sqrt(np.mean(Y**2))
    M = M / norm
    return Y / norm, Whitener(mean, M, lam)


@validate(patches=ArrayOf(3), n_bins=[COUNT, None])
def radial_power_spectrum(patches: np.ndarray, n_bins: int | None = None):
    """Mean 2-D power spectrum of square patches (n, k, k), averaged over rings of ``|f|``.

    Returns ``(f, power)``: ring centres in cycles/pixel (0 excluded) and mean power.
    """
    P = patches
    n = P.shape[-1]
    if P.shape[1] != n:
        raise param_error("patches", "radial_power_spectrum", "square patches (n, k, k)", P.shape)
    P = P.reshape(-1, n, n)
    power = np.mean(np.abs(np.fft.fft2(P - P.mean(axis=(1, 2), keepdims=True))) ** 2, axis=0)
    fx = np.fft.fftfreq(n)
    fr = np.hypot(fx[:, None], fx[None, :])
    n_bins = n // 2 if n_bins is None else n_bins
    edges = np.linspace(0, 0.5, n_bins + 1)
    idx = np.digitize(fr, edges) - 1
    f, pw = [], []
    for b in range(n_bins):
        sel = (idx == b) & (fr > 0)
        if sel.any():
            f.append(fr[sel].mean())
            pw.append(power[sel].mean())
    return np.asarray(f), np.asarray(pw)
