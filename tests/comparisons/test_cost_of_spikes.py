"""cost_of_spikes: MACs counted by hand, synaptic events from a numpy re-simulation.

The analog-input network is re-simulated here in plain numpy from the papers'
definitions (weight normalisation at the 99.9th percentile, Diehl et al. 2015, Rueckauer
et al. 2017; integrate-and-fire neurons, reset by subtraction, Euler steps in Brian2's
order): its hidden spike counts times the fan-out (10 output neurons) are the synaptic
events. Poisson pixel spikes cannot be replayed (Brian2's random numbers), so their
events are checked against their expectation, sum of pixels x rate x time x 100 targets,
within 5 standard deviations of a Poisson count. Energies per operation: Horowitz 2014
(ISSCC), 45 nm, fp32: add 0.9 pJ, multiply 3.7 pJ.
"""

import numpy as np
import pytest

from comparisons import cost_of_spikes as comp
from neurosim.compare.energy import dense_macs, energy_nJ, settled_time, sparse_macs
from neurosim.comparison import check_module
from neurosim.digits import digit_classifier, digits_split
from neurosim.units import Hz

PERCENTILE = 99.9
MAX_RATE = 200.0  # Hz, the conversion's default


@pytest.fixture(scope="module")
def quick():
    return comp.run(quick=True, seed=0)


def _plain(findings, name):
    return findings.settings["parameters"][name]["value"]


@pytest.fixture(scope="module")
def reference(quick):
    return numpy_reference(quick)


def numpy_reference(quick):
    """The analog-input IF network in numpy: accuracy and hidden spikes per readout."""
    stride = _plain(quick, "image_stride")
    split = digits_split(0)
    X, y = split.X_test[::stride], split.y_test[::stride]
    net = digit_classifier("relu", seed=0, epochs=_plain(quick, "epochs"))
    W1, W2 = net.weights
    b1, b2 = net.biases
    train_hidden = np.maximum(0.0, split.X_train @ W1 + b1)
    lam1 = np.percentile(train_hidden, PERCENTILE)
    logits = train_hidden @ W2 + b2
    shift = max(0.0, -np.percentile(logits.max(axis=1), 1.0)) + 1e-9
    lam2 = np.percentile(logits.max(axis=1) + shift, PERCENTILE)
    drive1 = (X @ W1 + b1) * MAX_RATE / lam1
    jump2 = W2 * lam1 / lam2
    bias2 = (b2 + shift) * MAX_RATE / lam2
    dt = _plain(quick, "dt") * 1e-3
    n_steps = round(_plain(quick, "analog_duration") * 1e-3 / dt)
    every = round(comp.READOUT_MS * 1e-3 / dt)
    v1, v2 = np.zeros_like(drive1), np.zeros((len(y), 10))
    c1, c2 = np.zeros(len(y)), np.zeros_like(v2)
    hidden_spikes, correct = [], []
    for step in range(n_steps + 1):
        if step > 0 and step % every == 0:
            hidden_spikes.append(c1.copy())
            correct.append(np.argmax(c2 + np.clip(v2, -1.0, 1.0), axis=1) == y)
        if step == n_steps:
            break
        v1 = v1 + dt * drive1
        v2 = v2 + dt * bias2
        s1, s2 = v1 >= 1.0, v2 >= 1.0
        v2 = v2 + s1.astype(float) @ jump2
        c1 += s1.sum(axis=1)
        c2 += s2
        v1 = np.where(s1, v1 - 1.0, v1)
        v2 = np.where(s2, v2 - 1.0, v2)
    hidden = np.maximum(0.0, X @ W1 + b1)
    return {
        "X": X,
        "hidden_spikes": np.array(hidden_spikes),  # (n_readouts, n_images)
        "accuracy": 100 * np.mean(correct, axis=1),
        "ann": 100 * np.mean(np.argmax(hidden @ W2 + b2, axis=1) == y),
        "hidden": hidden,
        "n": len(y),
    }


def test_module_keeps_the_contract_and_rules_decide(quick):
    assert check_module(comp) == []
    for c in quick.claims:
        assert c.verdict == c.rule.verdict(c.value)
        assert np.isnan(c.value) or f"{c.value:.3g}" not in c.statement
    keys = [c for c in quick.claims if c.key]
    assert [c.aspect for c in keys] == ["cost"]


def test_published_energies_per_operation():
    # Horowitz 2014, 45 nm, 32-bit float
    assert comp.ADD_PJ == 0.9 and comp.MULT_PJ == 3.7 and comp.MAC_PJ == pytest.approx(4.6)
    assert energy_nJ(macs=1000, adds=1000) == pytest.approx(4.6 + 0.9)


def test_mac_counts_by_hand(quick, reference):
    # 64 x 100 and 100 x 10 multiply-accumulates per forward pass
    assert dense_macs([64, 100, 10]) == [6400, 1000]
    np.testing.assert_array_equal(quick.data["layer_macs"], [6400, 1000])
    assert quick.data["energy_ann_nJ"] == pytest.approx(7400 * 4.6 / 1000)
    # zeros skipped, by hand: image 0 has 2 non-zero inputs x 2 units, 1 active unit x 4
    X = np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 0.0]])
    hidden = np.array([[1.0, 0.0], [0.0, 0.0]])
    m1, m2 = sparse_macs([X, hidden], [3, 2, 4])
    np.testing.assert_array_equal(m1 + m2, [8, 0])
    # on the digits: non-zero pixels x 100 + active hidden units x 10, counted here
    expected = [
        np.mean(np.sum(reference["X"] != 0, axis=1) * 100),
        np.mean(np.sum(reference["hidden"] != 0, axis=1) * 10),
    ]
    np.testing.assert_allclose(quick.data["sparse_macs"], expected)


