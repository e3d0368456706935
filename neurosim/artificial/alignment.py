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

from neurosim.artificial.learning import Backprop, LearningRule
from neurosim.core.validation import param_error

__all__ = ["alignment_angle", "update_angle"]


def update_angle(update, reference) -> float:
    """Angle in degrees between two update directions, each flattened into one vector.

    ``update`` and ``reference`` are arrays or lists of arrays (e.g. the ``dW`` lists
    of two rules); ``acos(u . g / (|u| |g|))`` in [0, 180].  0: same direction; 90:
    orthogonal (the update neither helps nor harms to first order); > 90: uphill.
    NaN if either vector is zero.
    """
    u = _flat(update, "update")
    g = _flat(reference, "reference")
    if u.shape != g.shape:
        raise param_error(
            "update", "update_angle", f"{g.size} numbers like 'reference'", f"{u.size} numbers"
        )
    norm = float(np.linalg.norm(u) * np.linalg.norm(g))
    if norm == 0.0:
        return float("nan")
    cosine = float(np.clip(u @ g / norm, -1.0, 1.0))
    return float(np.degrees(np.arccos(cosine)))


def _flat(arrays, name: str) -> np.ndarray:
    if isinstance(arrays, np.ndarray):
        arrays = [arrays]
    try:
        return np.concatenate([np.asarray(a, dtype=float).ravel() for a in arrays])
    except (TypeError, ValueError):
        raise param_error(
            name, "update_angle", "an array or a list of arrays", arrays, cls=TypeError
        ) from None


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
        Degrees in [0, 180]; 0 for backprop itself.
    """
    owner = "alignment_angle"
    if not isinstance(rule, LearningRule):
        raise param_error("rule", owner, "a LearningRule object", rule, cls=TypeError)
    n_layers = len(network.weights)
    if layers is None:
        layers = list(range(max(n_layers - 1, 1)))
    else:
        layers = list(layers)
        if not layers or any(
            isinstance(k, bool) or not isinstance(k, int | np.integer) or not 0 <= k < n_layers
            for k in layers
        ):
            raise param_error("layers", owner, f"layer indices in 0..{n_layers - 1}", layers)
    record = network.forward(X)
    targets = network.targets(y)
    return _angle_on_record(network, record, targets, rule, layers)


def _angle_on_record(network, record, targets, rule, layers) -> float:
    dW, _ = rule.updates(network, record, targets)
    gW, _ = Backprop().updates(network, record, targets)
    return update_angle([dW[k] for k in layers], [gW[k] for k in layers])
