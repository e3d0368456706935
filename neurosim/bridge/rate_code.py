"""The digit classifier's rate code, fed the image as analog currents: run once per run.

``cost_of_spikes`` and ``spikes_can_be_cheap`` both count the spikes of the same
rate-coded network (:func:`neurosim.bridge.convert.convert` of the lecture's digit
classifier: 99.9th percentile weight normalisation, integrate-and-fire neurons, reset by
subtraction) on the same test images, read when its accuracy comes within
:data:`~neurosim.bridge.energy.MARGIN_POINTS` of the ANN's
(:func:`~neurosim.bridge.metrics.settling_time`: the isotonic reading, robust to one
image, with a bootstrap interval over the images). :func:`analog_rate_code` simulates it
once per setting and run (:func:`neurosim.core.cache.shared`), so the two comparisons share
one simulation.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from neurosim.artificial.digits import LAYERS, digit_classifier, digits_split
from neurosim.bridge.convert import ConversionWarning, convert, simulate_converted
from neurosim.bridge.energy import MARGIN_POINTS, Workload, rate_code_workload
from neurosim.bridge.metrics import settling_time
from neurosim.core.cache import shared
from neurosim.core.validation import check_int, check_number, check_seed, param_error
from neurosim.units import ms

__all__ = ["RateCodeCost", "analog_rate_code", "rate_code_cost"]


@dataclass(frozen=True)
class RateCodeCost:
    """A rate-coded network's accuracy and spikes per image over time (plain arrays).

    Attributes
    ----------
    times_ms : ndarray (n_times,)
        Readout times.
    accuracy : ndarray (n_times,)
        Test accuracy (%) at each readout.
    hidden_events : ndarray (n_times,)
        Synaptic events per image caused by the hidden layer's spikes (spikes x
        fan-out, averaged over images) from 0 to each readout; input spikes excluded.
    hidden_spikes, output_spikes : ndarray (n_times,)
        Spikes per image of the hidden and the output layer from 0 to each readout.
    ann_accuracy : float
        The ANN's accuracy (%) on the same images.
    settled_ms, settled_index :
        When the accuracy comes within ``MARGIN_POINTS`` of the ANN's
        (:func:`~neurosim.bridge.metrics.settling_time`; ``nan``, ``-1`` if never).
    settled_interval_ms : ndarray (2,)
        Its 95 % bootstrap interval over the test images (``inf`` where resampled
        curves never come within the margin).
    """

    times_ms: np.ndarray
    accuracy: np.ndarray
    hidden_events: np.ndarray
    hidden_spikes: np.ndarray
    output_spikes: np.ndarray
    ann_accuracy: float
    settled_ms: float
    settled_index: int
    settled_interval_ms: np.ndarray

    def workload(self, i: int, *, dt_ms: float, input_spikes=None, layers=LAYERS) -> Workload:
        """Its work per image from the start to readout ``i``
        (:func:`~neurosim.bridge.energy.rate_code_workload`: its hidden and output spikes
        until then, every neuron updated every ``dt_ms``).

        ``input_spikes``: pixel spikes per image and hidden neuron until each readout
        (n_times,), or None for an image entering as analog currents; ``layers``: the
        layer sizes (default: the lecture's 64-100-10 digit classifier).
        """
        return rate_code_workload(
            layers,
            hidden_spikes=self.hidden_spikes[i],
            output_spikes=self.output_spikes[i],
            steps=round(self.times_ms[i] / dt_ms),
            input_spikes=None if input_spikes is None else input_spikes[i],
        )

    def energy_nJ(self, accounting: str, *, dt_ms: float, input_spikes=None, layers=LAYERS):
        """Energy per image (nJ) under one of
        :data:`~neurosim.bridge.energy.ACCOUNTINGS`, from the start to every readout
        (n_times,); arguments as for :meth:`workload`."""
        readouts = range(len(self.times_ms))
        works = (
            self.workload(i, dt_ms=dt_ms, input_spikes=input_spikes, layers=layers)
            for i in readouts
        )
        return np.array([w.energy_nJ(accounting) for w in works])


#: Resamples of the test images for the bootstrap interval of a settling time.
N_BOOTSTRAP = 200


def rate_code_cost(result, y, ann_predictions, *, seed: int = 0) -> RateCodeCost:
    """Accuracy and spikes of a converted network's run, and when it is as accurate.

    Parameters
    ----------
    result : :class:`~neurosim.bridge.convert.ConversionResult`
        One run of a converted (rate-coded) network on the images labelled ``y``.
    y : array of int
        The labels.
    ann_predictions : array of int
        The ANN's classes for the same images: the run counts as settled when its
        accuracy comes within :data:`MARGIN_POINTS` of the ANN's.
    seed : int
        Of the bootstrap over images.
    """
    from neurosim.units import ms

    y, ann_predictions = np.asarray(y), np.asarray(ann_predictions)
    if ann_predictions.shape != y.shape:
        raise param_error(
            "ann_predictions",
            "rate_code_cost",
            f"one class per label {y.shape}",
            ann_predictions.shape,
        )
    times = np.asarray(result.readout_times / ms, dtype=float)
    correct = np.asarray(result.predictions) == y[None, :]
    acc = 100 * correct.mean(axis=1)
    ann_correct = ann_predictions == y
    ann_acc = 100 * float(ann_correct.mean())
    hidden_spikes = np.asarray(result.layer_counts[0], dtype=float).mean(axis=1)
    output_spikes = np.asarray(result.layer_counts[1], dtype=float).mean(axis=1)
    settling = settling_time(
        times, correct, ann_correct, MARGIN_POINTS, resamples=N_BOOTSTRAP, seed=seed
    )
    interval = [settling.low, settling.high]
    return RateCodeCost(
        times_ms=times,
        accuracy=acc,
        hidden_events=hidden_spikes * result.fan_out[0],
        hidden_spikes=hidden_spikes,
        output_spikes=output_spikes,
        ann_accuracy=ann_acc,
        settled_ms=settling.time,
        settled_index=settling.index,
        # an end the resamples never reach is open
        settled_interval_ms=np.where(np.isnan(interval), np.inf, interval),
    )


_ARRAYS = (
    "times_ms",
    "accuracy",
    "hidden_events",
    "hidden_spikes",
    "output_spikes",
    "settled_interval_ms",
)


def _save(cost: RateCodeCost, path) -> None:
    np.savez(
        path,
        **{name: np.asarray(getattr(cost, name)) for name in _ARRAYS},
        ann_accuracy=cost.ann_accuracy,
        settled_ms=cost.settled_ms,
        settled_index=cost.settled_index,
    )


def _load(path) -> RateCodeCost:
    with np.load(path) as f:
        return RateCodeCost(
            **{name: f[name] for name in _ARRAYS},
            ann_accuracy=float(f["ann_accuracy"]),
            settled_ms=float(f["settled_ms"]),
            settled_index=int(f["settled_index"]),
        )


def analog_rate_code(
    *,
    seed: int,
    epochs: int,
    image_stride: int,
    duration_ms: float,
    dt_ms: float,
    readout_ms: float = 1.0,
) -> RateCodeCost:
    """Accuracy and spikes over time of the analog-input rate code.

    Parameters
    ----------
    seed, epochs :
        Of the split and the trained classifier (:func:`neurosim.artificial.digits.digit_classifier`);
        the seed also draws the bootstrap over images of the settling time.
    image_stride : int
        Every ``image_stride``-th test image is simulated.
    duration_ms, dt_ms, readout_ms : float
        Simulated time per image, time step, readout interval.
    """
    owner = "analog_rate_code"
    key = {
        "seed": check_seed(seed, owner=owner),
        "epochs": check_int(epochs, "epochs", owner, low=1),
        "image_stride": check_int(image_stride, "image_stride", owner, low=1),
        "duration_ms": check_number(duration_ms, "duration_ms", owner, low=0),
        "dt_ms": check_number(dt_ms, "dt_ms", owner, low=0),
        "readout_ms": check_number(readout_ms, "readout_ms", owner, low=0),
        "margin": MARGIN_POINTS,
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
        return rate_code_cost(res, y, net.predict(X), seed=seed)

    return shared("analog_rate_code", key, compute, save=_save, load=_load)
