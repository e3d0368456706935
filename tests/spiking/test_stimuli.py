"""Stimuli: values in SI units against hand-computed ones, frozen noise, validation."""

import subprocess
import sys

import numpy as np
import pytest
from brian2 import Hz, ms, mV, nA, pA

from neurosim import stimuli

T = np.arange(0, 0.2, 1e-4)  # 0..200 ms in seconds, dt 0.1 ms


def test_constant_values_shape_and_si_units():
    s = stimuli.constant([0.1, 0.2, 0.3] * nA)
    assert s.n == 3 and s.kind == "constant" and s.is_current
    v = s.values(T)
    assert v.shape == (3, T.size)
    assert np.allclose(v[:, 0], [1e-10, 2e-10, 3e-10], rtol=1e-12)
    assert np.allclose(v, v[:, :1])
    # times may also be a Brian2 quantity
    assert np.allclose(s.values(T * 1000 * ms), v)


def test_step_onset_offset_and_baseline():
    s = stimuli.step([0.2, 0.4] * nA, onset=50 * ms, offset=120 * ms, baseline=10 * pA)
    v = s.values(T)
    k_on, k_off = 500, 1200  # grid indices of 50 ms and 120 ms at 0.1 ms
    assert np.allclose(v[:, k_on - 1], 1e-11) and np.allclose(v[:, k_off], 1e-11)
    assert np.allclose(v[:, k_on], [2e-10, 4e-10]) and np.allclose(v[:, k_off - 1], [2e-10, 4e-10])


def test_ramp_is_linear_between_its_ends():
    s = stimuli.ramp(0 * nA, 1 * nA, t_start=50 * ms, t_stop=150 * ms)
    v = s.values(np.array([0.0, 0.05, 0.1, 0.125, 0.15, 0.19]))[0]
    assert np.allclose(v, [0, 0, 0.5e-9, 0.75e-9, 1e-9, 1e-9], rtol=1e-12, atol=1e-24)


def test_sinusoid_known_points():
    s = stimuli.sinusoid(0.1 * nA, 10 * Hz, offset=0.2 * nA)
    # period 100 ms: quarter period -> peak, half -> offset, three quarters -> trough
    v = s.values(np.array([0.0, 0.025, 0.05, 0.075]))[0]
    assert np.allclose(v, [2e-10, 3e-10, 2e-10, 1e-10], rtol=1e-9)


def test_noisy_current_is_frozen_and_has_the_asked_statistics():
    a = stimuli.noisy_current(0.1 * nA, 0.05 * nA, tau=5 * ms, seed=3)
    b = stimuli.noisy_current(0.1 * nA, 0.05 * nA, tau=5 * ms, seed=3)
    c = stimuli.noisy_current(0.1 * nA, 0.05 * nA, tau=5 * ms, seed=4)
    t = np.arange(0, 4.0, 1e-4)  # 4 s = 800 correlation times
    va, vb, vc = a.values(t)[0], b.values(t)[0], c.values(t)[0]
    assert np.array_equal(va, vb) and not np.array_equal(va, vc)
    # a longer request extends the realisation, the start stays the same
    assert np.array_equal(a.values(T)[0], va[: T.size])
    # stationary OU: mean 0.1 nA, sd 0.05 nA; with ~800 independent samples the
    # sampling errors are ~ sd * sqrt(2 tau / T) (mean) and ~ sd / sqrt(800) (sd); 4 SE
    se_mean = 0.05 * np.sqrt(2 * 5e-3 / 4.0)
    assert abs(va.mean() / 1e-9 - 0.1) < 4 * se_mean
    assert abs(va.std() / 1e-9 - 0.05) < 4 * 0.05 / np.sqrt(400)
    # autocorrelation at lag tau is exp(-1) for an OU process (SE ~ 1/sqrt(800))
    lag = 50
    x = va - va.mean()
    rho = np.dot(x[:-lag], x[lag:]) / np.dot(x, x)
    assert abs(rho - np.exp(-1)) < 4 / np.sqrt(800)


def test_poisson_values_are_rates():
    s = stimuli.poisson([5, 20] * Hz, n_inputs=3, weight=0.5 * mV)
    assert s.kind == "poisson" and not s.is_current and s.n == 2
    assert np.allclose(s.values(T), np.array([[5.0], [20.0]]))


