"""The spiking side: neuron models, stimuli in Brian2, simulation, theory and analysis.

Never imports :mod:`neurosim.artificial` (imports point one way; see docs/architecture.md).
"""

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
from neurosim.spiking.contrast import (
    farthest_from_one,
    halfway_point,
    mean_and_se,
    ratio_and_se,
)
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
from neurosim.spiking.reliability import chance_reliability, reliability
from neurosim.spiking.shot_noise import jump_train_peak, poisson_input_rate, shot_noise_drive
from neurosim.spiking.simulate import SpikeResult, fi_curve, simulate
from neurosim.spiking.theory import (
    FINITE_DT_COEFFICIENT,
    lif_rate,
    lif_rate_from_drive,
    siegert_rate,
)
from neurosim.spiking.trials import ConditionTrials, by_condition

__all__ = [
    "ADEX_REGIMES",
    "FINITE_DT_COEFFICIENT",
    "TARGETS",
    "AdExParameters",
    "BranchedNeuronParameters",
    "BranchedResult",
    "ConditionTrials",
    "ConductanceLIFParameters",
    "LIFParameters",
    "NeuronParameters",
    "STDPParameters",
    "STDPResult",
    "SpikeResult",
    "TwoCompartmentParameters",
    "by_condition",
    "chance_reliability",
    "cv_isi",
    "fano_factor",
    "farthest_from_one",
    "fi_curve",
    "firing_rate",
    "get_target",
    "halfway_point",
    "isi",
    "jump_train_peak",
    "lif_rate",
    "lif_rate_from_drive",
    "mean_and_se",
    "mg_block",
    "poisson_input_rate",
    "psth",
    "raster_data",
    "ratio_and_se",
    "reliability",
    "set_target",
    "shared_source_trains",
    "shot_noise_drive",
    "siegert_rate",
    "simulate",
    "simulate_branched",
    "spike_counts",
    "stdp_experiment",
    "stdp_trains_change",
    "stdp_window",
    "use_target",
]
