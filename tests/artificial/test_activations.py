"""Activation functions: exact values, limits, slopes vs finite differences."""

import math
import warnings

import numpy as np
import pytest

from neurosim.artificial import (
    ACTIVATIONS,
    LIFRate,
    SoftLIF,
    get_activation,
    logsigmoid,
    sigmoid,
    softplus,
)


def fd_slope(f, z, h=1e-4):
    """Five-point central difference (error O(h^4)), the reference slope."""
    return (8.0 * (f(z + h) - f(z - h)) - (f(z + 2 * h) - f(z - 2 * h))) / (12.0 * h)


def strict():
    """Any float trouble (overflow, 0-division, invalid) raises; underflow to 0 is fine."""
    return np.errstate(over="raise", divide="raise", invalid="raise")


# --- sigmoid family ------------------------------------------------------------------------


def test_sigmoid_exact_limits_without_warnings():
    with warnings.catch_warnings(), strict():
        warnings.simplefilter("error")
        assert sigmoid(1e4) == 1.0
        assert sigmoid(-1e4) == 0.0
        assert get_activation("sigmoid")(np.array([1e4, -1e4])).tolist() == [1.0, 0.0]
        # the slope far out is exactly 0 too, and finite
        assert get_activation("sigmoid").derivative(np.array([1e4, -1e4])).tolist() == [0.0, 0.0]


def test_sigmoid_known_values():
    # sigmoid(0) = 1/2; sigmoid(ln 3) = 3/4 (1/(1 + 1/3)); sigmoid(-z) = 1 - sigmoid(z)
    assert sigmoid(0.0) == 0.5
    assert sigmoid(math.log(3.0)) == pytest.approx(0.75, rel=1e-15)
    z = np.linspace(-30, 30, 61)
    # (to one rounding of a number near 1: 2^-52)
    np.testing.assert_allclose(sigmoid(-z), 1.0 - sigmoid(z), rtol=0, atol=2.0**-52)
    # the far tail keeps its relative accuracy: sigmoid(-30) = e^-30 / (1 + e^-30)
    assert sigmoid(-30.0) == pytest.approx(math.exp(-30) / (1 + math.exp(-30)), rel=1e-14)


def test_softplus_and_logsigmoid_are_stable():
    with warnings.catch_warnings(), strict():
        warnings.simplefilter("error")
        assert softplus(1000.0) == 1000.0
        assert softplus(-1000.0) == 0.0
        assert logsigmoid(-1000.0) == -1000.0
        assert logsigmoid(1000.0) == 0.0
    # log(1 + e^0) = ln 2 ; log sigmoid(0) = -ln 2
    assert softplus(0.0) == pytest.approx(math.log(2.0), rel=1e-15)
    assert logsigmoid(0.0) == pytest.approx(-math.log(2.0), rel=1e-15)
    z = np.linspace(-20, 20, 41)
    # reference: -log1p(e^-z), accurate for |z| < 700 (a different expression from the
    # implementation's min(z, 0) - log1p(e^-|z|))
    reference = np.array([-math.log1p(math.exp(-v)) for v in z])
    np.testing.assert_allclose(logsigmoid(z), reference, rtol=1e-14)


# --- slopes against finite differences -----------------------------------------------------

# Points away from every kink (relu at 0, lif_rate at 1, where its slope diverges).
GRID = {
    "sigmoid": np.linspace(-8, 8, 33),
    "tanh": np.linspace(-4, 4, 33),
    "relu": np.concatenate([np.linspace(-3, -0.1, 10), np.linspace(0.1, 3, 10)]),
    "softplus": np.linspace(-10, 10, 41),
    "lif_rate": np.concatenate([np.linspace(-2, 0.9, 10), np.linspace(1.2, 20, 40)]),
    "soft_lif": np.linspace(-2, 10, 61),
}


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_derivative_matches_finite_differences(name):
    act = get_activation(name)
    z = GRID[name]
    expected = fd_slope(act, z)
    # five-point stencil with h=1e-4: truncation ~1e-16 * f^(5), rounding ~1e-12 absolute
    np.testing.assert_allclose(act.derivative(z), expected, rtol=1e-7, atol=1e-10)
    # backprop passes the output in; the slope must not change
    np.testing.assert_allclose(act.derivative(z, act(z)), act.derivative(z), rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_no_warnings_anywhere_on_the_real_line(name):
    act = get_activation(name)
    z = np.array(
        [
            -1e6,
            -1e4,
            -50.0,
            -1.0,
            0.0,
            1.0 - 1e-12,
            1.0,
            np.nextafter(1.0, 2.0),
            1.0 + 1e-12,
            1.5,
            50.0,
            1e4,
            1e6,
        ]
    )
    with warnings.catch_warnings(), strict():
        warnings.simplefilter("error")
        a = act(z)
        d = act.derivative(z)
        d2 = act.derivative(z, a)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d)) and np.all(np.isfinite(d2))