def test_spike_pattern_values_count_spikes_per_bin_and_targets():
    s = stimuli.spike_pattern(
        [0, 1, 2, 0], [1.0, 1.0, 5.2, 7.0] * ms, n_inputs=3, weight=1 * mV, targets=[0, 0, 1]
    )
    assert s.n == 2
    v = s.values(np.arange(0, 0.01, 1e-3))  # 1 ms bins
    assert v[0, 1] == 2 and v[0, 7] == 1 and v[1, 5] == 1 and v.sum() == 4
    mask = np.array([[True, True], [False, True]])
    s2 = stimuli.spike_pattern([0, 1], [1, 2] * ms, n_inputs=2, weight=1 * mV, targets=mask)
    assert s2.n == 2 and s2.values(np.arange(0, 0.003, 1e-3)).sum() == 3


def test_on_changes_compartment_only():
    s = stimuli.constant(0.1 * nA)
    d = s.on("dendrite")
    assert d.compartment == "dendrite" and s.compartment is None
    assert np.array_equal(d.values(T), s.values(T))
    with pytest.raises(ValueError, match="'compartment'"):
        s.on("axon")


@pytest.mark.parametrize(
    ("factory", "match", "cls"),
    [
        (lambda: stimuli.constant(0.2), "forget the unit", TypeError),
        (lambda: stimuli.constant(0.2 * mV), "'amplitude'", TypeError),
        (lambda: stimuli.constant(np.array([0.1, np.nan]) * nA), "NaN", ValueError),
        (lambda: stimuli.constant(np.array([]) * nA), "empty", ValueError),
        (lambda: stimuli.constant(np.ones((2, 2)) * nA), "1-D", ValueError),
        (lambda: stimuli.constant([0.1, 0.2]), "'amplitude'", TypeError),
        (lambda: stimuli.step(0.1 * nA, onset=50 * ms, offset=20 * ms), "'offset'", ValueError),
        (lambda: stimuli.step(0.1 * nA, onset=-1 * ms), "'onset'", ValueError),
        (
            lambda: stimuli.step([1, 2] * nA, onset=0 * ms, baseline=[1, 2, 3] * pA),
            "'baseline'",
            ValueError,
        ),
        (
            lambda: stimuli.ramp(0 * nA, 1 * nA, t_start=5 * ms, t_stop=5 * ms),
            "'t_stop'",
            ValueError,
        ),
        (lambda: stimuli.sinusoid(0.1 * nA, 0 * Hz), "'frequency'", ValueError),
        (lambda: stimuli.noisy_current(0.1 * nA, -1 * pA), "'std'", ValueError),
        (lambda: stimuli.noisy_current(0.1 * nA, 1 * pA, seed=-1), "'seed'", ValueError),
        (lambda: stimuli.poisson([-1, 5] * Hz, weight=1 * mV), "'rates'", ValueError),
        (lambda: stimuli.poisson(5 * Hz, weight=1 * nA), "'weight'", TypeError),
        (lambda: stimuli.poisson(5 * Hz, n_inputs=0, weight=1 * mV), "'n_inputs'", ValueError),
        (
            lambda: stimuli.spike_pattern([], [] * ms, n_inputs=1, weight=1 * mV),
            "'indices'",
            ValueError,
        ),
        (
            lambda: stimuli.spike_pattern([2], [1] * ms, n_inputs=2, weight=1 * mV),
            "'indices'",
            ValueError,
        ),
        (
            lambda: stimuli.spike_pattern([0], [1, 2] * ms, n_inputs=1, weight=1 * mV),
            "'times'",
            ValueError,
        ),
        (
            lambda: stimuli.spike_pattern([0], [-1] * ms, n_inputs=1, weight=1 * mV),
            "'times'",
            ValueError,
        ),
        (
            lambda: stimuli.spike_pattern([0], [1] * ms, n_inputs=1, weight=1 * mV, targets=[0, 1]),
            "'targets'",
            ValueError,
        ),
    ],
)
def test_bad_input_names_the_parameter(factory, match, cls):
    with pytest.raises(cls, match=match):
        factory()


def test_values_refuses_bad_times():
    s = stimuli.constant(0.1 * nA)
    with pytest.raises(TypeError, match="'t'"):
        s.values(np.arange(3) * mV)
    with pytest.raises(ValueError, match="'t'"):
        s.values(np.array([0.0, np.nan]))


def test_importing_stimuli_does_not_import_brian2():
    # the artificial side uses stimuli and must stay free of brian2's 2 s import
    code = "import sys, neurosim.stimuli; print('brian2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