def test_analog_events_are_numpy_hidden_spikes_times_fan_out(quick, reference):
    d = quick.data
    events = reference["hidden_spikes"].mean(axis=1) * 10  # 10 output neurons per spike
    # the same Euler integration of the same drives: a count may differ by a spike only
    # where a potential sits at threshold within rounding (< 1 event per image on average)
    np.testing.assert_allclose(d["hidden_events/analog"], events, atol=10 / reference["n"] * 2)
    assert np.all(d["input_events/analog"] == 0)
    # the accuracy curve: at most 2 images differ at any readout (ties in the last bit)
    n = reference["n"]
    assert np.max(np.abs(d["accuracy/analog"] - reference["accuracy"])) * n / 100 <= 2 + 1e-9


def test_headline_energy_from_the_reference_counts(quick, reference):
    _check_headline(quick, reference)


@pytest.mark.slow
def test_full_run_headline_from_the_reference_counts():
    full = comp.run(quick=False, seed=0)
    _check_headline(full, numpy_reference(full))


def _check_headline(quick, reference):
    d = quick.data
    k = d["settled_index/analog"]
    assert k >= 0
    # by hand: the readout after the last one below ANN - 1 (the ANN from a forward pass)
    below = np.flatnonzero(d["accuracy/analog"] < reference["ann"] - 1)
    assert k == (0 if below.size == 0 else below[-1] + 1)
    assert settled_time(d["times_ms/analog"], d["accuracy/analog"], reference["ann"] - 1)[1] == k
    # (6,400 MACs x 4.6 pJ + events x 0.9 pJ) / (7,400 MACs x 4.6 pJ), events from numpy
    events = reference["hidden_spikes"][k].mean() * 10
    expected = (6400 * 4.6 + events * 0.9) / (7400 * 4.6)
    headline = next(c for c in quick.claims if c.key)
    assert headline.unit == "x"
    assert headline.value == pytest.approx(expected, abs=2 * 10 / reference["n"] * 0.9 / 34040)
    second = next(c for c in quick.claims if "hidden to output" in c.statement)
    assert second.value == pytest.approx(events * 0.9 / (1000 * 4.6), rel=0.01)


def test_poisson_pixel_events_match_their_expectation(quick, reference):
    d = quick.data
    rate = _plain(quick, "input_rate")
    t = d["times_ms/poisson"] * 1e-3
    # each pixel x fires x * rate spikes per second, each reaching 100 hidden neurons
    expected = 100 * reference["X"].sum(axis=1).mean() * rate * t
    # total pixel spikes over all images are Poisson: sd = sqrt(mean); 5 sd per image
    sd = 100 * np.sqrt(expected / 100 * reference["n"]) / reference["n"]
    assert np.all(np.abs(d["input_events/poisson"] - expected) <= 5 * sd + 1e-9)
    # pixel spikes are most of the Poisson network's events (a pixel reaches 100 neurons,
    # a hidden neuron 10)
    assert d["input_share/poisson"] > 0.8


def test_plot_shows_the_counts(quick):
    d = quick.data
    fig = comp.plot(quick)
    ax = fig.axes[0]
    ann = next(li for li in ax.get_lines() if li.get_label().startswith("ANN"))
    np.testing.assert_allclose(ann.get_ydata(), d["energy_ann_nJ"])
    analog = next(li for li in ax.get_lines() if "analog" in li.get_label())
    np.testing.assert_allclose(analog.get_xdata(), d["times_ms/analog"])
    np.testing.assert_allclose(analog.get_ydata(), d["energy_nJ/analog"])
    assert ax.get_xlim()[1] >= max(d["times_ms/analog"][-1], d["times_ms/poisson"][-1])
    heights = [p.get_height() for p in fig.axes[2].patches]
    np.testing.assert_allclose(heights[:2], d["energy_ann_layers_nJ"])
    np.testing.assert_allclose(heights[2:4], d["energy_layers_nJ/analog"])


def test_a_lower_input_rate_halves_the_pixel_events(quick):
    rate = _plain(quick, "input_rate")
    half = comp.run(quick=True, seed=0, input_rate=rate / 2 * Hz)
    ratio = half.data["input_events/poisson"][-1] / quick.data["input_events/poisson"][-1]
    # two independent Poisson totals of ~10^5 spikes each: the ratio is 1/2 within 2 %
    assert ratio == pytest.approx(0.5, rel=0.02)
    # the analog network does not depend on the Poisson rate
    np.testing.assert_array_equal(
        half.data["hidden_events/analog"], quick.data["hidden_events/analog"]
    )


def test_same_seed_same_numbers(quick):
    again = comp.run(quick=True, seed=0)
    np.testing.assert_array_equal([c.value for c in again.claims], [c.value for c in quick.claims])
