"""Learning rules: how a network's error becomes update directions for its weights.

A :class:`LearningRule` turns one forward pass (the record of every layer's
pre-activation ``z`` and output ``a``) and the targets into one update direction
per weight matrix and bias vector; the optimizer then steps *against* those
directions.  :class:`Backprop` (the default of ``DeepNetwork.fit``) gives the exact
gradient of the mean cross-entropy.

The seam is cut so that a biologically motivated variant is a short subclass:

- the error at the output, ``delta_L = dLoss/dz_L = (p - t) / n`` for both
  softmax + cross-entropy and sigmoid + binary cross-entropy (:meth:`output_delta`);
- the error sent back through layer ``l`` (:meth:`send_back`): ``delta_l @ W_l.T``
  for backprop.  *Feedback alignment* (Lillicrap et al. 2016, Nat. Commun. 7:13276)
  overrides only this, with a fixed random matrix ``B_l`` drawn in :meth:`prepare`;
- the local update from a layer's input and its delta (:meth:`layer_update`):
  ``dW_l = a_l.T @ delta_l``, ``db_l = sum(delta_l)``;
- a hook after each optimizer step (:meth:`after_step`), e.g. to keep each weight's
  sign fixed for sign-constrained (Dale's law) learning (:class:`SignConstrained`);
- or the whole of :meth:`updates`, for a rule that sends no error at all
  (:class:`NodePerturbation`, learning from one global reward signal).

How far a rule's update is from the true gradient is an angle
(:func:`~.alignment.alignment_angle`, :func:`~.alignment.update_angle`);
``DeepNetwork.fit(..., record_alignment=True)`` records it after every epoch.

Layer ``l`` (0-based) maps ``a[l]`` (``a[0]`` is the input) to
``z[l] = a[l] @ W[l] + b[l]`` and ``a[l + 1] = f(z[l])``.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial.activations import logsigmoid
from neurosim.artificial.constraints import OPT_SEED
from neurosim.core.constraints import BOOL, POSITIVE, Interval, param_error, validate

#: A share of units: 0 <= fraction <= 1.
_FRACTION = Interval(0, 1)

__all__ = [
    "Backprop",
    "FeedbackAlignment",
    "LearningRule",
    "NodePerturbation",
    "SignConstrained",
]


class LearningRule:
    """Base class of learning rules (subclass and override the hooks).

    The default hooks implement backpropagation; a subclass usually overrides
    :meth:`send_back` (how the error travels to the layer below) and/or
    :meth:`after_step` (a constraint applied after each optimizer step), and
    :meth:`prepare` if it needs state drawn once per ``fit`` (with the fit's seed).
    """

    name = "rule"

    def prepare(self, network, rng: np.random.Generator) -> None:
        """Called once at the start of ``fit``, before any update (default: nothing)."""

    def output_delta(self, network, record, targets: np.ndarray) -> np.ndarray:
        """``dLoss/dz`` at the output layer: ``(p - t) / n_samples``.

        ``targets`` has the output layer's shape (one-hot rows for softmax; 0/1 per
        unit for sigmoid outputs).  This is the exact gradient of the mean
        cross-entropy for both output kinds, because each output nonlinearity is
        the canonical link of its loss.
        """
        out = record.a[-1]  # samples on axis -2: a stack of networks in front works too
        return (out - targets) * (1.0 / out.shape[-2])

    def send_back(self, network, layer: int, delta: np.ndarray) -> np.ndarray:
        """The error arriving at ``a[layer]`` from ``delta`` (= dLoss/dz[layer]).

        Backprop: ``delta @ W[layer].T``.  Override for other feedback pathways.
        """
        return delta @ np.swapaxes(network.weights[layer], -1, -2)  # W.T, per network

    def layer_update(self, network, layer: int, a_in: np.ndarray, delta: np.ndarray):
        """Update directions ``(dW, db)`` of one layer from its input and its delta
        (``a_in.T @ delta`` and the sum over samples; per network for a stack)."""
        return np.swapaxes(a_in, -1, -2) @ delta, delta.sum(axis=-2)

    def updates(self, network, record, targets: np.ndarray):
        """Update directions for every layer, as two lists ``(dW, db)``.

        Walks from the output layer down: at each layer the local update, then the
        error is sent back through the layer and multiplied by the slope of the
        hidden activation below it.
        """
        n_layers = len(network.weights)
        dW: list = [None] * n_layers
        db: list = [None] * n_layers
        delta = self.output_delta(network, record, targets)
        hidden = network.hidden
        for layer in range(n_layers - 1, -1, -1):
            dW[layer], db[layer] = self.layer_update(network, layer, record.a[layer], delta)
            if layer > 0:
                error = self.send_back(network, layer, delta)
                delta = error * hidden.derivative(record.z[layer - 1], record.a[layer])
        return dW, db

    def after_step(self, network) -> None:
        """Called after every optimizer step (default: nothing)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Backprop(LearningRule):
    """Backpropagation of error: the exact gradient of the mean cross-entropy."""

    name = "backprop"


