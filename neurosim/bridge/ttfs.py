"""Time-to-first-spike (TTFS) conversion of a ReLU network: every neuron fires at most once.

After B. Rueckauer and S.-C. Liu (2018, ISCAS, "Conversion of analog to spiking neural
networks using sparse temporal coding"): an activation is carried by *when* a neuron
fires, not by how often. Here in its simplest exact form, with one time window of
length ``T`` per layer (layer ``l`` integrates during window ``l`` and fires during
window ``l + 1``):

- **input**: a pixel of grey level ``x`` in (0, 1] spikes once at ``t = T (1 - x)``;
  black pixels (``x = 0``) never spike.
- **integration** (window ``l``): a spike of presynaptic neuron ``i`` at ``t_i`` switches
  on a constant current ``w_ij * lambda_i`` into neuron ``j`` (a ramp kernel: the membrane
  is piecewise linear), and the bias is a constant current ``b_j``. At the window's end
  ``V_j = sum_i w_ij lambda_i (T_end - t_i) + b_j T = T z_j``, ``z_j`` the ANN's input
  of unit ``j`` computed from the (clipped) activations ``a_i = lambda_i (1 - (t_i - t_0) / T)``.
- **firing** (window ``l + 1``): the input currents stop and a constant current
  ``lambda_j`` charges the membrane to the threshold ``T lambda_j``. The neuron fires
  once, at ``t_j = t_0 + T (1 - a_j / lambda_j)`` with ``a_j = min(relu(z_j), lambda_j)``,
  and never if ``z_j <= 0``. So the spike order is the activation order (a closed form).
- **readout**: the output layer integrates like a hidden layer; the class is the largest
  membrane potential at the end of the last window (the neuron that would fire first).

``lambda_l`` is a robust maximum of layer ``l``'s activations on calibration data (the
99.9th percentile, as in Rueckauer et al. 2017's rate conversion); larger activations are
clipped (their neuron fires at the start of its window). On a clock of step ``dt`` a
neuron fires at the first tick at which it has reached threshold, so spike times are
rounded *up* to the grid; this, with clipping, is the conversion's only loss.

Cost: a spike is one synaptic event (one addition, to the target's input current) per
outgoing synapse; every neuron spikes at most once, so the events per image are the
non-zero inputs x 100 + the active hidden units x 10, the same count as the ANN's
multiply-accumulates when zero inputs are skipped. The membrane's integration of its
current is a neuron state update: one addition per neuron per clock tick, or one
multiply-accumulate per arriving event in event-driven hardware; both are priced by
:func:`neurosim.bridge.energy.ttfs_workload`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.validation import check_array, check_number, param_error

__all__ = ["TTFSNetwork", "TTFSResult", "convert_ttfs"]


@dataclass(frozen=True)
class TTFSResult:
    """One TTFS run on a set of images (plain arrays, times in ms).

    Attributes
    ----------
    spike_times : list of ndarray (n_images, units)
        Spike time of every input and hidden neuron (``inf``: never fired).
    output_v : ndarray (n_images, classes)
        Output membrane potentials at the end of the last window (in units of ``T``).
    predictions : ndarray of int (n_images,)
        Class with the largest output potential.
    fan_out : list of int
        Synapses leaving one neuron of each spiking layer (input, hidden...).
    window_ms : float
        Length of one layer's window; the decision is read at ``len(fan_out) * window_ms``.
    """

    spike_times: list
    output_v: np.ndarray
    predictions: np.ndarray
    fan_out: list
    window_ms: float

    @property
    def decision_ms(self) -> float:
        """When the class is read: the end of the output layer's window."""
        return len(self.fan_out) * self.window_ms

    def spike_counts(self) -> list[np.ndarray]:
        """Spikes of each layer (input, hidden...) per image."""
        return [np.sum(np.isfinite(t), axis=1) for t in self.spike_times]

    def layer_events(self) -> np.ndarray:
        """Synaptic events per image of each layer's spikes, shape (n_layers, n_images)."""
        return np.array([c * f for c, f in zip(self.spike_counts(), self.fan_out)], dtype=float)

    def synaptic_events(self) -> np.ndarray:
        """Synaptic events per image: every spike reaches each of its ``fan_out`` targets."""
        return self.layer_events().sum(axis=0)

    def spikes_until(self, times_ms) -> np.ndarray:
        """Mean spikes per image of each layer at or before each of ``times_ms``,
        shape (n_layers, n_times)."""
        times_ms = np.asarray(times_ms, dtype=float)
        n = self.spike_times[0].shape[0]
        return np.array(
            [
                np.searchsorted(np.sort(t[np.isfinite(t)]), times_ms, side="right") / n
                for t in self.spike_times
            ]
        )

    def events_until(self, times_ms) -> np.ndarray:
        """Mean synaptic events per image caused by spikes at or before each of ``times_ms``."""
        return np.asarray(self.fan_out, dtype=float) @ self.spikes_until(times_ms)

    def accuracy(self, y) -> float:
        """Fraction of images classified as ``y``."""
        y = np.asarray(y)
        if y.shape != self.predictions.shape:
            raise param_error(
                "y", "TTFSResult.accuracy", f"one label per image {self.predictions.shape}", y.shape
            )
        return float(np.mean(self.predictions == y))


