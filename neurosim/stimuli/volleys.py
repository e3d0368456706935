"""Volleys of synaptic activations on the branches of a dendritic tree.

A :class:`BranchVolleys` says, for each sample (one neuron of a batch), which synapses
are activated, on which branch, at what time: activation ``k`` is one synapse on branch
``branch[k]`` of sample ``sample[k]``, at ``time[k]`` seconds. Both sides read the same
object: the spiking side turns every activation into one presynaptic spike
(:func:`neurosim.spiking.dendrites.simulate_branched`), the artificial side sees
:meth:`BranchVolleys.counts`, how many synapses each branch received.

- :func:`random_volleys`: random spatio-temporal input. Each sample draws a total number
  of active synapses, shares it out over the branches with proportions drawn from a
  symmetric Dirichlet distribution (``spread`` < 1: most of the input lands on one or
  two branches; ``spread`` >> 1: evenly), and gives every activation a random time step
  in the volley's window.
- :func:`placed_volleys`: set counts per branch, activations evenly spaced in time
  (clustered on one branch vs dispersed over all, the same number of synapses).

numpy only; a quantity argument (``window``, ``dt``) is checked through
:mod:`neurosim.units` when it arrives.
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
    QuantityOf,
    param_error,
    validate,
)
from neurosim.stimuli.types import _si

_INDICES = ArrayOf(1, dtype=int, values=NON_NEGATIVE, min_size=0)
_WINDOW = QuantityOf("ms", POSITIVE, example="5*ms")
_STEP = QuantityOf("ms", POSITIVE, example="0.1*ms")

__all__ = ["BranchVolleys", "concat_volleys", "placed_volleys", "random_volleys"]


@validate(
    n_samples=COUNT,
    n_branches=COUNT,
    sample=_INDICES,
    branch=_INDICES,
    time=ArrayOf(1, values=NON_NEGATIVE, min_size=0),
)
@dataclass(frozen=True)
class BranchVolleys:
    """Synaptic activations on a batch of branched neurons (plain arrays, seconds).

    Parameters
    ----------
    n_samples, n_branches : int
        Neurons in the batch, branches per neuron.
    sample, branch : ndarray of int
        Neuron and branch of each activation.
    time : ndarray of float
        Time of each activation (s, >= 0).
    """

    n_samples: int
    n_branches: int
    sample: np.ndarray
    branch: np.ndarray
    time: np.ndarray

    def __post_init__(self):
        owner = "BranchVolleys"
        n, b = self.n_samples, self.n_branches
        sample, branch, time = self.sample, self.branch, self.time
        if not (sample.size == branch.size == time.size):
            raise param_error(
                "sample, branch, time", owner, "arrays of one length", (sample.size, branch.size)
            )
        if sample.size and sample.max() >= n:
            raise param_error("sample", owner, f"indices in 0..{n - 1}", sample)
        if branch.size and branch.max() >= b:
            raise param_error("branch", owner, f"indices in 0..{b - 1}", branch)

    @property
    def n_activations(self) -> int:
        """Number of synaptic activations in the whole batch."""
        return int(self.sample.size)

    def counts(self) -> np.ndarray:
        """Active synapses per sample and branch, shape ``(n_samples, n_branches)``."""
        flat = np.bincount(
            self.sample * self.n_branches + self.branch,
            minlength=self.n_samples * self.n_branches,
        )
        return flat.reshape(self.n_samples, self.n_branches)


def _grid(window, dt, owner: str) -> tuple[int, float]:
    """Steps in the window and dt (s): activations fall on the simulation's time grid."""
    w = float(_si(window, "window", owner, "second", nonnegative=True, scalar=True))
    step = float(_si(dt, "dt", owner, "second", nonnegative=True, scalar=True))
    if step <= 0:
        raise param_error("dt", owner, "a positive time step", dt)
    steps = round(w / step)
    if steps < 1 or abs(w / step - steps) > 1e-6 * max(steps, 1):
        raise param_error("window", owner, f"a whole number (>= 1) of time steps dt = {dt}", window)
    return steps, step


