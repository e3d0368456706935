"""The comparison layer: the only place that knows both the artificial and the spiking side.

- :func:`unit_vs_neuron`: one logistic unit and one LIF neuron on the same weighted inputs.
- :func:`convert`, :func:`simulate_converted`: a trained DeepNetwork as spiking neurons.
- :mod:`~neurosim.compare.metrics`: correlation and the error left by affine/logistic fits.
"""

from neurosim.compare.convert import (
    ConversionResult,
    ConversionWarning,
    SpikingNetwork,
    convert,
    simulate_converted,
)
from neurosim.compare.metrics import AffineFit, LogisticFit, fit_affine, fit_logistic, pearson
from neurosim.compare.single import UnitNeuronComparison, unit_vs_neuron

__all__ = [
    "AffineFit",
    "ConversionResult",
    "ConversionWarning",
    "LogisticFit",
    "SpikingNetwork",
    "UnitNeuronComparison",
    "convert",
    "fit_affine",
    "fit_logistic",
    "pearson",
    "simulate_converted",
    "unit_vs_neuron",
]
