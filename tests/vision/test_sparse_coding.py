"""Sparse coding: codes against soft thresholding, a known dictionary recovered."""

import numpy as np

from neurosim.vision import (
    infer_codes,
    learn_dictionary,
    natural_basis,
    whitened_natural_patches,
)


def test_codes_for_an_orthonormal_basis_are_soft_thresholded_projections():
    # Closed form: with orthonormal Phi, argmin 0.5|x - Phi a|^2 + lam |a|_1 is
    # sign(z) max(|z| - lam, 0) with z = Phi^T x.
    rng = np.random.default_rng(0)
    Phi, _ = np.linalg.qr(rng.standard_normal((10, 10)))
    X = rng.standard_normal((5, 10))
    Z = X @ Phi
    expected = np.sign(Z) * np.maximum(np.abs(Z) - 0.3, 0)
    np.testing.assert_allclose(infer_codes(X, Phi, 0.3, iterations=200), expected, atol=1e-8)


def test_learning_recovers_a_known_dictionary():
    rng = np.random.default_rng(1)
    d, k, n = 16, 12, 4000
    D = rng.standard_normal((d, k))
    D /= np.linalg.norm(D, axis=0)
    A = np.zeros((n, k))
    for row in A:  # two active atoms per sample, Laplacian-like amplitudes
        idx = rng.choice(k, 2, replace=False)
        row[idx] = rng.choice([-1, 1], 2) * rng.uniform(1, 3, 2)
    X = A @ D.T + 0.01 * rng.standard_normal((n, d))
    code = learn_dictionary(X, k, lam=0.1, steps=400, batch=100, learning_rate=1.0, seed=2)
    overlap = np.abs(D.T @ code.basis)  # cosines between true and learned atoms
    best = overlap.max(axis=1)
    # each true atom has a learned twin; 0.95 = within ~18 deg (noise 1 %, finite steps)
    assert np.all(best > 0.95), best
    assert code.sparsity < 0.4
    np.testing.assert_allclose(np.linalg.norm(code.basis, axis=0), 1, rtol=1e-12)


def test_same_seed_same_dictionary():
    X = np.random.default_rng(4).standard_normal((500, 9))
    a = learn_dictionary(X, 6, steps=20, batch=50, seed=7).basis
    b = learn_dictionary(X, 6, steps=20, batch=50, seed=7).basis
    c = learn_dictionary(X, 6, steps=20, batch=50, seed=8).basis
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_the_natural_basis_is_learn_dictionary_on_the_whitened_patches():
    F = natural_basis(16, lam=0.8, steps=3, eps=1.0, seed=5)
    assert F.shape == (16, 12, 12)
    np.testing.assert_allclose(np.linalg.norm(F.reshape(16, -1), axis=1), 1.0, rtol=1e-12)
    code = learn_dictionary(
        whitened_natural_patches(1.0),
        16,
        lam=0.8,
        steps=3,
        batch=200,
        learning_rate=2.0,
        inference_iterations=30,
        seed=5,
    )
    np.testing.assert_array_equal(F, code.basis.T.reshape(16, 12, 12))
