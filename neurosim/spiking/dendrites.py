# ruff: noqa: RUF009  (``quantity_field`` is dataclasses.field with a default_factory)
"""A soma with thin dendritic branches, AMPA and magnesium-blocked NMDA synapses.

Each neuron is one soma and ``B`` branches, every branch one compartment joined to the
soma by an axial conductance (a "ball and sticks" reduced to one compartment per
stick). All compartments are variables of one neuron of one ``NeuronGroup``; the
samples of a batch are its neurons, so a batch is one engine run::

    C_s dV/dt   = g_Ls (E_L - V) + sum_k g_ax (V_k - V)
    C_b dV_k/dt = g_Lb (E_L - V_k) + g_ax (V - V_k)
                  + [g_A,k + nmda_on g_N,k B(V_k)] (E_exc - V_k)
    dg_A,k/dt = -g_A,k / tau_AMPA,      dg_N,k/dt = -g_N,k / tau_NMDA

An activated synapse on branch ``k`` adds ``g_ampa`` to ``g_A,k`` and ``g_nmda`` to
``g_N,k`` (instantaneous rise, exponential decay). The NMDA conductance is blocked by
extracellular magnesium (Jahr & Stevens 1990, J Neurosci 10:3178):

    B(V) = 1 / (1 + [Mg] / 3.57 mM * exp(-0.062 V / mV))

which opens steeply with depolarisation: at 1 mM, 4.4 % of the conductance is open at
-70 mV and 51 % at -20 mV. A handful of synapses on one thin branch depolarise it enough
to unblock its NMDA receptors, which depolarise it further: a regenerative NMDA spike
(plateau) local to that branch (Schiller et al. 2000, Nature 404:285). The same synapses
spread over several branches stay below that threshold. Without NMDA (``nmda_on = 0``)
the dendrite is passive and the synapses' only nonlinearity is their driving force
``E_exc - V_k``.

The soma has no spike threshold: a neuron's answer is the peak of its somatic
depolarisation. Forward Euler: the fastest time constant, ``C_b`` over a branch's total
conductance, stays above 1 ms for the defaults even at the peak of an NMDA spike; at
dt = 0.2 ms the peaks lie within 1.5 % of those at dt = 0.02 ms (the fast AMPA decay
sets the error; tests/spiking/test_dendrites.py checks 3 %).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from neurosim.core.constraints import (
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    Options,
    QuantityOf,
    validate,
)
from neurosim.core.validation import check_array, check_int, param_error
from neurosim.spiking.backend import TARGETS
from neurosim.spiking.engine import Engine, check_cost, check_steps
from neurosim.spiking.neurons.base import NeuronParameters, quantity_fields
from neurosim.stimuli.volleys import BranchVolleys
from neurosim.units import Quantity, ms, mV, quantity_field, second, volt

__all__ = [
    "MG_HALF_BLOCK_MM",
    "MG_SLOPE_PER_MV",
    "BranchedNeuronParameters",
    "BranchedResult",
    "branched_equations",
    "mg_block",
    "simulate_branched",
]

#: Jahr & Stevens (1990): the NMDA conductance is scaled by 1 / (1 + [Mg] / 3.57 mM *
#: exp(-0.062 V / mV)).
MG_HALF_BLOCK_MM = 3.57
MG_SLOPE_PER_MV = 0.062


@validate(v=QuantityOf("mV", ndim=None, example="-70*mV"), mg_mM=NON_NEGATIVE)
def mg_block(v, mg_mM: float = 1.0) -> np.ndarray:
    """Open fraction of the NMDA conductance at membrane potential ``v`` (Jahr & Stevens 1990).

    Parameters
    ----------
    v : Quantity
        Membrane potential (volt), scalar or array.
    mg_mM : float, default 1.0
        Extracellular magnesium concentration in mM (>= 0).

    Returns
    -------
    ndarray
        ``1 / (1 + mg_mM / 3.57 * exp(-0.062 * v / mV))``, between 0 and 1.
    """
    mg = mg_mM
    v_mV = np.asarray(v / mV, dtype=float)
    return 1.0 / (1.0 + mg / MG_HALF_BLOCK_MM * np.exp(-MG_SLOPE_PER_MV * v_mV))


def branched_equations(n_branches: int) -> str:
    """The Brian2 equations of a soma ``v`` with ``n_branches`` branches ``v_0, v_1, ...``.

    Per branch: potential ``v_k``, AMPA and NMDA conductances ``gA_k`` and ``gN_k`` and
    the NMDA open fraction ``mg_k`` (the closed form of :func:`mg_block`). ``nmda_on``
    (0 or 1) is a per-neuron constant.
    """
    b = check_int(n_branches, "n_branches", "branched_equations", low=1)
    axial = " + ".join(f"(v_{k} - v)" for k in range(b))
    lines = [f"dv/dt = (g_L_soma*(E_L - v) + g_axial*({axial}))/C_soma : volt"]
    for k in range(b):
        lines += [
            f"dv_{k}/dt = (g_L_branch*(E_L - v_{k}) + g_axial*(v - v_{k})"
            f" + (gA_{k} + nmda_on*gN_{k}*mg_{k})*(E_exc - v_{k}))/C_branch : volt",
            f"mg_{k} = 1/(1 + mg_ratio*exp(-mg_slope*v_{k})) : 1",
            f"dgA_{k}/dt = -gA_{k}/tau_ampa : siemens",
            f"dgN_{k}/dt = -gN_{k}/tau_nmda : siemens",
        ]
    lines.append("nmda_on : 1 (constant)")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, eq=False)
class BranchedNeuronParameters(NeuronParameters):
    """A passive soma with one-compartment branches; AMPA and NMDA synapses on the branches.

    The defaults describe a small pyramidal-like cell: a soma (with its proximal
    dendrites) of 200 pF and 10 nS (time constant 20 ms), and thin branches of 20 pF
    and 1 nS (20 ms; about 2000 um^2 of membrane at 1 uF/cm^2), each joined to the soma
    by 5 nS (the axial resistance of ~100 um of a 1-um dendrite at 150 ohm cm is 190
    MOhm). An activated synapse opens 0.2 nS of AMPA conductance (decay 2 ms) and 1 nS
    of NMDA conductance (decay 50 ms; 0.044 nS of it open at rest in 1 mM Mg).

    Parameters
    ----------
    C_soma, g_L_soma : Quantity, default 200*pF, 10*nS
        Soma capacitance and leak conductance.
    C_branch, g_L_branch : Quantity, default 20*pF, 1*nS
        Capacitance and leak conductance of one branch.
    g_axial : Quantity, default 5*nS
        Conductance between a branch and the soma.
    E_L, E_exc : Quantity, default -70*mV, 0*mV
        Leak and excitatory reversal potentials.
    tau_ampa, tau_nmda : Quantity, default 2*ms, 50*ms
        Decay times of the synaptic conductances.
    g_ampa, g_nmda : Quantity, default 0.2*nS, 1*nS
        Peak AMPA and NMDA conductance opened by one activated synapse (NMDA before
        the magnesium block).
    mg_mM : float, default 1.0
        Extracellular magnesium concentration (mM; 0 removes the block).
    """

    C_soma: Quantity = quantity_field(200, "pF", "soma capacitance", sign="positive")
    g_L_soma: Quantity = quantity_field(10, "nS", "soma leak conductance", sign="positive")
    C_branch: Quantity = quantity_field(20, "pF", "capacitance of one branch", sign="positive")
    g_L_branch: Quantity = quantity_field(
        1, "nS", "leak conductance of one branch", sign="positive"
    )
    g_axial: Quantity = quantity_field(
        5, "nS", "conductance between a branch and the soma", sign="positive"
    )
    E_L: Quantity = quantity_field(-70, "mV", "resting (leak reversal) potential")
    E_exc: Quantity = quantity_field(0, "mV", "reversal potential of AMPA and NMDA synapses")
    tau_ampa: Quantity = quantity_field(
        2, "ms", "decay time of the AMPA conductance", sign="positive"
    )
    tau_nmda: Quantity = quantity_field(
        50, "ms", "decay time of the NMDA conductance", sign="positive"
    )
    g_ampa: Quantity = quantity_field(
        0.2, "nS", "AMPA conductance opened by one synapse", sign="nonnegative"
    )
    g_nmda: Quantity = quantity_field(
        1, "nS", "NMDA conductance opened by one synapse (unblocked)", sign="nonnegative"
    )
    mg_mM: float = field(default=1.0, metadata={"constraint": NON_NEGATIVE})

    def _check_relations(self) -> None:
        owner = type(self).__name__
        mg = type(self).__dataclass_fields__["mg_mM"]  # its declared constraint
        mg.metadata["constraint"].check(self.mg_mM, "mg_mM", owner)
        for f in quantity_fields(type(self)):
            if np.ndim(getattr(self, f.name)) != 0:
                raise param_error(f.name, owner, "a scalar quantity", getattr(self, f.name))
        self._require_below("E_L", "E_exc", "excitatory synapses depolarise")

    def namespace(self) -> dict:
        """The model's constants for Brian2 (``mg_ratio`` = [Mg] / 3.57 mM, ``mg_slope``)."""
        out = super().namespace()
        out["mg_ratio"] = self.mg_mM / MG_HALF_BLOCK_MM
        out["mg_slope"] = MG_SLOPE_PER_MV / mV
        return out

    def initial_values(self, n_branches: int) -> dict:
        """At rest: every compartment at E_L, no open conductance."""
        values = {"v": self.E_L}
        values.update({f"v_{k}": self.E_L for k in range(n_branches)})
        return values


