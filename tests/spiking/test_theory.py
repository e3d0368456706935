"""Closed-form LIF rates against hand-worked values, ODE integration and quadrature."""

import warnings

import numpy as np
import pytest
from brian2 import Hz, Mohm, ms, mV, nA, second
from brian2.units.fundamentalunits import get_dimensions
from scipy import integrate, linalg, special

from neurosim.spiking.neurons import LIFParameters
from neurosim.spiking.theory import (
    FINITE_DT_COEFFICIENT,
    lif_rate,
    lif_rate_from_drive,
    siegert_rate,
)

DEFAULT = LIFParameters()


def hz(q) -> np.ndarray:
    """Strip a rate to plain Hz after checking its dimensions."""
    assert get_dimensions(q) is get_dimensions(Hz)
    return np.asarray(q / Hz, dtype=float)


# -- lif_rate -------------------------------------------------------------------------
def test_lif_rate_returns_hertz_with_input_shape():
    rates = lif_rate(np.linspace(0, 0.5, 6) * nA)
    assert get_dimensions(rates) is get_dimensions(Hz)
    assert rates.shape == (6,)
    assert np.ndim(lif_rate(0.2 * nA)) == 0


def test_lif_rate_hand_worked_default_neuron():
    # Default neuron: R I = 100 MOhm * 0.2 nA = 20 mV, V_th - E_L = 15 mV, V_reset = E_L:
    # r = 1 / (2 ms + 20 ms * ln(20 / 5)) = 1 / 29.7259 ms = 33.6407 Hz (by hand).
    expected = 1.0 / (2e-3 + 20e-3 * np.log(4.0))
    assert expected == pytest.approx(33.6407, abs=1e-4)
    assert hz(lif_rate(0.2 * nA)) == pytest.approx(expected, rel=1e-12)
    # R I = 30 mV: r = 1 / (2 ms + 20 ms ln 2) = 63.0400 Hz.
    assert hz(lif_rate(0.3 * nA)) == pytest.approx(1 / (2e-3 + 20e-3 * np.log(2)), rel=1e-12)


def test_lif_rate_is_zero_at_and_below_rheobase_without_warnings():
    # Rheobase (V_th - E_L) / R = 15 mV / 100 MOhm = 0.15 nA: V tends to V_th, never crosses.
    currents = np.array([-0.1, 0.0, 0.1, 0.15]) * nA
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rates = hz(lif_rate(currents))
    np.testing.assert_array_equal(rates, 0.0)
    # Just above rheobase the rate is small and positive: R I = 15.0001 mV,
    # T = 20 ms ln(15.0001 / 0.0001) = 238.4 ms, r = 1 / 240.4 ms = 4.16 Hz.
    assert hz(lif_rate(0.150001 * nA)) == pytest.approx(1 / (2e-3 + 20e-3 * np.log(150001)))


def _time_to_threshold_ode(I, p: LIFParameters) -> float:
    """Integrate tau dV/dt = E_L - V + R I from V_reset until V = V_th (scipy, in SI)."""
    tau, E_L, R = float(p.tau_m / second), float(p.E_L / mV) * 1e-3, float(p.R / Mohm) * 1e6
    V_th, V_r = float(p.V_th / mV) * 1e-3, float(p.V_reset / mV) * 1e-3

    def crossing(t, v):
        return v[0] - V_th

    crossing.terminal = True
    sol = integrate.solve_ivp(
        lambda t, v: (E_L - v + R * I) / tau,
        (0, 10.0),
        [V_r],
        events=crossing,
        rtol=1e-12,
        atol=1e-15,
    )
    return float(sol.t_events[0][0])


@pytest.mark.parametrize(
    "changes",
    [
        {"V_reset": -70 * mV},  # reset below rest
        {"V_reset": -55 * mV, "tau_m": 10 * ms, "t_ref": 3 * ms},  # reset above rest
        {"V_reset": -60 * mV, "E_L": -70 * mV, "t_ref": 0 * ms},
    ],
)
def test_lif_rate_with_reset_away_from_rest_matches_ode(changes):
    # Truth: direct numerical integration of the membrane equation to threshold.
    p = DEFAULT.replace(**changes)
    currents = np.array([0.21, 0.25, 0.4, 1.0]) * nA  # all above rheobase (<= 0.2 nA)
    rates = hz(lif_rate(currents, p))
    t_ref = float(p.t_ref / second)
    for I, r in zip(np.asarray(currents), rates):
        expected = 1 / (t_ref + _time_to_threshold_ode(I, p))
        assert r == pytest.approx(expected, rel=1e-8)


