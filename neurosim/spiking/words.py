"""The constraints the spiking side's public functions share (see
:mod:`neurosim.core.constraints`): spike trains, times and rates as Brian2 quantities or
plain numbers in SI units."""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import (
    POSITIVE,
    AnyOf,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    MappingOf,
    QuantityOf,
)

__all__ = ["INSTANT", "RNG", "SPAN", "STEP", "TRAIN", "TRAINS", "Either"]


class Either(AnyOf):
    """Any one of several constraints, named in a few words of its own (the words of a
    list of alternatives would be long): ``Either("spike times", QuantityOf(...), ...)``."""

    def __init__(self, words: str, *alternatives):
        super().__init__(*alternatives)
        self.words = words

    def text(self) -> str:
        return self.words


_ONE = "a 1-D time quantity such as [1, 4]*ms, or numbers in seconds"
#: a spike train: times as a Brian2 quantity or numbers in seconds (empty if silent;
#: negative before a stimulus)
TRAIN = Either(
    f"spike times ({_ONE})",
    QuantityOf("ms", ndim=1, min_size=0, example="[1, 4]*ms"),
    ArrayOf(1, min_size=0),
)
#: one train, or several: a list (or 2-D array) of them, one per trial or neuron, or a
#: mapping from neuron index to train (Brian2's ``SpikeMonitor.spike_trains()``)
TRAINS = Either(
    f"spike times: one train ({_ONE}), or several (a list of trains, or a mapping from "
    "neuron index to train)",
    *TRAIN.alternatives,
    ListOf(TRAIN, min_len=1),
    MappingOf(TRAIN, keys=Interval(0, None, integer=True)),
)
#: a duration, window or width: a Brian2 time or a number of seconds, > 0
SPAN = Either(
    "a time > 0 (a Brian2 quantity such as 5*ms, or a number of seconds)",
    QuantityOf("ms", POSITIVE, example="5*ms"),
    POSITIVE,
)
#: a time point (a window's start; before a stimulus too): a Brian2 time or seconds
INSTANT = Either(
    "a time (a Brian2 quantity such as 0*ms, or a number of seconds)",
    QuantityOf("ms", example="0*ms"),
    Interval(),
)
#: a simulation's step
STEP = QuantityOf("ms", POSITIVE, example="0.1*ms")
#: a random generator
RNG = InstanceOf(np.random.Generator, text="a numpy Generator (np.random.default_rng(seed))")
