"""A SurrogateSNN's weights run unchanged in Brian2: the same spikes, the same potentials.

Brian2 derives the exact one-step solution of the two linear equations itself (sympy,
``method="exact"``) and runs each step in its own order; the numpy network writes the
same out by hand. They can differ only by rounding (~1e-15 relative), so every spike
must agree (a flip would need a potential within ~1e-14 of threshold) and the readout
potentials must agree to 1e-10.
"""

from __future__ import annotations

import numpy as np
import pytest

import neurosim.units  # noqa: F401  (restores the session hooks before brian2 is used)
from neurosim.artificial.spike_codes import bernoulli_spikes
from neurosim.artificial.surrogate import SurrogateSNN
from neurosim.artificial.surrogates import FastSigmoid, SmoothSpike
from neurosim.bridge.trained_snn import run_in_brian2
from neurosim.spiking.current_lif import run_current_lif
from neurosim.units import ms


@pytest.mark.parametrize("tau_syn", [0.005, 0.020])
def test_brian2_gives_the_numpy_networks_spikes(tau_syn):
    x = bernoulli_spikes(12, 40, 20, rate=40.0, dt=0.001, seed=2)
    net = SurrogateSNN(
        20,
        8,
        3,
        surrogates=[FastSigmoid(10.0), FastSigmoid(100.0)],
        tau_syn=tau_syn,
        init_scale=12.0,
        seed=1,
        same_start=False,
    )
    for replica in (0, 1):
        numpy_run = net.simulate(x)
        brian_run = run_in_brian2(net, x, replica=replica)
        assert numpy_run.hidden_spikes[replica].sum() > 30  # it spikes: the test tests
        np.testing.assert_array_equal(brian_run.hidden_spikes[0], numpy_run.hidden_spikes[replica])
        np.testing.assert_allclose(brian_run.output[0], numpy_run.output[replica], atol=1e-10)
        assert brian_run.potential is None


def test_a_smooth_network_and_equal_time_constants_are_refused():
    x = np.zeros((1, 5, 3), dtype=bool)
    with pytest.raises(ValueError, match="'network' parameter of run_in_brian2"):
        run_in_brian2(SurrogateSNN(3, 2, 2, surrogates=SmoothSpike()), x)
    with pytest.raises(ValueError, match="'tau_syn' parameter"):
        run_current_lif(
            1, ([0], [0]), [(1, True)], [], n_steps=3, dt=1 * ms, tau_mem=5 * ms, tau_syn=5 * ms
        )
    with pytest.raises(ValueError, match="'input_spikes' parameter"):
        run_current_lif(
            1, ([0], [7]), [(1, True)], [], n_steps=3, dt=1 * ms, tau_mem=5 * ms, tau_syn=2 * ms
        )


def test_digits_race_by_hand():
    # An untrained spiking network (its answers need not be good: the race's bookkeeping
    # is checked) and a briefly trained ANN on 40 test digits. References written here:
    # the latency code (pixel x > 0 spikes once, at step ceil(16 (1 - x))), the class as
    # the output with the highest potential so far, the answer rule of answer_time.
    from types import SimpleNamespace

    from neurosim.artificial.digits import digit_classifier, digits_split
    from neurosim.bridge.trained_snn import answer_time, digits_race

    full = digits_split(0)
    split = SimpleNamespace(X_train=full.X_train, X_test=full.X_test[:40], y_test=full.y_test[:40])
    snn = SurrogateSNN(64, 12, 10, surrogates=FastSigmoid(100.0), seed=3, init_scale=20.0)
    ann = digit_classifier("relu", seed=0, epochs=5)
    race = digits_race(snn, ann, split, n_steps=24, converted_ms=30.0, seed=0)
    steps = np.where(split.X_test > 0, np.ceil(16 * (1 - split.X_test)), -1)
    x = np.zeros((40, 24, 64), dtype=bool)  # the latency code, written here
    image, pixel = np.nonzero(steps >= 0)
    x[image, steps[image, pixel].astype(int), pixel] = True
    for got, want in zip(race.raster_input, np.nonzero(x[0])):  # (steps, pixels)
        np.testing.assert_array_equal(got, want)
    # numpy's accuracy over time from the readout potentials, by hand
    out = snn.simulate(x).output[0]  # (40, 24, 10)
    read = np.argmax(np.maximum.accumulate(out, axis=1), axis=2)  # (40, 24)
    np.testing.assert_array_equal(race.snn_accuracy, (read == split.y_test[:, None]).mean(axis=0))
    np.testing.assert_array_equal(race.times_ms, np.arange(1, 25.0))
    assert race.spike_mismatches == 0 and race.max_output_difference < 1e-10
    np.testing.assert_array_equal(race.brian_accuracy, race.snn_accuracy)
    # input spikes until the answer: the pixels whose step has come
    k = race.snn_answer_index
    assert race.snn_answer_ms == answer_time(race.times_ms, race.snn_accuracy)[0]
    assert race.snn_input_spikes == pytest.approx(np.sum((steps >= 0) & (steps <= k)) / 40)
    assert race.n_test == 40 and race.raster_label == split.y_test[0]
    assert race.ann_accuracy == pytest.approx(ann.score(split.X_test, split.y_test))
    assert race.converted_times_ms[-1] == 30.0 and race.converted_hidden_spikes > 0
