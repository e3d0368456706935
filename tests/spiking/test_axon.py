"""The Hodgkin-Huxley membrane and axon against references that are not neurosim's code.

References:
- HH 1952 (J Physiol 117:500), written out again here in plain numpy: the rate
  functions, the resting gate values they tabulate (m 0.0529, h 0.5961, n 0.3177), and
  their estimate of the propagation velocity, sqrt(K a / (2 R_i C_m)) with K = 10.47/ms at
  18.5 °C (18.76 m/s for a = 238 um);
- a scipy ``solve_ivp`` integration (LSODA, rtol 1e-8) of the isopotential membrane;
- cable theory: the resting length constant sqrt(d / (4 R_i g_rest)), v ~ sqrt(d);
- the numerics' own convergence: halving dt and the compartment length.
"""

from __future__ import annotations

import numpy as np
import pytest

# HH 1952 written out independently (tests/hh_reference.py; tests/ is on sys.path)
from hh_reference import PHI_18_5, hh_rates_reference, patch_rhs, reference_spikes

from neurosim.spiking.axon import (
    HH1952_MEASURED_VELOCITY,
    Cable,
    arrival_times,
    conduction_velocity,
    crossings,
    hh1952_velocity,
    hh_fi_curve,
    length_constant,
    simulate_axons,
)
from neurosim.spiking.neurons.hh import HHParameters, hh_rates
from neurosim.units import amp, cm, metre, ms, mV, uA, um


def test_rate_functions_are_hh_1952s():
    for u in (-30.0, -5.0, 0.0, 9.9, 10.0, 24.9999, 25.0, 40.0, 100.0):
        ours = [float(r) for r in hh_rates(u)]
        np.testing.assert_allclose(ours, hh_rates_reference(u), rtol=1e-9)


def test_resting_gates_are_hh_1952s_table():
    # HH 1952 list the resting values m 0.0529, h 0.5961, n 0.3177 (4 decimals)
    gates = HHParameters().resting_gates()
    assert gates["m"] == pytest.approx(0.0529, abs=1e-4)
    assert gates["h"] == pytest.approx(0.5961, abs=1e-4)
    assert gates["n"] == pytest.approx(0.3177, abs=1e-4)


def test_rest_is_an_equilibrium():
    # HH chose E_L so that the net ionic current at rest vanishes; with the gates above
    # it is below 0.01 uA/cm^2 (the 4-decimal E_L = 10.613 mV leaves ~0.002)
    rhs = patch_rhs(PHI_18_5, 0.0)
    am, bm, ah, bh, an, bn = hh_rates_reference(0.0)
    y0 = [0.0, am / (am + bm), ah / (ah + bh), an / (an + bn)]
    assert abs(rhs(0, y0)[0]) < 0.01


def test_temperature_factor_is_q10_3():
    assert HHParameters(temperature=6.3).phi == pytest.approx(1.0)
    assert HHParameters(temperature=16.3).phi == pytest.approx(3.0)
    assert HHParameters().phi == pytest.approx(PHI_18_5)


# -- the isopotential patch against solve_ivp -----------------------------------------


@pytest.fixture(scope="module")
def patch_rates():
    """Rates and first spikes at dt = 10 us and 5 us, for 5, 10 and 20 uA/cm^2."""
    J = np.array([5.0, 10.0, 20.0])  # uA/cm^2: below onset, above, well above
    runs = {
        dt: hh_fi_curve(J * 1e-2 * amp / metre**2, duration=50 * ms, dt=dt * ms, transient=15 * ms)
        for dt in (0.01, 0.005)
    }
    return J, runs


