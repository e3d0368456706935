"""Predictive coding against truths outside the code under test.

Truths used: a two-layer example worked by hand (below), central finite differences of a
loss and of the settling energy written here in numpy, the package's backprop (itself
checked against finite differences in test_network.py), a plain numpy simulation of leaky
stages in cascade, and the binomial sums of the closed form worked by hand.
"""

import math

import numpy as np
import pytest

from neurosim.artificial import (
    DeepNetwork,
    PredictiveCoding,
    cascade_cosine,
    nudge_sweep,
    settled_fraction,
    settling_trace,
    steps_to_settle,
)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _network(sizes, seed=0, output="softmax"):
    return DeepNetwork(sizes, hidden="sigmoid", output=output, seed=seed)


def _data(n_in, n_classes, n, seed=1):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 1, (n, n_in)), rng.integers(0, n_classes, n)


# --- a two-layer example worked by hand -------------------------------------------------------


def test_hand_worked_two_layer_example():
    # Network 1-1-1: x0 = 1, hidden z = W0 x0 + b0 with W0 = 0, b0 = 0, logistic hidden
    # unit, one logistic output unit with W1 = 2, b1 = -1; target t = 1. Settling with
    # inference rate 1 and nudge beta = 0.1, n = 1 sample.
    #
    # Forward pass: x1 = 0, f(x1) = 1/2, f'(x1) = 1/4; x2 = 2 * 1/2 - 1 = 0, p = sigma(0) = 1/2.
    # Backprop: delta2 = p - t = -1/2; dW1 = f(x1) delta2 = -1/4, db1 = -1/2;
    #           delta1 = f'(x1) W1 delta2 = 1/4 * 2 * (-1/2) = -1/4; dW0 = x0 delta1 = -1/4,
    #           db0 = -1/4.
    # Step t = 0 -> 1 (all errors 0 at the forward pass):
    #   x1 <- 0 - 1 * (e1 - f' W1 e2) = 0;  x2 <- 0 - 1 * (e2 + beta (p - t)) = 0.05.
    #   Now e1 = 0, e2 = 0.05 - (2 * 1/2 - 1) = 0.05.
    #   Update -(1 / beta) pre * e: dW1 = -10 * 1/2 * 0.05 = -1/4 (backprop's), db1 = -1/2,
    #   dW0 = db0 = 0: the error has not yet reached the hidden layer.
    # Step t = 1 -> 2:
    #   x1 <- 0 + f'(0) W1 e2 = 1/4 * 2 * 0.05 = 0.025
    #   x2 <- 0.05 - (0.05 + 0.1 (sigma(0.05) - 1)) = 0.1 sigma(-0.05)
    #      e^0.05 = 1.0512710964, sigma(-0.05) = 1 / 2.0512710964 = 0.4875026033
    #      x2 = 0.04875026033
    #   e1 = 0.025; sigma(0.025): e^-0.025 = 0.9753099121, 1 / 1.9753099121 = 0.50624967448;
    #   mu2 = 2 * 0.50624967448 - 1 = 0.01249934896; e2 = 0.04875026033 - 0.01249934896
    #   = 0.03625091137.
    #   dW0 = -10 * 1 * 0.025 = -1/4 and db0 = -1/4: backprop's, after two steps;
    #   dW1 = -10 * 0.50624967448 * 0.03625091137 = -0.1835201209, db1 = -0.3625091137:
    #   with rate 1 the output's error overshoots when the hidden value moves.
    net = DeepNetwork([1, 1, 1], hidden="sigmoid", output="sigmoid")
    net.set_parameters([np.array([[0.0]]), np.array([[2.0]])], [np.zeros(1), np.array([-1.0])])
    X, targets = np.array([[1.0]]), np.array([[1.0]])
    gW, gb = net.gradients(X, np.array([1]))
    assert [g.item() for g in gW + gb] == pytest.approx([-0.25, -0.25, -0.25, -0.5], abs=1e-15)

    one = PredictiveCoding(steps=1, inference_rate=1.0, nudge=0.1)
    dW, db = one.updates(net, net.forward(X), targets)
    assert [g.item() for g in dW + db] == pytest.approx([0.0, -0.25, 0.0, -0.5], abs=1e-12)

    two = PredictiveCoding(steps=2, inference_rate=1.0, nudge=0.1)
    dW, db = two.updates(net, net.forward(X), targets)
    expected = [-0.25, -0.1835201209, -0.25, -0.3625091137]
    assert [g.item() for g in dW + db] == pytest.approx(expected, abs=1e-9)

    settled = two.settle(net, X, targets)
    assert settled.values[0].item() == pytest.approx(0.025, abs=1e-15)
    assert settled.values[1].item() == pytest.approx(0.04875026033, abs=1e-10)
    assert settled.errors[1].item() == pytest.approx(0.03625091137, abs=1e-10)


