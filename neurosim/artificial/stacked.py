"""Several networks of one shape trained by backprop at once: a seed axis in front.

Ten seeds of a small network cost ten times one in numpy's per-call overhead, not in
arithmetic: a mini-batch step of a 2-16-16-16-2 network is about 30 numpy calls on
arrays of a few hundred numbers (0.25 ms a step, almost all of it overhead).
:func:`fit_together` stacks the networks' weights along a leading axis and makes each
call work on every network at once. Each network's weights and learning curves are the
same, to the last bit, as its own :meth:`~.network.DeepNetwork.fit` with the same
arguments (tests/artificial/test_stacked.py): every stacked call is, network by
network, the call ``fit`` makes (a matrix product per network, elementwise arithmetic,
sums over the mini-batch one row after the other), and each network's mini-batch order
comes from its own seed.

Only backprop (``fit``'s default rule), without ``record_alignment``: the other rules
draw their own state and change the update, and run network by network.

A comparison asks for a training as a :class:`Training` request from its steps
(:func:`neurosim.core.batching.seeds_as_batch`): the requests of one round that can be
stacked (same network shape, data size and settings) are trained together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from neurosim.artificial.constraints import DATA, LABELS
from neurosim.artificial.fitting import History
from neurosim.artificial.network import DeepNetwork
from neurosim.artificial.training import OPTIMIZER, OPTIMIZERS, get_optimizer
from neurosim.core.constraints import (
    COUNT,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    ListOf,
    Options,
    param_error,
    validate,
)

__all__ = ["Training", "fit_together"]

_NETWORKS = ListOf(InstanceOf(DeepNetwork, text="a DeepNetwork"), min_len=1)
#: A data set: a pair (X, y), checked against its network in the body.
_PAIR = ListOf(ArrayOf(dtype=None), min_len=2)


@validate(
    networks=_NETWORKS,
    data=ListOf(_PAIR, min_len=1),
    seeds=ListOf(SEED, min_len=1),
    validation=[ListOf(_PAIR, min_len=1), None],
    epochs=COUNT,
    batch_size=COUNT,
    learning_rate=[POSITIVE, None],
    optimizer=OPTIMIZER,
)
def fit_together(
    networks: Sequence[DeepNetwork],
    data: Sequence[tuple],
    *,
    epochs: int = 20,
    batch_size: int = 32,
    learning_rate: float | None = None,
    optimizer="sgd",
    seeds: Sequence[int],
    validation: Sequence[tuple] | None = None,
) -> list[History]:
    """Train ``networks[k]`` on ``data[k] = (X, y)`` with ``seeds[k]``, all at once.

    The same as ``networks[k].fit(X, y, epochs=..., batch_size=..., learning_rate=...,
    optimizer=..., validation=validation[k], seed=seeds[k])`` for every ``k``, and the
    same bits; the networks must have the same layer sizes, activations and output, and
    the data sets the same number of samples. ``optimizer`` is a name (each network gets
    its own optimizer state).
    """
    owner = "fit_together"
    networks = list(networks)
    first = networks[0]
    shape = (first.layer_sizes, type(first.hidden), repr(first.hidden), first.output)
    for k, net in enumerate(networks):
        if (net.layer_sizes, type(net.hidden), repr(net.hidden), net.output) != shape:
            raise param_error(f"networks[{k}]", owner, f"a network like networks[0] ({shape})", net)
    n_nets = len(networks)
    for label, values in (("data", data), ("seeds", seeds)):
        if len(values) != n_nets:
            raise param_error(label, owner, f"one entry per network ({n_nets})", values)
    if validation is not None and len(validation) != n_nets:
        raise param_error("validation", owner, f"one pair per network ({n_nets})", validation)
    if not isinstance(optimizer, str):
        raise param_error("optimizer", owner, "an optimizer's name", optimizer)
    checked = []
    for k, (net, pair) in enumerate(zip(networks, data, strict=True)):
        X = net._check_X(pair[0], owner, f"data[{k}][0]")
        checked.append((X, net._check_y(pair[1], X.shape[0], owner, f"data[{k}][1]")))
    n = checked[0][0].shape[0]
    if any(X.shape[0] != n for X, _ in checked):
        raise param_error("data", owner, f"data sets of one size ({n} samples)", data)
    held = None
    if validation is not None:
        held = []
        for k, (net, pair) in enumerate(zip(networks, validation, strict=True)):
            Xv = net._check_X(pair[0], owner, f"validation[{k}][0]")
            held.append((Xv, net._check_y(pair[1], Xv.shape[0], owner, f"validation[{k}][1]")))

    X = np.stack([X for X, _ in checked])
    T = np.stack([net._targets(y) for net, (_, y) in zip(networks, checked, strict=True)])
    weights = [np.stack([net.weights[j] for net in networks]) for j in range(first.n_layers)]
    biases = [np.stack([net.biases[j] for net in networks]) for j in range(first.n_layers)]
    opt = get_optimizer(optimizer, learning_rate, owner=owner)
    rngs = [np.random.default_rng(s) for s in seeds]
    batch_size = min(batch_size, n)
    rows = np.arange(n_nets)[:, None]
    hidden, last = first.hidden, first.n_layers - 1
    X_held = None
    if held is not None:
        n_held = held[0][0].shape[0]
        if any(Xv.shape[0] != n_held for Xv, _ in held):
            raise param_error(
                "validation", owner, f"held-out sets of one size ({n_held})", validation
            )
        X_held = np.stack([Xv for Xv, _ in held])
    curves = [
        {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": [], "angle": []}
        for _ in networks
    ]
    for _ in range(epochs):
        order = np.stack([rng.permutation(n) for rng in rngs])
        for start in range(0, n, batch_size):
            idx = order[:, start : start + batch_size]
            z_all, a_all = _forward(first, weights, biases, X[rows, idx], outputs=True)
            out = a_all[-1]
            delta = (out - T[rows, idx]) * (1.0 / out.shape[1])
            dW, db = [None] * len(weights), [None] * len(weights)
            for layer in range(last, -1, -1):
                dW[layer] = np.swapaxes(a_all[layer], 1, 2) @ delta
                db[layer] = delta.sum(axis=1)
                if layer > 0:
                    error = delta @ np.swapaxes(weights[layer], 1, 2)
                    delta = error * hidden.derivative(z_all[layer - 1], a_all[layer])
            opt.step(weights + biases, dW + db)
        _measure_all(networks, weights, biases, X, [y for _, y in checked], curves, "")
        if held is not None:
            _measure_all(networks, weights, biases, X_held, [y for _, y in held], curves, "val_")
    for k, net in enumerate(networks):
        net.weights = [W[k].copy() for W in weights]
        net.biases = [b[k].copy() for b in biases]
    for net in networks:
        net.is_trained = True
    return [
        History(
            loss=np.array(c["loss"]),
            accuracy=np.array(c["accuracy"]),
            val_loss=np.array(c["val_loss"]) if held is not None else None,
            val_accuracy=np.array(c["val_accuracy"]) if held is not None else None,
        )
        for c in curves
    ]


def _forward(first: DeepNetwork, weights, biases, A: np.ndarray, outputs: bool):
    """Every layer's ``z`` and ``a`` for stacked inputs ``A`` (networks x samples x
    inputs), as :meth:`DeepNetwork._forward` computes them network by network; without
    ``outputs`` the output layer's activation is left out (the measures read ``z``)."""
    z_all, a_all = [], [A]
    last = len(weights) - 1
    for layer, (W, b) in enumerate(zip(weights, biases, strict=True)):
        z = a_all[-1] @ W
        z += b[:, None, :]
        z_all.append(z)
        if layer < last:
            a_all.append(first.hidden(z))
        elif outputs:
            a_all.append(_output(first, z))
    return z_all, a_all