@validate(seed=OPT_SEED, scale=[POSITIVE, None])
class FeedbackAlignment(LearningRule):
    """Feedback alignment: the error travels back through fixed random matrices.

    Backprop sends the error of layer ``l`` to the layer below through the
    transpose of the forward weights, ``e = delta_l @ W_l.T``: the synapses that
    carry the error would have to know every forward weight ("weight transport",
    which no known biological pathway does).  Feedback alignment (Lillicrap,
    Cownden, Tweed & Akerman 2016, Nat. Commun. 7:13276) sends it through a fixed
    random matrix instead,

        e = delta_l @ B_l,    B_l of the shape of W_l.T, drawn once and never learned,

    and keeps everything else of backprop: the output error ``(p - t) / n``, the
    local update ``dW_l = a_l.T @ delta_l`` and the slope of the activation.  The
    output layer's update is therefore exactly backprop's; the hidden layers'
    updates start at ~90 degrees from the gradient (``B`` knows nothing of ``W``)
    and come closer than 90 degrees as the forward weights learn to agree with the
    feedback ("the network learns to learn", Lillicrap et al. Fig. 2).

    Parameters
    ----------
    seed : int, optional
        Seed of the feedback matrices.  By default they are drawn from the
        generator that ``DeepNetwork.fit`` passes to :meth:`prepare` (its rules'
        stream, set by the fit's ``seed``), so one seed decides everything.
    scale : float, optional
        Standard deviation of the entries of every ``B_l`` (Gaussian, mean 0),
        > 0.  By default the root-mean-square of ``W_l`` when :meth:`prepare` runs,
        so the error sent back starts with the size backprop's has.

    Attributes
    ----------
    B : list
        ``B[l]`` (shape ``W_l.T.shape``) for ``l >= 1``; ``B[0]`` is None (no error is
        sent below the first layer).  Set by :meth:`prepare`; ``[]`` before.

    Examples
    --------
    >>> from neurosim.artificial import DeepNetwork
    >>> net = DeepNetwork([4, 8, 3], seed=0)
    >>> rule = FeedbackAlignment(seed=1)
    >>> rule.prepare(net, None)
    >>> [None if b is None else b.shape for b in rule.B]
    [None, (3, 8)]
    """

    name = "feedback alignment"

    def __init__(self, *, seed: int | None = None, scale: float | None = None):
        self.seed, self.scale = seed, scale
        self.B: list = []

    def prepare(self, network, rng) -> None:
        """Draw one fixed feedback matrix per layer above the first."""
        if self.seed is not None or rng is None:
            rng = np.random.default_rng(self.seed)
        self.B = [None]
        for W in network.weights[1:]:
            std = self.scale if self.scale is not None else float(np.sqrt(np.mean(W * W)))
            self.B.append(rng.normal(0.0, std, size=W.T.shape))

    def send_back(self, network, layer: int, delta: np.ndarray) -> np.ndarray:
        """``delta @ B[layer]``: the error through the fixed random feedback."""
        B = self.B[layer] if layer < len(self.B) else None
        wanted = np.swapaxes(network.weights[layer], -1, -2).shape  # W.T (per network)
        if B is None or B.shape != wanted:
            raise param_error(
                "B",
                "FeedbackAlignment",
                f"a feedback matrix of shape {wanted} for layer {layer}",
                "none" if B is None else f"shape {B.shape}",
                "Call prepare(network, rng) first (DeepNetwork.fit does), "
                "with the network the rule is used on.",
            )
        return delta @ B

    def __repr__(self) -> str:
        return f"FeedbackAlignment(seed={self.seed!r}, scale={self.scale!r})"


