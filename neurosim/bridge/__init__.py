"""The comparison layer: the only place that knows both the artificial and the spiking side.

- :func:`unit_vs_neuron`: one logistic unit and one LIF neuron on the same weighted inputs.
- :func:`convert`, :func:`simulate_converted`: a trained DeepNetwork as spiking neurons.
- :func:`run_in_brian2`: a spiking network trained in numpy (surrogate gradients), in Brian2.
- :mod:`~neurosim.bridge.metrics`: correlation and the error left by affine/logistic fits.
- :func:`foot_ratio`: how gradually a response starts, beside the squashing functions.
"""

from neurosim.bridge.convert import (
    ConversionResult,
    ConversionWarning,
    SpikingNetwork,
    convert,
    simulate_converted,
)
from neurosim.bridge.foot import FOOT_LEVELS, LINKS, foot_ratio, link_foot_ratios
from neurosim.bridge.metrics import (
    AffineFit,
    LogisticFit,
    fit_affine,
    fit_logistic,
    logistic_noise_floor,
    pearson,
)
from neurosim.bridge.single import UnitNeuronComparison, unit_vs_neuron
from neurosim.bridge.trained_snn import DigitsRace, answer_time, digits_race, run_in_brian2
from neurosim.bridge.tuning import OrientationTuning, cycle_mean_rate, orientation_tuning

__all__ = [
    "FOOT_LEVELS",
    "LINKS",
    "AffineFit",
    "ConversionResult",
    "ConversionWarning",
    "DigitsRace",
    "LogisticFit",
    "OrientationTuning",
    "SpikingNetwork",
    "UnitNeuronComparison",
    "answer_time",
    "convert",
    "cycle_mean_rate",
    "digits_race",
    "fit_affine",
    "fit_logistic",
    "foot_ratio",
    "link_foot_ratios",
    "logistic_noise_floor",
    "orientation_tuning",
    "pearson",
    "run_in_brian2",
    "simulate_converted",
    "unit_vs_neuron",
]
