"""The two artificial-side comparisons: their numbers against what geometry says."""

from dataclasses import is_dataclass

import numpy as np
import pytest

from neurosim.artificial import truth_tables
from neurosim.comparisons import flexible_mappings, logistic_unit_limits
from neurosim.contract.module import check_figure, check_findings, check_module


@pytest.fixture(scope="module")
def xor_findings(quick_run):
    return quick_run(logistic_unit_limits.NAME)[0]


@pytest.fixture(scope="module")
def flex_findings(quick_run):
    return quick_run(flexible_mappings.NAME)[0]


def _claims_follow_rules(module, findings):
    assert check_findings(module, findings) == []
    # the data plot() reads is one frozen dataclass: a misspelt field fails at once
    assert is_dataclass(findings.data) and type(findings.data).__dataclass_params__.frozen
    for c in findings.claims:
        assert c.about == "artificial" and c.aspect is None and not c.key


# -- logistic_unit_limits -------------------------------------------------------------------
def test_logistic_module_contract(xor_findings):
    assert check_module(logistic_unit_limits) == []
    _claims_follow_rules(logistic_unit_limits, xor_findings)
    assert all(c.verdict == "holds" for c in xor_findings.claims)


def test_no_line_separates_xor_but_one_separates_and():
    # Geometry: XOR's classes sit on opposite corners, so every line misclassifies at
    # least one corner (best 3/4); so does XNOR (worst 1/4). AND is separable (4/4) and
    # so is its complement NAND (0/4). Exact, no tolerance.
    X, xor, and_ = truth_tables.CORNERS, truth_tables.XOR, truth_tables.AND
    acc_xor = truth_tables.random_line_accuracies(X, xor, 50_000, seed=1)
    acc_and = truth_tables.random_line_accuracies(X, and_, 50_000, seed=1)
    assert acc_xor.max() == 0.75 and acc_xor.min() == 0.25
    assert acc_and.max() == 1.0 and acc_and.min() == 0.0


def test_random_line_accuracy_by_hand():
    # Worked by hand: x1 + x2 - 1.5 > 0 only at (1, 1): that is AND (4/4 on AND) and on
    # XOR only (0, 0) is right (1/4). The negated line answers NAND: 0/4 on AND, 3/4 on XOR.
    X = truth_tables.CORNERS
    w = np.array([[1.0, 1.0], [-1.0, -1.0]])
    b = np.array([-1.5, 1.5])
    predicted = (w @ X.T + b[:, None]) > 0
    np.testing.assert_array_equal(predicted, [[0, 0, 0, 1], [1, 1, 1, 0]])
    and_acc = (predicted == truth_tables.AND.astype(bool)).mean(axis=1)
    xor_acc = (predicted == truth_tables.XOR.astype(bool)).mean(axis=1)
    np.testing.assert_array_equal(and_acc, [1.0, 0.0])
    np.testing.assert_array_equal(xor_acc, [0.25, 0.75])


def test_xor_claims(xor_findings):
    d = xor_findings.data
    and_unit, xor_unit, best_line, network = xor_findings.claims
    assert and_unit.value == 100.0 == d.acc_and  # separable
    assert xor_unit.value <= 75.0  # geometry
    assert best_line.value == 75.0  # 20,000 lines find one of the 3-of-4 lines
    assert network.value == 100.0
    assert xor_findings.settings["parameters"]["n_lines"] == {"value": 20_000, "unit": ""}


def test_line_shares_are_symmetric(xor_findings):
    # (w, b) -> (-w, -b) has the same N(0, 1) density and flips every answer, so the
    # share at accuracy a equals the share at 100 - a. Sampling: the difference of two
    # multinomial shares has SD sqrt((p + q) / n) <= sqrt(0.26 / 20000) = 0.36 points for
    # XOR, 0.12 for AND's 0/100 bins; tolerance 4 SD.
    d = xor_findings.data
    np.testing.assert_array_equal(d.bins_percent, [0, 25, 50, 75, 100])
    xor, and_ = d.xor_share_percent, d.and_share_percent
    assert xor[1] == pytest.approx(xor[3], abs=1.5)
    assert and_[0] == pytest.approx(and_[4], abs=0.5)
    assert and_[1] == pytest.approx(and_[3], abs=1.5)
    assert xor[0] == 0.0 and xor[4] == 0.0  # XNOR and XOR: never
    assert and_[0] > 0  # NAND lines exist: the 0 % bin is not empty for AND
    np.testing.assert_allclose(xor.sum(), 100.0)
    np.testing.assert_allclose(and_.sum(), 100.0)


def test_xor_figure_shows_every_bin(xor_findings):
    d = xor_findings.data
    fig = logistic_unit_limits.plot(xor_findings)
    assert check_figure(fig, xor_findings) == []
    assert [ax.get_xlabel() for ax in fig.axes[:3]] == ["input $x_1$"] * 3
    ax = fig.axes[3]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0%", "25%", "50%", "75%", "100%"]
    bars = ax.patches
    assert len(bars) == 10
    and_heights = [p.get_height() for p in bars[:5]]
    xor_heights = [p.get_height() for p in bars[5:]]
    np.testing.assert_allclose(and_heights, d.and_share_percent)
    np.testing.assert_allclose(xor_heights, d.xor_share_percent)
    # D11: the 0 % bin is drawn, so each model's bars add up to all the random units
    np.testing.assert_allclose(sum(and_heights), 100.0)
    np.testing.assert_allclose(sum(xor_heights), 100.0)
    # an empty bar is labelled "0" (XOR at 0 % and at 100 %)
    zeros = [t for t in ax.texts if t.get_text() == "0"]
    assert len(zeros) == 2
    assert ax.get_ylim()[1] >= max(max(and_heights), max(xor_heights))


