"""What a :class:`~neurosim.artificial.SurrogateSNN` returns: one simulation
(:class:`SpikingRun`) and the curves of one training (:class:`TrainingCurve`), as plain
arrays with ``K`` replicas (one per surrogate).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial.constraints import LABELS
from neurosim.core.constraints import Interval, param_error, validate

__all__ = ["SpikingRun", "TrainingCurve"]


@dataclass(frozen=True)
class SpikingRun:
    """One simulation of a :class:`SurrogateSNN` (plain arrays; ``K`` replicas).

    Attributes
    ----------
    hidden_spikes : ndarray of bool (K, n_samples, n_steps, n_hidden)
        ``S[n]``: True where a hidden neuron spiked in step ``n``.
    potential : ndarray (K, n_samples, n_steps, n_hidden) or None
        Hidden membrane potential ``u[n]`` before the reset (threshold units), if kept.
    output : ndarray (K, n_samples, n_steps, n_outputs)
        Readout membrane potentials ``o[n]``.
    """

    hidden_spikes: np.ndarray
    potential: np.ndarray | None
    output: np.ndarray

    @validate(y=LABELS, replica=Interval(0, None, integer=True))
    def accuracy_over_time(self, y, replica: int = 0) -> np.ndarray:
        """Fraction of samples whose class so far (:meth:`predictions_over_time`) is
        their label ``y``, after every step (n_steps,)."""
        K, n = self.output.shape[:2]
        owner = "SpikingRun.accuracy_over_time"
        if replica >= K:
            raise param_error("replica", owner, f"a replica index below {K}", replica)
        if y.shape[0] != n:
            raise param_error("y", owner, f"{n} labels (one per sample)", y.shape[0])
        return (self.predictions_over_time()[replica] == y[None]).mean(axis=1)

    def predictions_over_time(self) -> np.ndarray:
        """Class read at each step, ``(K, n_steps, n_samples)``: the output with the highest
        potential so far (ties and the all-zero start go to the lowest class)."""
        running = np.maximum.accumulate(self.output, axis=2)
        return np.argmax(running, axis=3).transpose(0, 2, 1)


@dataclass(frozen=True)
class TrainingCurve:
    """What :meth:`SurrogateSNN.fit` measured each epoch, one column per replica.

    ``loss`` (mean cross-entropy, nats) and ``accuracy`` (fraction correct) are those of
    the forward passes the epoch's updates were computed from (before each update).
    """

    loss: np.ndarray
    accuracy: np.ndarray
