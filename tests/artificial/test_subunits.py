"""Subunit networks of growing depth: exact Jacobian, outputs by hand, what they can fit.

References:
- central finite differences of the residuals (the Jacobian is exact to ~1e-9);
- the outputs of the point neuron and of one sigmoid per branch written out by hand,
  and their parameter counts;
- R^2 by hand: y = (1, 2, 3), y_hat = (1, 2, 4): 1 - 1 / 2 = 0.5;
- teacher functions: data made by the same architecture are fitted to R^2 > 0.999 on
  held-out samples (the architecture can represent them exactly); data made by one
  steep sigmoid per branch are not fitted by one unit (its output depends on the
  inputs through their sum only: samples with one sum and different answers).
"""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.artificial import SubunitNetwork, variance_explained


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
        SubunitNetwork(()),
        SubunitNetwork((1,)),
        SubunitNetwork((2, 1)),
        SubunitNetwork((3, 2), n_features=2),
    ],
    ids=lambda n: n.name,
)
def test_jacobian_is_the_finite_difference_one(net):
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(40, 3, net.n_features))
    y = rng.normal(size=40)
    theta = net._initial(rng, 2.0, -1.0) + rng.normal(0, 0.3, net.n_parameters)
    r, J = net.residuals_and_jacobian(theta, Z, y)
    assert J.shape == (40, net.n_parameters)
    # sum r^2 is the mean squared error over the variance of y
    _, _, out, _, _, a, c = net._forward(theta, Z)
    assert r @ r == pytest.approx(np.mean((a * out + c - y) ** 2) / np.var(y), rel=1e-12)
    # central differences with eps 1e-6 are exact to O(eps^2) ~ 1e-12 plus rounding ~ 1e-10
    np.testing.assert_allclose(J, _finite_difference_jacobian(net, theta, Z, y), atol=1e-8)


def test_the_point_neuron_is_one_sigmoid_of_the_summed_input():
    # no subunit: y = a sigmoid(v * sum_k z_k + b) + c, written out by hand
    net = SubunitNetwork(())
    assert net.depth == 1 and net.n_parameters == 1 + 1 + 2
    theta = np.array([0.7, -0.2, 3.0, 0.5])  # v, b, a, c
    Z = np.array([[[1.0], [2.0], [-0.5]], [[0.0], [0.0], [0.0]]])
    _, _, out, _, _, a, c = net._forward(theta, Z)
    np.testing.assert_allclose(a * out + c, 3.0 * _sig(0.7 * np.array([2.5, 0.0]) - 0.2) + 0.5)


def test_shared_subunit_by_hand():
    # one sigmoid per branch: y = a sigmoid(v * sum_k sigmoid(u z_k + b1) + b) + c
    net = SubunitNetwork((1,))
    assert net.depth == 2 and net.n_parameters == 2 + 2 + 2
    u, b1, v, b, a, c = 2.0, -1.0, 1.5, 0.3, 4.0, -1.0
    Z = np.array([[[0.5], [1.0]], [[-1.0], [3.0]]])
    _, _, out, _, _, aa, cc = net._forward(np.array([u, b1, v, b, a, c]), Z)
    h = _sig(u * Z[:, :, 0] + b1).sum(axis=1)
    np.testing.assert_allclose(aa * out + cc, a * _sig(v * h + b) + c)
    # two layers per branch (2, then 1): 1*2 + 2, 2*1 + 1, then 1 + 1, a and c
    deep = SubunitNetwork((2, 1))
    assert deep.depth == 3 and deep.n_parameters == 4 + 3 + 2 + 2
    assert "per branch 1 -> 2 -> 1" in repr(deep)


def test_variance_explained_by_hand():
    assert variance_explained([1.0, 2.0, 3.0], [1.0, 2.0, 4.0]) == pytest.approx(0.5)
    assert variance_explained([1.0, 2.0, 3.0], [2.0, 2.0, 2.0]) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="y"):
        variance_explained([1.0, 1.0], [1.0, 2.0])


def _branch_teacher(X):
    """One steep sigmoid per branch (an NMDA-like threshold), summed, then squashed."""
    h = _sig(3.0 * (X - 1.5))
    return 5.0 * _sig(1.5 * h.sum(axis=1) - 2.0) + 0.3


@pytest.fixture(scope="module")
def teacher_data():
    rng = np.random.default_rng(1)
    X = rng.exponential(1.0, size=(600, 5))
    return X, _branch_teacher(X)


def test_each_architecture_fits_a_teacher_of_its_own_shape(teacher_data):
    X, y = teacher_data
    net = SubunitNetwork((1,)).fit(X[:400], y[:400], seed=0)
    assert net.score(X[400:], y[400:]) > 0.999
    assert net.training_loss == pytest.approx(1 - net.score(X[:400], y[:400]), abs=1e-12)
    y_point = 2.0 * _sig(0.8 * X.sum(axis=1) - 3.0) - 1.0
    point = SubunitNetwork(()).fit(X[:400], y_point[:400], seed=0)
    assert point.score(X[400:], y_point[400:]) > 0.9999


def test_one_unit_cannot_fit_branch_sigmoids_that_deeper_networks_can(teacher_data):
    X, y = teacher_data
    point = SubunitNetwork(()).fit(X[:400], y[:400], seed=0)
    deep = SubunitNetwork((2, 1)).fit(X[:400], y[:400], seed=0)
    assert point.score(X[400:], y[400:]) < 0.95
    assert deep.score(X[400:], y[400:]) > 0.995


def test_same_seed_same_fit_and_errors_are_named(teacher_data):
    X, y = teacher_data
    a = SubunitNetwork((1,)).fit(X[:200], y[:200], seed=4)
    b = SubunitNetwork((1,)).fit(X[:200], y[:200], seed=4)
    np.testing.assert_array_equal(a.predict(X[200:]), b.predict(X[200:]))
    with pytest.raises(RuntimeError, match="fit"):
        SubunitNetwork(()).predict(X)
    with pytest.raises(ValueError, match="X"):
        SubunitNetwork((), n_features=2).fit(X, y)
    with pytest.raises(ValueError, match="X"):
        SubunitNetwork(()).fit(X[:10], y)
    with pytest.raises(ValueError, match="y"):
        SubunitNetwork((30, 30)).fit(X[:50], y[:50])
    with pytest.raises(ValueError, match="y"):
        SubunitNetwork(()).fit(X[:50], np.ones(50))
    with pytest.raises(TypeError, match="'subunit'.*a list"):
        SubunitNetwork(2)
    with pytest.raises(ValueError, match="subunit"):
        SubunitNetwork((1, 0))
