"""The bad-input battery's specs for neurosim.bridge's second pass (see tests/battery_specs.py).

New or moved specs and exemptions of this area go here, so that the areas' second passes
do not edit the same lines.
"""

from __future__ import annotations

import numpy as np

B = "neurosim.bridge"
V = "neurosim.vision"


def _call(*args, **kwargs):
    return lambda: (args, kwargs)


def _units():
    import neurosim.units as u

    return u


def _lif():
    from neurosim.spiking import LIFParameters

    return LIFParameters()


def _grating_rf(side=8, frequency=0.2):
    """A receptive field that is one grating along x (a preferred orientation of 0)."""
    x = np.arange(side, dtype=float)
    return np.tile(np.cos(2 * np.pi * frequency * x), (side, 1))


def _digits_race_call():
    from neurosim.artificial import DeepNetwork, SurrogateSNN
    from neurosim.artificial.digits import DigitsSplit

    rng = np.random.default_rng(0)
    X_train, X_test = rng.random((20, 4)), rng.random((6, 4))
    split = DigitsSplit(X_train, X_test, np.arange(20) % 2, np.arange(6) % 2)
    snn = SurrogateSNN(4, 3, 2, seed=0)
    ann = DeepNetwork([4, 5, 2], hidden="relu", seed=0)
    ann.fit(X_train, split.y_train, epochs=1)
    return (snn, ann, split), {"n_steps": 16, "converted_ms": 5.0}


def _patches(n=4, side=6):
    return np.random.default_rng(0).standard_normal((n, side, side))


def _specs():
    from battery_specs import Spec

    u = _units()
    return [
        Spec(f"{B}:foot_ratio", _call([0.5, 1.0, 2.0])),
        Spec(
            f"{B}:logistic_noise_floor",
            _call(
                np.linspace(-3, 3, 7),
                1 / (1 + np.exp(-np.linspace(-3, 3, 7))),
                np.full(7, 0.05),
            ),
        ),
        Spec(
            f"{B}:cycle_mean_rate",
            lambda: ((_lif(), 0.2 * u.nA, 0.3 * u.nA, np.array([0.2, 1.0])), {"phases": 8}),
        ),
        Spec(
            f"{B}:orientation_tuning",
            lambda: (
                (_grating_rf(), 0.0, 0.2, _lif()),
                {
                    "offset": 0.2 * u.nA,
                    "drive": 0.3 * u.nA,
                    "temporal_frequency": 4 * u.Hz,
                    "duration": 5 * u.ms,
                    "n_angles": 4,
                    "trials": 1,
                },
            ),
        ),
        Spec(f"{B}:digits_race", _digits_race_call),
        Spec(f"{V}:natural_basis", _call(4, steps=2)),
        Spec(f"{V}:null_filters", lambda: ((_patches(), 2), {})),
        Spec(f"{V}:whitened_natural_patches", _call()),
    ]


SPECS: list = _specs()
EXEMPT: dict[str, str] = {
    f"{B}:DigitsRace": "a record that digits_race returns (built by neurosim, not by a user)",
    f"{B}:OrientationTuning": (
        "a record that orientation_tuning returns (built by neurosim, not by a user)"
    ),
    f"{B}:link_foot_ratios": "no parameters",
}
