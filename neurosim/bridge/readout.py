"""Reading out a converted network's run: counts, potentials, rates, rasters, diagnostics.

:func:`read_out` turns the plain arrays of :func:`neurosim.spiking.layered.run_layered`
into one :class:`ConversionResult` per converted network.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from neurosim.core.validation import param_error
from neurosim.core.warning_types import ConversionWarning
from neurosim.units import ms, second

__all__ = ["ConversionResult", "read_out"]


@dataclass
class ConversionResult:
    """What one simulation of a converted network produced (plain arrays).

    Attributes
    ----------
    readout_times : Quantity, shape (n_times,)
        Times at which the output layer was read.
    output_counts : ndarray, shape (n_times, n_samples, n_classes)
        Output spike counts from 0 to each readout time.
    output_v : ndarray, shape (n_times, n_samples, n_classes)
        Output membrane potentials (threshold units) at each readout time.
    predictions : ndarray of int, shape (n_times, n_samples)
        Class with the most spikes, ties broken by membrane potential.
    layer_rates : list of ndarray (n_samples, units)
        Firing rate of every hidden and output neuron over the whole run, in Hz.
    expected_rates : list of ndarray (n_samples, units)
        The rates that the ANN's activations stand for (what a perfect conversion
        would fire), in Hz.
    ann_activations : list of ndarray (n_samples, units)
        The ANN's hidden activations for the same samples.
    raster : list of (times in s, unit index) per layer, for sample 0.
    layer_counts : list of ndarray (n_times, n_samples)
        Spikes of each layer (hidden..., output) per sample from 0 to each readout time.
    fan_out : list of int
        Synapses leaving one neuron of each layer (the output layer: 0).
    input_events : ndarray (n_times, n_samples)
        Synaptic events caused by input spikes (zero for constant-current inputs).
    diagnostics : list of str
        Human-readable warnings (silent or saturated layers).
    """

    readout_times: object
    output_counts: np.ndarray
    output_v: np.ndarray
    predictions: np.ndarray
    layer_rates: list
    expected_rates: list
    ann_activations: list
    raster: list
    duration: object
    layer_counts: list = field(default_factory=list)
    fan_out: list = field(default_factory=list)
    input_events: np.ndarray | None = None
    diagnostics: list = field(default_factory=list)

    def synaptic_events(self) -> np.ndarray:
        """Synaptic events per sample up to each readout time, shape (n_times, n_samples).

        Every spike of a neuron reaches each of its ``fan_out`` targets: one event per
        spike and synapse (input spikes included when the input is Poisson).
        """
        events = sum(c * f for c, f in zip(self.layer_counts, self.fan_out))
        if self.input_events is not None:
            events = events + self.input_events
        return np.asarray(events, dtype=float)

    def rate_fidelity(self, layer: int = 0) -> tuple[float, float]:
        """How well a hidden layer's rates stand for the ANN's activations: ``(rms, slope)``.

        ``rms`` is the root-mean-square difference (Hz) between every neuron's rate over
        the run and the rate its activation stands for, over all samples; ``slope`` the
        least-squares slope through the origin of rate against that expected rate (1 for
        a faithful conversion; below 1 where, e.g., a leak loses part of every rate).
        """
        expected = self.expected_rates[layer].ravel()
        measured = self.layer_rates[layer].ravel()
        rms = float(np.sqrt(np.mean((measured - expected) ** 2)))
        slope = float(np.sum(expected * measured) / np.sum(expected**2))
        return rms, slope

    def accuracy(self, y) -> np.ndarray:
        """Accuracy (fraction correct) at every readout time."""
        y = np.asarray(y)
        if y.shape != (self.predictions.shape[1],):
            raise param_error(
                "y",
                "ConversionResult.accuracy",
                f"one label per sample ({self.predictions.shape[1]})",
                f"shape {y.shape}",
            )
        return (self.predictions == y[None, :]).mean(axis=1)


def read_out(run, networks, X, *, sizes, n_steps, every_steps, dt, duration, raster_sample):
    """One :class:`ConversionResult` per network from one run's plain arrays."""
    n = X.shape[0]
    blocks = n * len(networks)
    spikes_read, input_spikes = run.spikes, run.input_spikes
    samples, final = run.readout_v, run.final_v
    inputs = "current" if input_spikes is None else "poisson"
    # readouts at every, 2 every, ... up to the end of the run (never past it)
    n_read = n_steps // every_steps
    readout_steps = np.arange(1, n_read + 1) * every_steps
    dt_s = float(dt / second)
    times_s = readout_steps * dt_s
    out_size = sizes[-1]
    out_t, out_i = spikes_read[-1]

    def readout_bin(t):
        """Index of the first readout that counts a spike stamped at time t.

        A spike stamped at step s (threshold crossed during [s dt, (s + 1) dt)) has
        happened by time K dt for every readout step K > s.
        """
        step = np.round(np.asarray(t) / dt_s).astype(np.int64)
        return np.searchsorted(readout_steps, step, side="right")

    hist = np.zeros((n_read + 1, blocks * out_size), dtype=np.int64)
    np.add.at(hist, (readout_bin(out_t), out_i), 1)
    counts_all = np.cumsum(hist[:n_read], axis=0).reshape(n_read, blocks, out_size)
    # membrane potential at each readout time, paired with the counts above: sample k of
    # the monitor is the state at k * readout_every; the last readout may be the end
    v_all = np.stack(
        [samples[k // every_steps] if k < n_steps else final for k in readout_steps]
    ).reshape(n_read, blocks, out_size)
    total = float(duration / second)

    def cumulative_per_block(spikes, size):
        """Spikes of each block (network copy of a sample) up to each readout time."""
        t, idx = spikes
        hist = np.zeros((n_read + 1, blocks), dtype=np.int64)
        np.add.at(hist, (readout_bin(t), idx // size), 1)
        return np.cumsum(hist[:n_read], axis=0)

    rates_all, spikes_all, cumulative = [], [], []
    for k, (t, idx) in enumerate(spikes_read):
        size = sizes[k + 1]
        rates_all.append(np.bincount(idx, minlength=blocks * size).reshape(blocks, size) / total)
        spikes_all.append((t, idx))
        cumulative.append(cumulative_per_block((t, idx), size))
    input_cumulative = cumulative_per_block(input_spikes, sizes[0]) if inputs == "poisson" else None
    fan_out = [*sizes[2:], 0]

    results = []
    for k, snn in enumerate(networks):
        sl = slice(k * n, (k + 1) * n)
        counts = counts_all[:, sl]
        v_out = v_all[:, sl]
        predictions = np.argmax(counts + np.clip(v_out, -1.0, 1.0), axis=2)
        layer_rates = [r[sl] for r in rates_all]
        raster = []
        for layer, (t, idx) in enumerate(spikes_all):
            size = sizes[layer + 1]
            sel = idx // size == k * n + raster_sample
            raster.append((t[sel], idx[sel] % size))
        ann_acts = snn.network.layer_activations(X)
        expected = [a * r for a, r in zip(ann_acts, snn.rate_per_activation)]
        input_events = (
            None if input_cumulative is None else input_cumulative[:, sl] * sizes[1] * 1.0
        )
        diagnostics = _diagnose(layer_rates[:-1], expected, snn)
        for message in diagnostics:  # read_out < simulate_converted < @validate < caller
            warnings.warn(message, ConversionWarning, stacklevel=4)
        results.append(
            ConversionResult(
                readout_times=times_s * second,
                output_counts=counts,
                output_v=v_out,
                predictions=predictions,
                layer_rates=layer_rates,
                expected_rates=expected,
                ann_activations=ann_acts,
                raster=raster,
                duration=duration,
                layer_counts=[c[:, sl] for c in cumulative],
                fan_out=fan_out,
                input_events=input_events,
                diagnostics=diagnostics,
            )
        )
    return results


def _diagnose(rates, expected, snn) -> list[str]:
    """Name every hidden layer that is silent or saturated."""
    messages = []
    ceiling = 1.0 / float(snn.t_ref / second) if snn.t_ref > 0 * ms else None
    for k, (r, e) in enumerate(zip(rates, expected)):
        name = f"hidden layer {k + 1} ({r.shape[1]} units)"
        should_fire = e > 1.0  # the ANN says > 1 Hz
        if should_fire.any():
            silent = np.mean(r[should_fire] == 0)
            if r.sum() == 0 or silent > 0.5:
                messages.append(
                    f"{name} is silent: {100 * silent:.0f}% of the neurons whose ANN unit is active "
                    "never fired. Raise max_rate, lower the percentile, or simulate longer."
                )
        if ceiling is not None:
            saturated = np.mean(r >= 0.9 * ceiling)
            if saturated > 0.05:
                messages.append(
                    f"{name} is saturated: {100 * saturated:.0f}% of its neurons fire at >= 90% of "
                    f"the maximum rate 1/t_ref = {ceiling:.0f} Hz, so larger activations are lost."
                )
    return messages
