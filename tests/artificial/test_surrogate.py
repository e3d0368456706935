"""SurrogateSNN against independent references: finite differences, the exact ODE, closed forms.

- The BPTT gradient of a smooth network (SmoothSpike: the forward pass is the logistic
  itself, so the backward pass is its exact derivative) against five-point central
  finite differences in float64: relative error < 1e-6 (the brief's bound; measured
  ~1e-9). Step h = 1e-3: the stencil's truncation error is O(h^4) ~ 1e-12 here, and
  the rounding error of a loss near 1 is ~1e-16 / h ~ 1e-13.
- The detached reset (no gradient through 1 - S) against finite differences of a
  forward pass written here with the reset mask frozen at its baseline values: at the
  baseline weights its gradient is by definition the detached one.
- The simulation against a plain loop written here from the ODE, whose one-step map is
  the matrix exponential of the 2x2 linear system (scipy.linalg.expm), not neurosim's
  closed form for kappa.
- Surrogate shapes: peak 1 at threshold, half of it at (sqrt 2 - 1) / beta.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.linalg import expm

from neurosim.artificial.spike_codes import bernoulli_spikes, latency_spikes
from neurosim.artificial.surrogate import SurrogateSNN, synaptic_constants
from neurosim.artificial.surrogates import (
    HALF_WIDTH,
    FastSigmoid,
    SigmoidDerivative,
    SmoothSpike,
    Triangle,
    TrueDerivative,
)


def fd_gradients(net, x, y, h=1e-3):
    """Five-point central differences of every replica's loss, weight by weight."""
    grads = []
    for W in net.weights:
        g = np.zeros_like(W)
        for idx in np.ndindex(W.shape[1:]):
            at = (slice(None), *idx)
            old = W[at].copy()
            losses = []
            for step in (1, -1, 2, -2):
                W[at] = old + step * h
                losses.append(net.loss(x, y))
            W[at] = old
            g[at] = (losses[3] - 8 * losses[1] + 8 * losses[0] - losses[2]) / (12 * h)
        grads.append(g)
    return grads


def relative_error(a, b):
    """|a - b| / (|a| + |b|), elementwise, with a floor of 1e-5 for near-zero entries:
    an exact zero gradient (an output whose maximum sits on the resting 0, which no
    weight moves) meets finite-difference rounding noise of ~1e-12 there."""
    return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-5)


@pytest.fixture
def small_task():
    rng = np.random.default_rng(1)
    return rng.random((6, 30, 8)) < 0.15, rng.integers(0, 3, 6)


@pytest.mark.parametrize("readout", ["max", "mean"])
def test_bptt_of_a_smooth_network_matches_finite_differences(small_task, readout):
    x, y = small_task
    net = SurrogateSNN(
        8,
        5,
        3,
        surrogates=[SmoothSpike(4.0), SmoothSpike(2.0)],
        detach_reset=False,
        init_scale=20.0,
        readout=readout,
        seed=3,
    )
    bptt = net.gradients(x, y)
    for g, fd in zip(bptt, fd_gradients(net, x, y)):
        assert np.max(relative_error(g, fd)) < 1e-6
        assert np.max(np.abs(g)) > 1e-3  # the check compares something


def frozen_reset_loss(net, x, y, masks):
    """Loss of replica 0 with the reset factor (1 - S) frozen at ``masks`` (step, B, H):
    written here from the update equations, not from SurrogateSNN."""
    alpha, beta, kappa = synaptic_constants(net.tau_mem, net.tau_syn, net.dt)
    W1, W2 = net.weights[0][0], net.weights[1][0]
    B, T, _ = x.shape
    u = np.zeros((B, W1.shape[1]))
    v = np.zeros_like(u)
    current = np.zeros_like(u)
    o = np.zeros((B, W2.shape[1]))
    j = np.zeros_like(o)
    peak = np.full_like(o, -np.inf)
    spike = net.surrogates[0].forward
    for n in range(T):
        if n:
            u = beta * v + kappa * current
            o = beta * o + kappa * j
        s = spike(u - 1.0)
        current = alpha * current + x[:, n].astype(float) @ W1
        j = alpha * j + s @ W2
        v = u * (1.0 - masks[n])
        peak = np.maximum(peak, o)
    z = peak - peak.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -np.mean(logp[np.arange(B), y])


