"""Surrogate derivatives: what backprop uses where a spike's own derivative is zero.

A spiking neuron emits ``S = H(x)`` with ``x = u - 1`` its distance from threshold
(threshold units). ``dS/dx`` is zero for every ``x != 0``: backprop through a spike
passes nothing (:class:`TrueDerivative`). A surrogate keeps the step in the forward
pass and uses a bump of height 1 at threshold in the backward pass; its ``steepness``
``beta`` sets its width. Every shape here falls to half its peak at
``|x| = (sqrt(2) - 1) / beta``, where the fast sigmoid does, so that one ``beta`` means
one width for all shapes and shapes can be compared at equal steepness:

- :class:`FastSigmoid` (SuperSpike; Zenke & Ganguli 2018, Neural Computation 30:1514;
  SpyTorch tutorial 1 with ``beta = 100``): ``1 / (1 + beta |x|)^2``;
- :class:`SigmoidDerivative`: ``4 s(c beta x) (1 - s(c beta x))``, ``s`` the logistic
  function, ``c = 2 acosh(sqrt 2) / (sqrt 2 - 1)``;
- :class:`Triangle` (piecewise linear; Esser et al. 2016, PNAS 113:11441; Bellec et al.
  2018): ``max(0, 1 - beta |x| / (2 (sqrt 2 - 1)))``.

As ``beta`` grows the bump narrows towards the true derivative (zero wherever ``u`` is
not exactly at threshold), and learning in the layers below the spikes stops: Zenke &
Vogels (2021, Neural Computation 33:899) found the shape of the surrogate to matter
little and its scale to matter much.

:class:`SmoothSpike` is not a spiking neuron: its forward pass is the logistic
``s(beta x)`` itself, so its backward pass is the exact derivative. A network of them is
smooth, and its BPTT gradient can be checked against finite differences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from neurosim.core.constraints import POSITIVE, InstanceOf, ListOf, Options, validate

__all__ = [
    "HALF_WIDTH",
    "SHAPES",
    "SURROGATES",
    "FastSigmoid",
    "SigmoidDerivative",
    "SmoothSpike",
    "Surrogate",
    "Triangle",
    "TrueDerivative",
]

#: Every surrogate of steepness beta falls to half its peak at |u - 1| = HALF_WIDTH / beta.
HALF_WIDTH = math.sqrt(2.0) - 1.0
_SIGMOID_C = 2.0 * math.acosh(math.sqrt(2.0)) / HALF_WIDTH


def _logistic(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


class Surrogate:
    """Base class: ``forward(x)`` (the spike) and ``derivative(x)`` (used by backprop).

    A subclass is a frozen dataclass with one field, ``steepness``, whose constraint it
    declares (``@validate(steepness=POSITIVE)`` above ``@dataclass``).
    """

    name: ClassVar[str] = "surrogate"
    #: True if the forward pass is smooth (not a spike); see :class:`SmoothSpike`.
    smooth: ClassVar[bool] = False
    steepness: float

    def forward(self, x: np.ndarray) -> np.ndarray:
        """The spike: 1 where ``x > 0`` (the membrane above threshold), else 0."""
        return (np.asarray(x) > 0).astype(float)

    def derivative(self, x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """The surrogate ``sigma'(x)`` (into ``out`` if given, which may be ``x``)."""
        result = self._derivative(np.asarray(x, dtype=float))
        if out is None:
            return result
        out[...] = result
        return out

    def _derivative(self, x: np.ndarray) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError


@validate(steepness=POSITIVE)
@dataclass(frozen=True)
class FastSigmoid(Surrogate):
    """SuperSpike's surrogate ``1 / (1 + beta |x|)^2`` (Zenke & Ganguli 2018)."""

    steepness: float = 100.0
    name: ClassVar[str] = "fast sigmoid"

    def derivative(self, x, out=None):
        d = np.abs(x, out=out)  # in place when out is given: this is the hot loop's surrogate
        d *= self.steepness
        d += 1.0
        np.square(d, out=d)
        return np.reciprocal(d, out=d)


@validate(steepness=POSITIVE)
@dataclass(frozen=True)
class SigmoidDerivative(Surrogate):
    """The logistic function's derivative, scaled to peak 1 and the common half-width."""

    steepness: float = 100.0
    name: ClassVar[str] = "sigmoid'"

    def _derivative(self, x):
        s = _logistic(np.asarray(x) * (_SIGMOID_C * self.steepness))
        return 4.0 * s * (1.0 - s)


@validate(steepness=POSITIVE)
@dataclass(frozen=True)
class Triangle(Surrogate):
    """Piecewise linear ``max(0, 1 - |x| / w)`` with ``w = 2 (sqrt 2 - 1) / beta`` (Esser 2016)."""

    steepness: float = 100.0
    name: ClassVar[str] = "triangle"

    def _derivative(self, x):
        return np.maximum(0.0, 1.0 - np.abs(x) * (self.steepness / (2.0 * HALF_WIDTH)))


@validate(steepness=Options(math.inf))
@dataclass(frozen=True)
class TrueDerivative(Surrogate):
    """The step's own derivative: zero wherever ``u`` is not exactly at threshold."""

    steepness: float = math.inf
    name: ClassVar[str] = "true derivative"

    def _derivative(self, x):
        return np.zeros(np.shape(x))


@validate(steepness=POSITIVE)
@dataclass(frozen=True)
class SmoothSpike(Surrogate):
    """A smooth stand-in for the spike, ``s(beta x)``, with its exact derivative (checks)."""

    steepness: float = 5.0
    name: ClassVar[str] = "smooth spike"
    smooth: ClassVar[bool] = True

    def forward(self, x):
        return _logistic(np.asarray(x, dtype=float) * self.steepness)

    def _derivative(self, x):
        s = self.forward(x)
        return self.steepness * s * (1.0 - s)


#: The surrogate shapes by name (for sweeps and parameters).
SHAPES: dict[str, type[Surrogate]] = {
    "fast sigmoid": FastSigmoid,
    "sigmoid'": SigmoidDerivative,
    "triangle": Triangle,
}


_ONE = InstanceOf(Surrogate, text="a Surrogate (e.g. FastSigmoid(100))")
#: One surrogate, a list of them (one replica each), or None (the default, FastSigmoid()).
SURROGATES = [_ONE, ListOf(_ONE), None]


def as_surrogates(value) -> tuple[Surrogate, ...]:
    """A tuple of surrogates from one surrogate, a list of them, or None (the default);
    ``value`` already meets :data:`SURROGATES`."""
    if value is None:
        return (FastSigmoid(),)
    if isinstance(value, Surrogate):
        return (value,)
    return tuple(value)
