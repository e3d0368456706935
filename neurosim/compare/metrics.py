"""Agreement between an artificial unit's output and a spiking neuron's response.

Plain numpy/scipy on plain arrays (strip units first): correlation, and the error left
after the best affine or the best logistic fit, so "is this curve a sigmoid?" gets a
number.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy.optimize import OptimizeWarning, curve_fit

from neurosim._validation import check_array, param_error
from neurosim.artificial.activations import sigmoid

__all__ = ["AffineFit", "LogisticFit", "fit_affine", "fit_logistic", "pearson"]


def _pair(x, y, owner):
    x = check_array(x, "x", owner, ndim=1)
    y = check_array(y, "y", owner, ndim=1)
    if x.shape != y.shape:
        raise param_error("y", owner, f"the same shape as x {x.shape}", f"shape {y.shape}")
    if x.size < 3:
        raise param_error("x", owner, "at least 3 points", f"{x.size} point(s)")
    return x, y


def pearson(x, y) -> float:
    """Pearson correlation of two 1-D arrays (NaN if either is constant)."""
    x, y = _pair(x, y, "pearson")
    sx, sy = x.std(), y.std()
    if sx == 0 or sy == 0:
        return float("nan")
    return float(np.mean((x - x.mean()) * (y - y.mean())) / (sx * sy))


@dataclass(frozen=True)
class AffineFit:
    """Least-squares line ``y = slope * x + intercept`` and what it leaves."""

    slope: float
    intercept: float
    rmse: float
    nrmse: float

    def predict(self, x):
        return self.slope * np.asarray(x, dtype=float) + self.intercept


@dataclass(frozen=True)
class LogisticFit:
    """Least-squares logistic curve ``y = amplitude * sigmoid(slope * (x - midpoint))``.

    ``rmse`` is in the units of y; ``nrmse`` divides it by the range of y, so curves of
    different heights compare.
    """

    amplitude: float
    slope: float
    midpoint: float
    rmse: float
    nrmse: float

    def predict(self, x):
        return self.amplitude * sigmoid(self.slope * (np.asarray(x, dtype=float) - self.midpoint))


def _errors(y, fitted):
    rmse = float(np.sqrt(np.mean((y - fitted) ** 2)))
    span = float(y.max() - y.min())
    return rmse, (rmse / span if span > 0 else float("nan"))


def fit_affine(x, y) -> AffineFit:
    """The best straight line through (x, y), least squares."""
    x, y = _pair(x, y, "fit_affine")
    slope, intercept = np.polyfit(x, y, 1)
    rmse, nrmse = _errors(y, slope * x + intercept)
    return AffineFit(float(slope), float(intercept), rmse, nrmse)


def fit_logistic(x, y) -> LogisticFit:
    """The best logistic curve through (x, y), least squares (scipy's curve_fit).

    Starts from the data's own height, half-height crossing and slope, and tries a few
    slopes, keeping the best fit, so a hard-threshold curve (nearly a step) and a
    gentle one both fit.
    """
    x, y = _pair(x, y, "fit_logistic")

    def model(xx, a, k, x0):
        return a * sigmoid(k * (xx - x0))

    height = float(y.max()) if y.max() > 0 else 1.0
    order = np.argsort(x)
    xs, ys = x[order], y[order]
    above = np.flatnonzero(ys >= height / 2)
    x_half = float(xs[above[0]]) if above.size else float(np.median(xs))
    span = float(xs[-1] - xs[0]) or 1.0
    best = None
    for k0 in (4 / span, 10 / span, 40 / span):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", OptimizeWarning)
                p, _ = curve_fit(model, x, y, p0=(height, k0, x_half), maxfev=20000)
        except RuntimeError:
            continue
        rmse, nrmse = _errors(y, model(x, *p))
        if best is None or rmse < best.rmse:
            best = LogisticFit(float(p[0]), float(p[1]), float(p[2]), rmse, nrmse)
    if best is None:
        raise RuntimeError("fit_logistic: no logistic curve could be fitted to these points.")
    return best
