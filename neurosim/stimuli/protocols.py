"""Stimulation protocols built from current steps: one condition per setting, one run.

:func:`paired_pulses` is the paired-pulse protocol of physiology (pulse, gap, identical
pulse): how the answer to the second pulse depends on the gap shows what the first
left behind (refractoriness, adaptation, synaptic depression).
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import BOOL, NON_NEGATIVE, POSITIVE, QuantityOf, validate
from neurosim.stimuli.currents import step
from neurosim.stimuli.types import Stimulus

__all__ = ["paired_pulses"]


@validate(
    amplitude=QuantityOf("nA", example="1*nA"),
    onset=QuantityOf("ms", NON_NEGATIVE, example="100*ms"),
    width=QuantityOf("ms", POSITIVE, example="5*ms"),
    gaps=QuantityOf("ms", NON_NEGATIVE, ndim=1, example="[5, 20]*ms"),
    hold=BOOL,
)
def paired_pulses(amplitude, *, onset, width, gaps, hold: bool = False) -> list[Stimulus]:
    """Pulse, gap, identical pulse: one condition per gap, as steps that add up.

    Condition ``k`` gets a current pulse of ``amplitude`` from ``onset`` for ``width``,
    and an identical pulse ``gaps[k]`` after the first one ends. With ``hold=True`` one
    more condition, the last, gets a step that starts with the first pulse and stays on
    (the same input without a gap, e.g. to measure adaptation beside the pulses).

    Parameters
    ----------
    amplitude : Quantity
        Current of both pulses (a scalar).
    onset, width : Quantity
        Start of the first pulse (>= 0) and length of each pulse (> 0).
    gaps : Quantity
        1-D times from the end of the first pulse to the start of the second (>= 0).
    hold : bool, default False
        Add the condition with the step that stays on.

    Returns
    -------
    list of Stimulus
        Steps whose sum is the protocol (``simulate`` adds a list of stimuli), each for
        ``len(gaps) + hold`` conditions: the first pulse, then one step per condition.

    Examples
    --------
    >>> from neurosim.units import ms, nA
    >>> pulses = paired_pulses(1 * nA, onset=1 * ms, width=1 * ms, gaps=[0.5, 2] * ms)
    >>> len(pulses), pulses[0].n
    (3, 2)
    """
    n = len(gaps) + int(hold)
    first = step(np.ones(n) * amplitude, onset=onset, offset=onset + width)
    seconds = []
    for k in range(n):
        alone = np.zeros(n)
        alone[k] = 1.0
        if k < len(gaps):
            start = onset + width + gaps[k]
            seconds.append(step(alone * amplitude, onset=start, offset=start + width))
        else:  # the held step: from the end of the first pulse on
            seconds.append(step(alone * amplitude, onset=onset + width))
    return [first, *seconds]
