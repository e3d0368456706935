"""The STDP learning experiment: Song, Miller & Abbott's set-up, one seed or several.

:func:`stdp_experiment` runs a few independent replicas of a conductance-based neuron
(:class:`~neurosim.spiking.neurons.conductance.ConductanceLIFParameters`) learning with
STDP (:class:`~neurosim.spiking.stdp.STDPParameters`) from Poisson inputs with a
correlated group (:func:`~neurosim.spiking.trains.shared_source_trains`) and an
inhibitory background, in one Brian2 run; :func:`stdp_experiments` runs several seeds
of it in one run (each seed's replicas a block of the group). The synapses and the
background are built by :mod:`neurosim.spiking.stdp_experiments`.

Randomness: every random draw (input spike trains, initial weights, inhibitory
background) comes from ``np.random.default_rng(seed)``, before the run.  Same seed,
identical weights, whether the seed runs alone or beside others.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from neurosim.spiking.backend import resolve_target
from neurosim.spiking.engine import Engine, check_steps
from neurosim.spiking.neurons.conductance import ConductanceLIFParameters
from neurosim.spiking.stdp import STDPParameters, STDPResult
from neurosim.spiking.stdp_experiments import (
    _FRACTION,
    _PREFIX,
    _RULE,
    _STEP,
    _TARGET,
    _decaying_sum,
    _plastic_synapses,
)
from neurosim.spiking.trains import shared_source_trains
from neurosim.units import Hz, ms, second

__all__ = ["stdp_experiment", "stdp_experiments"]

_EXPERIMENT = dict(
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
    target=_TARGET,
)


@validate(**_EXPERIMENT, seed=SEED)
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
    settings = {name: value for name, value in locals().items() if name != "seed"}
    return _experiments([seed], **settings)[0]


@validate(**_EXPERIMENT, seeds=ListOf(SEED, min_len=1))
def stdp_experiments(
    seeds,
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
    target: str | None = None,
) -> list[STDPResult]:
    """:func:`stdp_experiment` for several seeds in one run: one result per seed.

    Each seed's replicas are a block of the one group, with the inputs, initial weights
    and inhibition its own run draws; nothing random is drawn during the run and the
    replicas do not interact, so each result is, to the last bit, that of
    ``stdp_experiment(seed=seed, ...)`` (tests/spiking/test_plasticity.py). One run
    pays Brian2's fixed cost per time step once for all seeds. The arguments are those
    of :func:`stdp_experiment`.
    """
    settings = {name: value for name, value in locals().items() if name != "seeds"}
    return _experiments(list(seeds), **settings)


def _experiments(
    seeds,
    *,
    n_inputs,
    rate,
    correlated_fraction,
    correlation,
    duration,
    dt,
    params,
    neuron,
    n_inhibitory,
    inhibitory_rate,
    g_inhibitory,
    w_init,
    n_neurons,
    record_every,
    target,
) -> list[STDPResult]:
    """:func:`stdp_experiment` for each of ``seeds``, one run (arguments checked)."""
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

    n_corrs = [round(f * n_inputs) for f in fracs]
    setup = _Setup(
        n_inputs, rate, n_corrs, c, n_steps, dt, w_init, n_inhibitory, float(inhibitory_rate * dt)
    )
    namespace = {**neuron.namespace(), **first.namespace()}
    if per_neuron:
        for name in ("dApre", "dApost", "w_max"):
            del namespace[name]
    run = _Run(neuron, g_inh, namespace, per_neuron, rules, every, target)
    correlated = np.arange(n_inputs)[None, :] < np.array(n_corrs)[:, None]
    if not isinstance(correlated_fraction, list | tuple | np.ndarray):
        correlated = correlated[0]
    return [
        STDPResult(
            **result,
            correlated=correlated,
            duration=n_steps * dt,
            dt=dt,
            params=params,
            neuron=neuron,
            correlation=c,
        )
        for result in _simulate(setup, run, seeds)
    ]


@dataclass(frozen=True)
class _Setup:
    """What a seed's draws depend on (the same for the seeds of one run)."""

    n_inputs: int
    rate: object
    n_corrs: list
    correlation: float
    n_steps: int
    dt: object
    w_init: object
    n_inhibitory: int
    p_inh: float

    def draw(self, seed: int, tau_in_steps: float, g_inh: float):
        """One seed's inputs, initial weights and inhibition, from ``default_rng(seed)``."""
        rng = np.random.default_rng(seed)
        n_neurons, n_inputs = len(self.n_corrs), self.n_inputs
        indices, times = [], []
        for r in range(n_neurons):
            idx, t = shared_source_trains(
                n_inputs,
                self.rate,
                self.n_steps * self.dt,
                n_correlated=self.n_corrs[r],
                correlation=self.correlation,
                dt=self.dt,
                seed=rng,
            )
            indices.append(idx + r * n_inputs)
            times.append(np.asarray(t / second))
        if self.w_init == "uniform":
            w0 = rng.uniform(0.0, 1.0, size=n_neurons * n_inputs)
        else:
            w0 = np.full(n_neurons * n_inputs, float(self.w_init))
        # inhibitory background: Binomial(n_inhibitory, rate * dt) spikes per step, each
        # adding g_inhibitory to a conductance that decays with tau_in; the value at step
        # k holds the spikes of steps < k (Brian2 delivers a spike after that step's
        # update)
        counts = rng.binomial(self.n_inhibitory, self.p_inh, size=(self.n_steps, n_neurons))
        g_in = _decaying_sum(counts.astype(float), tau_in_steps, g_inh)
        return np.concatenate(indices), np.concatenate(times), w0, g_in


