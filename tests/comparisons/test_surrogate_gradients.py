"""surrogate_gradients: every claim and plotted number against an independent reference.

- The published task: SpyTorch tutorial 1's printed accuracies (0.512 true derivative,
  0.859 surrogate) and set-up, copied from its notebook; the true derivative leaves the
  hidden weights exactly unchanged (dS/du = 0).
- The spiking digit classifier: Brian2 re-runs the trained weights (a simulator that
  derives the exact update itself) and must give the same spikes; the accuracy gap
  against the ANN, whose accuracy is recomputed here by a plain forward pass.
- The latency code's input spikes until the answer, counted here from the pixels.
- The time to answer by a re-implementation of its rule written here.
- The sweep's two claims recomputed from the plotted grid.
"""

from __future__ import annotations

from dataclasses import is_dataclass

import numpy as np
import pytest

from neurosim.artificial.digits import digit_classifier, digits_split
from neurosim.bridge import answer_time
from neurosim.comparisons import surrogate_gradients as comp
from neurosim.contract.module import check_figure, check_findings, check_module
from neurosim.units import ms


@pytest.fixture(scope="module")
def quick(quick_run):
    return quick_run(comp.NAME)[0]


def _claim(findings, label):
    return next(c for c in findings.claims if c.label == label)


def test_module_keeps_the_contract_and_says_which_run(quick):
    assert check_module(comp) == []
    assert check_findings(comp, quick) == []
    assert check_figure(comp.plot(quick), quick) == []
    # the data plot() reads is one frozen dataclass: a misspelt field fails at once
    assert is_dataclass(quick.data) and type(quick.data).__dataclass_params__.frozen
    keys = [c for c in quick.claims if c.key]
    assert [(c.aspect, c.label) for c in keys] == [("learning", "surrogate-trained spikes, digits")]
    for c in quick.claims:
        assert f"{c.value:.3g}" not in c.statement  # no measured number in a statement


def test_published_set_up_is_the_tutorials():
    # SpyTorch tutorial 1 (fzenke/spytorch, notebooks/SpyTorchTutorial1.ipynb): nb_inputs
    # 100, nb_hidden 4, nb_outputs 2, time_step 1e-3, nb_steps 200, batch_size 256,
    # freq 5 Hz, tau_mem 10 ms, tau_syn 5 ms, Adam lr 2e-3, 1000 epochs, scale 100;
    # printed accuracies 0.512 (true gradient) and 0.859375 (surrogate)
    p = comp.PUBLISHED
    assert (p["inputs"], p["hidden"], p["steps"], p["patterns"]) == (100, 4, 200, 256)
    assert (p["rate_Hz"], p["epochs"], p["learning_rate"], p["steepness"]) == (5, 1000, 2e-3, 100)
    assert (p["accuracy_true"], p["accuracy_surrogate"]) == (0.512, 0.859)
    defaults = {q.name: q.default for q in comp.PARAMETERS}
    assert (defaults["tau_m"], defaults["tau_syn"], defaults["steepness"]) == (10, 5.0, 100.0)


def test_the_true_derivative_leaves_the_hidden_weights_and_stays_at_chance(quick):
    d = quick.data
    assert d.toy_hidden_change_true == 0.0  # exactly: no gradient passes a step
    true = _claim(quick, "true derivative, published task")
    assert true.value == 100 * d.toy_accuracy_true and true.unit == "%"
    # the readout alone on fixed random spikes: within 3 sampling errors of chance
    assert abs(true.value - 50) <= 100 * 3 * np.sqrt(0.25 / 256)
    assert _claim(quick, "surrogate, published task").value == 100 * d.toy_accuracy_surrogate
    # the training curves end near the final accuracies (the last update moves little)
    assert d.toy_curve_true[-1] == pytest.approx(d.toy_accuracy_true, abs=0.02)


