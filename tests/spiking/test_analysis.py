"""Spike-train statistics against hand-counted trains and Poisson processes."""

import warnings

import numpy as np
import pytest
from brian2 import ms, mV, second

from neurosim.spiking.analysis import (
    cv_isi,
    fano_factor,
    firing_rate,
    isi,
    psth,
    raster_data,
    spike_counts,
)


def poisson_trains(rate, duration, trials, seed):
    """Homogeneous Poisson trains (numpy): a Poisson count, then uniform times."""
    rng = np.random.default_rng(seed)
    counts = rng.poisson(rate * duration, size=trials)
    return [np.sort(rng.uniform(0, duration, size=n)) for n in counts]


@pytest.fixture(autouse=True)
def no_warnings():
    # Every statistic here must be silent, also when it is undefined (nan).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# -- rates and intervals ----------------------------------------------------------------
def test_firing_rate_counts_spikes_in_the_half_open_window():
    assert firing_rate([0.1, 0.2, 0.3], 1.0) == 3.0
    # [0, 0.25): the spike at 0.25 s belongs to the next window
    assert firing_rate([0.1, 0.2, 0.25, 0.3], 0.25) == pytest.approx(8.0)
    assert firing_rate([0.1, 0.2, 0.3], 1.0, start=0.15) == pytest.approx(2.0)
    rates = firing_rate([[0.1], [], [0.1, 0.2]], 2.0)
    assert isinstance(rates, np.ndarray)
    np.testing.assert_array_equal(rates, [0.5, 0.0, 1.0])


def test_empty_and_single_spike_trains():
    assert firing_rate([], 1.0) == 0.0
    assert firing_rate(np.array([0.5]), 2.0) == 0.5
    assert isi([]).shape == (0,)
    assert isi([0.5]).shape == (0,)
    assert np.isnan(cv_isi([]))
    assert np.isnan(cv_isi([0.5]))
    assert np.isnan(cv_isi([0.1, 0.2]))  # one interval: no spread to measure
    assert np.isnan(cv_isi([[0.1], [], [0.3]]))
    edges, rate = psth([[], []], bin_width=0.1, duration=0.3)
    np.testing.assert_allclose(edges, [0.0, 0.1, 0.2, 0.3])
    np.testing.assert_array_equal(rate, 0.0)
    times, index = raster_data([[], []])
    assert times.shape == index.shape == (0,)
    assert index.dtype.kind == "i"


def test_isi_sorts_and_takes_differences():
    np.testing.assert_allclose(isi([0.3, 0.1, 0.15]), [0.05, 0.15])


def test_units_and_plain_seconds_agree():
    in_ms = np.array([10.0, 30.0, 35.0, 80.0]) * ms
    in_s = [0.010, 0.030, 0.035, 0.080]
    assert firing_rate(in_ms, 100 * ms) == firing_rate(in_s, 0.1) == pytest.approx(40.0)
    np.testing.assert_allclose(isi(in_ms), [0.02, 0.005, 0.045])
    assert cv_isi(in_ms) == pytest.approx(cv_isi(in_s), rel=1e-12)
    e1, r1 = psth([in_ms], bin_width=20 * ms, duration=100 * ms)
    e2, r2 = psth([in_s], bin_width=0.02, duration=0.1)
    np.testing.assert_allclose(e1, e2)
    np.testing.assert_allclose(r1, r2)


def test_regular_train_has_cv_zero():
    # A clock with a period exactly representable in binary: every interval is equal.
    assert cv_isi(np.arange(40) * 0.125) == 0.0
    # Any period: zero up to rounding of the spike times.
    assert cv_isi(np.arange(1000) * 0.0123) < 1e-10


def test_cv_of_two_alternating_intervals_by_hand():
    # Intervals 1, 3, 1, 3: mean 2, sample std sqrt(4/3) -> CV = 0.57735.
    assert cv_isi([0, 1, 4, 5, 8]) == pytest.approx(np.sqrt(4 / 3) / 2, rel=1e-12)


def test_poisson_cv_is_one_within_sampling_error():
    # For exponential intervals the sample CV has standard error 1/sqrt(n) (delta
    # method: var(m) = 1/n, var(s^2) = 8/n, cov = 2/n for unit mean); allow 4 SE.
    rng = np.random.default_rng(0)
    n = 20_000
    train = np.cumsum(rng.exponential(1 / 20.0, size=n + 1))
    assert cv_isi(train) == pytest.approx(1.0, abs=4 / np.sqrt(n))
    # Pooled over trials (intervals within each trial)
    trains = poisson_trains(20.0, 50.0, 20, seed=1)
    n_pooled = sum(len(t) - 1 for t in trains)
    assert cv_isi(trains) == pytest.approx(1.0, abs=4 / np.sqrt(n_pooled))


