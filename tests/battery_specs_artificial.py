"""The bad-input battery's specs for neurosim.artificial's second pass (see tests/battery_specs.py).

New or moved specs and exemptions of this area go here, so that the areas' second passes
do not edit the same lines.
"""

from __future__ import annotations

import numpy as np
from battery_specs import Spec, call, net, snn, spikes, xy

A = "neurosim.artificial"
#: What a function returns (its fields are that function's measurements, checked there).
RETURNED = "a record {} returns (built by it from checked input)"


def _artificial():
    import neurosim.artificial as artificial

    return artificial


def _pairs():
    X, y = xy(n=12, d=4, classes=3)
    return (X[:8], y[:8]), (X[8:], y[8:])


SPECS = [
    # moved from battery_specs.py: every one now declares its constraints (@validate)
    Spec(f"{A}:SGD", call(0.1)),
    Spec(f"{A}:Adam", call()),
    Spec(f"{A}:DeepNetwork", call([4, 5, 2])),
    Spec(f"{A}:DeepNetwork.fit", lambda: ((net(trained=False), *xy()), {"epochs": 1})),
    Spec(f"{A}:DeepNetwork.predict", lambda: ((net(), xy()[0]), {})),
    Spec(f"{A}:DeepNetwork.predict_proba", lambda: ((net(), xy()[0]), {})),
    Spec(f"{A}:DeepNetwork.score", lambda: ((net(), *xy()), {})),
    Spec(f"{A}:DeepNetwork.loss", lambda: ((net(), *xy()), {})),
    Spec(f"{A}:FastSigmoid", call()),
    Spec(f"{A}:SigmoidDerivative", call()),
    Spec(f"{A}:SmoothSpike", call()),
    Spec(f"{A}:Triangle", call()),
    Spec(f"{A}:TrueDerivative", call()),
    Spec(f"{A}:FeedbackAlignment", call()),
    Spec(f"{A}:LIFRate", call()),
    Spec(f"{A}:SoftLIF", call()),
    Spec(f"{A}:LogisticUnit", call([1.0, 1.0], -1.5)),
    Spec(
        f"{A}:LogisticUnit.fit", lambda: ((_artificial().LogisticUnit(), *xy(d=2)), {"epochs": 2})
    ),
    Spec(f"{A}:NodePerturbation", call()),
    Spec(f"{A}:PredictiveCoding", call()),
    Spec(f"{A}:SignConstrained", call()),
    Spec(f"{A}:SparseAutoencoder", call(16, 4)),
    Spec(
        f"{A}:SparseAutoencoder.fit",
        lambda: (
            (_artificial().SparseAutoencoder(16, 4), xy(n=10, d=16)[0]),
            {"steps": 2, "batch": 5},
        ),
    ),
    Spec(f"{A}:SubunitNetwork", call((2,))),
    Spec(f"{A}:SurrogateSNN", call(4, 3, 2)),
    Spec(f"{A}:SurrogateSNN.fit", lambda: ((snn(), spikes(), np.array([0, 1, 0])), {"epochs": 1})),
    Spec(f"{A}:SurrogateSNN.simulate", lambda: ((snn(), spikes()), {})),
    Spec(f"{A}:alignment_angle", lambda: ((net(), *xy(), _artificial().Backprop()), {})),
    Spec(f"{A}:bernoulli_spikes", call(2, 5, 3, rate=50.0, dt=0.001)),
    Spec(f"{A}:random_patterns", call(2, 5, 3, rate=50.0, dt=0.001)),
    Spec(f"{A}:cascade_cosine", call(np.arange(4), 0.1, np.ones((2, 3)))),
    Spec(f"{A}:settled_fraction", call(np.arange(4), 0.1, 2)),
    Spec(f"{A}:steps_to_settle", call(0.1, 2)),
    Spec(f"{A}:get_activation", call("sigmoid")),
    Spec(f"{A}:get_optimizer", call("sgd")),
    Spec(f"{A}:gradient_check", lambda: ((net(), *xy(n=4)), {})),
    Spec(f"{A}:numerical_gradients", lambda: ((net(), *xy(n=4)), {})),
    Spec(f"{A}:latency_spikes", call(np.full((2, 3), 0.5), window=4, n_steps=6)),
    Spec(f"{A}:sigmoid", call(0.0)),
    Spec(f"{A}:logsigmoid", call(0.0)),
    Spec(f"{A}:softplus", call(0.0)),
    Spec(f"{A}:nudge_sweep", lambda: ((net(), *xy(n=8), [0.1]), {"horizon": 1.0, "batch_size": 4})),
    Spec(
        f"{A}:settling_trace",
        lambda: (
            (net(), *xy(n=8), _artificial().PredictiveCoding(steps=3)),
            {"batch_size": 4},
        ),
    ),
    Spec(f"{A}:update_angle", call(np.ones(3), np.arange(3.0))),
    Spec(f"{A}:variance_explained", call(np.arange(4.0), np.arange(4.0) + 0.1)),
    # new in the second pass
    Spec(
        f"{A}:fit_together",
        lambda: (([net(trained=False)], [xy()]), {"seeds": [0], "epochs": 1}),
    ),
    Spec(f"{A}:Training", lambda: ((net(trained=False), *xy()), {"epochs": 1})),
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
            (
                spikes(n=4, steps=5, inputs=3),
                np.array([0, 1, 0, 1]),
                _artificial().FastSigmoid(10.0),
            ),
            {"hidden": 2, "epochs": 1, "learning_rate": 0.01},
        ),
    ),
    Spec(
        f"{A}:steepness_sweep",
        lambda: (
            (
                spikes(n=4, steps=5, inputs=3),
                np.array([0, 1, 0, 1]),
                [_artificial().FastSigmoid],
                (1.0, 10.0),
            ),
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