def test_lif_rate_broadcasts_over_per_condition_parameters():
    p = LIFParameters(V_reset=np.array([-65, -60, -70]) * mV)
    rates = hz(lif_rate(0.2 * nA, p))
    assert rates.shape == (3,)
    # mu = -45 mV: T = 20 ms ln((mu - V_reset)/(mu - V_th)) with mu - V_th = 5 mV.
    expected = [1 / (2e-3 + 20e-3 * np.log(d / 5)) for d in (20, 15, 25)]
    np.testing.assert_allclose(rates, expected, rtol=1e-12)


def test_lif_rate_from_drive_equals_lif_rate():
    currents = np.linspace(0, 1, 21) * nA
    mu = DEFAULT.E_L + DEFAULT.R * currents
    np.testing.assert_allclose(hz(lif_rate_from_drive(mu)), hz(lif_rate(currents)), rtol=1e-13)


# -- siegert_rate ---------------------------------------------------------------------
def _siegert_by_quadrature(mu_mV, sigma_mV, p=DEFAULT) -> float:
    """The original Siegert integral, direct integrand, adaptive quadrature (scipy).

    1 + erf(u) is evaluated as erfc(-u): the same number, without the cancellation
    that ruins 1 + erf(u) below u = -3; exp(u^2) is kept as is (no erfcx).
    """
    tau, t_ref = float(p.tau_m / second), float(p.t_ref / second)
    lo = (float(p.V_reset / mV) - mu_mV) / sigma_mV
    hi = (float(p.V_th / mV) - mu_mV) / sigma_mV
    assert max(abs(lo), abs(hi)) < 25  # exp(u^2) stays far from overflow
    value, _err = integrate.quad(
        lambda u: np.exp(u * u) * special.erfc(-u), lo, hi, epsabs=0, epsrel=1e-13, limit=200
    )
    return 1 / (t_ref + tau * np.sqrt(np.pi) * value)


@pytest.mark.parametrize(
    ("mu", "sigma"),
    [(-52, 4), (-45, 3), (-55, 6), (-58, 3), (-40, 10), (-50, 1), (-62, 8), (-47, 0.8)],
)
def test_siegert_matches_direct_quadrature(mu, sigma):
    got = hz(siegert_rate(mu * mV, sigma * mV))
    assert got == pytest.approx(_siegert_by_quadrature(mu, sigma), rel=1e-11)


def test_siegert_is_vectorised_and_broadcasts():
    mu = np.array([-55, -50, -45]) * mV
    sigma = np.array([[2.0], [5.0]]) * mV
    rates = siegert_rate(mu, sigma)
    assert get_dimensions(rates) is get_dimensions(Hz)
    assert rates.shape == (2, 3)
    for i, s in enumerate((2.0, 5.0)):
        for j, m in enumerate((-55, -50, -45)):
            assert hz(rates[i, j]) == pytest.approx(_siegert_by_quadrature(m, s), rel=1e-11)
    # sigma from the parameters when not given
    assert hz(siegert_rate(-52 * mV, params=DEFAULT.replace(sigma=4 * mV))) == pytest.approx(
        hz(siegert_rate(-52 * mV, 4 * mV)), rel=1e-15
    )


def test_siegert_tends_to_lif_rate_as_noise_vanishes():
    # Suprathreshold the noise correction is O(sigma^2): 100x smaller per decade of sigma.
    for mu in (-45 * mV, -49 * mV, -30 * mV):
        det = hz(lif_rate_from_drive(mu))
        err = [abs(hz(siegert_rate(mu, s * mV)) / det - 1) for s in (0.1, 0.01, 0.001)]
        assert err[1] < 1e-4 and err[2] < 1e-6
        assert err[0] / err[1] == pytest.approx(100, rel=0.02)
        assert err[1] / err[2] == pytest.approx(100, rel=0.02)
    # sigma = 0 exactly is the noise-free rate
    assert hz(siegert_rate(-45 * mV, 0 * mV)) == hz(lif_rate_from_drive(-45 * mV))