# -- Fano factor ------------------------------------------------------------------------
def test_fano_of_counts_by_hand():
    # counts 1, 2, 3: sample variance 1, mean 2
    assert fano_factor([1, 2, 3]) == 0.5
    assert fano_factor(np.array([4, 4, 4])) == 0.0
    assert np.isnan(fano_factor([0, 0, 0]))  # mean 0: undefined
    assert np.isnan(fano_factor([3]))  # a single count has no variance


def test_poisson_fano_is_one_within_sampling_error():
    # For Poisson counts (mean lam) over n trials, var(F) = 2/(n-1) + 1/(n lam)
    # (sample-variance variance with excess kurtosis 1/lam); allow 4 SE.
    trials, rate, window = 2000, 10.0, 1.0
    trains = poisson_trains(rate, window, trials, seed=2)
    se = np.sqrt(2 / (trials - 1) + 1 / (trials * rate * window))
    assert fano_factor(trains, window=window) == pytest.approx(1.0, abs=4 * se)
    # Across the windows of one long train
    (long,) = poisson_trains(rate, 2000.0, 1, seed=3)
    se = np.sqrt(2 / 1999 + 1 / (2000 * rate))
    assert fano_factor(long, window=1.0, duration=2000.0) == pytest.approx(1.0, abs=4 * se)


def test_fano_sees_regular_and_doubled_spikes():
    # A clock fires the same number in every window: Fano 0.
    clock = np.arange(800) * 0.125
    assert fano_factor(clock, window=1.0, duration=100.0) == 0.0
    # Every Poisson spike doubled: counts are 2 x Poisson, variance 4 lam, mean 2 lam.
    trains = [np.repeat(t, 2) for t in poisson_trains(10.0, 1.0, 2000, seed=4)]
    se = 2 * np.sqrt(2 / 1999 + 1 / (2000 * 10.0))
    assert fano_factor(trains, window=1.0) == pytest.approx(2.0, abs=4 * se)


def test_fano_across_trials_averages_over_windows():
    # Two windows; trials 0..3 have counts (1, 0), (3, 0), (1, 2), (3, 2).
    trains = [[0.1], [0.1, 0.2, 0.3], [0.1, 1.1, 1.2], [0.1, 0.2, 0.3, 1.1, 1.5]]
    # window 1: counts 1,3,1,3 -> var 4/3, mean 2 -> 2/3; window 2: 0,0,2,2 -> 4/3 / 1
    assert fano_factor(trains, window=1.0, duration=2.0) == pytest.approx((2 / 3 + 4 / 3) / 2)
    # windows where no trial fires are left out, not averaged in as nan
    assert fano_factor([[0.1], [0.1, 0.2]], window=1.0, duration=3.0) == pytest.approx(
        (0.5 / 1.5), rel=1e-12
    )
    assert np.isnan(fano_factor([[], []], window=1.0))


# -- PSTH, counts, raster -----------------------------------------------------------------
def test_psth_of_known_trains():
    trains = [[0.0005, 0.0015, 0.0019, 0.0031], [0.0012, 0.0045]]  # 0.0045 is outside
    edges, rate = psth(trains, bin_width=1 * ms, duration=4 * ms)
    np.testing.assert_allclose(edges, [0, 0.001, 0.002, 0.003, 0.004])
    # counts per bin 1, 3, 0, 1 over 2 trials x 1 ms
    np.testing.assert_allclose(rate, [500.0, 1500.0, 0.0, 500.0])


def test_spikes_on_the_simulation_grid_fall_in_the_bin_they_start():
    # One spike every 0.1 ms step, as a simulation with dt = 0.1 ms records them.
    # In floating point 1500 * 1e-4 / 0.05 = 2.9999999999999996, so a plain floor would
    # put the spike at 150 ms into the bin [100, 150) ms; each 50 ms bin must get 500.
    times = np.arange(3000) * 1e-4
    assert np.floor(times[1500] / 0.05) == 2  # the trap is real
    _edges, rate = psth([times], bin_width=0.05, duration=0.3)
    np.testing.assert_allclose(rate, 500 / 0.05)
    counts = spike_counts(times, window=0.05, duration=0.3)
    np.testing.assert_array_equal(counts, [[500] * 6])
    assert firing_rate(times, 0.15) == pytest.approx(1500 / 0.15)


def test_spike_counts_shapes_and_windows():
    counts = spike_counts([[0.1, 0.6, 0.7], [1.2]], window=0.5, duration=1.5)
    np.testing.assert_array_equal(counts, [[1, 2, 0], [0, 0, 1]])
    assert spike_counts([0.1, 0.2], window=1.0).shape == (1, 1)


