"""Spike-time reliability (Schreiber et al. 2003) against truths worked here.

* By hand on hand-built trains: identical trains give 1; two single spikes d apart give
  exp(-d^2 / (4 w^2)); an empty train against a full one gives 0.
* Jittered copies of a sparse train: the difference of two independent Gaussian
  jitters of SD s has variance 2 s^2, and E exp(-D^2 / (4 w^2)) = (1 + s^2 / w^2)^(-1/2),
  so R = 1 / sqrt(2) at s = w.
* Independent Poisson trains of rate r: R -> c / (1 + c), c = 2 sqrt(pi) w r
  (E<s_i, s_j> = r^2 T c / r and E|s|^2 = r T (1 + c), for T >> w).
* A second implementation (tests/reliability_reference.py) that smooths binned trains
  with a sampled Gaussian.
"""

import numpy as np
import pytest
from brian2 import Hz, ms, mV
from reliability_reference import reliability_binned

from neurosim.spiking import chance_reliability, reliability

W = 3e-3  # s


def test_reliability_by_hand():
    a = np.array([0.1, 0.25, 0.7])
    assert reliability([a, a, a], W) == pytest.approx(1.0, abs=1e-12)
    d = 2e-3  # two single spikes 2 ms apart: exp(-4/36)
    assert reliability([[0.5], [0.5 + d]], W) == pytest.approx(np.exp(-(d**2) / (4 * W**2)))
    # an empty trial against two identical ones: pairs 1, 0, 0
    assert reliability([a, a, []], W) == pytest.approx(1 / 3)
    assert np.isnan(reliability([a], W)) and np.isnan(reliability([[], []], W))


def test_reliability_takes_times_and_widths_with_units():
    a = np.array([0.1, 0.25, 0.7])
    b = a + 1e-3
    assert reliability([a * 1000 * ms, b * 1000 * ms], 3 * ms) == pytest.approx(
        reliability([a, b], W), rel=1e-12
    )
    with pytest.raises(TypeError, match="'width' parameter of reliability"):
        reliability([a, b], 3 * mV)
    with pytest.raises(ValueError, match="'width' parameter of reliability"):
        reliability([a, b], 0.0)


def test_reliability_of_jittered_copies():
    rng = np.random.default_rng(1)
    base = np.arange(0.1, 20.0, 0.1)  # 200 spikes, 100 ms apart: sparse against 3 ms
    trials = [base + rng.normal(0, W, base.size) for _ in range(20)]
    # 1 / sqrt(2) = 0.707; the mean over 190 pairs of 200 spikes: SE well below 0.01
    assert reliability(trials, W) == pytest.approx(1 / np.sqrt(2), abs=0.02)


def test_reliability_of_independent_poisson_trains():
    rng = np.random.default_rng(2)
    rate, duration = 20.0, 20.0
    trains = [np.sort(rng.uniform(0, duration, rng.poisson(rate * duration))) for _ in range(10)]
    c = 2 * np.sqrt(np.pi) * W * rate  # 0.213 -> R = 0.175
    assert chance_reliability(rate, W) == pytest.approx(c / (1 + c), rel=1e-12)
    assert chance_reliability(rate * Hz, 3 * ms) == pytest.approx(c / (1 + c), rel=1e-12)
    # 45 pairs of ~400 spikes: the ratio of sums scatters by a few %; edges (w / T) 1e-4
    assert reliability(trains, W) == pytest.approx(c / (1 + c), rel=0.08)
    with pytest.raises(ValueError, match="'rate' parameter of chance_reliability"):
        chance_reliability(-1.0, W)


def test_two_implementations_agree():
    rng = np.random.default_rng(3)
    base = np.sort(rng.uniform(0, 2, 40))
    trials = [base + rng.normal(0, 2e-3, base.size) for _ in range(5)] + [np.array([])]
    # binning at 0.1 ms against a 3 ms Gaussian: relative error ~ (dt / w)^2 / 12
    assert reliability(trials, W) == pytest.approx(reliability_binned(trials, W, 2.2), abs=1e-3)
