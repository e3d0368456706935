"""The constraints the spiking side's public functions share (see
:mod:`neurosim.core.constraints`): spike trains, times and rates as Brian2 quantities or
plain numbers in SI units."""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import (
    NON_NEGATIVE,
    POSITIVE,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    QuantityOf,
)

#: a spike train: times as a Brian2 quantity or numbers in seconds (empty if silent;
#: negative before a stimulus)
TRAIN = [QuantityOf("ms", ndim=1, min_size=0, example="[1, 4]*ms"), ArrayOf(1, min_size=0)]
#: one train, or a list of them (one per trial or neuron)
TRAINS = [*TRAIN, ListOf(TRAIN, min_len=1)]
#: a duration, window or width: a Brian2 time or a number of seconds, > 0
SPAN = [QuantityOf("ms", POSITIVE, example="5*ms"), POSITIVE]
#: a time point (a window's start; before a stimulus too): a Brian2 time or seconds
INSTANT = [QuantityOf("ms", example="0*ms"), Interval()]
#: a simulation's step
STEP = QuantityOf("ms", POSITIVE, example="0.1*ms")
#: a random generator
RNG = InstanceOf(np.random.Generator, text="a numpy Generator (np.random.default_rng(seed))")
#: rates in Hz, >= 0, any shape
RATES = QuantityOf("Hz", NON_NEGATIVE, ndim=None, example="[5, 10]*Hz")

__all__ = ["INSTANT", "RATES", "RNG", "SPAN", "STEP", "TRAIN", "TRAINS"]
