"""Turn a trained :class:`~neurosim.artificial.DeepNetwork` into a network of spiking neurons.

The rate-based conversion of Diehl et al. (2015, IJCNN, "Fast-classifying,
high-accuracy spiking deep networks through weight and threshold balancing") and
Rueckauer et al. (2017, Front. Neurosci. 11:682): every unit becomes a spiking neuron
whose firing rate stands for the unit's activation, every weight a synapse.

How a unit's activation ``a`` maps onto a rate ``r`` depends on what it was trained with:

- **normalised** (relu, softplus, sigmoid): ``a ~ s_l * r`` with ``s_l = lambda_l / max_rate``,
  where ``lambda_l`` is a robust maximum of layer ``l``'s activations on calibration
  data (the 99.9th percentile, after Rueckauer et al. 2017), so activation ``lambda_l``
  fires at ``max_rate``. Units that are not ReLUs are replaced by the straight line
  ``max(0, alpha z + beta)`` that touches them where they matter (sigmoid: the slope
  1/4 and value 1/2 at z = 0; softplus: the ReLU), which is where their conversion
  loses accuracy.
- **rate-matched** (lif_rate, soft_lif): the unit *is* a LIF rate curve, so the
  neuron gets the unit's input ``z`` (in units of its rheobase) as its current and
  fires at ``a / amplitude`` hertz with no rescaling at all: such networks convert
  with the least loss (Hunsberger & Eliasmith 2015, arXiv:1510.08829).

Neurons are written in threshold units (``v = 0`` at rest, ``v = 1`` at threshold)::

    dv/dt = -leak * v / tau_m + drive : 1 (unless refractory)

with ``leak = 1`` for LIF neurons and ``leak = 0`` for integrate-and-fire (IF) ones;
``drive`` is the constant part of the input (bias, and the image itself when it is
given as constant currents), and every presynaptic spike makes ``v`` jump by its
weight. Reset is to zero, or by subtraction of the threshold (Rueckauer et al. 2017),
which keeps the surplus charge and loses less. The output layer is read out as the
spike count of non-leaky accumulators, ties broken by their membrane potential
(count + v is the integrated input, in thresholds).

A whole test set runs in ONE simulation: sample ``n``'s copy of layer ``l`` is the
block of neurons ``n * size_l ... (n + 1) * size_l - 1`` of one NeuronGroup, and the
synapses are wired with those index offsets.
"""

from __future__ import annotations

import warnings

import numpy as np

from neurosim.artificial.network import DeepNetwork
from neurosim.bridge.converted_run import run_converted
from neurosim.bridge.readout import ConversionResult
from neurosim.core.constraints import (
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    Options,
    QuantityOf,
    validate,
)
from neurosim.core.validation import param_error
from neurosim.core.warning_types import ConversionWarning
from neurosim.spiking.backend import TARGETS
from neurosim.spiking.engine import check_steps
from neurosim.units import Hz, ms, second

__all__ = [
    "ConversionResult",
    "ConversionWarning",
    "SpikingNetwork",
    "convert",
    "simulate_converted",
]

# activation name -> (alpha, beta) of the rectified line max(0, alpha z + beta) used for it
_LINEAR = {"relu": (1.0, 0.0), "softplus": (1.0, 0.0), "sigmoid": (0.25, 0.5)}
_RATE_MATCHED = ("lif_rate", "soft_lif")


class SpikingNetwork:
    """A converted network: spiking layers with weights in threshold units.

    Build it with :func:`convert`; run it with :meth:`run`.

    Attributes
    ----------
    layer_sizes : list of int
    jumps : list of ndarray (n_in, n_out)
        Jump of the postsynaptic ``v`` per presynaptic spike (threshold units),
        for layers 2.. (the first layer gets the image as a current ``input_drive``).
    bias_drive : list of ndarray (n_out,)
        Constant drive of each layer, in thresholds per second.
    input_drive : ndarray (n_inputs, n_hidden1)
        Drive per unit of input x, in thresholds per second.
    neuron : {"lif", "if"}
    reset : {"zero", "subtract"}
    """

    def __init__(
        self,
        *,
        network,
        jumps,
        bias_drive,
        input_drive,
        rate_per_activation,
        neuron,
        reset,
        tau_m,
        t_ref,
        leak,
        max_rate,
        mode,
        notes,
    ):
        self.network = network
        self.layer_sizes = list(network.layer_sizes)
        self.jumps = jumps
        self.bias_drive = bias_drive
        self.input_drive = input_drive
        self.rate_per_activation = rate_per_activation
        self.neuron = neuron
        self.reset = reset
        self.tau_m = tau_m
        self.t_ref = t_ref
        self.leak = leak
        self.max_rate = max_rate
        self.mode = mode
        self.notes = notes

    def __repr__(self) -> str:
        return (
            f"SpikingNetwork({self.layer_sizes}, neuron={self.neuron!r}, reset={self.reset!r}, "
            f"mode={self.mode!r}, from {self.network.hidden.name} units)"
        )

    def run(self, X, duration, **kwargs) -> ConversionResult:
        """Simulate every row of ``X`` at once; see :func:`simulate_converted`."""
        return simulate_converted([self], X, duration, **kwargs)[0]


