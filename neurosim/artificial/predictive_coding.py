"""Predictive coding: backprop's weight updates from local errors and Hebbian plasticity.

Whittington & Bogacz (2017, Neural Comput. 29:1229) showed that a network of value
nodes and error nodes, settling with only local computations, gives the weight updates
of backprop when the error at the output is small; Millidge, Tschantz & Buckley (2022,
Neural Comput. 34:1329) extended it to any computation graph. Here the network is a
:class:`~neurosim.artificial.DeepNetwork` (layer ``l`` maps ``a_l`` to
``z_l = a_l @ W_l + b_l``); predictive coding gives every layer above the input a
*value node* ``x_l`` (the input ``x_0 = X`` is clamped) and an *error node*

    e_l = x_l - mu_l,     mu_{l+1} = g_l(x_l) @ W_l + b_l,

where ``g_0`` is the identity (the pixels themselves) and ``g_l = f`` the hidden
activation. Each sample has the energy

    E = sum_{l=1..L} |e_l|^2 / 2  +  beta * C(x_L, t),

with ``C`` the network's own loss of the output node (cross-entropy of ``softmax(x_L)``,
or binary cross-entropy of ``sigmoid(x_L)``) and ``beta`` the **nudge**: how hard the
target pulls the output. Two phases:

**Settling** (inference). Starting from the forward pass (``x_l = mu_l``: every error 0),
all value nodes descend the energy at once, in Euler steps of size ``gamma`` (the
inference rate: a step of ``gamma * tau`` for nodes with time constant ``tau``):

    x_l <- x_l - gamma * (e_l - f'(x_l) * (e_{l+1} @ W_l.T))     (hidden layers)
    x_L <- x_L - gamma * (e_L + beta * (p(x_L) - t))              (the output)

Each node sees only its own error and the errors of the layer above, through the
synapses it projects to.

**Learning** (Hebbian). After ``steps`` steps every weight changes by the product of
its presynaptic activity and its postsynaptic error node, ``Delta W_l ~ g_l(x_l).T @
e_{l+1}``, ``Delta b_l ~ e_{l+1}``: the descent of ``E`` in the weights. As an update
direction for the optimizer (which steps *against* it, like a gradient), divided by
``beta`` and by the ``n`` samples of the batch:

    dW_l = -g_l(x_l).T @ e_{l+1} / (beta n),     db_l = -sum(e_{l+1}) / (beta n).

Why this is backprop's gradient in the limit: at the energy's minimum the output error
is ``e_L = -beta (p(x_L) - t)`` and every hidden error obeys
``e_l = f'(x_l) * (e_{l+1} @ W_l.T)``, backprop's recursion for ``delta_l = dLoss/dz``.
As ``beta -> 0`` the value nodes stay at the forward pass, so ``-e_l / beta = delta_l +
O(beta)`` and ``dW_l`` tends to the gradient of the mean loss. A larger nudge moves the
output (and with it the layers below) away from the forward pass, and the update away
from the gradient.

How long settling takes (:func:`settled_fraction`): linearised for a small nudge, and
neglecting how a moving node changes the prediction of the layer above (a coupling of
order ``|f' W|^2``), the error node at depth ``k`` (the output ``k = 1``, the layer below
it ``k = 2``, ...) follows ``k`` leaky stages in cascade, each ``e <- (1 - gamma) e +
gamma * input``. After ``t`` steps it has reached the fraction ``P(Binomial(t, gamma) >=
k)`` of its equilibrium: the error arrives one layer per step, and grows with the time
constant ``1 / gamma`` steps. So the deeper the network, the longer it must settle
before its lowest layer learns.

What stays non-local: the error sent down, ``e_{l+1} @ W_l.T``, uses the transposes of
the forward weights (symmetric feedback synapses), as backprop does; Whittington &
Bogacz discuss learning those feedback synapses by the same Hebbian product.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial.activations import Sigmoid, sigmoid
from neurosim.artificial.constraints import DATA, LABELS
from neurosim.artificial.learning import Backprop, LearningRule, _sample_losses
from neurosim.artificial.network import DeepNetwork
from neurosim.core.constraints import (
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    Unchecked,
    param_error,
    validate,
)
from neurosim.core.validation import check_array

# settling steps (>= 0), the steps at which something is read, the Euler step in (0, 1]
_STEP, _RATE = Interval(0, None, integer=True), Interval(0, 1, closed="right")
_STEPS, _NETWORK = ArrayOf((0, 1), dtype=int, values=NON_NEGATIVE), InstanceOf(DeepNetwork)

__all__ = [
    "PredictiveCoding",
    "Settled",
    "SettlingTrace",
    "cascade_cosine",
    "nudge_sweep",
    "settled_fraction",
    "settling_trace",
    "steps_to_settle",
]


@dataclass(frozen=True)
class Settled:
    """The state of a predictive-coding network after settling on a batch.

    Attributes
    ----------
    values : tuple of ndarray
        The value nodes ``x_1 .. x_L`` (each ``(n_samples, units)``); ``x_L`` is the output.
    errors : tuple of ndarray
        The error nodes ``e_1 .. e_L = x_l - mu_l``.
    presynaptic : tuple of ndarray
        What each weight layer reads: ``g_0(x_0) = X`` and ``f(x_1) .. f(x_{L-1})``.
    steps : int
        Settling steps taken.
    """

    values: tuple
    errors: tuple
    presynaptic: tuple
    steps: int


@validate(steps=_STEP, inference_rate=_RATE, nudge=POSITIVE)
class PredictiveCoding(LearningRule):
    """Learning by predictive coding: settle, then a Hebbian update of every weight.

    See the module docstring for the energy, the settling dynamics and why the update
    tends to backprop's gradient as ``nudge -> 0`` and ``steps -> infinity``.

    Parameters
    ----------
    steps : int, default 100
        Settling steps before each update, >= 0 (0: no error reaches any node, the update
        is 0). Millidge et al. (2022) use 100 steps at inference rate 0.1 in their code.
    inference_rate : float, default 0.1
        Euler step ``gamma`` of the settling, in (0, 1] (the step of time in units of the
        value nodes' time constant).
    nudge : float, default 0.1
        ``beta``, the weight of the output loss in the energy, > 0.

    Examples
    --------
    >>> from neurosim.artificial import DeepNetwork
    >>> net = DeepNetwork([4, 6, 3], seed=0)
    >>> net.fit([[0, 1, 0, 1]] * 8, [2] * 8, epochs=1, rule=PredictiveCoding(steps=50)).epochs
    1
    """

    name = "predictive coding"

    def __init__(self, *, steps: int = 100, inference_rate: float = 0.1, nudge: float = 0.1):
        self.steps, self.inference_rate, self.nudge = steps, inference_rate, nudge

    def __repr__(self) -> str:
        return (
            f"PredictiveCoding(steps={self.steps!r}, inference_rate={self.inference_rate!r}, "
            f"nudge={self.nudge!r})"
        )

    # --- the two phases ---------------------------------------------------------------

    @validate(
        network=_NETWORK,
        X=DATA,
        targets=ArrayOf(2),
        steps=[_STEP, None],
        observe=Unchecked("a callback, called as observe(t, settled)"),
    )
    def settle(self, network, X, targets, *, steps: int | None = None, observe=None) -> Settled:
        """Settle the value nodes on ``(X, targets)`` from the forward pass.

        Parameters
        ----------
        network : DeepNetwork
        X : array (n_samples, n_inputs)
        targets : array (n_samples, n_outputs)
            As :meth:`DeepNetwork.targets` gives them (one-hot rows, or a 0/1 column).
        steps : int, optional
            Settling steps (default: the rule's ``steps``).
        observe : callable, optional
            ``observe(t, settled)`` is called before the first step (``t = 0``) and after
            every step ``t`` (the state is not copied: read it, do not keep it).

        Returns
        -------
        Settled
        """
        owner = "PredictiveCoding.settle"
        X = network._check_X(X, owner)
        n_out = network.weights[-1].shape[1]
        targets = check_array(targets, "targets", owner, ndim=2, shape=(X.shape[0], n_out))
        steps = self.steps if steps is None else steps
        return self._relax(network, X, targets, steps, observe)

    def _relax(self, network, X, targets, steps, observe) -> Settled:
        weights, biases, f = network.weights, network.biases, network.hidden
        L = len(weights)
        gamma, beta = self.inference_rate, self.nudge
        act = _logistic if isinstance(f, Sigmoid) else f
        output = _output_function(network)
        # samples on axis -2, units on -1: a stack of networks in front works too
        first = X @ weights[0] + biases[0][..., None, :]  # the input is clamped: mu_1 fixed
        # the forward pass, computed as the errors are, so that every error starts at 0
        x = [first.copy()]
        for k in range(1, L):
            x.append(act(x[k - 1]) @ weights[k] + biases[k][..., None, :])
        for t in range(steps + 1):
            pre = [X] + [act(x[k]) for k in range(L - 1)]  # g_l(x_l), l = 0 .. L-1
            errors = [x[0] - first]
            errors += [x[k] - (pre[k] @ weights[k] + biases[k][..., None, :]) for k in range(1, L)]
            if observe is not None:
                observe(t, Settled(tuple(x), tuple(errors), tuple(pre), t))
            if t == steps:
                break
            # every node moves at once, from the errors of this step
            for k in range(L - 1):  # x[k] is the value node of layer k + 1 (hidden)
                drive = errors[k + 1] @ np.swapaxes(weights[k + 1], -1, -2)
                drive *= f.derivative(x[k], pre[k + 1])
                drive -= errors[k]
                drive *= gamma
                x[k] += drive
            drive = output(x[L - 1])
            drive -= targets
            drive *= beta
            drive += errors[L - 1]
            drive *= gamma
            x[L - 1] -= drive
        return Settled(tuple(x), tuple(errors), tuple(pre), steps)

    def hebbian_updates(self, settled: Settled):
        """Update directions ``(dW, db)``: ``-g_l(x_l).T @ e_{l+1} / (beta n)`` per layer."""
        n = settled.presynaptic[0].shape[-2]
        scale = -1.0 / (self.nudge * n)
        pairs = zip(settled.presynaptic, settled.errors)
        dW = [scale * (np.swapaxes(pre, -1, -2) @ err) for pre, err in pairs]
        db = [scale * err.sum(axis=-2) for err in settled.errors]
        return dW, db

    def updates(self, network, record, targets):
        """Settle on the input of ``record`` from the forward pass, then the Hebbian updates."""
        settled = self._relax(network, record.a[0], targets, self.steps, None)
        return self.hebbian_updates(settled)

    def energy(self, network, settled: Settled, targets) -> np.ndarray:
        """The energy of every sample, ``sum |e_l|^2 / 2 + beta C(x_L, t)`` (shape (n,))."""
        squares = sum(0.5 * np.sum(e * e, axis=-1) for e in settled.errors)
        return squares + self.nudge * _sample_losses(network, settled.values[-1], targets)


def _logistic(z: np.ndarray) -> np.ndarray:
    """``1 / (1 + exp(-z))`` in four passes (settling calls it at every step): equal to
    :func:`~neurosim.artificial.sigmoid` to rounding; ``exp`` may overflow to inf for
    ``z < -709``, which gives the exact 0."""
    a = np.negative(z)
    with np.errstate(over="ignore"):
        np.exp(a, out=a)
    a += 1.0
    np.reciprocal(a, out=a)
    return a


def _output_function(network):
    if network.output == "softmax":
        return _softmax
    return sigmoid


def _softmax(z: np.ndarray) -> np.ndarray:
    e = z - z.max(axis=-1, keepdims=True)
    np.exp(e, out=e)
    e /= e.sum(axis=-1, keepdims=True)
    return e


# --- how long settling takes ------------------------------------------------------------


@validate(steps=_STEPS, inference_rate=_RATE, depth=COUNT)
def settled_fraction(steps, inference_rate: float, depth: int) -> np.ndarray:
    """Fraction of its equilibrium that the error at ``depth`` has reached after ``steps``.

    ``P(Binomial(t, gamma) >= depth)``: ``depth`` leaky stages in cascade, each
    ``e <- (1 - gamma) e + gamma * input`` (the output's error is depth 1, the layer
    below it depth 2, ...), for a small nudge and weak coupling between layers.

    Parameters
    ----------
    steps : int or array of int
        Settling steps ``t >= 0``.
    inference_rate : float
        ``gamma`` in (0, 1].
    depth : int
        ``k >= 1``.
    """
    gamma = inference_rate
    t = steps.astype(float)
    if gamma == 1.0:
        return (t >= depth).astype(float)
    # P(Bin(t, gamma) < depth) = sum_{j < depth} C(t, j) gamma^j (1 - gamma)^(t - j)
    term = (1.0 - gamma) ** t
    below = np.zeros_like(t)
    for j in range(depth):
        below = below + np.where(t >= j, term, 0.0)
        term = term * np.maximum(t - j, 0.0) / (j + 1) * (gamma / (1.0 - gamma))
    return np.clip(1.0 - below, 0.0, 1.0)


@validate(steps=_STEPS, inference_rate=_RATE, backprop_norm=ArrayOf((1, 2), values=NON_NEGATIVE))
def cascade_cosine(steps, inference_rate: float, backprop_norm) -> np.ndarray:
    """Cosine between predictive coding's update and backprop's, from :func:`settled_fraction`.

    For a small nudge and weak coupling every layer's update points along backprop's and
    has reached the fraction ``r_l(t)`` of its size (layer ``l`` of ``L`` reads the error at
    depth ``L - l``), so over all weights

        cos(t) = sum_l r_l g_l^2 / (sqrt(sum_l g_l^2) sqrt(sum_l r_l^2 g_l^2)),

    with ``g_l = |dW_l(backprop)|`` (``backprop_norm``, shape ``(n_layers, ...)``).
    Returns shape ``(n_steps,) + backprop_norm.shape[1:]``; 0 where nothing has arrived.
    """
    g2 = backprop_norm**2
    n_layers = g2.shape[0]
    t = np.atleast_1d(steps)
    r = np.stack(
        [settled_fraction(t, inference_rate, n_layers - layer) for layer in range(n_layers)]
    )
    r = r.reshape(r.shape + (1,) * (g2.ndim - 1))  # (n_layers, n_steps, ...)
    g2 = g2[:, None]
    dot = np.sum(r * g2, axis=0)
    norm = np.sqrt(np.sum(g2, axis=0) * np.sum(r * r * g2, axis=0))
    return np.divide(dot, norm, out=np.zeros_like(dot), where=norm > 0)


@validate(inference_rate=_RATE, depth=COUNT, fraction=Interval(0, 1, closed="neither"))
def steps_to_settle(inference_rate: float, depth: int, fraction: float = 0.95) -> int:
    """Fewest steps after which :func:`settled_fraction` is at least ``fraction``."""
    t = depth
    while settled_fraction(t, inference_rate, depth) < fraction:
        t += 1
    return int(t)


# --- predictive coding against backprop, step by step ------------------------------------


@dataclass(frozen=True)
class SettlingTrace:
    """Predictive coding's mini-batch updates against backprop's, during settling.

    Attributes
    ----------
    steps : ndarray (n_steps,)
        Settling steps at which the updates were compared (0 = the forward pass).
    cosine : ndarray (n_steps, n_batches)
        Cosine of the two updates of every mini-batch over all weights (no biases, as
        :func:`~neurosim.artificial.alignment_angle`); 0 while no error has arrived.
    size_ratio : ndarray (n_steps, n_layers, n_batches)
        ``|dW_l(predictive coding)| / |dW_l(backprop)|`` per weight layer and mini-batch.
    deviation : ndarray (n_steps, n_batches)
        ``|dW(predictive coding) - dW(backprop)| / |dW(backprop)|`` over all weights.
    backprop_norm : ndarray (n_layers, n_batches)
        ``|dW_l(backprop)|`` per weight layer and mini-batch.
    """

    steps: np.ndarray
    cosine: np.ndarray
    size_ratio: np.ndarray
    deviation: np.ndarray
    backprop_norm: np.ndarray


@validate(
    network=_NETWORK,
    X=DATA,
    y=LABELS,
    rule=InstanceOf(PredictiveCoding, text="a PredictiveCoding rule"),
    batch_size=COUNT,
    steps=[ListOf(_STEP), None],
)
def settling_trace(
    network, X, y, rule: PredictiveCoding, *, batch_size: int = 32, steps=None
) -> SettlingTrace:
    """Compare predictive coding's weight update with backprop's on every mini-batch.

    ``X`` is cut into ``len(X) // batch_size`` consecutive mini-batches (the rest is left
    out); all of them settle at once (each sample's settling is independent of the
    others'). Backprop's update of each mini-batch is the gradient of its mean loss
    (:class:`~neurosim.artificial.Backprop`).

    Parameters
    ----------
    network : DeepNetwork
    X, y : arrays
        Inputs and integer labels.
    rule : PredictiveCoding
        Its nudge and inference rate are used.
    batch_size : int, default 32
    steps : sequence of int, optional
        Steps at which to compare (default ``0 .. rule.steps``); the settling runs to the
        largest.
    """
    owner = "settling_trace"
    X = network._check_X(X, owner)
    y = network._check_y(y, X.shape[0], owner)
    n_batches = X.shape[0] // batch_size
    if n_batches < 1:
        raise param_error(
            "X", owner, f"at least batch_size = {batch_size} samples", f"{X.shape[0]} samples"
        )
    at = np.arange(rule.steps + 1) if steps is None else np.unique(np.asarray(steps, dtype=int))
    X = X[: n_batches * batch_size]
    targets = network.targets(y[: n_batches * batch_size])
    # backprop: the gradient of each mini-batch's mean loss
    backprop = [[] for _ in network.weights]
    for start in range(0, X.shape[0], batch_size):
        sl = slice(start, start + batch_size)
        gW, _ = Backprop().updates(network, network.forward(X[sl]), targets[sl])
        for layer, g in enumerate(gW):
            backprop[layer].append(g)
    backprop = [np.stack(g) for g in backprop]  # (n_batches, n_in, n_out) per layer
    bp_norm = np.sqrt(sum(np.sum(g * g, axis=(1, 2)) for g in backprop))
    wanted = set(int(t) for t in at)
    cosine, ratio, deviation = [], [], []
    scale = -1.0 / (rule.nudge * batch_size)

    def observe(t, settled):
        if t not in wanted:
            return
        dot = np.zeros(n_batches)
        sq = np.zeros(n_batches)
        sizes = []
        for layer, (pre, err) in enumerate(zip(settled.presynaptic, settled.errors)):
            p = pre.reshape(n_batches, batch_size, -1)
            e = err.reshape(n_batches, batch_size, -1)
            dW = np.matmul(p.transpose(0, 2, 1), e)
            dW *= scale
            dot += np.sum(dW * backprop[layer], axis=(1, 2))
            own = np.sum(dW * dW, axis=(1, 2))
            sq += own
            ref = np.sqrt(np.sum(backprop[layer] ** 2, axis=(1, 2)))
            sizes.append(np.sqrt(own) / np.where(ref > 0, ref, np.inf))
        norm = np.sqrt(sq) * bp_norm
        cosine.append(np.divide(dot, norm, out=np.zeros(n_batches), where=norm > 0))
        ratio.append(np.stack(sizes))
        gap = np.sqrt(np.maximum(sq - 2.0 * dot + bp_norm**2, 0.0))
        deviation.append(gap / np.where(bp_norm > 0, bp_norm, np.inf))

    rule.settle(network, X, targets, steps=int(at[-1]), observe=observe)
    return SettlingTrace(
        steps=at,
        cosine=np.array(cosine),
        size_ratio=np.array(ratio),
        deviation=np.array(deviation),
        backprop_norm=np.stack([np.sqrt(np.sum(g * g, axis=(1, 2))) for g in backprop]),
    )


@validate(
    network=_NETWORK,
    X=DATA,
    y=LABELS,
    nudges=ArrayOf(1, values=POSITIVE),
    inference_rate=_RATE,
    horizon=POSITIVE,
    batch_size=COUNT,
)
def nudge_sweep(
    network, X, y, nudges, *, inference_rate: float = 0.2, horizon: float = 30.0, batch_size=32
):
    """Settled predictive-coding updates against backprop's, for several nudges.

    For every nudge ``beta`` the network settles for ``horizon`` value-node time constants
    (``horizon / step`` steps) and its update is compared with backprop's on every
    mini-batch (:func:`settling_trace`). The settled state does not depend on the Euler
    step, and the output node relaxes at a rate up to ``1 + beta / 2`` (the softmax
    cross-entropy's curvature is at most 1/2), so a large nudge settles with the step
    ``min(inference_rate, 1 / (1 + beta / 2))``, which keeps the settling stable.

    Returns
    -------
    (cosine, deviation) : two arrays of shape ``(len(nudges), n_batches)``
        As :class:`SettlingTrace` defines them, after the last step.
    """
    cosine, deviation = [], []
    for beta in nudges.tolist():
        step = min(inference_rate, 1.0 / (1.0 + beta / 2.0))
        steps = int(np.ceil(horizon / step))
        rule = PredictiveCoding(steps=steps, inference_rate=step, nudge=beta)
        trace = settling_trace(network, X, y, rule, batch_size=batch_size, steps=[steps])
        cosine.append(trace.cosine[-1])
        deviation.append(trace.deviation[-1])
    return np.array(cosine), np.array(deviation)
