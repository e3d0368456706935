"""The null shapes the comparison shows are what their names say (checked from formulas)."""

import numpy as np
import pytest

from neurosim.vision import (
    NULLS,
    centre_surround,
    gaussian_blobs,
    load_natural_patches,
    natural_spectrum_noise,
    null_filters,
    pca_components,
    white_noise,
)


@pytest.fixture(scope="module")
def patches():
    P, _, _ = load_natural_patches()
    return P.astype(float)


def _amplitude(P):
    centred = P - P.mean(axis=(1, 2), keepdims=True)
    return np.abs(np.fft.fft2(centred)).mean(axis=0)


def test_white_noise_is_standard_normal_and_seeded():
    F = white_noise(400, 12, seed=3)
    assert F.shape == (400, 12, 12)
    # 57600 draws: mean within 4 standard errors (0.017), sd within 2 %
    assert abs(F.mean()) < 4 / np.sqrt(F.size)
    assert F.std() == pytest.approx(1, rel=0.02)
    np.testing.assert_array_equal(F, white_noise(400, 12, seed=3))
    assert not np.array_equal(F, white_noise(400, 12, seed=4))


def test_natural_spectrum_noise_has_the_patches_amplitude_spectrum(patches):
    F = natural_spectrum_noise(patches, 50, seed=1)
    assert np.isrealobj(F) and F.shape == (50, 12, 12)
    # exactly the mean amplitude of the (mean-removed) patches at every frequency;
    # 1e-9 of the largest amplitude for the round trip through two FFTs
    want = np.broadcast_to(_amplitude(patches), F.shape)
    np.testing.assert_allclose(np.abs(np.fft.fft2(F)), want, atol=1e-9 * want.max())
    # the phases are random: two draws are uncorrelated. Their correlation has a
    # standard error 1 / sqrt(n_eff), n_eff = 50 (sum A^2)^2 / sum A^4 independent
    # Fourier components weighted by power (the spectrum is steep, so far fewer than
    # the 7200 pixels); allowed: 4 standard errors.
    G = natural_spectrum_noise(patches, 50, seed=2)
    power = _amplitude(patches) ** 2
    n_eff = 50 * power.sum() ** 2 / np.sum(power**2)
    assert abs(np.corrcoef(F.ravel(), G.ravel())[0, 1]) < 4 / np.sqrt(n_eff)


def test_gaussian_blobs_are_gaussians_inside_the_patch():
    F = gaussian_blobs(100, 12, seed=5)
    assert F.shape == (100, 12, 12)
    assert np.all(F > 0) and np.all(F <= 1)
    # each blob's log is a quadratic form: a concave paraboloid fits it exactly
    y, x = np.mgrid[0:12, 0:12].astype(float)
    design = np.stack([x * x, y * y, x * y, x, y, np.ones_like(x)], axis=-1).reshape(-1, 6)
    for blob in F[:20]:
        coef, *_ = np.linalg.lstsq(design, np.log(blob).ravel(), rcond=None)
        np.testing.assert_allclose(design @ coef, np.log(blob).ravel(), atol=1e-9)
        a, b, c = coef[:3]
        assert a < 0 and b < 0 and 4 * a * b - c * c > 0  # a maximum, not a saddle
    # centres in the middle half: the peak pixel is never on the border
    rows, cols = np.unravel_index(F.reshape(100, -1).argmax(axis=1), (12, 12))
    assert rows.min() >= 2 and rows.max() <= 9 and cols.min() >= 2 and cols.max() <= 9


def test_centre_surround_fields_are_balanced_differences_of_gaussians():
    F = centre_surround(100, 12, seed=6)
    # balanced: the centre and the surround each sum to one before subtraction
    np.testing.assert_allclose(F.sum(axis=(1, 2)), 0, atol=1e-12)
    # a difference of two round Gaussians with one centre: along a row through the
    # extreme pixel the field is symmetric about that centre's column to within the
    # centre's sub-pixel offset, and its sign flips once on each side (centre, surround)
    flat = np.abs(F).reshape(100, -1).argmax(axis=1)
    signs = np.sign(F.reshape(100, -1)[np.arange(100), flat])
    assert set(signs) == {-1.0, 1.0}  # ON and OFF centres both occur
    for field, peak, sign in zip(F, flat, signs):
        row = sign * field[peak // 12]
        left, right = row[: peak % 12 + 1][::-1], row[peak % 12 :]
        for side in (left, right):
            flips = np.count_nonzero(np.diff(np.sign(side[np.abs(side) > 1e-12])))
            assert flips <= 1


def test_pca_components_are_the_leading_eigenvectors(patches):
    C = pca_components(patches, 10)
    X = patches.reshape(len(patches), -1)
    X = X - X.mean(axis=1, keepdims=True)
    cov = np.cov(X, rowvar=False)
    V = C.reshape(10, -1)
    np.testing.assert_allclose(V @ V.T, np.eye(10), atol=1e-10)
    # truth: the test's own SVD of the centred data; same subspace, same order
    _, sv, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    variance = V @ cov @ V.T
    np.testing.assert_allclose(np.diag(variance), sv[:10] ** 2 / (len(X) - 1), rtol=1e-8)
    np.testing.assert_allclose(np.abs(np.sum(V * Vt[:10], axis=1)), 1, atol=1e-8)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: white_noise(0, 12), "n"),
        (lambda: gaussian_blobs(5, 3), "side"),
        (lambda: centre_surround(5, 2), "side"),
        (lambda: natural_spectrum_noise(np.zeros((4, 12, 10)), 5), "patches"),
        (lambda: pca_components(np.zeros((4, 12, 12)), 200), "n"),
    ],
)
def test_bad_arguments_name_the_parameter(call, name):
    with pytest.raises(ValueError, match=f"'{name}' parameter"):
        call()


def test_null_filters_makes_every_null_in_order(patches):
    P = patches[:500]
    nulls = null_filters(P, 7, n_pca=5, seed=3)
    assert tuple(nulls) == NULLS
    assert [F.shape for F in nulls.values()] == [(7, 12, 12)] * 4 + [(5, 12, 12)]
    # each is its own generator's output with the same seed
    expected = (
        white_noise(7, 12, seed=3),
        natural_spectrum_noise(P, 7, seed=3),
        gaussian_blobs(7, 12, seed=3),
        centre_surround(7, 12, seed=3),
        pca_components(P, 5),
    )
    for got, want in zip(nulls.values(), expected):
        np.testing.assert_array_equal(got, want)
    assert null_filters(P, 4)["PCA components"].shape == (4, 12, 12)  # n_pca = n
