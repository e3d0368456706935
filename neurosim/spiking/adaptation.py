r"""How a neuron's answer depends on its history: onset and adapted rates, recovery.

Measures of spike-frequency adaptation read from spike trains (plain arrays of spike
times in seconds, as :meth:`~neurosim.spiking.SpikeResult.trains` gives them after
``/ second``):

- :func:`onset_rate`: the rate at the start of a response, 1 / (its first inter-spike
  interval), the onset rate :math:`f_0` of Benda & Herz (2003), Neural Comput 15:2523;
- :func:`adaptation_index`: :math:`A = (f_0 - f_\infty)/f_0` with :math:`f_\infty`
  = 1 / (last interval) of a long step, the steady-state rate of the same paper;
- :func:`recovery` and :func:`fit_recovery`: the response to a second identical input,
  relative to the first, recovers as :math:`1 - D e^{-\mathrm{gap}/\tau_{rec}}`; for an
  adapting neuron whose deficit is proportional to the adaptation current,
  :math:`\tau_{rec}` is the decay time of that current
  (:meth:`~neurosim.spiking.AdExParameters.subthreshold_time_constants`).

:func:`paired_pulse_experiment` runs the paired-pulse protocol
(:func:`neurosim.stimuli.paired_pulses`: pulse, gap, identical pulse; every gap one
neuron of one run) on any neuron model and reads how each pulse was answered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.constraints import (
    BOOL,
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    Interval,
    QuantityOf,
    validate,
)
from neurosim.spiking.neurons import NeuronParameters
from neurosim.spiking.simulate import simulate
from neurosim.spiking.words import STEP
from neurosim.stimuli import paired_pulses
from neurosim.units import ms, second, volt

#: a spike train in seconds (plain numbers, as ``SpikeResult.trains() / second``)
_TRAIN_S = ArrayOf(1, min_size=0)

__all__ = [
    "PairedPulses",
    "adaptation_index",
    "fit_recovery",
    "onset_rate",
    "paired_pulse_experiment",
    "recovery",
]

#: Spike times are compared with window edges to this tolerance (s): simulated spikes
#: lie on a time grid, and a window edge computed in floating point may miss one.
EDGE_S = 1e-9


@validate(train=_TRAIN_S, start=Interval(), stop=Interval())
def onset_rate(train, start: float, stop: float) -> float:
    """1 / (first inter-spike interval inside ``[start, stop)``), in Hz; 0 with fewer
    than two spikes there. ``train``, ``start`` and ``stop`` in seconds."""
    t = train
    inside = t[(t >= start - EDGE_S) & (t < stop - EDGE_S)]
    return float(1.0 / (inside[1] - inside[0])) if inside.size > 1 else 0.0


@validate(train=_TRAIN_S)
def adaptation_index(train) -> tuple[float, float, float]:
    """Onset rate f_0 = 1/(first ISI), adapted rate f_inf = 1/(last ISI) of a train (Hz),
    and the adaptation index (f_0 - f_inf)/f_0; NaN for all three with fewer than three
    spikes (two intervals)."""
    intervals = np.diff(train)
    if intervals.size < 2:
        return float("nan"), float("nan"), float("nan")
    f0, f_inf = 1.0 / intervals[0], 1.0 / intervals[-1]
    return f0, f_inf, (f0 - f_inf) / f0


def _recovery(gap, depth, tau):
    return 1.0 - depth * np.exp(-np.asarray(gap) / tau)


@validate(gap=ArrayOf(values=NON_NEGATIVE), depth=Interval(), tau=POSITIVE)
def recovery(gap, depth, tau):
    """Exponential recovery of a paired-pulse ratio: 1 - depth exp(-gap / tau)."""
    return _recovery(gap, depth, tau)


@validate(gaps=ArrayOf(1), ratios=ArrayOf(1), tau_guess=POSITIVE, depth_guess=Interval())
def fit_recovery(gaps, ratios, *, tau_guess: float, depth_guess: float = 0.8):
    """Least-squares fit of :func:`recovery` to paired-pulse ratios at ``gaps``.

    Returns ``(depth, tau)`` in the units of ``gaps``; NaN for both when there are
    fewer points than parameters or the fit does not converge.
    """
    from scipy.optimize import curve_fit  # 0.35 s of import, only where a fit is made

    try:
        (depth, tau), _cov = curve_fit(
            _recovery, np.asarray(gaps), np.asarray(ratios), p0=(depth_guess, tau_guess)
        )
    except (RuntimeError, TypeError):  # too few points or no convergence
        return float("nan"), float("nan")
    return float(depth), float(tau)


@dataclass(frozen=True)
class PairedPulses:
    """How a batch of neurons answered pulse, gap, identical pulse (plain arrays, SI).

    Condition ``k < len(gaps)`` had the gap ``gaps[k]``; with ``hold`` one more condition,
    the last, had a step that stayed on from the first pulse's onset.

    Attributes
    ----------
    gaps, onset2 : ndarray
        Per gap condition: the gap and the onset of pulse 2 (s).
    trains : tuple of ndarray
        Spike times of every condition (s).
    counts : ndarray of int, shape (2, gaps)
        Spikes inside pulse 1 and inside pulse 2.
    onset_rates : ndarray, shape (2, gaps)
        :func:`onset_rate` inside pulse 1 and pulse 2 (Hz; 0 with fewer than two spikes).
    latencies : ndarray, shape (2, gaps)
        Time from each pulse's onset to its first spike inside it (s; NaN: none).
    t, v : ndarray or None
        With ``record_v``: sample times (s) and membrane potentials (V, conditions x times).
    """

    gaps: np.ndarray
    onset2: np.ndarray
    trains: tuple
    counts: np.ndarray
    onset_rates: np.ndarray
    latencies: np.ndarray
    t: np.ndarray | None = None
    v: np.ndarray | None = None


@validate(
    params=InstanceOf(NeuronParameters),
    amplitude=QuantityOf("nA", example="1*nA"),
    onset=QuantityOf("ms", NON_NEGATIVE, example="100*ms"),
    width=QuantityOf("ms", POSITIVE, example="5*ms"),
    gaps=QuantityOf("ms", NON_NEGATIVE, ndim=1, example="[5, 20]*ms"),
    duration=QuantityOf("ms", POSITIVE, example="500*ms"),
    dt=STEP,
    hold=BOOL,
    record_v=BOOL,
    seed=SEED,
)
def paired_pulse_experiment(
    params,
    amplitude,
    *,
    onset,
    width,
    gaps,
    duration,
    dt=0.1 * ms,
    hold: bool = False,
    record_v: bool = False,
    seed: int = 0,
) -> PairedPulses:
    """Pulse, gap, identical pulse for every gap, one neuron each, in one run.

    The input is :func:`neurosim.stimuli.paired_pulses` (``amplitude``, ``onset``,
    ``width``, ``gaps``, ``hold``); the neurons are ``params`` (any neuron model of
    :func:`~neurosim.spiking.simulate`), run for ``duration`` at ``dt``. A spike answers
    a pulse when it falls inside it (Brian2 stamps a spike at the start of its step).

    Returns
    -------
    PairedPulses
    """
    stimuli = paired_pulses(amplitude, onset=onset, width=width, gaps=gaps, hold=hold)
    result = simulate(params, stimuli, duration, dt=dt, record_v=record_v, seed=seed)
    trains = tuple(np.asarray(tr[0] / second, dtype=float) for tr in result.trains())
    start, length = float(onset / second), float(width / second)
    waits = np.atleast_1d(np.asarray(gaps / second, dtype=float))
    onset2 = start + length + waits
    counts, rates, latencies = np.zeros((2, waits.size), dtype=int), [[], []], [[], []]
    for k, train in enumerate(trains[: waits.size]):
        for j, begin in enumerate((start, onset2[k])):
            inside = train[(train >= begin - EDGE_S) & (train < begin + length - EDGE_S)]
            counts[j, k] = inside.size
            rates[j].append(onset_rate(train, begin, begin + length))
            latencies[j].append(inside[0] - begin if inside.size else np.nan)
    v = None if not record_v else np.asarray(result.v[:, 0, :] / volt, dtype=float)
    return PairedPulses(
        gaps=waits,
        onset2=onset2,
        trains=trains,
        counts=counts,
        onset_rates=np.array(rates),
        latencies=np.array(latencies),
        t=None if not record_v else np.asarray(result.t / second, dtype=float),
        v=v,
    )
