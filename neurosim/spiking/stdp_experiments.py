"""STDP in Brian2: the measured window, and what the learning experiment builds on.

The learning experiment itself (Song et al.'s set-up, for one seed or several in one
run) is :mod:`neurosim.spiking.stdp_learning`; its plastic synapses and inhibitory
background are built here (:func:`_plastic_synapses`, :func:`_decaying_sum`).

The rule is :class:`~neurosim.spiking.stdp.STDPParameters` (see :mod:`neurosim.spiking.stdp`
for the equations and the speed-up settings used by default); the neuron
:class:`~neurosim.spiking.neurons.conductance.ConductanceLIFParameters`; the input trains
:func:`~neurosim.spiking.trains.shared_source_trains`.

Randomness: every random draw (input spike trains, initial weights, inhibitory
background) comes from ``np.random.default_rng(seed)``.  Same seed, identical weights.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import (
    NON_NEGATIVE,
    POSITIVE,
    InstanceOf,
    Interval,
    Options,
    QuantityOf,
    param_error,
    validate,
)
from neurosim.spiking.backend import TARGETS, resolve_target
from neurosim.spiking.engine import Engine
from neurosim.spiking.stdp import STDPParameters
from neurosim.units import ms, second

_RULE = InstanceOf(STDPParameters)
_FRACTION = Interval(0, 1)
_STEP = QuantityOf("ms", POSITIVE, example="0.1*ms")
_TARGET = [Options(*TARGETS), None]
_TIMES = QuantityOf("ms", NON_NEGATIVE, ndim=1, example="[10, 30]*ms")

__all__ = ["stdp_trains_change", "stdp_window"]

_PREFIX = "neurosim_stdp"


#: Per-synapse constants of the rule, when replicas learn with different rules.
_PER_SYNAPSE = "dApre : 1 (constant)\ndApost : 1 (constant)\nw_max : 1 (constant)\n"


def _plastic_synapses(
    engine,
    source,
    target,
    params: STDPParameters,
    *,
    transmit: str,
    label,
    per_synapse=False,
    i=None,
    j=None,
):
    on_pre = (transmit + "\n" if transmit else "") + params.on_pre
    return engine.synapses(
        source,
        target,
        label=label,
        model=params.equations + (_PER_SYNAPSE if per_synapse else ""),
        on_pre=on_pre,
        on_post=params.on_post,
        i=i,
        j=j,
    )


def _decaying_sum(counts: np.ndarray, rate: float, jump: float) -> np.ndarray:
    """``y[k] = exp(-rate) * y[k-1] + jump * counts[k-1]``, ``y[0] = 0``, along axis 0.

    A conductance that jumps by ``jump`` per event and decays by ``q = exp(-rate)`` per
    step (``rate = dt / tau``), sampled at the start of each step. Vectorised over
    blocks of steps: within a block ``y[s + i] = q^i (y[s] + sum_{j<i} c_j q^(-j-1))``,
    with blocks short enough that every ``q^(-j-1)`` used is <= e^30 (every term is
    >= 0, so nothing cancels). The same numbers as
    ``scipy.signal.lfilter([0, jump], [1, -q], counts, axis=0)`` to rounding, without
    importing scipy.signal (2.3 s, measured).
    """
    counts = np.asarray(counts, dtype=float)
    out = np.empty_like(counts)
    block = max(1, int(30.0 / rate))
    up = np.exp(rate * np.arange(1, block, dtype=float))  # q^-(j+1), j = 0 .. block - 2
    down = np.exp(-rate * np.arange(block + 1, dtype=float))  # q^i, i = 0 .. block
    carry = np.zeros(counts.shape[1:])
    shape = (-1,) + (1,) * (counts.ndim - 1)
    for start in range(0, counts.shape[0], block):
        c = jump * counts[start : start + block]
        b = len(c)
        before = np.zeros_like(c)  # sum_{j<i} c_j q^(-j-1)
        np.cumsum(c[:-1] * up[: b - 1].reshape(shape), axis=0, out=before[1:])
        out[start : start + b] = down[:b].reshape(shape) * (carry + before)
        # y at the next block's start, from powers q^k with k >= 0 only
        carry = down[b] * carry + np.tensordot(down[b - 1 :: -1], c, axes=(0, 0))
    return out


@validate(
    delta_t=QuantityOf("ms", ndim=(0, 1), example="[-10, 10]*ms"),
    params=[_RULE, None],
    w_start=_FRACTION,
    dt=_STEP,
    target=_TARGET,
)
def stdp_window(
    delta_t,
    *,
    params: STDPParameters | None = None,
    w_start: float = 0.5,
    dt=0.1 * ms,
    target: str | None = None,
) -> np.ndarray:
    r"""Measure the STDP window in Brian2: one isolated pre/post pair per lag.

    Every lag is its own synapse between a presynaptic and a postsynaptic spike
    source (spike generators, so the post spike time is imposed), all in one run.
    The synapses use exactly the model of :func:`stdp_experiment`.

    Parameters
    ----------
    delta_t : Quantity
        Lags :math:`\Delta = t_{post} - t_{pre}` (1-D or scalar), rounded to the grid
        ``k * dt``; positive = pre before post.
    params : STDPParameters, default STDPParameters()
        The rule.
    w_start : float, default 0.5
        Initial weight in units of ``w_max`` (0..1); away from the bounds so that
        clipping does not hide the change.
    dt : Quantity, default 0.1*ms
        Time step.
    target : {"numpy", "cython"} or None
        Code-generation target.

    Returns
    -------
    ndarray
        Weight change per lag, in units of ``w_max``; equals
        ``params.window(delta_t)`` unless a bound was reached.
    """
    owner = "stdp_window"
    params = STDPParameters() if params is None else params
    target = resolve_target(target, owner)
    lags = np.round(np.atleast_1d(np.asarray(delta_t / dt, dtype=float))).astype(np.int64)
    if lags.ndim != 1:
        raise param_error("delta_t", owner, "a scalar or 1-D quantity", delta_t)
    n = lags.size
    dt_s = float(dt / second)
    # the earlier spike of each pair at step t0, the later one |lag| steps after
    t0 = 10
    pre_steps = np.where(lags >= 0, t0, t0 - lags)
    post_steps = np.where(lags >= 0, t0 + lags, t0)
    n_steps = int(max(pre_steps.max(), post_steps.max())) + 2
    with Engine(dt=dt, target=target, name=f"{_PREFIX}_window", owner=owner) as engine:
        pre = engine.spike_generator(n, np.arange(n), pre_steps * dt, label="pre")
        post = engine.spike_generator(n, np.arange(n), post_steps * dt, label="post")
        syn = _plastic_synapses(
            engine, pre, post, params, transmit="", label="synapses", i=np.arange(n), j=np.arange(n)
        )
        syn.w = w_start * params.w_max
        engine.namespace.update(params.namespace())
        engine.run(n_steps * dt_s * second)
        w = engine.values(syn, "w")
    return w / params.w_max - w_start


@validate(
    pre_times=_TIMES,
    post_times=_TIMES,
    params=[_RULE, None],
    w_start=_FRACTION,
    dt=_STEP,
    target=_TARGET,
)
def stdp_trains_change(
    pre_times,
    post_times,
    *,
    params: STDPParameters | None = None,
    w_start: float = 0.5,
    dt=0.1 * ms,
    target: str | None = None,
) -> float:
    r"""Weight change of one plastic synapse whose pre- and postsynaptic spikes are imposed.

    Both spike trains come from spike generators (the postsynaptic spikes do not depend
    on the synapse), so the change is the rule's sum over all pre/post pairs, clipped
    to ``[0, w_max]`` after every event; the synapse uses exactly the model of
    :func:`stdp_experiment`.

    Parameters
    ----------
    pre_times, post_times : Quantity
        Spike times (1-D, distinct within a train), rounded to the grid ``k * dt``.
    params : STDPParameters, default STDPParameters()
        The rule.
    w_start : float, default 0.5
        Initial weight in units of ``w_max`` (0..1).
    dt : Quantity, default 0.1*ms
        Time step.
    target : {"numpy", "cython"} or None
        Code-generation target.

    Returns
    -------
    float
        The weight change in units of ``w_max``.
    """
    owner = "stdp_trains_change"
    params = STDPParameters() if params is None else params
    steps = {}
    for name, times in (("pre_times", pre_times), ("post_times", post_times)):
        k = np.round(np.atleast_1d(np.asarray(times / dt, dtype=float))).astype(np.int64)
        if k.ndim != 1 or k.size == 0 or k.min() < 0 or np.unique(k).size != k.size:
            raise param_error(
                name, owner, "a 1-D quantity of distinct times >= 0 on the dt grid", times
            )
        steps[name] = k
    target = resolve_target(target, owner)
    pre, post = steps["pre_times"], steps["post_times"]
    n_steps = int(max(pre.max(), post.max())) + 2
    with Engine(dt=dt, target=target, name=f"{_PREFIX}_trains", owner=owner) as engine:
        source = engine.spike_generator(1, np.zeros(pre.size, int), pre * dt, label="pre")
        sink = engine.spike_generator(1, np.zeros(post.size, int), post * dt, label="post")
        syn = _plastic_synapses(
            engine, source, sink, params, transmit="", label="synapse", i=[0], j=[0]
        )
        syn.w = w_start * params.w_max
        engine.namespace.update(params.namespace())
        engine.run(n_steps * dt)
        w = engine.values(syn, "w")
    return float(w[0] / params.w_max - w_start)
