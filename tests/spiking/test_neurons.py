"""Neuron parameter sets: validation, published values, the dCaAP-like helper."""

import numpy as np
import pytest
from brian2 import Hz, Mohm, ms, mV, nA, nS, pA, pF

from neurosim.spiking import (
    ADEX_REGIMES,
    AdExParameters,
    LIFParameters,
    TwoCompartmentParameters,
)

# --- LIF ----------------------------------------------------------------------------


def test_lif_defaults_and_derived_quantities():
    p = LIFParameters()
    # rheobase (V_th - E_L)/R = 15 mV / 100 MOhm = 0.15 nA, by hand
    assert float(p.rheobase / nA) == pytest.approx(0.15, rel=1e-12)
    # 1 / t_ref = 1 / 2 ms = 500 Hz
    assert float(p.max_rate / Hz) == pytest.approx(500.0, rel=1e-12)
    assert p.n is None
    assert set(p.namespace()) == {"tau_m", "E_L", "V_th", "V_reset", "R", "t_ref", "sigma"}


def test_lif_equations_carry_units_and_noise_only_when_asked():
    quiet = LIFParameters()
    assert "volt (unless refractory)" in quiet.equations
    assert "xi" not in quiet.equations and quiet.method == "exact"
    noisy = LIFParameters(sigma=2 * mV)
    assert "sigma*xi/sqrt(tau_m)" in noisy.equations and noisy.method == "euler"


def test_lif_forgotten_unit_names_parameter_and_hint():
    with pytest.raises(TypeError) as err:
        LIFParameters(tau_m=20)
    msg = str(err.value)
    assert "'tau_m'" in msg and "LIFParameters" in msg
    assert "20*ms" in msg and "Got 20 instead" in msg and "forget the unit" in msg


@pytest.mark.parametrize(
    ("kwargs", "name", "cls"),
    [
        ({"R": 100 * mV}, "'R'", TypeError),  # wrong dimensions
        ({"tau_m": -5 * ms}, "'tau_m'", ValueError),
        ({"t_ref": -1 * ms}, "'t_ref'", ValueError),
        ({"sigma": -1 * mV}, "'sigma'", ValueError),
        ({"V_reset": -50 * mV}, "'V_reset'", ValueError),  # not below V_th
        ({"E_L": -40 * mV}, "'E_L'", ValueError),  # at rest above threshold
        ({"tau_m": np.nan * ms}, "'tau_m'", ValueError),
        ({"sigma": [1, 2] * mV, "tau_m": [10, 20, 30] * ms}, "length", ValueError),
        ({"sigma": [1.0, 2.0]}, "'sigma'", TypeError),
    ],
)
def test_lif_bad_parameters(kwargs, name, cls):
    with pytest.raises(cls, match=name):
        LIFParameters(**kwargs)


def test_lif_wrong_dimension_says_which():
    with pytest.raises(TypeError, match="dimensions of voltage"):
        LIFParameters(R=100 * mV)


def test_lif_per_condition_parameters():
    p = LIFParameters(sigma=[0, 2, 4] * mV)
    assert p.n == 3
    assert "sigma" not in p.namespace()
    values, unit = p.per_neuron()["sigma"]
    assert unit == "volt" and np.allclose(values / mV, [0, 2, 4])
    assert p.replace(sigma=1 * mV).n is None


# --- AdEx ---------------------------------------------------------------------------


def test_adex_defaults_are_brette_gerstner_2005():
    # J Neurophysiol 94:3637 (2005), the published regular-spiking parameter set
    p = AdExParameters()
    expected = {
        "C": 281 * pF,
        "g_L": 30 * nS,
        "E_L": -70.6 * mV,
        "V_T": -50.4 * mV,
        "Delta_T": 2 * mV,
        "tau_w": 144 * ms,
        "a": 4 * nS,
        "b": 0.0805 * nA,
        "V_reset": -70.6 * mV,
    }
    for name, value in expected.items():
        assert float(getattr(p, name) / value) == pytest.approx(1.0, rel=1e-12), name
    # spike detection at V_T + 5 Delta_T
    assert float(p.V_peak / mV) == pytest.approx(-40.4, abs=1e-9)


def test_adex_regimes_match_naud_2008_table_1():
    # Naud, Marcille, Clopath & Gerstner (2008) Biol Cybern 99:335, Table 1
    tonic = AdExParameters.regime("tonic")
    assert float(tonic.C / pF) == pytest.approx(200)
    assert float(tonic.tau_w / ms) == pytest.approx(30)
    assert float(tonic.recommended_current / pA) == pytest.approx(500)
    burst = AdExParameters.regime("bursting")
    assert float(burst.V_reset / mV) == pytest.approx(-46)
    assert float(burst.b / pA) == pytest.approx(100)
    assert float(burst.recommended_current / pA) == pytest.approx(210)
    adapting = AdExParameters.regime("adapting")
    assert float(adapting.tau_w / ms) == pytest.approx(300)
    assert {"tonic", "adapting", "bursting", "initial_burst"} <= set(ADEX_REGIMES)


def test_adex_unknown_regime_lists_valid_names():
    with pytest.raises(ValueError) as err:
        AdExParameters.regime("chattering")
    msg = str(err.value)
    assert "'name'" in msg and "'tonic'" in msg and "'bursting'" in msg and "chattering" in msg


def test_adex_bad_values():
    with pytest.raises(ValueError, match="'V_reset'"):
        AdExParameters(V_reset=-30 * mV)  # above the spike-detection level
    with pytest.raises(TypeError, match="'C'"):
        AdExParameters(C=281)
    with pytest.raises(ValueError, match="'Delta_T'"):
        AdExParameters(Delta_T=0 * mV)


