"""Spiking neuron models: validated parameter sets that carry their Brian2 equations.

Each model is a frozen dataclass of Brian2 quantities.  It validates on
construction (units, signs, orderings such as ``V_reset < V_th``) and knows its
own Brian2 description: :attr:`equations`, :attr:`threshold`, :attr:`reset`,
:attr:`refractory`, :attr:`method` and :meth:`namespace`.  The simulator
(:func:`neurosim.spiking.simulate`) only assembles these pieces.

Batches of conditions
---------------------
Every parameter may be a scalar or a 1-D quantity array of length ``n`` (one value
per condition), e.g. ``LIFParameters(sigma=[0, 2, 4]*mV)``.  Scalars go into the
Brian2 namespace (:meth:`namespace`); arrays become per-neuron constants
(:meth:`per_neuron`), so a sweep over a parameter is still one network and one run.
"""

from neurosim.spiking.neurons.adex import ADEX_REGIMES, AdExParameters
from neurosim.spiking.neurons.base import NeuronParameters, quantity_fields
from neurosim.spiking.neurons.conductance import ConductanceLIFParameters
from neurosim.spiking.neurons.hh import HHParameters
from neurosim.spiking.neurons.lif import LIFParameters, TwoCompartmentParameters

__all__ = [
    "ADEX_REGIMES",
    "AdExParameters",
    "ConductanceLIFParameters",
    "HHParameters",
    "LIFParameters",
    "NeuronParameters",
    "TwoCompartmentParameters",
    "quantity_fields",
]
