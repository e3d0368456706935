"""Sigmoid networks of growing depth: exact Jacobian, wiring by hand, and what they can fit.

References:
- central finite differences of the residuals (the Jacobian is exact to ~1e-9);
- masks and parameter counts worked by hand;
- R^2 by hand: y = (1, 2, 3), y_hat = (1, 2, 4): 1 - 1 / 2 = 0.5;
- teacher networks: data made by a network of the same architecture are fitted to
  R^2 > 0.999 on held-out samples (the architecture can represent them exactly); data
  made by one sigmoid per branch of strongly nonlinear branches are not fitted by one
  unit (its output depends on the inputs through one weighted sum only).
"""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.artificial import SigmoidNetwork, variance_explained


def _sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def _finite_difference_jacobian(net, theta, Z, y, eps=1e-6):
    cols = []
    for i in range(theta.size):
        e = np.zeros_like(theta)
        e[i] = eps
        up = net.residuals_and_jacobian(theta + e, Z, y)[0]
        down = net.residuals_and_jacobian(theta - e, Z, y)[0]
        cols.append((up - down) / (2 * eps))
    return np.stack(cols, axis=1)


@pytest.mark.parametrize(
    "net",
    [
        SigmoidNetwork.point_neuron(4),
        SigmoidNetwork.branch_subunits([0, 0, 1, 2]),
        SigmoidNetwork.branch_subunits([0, 1, 1, 2], hidden=(2,)),
        SigmoidNetwork.fully_connected(4, (3, 5)),
    ],
    ids=lambda n: n.name,
)
def test_jacobian_is_the_finite_difference_one(net):
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(40, 4))
    y = rng.normal(size=40)
    theta = net._initial(rng, 2.0, -1.0) + rng.normal(0, 0.3, net.n_parameters)
    r, J = net.residuals_and_jacobian(theta, Z, y)
    assert J.shape == (40, net.n_parameters)
    # the residuals themselves: (a sigmoid(...) + c - y) / sqrt(n var y)
    np.testing.assert_allclose(
        r @ r, np.mean((net._forward(theta, Z)[0][-1][:, 0] * theta[-2] + theta[-1] - y) ** 2)
        / np.var(y), rtol=1e-12
    )  # fmt: skip
    # central differences with eps 1e-6 are exact to O(eps^2) ~ 1e-12 plus rounding ~ 1e-10
    np.testing.assert_allclose(J, _finite_difference_jacobian(net, theta, Z, y), atol=1e-8)


def test_wiring_and_parameter_counts_by_hand():
    point = SigmoidNetwork.point_neuron(6)
    assert point.depth == 1 and point.n_parameters == 6 + 1 + 2
    branch = SigmoidNetwork.branch_subunits([0, 0, 1])
    np.testing.assert_array_equal(branch.masks[0], [[1, 0], [1, 0], [0, 1]])
    np.testing.assert_array_equal(branch.masks[1], [[1], [1]])
    assert branch.depth == 2 and branch.n_parameters == 3 + 2 + 2 + 1 + 2
    deep = SigmoidNetwork.branch_subunits(np.arange(6), hidden=(2,))
    # 6 inputs -> 2 units each (12 weights, 12 biases) -> 1 per branch (12, 6) -> 1 (6, 1)
    assert deep.depth == 3 and deep.n_parameters == 12 + 12 + 12 + 6 + 6 + 1 + 2
    np.testing.assert_array_equal(deep.masks[1][:, 0], [1, 1] + [0] * 10)
    assert "6 inputs -> 12 -> 6 -> 1" in repr(deep)
    full = SigmoidNetwork.fully_connected(3, (4,))
    assert full.depth == 2 and full.masks[0].all() and full.n_parameters == 12 + 4 + 4 + 1 + 2


def test_variance_explained_by_hand():
    assert variance_explained([1.0, 2.0, 3.0], [1.0, 2.0, 4.0]) == pytest.approx(0.5)
    assert variance_explained([1.0, 2.0, 3.0], [2.0, 2.0, 2.0]) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="y"):
        variance_explained([1.0, 1.0], [1.0, 2.0])


def _branch_teacher(X, rng):
    """One steep sigmoid per branch (an NMDA-like threshold), summed, then squashed."""
    w = rng.uniform(2.0, 4.0, X.shape[1])
    h = _sig(w * (X - 1.0))
    return 5.0 * _sig(1.5 * h.sum(axis=1) - 2.0) + 0.3


@pytest.fixture(scope="module")
def teacher_data():
    rng = np.random.default_rng(1)
    X = rng.exponential(1.0, size=(600, 5))
    return X, _branch_teacher(X, rng)


def test_the_right_architecture_fits_its_teacher(teacher_data):
    X, y = teacher_data
    net = SigmoidNetwork.branch_subunits(np.arange(5)).fit(X[:400], y[:400], seed=0)
    assert net.score(X[400:], y[400:]) > 0.999
    assert net.training_loss == pytest.approx(1 - net.score(X[:400], y[:400]), abs=1e-12)
    rng = np.random.default_rng(2)
    w = rng.normal(size=5)
    y_point = 2.0 * _sig(X @ w - 0.5) - 1.0
    point = SigmoidNetwork.point_neuron(5).fit(X[:400], y_point[:400], seed=0)
    assert point.score(X[400:], y_point[400:]) > 0.9999


def test_one_unit_cannot_fit_branch_sigmoids_that_a_deeper_network_can(teacher_data):
    X, y = teacher_data
    point = SigmoidNetwork.point_neuron(5).fit(X[:400], y[:400], seed=0)
    deep = SigmoidNetwork.branch_subunits(np.arange(5), hidden=(2,)).fit(X[:400], y[:400], seed=0)
    assert point.score(X[400:], y[400:]) < 0.95
    assert deep.score(X[400:], y[400:]) > 0.995


def test_same_seed_same_fit_and_errors_are_named(teacher_data):
    X, y = teacher_data
    a = SigmoidNetwork.branch_subunits(np.arange(5)).fit(X[:200], y[:200], seed=4)
    b = SigmoidNetwork.branch_subunits(np.arange(5)).fit(X[:200], y[:200], seed=4)
    np.testing.assert_array_equal(a.predict(X[200:]), b.predict(X[200:]))
    with pytest.raises(RuntimeError, match="fit"):
        SigmoidNetwork.point_neuron(5).predict(X)
    with pytest.raises(ValueError, match="X"):
        SigmoidNetwork.point_neuron(4).fit(X, y)
    with pytest.raises(ValueError, match="y"):
        SigmoidNetwork.fully_connected(5, (30, 30)).fit(X[:50], y[:50])
    with pytest.raises(ValueError, match="y"):
        SigmoidNetwork.point_neuron(5).fit(X[:50], np.ones(50))
    with pytest.raises(ValueError, match="masks"):
        SigmoidNetwork([np.ones((3, 2)), np.ones((3, 1))])
    with pytest.raises(ValueError, match="masks"):
        SigmoidNetwork([np.ones((3, 2))])
    with pytest.raises(ValueError, match="branch_of_input"):
        SigmoidNetwork.branch_subunits([0, 2])