def test_siegert_subthreshold_vanishes_without_overflow():
    # mu = -51 mV, 1 mV below threshold: the rate falls roughly like exp(-(1 mV/sigma)^2).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rates = hz(siegert_rate(-51 * mV, np.array([1.0, 0.3, 0.1, 0.01]) * mV))
        deep = hz(siegert_rate(np.array([-80.0, -200.0, -1000.0]) * mV, 1 * mV))
    assert np.all(np.diff(rates) < 0)
    assert rates[2] < 1e-30 and rates[3] == 0.0
    assert rates[0] > 1  # sanity: 1 mV noise 1 mV below threshold fires a few Hz
    np.testing.assert_array_equal(deep, 0.0)


def test_siegert_without_refractoriness_is_the_mean_first_passage_time():
    # With t_ref = 0, 1/r is tau sqrt(pi) times the integral alone.
    p = DEFAULT.replace(t_ref=0 * ms)
    assert hz(siegert_rate(-52 * mV, 4 * mV, p)) == pytest.approx(
        _siegert_by_quadrature(-52, 4, p), rel=1e-11
    )


# -- finite time step -------------------------------------------------------------------
def test_finite_dt_coefficient_is_siegmunds_constant():
    # Siegmund (1979): rho = -zeta(1/2)/sqrt(2 pi) = 0.5825971579...
    assert FINITE_DT_COEFFICIENT == pytest.approx(0.5825971579390107, rel=1e-12)


def _discrete_time_rate(mu, sigma, dt, p=DEFAULT, points_per_step=2.0, order=8) -> float:
    """Exact rate of the Euler-Maruyama LIF with the threshold checked at grid points.

    The membrane is a Markov chain V_{k+1} = V_k + (dt/tau)(mu - V_k) + s Z_k with
    s = sigma sqrt(dt/tau), absorbed when V_{k+1} > V_th.  Its mean number of steps
    T(x) to absorption from x solves T = 1 + K T (K the Gaussian transition kernel on
    V <= V_th), here discretised by composite Gauss-Legendre (Nystrom).  A spike
    period is t_ref + T(V_reset) dt.  All in mV and ms.
    """
    tau, th, vr, t_ref = (
        float(p.tau_m / ms),
        float(p.V_th / mV),
        float(p.V_reset / mV),
        float(p.t_ref / ms),
    )
    lam, s = 1 - dt / tau, sigma * np.sqrt(dt / tau)
    low = min(vr, mu) - 8 * sigma
    n_panels = int(np.ceil((th - low) / (s / points_per_step)))
    edges = np.linspace(low, th, n_panels + 1)
    x, w = np.polynomial.legendre.leggauss(order)
    half = np.diff(edges)[:, None] / 2
    y = ((edges[:-1, None] + edges[1:, None]) / 2 + half * x).ravel()
    wy = (half * w).ravel()

    def kernel(v):
        m = mu + lam * (v - mu)
        return np.exp(-0.5 * ((y[None, :] - m[:, None]) / s) ** 2) / (s * np.sqrt(2 * np.pi)) * wy

    steps = linalg.solve(np.eye(y.size) - kernel(y), np.ones(y.size))
    from_reset = 1 + kernel(np.array([vr])) @ steps
    return 1000.0 / (t_ref + from_reset[0] * dt)


def test_finite_dt_correction_predicts_the_discrete_time_rate():
    # Truth: the exact rate of the discrete-time process (Markov chain above).  The
    # continuous Siegert rate is 4 % too high at dt = 0.1 ms; raising the threshold
    # by 0.5826 sigma sqrt(dt/tau) brings it within 0.3 %.
    mu, sigma, dt = -52.0, 4.0, 0.1
    exact = _discrete_time_rate(mu, sigma, dt)
    plain = hz(siegert_rate(mu * mV, sigma * mV))
    corrected = hz(siegert_rate(mu * mV, sigma * mV, dt=dt * ms))
    assert plain == pytest.approx(14.2010, abs=1e-4)  # continuous-time value, by quadrature
    assert exact < plain  # missed crossings between grid points: fewer spikes
    assert (plain - exact) / exact > 0.03
    assert corrected == pytest.approx(exact, rel=3e-3)


