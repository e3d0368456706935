"""Several networks of one shape trained at once: a seed axis in front.

Ten seeds of a small network cost ten times one in numpy's per-call overhead, not in
arithmetic: a mini-batch step of a 2-16-16-16-2 network is about 30 numpy calls on
arrays of a few hundred numbers (0.25 ms a step, almost all of it overhead).
:func:`fit_together` stacks the networks' weights along a leading axis and makes each
call work on every network at once. Each network's weights and learning curves are the
same, to the last bit, as its own :meth:`~.network.DeepNetwork.fit` with the same
arguments (tests/artificial/test_stacked.py): the stack is run by ``fit``'s own forward
pass and the rule's own updates, whose every call is, network by network, the call
``fit`` makes (a matrix product per network, elementwise arithmetic, sums over the
mini-batch one row after the other), and each network's mini-batch order comes from
its own seed.

The rules: backprop, feedback alignment, sign-constrained backprop, node perturbation
and predictive coding (one class per stack). Each network's rule is prepared from its own seed,
as ``fit`` prepares it, before the stack is built; the stack then runs on the rules'
state stacked (feedback matrices, unit signs), and node perturbation draws each
network's jitter from that network's own generator. Each rule object ends as ``fit``
leaves it (its counters, its generator's state), and ``record_alignment`` measures each
network's angle with its own rule.

A comparison asks for a training as a :class:`Training` request from its steps
(:func:`neurosim.core.batching.seeds_as_batch`): the requests of one round that can be
stacked (same network shape, data size, rule class and settings) are trained together.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from neurosim.artificial.alignment import _angle_on_record
from neurosim.artificial.constraints import DATA, LABELS
from neurosim.artificial.fitting import History, _history, _new_curves, _record, rule_stream
from neurosim.artificial.learning import (
    Backprop,
    FeedbackAlignment,
    LearningRule,
    NodePerturbation,
    SignConstrained,
)
from neurosim.artificial.network import DeepNetwork
from neurosim.artificial.predictive_coding import PredictiveCoding
from neurosim.artificial.training import OPTIMIZER, Optimizer, get_optimizer
from neurosim.core.batching import in_groups
from neurosim.core.constraints import (
    BOOL,
    COUNT,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    ListOf,
    param_error,
    validate,
)

__all__ = ["Training", "fit_together"]

_NETWORKS = ListOf(InstanceOf(DeepNetwork, text="a DeepNetwork"), min_len=1)
_RULE = InstanceOf(LearningRule, text="a LearningRule (e.g. Backprop())")
#: The rules a stack can run: each rule's hooks work on a leading network axis.
STACKABLE = (Backprop, FeedbackAlignment, SignConstrained, NodePerturbation, PredictiveCoding)


def _settings(rule) -> tuple:
    """What the networks of one stack share of their rules: a rule's own constants (its
    seed and its drawn state are each network's)."""
    if isinstance(rule, NodePerturbation):
        return (rule.sigma,)
    if isinstance(rule, PredictiveCoding):
        return (rule.steps, rule.inference_rate, rule.nudge)
    return ()


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
    rules=[ListOf(_RULE, min_len=1), None],
    record_alignment=BOOL,
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
    rules: Sequence[LearningRule] | None = None,
    record_alignment: bool = False,
) -> list[History]:
    """Train ``networks[k]`` on ``data[k] = (X, y)`` with ``seeds[k]``, all at once.

    The same as ``networks[k].fit(X, y, epochs=..., batch_size=..., learning_rate=...,
    optimizer=..., validation=validation[k], seed=seeds[k], rule=rules[k],
    record_alignment=...)`` for every ``k``, and the same bits; the networks must have
    the same layer sizes, activations and output, the data sets the same number of
    samples, and the rules (default: backprop) one class of :data:`STACKABLE` and, for
    node perturbation, one ``sigma``. ``optimizer`` is a name (each network gets its own
    optimizer state). Each rule object is used as ``fit`` uses it (prepared, stepped).
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
    rules = [Backprop() for _ in networks] if rules is None else list(rules)
    if len(rules) != n_nets:
        raise param_error("rules", owner, f"one rule per network ({n_nets})", rules)
    kind = type(rules[0])
    if kind not in STACKABLE or any(type(r) is not kind for r in rules):
        names = ", ".join(c.__name__ for c in STACKABLE)
        raise param_error("rules", owner, f"rules of one class among {names}", rules)
    if len({_settings(r) for r in rules}) > 1:
        raise param_error("rules", owner, "rules with one setting (sigma; steps, rates)", rules)
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
    for k, (net, rule) in enumerate(zip(networks, rules, strict=True)):
        rule.prepare(net, rule_stream(seeds[k]))  # as fit does: may sign the weights
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
    rule, opt = _stacked(rules), get_optimizer(optimizer, learning_rate, owner=owner)
    rngs = [np.random.default_rng(s) for s in seeds]
    batch_size = min(batch_size, n)
    rows = np.arange(n_nets)[:, None]
    curves = [_new_curves() for _ in networks]
    probe_layers = list(range(max(stack.n_layers - 1, 1)))
    for _ in range(epochs):
        order = np.stack([rng.permutation(n) for rng in rngs])
        for start in range(0, n, batch_size):
            idx = order[:, start : start + batch_size]
            dW, db = rule.updates(stack, stack._forward(X[rows, idx]), T[rows, idx])
            opt.step(stack.weights + stack.biases, dW + db)
            rule.after_step(stack)
        _measure_all(networks, stack, X, [y for _, y in checked], curves, "")
        if held is not None:
            _measure_all(networks, stack, X_held, [y for _, y in held], curves, "val_")
        if record_alignment:  # each network alone, with its own rule (and its draws)
            for k in range(n_nets):
                one = _member(stack, k)
                angle = _angle_on_record(one, one._forward(X[k]), T[k], rules[k], probe_layers)
                curves[k]["angle"].append(angle)
    for k, net in enumerate(networks):
        net.weights = [W[k].copy() for W in stack.weights]
        net.biases = [b[k].copy() for b in stack.biases]
        net.is_trained = True
    return [_history(c, held is not None, record_alignment) for c in curves]


def _member(stack: DeepNetwork, k: int) -> DeepNetwork:
    """Network ``k`` of the stack, its weights views into the stack's."""
    one = copy.copy(stack)
    one.weights = [W[k] for W in stack.weights]
    one.biases = [b[k] for b in stack.biases]
    return one


