"""Activation functions of the artificial side, by name (numpy only).

Each activation is an object with a ``name``, ``__call__(z)`` and
``derivative(z)`` (the elementwise slope ``da/dz``); :func:`get_activation`
turns a name into one.  Two of them are the firing-rate curve of a leaky
integrate-and-fire (LIF) neuron, so that a deep network can be trained with the
nonlinearity a spiking neuron actually has:

``lif_rate``
    The closed-form LIF rate (Gerstner et al., *Neuronal Dynamics*, 2014, eq. 1.13
    with a refractory period).  With the steady input current written in units of
    the rheobase current, ``z = R I / (V_th - E_L)`` (threshold at ``z = 1``),

    .. math:: r(z) = \\frac{1}{t_{ref} + \\tau_m \\ln\\frac{z}{z - 1}} \\quad (z > 1),
              \\qquad r(z) = 0 \\quad (z \\le 1).

``soft_lif``
    The smoothed LIF rate of Hunsberger & Eliasmith (2015, arXiv:1510.08829):
    with ``j = z - 1`` the hard ``max(j, 0)`` inside the rate is replaced by
    ``rho(j) = sigma * log(1 + exp(j / sigma))``, so that
    ``r = 1 / (t_ref + tau_m * log(1 + 1 / rho(j)))``.  It is smooth at threshold,
    has a bounded slope, and tends to ``lif_rate`` as ``sigma -> 0``.

The artificial side is dimensionless: the LIF time constants are plain floats in
**seconds** (defaults ``tau_m = 0.020`` s and ``t_ref = 0.002`` s, the same as the
spiking side's ``LIFParameters`` defaults of 20 ms and 2 ms), and the output is
``amplitude * rate_in_Hz`` with ``amplitude = 0.01`` by default, so that 100 Hz
reads 1.0 and the saturation rate ``1 / t_ref = 500 Hz`` reads 5.0 — values of
order one, as gradient descent likes them.

Every function here is written to be free of floating-point warnings for any
finite input (no overflow in ``exp``, no ``log(0)``, no division by zero), because
the test configuration turns RuntimeWarnings from ``neurosim`` into errors.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import (
    NON_NEGATIVE,
    POSITIVE,
    TEXT,
    ArrayOf,
    InstanceOf,
    Options,
    param_error,
    validate,
)

__all__ = [
    "ACTIVATIONS",
    "LIFRate",
    "ReLU",
    "Sigmoid",
    "SoftLIF",
    "Softplus",
    "Tanh",
    "get_activation",
    "logsigmoid",
    "sigmoid",
    "softplus",
]


# --- numerically stable elementwise helpers ---------------------------------------------


#: An elementwise function's input: a number or an array of any shape (empty too); NaN
#: and inf are numbers and pass through (``np.asarray(None, dtype=float)`` would be a
#: silent NaN: None, text and other non-numbers are refused by name).
Z = ArrayOf(finite=False, min_size=0)


def _as_z(z) -> np.ndarray:
    """``z`` as a float array (an activation object's input: :data:`Z`'s check)."""
    return Z.check(z, "z", "activation")


@validate(z=Z)
def sigmoid(z):
    """The logistic function ``1 / (1 + exp(-z))``, without overflow.

    Uses ``exp(-|z|)``, which can only underflow (to an exact 0), so that
    ``sigmoid(1e4) == 1.0`` and ``sigmoid(-1e4) == 0.0`` exactly and no
    warning is raised for any finite ``z``.
    """
    e = np.abs(z, out=np.empty_like(z))
    np.negative(e, out=e)
    np.exp(e, out=e)  # e = exp(-|z|) in (0, 1]
    out = np.where(z >= 0, 1.0, e)
    e += 1.0
    out /= e
    return out


@validate(z=Z)
def softplus(z):
    """``log(1 + exp(z))`` computed as ``max(z, 0) + log1p(exp(-|z|))`` (no overflow)."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


@validate(z=Z)
def logsigmoid(z):
    """``log(sigmoid(z)) = -softplus(-z)``, accurate for large ``|z|``."""
    return np.minimum(z, 0.0) - np.log1p(np.exp(-np.abs(z)))


# --- activation objects -----------------------------------------------------------------


class Activation:
    """Base class: an elementwise nonlinearity ``a = f(z)`` with its slope.

    Subclasses set ``name`` and implement ``__call__(z)`` and ``derivative(z, a=None)``.
    ``derivative`` may use the already computed output ``a = f(z)`` to save work
    (backpropagation passes it); the result must be the same with or without it.
    ``params`` returns the constructor arguments, so that a saved network can be
    rebuilt exactly.
    """

    name = "activation"

    @property
    def params(self) -> dict:
        """Constructor parameters (empty for parameter-free activations)."""
        return {}

    def __call__(self, z):  # pragma: no cover - abstract
        raise NotImplementedError

    def derivative(self, z, a=None):  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and self.name == other.name and self.params == other.params

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(sorted(self.params.items()))))


