"""One definition of "the same input" for the artificial and the spiking side.

A :class:`Stimulus` is an input over time for a batch of ``n`` neurons (or
conditions).  The factories below build one:

=====================  =========================================================
:func:`constant`       a constant current per neuron
:func:`step`           a current step (onset, optional offset, baseline)
:func:`ramp`           a linear current ramp
:func:`sinusoid`       a sinusoidal current
:func:`noisy_current`  a frozen Ornstein-Uhlenbeck current (replayable)
:func:`poisson`        independent Poisson input spike trains per neuron
:func:`spike_pattern`  explicit input spikes
:func:`paired_pulses`  pulse, gap, identical pulse: one condition per gap
=====================  =========================================================

Spike patterns on a time grid (:mod:`neurosim.stimuli.patterns`): the same input rates
with different timing (:func:`volley_steps`, :func:`jittered_steps`,
:func:`shuffled_steps`, :func:`equal_rate_patterns`, :func:`delay_line`), Poisson trains
drawn once and replayed on every trial (:func:`frozen_poisson`, frozen where
:func:`poisson` is fresh), and many patterns as the conditions of one run, each driving
its own neuron (:func:`routed_pattern`; :class:`PatternBatch` from :func:`pattern_batch`
adds a constant drive per neuron).

Amplitudes are Brian2 quantities (``0.2*nA``), scalar or 1-D (one value per
neuron of the batch; scalars broadcast).  ``stimulus.values(t)`` gives plain
float arrays in SI units (amp for currents, hertz for Poisson rates) for the
artificial side, and :func:`neurosim.spiking.simulate` turns the same object
into Brian2 input (the translation lives in :mod:`neurosim.spiking.inputs`, which
dispatches on the stimulus type: :class:`ConstantCurrent`, :class:`CurrentStimulus`,
:class:`PoissonInput`, :class:`SpikePattern`).

This module only describes input: it never imports brian2 (the artificial side
must stay free of its 2 s import); unit checks go through :mod:`neurosim.units`
when a quantity arrives.
"""

from neurosim.stimuli.currents import (
    constant,
    noisy_current,
    ramp,
    sampled,
    sinusoid,
    step,
    waveform,
)
from neurosim.stimuli.patterns import (
    DELAY_ORDERS,
    PatternBatch,
    delay_line,
    equal_rate_patterns,
    frozen_poisson,
    jittered_steps,
    pattern_batch,
    routed_pattern,
    shuffled_steps,
    volley_steps,
)
from neurosim.stimuli.protocols import paired_pulses
from neurosim.stimuli.spikes import poisson, spike_pattern
from neurosim.stimuli.types import (
    KINDS,
    ConstantCurrent,
    CurrentStimulus,
    PoissonInput,
    SpikePattern,
    Stimulus,
)
from neurosim.stimuli.volleys import BranchVolleys, concat_volleys, placed_volleys, random_volleys

__all__ = [
    "DELAY_ORDERS",
    "KINDS",
    "BranchVolleys",
    "ConstantCurrent",
    "CurrentStimulus",
    "PatternBatch",
    "PoissonInput",
    "SpikePattern",
    "Stimulus",
    "concat_volleys",
    "constant",
    "delay_line",
    "equal_rate_patterns",
    "frozen_poisson",
    "jittered_steps",
    "noisy_current",
    "paired_pulses",
    "pattern_batch",
    "placed_volleys",
    "poisson",
    "ramp",
    "random_volleys",
    "routed_pattern",
    "sampled",
    "shuffled_steps",
    "sinusoid",
    "spike_pattern",
    "step",
    "volley_steps",
    "waveform",
]
