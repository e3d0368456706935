"""A neuron's output under two conditions: means over realisations, their ratio, its error.

Plain numpy on plain arrays (rates in Hz, or any unit: the ratio has none).

- :func:`mean_and_se`: mean over independent realisations and its standard error
  (sample SD with ddof 1, over sqrt(n));
- :func:`ratio_and_se`: the ratio of two means and its standard error to first order
  (relative errors add in quadrature: ``se_r / r = sqrt((se_a / a)^2 + (se_b / b)^2)``);
  undefined (NaN, never infinite) where the denominator's mean is 0;
- :func:`farthest_from_one`: of several ratios, the one farthest from "no effect" on a
  log scale (a ratio of 0.5 is as far from 1 as one of 2);
- :func:`halfway_point`: where a falling curve first passes halfway between two levels,
  linearly interpolated (e.g. the input jitter that halves a synchrony gain).
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import ArrayOf, Interval, param_error, validate

_MEANS = ArrayOf((0, 1))

__all__ = ["farthest_from_one", "halfway_point", "mean_and_se", "ratio_and_se"]


@validate(samples=ArrayOf(), axis=Interval(integer=True))
def mean_and_se(samples, *, axis: int = -1) -> tuple[np.ndarray, np.ndarray]:
    """Mean along ``axis`` and its standard error ``std(ddof=1) / sqrt(n)``.

    Needs at least two realisations along ``axis``.
    """
    owner = "mean_and_se"
    x, ax = samples, axis
    if not -x.ndim <= ax < x.ndim:
        raise param_error("axis", owner, f"an axis of the {x.ndim}-D samples", axis)
    n = x.shape[ax]
    if n < 2:
        raise param_error("samples", owner, "at least 2 realisations along axis", f"{n}")
    return x.mean(axis=ax), x.std(axis=ax, ddof=1) / np.sqrt(n)


@validate(mean_a=_MEANS, se_a=_MEANS, mean_b=_MEANS, se_b=_MEANS)
def ratio_and_se(mean_a, se_a, mean_b, se_b) -> tuple[np.ndarray, np.ndarray]:
    """``a / b`` and its standard error to first order; NaN where ``b`` is 0.

    ``se = (a / b) sqrt((se_a / a)^2 + (se_b / b)^2)`` (independent estimates).
    """
    owner = "ratio_and_se"
    a, sa, b, sb = mean_a, se_a, mean_b, se_b
    if len({np.shape(v) for v in (a, sa, b, sb) if np.ndim(v)}) > 1:
        raise param_error("mean_a", owner, "arrays of one shape (or scalars)", a.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(b > 0, a / b, np.nan)
        return ratio, ratio * np.hypot(sa / a, sb / b)


@validate(ratios=ArrayOf(1, min_size=0, finite=False))
def farthest_from_one(ratios) -> float:
    """The ratio with the largest ``|log(ratio)|``; NaN if there is none or any is 0 or NaN."""
    r = ratios
    if r.size == 0 or not np.all(np.isfinite(r) & (r > 0)):
        return float("nan")
    return float(r[np.argmax(np.abs(np.log(r)))])


@validate(x=ArrayOf(1), y=ArrayOf(1, finite=False), top=Interval(), bottom=Interval())
def halfway_point(x, y, top: float, bottom: float) -> float:
    """Where ``y(x)`` first falls below ``(top + bottom) / 2``, linearly interpolated.

    NaN if it never does, or does at the first point (no bracket to interpolate in).
    """
    owner = "halfway_point"
    xs, ys = x, y
    if ys.shape != xs.shape:
        raise param_error("y", owner, f"one value per x ({xs.size})", y)
    mid = 0.5 * (top + bottom)
    below = np.nonzero(ys < mid)[0]
    if below.size == 0 or below[0] == 0:
        return float("nan")
    k = below[0]
    x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
    return float(x0 + (mid - y0) * (x1 - x0) / (y1 - y0))
