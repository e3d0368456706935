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
    steady_rate,
)
from neurosim.spiking.backend import TARGETS, get_target, set_target, use_target
from neurosim.spiking.batch import Simulation, seeds_as_batch, simulate_all
from neurosim.spiking.contrast import (
    farthest_from_one,
    halfway_point,
    mean_and_se,
    ratio_and_se,
)
from neurosim.spiking.counting import (
    CountingError,
    condition_rates,
    log_slope,
    neurons_for_spikes,
    periodic_count_error,
    poisson_z,
    pool_sizes,
    pooled_count_error,
    quantisation_error,
    running_rate,
    window_counts,
    window_for_error,
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
from neurosim.spiking.precise_rates import MeasuredRates, expected_lif_rates, measure_lif_rates
from neurosim.spiking.reliability import chance_reliability, reliability
from neurosim.spiking.settled_dendrite import (
    dendritic_noise_std,
    effective_soma,
    settled_rate,
    soma_drive,
)
from neurosim.spiking.shot_noise import jump_train_peak, poisson_input_rate, shot_noise_drive
from neurosim.spiking.simulate import SpikeResult, fi_curve, simulate
from neurosim.spiking.stdp_conditions import STDPConditions, STDPRun, stdp_conditions
from neurosim.spiking.stdp_learning import stdp_experiments
from neurosim.spiking.summation import (
    SpikeTrains,
    SummationDesign,
    SummationResult,
    mean_conductances,
    poisson_fibres,
    shunted_depolarisation,
    simulate_summation,
    summation_design,
    summation_gain,
)
from neurosim.spiking.summation_batch import Summation
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
    "CountingError",
    "LIFParameters",
    "MeasuredRates",
    "NeuronParameters",
    "PairedPulses",
    "STDPConditions",
    "STDPParameters",
    "STDPResult",
    "STDPRun",
    "Simulation",
    "SpikeResult",
    "SpikeTrains",
    "Summation",
    "SummationDesign",
    "SummationResult",
    "TwoCompartmentParameters",
    "adaptation_index",
    "by_condition",
    "chance_reliability",
    "condition_rates",
    "cv_isi",
    "dendritic_noise_std",
    "effective_soma",
    "expected_lif_rates",
    "fano_factor",
    "farthest_from_one",
    "fi_curve",
    "firing_rate",
    "fit_recovery",
    "get_target",
    "halfway_point",
    "isi",
    "jump_train_peak",
    "lif_rate",
    "lif_rate_from_drive",
    "log_slope",
    "mean_and_se",
    "mean_conductances",
    "measure_lif_rates",
    "mg_block",
    "neurons_for_spikes",
    "onset_rate",
    "paired_pulse_experiment",
    "periodic_count_error",
    "poisson_fibres",
    "poisson_input_rate",
    "poisson_z",
    "pool_sizes",
    "pooled_count_error",
    "psth",
    "quantisation_error",
    "raster_data",
    "ratio_and_se",
    "recovery",
    "reliability",
    "running_rate",
    "seeds_as_batch",
    "set_target",
    "settled_rate",
    "shared_source_trains",
    "shot_noise_drive",
    "shunted_depolarisation",
    "siegert_rate",
    "simulate",
    "simulate_all",
    "simulate_branched",
    "simulate_summation",
    "soma_drive",
    "spike_counts",
    "stdp_conditions",
    "stdp_experiment",
    "stdp_experiments",
    "stdp_trains_change",
    "stdp_window",
    "steady_rate",
    "summation_design",
    "summation_gain",
    "use_target",
    "window_counts",
    "window_for_error",
]