def test_the_detached_reset_is_the_gradient_with_the_reset_mask_frozen(small_task):
    x, y = small_task
    net = SurrogateSNN(8, 5, 3, surrogates=SmoothSpike(4.0), init_scale=20.0, seed=3)
    masks = net.simulate(x).potential[0].transpose(1, 0, 2)  # u before reset, (T, B, H)
    masks = SmoothSpike(4.0).forward(masks - 1.0)
    assert frozen_reset_loss(net, x, y, masks) == pytest.approx(net.loss(x, y)[0], rel=1e-12)
    bptt = net.gradients(x, y)
    h = 1e-3
    for layer, W in enumerate(net.weights):
        fd = np.zeros(W.shape[1:])
        for idx in np.ndindex(fd.shape):
            old = W[(0, *idx)]
            vals = []
            for step in (1, -1, 2, -2):
                W[(0, *idx)] = old + step * h
                vals.append(frozen_reset_loss(net, x, y, masks))
            W[(0, *idx)] = old
            fd[idx] = (vals[3] - 8 * vals[1] + 8 * vals[0] - vals[2]) / (12 * h)
        assert np.max(relative_error(bptt[layer][0], fd)) < 1e-6


def test_the_simulation_is_the_exact_solution_of_the_ode():
    tau_m, tau_s, dt = 0.010, 0.005, 0.001
    # the one-step map of d(u, I)/dt = [[-1/tau_m, 1/tau_m], [0, -1/tau_s]] (u, I)
    step = expm(np.array([[-1 / tau_m, 1 / tau_m], [0.0, -1 / tau_s]]) * dt)
    rng = np.random.default_rng(5)
    x = rng.random((4, 60, 10)) < 0.08
    net = SurrogateSNN(10, 6, 3, init_scale=12.0, seed=2)
    run = net.simulate(x)
    W1, W2 = net.weights[0][0], net.weights[1][0]
    u = np.zeros((4, 6))
    cur = np.zeros_like(u)
    o = np.zeros((4, 3))
    j = np.zeros_like(o)
    for n in range(60):
        # Brian2's order: state update, threshold, synaptic spikes, reset
        u, cur = step[0, 0] * u + step[0, 1] * cur, step[1, 1] * cur
        o, j = step[0, 0] * o + step[0, 1] * j, step[1, 1] * j
        spiked = u > 1.0
        np.testing.assert_array_equal(run.hidden_spikes[0, :, n], spiked)
        np.testing.assert_allclose(run.potential[0, :, n], u, atol=1e-12)
        np.testing.assert_allclose(run.output[0, :, n], o, atol=1e-12)
        cur = cur + x[:, n].astype(float) @ W1
        j = j + spiked.astype(float) @ W2
        u = np.where(spiked, 0.0, u)
    assert run.hidden_spikes.sum() > 20  # the network spikes: the comparison tests something


def test_synaptic_constants_against_the_matrix_exponential():
    tau_m, tau_s, dt = 0.020, 0.003, 0.0005
    alpha, beta, kappa = synaptic_constants(tau_m, tau_s, dt)
    step = expm(np.array([[-1 / tau_m, 1 / tau_m], [0.0, -1 / tau_s]]) * dt)
    assert (beta, kappa, alpha) == pytest.approx((step[0, 0], step[0, 1], step[1, 1]), rel=1e-12)
    # equal time constants: the limit dt / tau beta
    _, beta, kappa = synaptic_constants(0.01, 0.01, 0.001)
    step = expm(np.array([[-100.0, 100.0], [0.0, -100.0]]) * 0.001)
    assert kappa == pytest.approx(step[0, 1], rel=1e-12)


def test_the_true_derivative_trains_only_the_readout():
    x = bernoulli_spikes(32, 50, 20, rate=40.0, dt=0.001, seed=0)
    y = np.arange(32) % 2
    net = SurrogateSNN(20, 4, 2, surrogates=TrueDerivative(), seed=0)
    W1, W2 = (w.copy() for w in net.weights)
    net.fit(x, y, epochs=5, learning_rate=0.01)
    np.testing.assert_array_equal(net.weights[0], W1)  # exactly: dS/du = 0
    assert np.max(np.abs(net.weights[1] - W2)) > 1e-3


