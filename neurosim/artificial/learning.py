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
  sign fixed for sign-constrained (Dale's law) learning.

Layer ``l`` (0-based) maps ``a[l]`` (``a[0]`` is the input) to
``z[l] = a[l] @ W[l] + b[l]`` and ``a[l + 1] = f(z[l])``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Backprop", "LearningRule"]


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
        out = record.a[-1]
        return (out - targets) * (1.0 / out.shape[0])

    def send_back(self, network, layer: int, delta: np.ndarray) -> np.ndarray:
        """The error arriving at ``a[layer]`` from ``delta`` (= dLoss/dz[layer]).

        Backprop: ``delta @ W[layer].T``.  Override for other feedback pathways.
        """
        return delta @ network.weights[layer].T

    def layer_update(self, network, layer: int, a_in: np.ndarray, delta: np.ndarray):
        """Update directions ``(dW, db)`` of one layer from its input and its delta."""
        return a_in.T @ delta, delta.sum(axis=0)

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
