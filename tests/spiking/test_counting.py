"""neurosim.spiking.counting: reading rates from spike counts, against hand-worked
examples, plain loops written here and the counting laws.

Truths, none of them the code under test:

* by-hand counts of small spike lists (half-open windows);
* a periodic train counted from a random phase is off by less than one spike: with
  f = frac(r T) the count is floor(r T) + 1 with probability f (variance f (1 - f));
* Poisson counts: variance = mean, so the relative RMS error of n / (N T) is
  1 / sqrt(r T N) (Cox 1962, Renewal Theory, ch. 9);
* the mean and standard error of a few numbers, written out as plain Python loops.
"""

import numpy as np
import pytest

from neurosim.spiking.counting import (
    condition_rates,
    log_slope,
    neurons_for_spikes,
    periodic_count_error,
    poisson_z,
    pool_sizes,
    pooled_count_error,
    quantisation_error,
    running_rate,
    window_counts,
    window_for_error,
)


def test_window_counts_by_hand():
    times = np.array([0.01, 0.02, 0.05, 0.30, 0.1, 0.2])
    neuron = np.array([0, 0, 0, 0, 1, 1])
    starts = np.array([[0.0, 0.02], [0.1, 0.15]])
    # neuron 0 in [0, 0.05): 0.01, 0.02 -> 2; in [0.02, 0.07): 0.02, 0.05 -> 2
    # neuron 1 in [0.1, 0.15): 0.1 -> 1; in [0.15, 0.2): none (half-open) -> 0
    np.testing.assert_array_equal(window_counts(times, neuron, 2, starts, 0.05), [[2, 2], [1, 0]])
    # one pool of both: [0.0, 0.25) holds 0.01, 0.02, 0.05, 0.1, 0.2 -> 5
    assert window_counts(times, np.zeros(6, int), 1, np.array([[0.0]]), 0.25)[0, 0] == 5


def test_window_counts_match_a_plain_loop():
    rng = np.random.default_rng(3)
    times = rng.uniform(0, 2, 400)
    neuron = rng.integers(0, 5, 400)
    starts = rng.uniform(0, 1.5, (5, 7))
    counts = window_counts(times, neuron, 5, starts, 0.3)
    for k in range(5):
        for j in range(7):
            mine = np.sum((neuron == k) & (times >= starts[k, j]) & (times < starts[k, j] + 0.3))
            assert counts[k, j] == mine


def test_quantisation_formula_and_crossing_by_hand():
    # 30 Hz, T = 50 ms: rT = 1.5, f = 0.5, error sqrt(0.25)/1.5 = 1/3; T = 100 ms: exact
    assert quantisation_error([30.0], [0.05, 0.1]) == pytest.approx([1 / 3, 0], abs=1e-9)
    # error 1, 0.2, 0.02 at 1, 10, 100: 0.1 is crossed a decade-slope at 10 * 2 = 20
    assert window_for_error([1.0, 10.0, 100.0], [1.0, 0.2, 0.02], 0.1) == pytest.approx(20)
    assert np.isnan(window_for_error([1.0, 10.0], [1.0, 0.2], 0.1))
    # below the target from the start: the shortest window
    assert window_for_error([1.0, 10.0], [0.05, 0.01], 0.1) == 1.0
    np.testing.assert_array_equal(pool_sizes(100), [1, 3, 10, 32, 100])
    np.testing.assert_array_equal(pool_sizes(30), [1, 3, 10, 30])


def test_log_slope_of_power_laws():
    x = np.array([1.0, 2.0, 4.0, 8.0])
    assert log_slope(x, 3 * x**-0.5) == pytest.approx(-0.5, abs=1e-12)
    # zeros and NaNs are left out; fewer than two points: NaN
    assert log_slope(x, np.array([np.nan, 0.0, 4.0, 8.0])) == pytest.approx(1.0, abs=1e-12)
    assert np.isnan(log_slope(x, np.array([np.nan, 0.0, 0.0, 1.0])))
    assert np.isnan(log_slope(np.array([]), np.array([])))


def test_running_rate_by_hand():
    train = np.array([0.3, -0.1, 0.1, 0.2])  # any order; spikes before 0 ignored
    # [0, 0.15): 0.1 -> 1 / 0.15; [0, 0.3): 0.1, 0.2 -> 2 / 0.3 (half-open); [0, 1): 3
    np.testing.assert_allclose(running_rate(train, [0.15, 0.3, 1.0]), [1 / 0.15, 2 / 0.3, 3.0])
    with pytest.raises(ValueError, match="'times_s'"):
        running_rate(train, [0.0, 1.0])


