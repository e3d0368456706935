"""predictive_coding: every plotted number and claim against a truth outside the code under test.

Truths used: both training runs re-simulated here in plain numpy (Glorot initial weights,
the fit's mini-batch order, SGD, and the settling written out layer by layer), the
closed form's binomial sums worked by hand, the exact first settling step (only the
output's error has arrived, so the cosine is |dW_out| / |dW|), the settling price counted
here from the plotted curves, and the first-order law of the nudge. The package's own
truths (finite differences, a hand-worked example) are in
tests/artificial/test_predictive_coding.py.
"""

import itertools

import numpy as np
import pytest

from neurosim.artificial.digits import digits_split
from neurosim.comparisons import predictive_coding as comp
from neurosim.contract.module import check_figure, check_findings, check_module


@pytest.fixture(scope="module")
def quick(quick_run):
    return quick_run(comp.NAME)[0]


@pytest.fixture(scope="module")
def frozen():
    """No settling: no error reaches any node, so predictive coding never learns."""
    return comp.run(quick=True, seed=0, epochs=1, settling_steps=0)


def _claim(findings, label):
    (match,) = [c for c in findings.claims if c.label == label]
    return match


# --- the contract ------------------------------------------------------------------------------


def test_module_claims_and_figure_keep_the_contract(quick):
    assert check_module(comp) == []
    assert check_findings(comp, quick) == []
    assert check_figure(comp.plot(quick), quick) == []
    keys = [c for c in quick.claims if c.key]
    assert {c.aspect for c in keys} == {"learning"} and len(keys) == 2
    assert all(c.verdict == "holds" for c in quick.claims if c.about != "analogy")


def test_same_seed_same_numbers_and_the_parameters_change_them(quick, frozen):
    again = comp.run(quick=True, seed=0, epochs=1, settling_steps=0)
    assert [c.value for c in again.claims] == [c.value for c in frozen.claims]
    np.testing.assert_array_equal(again.data.cosine_trained, frozen.data.cosine_trained)
    # without settling the update is 0: the network keeps its initial weights
    d = frozen.data
    assert np.all(d.training_cosine == 0.0)
    assert d.pc_curve[-1] < 20.0  # near chance (10 %)
    assert _claim(frozen, "predictive coding vs backprop, digits").verdict == "fails"
    assert [c.statement for c in frozen.claims] == [c.statement for c in quick.claims]
    assert [c.value for c in frozen.claims] != [c.value for c in quick.claims]


# --- training, re-simulated in plain numpy -------------------------------------------------------


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _initial(seed, sizes=(64, 100, 10)):
    """Glorot-uniform weights drawn layer by layer, zero biases (DeepNetwork's documented
    initialisation for logistic hidden units)."""
    rng = np.random.default_rng(seed)
    weights = []
    for n_in, n_out in itertools.pairwise(sizes):
        limit = np.sqrt(6.0 / (n_in + n_out))
        weights.append(rng.uniform(-limit, limit, size=(n_in, n_out)))
    return weights, [np.zeros(n) for n in sizes[1:]]


def _backprop(W, b, X, T):
    a1 = _sigmoid(X @ W[0] + b[0])
    d2 = (_softmax(a1 @ W[1] + b[1]) - T) / len(X)
    d1 = (d2 @ W[1].T) * a1 * (1 - a1)
    return [X.T @ d1, a1.T @ d2], [d1.sum(0), d2.sum(0)]


def _predictive_coding(W, b, X, T, steps, rate, beta):
    z1 = X @ W[0] + b[0]
    x1, x2 = z1.copy(), _sigmoid(z1) @ W[1] + b[1]
    for _ in range(steps + 1):
        f1 = _sigmoid(x1)
        e1 = x1 - z1
        e2 = x2 - (f1 @ W[1] + b[1])
        if _ == steps:
            break
        dx1 = -e1 + f1 * (1 - f1) * (e2 @ W[1].T)
        dx2 = -e2 - beta * (_softmax(x2) - T)
        x1, x2 = x1 + rate * dx1, x2 + rate * dx2
    scale = -1.0 / (beta * len(X))
    return [scale * X.T @ e1, scale * f1.T @ e2], [scale * e1.sum(0), scale * e2.sum(0)]


def _train(split, seed, epochs, learning_rate, update):
    W, b = _initial(seed)
    X, y = split.X_train, split.y_train
    T = np.eye(10)[y]
    rng = np.random.default_rng(seed)  # the fit's mini-batch order
    curve = []
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(y), comp.BATCH):
            idx = order[start : start + comp.BATCH]
            dW, db = update(W, b, X[idx], T[idx])
            W = [w - learning_rate * g for w, g in zip(W, dW)]
            b = [v - learning_rate * g for v, g in zip(b, db)]
        logits = _sigmoid(split.X_test @ W[0] + b[0]) @ W[1] + b[1]
        curve.append(100 * np.mean(np.argmax(logits, axis=1) == split.y_test))
    return np.array(curve)


