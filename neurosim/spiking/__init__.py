"""The spiking side: neuron models, stimuli in Brian2, simulation, theory and analysis.

Never imports :mod:`neurosim.artificial` (imports point one way; see DESIGN.md).
"""

from neurosim.spiking.backend import TARGETS, get_target, set_target, use_target
from neurosim.spiking.neurons import (
    ADEX_REGIMES,
    AdExParameters,
    LIFParameters,
    NeuronParameters,
    TwoCompartmentParameters,
)
from neurosim.spiking.simulate import SpikeResult, fi_curve, simulate

__all__ = [
    "ADEX_REGIMES",
    "TARGETS",
    "AdExParameters",
    "LIFParameters",
    "NeuronParameters",
    "SpikeResult",
    "TwoCompartmentParameters",
    "fi_curve",
    "get_target",
    "set_target",
    "simulate",
    "use_target",
]
