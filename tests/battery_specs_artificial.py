"""The bad-input battery's specs for neurosim.artificial's second pass (see tests/battery_specs.py).

New or moved specs and exemptions of this area go here, so that the areas' second passes
do not edit the same lines.
"""

from __future__ import annotations

import numpy as np
from battery_specs import Spec, call, xy

A = "neurosim.artificial"
#: What a function returns (its fields are that function's measurements, checked there).
RETURNED = "a record {} returns (built by it from checked input)"


def _artificial():
    import neurosim.artificial as artificial

    return artificial


def _spikes(n=4, steps=5, inputs=3):
    return np.random.default_rng(0).random((n, steps, inputs)) < 0.3


def _pairs():
    X, y = xy(n=12, d=4, classes=3)
    return (X[:8], y[:8]), (X[8:], y[8:])


SPECS = [
    Spec(f"{A}:bump", call(np.array([-1.0, 0.0, 2.0]))),
    Spec(f"{A}:BumpUnit", call([2.0, 2.0], -2.0)),
    Spec(
        f"{A}:threshold_unit_accuracies",
        lambda: ((_artificial().CORNERS, _artificial().XOR, (-1.0, 0.0, 1.0)), {}),
    ),
    Spec(
        f"{A}:xor_units",
        call(values=(-1.0, 0.0, 1.0), bump_weights=(2.0, 2.0), bump_bias=-2.0),
    ),
    Spec(
        f"{A}:random_line_accuracies",
        lambda: ((_artificial().CORNERS, _artificial().XOR, 10, 0), {}),
    ),
    Spec(f"{A}:constrained_rules", call(seed=0)),
    Spec(
        f"{A}:compare_rules",
        lambda: (
            ({"backprop": _artificial().Backprop()}, [4, 3, 3], *_pairs()),
            {"epochs": 1, "batch_size": 4},
        ),
    ),
    Spec(
        f"{A}:pattern_task",
        call({"patterns": 4, "steps": 5, "inputs": 3, "rate_Hz": 50.0}),
    ),
    Spec(
        f"{A}:true_vs_surrogate",
        lambda: (
            (_spikes(), np.array([0, 1, 0, 1]), _artificial().FastSigmoid(10.0)),
            {"hidden": 2, "epochs": 1, "learning_rate": 0.01},
        ),
    ),
    Spec(
        f"{A}:steepness_sweep",
        lambda: (
            (_spikes(), np.array([0, 1, 0, 1]), [_artificial().FastSigmoid], (1.0, 10.0)),
            {"hidden": 2, "epochs": 1, "learning_rate": 0.01},
        ),
    ),
    Spec(
        f"{A}:digit_snn",
        lambda: (
            (np.full((4, 3), 0.5), np.array([0, 1, 2, 3]), _artificial().FastSigmoid(10.0)),
            {"hidden": 2, "epochs": 1, "n_steps": 20},
        ),
    ),
]
EXEMPT: dict[str, str] = {
    f"{A}:RuleRun": RETURNED.format("compare_rules"),
    f"{A}:TrueVsSurrogate": RETURNED.format("true_vs_surrogate"),
    f"{A}:XorUnits": RETURNED.format("xor_units"),
}
