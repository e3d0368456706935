"""Optimizers: how an update direction becomes a change of the parameters.

An optimizer's ``step(params, grads)`` changes each array in ``params`` **in
place**, stepping against the matching array in ``grads`` (which a
:class:`~neurosim.artificial.learning.LearningRule` produced: the true gradient for
backprop, something else for other rules).  A new optimizer, with fresh state, is
made for every ``fit`` call.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import (
    POSITIVE,
    TEXT,
    InstanceOf,
    Interval,
    Options,
    param_error,
    validate,
)

#: A decay factor (momentum, Adam's betas): 0 <= beta < 1.
_DECAY = Interval(0, 1, closed="left")

__all__ = ["OPTIMIZERS", "SGD", "Adam", "Optimizer", "get_optimizer"]


@validate(learning_rate=POSITIVE)
class Optimizer:
    """Base class: ``step(params, grads)`` updates the arrays of ``params`` in place."""

    name = "optimizer"

    def __init__(self, learning_rate: float):
        self.learning_rate = learning_rate

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:  # pragma: no cover
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._params().items())
        return f"{type(self).__name__}({args})"

    def _params(self) -> dict:
        return {"learning_rate": self.learning_rate}


@validate(learning_rate=POSITIVE, momentum=_DECAY)
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
        self.momentum = momentum
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


@validate(learning_rate=POSITIVE, beta1=_DECAY, beta2=_DECAY, eps=POSITIVE)
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
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
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
#: An optimizer: one of :data:`OPTIMIZERS` or an :class:`Optimizer` object.
OPTIMIZER = [Options(*OPTIMIZERS), InstanceOf(Optimizer, text="an Optimizer object")]


@validate(optimizer=OPTIMIZER, learning_rate=[POSITIVE, None], owner=TEXT)
def get_optimizer(optimizer, learning_rate=None, *, owner: str = "get_optimizer") -> Optimizer:
    """An optimizer from its name (with ``learning_rate``), or an Optimizer passed through.

    ``learning_rate=None`` takes the optimizer's default (0.1 for SGD, 0.001 for Adam).
    Passing both an Optimizer object and a learning rate is refused (ambiguous), in
    words that name ``owner``.
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
    cls = _OPTIMIZERS[optimizer]
    return cls() if learning_rate is None else cls(learning_rate)
