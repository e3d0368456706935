"""deep_network_as_spikes: every plotted number against a numpy re-simulation or closed form.

The reference simulation below is written here from the papers' definitions, not from
neurosim's conversion code: data-based weight normalisation (Diehl et al. 2015;
Rueckauer et al. 2017: layer l's activations scaled by their 99.9th percentile
lambda_l, which fires at the maximal rate), integrate-and-fire neurons with reset by
subtraction, Euler steps in the order Brian2 documents for one step (state update,
threshold, spike delivery, reset). A readout at time T counts the output spikes of every
step before T and breaks ties by the membrane potential at T. The LIF neurons are checked
against Lapicque's closed-form rate instead.
"""

import numpy as np
import pytest

from comparisons import deep_network_as_spikes as comp
from neurosim.compare.energy import settled_time
from neurosim.comparison import check_module
from neurosim.digits import digit_classifier, digits_split
from neurosim.units import Hz

PERCENTILE = 99.9


@pytest.fixture(scope="module")
def quick():
    return comp.run(quick=True, seed=0)


def _plain(findings, name):
    return findings.settings["parameters"][name]["value"]


def reference_network(net, X_train, max_rate):
    """Drives (thresholds per second) and jumps of the IF network, from the weights."""
    W1, W2 = net.weights
    b1, b2 = net.biases
    hidden = np.maximum(0.0, X_train @ W1 + b1)
    lam1 = np.percentile(hidden, PERCENTILE)
    logits = hidden @ W2 + b2
    shift = max(0.0, -np.percentile(logits.max(axis=1), 1.0)) + 1e-9
    lam2 = np.percentile(logits.max(axis=1) + shift, PERCENTILE)
    return {
        "drive_in": W1 * max_rate / lam1,
        "bias1": b1 * max_rate / lam1,
        "jump2": W2 * lam1 / lam2,
        "bias2": (b2 + shift) * max_rate / lam2,
        "rate_per_activation": max_rate / lam1,
    }


def numpy_if_network(X, ref, dt, n_steps, every):
    """Predictions at every readout and hidden spike counts over the run."""
    drive1 = X @ ref["drive_in"] + ref["bias1"]
    v1 = np.zeros_like(drive1)
    v2 = np.zeros((X.shape[0], ref["jump2"].shape[1]))
    counts2 = np.zeros_like(v2)
    counts1 = np.zeros_like(v1)
    predictions = []
    for step in range(n_steps + 1):
        if step > 0 and step % every == 0:
            predictions.append(np.argmax(counts2 + np.clip(v2, -1.0, 1.0), axis=1))
        if step == n_steps:
            break
        v1 = v1 + dt * drive1
        v2 = v2 + dt * ref["bias2"]
        s1, s2 = v1 >= 1.0, v2 >= 1.0
        v2 = v2 + s1.astype(float) @ ref["jump2"]
        counts1 += s1
        counts2 += s2
        v1 = np.where(s1, v1 - 1.0, v1)
        v2 = np.where(s2, v2 - 1.0, v2)
    return np.array(predictions), counts1


@pytest.fixture(scope="module")
def reference(quick):
    split = digits_split(0)
    net = digit_classifier("relu", seed=0, epochs=_plain(quick, "epochs"))
    ref = reference_network(net, split.X_train, _plain(quick, "max_rate"))
    dt = _plain(quick, "dt") * 1e-3
    n_steps = round(_plain(quick, "duration") * 1e-3 / dt)
    every = round(comp.READOUT_MS * 1e-3 / dt)
    predictions, counts1 = numpy_if_network(split.X_test, ref, dt, n_steps, every)
    W1, W2 = net.weights
    b1, b2 = net.biases
    hidden = np.maximum(0.0, split.X_test @ W1 + b1)
    ann = 100 * np.mean(np.argmax(hidden @ W2 + b2, axis=1) == split.y_test)
    return {
        "accuracy": 100 * np.mean(predictions == split.y_test, axis=1),
        "hidden_rates": counts1 / (n_steps * dt),
        "expected_rates": hidden * ref["rate_per_activation"],
        "drive1": split.X_test @ ref["drive_in"] + ref["bias1"],
        "ann": ann,
        "n": len(split.y_test),
        "T": n_steps * dt,
        "dt": dt,
    }


def test_module_keeps_the_contract_and_rules_decide(quick):
    assert check_module(comp) == []
    for c in quick.claims:
        assert c.verdict == c.rule.verdict(c.value)
        # a statement names its conditions, never the measured number
        assert f"{c.value:.3g}" not in c.statement
    keys = [c.aspect for c in quick.claims if c.key]
    assert sorted(keys) == sorted(set(keys)) == ["nonlinearity", "output code"]


def test_ann_accuracy_by_a_plain_forward_pass(quick, reference):
    # the ANN claim against argmax(relu(X W1 + b1) W2 + b2) computed here
    claim = quick.claims[0]
    assert claim.about == "artificial"
    assert claim.value == pytest.approx(reference["ann"], abs=1e-9)


def test_accuracy_over_time_matches_a_numpy_if_network(quick, reference):
    acc = quick.data["accuracy/relu -> IF"]
    n = reference["n"]
    assert acc.shape == reference["accuracy"].shape
    # the two simulations may disagree on at most 2 of the test images at any readout:
    # the order of summing synaptic inputs differs, so a potential exactly at a tie can
    # differ in its last bit
    assert np.max(np.abs(acc - reference["accuracy"])) * n / 100 <= 2 + 1e-9
    # every readout is a whole number of test images
    np.testing.assert_allclose(acc * n / 100, np.round(acc * n / 100), atol=1e-9)


