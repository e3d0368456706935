"""deep_network_as_spikes: every plotted number against a numpy re-simulation or closed form.

The reference simulation below is written here from the papers' definitions, not from
neurosim's conversion code: data-based weight normalisation (Diehl et al. 2015;
Rueckauer et al. 2017: layer l's activations scaled by their 99.9th percentile
lambda_l, which fires at the maximal rate), integrate-and-fire neurons with reset by
subtraction, Euler steps in the order Brian2 documents for one step (state update,
threshold, spike delivery, reset). A readout at time T counts the output spikes of every
step before T and breaks ties by the membrane potential at T. The LIF neurons are checked
against Lapicque's closed-form rate instead.

The headline time is checked with a pool-adjacent-violators isotonic regression written
here (Ayer et al. 1955): the least-squares non-increasing curve through the accuracy
deficit, read where it reaches the 1-point margin. Its tolerances follow from one
property of isotonic regression: it is non-expansive in the largest difference (the fit
is min over s of max over u of block means, and each block mean moves by at most the
largest change of the data), so a deficit changed by at most k images at every readout
moves the fit by at most k images, and the time stays between the readouts where the
original fit reaches margin + k and margin - k images.
"""

from dataclasses import is_dataclass

import numpy as np
import pytest

from neurosim.artificial.digits import digit_classifier, digits_split
from neurosim.bridge.metrics import decreasing_fit, settling_time
from neurosim.comparisons import deep_network_as_spikes as comp
from neurosim.contract.module import check_figure, check_findings, check_module
from neurosim.units import Hz

PERCENTILE = 99.9


@pytest.fixture(scope="module")
def quick(quick_run):
    return quick_run(comp.NAME)[0]


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
        "correct": predictions == split.y_test,
        "ann_correct": np.argmax(hidden @ W2 + b2, axis=1) == split.y_test,
        "accuracy": 100 * np.mean(predictions == split.y_test, axis=1),
        "hidden_rates": counts1 / (n_steps * dt),
        "expected_rates": hidden * ref["rate_per_activation"],
        "drive1": split.X_test @ ref["drive_in"] + ref["bias1"],
        "ann": ann,
        "n": len(split.y_test),
        "T": n_steps * dt,
        "dt": dt,
    }


def test_module_keeps_the_contract(quick):
    assert check_module(comp) == []
    assert check_findings(comp, quick) == []
    assert check_figure(comp.plot(quick), quick) == []
    # the data plot() reads is one frozen dataclass: a misspelt field fails at once
    assert is_dataclass(quick.data) and type(quick.data).__dataclass_params__.frozen
    assert comp.CONVERSIONS[0] == "relu -> IF"  # the headline network is the first row
    for c in quick.claims:
        # a statement names its conditions, never the measured number
        assert f"{c.value:.3g}" not in c.statement
    keys = [c.aspect for c in quick.claims if c.key]
    assert sorted(keys) == sorted(set(keys)) == ["nonlinearity", "output code"]
    # random input (the split, the training) enters every claim: none is deterministic
    assert not any(c.deterministic for c in quick.claims)


def test_ann_accuracy_by_a_plain_forward_pass(quick, reference):
    # the ANN claim against argmax(relu(X W1 + b1) W2 + b2) computed here
    claim = quick.claims[0]
    assert claim.about == "artificial"
    assert claim.value == pytest.approx(reference["ann"], abs=1e-9)


def test_accuracy_over_time_matches_a_numpy_if_network(quick, reference):
    acc = quick.data.accuracy_percent[0]
    n = reference["n"]
    assert acc.shape == reference["accuracy"].shape
    # the two simulations may disagree on at most 2 of the test images at any readout:
    # the order of summing synaptic inputs differs, so a potential exactly at a tie can
    # differ in its last bit
    assert np.max(np.abs(acc - reference["accuracy"])) * n / 100 <= 2 + 1e-9
    # every readout is a whole number of test images
    np.testing.assert_allclose(acc * n / 100, np.round(acc * n / 100), atol=1e-9)


