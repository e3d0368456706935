"""Gratings and tuning widths against closed forms."""

import numpy as np
import pytest

from neurosim.vision import gabor, grating_response_amplitude, tuning_half_width
from neurosim.vision.gratings import grating_frames


def test_half_width_of_a_von_mises_curve():
    # f = exp(k (cos 2t - 1)) is half its peak where cos 2t = 1 - ln 2 / k.
    angles = np.arange(0, 180, 0.25) - 90
    for kappa in (1.0, 3.0, 10.0):
        curve = np.exp(kappa * (np.cos(2 * np.radians(angles)) - 1))
        expected = np.degrees(0.5 * np.arccos(1 - np.log(2) / kappa))
        assert abs(tuning_half_width(angles, curve) - expected) < 0.05  # grid 0.25 deg


def test_half_width_of_a_rectified_cosine_and_of_a_shifted_peak():
    # max(cos 2t - c, 0) is half its peak (1 - c) where cos 2t = (1 + c) / 2.
    angles = np.arange(0, 180, 0.5)
    for c in (0.0, 0.5):
        curve = np.maximum(np.cos(2 * np.radians(angles - 170)) - c, 0)  # wraps at 180
        expected = np.degrees(0.5 * np.arccos((1 + c) / 2))
        assert abs(tuning_half_width(angles, curve) - expected) < 0.1
    # a curve that varies but never falls to half its peak: as wide as the period shows
    assert tuning_half_width(angles, 4 + np.cos(2 * np.radians(angles))) == 90.0


def test_a_curve_with_no_half_width_is_refused():
    # flat (untuned) or with no positive peak: "half its peak" names no angle
    angles = np.arange(0, 180, 30.0)
    for curve in (np.ones(6), np.zeros(6), -1 - np.cos(np.radians(angles))):
        with pytest.raises(ValueError, match="'curve'"):
            tuning_half_width(angles, curve)
    with pytest.raises(ValueError, match="'curve'"):
        tuning_half_width(angles, np.ones(5))  # one value per angle


def test_amplitude_is_the_linear_response_to_drifting_frames():
    # The docstring's identity: projecting the frames gives a sinusoid of that amplitude.
    rf = gabor([5.5, 5.5, 0.4, 2.0, 2.5, 0.17, 0.3, 1.0], (12, 12))
    phases = np.linspace(0, 2 * np.pi, 64, endpoint=False)
    for angle in (0.4, 1.0, 2.5):
        r = np.einsum("tij,ij->t", grating_frames(rf.shape, angle, 0.17, phases), rf)
        amp = np.sqrt(2 * np.mean(r**2))
        assert np.isclose(grating_response_amplitude(rf, [angle], 0.17)[0], amp, rtol=1e-9)


def test_gabor_orientation_tuning_follows_the_fourier_closed_form():
    # Isotropic envelope sigma, carrier f: |G~(k)| ~ exp(-2 pi^2 sigma^2 |nu - nu0|^2),
    # |nu - nu0|^2 = 2 f^2 (1 - cos d); the opposite lobe (exp(-8 pi^2 s^2 f^2) ~ e-28)
    # and the 64-pixel window's truncation (10 sigma) are negligible.
    sigma, f = 6.0, 0.1
    rf = gabor([31.5, 31.5, 0.3, sigma, sigma, f, 0.0, 1.0], (64, 64))
    d = np.radians(np.arange(-90, 91, 5.0))
    amp = grating_response_amplitude(rf, 0.3 + d, f)
    expected = np.exp(-2 * np.pi**2 * sigma**2 * 2 * f**2 * (1 - np.cos(d)))
    np.testing.assert_allclose(amp / amp.max(), expected, atol=1e-6)