_TIME = QuantityOf("ms", POSITIVE)


@validate(
    networks=ListOf(InstanceOf(SpikingNetwork, text="a SpikingNetwork (from convert)")),
    X=ArrayOf(2),
    duration=_TIME,
    readout_every=_TIME,
    dt=_TIME,
    seed=SEED,
    target=[Options(*TARGETS), None],
    raster_sample=Interval(0, None, integer=True),
    inputs=Options("current", "poisson"),
    input_rate=QuantityOf("Hz", POSITIVE, ndim=(0, 1)),
)
def simulate_converted(
    networks,
    X,
    duration,
    *,
    readout_every=5 * ms,
    dt=0.1 * ms,
    seed=0,
    target=None,
    raster_sample: int = 0,
    inputs: str = "current",
    input_rate=200 * Hz,
) -> list[ConversionResult]:
    """Run one or more converted networks on every row of ``X`` in ONE simulation.

    All networks must have the same layer sizes; each network's copy of sample ``n``
    is a block of neurons inside one NeuronGroup per layer (per-neuron leak, time
    constant, refractory period and reset), so several conversions of the same
    architecture cost little more than one.

    Parameters
    ----------
    networks : list of SpikingNetwork
    X : array, shape (n_samples, n_inputs)
        Inputs, as given to the ANN (for Poisson inputs, in [0, 1]).
    duration : Quantity (time)
        Simulated time (every sample runs in parallel for this long).
    readout_every : Quantity (time), default 5 ms
        Interval between readouts of the output layer (a whole number of ``dt``). The
        readouts are at ``readout_every``, ``2 readout_every``, ... up to ``duration``;
        readout ``k`` pairs the output spikes of every step before time ``t_k`` with the
        membrane potentials at ``t_k``.
    dt : Quantity (time), default 0.1 ms
    seed : int, default 0
    target : str, optional
        Brian2 code-generation target (see :mod:`neurosim.spiking.backend`).
    raster_sample : int, default 0
        Which sample's spikes to keep for a raster plot (a row of ``X``).
    inputs : {"current", "poisson"}, default "current"
        How the image enters the first hidden layer: as constant currents (the
        weighted sum of the pixels, exact and cheap), or as Poisson spike trains,
        one per pixel at ``x * input_rate``, through synapses (noisier; costs
        ``n_samples * n_inputs * n_hidden`` synapses per network).
    input_rate : Quantity (rate), default 200 Hz
        Rate of a Poisson input whose x is 1; a scalar, or one rate per network (to
        compare input codes in the same run).

    Returns
    -------
    list of ConversionResult, one per network.
    """
    owner = "simulate_converted"
    networks = list(networks)
    n_steps, every_steps = _check_run(
        networks, X, duration, readout_every, dt, raster_sample, owner
    )
    input_rates = None
    if inputs == "poisson":
        m = len(networks)
        if np.ndim(input_rate) <= 1 and np.size(input_rate) in (1, m):
            input_rates = np.broadcast_to(np.asarray(input_rate / Hz, dtype=float), (m,)).copy()
        else:
            raise param_error("input_rate", owner, f"one rate or {m} (one per network)", input_rate)
        if X.min() < 0 or X.max() > 1:
            raise param_error(
                "X",
                owner,
                "values in [0, 1] for Poisson inputs",
                f"values in [{X.min():g}, {X.max():g}]",
            )
    return run_converted(
        networks,
        X,
        n_steps=n_steps,
        every_steps=every_steps,
        duration=duration,
        readout_every=readout_every,
        dt=dt,
        seed=seed,
        target=target,
        raster_sample=raster_sample,
        input_rates=input_rates,
    )


