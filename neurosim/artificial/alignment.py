"""How far a learning rule's update is from the true gradient: an angle.

Two update directions (each a list of arrays, flattened into one vector) make an angle
``acos(u . g / (|u| |g|))``: 0 degrees is the gradient's direction, 90 is no help to
first order, above 90 is uphill.  :func:`alignment_angle` compares a rule's weight
update with backprop's gradient from the same forward pass; ``DeepNetwork.fit(...,
record_alignment=True)`` records it after every epoch (Lillicrap et al. 2016 measure
feedback alignment this way).
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial.constraints import DATA, LABELS, NETWORK
from neurosim.artificial.learning import Backprop, LearningRule
from neurosim.core.constraints import (
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    described,
    param_error,
    validate,
)

__all__ = ["alignment_angle", "update_angle"]

#: An update direction: one array, or a list of arrays of any shapes (a rule's ``dW``).
_DIRECTION = [ArrayOf(), ListOf(ArrayOf())]


@validate(update=_DIRECTION, reference=_DIRECTION)
def update_angle(update, reference) -> float:
    """Angle in degrees between two update directions, each flattened into one vector.

    ``update`` and ``reference`` are arrays or lists of arrays (e.g. the ``dW`` lists
    of two rules); ``acos(u . g / (|u| |g|))`` in [0, 180].  0: same direction; 90:
    orthogonal (the update neither helps nor harms to first order); > 90: uphill.
    A zero vector has no direction: it is refused (ValueError naming it).
    """
    owner = "update_angle"
    u, g = _flat(update), _flat(reference)
    if u.shape != g.shape:
        raise param_error(
            "update", owner, f"{g.size} numbers like 'reference'", f"{u.size} numbers"
        )
    for name, v in (("update", u), ("reference", g)):
        if not np.any(v):
            raise param_error(
                name, owner, "a vector that is not zero (a direction)", v, "Its angle is undefined."
            )
    return _angle(u, g)


def _angle(u: np.ndarray, g: np.ndarray) -> float:
    """Degrees between two flat vectors; NaN if either is zero (no direction)."""
    norm = float(np.linalg.norm(u) * np.linalg.norm(g))
    if norm == 0.0:
        return float("nan")
    cosine = float(np.clip(u @ g / norm, -1.0, 1.0))
    return float(np.degrees(np.arccos(cosine)))


def _flat(arrays) -> np.ndarray:
    """One array, or a list of arrays, as one flat float vector."""
    if isinstance(arrays, np.ndarray):
        arrays = [arrays]
    return np.concatenate([np.asarray(a, dtype=float).ravel() for a in arrays])


@validate(
    network=NETWORK,
    X=DATA,
    y=LABELS,
    rule=InstanceOf(LearningRule, text="a LearningRule (e.g. Backprop())"),
    layers=[ListOf(Interval(0, None, integer=True)), None],
)
def alignment_angle(network, X, y, rule: LearningRule, *, layers=None) -> float:
    """Angle (degrees) between a rule's weight update and the true gradient on one batch.

    Both come from the same forward pass on ``(X, y)``: the rule's ``dW`` from
    ``rule.updates`` and the exact gradient from :class:`Backprop`; the weight
    matrices of ``layers`` are flattened into one vector each and compared with
    :func:`update_angle` (biases are left out).  Lillicrap et al. (2016) measure
    feedback alignment this way: the hidden layer's update starts ~90 degrees from
    backprop's and falls below 90 as the network learns.

    Parameters
    ----------
    network : DeepNetwork
    X, y : arrays
        The batch (inputs and integer labels).
    rule : LearningRule
        Already prepared (``fit`` prepares it; or call ``rule.prepare(network, rng)``).
    layers : sequence of int, optional
        Weight layers to compare; default every layer below the output (the hidden
        layers' inputs, where rules differ), or the only layer of a network without
        hidden layers.

    Returns
    -------
    float
        Degrees in [0, 180]; 0 for backprop itself. An update (the rule's, or the
        gradient) that is zero on these layers has no direction: refused, naming ``rule``
        (or ``y``, for a gradient of zero).
    """
    owner = "alignment_angle"
    n_layers = len(network.weights)
    if layers is None:
        layers = list(range(max(n_layers - 1, 1)))
    elif max(layers) >= n_layers:
        raise param_error("layers", owner, f"layer indices below {n_layers}", layers)
    u, g = _directions(network, network.forward(X), network.targets(y), rule, layers)
    wanted = f"whose update of layers {layers} is not zero (a direction)"
    for name, v, what in (("rule", u, "a rule"), ("y", g, "labels for a gradient")):
        if not np.any(v):
            raise param_error(name, owner, f"{what} {wanted}", described("a zero update"))
    return _angle(u, g)


def _directions(network, record, targets, rule, layers) -> tuple[np.ndarray, np.ndarray]:
    """The rule's update and the true gradient of ``layers``, each as one flat vector."""
    dW, _ = rule.updates(network, record, targets)
    gW, _ = Backprop().updates(network, record, targets)
    return _flat([dW[k] for k in layers]), _flat([gW[k] for k in layers])


def _angle_on_record(network, record, targets, rule, layers) -> float:
    """The angle after an epoch of training: NaN, not an error, for a zero update (a
    history keeps one value per epoch; see :class:`~.fitting.History`)."""
    return _angle(*_directions(network, record, targets, rule, layers))
