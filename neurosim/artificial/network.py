"""A fully connected deep network trained by backprop, in numpy.

Layer ``l`` computes ``z_l = a_l @ W_l + b_l`` and ``a_{l+1} = f(z_l)`` with
``W_l`` of shape ``(n_in, n_out)``: rows of ``X`` are samples, as in the rest of
neurosim.  Hidden layers share one activation (:mod:`.activations`); the output
layer is either a softmax (with categorical cross-entropy, labels are class indices)
or independent sigmoids (with binary cross-entropy).  The loss is the mean over
samples; :meth:`DeepNetwork.gradients` is its exact gradient (checked against central
finite differences in :mod:`.gradcheck`).  Training runs in :mod:`.fitting`, saving and
loading in :mod:`.persistence`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from neurosim.artificial.activations import (
    ACTIVATION,
    ACTIVATIONS,
    Activation,
    get_activation,
    logsigmoid,
    sigmoid,
)
from neurosim.artificial.constraints import DATA, LABELS, OPT_SEED
from neurosim.artificial.fitting import History, train
from neurosim.artificial.learning import Backprop, LearningRule
from neurosim.artificial.persistence import load_network, save_network
from neurosim.artificial.training import OPTIMIZER, get_optimizer
from neurosim.core.constraints import (
    BOOL,
    COUNT,
    PATH,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    ListOf,
    Options,
    param_error,
    validate,
)
from neurosim.core.validation import check_array, check_labels

__all__ = ["OUTPUTS", "DeepNetwork", "ForwardRecord", "History"]

#: Output layers: softmax + categorical cross-entropy, or sigmoid + binary cross-entropy.
OUTPUTS = ("softmax", "sigmoid")

# How hidden weights are drawn for each activation (see DeepNetwork's Notes).
_HE = ("relu", "lif_rate", "soft_lif")
#: Hidden bias of LIF-rate units at initialisation, in units of the rheobase current.
LIF_INIT_BIAS = 1.0


@dataclass
class ForwardRecord:
    """Everything a forward pass computed, for a learning rule to use.

    Attributes
    ----------
    z : list of ndarray
        Pre-activation ``z_l = a_l @ W_l + b_l`` of every layer (``n_layers`` arrays of
        shape ``(n_samples, n_out)``); ``z[-1]`` are the output logits.
    a : list of ndarray
        ``a[0]`` is the input ``X``; ``a[l + 1] = f(z[l])``; ``a[-1]`` are the output
        probabilities (``n_layers + 1`` arrays).
    """

    z: list
    a: list

    @property
    def output(self) -> np.ndarray:
        """The output layer's probabilities, shape ``(n_samples, n_outputs)``."""
        return self.a[-1]


