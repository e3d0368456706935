"""Whitening flattens the natural patches' power spectrum."""

import numpy as np

from neurosim.vision import (
    load_natural_patches,
    radial_power_spectrum,
    whiten,
    whitened_natural_patches,
)


def _patches():
    patches, image, names = load_natural_patches()
    assert patches.shape == (18000, 12, 12) and patches.dtype == np.uint8
    assert len(names) == 6 and image.max() == 5
    return patches[::3].reshape(-1, 144).astype(float)


def test_natural_patches_have_a_falling_spectrum():
    # Field (1987): natural images' power falls roughly as 1/f^2; from the lowest to the
    # highest ring (f ratio ~ 6) that is a factor ~ 36; demand at least 10.
    f, power = radial_power_spectrum(_patches().reshape(-1, 12, 12))
    assert power[0] / power[-1] > 10
    slope = np.polyfit(np.log(f), np.log(power), 1)[0]
    assert -3.0 < slope < -1.2


def test_exact_whitening_gives_a_flat_spectrum():
    # Closed form: whitened covariance c (I - 11^T/n) with unit mean pixel variance gives
    # c = n / (n - 1) and power c n = n^2 / (n - 1) at every nonzero frequency (n = 144).
    W, _ = whiten(_patches(), eps=0.0)
    P = W.reshape(-1, 12, 12)
    power = np.mean(np.abs(np.fft.fft2(P)) ** 2, axis=0)
    nonzero = power.ravel()[1:]
    n = 144
    np.testing.assert_allclose(nonzero, n**2 / (n - 1), rtol=0.01)  # ddof and rounding
    _, ring = radial_power_spectrum(P)
    assert ring.max() / ring.min() < 1.02


def test_regularised_whitening_damps_the_highest_frequencies():
    # eps = 1 (the comparison's default): whitening plus a low-pass, like Olshausen &
    # Field's combined filter; the spectrum is much flatter than the raw one (measured
    # 45x raw, 7x whitened) yet falls at the highest frequencies.
    W, wh = whiten(_patches(), eps=1.0)
    _, ring = radial_power_spectrum(W.reshape(-1, 12, 12))
    assert ring[-1] < 0.5 * ring.max()
    _, raw = radial_power_spectrum(_patches().reshape(-1, 12, 12))
    assert ring.max() / ring.min() < 0.25 * raw.max() / raw.min()
    np.testing.assert_allclose(wh(_patches()[:5]), W[:5], atol=1e-9)


def test_scene_is_the_shipped_grey_image():
    from neurosim.vision import load_scene

    scene = load_scene()
    assert scene.shape == (128, 128) and scene.dtype == np.uint8
    assert 20 < scene.std() < 100  # a photograph, not a blank or a constant


def test_the_shared_whitened_patches_are_white_and_computed_once():
    # Closed form as above: exact ZCA of the patches with each patch's mean removed leaves
    # one zero eigenvalue (the DC direction) and all others equal to n / (n - 1) times
    # the rows' n/(n-1) covariance correction (n = 144 pixels, 18000 rows).
    W = whitened_natural_patches(0.0)
    assert W.shape == (18000, 144)
    eigenvalues = np.linalg.eigvalsh(np.cov(W, rowvar=False))
    assert abs(eigenvalues[0]) < 1e-9
    expected = 144 / 143 * 18000 / 17999
    np.testing.assert_allclose(eigenvalues[1:], expected, rtol=1e-6)
    # the same array for the same eps (shared within a run), another for another eps
    assert whitened_natural_patches(0.0) is W
    assert whitened_natural_patches(1.0) is not W
