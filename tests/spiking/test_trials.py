"""Trials as neurons read back per condition (neurosim.spiking.trials), by hand."""

import numpy as np
import pytest
from brian2 import ms, mV
from reliability_reference import reliability_binned

from neurosim.spiking import by_condition

# four neurons: conditions 0, 0, 1, 1; the window is [0.1 s, 0.5 s)
TRAINS = [
    np.array([0.05, 0.12, 0.2, 0.45, 0.5]),  # 3 spikes in the window
    np.array([0.15, 0.3]),  # 2
    np.array([0.11, 0.21, 0.31, 0.41]),  # 4
    np.array([]),  # 0
]


def test_windows_rates_and_their_mean_by_hand():
    t = by_condition(TRAINS, [0, 0, 1, 1], start=0.1, window=0.4)
    np.testing.assert_array_equal(t.trials, [2, 2])
    np.testing.assert_allclose(t.rates(), np.array([3, 2, 4, 0]) / 0.4)
    mean, se = t.mean_rate()
    np.testing.assert_allclose(mean, [6.25, 5.0])
    # SD (ddof 1) of 7.5 and 5 Hz is 1.768, over sqrt 2; of 10 and 0 Hz it is 7.07
    np.testing.assert_allclose(
        se, [np.std([7.5, 5.0], ddof=1), np.std([10.0, 0.0], ddof=1)] / np.sqrt(2)
    )
    np.testing.assert_array_equal(t.in_window(0)[0], [0.12, 0.2, 0.45])
    assert t.in_window(1)[1].size == 0 and len(t.of(0)) == 2


def test_times_and_windows_with_units():
    a = by_condition(
        [tr * 1000 * ms for tr in TRAINS], [0, 0, 1, 1], start=100 * ms, window=400 * ms
    )
    b = by_condition(TRAINS, [0, 0, 1, 1], start=0.1, window=0.4)
    np.testing.assert_allclose(a.rates(), b.rates())


def test_cv_fano_and_reliability_against_independent_computations():
    rng = np.random.default_rng(0)
    trains = [np.sort(rng.uniform(0, 2.1, rng.poisson(40))) for _ in range(6)]
    t = by_condition(trains, [0, 0, 0, 1, 1, 1], start=0.1, window=2.0)
    # CV (sample SD, ddof 1, over the mean) of all intervals of the trains, pooled
    isi = np.concatenate([np.diff(tr) for tr in trains[:3]])
    assert t.cv()[0] == pytest.approx(isi.std(ddof=1) / isi.mean(), rel=1e-12)
    # Fano: variance (ddof 1) / mean of the counts in 0.5 s windows, averaged over windows
    edges = 0.1 + np.arange(0, 2.0 + 1e-9, 0.5)
    counts = np.array([np.histogram(tr, bins=edges)[0] for tr in trains[3:]])
    fano = np.mean(counts.var(axis=0, ddof=1) / counts.mean(axis=0))
    assert t.fano(0.5)[1] == pytest.approx(fano, rel=1e-12)
    # reliability in the window against the binned implementation
    assert t.reliability(1, 3e-3) == pytest.approx(
        reliability_binned(t.in_window(1), 3e-3, 2.2), abs=1e-3
    )


def test_bad_conditions_are_named():
    with pytest.raises(ValueError, match="'condition' parameter of by_condition"):
        by_condition(TRAINS, [0, 0, 2, 2], window=0.4)  # condition 1 has no neuron
    with pytest.raises(ValueError, match="'condition' parameter of by_condition"):
        by_condition(TRAINS, [0, 0, 1], window=0.4)
    with pytest.raises(TypeError, match="'window' parameter of by_condition"):
        by_condition(TRAINS, [0, 0, 1, 1], window=4 * mV)


def test_fano_leaves_out_a_remainder_shorter_than_its_window():
    # a 1.2 s counting window holds two whole 0.5 s windows; the last 0.2 s is not
    # counted (neurons_are_noisy crashed for any window not a multiple of 500 ms)
    rng = np.random.default_rng(3)
    trains = [np.sort(rng.uniform(0, 1.4, rng.poisson(30))) for _ in range(4)]
    t = by_condition(trains, [0, 0, 0, 0], start=0.1, window=1.2)
    edges = 0.1 + np.array([0.0, 0.5, 1.0])
    counts = np.array([np.histogram(tr, bins=edges)[0] for tr in trains])
    fano = np.mean(counts.var(axis=0, ddof=1) / counts.mean(axis=0))
    assert t.fano(0.5)[0] == pytest.approx(fano, rel=1e-12)
    with pytest.raises(ValueError, match="'window' parameter of ConditionTrials.fano"):
        t.fano(1.5)