@validate(
    n_samples=COUNT,
    n_branches=COUNT,
    max_synapses=Interval(0, None, integer=True),
    window=_WINDOW,
    dt=_STEP,
    rng=InstanceOf(np.random.Generator, text="a numpy Generator (np.random.default_rng(seed))"),
    spread=POSITIVE,
)
def random_volleys(
    n_samples: int,
    n_branches: int,
    *,
    max_synapses: int,
    window,
    dt,
    rng: np.random.Generator,
    spread: float = 0.3,
) -> BranchVolleys:
    """Random spatio-temporal input: how many synapses, on which branches, when.

    Each sample draws its total number of active synapses uniformly from
    ``0 .. max_synapses``, shares it over the branches with proportions drawn from a
    symmetric Dirichlet distribution of concentration ``spread`` (multinomial counts),
    and gives every activation a uniformly drawn step of the grid ``dt`` in ``[0,
    window)``.

    Parameters
    ----------
    n_samples, n_branches : int
        Batch size and branches per neuron.
    max_synapses : int
        Largest number of active synapses of one sample.
    window, dt : Quantity
        Length of the volley and the time grid (a whole number of steps).
    rng : numpy.random.Generator
        The only source of randomness.
    spread : float, default 0.3
        Dirichlet concentration: small values put most of a sample's input on one or
        two branches (clustered), large values spread it evenly.
    """
    owner = "random_volleys"
    n, b, top, alpha = n_samples, n_branches, max_synapses, spread
    steps, step = _grid(window, dt, owner)
    total = rng.integers(0, top + 1, size=n)
    shares = rng.dirichlet(np.full(b, alpha), size=n)
    counts = rng.multinomial(total, shares)  # (n, b)
    flat = counts.ravel()
    sample = np.repeat(np.repeat(np.arange(n), b), flat)
    branch = np.repeat(np.tile(np.arange(b), n), flat)
    time = rng.integers(0, steps, size=sample.size) * step
    return BranchVolleys(n, b, sample, branch, time)


@validate(counts=ArrayOf(2, dtype=int, values=NON_NEGATIVE), window=_WINDOW, dt=_STEP)
def placed_volleys(counts, *, window, dt) -> BranchVolleys:
    """Set numbers of synapses per sample and branch, evenly spaced in time.

    ``counts[s, k]`` synapses are activated on branch ``k`` of sample ``s``, at the
    steps ``floor(j * steps / counts[s, k])``, ``j = 0 .. counts[s, k] - 1``, of the
    window (no randomness): the same number of synapses clustered on one branch or
    dispersed over all arrive with the same timing per branch.
    """
    owner = "placed_volleys"
    c = counts
    steps, step = _grid(window, dt, owner)
    n, b = c.shape
    flat = c.ravel()
    sample = np.repeat(np.repeat(np.arange(n), b), flat)
    branch = np.repeat(np.tile(np.arange(b), n), flat)
    # the j-th of m activations of a (sample, branch) pair sits at step floor(j * steps / m)
    starts = np.repeat(np.cumsum(flat) - flat, flat)
    j = np.arange(sample.size) - starts
    m = np.repeat(flat, flat)
    time = (j * steps // np.maximum(m, 1)) * step
    return BranchVolleys(n, b, sample, branch, time)


def concat_volleys(*volleys: BranchVolleys) -> BranchVolleys:
    """One batch of the samples of several volleys, in order (same number of branches)."""
    owner = "concat_volleys"
    if not volleys or not all(isinstance(v, BranchVolleys) for v in volleys):
        raise param_error("volleys", owner, "one or more BranchVolleys", volleys, cls=TypeError)
    b = volleys[0].n_branches
    if any(v.n_branches != b for v in volleys):
        raise param_error(
            "volleys", owner, "volleys with one number of branches", [v.n_branches for v in volleys]
        )
    offsets = np.cumsum([0] + [v.n_samples for v in volleys[:-1]])
    return BranchVolleys(
        int(sum(v.n_samples for v in volleys)),
        b,
        np.concatenate([v.sample + o for v, o in zip(volleys, offsets)]),
        np.concatenate([v.branch for v in volleys]),
        np.concatenate([v.time for v in volleys]),
    )
