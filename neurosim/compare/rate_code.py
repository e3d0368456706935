"""The digit classifier's rate code, fed the image as analog currents: run once per run.

``cost_of_spikes`` and ``spikes_can_be_cheap`` both count the synaptic events of the same
rate-coded network (:func:`neurosim.compare.convert.convert` of the lecture's digit
classifier: 99.9th percentile weight normalisation, integrate-and-fire neurons, reset by
subtraction) on the same test images, read when its accuracy stays within
``margin`` points of the ANN's. :func:`analog_rate_code` simulates it once per setting
and run (:func:`neurosim._cache.shared`), so the two comparisons share one simulation.
"""

from __future__ import annotations

import warnings

import numpy as np

from neurosim._cache import shared
from neurosim._validation import check_int, check_number, check_seed
from neurosim.compare.convert import ConversionWarning, convert, simulate_converted
from neurosim.compare.energy import RateCodeCost, rate_code_cost
from neurosim.digits import digit_classifier, digits_split
from neurosim.units import ms

__all__ = ["analog_rate_code"]

_FIELDS = ("times_ms", "accuracy", "hidden_events", "settled_ms", "settled_index")


def _save(cost: RateCodeCost, path) -> None:
    np.savez(path, **{name: np.asarray(getattr(cost, name)) for name in _FIELDS})


def _load(path) -> RateCodeCost:
    with np.load(path) as f:
        return RateCodeCost(
            f["times_ms"],
            f["accuracy"],
            f["hidden_events"],
            float(f["settled_ms"]),
            int(f["settled_index"]),
        )


def analog_rate_code(
    *,
    seed: int,
    epochs: int,
    image_stride: int,
    duration_ms: float,
    dt_ms: float,
    readout_ms: float = 1.0,
    margin: float = 1.0,
) -> RateCodeCost:
    """Accuracy and hidden-layer events over time of the analog-input rate code.

    Parameters
    ----------
    seed, epochs :
        Of the split and the trained classifier (:func:`neurosim.digits.digit_classifier`).
    image_stride : int
        Every ``image_stride``-th test image is simulated.
    duration_ms, dt_ms, readout_ms : float
        Simulated time per image, time step, readout interval.
    margin : float
        Points below the ANN's accuracy at which the run counts as settled.
    """
    owner = "analog_rate_code"
    key = {
        "seed": check_seed(seed, owner=owner),
        "epochs": check_int(epochs, "epochs", owner, low=1),
        "image_stride": check_int(image_stride, "image_stride", owner, low=1),
        "duration_ms": check_number(duration_ms, "duration_ms", owner, low=0),
        "dt_ms": check_number(dt_ms, "dt_ms", owner, low=0),
        "readout_ms": check_number(readout_ms, "readout_ms", owner, low=0),
        "margin": check_number(margin, "margin", owner, low=0, low_inclusive=True),
    }

    def compute() -> RateCodeCost:
        split = digits_split(seed)
        X, y = split.X_test[::image_stride], split.y_test[::image_stride]
        net = digit_classifier("relu", seed=seed, epochs=epochs)
        snn = convert(net, split.X_train)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConversionWarning)
            (res,) = simulate_converted(
                [snn],
                X,
                duration_ms * ms,
                readout_every=readout_ms * ms,
                dt=dt_ms * ms,
                seed=seed,
                inputs="current",
            )
        return rate_code_cost(res, y, 100 * net.score(X, y) - margin)

    return shared("analog_rate_code", key, compute, save=_save, load=_load)
