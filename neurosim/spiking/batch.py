"""Seeds as a batch: several seeds' simulations as one Brian2 run, each seed's result
identical to its own run.

Brian2's numpy target costs about 1-1.5 ms per time step per group, whatever the
group's size, and about 10 ns per neuron-step beyond that: ten seeds of 100 neurons
cost ten times one group of 1,000. So a comparison that runs for ten seeds can ask for
its simulations as :class:`Simulation` requests; :func:`simulate_all` puts the
requests that can share a run into one group (seed ``j``'s conditions are block ``j``),
draws block ``j``'s random numbers from seed ``j``'s own generator (the engine's
``streams``), and hands each request its part of the result: the same arrays, to the
last bit, as ``simulate(...)`` with that request's seed alone (tests/spiking/
test_batch.py checks it against single runs).

A comparison states its run as a generator that yields its requests and returns its
findings; :func:`seeds_as_batch` (:mod:`neurosim.core.batching`, re-exported here) makes
of it ``run(seed=...)`` (one seed, as before) with ``run.run_seeds(seeds)`` (all seeds,
advanced together: every round's Simulation requests go to :meth:`Simulation.run_batch`,
one run for those that can share it)::

    @seeds_as_batch
    def run(*, quick=False, seed=0, **params):
        ...
        result = yield Simulation(neuron, stimulus, 1 * second, seed=seed)
        ...
        return findings

Requests share a run when everything but their seed and their stimuli's values is the
same: the model and its parameters, duration, dt, trials, record_v, target (numpy:
compiled targets draw random numbers from their own generator), and stimuli of the same
kinds in the same order (and the same number of inputs). Others run one by one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from neurosim.core.batching import in_groups, seeds_as_batch
from neurosim.core.constraints import InstanceOf, ListOf, validate
from neurosim.spiking.backend import resolve_target
from neurosim.spiking.inputs import _spread
from neurosim.spiking.neurons import NeuronParameters
from neurosim.spiking.simulate import (
    _SIMULATE_CHECKS,
    _STEP,
    SpikeResult,
    _simulate,
    _stimuli,
    simulate,
)
from neurosim.stimuli import Stimulus, constant, poisson, spike_pattern
from neurosim.stimuli.types import ConstantCurrent, CurrentStimulus, PoissonInput, SpikePattern
from neurosim.units import Hz, Quantity, amp, ms, second, volt

__all__ = ["Simulation", "seeds_as_batch", "simulate_all"]


@validate(**{**_SIMULATE_CHECKS, "dt": [_STEP, None]})
@dataclass(frozen=True, eq=False)
class Simulation:
    """A request for :func:`~neurosim.spiking.simulate`: the same arguments, checked
    the same way (``dt=None`` is simulate's default, 0.1 ms)."""

    params: NeuronParameters
    stimulus: Stimulus | Sequence[Stimulus]
    duration: Quantity
    dt: Quantity | None = None
    trials: int = 1
    record_v: bool = False
    seed: int = 0
    target: str | None = None

    def __post_init__(self):
        if self.dt is None:
            object.__setattr__(self, "dt", 0.1 * ms)

    @classmethod
    def run_batch(cls, requests: Sequence[Simulation]) -> list[SpikeResult]:
        """Several requests, those that can share a run as one (:func:`simulate_all`)."""
        return simulate_all(list(requests))

    def run(self) -> SpikeResult:
        """This request alone: ``simulate(...)`` with its arguments."""
        return simulate(
            self.params,
            self.stimulus,
            self.duration,
            dt=self.dt,
            trials=self.trials,
            record_v=self.record_v,
            seed=self.seed,
            target=self.target,
        )


# -- which requests share a run ---------------------------------------------------------
def _plain(value):
    if isinstance(value, Quantity):
        return ("q", np.asarray(value).tobytes(), np.shape(value), repr(value.dim))
    if isinstance(value, np.ndarray):
        return ("a", value.tobytes(), value.shape, str(value.dtype))
    return ("v", repr(value))


def _params_key(params) -> tuple:
    """Scalar fields by value, per-condition (1-D) fields by kind only: those are merged.

    The equations and the integration method are part of the key: a field's being a
    scalar or per-condition, or noise's being on or off, changes the code Brian2
    generates (and the rounding of its updates)."""
    parts = [type(params)]
    if isinstance(params, NeuronParameters):
        parts += [params.equations, params.method, repr(params.threshold), repr(params.reset)]
    for f in dataclasses.fields(params):
        value = getattr(params, f.name)
        parts.append(("per-condition", f.name) if np.ndim(value) == 1 else _plain(value))
    return tuple(parts)


def _merge_params(parts: list[tuple[NeuronParameters, int]]) -> NeuronParameters:
    """One model for the batch: per-condition fields concatenated, block after block."""
    first = parts[0][0]
    if first.n is None:
        return first
    merged = {}
    for f in dataclasses.fields(first):
        value = getattr(first, f.name)
        if np.ndim(value) == 1:  # SI floats, block after block, with the field's dimensions
            si = np.concatenate(
                [np.broadcast_to(np.asarray(getattr(p, f.name)), (n,)) for p, n in parts]
            )
            merged[f.name] = Quantity(si, dim=value.dim) if isinstance(value, Quantity) else si
    return dataclasses.replace(first, **merged)


def _stimulus_key(stim: Stimulus) -> tuple:
    kind = (type(stim), stim.kind, stim.compartment)
    if isinstance(stim, PoissonInput | SpikePattern):
        return (*kind, stim.n_inputs)
    return kind


def _key(request: Simulation, stims: list[Stimulus]) -> tuple | None:
    """What must be equal for requests to share a run (None: this one runs alone)."""
    if resolve_target(request.target, "simulate_all") != "numpy":
        return None
    return (
        _params_key(request.params),
        _plain(request.duration),
        _plain(request.dt),
        request.trials,
        request.record_v,
        tuple(_stimulus_key(s) for s in stims),
    )


def _size(request: Simulation, stims: list[Stimulus]) -> int:
    """The request's number of conditions (its stimuli's and per-condition fields')."""
    n = getattr(request.params, "n", None)
    return max([s.n for s in stims] + ([n] if n is not None else []))


# -- one stimulus for the whole batch ----------------------------------------------------
def _merge_current(parts: list[tuple[Stimulus, int]]) -> Stimulus:
    """Time-varying currents, condition blocks one after the other."""

    def fn(t):
        return np.concatenate([np.broadcast_to(s.values(t), (n, np.size(t))) for s, n in parts])

    total = sum(n for _, n in parts)
    return CurrentStimulus("current", total, f"{len(parts)} seeds' currents", _data={"fn": fn})


def _merge(parts: list[tuple[Stimulus, int]]) -> Stimulus:
    """One stimulus of ``sum(n)`` conditions: block ``j`` is ``parts[j]`` (stimulus, n)."""
    first = parts[0][0]
    if isinstance(first, ConstantCurrent):
        amps = np.concatenate([np.broadcast_to(s.amplitudes, (n,)) for s, n in parts])
        merged = constant(amps * amp)
    elif isinstance(first, CurrentStimulus):
        merged = _merge_current(parts)
    elif isinstance(first, PoissonInput):
        rates = np.concatenate([np.broadcast_to(s.rates, (n,)) for s, n in parts])
        weights = np.concatenate([np.broadcast_to(s.weight, (n,)) for s, n in parts])
        merged = poisson(rates * Hz, n_inputs=first.n_inputs, weight=weights * volt)
    elif isinstance(first, SpikePattern):
        k, total = first.n_inputs, sum(n for _, n in parts)
        pre, post, indices, times, weights, col = [], [], [], [], [], 0
        for j, (s, n) in enumerate(parts):
            p, c = _spread(s, n)
            pre.append(p + j * k)
            post.append(c + col)
            indices.append(s.indices + j * k)
            times.append(s.times)
            weights.append(np.broadcast_to(s.weight, (k,)))
            col += n
        merged = spike_pattern(
            np.concatenate(indices),
            np.concatenate(times) * second,
            n_inputs=k * len(parts),
            weight=np.concatenate(weights) * volt,
            targets=np.vstack([np.concatenate(pre), np.concatenate(post)]),
            n=total,
        )
    else:  # pragma: no cover  (every kind of Stimulus is handled above)
        raise TypeError(f"cannot merge stimuli of kind {first.kind!r}")
    return merged.on(first.compartment) if first.compartment else merged


# -- each request's part of the result ---------------------------------------------------
def _part(result: SpikeResult, start: int, n: int) -> SpikeResult:
    """Conditions ``start .. start + n - 1`` of ``result``, renumbered from 0."""
    trials = result.trials
    lo, hi = start * trials, (start + n) * trials
    keep = (result.neuron >= lo) & (result.neuron < hi)
    traces = {}
    for name in ("v", "I", "v_dendrite", "I_dendrite", "I_active", "w"):
        value = getattr(result, name)
        if value is not None:
            traces[name] = value[start : start + n]
    counts = result.input_counts
    return SpikeResult(
        shape=(n, trials),
        duration=result.duration,
        dt=result.dt,
        times=result.times[keep],
        neuron=result.neuron[keep] - lo,
        input_counts=None if counts is None else counts[start : start + n].copy(),
        t=result.t,
        **traces,
    )


@validate(requests=ListOf(InstanceOf(Simulation, text="a Simulation request"), min_len=0))
def simulate_all(requests: Sequence[Simulation]) -> list[SpikeResult]:
    """Run every request, those that can share a run as one; results in request order.

    Each result is identical (every array, bit for bit) to ``request.run()``.
    """
    return in_groups(requests, _group, _simulate_together)


def _group(request: Simulation) -> tuple | None:
    """A request's group: its key and size (the seeds' streams split every draw into
    equal blocks, so one size a group); None: it runs alone."""
    stims = _stimuli(request.stimulus, "simulate_all")
    key = _key(request, stims)
    return None if key is None else (key, _size(request, stims))


def _simulate_together(requests: list[Simulation]) -> list[SpikeResult]:
    """Requests of one group as blocks of one run, each block its own result."""
    stims = [_stimuli(request.stimulus, "simulate_all") for request in requests]
    n = _size(requests[0], stims[0])
    merged = [_merge([(s[i], n) for s in stims]) for i in range(len(stims[0]))]
    first = requests[0]
    whole = _simulate(
        _merge_params([(request.params, n) for request in requests]),
        merged,
        first.duration,
        first.dt,
        first.trials,
        first.record_v,
        first.seed,
        first.target,
        streams=[request.seed for request in requests],
    )
    return [_part(whole, j * n, n) for j in range(len(requests))]