# --- the settling is gradient descent on the energy -------------------------------------------


def _energy(x, X, targets, net, beta):
    """Sum over samples of |e1|^2/2 + |e2|^2/2 + beta * cross-entropy(softmax(x2), t)."""
    (W0, W1), (b0, b1) = net.weights, net.biases
    x1, x2 = x
    e1 = x1 - (X @ W0 + b0)
    e2 = x2 - (_sigmoid(x1) @ W1 + b1)
    shifted = x2 - x2.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return 0.5 * np.sum(e1**2) + 0.5 * np.sum(e2**2) - beta * np.sum(targets * logp)


def test_one_settling_step_is_a_step_down_the_energy_by_finite_differences():
    net = _network([3, 4, 3])
    X, y = _data(3, 3, 5)
    targets = net.targets(y)
    rule = PredictiveCoding(steps=3, inference_rate=0.1, nudge=0.7)
    states = {}
    rule.settle(
        net, X, targets, observe=lambda t, s: states.update({t: [v.copy() for v in s.values]})
    )
    x, after = states[2], states[3]
    h = 1e-6  # central differences: error ~h^2 E''' + 1e-16 E / h, below 1e-9 here
    for k in range(2):
        grad = np.zeros_like(x[k])
        for idx in np.ndindex(x[k].shape):
            up = [v.copy() for v in x]
            down = [v.copy() for v in x]
            up[k][idx] += h
            down[k][idx] -= h
            grad[idx] = (
                _energy(up, X, targets, net, 0.7) - _energy(down, X, targets, net, 0.7)
            ) / (2 * h)
        np.testing.assert_allclose(after[k], x[k] - 0.1 * grad, rtol=0, atol=1e-9)


def test_settling_lowers_the_energy_written_here():
    net = _network([3, 4, 3], seed=2)
    X, y = _data(3, 3, 6)
    targets = net.targets(y)
    rule = PredictiveCoding(steps=40, inference_rate=0.1, nudge=0.7)
    energies = []

    def observe(t, settled):
        mine = _energy(list(settled.values), X, targets, net, 0.7)
        assert rule.energy(net, settled, targets).sum() == pytest.approx(mine, rel=1e-12)
        energies.append(mine)

    rule.settle(net, X, targets, observe=observe)
    # gradient descent with a step below 2 / (largest curvature) never climbs
    assert np.all(np.diff(energies) <= 1e-15) and energies[-1] < 0.99 * energies[0]


# --- the exact limit ---------------------------------------------------------------------------


def _mean_loss(weights, biases, X, y):
    """Mean cross-entropy of a logistic network with a softmax output, written here."""
    a = X
    for W, b in zip(weights[:-1], biases[:-1]):
        a = _sigmoid(a @ W + b)
    z = a @ weights[-1] + biases[-1]
    shifted = z - z.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -np.mean(logp[np.arange(len(y)), y])


def _finite_differences(net, X, y, h=1e-6):
    params = [w.copy() for w in net.weights] + [b.copy() for b in net.biases]
    n = len(net.weights)
    grads = []
    for p in params:
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + h
            up = _mean_loss(params[:n], params[n:], X, y)
            p[idx] = old - h
            down = _mean_loss(params[:n], params[n:], X, y)
            p[idx] = old
            g[idx] = (up - down) / (2 * h)
        grads.append(g)
    return grads


def test_tiny_nudge_and_settled_network_give_backprops_gradient():
    # three weight layers, so the error crosses two hidden layers by settling
    net = _network([5, 7, 6, 3], seed=3)
    X, y = _data(5, 3, 8)
    rule = PredictiveCoding(steps=600, inference_rate=0.2, nudge=1e-6)
    dW, db = rule.updates(net, net.forward(X), net.targets(y))
    pc = dW + db
    backprop = list(net.gradients(X, y)[0]) + list(net.gradients(X, y)[1])
    fd = _finite_differences(net, X, y)
    scale = max(np.abs(g).max() for g in fd)
    # tolerance: the deviation is first order in the nudge (coefficient < 1 measured, 10
    # allowed: 1e-5 of the largest gradient); finite differences with h = 1e-6 carry an
    # absolute error near 1e-10 (rounding of a loss of order 1 over 2h)
    for a, b, c in zip(pc, backprop, fd):
        assert np.abs(a - c).max() <= 1e-5 * scale + 1e-9
        assert np.abs(a - b).max() <= 1e-5 * scale
        assert np.abs(b - c).max() <= 1e-8  # the package's backprop against the same truth