@dataclass(frozen=True)
class _Run:
    """How the seeds of one run are simulated (their rules, neuron, recording)."""

    neuron: ConductanceLIFParameters
    g_inh: float
    namespace: dict
    per_neuron: bool
    rules: list
    every: int
    target: str


def _simulate(setup: _Setup, run: _Run, seeds) -> list[dict]:
    """Every seed's replicas as blocks of one group, in one run; each seed's arrays.

    Seed ``j``'s neurons are block ``j`` (its inputs, synapses and inhibition column
    with them), drawn from its own generator as a run of that seed alone draws them; the
    neurons do not interact and no random number is drawn during the run, so each
    seed's arrays are its own run's, to the last bit (tests/spiking/test_plasticity.py).
    """
    n_inputs, n_steps, dt = setup.n_inputs, setup.n_steps, setup.dt
    dt_s = float(dt / second)
    per_seed = len(setup.n_corrs)
    n_neurons, size = per_seed * len(seeds), per_seed * n_inputs
    tau_in_steps = float(dt / run.neuron.tau_in)
    draws = [setup.draw(seed, tau_in_steps, run.g_inh) for seed in seeds]
    indices = np.concatenate([d[0] + j * size for j, d in enumerate(draws)])
    times = np.concatenate([d[1] for d in draws])
    w0 = np.concatenate([d[2] for d in draws])
    g_in = np.concatenate([d[3] for d in draws], axis=1)
    rules = run.rules * len(seeds)
    neuron = run.neuron
    with Engine(
        dt=dt, seed=seeds[0], target=run.target, name=_PREFIX, owner="stdp_experiment"
    ) as engine:
        engine.namespace.update(run.namespace)
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
            rules[0],
            transmit="g_ex_post += w",
            label="synapses",
            per_synapse=run.per_neuron,
            i=np.arange(n_neurons * n_inputs),
            j=np.arange(n_neurons * n_inputs) // n_inputs,
        )
        w_max = np.repeat([p.w_max for p in rules], n_inputs)
        if run.per_neuron:
            syn.w_max = w_max
            syn.dApre = np.repeat([p.A_plus * p.w_max for p in rules], n_inputs)
            syn.dApost = np.repeat([-p.A_minus * p.w_max for p in rules], n_inputs)
        syn.w = w0 * w_max
        spikes = engine.spike_monitor(post, label="output_spikes")
        weights = engine.state_monitor(syn, "w", label="weights", dt=run.every * dt)
        engine.run(n_steps * dt)

        w_end = engine.values(syn, "w") / w_max
        snaps = engine.states(weights, "w").T / w_max  # (n_t, n_syn)
        snap_t = engine.times(weights)
        out_t, out_i = engine.spikes(spikes)

    if not np.isclose(snap_t[-1], n_steps * dt_s):
        snaps = np.concatenate([snaps, w_end[None, :]])
        snap_t = np.append(snap_t, n_steps * dt_s)
    edges = snap_t.copy()
    edges[-1] = np.inf  # a spike in the last step belongs to the last interval
    results = []
    for j, draw in enumerate(draws):
        block = slice(j * size, (j + 1) * size)
        mine = (out_i >= j * per_seed) & (out_i < (j + 1) * per_seed)
        t_j, i_j = out_t[mine], out_i[mine] - j * per_seed
        seed_snaps = snaps[:, block].reshape(snap_t.size, per_seed, n_inputs)
        rates = np.zeros((snap_t.size - 1, per_seed))
        which = np.clip(np.searchsorted(edges, t_j, side="right") - 1, 0, snap_t.size - 2)
        np.add.at(rates, (which, i_j), 1.0)
        rates /= np.diff(snap_t)[:, None]
        total = np.bincount(i_j, minlength=per_seed) / (n_steps * dt_s)
        results.append(
            {
                "w_initial": seed_snaps[0].copy(),  # w0 as stored (w0 * w_max / w_max)
                "w_final": w_end[block].reshape(per_seed, n_inputs),
                "snapshot_times": snap_t * second,
                "w_snapshots": seed_snaps,
                "output_rates": rates * Hz,
                "output_rate": total * Hz,
                "input_rate": draw[0].size / (per_seed * n_inputs * n_steps * dt_s) * Hz,
            }
        )
    return results
