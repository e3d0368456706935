"""The receptive_fields comparison: Gabor fractions, the grating drive, the neuron's rates."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from comparisons import receptive_fields as rf_module
from neurosim.comparison import check_module
from neurosim.digits import digit_classifier
from neurosim.findings import ASPECTS
from neurosim.units import mV, nA

# the LIF defaults of neurosim (LIFParameters), written out for the test's own simulation
TAU, E_L, V_TH, V_RESET, R, T_REF, DT = 20e-3, -65e-3, -50e-3, -65e-3, 100e6, 2e-3, 1e-4


@pytest.fixture(scope="module")
def findings():
    return rf_module.run(quick=True, seed=0)


@pytest.fixture(scope="module")
def noiseless():
    """No noise, a larger mean current: checked against a numpy LIF; the iceberg shrinks."""
    return rf_module.run(
        quick=True, seed=0, sigma=0 * mV, offset=0.12 * nA, drive=0.1 * nA, n_angles=18
    )


def _half_width(angles, curve):
    """The test's own HWHM: interpolate on a 0.01 deg periodic grid, count the span > half."""
    fine = np.arange(-90, 90, 0.01)
    ext_a = np.concatenate([angles - 180, angles, angles + 180])
    ext_c = np.tile(curve, 3)
    y = np.interp(fine, ext_a, ext_c)
    peak = int(np.argmax(y))
    y = np.roll(y, len(y) // 2 - peak)  # peak to the middle
    above = y >= 0.5 * y.max()
    mid = len(y) // 2
    right = np.argmin(above[mid:]) if not above[mid:].all() else len(y) - mid
    left = np.argmin(above[: mid + 1][::-1]) if not above[: mid + 1].all() else mid + 1
    return 0.01 * (right + left - 1) / 2


def test_module_shape():
    assert check_module(rf_module) == []
    assert rf_module.NAME == "receptive_fields"
    assert "receptive fields" in ASPECTS


def test_claims_follow_their_rules(findings):
    claims = findings.claims
    assert len(claims) == 4
    for c in claims:
        assert c.verdict == c.rule.verdict(c.value)
        assert c.rule.reason
        assert not any(ch.isdigit() for ch in c.statement.replace("2-D", "").replace("8x8", ""))
    assert sum(c.key for c in claims) == 1
    assert [c.aspect for c in claims[:3]] == ["receptive fields"] * 3
    assert claims[3].about == "spiking"


def test_most_sparse_coding_filters_are_gabor_like_and_few_digit_filters(findings):
    d = findings.data
    sc = float(np.mean(d.sc_r2 >= d.r2_threshold))
    digits = float(np.mean(d.digit_r2 >= d.r2_threshold))
    by_statement = {c.statement.split(" ")[3]: c.value for c in findings.claims}
    assert findings.claims[0].value == digits and findings.claims[1].value == sc
    assert sc > 0.5, sc  # the "must show"
    assert digits < 0.2, digits
    assert by_statement


def test_digit_filters_are_the_networks_first_layer_weights(findings):
    W = np.asarray(digit_classifier(seed=0).weights[0])  # (64, 100)
    np.testing.assert_array_equal(findings.data.digit_filters.reshape(100, 64).T, W)


def test_sparse_coding_filters_are_unit_norm_12x12(findings):
    F = findings.data.sc_filters
    assert F.shape == (64, 12, 12)
    np.testing.assert_allclose(np.linalg.norm(F.reshape(64, -1), axis=1), 1, rtol=1e-9)


def test_unit_tuning_is_the_projection_of_drifting_frames(findings):
    # Truth: project the grating frames on the RF with plain numpy, take the sinusoid's
    # amplitude sqrt(2 mean r^2) (exact for a sinusoid sampled at 32 phases).
    d = findings.data
    theta, f = d.rf_params[2], abs(d.rf_params[5])
    y, x = np.mgrid[0:12, 0:12].astype(float)
    phases = np.linspace(0, 2 * np.pi, 32, endpoint=False)
    amps = []
    for a in np.radians(d.angles_deg) + theta:
        k = 2 * np.pi * f * (x * np.cos(a) + y * np.sin(a))
        r = np.array([np.sum(d.rf * np.cos(k - ph)) for ph in phases])
        amps.append(np.sqrt(2 * np.mean(r**2)))
    amps = np.array(amps)
    np.testing.assert_allclose(d.unit_tuning, amps / amps.max(), rtol=1e-9)


def test_widths_and_ratio_match_the_tests_own_half_width(findings):
    d = findings.data
    # tolerance: the two interpolations differ by at most a fraction of the 0.01-deg grid
    assert abs(_half_width(d.angles_deg, d.unit_tuning) - d.unit_width_deg) < 0.05
    assert abs(_half_width(d.angles_deg, d.neuron_rate_Hz) - d.neuron_width_deg) < 0.05
    ratio = findings.claims[2].value
    assert np.isclose(ratio, d.neuron_width_deg / d.unit_width_deg)
    assert ratio < 1  # the iceberg effect: the mean current is below rheobase


def _numpy_lif_counts(tuning, offset, drive, freq, duration):
    """Exact integration per 0.1-ms step (current held over the step), reset, refractory."""
    n_steps = round(duration / DT)
    t = np.arange(n_steps) * DT
    v = np.full(len(tuning), E_L)
    ref = np.zeros(len(tuning))
    counts = np.zeros(len(tuning), int)
    decay = np.exp(-DT / TAU)
    for step in range(n_steps):
        current = offset + drive * tuning * np.sin(2 * np.pi * freq * t[step])
        v_inf = E_L + R * current
        free = ref <= 0
        v = np.where(free, v_inf + (v - v_inf) * decay, V_RESET)
        ref -= DT
        spike = free & (v >= V_TH)
        counts += spike
        v[spike] = V_RESET
        ref[spike] = T_REF
    return counts


def test_noiseless_rates_match_a_numpy_lif(noiseless):
    d = noiseless.data
    counts = _numpy_lif_counts(
        d.unit_tuning, 0.12e-9, 0.1e-9, d.temporal_frequency_Hz, d.duration_s
    )
    sim = d.neuron_rate_Hz * d.duration_s
    # one spike per orientation: a crossing within a step of the window's end, or a
    # threshold crossing stamped one step apart, moves one spike
    np.testing.assert_allclose(sim, counts, atol=1.01)
    assert counts.max() > 3


def test_noiseless_theory_is_the_cycle_mean_of_the_lif_closed_form(noiseless):
    # Truth: r = 1 / (t_ref + tau ln(RI / (RI - 15 mV))) above rheobase, else 0,
    # averaged over 96 phases of the sinusoidal current (hand-written here).
    d = noiseless.data
    phases = np.linspace(0, 2 * np.pi, 96, endpoint=False)
    RI = R * (0.12e-9 + 0.1e-9 * d.unit_tuning[:, None] * np.sin(phases))
    gap = V_TH - E_L
    above = RI > gap
    ratio = np.where(above, RI / np.where(above, RI - gap, 1.0), 1.0)
    rate = np.where(above, 1 / (T_REF + TAU * np.log(ratio)), 0.0)
    np.testing.assert_allclose(d.theory_rate_Hz, rate.mean(axis=1), rtol=1e-6, atol=1e-9)
    # and the simulated rates follow it (the claim): within the rule's allowance
    c = noiseless.claims[3]
    assert c.value == pytest.approx(
        np.max(np.abs(d.neuron_rate_Hz - d.theory_rate_Hz)) / np.max(d.theory_rate_Hz)
    )


def test_a_larger_mean_current_widens_the_neurons_tuning(findings, noiseless):
    # offset 0.12 nA is 80 % of rheobase (vs 33 %): more of the iceberg is above water.
    assert noiseless.claims[2].value > findings.claims[2].value


def test_plot_draws(findings):
    assert isinstance(rf_module.plot(findings), Figure)