def test_patch_converges_to_solve_ivp(patch_rates):
    # exponential Euler is first-order: the rate's error halves with dt (measured
    # -1.2 % and -0.6 % at 10 and 5 us), so the Richardson extrapolation
    # 2 r(dt/2) - r(dt) must land on the reference (measured within 0.01 %; 0.2 %
    # allowed). Spike stamps are whole steps, so the same extrapolation of the first
    # spike, 2 f(dt/2) - f(dt), carries up to 2 x 5 + 10 us of stamp rounding.
    J, runs = patch_rates
    (r1, f1), (r2, f2) = runs[0.01], runs[0.005]
    for k, j in enumerate(J):
        ref = reference_spikes(PHI_18_5, j, 50.0, level_mV=45.0)  # -20 mV = 45 above rest
        late = ref[ref >= 15.0]
        ref_rate = 1e3 / np.diff(late).mean() if late.size > 1 else 0.0
        if ref_rate == 0:
            assert r1[k] == r2[k] == 0, j
        else:
            assert abs(r1[k] / ref_rate - 1) < 0.015, j  # dt = 10 us: within 1.5 %
            assert 2 * r2[k] - r1[k] == pytest.approx(ref_rate, rel=2e-3), j
        if ref.size:
            assert 1e3 * (2 * f2[k] - f1[k]) == pytest.approx(ref[0], abs=0.02), j
        else:
            assert np.isnan(f1[k]) and np.isnan(f2[k])


def test_patch_is_class_ii(patch_rates):
    # below onset no repetitive firing; above, a rate far from zero (Hodgkin 1948's
    # class II): at 10 uA/cm^2, just above the onset, more than 150 Hz (the solve_ivp
    # reference: 188.6 Hz; the LIF's rate just above its rheobase tends to 0)
    _, runs = patch_rates
    rates = runs[0.01][0]
    assert rates[0] == 0
    assert rates[1] > 150


# -- cables -------------------------------------------------------------------------


def test_length_constant_is_cable_theorys():
    gates = HHParameters().resting_gates()
    g_rest = 0.3 + 120 * gates["m"] ** 3 * gates["h"] + 36 * gates["n"] ** 4  # mS/cm^2
    d_cm, R_i = 476e-4, 35.4
    expected_cm = np.sqrt(d_cm / (4 * R_i * g_rest * 1e-3))
    assert float(length_constant(476 * um) / cm) == pytest.approx(expected_cm, rel=1e-9)


def test_hh1952_velocity_formula():
    # K = 10.47/ms, a = 0.0238 cm, R_i = 35.4 ohm cm, C_m = 1 uF/cm^2: 1876 cm/s
    expected = np.sqrt(10.47e3 * 0.0238 / (2 * 35.4 * 1e-6)) / 100
    assert hh1952_velocity() == pytest.approx(expected, rel=1e-9)
    assert expected == pytest.approx(18.76, abs=0.01)
    # at 28.5 °C the rates are 3x faster, K too, so v is sqrt(3) x faster
    warm = hh1952_velocity(HHParameters(temperature=28.5))
    assert warm == pytest.approx(expected * np.sqrt(3), rel=1e-9)


def test_hh1952_measured_velocity_is_theirs():
    # HH 1952 measured 21.2 m/s on the real axon at 18.5 °C; their computed 18.8 m/s
    # (the formula above) is 11 % lower
    assert HH1952_MEASURED_VELOCITY == 21.2
    assert hh1952_velocity() / HH1952_MEASURED_VELOCITY == pytest.approx(0.885, abs=0.001)


def _squid(n_per_lambda, dt_ms, *extra_cables):
    lam = float(length_constant(476 * um) / metre)
    cable = Cable(476 * um, 8 * lam * metre, int(8 * n_per_lambda), ((0.1 * ms, 10 * uA),))
    return simulate_axons([cable, *extra_cables], duration=4 * ms, dt=dt_ms * ms)


@pytest.fixture(scope="module")
def squid_runs():
    coarse = _squid(10, 0.01)[0]
    fine = _squid(20, 0.005)[0]
    return coarse, fine


def test_squid_velocity_matches_hh_1952(squid_runs):
    coarse, fine = squid_runs
    # HH's K came from their own (hand) integration of the same equations: 10 %
    for rec in (coarse, fine):
        assert conduction_velocity(rec) == pytest.approx(18.76, rel=0.10)
    # measured: 18.51 and 18.64 m/s, within 1.5 %
    assert conduction_velocity(fine) == pytest.approx(18.76, rel=0.015)