def test_both_learning_curves_match_a_plain_numpy_training(quick):
    d = quick.data
    p = {k: v["value"] for k, v in quick.settings["parameters"].items()}
    split = digits_split(0)
    backprop = _train(split, 0, p["epochs"], p["learning_rate"], _backprop)

    def pc(W, b, X, T):
        return _predictive_coding(W, b, X, T, p["settling_steps"], p["inference_rate"], p["nudge"])

    predictive = _train(split, 0, p["epochs"], p["learning_rate"], pc)
    # one test image is 0.28 points; the two codes differ only in rounding, which may at
    # most flip one image that sits on a decision boundary
    one_image = 100 / len(split.y_test)
    assert np.abs(d.backprop_curve - backprop).max() <= one_image + 1e-9
    assert np.abs(d.pc_curve - predictive).max() <= one_image + 1e-9
    assert len(d.pc_curve) == p["epochs"] == 5
    value = _claim(quick, "predictive coding vs backprop, digits").value
    assert value == pytest.approx(d.pc_curve[-1] - d.backprop_curve[-1], abs=1e-12)
    assert value * d.n_test / 100 == pytest.approx(round(value * d.n_test / 100), abs=1e-9)


# --- settling ------------------------------------------------------------------------------------


def test_the_first_step_reaches_only_the_output(quick):
    # after one step only the output's error node is nonzero and it equals -rate * beta *
    # (p - t) exactly: the update is backprop's output-layer gradient times rate * beta /
    # beta, and 0 below, so cos = |dW_out| / |dW| exactly, which the closed form gives too
    d = quick.data
    np.testing.assert_allclose(d.cosine_init[1], d.cosine_theory[1], rtol=1e-9)
    assert np.all(d.cosine_init[0] == 0.0)
    assert np.all(d.settled_init[1] == 0.0)


def test_the_price_is_counted_from_the_plotted_curves(quick):
    d = quick.data

    def first_settled(curve):  # the first step from which the median stays >= 95 %
        median = np.median(curve, axis=1)
        t = len(median)
        while t > 0 and median[t - 1] >= 0.95:
            t -= 1
        return t

    assert d.price_init == first_settled(d.settled_init)
    assert d.price_trained == first_settled(d.settled_trained)
    # closed form at rate 0.2, worked by hand in tests/artificial/test_predictive_coding.py
    assert d.inference_rate == 0.2 and d.price_theory == 22
    assert np.all(d.settled_init[-1] == 1.0) and np.all(d.settled_trained[-1] == 1.0)
    time = _claim(quick, "settling time per example")
    assert time.value == pytest.approx(d.price_trained * 0.2 * 20.0)
    steps = _claim(quick, "settling vs closed form, initial weights")
    assert steps.value == d.price_check
    assert abs(d.price_check - d.price_init) <= 1  # the training nudge 0.1 is gentle too
    # the learned weights couple the layers more strongly: they settle more slowly
    assert d.price_trained > d.price_init >= d.price_theory


def test_training_cosine_is_the_trace_at_the_training_steps(quick):
    d = quick.data
    np.testing.assert_array_equal(d.training_cosine, d.cosine_trained[d.settling_steps])
    claim = _claim(quick, "predictive-coding update vs the gradient")
    assert claim.value == pytest.approx(np.median(d.training_cosine))


def test_the_deviation_falls_in_proportion_to_the_nudge(quick):
    d = quick.data
    assert list(d.nudges) == [0.001, 0.01, 0.1, 1.0, 10.0]
    dev = np.median(d.nudge_deviation_init, axis=1)
    # first order: ten times the nudge, ten times the deviation (the second-order term is
    # of the deviation's own relative size, 1e-2 at most here)
    assert dev[1] / dev[0] == pytest.approx(10.0, rel=0.05)
    assert np.all(np.diff(dev) > 0) and np.all(np.diff(np.median(d.nudge_deviation_trained, 1)) > 0)
    limit = _claim(quick, "exact limit: tiny nudge, settled")
    assert limit.value == pytest.approx(
        max(dev[0], np.median(d.nudge_deviation_trained[0])), rel=1e-12
    )
    # the settled cosine at the smallest nudge is 1 to within the square of the deviation
    assert np.all(1 - d.nudge_cosine_init[0] <= dev[0] ** 2)
