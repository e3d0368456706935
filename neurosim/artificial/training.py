"""Optimizers: how an update direction becomes a change of the parameters.

An optimizer's ``step(params, grads)`` changes each array in ``params`` **in
place**, stepping against the matching array in ``grads`` (which a
:class:`~neurosim.artificial.learning.LearningRule` produced: the true gradient for
backprop, something else for other rules).  A new optimizer, with fresh state, is
made for every ``fit`` call.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.validation import check_number, param_error

__all__ = ["OPTIMIZERS", "SGD", "Adam", "Optimizer", "get_optimizer"]


class Optimizer:
    """Base class: ``step(params, grads)`` updates the arrays of ``params`` in place."""

    name = "optimizer"

    def __init__(self, learning_rate: float):
        self.learning_rate = check_number(
            learning_rate, "learning_rate", type(self).__name__, low=0.0
        )

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:  # pragma: no cover
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._params().items())
        return f"{type(self).__name__}({args})"

    def _params(self) -> dict:
        return {"learning_rate": self.learning_rate}


class SGD(Optimizer):
    """(Mini-batch) stochastic gradient descent, optionally with momentum.

    ``v <- momentum * v - learning_rate * g``; ``p <- p + v``.  With ``momentum = 0``
    this is plain ``p <- p - learning_rate * g``.

    Parameters
    ----------
    learning_rate : float
        Step size, > 0.
    momentum : float, default 0
        In [0, 1).
    """

    name = "sgd"

    def __init__(self, learning_rate: float = 0.1, momentum: float = 0.0):
        super().__init__(learning_rate)
        self.momentum = check_number(
            momentum, "momentum", "SGD", low=0.0, high=1.0, low_inclusive=True, high_inclusive=False
        )
        self._velocity: list[np.ndarray] | None = None

    def _params(self) -> dict:
        return {"learning_rate": self.learning_rate, "momentum": self.momentum}

    def step(self, params, grads):
        lr = self.learning_rate
        if self.momentum == 0.0:
            for p, g in zip(params, grads):
                p -= lr * g
            return
        if self._velocity is None:
            self._velocity = [np.zeros_like(p) for p in params]
        mu = self.momentum
        for p, g, v in zip(params, grads, self._velocity):
            v *= mu
            v -= lr * g
            p += v


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015, arXiv:1412.6980, Algorithm 1).

    ``m <- b1 m + (1 - b1) g``; ``v <- b2 v + (1 - b2) g^2``;
    ``p <- p - lr * m_hat / (sqrt(v_hat) + eps)`` with bias-corrected
    ``m_hat = m / (1 - b1^t)``, ``v_hat = v / (1 - b2^t)``.

    Parameters
    ----------
    learning_rate : float, default 0.001
    beta1 : float, default 0.9
    beta2 : float, default 0.999
    eps : float, default 1e-8
    """

    name = "adam"

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ):
        super().__init__(learning_rate)
        self.beta1 = check_number(
            beta1, "beta1", "Adam", low=0.0, high=1.0, low_inclusive=True, high_inclusive=False
        )
        self.beta2 = check_number(
            beta2, "beta2", "Adam", low=0.0, high=1.0, low_inclusive=True, high_inclusive=False
        )
        self.eps = check_number(eps, "eps", "Adam", low=0.0)
        self._m: list[np.ndarray] | None = None
        self._v: list[np.ndarray] | None = None
        self._t = 0

    def _params(self) -> dict:
        return {
            "learning_rate": self.learning_rate,
            "beta1": self.beta1,
            "beta2": self.beta2,
            "eps": self.eps,
        }

    def step(self, params, grads):
        if self._m is None:
            self._m = [np.zeros_like(p) for p in params]
            self._v = [np.zeros_like(p) for p in params]
        self._t += 1
        b1, b2 = self.beta1, self.beta2
        # Fold both bias corrections into the step size (Kingma & Ba, Sec. 2, end).
        lr_t = self.learning_rate * np.sqrt(1.0 - b2**self._t) / (1.0 - b1**self._t)
        eps_t = self.eps * np.sqrt(1.0 - b2**self._t)
        for p, g, m, v in zip(params, grads, self._m, self._v):
            m *= b1
            m += (1.0 - b1) * g
            v *= b2
            v += (1.0 - b2) * (g * g)
            p -= lr_t * m / (np.sqrt(v) + eps_t)


_OPTIMIZERS = {"sgd": SGD, "adam": Adam}

#: Names accepted by ``fit(optimizer=...)``.
OPTIMIZERS = tuple(_OPTIMIZERS)


def get_optimizer(optimizer, learning_rate=None, *, owner: str = "get_optimizer") -> Optimizer:
    """An optimizer from its name (with ``learning_rate``), or an Optimizer passed through.

    ``learning_rate=None`` takes the optimizer's default (0.1 for SGD, 0.001 for Adam).
    Passing both an Optimizer object and a learning rate is refused (ambiguous).
    """
    if isinstance(optimizer, Optimizer):
        if learning_rate is not None:
            raise param_error(
                "learning_rate",
                owner,
                "None when an Optimizer object is given (it carries its own)",
                learning_rate,
            )
        return optimizer
    if not isinstance(optimizer, str) or optimizer not in _OPTIMIZERS:
        listed = ", ".join(repr(c) for c in OPTIMIZERS)
        raise param_error("optimizer", owner, f"one of {listed} or an Optimizer object", optimizer)
    cls = _OPTIMIZERS[optimizer]
    if learning_rate is None:
        return cls()
    check_number(learning_rate, "learning_rate", owner, low=0.0)
    return cls(learning_rate)
