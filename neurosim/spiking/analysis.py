"""Spike-train statistics: rates, inter-spike intervals, CV, Fano factor, PSTH, rasters.

Plain numpy, no simulation.  Conventions shared by every function here:

* A *spike train* is a 1-D array of spike times, either a Brian2 quantity with the
  dimensions of time or plain numbers **in seconds**.  Times need not be sorted.
* *Trains* are a sequence of spike trains (a list of arrays, a 2-D array whose rows
  are trains, or a mapping ``index -> train`` such as Brian2's ``spike_trains()``,
  taken in key order).  Wherever "a train or trains" is accepted, a 1-D array, or a
  list of plain numbers, is one train; an empty list is one train without spikes.
* Durations, windows and bin widths are Brian2 times or plain numbers in seconds.
* Results are always plain floats or numpy arrays, never quantities: times and
  intervals in **seconds**, rates in **hertz**, counts as integers.
* Time windows are half-open, ``[start, start + duration)``.  Spike times on a
  simulation grid often fall exactly on a bin edge, where floating-point division
  is ambiguous; a spike within ``1e-9`` of a bin width below an edge is counted in
  the bin that starts at that edge (so a spike at 3 ms with 1 ms bins is in the
  bin [3 ms, 4 ms), whatever the rounding).
* Statistics that are undefined on the data (the CV of fewer than two intervals,
  the Fano factor of counts whose mean is 0) are ``nan``, without warnings.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np

from neurosim.core.constraints import NON_NEGATIVE, ArrayOf, validate
from neurosim.core.validation import param_error
from neurosim.spiking.words import INSTANT, SPAN, TRAIN, TRAINS, Either

__all__ = [
    "cv_isi",
    "fano_factor",
    "firing_rate",
    "isi",
    "psth",
    "raster_data",
    "spike_counts",
    "steady_rate",
]

# A spike within this fraction of a bin below a bin edge belongs to the next bin.
_EDGE_TOLERANCE = 1e-9


# -- input normalisation ------------------------------------------------------------
def _time_dimension_ok(value) -> bool:
    # Only called when `value` has units, so brian2 is already imported.
    from neurosim.units import get_dimensions, second

    return get_dimensions(value) is get_dimensions(second)


def _seconds_array(value, name: str, owner: str) -> np.ndarray:
    """One spike train as a 1-D float array in seconds."""
    if hasattr(value, "dimensions"):
        if not _time_dimension_ok(value):
            raise param_error(
                name,
                owner,
                "spike times (a Brian2 time quantity, or numbers in seconds)",
                value,
                cls=TypeError,
            )
        value = np.asarray(value, dtype=float)  # Brian2 stores SI values: seconds
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise param_error(
            name, owner, "spike times (an array of numbers in seconds)", value, cls=TypeError
        ) from None
    if arr.ndim > 1:
        raise param_error(
            name, owner, "a 1-D array of spike times", f"a {arr.ndim}-D array of shape {arr.shape}"
        )
    arr = arr.reshape(-1)
    if not np.all(np.isfinite(arr)):
        bad = int(arr.size - np.count_nonzero(np.isfinite(arr)))
        raise param_error(name, owner, "finite spike times", f"{bad} NaN or inf time(s)")
    return np.sort(arr)


def _is_scalar(x) -> bool:
    return isinstance(x, numbers.Real) or (hasattr(x, "shape") and np.ndim(x) == 0)


def _as_trains(data, name: str, owner: str) -> tuple[list[np.ndarray], bool]:
    """Return (list of trains in seconds, whether the input was a single train)."""
    if isinstance(data, Mapping):
        return [_seconds_array(data[k], f"{name}[{k!r}]", owner) for k in sorted(data)], False
    if isinstance(data, np.ndarray) and data.dtype != object:  # includes Brian2 quantities
        if data.ndim <= 1:
            return [_seconds_array(data, name, owner)], True
        if data.ndim == 2:
            if hasattr(data, "dimensions") and not _time_dimension_ok(data):
                raise param_error(
                    name, owner, "spike times (a Brian2 time quantity)", data, cls=TypeError
                )
            rows = np.asarray(data, dtype=float)
            return [_seconds_array(r, f"{name}[{i}]", owner) for i, r in enumerate(rows)], False
        raise param_error(
            name,
            owner,
            "a spike train (1-D) or trains (a list of 1-D arrays, or a 2-D array)",
            f"a {data.ndim}-D array",
        )
    if isinstance(data, list | tuple | np.ndarray):
        items = list(data)
        if all(_is_scalar(x) for x in items):  # also the empty list: one empty train
            return [_seconds_array(np.asarray(items, dtype=float), name, owner)], True
        return [_seconds_array(x, f"{name}[{i}]", owner) for i, x in enumerate(items)], False
    if _is_scalar(data):
        raise param_error(
            name,
            owner,
            "a spike train (an array of spike times), not a single number",
            data,
            cls=TypeError,
        )
    raise param_error(
        name, owner, "a spike train or a sequence of spike trains", data, cls=TypeError
    )


def _positive_seconds(value, name: str, owner: str) -> float:
    """A duration, window or bin width: a Brian2 time or a number of seconds, > 0."""
    expected = "a time > 0 (a Brian2 quantity such as 100*ms, or a number of seconds)"
    value = _seconds_scalar(value, name, owner, expected=expected)
    if not value > 0:
        raise param_error(name, owner, expected, value)
    return value


def _seconds_scalar(value, name: str, owner: str, *, expected: str = "") -> float:
    """A start time: a Brian2 time or a finite number of seconds (any sign)."""
    expected = expected or "a time (a Brian2 quantity such as 0*ms, or a number of seconds)"
    if hasattr(value, "dimensions"):
        if not _time_dimension_ok(value) or np.ndim(value) != 0:
            raise param_error(name, owner, expected, value, cls=TypeError)
        value = float(np.asarray(value))
    elif isinstance(value, bool) or not _is_scalar(value):
        raise param_error(name, owner, expected, value, cls=TypeError)
    value = float(value)
    if not np.isfinite(value):
        raise param_error(
            name, owner, "a finite time" if not expected.startswith("a time >") else expected, value
        )
    return value


def _n_bins(duration: float, width: float, owner: str, what: str) -> int:
    ratio = duration / width
    n = round(ratio)
    if n < 1 or abs(ratio - n) > 1e-6 * max(1.0, ratio):
        raise param_error(
            "duration",
            owner,
            f"a whole multiple of {what} = {width:g} s",
            f"{duration:g} s ({ratio:.6g} {what}s)",
            f"Choose a duration of {max(n, 1) * width:g} s, or another {what}.",
        )
    if n > MAX_BINS:
        raise param_error(
            "duration",
            owner,
            f"at most {MAX_BINS:.0e} {what}s ({MAX_BINS * width:g} s at {what} = {width:g} s)",
            f"{duration:g} s ({n:.3g} {what}s)",
        )
    return int(n)


#: More bins than this would not fit in memory for even one spike train.
MAX_BINS = 10**8


def _bin_index(train: np.ndarray, start: float, width: float) -> np.ndarray:
    return np.floor((train - start) / width + _EDGE_TOLERANCE).astype(np.int64)


# -- public functions ----------------------------------------------------------------
@validate(trains=TRAINS, window=SPAN, duration=[SPAN, None], start=INSTANT)
def spike_counts(trains, *, window, duration=None, start=0.0) -> np.ndarray:
    """Spike counts of each train in consecutive windows.

    Parameters
    ----------
    trains : spike train or sequence of spike trains
        Spike times (Brian2 times, or numbers in seconds).
    window : Quantity or float
        Counting window (seconds if a number), > 0.
    duration : Quantity or float, optional
        Total time to tile with windows, a whole multiple of ``window``; defaults to
        one window.
    start : Quantity or float, default 0
        Start of the first window.

    Returns
    -------
    counts : ndarray of int, shape (n_trains, n_windows)
        ``counts[i, k]`` spikes of train ``i`` in
        ``[start + k*window, start + (k+1)*window)``.  A single train gives one row.
    """
    owner = "spike_counts"
    trains_, _single = _as_trains(trains, "trains", owner)
    width = _positive_seconds(window, "window", owner)
    total = width if duration is None else _positive_seconds(duration, "duration", owner)
    t0 = _seconds_scalar(start, "start", owner)
    n = _n_bins(total, width, owner, "window")
    counts = np.zeros((len(trains_), n), dtype=np.int64)
    for i, train in enumerate(trains_):
        idx = _bin_index(train, t0, width)
        idx = idx[(idx >= 0) & (idx < n)]
        counts[i] = np.bincount(idx, minlength=n)
    return counts


@validate(trains=TRAINS, duration=SPAN, start=INSTANT)
def firing_rate(trains, duration, *, start=0.0):
    """Mean firing rate: spikes in ``[start, start + duration)`` divided by ``duration``.

    Parameters
    ----------
    trains : spike train or sequence of spike trains
        Spike times (Brian2 times, or numbers in seconds).
    duration : Quantity or float
        Length of the counting window (seconds if a number), > 0.
    start : Quantity or float, default 0
        Start of the window.

    Returns
    -------
    rate : float or ndarray
        In hertz: a float for one train, an array with one rate per train for a
        sequence of trains.

    Examples
    --------
    >>> firing_rate([0.1, 0.2, 0.3], 1.0)
    3.0
    """
    owner = "firing_rate"
    trains_, single = _as_trains(trains, "trains", owner)
    t = _positive_seconds(duration, "duration", owner)
    t0 = _seconds_scalar(start, "start", owner)
    counts = np.array([np.count_nonzero(_bin_index(tr, t0, t) == 0) for tr in trains_], dtype=float)
    rates = counts / t
    return float(rates[0]) if single else rates


@validate(train=TRAIN)
def isi(train) -> np.ndarray:
    """Inter-spike intervals of one train, in seconds.

    Parameters
    ----------
    train : array of spike times
        A Brian2 time quantity or numbers in seconds (sorted first if needed).

    Returns
    -------
    ndarray
        ``n_spikes - 1`` intervals (empty for zero or one spike).
    """
    trains_, single = _as_trains(train, "train", "isi")
    if not single:
        raise param_error(
            "train",
            "isi",
            "one spike train (a 1-D array of times)",
            f"{len(trains_)} trains",
            "Use cv_isi for pooled statistics over several trains.",
        )
    return np.diff(trains_[0])


@validate(trains=TRAINS, start=INSTANT)
def steady_rate(trains, *, start=0.0):
    """Steady firing rate, 1 / (mean inter-spike interval), of each train.

    This is the rate a closed form such as :func:`~neurosim.spiking.theory.lif_rate`
    describes; a spike count over a finite window would add up to one spike of
    counting error.

    Parameters
    ----------
    trains : spike train or list of trains
        Times as Brian2 quantities or numbers in seconds.
    start : Quantity or float, default 0
        Only spikes at or after ``start`` count (skip an onset transient).

    Returns
    -------
    float or ndarray
        Rate(s) in Hz; 0 for a train with fewer than two spikes after ``start``.
    """
    owner = "steady_rate"
    trains_, single = _as_trains(trains, "trains", owner)
    t0 = _seconds_scalar(start, "start", owner)
    rates = np.zeros(len(trains_))
    for k, train in enumerate(trains_):
        late = train[train >= t0]
        if late.size > 1:
            rates[k] = 1.0 / np.diff(late).mean()
    return float(rates[0]) if single else rates


@validate(trains=TRAINS)
def cv_isi(trains) -> float:
    """Coefficient of variation of the inter-spike intervals.

    ``CV = s / m`` with ``m`` the mean ISI and ``s`` the sample standard deviation
    (``ddof=1``, the unbiased variance).  CV is 0 for a perfectly regular train and
    1 for a Poisson process.

    Parameters
    ----------
    trains : spike train or sequence of spike trains
        For several trains, intervals are taken within each train and pooled.

    Returns
    -------
    float
        ``nan`` when there are fewer than two intervals in total (or their mean is 0).
    """
    trains_, _single = _as_trains(trains, "trains", "cv_isi")
    intervals = np.concatenate([np.diff(tr) for tr in trains_] + [np.empty(0)])
    if intervals.size < 2:
        return float("nan")
    mean = intervals.mean()
    if mean <= 0:
        return float("nan")
    return float(intervals.std(ddof=1) / mean)


@validate(
    data=Either(
        TRAINS.words + ", or spike counts (a 1-D array of whole numbers >= 0)",
        *TRAINS.alternatives,
        ArrayOf(1, dtype=int, values=NON_NEGATIVE),
    ),
    window=[SPAN, None],
    duration=[SPAN, None],
    start=INSTANT,
)
def fano_factor(data, *, window=None, duration=None, start=0.0) -> float:
    """Fano factor: variance / mean of spike counts.

    Three uses:

    * ``fano_factor(counts)`` — ``counts`` is a 1-D array of spike counts (one per
      trial, or per window); returns ``var(counts, ddof=1) / mean(counts)``.
    * ``fano_factor(trains, window=w)`` with several trains (trials) — counts each
      trial's spikes in every window of ``duration`` (default: one window), takes
      the Fano factor across trials in each window, and averages over the windows
      where it is defined.  Across-trial statistics are not inflated by slow rate
      changes that all trials share.
    * ``fano_factor(train, window=w, duration=d)`` with one train — counts in the
      consecutive windows of ``d`` and takes the Fano factor across windows.

    Parameters
    ----------
    data : array of counts, spike train, or sequence of spike trains
    window : Quantity or float, optional
        Counting window (seconds if a number); required for spike trains.
    duration : Quantity or float, optional
        Time tiled with windows (a whole multiple of ``window``).
    start : Quantity or float, default 0
        Start of the first window.

    Returns
    -------
    float
        ``nan`` when the mean count is 0 or there are fewer than two counts.
        For a Poisson process the Fano factor is 1 for any window.
    """
    owner = "fano_factor"
    if window is None:
        if duration is not None:
            raise param_error(
                "window", owner, "given when duration is", None, "Pass window=... as well."
            )
        if hasattr(data, "dimensions"):
            raise param_error(
                "data",
                owner,
                "spike counts (plain numbers) when no window is given",
                data,
                "To count spikes of trains, pass window=...",
                cls=TypeError,
            )
        try:
            counts = np.asarray(data, dtype=float)
        except (TypeError, ValueError):
            raise param_error(
                "data",
                owner,
                "a 1-D array of spike counts when no window is given",
                data,
                "To count spikes of trains, pass window=...",
                cls=TypeError,
            ) from None
        if counts.ndim != 1:
            raise param_error(
                "data",
                owner,
                "a 1-D array of spike counts when no window is given",
                f"shape {counts.shape}",
                "To count spikes of trains, pass window=...",
            )
        if not np.all(np.isfinite(counts)) or np.any(counts < 0):
            raise param_error("data", owner, "finite counts >= 0", data)
        return _fano(counts)
    _trains, single = _as_trains(data, "data", owner)
    if single and duration is None:
        raise param_error(
            "duration",
            owner,
            "given for a single train (the time to cut into windows)",
            None,
            "With one train the Fano factor is taken across the windows of duration.",
        )
    counts = spike_counts(data, window=window, duration=duration, start=start)
    if single:
        return _fano(counts[0].astype(float))
    per_window = [_fano(counts[:, k].astype(float)) for k in range(counts.shape[1])]
    defined = [f for f in per_window if not np.isnan(f)]
    return float(np.mean(defined)) if defined else float("nan")


def _fano(counts: np.ndarray) -> float:
    if counts.size < 2:
        return float("nan")
    mean = counts.mean()
    if mean == 0:
        return float("nan")
    return float(counts.var(ddof=1) / mean)


@validate(trains=TRAINS, bin_width=SPAN, duration=SPAN, start=INSTANT)
def psth(trains, *, bin_width, duration, start=0.0) -> tuple[np.ndarray, np.ndarray]:
    """Peri-stimulus time histogram: the trial-averaged firing rate in time bins.

    Parameters
    ----------
    trains : spike train or sequence of spike trains
        Trials (spike times relative to stimulus onset).
    bin_width : Quantity or float
        Bin width (seconds if a number), > 0.
    duration : Quantity or float
        Time covered, a whole multiple of ``bin_width``.
    start : Quantity or float, default 0
        Start of the first bin.

    Returns
    -------
    edges : ndarray, shape (n_bins + 1,)
        Bin edges in seconds (draw with ``ax.stairs(rate, edges)``).
    rate : ndarray, shape (n_bins,)
        Spikes per bin divided by (number of trains x bin width), in hertz.
    """
    owner = "psth"
    trains_, _single = _as_trains(trains, "trains", owner)
    width = _positive_seconds(bin_width, "bin_width", owner)
    total = _positive_seconds(duration, "duration", owner)
    t0 = _seconds_scalar(start, "start", owner)
    n = _n_bins(total, width, owner, "bin_width")
    counts = spike_counts(trains_, window=width, duration=n * width, start=t0)
    edges = t0 + width * np.arange(n + 1)
    rate = counts.sum(axis=0) / (len(trains_) * width) if trains_ else np.zeros(n)
    return edges, rate


@validate(trains=TRAINS)
def raster_data(trains) -> tuple[np.ndarray, np.ndarray]:
    """Flatten trains for a raster plot: ``ax.scatter(times, index, marker="|")``.

    Parameters
    ----------
    trains : spike train or sequence of spike trains

    Returns
    -------
    times : ndarray of float
        All spike times in seconds, train by train (each train sorted).
    index : ndarray of int
        The train (trial or neuron) index of each spike, 0-based.
    """
    trains_, _single = _as_trains(trains, "trains", "raster_data")
    times = np.concatenate([np.empty(0), *trains_])
    index = np.concatenate(
        [np.empty(0, dtype=np.int64)]
        + [np.full(tr.size, i, dtype=np.int64) for i, tr in enumerate(trains_)]
    )
    return times, index