def test_finite_dt_shift_leaves_noise_free_rate_alone():
    assert hz(siegert_rate(-45 * mV, 0 * mV, dt=0.1 * ms)) == hz(lif_rate_from_drive(-45 * mV))
    # and smaller steps give a smaller correction, vanishing like sqrt(dt)
    plain = hz(siegert_rate(-52 * mV, 4 * mV))
    gaps = [plain - hz(siegert_rate(-52 * mV, 4 * mV, dt=d * ms)) for d in (0.4, 0.1, 0.025)]
    assert gaps[0] > gaps[1] > gaps[2] > 0
    assert gaps[0] / gaps[1] == pytest.approx(2.0, rel=0.05)


# -- bad inputs ---------------------------------------------------------------------------
def test_missing_units_are_refused_with_a_hint():
    with pytest.raises(TypeError, match=r"'current' parameter of lif_rate.*forget the unit"):
        lif_rate(0.2)
    with pytest.raises(TypeError, match=r"'mu' parameter of siegert_rate.*a voltage"):
        siegert_rate(-52, 4 * mV)
    with pytest.raises(TypeError, match=r"'sigma' parameter of siegert_rate"):
        siegert_rate(-52 * mV, 4)
    with pytest.raises(TypeError, match=r"'current'.*dimensions of voltage"):
        lif_rate(20 * mV)
    with pytest.raises(TypeError, match=r"'mu' parameter of lif_rate_from_drive"):
        lif_rate_from_drive(0.2 * nA)


def test_bad_values_are_refused():
    with pytest.raises(
        ValueError, match=r"'sigma' parameter of siegert_rate must be a voltage >= 0"
    ):
        siegert_rate(-52 * mV, -1 * mV)
    with pytest.raises(ValueError, match=r"'mu'.*without NaN"):
        siegert_rate(np.array([-52, np.nan]) * mV, 1 * mV)
    with pytest.raises(ValueError, match=r"'current'.*without NaN"):
        lif_rate(np.nan * nA)
    with pytest.raises(ValueError, match=r"'dt' parameter of siegert_rate must be a time > 0"):
        siegert_rate(-52 * mV, 1 * mV, dt=0 * ms)
    with pytest.raises(TypeError, match=r"'params' parameter of lif_rate must be an LIFParameters"):
        lif_rate(0.2 * nA, {"tau_m": 20 * ms})


def test_stamped_rate_shortens_each_period_by_one_step():
    from neurosim.spiking.theory import stamped_rate

    # hand-worked: 100 Hz has a 10 ms period; one 0.1 ms step less is 9.9 ms -> 101.0101 Hz
    out = stamped_rate(np.array([0.0, 100.0]) * Hz, 0.1 * ms)
    np.testing.assert_allclose(np.asarray(out / Hz), [0.0, 1 / 9.9e-3], rtol=1e-12)
    with pytest.raises(ValueError, match="'rate' parameter of stamped_rate"):
        stamped_rate(20000 * Hz, 0.1 * ms)


def test_the_neuron_owns_its_rates_and_their_inverse():
    from neurosim.spiking import LIFParameters
    from neurosim.spiking.theory import lif_current_for_rate, siegert_rate, stamped_rate
    from neurosim.units import Hz, ms, mV, nA

    p = LIFParameters()
    mu = np.array([-56.0, -52.0, -45.0]) * mV
    sigma = 4 * mV
    # the same numbers as the functions it wraps, to the last bit
    np.testing.assert_array_equal(p.rates(mu, sigma) / Hz, siegert_rate(mu, sigma, p) / Hz)
    seen = stamped_rate(siegert_rate(mu, sigma, p, dt=0.1 * ms), 0.1 * ms)
    np.testing.assert_array_equal(p.rates(mu, sigma, dt=0.1 * ms) / Hz, seen / Hz)
    # at the step, every period is one step shorter: 1/r_dt = 1/r_shifted - dt (by hand)
    shifted = np.asarray(siegert_rate(mu, sigma, p, dt=0.1 * ms) / Hz)
    np.testing.assert_allclose(
        np.asarray(p.rates(mu, sigma, dt=0.1 * ms) / Hz), 1 / (1 / shifted - 1e-4), rtol=1e-12
    )
    # the inverse: the closed-form rate of current_for_rate(r) is r
    current = p.current_for_rate(50 * Hz)
    assert float(current / nA) == pytest.approx(float(lif_current_for_rate(50 * Hz, p) / nA))
    assert float(p.rates(p.E_L + p.R * current, 0 * mV) / Hz) == pytest.approx(50, rel=1e-9)


