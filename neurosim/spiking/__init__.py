"""The spiking side: neuron models, stimuli in Brian2, simulation, theory and analysis.

Never imports :mod:`neurosim.artificial` (imports point one way; see docs/architecture.md).
"""

from neurosim.spiking.adaptation import (
    PairedPulses,
    adaptation_index,
    fit_recovery,
    onset_rate,
    paired_pulse_experiment,
    recovery,
)
from neurosim.spiking.analysis import (
    cv_isi,
    fano_factor,
    firing_rate,
    isi,
    psth,
    raster_data,
    spike_counts,
)
from neurosim.spiking.backend import TARGETS, get_target, set_target, use_target
from neurosim.spiking.dendrites import (
    BranchedNeuronParameters,
    BranchedResult,
    mg_block,
    simulate_branched,
)
from neurosim.spiking.neurons import (
    ADEX_REGIMES,
    AdExParameters,
    LIFParameters,
    NeuronParameters,
    TwoCompartmentParameters,
)
from neurosim.spiking.plasticity import (
    ConductanceLIFParameters,
    STDPParameters,
    STDPResult,
    shared_source_trains,
    stdp_experiment,
    stdp_trains_change,
    stdp_window,
)
from neurosim.spiking.simulate import SpikeResult, fi_curve, simulate
from neurosim.spiking.theory import (
    FINITE_DT_COEFFICIENT,
    lif_rate,
    lif_rate_from_drive,
    siegert_rate,
)

__all__ = [
    "ADEX_REGIMES",
    "FINITE_DT_COEFFICIENT",
    "TARGETS",
    "AdExParameters",
    "BranchedNeuronParameters",
    "BranchedResult",
    "ConductanceLIFParameters",
    "LIFParameters",
    "NeuronParameters",
    "PairedPulses",
    "STDPParameters",
    "STDPResult",
    "SpikeResult",
    "TwoCompartmentParameters",
    "adaptation_index",
    "cv_isi",
    "fano_factor",
    "fi_curve",
    "firing_rate",
    "fit_recovery",
    "get_target",
    "isi",
    "lif_rate",
    "lif_rate_from_drive",
    "mg_block",
    "onset_rate",
    "paired_pulse_experiment",
    "psth",
    "raster_data",
    "recovery",
    "set_target",
    "shared_source_trains",
    "siegert_rate",
    "simulate",
    "simulate_branched",
    "spike_counts",
    "stdp_experiment",
    "stdp_trains_change",
    "stdp_window",
    "use_target",
]
