r"""Fitting a 2-D Gabor function to a receptive field (Jones & Palmer 1987).

.. math::

    g(x, y) = A \exp\!\Big(-\frac{x'^2}{2\sigma_x^2} - \frac{y'^2}{2\sigma_y^2}\Big)
              \cos(2\pi f x' + \varphi),\qquad
    x' = (x - x_0)\cos\theta + (y - y_0)\sin\theta,\;
    y' = -(x - x_0)\sin\theta + (y - y_0)\cos\theta

(x: column, y: row, in pixels; f in cycles/pixel; theta the direction of the carrier's
wave vector). Jones & Palmer (1987, J Neurophysiol 58:1233) fitted this form to cat
simple cells' receptive fields. The fit is least squares (Levenberg-Marquardt with the
analytic Jacobian, all filters at once in numpy) from several starts: the wave vector of
the filter's Fourier peak, the centre of its energy, two envelope widths and two carrier
phases (0 and pi/2; the phase is free); the best is kept.
The goodness of fit is :math:`R^2 = 1 - SS_{res}/SS_{tot}` (about the filter's mean).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.constraints import COUNT, ArrayOf, ListOf, param_error, validate

__all__ = ["GABOR_PARAMETERS", "GaborFit", "fit_gabor", "fit_gabors", "gabor"]

#: Order of the parameter vector.
GABOR_PARAMETERS = ("x0", "y0", "theta", "sigma_x", "sigma_y", "frequency", "phase", "amplitude")


def _grid(shape):
    rows, cols = shape
    y, x = np.mgrid[0:rows, 0:cols].astype(float)
    return x.ravel(), y.ravel()


def _parts(P, x, y):
    """Pieces of the Gabor for parameter rows ``P`` (k, 8) on pixels ``x, y`` -> (k, pixels)."""
    x0, y0, theta, sx, sy, f, phase = (P[:, i : i + 1] for i in range(7))
    c, s = np.cos(theta), np.sin(theta)
    xr = (x - x0) * c + (y - y0) * s
    yr = -(x - x0) * s + (y - y0) * c
    env = np.exp(-0.5 * (xr / sx) ** 2 - 0.5 * (yr / sy) ** 2)
    arg = 2 * np.pi * f * xr + phase
    return xr, yr, env, np.cos(arg), np.sin(arg), c, s


@validate(params=ArrayOf(shape=(8,)), shape=ListOf(COUNT, min_len=2))
def gabor(params, shape) -> np.ndarray:
    """The Gabor of ``params`` (see :data:`GABOR_PARAMETERS`) on a ``shape`` pixel grid
    (rows, cols)."""
    if len(shape) != 2:
        raise param_error("shape", "gabor", "a pixel grid's (rows, cols)", shape)
    shape = tuple(shape)
    P = np.asarray(params, float).reshape(1, 8)
    _, _, env, cos, _, _, _ = _parts(P, *_grid(shape))
    return (P[:, 7:8] * env * cos).reshape(shape)


def _model_and_jacobian(P, x, y):
    """Gabors (k, pixels) and their analytic derivatives (k, pixels, 8)."""
    xr, yr, env, cos, sin, c, s = _parts(P, x, y)
    sx, sy, f, amp = P[:, 3:4], P[:, 4:5], P[:, 5:6], P[:, 7:8]
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
    return amp * env * cos, J


def _jacobian(params, shape) -> np.ndarray:
    """Analytic derivatives of :func:`gabor` by each parameter, (pixels, 8)."""
    return _model_and_jacobian(np.asarray(params, float).reshape(1, 8), *_grid(shape))[1][0]


def _levenberg_marquardt(P, F, x, y, iterations):
    """Least squares for many filters at once: rows of ``P`` fitted to rows of ``F``.

    Levenberg-Marquardt (Marquardt 1963) with Marquardt's scaling of the damping by the
    diagonal of J^T J, one damping factor per filter; a step is kept only if it lowers
    that filter's squared error.
    """
    P = P.copy()
    mu = np.full(len(P), 1e-2)
    model, J = _model_and_jacobian(P, x, y)
    cost = np.sum((model - F) ** 2, axis=1)
    eye = np.eye(8)
    for _ in range(int(iterations)):
        r = model - F
        JtJ = np.einsum("kpi,kpj->kij", J, J)
        Jtr = np.einsum("kpi,kp->ki", J, r)
        diag = np.einsum("kii->ki", JtJ)
        A = JtJ + mu[:, None, None] * (eye * (diag[:, :, None] + 1e-9))
        step = np.linalg.solve(A, -Jtr[:, :, None])[:, :, 0]
        trial = P + step
        trial[:, 3:5] = np.maximum(np.abs(trial[:, 3:5]), 0.3)
        new_model, new_J = _model_and_jacobian(trial, x, y)
        new_cost = np.sum((new_model - F) ** 2, axis=1)
        better = np.isfinite(new_cost) & (new_cost < cost)
        P[better], model[better], J[better], cost[better] = (
            trial[better],
            new_model[better],
            new_J[better],
            new_cost[better],
        )
        # bounded damping: a vanishing mu left J^T J alone, singular for a round blob
        # (no orientation, no carrier); seen as LinAlgError on Gaussian blobs
        mu = np.clip(np.where(better, mu / 3, mu * 4), 1e-8, 1e8)
    return P, cost


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
    for width in (spread, max(spread / 2, 1.0)):
        for phase in (0.0, 0.5 * np.pi):
            yield np.array([x0, y0, theta, width, width, f, phase, amp])


def _vary(stack, name: str, owner: str) -> None:
    flat = np.ptp(stack.reshape(len(stack), -1), axis=1) == 0
    if flat.any():
        raise param_error(
            name,
            owner,
            "filters that vary (a constant one has no shape to fit and no R^2)",
            f"{int(flat.sum())} constant filter(s), e.g. number {int(np.argmax(flat))}",
        )


@validate(filters=ArrayOf(3), iterations=COUNT)
def fit_gabors(filters, *, iterations: int = 60) -> list[GaborFit]:
    """Least-squares Gabor fits to every filter of a stack (k, rows, cols), all at once.

    Each filter is fitted from every start of the module docstring; the start with the
    lowest squared error wins. A constant filter (zero, say) is refused: it has no shape
    to fit and no variance for R^2.
    """
    stack = filters
    _vary(stack, "filters", "fit_gabors")
    k, rows, cols = stack.shape
    x, y = _grid((rows, cols))
    F = stack.reshape(k, -1)
    starts = [list(_starts(G)) for G in stack]
    n_starts = len(starts[0])
    P0 = np.array([starts[i][j] for j in range(n_starts) for i in range(k)])
    P, cost = _levenberg_marquardt(P0, np.tile(F, (n_starts, 1)), x, y, iterations)
    P, cost = P.reshape(n_starts, k, 8), cost.reshape(n_starts, k)
    best = np.argmin(np.where(np.isfinite(cost), cost, np.inf), axis=0)
    fits = []
    for i in range(k):
        params = P[best[i], i].copy()
        params[3:5] = np.abs(params[3:5])
        fitted = gabor(params, (rows, cols))
        ss_tot = float(np.sum((stack[i] - stack[i].mean()) ** 2))
        r2 = 1.0 - float(np.sum((stack[i] - fitted) ** 2)) / ss_tot if ss_tot > 0 else np.nan
        fits.append(GaborFit(params, r2, fitted))
    return fits


@validate(F=ArrayOf(2), iterations=COUNT)
def fit_gabor(F, *, iterations: int = 60) -> GaborFit:
    """:func:`fit_gabors` for one 2-D filter ``F`` (not constant)."""
    _vary(F[None], "F", "fit_gabor")
    return fit_gabors(F[None], iterations=iterations)[0]
