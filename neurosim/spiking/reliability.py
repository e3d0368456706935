"""Spike-time reliability across trials (Schreiber et al. 2003) and its chance level.

Plain numpy, no simulation; spike trains and widths follow the conventions of
:mod:`neurosim.spiking.analysis` (Brian2 times or plain numbers in seconds).

Every trial's train is convolved with a Gaussian of SD ``width``; the reliability R is
the mean cosine similarity of the smoothed trains over all pairs of trials (Schreiber,
Fellous, Whitmer, Tiesinga & Sejnowski 2003, Neurocomputing 52:925): 1 for identical
trains, ``exp(-d^2 / (4 width^2))`` for two single spikes ``d`` apart,
``1 / sqrt(1 + s^2 / width^2)`` for sparse trains jittered by Gaussian noise of SD
``s``, and :func:`chance_reliability` for independent Poisson trains.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import NON_NEGATIVE, ArrayOf, QuantityOf, validate
from neurosim.spiking.analysis import _as_trains, _positive_seconds
from neurosim.spiking.words import SPAN, TRAINS

__all__ = ["chance_reliability", "reliability"]


@validate(trains=TRAINS, width=SPAN)
def reliability(trains, width) -> float:
    """Spike-time reliability of Schreiber et al. (2003): mean pairwise cosine similarity.

    The inner product of two trains smoothed by a Gaussian of SD ``width`` is
    proportional to ``sum_ab exp(-(t_a - t_b)^2 / (4 width^2))`` over their spikes ``a``,
    ``b``; R is the mean over all pairs of trials of ``<s_i, s_j> / (|s_i| |s_j|)``.

    Parameters
    ----------
    trains : sequence of spike trains
        One train per trial (see :mod:`neurosim.spiking.analysis`).
    width : Quantity or float
        SD of the Gaussian (a Brian2 time, or seconds), > 0.

    Returns
    -------
    float
        R in [0, 1].  A pair with one empty train counts 0, a pair of two empty trains
        is left out; NaN with fewer than two trials or no spike at all.
    """
    owner = "reliability"
    trains, single = _as_trains(trains, "trains", owner)
    width_s = _positive_seconds(width, "width", owner)
    n = 1 if single else len(trains)
    if n < 2:
        return float("nan")
    times = np.concatenate(trains)
    if times.size == 0:
        return float("nan")
    owner_of = np.repeat(np.arange(n), [t.size for t in trains])
    kernel = np.exp(-((times[:, None] - times[None, :]) ** 2) / (4 * width_s**2))
    member = np.zeros((n, times.size))
    member[owner_of, np.arange(times.size)] = 1.0
    gram = member @ kernel @ member.T
    norm = np.sqrt(np.diag(gram))
    i, j = np.triu_indices(n, k=1)
    both_empty = (norm[i] == 0) & (norm[j] == 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(norm[i] * norm[j] > 0, gram[i, j] / (norm[i] * norm[j]), 0.0)
    r = r[~both_empty]
    return float(r.mean()) if r.size else float("nan")


@validate(
    rate=[QuantityOf("Hz", NON_NEGATIVE, ndim=None, example="5*Hz"), ArrayOf(values=NON_NEGATIVE)],
    width=SPAN,
)
def chance_reliability(rate, width):
    """Expected R of independent Poisson trains of rate r: ``c / (1 + c)``, ``c = 2 sqrt(pi) w r``.

    In the kernel's units ``E<s_i, s_j> = r^2 T 2 sqrt(pi) w`` and ``E|s|^2 = r T +
    r^2 T 2 sqrt(pi) w`` (the spike itself and the others; ``T >> w``), so the ratio is
    ``c / (1 + c)``: 0.05 at 5 Hz and ``w`` = 3 ms.

    Parameters
    ----------
    rate : Quantity or float or array
        Firing rate(s) (a Brian2 frequency, or hertz), >= 0.
    width : Quantity or float
        SD of the Gaussian (a Brian2 time, or seconds), > 0.
    """
    owner = "chance_reliability"
    width_s = _positive_seconds(width, "width", owner)
    if hasattr(rate, "dimensions"):
        from neurosim.units import Hz

        rate = np.asarray(rate / Hz)
    r = np.asarray(rate, dtype=float)
    c = 2 * np.sqrt(np.pi) * width_s * r
    return c / (1 + c)
