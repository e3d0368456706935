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
        each input, or a 2-D boolean mask of shape ``(n_inputs, n)``.
    n : int or None
        Batch size; by default ``max(targets) + 1`` (1-D targets) or the mask's
        width.

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
    if targets is None:
        mask = np.ones((k, 1), dtype=bool)
    else:
        tg = np.asarray(targets)
        if tg.ndim == 2 and tg.dtype == bool:
            if tg.shape[0] != k:
                raise param_error("targets", owner, f"a mask with {k} rows", f"shape {tg.shape}")
            mask = tg.copy()
        elif tg.ndim == 1 and tg.size == k and tg.dtype.kind in "iu" and tg.min() >= 0:
            width = int(tg.max()) + 1 if n is None else n
            if tg.max() >= width:
                raise param_error("targets", owner, f"neuron indices below n={width}", tg)
            mask = np.zeros((k, width), dtype=bool)
            mask[np.arange(k), tg] = True
        else:
            raise param_error(
                "targets",
                owner,
                f"None, {k} non-negative neuron indices, or a boolean mask of shape ({k}, n)",
                targets,
            )
    if n is not None and n != mask.shape[1]:
        raise param_error("n", owner, f"{mask.shape[1]} (the width of targets)", n)
    width = mask.shape[1]
    order = np.argsort(tt, kind="stable")
    idx, tt = idx[order], tt[order]
    mask_i = mask.astype(np.int64)

    def fn(t):
        step_ = t[1] - t[0] if t.size > 1 else 1.0
        edges = np.append(t, t[-1] + step_)
        out = np.zeros((width, t.size))
        for p in range(k):
            hist = np.histogram(tt[idx == p], bins=edges)[0]
            out += mask_i[p][:, None] * hist[None, :]
        return out

    data = {
        "fn": fn,
        "indices": idx,
        "times": tt,
        "n_inputs": k,
        "weight": np.broadcast_to(w, (k,)).copy(),
        "mask": mask,
    }
    desc = f"spike pattern of {idx.size} spikes from {k} inputs"
    return SpikePattern("spikes", width, desc, _data=data)