def _stacked(rules: list) -> LearningRule:
    """One rule that runs the prepared ``rules`` (one class) on the stack."""
    kind = type(rules[0])
    if kind is FeedbackAlignment:
        rule = FeedbackAlignment()
        rule.B = [None] + [np.stack([r.B[j] for r in rules]) for j in range(1, len(rules[0].B))]
        return rule
    if kind is SignConstrained:
        return _StackedSigns(rules)
    if kind is NodePerturbation:
        return _StackedJitter(rules)
    if kind is PredictiveCoding:  # no state of its own: its settling works on the stack
        return rules[0]
    return Backprop()


class _StackedSigns(Backprop):
    """Sign-constrained backprop on a stack: each network's unit signs, its counters."""

    def __init__(self, rules: list):
        self.rules = rules
        self.signs = [
            None if s is None else np.stack([r.unit_signs[j] for r in rules])[:, :, None]
            for j, s in enumerate(rules[0].unit_signs)
        ]

    def after_step(self, network) -> None:
        """``SignConstrained.after_step`` for every network: the same zeros, counters."""
        clipped = np.zeros(len(self.rules), dtype=np.int64)
        wrong_after = np.zeros(len(self.rules), dtype=np.int64)
        for W, signs in zip(network.weights, self.signs):
            if signs is None:
                continue
            wrong = W * signs < 0.0
            clipped += np.count_nonzero(wrong, axis=(1, 2))
            W[wrong] = 0.0
            wrong_after += np.count_nonzero(W * signs < 0.0, axis=(1, 2))
        for rule, n_clipped, n_wrong in zip(self.rules, clipped, wrong_after, strict=True):
            rule.n_clipped += int(n_clipped)
            rule.n_steps += 1
            rule.worst_violations = max(rule.worst_violations, int(n_wrong))


class _StackedJitter(NodePerturbation):
    """Node perturbation on a stack: each network's jitter from its own rule's generator."""

    def __init__(self, rules: list):
        super().__init__(sigma=rules[0].sigma)
        self.rules = rules
        self._rng = rules[0]._rng  # prepared: updates() refuses an unprepared rule

    def _jitter(self, shape) -> np.ndarray:
        return np.stack([r._jitter(shape[1:]) for r in self.rules])


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
    optimizer=OPTIMIZER,
    seed=SEED,
    validation=[_PAIR, None],
    rule=[_RULE, None],
    record_alignment=BOOL,
)
@dataclass(frozen=True, eq=False)
class Training:
    """A request for ``network.fit(X, y, ...)``: the same arguments, the optimizer by
    name, the rule (default backprop) one of :data:`STACKABLE`. Running it trains
    ``network`` in place (and uses ``rule`` as ``fit`` does) and gives its History."""

    network: DeepNetwork
    X: np.ndarray
    y: np.ndarray
    epochs: int = 20
    batch_size: int = 32
    learning_rate: float | None = None
    optimizer: str | Optimizer = "sgd"
    seed: int = 0
    validation: tuple | None = None
    rule: LearningRule | None = None
    record_alignment: bool = False

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
            rule=self.rule,
            record_alignment=self.record_alignment,
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
            type(self.rule),
            _settings(self.rule),
            self.record_alignment,
        )

    def _stack_key(self) -> tuple | None:
        """What the requests of one stack share; None: this one trains alone (a rule of
        another class, or an optimizer object with a state of its own)."""
        stackable = self.rule is None or type(self.rule) in STACKABLE
        return self._key() if stackable and isinstance(self.optimizer, str) else None

    @classmethod
    def run_batch(cls, requests: Sequence[Training]) -> list[History]:
        """Several requests, those of one shape and settings trained as one stack
        (:func:`fit_together`); each History the same as the request's own ``run()``."""
        return in_groups(requests, Training._stack_key, _train_together)


def _train_together(requests: list[Training]) -> list[History]:
    """Requests of one shape and settings as one stack (:func:`fit_together`)."""
    first = requests[0]
    return fit_together(
        [r.network for r in requests],
        [(r.X, r.y) for r in requests],
        epochs=first.epochs,
        batch_size=first.batch_size,
        learning_rate=first.learning_rate,
        optimizer=first.optimizer,
        seeds=[r.seed for r in requests],
        validation=None if first.validation is None else [r.validation for r in requests],
        rules=[r.rule or Backprop() for r in requests],
        record_alignment=first.record_alignment,
    )
