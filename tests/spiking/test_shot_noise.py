"""Voltage jumps on a leaky membrane (neurosim.spiking.shot_noise) against independent truths.

* Campbell's theorem worked by hand for the numbers of neurons_are_noisy, and against a
  plain numpy simulation of the free membrane under Poisson jumps (mean and SD within
  their sampling errors).
* Bernoulli-per-step sources: the variance of the count per step is p (1 - p).
* The LIF's rate under that input against Siegert's formula by quadrature (Brunel 2000,
  eq. 21, e^{u^2}(1 + erf u) = erfcx(-u)), threshold shifted for dt (Siegmund's
  constant zeta(1/2) / sqrt(2 pi)) and every period one step shorter.
* The peak of a train of jumps: the geometric sum, and a brute-force sum.
"""

import numpy as np
import pytest
from brian2 import Hz, ms, mV, second
from scipy.integrate import quad
from scipy.special import erfcx, zeta

from neurosim.spiking import LIFParameters, jump_train_peak, poisson_input_rate, shot_noise_drive


def test_campbell_by_hand():
    # 600 inputs of +1 mV at 6 Hz and 600 of -1 mV at 5 Hz, tau 20 ms: mean 0.02 * 600 =
    # 12 mV; sigma^2 = 0.02 * (3600 + 3000) mV^2 = 132 mV^2 (continuous time)
    mean, sigma = shot_noise_drive([3600.0, 3000.0] * Hz, [1.0, -1.0] * mV, 20 * ms)
    assert float(mean / mV) == pytest.approx(12.0, rel=1e-12)
    assert float(sigma / mV) == pytest.approx(np.sqrt(132.0), rel=1e-12)
    # 5 sources per kind at dt = 0.1 ms: p = 0.072 and 0.06 per step
    _, sigma = shot_noise_drive(
        [3600.0, 3000.0] * Hz, [1.0, -1.0] * mV, 20 * ms, dt=0.1 * ms, sources=5
    )
    var = 0.02 * (3600 * (1 - 0.072) + 3000 * (1 - 0.06))
    assert float(sigma / mV) == pytest.approx(np.sqrt(var), rel=1e-12)
    # leading shapes: one row per condition
    mean, _ = shot_noise_drive(np.array([[100.0, 0.0], [0.0, 100.0]]) * Hz, [2, -1] * mV, 10 * ms)
    np.testing.assert_allclose(np.asarray(mean / mV), [2.0, -1.0])


def test_campbell_against_a_simulated_membrane():
    # tau 20 ms, 2000 Hz of 0.5 mV jumps, exact decay per 0.1 ms step, 100 s
    rng = np.random.default_rng(0)
    dt, tau, rate, w = 1e-4, 0.02, 2000.0, 0.5
    jumps = w * rng.poisson(rate * dt, 1_000_000)
    v = np.empty(jumps.size)
    decay, x = np.exp(-dt / tau), 0.0
    for k in range(jumps.size):  # plain loop: the reference, not the code under test
        x = x * decay + jumps[k]
        v[k] = x
    v = v[10_000:]
    mean, sigma = shot_noise_drive([rate] * Hz, [w] * mV, tau * second)
    # 99 s of a process with correlation time 20 ms: ~2500 independent samples;
    # SE of the mean sd * sqrt(2 tau / T) = 0.02 mV, of the SD sd / sqrt(2 * 2500)
    sd = float(sigma / mV) / np.sqrt(2)
    assert v.mean() == pytest.approx(float(mean / mV), abs=4 * sd * np.sqrt(2 * tau / 99))
    # the simulated jumps arrive at the end of a step: a discretisation of O(dt / tau)
    assert v.std() == pytest.approx(sd, rel=4 / np.sqrt(5000) + dt / tau)


def test_bernoulli_sources_have_binomial_variance():
    # one source at p = 0.5 per step: variance p (1 - p) = 1/4 per step, half the Poisson's
    _, poisson = shot_noise_drive([5000.0] * Hz, [1.0] * mV, 20 * ms)
    _, bernoulli = shot_noise_drive([5000.0] * Hz, [1.0] * mV, 20 * ms, dt=0.1 * ms)
    assert float(bernoulli / poisson) ** 2 == pytest.approx(0.5, rel=1e-12)
    with pytest.raises(ValueError, match="'rates' parameter of shot_noise_drive"):
        shot_noise_drive([20000.0] * Hz, [1.0] * mV, 20 * ms, dt=0.1 * ms)
    with pytest.raises(ValueError, match="'weights' parameter of shot_noise_drive"):
        shot_noise_drive([1.0, 2.0] * Hz, [1.0] * mV, 20 * ms)


def _siegert_quad(mu, sigma, dt):
    tau, v_th, v_r, t_ref = 20e-3, -50.0, -65.0, 2e-3
    th = v_th - zeta(0.5) / np.sqrt(2 * np.pi) * sigma * np.sqrt(dt / tau)
    integral = quad(lambda u: erfcx(-u), (v_r - mu) / sigma, (th - mu) / sigma, limit=200)[0]
    return 1 / (t_ref + tau * np.sqrt(np.pi) * integral - dt)


def test_poisson_input_rate_is_siegert_for_the_campbell_drive():
    rates = np.array([[3600.0, 3000.0], [4200.0, 3000.0]]) * Hz
    neuron = LIFParameters(sigma=0.7 * mV)
    r = poisson_input_rate(neuron, rates, [1.0, -1.0] * mV, dt=0.1 * ms, sources=5)
    for k, lam_e in enumerate((3600.0, 4200.0)):
        mu = -65.0 + 0.02 * (lam_e - 3000.0)
        p_e, p_i = lam_e / 5 * 1e-4, 3000.0 / 5 * 1e-4
        sigma = np.sqrt(0.02 * (lam_e * (1 - p_e) + 3000.0 * (1 - p_i)) + 0.7**2)
        assert float(r[k] / Hz) == pytest.approx(_siegert_quad(mu, sigma, 1e-4), rel=1e-7)


def test_jump_train_peak_is_the_geometric_sum():
    brute = sum(2.5 * np.exp(-4.0 * j / 20.0) for j in range(8))
    peak = jump_train_peak(2.5 * mV, 4 * ms, 8, 20 * ms)
    assert float(peak / mV) == pytest.approx(brute, rel=1e-12)
    assert brute == pytest.approx(11.0072, abs=1e-4)
    assert float(jump_train_peak(2.5 * mV, 0 * ms, 8, 20 * ms) / mV) == pytest.approx(20.0)
