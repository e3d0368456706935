"""Reading a firing rate from spike counts: how many neurons, how long, how precisely.

A reader downstream of a spiking neuron only has spikes: it counts ``n`` spikes of a
pool of ``N`` neurons in a window ``T`` and estimates the rate as ``n / (N T)``. This
module holds the numpy pieces of that reading, shared by the comparisons:

* planning a simulation: :func:`neurons_for_spikes` (neurons per condition so that each
  condition collects a target number of spikes: its rate's relative standard error is
  then at most ``1/sqrt(spikes)`` for counts with a Fano factor <= 1);
  :func:`condition_rates` (mean rate and its standard error over a condition's neurons);
  :func:`poisson_z` (a rate's deviation from a prediction in Poisson standard errors);
* counting in windows: :func:`window_counts`, :func:`running_rate`,
  :func:`pooled_count_error` (the relative RMS error of ``n / (N T)`` for pools of
  noisy neurons), :func:`periodic_count_error` (the same for periodic trains);
* the counting laws: :func:`quantisation_error` (a periodic train counted from a random
  phase: ``sqrt(f (1 - f)) / (r T)``, ``f = frac(r T)``), :func:`window_for_error` and
  :func:`log_slope` (reading the window a precision needs off a measured curve), and
  :func:`pool_sizes`.

Independent counts add their variances, so a pool of ``N`` neurons has relative error
``sqrt(F / (r T N))``, ``F`` the Fano factor of one neuron's count (1 for a Poisson
train; for a renewal train it falls from 1 to CV^2 as windows lengthen; Cox 1962,
Renewal Theory, ch. 9).

Everything here is plain numpy on plain arrays (times in seconds, rates in Hz).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.constraints import (
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    ArrayOf,
    InstanceOf,
    Interval,
    param_error,
    validate,
)

#: spike times (s) and the neuron (or pool) that fired each; may be empty
_TIMES = ArrayOf(1, min_size=0)
_LABELS = ArrayOf(1, dtype=int, values=NON_NEGATIVE, min_size=0)
_WINDOWS = ArrayOf(1, values=POSITIVE)
_RNG = InstanceOf(np.random.Generator, text="a numpy Generator (np.random.default_rng(seed))")

__all__ = [
    "CountingError",
    "condition_rates",
    "log_slope",
    "neurons_for_spikes",
    "periodic_count_error",
    "poisson_z",
    "pool_sizes",
    "pooled_count_error",
    "quantisation_error",
    "running_rate",
    "window_counts",
    "window_for_error",
]


# -- planning a simulation: neurons per condition, rates and their errors --------------
@validate(
    rates_Hz=ArrayOf(min_size=0),
    window_s=POSITIVE,
    spikes=POSITIVE,
    floor_Hz=POSITIVE,
    fewest=COUNT,
)
def neurons_for_spikes(rates_Hz, window_s, spikes, *, floor_Hz: float, fewest: int) -> np.ndarray:
    """Neurons per condition so that each condition collects about ``spikes`` spikes.

    ``ceil(spikes / (rate * window_s))`` where the expected rate exceeds ``floor_Hz``;
    ``fewest`` neurons where it does not (enough to draw a near-silent point).
    """
    rates, window, floor = rates_Hz, window_s, floor_Hz
    counted = rates > floor
    needed = np.ceil(spikes / (np.maximum(rates, floor) * window))
    return np.where(counted, needed, fewest).astype(int)


@validate(counts=ArrayOf(1, min_size=0), condition=_LABELS, window_s=POSITIVE)
def condition_rates(counts, condition, window_s) -> tuple[np.ndarray, np.ndarray]:
    """Mean rate (Hz) of each condition's neurons and its standard error.

    Parameters
    ----------
    counts : array (n_neurons,)
        Spikes of each neuron in the window.
    condition : int array (n_neurons,)
        The condition each neuron belongs to (0 ... n_conditions - 1, each present).
    window_s : float
        Length of the counting window (s).

    Returns
    -------
    rate, se : arrays (n_conditions,)
        The mean of ``counts / window_s`` over a condition's neurons, and the standard
        error of that mean (sample SD, ddof 1, over sqrt(n)); 0 for a single neuron.
    """
    owner = "condition_rates"
    if condition.shape != counts.shape:
        raise param_error("condition", owner, f"one condition per count ({counts.size})", condition)
    window = window_s
    neurons = np.bincount(condition)
    if np.any(neurons == 0):
        raise param_error("condition", owner, "every condition 0 ... max with a neuron", condition)
    per_neuron = counts / window
    rate = np.bincount(condition, weights=per_neuron) / neurons
    spread = np.bincount(condition, weights=(per_neuron - rate[condition]) ** 2)
    se = np.where(neurons > 1, np.sqrt(spread / np.maximum(neurons - 1, 1) / neurons), 0.0)
    return rate, se


@validate(
    rates_Hz=ArrayOf((1, 2), finite=False),
    predicted_Hz=ArrayOf((1, 2)),
    window_s=POSITIVE,
    neurons=ArrayOf((1, 2), values=NON_NEGATIVE),
    where=[ArrayOf((1, 2), dtype=None), None],
)
def poisson_z(rates_Hz, predicted_Hz, window_s, neurons, *, where=None) -> np.ndarray:
    """Deviation of pooled rates from a prediction, in standard errors of a Poisson count.

    The ``neurons`` of a condition, counted over ``window_s``, are expected to fire
    ``predicted * window_s * neurons`` spikes; ``z`` is the difference of the counts
    divided by the square root of that number (the Poisson standard deviation, an upper
    bound when the counts' Fano factor is below 1). NaN outside ``where`` (default:
    where a rate > 0 is predicted).
    """
    owner = "poisson_z"
    rates, predicted, window = rates_Hz, predicted_Hz, window_s
    for name, value in (("predicted_Hz", predicted), ("neurons", neurons), ("where", where)):
        if value is not None and value.shape != rates.shape:
            raise param_error(name, owner, f"the shape of rates_Hz {rates.shape}", value)
    tested = predicted > 0
    if where is not None:
        tested = tested & where.astype(bool)
    expected = predicted * window * neurons
    z = np.where(tested, (rates - predicted) * window * neurons, np.nan)
    return z / np.sqrt(np.where(tested, expected, 1.0))


# -- counting in windows ------------------------------------------------------------------
@validate(
    times_s=_TIMES,
    neuron=_LABELS,
    n_neurons=COUNT,
    starts_s=ArrayOf(2, min_size=0),
    window_s=NON_NEGATIVE,
)
def window_counts(times_s, neuron, n_neurons, starts_s, window_s) -> np.ndarray:
    """Spikes of each neuron (or pool) in ``[start, start + window)``, for every start.

    ``neuron`` labels each spike (a pool label pools its members' spikes);
    ``starts_s`` has shape (n_neurons, k); returns ints of the same shape.
    """
    owner = "window_counts"
    times, n, starts, window = times_s, n_neurons, starts_s, window_s
    if neuron.shape != times.shape:
        raise param_error("neuron", owner, f"one label per spike ({times.size})", neuron)
    if starts.shape[0] != n:
        raise param_error("starts_s", owner, f"one row per neuron ({n})", starts)
    if neuron.size and neuron.max() >= n:
        raise param_error("neuron", owner, f"labels 0 ... {n - 1}", neuron)
    span = float(np.max(times, initial=0.0)) + window + np.max(starts) + 1.0
    key = np.sort(neuron * span + times)  # all trains in one sorted array
    offset = np.arange(n)[:, None] * span
    lo = np.searchsorted(key, offset + starts, side="left")
    hi = np.searchsorted(key, offset + starts + window, side="left")
    return hi - lo


@validate(train_s=_TIMES, times_s=ArrayOf(1, values=POSITIVE))
def running_rate(train_s, times_s) -> np.ndarray:
    """Running rate estimate: spikes in ``[0, t)`` divided by ``t``, at every ``t``.

    ``train_s`` may pool several trains (in any order); spikes before 0 are ignored.
    """
    train, times = train_s, times_s
    return np.searchsorted(np.sort(train[train >= 0]), times, side="left") / times


@dataclass(frozen=True)
class CountingError:
    """Relative RMS error of pooled rate estimates, per pool size and window.

    Attributes
    ----------
    error : array (n_sizes, n_windows)
        ``sqrt(mean(((n / (N T) - r) / r)^2))`` over all pools and window starts.
    se : array (n_sizes, n_windows)
        Its sampling error (delta method over the independent windows).
    independent : array (n_sizes, n_windows)
        Independent windows behind each error: pools times non-overlapping windows.
    """

    error: np.ndarray
    se: np.ndarray
    independent: np.ndarray


@validate(
    times_s=_TIMES,
    neuron=_LABELS,
    n_neurons=COUNT,
    sizes=ArrayOf(1, dtype=int, values=COUNT),
    windows_s=_WINDOWS,
    true_rate_Hz=POSITIVE,
    t_start=Interval(),
    t_stop=Interval(),
    windows_per_neuron=COUNT,
    rng=_RNG,
)
def pooled_count_error(
    times_s,
    neuron,
    n_neurons: int,
    sizes,
    windows_s,
    true_rate_Hz: float,
    *,
    t_start: float,
    t_stop: float,
    windows_per_neuron: int,
    rng: np.random.Generator,
) -> CountingError:
    """How far ``n / (N T)`` lies from the true rate, for pools of ``N`` neurons.

    The neurons ``0 ... n_neurons - 1`` are split into disjoint pools of each size (the
    remainder left out); every pool is read ``windows_per_neuron * N`` times per window
    length, at starts drawn uniformly in ``[t_start, t_stop - T]`` (for each size, then
    each window, one ``rng.uniform`` draw of shape (pools, reads)), so every pool size
    gets the same number of windows in all.

    Parameters
    ----------
    times_s, neuron : arrays
        The spikes (s) and the neuron that fired each.
    sizes : int array
        Pool sizes ``N``.
    windows_s : array
        Window lengths ``T`` (s).
    true_rate_Hz : float
        The rate every neuron fires at (the reference of the error).
    """
    owner = "pooled_count_error"
    times, n, windows, rate = times_s, n_neurons, windows_s, true_rate_Hz
    if neuron.shape != times.shape:
        raise param_error("neuron", owner, f"one label per spike ({times.size})", neuron)
    if sizes.max() > n:
        raise param_error("sizes", owner, f"pool sizes between 1 and n_neurons = {n}", sizes)
    if not t_stop - windows.max() > t_start:
        raise param_error("windows_s", owner, "windows shorter than t_stop - t_start", windows)
    reads = windows_per_neuron
    analysed = t_stop - t_start
    shape = (sizes.size, windows.size)
    error, error_se, independent = (
        np.full(shape, np.nan),
        np.full(shape, np.nan),
        np.full(shape, np.nan),
    )
    for i, size in enumerate(sizes):
        n_pools = n // size
        keep = neuron < n_pools * size
        pool_of = neuron[keep] // size
        per_pool = reads * size
        for j, w in enumerate(windows):
            starts = rng.uniform(t_start, t_stop - w, size=(n_pools, per_pool))
            estimate = window_counts(times[keep], pool_of, n_pools, starts, w) / (size * w)
            sq = ((estimate - rate) / rate) ** 2
            error[i, j] = np.sqrt(sq.mean())
            # sampling error of an RMS (delta method) from the independent samples: windows
            # of one pool overlapping in time are not independent
            n_eff = n_pools * min(per_pool, max(1.0, analysed / w))
            error_se[i, j] = np.std(sq) / np.sqrt(n_eff) / (2 * max(error[i, j], 1e-12))
            independent[i, j] = n_eff
    return CountingError(error, error_se, independent)


@validate(
    times_s=_TIMES,
    neuron=_LABELS,
    rates_Hz=ArrayOf(1, values=POSITIVE),
    windows_s=_WINDOWS,
    t_start=Interval(),
    t_stop=Interval(),
    windows_per_neuron=COUNT,
    rng=_RNG,
    groups=Interval(2, None, integer=True),
)
def periodic_count_error(
    times_s,
    neuron,
    rates_Hz,
    windows_s,
    *,
    t_start: float,
    t_stop: float,
    windows_per_neuron: int,
    rng: np.random.Generator,
    groups: int = 10,
) -> tuple[np.ndarray, np.ndarray]:
    """Relative RMS error of ``n / T`` for single neurons, each against its own rate.

    Every neuron ``k`` (``0 ... len(rates_Hz) - 1``) is read ``windows_per_neuron``
    times per window length at starts uniform in ``[t_start, t_stop - T]`` (one
    ``rng.uniform`` draw of shape (windows, neurons, reads)). The standard error comes
    from the spread of the RMS over ``groups`` disjoint groups of neurons.

    Returns
    -------
    error, se : arrays (n_windows,)
    """
    owner = "periodic_count_error"
    times, rates, windows, reads = times_s, rates_Hz, windows_s, windows_per_neuron
    if neuron.shape != times.shape:
        raise param_error("neuron", owner, f"one label per spike ({times.size})", neuron)
    if not t_stop - windows.max() > t_start:
        raise param_error("windows_s", owner, "windows shorter than t_stop - t_start", windows)
    if rates.size < groups:
        raise param_error("rates_Hz", owner, f"at least groups = {groups} neurons", rates.size)
    starts = rng.uniform(
        t_start, t_stop - windows[:, None, None], size=(windows.size, rates.size, reads)
    )
    error, error_se = np.empty(windows.size), np.empty(windows.size)
    for j, w in enumerate(windows):
        estimate = window_counts(times, neuron, rates.size, starts[j], w) / w
        sq = ((estimate - rates[:, None]) / rates[:, None]) ** 2
        error[j] = np.sqrt(sq.mean())
        parts = [np.sqrt(g.mean()) for g in np.array_split(sq, groups, axis=0)]
        error_se[j] = np.std(parts, ddof=1) / np.sqrt(len(parts))
    return error, error_se


# -- the counting laws ---------------------------------------------------------------------
@validate(rates_Hz=ArrayOf(1, values=POSITIVE), windows_s=_WINDOWS)
def quantisation_error(rates_Hz, windows_s) -> np.ndarray:
    """Relative RMS error of n/T for periodic trains at random phase (population RMS).

    For period 1/r and f = frac(r T) the count is floor(r T) + 1 with probability f,
    else floor(r T): its variance is f (1 - f), its mean r T. Returns one value per
    window: the RMS over the trains of ``sqrt(f (1 - f)) / (r T)``.
    """
    rates, windows = rates_Hz, windows_s
    rt = rates[:, None] * windows[None, :]
    f = rt - np.floor(rt)
    return np.sqrt(np.mean(f * (1 - f) / rt**2, axis=0))


@validate(
    windows_s=ArrayOf(1, values=POSITIVE, min_size=2),
    error=ArrayOf(1, finite=False, min_size=2),
    target=POSITIVE,
)
def window_for_error(windows_s, error, target: float) -> float:
    """Shortest window from which the error stays <= target (log-log interpolation).

    NaN if the error at the longest window is still above the target.
    """
    owner = "window_for_error"
    windows = windows_s
    if error.shape != windows.shape:
        raise param_error("error", owner, f"one error per window ({windows.size})", error)
    below = error <= target
    if not below[-1]:
        return float("nan")
    above = np.flatnonzero(~below)
    if above.size == 0:
        return float(windows[0])
    k = above[-1]  # error[k] > target >= error[k + 1]
    x0, x1 = np.log(windows[k]), np.log(windows[k + 1])
    y0, y1 = np.log(error[k]), np.log(error[k + 1])
    return float(np.exp(x0 + (np.log(target) - y0) * (x1 - x0) / (y1 - y0)))


@validate(x=ArrayOf(1, min_size=0), y=ArrayOf(1, finite=False, min_size=0))
def log_slope(x, y) -> float:
    """Least-squares slope of log y against log x over the points with y > 0 (NaN if < 2)."""
    if y.shape != x.shape:
        raise param_error("y", "log_slope", f"one value per x ({x.size})", y)
    ok = np.isfinite(y) & (y > 0)
    if ok.sum() < 2:
        return float("nan")
    return float(np.polyfit(np.log(x[ok]), np.log(y[ok]), 1)[0])


@validate(largest=COUNT)
def pool_sizes(largest: int) -> np.ndarray:
    """1 and about two sizes per decade up to ``largest``: 1, 3, 10, 32, 100 for 100."""
    steps = max(2, round(2 * np.log10(largest)) + 1)
    return np.unique(np.round(np.geomspace(1, largest, steps)).astype(int))
