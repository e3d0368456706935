"""Spike stimuli: independent Poisson inputs and explicit spike patterns."""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import (
    COUNT,
    NON_NEGATIVE,
    ArrayOf,
    QuantityOf,
    param_error,
    validate,
)
from neurosim.stimuli.types import JUMP, PoissonInput, SpikePattern, Stimulus, _batch, _fmt, _plain

__all__ = ["poisson", "spike_pattern"]


@validate(
    rates=QuantityOf("Hz", NON_NEGATIVE, ndim=(0, 1), example="10*Hz"), n_inputs=COUNT, weight=JUMP
)
def poisson(rates, *, n_inputs=1, weight) -> Stimulus:
    """Independent Poisson input spike trains.

    Each of the ``n`` neurons receives ``n_inputs`` independent Poisson trains at
    its rate; each input spike makes the neuron's voltage jump by ``weight``.
    Every trial of a simulation gets new, independent trains.

    Parameters
    ----------
    rates : Quantity
        Rate per input train (>= 0), scalar or 1-D (one per neuron).
    n_inputs : int, default 1
        Trains per neuron.
    weight : Quantity
        Voltage jump per input spike (e.g. ``0.5*mV``; negative is inhibitory),
        scalar or 1-D.
    """
    owner = "poisson"
    r, w, k = _plain(rates), _plain(weight), n_inputs
    n = _batch(owner, rates=r, weight=w)
    rr = np.broadcast_to(r, (n,)).copy()
    col = rr[:, None]

    def fn(t):
        return np.broadcast_to(col, (n, t.size))

    desc = f"Poisson {_fmt(r, 'Hz')} x {k} inputs, weight {_fmt(w, 'V')}"
    data = {"fn": fn, "rates": rr, "n_inputs": k, "weight": np.broadcast_to(w, (n,)).copy()}
    return PoissonInput("poisson", n, desc, _data=data)


@validate(
    indices=ArrayOf(1, dtype=int, values=NON_NEGATIVE, min_size=0),
    times=QuantityOf("ms", NON_NEGATIVE, ndim=1, min_size=0, example="[1, 2]*ms"),
    n_inputs=COUNT,
    weight=JUMP,
    targets=[ArrayOf((1, 2), dtype=None), None],
    n=[COUNT, None],
)
def spike_pattern(indices, times, *, n_inputs, weight, targets=None, n=None) -> Stimulus:
    """Explicit input spikes: input ``indices[k]`` spikes at ``times[k]``.

    Parameters
    ----------
    indices : array of int
        Input index of each spike, in ``0 .. n_inputs - 1``.
    times : Quantity
        Spike times (>= 0), same length as ``indices``.
    n_inputs : int
        Number of inputs.
    weight : Quantity
        Voltage jump per input spike, scalar or one per input.
    targets : array of int or bool, optional
        Which neurons each input drives: ``None`` (all inputs drive one neuron,
        ``n = 1``), a 1-D array of length ``n_inputs`` with the neuron index of
        each input, a 2-D boolean mask of shape ``(n_inputs, n)``, or a 2-D integer
        array of shape ``(2, m)``: its connections, input ``targets[0, j]`` drives
        neuron ``targets[1, j]`` (each pair once; what a large batch needs: a mask of
        a few thousand neurons' own inputs is mostly zeros).
    n : int or None
        Batch size; by default ``max(targets) + 1`` (1-D targets, connections) or the
        mask's width.

    Notes
    -----
    Every trial of a simulation receives the same pattern.
    """
    owner = "spike_pattern"
    k, idx = n_inputs, indices
    if idx.size == 0:
        raise param_error(
            "indices",
            owner,
            "a non-empty 1-D array of input indices",
            indices,
            "For no input spikes use constant(0*nA).",
        )
    if idx.max() >= k:
        raise param_error("indices", owner, f"indices in 0..{k - 1} (n_inputs={k})", idx)
    tt = _plain(times)
    if tt.size != idx.size:
        raise param_error(
            "times", owner, f"a 1-D quantity of length {idx.size} like indices", f"shape {tt.shape}"
        )
    w = _plain(weight)
    if w.ndim == 1 and w.size != k:
        raise param_error("weight", owner, f"a scalar or of length n_inputs={k}", w)
    pre, post, width = _connections(targets, k, n, owner)
    order = np.argsort(tt, kind="stable")
    idx, tt = idx[order], tt[order]

    def fn(t):
        step_ = t[1] - t[0] if t.size > 1 else 1.0
        edges = np.append(t, t[-1] + step_)
        per_input = np.histogram2d(idx, tt, bins=[np.arange(k + 1), edges])[0]
        out = np.zeros((width, t.size))
        np.add.at(out, post, per_input[pre])
        return out

    data = {
        "fn": fn,
        "indices": idx,
        "times": tt,
        "n_inputs": k,
        "weight": np.broadcast_to(w, (k,)).copy(),
        "targets": (pre, post),
    }
    desc = f"spike pattern of {idx.size} spikes from {k} inputs"
    return SpikePattern("spikes", width, desc, _data=data)


def _connections(targets, k: int, n: int | None, owner: str):
    """``targets`` as connections ``(inputs, neurons)``, sorted by input then neuron, and
    the batch size."""
    if targets is None:
        pre, post, width = np.arange(k), np.zeros(k, dtype=np.int64), 1
    else:
        tg = np.asarray(targets)
        if tg.ndim == 2 and tg.dtype == bool:
            if tg.shape[0] != k:
                raise param_error("targets", owner, f"a mask with {k} rows", f"shape {tg.shape}")
            (pre, post), width = np.nonzero(tg), tg.shape[1]
        elif tg.ndim == 1 and tg.size == k and tg.dtype.kind in "iu" and tg.min() >= 0:
            pre, post, width = np.arange(k), tg.astype(np.int64), int(tg.max()) + 1
            width = width if n is None else n
        elif tg.ndim == 2 and tg.shape[0] == 2 and tg.dtype.kind in "iu" and tg.size:
            pre, post = tg.astype(np.int64)
            if pre.min() < 0 or pre.max() >= k or post.min() < 0:
                raise param_error(
                    "targets", owner, f"connections from inputs 0..{k - 1} to neurons >= 0", tg
                )
            width = int(post.max()) + 1 if n is None else n
            order = np.lexsort((post, pre))
            pre, post = pre[order], post[order]
            if np.any((np.diff(pre) == 0) & (np.diff(post) == 0)):
                raise param_error("targets", owner, "each connection once", "a repeated pair")
        else:
            raise param_error(
                "targets",
                owner,
                f"None, {k} non-negative neuron indices, a boolean mask of shape ({k}, n), "
                "or connections of shape (2, m)",
                targets,
            )
        if post.size and post.max() >= width:
            raise param_error("targets", owner, f"neuron indices below n={width}", tg)
    if n is not None and n != width:
        raise param_error("n", owner, f"{width} (the width of targets)", n)
    return pre, post, width
