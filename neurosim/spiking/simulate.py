"""Run spiking neurons in Brian2: one network, one ``run()``, plain results.

:func:`simulate` builds one vectorised ``NeuronGroup`` of ``n * trials`` neurons for
a neuron model (:mod:`neurosim.spiking.neurons`) and a stimulus
(:mod:`neurosim.stimuli`).  Neuron ``k`` of the group is condition ``k // trials``,
trial ``k % trials``.  Everything lives in one explicit ``brian2.Network`` with
named objects, an explicit clock and namespace, and runs once, all through the one
:class:`~neurosim.spiking.engine.Engine`; stimuli become Brian2 objects in
:mod:`neurosim.spiking.inputs`.  The result is a :class:`SpikeResult` of plain
arrays (never Brian2 monitors).

Randomness: the engine seeds Brian2's generator with ``seed`` right before the run
(noise ``sigma`` and Poisson inputs), so the same seed gives identical spikes, run
after run, and restores numpy's global random state afterwards.  A noisy-current stimulus has its own seed (it is a fixed
input, the same in every trial).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from neurosim.core.constraints import (
    BOOL,
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    InstanceOf,
    ListOf,
    Options,
    QuantityOf,
    param_error,
    validate,
)
from neurosim.spiking.backend import TARGETS, resolve_target
from neurosim.spiking.engine import Engine, check_cost, check_steps
from neurosim.spiking.inputs import check_pattern, current_term, deliver_events
from neurosim.spiking.neurons import LIFParameters, NeuronParameters
from neurosim.stimuli import Stimulus, constant
from neurosim.units import Hz, Quantity, amp, check_quantity, ms, second, volt

_MODEL = InstanceOf(
    NeuronParameters,
    text="a neuron model (LIFParameters, AdExParameters or TwoCompartmentParameters)",
)
_STIMULUS = InstanceOf(Stimulus, text="a Stimulus (from neurosim.stimuli)")
_DURATION = QuantityOf("ms", POSITIVE, example="500*ms")
_STEP = QuantityOf("ms", POSITIVE, example="0.1*ms")
_TARGET = [Options(*TARGETS), None]

__all__ = ["SpikeResult", "fi_curve", "simulate"]

_PREFIX = "neurosim"


@dataclass(frozen=True, eq=False)
class SpikeResult:
    """Spikes (and optionally traces) of a batch of neurons: plain arrays only.

    Neuron ``k`` (the flat index) is condition ``k // trials``, trial ``k % trials``.

    Attributes
    ----------
    shape : tuple of int
        ``(n, trials)``.
    duration, dt : Quantity
        Simulated time and time step.
    times : Quantity
        Spike times in seconds, 1-D, sorted by time.  They lie on the grid
        ``k * dt``: a spike at ``k * dt`` means V crossed threshold during
        ``[k * dt, (k + 1) * dt)`` (Brian2 updates, then tests the threshold).
    neuron : ndarray of int
        Flat neuron index of each spike.
    input_counts : ndarray of int or None
        Input spikes each neuron received, ``(n, trials)``, for Poisson or
        spike-pattern stimuli.
    t : Quantity or None
        Sample times of the traces (``record_v=True``), ``(n_t,)``; sample ``j`` is
        the state at ``j * dt``, before that step's update.
    v : Quantity or None
        Somatic membrane potential, ``(n, trials, n_t)``.
    I : Quantity or None
        Somatic input current (the sum of the stimuli on the soma),
        ``(n, trials, n_t)``.
    v_dendrite, I_dendrite, I_active : Quantity or None
        Two-compartment model only: dendritic voltage, dendritic input current and
        the active (dCaAP-like) current delivered to the soma.
    w : Quantity or None
        AdEx model only: adaptation current.
    """

    shape: tuple[int, int]
    duration: Quantity
    dt: Quantity
    times: Quantity
    neuron: np.ndarray
    input_counts: np.ndarray | None = None
    t: Quantity | None = None
    v: Quantity | None = None
    I: Quantity | None = None
    v_dendrite: Quantity | None = None
    I_dendrite: Quantity | None = None
    I_active: Quantity | None = None
    w: Quantity | None = None

    @property
    def n(self) -> int:
        """Number of conditions."""
        return self.shape[0]

    @property
    def trials(self) -> int:
        """Number of trials per condition."""
        return self.shape[1]

    @property
    def counts(self) -> np.ndarray:
        """Spike counts, ``(n, trials)`` ints."""
        flat = np.bincount(self.neuron, minlength=self.n * self.trials)
        return flat.reshape(self.shape)

    @property
    def rates(self) -> Quantity:
        """Firing rates (count / duration), ``(n, trials)`` in Hz."""
        return self.counts / float(self.duration / second) * Hz

    def counts_in(self, t_start, t_stop) -> np.ndarray:
        """Spike counts in the window ``[t_start, t_stop)``, ``(n, trials)`` ints."""
        owner = "SpikeResult.counts_in"
        check_quantity(t_start, "t_start", owner, second, example="0*ms")
        check_quantity(t_stop, "t_stop", owner, second, example="100*ms")
        if not np.ndim(t_start) == np.ndim(t_stop) == 0:
            raise param_error("t_start", owner, "a scalar time", t_start)
        if not t_stop > t_start:
            raise param_error("t_stop", owner, f"after t_start = {t_start}", t_stop)
        t = np.asarray(self.times / second)
        inside = (t >= float(t_start / second)) & (t < float(t_stop / second))
        flat = np.bincount(self.neuron[inside], minlength=self.n * self.trials)
        return flat.reshape(self.shape)

    def trains(self) -> list[list[Quantity]]:
        """Spike times per neuron: ``trains()[condition][trial]`` is a Quantity array."""
        t = np.asarray(self.times / second)
        order = np.argsort(self.neuron, kind="stable")
        splits = np.searchsorted(self.neuron[order], np.arange(1, self.n * self.trials))
        per = np.split(t[order], splits)
        return [
            [per[c * self.trials + r] * second for r in range(self.trials)] for c in range(self.n)
        ]

    def v_after_spikes(self) -> Quantity:
        """The recorded potential right after every spike: where the reset put it.

        A spike at ``k * dt`` crossed threshold during step ``k``; sample ``k`` holds the
        state before that step, sample ``k + 1`` the state after the reset. Flat, in
        neuron order and then time; spikes in the last step (no later sample) are left
        out. Needs ``record_v=True``.
        """
        if self.v is None:
            raise param_error(
                "record_v", "SpikeResult.v_after_spikes", "a run with record_v=True", False
            )
        v = np.asarray(self.v / volt).reshape(self.n * self.trials, -1)
        steps = np.rint(np.asarray(self.times / self.dt)).astype(int) + 1
        order = np.lexsort((steps, self.neuron))
        keep = order[steps[order] < v.shape[1]]
        return v[self.neuron[keep], steps[keep]] * volt

    def __repr__(self) -> str:
        traces = ", with traces" if self.v is not None else ""
        return (
            f"SpikeResult(n={self.n}, trials={self.trials}, duration={self.duration}, "
            f"{self.neuron.size} spikes{traces})"
        )


def _stimuli(stimulus, owner: str) -> list[Stimulus]:
    if isinstance(stimulus, Stimulus):
        return [stimulus]
    if isinstance(stimulus, Sequence) and not isinstance(stimulus, str) and len(stimulus) > 0:
        if all(isinstance(s, Stimulus) for s in stimulus):
            return list(stimulus)
    raise param_error(
        "stimulus",
        owner,
        "a Stimulus or a non-empty list of them (from neurosim.stimuli)",
        stimulus,
        "Build one with e.g. neurosim.stimuli.constant(0.2*nA).",
        cls=TypeError,
    )


#: simulate()'s constraints, declared once (neurosim.spiking.batch.Simulation, the same
#: request made later, checks them too).
_SIMULATE_CHECKS = dict(
    params=_MODEL,
    stimulus=[_STIMULUS, ListOf(_STIMULUS)],
    duration=_DURATION,
    dt=_STEP,
    trials=COUNT,
    record_v=BOOL,
    seed=SEED,
    target=_TARGET,
)


@validate(**_SIMULATE_CHECKS)
def simulate(
    params: NeuronParameters,
    stimulus: Stimulus | Sequence[Stimulus],
    duration,
    *,
    dt=0.1 * ms,
    trials: int = 1,
    record_v: bool = False,
    seed: int = 0,
    target: str | None = None,
) -> SpikeResult:
    """Simulate a batch of neurons driven by a stimulus, in one Brian2 run.

    Parameters
    ----------
    params : LIFParameters, AdExParameters or TwoCompartmentParameters
        The neuron model.  Array-valued parameters give one value per condition.
    stimulus : Stimulus or list of Stimulus
        Input for ``n`` conditions (see :mod:`neurosim.stimuli`).  Several stimuli are
        summed (currents) or all delivered (spikes); each goes to its
        ``compartment`` (default: the dendrite of a two-compartment neuron, else the
        soma).  Batch sizes must agree or be 1 (broadcast).
    duration : Quantity
        Simulated time (> 0, a whole number of ``dt``).
    dt : Quantity, default 0.1*ms
        Time step.
    trials : int, default 1
        Repetitions per condition (independent noise and Poisson inputs).
    record_v : bool, default False
        Record voltage and current traces at every step (memory: ``n * trials *
        steps`` floats per variable).
    seed : int, default 0
        Seed for Brian2's random numbers (noise and Poisson inputs).
    target : {"numpy", "cython"} or None
        Code-generation target; ``None`` uses :func:`neurosim.spiking.get_target`.

    Returns
    -------
    SpikeResult
        Spikes of neuron ``k`` = condition ``k // trials``, trial ``k % trials``.

    Notes
    -----
    Constant currents become per-neuron constants; time-varying currents become
    one ``TimedArray`` of ``n x steps`` values (shared by the trials of a
    condition); Poisson inputs a ``PoissonGroup`` of ``n * trials * n_inputs``
    sources with one-to-one ``Synapses``; spike patterns a ``SpikeGeneratorGroup``.
    Input spikes are not delivered to the soma while it is refractory.
    Integration: exact for the noiseless LIF, Euler(-Maruyama) otherwise. Under the
    exact method a time-varying current is held over each step (``constant over dt``:
    one ``TimedArray`` lookup a step, not one wherever the update names it); it is on
    the step's grid, and the method reads it at the step's start anyway.
    """
    return _simulate(
        params, _stimuli(stimulus, "simulate"), duration, dt, trials, record_v, seed, target
    )


def _simulate(
    params, stims, duration, dt, trials, record_v, seed, target, streams=None
) -> SpikeResult:
    """:func:`simulate` on checked arguments; ``streams``: seeds as a batch (see
    :class:`~neurosim.spiking.engine.Engine`; :mod:`neurosim.spiking.batch` uses it)."""
    owner = "simulate"
    n_steps = check_steps(duration, dt, owner)
    target = resolve_target(target, owner)

    # batch size: stimuli and array-valued parameters must agree (or be 1)
    sizes = {s.n for s in stims} | ({params.n} if params.n is not None else set())
    n = max(sizes)
    if not sizes <= {1, n}:
        raise param_error(
            "stimulus",
            owner,
            "stimuli (and per-condition parameters) of one batch size n, or 1",
            f"batch sizes {sorted(sizes)}",
        )
    for s in stims:
        comp = s.compartment or params.default_compartment
        if comp not in params.compartments:
            raise param_error(
                "stimulus",
                owner,
                f"aimed at a compartment of {type(params).__name__} "
                f"({', '.join(params.compartments)})",
                f"compartment {comp!r}",
            )

    dt_s = float(dt / second)
    n_total = n * trials
    check_cost(n_steps, n_total, owner, recorded=len(params.compartments) if record_v else 0)
    engine = Engine(dt=dt, seed=seed, target=target, name=_PREFIX, owner=owner, streams=streams)
    with engine:
        engine.namespace.update(params.namespace())
        lines = [params.equations.rstrip("\n")]
        per_neuron: dict[str, Quantity] = {}
        for name, (values, unit) in params.per_neuron().items():
            lines.append(f"{name} : {unit} (constant)")
            per_neuron[name] = _expand(values, n, trials)

        terms: dict[str, list[str]] = {c: [] for c in params.compartments}
        varying: set[str] = set()
        needs_condition = False
        for k, s in enumerate(stims):
            if not s.is_current:
                continue
            comp = s.compartment or params.default_compartment
            expr, values = current_term(s, engine, f"stimulus_{k}", n_steps=n_steps)
            if values is not None:
                lines.append(f"{expr} : amp (constant)")
                per_neuron[expr] = _expand(values, n, trials)
            else:
                varying.add(comp)
            needs_condition |= "condition" in expr
            terms[comp].append(expr)
        for comp, exprs in terms.items():
            var = params.input_current[comp]
            # the exact update names the current four times: a time-varying one is looked
            # up once per step instead (one more code object a step, so not elsewhere)
            held = " (constant over dt)" if comp in varying and params.method == "exact" else ""
            lines.append(f"{var} = {' + '.join(exprs) if exprs else '0*amp'} : amp{held}")
        if needs_condition:
            lines.append("condition : integer (constant)")

        group = engine.neuron_group(
            n_total,
            "\n".join(lines),
            label="neurons",
            threshold=params.threshold,
            reset=params.reset,
            refractory=params.refractory,
            method=params.method,
        )
        for name, values in {**params.initial_values()}.items():
            setattr(group, name, _expand(values, n, trials) if np.ndim(values) else values)
        for name, values in per_neuron.items():
            setattr(group, name, values)
        if needs_condition:
            group.condition = np.arange(n_total) // trials

        spikes = engine.spike_monitor(group, label="spikes")
        counters = []
        for k, s in enumerate(stims):
            if s.is_current:
                continue
            comp = s.compartment or params.default_compartment
            variable = params.input_voltage[comp]
            guard = "int(not_refractory_post)" if variable == "v" else "1"
            check_pattern(s, dt_s, owner)
            count = deliver_events(
                s,
                engine,
                group,
                label=f"input_{k}",
                variable=variable,
                guard=guard,
                n=n,
                trials=trials,
            )
            counters.append(count)

        recorded = []
        if record_v:
            recorded = ["v", "I"]
            if "dendrite" in params.compartments:
                recorded += ["v_d", "I_d", "I_active"]
            if "w" in params.initial_values():
                recorded.append("w")
            state = engine.state_monitor(group, recorded, label="state")

        engine.run(n_steps * dt)

        t_s, neuron = engine.spikes(spikes)
        times = t_s * second
        input_counts = None
        for count in counters:
            c = count(float(duration / second))
            input_counts = c.copy() if input_counts is None else input_counts + c
        traces = {}
        if record_v:
            traces["t"] = engine.times(state) * second
            names = {"v": "v", "I": "I", "v_d": "v_dendrite", "I_d": "I_dendrite"}
            names |= {"I_active": "I_active", "w": "w"}
            for var in recorded:
                unit = volt if var.startswith("v") else amp
                arr = engine.states(state, var).reshape(n, trials, -1)
                traces[names[var]] = arr * unit

    return SpikeResult(
        shape=(n, trials),
        duration=n_steps * dt,
        dt=dt,
        times=times,
        neuron=neuron,
        input_counts=input_counts,
        **traces,
    )


def _expand(values, n: int, trials: int):
    """Per-condition values (scalar, length 1 or n) -> per-neuron values (n * trials)."""
    raw = np.asarray(values, dtype=float).reshape(-1)  # SI values of a Quantity
    raw = np.repeat(np.broadcast_to(raw, (n,)) if raw.size == 1 else raw, trials)
    if isinstance(values, Quantity):
        return Quantity(raw, dim=values.dim)
    return raw


@validate(
    currents=QuantityOf("nA", ndim=(0, 1), example="[0.1, 0.3]*nA"),
    params=[_MODEL, None],
    duration=_DURATION,
    sigma=[QuantityOf("mV", NON_NEGATIVE, ndim=(0, 1), example="2*mV"), None],
    dt=_STEP,
    trials=COUNT,
    seed=SEED,
    target=_TARGET,
)
def fi_curve(
    currents,
    params: NeuronParameters | None = None,
    *,
    duration=1 * second,
    sigma=None,
    dt=0.1 * ms,
    trials: int = 1,
    seed: int = 0,
    target: str | None = None,
) -> Quantity:
    """Firing rate against constant input current, the whole sweep in one run.

    Parameters
    ----------
    currents : Quantity
        Constant currents, 1-D (or scalar).
    params : NeuronParameters, default LIFParameters()
        Neuron model.
    duration : Quantity, default 1*second
        Simulated time per current.
    sigma : Quantity or None, default None
        Noise amplitude; overrides ``params.sigma`` (scalar or one per current).
    dt : Quantity, default 0.1*ms
        Time step.
    trials : int, default 1
        Trials per current; the rate is their mean.
    seed : int, default 0
        Seed of the noise.
    target : {"numpy", "cython"} or None
        Code-generation target.

    Returns
    -------
    Quantity
        Rates in Hz, shape ``(n,)`` (mean over trials).
    """
    if params is None:
        params = LIFParameters()
    if sigma is not None:
        if not hasattr(params, "sigma"):
            raise param_error("sigma", "fi_curve", f"None for {type(params).__name__}", sigma)
        params = params.replace(sigma=sigma)
    stim = constant(currents)
    result = simulate(
        params, stim, duration, dt=dt, trials=trials, seed=seed, target=target, record_v=False
    )
    return np.asarray(result.rates / Hz, dtype=float).mean(axis=1) * Hz
