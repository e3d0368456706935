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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.validation import check_int, param_error
from neurosim.spiking.engine import Engine, check_steps
from neurosim.spiking.neurons import LIFParameters
from neurosim.units import amp, check_quantity, ms, mV, second

__all__ = ["KINDS", "SpikeTrains", "SummationResult", "poisson_fibres", "simulate_summation"]

#: Synapse kinds understood by :func:`simulate_summation`.
KINDS = ("current", "conductance")


@dataclass(frozen=True)
class SpikeTrains:
    """Presynaptic spikes: source ``indices[k]`` spikes at ``times[k]`` (s)."""

    n_sources: int
    indices: np.ndarray
    times: np.ndarray

    def counts(self) -> np.ndarray:
        """Spikes per source."""
        return np.bincount(self.indices, minlength=self.n_sources)


def poisson_fibres(rates_Hz, duration, dt, rng: np.random.Generator) -> SpikeTrains:
    """Independent Poisson trains, one per entry of ``rates_Hz``, on the time grid ``dt``.

    Each source gets a Poisson number of spikes placed in uniformly drawn time steps;
    two spikes of one source in the same step count once (at ``rate * dt <= 0.01`` this
    loses under 0.5 % of the spikes; the trains returned are the ones simulated).
    """
    rates = np.asarray(rates_Hz, dtype=float)
    if rates.ndim != 1 or np.any(rates < 0) or not np.all(np.isfinite(rates)):
        raise param_error("rates_Hz", "poisson_fibres", "a 1-D array of rates >= 0", rates)
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
    n = check_int(n_targets, "n_targets", owner, low=1)
    check_quantity(tau_syn, "tau_syn", owner, second, positive=True, scalar=True)
    check_quantity(E_exc, "E_exc", owner, mV, scalar=True)
    check_quantity(E_inh, "E_inh", owner, mV, scalar=True)
    steps = check_steps(duration, dt, owner)
    start = check_steps(t_start, dt, owner, "t_start") if float(t_start / second) > 0 else 0
    if start >= steps:
        raise param_error("t_start", owner, f"before the end of the run ({duration})", t_start)
    if not (float(E_exc / mV) > float(neuron.E_L / mV) > float(E_inh / mV)):
        raise param_error("E_exc", owner, "above E_L, with E_inh below E_L", (E_exc, E_inh))
    unknown = set(connections) - set(KINDS)
    if unknown:
        raise param_error("connections", owner, f"keyed by {KINDS}", sorted(unknown))
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
