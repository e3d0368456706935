"""Several networks of one shape trained by backprop at once: a seed axis in front.

Ten seeds of a small network cost ten times one in numpy's per-call overhead, not in
arithmetic: a mini-batch step of a 2-16-16-16-2 network is about 30 numpy calls on
arrays of a few hundred numbers (0.25 ms a step, almost all of it overhead).
:func:`fit_together` stacks the networks' weights along a leading axis and makes each
call work on every network at once. Each network's weights and learning curves are the
same, to the last bit, as its own :meth:`~.network.DeepNetwork.fit` with the same
arguments (tests/artificial/test_stacked.py): the stack is run by ``fit``'s own forward
pass and backprop's own updates, whose every call is, network by network, the call
``fit`` makes (a matrix product per network, elementwise arithmetic, sums over the
mini-batch one row after the other), and each network's mini-batch order comes from
its own seed.

Only backprop (``fit``'s default rule), without ``record_alignment``: the other rules
draw their own state and change the update, and run network by network.

A comparison asks for a training as a :class:`Training` request from its steps
(:func:`neurosim.core.batching.seeds_as_batch`): the requests of one round that can be
stacked (same network shape, data size and settings) are trained together.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from neurosim.artificial.constraints import DATA, LABELS
from neurosim.artificial.fitting import History, _history, _new_curves, _record
from neurosim.artificial.learning import Backprop
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
    X_held = None
    if held is not None:
        n_held = held[0][0].shape[0]
        if any(Xv.shape[0] != n_held for Xv, _ in held):
            raise param_error(
                "validation", owner, f"held-out sets of one size ({n_held})", validation
            )
        X_held = np.stack([Xv for Xv, _ in held])
    # the stack: the first network's shape with every network's weights on a leading
    # axis; DeepNetwork's forward pass and backprop's updates work on it unchanged
    stack = copy.copy(first)
    stack.weights = [np.stack([net.weights[j] for net in networks]) for j in range(stack.n_layers)]
    stack.biases = [np.stack([net.biases[j] for net in networks]) for j in range(stack.n_layers)]
    rule, opt = Backprop(), get_optimizer(optimizer, learning_rate, owner=owner)
    rngs = [np.random.default_rng(s) for s in seeds]
    batch_size = min(batch_size, n)
    rows = np.arange(n_nets)[:, None]
    curves = [_new_curves() for _ in networks]
    for _ in range(epochs):
        order = np.stack([rng.permutation(n) for rng in rngs])
        for start in range(0, n, batch_size):
            idx = order[:, start : start + batch_size]
            dW, db = rule.updates(stack, stack._forward(X[rows, idx]), T[rows, idx])
            opt.step(stack.weights + stack.biases, dW + db)
        _measure_all(networks, stack, X, [y for _, y in checked], curves, "")
        if held is not None:
            _measure_all(networks, stack, X_held, [y for _, y in held], curves, "val_")
    for k, net in enumerate(networks):
        net.weights = [W[k].copy() for W in stack.weights]
        net.biases = [b[k].copy() for b in stack.biases]
        net.is_trained = True
    return [_history(c, held is not None, False) for c in curves]


def _measure_all(networks, stack, X, ys, curves, prefix) -> None:
    """Loss and accuracy of every network on its ``(X[k], ys[k])``, as ``fit`` measures."""
    z_out = stack._forward(X).z[-1]
    for k, net in enumerate(networks):
        _record(net, z_out[k], ys[k], curves[k], prefix)


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
