"""Trials as neurons: one run's spike trains read back condition by condition.

A comparison runs every trial of every condition as a neuron of one group (one engine
run).  :func:`by_condition` groups the neurons' spike trains by condition and reads a
counting window ``[start, start + window)`` from each; :class:`ConditionTrials` then
gives, per condition, the rate of every trial, their mean and its standard error, the
interval CV and the Fano factor of the counts (:mod:`neurosim.spiking.analysis`), and
the trials' spike-time reliability (:func:`~neurosim.spiking.reliability`).

Plain numpy; times are Brian2 quantities or plain seconds, results plain floats (s, Hz).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.constraints import NON_NEGATIVE, ArrayOf, ListOf, param_error, validate
from neurosim.spiking.analysis import (
    _as_trains,
    _positive_seconds,
    _seconds_scalar,
    cv_isi,
    fano_factor,
)
from neurosim.spiking.reliability import reliability
from neurosim.spiking.words import INSTANT, SPAN, TRAIN

__all__ = ["ConditionTrials", "by_condition"]


@dataclass(frozen=True)
class ConditionTrials:
    """Spike trains of a batch whose neurons are the trials of conditions.

    Attributes
    ----------
    trains : tuple of ndarray
        Every neuron's spike times over the whole run (s), in neuron order.
    condition : ndarray of int
        The condition of every neuron (0 .. n_conditions - 1, each present).
    start, window : float
        The counting window ``[start, start + window)`` (s).
    """

    trains: tuple
    condition: np.ndarray
    start: float
    window: float

    @property
    def trials(self) -> np.ndarray:
        """Trials (neurons) per condition."""
        return np.bincount(self.condition)

    def of(self, c: int) -> list[np.ndarray]:
        """The whole-run trains of condition ``c``'s trials, in neuron order."""
        return [self.trains[k] for k in np.flatnonzero(self.condition == c)]

    def in_window(self, c: int) -> list[np.ndarray]:
        """The spikes of condition ``c``'s trials inside the counting window."""
        stop = self.start + self.window
        return [tr[(tr >= self.start) & (tr < stop)] for tr in self.of(c)]

    def rates(self) -> np.ndarray:
        """Every neuron's rate in the window (Hz): its count / ``window``."""
        stop = self.start + self.window
        counts = [np.count_nonzero((tr >= self.start) & (tr < stop)) for tr in self.trains]
        return np.array(counts) / self.window

    def mean_rate(self) -> tuple[np.ndarray, np.ndarray]:
        """Per condition: the mean rate over its trials and its standard error
        (``std(ddof=1) / sqrt(trials)``; NaN for a single trial)."""
        rates, n = self.rates(), self.trials
        with np.errstate(invalid="ignore", divide="ignore"):
            se = [rates[self.condition == c].std(ddof=1) for c in range(n.size)]
        return np.bincount(self.condition, weights=rates) / n, np.array(se) / np.sqrt(n)

    def cv(self) -> np.ndarray:
        """Per condition: the CV of the intervals of all its trials (whole run)."""
        return np.array([cv_isi(self.of(c)) for c in range(self.trials.size)])

    def fano(self, window) -> np.ndarray:
        """Per condition: the Fano factor of the counts in windows of ``window`` tiling the
        counting window (:func:`~neurosim.spiking.fano_factor`). A remainder shorter than
        ``window`` at the end is left out (a 0.7 s counting window gives one 0.5 s count)."""
        width = _positive_seconds(window, "window", "ConditionTrials.fano")
        whole = np.floor(self.window / width + 1e-9)
        if whole < 1:
            raise param_error(
                "window",
                "ConditionTrials.fano",
                f"at most the counting window ({self.window:g} s)",
                window,
            )
        return np.array(
            [
                fano_factor(self.of(c), window=width, duration=whole * width, start=self.start)
                for c in range(self.trials.size)
            ]
        )

    def reliability(self, c: int, width) -> float:
        """Spike-time reliability of condition ``c``'s trials in the counting window."""
        return reliability(self.in_window(c), width)


@validate(
    trains=ListOf(TRAIN),
    condition=ArrayOf(1, dtype=int, values=NON_NEGATIVE),
    start=INSTANT,
    window=SPAN,
)
def by_condition(trains, condition, *, start=0.0, window) -> ConditionTrials:
    """Group a run's spike trains by the condition of each neuron.

    Parameters
    ----------
    trains : sequence of spike trains
        One train per neuron (Brian2 times or seconds; see
        :mod:`neurosim.spiking.analysis`).
    condition : array of int
        The condition of each neuron; every condition ``0 .. max`` has a neuron.
    start, window : Quantity or float
        The counting window ``[start, start + window)`` (a Brian2 time, or seconds).
    """
    owner = "by_condition"
    trains, _ = _as_trains(trains, "trains", owner)
    cond = condition
    if cond.size != len(trains):
        raise param_error("condition", owner, f"one condition per train ({len(trains)})", condition)
    if np.any(np.bincount(cond) == 0):
        raise param_error("condition", owner, "every condition 0 .. max with a neuron", condition)
    begin = _seconds_scalar(start, "start", owner)
    length = _positive_seconds(window, "window", owner)
    return ConditionTrials(tuple(trains), cond, begin, length)