def test_logistic_parameters_change_the_result(xor_findings):
    small = logistic_unit_limits.run(quick=True, seed=0, n_lines=1000, hidden=2)
    assert small.data.line_accuracies.size == 1000
    # shares of 1000 lines are whole multiples of 0.1 %
    shares = small.data.and_share_percent
    np.testing.assert_allclose(shares * 10, np.round(shares * 10), atol=1e-9)
    assert small.data.hidden == 2
    fig = logistic_unit_limits.plot(small)
    assert fig.axes[2].get_title().startswith("2 hidden units")
    assert "1,000 random units" in fig.axes[3].get_title()
    assert [c.statement for c in small.claims] == [c.statement for c in xor_findings.claims]


# -- flexible_mappings ----------------------------------------------------------------------
def _best_line_accuracy(X, y, n_angles=720):
    """Best accuracy of any straight boundary on (X, y), by brute force (numpy, exact up
    to the angle grid): every direction, every threshold between sorted projections."""
    best = 0.0
    n = len(y)
    for angle in np.linspace(0, np.pi, n_angles, endpoint=False):
        proj = X @ np.array([np.cos(angle), np.sin(angle)])
        order = np.argsort(proj)
        labels = y[order]
        # class 1 above the threshold: right = (class 0 below) + (class 1 above)
        zeros_below = np.concatenate([[0], np.cumsum(labels == 0)])
        ones_above = np.concatenate([[0], np.cumsum(labels[::-1] == 1)])[::-1]
        right = zeros_below + ones_above
        best = max(best, right.max() / n, (n - right.min()) / n)
    return 100 * best


def test_flexible_module_contract(flex_findings):
    assert check_module(flexible_mappings) == []
    _claims_follow_rules(flexible_mappings, flex_findings)
    assert len(flex_findings.claims) == 4


def test_flexible_mappings_depth_bends_the_boundary(flex_findings):
    d = flex_findings.data
    deep_m, gain_m, deep_s, gain_s = flex_findings.claims
    # Two interleaved spiral arms: a deep network separates them (a lecture needs >= 95 %).
    assert deep_s.value == d.accuracy_percent[1, 2] >= 95.0
    assert deep_m.value == d.accuracy_percent[0, 2] >= 95.0
    assert gain_s.value == pytest.approx(d.accuracy_percent[1, 2] - d.accuracy_percent[1, 0])
    assert gain_m.value == pytest.approx(d.accuracy_percent[0, 2] - d.accuracy_percent[0, 0])
    for i, name in enumerate(flexible_mappings.DATASETS):
        # Truth for the network without hidden layers: it draws a straight line, so its
        # test accuracy cannot beat the best line on the test points (exact, brute force
        # over 720 angles); it was trained on other points, so allow 10 points below
        # (the generalisation gap of a 2-parameter boundary on 100-150 points is a few).
        best = _best_line_accuracy(d.X_test[i], d.y_test[i])
        linear = d.accuracy_percent[i, 0]
        assert best - 10 <= linear <= best + 1e-9, (name, linear, best)
    # spirals: no straight line gets much more than two thirds right
    assert _best_line_accuracy(d.X_test[1], d.y_test[1]) <= 75.0


def test_flexible_figure(flex_findings):
    d = flex_findings.data
    fig = flexible_mappings.plot(flex_findings)
    assert check_figure(fig, flex_findings) == []
    assert "seed 0" in fig.get_supxlabel() and "quick" in fig.get_supxlabel()
    assert fig.axes[3].get_ylabel() == "test accuracy (%)"
    assert fig.axes[3].get_xlabel() == "training epoch"
    curve = d.curve_percent[1, 2]
    assert curve.shape == (flex_findings.settings["parameters"]["epochs"]["value"],)
    assert curve[-1] == pytest.approx(d.accuracy_percent[1, 2])
    # every point of every learning curve is inside the axis
    low = fig.axes[3].get_ylim()[0]
    assert np.min(d.curve_percent) >= low


def test_flexible_parameters_change_the_result(flex_findings):
    short = flexible_mappings.run(quick=True, seed=0, epochs=5, width=8)
    assert short.data.curve_percent[1, 2].shape == (5,)
    assert short.data.labels[2] == "3 hidden layers of 8"
    # 5 epochs are not enough for the spirals: the deep net is far from its 100-epoch score
    assert short.data.accuracy_percent[1, 2] < flex_findings.data.accuracy_percent[1, 2] - 5
    assert [c.statement for c in short.claims] == [c.statement for c in flex_findings.claims]
    with pytest.raises(TypeError, match="epoch"):
        flexible_mappings.run(quick=True, epoch=5)