def test_velocity_is_converged(squid_runs):
    # halving both dt and the compartment length changes the velocity by < 1 %
    coarse, fine = squid_runs
    assert conduction_velocity(coarse) == pytest.approx(conduction_velocity(fine), rel=0.01)


def test_arrival_is_linear_in_distance(squid_runs):
    # a pulse of constant speed: arrival time is a straight line in the middle half
    rec = squid_runs[0]
    x, t = rec.positions, arrival_times(rec)
    mid = (x > 0.25 * x[-1]) & (x < 0.75 * x[-1])
    slope, icpt = np.polyfit(x[mid], t[mid], 1)
    assert np.max(np.abs(t[mid] - (slope * x[mid] + icpt))) < 2e-6  # 2 us


def test_cables_in_one_group_do_not_feel_each_other():
    # the squid cable alone, and beside a 1-um axon and a second squid axon that both
    # fire: its potential differs by less than 1 uV everywhere, at every time
    lam = float(length_constant(1 * um) / metre)
    thin = Cable(1 * um, 8 * lam * metre, 80, ((0.1 * ms, 10 * uA * (1 / 476) ** 1.5),))
    other = Cable(476 * um, 5e-2 * metre, 40, ((0.5 * ms, 40 * uA),))
    alone = _squid(10, 0.01)[0]
    together, thin_rec, other_rec = _squid(10, 0.01, thin, other)
    assert crossings(thin_rec, 0.5 * thin_rec.positions[-1]).size == 1
    assert crossings(other_rec, 0.025).size == 1
    assert np.max(np.abs(together.v - alone.v)) < 1e-6


def test_velocity_grows_as_sqrt_diameter():
    # cable theory: v ~ d^0.5 at fixed membrane. One compartment length for all
    # diameters (a tenth of the thinnest's length constant), so thicker axons are
    # resolved more finely: the exponent is not built into the discretisation
    diameters = np.array([2.0, 8.0, 32.0, 128.0])
    dx = float(length_constant(2 * um) / metre) / 10
    cables = []
    for d in diameters:
        length = 8 * float(length_constant(d * um) / metre)
        stim = 10 * uA * (d / 476) ** 1.5
        cables.append(Cable(d * um, length * metre, round(length / dx), ((0.1 * ms, stim),)))
    recs = simulate_axons(cables, duration=4 * ms, dt=0.01 * ms)
    v = np.array([conduction_velocity(r) for r in recs])
    exponent = np.polyfit(np.log(diameters), np.log(v), 1)[0]
    assert exponent == pytest.approx(0.5, abs=0.05)


def test_all_or_none_and_refractory():
    lam = float(length_constant(476 * um) / metre)
    L = 8 * lam * metre

    def cable(*pulses):
        return Cable(476 * um, L, 80, tuple((t * ms, a * uA) for t, a in pulses))

    recs = simulate_axons(
        [
            cable((0.1, 1.0)),  # well below threshold (3-4 uA for 0.2 ms)
            cable((0.1, 10.0)),
            cable((0.1, 40.0)),
            cable((0.1, 10.0), (1.1, 10.0)),  # 1 ms later: refractory
            cable((0.1, 10.0), (5.1, 10.0)),  # 5 ms later: recovered
        ],
        duration=8 * ms,
        dt=0.01 * ms,
    )
    far = 0.75 * float(L / metre)
    i = int(np.argmin(np.abs(recs[0].positions - far)))
    assert crossings(recs[0], far).size == 0
    assert recs[0].v[i].max() + 0.065 < 1e-3  # less than 1 mV above rest, 6 lambda away
    # above threshold the far peak does not depend on the stimulus (4x): < 0.1 mV apart
    assert abs(recs[1].v[i].max() - recs[2].v[i].max()) < 1e-4
    assert crossings(recs[3], far).size == 1
    assert crossings(recs[4], far).size == 2


