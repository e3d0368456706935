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
from neurosim.artificial.learning import (
    Backprop,
    FeedbackAlignment,
    LearningRule,
    NodePerturbation,
    SignConstrained,
    alignment_angle,
    update_angle,
)
from neurosim.artificial.network import (
    OUTPUTS,
    DeepNetwork,
    ForwardRecord,
    History,
    gradient_check,
    numerical_gradients,
)
from neurosim.artificial.subunits import SubunitNetwork, variance_explained
from neurosim.artificial.training import OPTIMIZERS, SGD, Adam, Optimizer, get_optimizer
from neurosim.artificial.unit import LogisticUnit

__all__ = [
    "ACTIVATIONS",
    "OPTIMIZERS",
    "OUTPUTS",
    "SGD",
    "Activation",
    "Adam",
    "Backprop",
    "DeepNetwork",
    "FeedbackAlignment",
    "ForwardRecord",
    "History",
    "LIFRate",
    "LearningRule",
    "LogisticUnit",
    "NodePerturbation",
    "Optimizer",
    "ReLU",
    "Sigmoid",
    "SignConstrained",
    "SoftLIF",
    "Softplus",
    "SubunitNetwork",
    "Tanh",
    "alignment_angle",
    "get_activation",
    "get_optimizer",
    "gradient_check",
    "logsigmoid",
    "numerical_gradients",
    "sigmoid",
    "softplus",
    "update_angle",
    "variance_explained",
]
