r"""Input spikes as voltage jumps on a leaky membrane: closed forms.

Between spikes the free membrane relaxes to rest with time constant :math:`\tau`; each
spike of input kind :math:`k` makes it jump by :math:`w_k`:

.. math::

    \tau \frac{dV}{dt} = -(V - E_L) + \tau \sum_k w_k S_k(t)

- :func:`shot_noise_drive`: Campbell's theorem for Poisson input of total rate
  :math:`\lambda_k` per kind: the free membrane's mean above rest is
  :math:`\tau \sum_k w_k \lambda_k` and its variance :math:`\frac{\tau}{2} \sum_k w_k^2
  \lambda_k`; the diffusion approximation's noise amplitude in the convention of
  :class:`~neurosim.spiking.LIFParameters` is :math:`\sigma^2 = \tau \sum_k w_k^2
  \lambda_k` (free-membrane SD :math:`\sigma / \sqrt 2`).
- :func:`poisson_input_rate`: a LIF neuron's firing rate under that input, Siegert's
  formula for the diffusion approximation (the neuron's own noise added in quadrature);
- :func:`jump_train_peak`: the peak of ``n`` equal jumps at equal intervals, a geometric
  sum.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import (
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    InstanceOf,
    QuantityOf,
    param_error,
    validate,
)
from neurosim.spiking.neurons import LIFParameters
from neurosim.spiking.words import STEP
from neurosim.units import Hz, Quantity, second, volt

_RATES = QuantityOf("Hz", NON_NEGATIVE, ndim=None, example="[3000, 2000]*Hz")
_WEIGHTS = QuantityOf("mV", ndim=(0, 1), example="[1, -1]*mV")
_TAU = QuantityOf("ms", POSITIVE, example="20*ms")

__all__ = ["jump_train_peak", "poisson_input_rate", "shot_noise_drive"]


@validate(rates=_RATES, weights=_WEIGHTS, tau=_TAU, dt=[STEP, None], sources=COUNT)
def shot_noise_drive(rates, weights, tau, *, dt=None, sources: int = 1):
    r"""Mean above rest and noise amplitude of a membrane under Poisson input spikes.

    ``mean = tau sum_k w_k lam_k`` and ``sigma^2 = tau sum_k w_k^2 lam_k (1 - p_k)``
    (Campbell's theorem; ``sigma`` in the convention of ``LIFParameters``: the free
    membrane's SD is ``sigma / sqrt 2``).  With ``dt``, each kind's input is ``sources``
    trains that fire in a step with probability ``p_k = lam_k / sources * dt`` (Brian2's
    ``PoissonGroup``), whose count per step has variance ``p (1 - p)``; without, ``p = 0``.

    Parameters
    ----------
    rates : Quantity
        Total input rate of each kind, the kinds on the last axis (any leading shape).
    weights : Quantity
        Jump per spike of each kind (1-D, one per kind; negative is inhibitory).
    tau : Quantity
        Membrane time constant.
    dt : Quantity, optional
        The simulation's step, for Bernoulli-per-step sources.
    sources : int, default 1
        Sources each kind's rate is split over.

    Returns
    -------
    mean, sigma : Quantity
        Volts, of the leading shape of ``rates``.
    """
    owner = "shot_noise_drive"
    lam = np.asarray(rates / Hz, dtype=float)
    w = np.atleast_1d(np.asarray(weights / volt, dtype=float))
    if w.ndim != 1 or lam.ndim < 1 or lam.shape[-1] != w.size:
        raise param_error(
            "weights", owner, "one jump per kind (the last axis of rates)", f"shape {w.shape}"
        )
    n_src = sources
    p = 0.0
    if dt is not None:
        p = lam / n_src * float(dt / second)
        if np.any(p > 1):
            raise param_error(
                "rates", owner, "at most one spike per source and step (rate * dt <= 1)", rates
            )
    tau_s = float(tau / second)
    mean = tau_s * np.sum(w * lam, axis=-1)
    var = tau_s * np.sum(w**2 * lam * (1 - p), axis=-1)
    return mean * volt, np.sqrt(var) * volt


@validate(
    neuron=InstanceOf(LIFParameters),
    rates=_RATES,
    weights=_WEIGHTS,
    dt=[STEP, None],
    sources=COUNT,
)
def poisson_input_rate(neuron: LIFParameters, rates, weights, *, dt=None, sources: int = 1):
    """Firing rate of a LIF neuron under Poisson input spikes (diffusion approximation).

    The membrane sees ``mu = E_L + mean`` and ``sigma = sqrt(sigma_in^2 + neuron.sigma^2)``
    with ``mean, sigma_in`` from :func:`shot_noise_drive` (the neuron's own white noise
    adds in quadrature); the rate is ``neuron.rates(mu, sigma, dt=dt)``: Siegert's formula,
    with ``dt`` as a Brian2 run at that step shows it.

    Parameters
    ----------
    neuron : LIFParameters
    rates, weights, dt, sources
        As for :func:`shot_noise_drive` (``dt`` also sets the rate's finite-step
        corrections).

    Returns
    -------
    Quantity
        Rates in Hz, of the leading shape of ``rates``.
    """
    mean, sigma = shot_noise_drive(rates, weights, neuron.tau_m, dt=dt, sources=sources)
    noise = np.sqrt(np.asarray(sigma / volt) ** 2 + np.asarray(neuron.sigma / volt) ** 2) * volt
    return neuron.rates(neuron.E_L + mean, noise, dt=dt)


@validate(
    weight=QuantityOf("mV", example="2.5*mV"),
    interval=QuantityOf("ms", NON_NEGATIVE, example="1*ms"),
    n=COUNT,
    tau=_TAU,
)
def jump_train_peak(weight, interval, n: int, tau) -> Quantity:
    """Peak depolarisation of ``n`` jumps of ``weight`` every ``interval``.

    The membrane decays with ``tau`` between jumps, so the peak (just after the last
    jump) is ``w sum_{j<n} q^j = w (1 - q^n) / (1 - q)``, ``q = exp(-interval / tau)``;
    ``n w`` when the jumps coincide.
    """
    k = n
    q = float(np.exp(-float(interval / tau)))
    return weight * (k if q == 1.0 else (1 - q**k) / (1 - q))