def pava_decreasing(y):
    """Least-squares non-increasing fit: pool adjacent violators, written here."""
    blocks = []  # [sum, count]
    for v in np.asarray(y, dtype=float):
        blocks.append([v, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] < blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    return np.concatenate([np.full(c, t / c) for t, c in blocks])


def first_within(times, correct, ann_correct, margin_images):
    """Readout time where the isotonic fit of the deficit (images) reaches the margin."""
    deficit = ann_correct.sum() - correct.sum(axis=1)
    fit = pava_decreasing(deficit)
    within = np.flatnonzero(fit <= margin_images + 1e-9)
    return (times[within[0]] if within.size else np.nan), fit


def bracket(times, fit, margin_images, k):
    """Earliest and latest time a deficit changed by <= k images can give (see top)."""
    early = np.flatnonzero(fit <= margin_images + k + 1e-9)
    late = np.flatnonzero(fit <= margin_images - k + 1e-9)
    return times[early[0]], (times[late[0]] if late.size else np.inf)


def test_headline_is_where_the_monotone_fit_reaches_one_point(quick, reference):
    d = quick.data
    claim = next(c for c in quick.claims if c.key and c.aspect == "output code")
    times, n = d.times_ms, reference["n"]
    margin = comp.MARGIN_POINTS * n / 100  # images
    # on the comparison's own per-image answers: exactly the fit written here
    mine, fit = first_within(times, d.correct, d.ann_correct, margin)
    assert claim.value == mine
    np.testing.assert_allclose(d.settled_fit_points, 100 * fit / n, atol=1e-9)
    np.testing.assert_array_equal(d.ann_correct, reference["ann_correct"])
    # on the numpy IF network's answers: they differ on at most 2 images per readout
    # (test_accuracy_over_time_matches_a_numpy_if_network), so its time lies within
    # the bracket of a deficit moved by 2 images
    theirs, _ = first_within(times, reference["correct"], reference["ann_correct"], margin)
    early, late = bracket(times, fit, margin, 2)
    assert early <= theirs <= late
    # the brain's budget is 30 ms; the quick run settles well before its 50 ms end
    assert times[0] < claim.value < times[-1]


def test_one_image_cannot_move_the_headline_far(quick):
    d = quick.data
    times, correct, ann = d.times_ms, d.correct, d.ann_correct
    n = ann.size
    t0, fit = first_within(times, correct, ann, n / 100)
    # every image left out, and every image counted twice: the deficit moves by at most
    # one image at every readout, so the time stays inside the 1-image bracket
    early, late = bracket(times, fit, n / 100, 1 + 0.01)  # + the margin's own n/100
    for k in range(n):
        keep = np.arange(n) != k
        out, _ = first_within(times, correct[:, keep], ann[keep], (n - 1) / 100)
        twice = np.concatenate([np.arange(n), [k]])
        dup, _ = first_within(times, correct[:, twice], ann[twice], (n + 1) / 100)
        assert early <= out <= late and early <= dup <= late, k
    # the bracket is narrow where the fit falls steeply through the margin
    assert early <= t0 <= late < times[-1]


def test_bootstrap_interval_by_hand(quick):
    d = quick.data
    times, correct, ann = d.times_ms, d.correct, d.ann_correct
    n = ann.size
    # the resamples the module draws, fitted one by one with the PAVA written here
    draws = np.random.default_rng(0).integers(0, n, size=(200, n))
    boot = []
    for rows in draws:
        t, _ = first_within(times, correct[:, rows], ann[rows], n / 100)
        boot.append(np.inf if np.isnan(t) else t)
    low, mid, high = np.quantile(boot, [0.025, 0.5, 0.975], method="inverted_cdf")
    s = settling_time(times, correct, ann, 1.0, resamples=200, seed=0)
    assert (s.low, s.median, s.high) == (low, mid, high)
    assert s.time == d.settled_ms
    # the figure's interval comes from the module's resamples and contains the estimate
    lo, hi = d.settled_interval_ms
    assert lo <= d.settled_ms <= hi


def test_settling_time_by_hand():
    # 4 items, 4 readouts; reference right on items 0-2 (75 %). Network right on:
    # t1: item 0; t2: items 0, 1; t3: 0, 1, 2; t4: 0, 1 (one lost again).
    times = np.array([1.0, 2, 3, 4])
    correct = np.array([[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 0, 0]], dtype=bool)
    ann = np.array([1, 1, 1, 0], dtype=bool)
    # deficit 2, 1, 0, 1 images: the non-increasing fit pools the last two: 2, 1, 0.5, 0.5
    np.testing.assert_allclose(decreasing_fit([2.0, 1, 0, 1]), [2, 1, 0.5, 0.5])
    # margin 25 points = 1 image: the fit reaches it at t2 (1 <= 1); margin 0.5 image:
    # at t3 (the raw deficit rises again at t4, so "the last readout above the margin"
    # would say the network never settles)
    assert settling_time(times, correct, ann, 25.0, resamples=10).time == 2.0
    assert settling_time(times, correct, ann, 12.5, resamples=10).time == 3.0
    never = settling_time(times, correct, ann, 0.0, resamples=10)
    assert np.isnan(never.time) and never.index == -1
    with pytest.raises(ValueError, match="'times'"):
        settling_time(times[::-1], correct, ann, 1.0)
    with pytest.raises(ValueError, match="'reference_correct'"):
        settling_time(times, correct[:, :3], ann, 1.0)


def test_hidden_if_rates_match_the_numpy_network(quick, reference):
    d = quick.data
    pick = d.pick[0]
    # the same Euler integration of the same constant drive: the counts agree up to a
    # threshold sitting within rounding error (at most 1 spike)
    measured = d.measured_Hz[0]
    np.testing.assert_allclose(
        measured, reference["hidden_rates"].ravel()[pick], atol=1 / reference["T"] + 1e-9
    )
    np.testing.assert_allclose(
        d.expected_Hz[0], reference["expected_rates"].ravel()[pick], rtol=1e-9
    )
    # the RMS claim against the numpy network's rates and the activations as rates
    rms = np.sqrt(np.mean((reference["hidden_rates"] - reference["expected_rates"]) ** 2))
    claim = next(c for c in quick.claims if c.unit == "Hz")
    assert claim.value == pytest.approx(rms, abs=1 / reference["T"] / np.sqrt(len(pick)))
    # and the rule's bound holds for the reference too: a count misses < 1 spike
    assert rms <= 1 / reference["T"]


def test_lif_rates_follow_the_closed_form(quick, reference):
    d = quick.data
    i = comp.CONVERSIONS.index("relu -> LIF")
    pick = d.pick[i]
    drive = reference["drive1"].ravel()[pick]  # thresholds per second, same normalisation
    tau, t_ref, T, dt = 0.020, comp.LIF_T_REF_MS * 1e-3, reference["T"], reference["dt"]
    # Lapicque: r = 1 / (t_ref + tau ln(d tau / (d tau - 1))) above the rheobase d tau = 1
    above = drive * tau > 1
    theory = np.zeros_like(drive)
    theory[above] = 1 / (t_ref + tau * np.log(drive[above] * tau / (drive[above] * tau - 1)))
    # a count over T misses < 1 spike, and Euler steps stretch each interval by up to two
    # steps (threshold crossing and end of refractoriness land on the grid): r^2 * 2 dt
    tol = 1 / T + theory**2 * 2 * dt + 1e-9
    assert np.all(np.abs(d.measured_Hz[i] - theory) <= tol)
    # the leak costs the ReLU-trained network rate: the fitted slope lies well below 1
    assert d.rate_slope[i] < 0.8
    # the soft-LIF network on its own neurons keeps its rates (slope within 10 % of 1)
    assert d.rate_slope[comp.CONVERSIONS.index("soft LIF -> LIF")] == pytest.approx(1.0, abs=0.1)


def test_plot_draws_the_measured_curve(quick):
    fig = comp.plot(quick)
    ax = fig.axes[0]
    line = next(li for li in ax.get_lines() if li.get_label() == "spiking network")
    np.testing.assert_allclose(line.get_xdata(), quick.data.times_ms)
    np.testing.assert_allclose(line.get_ydata(), quick.data.accuracy_percent[0])
    assert ax.get_ylabel() == "test accuracy (%)"
    assert ax.get_xlim()[1] == pytest.approx(quick.data.times_ms[-1])


def test_a_lower_max_rate_halves_the_hidden_rates(quick):
    half = comp.run(quick=True, seed=0, max_rate=_plain(quick, "max_rate") / 2 * Hz)
    T = _plain(quick, "duration") * 1e-3
    full_rate = np.mean(quick.data.measured_Hz[0])
    half_rate = np.mean(half.data.measured_Hz[0])
    # rates are proportional to max_rate; each count can lose < 1 spike over T
    assert half_rate == pytest.approx(full_rate / 2, abs=1 / T)
    assert half.settings["parameters"]["max_rate"]["value"] == _plain(quick, "max_rate") / 2


@pytest.mark.slow
def test_full_run_settles_within_the_run():
    full = comp.run(quick=False, seed=0)
    claim = next(c for c in full.claims if c.key and c.aspect == "output code")
    assert np.isfinite(claim.value) and claim.value < full.data.duration_ms
