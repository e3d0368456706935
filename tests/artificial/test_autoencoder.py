"""The sparse autoencoder: its loss by hand, its backprop gradient by finite differences,
and what it learns without sparsity (the principal subspace, Baldi & Hornik 1989)."""

import numpy as np
import pytest

from neurosim.artificial import SparseAutoencoder


def test_loss_matches_a_hand_worked_example():
    # W = [[1, 0], [0, 2]] (2 hidden, 2 inputs), x = (1, 1): z = (1, 2),
    # x_hat = W^T z = (1, 4), residual (0, 3): 0.5 * 9 = 4.5;
    # penalty lambda (sqrt(1 + eps) + sqrt(4 + eps)) with lambda 0.5, eps 0.01.
    ae = SparseAutoencoder(2, 2, sparseness=0.5, smoothing=0.01)
    ae.weights = np.array([[1.0, 0.0], [0.0, 2.0]])
    expected = 4.5 + 0.5 * (np.sqrt(1.01) + np.sqrt(4.01))
    assert ae.loss([[1.0, 1.0]]) == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(ae.encode([[1.0, 1.0]]), [[1.0, 2.0]])
    np.testing.assert_allclose(ae.reconstruct([[1.0, 1.0]]), [[1.0, 4.0]])


@pytest.mark.parametrize("sparseness", [0.0, 0.7])
def test_backprop_gradient_matches_central_differences(sparseness):
    # Truth: central differences of the loss, error O(h^2) ~ 1e-12 relative with
    # h = 1e-6 and a loss of order 1 (float64 rounding ~ 1e-16 / h = 1e-10); the
    # common brief asks < 1e-6 relative.
    rng = np.random.default_rng(0)
    ae = SparseAutoencoder(9, 5, sparseness=sparseness, smoothing=0.05, seed=1)
    X = rng.standard_normal((7, 9))
    analytic = ae.gradient(X)
    numeric = np.zeros_like(ae.weights)
    h = 1e-6
    for idx in np.ndindex(*ae.weights.shape):
        saved = ae.weights[idx]
        ae.weights[idx] = saved + h
        up = ae.loss(X)
        ae.weights[idx] = saved - h
        down = ae.loss(X)
        ae.weights[idx] = saved
        numeric[idx] = (up - down) / (2 * h)
    error = np.linalg.norm(analytic - numeric) / np.linalg.norm(numeric)
    assert error < 1e-6, error


def test_without_sparsity_it_learns_the_principal_subspace():
    # Baldi & Hornik (1989): a linear autoencoder's best reconstruction projects on the
    # leading principal subspace, so its error is the sum of the discarded variances.
    # Data: 6 dimensions with variances 9, 4, 2.25 (kept by 3 units) and 0.04 each
    # (discarded: 0.12 in total) in a random rotation. Allowed: 2 % of the discarded
    # variance (measured 0.5 %: the sampling of the 4000 rows and the last Adam steps).
    rng = np.random.default_rng(2)
    rotation, _ = np.linalg.qr(rng.standard_normal((6, 6)))
    scales = np.array([3.0, 2.0, 1.5, 0.2, 0.2, 0.2])
    X = (rng.standard_normal((4000, 6)) * scales) @ rotation.T
    ae = SparseAutoencoder(6, 3, sparseness=0.0, seed=3)
    ae.fit(X, steps=3000, batch=100, learning_rate=0.02, seed=4)
    eigenvalues = np.linalg.eigvalsh(np.cov(X, rowvar=False, bias=True))
    discarded = eigenvalues[:3].sum()
    error = np.mean(np.sum((ae.reconstruct(X) - X) ** 2, axis=1))
    assert error == pytest.approx(discarded, rel=0.02)
    # and W^T W is the projector on that subspace (orthonormal rows)
    np.testing.assert_allclose(ae.weights @ ae.weights.T, np.eye(3), atol=0.01)


def test_training_lowers_the_loss_and_is_seeded():
    rng = np.random.default_rng(5)
    X = rng.laplace(size=(2000, 16))
    a = SparseAutoencoder(16, 8, seed=0)
    before = a.loss(X)
    a.fit(X, steps=300, seed=1)
    assert a.loss(X) < 0.8 * before
    b = SparseAutoencoder(16, 8, seed=0).fit(X, steps=300, seed=1)
    c = SparseAutoencoder(16, 8, seed=0).fit(X, steps=300, seed=2)
    np.testing.assert_array_equal(a.filters, b.filters)
    assert not np.array_equal(a.filters, c.filters)


def test_filters_are_a_copy_of_the_weights():
    ae = SparseAutoencoder(4, 2, seed=0)
    F = ae.filters
    F[0, 0] = 99.0
    assert ae.weights[0, 0] != 99.0


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda: SparseAutoencoder(0, 3), "n_inputs"),
        (lambda: SparseAutoencoder(4, 0), "n_hidden"),
        (lambda: SparseAutoencoder(4, 2, sparseness=-1), "sparseness"),
        (lambda: SparseAutoencoder(4, 2, smoothing=0), "smoothing"),
        (lambda: SparseAutoencoder(4, 2).fit(np.zeros((5, 3))), "X"),
        (lambda: SparseAutoencoder(4, 2).fit(np.zeros((5, 4)), steps=-1), "steps"),
        (lambda: SparseAutoencoder(4, 2).fit(np.zeros((5, 4)), batch=0), "batch"),
        (lambda: SparseAutoencoder(4, 2).loss(np.full((2, 4), np.nan)), "X"),
    ],
)
def test_bad_arguments_name_the_parameter(make, name):
    with pytest.raises((ValueError, TypeError), match=f"'{name}' parameter"):
        make()
