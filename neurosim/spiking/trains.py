"""Input spike trains generated in numpy: Poisson trains with a correlated group.

Used as the excitatory input of :func:`neurosim.spiking.stdp_experiment`; plain numpy
(Brian2's units only check and label the arguments).
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import (
    COUNT,
    POSITIVE,
    SEED,
    InstanceOf,
    Interval,
    QuantityOf,
    param_error,
    validate,
)
from neurosim.spiking.engine import check_steps
from neurosim.units import Hz, ms, second

__all__ = ["shared_source_trains"]


@validate(
    n_inputs=COUNT,
    rate=QuantityOf("Hz", POSITIVE, example="10*Hz"),
    duration=QuantityOf("ms", POSITIVE, example="1*second"),
    n_correlated=Interval(0, None, integer=True),
    correlation=Interval(0, 1),
    dt=QuantityOf("ms", POSITIVE, example="0.1*ms"),
    seed=[SEED, InstanceOf(np.random.Generator, text="a numpy Generator")],
)
def shared_source_trains(
    n_inputs: int,
    rate,
    duration,
    *,
    n_correlated: int = 0,
    correlation: float = 0.0,
    dt=0.1 * ms,
    seed: int | np.random.Generator = 0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Poisson spike trains, a group of them correlated through a shared source.

    Inputs ``0 .. n_correlated - 1`` share a common reference Poisson train of
    rate ``rate``: each copies every reference spike with probability
    :math:`\sqrt{c}` and adds independent Poisson spikes at rate
    :math:`(1-\sqrt{c})\,r`.  Every input then fires at rate :math:`r`, and two
    correlated inputs share spikes at rate :math:`c\,r`, so the correlation
    coefficient of their spike counts in small bins is :math:`c` (zero-lag
    synchrony; the shared-source construction used for STDP by e.g. Kempter et al.
    1999 and Gütig et al. 2003, J Neurosci 23:3697).  The other inputs are
    independent Poisson trains of rate :math:`r`.

    Parameters
    ----------
    n_inputs : int
        Number of inputs (>= 1).
    rate : Quantity
        Rate of every input (> 0 Hz).
    duration : Quantity
        Length of the trains.
    n_correlated : int, default 0
        Size of the correlated group (0 <= n_correlated <= n_inputs).
    correlation : float, default 0
        Pairwise correlation coefficient :math:`c` in [0, 1] within the group.
    dt : Quantity, default 0.1*ms
        Spike times are put on the grid ``k * dt`` (as a simulation with time step
        ``dt`` would see them); two spikes of one input in one step are merged,
        which removes a fraction of about ``rate * dt / 2`` of the spikes.
    seed : int or numpy Generator, default 0
        Source of randomness.

    Returns
    -------
    (indices, times) : ndarray of int, Quantity
        Input index and time of every spike, sorted by time then index.
    """
    owner = "shared_source_trains"
    n_steps = check_steps(duration, dt, owner)
    if n_correlated > n_inputs:
        raise param_error("n_correlated", owner, f"at most n_inputs = {n_inputs}", n_correlated)
    c = correlation
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    dt_s = float(dt / second)
    idx, steps = _trains(rng, n_inputs, float(rate / Hz), n_steps, dt_s, n_correlated, c)
    return idx, steps * dt_s * second


def _trains(rng, n_inputs, rate, n_steps, dt, n_correlated, c):
    """Spike trains on the step grid: (input indices, step numbers), sorted."""
    duration = n_steps * dt
    s = np.sqrt(c)
    own_rate = np.full(n_inputs, rate)
    own_rate[:n_correlated] *= 1.0 - s
    counts = rng.poisson(own_rate * duration)
    idx = np.repeat(np.arange(n_inputs, dtype=np.int64), counts)
    steps = rng.integers(0, n_steps, size=idx.size)
    if n_correlated and s > 0:
        ref = rng.integers(0, n_steps, size=rng.poisson(rate * duration))
        keep = rng.random((n_correlated, ref.size)) < s
        who, which = np.nonzero(keep)
        idx = np.concatenate([idx, who.astype(np.int64)])
        steps = np.concatenate([steps, ref[which]])
    key = np.unique(steps * n_inputs + idx)  # sorted by step then input; merges duplicates
    return key % n_inputs, key // n_inputs
