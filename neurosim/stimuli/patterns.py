"""Spike patterns on a time grid: the same input rates with different timing.

A unit that reads its inputs as rates gets the same input from every pattern here that
keeps each input's spike count; a neuron reads the timing.  A *pattern* is an integer
array of time-step indices of shape ``(n_inputs, n_spikes)``: row ``i`` holds the steps
at which input ``i`` fires, so every input of a pattern fires the same number of times.

- :func:`volley_steps`: synchronous volleys, every input at the same random steps;
- :func:`jittered_steps`: every spike of a pattern moved by an independent Gaussian time,
  wrapped round the run (each input keeps its count);
- :func:`shuffled_steps`: each input's spikes at uniformly random distinct steps;
- :func:`equal_rate_patterns`: realisations of volleys under graded jitter, then of
  shuffled spikes: a ladder from synchronous to asynchronous input at one rate;
- :func:`delay_line`: one input sequence along a dendrite with conduction delays, fired
  so that all spikes arrive together at the soma, or in the reverse order;
- :func:`frozen_poisson`: Poisson trains drawn once here, with the per-step probability
  ``rate * dt`` of Brian2's ``PoissonGroup``, to be replayed on every trial (frozen
  input), where :func:`~neurosim.stimuli.poisson` draws new trains every trial (fresh);
- :func:`routed_pattern`: many patterns as one :class:`~neurosim.stimuli.SpikePattern`,
  pattern ``c`` driving neuron ``c`` alone (conditions as neurons of one run);
- :class:`PatternBatch` (built by :func:`pattern_batch`): such conditions with their
  jump per spike and an added constant drive, joined with ``+``, turned into the
  stimuli of one run by :meth:`PatternBatch.stimuli`.

numpy only: randomness comes from the ``rng`` passed in (``np.random.default_rng(seed)``);
quantities (``dt``, ``sd``, ``delay``) are checked through :mod:`neurosim.units` when
they arrive.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.constraints import (
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    Options,
    QuantityOf,
    validate,
)
from neurosim.core.validation import check_array, param_error
from neurosim.stimuli.currents import constant
from neurosim.stimuli.spikes import spike_pattern
from neurosim.stimuli.types import SpikePattern, Stimulus, _plain

__all__ = [
    "DELAY_ORDERS",
    "PatternBatch",
    "delay_line",
    "equal_rate_patterns",
    "frozen_poisson",
    "jittered_steps",
    "pattern_batch",
    "routed_pattern",
    "shuffled_steps",
    "volley_steps",
]

#: The two orders of a delay-line sequence (:func:`delay_line`).
DELAY_ORDERS = ("preferred", "reverse")


_RNG = InstanceOf(np.random.Generator, text="a numpy Generator (np.random.default_rng(seed))")
_COUNT0 = Interval(0, None, integer=True)
_STEP = QuantityOf("ms", POSITIVE, example="0.1*ms")
_TIME0 = QuantityOf("ms", NON_NEGATIVE, example="2*ms")
_JUMP = QuantityOf("mV", ndim=(0, 1), example="0.5*mV")
#: one pattern: steps of each input, (n_inputs, n_spikes)
_STEPS = ArrayOf(2, dtype=int, values=NON_NEGATIVE, min_size=0)


def _seconds(value) -> float:
    """A checked scalar time quantity as float seconds."""
    return float(_plain(value))


@validate(n_inputs=COUNT, n_volleys=COUNT, n_steps=COUNT, rng=_RNG, min_gap_steps=_COUNT0)
def volley_steps(
    n_inputs: int, n_volleys: int, n_steps: int, *, rng, min_gap_steps: int = 0
) -> np.ndarray:
    """Synchronous volleys: every input fires at the same ``n_volleys`` random steps.

    The volley steps are ``n_volleys`` distinct values drawn uniformly from
    ``0 .. n_steps - 1 - (n_volleys - 1) * min_gap_steps``, sorted, plus
    ``min_gap_steps * k`` for the k-th: uniformly random times at least
    ``min_gap_steps + 1`` steps apart (a Poisson-like train with a dead time).

    Parameters
    ----------
    n_inputs, n_volleys, n_steps : int
        Inputs, volleys, and steps of the run's grid.
    rng : numpy.random.Generator
        The only source of randomness.
    min_gap_steps : int, default 0
        Steps that must lie between two volleys (e.g. longer than a refractory period).

    Returns
    -------
    ndarray of int, shape (n_inputs, n_volleys)
        The same sorted row for every input.
    """
    owner = "volley_steps"
    n_in, n_v, n, gap = n_inputs, n_volleys, n_steps, min_gap_steps
    span = n - (n_v - 1) * gap
    if span < n_v:
        raise param_error(
            "n_steps",
            owner,
            f"at least n_volleys + (n_volleys - 1) * min_gap_steps = {n_v + (n_v - 1) * gap}",
            n,
        )
    base = np.sort(rng.choice(span, n_v, replace=False))
    steps = base + gap * np.arange(n_v)
    return np.broadcast_to(steps, (n_in, n_v)).copy()


def _duplicates(steps: np.ndarray) -> np.ndarray:
    """Mask of the spikes that share a step with an earlier spike of the same input."""
    order = np.argsort(steps, axis=1, kind="stable")
    ranked = np.take_along_axis(steps, order, axis=1)
    dup_sorted = np.zeros(steps.shape, dtype=bool)
    dup_sorted[:, 1:] = ranked[:, 1:] == ranked[:, :-1]
    mask = np.zeros(steps.shape, dtype=bool)
    np.put_along_axis(mask, order, dup_sorted, axis=1)
    return mask


def _check_steps(steps, n_steps: int | None, owner: str, name: str = "steps") -> np.ndarray:
    """A 2-D array of whole step indices (below ``n_steps`` if given) as int64."""
    arr = check_array(steps, name, owner, ndim=2, dtype=float, min_size=0)
    top = np.inf if n_steps is None else n_steps
    if arr.size and (np.any(arr != np.round(arr)) or arr.min() < 0 or arr.max() >= top):
        where = "whole step indices >= 0" if n_steps is None else f"whole steps in 0..{top - 1}"
        raise param_error(name, owner, where, steps)
    return arr.astype(np.int64)


@validate(steps=_STEPS, sd=_TIME0, dt=_STEP, n_steps=COUNT, rng=_RNG)
def jittered_steps(steps, sd, *, dt, n_steps: int, rng) -> np.ndarray:
    """Move every spike by an independent Gaussian time of SD ``sd``, on the grid.

    Each shift is ``round(sd * z / dt)`` steps, ``z`` standard normal.  Times wrap round
    the run (modulo ``n_steps``), so each input keeps its number of spikes; spikes of one
    input that land in the same step are redrawn until none do (an input fires at most
    once per step).  ``sd = 0`` returns a copy and draws nothing.

    Parameters
    ----------
    steps : array of int, shape (n_inputs, n_spikes)
        The pattern to jitter (each row's steps distinct, in ``0 .. n_steps - 1``).
    sd, dt : Quantity
        SD of the jitter and the grid's step.
    n_steps : int
        Steps of the run.
    rng : numpy.random.Generator
    """
    owner = "jittered_steps"
    n = n_steps
    base = _check_steps(steps, n, owner)
    if base.shape[1] > n:
        raise param_error("steps", owner, f"at most n_steps = {n} spikes per input", base.shape)
    return _jitter(base, _seconds(sd), _seconds(dt), n, rng)


def _jitter(base: np.ndarray, jitter_s: float, dt_s: float, n_steps: int, rng) -> np.ndarray:
    """:func:`jittered_steps` on checked arguments."""
    out = base.copy()
    redo = np.ones(out.shape, dtype=bool) if jitter_s > 0 else np.zeros(out.shape, dtype=bool)
    while redo.any():
        shift = np.round(jitter_s * rng.standard_normal(int(redo.sum())) / dt_s)
        out[redo] = np.mod(base[redo] + shift.astype(np.int64), n_steps)
        redo = _duplicates(out)
    return out


@validate(n_inputs=COUNT, n_spikes=_COUNT0, n_steps=COUNT, rng=_RNG)
def shuffled_steps(n_inputs: int, n_spikes: int, n_steps: int, *, rng) -> np.ndarray:
    """Each input's ``n_spikes`` spikes at distinct, uniformly random steps, sorted.

    Returns an int array of shape ``(n_inputs, n_spikes)``: the counts of a pattern with
    its timing destroyed (drawn input by input).
    """
    n_in, k, n = n_inputs, n_spikes, n_steps
    if k > n:
        raise param_error("n_spikes", "shuffled_steps", f"at most n_steps = {n}", k)
    return np.array([np.sort(rng.choice(n, k, replace=False)) for _ in range(n_in)])


@validate(
    n_inputs=COUNT,
    n_spikes=COUNT,
    n_steps=COUNT,
    jitters=QuantityOf("ms", NON_NEGATIVE, ndim=(0, 1), example="[0, 1, 3]*ms"),
    realisations=COUNT,
    dt=_STEP,
    rng=_RNG,
    min_gap_steps=_COUNT0,
)
def equal_rate_patterns(
    n_inputs: int,
    n_spikes: int,
    n_steps: int,
    *,
    jitters,
    realisations: int,
    dt,
    rng,
    min_gap_steps: int = 0,
) -> list[np.ndarray]:
    """From synchronous to asynchronous input at one rate: volleys, jittered, shuffled.

    For each jitter SD in ``jitters`` (in order), ``realisations`` independent
    patterns of ``n_spikes`` synchronous volleys (:func:`volley_steps`) jittered by it
    (:func:`jittered_steps`; SD 0 leaves them synchronous); then ``realisations``
    shuffled patterns (:func:`shuffled_steps`).  Every input of every pattern fires
    ``n_spikes`` times.

    Parameters
    ----------
    n_inputs, n_spikes, n_steps : int
        Inputs per pattern, spikes per input, and steps of the run's grid.
    jitters : Quantity
        Jitter SDs (1-D, >= 0).
    realisations : int
        Independent patterns per jitter and shuffled.
    dt : Quantity
        The grid's step.
    rng : numpy.random.Generator
    min_gap_steps : int, default 0
        Dead time between volleys (:func:`volley_steps`).

    Returns
    -------
    list of ndarray
        ``(len(jitters) + 1) * realisations`` int arrays of shape ``(n_inputs, n_spikes)``,
        jitter by jitter, the shuffled patterns last.
    """
    sds = np.atleast_1d(_plain(jitters))
    reps, dt_s = realisations, _seconds(dt)
    out = []
    for sd in sds:
        for _ in range(reps):
            sync = volley_steps(n_inputs, n_spikes, n_steps, rng=rng, min_gap_steps=min_gap_steps)
            out.append(_jitter(sync, float(sd), dt_s, n_steps, rng))
    return out + [shuffled_steps(n_inputs, n_spikes, n_steps, rng=rng) for _ in range(reps)]


@validate(
    order=Options(*DELAY_ORDERS),
    n_inputs=COUNT,
    delay=_TIME0,
    start=_TIME0,
    period=[_STEP, None],
    presentations=COUNT,
)
def delay_line(
    order: str, *, n_inputs: int, delay, start, period=None, presentations: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Firing and arrival times of a sequence along a dendrite with conduction delays.

    Input ``k`` (``k = 0`` nearest the soma) reaches the soma ``k * delay`` after it
    fires (Rall 1964's dendritic direction selectivity, without attenuation).
    ``"preferred"``: input k fires at ``start + (n - 1 - k) * delay`` (far end first), so
    every spike arrives at ``start + (n - 1) * delay``.  ``"reverse"``: input k fires at
    ``start + k * delay`` and arrives at ``start + 2 k delay``, the arrivals
    ``2 delay`` apart.  The sequence repeats every ``period``.

    Parameters
    ----------
    order : {"preferred", "reverse"}
    n_inputs : int
    delay, start : Quantity
        Conduction delay between neighbouring inputs; firing time of the first input.
    period : Quantity, optional
        Time between presentations (needed when ``presentations > 1``).
    presentations : int, default 1

    Returns
    -------
    fire, arrive : ndarray, shape (n_inputs, presentations)
        Times in seconds.
    """
    n, m, step_s, t0_s = n_inputs, presentations, _seconds(delay), _seconds(start)
    if period is None and m > 1:
        raise param_error("period", "delay_line", "a time when presentations > 1", period)
    period_s = 0.0 if period is None else _seconds(period)
    k = np.arange(n)
    fire = t0_s + step_s * ((n - 1 - k) if order == "preferred" else k)
    starts = period_s * np.arange(m)
    return fire[:, None] + starts[None, :], (fire + k * step_s)[:, None] + starts[None, :]


@validate(
    rates=QuantityOf("Hz", NON_NEGATIVE, ndim=(0, 1), example="[5, 10]*Hz"),
    duration=_TIME0,
    dt=_STEP,
    rng=_RNG,
    weight=_JUMP,
    targets=[ArrayOf((1, 2), dtype=None), None],
    n=[COUNT, None],
)
def frozen_poisson(rates, *, duration, dt, rng, weight, targets=None, n=None) -> SpikePattern:
    """Poisson trains drawn once, as Brian2's ``PoissonGroup`` draws them, replayed.

    Input ``i`` fires in a step with probability ``rates[i] * dt`` (at most once per
    step), independently of every other step and input.  Every trial of a simulation
    receives these same trains (frozen input), where :func:`~neurosim.stimuli.poisson`
    gives every trial new ones (fresh input).

    Parameters
    ----------
    rates : Quantity
        Rate of each input (1-D, ``rate * dt <= 1``).
    duration, dt : Quantity
        Length of the trains and the grid's step.
    rng : numpy.random.Generator
    weight, targets, n
        Jump per spike and the neurons each input drives, as for
        :func:`~neurosim.stimuli.spike_pattern`.

    Returns
    -------
    SpikePattern
        Its ``indices`` and ``times`` (s) are the draw, in time order.
    """
    owner = "frozen_poisson"
    r = np.atleast_1d(_plain(rates))
    dt_s = _seconds(dt)
    steps = round(_seconds(duration) / dt_s)
    p = r * dt_s
    if np.any(p > 1):
        raise param_error("rates", owner, f"rates of at most 1 / dt = {1 / dt_s:g} Hz", rates)
    spikes = rng.random((p.size, steps)) < p[:, None]
    indices, step = np.nonzero(spikes)
    from neurosim.units import second  # brian2, reached only with quantities

    return spike_pattern(
        indices, step * dt_s * second, n_inputs=p.size, weight=weight, targets=targets, n=n
    )


@validate(blocks=ListOf(_STEPS), dt=_STEP, weight=_JUMP)
def routed_pattern(blocks, *, dt, weight) -> SpikePattern:
    """Several patterns as one spike pattern: pattern ``c`` drives neuron ``c`` alone.

    Every condition of a comparison then is a neuron of one simulation.  The inputs are
    numbered block by block (block ``c``'s row ``i`` is input ``sum(rows before c) + i``)
    and each spike is placed at its step times ``dt``.

    Parameters
    ----------
    blocks : sequence of int arrays, each of shape (n_inputs_c, n_spikes_c)
        Step indices of each condition's inputs.
    dt : Quantity
        The grid's step.
    weight : Quantity
        Voltage jump per input spike: a scalar, or one value per block.
    """
    owner = "routed_pattern"
    arrays = list(blocks)
    if not any(b.size for b in arrays):
        raise param_error("blocks", owner, "at least one spike", "no spike in any block")
    dt_s, w = _seconds(dt), _plain(weight)
    if w.ndim == 1 and w.size != len(arrays):
        raise param_error("weight", owner, f"a scalar or one value per block ({len(arrays)})", w)
    rows = np.array([b.shape[0] for b in arrays])
    first = np.cumsum(rows) - rows
    indices = np.concatenate(
        [f + np.repeat(np.arange(b.shape[0]), b.shape[1]) for f, b in zip(first, arrays)]
    )
    steps = np.concatenate([b.reshape(-1) for b in arrays])
    from neurosim.units import second, volt  # brian2, reached only with quantities

    return spike_pattern(
        indices,
        steps * dt_s * second,
        n_inputs=int(rows.sum()),
        weight=np.repeat(np.broadcast_to(w, (len(arrays),)), rows) * volt,
        targets=np.repeat(np.arange(len(arrays)), rows),
        n=len(arrays),
    )


@dataclass(frozen=True)
class PatternBatch:
    """Conditions of one run, each a neuron (build it with :func:`pattern_batch`).

    Neuron ``c`` receives ``blocks[c]``, an int array ``(inputs, spikes)`` of steps of
    ``dt``, each spike a jump of ``weight[c]``, plus a constant added drive ``drive[c]``
    (the R I of an injected current).  ``a + b`` is the batch of ``a``'s conditions
    followed by ``b``'s (same ``dt``).

    Attributes
    ----------
    blocks : tuple of ndarray
    weight, drive : ndarray
        Per condition, in volt.
    dt : float
        The grid's step, in seconds.
    """

    blocks: tuple
    weight: np.ndarray
    drive: np.ndarray
    dt: float

    def __post_init__(self):
        owner = "PatternBatch"
        blocks = self.blocks
        if isinstance(blocks, np.ndarray) or not isinstance(blocks, tuple | list) or not blocks:
            raise param_error("blocks", owner, "a non-empty sequence of step arrays", blocks)
        arrays = tuple(_check_steps(b, None, owner, f"blocks[{c}]") for c, b in enumerate(blocks))
        for name in ("weight", "drive"):
            v = check_array(getattr(self, name), name, owner, shape=(len(arrays),))
            object.__setattr__(self, name, v)
        if isinstance(self.dt, bool) or not np.isfinite(self.dt) or not self.dt > 0:
            raise param_error("dt", owner, "a step > 0 (seconds)", self.dt)
        object.__setattr__(self, "blocks", arrays)
        object.__setattr__(self, "dt", float(self.dt))

    @property
    def n(self) -> int:
        """Number of conditions (neurons)."""
        return len(self.blocks)

    def __add__(self, other: PatternBatch) -> PatternBatch:
        if not isinstance(other, PatternBatch):
            return NotImplemented
        if other.dt != self.dt:
            raise param_error(
                "other", "PatternBatch.__add__", f"a batch with dt = {self.dt} s", other.dt
            )
        return PatternBatch(
            self.blocks + other.blocks,
            np.r_[self.weight, other.weight],
            np.r_[self.drive, other.drive],
            self.dt,
        )

    @validate(conditions=ListOf(Interval(0, None, integer=True)))
    def only(self, conditions) -> PatternBatch:
        """The batch of these conditions (indices into this one), in this order."""
        index = list(conditions)
        if max(index) >= self.n:
            raise param_error(
                "conditions",
                "PatternBatch.only",
                f"indices below {self.n} (its conditions)",
                conditions,
            )
        return PatternBatch(
            tuple(self.blocks[c] for c in index), self.weight[index], self.drive[index], self.dt
        )

    def stimuli(self, resistance) -> list[Stimulus]:
        """The input spikes (:func:`routed_pattern`) and the current ``drive / resistance``."""
        from neurosim.units import second, volt  # brian2, reached only with quantities

        spikes = routed_pattern(self.blocks, dt=self.dt * second, weight=self.weight * volt)
        return [spikes, constant(self.drive * volt / resistance)]


@validate(blocks=ListOf(_STEPS), dt=_STEP, weight=_JUMP, drive=[_JUMP, None])
def pattern_batch(blocks, *, dt, weight, drive=None) -> PatternBatch:
    """Conditions of one run: pattern ``blocks[c]`` and an added ``drive[c]`` for neuron ``c``.

    Parameters
    ----------
    blocks : sequence of int arrays, each (n_inputs_c, n_spikes_c)
        Step indices of each condition's inputs.
    dt : Quantity
        The grid's step.
    weight : Quantity
        Voltage jump per input spike: a scalar, or one per condition.
    drive : Quantity, optional
        Added constant drive R I per condition (scalar or one per condition); default 0.
    """
    owner = "pattern_batch"
    dt_s = _seconds(dt)
    per = {}
    for name, value in (("weight", weight), ("drive", drive)):
        v = np.zeros(()) if value is None else _plain(value)
        if v.ndim == 1 and v.size != len(blocks):
            raise param_error(name, owner, f"a scalar or one value per block ({len(blocks)})", v)
        per[name] = np.broadcast_to(v, (len(blocks),)).copy()
    return PatternBatch(tuple(blocks), per["weight"], per["drive"], dt_s)
