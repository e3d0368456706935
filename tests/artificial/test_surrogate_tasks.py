"""neurosim.artificial.surrogate_tasks: the published task, the sweep, the digits network.

References: SpyTorch tutorial 1 (fzenke/spytorch, notebooks/SpyTorchTutorial1.ipynb) for
the published task; a network trained alone for every replica of the sweep; a Bernoulli
count's sampling error for the patterns' rate; hand-worked readouts.
"""

import numpy as np
import pytest

from neurosim.artificial import FastSigmoid, SurrogateSNN, Triangle, latency_spikes
from neurosim.artificial.surrogate import SpikingRun
from neurosim.artificial.surrogate_tasks import (
    DIGITS,
    PUBLISHED,
    SWEEP,
    digit_snn,
    pattern_task,
    steepness_sweep,
    true_vs_surrogate,
)

SMALL = {"patterns": 16, "steps": 40, "inputs": 12, "rate_Hz": 50.0, "hidden": 5}


def test_the_published_task_is_the_tutorials():
    # nb_inputs 100, nb_hidden 4, nb_steps 200, batch_size 256, freq 5 Hz, Adam lr 2e-3,
    # 1000 epochs, scale 100; printed accuracies 0.512 and 0.859375
    p = PUBLISHED
    assert (p["inputs"], p["hidden"], p["steps"], p["patterns"]) == (100, 4, 200, 256)
    assert (p["rate_Hz"], p["epochs"], p["learning_rate"], p["steepness"]) == (5, 1000, 2e-3, 100)
    assert (p["accuracy_true"], p["accuracy_surrogate"]) == (0.512, 0.859)
    assert SWEEP["patterns"] == 64 and DIGITS["window"] == 16  # one step per grey level


def test_pattern_task_fires_at_its_rate_with_balanced_labels():
    x, y = pattern_task(PUBLISHED, dt=1e-3, seed=3)
    assert x.shape == (256, 200, 100) and x.dtype == bool
    # 5.12 million Bernoulli(0.005) steps: the mean within 5 standard errors
    p = 5.0 * 1e-3
    assert abs(x.mean() - p) < 5 * np.sqrt(p * (1 - p) / x.size)
    # 256 fair labels: within 4 standard errors (0.031) of one half
    assert set(np.unique(y)) == {0, 1} and abs(y.mean() - 0.5) < 4 * 0.5 / 16


def test_the_true_derivative_leaves_the_hidden_layer_alone():
    x, y = pattern_task(SMALL, seed=1)
    run = true_vs_surrogate(
        x, y, FastSigmoid(10.0), hidden=5, epochs=4, learning_rate=0.01, seed=2, init_scale=12.0
    )
    assert run.hidden_change_true == 0.0  # exactly: dS/du = 0 everywhere
    assert run.curve_true.shape == run.curve_surrogate.shape == (4,)
    # accuracies on 16 patterns are whole numbers of patterns
    for acc in (run.accuracy_true, run.accuracy_surrogate, *run.curve_surrogate):
        assert acc * 16 == pytest.approx(round(acc * 16), abs=1e-9)


def test_every_replica_of_the_sweep_scores_as_a_network_trained_alone():
    x, y = pattern_task(SMALL, seed=1)
    shapes, steepness = (FastSigmoid, Triangle), (3.0, 30.0)
    fit = {"epochs": 3, "learning_rate": 0.01, "seed": 4, "init_scale": 12.0}
    grid, true = steepness_sweep(x, y, shapes, steepness, hidden=5, **fit)
    assert grid.shape == (2, 2)
    for i, shape in enumerate(shapes):
        for j, beta in enumerate(steepness):
            alone = SurrogateSNN(
                12, 5, 2, surrogates=shape(beta), readout="mean", seed=4, init_scale=12.0
            )
            alone.fit(x, y, epochs=3, learning_rate=0.01)
            assert grid[i, j] == alone.score(x, y)[0]
    assert 0.0 <= true <= 1.0


def test_the_digits_network_is_trained_on_the_latency_code():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 17, size=(100, 64)) / 16  # grey levels as in the UCI digits
    y = rng.integers(0, 10, size=100)
    net = digit_snn(X, y, FastSigmoid(100.0), hidden=8, epochs=1, n_steps=20, seed=5)
    assert net.sizes == (64, 8, 10) and net.dtype is np.float64
    # the same by hand: latency code, mini-batches of 64 at learning rate 0.015
    by_hand = SurrogateSNN(64, 8, 10, surrogates=FastSigmoid(100.0), seed=5)
    x = latency_spikes(X, window=16, n_steps=20)
    by_hand.fit(x, y, epochs=1, batch_size=64, learning_rate=0.015, seed=5)
    for a, b in zip(net.weights, by_hand.weights):
        np.testing.assert_array_equal(a, b)


def test_accuracy_over_time_by_hand():
    # 2 samples, 3 steps, 2 classes; labels 1, 0. Running maxima: sample 0 reads class 0,
    # then 1 (0.5 > 0.2), then 1; sample 1 reads 0 throughout (ties go to class 0).
    output = np.array([[[0.2, 0.1], [0.1, 0.5], [0.3, 0.4]], [[0.0, 0.0], [0.3, 0.1], [0.0, 0.3]]])
    run = SpikingRun(
        hidden_spikes=np.zeros((1, 2, 3, 1), bool), potential=None, output=output[None]
    )
    np.testing.assert_array_equal(run.accuracy_over_time([1, 0]), [0.5, 1.0, 1.0])


def test_a_sweep_takes_surrogate_classes_and_the_tasks_their_settings():
    from neurosim.artificial import TrueDerivative

    x, y = pattern_task(SMALL, seed=1)
    fit = {"hidden": 2, "epochs": 1, "learning_rate": 0.01}
    for shape in (FastSigmoid(10.0), TrueDerivative, "triangle"):
        with pytest.raises(TypeError, match=r"'shapes\[0\]' parameter of steepness_sweep"):
            steepness_sweep(x, y, [shape], (1.0,), **fit)
    with pytest.raises(ValueError, match="'spec' parameter of pattern_task.*'rate_Hz'"):
        pattern_task({"patterns": 4, "steps": 5, "inputs": 3})
    with pytest.raises(ValueError, match="'y' parameter of true_vs_surrogate"):
        true_vs_surrogate(x, y + 1, FastSigmoid(10.0), **fit)