def _measure_all(networks, weights, biases, X, ys, curves, prefix) -> None:
    """Loss and accuracy of every network on its ``(X[k], ys[k])``, as ``fit`` measures."""
    z_out = _forward(networks[0], weights, biases, X, outputs=False)[0][-1]
    for k, net in enumerate(networks):
        curves[k][prefix + "loss"].append(net._loss_from_logits(z_out[k], ys[k]))
        accuracy = np.mean(net._predict_from_output(z_out[k]) == ys[k])
        curves[k][prefix + "accuracy"].append(float(accuracy))


def _output(network: DeepNetwork, z: np.ndarray) -> np.ndarray:
    """The output layer's activation on stacked pre-activations (softmax per network)."""
    if network.output != "softmax":
        return network._output_fn(z)
    # _softmax's operations along the last axis, each row reduced by the same inner loop
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    e /= e.sum(axis=-1, keepdims=True)
    return e


@validate(
    network=InstanceOf(DeepNetwork, text="a DeepNetwork"),
    X=DATA,
    y=LABELS,
    epochs=COUNT,
    batch_size=COUNT,
    learning_rate=[POSITIVE, None],
    optimizer=Options(*OPTIMIZERS),
    seed=SEED,
    validation=[_PAIR, None],
)
@dataclass(frozen=True, eq=False)
class Training:
    """A request for ``network.fit(X, y, ...)`` by backprop: the same arguments, the
    optimizer by name. Running it trains ``network`` in place and gives its History."""

    network: DeepNetwork
    X: np.ndarray
    y: np.ndarray
    epochs: int = 20
    batch_size: int = 32
    learning_rate: float | None = None
    optimizer: str = "sgd"
    seed: int = 0
    validation: tuple | None = None

    def run(self) -> History:
        """This request alone: ``network.fit(...)``."""
        return self.network.fit(
            self.X,
            self.y,
            epochs=self.epochs,
            batch_size=self.batch_size,
            learning_rate=self.learning_rate,
            optimizer=self.optimizer,
            validation=self.validation,
            seed=self.seed,
        )

    def _key(self) -> tuple:
        net = self.network
        held = None if self.validation is None else np.shape(self.validation[0])[0]
        return (
            tuple(net.layer_sizes),
            type(net.hidden),
            repr(net.hidden),
            net.output,
            np.shape(self.X),
            held,
            self.epochs,
            self.batch_size,
            self.learning_rate,
            self.optimizer,
        )

    @classmethod
    def run_batch(cls, requests: Sequence[Training]) -> list[History]:
        """Several requests, those of one shape and settings trained as one stack
        (:func:`fit_together`); each History the same as the request's own ``run()``."""
        groups: dict[tuple, list[int]] = {}
        for k, request in enumerate(requests):
            groups.setdefault(request._key(), []).append(k)
        results: list[History | None] = [None] * len(requests)
        for members in groups.values():
            if len(members) == 1:
                results[members[0]] = requests[members[0]].run()
                continue
            first = requests[members[0]]
            histories = fit_together(
                [requests[k].network for k in members],
                [(requests[k].X, requests[k].y) for k in members],
                epochs=first.epochs,
                batch_size=first.batch_size,
                learning_rate=first.learning_rate,
                optimizer=first.optimizer,
                seeds=[requests[k].seed for k in members],
                validation=None
                if first.validation is None
                else [requests[k].validation for k in members],
            )
            for k, history in zip(members, histories, strict=True):
                results[k] = history
        return results