def test_the_ann_claim_is_a_plain_forward_pass(quick):
    split = digits_split(0)
    net = digit_classifier("relu", seed=0, epochs=comp.ANN_QUICK_EPOCHS)
    W1, W2 = net.weights
    b1, b2 = net.biases
    logits = np.maximum(0.0, split.X_test @ W1 + b1) @ W2 + b2
    accuracy = np.mean(np.argmax(logits, axis=1) == split.y_test)
    assert _claim(quick, "ANN, digits").value == pytest.approx(100 * accuracy, abs=1e-9)
    assert quick.data.ann_accuracy == pytest.approx(accuracy, abs=1e-12)


def test_brian2_reproduces_every_spike_of_the_trained_network(quick):
    d = quick.data
    assert d.spike_mismatches == 0
    # the potentials agree to rounding: ~1e-14 of values of order 10
    assert d.max_output_difference < 1e-10
    claim = _claim(quick, "same weights in Brian2, digits")
    assert claim.value == 0.0


def test_the_learning_claim_is_the_gap_to_the_ann(quick):
    d = quick.data
    claim = _claim(quick, "surrogate-trained spikes, digits")
    assert claim.value == pytest.approx(100 * (d.ann_accuracy - d.snn_accuracy[-1]), abs=1e-9)
    # every accuracy is a whole number of the 359 test images
    counts = d.snn_accuracy * d.n_test
    np.testing.assert_allclose(counts, np.round(counts), atol=1e-9)


def first_within_plateau(times, accuracy):
    """The answer time, written out: the plateau is the mean accuracy over the readouts
    after 2/3 of the run; the answer is the first readout within 0.01 of it."""
    tail = [a for t, a in zip(times, accuracy) if t > times[-1] * 2 / 3]
    plateau = sum(tail) / len(tail)
    for k, (t, a) in enumerate(zip(times, accuracy)):
        if a >= plateau - 0.01:
            return t, k
    raise AssertionError("never within the plateau")


def test_answer_times_follow_their_rule(quick):
    d = quick.data
    assert (d.snn_answer_ms, d.snn_answer_index) == first_within_plateau(
        list(d.times_ms), list(d.snn_accuracy)
    )
    assert (d.converted_answer_ms, d.converted_answer_index) == first_within_plateau(
        list(d.converted_times_ms), list(d.converted_accuracy)
    )


def test_answer_time_by_hand():
    # rises to about 0.9 and stays: plateau = mean of the readouts after 8 ms = 0.9
    times = np.arange(1.0, 13.0)
    acc = np.array([0.1, 0.3, 0.6, 0.85, 0.895, 0.9, 0.91, 0.9, 0.9, 0.9, 0.89, 0.91])
    assert answer_time(times, acc) == (5.0, 4)
    # a late dip does not move it; a lower plateau moves it earlier
    acc[9] = 0.5
    assert answer_time(times, acc)[0] <= 5.0
    with pytest.raises(ValueError, match="'accuracy' parameter of answer_time"):
        answer_time(times, acc[:5])


def test_input_spikes_until_the_answer_are_the_pixels_already_sent(quick):
    d = quick.data
    X = digits_split(0).X_test
    # pixel x > 0 spikes once, at step ceil(16 (1 - x)); step k is over at (k + 1) ms
    steps = np.ceil(comp.WINDOW * (1.0 - X[X > 0]))
    expected = np.sum(steps <= d.snn_answer_index) / len(X)
    assert d.snn_input_spikes == pytest.approx(expected, abs=1e-12)
    assert d.snn_hidden_spikes > 0 and d.converted_hidden_spikes > 0