def test_the_deviation_is_first_order_in_the_nudge():
    net = _network([5, 7, 3], seed=4)
    X, y = _data(5, 3, 16)
    g = np.concatenate([w.ravel() for w in net.gradients(X, y)[0]])

    def deviation(beta):
        dW, _ = PredictiveCoding(steps=400, inference_rate=0.2, nudge=beta).updates(
            net, net.forward(X), net.targets(y)
        )
        return np.linalg.norm(np.concatenate([w.ravel() for w in dW]) - g) / np.linalg.norm(g)

    small, double = deviation(1e-3), deviation(2e-3)
    # first order: doubling the nudge doubles the deviation, up to the second-order term
    # (relative size ~ the deviation itself, 1e-3)
    assert double / small == pytest.approx(2.0, rel=0.01)
    assert small < 1e-3


def test_training_with_a_tiny_nudge_follows_backprops_training():
    X, y = _data(4, 3, 64, seed=5)
    runs = []
    for rule in (None, PredictiveCoding(steps=300, inference_rate=0.3, nudge=1e-6)):
        net = _network([4, 6, 3], seed=6)
        net.fit(X, y, epochs=3, batch_size=16, optimizer="sgd", learning_rate=0.5, rule=rule)
        runs.append(net.weights + net.biases)
    # 12 steps, each off by ~1e-6 of the gradient, times the learning rate
    for a, b in zip(*runs):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-6)


# --- how long settling takes --------------------------------------------------------------------


def _cascade(t_max, gamma, depth):
    """Leaky stages in cascade fed a unit step, updated together from the old values."""
    stages = np.zeros(depth)
    out = [stages[-1]]
    for _ in range(t_max):
        new = (1 - gamma) * stages
        new[0] += gamma
        new[1:] += gamma * stages[:-1]
        stages = new
        out.append(stages[-1])
    return np.array(out)


@pytest.mark.parametrize("gamma", [0.1, 0.35, 1.0])
@pytest.mark.parametrize("depth", [1, 2, 4])
def test_settled_fraction_is_a_cascade_of_leaky_stages(gamma, depth):
    t = np.arange(61)
    np.testing.assert_allclose(
        settled_fraction(t, gamma, depth), _cascade(60, gamma, depth), rtol=0, atol=1e-12
    )


def test_steps_to_settle_by_hand():
    # two stages, rate 0.1: 1 - 0.9^t - 0.1 t 0.9^(t-1) is 0.9478 at t = 45 and 0.9519 at 46
    assert 1 - 0.9**45 - 4.5 * 0.9**44 < 0.95 < 1 - 0.9**46 - 4.6 * 0.9**45
    assert steps_to_settle(0.1, 2) == 46
    # rate 0.2: 0.9424 at t = 21 (0.8^21 = 0.00922, 4.2 * 0.8^20 = 0.0484), 0.9519 at 22
    assert steps_to_settle(0.2, 2) == 22
    assert steps_to_settle(1.0, 3) == 3  # rate 1: one layer per step
    assert settled_fraction(np.array([0, 1, 2]), 0.5, 1) == pytest.approx([0, 0.5, 0.75])


def test_weakly_coupled_network_settles_as_the_closed_form_says():
    # output weights 1e-3 of their size: a moving hidden node no longer moves the output's
    # prediction (coupling ~1e-7), so the hidden update grows as two stages in cascade
    net = _network([6, 8, 4], seed=7)
    net.weights[1] *= 1e-3
    X, y = _data(6, 4, 32, seed=8)
    rule = PredictiveCoding(steps=80, inference_rate=0.2, nudge=1e-6)
    trace = settling_trace(net, X, y, rule, batch_size=16)
    lowest = trace.size_ratio[:, 0, :]
    output = trace.size_ratio[:, 1, :]
    for b in range(2):
        np.testing.assert_allclose(lowest[:, b], settled_fraction(trace.steps, 0.2, 2), atol=1e-4)
        np.testing.assert_allclose(output[:, b], settled_fraction(trace.steps, 0.2, 1), atol=1e-4)


