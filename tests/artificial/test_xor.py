"""What one unit can do on XOR (neurosim.artificial.xor), counted by hand.

Truths: a unit with a monotonic activation answers class 1 where w . x + b > 0 (one side
of a line); a Gaussian-bump unit where |w . x + b| < sqrt(2 ln 2) (exp(-z^2/2) > 0.5).
Both are re-counted here corner by corner, in plain loops, over a small grid.
"""

import itertools
import math

import numpy as np
import pytest

from neurosim.artificial import CORNERS, XOR, XorUnits, xor_units


def _counts_by_hand(values, band: bool) -> list[int]:
    counts = [0] * 5  # units that get 0, 1, 2, 3, 4 corners right
    for w1, w2, b in itertools.product(values, repeat=3):
        right = 0
        for (x1, x2), target in zip(CORNERS, XOR):
            z = w1 * x1 + w2 * x2 + b
            says = abs(z) < math.sqrt(2 * math.log(2)) if band else z > 0
            right += int(says == bool(target))
        counts[right] += 1
    return counts


def test_grid_counts_match_a_count_by_hand():
    values = (-2.0, -1.0, 0.0, 1.0, 2.0)
    units = xor_units(values=values, bump_weights=(2.0, 2.0), bump_bias=-2.0)
    assert isinstance(units, XorUnits)
    assert units.grid_units == 5**3
    assert units.monotonic_accuracy_counts.tolist() == _counts_by_hand(values, band=False)
    assert units.bump_accuracy_counts.tolist() == _counts_by_hand(values, band=True)
    # no line gets all four XOR corners (nor none: XNOR is not separable either)
    assert units.monotonic_accuracy_counts[4] == 0 and units.monotonic_best == 75.0
    assert units.bump_accuracy_counts[4] > 0 and units.bump_best == 100.0


def test_the_four_units_by_hand():
    units = xor_units(values=(-1.0, 0.0, 1.0), bump_weights=(2.0, 2.0), bump_bias=-2.0, seed=3)
    # trained: the loss is convex with zero gradient at w = 0, b = 0 -> P = 1/2, ln 2
    np.testing.assert_allclose(units.unit_trained_proba, 0.5, atol=1e-9)
    assert units.unit_trained_loss == pytest.approx(math.log(2), abs=1e-12)
    # the best line: OR, 3 of 4
    assert units.unit_best_class.tolist() == [0, 1, 1, 1] and units.unit_best_accuracy == 75.0
    # the bump unit: sums 2 x1 + 2 x2 - 2 = -2, 0, 0, 2; exp(-2) = 0.135335 at the ends
    np.testing.assert_allclose(units.bump_sum, [-2, 0, 0, 2])
    np.testing.assert_allclose(units.bump_output, [math.exp(-2), 1, 1, math.exp(-2)], rtol=1e-12)
    assert units.bump_class.tolist() == [0, 1, 1, 0] and units.bump_accuracy == 100.0


def test_what_the_grid_search_and_the_bump_unit_refuse():
    from neurosim.artificial import BumpUnit, random_line_accuracies, threshold_unit_accuracies

    with pytest.raises(ValueError, match="'y' parameter of threshold_unit_accuracies.*4 labels"):
        threshold_unit_accuracies(CORNERS, XOR[:3], (-1.0, 1.0))
    # 25 values for 10 weights and a bias: 25**11 units, far beyond the 1e7 the search takes
    with pytest.raises(ValueError, match="'values' parameter.*at most 10000000 units"):
        threshold_unit_accuracies(np.zeros((4, 10)), XOR, np.linspace(-3, 3, 25))
    with pytest.raises(ValueError, match="'activation'.*'monotonic', 'bump'"):
        threshold_unit_accuracies(CORNERS, XOR, (0.0,), activation="step")
    with pytest.raises(ValueError, match="'y' parameter of random_line_accuracies"):
        random_line_accuracies(CORNERS, XOR[:2], 5, 0)
    with pytest.raises(ValueError, match="'X' parameter of BumpUnit.*2 columns"):
        BumpUnit([1.0, 1.0], 0.0).predict(np.ones((3, 3)))
    weights = np.array([2.0, 2.0])
    unit = BumpUnit(weights, -2.0)
    weights[0] = 0.0  # the unit keeps its own copy
    assert unit.predict(CORNERS).tolist() == XOR.tolist()