def _check_run(networks, X, duration, readout_every, dt, raster_sample, owner: str):
    """The checks of a run of ``networks`` on ``X`` that relate its arguments (each is
    checked alone by ``@validate``); its number of steps and of steps between readouts."""
    sizes = networks[0].layer_sizes
    if any(s.layer_sizes != sizes for s in networks):
        raise param_error(
            "networks",
            owner,
            "networks with identical layer sizes",
            [s.layer_sizes for s in networks],
        )
    if X.shape[1] != sizes[0]:
        raise param_error(
            "X",
            owner,
            f"an array with {sizes[0]} columns (the network's inputs)",
            f"shape {X.shape}",
        )
    if raster_sample >= X.shape[0]:
        raise param_error("raster_sample", owner, f"a row of X (below {X.shape[0]})", raster_sample)
    if readout_every > duration:
        raise param_error(
            "readout_every", owner, f"at most the duration ({duration})", readout_every
        )
    n_steps = check_steps(duration, dt, owner, "duration")
    every_steps = check_steps(readout_every, dt, owner, "readout_every")
    return n_steps, every_steps


@validate(
    network=InstanceOf(DeepNetwork),
    X_calibration=ArrayOf(2),
    neuron=[Options("lif", "if"), None],
    reset=[Options("zero", "subtract"), None],
    percentile=Interval(0, 100, closed="right"),
    max_rate=QuantityOf("Hz", POSITIVE),
    tau_m=[_TIME, None],
    t_ref=[QuantityOf("ms", NON_NEGATIVE), None],
)
def convert(
    network,
    X_calibration,
    *,
    neuron: str | None = None,
    reset: str | None = None,
    percentile: float = 99.9,
    max_rate=200 * Hz,
    tau_m=None,
    t_ref=None,
) -> SpikingNetwork:
    """Convert a trained DeepNetwork into a spiking network (see the module docstring).

    Parameters
    ----------
    network : DeepNetwork
        Trained (``network.is_trained``); hidden activation relu, softplus, sigmoid,
        lif_rate or soft_lif; two output units or more (the spiking readout picks the
        output neuron with the most spikes: one output neuron would always answer
        class 0).
    X_calibration : array, shape (n, n_inputs)
        Data whose activations set the normalisation (the training set).
    neuron : {"lif", "if"}, optional
        Spiking neuron. Default: "lif" for lif_rate/soft_lif networks (the neuron whose
        rate curve they were trained with), "if" (no leak) otherwise.
    reset : {"zero", "subtract"}, optional
        Default: "zero" for LIF neurons (the textbook LIF, whose rate is ``lif_rate``),
        "subtract" for IF neurons (Rueckauer et al. 2017).
    percentile : float, default 99.9
        Percentile of the calibration activations that fires at ``max_rate``
        (normalised mode only).
    max_rate : Quantity (rate), default 200 Hz
        Rate of the normalising activation (normalised mode only).
    tau_m, t_ref : Quantity (time), optional
        Membrane time constant and refractory period. Default: the activation's own
        (rate-matched mode), else tau_m = 20 ms and no refractory period.

    Returns
    -------
    SpikingNetwork
    """
    owner = "convert"
    if not getattr(network, "is_trained", False):
        raise param_error(
            "network",
            owner,
            "a trained DeepNetwork",
            "an untrained one",
            "Call network.fit(...) (or load a saved network) before converting it.",
        )
    if len(network.layer_sizes) < 3:
        raise param_error(
            "network",
            owner,
            "a network with at least one hidden layer (input, hidden..., output)",
            f"layer sizes {list(network.layer_sizes)}",
            "Conversion turns hidden units into spiking neurons; with none there is "
            "nothing to convert.",
        )
    if network.layer_sizes[-1] < 2:
        raise param_error(
            "network",
            owner,
            "a network with two output units or more",
            "one output unit",
            "The ANN thresholds one output at 0.5, but the spiking readout picks the output "
            "neuron with the most spikes, and with one neuron that is always class 0: train "
            "two softmax outputs to compare the two.",
        )
    if X_calibration.shape[1] != network.layer_sizes[0]:
        raise param_error(
            "X_calibration",
            owner,
            f"an array with {network.layer_sizes[0]} columns (the network's inputs)",
            f"shape {X_calibration.shape}",
        )
    hidden = network.hidden
    kind = hidden.name
    if kind not in _LINEAR and kind not in _RATE_MATCHED:
        raise param_error(
            "network",
            owner,
            "a network with relu, softplus, sigmoid, lif_rate or soft_lif units",
            f"{kind} units",
            "Spiking rates cannot be negative, so units with negative outputs do not convert.",
        )
    mode = "rate-matched" if kind in _RATE_MATCHED else "normalised"
    neuron = neuron or ("lif" if mode == "rate-matched" else "if")
    reset = reset or ("zero" if neuron == "lif" else "subtract")
    if mode == "rate-matched":
        default_tau, default_ref = hidden.tau_m * second, hidden.t_ref * second
    else:
        default_tau, default_ref = 20 * ms, 0 * ms
    tau_m = default_tau if tau_m is None else tau_m
    t_ref = default_ref if t_ref is None else t_ref
    notes = []
    if (
        mode == "rate-matched"
        and neuron == "lif"
        and (
            abs(float(tau_m / second) - hidden.tau_m) > 1e-12
            or abs(float(t_ref / second) - hidden.t_ref) > 1e-12
        )
    ):
        notes.append("tau_m/t_ref differ from the ones the network was trained with")
    if mode == "normalised" and kind != "relu":
        notes.append(f"{kind} units are approximated by a rectified line: expect a conversion loss")
    if mode == "rate-matched" and neuron == "if":
        notes.append("a LIF-rate network on IF neurons: expect a conversion loss")

    acts = network.layer_activations(X_calibration)
    W, b = network.weights, network.biases
    n_layers = len(W)
    tau_s = float(tau_m / second)
    r_max = float(max_rate / Hz)
    # s[l]: activation per Hz of hidden layer l; f[l]: drive (thresholds/s) per unit of z
    rate_per_activation, f_post, alpha_beta = [], [], []
    for k in range(n_layers - 1):
        if mode == "rate-matched":
            s = hidden.amplitude
            f = 1.0 / tau_s if neuron == "lif" else 1.0 / s
            ab = (1.0, 0.0)
        else:
            lam = float(np.percentile(acts[k], percentile))
            if lam <= 0:
                raise param_error(
                    "X_calibration",
                    owner,
                    "data on which every hidden layer is active",
                    f"hidden layer {k + 1} silent at the {percentile:g}th percentile",
                )
            s = lam / r_max
            f = 1.0 / s
            ab = _LINEAR[kind]
        rate_per_activation.append(1.0 / s)
        f_post.append(f)
        alpha_beta.append(ab)
    # output layer: non-leaky accumulators of the logits, shifted so the winner is positive
    logits = acts[-1] @ W[-1] + b[-1]
    shift = max(0.0, -float(np.percentile(logits.max(axis=1), 1.0))) + 1e-9
    lam_out = float(np.percentile(logits.max(axis=1) + shift, percentile))
    s_out = lam_out / r_max
    rate_per_activation.append(1.0 / s_out)
    f_post.append(1.0 / s_out)
    alpha_beta.append((1.0, shift))

    input_drive = alpha_beta[0][0] * W[0] * f_post[0]
    bias_drive, jumps = [], []
    for k in range(n_layers):
        alpha, beta = alpha_beta[k]
        bias_drive.append((alpha * b[k] + beta) * f_post[k])
        if k > 0:
            s_pre = 1.0 / rate_per_activation[k - 1]
            # per spike: activation per spike (s_pre) times drive per unit of z (f_post); for
            # LIF rate-matched layers that is amplitude / tau_m, a dimensionless jump too
            jumps.append(alpha * W[k] * s_pre * f_post[k])
    leak = 1.0 if neuron == "lif" else 0.0
    snn = SpikingNetwork(
        network=network,
        jumps=jumps,
        bias_drive=bias_drive,
        input_drive=input_drive,
        rate_per_activation=rate_per_activation[:-1],
        neuron=neuron,
        reset=reset,
        tau_m=tau_m,
        t_ref=t_ref,
        leak=leak,
        max_rate=max_rate,
        mode=mode,
        notes=notes,
    )
    for note in notes:  # convert < @validate < caller
        warnings.warn(f"{snn!r}: {note}", ConversionWarning, stacklevel=3)
    return snn
