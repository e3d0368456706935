"""Shapes a test of "V1-like" must reject: noise, blobs, centre-surround fields, PCA.

Each function returns a stack of square filters (n, k, k). None of them is a simple
cell's receptive field, yet a 2-D Gabor fits most of them well
(:mod:`neurosim.vision.simple_cells` explains why :func:`~neurosim.vision.gabor_like`
asks for more than a fit):

* :func:`white_noise`: independent normal pixels.
* :func:`natural_spectrum_noise`: the natural patches' mean amplitude spectrum with
  random phases: smooth like an image, with no localised structure.
* :func:`gaussian_blobs`: Gaussian blobs (round or elongated up to 2:1): low-pass.
* :func:`centre_surround`: balanced differences of Gaussians, the receptive fields of
  retinal ganglion and LGN cells (Rodieck 1965; Enroth-Cugell & Robson 1966): band-pass
  but not oriented.
* :func:`pca_components`: the principal components of the natural patches (Hancock,
  Baddeley & Smith 1992): global, not localised.

:func:`null_filters` makes them all at once, in :data:`NULLS` order.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import COUNT, SEED, ArrayOf, Interval, validate
from neurosim.core.validation import check_array, param_error

__all__ = [
    "NULLS",
    "centre_surround",
    "gaussian_blobs",
    "natural_spectrum_noise",
    "null_filters",
    "pca_components",
    "white_noise",
]

#: The nulls by name, in the order :func:`null_filters` returns them.
NULLS = (
    "white noise",
    "natural-spectrum noise",
    "Gaussian blobs",
    "centre-surround",
    "PCA components",
)


#: A patch's side for the blob-like nulls: 4 pixels or more (centres in the middle half).
_SIDE = Interval(4, None, integer=True)


def _grid(side: int):
    y, x = np.mgrid[0:side, 0:side].astype(float)
    return x, y


def _check_patches(patches, owner: str) -> np.ndarray:
    P = check_array(patches, "patches", owner, ndim=3)
    if P.shape[1] != P.shape[2] or P.shape[0] < 2:
        raise param_error(
            "patches", owner, "a stack of at least two square patches (n, k, k)", P.shape
        )
    return P


@validate(n=COUNT, side=COUNT, seed=SEED)
def white_noise(n: int, side: int, *, seed: int = 0) -> np.ndarray:
    """``n`` filters of independent standard-normal pixels, ``side`` x ``side``."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, side, side))


@validate(patches=ArrayOf(3), n=COUNT, seed=SEED)
def natural_spectrum_noise(patches, n: int, *, seed: int = 0) -> np.ndarray:
    """``n`` filters with the mean amplitude spectrum of ``patches`` and random phases.

    Each patch's mean is removed first (its DC carries no structure). The phases are
    those of white noise, so the result is real and its amplitude spectrum is exactly
    the patches' mean amplitude spectrum (zero at DC).
    """
    owner = "natural_spectrum_noise"
    P = _check_patches(patches, owner)
    rng = np.random.default_rng(seed)
    P = P - P.mean(axis=(1, 2), keepdims=True)
    # real transforms (half the spectrum; the other half is its mirror image)
    amplitude = np.abs(np.fft.rfft2(P)).mean(axis=0)
    noise = np.fft.rfft2(rng.standard_normal((n, *P.shape[1:])))
    phase = noise / np.maximum(np.abs(noise), 1e-300)
    return np.fft.irfft2(amplitude * phase, s=P.shape[1:])


@validate(n=COUNT, side=_SIDE, seed=SEED)
def gaussian_blobs(n: int, side: int, *, seed: int = 0) -> np.ndarray:
    """``n`` Gaussian blobs: widths 1 to ``side/4`` pixels, up to 2:1 elongated, any angle.

    Centres lie in the middle half of the patch, so every blob is mostly inside it.
    """
    rng = np.random.default_rng(seed)
    x, y = _grid(side)
    cx, cy = rng.uniform(side / 4, 3 * side / 4 - 1, (2, n))[:, :, None, None]
    width = rng.uniform(1.0, side / 4, n)[:, None, None]
    length = width * rng.uniform(1.0, 2.0, n)[:, None, None]
    angle = rng.uniform(0, np.pi, n)[:, None, None]
    u = (x - cx) * np.cos(angle) + (y - cy) * np.sin(angle)
    v = -(x - cx) * np.sin(angle) + (y - cy) * np.cos(angle)
    return np.exp(-0.5 * (u / width) ** 2 - 0.5 * (v / length) ** 2)


@validate(n=COUNT, side=_SIDE, seed=SEED)
def centre_surround(n: int, side: int, *, seed: int = 0) -> np.ndarray:
    """``n`` balanced differences of Gaussians (centre minus surround, each of unit sum).

    Centre widths 0.8 to ``side/8`` pixels; the surround is 1.6 to 3 times wider (1.6:
    Marr & Hildreth 1980's approximation of a Laplacian of Gaussian); ON or OFF centre
    at random; centres in the middle half of the patch.
    """
    rng = np.random.default_rng(seed)
    x, y = _grid(side)
    cx, cy = rng.uniform(side / 4, 3 * side / 4 - 1, (2, n))[:, :, None, None]
    centre = rng.uniform(0.8, max(side / 8, 0.8), n)[:, None, None]
    surround = centre * rng.uniform(1.6, 3.0, n)[:, None, None]
    r2 = (x - cx) ** 2 + (y - cy) ** 2
    inner = np.exp(-0.5 * r2 / centre**2)
    outer = np.exp(-0.5 * r2 / surround**2)
    dog = inner / inner.sum(axis=(1, 2), keepdims=True) - outer / outer.sum(
        axis=(1, 2), keepdims=True
    )
    sign = rng.choice([-1.0, 1.0], n)[:, None, None]
    return sign * dog


@validate(patches=ArrayOf(3), n=COUNT)
def pca_components(patches, n: int) -> np.ndarray:
    """The ``n`` leading principal components of ``patches`` (each patch's mean removed).

    Unit-length eigenvectors of the pixel covariance, largest variance first, as
    filters (n, k, k); each sign is fixed so that its largest pixel is positive.
    """
    owner = "pca_components"
    P = _check_patches(patches, owner)
    count, side, _ = P.shape
    X = P.reshape(count, -1)
    X = X - X.mean(axis=1, keepdims=True)
    if n > X.shape[1] - 1:
        raise param_error(
            "n", owner, f"at most {X.shape[1] - 1} (the patches' non-DC dimensions)", n
        )
    _, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    top = vectors[:, ::-1][:, :n].T
    peak = top[np.arange(n), np.argmax(np.abs(top), axis=1)]
    return (top * np.sign(peak)[:, None]).reshape(n, side, side)


@validate(patches=ArrayOf(3), n=COUNT, n_pca=[COUNT, None], seed=SEED)
def null_filters(patches, n: int, *, n_pca: int | None = None, seed: int = 0) -> dict:
    """Every null at once, as filters the size of ``patches`` (count, k, k).

    ``n`` filters of each random null (the same ``seed`` for each) and the ``n_pca``
    leading principal components of ``patches`` (default ``n``), as a dict from the
    names in :data:`NULLS`, in that order.
    """
    P = _check_patches(patches, "null_filters").astype(float)
    side = P.shape[1]
    n_pca = n if n_pca is None else n_pca
    filters = (
        white_noise(n, side, seed=seed),
        natural_spectrum_noise(P, n, seed=seed),
        gaussian_blobs(n, side, seed=seed),
        centre_surround(n, side, seed=seed),
        pca_components(P, n_pca),
    )
    return dict(zip(NULLS, filters))
