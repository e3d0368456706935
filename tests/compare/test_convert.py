"""ANN -> SNN conversion: spiking rates against closed forms, replica wiring, errors."""

import warnings

import numpy as np
import pytest
from brian2 import Hz, ms, second

from neurosim.artificial import DeepNetwork, LIFRate
from neurosim.bridge.convert import ConversionWarning, convert, simulate_converted


def _net(hidden, W1, b1, W2, b2):
    net = DeepNetwork([W1.shape[0], W1.shape[1], W2.shape[1]], hidden=hidden, seed=0)
    return net.set_parameters([W1, W2], [b1, b2])


RNG = np.random.default_rng(7)
X = RNG.uniform(0, 1, size=(6, 3))
W1 = RNG.normal(0.8, 0.5, size=(3, 4))
b1 = np.array([0.1, -0.2, 0.3, 0.0])
W2 = RNG.normal(0, 1, size=(4, 2))
b2 = np.array([0.0, 0.1])


def test_if_neurons_fire_at_the_normalised_activation():
    # IF neuron, reset by subtraction, constant drive D (thresholds/s): exactly floor(D T)
    # spikes in T (up to one step of discretisation), so rate = relu(z) / s with
    # s = lambda / max_rate. Known truth: the ANN's own activations.
    net = _net("relu", W1, b1, W2, b2)
    snn = convert(net, X, max_rate=200 * Hz)
    res = snn.run(X, 1 * second, dt=0.1 * ms)
    expected = res.expected_rates[0]
    np.testing.assert_allclose(res.layer_rates[0], np.floor(expected * 1.0), atol=1.0 + 1e-9)
    lam = np.percentile(net.layer_activations(X)[0], 99.9)
    np.testing.assert_allclose(expected, net.layer_activations(X)[0] * 200 / lam)


def test_rate_matched_lif_neurons_follow_the_lif_closed_form():
    # A network with lif_rate units: the first hidden layer gets its input z as a constant
    # current in rheobase units, so each neuron must fire at the closed-form LIF rate
    # 1 / (t_ref + tau ln(z / (z - 1))): within 2 % or 1 Hz at dt = 0.1 ms
    # (Nengo's LIF test uses the same tolerance).
    W = np.full((3, 4), 1.0)
    b = np.array([-0.5, 0.2, 1.0, 3.0])  # z = sum(x) + b: below and above threshold
    net = _net("lif_rate", W, b, W2, b2)
    snn = convert(net, X)
    res = snn.run(X, 1 * second, dt=0.1 * ms)
    z = X @ W + b
    theory = LIFRate().rate(z)
    measured = res.layer_rates[0]
    assert np.all(np.abs(measured - theory) <= np.maximum(0.02 * theory, 1.0))
    np.testing.assert_allclose(res.expected_rates[0], theory)
    assert (theory > 10).sum() >= 10 and (theory == 0).any()


def test_several_networks_in_one_run_equal_each_alone():
    nets = [_net("relu", W1, b1, W2, b2), _net("relu", 1.3 * W1, b1, W2, b2)]
    snns = [convert(n, X) for n in nets]
    together = simulate_converted(snns, X, 200 * ms)
    for snn, joint in zip(snns, together):
        alone = snn.run(X, 200 * ms)
        np.testing.assert_array_equal(alone.output_counts, joint.output_counts)
        np.testing.assert_array_equal(alone.layer_rates[0], joint.layer_rates[0])
        np.testing.assert_array_equal(alone.predictions, joint.predictions)


def test_readout_converges_to_the_ann_decision():
    net = _net("relu", W1, b1, W2, b2)
    res = convert(net, X).run(X, 500 * ms)
    np.testing.assert_array_equal(res.predictions[-1], net.predict(X))
    assert res.output_counts.shape == (100, 6, 2)
    assert np.all(np.diff(res.output_counts, axis=0) >= 0)  # counts only grow


def test_bad_input_is_named():
    trained = _net("relu", W1, b1, W2, b2)
    with pytest.raises(ValueError, match="'network' parameter of convert must be a trained"):
        convert(DeepNetwork([3, 4, 2], hidden="relu"), X)
    with pytest.raises(ValueError, match=r"'network'.*tanh units"):
        convert(_net("tanh", W1, b1, W2, b2), X)
    with pytest.raises(ValueError, match=r"'X_calibration'.*3 columns"):
        convert(trained, np.zeros((5, 4)))
    snn = convert(trained, X)
    with pytest.raises(ValueError, match=r"'X'.*3 columns"):
        snn.run(np.zeros((2, 5)), 100 * ms)
    with pytest.raises(ValueError, match=r"'duration'.*> 0"):
        snn.run(X, 0 * ms)
    with pytest.raises(TypeError, match=r"'duration'.*Did you forget the unit"):
        snn.run(X, 100)