def _softmax(z: np.ndarray) -> np.ndarray:
    """Softmax of each row (the last axis: a stack of networks in front works too)."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    e /= e.sum(axis=-1, keepdims=True)
    return e


def _log_softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


@validate(
    layer_sizes=ListOf(COUNT, min_len=2),
    hidden=ACTIVATION,
    output=Options(*OUTPUTS),
    seed=SEED,
)
class DeepNetwork:
    """A fully connected feed-forward network, trained by gradient descent.

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, input first and output last, e.g. ``[64, 100, 10]``.
        At least two entries, each >= 1 (a softmax output needs >= 2 units).
    hidden : str or Activation, default "sigmoid"
        Activation of every hidden layer; one of :data:`~.activations.ACTIVATIONS`
        or an :class:`~.activations.Activation` object (e.g. ``LIFRate(t_ref=0.004)``).
    output : {"softmax", "sigmoid"}, default "softmax"
        ``"softmax"``: probabilities over classes, categorical cross-entropy, labels
        are class indices ``0..K-1``.  ``"sigmoid"``: independent sigmoid units with
        binary cross-entropy summed over units; with one output unit the labels are
        0/1, with several they are class indices turned one-hot.
    seed : int, default 0
        Seed of the initial weights and the default seed of :meth:`fit`.

    Attributes
    ----------
    weights : list of ndarray
        ``weights[l]`` has shape ``(layer_sizes[l], layer_sizes[l + 1])``.
    biases : list of ndarray
        ``biases[l]`` has shape ``(layer_sizes[l + 1],)``.
    is_trained : bool
        False until :meth:`fit`, :meth:`load` or :meth:`set_parameters`.

    Notes
    -----
    Initial weights suit the hidden activation: Glorot/Xavier uniform,
    ``U(-sqrt(6 / (n_in + n_out)), +sqrt(...))`` (Glorot & Bengio 2010), for sigmoid,
    tanh and softplus; He normal, ``N(0, 2 / n_in)`` (He et al. 2015), for relu.
    LIF-rate units (``lif_rate``, ``soft_lif``) are silent unless their input
    exceeds the rheobase (``z > 1``), so they get He-normal weights and a bias of
    :data:`LIF_INIT_BIAS` = 1.0: each unit starts at threshold, and the zero-mean
    weighted input puts about half of them above it, in the steep part of the f-I
    curve.  Other biases start at 0; the output layer is always Glorot uniform.

    Examples
    --------
    >>> net = DeepNetwork([2, 8, 2], hidden="tanh", seed=1)
    >>> net
    DeepNetwork([2, 8, 2], hidden='tanh', output='softmax', untrained)
    >>> net.n_parameters
    42
    """

    def __init__(self, layer_sizes, *, hidden="sigmoid", output="softmax", seed=0):
        owner = "DeepNetwork"
        self.layer_sizes = tuple(layer_sizes)
        self.hidden: Activation = get_activation(hidden, "hidden", owner)
        self.output: str = output
        if self.output == "softmax" and self.layer_sizes[-1] < 2:
            raise param_error(
                "layer_sizes",
                owner,
                "a list ending in >= 2 output units for a softmax output",
                list(self.layer_sizes),
                "Use output='sigmoid' for one binary output unit.",
            )
        self.seed = seed
        self.weights, self.biases = _initial_parameters(
            self.layer_sizes, self.hidden, np.random.default_rng(self.seed)
        )
        self.is_trained = False

    # --- description -------------------------------------------------------------------

    @property
    def n_layers(self) -> int:
        """Number of weight layers (hidden layers + 1)."""
        return len(self.weights)

    @property
    def n_outputs(self) -> int:
        return self.layer_sizes[-1]

    @property
    def n_parameters(self) -> int:
        """Number of trainable numbers (all weights and biases)."""
        return int(sum(w.size + b.size for w, b in zip(self.weights, self.biases)))

    def __repr__(self) -> str:
        hidden = self.hidden.name
        if self.hidden.name not in ACTIVATIONS or self.hidden != get_activation(hidden):
            hidden = repr(self.hidden)
        else:
            hidden = repr(hidden)
        state = "trained" if self.is_trained else "untrained"
        return (
            f"DeepNetwork({list(self.layer_sizes)}, hidden={hidden}, "
            f"output={self.output!r}, {state})"
        )

    # --- checks ------------------------------------------------------------------------

    def _check_X(self, X, owner: str, name: str = "X") -> np.ndarray:
        return check_array(X, name, owner, ndim=2, shape=(None, self.layer_sizes[0]))

    def _check_y(self, y, n_samples: int, owner: str, name: str = "y") -> np.ndarray:
        n_classes = 2 if self.n_outputs == 1 else self.n_outputs
        return check_labels(y, name, owner, n_samples=n_samples, n_classes=n_classes)

    @validate(y=LABELS)
    def targets(self, y) -> np.ndarray:
        """Labels as the array a learning rule compares the output with.

        Shape ``(n_samples, n_outputs)``: one-hot rows for several output units, a
        0/1 column for a single sigmoid unit.
        """
        return self._targets(self._check_y(y, y.shape[0], "DeepNetwork.targets"))

    def _targets(self, y: np.ndarray) -> np.ndarray:
        """Labels as an array shaped like the output layer (one-hot, or 0/1 column)."""
        if self.n_outputs == 1:
            return y.astype(float)[:, None]
        T = np.zeros((y.shape[0], self.n_outputs))
        T[np.arange(y.shape[0]), y] = 1.0
        return T

    # --- forward -----------------------------------------------------------------------

    def _forward(self, X: np.ndarray) -> ForwardRecord:
        z_all, a_all = [], [X]
        a = X
        last = self.n_layers - 1
        hidden = self.hidden
        for layer, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ W
            z += b[..., None, :]  # one row per sample (per network of a stack: stacked.py)
            a = hidden(z) if layer < last else self._output_fn(z)
            z_all.append(z)
            a_all.append(a)
        return ForwardRecord(z=z_all, a=a_all)

    def _output_fn(self, z: np.ndarray) -> np.ndarray:
        return _softmax(z) if self.output == "softmax" else sigmoid(z)

    @validate(X=DATA)
    def forward(self, X) -> ForwardRecord:
        """Run the network on ``X`` (n_samples x layer_sizes[0]) and keep every layer.

        Returns
        -------
        ForwardRecord
            ``z`` (pre-activations) and ``a`` (``a[0] = X``, then each layer's output).
        """
        return self._forward(self._check_X(X, "DeepNetwork.forward"))

    @validate(X=DATA)
    def predict_proba(self, X) -> np.ndarray:
        """Output probabilities: shape ``(n_samples, n_outputs)``, or ``(n_samples,)``
        (= P(y = 1)) for a single sigmoid output unit."""
        p = self.forward(X).a[-1]
        return p[:, 0] if self.n_outputs == 1 else p

    def _predict_from_output(self, z_out: np.ndarray) -> np.ndarray:
        if self.n_outputs == 1:
            return (z_out[:, 0] >= 0.0).astype(np.int64)  # P(y=1) >= 0.5
        return np.argmax(z_out, axis=1)  # softmax and sigmoid are both monotonic

    @validate(X=DATA)
    def predict(self, X) -> np.ndarray:
        """Predicted class index per sample (int64; 0/1 for one sigmoid unit)."""
        return self._predict_from_output(self.forward(X).z[-1])

    @validate(X=DATA, y=LABELS)
    def score(self, X, y) -> float:
        """Fraction of samples classified correctly."""
        X = self._check_X(X, "DeepNetwork.score")
        y = self._check_y(y, X.shape[0], "DeepNetwork.score")
        return float(np.mean(self._predict_from_output(self._forward(X).z[-1]) == y))

    @validate(X=DATA)
    def layer_activations(self, X) -> list[np.ndarray]:
        """Output of every hidden layer, each ``(n_samples, units)`` (input and output excluded).

        For a ``lif_rate`` network these are ``amplitude * rate`` values, to compare
        with the firing rates of the spiking network that replaces it.
        """
        return self.forward(X).a[1:-1]

    # --- loss and gradients ------------------------------------------------------------

    def _loss_from_logits(self, z_out: np.ndarray, y: np.ndarray) -> float:
        n = z_out.shape[0]
        if self.output == "softmax":
            logp = _log_softmax(z_out)
            return float(-logp[np.arange(n), y].sum() / n)
        T = self._targets(y)
        ll = T * logsigmoid(z_out) + (1.0 - T) * logsigmoid(-z_out)
        return float(-ll.sum() / n)

    @validate(X=DATA, y=LABELS)
    def loss(self, X, y) -> float:
        """Mean cross-entropy (nats per sample) of the network on ``(X, y)``."""
        X = self._check_X(X, "DeepNetwork.loss")
        y = self._check_y(y, X.shape[0], "DeepNetwork.loss")
        return self._loss_from_logits(self._forward(X).z[-1], y)

    @validate(record=InstanceOf(ForwardRecord, text="a ForwardRecord from forward()"), y=LABELS)
    def backward(self, record: ForwardRecord, y):
        """Gradients of the mean cross-entropy from a forward record and labels.

        Returns
        -------
        dW, db : list of ndarray
            Same shapes as :attr:`weights` and :attr:`biases`.
        """
        y = self._check_y(y, record.a[0].shape[0], "DeepNetwork.backward")
        return Backprop().updates(self, record, self._targets(y))

    @validate(X=DATA, y=LABELS)
    def gradients(self, X, y):
        """Exact gradients ``(dW, db)`` of :meth:`loss` with respect to every parameter."""
        X = self._check_X(X, "DeepNetwork.gradients")
        y = self._check_y(y, X.shape[0], "DeepNetwork.gradients")
        return Backprop().updates(self, self._forward(X), self._targets(y))

    # --- training ----------------------------------------------------------------------

    @validate(
        X=DATA,
        y=LABELS,
        epochs=COUNT,
        batch_size=COUNT,
        learning_rate=[POSITIVE, None],
        optimizer=OPTIMIZER,
        validation=[ListOf(ArrayOf(dtype=None), min_len=2), None],
        seed=OPT_SEED,
        rule=[InstanceOf(LearningRule, text="a LearningRule (e.g. Backprop())"), None],
        record_alignment=BOOL,
    )
    def fit(
        self,
        X,
        y,
        *,
        epochs: int = 20,
        batch_size: int = 32,
        learning_rate: float | None = None,
        optimizer="sgd",
        validation=None,
        seed: int | None = None,
        rule: LearningRule | None = None,
        record_alignment: bool = False,
    ) -> History:
        """Train on ``(X, y)`` with shuffled mini-batches; return the learning curves.

        Parameters
        ----------
        X : array (n_samples, layer_sizes[0])
            Inputs, finite.
        y : array (n_samples,)
            Integer labels (class indices; 0/1 for a single sigmoid output).
        epochs : int, default 20
            Passes through the training set, >= 1.
        batch_size : int, default 32
            Samples per update, >= 1 (capped at n_samples); the last batch of an
            epoch may be smaller.
        learning_rate : float, optional
            Step size > 0; by default the optimizer's (0.1 for SGD, 0.001 for Adam).
        optimizer : {"sgd", "adam"} or Optimizer, default "sgd"
            A name, or an :class:`~.training.Optimizer` object (then leave
            ``learning_rate`` as None).
        validation : tuple (X_val, y_val), optional
            Held-out data measured after every epoch.
        seed : int, optional
            Seed of the mini-batch shuffling and of the rule's own draws (from a
            separate stream, so every rule sees the same mini-batches); defaults
            to the network's seed.  Same seed and data -> bitwise identical weights
            and history.
        rule : LearningRule, optional
            How errors become updates; default :class:`~.learning.Backprop`.
        record_alignment : bool, default False
            After every epoch, measure the angle between the rule's weight update
            and the true gradient on the whole training set (one extra forward
            pass and two backward ones per epoch) into ``History.alignment_angle``.

        Returns
        -------
        History
        """
        owner = "DeepNetwork.fit"
        X = self._check_X(X, owner)
        y = self._check_y(y, X.shape[0], owner)
        opt = get_optimizer(optimizer, learning_rate, owner=owner)
        seed = self.seed if seed is None else seed
        rule = Backprop() if rule is None else rule
        if validation is not None:
            if len(validation) != 2:
                raise param_error("validation", owner, "a pair (X_val, y_val) or None", validation)
            X_val = self._check_X(validation[0], owner, "validation[0]")
            y_val = self._check_y(validation[1], X_val.shape[0], owner, "validation[1]")

        history = train(
            self,
            X,
            y,
            epochs=epochs,
            batch_size=batch_size,
            optimizer=opt,
            seed=seed,
            rule=rule,
            validation=None if validation is None else (X_val, y_val),
            record_alignment=record_alignment,
        )
        self.is_trained = True
        return history

    def set_parameters(self, weights, biases) -> DeepNetwork:
        """Replace all weights and biases (copied, as float64) and mark the network trained.

        Shapes must match :attr:`layer_sizes`; values must be finite.
        """
        self._set_parameters(weights, biases, "DeepNetwork.set_parameters")
        self.is_trained = True
        return self

    def _set_parameters(self, weights, biases, owner: str) -> None:
        """Check and copy all weights and biases (errors name ``owner``)."""
        self.weights, self.biases = _check_parameters(weights, biases, self.layer_sizes, owner)

    # --- persistence (neurosim.artificial.persistence) ---------------------------------

    @validate(path=PATH)
    def save(self, path) -> Path:
        """Write the network to a ``.npz`` file (no pickle), atomically; return the path.

        ``.npz`` is appended to a path without it; :func:`~.persistence.save_network`
        says what the file holds.
        """
        return save_network(self, path)

    @classmethod
    @validate(path=PATH)
    def load(cls, path) -> DeepNetwork:
        """Read a network written by :meth:`save`, checking everything in the file.

        Raises
        ------
        ValueError
            If the file is not a readable ``.npz``, was not written by
            ``DeepNetwork.save`` (e.g. the digits data file), has another format
            version, or has missing, misshapen, non-finite or unknown entries.
        """
        return load_network(path, cls)


# --- helpers ------------------------------------------------------------------------------


def _initial_parameters(sizes, hidden: Activation, rng: np.random.Generator):
    weights, biases = [], []
    n_layers = len(sizes) - 1
    for layer in range(n_layers):
        n_in, n_out = sizes[layer], sizes[layer + 1]
        is_hidden = layer < n_layers - 1
        if is_hidden and hidden.name in _HE:
            W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        else:
            limit = np.sqrt(6.0 / (n_in + n_out))
            W = rng.uniform(-limit, limit, size=(n_in, n_out))
        b = np.zeros(n_out)
        if is_hidden and hidden.name in ("lif_rate", "soft_lif"):
            b += LIF_INIT_BIAS
        weights.append(W)
        biases.append(b)
    return weights, biases


def _check_parameters(weights, biases, sizes, owner):
    n_layers = len(sizes) - 1
    for name, value in (("weights", weights), ("biases", biases)):
        if not isinstance(value, list | tuple) or len(value) != n_layers:
            raise param_error(
                name, owner, f"a list of {n_layers} arrays (one per layer)", value, cls=TypeError
            )
    new_w, new_b = [], []
    for layer in range(n_layers):
        shape_w = (sizes[layer], sizes[layer + 1])
        new_w.append(
            check_array(weights[layer], f"weights[{layer}]", owner, shape=shape_w).astype(
                float, copy=True
            )
        )
        new_b.append(
            check_array(biases[layer], f"biases[{layer}]", owner, shape=(sizes[layer + 1],)).astype(
                float, copy=True
            )
        )
    return new_w, new_b
