"""Your own current: an array of samples (stimuli.sampled) or a function of time
(stimuli.waveform) drives the neuron, and the unit reads the same current.

References written here, not taken from the code under test: the samples held by hand;
the closed-form first-spike latency tau_m ln(RI / (RI - (V_th - E_L))) of a step; a
plain numpy integration of the LIF membrane (exact for a current constant within a
step, as Brian2's exact integrator for linear equations is) driven by the same samples.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from neurosim.artificial import LogisticUnit
from neurosim.bridge.encoding import CurrentEncoding
from neurosim.spiking import LIFParameters, simulate
from neurosim.stimuli import sampled, waveform
from neurosim.units import ms, mV, nA, second

DT_MS = 0.1


def test_samples_are_held_for_one_step_each_and_zero_after_the_last():
    stimulus = sampled(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]) * nA, dt=1 * ms)
    t = np.array([0.0, 0.9999e-3, 1e-3, 2.5e-3, 3e-3, 10e-3])
    expected = np.array([[1, 1, 2, 3, 0, 0], [4, 4, 5, 6, 0, 0]]) * 1e-9
    np.testing.assert_allclose(stimulus.values(t), expected, rtol=0, atol=1e-21)
    assert stimulus.n == 2


@pytest.mark.parametrize("how", ["sampled", "waveform"])
def test_a_step_of_your_own_fires_at_the_closed_form_latency(how):
    neuron = LIFParameters()
    onset_ms, amp_nA, steps = 20.0, 0.3, 3000
    if how == "sampled":
        samples = np.r_[np.zeros(round(onset_ms / DT_MS)), np.full(steps, amp_nA)]
        stimulus = sampled(samples * nA, dt=DT_MS * ms)
    else:
        stimulus = waveform(lambda t: amp_nA * (t >= onset_ms * 1e-3 - 1e-12) * nA)
    result = simulate(neuron, stimulus, 300 * ms, dt=DT_MS * ms)
    first_ms = float(result.times[0] / ms)
    drive = float(neuron.R * amp_nA * nA / mV)  # 30 mV
    gap = float((neuron.V_th - neuron.E_L) / mV)  # 15 mV
    expected = onset_ms + float(neuron.tau_m / ms) * math.log(drive / (drive - gap))
    # Brian2 stamps a spike at the start of the step in which V crosses: up to one step early
    assert expected - DT_MS - 1e-9 <= first_ms <= expected + 1e-9


def test_a_subthreshold_chirp_follows_a_plain_numpy_membrane():
    neuron = LIFParameters()
    n = 2000  # 200 ms
    t = np.arange(n) * DT_MS * 1e-3
    chirp = 0.12 * np.sin(2 * np.pi * (5 + 100 * t) * t)  # nA, peak 12 mV: no spike
    result = simulate(
        neuron, sampled(chirp * nA, dt=DT_MS * ms), n * DT_MS * ms, dt=DT_MS * ms, record_v=True
    )
    v_brian = np.asarray(result.v / mV)[0, 0]
    # numpy: exact decay towards E_L + R I over each step of constant current
    tau, e_l, r_mohm = float(neuron.tau_m / ms), float(neuron.E_L / mV), float(neuron.R / 1e6)
    decay = math.exp(-DT_MS / tau)
    v = np.empty(n)
    v[0] = e_l
    for k in range(n - 1):
        target = e_l + r_mohm * chirp[k]  # MOhm * nA = mV
        v[k + 1] = target + (v[k] - target) * decay
    assert result.counts.sum() == 0
    np.testing.assert_allclose(v_brian[:n], v, rtol=0, atol=1e-6)  # mV, float rounding


def test_the_unit_reads_the_same_current():
    # the logistic unit's input is the current decoded back to x (I = gain x + offset)
    encoding = CurrentEncoding()
    x = np.array([0.0, 0.25, 0.5, 1.0])
    stimulus = sampled(encoding.encode(x), dt=1 * ms)
    current = stimulus.values(np.arange(4) * 1e-3)[0] * nA / 1e-9
    unit = LogisticUnit(weights=np.array([4.0]), bias=-2.0)
    seen = unit.predict_proba(encoding.decode(current)[:, None])
    np.testing.assert_allclose(seen, 1 / (1 + np.exp(-(4 * x - 2))), rtol=1e-12)


def test_bad_own_input_is_refused_by_name():
    with pytest.raises(TypeError, match="values"):
        sampled(np.ones(5), dt=0.1 * ms)  # no unit
    with pytest.raises(ValueError, match="values"):
        sampled(np.ones((2, 2, 2)) * nA, dt=0.1 * ms)
    with pytest.raises(TypeError, match="dt"):
        sampled(np.ones(5) * nA, dt=0.1)
    with pytest.raises(TypeError, match="function"):
        waveform("not a function")
    wrong_shape = waveform(lambda t: np.ones((3, t.size)) * nA)
    with pytest.raises(ValueError, match="function"):
        simulate(LIFParameters(), wrong_shape, 10 * ms)
    not_finite = waveform(lambda t: np.full(t.size, np.nan) * nA)
    with pytest.raises(ValueError, match="function"):
        not_finite.values(np.arange(3) * 1e-3)
    wrong_unit = waveform(lambda t: np.ones(t.size) * second)
    with pytest.raises(TypeError, match="function"):
        wrong_unit.values(np.arange(3) * 1e-3)
