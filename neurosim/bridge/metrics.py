"""Agreement between an artificial model's output and a spiking model's response.

Plain numpy/scipy on plain arrays (strip units first): correlation, the error left
after the best affine or the best logistic fit (so "is this curve a sigmoid?" gets a
number), the residual that sampling noise alone would leave on an exact logistic
(:func:`logistic_noise_floor`), and when a spiking network's accuracy settles near its
ANN's, with its uncertainty over the test items (:func:`settling_time`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from neurosim.artificial.activations import sigmoid
from neurosim.core.constraints import BOOL, NON_NEGATIVE, ArrayOf, Interval, validate
from neurosim.core.validation import check_array, param_error

__all__ = [
    "AffineFit",
    "LogisticFit",
    "SettlingTime",
    "decreasing_fit",
    "fit_affine",
    "fit_logistic",
    "logistic_noise_floor",
    "pearson",
    "settling_time",
]


def _pair(x, y, owner, names=("x", "y")):
    """The relations between two checked 1-D arrays: the same shape, 3 points or more."""
    if x.shape != y.shape:
        raise param_error(names[1], owner, f"the same shape as {names[0]} {x.shape}", y.shape)
    if x.size < 3:
        raise param_error(names[0], owner, "at least 3 points", f"{x.size} point(s)")
    return x, y


def _varies(values, name: str, owner: str, why: str) -> None:
    if np.ptp(values) == 0:
        raise param_error(name, owner, f"values that vary ({why})", values)


@validate(x=ArrayOf(1), y=ArrayOf(1))
def pearson(x, y) -> float:
    """Pearson correlation of two 1-D arrays.

    Raises
    ------
    ValueError
        Naming ``x`` or ``y`` if it is constant: a correlation needs both to vary.
    """
    x, y = _pair(x, y, "pearson")
    for name, values in (("x", x), ("y", y)):
        _varies(values, name, "pearson", "a constant series has no correlation")
    sx, sy = x.std(), y.std()
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


@validate(x=ArrayOf(1), y=ArrayOf(1))
def fit_affine(x, y) -> AffineFit:
    """The best straight line through (x, y), least squares (``x`` must vary; ``nrmse``
    is NaN for a constant ``y``, which has no range to divide by)."""
    x, y = _pair(x, y, "fit_affine")
    _varies(x, "x", "fit_affine", "points at one x fix no slope")
    slope, intercept = np.polyfit(x, y, 1)
    rmse, nrmse = _errors(y, slope * x + intercept)
    return AffineFit(float(slope), float(intercept), rmse, nrmse)


@validate(x=ArrayOf(1), y=ArrayOf(1), or_none=BOOL)
def fit_logistic(x, y, *, or_none: bool = False) -> LogisticFit | None:
    """The best logistic curve through (x, y), least squares (scipy's curve_fit).

    Starts from the data's own height, half-height crossing and slope, and tries a few
    slopes, keeping the best fit, so a hard-threshold curve (nearly a step) and a
    gentle one both fit. ``x`` and ``y`` must vary: a flat curve has no midpoint or
    slope (any far-away logistic fits it). With ``or_none``, a flat ``y`` (a neuron
    silent at every point) or points no logistic follows give None instead of an error.
    """
    from scipy.optimize import OptimizeWarning, curve_fit  # 0.35 s of import: only here

    owner = "fit_logistic"
    x, y = _pair(x, y, owner)
    _varies(x, "x", owner, "points at one x fix no slope")
    if or_none and np.ptp(y) == 0:
        return None
    _varies(y, "y", owner, "a flat curve has no midpoint or slope")

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
    if best is None and not or_none:
        raise RuntimeError("fit_logistic: no logistic curve could be fitted to these points.")
    return best


@validate(
    x=ArrayOf(1),
    rates=ArrayOf(1),
    se=ArrayOf(1, values=NON_NEGATIVE),
    level=Interval(0, 1, closed="neither"),
)
def logistic_noise_floor(x, rates, se, *, level: float = 0.95) -> float:
    """The RMS residual (fraction of the range) an exact logistic would leave from noise alone.

    Suppose the true curve were the logistic closest to ``rates`` (its least-squares
    fit) and each measured point carried independent noise of standard error ``se``.
    Linearised at that fit (Jacobian J, hat matrix H = J (J^T J)^-1 J^T), the residual
    sum of squares is sum_i lambda_i chi2_1, lambda the eigenvalues of S (I - H) S,
    S = diag(se) (Seber & Wild 1989, Nonlinear Regression, ch. 2); its ``level``
    quantile is taken from Satterthwaite's (1946) matched chi-square g chi2_h,
    g = sum lambda^2 / sum lambda, h = (sum lambda)^2 / sum lambda^2. Returned: that
    residual as an RMS over the points, divided by the range of ``rates``, so it
    compares with ``LogisticFit.nrmse``. A fit residual above it is more than the
    sampling noise explains at the ``level`` (one-sided).

    Parameters
    ----------
    x : array (n,)
        Where the curve is sampled.
    rates : array (n,)
        The curve's values there (a closed form: the noise-free expectation).
    se : array (n,)
        Standard error of each measured value (0 for an exact one).
    level : float, default 0.95
    """
    from scipy.stats import chi2

    owner = "logistic_noise_floor"
    x, rates = _pair(x, rates, owner, ("x", "rates"))
    if se.shape != rates.shape:
        raise param_error("se", owner, f"one standard error per rate {rates.shape}", se.shape)
    if rates.size <= 3:
        raise param_error("rates", owner, "more than 3 points (a logistic has 3)", rates.size)
    span = float(rates.max() - rates.min())
    if span <= 0:
        raise param_error("rates", owner, "a curve with a range > 0", rates)
    fit = fit_logistic(x, rates)
    s = sigmoid(fit.slope * (x - fit.midpoint))
    bend = fit.amplitude * s * (1 - s)
    jacobian = np.column_stack([s, bend * (x - fit.midpoint), -bend * fit.slope])
    q, _ = np.linalg.qr(jacobian)
    residual_maker = np.eye(x.size) - q @ q.T
    lam = np.linalg.eigvalsh(se[:, None] * residual_maker * se[None, :])
    lam = np.clip(lam, 0.0, None)
    if lam.sum() == 0:
        return 0.0
    g = float(np.sum(lam**2) / np.sum(lam))
    h = float(np.sum(lam) ** 2 / np.sum(lam**2))
    return float(np.sqrt(g * chi2.ppf(level, h) / x.size) / span)


def decreasing_fit(y) -> np.ndarray:
    """The least-squares non-increasing curve through ``y`` (isotonic regression).

    Pool-adjacent-violators (Ayer et al. 1955; Robertson, Wright & Dykstra 1988, Order
    Restricted Statistical Inference, ch. 1): neighbouring values that rise are pooled
    into their mean until none rises. No smoothing parameter: the only assumption is
    the shape.
    """
    y = check_array(y, "y", "decreasing_fit", ndim=1)
    means, sizes = [], []
    for value in y:
        means.append(float(value))
        sizes.append(1)
        while len(means) > 1 and means[-2] < means[-1]:
            size = sizes[-2] + sizes[-1]
            means[-2] = (means[-2] * sizes[-2] + means[-1] * sizes[-1]) / size
            sizes[-2] = size
            del means[-1], sizes[-1]
    return np.repeat(means, sizes)


def _first_below(deficit: np.ndarray, margin: float) -> np.ndarray:
    """Per row: index of the first readout where the row's non-increasing fit is <= margin.

    The non-increasing isotonic fit is g(t) = min over s <= t of max over u >= t of
    mean(deficit[s..u]) (Robertson et al. 1988, thm 1.4.4). With z = deficit - margin
    and Z its cumulative sum (Z[0] = 0), g(t) <= margin exactly when
    max_{s <= t} Z[s] >= max_{v > t} Z[v]: two running maxima, all rows at once.
    ``n_times`` where the fit never comes down to the margin.
    """
    z = deficit - margin
    Z = np.concatenate([np.zeros((z.shape[0], 1)), np.cumsum(z, axis=1)], axis=1)
    before = np.maximum.accumulate(Z[:, :-1], axis=1)
    after = np.maximum.accumulate(Z[:, :0:-1], axis=1)[:, ::-1]
    ok = before >= after - 1e-9 * (1 + np.abs(after))
    return np.where(ok.any(axis=1), np.argmax(ok, axis=1), z.shape[1])


@dataclass(frozen=True)
class SettlingTime:
    """When a network's accuracy settles within a margin of a reference's, and how surely.

    The deficit (reference accuracy minus the network's, in points) is smoothed by the
    least-squares non-increasing curve (:func:`decreasing_fit`): counting longer can
    only shrink a rate code's error on average (a count over T misses at most one
    spike: relative error <= 1/(r T)), so the shape is known and no window or width
    has to be chosen. The settling time is the first readout where that curve is
    within the margin. One item more or less changes the deficit by at most one item
    at every readout and the fit by at most as much (isotonic regression is
    1-Lipschitz in the largest difference), so one item cannot move the time far,
    unlike "the last readout below the target", which can hinge on one item alone.
    Its uncertainty comes from bootstrap resamples of the test items, paired (the
    same items for the network and the reference; Efron & Tibshirani 1993, An
    Introduction to the Bootstrap, ch. 13, percentile interval).

    Attributes
    ----------
    time : float
        Settling time on the test set (NaN if the fit never comes within the margin).
    index : int
        Its readout index (-1 if never).
    fitted : ndarray (n_times,)
        The non-increasing fit of the deficit on the test set (points).
    deficit : ndarray (n_times,)
        The deficit itself (points).
    median, low, high : float
        Median and central ``level`` interval of the time over the resamples (NaN
        where that quantile lies among resamples that never settle).
    unsettled : float
        Share of the resamples whose fit never comes within the margin.
    resamples : int
    level : float
    """

    time: float
    index: int
    fitted: np.ndarray
    deficit: np.ndarray
    median: float
    low: float
    high: float
    unsettled: float
    resamples: int
    level: float


def settling_time(
    times,
    correct,
    reference_correct,
    margin: float,
    *,
    resamples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> SettlingTime:
    """When a network's accuracy settles within ``margin`` points of a reference's.

    Parameters
    ----------
    times : array (n_times,)
        Readout times, increasing (any unit; the result is in the same unit).
    correct : bool array (n_times, n_items)
        Whether the network answered item k correctly at readout t.
    reference_correct : bool array (n_items,)
        Whether the reference (the ANN) answered item k correctly.
    margin : float
        Accuracy points (%) the network may lack of the reference.
    resamples : int, default 2000
        Bootstrap resamples of the items, drawn with ``np.random.default_rng(seed)``
        as ``integers(0, n_items, size=(resamples, n_items))``.
    level : float, default 0.95
        Coverage of the percentile interval.
    seed : int, default 0

    Returns
    -------
    SettlingTime
    """
    from neurosim.core.validation import check_int, check_number, check_seed

    owner = "settling_time"
    times = check_array(times, "times", owner, ndim=1)
    if np.any(np.diff(times) <= 0):
        raise param_error("times", owner, "increasing readout times", times)
    correct = check_array(correct, "correct", owner, shape=(times.size, None), dtype=bool)
    n = correct.shape[1]
    reference_correct = check_array(
        reference_correct, "reference_correct", owner, shape=(n,), dtype=bool
    )
    margin = check_number(margin, "margin", owner, low=0, low_inclusive=True)
    resamples = check_int(resamples, "resamples", owner, low=1)
    level = check_number(level, "level", owner, low=0, high=1, high_inclusive=False)
    rng = np.random.default_rng(check_seed(seed, owner=owner))

    # deficits counted in items (whole numbers); the margin in items
    hits = correct.astype(float)  # (n_times, n)
    ref = reference_correct.astype(float)
    slack = margin * n / 100
    deficit = ref.sum() - hits.sum(axis=1)
    fitted = decreasing_fit(deficit)
    below = np.flatnonzero(fitted <= slack + 1e-9 * (1 + slack))
    index = int(below[0]) if below.size else -1

    draws = rng.integers(0, n, size=(resamples, n))
    weights = np.bincount(
        (draws + n * np.arange(resamples)[:, None]).ravel(), minlength=resamples * n
    ).reshape(resamples, n)
    weights = weights.astype(float)
    boot_deficit = (weights @ ref)[:, None] - weights @ hits.T  # (resamples, n_times)
    k = _first_below(boot_deficit, slack)
    boot = np.where(k < times.size, times[np.minimum(k, times.size - 1)], np.inf)
    tail = (1 - level) / 2
    low, median, high = np.quantile(boot, [tail, 0.5, 1 - tail], method="inverted_cdf")

    def finite(x):
        return float(x) if np.isfinite(x) else float("nan")

    return SettlingTime(
        time=float(times[index]) if index >= 0 else float("nan"),
        index=index,
        fitted=100 * fitted / n,
        deficit=100 * deficit / n,
        median=finite(median),
        low=finite(low),
        high=finite(high),
        unsettled=float(np.mean(~np.isfinite(boot))),
        resamples=resamples,
        level=level,
    )