@validate(
    excitatory_fraction=_FRACTION,
    seed=OPT_SEED,
    constrain_inputs=BOOL,
    balanced=BOOL,
    input_excitatory_fraction=[_FRACTION, None],
)
class SignConstrained(LearningRule):
    """Backprop under Dale's law: each hidden unit is excitatory or inhibitory for good.

    A neuron releases the same transmitter at all its synapses (Dale's principle),
    so its outgoing synapses all excite or all inhibit; learning changes their
    strength, never their sign.  An artificial network's weights change sign
    freely.  This rule imposes the constraint:

    - :meth:`prepare` makes exactly ``round(excitatory_fraction * n)`` of the ``n``
      units of every hidden layer excitatory (sign ``s_j = +1``) and the rest
      inhibitory (``s_j = -1``), chosen at random, and sets the signs of the
      initial weights to match, ``W_l[j, :] = s_j |W_l[j, :]|`` (row ``j`` of
      ``W_l`` holds unit ``j``'s outgoing weights).  With ``balanced`` the
      inhibitory rows are also multiplied by ``n_E / n_I``, so every downstream
      unit starts with as much expected inhibitory as excitatory weight (as in the
      E-I networks of Song, Yang & Wang 2016, PLoS Comput. Biol. 12:e1004792).
    - The update direction is backprop's gradient (the seam's default).
    - :meth:`after_step` projects the weights back onto the allowed set after
      every optimizer step: a weight that crossed zero is set to 0, the nearest
      value of its allowed sign (projected gradient descent).  It can grow again
      when its gradient turns.

    So after every step, ``s_j * W_l[j, k] >= 0`` for every constrained weight.
    Biases are free (they stand for a neuron's own excitability, not a synapse),
    and so are the weights leaving the inputs unless ``constrain_inputs``.

    Parameters
    ----------
    excitatory_fraction : float, default 0.8
        Fraction of excitatory units per constrained layer, in [0, 1] (cortex:
        about 80 % excitatory neurons).
    seed : int, optional
        Seed of the excitatory/inhibitory assignment; by default the generator
        ``fit`` passes to :meth:`prepare`.
    constrain_inputs : bool, default False
        Also give every input unit a sign (then the first layer's weights are
        constrained too).
    balanced : bool, default True
        Scale the initial inhibitory weights by ``n_E / n_I`` (see above).
    input_excitatory_fraction : float, optional
        With ``constrain_inputs``: the fraction of excitatory input units (1.0 makes
        every input excitatory, e.g. pixels read by excitatory afferents, so every
        first-layer weight stays >= 0).  By default ``excitatory_fraction``.

    Attributes
    ----------
    unit_signs : list
        ``unit_signs[l]``: the +1/-1 sign of each unit of ``a[l]`` (the units whose
        outgoing weights are ``W_l``), or None for an unconstrained layer.
    n_steps : int
        Optimizer steps seen by :meth:`after_step` since :meth:`prepare`.
    n_clipped : int
        Weight values set to 0 by the projection, summed over all steps (how often
        the constraint had to act).
    worst_violations : int
        The most constrained weights of the wrong sign after any step, recounted after
        the projection (:meth:`violations`): an audit, 0 unless the projection fails.
    """

    name = "sign-constrained"

    def __init__(
        self,
        *,
        excitatory_fraction: float = 0.8,
        seed: int | None = None,
        constrain_inputs: bool = False,
        balanced: bool = True,
        input_excitatory_fraction: float | None = None,
    ):
        self.input_excitatory_fraction = input_excitatory_fraction
        self.excitatory_fraction = excitatory_fraction
        self.seed = seed
        self.constrain_inputs, self.balanced = constrain_inputs, balanced
        self.unit_signs: list = []
        self.n_steps = 0
        self.n_clipped = 0
        self.worst_violations = 0

    def prepare(self, network, rng) -> None:
        """Assign each unit its sign and make the initial weights obey it (in place)."""
        if self.seed is not None or rng is None:
            rng = np.random.default_rng(self.seed)
        self.unit_signs = []
        first = 0 if self.constrain_inputs else 1
        for layer, W in enumerate(network.weights):
            if layer < first:
                self.unit_signs.append(None)
                continue
            n = W.shape[0]
            fraction = self.excitatory_fraction
            if layer == 0 and self.input_excitatory_fraction is not None:
                fraction = self.input_excitatory_fraction
            n_exc = round(fraction * n)
            signs = np.full(n, -1.0)
            signs[rng.permutation(n)[:n_exc]] = 1.0
            magnitude = np.abs(W)
            if self.balanced and 0 < n_exc < n:
                magnitude[signs < 0] *= n_exc / (n - n_exc)
            np.copyto(W, signs[:, None] * magnitude)
            self.unit_signs.append(signs)
        self.n_steps = 0
        self.n_clipped = 0
        self.worst_violations = 0

    def after_step(self, network) -> None:
        """Set every weight that crossed zero to 0 (its unit's sign holds)."""
        for W, signs in zip(network.weights, self.unit_signs):
            if signs is None:
                continue
            wrong = W * signs[:, None] < 0.0
            n_wrong = int(np.count_nonzero(wrong))
            if n_wrong:
                W[wrong] = 0.0
                self.n_clipped += n_wrong
        self.n_steps += 1
        self.worst_violations = max(self.worst_violations, self.violations(network))

    def n_constrained(self, network) -> int:
        """Number of weights with a sign: all weights of the layers :meth:`prepare` signed."""
        return int(sum(W.size for W, s in zip(network.weights, self.unit_signs) if s is not None))

    def signed_weights(self, network) -> list:
        """Each constrained layer's weights times their unit's sign (all >= 0 when obeyed)."""
        return [W * s[:, None] for W, s in zip(network.weights, self.unit_signs) if s is not None]

    def violations(self, network) -> int:
        """Number of constrained weights whose sign opposes their unit's (0 after every step)."""
        return int(
            sum(
                np.count_nonzero(W * signs[:, None] < 0.0)
                for W, signs in zip(network.weights, self.unit_signs)
                if signs is not None
            )
        )

    def __repr__(self) -> str:
        return (
            f"SignConstrained(excitatory_fraction={self.excitatory_fraction!r}, "
            f"seed={self.seed!r}, constrain_inputs={self.constrain_inputs!r}, "
            f"balanced={self.balanced!r}"
            + (
                ""
                if self.input_excitatory_fraction is None
                else f", input_excitatory_fraction={self.input_excitatory_fraction!r}"
            )
            + ")"
        )


