"""The width of a curve's foot: hand-worked values, invariance, a hard threshold."""

import math

import numpy as np
import pytest

from neurosim.bridge import FOOT_LEVELS, foot_ratio, link_foot_ratios


def _inverse(cdf, p, lo=-20.0, hi=20.0):
    """Bisection on a CDF written here (independent of scipy's inverse functions)."""
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return 0.5 * (lo + hi)


def test_link_foot_ratios_by_hand():
    # logit: (ln(5/95) - ln(1/99)) / (ln(25/75) - ln(5/95)) = 0.8943
    logit = (math.log(5 / 95) - math.log(1 / 99)) / (math.log(25 / 75) - math.log(5 / 95))
    assert logit == pytest.approx(0.8943, abs=1e-4)
    cdfs = {
        "logit": lambda x: 1 / (1 + math.exp(-x)),
        "probit": lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2))),
        "complementary log-log": lambda x: 1 - math.exp(-math.exp(x)),
        "log-log": lambda x: math.exp(-math.exp(-x)),
    }
    hand = {name: foot_ratio([_inverse(cdf, p) for p in FOOT_LEVELS]) for name, cdf in cdfs.items()}
    assert link_foot_ratios() == pytest.approx(hand, rel=1e-9)
    assert hand["logit"] == pytest.approx(logit, rel=1e-9)
    # the smallest is the log-log link's, 0.558: the bound a squashing function keeps
    assert min(hand.values()) == pytest.approx(0.5580, abs=1e-4)


@pytest.mark.parametrize(("weight", "bias"), [(1.0, 0.0), (6.0, -3.0), (0.02, 40.0)])
def test_a_logistic_unit_has_the_same_foot_whatever_its_weight_and_bias(weight, bias):
    # y = sigmoid(w x + b) reaches p at x = (logit(p) - b) / w
    inputs = [(math.log(p / (1 - p)) - bias) / weight for p in FOOT_LEVELS]
    assert foot_ratio(inputs) == pytest.approx(link_foot_ratios()["logit"], rel=1e-12)


def test_a_hard_threshold_has_no_foot():
    # a steep ramp from a threshold at x = 1: y = min(1, 1000 (x - 1)) reaches p at 1 + p/1000
    inputs = 1 + np.array(FOOT_LEVELS) / 1000
    assert foot_ratio(inputs) == pytest.approx(0.04 / 0.20)  # a ramp's own, no foot below it
    assert foot_ratio([1.0, 1.0, 2.0]) == 0.0  # jumps to 5 % at once
