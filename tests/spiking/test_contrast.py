"""Two conditions' outputs compared (neurosim.spiking.contrast), against hand-worked values."""

import numpy as np
import pytest

from neurosim.spiking import farthest_from_one, halfway_point, mean_and_se, ratio_and_se


def test_mean_and_se_by_hand():
    mean, se = mean_and_se(np.array([[1.0, 2.0, 3.0, 6.0], [4.0, 4.0, 4.0, 4.0]]))
    np.testing.assert_allclose(mean, [3.0, 4.0])
    # sample variance of 1, 2, 3, 6: (4 + 1 + 0 + 9) / 3 = 14/3; SE = sqrt(14/3 / 4)
    np.testing.assert_allclose(se, [np.sqrt(14 / 12), 0.0])
    mean, se = mean_and_se(np.array([[1.0, 5.0], [3.0, 7.0]]), axis=0)
    np.testing.assert_allclose(mean, [2.0, 6.0]) and np.testing.assert_allclose(se, [1.0, 1.0])
    with pytest.raises(ValueError, match="'samples' parameter of mean_and_se"):
        mean_and_se(np.ones((3, 1)))


def test_ratio_and_its_error_to_first_order():
    ratio, se = ratio_and_se(np.array([10.0, 4.0]), np.array([1.0, 0.0]), 5.0, 0.5)
    np.testing.assert_allclose(ratio, [2.0, 0.8])
    # relative errors 10 % and 10 % in quadrature: 2 * 0.1 * sqrt(2); and 0.8 * 0.1
    np.testing.assert_allclose(se, [2 * 0.1 * np.sqrt(2), 0.08])
    # a denominator of 0 leaves the ratio undefined, never infinite
    ratio, se = ratio_and_se(np.array([3.0]), np.array([1.0]), np.array([0.0]), np.array([0.0]))
    assert np.isnan(ratio[0]) and np.isnan(se[0])
    # a first-order check by simulation: Gaussian means, the ratio's scatter
    rng = np.random.default_rng(0)
    a, b = rng.normal(20.0, 0.4, 200_000), rng.normal(10.0, 0.3, 200_000)
    _, se = ratio_and_se(20.0, 0.4, 10.0, 0.3)
    assert float(se) == pytest.approx((a / b).std(), rel=0.01)  # second order: 0.1 %


def test_farthest_from_one():
    assert farthest_from_one([0.5, 1.1, 1.9]) == 0.5  # |ln 0.5| > |ln 1.9|
    assert farthest_from_one([0.6, 1.1, 1.9]) == 1.9
    assert np.isnan(farthest_from_one([]))
    assert np.isnan(farthest_from_one([0.0, 2.0])) and np.isnan(farthest_from_one([np.nan]))


def test_halfway_point_interpolates_linearly():
    # rates 20 -> 10 between 5 and 15 ms; midpoint of 20 and 4 is 12: 5 + 8/10 * 10 = 13
    assert halfway_point(np.array([0, 5, 15]), np.array([20, 20, 10]), 20, 4) == 13.0
    assert np.isnan(halfway_point([0, 5], [20, 19], 20, 4))  # never halfway
    assert np.isnan(halfway_point([0, 5], [10, 9], 20, 4))  # below from the start
    with pytest.raises(ValueError, match="'y' parameter of halfway_point"):
        halfway_point([0, 5], [1, 2, 3], 20, 4)