# --- Two compartments ------------------------------------------------------------


def test_dendritic_rheobase_by_hand():
    p = TwoCompartmentParameters()
    # (theta_d - E_L) / R_d = 10 mV / 50 MOhm = 0.2 nA
    assert float(p.dendritic_rheobase / nA) == pytest.approx(0.2, rel=1e-12)


def test_active_current_is_half_max_at_threshold():
    # At V_d = theta_d the activation sigmoid is exactly 1/2 and inactivation is 1,
    # so I_active = A_d / 2 (from the model's formula).
    p = TwoCompartmentParameters()
    at_threshold = p.active_current(p.dendritic_rheobase)
    assert float(at_threshold / nA) == pytest.approx(0.2, rel=1e-12)


def test_active_current_is_non_monotonic_in_input():
    p = TwoCompartmentParameters()
    mult = np.linspace(0, 4, 401)
    amp = np.asarray(p.active_current(mult * p.dendritic_rheobase) / nA)
    peak = mult[np.argmax(amp)]
    # largest near the dendritic threshold (within +50 % of it) ...
    assert 1.0 <= peak <= 1.5
    # ... and much smaller for twice the threshold input (Gidon et al. 2020)
    at_twice = float(p.active_current(2 * p.dendritic_rheobase) / nA)
    assert at_twice < 0.2 * amp.max()
    # below threshold only the sigmoid's tail: V_d = theta_d - 5 mV = theta_d - 5 k_d,
    # so I_active = A_d / (1 + e^5) = 2.68 pA (by hand)
    below = float(p.active_current(0.5 * p.dendritic_rheobase) / nA)
    assert below == pytest.approx(0.4 / (1 + np.exp(5)), rel=1e-12)


def test_passive_coupling_alone_cannot_fire_soma_for_xor_inputs():
    # Steady state with soma at rest: the passive current g_c (V_d - E_L) for the
    # strong (two-pathway) input 2.5 x rheobase, plus the active current there,
    # stays below the somatic rheobase (V_th - E_L) / R.
    p = TwoCompartmentParameters()
    strong = 2.5 * p.dendritic_rheobase
    passive = p.g_c * p.R_d * strong
    total = passive + p.active_current(strong)
    somatic_rheobase = (p.V_th - p.E_L) / p.R
    assert float(total / somatic_rheobase) < 0.5


def test_two_compartment_validation():
    with pytest.raises(ValueError, match="'E_L'"):
        TwoCompartmentParameters(theta_d=-70 * mV)
    with pytest.raises(TypeError, match="'R_d'"):
        TwoCompartmentParameters(R_d=50 * nS)
    with pytest.raises(TypeError, match="'I_dendrite'"):
        TwoCompartmentParameters().active_current(0.2)
    assert TwoCompartmentParameters(R_d=60 * Mohm).dendritic_rheobase < 0.2 * nA


def test_adex_subthreshold_time_constants_by_hand():
    # adapting regime (Naud et al. 2008): C 200 pF, g_L 12 nS, E_L -70, V_T -50, Delta_T 2 mV,
    # a 2 nS, tau_w 300 ms. Linearised at rest, M = [[-g/C, -1/C], [a/tau_w, -1/tau_w]] with
    # g = g_L (1 - e^-10); its eigenvalues by the quadratic formula, tr/2 +- sqrt(tr^2/4 - det)
    p = AdExParameters.regime("adapting")
    g = 12.0 * (1 - np.exp(-10.0))
    tr = -g / 200.0 - 1 / 300.0
    det = (g + 2.0) / (200.0 * 300.0)
    root = np.sqrt(tr**2 / 4 - det)
    fast, slow = p.subthreshold_time_constants()
    assert float(slow / ms) == pytest.approx(-1 / (tr / 2 + root), rel=1e-12)
    assert float(fast / ms) == pytest.approx(-1 / (tr / 2 - root), rel=1e-12)
    assert float(slow / ms) == pytest.approx(254.59, abs=0.01)
    # the adiabatic estimate tau_w / (1 + a/g_L) = 257.1 ms is within 1 %, and the fast
    # one is the membrane's C/g_L = 16.7 ms within 2 % (a pulls it slightly)
    assert float(slow / ms) == pytest.approx(300 / (1 + 2 / 12), rel=0.01)
    assert float(p.tau_m / ms) == pytest.approx(200 / 12, rel=1e-12)
    assert float(fast / ms) == pytest.approx(200 / 12, rel=0.02)
    # per-condition parameters give one pair per condition
    _fast2, slow2 = p.replace(tau_w=[150, 300] * ms).subthreshold_time_constants()
    assert np.asarray(slow2 / ms)[1] == pytest.approx(float(slow / ms), rel=1e-12)
    assert np.asarray(slow2 / ms)[0] < np.asarray(slow2 / ms)[1]


def test_adex_slow_time_constant_is_the_decay_of_w_in_a_simulation():
    # an independent check: integrate the linear subthreshold system from (V, w) = (E_L, 50 pA)
    # with scipy's matrix exponential; late on, w decays as exp(-t / tau_slow)
    from scipy.linalg import expm

    p = AdExParameters.regime("adapting")
    g = 12.0 * (1 - np.exp(-10.0))
    M = np.array([[-g / 200.0, -1 / 200.0], [2.0 / 300.0, -1 / 300.0]])  # per ms
    w = [(expm(M * t) @ [0.0, 50.0])[1] for t in (400.0, 800.0)]
    measured = 400.0 / np.log(w[0] / w[1])
    assert float(p.subthreshold_time_constants()[1] / ms) == pytest.approx(measured, rel=1e-6)