@dataclass(frozen=True)
class BranchedResult:
    """Plain arrays out of :func:`simulate_branched` (SI units: V, s).

    ``peak`` is the largest somatic depolarisation ``max_t V(t) - E_L`` of each sample
    and ``peak_time`` when it was reached; the traces are ``V - E_L`` of the recorded
    samples, soma ``(n_recorded, T)`` and branches ``(n_recorded, B, T)``.
    """

    peak: np.ndarray
    peak_time: np.ndarray
    trace_t: np.ndarray
    trace_soma: np.ndarray
    trace_branches: np.ndarray


@validate(
    params=InstanceOf(BranchedNeuronParameters),
    volleys=InstanceOf(BranchVolleys),
    nmda_on=ArrayOf(1, dtype=None),
    duration=QuantityOf("ms", POSITIVE, example="30*ms"),
    dt=QuantityOf("ms", POSITIVE, example="0.2*ms"),
    record=ListOf(Interval(0, None, integer=True), min_len=0),
    seed=SEED,
    target=[Options(*TARGETS), None],
)
def simulate_branched(
    params: BranchedNeuronParameters,
    volleys: BranchVolleys,
    *,
    nmda_on,
    duration,
    dt=0.2 * ms,
    record=(),
    seed: int = 0,
    target: str | None = None,
) -> BranchedResult:
    """Every sample of ``volleys`` as one branched neuron; one engine run.

    Parameters
    ----------
    params : BranchedNeuronParameters
        The cell and its synapses (scalars: every sample is the same cell).
    volleys : BranchVolleys
        The synaptic activations; its ``n_branches`` sets the morphology.
    nmda_on : array of bool, one per sample
        Whether the sample's synapses have NMDA receptors (False: AMPA only).
    duration, dt : Quantity
        Run length and time step (activations must fall on the grid).
    record : sequence of int
        Samples whose somatic and branch potentials are recorded.
    seed, target :
        Engine seed (the model has no noise) and code-generation target.
    """
    owner = "simulate_branched"
    n, b = volleys.n_samples, volleys.n_branches
    on = check_array(nmda_on, "nmda_on", owner, ndim=1, dtype=float)
    if on.size != n or not np.all((on == 0) | (on == 1)):
        raise param_error("nmda_on", owner, f"{n} values, each True or False", nmda_on)
    record = np.asarray(record, dtype=np.int64).ravel()
    if record.size and record.max() >= n:
        raise param_error("record", owner, f"sample indices in 0..{n - 1}", record)
    steps = check_steps(duration, dt, owner)
    dt_s = float(dt / second)
    if volleys.n_activations and volleys.time.max() >= steps * dt_s:
        raise param_error(
            "volleys",
            owner,
            f"activations before the end of the run ({duration})",
            volleys.time.max(),
        )
    off_grid = np.abs(volleys.time / dt_s - np.round(volleys.time / dt_s))
    if off_grid.size and off_grid.max() > 1e-6:
        raise param_error("volleys", owner, f"activation times on the grid dt = {dt}", volleys.time)
    check_cost(steps, n * (3 * b + 1), owner, recorded=1)

    with Engine(dt=dt, seed=seed, target=target, name="branched", owner=owner) as engine:
        engine.namespace.update(params.namespace())
        group = engine.neuron_group(n, branched_equations(b), label="cells", method="euler")
        for name, value in params.initial_values(b).items():
            setattr(group, name, value)
        group.nmda_on = on
        if volleys.n_activations:
            source = engine.spike_generator(
                volleys.n_activations,
                np.arange(volleys.n_activations),
                volleys.time * second,
                label="synapses_in",
            )
            on_pre = "\n".join(
                f"gA_{k}_post += g_ampa*int(branch == {k})\n"
                f"gN_{k}_post += g_nmda*int(branch == {k})"
                for k in range(b)
            )
            syn = engine.synapses(
                source,
                group,
                label="synapses",
                model="branch : integer (constant)",
                on_pre=on_pre,
                i=np.arange(volleys.n_activations),
                j=volleys.sample,
            )
            syn.branch = volleys.branch
        soma = engine.state_monitor(group, "v", label="soma", record=True)
        traces = None
        if record.size:
            names = ["v"] + [f"v_{k}" for k in range(b)]
            traces = engine.state_monitor(group, names, label="traces", record=record)
        engine.run(steps * dt)
        t = engine.times(soma)
        rest = float(params.E_L / volt)
        v = engine.states(soma, "v") - rest
        if traces is not None:
            trace_soma = engine.states(traces, "v") - rest
            trace_branches = np.stack(
                [engine.states(traces, f"v_{k}") - rest for k in range(b)], axis=1
            )
        else:
            trace_soma, trace_branches = np.zeros((0, t.size)), np.zeros((0, b, t.size))
    return BranchedResult(
        peak=v.max(axis=1),
        peak_time=t[np.argmax(v, axis=1)],
        trace_t=t,
        trace_soma=trace_soma,
        trace_branches=trace_branches,
    )