class Sigmoid(Activation):
    """Logistic sigmoid ``a = 1 / (1 + exp(-z))``, slope ``a (1 - a)``."""

    name = "sigmoid"

    def __call__(self, z):
        return sigmoid(z)

    def derivative(self, z, a=None):
        if a is not None:
            return a * (1.0 - a)
        # exp(-|z|) / (1 + exp(-|z|))^2: symmetric, accurate in both tails.
        e = np.exp(-np.abs(_as_z(z)))
        return e / (1.0 + e) ** 2


class Tanh(Activation):
    """Hyperbolic tangent ``a = tanh(z)``, slope ``1 - a^2``."""

    name = "tanh"

    def __call__(self, z):
        return np.tanh(_as_z(z))

    def derivative(self, z, a=None):
        if a is None:
            a = np.tanh(_as_z(z))
        return 1.0 - a * a


class ReLU(Activation):
    """Rectified linear unit ``a = max(z, 0)``; slope 1 for ``z > 0``, else 0 (0 at the kink)."""

    name = "relu"

    def __call__(self, z):
        return np.maximum(_as_z(z), 0.0)

    def derivative(self, z, a=None):
        return (_as_z(z) > 0).astype(float)


class Softplus(Activation):
    """Softplus ``a = log(1 + exp(z))`` (stable for large ``|z|``); slope ``sigmoid(z)``."""

    name = "softplus"

    def __call__(self, z):
        return softplus(z)

    def derivative(self, z, a=None):
        return sigmoid(z)


@validate(tau_m=POSITIVE, t_ref=NON_NEGATIVE, amplitude=POSITIVE)
class LIFRate(Activation):
    """Closed-form firing rate of a LIF neuron, as an activation function.

    .. math:: a(z) = A \\, \\frac{1}{t_{ref} + \\tau_m \\ln(z / (z - 1))}
              \\ \\text{for } z > 1, \\qquad a(z) = 0 \\ \\text{for } z \\le 1,

    where ``z = R I / (V_th - E_L)`` is the steady input current in units of the
    rheobase current (the neuron fires when ``z > 1``) and ``A`` is ``amplitude``.

    Parameters
    ----------
    tau_m : float, default 0.020
        Membrane time constant in **seconds** (a plain float; the spiking side's
        ``LIFParameters`` default is 20 ms).
    t_ref : float, default 0.002
        Absolute refractory period in **seconds** (spiking default 2 ms); the rate
        saturates at ``1 / t_ref`` (500 Hz by default).  ``0`` removes saturation.
    amplitude : float, default 0.01
        Output per Hz: the activation is ``amplitude * rate_in_Hz``.  With 0.01,
        100 Hz gives 1.0 and the maximum (500 Hz) gives 5.0.

    Notes
    -----
    The slope is ``A r^2 tau_m / (z (z - 1))`` for ``z > 1`` (with ``r`` in Hz) and 0
    for ``z <= 1``.  It grows without bound as ``z -> 1+`` (the rate leaves zero
    with an infinite slope, like ``1/ln``), which is why :class:`SoftLIF` exists.
    """

    name = "lif_rate"

    def __init__(self, tau_m: float = 0.020, t_ref: float = 0.002, amplitude: float = 0.01):
        self.tau_m, self.t_ref, self.amplitude = tau_m, t_ref, amplitude

    @property
    def params(self) -> dict:
        return {"tau_m": self.tau_m, "t_ref": self.t_ref, "amplitude": self.amplitude}

    def _rate(self, z, scale):
        z = _as_z(z)
        above = z > 1.0
        zz = np.where(above, z, 2.0)  # a harmless stand-in below threshold
        # ln(z / (z - 1)) = log1p(1 / (z - 1)): accurate for large z, finite for z > 1.
        zz -= 1.0
        r = scale / (self.t_ref + self.tau_m * np.log1p(1.0 / zz))
        return np.where(above, r, 0.0)

    def rate(self, z):
        """Firing rate in Hz (no amplitude)."""
        return self._rate(z, 1.0)

    def __call__(self, z):
        return self._rate(z, self.amplitude)

    def derivative(self, z, a=None):
        z = _as_z(z)
        r = self.rate(z) if a is None else np.asarray(a) * (1.0 / self.amplitude)
        above = z > 1.0
        zz = np.where(above, z, 2.0)
        slope = (self.amplitude * self.tau_m) * r * r / (zz * (zz - 1.0))
        return np.where(above, slope, 0.0)