def test_neurons_for_spikes_by_hand():
    # 5000 spikes at 20 Hz over 2 s: 125 neurons; 5000 at 6 Hz: ceil(416.7) = 417;
    # at or below the 5 Hz floor: the fewest (40)
    rates = np.array([20.0, 6.0, 5.0, 0.0])
    np.testing.assert_array_equal(
        neurons_for_spikes(rates, 2.0, 5000, floor_Hz=5.0, fewest=40), [125, 417, 40, 40]
    )
    with pytest.raises(ValueError, match="'fewest'"):
        neurons_for_spikes(rates, 2.0, 5000, floor_Hz=5.0, fewest=0)


def test_condition_rates_match_plain_means_and_errors():
    counts = np.array([3, 5, 4, 10, 7])
    condition = np.array([0, 0, 0, 1, 2])
    rate, se = condition_rates(counts, condition, 0.5)
    # condition 0: rates 6, 10, 8 Hz -> mean 8, sample SD 2, SE 2 / sqrt(3)
    np.testing.assert_allclose(rate, [8.0, 20.0, 14.0])
    np.testing.assert_allclose(se, [2 / np.sqrt(3), 0.0, 0.0])
    with pytest.raises(ValueError, match="'condition'"):
        condition_rates(counts, np.array([0, 0, 0, 2, 2]), 0.5)  # condition 1 is empty


def test_poisson_z_by_hand():
    # 10 neurons over 2 s at a predicted 5 Hz expect 100 spikes (SD 10); 5.5 Hz is 110
    z = poisson_z(np.array([5.5, 4.0, 3.0]), np.array([5.0, 5.0, 0.0]), 2.0, np.full(3, 10))
    np.testing.assert_allclose(z[:2], [1.0, -2.0])
    assert np.isnan(z[2])  # nothing predicted
    masked = poisson_z(
        np.array([5.5, 4.0]),
        np.array([5.0, 5.0]),
        2.0,
        np.full(2, 10),
        where=np.array([True, False]),
    )
    assert masked[0] == pytest.approx(1.0) and np.isnan(masked[1])


def _poisson_trains(rng, n, rate, duration):
    counts = rng.poisson(rate * duration, n)
    neuron = np.repeat(np.arange(n), counts)
    return rng.uniform(0, duration, neuron.size), neuron


def test_pooled_count_error_follows_the_poisson_law():
    rng = np.random.default_rng(0)
    rate, duration = 20.0, 20.0
    times, neuron = _poisson_trains(rng, 200, rate, duration)
    windows = np.array([0.05, 0.2, 1.0])
    result = pooled_count_error(
        times,
        neuron,
        200,
        np.array([1, 10]),
        windows,
        rate,
        t_start=0.0,
        t_stop=duration,
        windows_per_neuron=20,
        rng=rng,
    )
    law = 1 / np.sqrt(rate * windows[None, :] * np.array([1, 10])[:, None])
    # the true rate is given exactly, so only sampling error: 3 of its standard errors
    # and 5 % for the Poisson counts not being quite Gaussian at the shortest window
    assert np.all(np.abs(result.error - law) <= 3 * result.se + 0.05 * law)
    # independent windows: pools times non-overlapping windows, capped by the reads
    assert result.independent[0, 2] == 200 * min(20, 20 / 1.0)
    assert result.independent[1, 0] == 20 * min(200, 20 / 0.05)


def test_periodic_count_error_follows_the_quantisation_law():
    rng = np.random.default_rng(1)
    rates = np.linspace(17.0, 23.0, 40)
    duration = 10.0
    # periodic trains at a random phase each
    trains = [np.arange(rng.uniform(0, 1 / r), duration, 1 / r) for r in rates]
    times = np.concatenate(trains)
    neuron = np.repeat(np.arange(rates.size), [t.size for t in trains])
    windows = np.array([0.03, 0.1, 0.5, 2.0])
    error, se = periodic_count_error(
        times,
        neuron,
        rates,
        windows,
        t_start=0.0,
        t_stop=duration,
        windows_per_neuron=50,
        rng=rng,
    )
    law = quantisation_error(rates, windows)
    # 3 standard errors (from 10 groups of neurons) and 5 %: uniform starts over many
    # periods give phases uniform to about one period in the whole span
    assert np.all(np.abs(error - law) <= 3 * se + 0.05 * law)
    # independent of quantisation_error: a random phase is off by under one spike
    assert np.all(error < 1 / (rates.min() * windows))
