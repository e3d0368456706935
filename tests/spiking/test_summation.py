"""neurosim.spiking.summation: the input trains and the argument checks."""

import numpy as np
import pytest

from neurosim.spiking import LIFParameters
from neurosim.spiking.summation import poisson_fibres, simulate_summation
from neurosim.units import amp, ms, mV, second


def test_poisson_fibres_have_the_asked_rates_on_the_time_grid():
    rates = np.array([0.0, 10.0, 40.0, 100.0])
    trains = poisson_fibres(np.repeat(rates, 200), 1 * second, 0.1 * ms, np.random.default_rng(0))
    counts = trains.counts().reshape(4, 200)
    # 200 fibres x 1 s: the mean count's standard error is sqrt(rate / 200); 4 of them
    # (a duplicate in a step, rate x dt <= 1 %, loses under 1 % of the spikes)
    assert np.all(np.abs(counts.mean(1) - rates) <= 4 * np.sqrt(rates / 200) + 1e-12)
    # Poisson counts: variance = mean (Fano 1) within sampling (200 samples: +-20 %)
    assert counts[3].var() / counts[3].mean() == pytest.approx(1.0, abs=0.25)
    steps = trains.times / 1e-4
    np.testing.assert_allclose(steps, np.round(steps), atol=1e-6)
    assert np.all(np.diff(trains.times) >= 0)


def test_reversal_potentials_must_bracket_rest():
    trains = poisson_fibres(np.array([10.0]), 100 * ms, 0.1 * ms, np.random.default_rng(0))
    conn = {"conductance": ([0], [0], np.array([1e-14]) * amp * second)}
    with pytest.raises(ValueError, match="E_exc"):
        simulate_summation(
            trains,
            conn,
            1,
            neuron=LIFParameters(),
            tau_syn=5 * ms,
            E_exc=-70 * mV,
            E_inh=-80 * mV,
            duration=100 * ms,
            t_start=10 * ms,
        )