def test_cascade_cosine_by_hand():
    # |dW0| = 3 (depth 2), |dW1| = 4 (depth 1), rate 1/2.
    # t = 1: r1 = 1/2, r0 = 0 -> cos = 4 / 5.
    # t = 2: r1 = 3/4, r0 = P(Bin(2, 1/2) >= 2) = 1/4 ->
    #   cos = (3/4 * 16 + 1/4 * 9) / (5 * sqrt(9/16 * 16 + 1/16 * 9)) = 14.25 / (5 sqrt(9.5625))
    norms = np.array([[3.0], [4.0]])
    cos = cascade_cosine(np.array([0, 1, 2, 200]), 0.5, norms)[:, 0]
    assert cos == pytest.approx([0.0, 0.8, 14.25 / (5 * math.sqrt(9.5625)), 1.0], abs=1e-12)


# --- the trace against per-batch updates ---------------------------------------------------------


def test_settling_trace_matches_each_mini_batch_update():
    net = _network([5, 6, 3], seed=9)
    X, y = _data(5, 3, 14, seed=10)  # 3 batches of 4, the last 2 samples left out
    trace = settling_trace(net, X, y, PredictiveCoding(nudge=0.3), batch_size=4, steps=[0, 3, 10])
    assert trace.cosine.shape == (3, 3) and trace.size_ratio.shape == (3, 2, 3)
    for row, t in enumerate([0, 3, 10]):
        rule = PredictiveCoding(steps=t, nudge=0.3)
        for b in range(3):
            sl = slice(4 * b, 4 * b + 4)
            dW, _ = rule.updates(net, net.forward(X[sl]), net.targets(y[sl]))
            gW, _ = net.gradients(X[sl], y[sl])
            u = np.concatenate([w.ravel() for w in dW])
            g = np.concatenate([w.ravel() for w in gW])
            # at t = 0 no error has arrived: u is zero, and the trace says 0 (no alignment
            # yet), the start of the curve the lecture draws, not NaN
            assert u.any() == (t > 0)
            cos = u @ g / (np.linalg.norm(u) * np.linalg.norm(g)) if u.any() else 0.0
            assert trace.cosine[row, b] == pytest.approx(cos, abs=1e-12)
            for layer in range(2):
                ratio = np.linalg.norm(dW[layer]) / np.linalg.norm(gW[layer])
                assert trace.size_ratio[row, layer, b] == pytest.approx(ratio, abs=1e-12)
            assert trace.deviation[row, b] == pytest.approx(
                np.linalg.norm(u - g) / np.linalg.norm(g), abs=1e-7
            )


def test_nudge_sweep_settles_large_nudges_stably():
    net = _network([5, 6, 3], seed=11)
    X, y = _data(5, 3, 32, seed=12)
    cosine, deviation = nudge_sweep(net, X, y, [1e-3, 10.0, 100.0], batch_size=16)
    assert np.all(np.isfinite(cosine)) and np.all(np.isfinite(deviation))
    assert np.all(deviation[0] < 1e-2)  # near the limit
    assert np.all(cosine[0] > cosine[2])  # a hard nudge moves the update off the gradient


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"steps": -1}, "steps"),
        ({"inference_rate": 0.0}, "inference_rate"),
        ({"inference_rate": 1.5}, "inference_rate"),
        ({"nudge": 0.0}, "nudge"),
    ],
)
def test_bad_settings_are_refused_by_name(kwargs, name):
    with pytest.raises((TypeError, ValueError), match=name):
        PredictiveCoding(**kwargs)


def test_bad_calls_are_refused_by_name():
    net = _network([3, 4, 2])
    X, y = _data(3, 2, 4)
    with pytest.raises(ValueError, match="targets"):
        PredictiveCoding().settle(net, X, np.zeros((4, 3)))
    with pytest.raises(TypeError, match="network"):
        PredictiveCoding().settle("net", X, np.zeros((4, 2)))
    with pytest.raises(TypeError, match="rule"):
        settling_trace(net, X, y, "backprop")
    with pytest.raises(ValueError, match="X"):
        settling_trace(net, X, y, PredictiveCoding(), batch_size=8)
    with pytest.raises(ValueError, match="steps"):
        settled_fraction(-1, 0.1, 2)
    with pytest.raises(ValueError, match="depth"):
        settled_fraction(3, 0.1, 0)
