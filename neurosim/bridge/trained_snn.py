"""A spiking network trained in numpy (surrogate gradients), run unchanged by Brian2.

:class:`~neurosim.artificial.surrogate.SurrogateSNN` writes out the exact one-step
update of LIF neurons with current-based synapses, in Brian2's order within a step;
:func:`run_in_brian2` hands its trained weights, untouched, to
:func:`neurosim.spiking.current_lif.run_current_lif`, where Brian2 integrates the same
equations (``method="exact"``) on the same clock ``dt``. Every sample is a block of
neurons of one group (one engine run for a whole test set); an input neuron that never
spikes for a sample gets no synapses (they could carry nothing).

Agreement is expected to the last bit of the potentials (about 1e-14): the two differ
only in the order in which floating-point sums are taken, so a spike could differ only
where a potential lies within rounding error of the threshold.

:func:`digits_race` sets such a network, trained on the lecture's digits, beside the
lecture's ANN converted to spiking neurons on the same clock: when each answers
(:func:`answer_time`) and how many spikes it has used by then.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from neurosim.artificial.network import DeepNetwork
from neurosim.artificial.spike_codes import latency_spikes
from neurosim.artificial.surrogate import SpikingRun, SurrogateSNN
from neurosim.artificial.surrogate_tasks import DIGITS
from neurosim.bridge.convert import convert, simulate_converted
from neurosim.core.constraints import (
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    ArrayOf,
    Constraint,
    InstanceOf,
    Interval,
    Options,
    validate,
)
from neurosim.core.validation import param_error
from neurosim.core.warning_types import ConversionWarning
from neurosim.spiking.backend import TARGETS
from neurosim.spiking.current_lif import run_current_lif
from neurosim.units import ms, second

__all__ = ["DigitsRace", "answer_time", "digits_race", "run_in_brian2"]

#: "within one point": about the sampling error of an accuracy near 97 % on 359 images
ONE_POINT = 0.01


#: A Brian2 code-generation target, or None for the default one.
TARGET = [Options(*TARGETS), None]


@validate(
    times=ArrayOf(1, values=NON_NEGATIVE),
    accuracy=ArrayOf(1, values=Interval(0, 1)),
    within=Interval(0, 1),
)
def answer_time(times, accuracy, *, within: float = ONE_POINT) -> tuple[float, int]:
    """When a network read out over time has answered: ``(time, index)``.

    The first readout whose accuracy (a fraction) comes within ``within`` of the plateau,
    the mean accuracy over the readouts after two thirds of the run. A mean over many
    readouts, so no single readout (no single test image) moves it far; a curve that
    dips after reaching it has still answered then.
    """
    if times.shape != accuracy.shape or times.size < 3:
        raise param_error(
            "accuracy", "answer_time", "one accuracy per readout time (3 or more)", accuracy
        )
    plateau = float(np.mean(accuracy[times > times[-1] * 2 / 3]))
    k = int(np.argmax(accuracy >= plateau - within))
    return float(times[k]), k


@validate(
    network=InstanceOf(SurrogateSNN),
    spikes=ArrayOf(3, dtype=None, values=Interval(0, 1)),
    replica=Interval(0, None, integer=True),
    target=TARGET,
)
def run_in_brian2(network: SurrogateSNN, spikes, *, replica: int = 0, target=None) -> SpikingRun:
    """Simulate every sample of ``spikes`` (n_samples, n_steps, n_inputs) in Brian2.

    Parameters
    ----------
    network : SurrogateSNN
        A trained network; its weights are used as they are.
    spikes : array of bool
        Input spikes, as given to ``network.simulate``.
    replica : int, default 0
        Which of the network's replicas to run.
    target : str or None
        Brian2 code-generation target.

    Returns
    -------
    SpikingRun
        With one replica (``K = 1``): the hidden spikes and the readout potentials at the
        end of every step; ``potential`` is None (Brian2 reports ``u`` after the reset).
    """
    owner = "run_in_brian2"
    if replica >= network.replicas:
        raise param_error("replica", owner, f"an index below {network.replicas}", replica)
    if network.surrogates[replica].smooth:
        raise param_error(
            "network", owner, "a spiking network (its SmoothSpike units do not spike)", network
        )
    x = spikes
    n_in, n_h, n_out = network.sizes
    if x.shape[2] != n_in:
        raise param_error("spikes", owner, f"an array (n_samples, n_steps, {n_in})", x)
    x = x.astype(bool)
    B, T, _ = x.shape
    W1 = network.weights[0][replica]
    W2 = network.weights[1][replica]
    sample, step, channel = np.nonzero(x)
    # input -> hidden: from every input that spikes at least once in its sample
    active = np.zeros((B, n_in), dtype=bool)
    active[sample, channel] = True
    a_sample, a_channel = np.nonzero(active)
    pre1 = np.repeat(a_sample * n_in + a_channel, n_h)
    post1 = (a_sample[:, None] * n_h + np.arange(n_h)[None, :]).ravel()
    w1 = W1[a_channel].ravel()
    # hidden -> readout: every pair, in every block
    blocks = np.arange(B)[:, None, None]
    pre2 = np.broadcast_to(blocks * n_h + np.arange(n_h)[None, :, None], (B, n_h, n_out)).ravel()
    post2 = np.broadcast_to(blocks * n_out + np.arange(n_out)[None, None, :], (B, n_h, n_out))
    w2 = np.broadcast_to(W2[None], (B, n_h, n_out)).ravel()
    run = run_current_lif(
        B * n_in,
        (sample * n_in + channel, step),
        [(B * n_h, True), (B * n_out, False)],
        [(-1, 0, pre1, post1, w1), (0, 1, pre2, post2.ravel(), w2)],
        n_steps=T,
        dt=network.dt * second,
        tau_mem=network.tau_mem * second,
        tau_syn=network.tau_syn * second,
        record=(1,),
        target=target,
        owner=owner,
    )
    steps, neuron = run.spikes[0]
    hidden = np.zeros((1, B, T, n_h), dtype=bool)
    hidden[0, neuron // n_h, steps, neuron % n_h] = True
    output = run.potentials[1].reshape(T, B, n_out).transpose(1, 0, 2)[None]
    return SpikingRun(hidden_spikes=hidden, potential=None, output=np.ascontiguousarray(output))


@dataclass(frozen=True)
class DigitsRace:
    """A spiking network trained on the digits beside the converted ANN (plain values;
    accuracies as fractions, times in ms, spikes per test image).

    Attributes
    ----------
    times_ms, snn_accuracy, brian_accuracy : ndarray (n_steps,)
        Test accuracy of the trained network after every step, in numpy and with its
        weights in Brian2 (:func:`run_in_brian2`).
    converted_times_ms, converted_accuracy : ndarray
        The converted ANN's test accuracy at every readout.
    ann_accuracy : float
        The ANN's test accuracy.
    snn_answer_ms, snn_answer_index, converted_answer_ms, converted_answer_index :
        When each answers (:func:`answer_time`).
    snn_input_spikes, snn_hidden_spikes, converted_hidden_spikes, converted_output_spikes :
        Spikes per test image until then (the converted network's input is currents).
    n_test, spike_mismatches, max_output_difference :
        Test images; hidden spikes that differ between numpy and Brian2; the largest
        difference of their readout potentials (threshold units).
    raster_input, raster_hidden, raster_label :
        The first test image's spikes in the trained network, (steps, pixels) and
        (steps, neurons); its digit.
    """

    times_ms: np.ndarray
    snn_accuracy: np.ndarray
    brian_accuracy: np.ndarray
    converted_times_ms: np.ndarray
    converted_accuracy: np.ndarray
    ann_accuracy: float
    snn_answer_ms: float
    snn_answer_index: int
    converted_answer_ms: float
    converted_answer_index: int
    snn_input_spikes: float
    snn_hidden_spikes: float
    converted_hidden_spikes: float
    converted_output_spikes: float
    n_test: int
    spike_mismatches: int
    max_output_difference: float
    raster_input: tuple
    raster_hidden: tuple
    raster_label: int


class _Split(Constraint):
    """A train/test split: anything with ``X_train``, ``X_test`` and ``y_test`` (a
    :class:`~neurosim.artificial.digits.DigitsSplit`)."""

    FIELDS = ("X_train", "X_test", "y_test")

    def text(self) -> str:
        return "a split with X_train, X_test and y_test (e.g. digits_split())"

    def check(self, value, name: str, owner: str = ""):
        if not all(hasattr(value, f) for f in self.FIELDS):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        return value

    def bad_values(self, good=None):
        return [("wrong type", object())]


@validate(
    snn=InstanceOf(SurrogateSNN),
    ann=InstanceOf(DeepNetwork),
    split=_Split(),
    n_steps=COUNT,
    converted_ms=POSITIVE,
    seed=SEED,
)
def digits_race(
    snn: SurrogateSNN, ann, split, *, n_steps: int, converted_ms: float, seed: int = 0
) -> DigitsRace:
    """The lecture's test digits answered over time by a spiking network trained on them
    and by the ANN converted to spiking neurons, on the trained network's clock.

    Parameters
    ----------
    snn : SurrogateSNN
        Trained on the digits as latency-coded spikes
        (:func:`~neurosim.artificial.surrogate_tasks.digit_snn`); simulated in numpy and,
        with the same weights, in Brian2.
    ann : DeepNetwork
        The ANN, converted here (:func:`~neurosim.bridge.convert`: IF neurons, reset by
        subtraction, the image as analog currents; normalised on ``split.X_train``).
    split :
        The digits split (``X_train``, ``X_test``, ``y_test``).
    n_steps : int
        Steps of the latency-coded test images (the trained network's run).
    converted_ms : float
        Simulated time of the converted network, read out every step.
    seed : int
        Of the converted network's run.
    """
    x_test = latency_spikes(split.X_test, window=DIGITS["window"], n_steps=n_steps)
    y_test = split.y_test
    numpy_run = snn.simulate(x_test)
    brian_run = run_in_brian2(snn, x_test)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConversionWarning)
        clock = snn.dt * second
        conv = simulate_converted(
            [convert(ann, split.X_train)],
            split.X_test,
            converted_ms * ms,
            readout_every=clock,
            dt=clock,
            seed=seed,
        )[0]
    times = snn.dt * 1e3 * np.arange(1, n_steps + 1)  # step n is read out after (n + 1) dt
    snn_acc, brian_acc = (r.accuracy_over_time(y_test) for r in (numpy_run, brian_run))
    conv_times, conv_acc = np.asarray(conv.readout_times / ms), conv.accuracy(y_test)
    snn_ms, k_snn = answer_time(times, snn_acc)
    conv_ms, k_conv = answer_time(conv_times, conv_acc)
    input_per_step = x_test.sum(axis=(0, 2))
    hidden_per_step = numpy_run.hidden_spikes[0].sum(axis=(0, 2))
    return DigitsRace(
        times_ms=times,
        snn_accuracy=snn_acc,
        brian_accuracy=brian_acc,
        converted_times_ms=conv_times,
        converted_accuracy=conv_acc,
        ann_accuracy=float(ann.score(split.X_test, y_test)),
        snn_answer_ms=snn_ms,
        snn_answer_index=k_snn,
        converted_answer_ms=conv_ms,
        converted_answer_index=k_conv,
        snn_input_spikes=float(input_per_step[: k_snn + 1].sum() / len(y_test)),
        snn_hidden_spikes=float(hidden_per_step[: k_snn + 1].sum() / len(y_test)),
        converted_hidden_spikes=float(conv.layer_counts[0][k_conv].mean()),
        converted_output_spikes=float(conv.layer_counts[1][k_conv].mean()),
        n_test=len(y_test),
        spike_mismatches=int(np.sum(numpy_run.hidden_spikes != brian_run.hidden_spikes)),
        max_output_difference=float(np.max(np.abs(numpy_run.output - brian_run.output))),
        raster_input=np.nonzero(x_test[0]),
        raster_hidden=np.nonzero(numpy_run.hidden_spikes[0, 0]),
        raster_label=int(y_test[0]),
    )
