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
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import curve_fit

from neurosim.core.validation import param_error

__all__ = ["adaptation_index", "fit_recovery", "onset_rate", "recovery"]

#: Spike times are compared with window edges to this tolerance (s): simulated spikes
#: lie on a time grid, and a window edge computed in floating point may miss one.
EDGE_S = 1e-9


def _train(train, owner: str) -> np.ndarray:
    t = np.asarray(train, dtype=float)
    if t.ndim != 1 or hasattr(train, "dimensions"):
        raise param_error("train", owner, "a 1-D array of spike times in seconds", train)
    return t


def onset_rate(train, start: float, stop: float) -> float:
    """1 / (first inter-spike interval inside ``[start, stop)``), in Hz; 0 with fewer
    than two spikes there. ``train``, ``start`` and ``stop`` in seconds."""
    t = _train(train, "onset_rate")
    inside = t[(t >= start - EDGE_S) & (t < stop - EDGE_S)]
    return float(1.0 / (inside[1] - inside[0])) if inside.size > 1 else 0.0


def adaptation_index(train) -> tuple[float, float, float]:
    """Onset rate f_0 = 1/(first ISI), adapted rate f_inf = 1/(last ISI) of a train (Hz),
    and the adaptation index (f_0 - f_inf)/f_0; NaN for all three with fewer than three
    spikes (two intervals)."""
    intervals = np.diff(_train(train, "adaptation_index"))
    if intervals.size < 2:
        return float("nan"), float("nan"), float("nan")
    f0, f_inf = 1.0 / intervals[0], 1.0 / intervals[-1]
    return f0, f_inf, (f0 - f_inf) / f0


def recovery(gap, depth, tau):
    """Exponential recovery of a paired-pulse ratio: 1 - depth exp(-gap / tau)."""
    return 1.0 - depth * np.exp(-np.asarray(gap) / tau)


def fit_recovery(gaps, ratios, *, tau_guess: float, depth_guess: float = 0.8):
    """Least-squares fit of :func:`recovery` to paired-pulse ratios at ``gaps``.

    Returns ``(depth, tau)`` in the units of ``gaps``; NaN for both when there are
    fewer points than parameters or the fit does not converge.
    """
    try:
        (depth, tau), _cov = curve_fit(
            recovery, np.asarray(gaps), np.asarray(ratios), p0=(depth_guess, tau_guess)
        )
    except (RuntimeError, TypeError):  # too few points or no convergence
        return float("nan"), float("nan")
    return float(depth), float(tau)
