"""A neuron that adds up its inputs itself: every input arrives through its own synapse.

Presynaptic fibres spike (Poisson trains drawn with numpy from a seed, so the same trains
can drive several neurons and be re-used by a test); each connection carries a signed
*charge* ``q`` per presynaptic spike (the synaptic weight). Two kinds of synapse:

``"current"`` (current-based)
    Every spike adds ``q / tau_syn`` to an exponentially decaying current ``I_syn``:
    a spike injects the charge ``q`` whatever the membrane potential. The membrane is
    then a linear system below threshold, so responses superpose exactly.
``"conductance"`` (conductance-based)
    Every spike opens a conductance that decays with ``tau_syn`` and drives the membrane
    towards its reversal potential: ``E_exc`` for ``q > 0``, ``E_inh`` for ``q < 0``.
    The conductance jump ``|q| / (tau_syn |E_syn - E_L|)`` is matched to the current
    synapse **at rest**: a weak input injects the same charge in both cases. Away from
    rest the driving force ``E_syn - v`` shrinks (excitation) and every open conductance
    shunts the others, so summation is sublinear. For constant conductances the
    membrane settles at ``v = (g_L E_L + sum g_i E_i) / (g_L + sum g_i)`` (Koch 1999,
    *Biophysics of Computation*, ch. 1; Dayan & Abbott 2001, eq. 5.22).

The neuron is the LIF of :class:`~neurosim.spiking.LIFParameters` (``g_L = 1/R``)::

    tau_m dv/dt = -(v - E_L) + R (I_syn + I_bias + g_e (E_exc - v) + g_i (E_inh - v))

Each target neuron is one condition (inputs alone, together, spiking or held
subthreshold by a disabled threshold) of one group, run once in one :class:`Engine`.
The mean depolarisation ``<v - E_L>`` after ``t_start`` is accumulated during the run.

The summation test: :func:`alone_and_together` wires every input of a pattern to a
target of its own and all of them to one more, from the very same spike trains;
:func:`summation_gain` is the least-squares slope of "together" against "sum of alone"
(1 = linear); :func:`shunted_depolarisation` is the closed-form steady state that
conductances reach.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.constraints import (
    COUNT,
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    MappingOf,
    Options,
    QuantityOf,
    Unchecked,
    validate,
)
from neurosim.core.validation import check_array, check_int, param_error
from neurosim.spiking.engine import Engine, check_steps
from neurosim.spiking.neurons import LIFParameters
from neurosim.spiking.words import RNG, STEP
from neurosim.units import amp, ms, mV, second

__all__ = [
    "KINDS",
    "SpikeTrains",
    "SummationDesign",
    "SummationResult",
    "all_together",
    "alone_and_together",
    "mean_conductances",
    "poisson_fibres",
    "shunted_depolarisation",
    "simulate_summation",
    "summation_design",
    "summation_gain",
]

#: Synapse kinds understood by :func:`simulate_summation`.
KINDS = ("current", "conductance")
_TIME = QuantityOf("ms", POSITIVE, example="200*ms")
#: fibres of each input: (patterns or samples, inputs, fibres) source indices
_FIBRES = ArrayOf(3, dtype=int, values=NON_NEGATIVE)


@dataclass(frozen=True)
class SpikeTrains:
    """Presynaptic spikes: source ``indices[k]`` spikes at ``times[k]`` (s)."""

    n_sources: int
    indices: np.ndarray
    times: np.ndarray

    def counts(self) -> np.ndarray:
        """Spikes per source."""
        return np.bincount(self.indices, minlength=self.n_sources)


@validate(rates_Hz=ArrayOf(1, values=NON_NEGATIVE), duration=_TIME, dt=STEP, rng=RNG)
def poisson_fibres(rates_Hz, duration, dt, rng: np.random.Generator) -> SpikeTrains:
    """Independent Poisson trains, one per entry of ``rates_Hz``, on the time grid ``dt``.

    Each source gets a Poisson number of spikes placed in uniformly drawn time steps;
    two spikes of one source in the same step count once (at ``rate * dt <= 0.01`` this
    loses under 0.5 % of the spikes; the trains returned are the ones simulated).
    """
    rates = rates_Hz
    steps = check_steps(duration, dt, "poisson_fibres")
    counts = rng.poisson(rates * float(duration / second))
    sources = np.repeat(np.arange(rates.size), counts)
    bins = rng.integers(0, steps, size=sources.size)
    keys = np.unique(sources.astype(np.int64) * steps + bins)
    indices, bins = keys // steps, keys % steps
    order = np.lexsort((indices, bins))
    return SpikeTrains(rates.size, indices[order], bins[order] * float(dt / second))


@dataclass(frozen=True)
class SummationResult:
    """Plain arrays out of :func:`simulate_summation` (SI units: V, s)."""

    mean_depolarisation: np.ndarray  # <v - E_L> after t_start, per target
    spike_counts: np.ndarray  # spikes after t_start, per target
    window: float  # duration of the counting window (s)
    trace_t: np.ndarray  # sample times of the recorded traces
    traces: np.ndarray  # v - E_L of the recorded targets, (n_recorded, n_times)


_MODEL = """
dv/dt = (-(v - E_L) + R*(I_syn + I_bias + g_e*(E_exc - v) + g_i*(E_inh - v)))/tau_m : volt (unless refractory)
dI_syn/dt = -I_syn/tau_syn : amp
dg_e/dt = -g_e/tau_syn : siemens
dg_i/dt = -g_i/tau_syn : siemens
dv_acc/dt = int(t >= t_start)*(v - E_L)/second : volt
I_bias : amp (constant)
can_fire : 1 (constant)
"""


#: What :func:`simulate_summation` takes (and :class:`~.summation_batch.Summation`, its
#: request), declared once.
SUMMATION_CHECKS = dict(
    trains=InstanceOf(SpikeTrains),
    connections=MappingOf(
        Unchecked("(i, j, q) per kind: checked in the body"), keys=Options(*KINDS)
    ),
    n_targets=COUNT,
    neuron=InstanceOf(LIFParameters),
    tau_syn=QuantityOf("ms", POSITIVE, example="5*ms"),
    E_exc=QuantityOf("mV", example="0*mV"),
    E_inh=QuantityOf("mV", example="-80*mV"),
    duration=_TIME,
    t_start=QuantityOf("ms", NON_NEGATIVE, example="50*ms"),
    dt=STEP,
    I_bias=[QuantityOf("nA", ndim=(0, 1), example="0.1*nA"), None],
    can_fire=[ArrayOf(1, dtype=None), None],
    record=ListOf(Interval(0, None, integer=True), min_len=0),
    record_dt=[STEP, None],
    seed=SEED,
)


@validate(**SUMMATION_CHECKS)
def simulate_summation(
    trains: SpikeTrains,
    connections: dict,
    n_targets: int,
    *,
    neuron: LIFParameters,
    tau_syn,
    E_exc,
    E_inh,
    duration,
    t_start,
    dt=0.1 * ms,
    I_bias=None,
    can_fire=None,
    record=(),
    record_dt=None,
    seed: int = 0,
) -> SummationResult:
    """Drive ``n_targets`` LIF neurons through synapses from ``trains``; one run.

    Parameters
    ----------
    trains : SpikeTrains
        The presynaptic spikes.
    connections : dict
        ``kind -> (i, j, q)``: source ``i[k]`` connects to target ``j[k]`` through a
        synapse of ``kind`` (one of :data:`KINDS`) carrying the charge ``q[k]`` (a signed
        quantity in amp*second, the weight) per spike.
    neuron : LIFParameters
        Scalar parameters (``R``, ``tau_m``, ``E_L``, ``V_th``, ``V_reset``, ``t_ref``).
    tau_syn, E_exc, E_inh :
        Synaptic time constant and reversal potentials of conductance synapses.
    duration, t_start, dt :
        Run length, start of the measuring window, time step.
    I_bias : quantity array (amp) per target, default 0
        A constant current (the unit's bias).
    can_fire : bool array per target, default all True
        Targets with False have no threshold (the free, subthreshold membrane).
    record, record_dt :
        Targets whose ``v - E_L`` is recorded, and the sampling step.
    """
    owner = "simulate_summation"
    n = n_targets
    steps = check_steps(duration, dt, owner)
    start = check_steps(t_start, dt, owner, "t_start") if float(t_start / second) > 0 else 0
    if start >= steps:
        raise param_error("t_start", owner, f"before the end of the run ({duration})", t_start)
    if not (float(E_exc / mV) > float(neuron.E_L / mV) > float(E_inh / mV)):
        raise param_error("E_exc", owner, "above E_L, with E_inh below E_L", (E_exc, E_inh))
    bias = np.zeros(n) if I_bias is None else np.broadcast_to(np.asarray(I_bias / amp), (n,))
    fires = np.ones(n) if can_fire is None else np.asarray(can_fire, dtype=float)
    record = np.asarray(record, dtype=np.int64)

    pathways = []  # (label, target variable, i, j, jump in SI)
    for kind, (i, j, q) in connections.items():
        i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
        q = np.asarray(q / (amp * second), dtype=float)
        if not (i.shape == j.shape == q.shape):
            raise param_error("connections", owner, "i, j and q of equal length", kind)
        tau = float(tau_syn / second)
        if kind == "current":
            pathways.append(("current", "I_syn", i, j, q / tau))
        else:
            for label, var, sign, E in (("exc", "g_e", q > 0, E_exc), ("inh", "g_i", q < 0, E_inh)):
                drive = abs(float((E - neuron.E_L) / mV)) * 1e-3
                pathways.append((label, var, i[sign], j[sign], np.abs(q[sign]) / (tau * drive)))

    with Engine(dt=dt, seed=seed, name="summation", owner=owner) as engine:
        group = engine.neuron_group(
            n,
            _MODEL,
            label="targets",
            threshold="can_fire > 0.5 and v > V_th",
            reset="v = V_reset",
            refractory="t_ref",
            method="exponential_euler",
        )
        group.v = neuron.E_L
        group.I_bias = bias * amp
        group.can_fire = fires
        source = engine.spike_generator(
            trains.n_sources, trains.indices, trains.times * second, label="fibres"
        )
        for label, var, i, j, jump in pathways:
            if i.size == 0:
                continue
            syn = engine.synapses(
                source,
                group,
                label=label,
                model=f"jump : {_SI[var]} (constant)",
                on_pre=f"{var}_post += jump",
                i=i,
                j=j,
            )
            syn.jump_ = jump
        spikes = engine.spike_monitor(group, label="spikes")
        traces = None
        if record.size:
            traces = engine.state_monitor(
                group, "v", label="traces", record=record, dt=record_dt or dt
            )
        engine.namespace.update(neuron.namespace())
        engine.namespace.update(tau_syn=tau_syn, E_exc=E_exc, E_inh=E_inh, t_start=start * dt)
        engine.run(steps * dt)
        acc = engine.values(group, "v_acc")
        times, index = engine.spikes(spikes)
        if traces is not None:
            trace_t = engine.times(traces)
            trace_v = engine.states(traces, "v") - float(neuron.E_L / mV) * 1e-3
        else:
            trace_t, trace_v = np.zeros(0), np.zeros((0, 0))
    window = (steps - start) * float(dt / second)
    counts = np.bincount(index[times >= start * float(dt / second) - 1e-12], minlength=n)
    return SummationResult(acc / window, counts, window, trace_t, trace_v)


#: Brian2 unit names of the synaptic target variables (the jump is stored in SI).
_SI = {"I_syn": "amp", "g_e": "siemens", "g_i": "siemens"}


# -- the summation test: wiring and measures ------------------------------------------------
def alone_and_together(sources, charge, first_target: int = 0):
    """Connections that drive each input alone and all inputs together.

    Pattern ``p``'s input ``k`` reaches target ``first_target + p (K + 1) + k`` alone and
    target ``first_target + p (K + 1) + K`` together with the others, through the same
    presynaptic fibres (``sources[p, k]``), each carrying ``charge[k]`` per spike.

    Parameters
    ----------
    sources : int array (P, K, F)
        Source index of fibre ``f`` of input ``k`` in pattern ``p``.
    charge : array (K,)
        Charge per spike of each input (C; the weight).
    first_target : int, default 0

    Returns
    -------
    i, j, q : arrays (2 P K F,)
        Source, target and charge (C, plain floats) of every connection, pattern-major.
    """
    owner = "alone_and_together"
    sources = check_array(sources, "sources", owner, ndim=3, dtype=np.int64)
    n_patterns, n_inputs, n_fibres = sources.shape
    charge = check_array(charge, "charge", owner, shape=(n_inputs,))
    first = check_int(first_target, "first_target", owner, low=0)
    i, j, q = [], [], []
    for pattern in range(n_patterns):
        base = first + pattern * (n_inputs + 1)
        for k in range(n_inputs):
            for target in (base + k, base + n_inputs):
                i.append(sources[pattern, k])
                j.append(np.full(n_fibres, target))
                q.append(np.full(n_fibres, charge[k]))
    return np.concatenate(i), np.concatenate(j), np.concatenate(q)


def all_together(sources, charge, first_target: int = 0):
    """Connections that drive target ``first_target + s`` with every input of sample ``s``.

    ``sources`` is (S, K, F) as in :func:`alone_and_together`; returns ``i, j, q``
    (S K F,), sample-major.
    """
    owner = "all_together"
    sources = check_array(sources, "sources", owner, ndim=3, dtype=np.int64)
    n_samples, n_inputs, n_fibres = sources.shape
    charge = check_array(charge, "charge", owner, shape=(n_inputs,))
    first = check_int(first_target, "first_target", owner, low=0)
    i, j, q = [], [], []
    for sample in range(n_samples):
        for k in range(n_inputs):
            i.append(sources[sample, k])
            j.append(np.full(n_fibres, first + sample))
            q.append(np.full(n_fibres, charge[k]))
    return np.concatenate(i), np.concatenate(j), np.concatenate(q)


@validate(together=ArrayOf(1), alone_sum=ArrayOf(1))
def summation_gain(together, alone_sum) -> float:
    """Least-squares slope through the origin of ``together`` against ``alone_sum``.

    1 is linear summation (together = sum of alone), below 1 sublinear; NaN when every
    sum of alone is 0.
    """
    if alone_sum.shape != together.shape:
        raise param_error("alone_sum", "summation_gain", f"{together.size} values", alone_sum)
    norm = float(np.dot(alone_sum, alone_sum))
    return float(np.dot(together, alone_sum) / norm) if norm > 0 else float("nan")


@validate(g=ArrayOf(values=NON_NEGATIVE), drive=ArrayOf(), g_L=POSITIVE)
def shunted_depolarisation(g, drive, g_L):
    """Steady depolarisation under constant conductances (the last axis sums inputs).

    ``v - E_L = sum_i g_i (E_i - E_L) / (g_L + sum_i g_i)`` (Koch 1999, ch. 1; Dayan &
    Abbott 2001, eq. 5.22): each conductance ``g_i`` pulls towards its reversal potential
    and shunts all the others. ``drive`` is ``E_i - E_L`` (any voltage unit: the result
    is in the same), ``g`` and ``g_L`` in one conductance unit.
    """
    return (g * drive).sum(axis=-1) / (g_L + g.sum(axis=-1))


@validate(
    trains=InstanceOf(SpikeTrains),
    sources=ArrayOf(dtype=int, values=NON_NEGATIVE),
    charge=ArrayOf(),
    drive_mV=ArrayOf(),
    t_start=Interval(),
    window=POSITIVE,
)
def mean_conductances(trains: SpikeTrains, sources, charge, drive_mV, *, t_start, window):
    """Mean conductance (S) of the synapses of each input in ``[t_start, t_start + window)``.

    A conductance synapse matched at rest (jump ``|q| / (tau_syn |E_syn - E_L|)``,
    decaying with ``tau_syn``) has the mean conductance ``|q| / |E_syn - E_L|`` times its
    spike rate, whatever ``tau_syn``: summed here over the fibres of each input.

    Parameters
    ----------
    trains : SpikeTrains
    sources : int array (..., F)
        The fibres of each input (the last axis is summed).
    charge : array
        Charge per spike (C) of each input, broadcast against ``sources[..., 0]``.
    drive_mV : array
        ``E_syn - E_L`` of each input (mV), broadcast like ``charge``.
    t_start, window : float
        The counting window (s); spikes at ``t_start`` count.
    """
    owner = "mean_conductances"
    if sources.max() >= trains.n_sources:
        raise param_error("sources", owner, f"fibres 0 ... {trains.n_sources - 1}", sources)
    drive = drive_mV
    if np.any(drive == 0):
        raise param_error("drive_mV", owner, "driving forces E_syn - E_L != 0", drive)
    start = t_start
    times = trains.times
    in_window = (times >= start - 1e-12) & (times < start + window - 1e-12)
    counts = np.bincount(trains.indices[in_window], minlength=trains.n_sources)
    per_spike = np.abs(charge) / (np.abs(drive) * 1e-3) / window  # S per (spike/window)
    return counts[sources].sum(axis=-1) * per_spike


@dataclass(frozen=True)
class SummationDesign:
    """Targets and connections of :func:`summation_design`, ready for :func:`simulate_summation`.

    Attributes
    ----------
    connections : dict
        ``kind -> (i, j, q)``, ``q`` a quantity (amp * second).
    n_targets : int
    first_firing : int
        Targets from here on are the firing ones (one per sample); those before it
        are the summation test's, held subthreshold: kind-major (current, then
        conductance), then pattern, then each input alone and all together.
    """

    connections: dict
    n_targets: int
    first_firing: int

    @property
    def can_fire(self) -> np.ndarray:
        """Which targets have a threshold (the firing ones)."""
        return np.arange(self.n_targets) >= self.first_firing


@validate(patterns=_FIBRES, samples=_FIBRES, charge=ArrayOf(1))
def summation_design(patterns, samples, charge) -> SummationDesign:
    """The summation test with both synapse kinds, then one firing target per sample.

    ``patterns`` (P, K, F) and ``samples`` (S, K, F) hold the fibres of each input;
    every pattern drives ``K + 1`` targets through current synapses and ``K + 1``
    through conductance synapses (:func:`alone_and_together`), every sample one target
    through current synapses (:func:`all_together`), each fibre carrying ``charge[k]``
    (C) per spike.
    """
    n_patterns, n_inputs, _ = patterns.shape
    per = n_inputs + 1
    first_firing = 2 * n_patterns * per
    current = [
        alone_and_together(patterns, charge),
        all_together(samples, charge, first_firing),
    ]
    connections = {
        "current": tuple(np.concatenate(parts) for parts in zip(*current)),
        "conductance": alone_and_together(patterns, charge, n_patterns * per),
    }
    connections = {kind: (i, j, q * amp * second) for kind, (i, j, q) in connections.items()}
    return SummationDesign(connections, first_firing + len(samples), first_firing)
