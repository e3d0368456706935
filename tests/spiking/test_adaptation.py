"""Measures of adaptation and recovery against spike trains and curves worked by hand."""

import numpy as np
import pytest

from neurosim.spiking import adaptation_index, fit_recovery, onset_rate, recovery
from neurosim.units import ms


def test_onset_rate_reads_the_first_interval_inside_the_window():
    train = np.array([0.005, 0.020, 0.030, 0.045, 0.300, 0.310])  # s
    # window [10 ms, 100 ms): spikes 20, 30, 45 ms; first interval 10 ms -> 100 Hz
    assert onset_rate(train, 0.010, 0.100) == pytest.approx(100.0)
    # window [250, 400) ms: 300, 310 ms -> 100 Hz; [40, 250) ms: one spike -> 0
    assert onset_rate(train, 0.250, 0.400) == pytest.approx(100.0)
    assert onset_rate(train, 0.040, 0.250) == 0.0
    # a spike on the window's edge counts at its start, not at its end (grid rounding)
    assert onset_rate(train, 0.020 + 1e-12, 0.045 + 1e-12) == pytest.approx(100.0)
    with pytest.raises(ValueError, match="'train' parameter of onset_rate"):
        onset_rate(np.zeros((2, 2)), 0.0, 1.0)


def test_onset_rate_refuses_quantities():
    with pytest.raises(ValueError, match="seconds"):
        onset_rate(np.array([1.0, 2.0]) * ms, 0.0, 1.0)


def test_adaptation_index_by_hand():
    # intervals 10, 20, 40, 50 ms: f_0 = 100 Hz, f_inf = 20 Hz, A = (100 - 20)/100 = 0.8
    train = np.cumsum([0.0, 0.010, 0.020, 0.040, 0.050])
    f0, f_inf, index = adaptation_index(train)
    assert (f0, f_inf) == (pytest.approx(100.0), pytest.approx(20.0))
    assert index == pytest.approx(0.8)
    # a regular train does not adapt; too few spikes give no index
    assert adaptation_index(np.arange(5) * 0.01)[2] == pytest.approx(0.0, abs=1e-12)
    assert all(np.isnan(adaptation_index(np.array([0.0, 0.01]))))


def test_fit_recovery_finds_a_known_curve():
    gaps = np.array([50.0, 100.0, 200.0, 400.0, 800.0])
    ratios = 1 - 0.7 * np.exp(-gaps / 250.0)  # by construction: D 0.7, tau 250 ms
    depth, tau = fit_recovery(gaps, ratios, tau_guess=200.0)
    assert depth == pytest.approx(0.7, rel=1e-6) and tau == pytest.approx(250.0, rel=1e-6)
    np.testing.assert_allclose(recovery(gaps, depth, tau), ratios, atol=1e-9)
    assert recovery(0.0, 0.7, 250.0) == pytest.approx(0.3)  # no gap: 1 - D
    # fewer points than parameters: no fit, NaN
    assert all(np.isnan(fit_recovery(gaps[:1], ratios[:1], tau_guess=200.0)))
