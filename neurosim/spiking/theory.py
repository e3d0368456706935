r"""Closed-form firing rates of the leaky integrate-and-fire neuron.

The model (:class:`~neurosim.spiking.neurons.LIFParameters`) is

.. math::

    \tau_m \frac{dV}{dt} = -(V - E_L) + R I + \sigma \sqrt{\tau_m}\, \xi(t),

with a spike when :math:`V` reaches :math:`V_{th}`, then :math:`V = V_{reset}` held
for :math:`t_{ref}`.  Write :math:`\mu = E_L + R I` for the mean drive: the voltage
the membrane would settle at without threshold and noise.

Without noise (:func:`lif_rate`, :func:`lif_rate_from_drive`) the membrane relaxes
as :math:`V(t) = \mu + (V_{reset} - \mu) e^{-t/\tau_m}` and reaches threshold after

.. math::

    T = \tau_m \ln \frac{\mu - V_{reset}}{\mu - V_{th}}, \qquad
    r = \frac{1}{t_{ref} + T}\quad (\mu > V_{th};\ r = 0 \text{ otherwise}),

which for :math:`V_{reset} = E_L` is the textbook
:math:`r = [t_{ref} + \tau_m \ln(RI / (RI - (V_{th} - E_L)))]^{-1}`.

With white noise (:func:`siegert_rate`) the mean first-passage time gives the
Siegert (1951) formula, in the form and noise convention of Brunel (2000),
J Comput Neurosci 8:183, eq. 21:

.. math::

    \frac{1}{r} = t_{ref} + \tau_m \sqrt{\pi}
        \int_{(V_{reset}-\mu)/\sigma}^{(V_{th}-\mu)/\sigma} e^{u^2}(1 + \operatorname{erf} u)\, du .

Numerics
--------
The integrand is ``erfcx(-u)``.  The integral is split at ``u = 0``: for ``u < 0``
the integrand is bounded and is integrated by 24-point Gauss-Legendre on fixed
octave panels up to 64, with the integrated asymptotic series of ``erfcx``
beyond; for ``u > 0`` it is written as :math:`2e^{u^2} - \operatorname{erfcx}(u)`,
whose first part integrates to Dawson's function, :math:`\int_0^b 2e^{u^2}du =
2e^{b^2}F(b)`.  The whole integral is carried as a logarithm, so deep
subthreshold rates underflow gracefully to 0 instead of overflowing.  Against
adaptive quadrature of the original integrand the relative error is below 1e-13
(``tests/spiking/test_theory.py``).  Everything is vectorised: ``mu``, ``sigma``
and array-valued parameters broadcast together.

Finite time step
----------------
A simulation checks the threshold only at the grid points ``k*dt``, so it misses
excursions above threshold between them and fires *less* than the continuous
model.  For a random walk with Gaussian steps of standard deviation ``s`` the
classic corrected diffusion approximation (Siegmund 1979, Adv Appl Probab 11:701)
moves the absorbing barrier up by :math:`\rho s` with
:math:`\rho = -\zeta(1/2)/\sqrt{2\pi} \approx 0.5826`.  Here
:math:`s = \sigma\sqrt{dt/\tau_m}`, so ``siegert_rate(..., dt=dt)`` evaluates the
formula with :math:`V_{th} + 0.5826\,\sigma\sqrt{dt/\tau_m}`.  We checked this
against the exact rate of the discrete-time process (its Markov chain solved on a
fine voltage grid) for the default neuron: at mu = -52 mV, sigma = 4 mV the
continuous Siegert rate is 14.20 Hz, the discrete-time rate 13.63 Hz at
dt = 0.1 ms and 13.05 Hz at dt = 0.4 ms, and the corrected formula gives 13.63 Hz
and 13.07 Hz.  (Shifting threshold *and* reset by :math:`|\zeta(1/2)|/\sqrt 2
\cdot \sigma\sqrt{dt/\tau_m}`, as sometimes quoted, overcorrects: 13.27 Hz at
dt = 0.1 ms.)

Brian2 adds one more, smaller grid effect: it stamps a spike with the start of the
step in which ``V`` crossed and starts the refractory period there, so every
simulated period is shorter than the continuous one by a fraction of a step
(noise-free: uniformly in ``[0, dt)``, ``dt/2`` on average; with noise, where the
threshold shift already accounts for the late detection, by ``dt``).  A Brian2
rate is thus predicted by ``1/(1/r - dt)`` with ``r = siegert_rate(..., dt=dt)``
(:func:`stamped_rate`);
``tests/spiking/test_theory_vs_simulation.py`` checks both effects.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from neurosim.core.constraints import NON_NEGATIVE, InstanceOf, QuantityOf, param_error, validate
from neurosim.spiking.neurons import LIFParameters
from neurosim.spiking.words import STEP
from neurosim.units import Hz, Quantity, amp, check_quantity, second, volt

_LIF = [
    InstanceOf(
        LIFParameters,
        text="an LIFParameters (the closed forms hold for the leaky integrate-and-fire neuron)",
    ),
    None,
]
_DRIVE = QuantityOf("mV", ndim=None, example="-45*mV")

__all__ = [
    "FINITE_DT_COEFFICIENT",
    "lif_current_for_latency",
    "lif_current_for_rate",
    "lif_latency",
    "lif_rate",
    "lif_rate_from_drive",
    "lif_step_response",
    "siegert_rate",
    "stamped_rate",
]

#: Siegmund's barrier correction, -zeta(1/2)/sqrt(2 pi) = 0.5825971579...: a
#: simulation with step dt behaves like the continuous model with its threshold
#: raised by this times sigma*sqrt(dt/tau_m).
FINITE_DT_COEFFICIENT = float(-special.zeta(0.5) / np.sqrt(2 * np.pi))

# Noise amplitudes below this (in volts) are treated as no noise (avoids dividing
# by ~0; the rates differ by far less than double precision can show).
_SIGMA_ZERO = 1e-15


# -- the Siegert integral, dimensionless ----------------------------------------------
_SQRT_PI = float(np.sqrt(np.pi))
_S0 = 64.0  # beyond this, erfcx is integrated by its asymptotic series
_PANELS = np.array([0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0])
_GL_X, _GL_W = np.polynomial.legendre.leggauss(24)


def _int_erfcx_panels(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Integral of erfcx over [lo, hi], 0 <= lo <= hi <= 64, Gauss-Legendre per panel."""
    lo = lo[..., None]
    hi = hi[..., None]
    p0 = np.maximum(lo, _PANELS[:-1])
    p1 = np.minimum(hi, _PANELS[1:])
    half = np.maximum(p1 - p0, 0.0) / 2
    nodes = ((p0 + p1) / 2)[..., None] + half[..., None] * _GL_X
    values = special.erfcx(np.where(half[..., None] > 0, nodes, 0.0))
    return np.sum(half * np.sum(values * _GL_W, axis=-1), axis=-1)