def test_deterministic():
    a = _squid(5, 0.02)[0]
    b = _squid(5, 0.02)[0]
    np.testing.assert_array_equal(a.v, b.v)


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"temperature": "warm"}, "temperature"),
        ({"temperature": 80.0}, "temperature"),
        ({"g_Na": 120 * mV}, "g_Na"),
        ({"R_i": -1 * metre}, "R_i"),
        ({"V_rest": 60 * mV}, "V_rest"),
    ],
)
def test_bad_parameters_are_named(kwargs, name):
    with pytest.raises((TypeError, ValueError), match=name):
        HHParameters(**kwargs)


def test_bad_cables_are_named():
    with pytest.raises((TypeError, ValueError), match="diameter"):
        Cable(476 * mV, 1 * cm, 10)
    with pytest.raises((TypeError, ValueError), match="compartments"):
        Cable(476 * um, 1 * cm, 1)
    with pytest.raises((TypeError, ValueError), match="pulses"):
        Cable(476 * um, 1 * cm, 10, ((1 * ms,),))
    with pytest.raises((TypeError, ValueError), match="cables"):
        simulate_axons([], duration=1 * ms)
    with pytest.raises((TypeError, ValueError), match="current_density"):
        hh_fi_curve(10 * uA)


# -- reading a recording and an f-I curve --------------------------------------------------
def test_delays_along_a_pulse_of_known_speed():
    # a synthetic recording: a pulse that crosses -20 mV at x / (10 m/s) + 1 ms, built
    # here by hand; 41 compartments over 4 cm, samples every 10 us
    from neurosim.spiking.axon import AxonRecording, delays_along

    x = np.linspace(0.0, 0.04, 41)
    t = np.arange(0.0, 0.01, 1e-5)
    arrive = x / 10.0 + 1e-3
    v = np.where(t[None, :] >= arrive[:, None], 0.03, -0.065)  # volts: rest, then +30 mV
    distance, delay = delays_along(AxonRecording(x, t, v, diameter=1e-3))
    # the middle half: 1 cm to 3 cm, counted from 1 cm; the crossing lies between two
    # samples and is interpolated on the step, so within one sample (10 us)
    np.testing.assert_allclose(distance, x[10:31] - 0.01, atol=1e-15)
    assert np.all(np.abs(delay - distance / 10.0) <= 1e-5 + 1e-12)
    # the same points the velocity is fitted to
    from neurosim.spiking.axon import conduction_velocity

    fitted = conduction_velocity(AxonRecording(x, t, v, diameter=1e-3))
    assert np.polyfit(delay, distance, 1)[0] == pytest.approx(fitted, rel=1e-9)
    assert fitted == pytest.approx(10.0, rel=0.01)


def test_onset_fraction_tells_class_i_from_class_ii():
    from neurosim.spiking.axon import onset_fraction

    current = np.linspace(0.0, 10.0, 101)
    # class I by hand: r = 10 sqrt(I - 2) above I = 2 (a saddle-node onset); the first
    # firing point is 2.1, where r = 10 sqrt(0.1) = 3.162, and at 4.2, r = 14.83
    class_i = np.where(current > 2.0, 10 * np.sqrt(np.clip(current - 2.0, 0, None)), 0.0)
    on, fraction = onset_fraction(current, class_i)
    assert on == pytest.approx(2.1)
    assert fraction == pytest.approx(np.sqrt(0.1) / np.sqrt(2.2), rel=1e-9)  # 0.213
    # class II: a jump to 50 Hz at I = 3, then 50 + 5 (I - 3): at 6, 65 Hz -> 50/65
    class_ii = np.where(current >= 3.0 - 1e-9, 50 + 5 * (current - 3.0), 0.0)
    assert onset_fraction(current, class_ii) == (pytest.approx(3.0), pytest.approx(50 / 65))
    assert all(np.isnan(onset_fraction(current, np.zeros_like(current))))
