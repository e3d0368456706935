"""Spiking networks trained by backprop through time with a surrogate derivative.

numpy only (the input spikes enter as a scipy sparse matrix); no autodiff: the backward
pass is written out below.

A spike is a step, ``S = H(u - 1)``: its derivative is zero everywhere but at the
threshold, so the chain rule stops at every spiking layer and the true gradient of the
loss with respect to every weight below one is exactly zero. The surrogate-gradient
method keeps the step in the forward pass and puts a smooth bump ``sigma'(u - 1)`` in
its place in the backward pass (Neftci, Mostafa & Zenke 2019, IEEE Signal Processing
Magazine 36:51; SuperSpike, Zenke & Ganguli 2018, Neural Computation 30:1514).

The network follows Zenke's SpyTorch tutorial 1 (2019): input spike trains, one hidden
layer of leaky integrate-and-fire (LIF) neurons with current-based synapses, and leaky
readout neurons that do not spike; the class is the output whose membrane potential
reaches the highest value during the run, the loss the cross-entropy of the softmax of
those maxima. In threshold units (rest 0, threshold 1, currents in units of the
rheobase) every neuron is::

    tau_m du/dt = -u + I,      tau_s dI/dt = -I,      I += w at each presynaptic spike

integrated exactly over each time step ``dt``, in the order Brian2 runs one step
(state update, threshold, synaptic spikes, reset), so that Brian2 with ``method="exact"``
gives the same spikes (:mod:`neurosim.spiking.current_lif`)::

    u[n] = beta v[n-1] + kappa I[n-1]      beta = exp(-dt/tau_m), alpha = exp(-dt/tau_s)
    S[n] = u[n] > 1                        kappa = tau_s (alpha - beta) / (tau_s - tau_m)
    I[n] = alpha I[n-1] + sum_i w_i x_i[n]
    v[n] = u[n] (1 - S[n])                 (reset to 0)

The readout neurons are the same without threshold. Backprop through time (BPTT) runs
these updates backwards; as in the tutorial the reset is detached (no gradient flows
through ``1 - S``) unless ``detach_reset=False``.

Several networks can be trained side by side as *replicas* (one per surrogate): they
see the same data, start from the same weights (or each from its own draw), and share
one Python loop over time, so a sweep pays numpy's per-call cost once (its array work
still grows with the number of replicas).
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial.constraints import LABELS, SPIKES
from neurosim.artificial.spike_codes import _Events
from neurosim.artificial.spiking_run import SpikingRun, TrainingCurve
from neurosim.artificial.surrogates import SURROGATES, TrueDerivative, as_surrogates
from neurosim.artificial.training import Adam
from neurosim.core.constraints import (
    BOOL,
    COUNT,
    POSITIVE,
    SEED,
    Interval,
    Options,
    Unchecked,
    param_error,
    validate,
)
from neurosim.core.validation import check_labels

__all__ = ["SpikingRun", "SurrogateSNN", "TrainingCurve", "synaptic_constants"]


@validate(tau_mem=POSITIVE, tau_syn=POSITIVE, dt=POSITIVE)
def synaptic_constants(tau_mem: float, tau_syn: float, dt: float) -> tuple[float, float, float]:
    """``(alpha, beta, kappa)`` of the exact one-step update (see the module docstring).

    ``kappa`` is how much of a current ``I`` at the start of a step reaches the membrane
    by its end; for ``tau_syn == tau_mem`` it is the limit ``dt / tau_m * beta``.
    """
    alpha, beta = float(np.exp(-dt / tau_syn)), float(np.exp(-dt / tau_mem))
    if tau_syn == tau_mem:
        kappa = dt / tau_mem * beta
    else:
        kappa = tau_syn * (alpha - beta) / (tau_syn - tau_mem)
    return alpha, beta, kappa


def _per_replica(A: np.ndarray, M: np.ndarray) -> np.ndarray:
    """``out[n, b, k] = A[n, b, k] @ M[k]`` for A (T, B, K, X) and M (K, X, Y)."""
    T, B, K, X = A.shape
    out = np.matmul(A.reshape(T * B, K, X).transpose(1, 0, 2), M)
    return out.transpose(1, 0, 2).reshape(T, B, K, M.shape[2])


@validate(
    n_inputs=COUNT,
    n_hidden=COUNT,
    n_outputs=Interval(2, None, integer=True),
    surrogates=SURROGATES,
    tau_mem=POSITIVE,
    tau_syn=POSITIVE,
    dt=POSITIVE,
    init_scale=POSITIVE,
    detach_reset=BOOL,
    seed=SEED,
    dtype=Unchecked("the dtype property checks it, here and when it is changed later"),
    readout=Options("max", "mean"),
    same_start=BOOL,
)
class SurrogateSNN:
    """Input spikes -> LIF neurons (current-based synapses) -> leaky readout, for BPTT.

    Parameters
    ----------
    n_inputs, n_hidden, n_outputs : int
        Layer sizes.
    surrogates : Surrogate or sequence of Surrogate, default FastSigmoid(100)
        The derivative used in place of the step's; one replica per entry (all step
        neurons, or all :class:`~neurosim.artificial.surrogates.SmoothSpike`).
    tau_mem, tau_syn, dt : float, default 0.010, 0.005, 0.001
        Membrane and synaptic time constants and time step, in seconds.
    init_scale : float, default 7.0
        Initial weights are normal with standard deviation
        ``init_scale (1 - beta) / kappa / sqrt(fan_in)`` (SpyTorch tutorial 1:
        ``7 (1 - beta) / sqrt(fan_in)`` in units where ``kappa = 1``, "to give some
        spikes to begin with").
    detach_reset : bool, default True
        No gradient through the reset (as in the tutorial).
    readout : {"max", "mean"}, default "max"
        The logits: each readout's highest potential over the run (the tutorial), or its
        mean over the run. With "max", a readout that never rises above its resting 0
        has its maximum on the resting value, which no weight moves: no gradient (a
        dead zone that stalls some runs); "mean" has none.
    seed : int, default 0
        Seed of the initial weights.
    same_start : bool, default True
        Every replica starts from the same weights (a controlled comparison of
        surrogates); False: each from its own draw (independent restarts).
    dtype : {numpy.float64, numpy.float32}, default float64
        Precision of the simulation (an attribute that may be changed later: e.g. train
        in float32, twice as fast, then simulate in float64). Weights stay float64.

    Attributes
    ----------
    weights : [W1 (K, n_inputs, n_hidden), W2 (K, n_hidden, n_outputs)]
        Synaptic weights: jump of ``I`` per presynaptic spike, in rheobase units.
    """

    def __init__(
        self,
        n_inputs: int,
        n_hidden: int,
        n_outputs: int,
        *,
        surrogates=None,
        tau_mem: float = 0.010,
        tau_syn: float = 0.005,
        dt: float = 0.001,
        init_scale: float = 7.0,
        detach_reset: bool = True,
        seed: int = 0,
        dtype=np.float64,
        readout="max",
        same_start: bool = True,
    ):
        self.sizes = (n_inputs, n_hidden, n_outputs)
        self.surrogates = as_surrogates(surrogates)
        if len({s.smooth for s in self.surrogates}) > 1:
            raise param_error(
                "surrogates",
                "SurrogateSNN",
                "all spiking (step) surrogates or all SmoothSpike (one forward pass for all)",
                self.surrogates,
            )
        self.tau_mem, self.tau_syn, self.dt = tau_mem, tau_syn, dt
        self.alpha, self.beta, self.kappa = synaptic_constants(tau_mem, tau_syn, dt)
        self.init_scale = init_scale
        self.detach_reset = detach_reset
        self.dtype = dtype
        self.readout = readout
        rng = np.random.default_rng(seed)
        scale = init_scale * (1.0 - self.beta) / self.kappa
        n_in, n_h, n_out = self.sizes
        K = len(self.surrogates)
        draws = 1 if same_start else K
        W1 = rng.normal(0.0, scale / np.sqrt(n_in), size=(draws, n_in, n_h))
        W2 = rng.normal(0.0, scale / np.sqrt(n_h), size=(draws, n_h, n_out))
        self.weights = [np.repeat(W1, K // draws, axis=0), np.repeat(W2, K // draws, axis=0)]
        self._kernel = self._readout_kernel(4)

    def __repr__(self) -> str:
        n_in, n_h, n_out = self.sizes
        shown = ", ".join(repr(s) for s in self.surrogates)
        return f"SurrogateSNN({n_in}-{n_h}-{n_out}, replicas=[{shown}])"

    @property
    def dtype(self):
        """Precision of the simulation (numpy.float64 or numpy.float32)."""
        return self._dtype

    @dtype.setter
    def dtype(self, value):
        if value not in (np.float64, np.float32):
            raise param_error("dtype", "SurrogateSNN", "numpy.float64 or numpy.float32", value)
        self._dtype = np.dtype(value).type

    @property
    def replicas(self) -> int:
        """Number of networks trained side by side (one per surrogate)."""
        return len(self.surrogates)

    # -- input ------------------------------------------------------------------------
    def _events(self, spikes, owner: str) -> _Events:
        """The input spikes (already a 3-D array) as events, checked against the network."""
        arr = np.asarray(spikes)
        if arr.shape[2] != self.sizes[0]:
            raise param_error(
                "spikes",
                owner,
                f"an array (n_samples, n_steps, {self.sizes[0]}) of 0/1 input spikes",
                arr,
            )
        if arr.dtype != bool:
            if not np.all((arr == 0) | (arr == 1)):
                raise param_error("spikes", owner, "0 or 1 in every entry (spike or not)", arr)
            arr = arr.astype(bool)
        return _Events(arr, self.dtype)

    # -- forward ----------------------------------------------------------------------
    def _hidden(self, kh: np.ndarray):
        """Hidden layer over time from ``kappa * h``: potentials u and spikes S (T, B, K, H)."""
        alpha, beta = self.alpha, self.beta
        U = np.empty_like(kh)
        smooth = self.surrogates[0].smooth
        S = np.empty(kh.shape, dtype=kh.dtype if smooth else bool)
        k_i = np.zeros_like(kh[0])  # kappa * I after the previous step
        U[0] = 0.0
        for n in range(kh.shape[0]):
            if n:
                if smooth:  # v = u (1 - S): S is a number in (0, 1)
                    np.multiply(U[n - 1], beta * (1.0 - S[n - 1]), out=U[n])
                    U[n] += k_i
                else:  # v = 0 where the neuron spiked, so u = kappa I there
                    np.multiply(U[n - 1], beta, out=U[n])
                    U[n] += k_i
                    np.copyto(U[n], k_i, where=S[n - 1])
            if smooth:  # the forward pass of each replica's smooth spike
                for k, s in enumerate(self.surrogates):
                    S[n, :, k] = s.forward(U[n, :, k] - 1.0)
            else:
                np.greater(U[n], 1.0, out=S[n])
            k_i *= alpha
            k_i += kh[n]
        return U, S

    def _readout(self, S: np.ndarray) -> np.ndarray:
        """Readout potentials o (T, B, K, O) from the hidden spikes (as numbers)."""
        kp = _per_replica(S, (self.weights[1] * self.kappa).astype(S.dtype))
        o = np.empty_like(kp)
        o[0] = 0.0
        k_j = np.zeros_like(kp[0])
        for n in range(1, kp.shape[0]):
            k_j *= self.alpha
            k_j += kp[n - 1]
            np.multiply(o[n - 1], self.beta, out=o[n])
            o[n] += k_j
        return o

    def _readout_kernel(self, n_steps: int) -> np.ndarray:
        """``ker[L]``: readout potential L steps after a unit jump of its current (L >= 0)."""
        ker = np.zeros(n_steps + 1)
        o, j = 0.0, 1.0
        for L in range(1, n_steps + 1):
            o = self.beta * o + self.kappa * j
            j *= self.alpha
            ker[L] = o
        return ker

    def _forward(self, events: _Events, hidden=None):
        """Potentials U, spikes S (bool; numbers if smooth), S as numbers, readout o."""
        if hidden is None:
            kh = events.project(self.weights[0])
            kh *= self.kappa
            hidden = self._hidden(kh)
        U, S = hidden
        S_num = S if S.dtype != bool else S.astype(U.dtype)
        return U, S, S_num, self._readout(S_num)

    @validate(spikes=SPIKES)
    def simulate(self, spikes) -> SpikingRun:
        """Run every sample (rows of ``spikes``, shape (n_samples, n_steps, n_inputs))."""
        U, S, _, o = self._forward(self._events(spikes, "SurrogateSNN.simulate"))
        order = (2, 1, 0, 3)
        return SpikingRun(
            hidden_spikes=np.ascontiguousarray(S.transpose(order)).astype(bool),
            potential=np.ascontiguousarray(U.transpose(order)),
            output=np.ascontiguousarray(o.transpose(order)),
        )

    @validate(spikes=SPIKES)
    def predict(self, spikes) -> np.ndarray:
        """Class of each sample, ``(K, n_samples)``: argmax over outputs of max over time."""
        return self._predict(self._events(spikes, "SurrogateSNN.predict"))

    def _predict(self, events: _Events) -> np.ndarray:
        o = self._forward(events)[3]
        z = o.max(axis=0) if self.readout == "max" else o.mean(axis=0)
        return np.argmax(z, axis=2).T

    @validate(spikes=SPIKES, y=LABELS)
    def score(self, spikes, y) -> np.ndarray:
        """Fraction of samples classified right, one per replica."""
        events = self._events(spikes, "SurrogateSNN.score")
        y = self._labels(y, events, "SurrogateSNN.score")
        return (self._predict(events) == y[None]).mean(axis=1)

    def _labels(self, y, events: _Events, owner: str) -> np.ndarray:
        """Labels (already 1-D integers >= 0): one per sample, each below ``n_outputs``."""
        return check_labels(y, "y", owner, n_samples=events.n_samples, n_classes=self.sizes[2])

    # -- loss and gradient ------------------------------------------------------------
    @staticmethod
    def _log_softmax(z: np.ndarray) -> np.ndarray:
        z = z - z.max(axis=-1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))

    def _loss_and_grads(self, events: _Events, y, *, want_grads: bool = True, hidden=None):
        U, S, S_num, o = self._forward(events, hidden)
        T, B = o.shape[:2]
        if self.readout == "max":
            nstar = np.argmax(o, axis=0)  # (B, K, O): step of each maximum
            logits = np.take_along_axis(o, nstar[None], axis=0)[0]
        else:
            logits = o.mean(axis=0)
        logp = self._log_softmax(logits)
        onehot = np.zeros_like(logits)
        onehot[np.arange(B), :, y] = 1.0
        loss = -(logp * onehot).sum(axis=2).mean(axis=0)
        correct = (np.argmax(logits, axis=2) == y[:, None]).mean(axis=0)
        if not want_grads:
            return loss, correct, None
        dlogit = (np.exp(logp) - onehot) / B  # (B, K, O)
        # o[n] = sum_m ker[n - m] P[m] (P = S W2, a jump of the readout current): dL/dP
        if self._kernel.size < T + 1:
            self._kernel = self._readout_kernel(T)
        if self.readout == "max":
            lag = nstar[None] - np.arange(T)[:, None, None, None]
            dP = self._kernel[np.clip(lag, 0, None)] * dlogit[None]
        else:  # o[n] for every n: dL/dP[m] = dlogit / T * sum of ker[1 .. T - 1 - m]
            cum = np.cumsum(self._kernel[:T])[::-1] / T
            dP = cum[:, None, None, None] * dlogit[None]
        W2 = self.weights[1]
        K, H, O = W2.shape  # dW2[k] = sum over steps and samples of S^T dP
        dW2 = np.matmul(
            S_num.reshape(T * B, K, H).transpose(1, 2, 0),
            dP.reshape(T * B, K, O).transpose(1, 0, 2),
        )
        if all(isinstance(s, TrueDerivative) for s in self.surrogates):
            return loss, correct, [np.zeros_like(self.weights[0]), dW2]  # dS/du = 0
        # dL/dS, times kappa (the factor every dL/dh carries, see _hidden_backward)
        dS = _per_replica(dP.astype(U.dtype), (W2.transpose(0, 2, 1) * self.kappa).astype(U.dtype))
        dW1 = self._hidden_backward(events, U, S, dS)
        return loss, correct, [dW1, dW2]

    def _hidden_backward(self, events: _Events, U, S, dS) -> np.ndarray:
        """dL/dW1 by BPTT through the hidden layer, from ``kappa dL/dS`` (surrogate for dS/du)."""
        T = U.shape[0]
        C = U - 1.0
        if all(s == self.surrogates[0] for s in self.surrogates):
            self.surrogates[0].derivative(C, out=C)
        else:
            for k, s in enumerate(self.surrogates):
                C[:, :, k] = s.derivative(C[:, :, k])
        if not self.detach_reset:  # dv/du = (1 - S) - u dS/du
            M = self.beta * ((1.0 - S) - U * C)
        elif S.dtype != bool:  # smooth spikes, detached reset: dv/du = 1 - S
            M = self.beta * (1.0 - S)
        else:  # step spikes, detached reset: beta where the neuron did not spike, else 0
            M = None
        C *= dS  # kappa dL/dS[n] dS[n]/du[n]
        if not C.any():  # the true derivative: nothing reaches the hidden weights
            return np.zeros_like(self.weights[0])
        # with G[n] = kappa dL/du[n]: G[n] = C[n] + G[n+1] du[n+1]/du[n], where
        # du[n+1]/du[n] = beta (1 - S[n]) with the reset detached, else M[n];
        # u[n+1] = beta v[n] + kappa I[n] and I[n] = alpha I[n-1] + h[n] give
        # dL/dh[n] = g[n] with g[n] = G[n+1] + alpha g[n+1]
        g_u = C[T - 1].copy()
        dh = np.empty_like(U)
        dh[T - 1] = 0.0
        for n in range(T - 2, -1, -1):
            np.multiply(dh[n + 1], self.alpha, out=dh[n])
            dh[n] += g_u  # g_u = G[n + 1]
            if M is None:
                g_u *= self.beta
                np.copyto(g_u, 0.0, where=S[n])
            else:
                g_u *= M[n]
            g_u += C[n]
        return events.adjoint(dh)

    @validate(spikes=SPIKES, y=LABELS)
    def loss(self, spikes, y) -> np.ndarray:
        """Mean cross-entropy (nats) of each replica on ``(spikes, y)``."""
        events = self._events(spikes, "SurrogateSNN.loss")
        y = self._labels(y, events, "SurrogateSNN.loss")
        return self._loss_and_grads(events, y, want_grads=False)[0]

    @validate(spikes=SPIKES, y=LABELS)
    def gradients(self, spikes, y) -> list[np.ndarray]:
        """BPTT gradients ``[dL/dW1, dL/dW2]`` of each replica's mean loss (surrogate in place)."""
        events = self._events(spikes, "SurrogateSNN.gradients")
        y = self._labels(y, events, "SurrogateSNN.gradients")
        return self._loss_and_grads(events, y)[2]

    # -- training ---------------------------------------------------------------------
    @validate(
        spikes=SPIKES,
        y=LABELS,
        epochs=COUNT,
        learning_rate=POSITIVE,
        batch_size=[COUNT, None],
        seed=SEED,
    )
    def fit(
        self,
        spikes,
        y,
        *,
        epochs: int,
        learning_rate: float = 2e-3,
        batch_size: int | None = None,
        seed: int = 0,
    ) -> TrainingCurve:
        """Train every replica by BPTT with Adam (Kingma & Ba 2015; betas 0.9, 0.999).

        ``batch_size=None`` uses the whole set every epoch (as SpyTorch tutorial 1);
        otherwise mini-batches in a new order each epoch (seeded).
        """
        owner = "SurrogateSNN.fit"
        events = self._events(spikes, owner)
        n = events.n_samples
        y = self._labels(y, events, owner)
        optimizer = Adam(learning_rate)
        if batch_size is not None:  # then batches of about batch_size, in a new order
            batch_size = min(batch_size, n)
        rng = np.random.default_rng(seed)
        K = self.replicas
        loss, acc = np.zeros((epochs, K)), np.zeros((epochs, K))
        # with the true derivative no gradient reaches W1: simulate the hidden layer once
        frozen = all(isinstance(s, TrueDerivative) for s in self.surrogates)
        hidden = None
        for e in range(epochs):
            if batch_size is None or batch_size >= n:
                if frozen and hidden is None:
                    hidden = self._forward(events)[:2]
                batches = [(events, y, 1.0)]
            else:
                order = rng.permutation(n)
                batches = [
                    (self._events(spikes[idx], owner), y[idx], idx.size / n)
                    for idx in np.array_split(order, -(-n // batch_size))
                ]
            for ev, yy, share in batches:
                batch_loss, batch_acc, grads = self._loss_and_grads(ev, yy, hidden=hidden)
                optimizer.step(self.weights, grads)
                loss[e] += share * batch_loss
                acc[e] += share * batch_acc
        return TrainingCurve(loss=loss, accuracy=acc)
