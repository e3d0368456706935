"""LIF firing rates measured to a chosen precision, beside the closed form they should meet.

A rate measured from ``n`` spikes has a relative standard error of at most
``1/sqrt(n)`` (counts with a Fano factor <= 1). To measure a whole f-I curve to one
precision, every condition (a current and a noise amplitude) gets as many identical
neurons as it needs to collect about ``spikes`` spikes in the counting window: few
where the neuron fires fast, many where it fires slowly. The number comes from the
closed form the simulation should meet (:func:`expected_lif_rates`): Siegert's formula
shifted for the time step and stamped (:meth:`LIFParameters.rates`), or the noise-free
LIF rate. All conditions are neurons of one group, simulated in one run.

Currents, noise amplitudes and times are plain arrays with their unit in their names
(nA, mV, ms, s), so that grids built from round numbers stay exactly those numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.batching import drive
from neurosim.core.constraints import (
    BOOL,
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    described,
    param_error,
    validate,
)
from neurosim.spiking.batch import Simulation
from neurosim.spiking.counting import condition_rates, neurons_for_spikes, poisson_z
from neurosim.spiking.neurons import LIFParameters
from neurosim.spiking.theory import lif_rate
from neurosim.stimuli import constant
from neurosim.units import Hz, ms, mV, nA, second

__all__ = ["MeasuredRates", "expected_lif_rates", "measure_lif_rates"]

_NEURON = InstanceOf(LIFParameters)
_SIGMAS = ArrayOf(values=NON_NEGATIVE, min_size=0)


@validate(currents_nA=ArrayOf(min_size=0), sigma_mV=_SIGMAS, params=_NEURON, dt_ms=[POSITIVE, None])
def expected_lif_rates(currents_nA, sigma_mV, params: LIFParameters, dt_ms: float | None):
    """Closed-form LIF rate (Hz); with ``dt_ms``, as a Brian2 run with that step fires.

    sigma > 0: :meth:`LIFParameters.rates` (Siegert; with ``dt_ms`` shifted for the
    crossings the grid misses and stamped). sigma = 0: :func:`lif_rate`, the noise-free
    first passage. ``currents_nA`` and ``sigma_mV`` broadcast.
    """
    currents_nA, sigma_mV = _broadcast(currents_nA, sigma_mV, "expected_lif_rates")
    mu = params.E_L + params.R * currents_nA * nA
    dt = None if dt_ms is None else dt_ms * ms
    with np.errstate(over="ignore"):  # deep below threshold: rate 0, stamped as 0
        rate = params.rates(mu, sigma_mV * mV, dt=dt)
    noise_free = np.asarray(lif_rate(currents_nA * nA, params) / Hz, dtype=float)
    return np.where(sigma_mV > 0, np.asarray(rate / Hz, dtype=float), noise_free)


def _broadcast(currents_nA, sigma_mV, owner):
    try:
        return np.broadcast_arrays(currents_nA, sigma_mV)
    except ValueError:
        raise param_error(
            "sigma_mV",
            owner,
            f"a shape that broadcasts with currents_nA's {currents_nA.shape}",
            described(f"shape {sigma_mV.shape}"),
        ) from None


@dataclass(frozen=True)
class MeasuredRates:
    """Rates measured at each condition, in the broadcast shape of currents and sigmas.

    Attributes
    ----------
    rates_Hz, se_Hz : arrays
        Mean rate over a condition's neurons and its standard error (0 for one neuron).
    neurons : int array
        Neurons simulated per condition (1 without noise: every copy would be the same).
    predicted_Hz : array
        :func:`expected_lif_rates` at the simulation's time step.
    tested : bool array
        Noisy conditions predicted above ``floor_Hz``: measured to the chosen precision.
    z : array
        Their deviation from the prediction in Poisson standard errors (NaN elsewhere).
    se_bound_Hz : array
        The Poisson standard error ``sqrt(predicted / (window neurons))`` of each noisy
        rate (an upper bound when the Fano factor is below 1; 0 without noise): fixed
        by the parameters, not by the draw.
    """

    rates_Hz: np.ndarray
    se_Hz: np.ndarray
    neurons: np.ndarray
    predicted_Hz: np.ndarray
    tested: np.ndarray
    z: np.ndarray
    se_bound_Hz: np.ndarray


@validate(
    params=_NEURON,
    currents_nA=ArrayOf(),
    sigma_mV=ArrayOf(values=NON_NEGATIVE),
    window_s=POSITIVE,
    start_up_s=NON_NEGATIVE,
    dt_ms=POSITIVE,
    spikes=POSITIVE,
    floor_Hz=POSITIVE,
    fewest=COUNT,
    seed=SEED,
    as_steps=BOOL,
)
def measure_lif_rates(
    params: LIFParameters,
    currents_nA,
    sigma_mV,
    *,
    window_s: float,
    start_up_s: float,
    dt_ms: float,
    spikes: float,
    floor_Hz: float,
    fewest: int,
    seed: int = 0,
    as_steps: bool = False,
) -> MeasuredRates:
    """Simulate every (current, sigma) condition with enough neurons; one Brian2 run.

    Parameters
    ----------
    params : LIFParameters
        The neuron (its ``sigma`` is replaced by each condition's).
    currents_nA, sigma_mV : arrays (broadcast together)
        Constant currents and white-noise amplitudes (Siegert convention).
    window_s, start_up_s : float
        Counting window, after a start-up that is not counted.
    dt_ms : float
        Time step.
    spikes : float
        Spikes each condition predicted above ``floor_Hz`` should collect.
    floor_Hz : float
        Conditions predicted at or below this rate get ``fewest`` neurons.
    fewest : int
        Neurons of a slow condition (enough to draw it).
    seed : int
    as_steps : bool, default False
        Return the steps instead: a generator that yields its one
        :class:`~neurosim.spiking.batch.Simulation` and returns the rates, for a
        comparison that runs its seeds as a batch (``yield from``).
    """
    steps = _steps(
        params, currents_nA, sigma_mV, window_s, start_up_s, dt_ms, spikes, floor_Hz, fewest, seed
    )
    return steps if as_steps else drive([steps])[0]


def _steps(
    params, currents_nA, sigma_mV, window_s, start_up_s, dt_ms, spikes, floor_Hz, fewest, seed
):
    currents_nA, sigma_mV = _broadcast(currents_nA, sigma_mV, "measure_lif_rates")
    shape = currents_nA.shape
    window, start = window_s, start_up_s
    sig, cur = sigma_mV.ravel(), currents_nA.ravel()
    predicted = expected_lif_rates(cur, sig, params, dt_ms)
    enough = neurons_for_spikes(predicted, window, spikes, floor_Hz=floor_Hz, fewest=fewest)
    neurons = np.where(sig == 0, 1, enough)
    condition = np.repeat(np.arange(sig.size), neurons)
    result = yield Simulation(
        params.replace(sigma=sig[condition] * mV),
        constant(cur[condition] * nA),
        (start + window) * second,
        dt=dt_ms * ms,
        seed=seed,
    )
    counts = result.counts_in(start * second, (start + window) * second)[:, 0]
    rate, se = condition_rates(counts, condition, window)

    rates, predicted, neurons = (
        rate.reshape(shape),
        predicted.reshape(shape),
        neurons.reshape(shape),
    )
    tested = (sigma_mV > 0) & (predicted > floor_Hz)
    se_bound = np.where(sigma_mV > 0, np.sqrt(predicted / (window * neurons)), 0.0)
    return MeasuredRates(
        rates_Hz=rates,
        se_Hz=se.reshape(shape),
        neurons=neurons,
        predicted_Hz=predicted,
        tested=tested,
        z=poisson_z(rates, predicted, window, neurons, where=tested),
        se_bound_Hz=se_bound,
    )
