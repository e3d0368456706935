"""Backprop against finite differences: the check that a network's gradients are exact.

:func:`numerical_gradients` perturbs every weight and bias of a
:class:`~.network.DeepNetwork` in turn and takes central differences of its loss;
:func:`gradient_check` gives the largest relative error between those and
:meth:`DeepNetwork.gradients` (backprop).  The reference is independent of backprop:
only the forward pass and the loss enter it.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial.constraints import DATA, LABELS
from neurosim.artificial.network import DeepNetwork
from neurosim.core.constraints import POSITIVE, InstanceOf, Options, validate

#: What both functions take.
_CHECKED = {
    "network": InstanceOf(DeepNetwork),
    "X": DATA,
    "y": LABELS,
    "eps": POSITIVE,
    "order": Options(2, 4),
}

__all__ = ["gradient_check", "numerical_gradients"]


@validate(**_CHECKED)
def numerical_gradients(network: DeepNetwork, X, y, *, eps: float = 1e-3, order: int = 4):
    """Central finite differences of the loss with respect to every parameter.

    ``order=2``: ``(L(p + h) - L(p - h)) / (2h)``, error ``O(h^2)``.
    ``order=4``: ``(L(p - 2h) - 8 L(p - h) + 8 L(p + h) - L(p + 2h)) / (12h)``, error
    ``O(h^4)`` (the five-point stencil), with ``h = eps``; the default (see
    :func:`gradient_check` for why).

    Every parameter is perturbed in turn (in place, then restored exactly).
    Returns ``(dW, db)`` lists shaped like the network's weights and biases.
    Cost: ``order`` forward passes per parameter — use small networks.
    """
    owner = "numerical_gradients"
    X = network._check_X(X, owner)
    y = network._check_y(y, X.shape[0], owner)
    # Differences are taken pairwise, so a loss that does not move gives exactly 0.
    steps = (1.0, -1.0) if order == 2 else (1.0, -1.0, 2.0, -2.0)

    def loss():
        return network._loss_from_logits(network._forward(X).z[-1], y)

    out = []
    for param in network.weights + network.biases:
        flat = param.reshape(-1)  # a view: writing to it changes the network
        grad = np.empty(flat.size)
        for i in range(flat.size):
            old = flat[i]
            values = np.empty(len(steps))
            try:
                for k, step in enumerate(steps):
                    flat[i] = old + step * eps
                    values[k] = loss()
            finally:
                flat[i] = old
            if order == 2:
                grad[i] = (values[0] - values[1]) / (2.0 * eps)
            else:
                grad[i] = (8.0 * (values[0] - values[1]) - (values[2] - values[3])) / (12.0 * eps)
        out.append(grad.reshape(param.shape))
    n = network.n_layers
    return out[:n], out[n:]


@validate(**_CHECKED)
def gradient_check(network: DeepNetwork, X, y, *, eps: float = 1e-3, order: int = 4) -> float:
    """Largest relative error between backprop gradients and finite differences.

    For every parameter, ``|g_bp - g_fd| / max(|g_bp| + |g_fd|, tiny)`` with ``g_bp``
    from :meth:`DeepNetwork.gradients`, ``g_fd`` from :func:`numerical_gradients`
    and ``tiny`` the smallest normal float64 (two exact zeros count as agreement).
    Everything is float64.

    Why the default is the five-point stencil with ``h = 1e-3``, not the textbook
    ``(L(p+h) - L(p-h)) / 2h`` with ``h = 1e-6``: a perturbation of a first-layer
    weight reaches the output logits as a change of ~``h * g``, which float64 can
    only resolve to ~1e-16 of the logits, so the textbook quotient carries an
    absolute error of ~1e-10.  Deep networks have parameters whose gradient is
    1e-4..1e-6 (vanishing gradients, cancellation over samples), so their relative
    error reaches 1e-6..1e-5 however correct backprop is.  The fourth-order stencil
    allows a step 1000x larger (truncation error ``O(h^4)``), which cuts the
    rounding error 1000x; it checks 1-4 hidden-layer networks of every activation
    here to ~2e-7.  The price: no pre-activation may lie within ``2 h |a|`` of a
    kink (relu at 0, lif_rate at 1, where the rate's slope also diverges), so
    keep test inputs away from them.  ``order=2, eps=1e-6`` gives the textbook
    check.

    Parameters
    ----------
    network : DeepNetwork
    X, y : arrays
        A small batch (the cost is ``order`` forward passes per parameter).
    eps : float, default 1e-3
        Finite-difference step ``h``.
    order : {4, 2}, default 4
        Accuracy order of the central difference.

    Returns
    -------
    float
        The largest relative error over all weights and biases.
    """
    num_w, num_b = numerical_gradients(network, X, y, eps=eps, order=order)
    bp_w, bp_b = network.gradients(X, y)
    tiny = np.finfo(float).tiny
    worst = 0.0
    for a, b in zip(bp_w + bp_b, num_w + num_b):
        rel = np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), tiny)
        worst = max(worst, float(rel.max()))
    return worst