# -- the step response from rest ----------------------------------------------------------
def _grid_lif(current_nA, t_end_ms, p, dt_ms=1e-4):
    """Reference: the exact update of the linear membrane on a fine grid, written here.
    V_{k+1} = mu + (V_k - mu) exp(-dt/tau); a spike where V reaches V_th, then V held at
    V_reset for t_ref. Each spike is found late by less than one step, and the next period
    starts from it: spike k is late by less than k + 1 steps."""
    tau, rest, th = float(p.tau_m / ms), float(p.E_L / mV), float(p.V_th / mV)
    reset, tref = float(p.V_reset / mV), float(p.t_ref / ms)
    mu = rest + float(p.R / Mohm) * current_nA
    decay = np.exp(-dt_ms / tau)
    n = round(t_end_ms / dt_ms)
    v, held, spikes, trace = rest, 0, [], np.empty(n + 1)
    for k in range(n + 1):
        trace[k] = v
        if held:
            held -= 1
            v = reset if held else mu + (reset - mu) * decay
            continue
        v = mu + (v - mu) * decay
        if v >= th:
            spikes.append((k + 1) * dt_ms)
            v, held = reset, round(tref / dt_ms) + 1  # reset now, held t_ref
    return np.arange(n + 1) * dt_ms, trace, np.array(spikes)


@pytest.mark.parametrize(
    ("current_nA", "changes"),
    [(0.4, {}), (0.16, {}), (1.2, {"V_reset": -70 * mV, "t_ref": 3 * ms}), (0.12, {})],
)
def test_step_response_is_the_membrane_integrated_on_a_fine_grid(current_nA, changes):
    from neurosim.spiking.theory import lif_latency, lif_step_response

    p = LIFParameters(**changes)
    t_grid, v_grid, spikes_grid = _grid_lif(current_nA, 60.0, p)
    v, spikes = lif_step_response(current_nA * nA, t_grid * ms, p)
    spikes_ms = np.asarray(spikes / ms)
    # same spikes, spike k late on the grid by less than k + 1 steps
    assert spikes_ms.size == spikes_grid.size
    late = spikes_grid - spikes_ms
    assert np.all((late >= 0) & (late <= 1e-4 * np.arange(1, late.size + 1) + 1e-9))
    if spikes_ms.size:
        assert spikes_ms[0] == pytest.approx(float(lif_latency(current_nA * nA, p) / ms))
    # the potential agrees up to the grid's lateness: a spike shifted by `late` moves V by
    # at most |dV/dt| late, |dV/dt| <= (mu - V_reset) / tau_m; away from the jumps at
    # the spikes and the clamp's ends, where the two curves are a shifted step apart
    slope = (float((p.E_L + p.R * current_nA * nA - p.V_reset) / mV)) / float(p.tau_m / ms)
    near = np.zeros(t_grid.size, dtype=bool)
    for k, s in enumerate(spikes_ms):
        for edge in (s, s + float(p.t_ref / ms)):
            near |= np.abs(t_grid - edge) <= 1e-4 * (k + 2)
    atol = slope * (late.max() if late.size else 0.0) + 1e-6
    np.testing.assert_allclose(np.asarray(v / mV)[~near], v_grid[~near], atol=atol)
    if current_nA < 0.15:  # below the rheobase: the RC charging curve, no spike
        assert spikes_ms.size == 0 and np.asarray(v / mV).max() < -50.0


def test_current_for_latency_inverts_the_latency_by_hand():
    from neurosim.spiking.theory import lif_current_for_latency, lif_latency

    # twice the rheobase fires after tau_m ln 2 (Lapicque's chronaxie): 0.3 nA
    assert float(lif_current_for_latency(20 * np.log(2) * ms) / nA) == pytest.approx(0.3)
    # 15 mV / (100 MOhm (1 - exp(-5/20))) = 0.6778 nA, by hand
    assert float(lif_current_for_latency(5 * ms) / nA) == pytest.approx(
        0.15 / (1 - np.exp(-0.25)), rel=1e-12
    )
    back = lif_latency(lif_current_for_latency([1.0, 7.0, 40.0] * ms))
    np.testing.assert_allclose(np.asarray(back / ms), [1.0, 7.0, 40.0], rtol=1e-12)
    with pytest.raises(ValueError, match="'latency' parameter of lif_current_for_latency"):
        lif_current_for_latency(0 * ms)
