"""STDP in Brian2: the measured window and the learning experiment (one engine each).

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
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    InstanceOf,
    Interval,
    ListOf,
    Options,
    QuantityOf,
    param_error,
    validate,
)
from neurosim.spiking.backend import TARGETS, resolve_target
from neurosim.spiking.engine import Engine, check_steps
from neurosim.spiking.neurons.conductance import ConductanceLIFParameters
from neurosim.spiking.stdp import STDPParameters, STDPResult
from neurosim.spiking.trains import shared_source_trains
from neurosim.units import Hz, ms, second

_RULE = InstanceOf(STDPParameters)
_FRACTION = Interval(0, 1)
_STEP = QuantityOf("ms", POSITIVE, example="0.1*ms")
_TARGET = [Options(*TARGETS), None]
_TIMES = QuantityOf("ms", NON_NEGATIVE, ndim=1, example="[10, 30]*ms")

__all__ = ["stdp_experiment", "stdp_trains_change", "stdp_window"]

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


@validate(
    n_inputs=COUNT,
    rate=QuantityOf("Hz", POSITIVE, example="40*Hz"),
    correlated_fraction=[_FRACTION, ListOf(_FRACTION)],
    correlation=_FRACTION,
    duration=QuantityOf("ms", POSITIVE, example="10*second"),
    dt=_STEP,
    params=[_RULE, ListOf(_RULE), None],
    neuron=[InstanceOf(ConductanceLIFParameters), None],
    n_inhibitory=Interval(0, None, integer=True),
    inhibitory_rate=QuantityOf("Hz", NON_NEGATIVE, example="10*Hz"),
    g_inhibitory=NON_NEGATIVE,
    w_init=[Options("uniform"), _FRACTION],
    n_neurons=COUNT,
    record_every=[_STEP, None],
    seed=SEED,
    target=_TARGET,
)
def stdp_experiment(
    *,
    n_inputs: int = 200,
    rate=40 * Hz,
    correlated_fraction: float = 0.5,
    correlation: float = 0.5,
    duration=10 * second,
    dt=0.1 * ms,
    params: STDPParameters | None = None,
    neuron: ConductanceLIFParameters | None = None,
    n_inhibitory: int = 200,
    inhibitory_rate=10 * Hz,
    g_inhibitory: float = 0.05,
    w_init: str | float = "uniform",
    n_neurons: int = 1,
    record_every=None,
    seed: int = 0,
    target: str | None = None,
) -> STDPResult:
    r"""One neuron (or several independent replicas) learning with STDP, in one run.

    ``n_inputs`` excitatory Poisson inputs reach a conductance-based
    integrate-and-fire neuron (:class:`ConductanceLIFParameters`) through plastic
    synapses (:class:`STDPParameters`); ``n_inhibitory`` Poisson inputs add a fixed
    inhibitory conductance ``g_inhibitory`` each.  The first
    ``correlated_fraction`` of the excitatory inputs are correlated
    (:func:`shared_source_trains`).  This is the set-up of Song, Miller & Abbott
    (2000), with the speed-up settings of the module docstring as defaults.  No
    error signal and no backward pass: each weight changes only with its own
    presynaptic spikes and the postsynaptic spikes.

    Parameters
    ----------
    n_inputs : int, default 200
        Plastic excitatory inputs per neuron (Song et al.: 1000).
    rate : Quantity, default 40*Hz
        Rate of every excitatory input (Song et al.: 10-40 Hz).
    correlated_fraction : float or sequence of float, default 0.5
        Fraction of the inputs in the correlated group (the first ones), 0..1; a
        sequence gives one fraction per replica (``n_neurons`` of them), e.g. a
        control replica without any correlated group.
    correlation : float, default 0.5
        Pairwise correlation coefficient within the group, 0..1.
    duration : Quantity, default 10*second
        Simulated time (a whole number of ``dt``).
    dt : Quantity, default 0.1*ms
        Time step.
    params : STDPParameters, sequence of STDPParameters, or None, default None
        The plasticity rule (and ``w_max``); ``None`` means
        ``STDPParameters.fast(n_inputs=n_inputs, rate=rate)``.  Pass
        ``STDPParameters()`` for Song et al.'s published rule.  A sequence gives one
        rule per replica (``n_neurons`` of them, with equal ``tau_pre`` and
        ``tau_post``; ``A_plus``, ``A_minus_ratio`` and ``w_max`` may differ), so
        that rules are compared on the same clock in one run.
    neuron : ConductanceLIFParameters or None, default None
        The postsynaptic neuron; ``None`` means Song et al.'s.
    n_inhibitory : int, default 200
        Inhibitory Poisson inputs per neuron (fixed, not plastic; 0 for none).
    inhibitory_rate : Quantity, default 10*Hz
        Rate of each inhibitory input.
    g_inhibitory : float, default 0.05
        Inhibitory conductance step per spike, in units of the leak conductance.
    w_init : "uniform" or float, default "uniform"
        Initial weights: independent uniform draws in [0, w_max], or all equal to
        this fraction of ``w_max``.
    n_neurons : int, default 1
        Independent replicas (each with its own inputs and inhibition),
        simulated together in the same run.
    record_every : Quantity or None, default None
        Interval between weight snapshots (a whole number of ``dt``); ``None``
        gives 10 intervals.
    seed : int, default 0
        Seed of every random draw (inputs, initial weights, inhibition).
    target : {"numpy", "cython"} or None
        Code-generation target; ``None`` uses :func:`neurosim.spiking.get_target`.

    Returns
    -------
    STDPResult
        Weights in units of ``w_max`` before, during and after, and output rates.

    Notes
    -----
    Cost (numpy target, 2 shared cores): about 0.75 s of computing per simulated
    second for one neuron with 200 inputs at 40 Hz and dt = 0.1 ms, about 1.3 s
    with 1000 inputs; replicas add less than proportionally.

    The inhibitory background is delivered as the superposition of its
    ``n_inhibitory`` trains: each step brings ``Binomial(n_inhibitory,
    inhibitory_rate * dt)`` spikes, each adding ``g_inhibitory`` to an inhibitory
    conductance that decays with ``neuron.tau_in``; it is computed in numpy before
    the run (it does not depend on the network) and read from a ``TimedArray``.

    Examples
    --------
    >>> from brian2 import second
    >>> res = stdp_experiment(duration=10 * second)  # doctest: +SKIP
    >>> near_zero, near_max = res.fractions_near_bounds()  # doctest: +SKIP
    >>> corr, uncorr = res.group_means()  # doctest: +SKIP
    """
    owner = "stdp_experiment"
    if params is None:
        params = STDPParameters.fast(n_inputs=n_inputs, rate=rate)
    per_neuron = isinstance(params, list | tuple)
    if per_neuron:
        if len(params) != n_neurons:
            raise param_error(
                "params", owner, f"one STDPParameters per neuron ({n_neurons})", params
            )
        rules = list(params)
        if any(p.tau_pre != rules[0].tau_pre or p.tau_post != rules[0].tau_post for p in rules):
            raise param_error("params", owner, "rules with equal tau_pre and tau_post", params)
        params = tuple(rules)
        first = rules[0]
    else:
        rules = [params] * n_neurons
        first = params
    neuron = ConductanceLIFParameters() if neuron is None else neuron
    fracs = (
        list(correlated_fraction)
        if isinstance(correlated_fraction, list | tuple | np.ndarray)
        else [correlated_fraction] * n_neurons
    )
    if len(fracs) != n_neurons:
        raise param_error(
            "correlated_fraction", owner, f"a number or {n_neurons} numbers", correlated_fraction
        )
    c, g_inh = correlation, g_inhibitory
    n_steps = check_steps(duration, dt, owner, "duration")
    if float(inhibitory_rate * dt) > 1:
        raise param_error("inhibitory_rate", owner, f"at most 1/dt = {1 / dt}", inhibitory_rate)
    if record_every is None:
        every = max(1, n_steps // 10)
    else:
        every = check_steps(record_every, dt, owner, "record_every")
        if every > n_steps:
            raise param_error("record_every", owner, f"at most duration = {duration}", record_every)
    target = resolve_target(target, owner)

    rng = np.random.default_rng(seed)
    n_corrs = [round(f * n_inputs) for f in fracs]
    dt_s = float(dt / second)
    indices, times = [], []
    for r in range(n_neurons):
        idx, t = shared_source_trains(
            n_inputs, rate, n_steps * dt, n_correlated=n_corrs[r], correlation=c, dt=dt, seed=rng
        )
        indices.append(idx + r * n_inputs)
        times.append(np.asarray(t / second))
    indices = np.concatenate(indices)
    times = np.concatenate(times)
    if w_init == "uniform":
        w0 = rng.uniform(0.0, 1.0, size=n_neurons * n_inputs)
    else:
        w0 = np.full(n_neurons * n_inputs, float(w_init))

    # inhibitory background: Binomial(n_inhibitory, rate * dt) spikes per step, each
    # adding g_inhibitory to a conductance that decays with tau_in; the value at step k
    # holds the spikes of steps < k (Brian2 delivers a spike after that step's update)
    p_inh = float(inhibitory_rate * dt)
    counts = rng.binomial(n_inhibitory, p_inh, size=(n_steps, n_neurons)).astype(float)
    g_in = _decaying_sum(counts, float(dt / neuron.tau_in), g_inh)
    namespace = {**neuron.namespace(), **first.namespace()}
    if per_neuron:
        for name in ("dApre", "dApost", "w_max"):
            del namespace[name]
    with Engine(dt=dt, seed=seed, target=target, name=_PREFIX, owner=owner) as engine:
        engine.namespace.update(namespace)
        inhibition = engine.timed_array(g_in, label="inhibition")
        post = engine.neuron_group(
            n_neurons,
            neuron.equations + f"g_in = {inhibition}(t, i) : 1\n",
            label="neurons",
            threshold=neuron.threshold,
            reset=neuron.reset,
            method=neuron.method,
        )
        post.v = neuron.E_L
        inputs = engine.spike_generator(
            n_neurons * n_inputs, indices, times * second, label="inputs"
        )
        syn = _plastic_synapses(
            engine,
            inputs,
            post,
            first,
            transmit="g_ex_post += w",
            label="synapses",
            per_synapse=per_neuron,
            i=np.arange(n_neurons * n_inputs),
            j=np.arange(n_neurons * n_inputs) // n_inputs,
        )
        w_max = np.repeat([p.w_max for p in rules], n_inputs)
        if per_neuron:
            syn.w_max = w_max
            syn.dApre = np.repeat([p.A_plus * p.w_max for p in rules], n_inputs)
            syn.dApost = np.repeat([-p.A_minus * p.w_max for p in rules], n_inputs)
        syn.w = w0 * w_max
        spikes = engine.spike_monitor(post, label="output_spikes")
        weights = engine.state_monitor(syn, "w", label="weights", dt=every * dt)
        engine.run(n_steps * dt)

        w_end = engine.values(syn, "w") / w_max
        snaps = engine.states(weights, "w").T / w_max  # (n_t, n_syn)
        snap_t = engine.times(weights)
        out_t, out_i = engine.spikes(spikes)

    if not np.isclose(snap_t[-1], n_steps * dt_s):
        snaps = np.concatenate([snaps, w_end[None, :]])
        snap_t = np.append(snap_t, n_steps * dt_s)
    shape = (snap_t.size, n_neurons, n_inputs)
    snaps = snaps.reshape(shape)
    edges = snap_t.copy()
    edges[-1] = np.inf  # a spike in the last step belongs to the last interval
    rates = np.zeros((snap_t.size - 1, n_neurons))
    which = np.clip(np.searchsorted(edges, out_t, side="right") - 1, 0, snap_t.size - 2)
    np.add.at(rates, (which, out_i), 1.0)
    rates /= np.diff(snap_t)[:, None]
    total = np.bincount(out_i, minlength=n_neurons) / (n_steps * dt_s)
    if isinstance(correlated_fraction, list | tuple | np.ndarray):
        correlated = np.arange(n_inputs)[None, :] < np.array(n_corrs)[:, None]
    else:
        correlated = np.arange(n_inputs) < n_corrs[0]
    return STDPResult(
        w_initial=snaps[0].copy(),  # w0 as stored (w0 * w_max / w_max, to rounding)
        w_final=w_end.reshape(n_neurons, n_inputs),
        correlated=correlated,
        snapshot_times=snap_t * second,
        w_snapshots=snaps,
        output_rates=rates * Hz,
        output_rate=total * Hz,
        input_rate=indices.size / (n_neurons * n_inputs * n_steps * dt_s) * Hz,
        duration=n_steps * dt,
        dt=dt,
        params=params,
        neuron=neuron,
        correlation=c,
    )