@validate(sigma=POSITIVE, seed=OPT_SEED)
class NodePerturbation(LearningRule):
    """Learning from one global scalar: node perturbation (a reward-modulated rule).

    No error vector travels anywhere.  Every unit's input is jittered by noise
    ``xi ~ N(0, sigma^2)`` in a second forward pass; the change of each sample's
    loss, a single number broadcast to every synapse (like a neuromodulator),
    tells each unit whether its own jitter helped.  The update of layer ``l`` is

        delta_l = (L_noisy - L_clean) * xi_l / (sigma^2 n),   dW_l = a_l.T @ delta_l

    with ``a_l`` the clean input activity.  To first order ``L_noisy - L_clean =
    sum_k g_k . xi_k`` (``g_k`` = backprop's ``dLoss/dz_k``), so the expected update is
    the gradient (Williams 1992, Machine Learning 8:229; Fiete & Seung 2006, Phys.
    Rev. Lett. 97:048104), but a single estimate is very noisy: its variance grows
    with the number of perturbed units, so it learns far more slowly than backprop
    (Werfel, Xie & Seung 2005, Neural Comput. 17:2699).

    Parameters
    ----------
    sigma : float, default 0.01
        Standard deviation of the jitter added to every pre-activation, > 0.  The
        estimate's bias is of order ``sigma^2``; its variance barely depends on it.
    seed : int, optional
        Seed of the jitter; by default the generator ``fit`` passes to :meth:`prepare`.
    """

    name = "node perturbation"

    def __init__(self, *, sigma: float = 0.01, seed: int | None = None):
        self.sigma, self.seed = sigma, seed
        self._rng: np.random.Generator | None = None

    def prepare(self, network, rng) -> None:
        """Keep the generator of the jitter."""
        if self.seed is not None or rng is None:
            rng = np.random.default_rng(self.seed)
        self._rng = rng

    def updates(self, network, record, targets: np.ndarray):
        """One noisy forward pass; the loss change times each unit's own jitter."""
        if self._rng is None:
            raise param_error(
                "rng",
                "NodePerturbation",
                "a generator set by prepare()",
                None,
                "Call prepare(network, rng) first (DeepNetwork.fit does).",
            )
        # samples on axis -2, units on -1: a stack of networks in front works too
        sigma = self.sigma
        n_layers = len(network.weights)
        a = record.a[0]
        jitter = []
        for layer, (W, b) in enumerate(zip(network.weights, network.biases)):
            z = a @ W + b[..., None, :]
            xi = self._jitter(z.shape)
            z += xi
            jitter.append(xi)
            if layer < n_layers - 1:
                a = network.hidden(z)
        change = _sample_losses(network, z, targets) - _sample_losses(
            network, record.z[-1], targets
        )
        reward = change * (1.0 / (sigma * sigma * change.shape[-1]))
        dW, db = [], []
        for layer, xi in enumerate(jitter):
            delta = reward[..., None] * xi
            dW.append(np.swapaxes(record.a[layer], -1, -2) @ delta)
            db.append(delta.sum(axis=-2))
        return dW, db

    def _jitter(self, shape) -> np.ndarray:
        """The jitter of one layer's pre-activations, drawn from the rule's generator."""
        return self._rng.normal(0.0, self.sigma, size=shape)

    def __repr__(self) -> str:
        return f"NodePerturbation(sigma={self.sigma!r}, seed={self.seed!r})"


def _sample_losses(network, logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Cross-entropy of every sample (nats) from the output logits."""
    if network.output == "softmax":
        shifted = logits - logits.max(axis=-1, keepdims=True)
        logp = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        return -(targets * logp).sum(axis=-1)
    return -(targets * logsigmoid(logits) + (1.0 - targets) * logsigmoid(-logits)).sum(axis=-1)
