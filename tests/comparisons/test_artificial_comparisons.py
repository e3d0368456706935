"""The two artificial-side comparisons: their numbers against what geometry says."""

import numpy as np
import pytest

from comparisons import flexible_mappings, logistic_unit_limits


@pytest.fixture(scope="module")
def xor_findings():
    return logistic_unit_limits.run(quick=True, seed=0)


def test_no_line_separates_xor_but_one_separates_and():
    # Geometry: XOR's classes sit on opposite corners, so every line misclassifies at
    # least one corner (best 3/4); AND is separable (4/4). Exact, no tolerance.
    X, xor, and_ = logistic_unit_limits.CORNERS, logistic_unit_limits.XOR, logistic_unit_limits.AND
    acc_xor = logistic_unit_limits.random_line_accuracies(X, xor, 50_000, seed=1)
    acc_and = logistic_unit_limits.random_line_accuracies(X, and_, 50_000, seed=1)
    assert acc_xor.max() == 0.75
    assert acc_and.max() == 1.0


def test_xor_claims(xor_findings):
    values = {c.statement: c.value for c in xor_findings.claims}
    assert values["one logistic unit on AND (truth table)"] == 100.0
    assert values["one logistic unit on XOR (truth table), trained"] <= 75.0
    assert values["best of 20,000 random logistic units on XOR"] == 75.0
    assert values["network with one hidden layer of 4 units on XOR (truth table)"] == 100.0
    fig = logistic_unit_limits.plot(xor_findings)
    assert [ax.get_xlabel() for ax in fig.axes[:3]] == ["input $x_1$"] * 3
    bars = fig.axes[3].patches
    xor_heights = [p.get_height() for p in bars[4:8]]
    assert xor_heights[3] == 0.0  # the 100% bar of XOR is empty: no line gets it right
    np.testing.assert_allclose(sum(xor_heights), 100.0)


def test_flexible_mappings_depth_bends_the_boundary():
    findings = flexible_mappings.run(quick=True, seed=0)
    acc = {c.statement: c.value for c in findings.claims}
    deep = "spirals: test accuracy of a network with 3 hidden layers of 32 (a deep network)"
    linear = "spirals: test accuracy of a network with no hidden layer"
    # Two interleaved spiral arms: a straight boundary gets about two thirds right at best,
    # a deep network separates them (a lecture needs >= 95%).
    assert acc[deep] >= 95.0
    assert acc[linear] <= 75.0
    assert all(0 <= c.value <= 100 and c.unit == "%" for c in findings.claims)
    fig = flexible_mappings.plot(findings)
    assert fig.axes[3].get_ylabel() == "test accuracy (%)"
    curve = findings.data["spirals/2/curve"]
    assert curve.shape == (findings.settings["epochs"],)
    assert curve[-1] == pytest.approx(acc[deep])
