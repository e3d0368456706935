"""Spike-timing-dependent plasticity: compatibility names (the code moved).

- the rule and its result: :mod:`neurosim.spiking.stdp` (:class:`STDPParameters`,
  :class:`STDPResult`; the module docstring explains the rule and the speed-up);
- the postsynaptic neuron: :mod:`neurosim.spiking.neurons.conductance`
  (:class:`ConductanceLIFParameters`);
- the input trains: :mod:`neurosim.spiking.trains` (:func:`shared_source_trains`);
- the Brian2 runs: :mod:`neurosim.spiking.stdp_experiments` (:func:`stdp_window`) and
  :mod:`neurosim.spiking.stdp_learning` (:func:`stdp_experiment`).
"""

from neurosim.spiking.neurons.conductance import ConductanceLIFParameters
from neurosim.spiking.stdp import STDPParameters, STDPResult
from neurosim.spiking.stdp_experiments import stdp_trains_change, stdp_window
from neurosim.spiking.stdp_learning import stdp_experiment
from neurosim.spiking.trains import shared_source_trains

__all__ = [
    "ConductanceLIFParameters",
    "STDPParameters",
    "STDPResult",
    "shared_source_trains",
    "stdp_experiment",
    "stdp_trains_change",
    "stdp_window",
]
