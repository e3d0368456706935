r"""Fitting a 2-D Gabor function to a receptive field (Jones & Palmer 1987).

.. math::

    g(x, y) = A \exp\!\Big(-\frac{x'^2}{2\sigma_x^2} - \frac{y'^2}{2\sigma_y^2}\Big)
              \cos(2\pi f x' + \varphi),\qquad
    x' = (x - x_0)\cos\theta + (y - y_0)\sin\theta,\;
    y' = -(x - x_0)\sin\theta + (y - y_0)\cos\theta

(x: column, y: row, in pixels; f in cycles/pixel; theta the direction of the carrier's
wave vector). Jones & Palmer (1987, J Neurophysiol 58:1233) fitted this form to cat
simple cells' receptive fields. The fit is least squares
(``scipy.optimize.least_squares``, Levenberg-Marquardt, analytic Jacobian) from several starts: the wave vector of the filter's
Fourier peak, the centre of its energy, and two carrier phases (0 and pi/2; the phase is free); the best is kept.
The goodness of fit is :math:`R^2 = 1 - SS_{res}/SS_{tot}` (about the filter's mean).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

__all__ = ["GABOR_PARAMETERS", "GaborFit", "fit_gabor", "fit_gabors", "gabor"]

#: Order of the parameter vector.
GABOR_PARAMETERS = ("x0", "y0", "theta", "sigma_x", "sigma_y", "frequency", "phase", "amplitude")


def _parts(params, shape):
    x0, y0, theta, sx, sy, f, phase = (float(p) for p in params[:7])
    rows, cols = shape
    y, x = np.mgrid[0:rows, 0:cols].astype(float)
    c, s = np.cos(theta), np.sin(theta)
    xr = (x - x0) * c + (y - y0) * s
    yr = -(x - x0) * s + (y - y0) * c
    env = np.exp(-0.5 * (xr / sx) ** 2 - 0.5 * (yr / sy) ** 2)
    arg = 2 * np.pi * f * xr + phase
    return xr, yr, env, np.cos(arg), np.sin(arg), c, s


def gabor(params, shape) -> np.ndarray:
    """The Gabor of ``params`` (see :data:`GABOR_PARAMETERS`) on a ``shape`` pixel grid."""
    _, _, env, cos, _, _, _ = _parts(params, shape)
    return float(params[7]) * env * cos


def _jacobian(params, shape) -> np.ndarray:
    """Analytic derivatives of :func:`gabor` by each parameter, (pixels, 8)."""
    _, _, _, sx, sy, f, _, amp = (float(p) for p in params)
    xr, yr, env, cos, sin, c, s = _parts(params, shape)
    g_xr = amp * env * (-xr / sx**2 * cos - 2 * np.pi * f * sin)
    g_yr = amp * env * (-yr / sy**2) * cos
    J = np.stack(
        [
            -c * g_xr + s * g_yr,
            -s * g_xr - c * g_yr,
            yr * g_xr - xr * g_yr,
            amp * env * cos * xr**2 / sx**3,
            amp * env * cos * yr**2 / sy**3,
            -amp * env * sin * 2 * np.pi * xr,
            -amp * env * sin,
            env * cos,
        ],
        axis=-1,
    )
    return J.reshape(-1, 8)


@dataclass(frozen=True)
class GaborFit:
    """The best Gabor for one filter: parameters, R^2, and the fitted image."""

    params: np.ndarray
    r2: float
    fitted: np.ndarray


def _starts(F: np.ndarray):
    rows, cols = F.shape
    pad = 4 * max(rows, cols)
    spec = np.abs(np.fft.fft2(F - F.mean(), s=(pad, pad)))
    spec[0, 0] = 0.0
    ky, kx = np.unravel_index(np.argmax(spec), spec.shape)
    fy = np.fft.fftfreq(pad)[ky]
    fx = np.fft.fftfreq(pad)[kx]
    f = max(float(np.hypot(fx, fy)), 0.5 / max(rows, cols))
    theta = float(np.arctan2(fy, fx))
    E = F**2
    y, x = np.mgrid[0:rows, 0:cols].astype(float)
    x0, y0 = float((E * x).sum() / E.sum()), float((E * y).sum() / E.sum())
    spread = float(np.sqrt((E * ((x - x0) ** 2 + (y - y0) ** 2)).sum() / E.sum() / 2))
    spread = float(np.clip(spread, 1.0, max(rows, cols) / 2))
    amp = float(np.abs(F).max())
    for phase in (0.0, 0.5 * np.pi):
        yield np.array([x0, y0, theta, spread, spread, f, phase, amp])


def fit_gabor(F) -> GaborFit:
    """Least-squares Gabor fit to one 2-D filter ``F``; see the module docstring."""
    F = np.asarray(F, float)
    if F.ndim != 2:
        raise ValueError("fit_gabor: F must be 2-D")
    ss_tot = float(np.sum((F - F.mean()) ** 2))
    if ss_tot == 0:
        return GaborFit(np.full(8, np.nan), float("nan"), np.zeros_like(F))
    best = None
    for p0 in _starts(F):
        res = least_squares(
            lambda p: (gabor(p, F.shape) - F).ravel(),
            p0,
            jac=lambda p: _jacobian(p, F.shape),
            method="lm",
            max_nfev=100,
        )
        if best is None or res.cost < best.cost:
            best = res
    best.x[3:5] = np.abs(best.x[3:5])  # the envelope depends on sigma squared
    fitted = gabor(best.x, F.shape)
    r2 = 1.0 - float(np.sum((F - fitted) ** 2)) / ss_tot
    return GaborFit(best.x, r2, fitted)


def fit_gabors(filters) -> list[GaborFit]:
    """:func:`fit_gabor` for every filter of a stack (k, rows, cols)."""
    return [fit_gabor(F) for F in np.asarray(filters, float)]