def test_psth_of_a_poisson_population_is_flat_at_the_rate():
    # 400 trials x 20 Hz x 50 ms bins: 400 expected spikes per bin, relative SE 5 %.
    trains = poisson_trains(20.0, 1.0, 400, seed=5)
    _edges, rate = psth(trains, bin_width=0.05, duration=1.0)
    assert rate.shape == (20,)
    assert np.mean(rate) == pytest.approx(20.0, rel=4 * 0.05 / np.sqrt(20))
    assert np.all(np.abs(rate - 20.0) < 4 * 20.0 * 0.05)


def test_raster_data_flattens_trains():
    times, index = raster_data([[0.3, 0.1], [], [0.2]])
    np.testing.assert_allclose(times, [0.1, 0.3, 0.2])
    np.testing.assert_array_equal(index, [0, 0, 2])
    # a single train is train 0; a mapping is taken in key order
    np.testing.assert_array_equal(raster_data([0.1, 0.2])[1], [0, 0])
    times, index = raster_data({2: [0.5], 0: [0.1 * second / second]})
    np.testing.assert_allclose(times, [0.1, 0.5])
    np.testing.assert_array_equal(index, [0, 1])
    # a 2-D array's rows are trains
    np.testing.assert_array_equal(raster_data(np.array([[0.1, 0.2], [0.3, 0.4]]))[1], [0, 0, 1, 1])


# -- bad inputs -------------------------------------------------------------------------------
def test_bad_inputs_are_refused():
    with pytest.raises(TypeError, match=r"'trains' parameter of firing_rate must be spike times"):
        firing_rate(np.array([1.0, 2.0]) * mV, 1.0)
    with pytest.raises(ValueError, match=r"'trains' parameter of cv_isi must be finite"):
        cv_isi([0.1, np.nan])
    with pytest.raises(ValueError, match=r"'duration' parameter of psth must be a whole multiple"):
        psth([[0.1]], bin_width=0.3, duration=1.0)
    with pytest.raises(
        ValueError, match=r"'bin_width' parameter of psth must be a finite number > 0"
    ):
        psth([[0.1]], bin_width=-0.1, duration=1.0)
    with pytest.raises(TypeError, match=r"'duration' parameter of firing_rate must be a time"):
        firing_rate([0.1], 1 * mV)
    with pytest.raises(ValueError, match=r"'data' parameter of fano_factor must be finite counts"):
        fano_factor([1, -2, 3])
    with pytest.raises(ValueError, match=r"'duration' parameter of fano_factor must be given"):
        fano_factor([0.1, 0.2], window=1.0)
    with pytest.raises(ValueError, match=r"'train' parameter of isi must be a 1-D array"):
        isi([[0.1], [0.2]])
    with pytest.raises(ValueError, match=r"'trains' parameter of firing_rate must be a 1-D array"):
        firing_rate(0.1, 1.0)


def test_steady_rate_is_one_over_the_mean_interval():
    from neurosim.spiking.analysis import steady_rate

    # hand-worked: intervals 10 and 30 ms after the start -> mean 20 ms -> 50 Hz
    trains = [np.array([0.001, 0.005, 0.015, 0.045]), np.array([0.5]), np.array([])]
    np.testing.assert_allclose(steady_rate(trains, start=0.004), [50.0, 0.0, 0.0])
    assert steady_rate(np.array([0.0, 0.1, 0.2])) == pytest.approx(10.0)


def test_undefined_statistics_are_nan_by_design():
    # NaN, not an error: a CV or Fano factor is read per neuron, trial or window of one
    # run, where a neuron that fired once or not at all is a result (below threshold,
    # a silent window), not bad input, and must not abort the others. The callers pool
    # what is defined: rate_code_needs_time averages the neurons' CVs with nanmean,
    # ConditionTrials.cv gives one CV per condition, fano_factor averages the windows
    # where it is defined.
    trains = [np.array([0.01, 0.03, 0.04, 0.07]), np.array([0.5]), np.array([])]
    cvs = np.array([cv_isi(t) for t in trains])
    # hand-worked: intervals 20, 10, 30 ms: mean 20, SD (ddof 1) 10 -> CV 0.5
    assert cvs[0] == pytest.approx(0.5)
    assert np.isnan(cvs[1:]).all()
    assert np.nanmean(cvs) == pytest.approx(0.5)
    # two trials, windows [0, 0.5) and [0.5, 1): counts (1, 1) -> Fano 0; (0, 0) -> undefined
    # and left out of the mean, not an error
    assert fano_factor([[0.1], [0.2]], window=0.5, duration=1.0) == 0.0