def test_headline_is_the_time_the_curve_stays_within_one_point(quick, reference):
    d = quick.data
    claim = next(c for c in quick.claims if c.key and c.aspect == "output code")
    times, acc = d["times_ms"], d["accuracy/relu -> IF"]
    # by hand: the first readout after the last one below ANN - 1
    below = np.flatnonzero(acc < reference["ann"] - 1)
    expected = times[0] if below.size == 0 else times[below[-1] + 1]
    assert claim.value == expected
    assert np.all(acc[times >= claim.value] >= reference["ann"] - 1)


def test_settled_time_by_hand():
    # within at 10 ms, out again at 15 ms, within from 20 ms on
    times, acc = np.array([5.0, 10, 15, 20]), np.array([90.0, 97, 95, 97.5])
    assert settled_time(times, acc, 96.0) == (20.0, 3)
    assert settled_time(times, acc, 89.0) == (5.0, 0)
    t, k = settled_time(times, acc, 98.0)
    assert np.isnan(t) and k == -1


def test_hidden_if_rates_match_the_numpy_network(quick, reference):
    d = quick.data
    pick = d["pick/relu -> IF"]
    # the same Euler integration of the same constant drive: the counts agree up to a
    # threshold sitting within rounding error (at most 1 spike)
    measured = d["measured/relu -> IF"]
    np.testing.assert_allclose(
        measured, reference["hidden_rates"].ravel()[pick], atol=1 / reference["T"] + 1e-9
    )
    np.testing.assert_allclose(
        d["expected/relu -> IF"], reference["expected_rates"].ravel()[pick], rtol=1e-9
    )
    # the RMS claim against the numpy network's rates and the activations as rates
    rms = np.sqrt(np.mean((reference["hidden_rates"] - reference["expected_rates"]) ** 2))
    claim = next(c for c in quick.claims if c.unit == "Hz")
    assert claim.value == pytest.approx(rms, abs=1 / reference["T"] / np.sqrt(len(pick)))
    # and the rule's bound holds for the reference too: a count misses < 1 spike
    assert rms <= 1 / reference["T"]


def test_lif_rates_follow_the_closed_form(quick, reference):
    d = quick.data
    name = "relu -> LIF"
    pick = d[f"pick/{name}"]
    drive = reference["drive1"].ravel()[pick]  # thresholds per second, same normalisation
    tau, t_ref, T, dt = 0.020, comp.LIF_T_REF_MS * 1e-3, reference["T"], reference["dt"]
    # Lapicque: r = 1 / (t_ref + tau ln(d tau / (d tau - 1))) above the rheobase d tau = 1
    above = drive * tau > 1
    theory = np.zeros_like(drive)
    theory[above] = 1 / (t_ref + tau * np.log(drive[above] * tau / (drive[above] * tau - 1)))
    # a count over T misses < 1 spike, and Euler steps stretch each interval by up to two
    # steps (threshold crossing and end of refractoriness land on the grid): r^2 * 2 dt
    tol = 1 / T + theory**2 * 2 * dt + 1e-9
    assert np.all(np.abs(d[f"measured/{name}"] - theory) <= tol)
    # the leak costs the ReLU-trained network rate: the fitted slope lies well below 1
    assert d[f"rate_slope/{name}"] < 0.8
    # the soft-LIF network on its own neurons keeps its rates (slope within 10 % of 1)
    assert d["rate_slope/soft LIF -> LIF"] == pytest.approx(1.0, abs=0.1)


def test_plot_draws_the_measured_curve(quick):
    fig = comp.plot(quick)
    ax = fig.axes[0]
    line = next(li for li in ax.get_lines() if li.get_label() == "spiking network")
    np.testing.assert_allclose(line.get_xdata(), quick.data["times_ms"])
    np.testing.assert_allclose(line.get_ydata(), quick.data["accuracy/relu -> IF"])
    assert ax.get_ylabel() == "test accuracy (%)"
    assert ax.get_xlim()[1] == pytest.approx(quick.data["times_ms"][-1])


def test_a_lower_max_rate_halves_the_hidden_rates(quick):
    half = comp.run(quick=True, seed=0, max_rate=_plain(quick, "max_rate") / 2 * Hz)
    T = _plain(quick, "duration") * 1e-3
    full_rate = np.mean(quick.data["measured/relu -> IF"])
    half_rate = np.mean(half.data["measured/relu -> IF"])
    # rates are proportional to max_rate; each count can lose < 1 spike over T
    assert half_rate == pytest.approx(full_rate / 2, abs=1 / T)
    assert half.settings["parameters"]["max_rate"]["value"] == _plain(quick, "max_rate") / 2


def test_same_seed_same_numbers(quick):
    again = comp.run(quick=True, seed=0)
    assert [c.value for c in again.claims] == [c.value for c in quick.claims]


@pytest.mark.slow
def test_full_run_settles_within_the_run():
    full = comp.run(quick=False, seed=0)
    claim = next(c for c in full.claims if c.key and c.aspect == "output code")
    assert np.isfinite(claim.value) and claim.value < full.data["duration_ms"]