def test_converted_hidden_spikes_until_the_answer_by_the_closed_form(quick):
    # the converted network (Diehl et al. 2015; Rueckauer et al. 2017): hidden unit j is an
    # integrate-and-fire neuron with reset by subtraction and a constant drive
    # d_j = max_rate / lambda * (x W1 + b1)_j thresholds per second, lambda the 99.9th
    # percentile of the training set's hidden activations; Euler steps of a constant
    # drive are exact, so by time t it has fired floor(d_j t) spikes (none if d_j <= 0)
    d = quick.data
    split = digits_split(0)
    net = digit_classifier("relu", seed=0, epochs=comp.ANN_QUICK_EPOCHS)
    W1, b1 = net.weights[0], net.biases[0]
    lam = np.percentile(np.maximum(0.0, split.X_train @ W1 + b1), 99.9)
    drive = 200.0 / lam * (split.X_test @ W1 + b1)  # max_rate 200 Hz, convert's default
    t = d.converted_answer_ms * 1e-3
    expected = np.floor(np.maximum(drive, 0.0) * t + 1e-9).sum(axis=1).mean()
    # a count can differ only where d_j t lies within rounding of a whole number
    assert d.converted_hidden_spikes == pytest.approx(expected, abs=0.05)


def test_the_sweep_claims_from_the_plotted_grid(quick):
    d = quick.data
    grid = d.sweep_accuracy
    assert grid.shape == (len(comp.SWEEP_SHAPES), len(comp.SWEEP_STEEPNESS))
    best = grid.max(axis=1)
    spread = _claim(quick, "sweep: spread over surrogate shapes")
    assert spread.value == pytest.approx(100 * (best.max() - best.min()), abs=1e-10)
    lost = _claim(quick, "sweep: accuracy lost when too steep")
    assert lost.value == pytest.approx(100 * np.mean(best - grid[:, -1]), abs=1e-10)
    assert spread.unit == lost.unit == "points"
    # accuracies on 64 patterns are whole numbers of patterns
    np.testing.assert_allclose(grid * 64, np.round(grid * 64), atol=1e-9)
    # the surrogate shapes drawn: peak 1 at threshold
    for curve in d.shape_curves:
        assert curve.max() == pytest.approx(1.0, abs=1e-9)


def test_plot_draws_the_measured_curves(quick):
    fig = comp.plot(quick)
    ax = fig.axes[3]
    line = next(li for li in ax.get_lines() if li.get_label().startswith("trained as spikes"))
    np.testing.assert_allclose(line.get_xdata(), quick.data.times_ms)
    np.testing.assert_allclose(line.get_ydata(), 100 * quick.data.snn_accuracy)
    assert ax.get_ylabel() == "test accuracy (%)"
    toy = fig.axes[0].get_lines()[0]
    np.testing.assert_allclose(toy.get_ydata(), 100 * quick.data.toy_curve_surrogate)


def test_a_surrogate_narrowed_to_the_true_derivative_stops_learning(quick):
    # a triangle of half-width 4e-6 thresholds: almost no potential ever falls inside it
    steep = comp.run(quick=True, seed=0, shape="triangle", steepness=1e5)
    assert steep.data.shape == "triangle"
    assert steep.data.toy_accuracy_surrogate <= quick.data.toy_accuracy_true + 3 * np.sqrt(
        0.25 / 256
    )
    assert steep.data.toy_accuracy_surrogate < quick.data.toy_accuracy_surrogate


def test_equal_time_constants_are_refused_by_name():
    with pytest.raises(ValueError, match="'tau_syn' parameter"):
        comp.run(quick=True, tau_m=5 * ms, tau_syn=5 * ms)


def test_the_three_shapes_are_told_apart_by_shade(quick):
    # panels B (the derivatives) and C (the sweep): one shade of the spiking colour per
    # shape, the same shape the same shade, so a projector shows three curves, not one
    import colorsys

    from matplotlib.colors import to_rgb

    fig = comp.plot(quick)
    hue = colorsys.rgb_to_hls(*to_rgb(comp.SPIKING))[0]
    for ax in fig.axes[1:3]:
        colours = {}
        for line in ax.get_lines():
            name = line.get_label().split(":")[0]
            for key, label in comp.LABELS.items():
                if name == label and key in comp.SWEEP_SHAPES:
                    colours[key] = to_rgb(line.get_color())
        assert len(colours) == len(comp.SWEEP_SHAPES)
        assert len(set(colours.values())) == len(colours)
        for rgb in colours.values():
            assert abs(colorsys.rgb_to_hls(*rgb)[0] - hue) < 0.02
