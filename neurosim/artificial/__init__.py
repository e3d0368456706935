"""The artificial side of neurosim: logistic units and deep networks in numpy.

Never imports brian2 or :mod:`neurosim.spiking` (the comparison layer joins the two).
Everything is dimensionless; the LIF-rate activations take their time constants as
plain floats in seconds.
"""

from neurosim.artificial.activations import (
    ACTIVATIONS,
    Activation,
    LIFRate,
    ReLU,
    Sigmoid,
    SoftLIF,
    Softplus,
    Tanh,
    get_activation,
    logsigmoid,
    sigmoid,
    softplus,
)
from neurosim.artificial.alignment import alignment_angle, update_angle
from neurosim.artificial.autoencoder import SparseAutoencoder
from neurosim.artificial.fitting import History
from neurosim.artificial.gradcheck import gradient_check, numerical_gradients
from neurosim.artificial.learning import (
    Backprop,
    FeedbackAlignment,
    LearningRule,
    NodePerturbation,
    SignConstrained,
)
from neurosim.artificial.network import OUTPUTS, DeepNetwork, ForwardRecord
from neurosim.artificial.predictive_coding import (
    PredictiveCoding,
    Settled,
    SettlingTrace,
    cascade_cosine,
    nudge_sweep,
    settled_fraction,
    settling_trace,
    steps_to_settle,
)
from neurosim.artificial.rule_comparison import RuleRun, compare_rules, constrained_rules
from neurosim.artificial.spike_codes import bernoulli_spikes, latency_spikes, random_patterns
from neurosim.artificial.stacked import Training, fit_together
from neurosim.artificial.subunits import SubunitNetwork, variance_explained
from neurosim.artificial.surrogate import SpikingRun, SurrogateSNN, TrainingCurve
from neurosim.artificial.surrogate_tasks import (
    TrueVsSurrogate,
    digit_snn,
    pattern_task,
    steepness_sweep,
    true_vs_surrogate,
)
from neurosim.artificial.surrogates import (
    FastSigmoid,
    SigmoidDerivative,
    SmoothSpike,
    Surrogate,
    Triangle,
    TrueDerivative,
)
from neurosim.artificial.training import OPTIMIZERS, SGD, Adam, Optimizer, get_optimizer
from neurosim.artificial.truth_tables import AND, CORNERS, XOR, random_line_accuracies
from neurosim.artificial.unit import LogisticUnit
from neurosim.artificial.xor import BumpUnit, XorUnits, bump, threshold_unit_accuracies, xor_units

__all__ = [
    "ACTIVATIONS",
    "AND",
    "CORNERS",
    "OPTIMIZERS",
    "OUTPUTS",
    "SGD",
    "XOR",
    "Activation",
    "Adam",
    "Backprop",
    "BumpUnit",
    "DeepNetwork",
    "FastSigmoid",
    "FeedbackAlignment",
    "ForwardRecord",
    "History",
    "LIFRate",
    "LearningRule",
    "LogisticUnit",
    "NodePerturbation",
    "Optimizer",
    "PredictiveCoding",
    "ReLU",
    "RuleRun",
    "Settled",
    "SettlingTrace",
    "Sigmoid",
    "SigmoidDerivative",
    "SignConstrained",
    "SmoothSpike",
    "SoftLIF",
    "Softplus",
    "SparseAutoencoder",
    "SpikingRun",
    "SubunitNetwork",
    "Surrogate",
    "SurrogateSNN",
    "Tanh",
    "Training",
    "TrainingCurve",
    "Triangle",
    "TrueDerivative",
    "TrueVsSurrogate",
    "XorUnits",
    "alignment_angle",
    "bernoulli_spikes",
    "bump",
    "cascade_cosine",
    "compare_rules",
    "constrained_rules",
    "digit_snn",
    "fit_together",
    "get_activation",
    "get_optimizer",
    "gradient_check",
    "latency_spikes",
    "logsigmoid",
    "nudge_sweep",
    "numerical_gradients",
    "pattern_task",
    "random_line_accuracies",
    "random_patterns",
    "settled_fraction",
    "settling_trace",
    "sigmoid",
    "softplus",
    "steepness_sweep",
    "steps_to_settle",
    "threshold_unit_accuracies",
    "true_vs_surrogate",
    "update_angle",
    "variance_explained",
    "xor_units",
]