@validate(sigma=POSITIVE, tau_m=POSITIVE, t_ref=NON_NEGATIVE, amplitude=POSITIVE)
class SoftLIF(LIFRate):
    """Smoothed LIF rate (Hunsberger & Eliasmith 2015, arXiv:1510.08829).

    With ``j = z - 1`` and ``rho(j) = sigma * log(1 + exp(j / sigma))``,

    .. math:: a(z) = A \\, \\frac{1}{t_{ref} + \\tau_m \\ln(1 + 1 / \\rho(z - 1))}.

    ``rho`` is a softplus version of ``max(j, 0)``, so the curve equals the LIF rate
    far above threshold, is smooth at threshold, and tends to :class:`LIFRate`
    as ``sigma -> 0``.

    Parameters
    ----------
    sigma : float, default 0.02
        Smoothing width, in units of the rheobase current (the same units as ``z``).
        With 0.02 and the default time constants the steepest slope (just above
        threshold) is about 0.96 output units per rheobase, comparable to the slope
        of the curve at z = 2 (0.4), so gradients stay of order one, while the
        smoothing is only 2 % of the threshold current: at zero input the output is
        0.009 (0.9 Hz), and for ``z >= 1.5`` it is within 0.2 % of ``lif_rate``.
    tau_m, t_ref, amplitude : float
        As in :class:`LIFRate` (seconds, seconds, output per Hz).

    Notes
    -----
    Below threshold the rate decays only like ``1 / (tau_m |j| / sigma)`` (the
    softplus tail is exponential, and the rate sees its logarithm), so it is small
    but not zero.  The slope is ``A r^2 tau_m sigmoid(j / sigma) / (rho (1 + rho))``.
    """

    name = "soft_lif"

    def __init__(
        self,
        sigma: float = 0.02,
        tau_m: float = 0.020,
        t_ref: float = 0.002,
        amplitude: float = 0.01,
    ):
        super().__init__(tau_m=tau_m, t_ref=t_ref, amplitude=amplitude)
        self.sigma = sigma

    @property
    def params(self) -> dict:
        return {"sigma": self.sigma, **super().params}

    #: Below x = (z - 1) / sigma = -600 the softplus is exp(x) < 1e-260 and the rate
    #: uses ln(1 + 1/rho) = ln(1/sigma) - x (+ O(e^x)), avoiding 1/0 when exp underflows.
    _DEEP = -600.0

    def _rho(self, z):
        """``x = (z - 1) / sigma``, ``e = exp(-|x|)`` and ``rho = sigma * softplus(x)``."""
        x = (_as_z(z) - 1.0) * (1.0 / self.sigma)
        e = np.exp(-np.abs(x))
        rho = np.maximum(x, 0.0)
        rho += np.log1p(e)
        rho *= self.sigma
        return x, e, rho

    def _log_term(self, x, rho):
        """``ln(1 + 1 / rho)``."""
        deep = x < self._DEEP
        if not deep.any():
            return np.log1p(1.0 / rho)
        safe = np.where(deep, 1.0, rho)
        return np.where(deep, -np.log(self.sigma) - x, np.log1p(1.0 / safe))

    def rate(self, z):
        """Smoothed firing rate in Hz (no amplitude)."""
        x, _, rho = self._rho(z)
        return 1.0 / (self.t_ref + self.tau_m * self._log_term(x, rho))

    def __call__(self, z):
        x, _, rho = self._rho(z)
        return self.amplitude / (self.t_ref + self.tau_m * self._log_term(x, rho))

    def derivative(self, z, a=None):
        x, e, rho = self._rho(z)
        if a is None:
            r = 1.0 / (self.t_ref + self.tau_m * self._log_term(x, rho))
        else:
            r = np.asarray(a) * (1.0 / self.amplitude)
        sig = np.where(x >= 0, 1.0, e) / (1.0 + e)  # sigmoid(x) = d softplus / dx
        deep = x < self._DEEP
        if deep.any():  # sigmoid(x) / rho -> 1 / sigma as x -> -inf (both ~ exp(x))
            ratio = np.where(deep, 1.0 / self.sigma, sig / np.where(deep, 1.0, rho))
        else:
            ratio = sig / rho
        return (self.amplitude * self.tau_m) * r * r * ratio / (1.0 + rho)


_REGISTRY: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Sigmoid, Tanh, ReLU, Softplus, LIFRate, SoftLIF)
}

#: Names accepted by :func:`get_activation`.
ACTIVATIONS = tuple(_REGISTRY)
#: A hidden activation: one of :data:`ACTIVATIONS` or an :class:`Activation` object.
ACTIVATION = [Options(*ACTIVATIONS), InstanceOf(Activation, text="an Activation object")]


@validate(activation=ACTIVATION, name=TEXT, owner=TEXT)
def get_activation(activation, name: str = "activation", owner: str = "get_activation", **params):
    """Return an activation object from its name (or pass an object through).

    Parameters
    ----------
    activation : str or Activation
        One of :data:`ACTIVATIONS` (``"sigmoid"``, ``"tanh"``, ``"relu"``,
        ``"softplus"``, ``"lif_rate"``, ``"soft_lif"``), or an :class:`Activation`
        instance, returned unchanged.
    name, owner : str
        The parameter and function named when ``params`` come with an object.
    **params
        Constructor parameters for a named activation (e.g. ``sigma=0.01``).

    Raises
    ------
    ValueError
        For an unknown name, listing the valid ones (TypeError for neither a name nor
        an Activation).

    Examples
    --------
    >>> float(get_activation("lif_rate")(2.0))  # 1 / (0.002 + 0.02 ln 2) = 63.04 Hz, x 0.01
    0.6304000219064139
    """
    if isinstance(activation, Activation):
        if params:
            raise param_error(
                name, owner, "a name when parameters are given", activation, cls=TypeError
            )
        return activation
    return _REGISTRY[activation](**params)