# --- the LIF rate --------------------------------------------------------------------------


def test_lif_rate_hand_computed_points():
    act = get_activation("lif_rate")
    # z = 2: the membrane reaches threshold (1) from reset (0) when 2 (1 - e^(-T/tau)) = 1,
    # T = tau ln 2, so r = 1 / (t_ref + tau ln 2) = 63.040 Hz; amplitude 0.01 per Hz
    assert act(2.0) == pytest.approx(0.01 / (0.002 + 0.020 * math.log(2.0)), rel=1e-14)
    assert act.rate(2.0) == pytest.approx(63.040, abs=1e-3)
    # z = 1.5: T = tau ln 3
    assert act(1.5) == pytest.approx(0.01 / (0.002 + 0.020 * math.log(3.0)), rel=1e-14)
    # at and below threshold the neuron is silent
    assert act(np.array([1.0, 0.999, 0.0, -5.0])).tolist() == [0.0, 0.0, 0.0, 0.0]
    # far above threshold the rate saturates at 1 / t_ref = 500 Hz -> 5.0; at z = 1e8,
    # ln(z / (z - 1)) = 1e-8 (to 1e-16), so the output is 0.01 / (0.002 + 0.02e-8)
    assert act(1e8) == pytest.approx(0.01 / (0.002 + 0.020e-8), rel=1e-12)
    assert 4.9999 < float(act(1e8)) < 5.0


def test_lif_rate_equals_the_closed_form_written_another_way():
    act = LIFRate(tau_m=0.010, t_ref=0.004, amplitude=1.0)
    z = np.linspace(1.01, 100.0, 200)
    closed = 1.0 / (0.004 + 0.010 * np.log(z / (z - 1.0)))
    np.testing.assert_allclose(act(z), closed, rtol=1e-12)


def test_lif_rate_matches_an_integrated_membrane():
    """Euler-integrate tau dV/dt = -V + z from reset 0 to threshold 1 (units of V_th - E_L)."""
    tau, dt = 0.020, 1e-7
    for z in (1.2, 2.0, 5.0):
        steps = 0
        v = 0.0
        while v < 1.0:
            v += dt * (z - v) / tau
            steps += 1
            if steps > 10**6:
                break
        period = 0.002 + steps * dt
        # Euler with dt = 1e-7 s: first-passage time exact to ~dt (1e-7 s) per spike
        assert 1.0 / period == pytest.approx(float(get_activation("lif_rate").rate(z)), rel=1e-4)


def test_lif_rate_slope_closed_form_at_z2():
    # d/dz [1 / (t_ref + tau ln(z/(z-1)))] = r^2 tau / (z (z - 1)); at z = 2: r^2 tau / 2
    r = 1.0 / (0.002 + 0.020 * math.log(2.0))
    assert get_activation("lif_rate").derivative(2.0) == pytest.approx(0.01 * r * r * 0.020 / 2.0)
    assert get_activation("lif_rate").derivative(1.0) == 0.0
    assert get_activation("lif_rate").derivative(0.5) == 0.0


# --- the soft LIF rate ---------------------------------------------------------------------


def test_soft_lif_values_at_threshold_and_far_from_it():
    act = SoftLIF()  # sigma = 0.02
    # at threshold rho = sigma ln 2
    rho = 0.02 * math.log(2.0)
    assert act(1.0) == pytest.approx(0.01 / (0.002 + 0.020 * math.log1p(1.0 / rho)), rel=1e-13)
    # at z = 2, rho = 1 + 0.02 log1p(e^-50): identical to the LIF rate within 1e-15
    assert act(2.0) == pytest.approx(float(get_activation("lif_rate")(2.0)), rel=1e-14)