def test_a_silent_layer_is_named_in_a_warning():
    # hidden biases so negative that no neuron reaches threshold within 20 ms, although
    # the ANN calls them active: the diagnostics must say which layer is silent
    net = _net("relu", W1, b1, W2, b2)
    snn = convert(net, X, max_rate=10 * Hz)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = snn.run(X, 20 * ms)
    messages = [str(w.message) for w in caught if issubclass(w.category, ConversionWarning)]
    assert any("hidden layer 1" in m and "silent" in m for m in messages)
    assert res.diagnostics


def test_poisson_inputs_give_the_same_mean_drive():
    # Poisson pixels at x * R through synapses of weight D_ij / R (D: drive per unit x)
    # deliver the same mean drive as constant currents. An IF neuron with reset by
    # subtraction counts its integrated input, so its count differs from the constant-
    # current count by the input noise: SD = sqrt(sum_i D_ij^2 x_i T / R) (Poisson counts
    # n_i with variance x_i R T, each weighted D_ij / R). Checked within 4 SD + 1 spike.
    net = _net("relu", W1, b1, W2, b2)
    snn = convert(net, X)
    # SD grows as sqrt(T), so the bound is derived for any T; at 1 s the active neurons
    # count 34-250 spikes with SD 3.4-6.6 (the + 1 for the time grid is under a third of one)
    T, R = 1.0, 400.0
    exact = snn.run(X, T * second)
    noisy = simulate_converted([snn], X, T * second, inputs="poisson", input_rate=R * Hz, seed=1)[0]
    active = exact.layer_rates[0] > 0
    diff = (noisy.layer_rates[0] - exact.layer_rates[0]) * T
    sd = np.sqrt((X * T / R) @ snn.input_drive**2)
    assert np.all(np.abs(diff[active]) <= 4 * sd[active] + 1)
    assert np.abs(diff[active]).max() > 0.3 * sd[active].mean()  # the noise is really there
    with pytest.raises(ValueError, match="values in"):
        simulate_converted([snn], X * 2, 10 * ms, inputs="poisson")


def test_synaptic_events_count_spikes_times_fan_out():
    # events = sum over layers of (spikes so far) x (synapses per neuron); by hand from
    # the spike rates over the whole run: hidden spikes reach every output neuron.
    net = _net("relu", W1, b1, W2, b2)
    res = convert(net, X).run(X, 400 * ms)
    hidden_spikes = res.layer_rates[0].sum(axis=1) * 0.4
    np.testing.assert_allclose(res.layer_counts[0][-1], hidden_spikes)
    np.testing.assert_allclose(res.synaptic_events()[-1], hidden_spikes * 2)
    assert res.fan_out == [2, 0]
    assert np.all(np.diff(res.synaptic_events(), axis=0) >= 0)
    poisson_run = simulate_converted([convert(net, X)], X, 100 * ms, inputs="poisson")[0]
    # with Poisson pixels, every input spike also reaches the 4 hidden neurons
    assert np.all(poisson_run.input_events[-1] > 0)
    np.testing.assert_allclose(poisson_run.input_events % 4, 0)


def test_one_input_rate_per_network():
    # the same network at 100 Hz and 400 Hz input: 4x the input spikes, so 4x the input
    # events (Poisson counts of means ~ 0.2 s * x * rate * 6 samples * 3 inputs: within 15 %)
    net = _net("relu", W1, b1, W2, b2)
    snns = [convert(net, X), convert(net, X)]
    slow, fast = simulate_converted(snns, X, 200 * ms, inputs="poisson", input_rate=[100, 400] * Hz)
    ratio = fast.input_events[-1].sum() / slow.input_events[-1].sum()
    assert ratio == pytest.approx(4.0, rel=0.15)
    with pytest.raises(ValueError, match="'input_rate'"):
        simulate_converted(snns, X, 10 * ms, inputs="poisson", input_rate=[1, 2, 3] * Hz)