def test_replicas_train_as_separate_networks_would():
    x = bernoulli_spikes(16, 40, 12, rate=50.0, dt=0.001, seed=1)
    y = np.arange(16) % 2
    shapes = [FastSigmoid(10.0), Triangle(3.0)]
    together = SurrogateSNN(12, 5, 2, surrogates=shapes, seed=4)
    together.fit(x, y, epochs=4, learning_rate=0.01)
    for k, s in enumerate(shapes):
        alone = SurrogateSNN(12, 5, 2, surrogates=s, seed=4)
        alone.fit(x, y, epochs=4, learning_rate=0.01)
        for a, b in zip(alone.weights, together.weights):
            np.testing.assert_allclose(a[0], b[k], rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("shape", [FastSigmoid, SigmoidDerivative, Triangle])
@pytest.mark.parametrize("beta", [1.0, 100.0])
def test_every_shape_peaks_at_one_and_halves_at_the_common_width(shape, beta):
    s = shape(beta)
    half = HALF_WIDTH / beta
    values = s.derivative(np.array([0.0, half, -half, 50 * half]))
    assert values[:3] == pytest.approx([1.0, 0.5, 0.5], abs=1e-12)
    assert 0 <= values[3] < 0.01
    assert s.forward(np.array([-1e-9, 1e-9])).tolist() == [0.0, 1.0]


def test_the_true_and_smooth_derivatives():
    assert np.all(TrueDerivative().derivative(np.linspace(-1, 1, 11)) == 0)
    s = SmoothSpike(3.0)
    x, h = np.linspace(-2, 2, 9), 1e-5
    fd = (s.forward(x + h) - s.forward(x - h)) / (2 * h)
    np.testing.assert_allclose(s.derivative(x), fd, rtol=1e-8)


def test_latency_code_by_hand():
    X = np.array([[1.0, 0.5, 0.0, 1 / 16, 0.999]])
    spikes = latency_spikes(X, window=16, n_steps=20)
    assert spikes.shape == (1, 20, 5)
    # x = 1 -> step 0; 0.5 -> ceil(8) = 8; 0 -> never; 1/16 -> ceil(15) = 15; 0.999 -> 1
    assert [list(np.flatnonzero(spikes[0, :, i])) for i in range(5)] == [[0], [8], [], [15], [1]]


def test_bernoulli_spikes_fire_at_their_rate():
    x = bernoulli_spikes(200, 100, 50, rate=20.0, dt=0.001, seed=3)
    # 1e6 Bernoulli trials with p = 0.02: SE of the mean 1.4e-4; 5 SE
    assert x.mean() == pytest.approx(0.02, abs=7e-4)


def test_bad_inputs_name_the_parameter():
    net = SurrogateSNN(4, 3, 2)
    with pytest.raises(ValueError, match="'spikes' parameter"):
        net.simulate(np.zeros((2, 5, 3)))
    with pytest.raises(ValueError, match="'spikes' parameter"):
        net.simulate(np.full((2, 5, 4), 2.0))
    with pytest.raises(ValueError, match="'y' parameter"):
        net.score(np.zeros((2, 5, 4), bool), [0, 2])
    with pytest.raises(TypeError, match="'surrogates' parameter"):
        SurrogateSNN(4, 3, 2, surrogates=["fast"])
    with pytest.raises(ValueError, match="'surrogates' parameter"):
        SurrogateSNN(4, 3, 2, surrogates=[FastSigmoid(), SmoothSpike()])
    with pytest.raises(ValueError, match="'dtype' parameter"):
        SurrogateSNN(4, 3, 2, dtype=np.int32)
    with pytest.raises(ValueError, match="'readout' parameter"):
        SurrogateSNN(4, 3, 2, readout="last")
    with pytest.raises(ValueError, match="'steepness' parameter"):
        FastSigmoid(-1.0)
    with pytest.raises(ValueError, match="'n_steps' parameter"):
        latency_spikes(np.ones((1, 2)), window=8, n_steps=4)
    with pytest.raises(ValueError, match="'rate' parameter"):
        bernoulli_spikes(1, 1, 1, rate=2000.0, dt=0.001)