class TTFSNetwork:
    """A ReLU network converted to time-to-first-spike neurons; build with :func:`convert_ttfs`.

    Attributes
    ----------
    weights, biases : lists of arrays
        The ANN's parameters (unchanged: the scales live in the currents).
    scales : list of float
        ``lambda`` of the input (1: pixels in [0, 1]) and of every hidden layer.
    window_ms : float
        Length ``T`` of one layer's window.
    dt_ms : float or None
        Clock step: spike times are rounded up to it; ``None``: exact event times.
    """

    def __init__(self, weights, biases, scales, window_ms: float, dt_ms: float | None):
        self.weights = [np.asarray(w, dtype=float) for w in weights]
        self.biases = [np.asarray(b, dtype=float) for b in biases]
        self.scales = [float(s) for s in scales]
        self.window_ms = check_number(window_ms, "window_ms", "TTFSNetwork", low=0)
        self.dt_ms = None if dt_ms is None else check_number(dt_ms, "dt_ms", "TTFSNetwork", low=0)
        if len(self.scales) != len(self.weights):
            raise param_error(
                "scales", "TTFSNetwork", "one scale per layer that spikes", len(self.scales)
            )

    def __repr__(self) -> str:
        sizes = [self.weights[0].shape[0]] + [w.shape[1] for w in self.weights]
        return f"TTFSNetwork({sizes}, window={self.window_ms:g} ms, dt={self.dt_ms} ms)"

    def _fire(self, level, start: float) -> np.ndarray:
        """Spike times in the window starting at ``start`` for levels in units of lambda.

        The neuron reaches threshold ``(1 - level) T`` into the window (at once if
        ``level >= 1``), on a clock the first tick after; ``level <= 0``: never.
        """
        T = self.window_ms
        delay = T * (1.0 - np.minimum(level, 1.0))
        if self.dt_ms is not None:
            # first tick at or after the crossing (a tolerance for rounding in the product)
            delay = np.minimum(np.ceil(delay / self.dt_ms - 1e-9) * self.dt_ms, T)
        return np.where(level > 0, start + delay, np.inf)

    def _integrate(self, times, w, scale: float, bias, end: float) -> np.ndarray:
        """Membrane at ``end``, event by event: each spike adds ``w * scale`` to the current.

        Between two events the potential grows linearly with the summed current; the
        spikes of each image are taken in time order (event-driven, exact).
        """
        n = times.shape[0]
        order = np.argsort(times, axis=1)
        t_sorted = np.take_along_axis(times, order, axis=1)
        fired = np.isfinite(t_sorted)
        # current after each event: running sum of the onsets of the spikes so far
        onsets = np.where(fired[:, :, None], w[order] * scale, 0.0)
        current = np.cumsum(onsets, axis=1)
        # time the current flows after each event: until the next event (or the end)
        t_next = np.concatenate([t_sorted[:, 1:], np.full((n, 1), end)], axis=1)
        t_next = np.where(np.isfinite(t_next), t_next, end)
        span = np.where(fired, t_next - np.where(fired, t_sorted, end), 0.0)
        return np.einsum("nkj,nk->nj", current, span) + bias * self.window_ms

    def run(self, X) -> TTFSResult:
        """Present every row of ``X`` (pixels in [0, 1]); all images at once."""
        X = check_array(X, "X", "TTFSNetwork.run", ndim=2)
        if X.shape[1] != self.weights[0].shape[0]:
            raise param_error(
                "X", "TTFSNetwork.run", f"{self.weights[0].shape[0]} columns", X.shape
            )
        T = self.window_ms
        times = [self._fire(X / self.scales[0], 0.0)]
        v = None
        for layer, (w, b) in enumerate(zip(self.weights, self.biases)):
            end = (layer + 1) * T
            v = self._integrate(times[-1], w, self.scales[layer], b, end) / T  # = z_j
            if layer + 1 < len(self.weights):
                times.append(self._fire(v / self.scales[layer + 1], end))
        fan_out = [w.shape[1] for w in self.weights]
        return TTFSResult(times, v, np.argmax(v, axis=1), fan_out, T)


def convert_ttfs(
    net, X_calibration, *, window_ms: float = 10.0, dt_ms: float | None = 0.1, percentile=99.9
) -> TTFSNetwork:
    """Convert a trained ReLU :class:`~neurosim.artificial.DeepNetwork` to TTFS neurons.

    Parameters
    ----------
    net : DeepNetwork
        Hidden activation ``"relu"``; the output layer is read before its softmax.
    X_calibration : array (n, inputs)
        Data whose hidden activations set each layer's scale ``lambda`` (the
        ``percentile``-th percentile of its activations).
    window_ms : float
        Length of one layer's window ``T``.
    dt_ms : float or None
        Clock step for spike times (``None``: exact).
    """
    hidden = getattr(net.hidden, "name", net.hidden)
    if hidden != "relu":
        raise param_error("net", "convert_ttfs", "a network of ReLU units", hidden)
    acts = net.layer_activations(check_array(X_calibration, "X_calibration", "convert_ttfs"))
    scales = [1.0] + [max(float(np.percentile(a, percentile)), 1e-12) for a in acts]
    return TTFSNetwork(net.weights, net.biases, scales, window_ms, dt_ms)