def test_soft_lif_default_sigma_claims():
    """The numbers the SoftLIF docstring gives to justify sigma = 0.02."""
    soft, hard = SoftLIF(), LIFRate()
    z = np.linspace(0.5, 1.5, 20001)
    steepest = soft.derivative(z).max()
    assert 0.95 < steepest < 0.97  # ~0.96 output units per rheobase
    assert hard.derivative(2.0) == pytest.approx(0.397, abs=1e-3)  # the "0.4" at z = 2
    assert soft(0.0) == pytest.approx(0.0092, abs=1e-4)  # 0.9 Hz at zero input
    far = np.linspace(1.5, 20, 200)
    assert np.max(np.abs(soft(far) / hard(far) - 1.0)) < 2e-3


def test_soft_lif_converges_to_lif_rate():
    hard = LIFRate()
    z = np.concatenate([np.linspace(-2, 0.9, 30), np.linspace(1.1, 10, 90)])
    errors = []
    for sigma in (1e-2, 1e-3, 1e-4, 1e-5):
        errors.append(np.max(np.abs(SoftLIF(sigma=sigma)(z) - hard(z))))
    errors = np.array(errors)
    # Below threshold the soft rate is ~ sigma / (tau |j|) Hz (the log of the softplus
    # tail is linear), so the worst error shrinks ~10x per decade of sigma: at
    # |j| = 0.1, amplitude * sigma / (tau * 0.1) = 5 sigma.  The ln(1/sigma) term in
    # the denominator makes the ratio approach 0.1 from above.
    ratios = errors[1:] / errors[:-1]
    assert np.all(ratios > 0.1) and np.all(ratios < 0.15)
    assert np.all(np.diff(ratios) < 0)
    assert ratios[-1] == pytest.approx(0.1, rel=0.02)
    assert errors[-1] == pytest.approx(5 * 1e-5, rel=0.1)
    assert errors[-1] < 1e-4


def test_soft_lif_far_below_threshold_is_tiny_but_positive():
    act = SoftLIF()
    with warnings.catch_warnings(), strict():
        warnings.simplefilter("error")
        a = act(np.array([-1e4, -1e6]))
    # x = j / sigma = -5e5: r = 1 / (t_ref + tau (ln(1/sigma) + 5e5)) ~ 1e-4 Hz
    expected = 0.01 / (0.002 + 0.020 * (math.log(1 / 0.02) + (1e4 + 1) / 0.02))
    assert a[0] == pytest.approx(expected, rel=1e-10)
    assert 0.0 < a[1] < a[0]


# --- lookup and validation -----------------------------------------------------------------


def test_get_activation_names_and_objects():
    assert ACTIVATIONS == ("sigmoid", "tanh", "relu", "softplus", "lif_rate", "soft_lif")
    for name in ACTIVATIONS:
        act = get_activation(name)
        assert act.name == name
        assert get_activation(act) is act
    custom = get_activation("soft_lif", sigma=0.05)
    assert custom.sigma == 0.05 and custom != get_activation("soft_lif")
    assert repr(LIFRate()) == "LIFRate(tau_m=0.02, t_ref=0.002, amplitude=0.01)"


def test_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError, match=r"'activation'.*'sigmoid', 'tanh'.*'soft_lif'.*'swish'"):
        get_activation("swish")
    with pytest.raises(TypeError, match="'activation'"):
        get_activation(3)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"tau_m": -0.02}, "tau_m"), ({"t_ref": -1.0}, "t_ref"), ({"amplitude": 0.0}, "amplitude")],
)
def test_lif_parameters_are_validated(kwargs, name):
    with pytest.raises(ValueError, match=f"'{name}' parameter of LIFRate"):
        LIFRate(**kwargs)


def test_soft_lif_sigma_is_validated():
    with pytest.raises(
        ValueError, match="'sigma' parameter of SoftLIF must be a finite number > 0"
    ):
        SoftLIF(sigma=0.0)
