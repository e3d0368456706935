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
    # times in seconds, as plain numbers: a quantity is the wrong kind of value
    with pytest.raises(TypeError, match="'train' parameter of onset_rate.*dimensionless"):
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


def test_paired_pulses_on_a_lif_by_hand():
    # LIF (tau_m 20 ms, R 100 MOhm, 15 mV to threshold, t_ref 2 ms) and 50 ms pulses of
    # 0.4 nA (mu = -25 mV): from rest the first spike after 20 ln(40/25) = 9.40 ms, then
    # every 2 + 9.40 = 11.40 ms (Brian2 stamps a spike up to one 0.1 ms step early).
    from neurosim.spiking import LIFParameters, paired_pulse_experiment
    from neurosim.units import nA

    pairs = paired_pulse_experiment(
        LIFParameters(),
        0.4 * nA,
        onset=5 * ms,
        width=50 * ms,
        gaps=[20.0, 200.0] * ms,
        duration=330 * ms,
        record_v=True,
    )
    first = 20 * np.log(40 / 25)  # ms
    period = 2 + first
    np.testing.assert_allclose(pairs.onset2, [0.075, 0.255])  # 5 + 50 + gap ms, in s
    # spikes at 9.40, 20.80, 32.20, 43.60 ms into each pulse: 4
    np.testing.assert_array_equal(pairs.counts, [[4, 4], [4, 4]])
    latency = 1e3 * pairs.latencies
    assert np.all((latency[0] <= first + 1e-9) & (latency[0] >= first - 0.1))
    # onset rate 1 / first ISI: the period, up to one step of stamping
    assert np.all(np.abs(1e3 / pairs.onset_rates - period) <= 0.1 + 1e-9)
    # the membrane remembers: the last spike of pulse 1 (43.60 ms in) is held at -65 mV
    # until 45.60 ms, charges 4.40 ms to -65 + 40 (1 - e^-0.22) = -57.10 mV, decays over
    # the 20 ms gap to -65 + 7.90 e^-1 = -62.09 mV, so pulse 2 fires after
    # 20 ln((-25 + 62.09) / 25) = 7.89 ms; the four early stamps of pulse 1 (<= 0.4 ms)
    # leave it up to 0.13 ms more charge, and its own stamp is up to 0.1 ms early
    v0 = -65 + 40 * (1 - np.exp(-4.4 / 20)) * np.exp(-1)
    remembered = 20 * np.log((-25 - v0) / 25)
    assert remembered - 0.25 <= latency[1, 0] <= remembered + 1e-9
    # after 200 ms (10 tau_m) the second answer is the first, within a step
    assert abs(latency[1, 1] - latency[0, 1]) <= 0.1 + 1e-9
    assert len(pairs.trains) == 2 and pairs.v.shape == (2, 3300) and pairs.t.shape == (3300,)
    # before the first pulse the membrane rests at E_L = -65 mV
    np.testing.assert_allclose(pairs.v[:, pairs.t < 0.005], -0.065)


def test_paired_pulses_hold_adds_the_step_and_counts_nothing_for_it():
    from neurosim.spiking import LIFParameters, paired_pulse_experiment
    from neurosim.units import nA

    pairs = paired_pulse_experiment(
        LIFParameters(),
        0.4 * nA,
        onset=5 * ms,
        width=20 * ms,
        gaps=[10.0] * ms,
        duration=100 * ms,
        hold=True,
    )
    assert len(pairs.trains) == 2 and pairs.counts.shape == (2, 1)
    # the held step keeps firing every 11.40 ms from 5 + 9.40 ms on: 8 spikes by 100 ms
    assert pairs.trains[1].size == 8
    assert pairs.t is None and pairs.v is None
