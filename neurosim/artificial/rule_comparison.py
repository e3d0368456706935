"""Several learning rules, one task: the same network, initial weights and mini-batches.

To compare what rules learn, everything but the rule is held fixed: every rule trains
its own copy of one network (``DeepNetwork(layer_sizes, hidden=..., seed=seed)``: the
same initial weights), with the same optimizer and the same ``fit`` seed (the same
mini-batches in the same order), and is scored on the same test set after the last
epoch (with one BLAS thread: the matrices are small).  For the rules named in
``measure_alignment`` the angle between the rule's weight update and the true gradient
(:func:`~.alignment.alignment_angle`) is measured on the whole training set before
training and after every epoch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np

from neurosim.artificial.activations import ACTIVATIONS, Activation
from neurosim.artificial.alignment import alignment_angle
from neurosim.artificial.constraints import OPT_SEED
from neurosim.artificial.fitting import History, rule_stream
from neurosim.artificial.learning import (
    Backprop,
    FeedbackAlignment,
    LearningRule,
    NodePerturbation,
    SignConstrained,
)
from neurosim.artificial.network import DeepNetwork
from neurosim.artificial.stacked import Training
from neurosim.artificial.training import OPTIMIZERS, Optimizer
from neurosim.core.batching import drive
from neurosim.core.constraints import (
    BOOL,
    COUNT,
    POSITIVE,
    SEED,
    TEXT,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    MappingOf,
    Options,
    param_error,
    validate,
)

__all__ = ["RuleRun", "compare_rules", "constrained_rules"]


@validate(seed=OPT_SEED, excitatory_fraction=Interval(0, 1))
def constrained_rules(*, seed: int | None = None, excitatory_fraction: float = 0.8) -> dict:
    """Backprop and the rules that each respect one constraint of the brain, by name.

    - ``"backprop"``: :class:`~.learning.Backprop` (weight transport, free signs);
    - ``"feedback_alignment"``: no weight transport (:class:`~.learning.FeedbackAlignment`);
    - ``"sign_hidden"``: Dale's law on the hidden units (:class:`~.learning.SignConstrained`);
    - ``"sign_all"``: Dale's law on every layer, every input excitatory (for inputs that
      are never negative, such as pixels);
    - ``"node_perturbation"``: one global reward, no error vector
      (:class:`~.learning.NodePerturbation`).

    New, unprepared objects on every call (a rule keeps state from ``fit``); ``seed``
    seeds the rules' own draws (None: the stream ``fit`` passes them).
    """
    signs = {"excitatory_fraction": excitatory_fraction, "seed": seed}
    return {
        "backprop": Backprop(),
        "feedback_alignment": FeedbackAlignment(seed=seed),
        "sign_hidden": SignConstrained(**signs),
        "sign_all": SignConstrained(**signs, constrain_inputs=True, input_excitatory_fraction=1.0),
        "node_perturbation": NodePerturbation(seed=seed),
    }


@dataclass(frozen=True, eq=False)
class RuleRun:
    """One rule trained on one task by :func:`compare_rules`.

    Attributes
    ----------
    rule : LearningRule
        The rule, as ``fit`` left it (its feedback matrices, unit signs, counters).
    network : DeepNetwork
        The trained network.
    history : History
        Its learning curves (``val_accuracy``: test accuracy after every epoch).
    accuracy : float
        Test accuracy after the last epoch (fraction correct).
    n_test : int
        Number of test samples.
    angle_deg : ndarray or None
        Angle to the true gradient before training, then after every epoch
        (``epochs + 1`` values, degrees); None unless the rule was measured.
    """

    rule: LearningRule
    network: DeepNetwork
    history: History
    accuracy: float
    n_test: int
    angle_deg: np.ndarray | None


#: A data set: the pair (X, y).
_PAIR = ListOf(ArrayOf(dtype=None), min_len=2)


@validate(
    rules=MappingOf(InstanceOf(LearningRule, text="a LearningRule (e.g. Backprop())")),
    layer_sizes=ListOf(COUNT, min_len=2),
    train=_PAIR,
    test=_PAIR,
    hidden=[Options(*ACTIVATIONS), InstanceOf(Activation, text="an Activation object")],
    epochs=COUNT,
    batch_size=COUNT,
    optimizer=[Options(*OPTIMIZERS), InstanceOf(Optimizer, text="an Optimizer object")],
    learning_rate=[POSITIVE, None],
    seed=SEED,
    measure_alignment=ListOf(TEXT, min_len=0),
    as_steps=BOOL,
)
def compare_rules(
    rules: Mapping[str, LearningRule],
    layer_sizes,
    train: tuple,
    test: tuple,
    *,
    hidden="sigmoid",
    epochs: int = 20,
    batch_size: int = 32,
    optimizer="sgd",
    learning_rate: float | None = None,
    seed: int = 0,
    measure_alignment: Collection[str] = (),
    as_steps: bool = False,
) -> dict[str, RuleRun]:
    """Train one copy of a network per rule, all else equal; score each on ``test``.

    Parameters
    ----------
    rules : mapping of str to LearningRule
        Each rule by name, not yet used (``fit`` prepares it).
    layer_sizes, hidden
        The network (see :class:`~.network.DeepNetwork`); its initial weights are
        drawn from ``seed``, the same for every rule.
    train, test : tuple (X, y)
        Training and test data (the test set is the ``validation`` of ``fit``).
    epochs, batch_size, optimizer, learning_rate, seed
        As in :meth:`DeepNetwork.fit`, the same for every rule.
    measure_alignment : collection of str, default ()
        Names of the rules whose angle to the true gradient is measured.
    as_steps : bool, default False
        Return the generator of :func:`_rule_steps` instead (one
        :class:`~.stacked.Training` request per rule; its return value is the dict),
        for a comparison's steps (:func:`neurosim.core.batching.seeds_as_batch`):
        several seeds' networks of one rule then train as one stack.

    Returns
    -------
    dict of str to RuleRun
        In the order of ``rules``.
    """
    owner = "compare_rules"
    for name, pair in (("train", train), ("test", test)):
        if len(pair) != 2:
            raise param_error(name, owner, "a pair (X, y)", pair)
    unknown = sorted(set(measure_alignment) - set(rules))
    if unknown:
        raise param_error("measure_alignment", owner, f"names among {list(rules)}", unknown)
    settings = {
        "hidden": hidden,
        "epochs": epochs,
        "batch_size": batch_size,
        "optimizer": optimizer,
        "learning_rate": learning_rate,
        "seed": seed,
        "measure_alignment": measure_alignment,
    }
    steps = _rule_steps(rules, layer_sizes, train, test, **settings)
    if as_steps:
        return steps
    with _one_blas_thread():
        return drive([steps])[0]


def _rule_steps(rules, layer_sizes, train, test, *, hidden, seed, measure_alignment, **fit):
    """:func:`compare_rules` as steps (arguments checked there): yields one
    :class:`~.stacked.Training` request per rule, returns the dict of :class:`RuleRun`."""
    (X_train, y_train), (X_test, y_test) = train, test
    runs = {}
    for name, rule in rules.items():
        net = DeepNetwork(layer_sizes, hidden=hidden, seed=seed)
        start = None
        if name in measure_alignment:
            # the draws fit() will make: the rule's own seed, or fit's stream
            rule.prepare(net, rule_stream(seed))
            start = alignment_angle(net, X_train, y_train, rule)
        history = yield Training(
            net,
            X_train,
            y_train,
            validation=(X_test, y_test),
            seed=seed,
            rule=rule,
            record_alignment=start is not None,
            **fit,
        )
        angle = None if start is None else np.concatenate([[start], history.alignment_angle])
        accuracy = net.score(X_test, y_test)
        runs[name] = RuleRun(rule, net, history, accuracy, len(y_test), angle)
    return runs


def _one_blas_thread():
    """One BLAS thread while the networks train: their matrices are small, and threads
    only spin against each other on a shared machine (threadpoolctl, if installed)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")