def _erfcx_tail(s: np.ndarray) -> np.ndarray:
    # Integral of erfcx(s) ~ (1/(s sqrt(pi))) (1 - 1/(2s^2) + 3/(4s^4) - 15/(8s^6) + 105/(16s^8)),
    # minus its log term: 1/(4s^2) - 3/(16s^4) + 5/(16s^6) - 105/(128s^8)  (times 1/sqrt(pi)).
    # At s = 64 the first omitted term is ~1e-17.
    r = 1.0 / (s * s)
    return r * (1 / 4 + r * (-3 / 16 + r * (5 / 16 + r * (-105 / 128))))


def _int_erfcx(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Integral of erfcx(s) ds over [lo, hi] for 0 <= lo <= hi."""
    inner = _int_erfcx_panels(np.minimum(lo, _S0), np.minimum(hi, _S0))
    a = np.maximum(lo, _S0)
    b = np.maximum(hi, _S0)
    tail = (np.log(b / a) + _erfcx_tail(b) - _erfcx_tail(a)) / _SQRT_PI
    return inner + tail


def _log_siegert_integral(a, b) -> np.ndarray:
    """log of the integral of exp(u^2) (1 + erf u) du from a to b (a <= b)."""
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    # u < 0: substitute s = -u; erfcx(s) is bounded.
    negative = np.where(a < 0, _int_erfcx(np.maximum(-b, 0.0), np.maximum(-a, 0.0)), 0.0)
    # u > 0: exp(u^2)(1 + erf u) = 2 exp(u^2) - erfcx(u); all scaled by exp(-b^2).
    bp = np.maximum(b, 0.0)
    ap = np.minimum(np.maximum(a, 0.0), bp)
    scale = np.exp(-bp * bp)
    positive = (
        2 * special.dawsn(bp)
        - 2 * np.exp(ap * ap - bp * bp) * special.dawsn(ap)
        - scale * _int_erfcx(ap, bp)
    )
    with np.errstate(divide="ignore"):  # a == b: log(0) = -inf, an interval of length 0
        return bp * bp + np.log(negative * scale + positive)


# -- validation helpers ---------------------------------------------------------------
def _params(params, owner: str) -> LIFParameters:
    if params is None:
        return LIFParameters()
    if not isinstance(params, LIFParameters):
        raise param_error(
            "params",
            owner,
            "an LIFParameters instance",
            params,
            "The closed forms hold for the leaky integrate-and-fire neuron only.",
            cls=TypeError,
        )
    return params


def _si(q) -> np.ndarray:
    return np.asarray(q, dtype=float)  # Brian2 stores SI values


def _deterministic_rate(mu, p) -> np.ndarray:
    """Noise-free rate in Hz from the drive mu (volts, array), params p (SI arrays)."""
    tau, th, vr, tref = p
    supra = mu > th
    gap = np.where(supra, mu - th, 1.0)  # dummy 1 where the neuron never fires
    # T = tau ln((mu - V_reset)/(mu - V_th)) = tau log1p((V_th - V_reset)/(mu - V_th))
    period = tref + tau * np.log1p((th - vr) / gap)
    return np.where(supra, 1.0 / period, 0.0)


def _lif_si(params: LIFParameters):
    return (_si(params.tau_m), _si(params.V_th), _si(params.V_reset), _si(params.t_ref))


# -- public ----------------------------------------------------------------------------
@validate(mu=_DRIVE, params=_LIF)
def lif_rate_from_drive(mu, params: LIFParameters | None = None) -> Quantity:
    r"""Noise-free LIF firing rate for a constant mean drive :math:`\mu = E_L + R I`.

    Parameters
    ----------
    mu : Quantity
        Mean drive (a voltage, scalar or array): the potential the membrane would
        reach without threshold.
    params : LIFParameters, default LIFParameters()
        ``tau_m``, ``V_th``, ``V_reset`` and ``t_ref`` are used (``sigma`` is ignored).

    Returns
    -------
    Quantity
        Rate in Hz, the broadcast shape of ``mu`` and the parameters:
        :math:`1/(t_{ref} + \tau_m \ln((\mu - V_{reset})/(\mu - V_{th})))` for
        :math:`\mu > V_{th}`, 0 otherwise (also exactly at threshold, where the
        membrane approaches ``V_th`` without reaching it).
    """
    p = _params(params, "lif_rate_from_drive")
    return _deterministic_rate(_si(mu), _lif_si(p)) * Hz


@validate(current=QuantityOf("nA", ndim=None, example="0.2*nA"), params=_LIF)
def lif_rate(current, params: LIFParameters | None = None) -> Quantity:
    r"""Noise-free LIF firing rate for a constant input current.

    .. math::

        r = \left[t_{ref} + \tau_m
            \ln\frac{R I + E_L - V_{reset}}{R I + E_L - V_{th}}\right]^{-1}
        \quad\text{for } R I > V_{th} - E_L,\ \text{else } 0.

    Derivation: between spikes :math:`V(t) = \mu + (V_{reset} - \mu)e^{-t/\tau_m}`
    with :math:`\mu = E_L + RI`; solving :math:`V(T) = V_{th}` for :math:`T` gives
    the log term, and each period adds the refractory time.

    Parameters
    ----------
    current : Quantity
        Constant input current (scalar or array, e.g. ``np.linspace(0, 0.5, 11)*nA``).
    params : LIFParameters, default LIFParameters()
        The neuron (``sigma`` is ignored; see :func:`siegert_rate` for noise).

    Returns
    -------
    Quantity
        Rate in Hz with the broadcast shape of ``current`` and the parameters.

    Examples
    --------
    >>> from neurosim.units import nA
    >>> lif_rate(0.2*nA)  # 1/(2 ms + 20 ms ln 4)
    33.64071163 * hertz
    """
    p = _params(params, "lif_rate")
    mu = _si(p.E_L) + _si(p.R) * _si(current)
    return _deterministic_rate(mu, _lif_si(p)) * Hz


def lif_latency(current, params: LIFParameters | None = None) -> Quantity:
    r"""Noise-free time from rest to the first spike under a constant current step.

    .. math::

        t_1 = \tau_m \ln\frac{R I}{R I - (V_{th} - E_L)}
        \quad\text{for } R I > V_{th} - E_L,\ \text{else } \infty.

    Derivation: from :math:`V(0) = E_L` the membrane relaxes as
    :math:`V(t) = \mu + (E_L - \mu) e^{-t/\tau_m}` with :math:`\mu = E_L + RI`; solve
    :math:`V(t_1) = V_{th}`. It diverges at the rheobase; at twice the rheobase it is
    :math:`\tau_m \ln 2`, Lapicque's chronaxie of an RC membrane (Lapicque 1907).

    Parameters
    ----------
    current : Quantity
        Constant input current switched on at t = 0 (scalar or array).
    params : LIFParameters, default LIFParameters()

    Returns
    -------
    Quantity
        Latency in seconds, the shape of ``current``; ``inf`` at or below the rheobase.

    Examples
    --------
    >>> from brian2 import nA
    >>> lif_latency(0.3*nA)  # 20 ms ln 2
    13.86294361 * msecond
    """
    owner = "lif_latency"
    p = _params(params, owner)
    check_quantity(current, "current", owner, amp, example="0.3*nA")
    drive = _si(p.R) * _si(current)
    gap = _si(p.V_th) - _si(p.E_L)
    supra = drive > gap
    safe = np.where(supra, drive - gap, 1.0)
    return np.where(supra, _si(p.tau_m) * np.log1p(gap / safe), np.inf) * second


def lif_current_for_latency(latency, params: LIFParameters | None = None) -> Quantity:
    r"""The constant current whose first spike from rest comes after ``latency`` (the
    inverse of :func:`lif_latency`): :math:`(V_{th} - E_L) / (R\,(1 - e^{-t_1/\tau_m}))`."""
    owner = "lif_current_for_latency"
    p = _params(params, owner)
    check_quantity(latency, "latency", owner, second, positive=True, example="10*ms")
    charged = -np.expm1(-_si(latency) / _si(p.tau_m))  # 1 - e^{-t_1/tau}
    return (_si(p.V_th) - _si(p.E_L)) / (_si(p.R) * charged) * amp


def lif_step_response(current, t, params: LIFParameters | None = None):
    r"""Membrane potential (V) at the times ``t`` (s) and spike times (s, up to ``t[-1]``)
    of the noise-free LIF under a scalar constant current switched on at t = 0 from rest.

    The membrane relaxes from :math:`E_L` towards :math:`\mu = E_L + RI`; the first
    spike comes at :func:`lif_latency`, the next every :math:`t_{ref} + \tau_m
    \ln((\mu - V_{reset})/(\mu - V_{th}))`; after each spike V is held at
    :math:`V_{reset}` for :math:`t_{ref}`, then relaxes towards :math:`\mu` again.
    """
    owner = "lif_step_response"
    p = _params(params, owner)
    if p.n is not None:
        raise param_error("params", owner, "one neuron (scalar parameters)", p)
    check_quantity(current, "current", owner, amp, scalar=True, example="0.3*nA")
    check_quantity(t, "t", owner, second, nonnegative=True, example="np.linspace(0, 0.1, 1001)*s")
    tau, th, reset, tref = _lif_si(p)
    rest = _si(p.E_L)
    mu = rest + _si(p.R) * _si(current)
    ts = np.atleast_1d(_si(t))
    spikes = []
    if mu > th:
        period = tref + tau * np.log((mu - reset) / (mu - th))
        spikes.append(tau * np.log((mu - rest) / (mu - th)))
        while spikes[-1] + period <= ts[-1]:
            spikes.append(spikes[-1] + period)
    v = mu + (rest - mu) * np.exp(-ts / tau)
    for s in spikes:
        since = np.maximum(ts - s - tref, 0.0)
        v = np.where(
            ts >= s, np.where(since > 0, mu + (reset - mu) * np.exp(-since / tau), reset), v
        )
    return v * volt, np.array(spikes) * second


def lif_current_for_rate(rate, params: LIFParameters | None = None) -> Quantity:
    r"""The constant current at which the noise-free LIF fires at ``rate``: the
    inverse of :func:`lif_rate`.

    With :math:`T = 1/r - t_{ref}` the time from reset to threshold,

    .. math::

        \mu = \frac{V_{th} e^{T/\tau_m} - V_{reset}}{e^{T/\tau_m} - 1}, \qquad
        I = \frac{\mu - E_L}{R}

    (solve :math:`T = \tau_m \ln((\mu - V_{reset})/(\mu - V_{th}))` for
    :math:`\mu`).

    Parameters
    ----------
    rate : Quantity
        Rate(s) in Hz, above 0 and below the ceiling ``1/t_ref``.
    params : LIFParameters, default LIFParameters()

    Returns
    -------
    Quantity
        Current in amperes, the shape of ``rate``.

    Examples
    --------
    >>> from brian2 import Hz
    >>> lif_current_for_rate(1 / (2 + 20 * np.log(4)) * 1e3 * Hz)  # lif_rate(0.2 nA)
    200. * pamp
    """
    owner = "lif_current_for_rate"
    p = _params(params, owner)
    check_quantity(rate, "rate", owner, Hz, positive=True, example="50*Hz")
    r = np.asarray(rate / Hz, dtype=float)
    tref = _si(p.t_ref)
    if np.any(r * tref >= 1):
        raise param_error("rate", owner, f"below the ceiling 1/t_ref = {1 / tref:g} Hz", rate)
    grow = np.expm1((1.0 / r - tref) / _si(p.tau_m))  # e^{T/tau} - 1
    mu = _si(p.V_th) + (_si(p.V_th) - _si(p.V_reset)) / grow
    return (mu - _si(p.E_L)) / _si(p.R) * amp


@validate(
    mu=_DRIVE,
    sigma=[QuantityOf("mV", NON_NEGATIVE, ndim=None, example="4*mV"), None],
    params=_LIF,
    dt=[STEP, None],
)
def siegert_rate(mu, sigma=None, params: LIFParameters | None = None, *, dt=None) -> Quantity:
    r"""Firing rate of the LIF neuron driven by white noise (the Siegert formula).

    .. math::

        \frac{1}{r} = t_{ref} + \tau_m \sqrt{\pi}
            \int_{(V_{reset}-\mu)/\sigma}^{(V_{th}-\mu)/\sigma}
            e^{u^2}\,(1 + \operatorname{erf} u)\, du

    (Siegert 1951; Brunel 2000, J Comput Neurosci 8:183, eq. 21), for the
    convention :math:`\tau_m dV/dt = -(V - E_L) + RI + \sigma\sqrt{\tau_m}\,\xi`.
    As :math:`\sigma \to 0` it tends to :func:`lif_rate_from_drive`; for
    :math:`\sigma = 0` exactly, that is what is returned.

    Parameters
    ----------
    mu : Quantity
        Mean drive :math:`E_L + R I` (a voltage; scalar or array).
    sigma : Quantity, optional
        Noise amplitude (a voltage >= 0; the free membrane potential has standard
        deviation :math:`\sigma/\sqrt 2`).  Default: ``params.sigma``.
    params : LIFParameters, default LIFParameters()
        The neuron.
    dt : Quantity, optional
        Time step of a simulation to predict.  The threshold is then raised by
        :data:`FINITE_DT_COEFFICIENT` :math:`\cdot\sigma\sqrt{dt/\tau_m}`, which
        accounts for threshold crossings missed between grid points (see the module
        notes; simulated rates are *lower* than the continuous formula).

    Returns
    -------
    Quantity
        Rate in Hz with the broadcast shape of ``mu``, ``sigma`` and the parameters.
        Deep below threshold the rate underflows to 0 (no overflow, no warning).

    Examples
    --------
    >>> from neurosim.units import mV, ms
    >>> siegert_rate(-52*mV, 4*mV)
    14.20100398 * hertz
    >>> siegert_rate(-52*mV, 4*mV, dt=0.1*ms)  # what a 0.1 ms simulation sees
    13.63060146 * hertz
    """
    owner = "siegert_rate"
    p = _params(params, owner)
    if sigma is None:
        sigma = p.sigma
    tau, th, vr, tref = _lif_si(p)
    mu_ = _si(mu)
    sig = _si(sigma)
    if dt is not None:
        th = th + FINITE_DT_COEFFICIENT * sig * np.sqrt(float(dt / second) / tau)
    try:
        mu_, sig, tau, th, vr, tref = np.broadcast_arrays(mu_, sig, tau, th, vr, tref)
    except ValueError:
        raise param_error(
            "sigma",
            owner,
            f"a shape that broadcasts with mu's {np.shape(mu_)} (and the parameters')",
            f"shape {np.shape(sig)}",
        ) from None
    noisy = sig > _SIGMA_ZERO
    s = np.where(noisy, sig, 1.0)
    log_integral = _log_siegert_integral((vr - mu_) / s, (th - mu_) / s)
    # log(1/r) = log(t_ref + tau sqrt(pi) exp(log_integral)), without overflow
    log_passage = np.log(tau * _SQRT_PI) + log_integral
    with np.errstate(divide="ignore"):  # t_ref = 0: log(0) = -inf is exact here
        log_period = np.logaddexp(np.log(tref), log_passage)
    rate = np.where(noisy, np.exp(-log_period), _deterministic_rate(mu_, (tau, th, vr, tref)))
    return rate * Hz


def stamped_rate(rate, dt) -> Quantity:
    r"""The rate a Brian2 simulation with step ``dt`` shows for a continuous-time rate.

    Brian2 stamps a spike at the start of the step in which the threshold was crossed
    and starts the refractory period there, so each period is one step shorter than
    the (dt-corrected) continuous one: :math:`1/(1/r - dt)` (see the module docstring).
    Zero rates stay zero.

    Parameters
    ----------
    rate : Quantity
        Continuous-time rate(s) in Hz, e.g. from :func:`siegert_rate` with ``dt=dt``.
    dt : Quantity
        The simulation's time step; ``1/rate`` must exceed it.

    Returns
    -------
    Quantity
        Rates in Hz, the shape of ``rate``.
    """
    owner = "stamped_rate"
    check_quantity(rate, "rate", owner, Hz, nonnegative=True, example="10*Hz")
    check_quantity(dt, "dt", owner, second, positive=True, scalar=True, example="0.1*ms")
    r = np.asarray(rate / Hz, dtype=float)
    step = float(dt / second)
    if np.any(r * step >= 1):
        raise param_error("rate", owner, f"below 1/dt = {1 / step:g} Hz", rate)
    safe = np.where(r > 0, r, 1.0)
    return np.where(r > 0, 1.0 / (1.0 / safe - step), 0.0) * Hz
