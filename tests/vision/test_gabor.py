"""Gabor fitting: known parameters recovered, white noise fits badly, derivatives right."""

import numpy as np
import pytest

from neurosim.vision.gabor import _jacobian, fit_gabor, fit_gabors, gabor

TRUE = np.array([5.3, 6.1, 0.7, 2.0, 3.0, 0.15, 0.4, 1.3])


def test_gabor_matches_the_formula_at_one_pixel():
    # Hand-worked: pixel (row 4, col 7), the formula of the module docstring.
    x0, y0, th, sx, sy, f, ph, a = TRUE
    x, y = 7.0, 4.0
    xr = (x - x0) * np.cos(th) + (y - y0) * np.sin(th)
    yr = -(x - x0) * np.sin(th) + (y - y0) * np.cos(th)
    expected = (
        a * np.exp(-(xr**2) / (2 * sx**2) - yr**2 / (2 * sy**2)) * np.cos(2 * np.pi * f * xr + ph)
    )
    assert np.isclose(gabor(TRUE, (12, 12))[4, 7], expected, rtol=1e-12)


def test_jacobian_matches_central_differences():
    # Truth: central differences, error O(h^2) ~ 1e-12 relative; 1e-6 leaves room.
    J = _jacobian(TRUE, (12, 12))
    for i in range(8):
        h = np.zeros(8)
        h[i] = 1e-6
        num = (gabor(TRUE + h, (12, 12)) - gabor(TRUE - h, (12, 12))).ravel() / 2e-6
        np.testing.assert_allclose(J[:, i], num, atol=1e-6)


def test_fit_recovers_known_parameters_from_a_noisy_gabor():
    rng = np.random.default_rng(3)
    clean = gabor(TRUE, (12, 12))
    noise_sd = 0.05  # ~4 % of the amplitude
    fit = fit_gabor(clean + noise_sd * rng.standard_normal((12, 12)))
    p = fit.params.copy()
    # (theta, f, phase) and (theta + pi, f, -phase) are the same Gabor: fold onto TRUE's.
    if np.cos(p[2] - TRUE[2]) < 0:
        p[2] += np.pi
        p[6] = -p[6]
    # tolerances: with 144 pixels and noise 4 % of the peak, least-squares errors are a
    # few % of a width / 0.1 px of position (Cramer-Rao order); these are 3-5x that.
    assert abs(p[0] - TRUE[0]) < 0.2 and abs(p[1] - TRUE[1]) < 0.2
    assert abs(np.angle(np.exp(1j * (p[2] - TRUE[2])))) < 0.05
    np.testing.assert_allclose(np.abs(p[3:5]), TRUE[3:5], rtol=0.1)
    assert abs(p[5] - TRUE[5]) < 0.01
    assert abs(np.angle(np.exp(1j * (p[6] - TRUE[6])))) < 0.15
    assert abs(p[7] - TRUE[7]) < 0.1
    # R^2 expected from the noise: 1 - (pixels - parameters) noise_sd^2 / SS_tot
    ss_tot = np.sum((clean - clean.mean()) ** 2)
    expected = 1 - (144 - 8) * noise_sd**2 / ss_tot
    assert abs(fit.r2 - expected) < 0.03  # sampling spread of a chi-square with 136 dof


def test_white_noise_is_not_gabor_like():
    # The rule's reason in receptive_fields: a Gabor explains little of a white-noise filter.
    # Measured over 200 filters: median 0.12 (12x12), 0.23 (8x8), max 0.43; the bounds
    # below are the rule's reason with room for 40 draws' sampling spread.
    rng = np.random.default_rng(0)
    for size, median in ((8, 0.23), (12, 0.12)):
        r2 = np.array([f.r2 for f in fit_gabors(rng.standard_normal((40, size, size)))])
        assert abs(np.median(r2) - median) < 0.06
        assert np.max(r2) < 0.5


def test_batched_fit_equals_single_fits():
    rng = np.random.default_rng(1)
    stack = np.stack(
        [gabor(TRUE, (12, 12)), gabor([6, 5, 2.0, 1.5, 2.5, 0.2, 1.0, -1.0], (12, 12))]
    )
    stack = stack + 0.03 * rng.standard_normal(stack.shape)
    together = fit_gabors(stack)
    for F, fit in zip(stack, together, strict=True):
        assert abs(fit_gabor(F).r2 - fit.r2) < 1e-9
        assert fit.r2 > 0.95


def test_blobs_are_fitted_without_a_singular_step():
    # A Gaussian blob has no carrier: with f -> 0 the Jacobian's phase and frequency
    # columns vanish and J^T J is singular; the bounded damping keeps every step
    # solvable (unbounded, it shrank until numpy raised LinAlgError on the elongated
    # blob here). The fit is excellent (a Gabor with f -> 0 is the blob), which is why
    # a fit alone cannot say "V1-like" (neurosim.vision.gabor_like).
    y, x = np.mgrid[0:12, 0:12].astype(float)
    blobs = []
    for cx, cy, w, length, a in ((5.5, 5.5, 2.0, 2.0, 0.0), (4.6, 7.1, 2.7, 3.9, 2.2)):
        u = (x - cx) * np.cos(a) + (y - cy) * np.sin(a)
        v = -(x - cx) * np.sin(a) + (y - cy) * np.cos(a)
        blobs.append(np.exp(-0.5 * (u / w) ** 2 - 0.5 * (v / length) ** 2))
    fits = fit_gabors(np.stack(blobs))
    assert all(f.r2 > 0.99 for f in fits)


def test_a_constant_filter_is_refused():
    # no shape to fit, and R^2 = 1 - SS_res / SS_tot divides by SS_tot = 0
    with pytest.raises(ValueError, match="'F' parameter of fit_gabor"):
        fit_gabor(np.zeros((8, 8)))
    with pytest.raises(ValueError, match="'filters' parameter of fit_gabors.*number 1"):
        fit_gabors(np.stack([gabor(TRUE, (12, 12)), np.ones((12, 12))]))
