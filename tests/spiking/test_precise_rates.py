"""neurosim.spiking.precise_rates: LIF rates measured to a chosen precision.

Truths, none of them the code under test:

* the noise-free LIF rate, r = 1/(t_ref + tau ln(RI/(RI - (V_th - E_L)))) (Lapicque),
  written out here;
* Siegert's formula (Brunel 2000, J Comput Neurosci 8:183, eq. 21) integrated here with
  scipy.integrate.quad, with the threshold raised by 0.5826 sigma sqrt(dt/tau) for the
  time step (Siegmund 1979) and each period one step shorter for Brian2's spike stamp;
* the neurons a condition needs for n spikes, ceil(n / (r T)), and the Poisson z of a
  pooled count, (count - expected) / sqrt(expected), worked out here.
"""

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.special import erfcx, zeta

from neurosim.spiking import LIFParameters
from neurosim.spiking.precise_rates import expected_lif_rates, measure_lif_rates

TAU, E_L, V_TH, T_REF, R = 20e-3, -65.0, -50.0, 2e-3, 100.0  # s, mV, mV, s, MOhm
RHO = -zeta(0.5) / np.sqrt(2 * np.pi)


def lapicque(current_nA):
    drive = R * np.asarray(current_nA, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        period = T_REF + TAU * np.log(drive / (drive - (V_TH - E_L)))
    return np.where(drive > V_TH - E_L, 1 / period, 0.0)


def siegert(current_nA, sigma_mV, dt_s=None):
    mu = E_L + R * current_nA
    th = V_TH + (RHO * sigma_mV * np.sqrt(dt_s / TAU) if dt_s else 0.0)
    lo, hi = (E_L - mu) / sigma_mV, (th - mu) / sigma_mV
    integral = quad(lambda u: erfcx(-u), lo, hi, epsabs=0, epsrel=1e-10, limit=200)[0]
    period = T_REF + TAU * np.sqrt(np.pi) * integral
    return 1 / (period - dt_s) if dt_s else 1 / period


def test_expected_rates_are_lapicque_and_quadrature_siegert():
    currents = np.array([0.0, 0.1, 0.15, 0.2, 0.5])
    got = expected_lif_rates(currents[None, :], np.array([0.0, 4.0])[:, None], LIFParameters(), 0.1)
    # the noise-free row is the continuous closed form (no stamp): what the test of a
    # 0.1 ms simulation compares with a tolerance of one step per period
    np.testing.assert_allclose(got[0], lapicque(currents), rtol=1e-12)
    truth = [siegert(i, 4.0, 1e-4) for i in currents]
    np.testing.assert_allclose(got[1], truth, rtol=1e-7, atol=1e-9)  # quadrature to 1e-10
    continuous = expected_lif_rates(0.13, 4.0, LIFParameters(), None)
    assert float(continuous) == pytest.approx(siegert(0.13, 4.0), rel=1e-7)
    with pytest.raises(ValueError, match="'sigma_mV'"):
        expected_lif_rates(0.1, -1.0, LIFParameters(), 0.1)


@pytest.fixture(scope="module")
def measured():
    return measure_lif_rates(
        LIFParameters(),
        np.array([0.05, 0.16, 0.3])[None, :],
        np.array([0.0, 4.0])[:, None],
        window_s=0.5,
        start_up_s=0.1,
        dt_ms=0.1,
        spikes=800,
        floor_Hz=5.0,
        fewest=7,
        seed=3,
    )


def test_each_condition_gets_the_neurons_its_spikes_need(measured):
    currents = np.array([0.05, 0.16, 0.3])
    rates = np.array([siegert(i, 4.0, 1e-4) for i in currents])
    assert measured.rates_Hz.shape == (2, 3)
    # noise-free: one neuron each (every copy would fire the same)
    np.testing.assert_array_equal(measured.neurons[0], [1, 1, 1])
    # noisy: ceil(800 / (r 0.5 s)) above 5 Hz, else the fewest (7)
    expected = np.where(rates > 5.0, np.ceil(800 / (rates * 0.5)), 7)
    np.testing.assert_array_equal(measured.neurons[1], expected)
    np.testing.assert_array_equal(measured.tested, [[False] * 3, rates > 5.0])


def test_measured_rates_meet_the_closed_forms(measured):
    currents = np.array([0.05, 0.16, 0.3])
    # noise-free: below the rheobase silent; above it Lapicque to a step per period and
    # one spike in the 0.5 s window, plus 0.5 % for the Euler step (O(dt/tau_m))
    free, truth = measured.rates_Hz[0], lapicque(currents)
    assert free[0] == 0.0
    assert np.all(np.abs(free - truth) <= truth**2 * 1e-4 + 1 / 0.5 + 0.005 * truth)
    # noisy, where tested: 4 Poisson standard errors (Fano <= 1) + 1 % for the Euler drift
    noisy = np.array([siegert(i, 4.0, 1e-4) for i in currents])
    t = measured.tested[1]
    n = measured.neurons[1]
    se = np.sqrt(noisy / (0.5 * n))
    np.testing.assert_allclose(measured.se_bound_Hz[1], se, rtol=1e-6)
    np.testing.assert_array_equal(measured.se_bound_Hz[0], 0.0)
    assert np.all(np.abs(measured.rates_Hz[1][t] - noisy[t]) <= 4 * se[t] + 0.01 * noisy[t])
    # z: the pooled count's difference from its expectation, in Poisson SDs
    count = measured.rates_Hz[1] * 0.5 * n
    expected = noisy * 0.5 * n
    z = (count - expected) / np.sqrt(expected)
    np.testing.assert_allclose(measured.z[1][t], z[t], rtol=1e-5, atol=1e-5)
    assert np.all(np.isnan(measured.z[0])) and np.all(np.isnan(measured.z[1][~t]))
    # standard errors from the spread over neurons: positive where there are several
    assert np.all(measured.se_Hz[0] == 0) and np.all(measured.se_Hz[1][t] > 0)
