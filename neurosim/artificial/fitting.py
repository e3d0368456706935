"""Training a :class:`~.network.DeepNetwork`: shuffled mini-batches and learning curves.

:meth:`DeepNetwork.fit` checks its arguments and calls :func:`train`, which runs the
epochs: every epoch draws a new order of the samples, each mini-batch's forward pass
goes to the learning rule (:mod:`.learning`), the optimizer (:mod:`.training`) steps
against the rule's update directions, and after the epoch the loss and accuracy on the
whole training set (and the validation set, and optionally the rule's angle to the true
gradient) are recorded in a :class:`History`.

Randomness: the mini-batch order comes from ``np.random.default_rng(seed)``; the rule
draws its own state (feedback matrices, unit signs, jitter) from a second stream of the
same seed (spawn key 1), so every rule sees the same mini-batches.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial.alignment import _angle_on_record

__all__ = ["History", "rule_stream", "train"]


@dataclass
class History:
    """Per-epoch learning curves returned by :meth:`DeepNetwork.fit`.

    ``loss`` and ``accuracy`` are measured on the whole training set at the end of
    each epoch (mean cross-entropy in nats; fraction correct); ``val_loss`` and
    ``val_accuracy`` likewise on the validation set, or ``None`` without one.
    ``alignment_angle`` (with ``fit(..., record_alignment=True)``, else ``None``) is
    the angle in degrees between the rule's weight update and the true gradient on
    the whole training set at the end of each epoch, over the weights below the
    output layer (see :func:`~.alignment.alignment_angle`); 0 for backprop, NaN after an
    epoch whose update (or gradient) is exactly zero on those weights: a zero vector has
    no direction, and the curve keeps one value per epoch.
    """

    loss: np.ndarray
    accuracy: np.ndarray
    val_loss: np.ndarray | None = None
    val_accuracy: np.ndarray | None = None
    alignment_angle: np.ndarray | None = None

    @property
    def epochs(self) -> int:
        """Number of epochs recorded."""
        return int(self.loss.shape[0])


def rule_stream(seed: int) -> np.random.Generator:
    """The generator a learning rule draws from in ``fit(..., seed=seed)``.

    Spawn key 1 of the same seed: the rule's draws (feedback matrices, unit signs,
    jitter) leave the mini-batch order, drawn from ``default_rng(seed)``, unchanged.
    """
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1,)))


def train(
    network,
    X: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    optimizer,
    seed: int,
    rule,
    validation: tuple | None,
    record_alignment: bool,
) -> History:
    """Train ``network`` in place; return its learning curves.

    The arguments are those of :meth:`DeepNetwork.fit`, already checked there:
    ``optimizer`` an :class:`~.training.Optimizer` object, ``rule`` a
    :class:`~.learning.LearningRule`, ``validation`` a checked ``(X_val, y_val)``
    or None.
    """
    rng = np.random.default_rng(seed)
    rule.prepare(network, rule_stream(seed))
    T = network._targets(y)
    n = X.shape[0]
    batch_size = min(batch_size, n)
    starts = range(0, n, batch_size)
    curves = _new_curves()
    probe_layers = list(range(max(network.n_layers - 1, 1)))
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in starts:
            idx = order[start : start + batch_size]
            record = network._forward(X[idx])
            dW, db = rule.updates(network, record, T[idx])
            optimizer.step(network.weights + network.biases, dW + db)
            rule.after_step(network)
        _measure(network, X, y, curves, "")
        if validation is not None:
            _measure(network, *validation, curves, "val_")
        if record_alignment:
            curves["angle"].append(
                _angle_on_record(network, network._forward(X), T, rule, probe_layers)
            )
    return _history(curves, validation is not None, record_alignment)


def _new_curves() -> dict:
    return {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": [], "angle": []}


def _history(curves: dict, held_out: bool, alignment: bool) -> History:
    """The learning curves as a :class:`History` (validation and angle only if recorded)."""
    return History(
        loss=np.array(curves["loss"]),
        accuracy=np.array(curves["accuracy"]),
        val_loss=np.array(curves["val_loss"]) if held_out else None,
        val_accuracy=np.array(curves["val_accuracy"]) if held_out else None,
        alignment_angle=np.array(curves["angle"]) if alignment else None,
    )


def _measure(network, X, y, curves, prefix):
    """Loss and accuracy on ``(X, y)``, appended to ``curves`` under ``prefix``."""
    _record(network, network._forward(X).z[-1], y, curves, prefix)


def _record(network, z_out, y, curves, prefix):
    """Loss and accuracy of the output pre-activations ``z_out`` against ``y``."""
    curves[prefix + "loss"].append(network._loss_from_logits(z_out, y))
    curves[prefix + "accuracy"].append(float(np.mean(network._predict_from_output(z_out) == y)))
