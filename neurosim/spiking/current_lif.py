"""Layers of LIF neurons with current-based synapses, fed by spike trains, run by the engine.

Every neuron, in threshold units (rest 0, threshold 1, currents in units of the
rheobase)::

    du/dt = (-u + I) / tau_m : 1
    dI/dt = -I / tau_s : 1

A presynaptic spike makes ``I`` jump by the synapse's weight (``on_pre: I_post += w``).
A spiking layer fires when ``u > 1`` and resets ``u`` to 0; a readout layer has no
threshold (a leaky integrator whose potential is read). Brian2 integrates the linear
equations exactly (``method="exact"``) and runs each step in its fixed order: state
update, thresholds, synaptic spikes, resets. Input spikes come from one
``SpikeGeneratorGroup``; a spike given for step ``n`` is emitted at ``n dt``.

The same network in numpy is :class:`neurosim.artificial.surrogate.SurrogateSNN`, whose
one-step update is this one written out; this module never imports it (the spiking side
does not know the artificial one). Like :func:`~neurosim.spiking.layered.run_layered`,
the samples of a data set are blocks of neurons of one group and every connection is
given as ``(pre, post, i, j, w)``: one engine, one run, plain arrays out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.validation import check_array, check_int, param_error
from neurosim.spiking.engine import Engine, check_cost
from neurosim.units import check_quantity, second

__all__ = ["MODEL", "CurrentLIFRun", "run_current_lif"]

MODEL = """du/dt = (-u + I) / tau_m : 1
dI/dt = -I / tau_s : 1"""


@dataclass(frozen=True)
class CurrentLIFRun:
    """Plain arrays of one :func:`run_current_lif` run.

    ``spikes[l]`` is ``(step, neuron index)`` of every spike of layer ``l`` (int arrays;
    readout layers have none); ``potentials[l]`` is layer ``l``'s ``u`` at the end of
    every step, shape ``(n_steps, n_neurons)`` (after resets), for the layers recorded.
    """

    spikes: list
    potentials: dict


def run_current_lif(
    n_inputs: int,
    input_spikes,
    layers,
    connections,
    *,
    n_steps: int,
    dt,
    tau_mem,
    tau_syn,
    record=(),
    target=None,
    owner: str = "run_current_lif",
) -> CurrentLIFRun:
    """Build and run the network once.

    Parameters
    ----------
    n_inputs : int
        Neurons of the spike generator (all blocks together).
    input_spikes : (indices, steps)
        Input neuron ``indices[k]`` spikes in step ``steps[k]`` (at ``steps[k] * dt``).
    layers : list of (n_neurons, spiking)
        Layer sizes (all blocks together); ``spiking=False`` makes a readout layer.
    connections : list of (pre, post, i, j, w)
        Synapses from layer ``pre`` (``-1``: the inputs) to layer ``post``, neuron ``i``
        to ``j``, current jump ``w`` (rheobase units).
    n_steps : int
        Steps to run.
    dt, tau_mem, tau_syn : Quantity (time)
        Time step; membrane and synaptic time constants (different from each other: the
        exact solution Brian2 derives divides by their difference).
    record : sequence of int
        Layers whose potential ``u`` is recorded at the end of every step.
    target : str or None
        Code-generation target.
    """
    n_inputs = check_int(n_inputs, "n_inputs", owner, low=1)
    n_steps = check_int(n_steps, "n_steps", owner, low=1)
    check_quantity(dt, "dt", owner, second, positive=True, scalar=True, example="1*ms")
    check_quantity(tau_mem, "tau_mem", owner, second, positive=True, scalar=True, example="10*ms")
    check_quantity(tau_syn, "tau_syn", owner, second, positive=True, scalar=True, example="5*ms")
    if abs(float(tau_mem / tau_syn) - 1.0) < 1e-9:
        raise param_error(
            "tau_syn",
            owner,
            f"a time constant different from tau_mem ({tau_mem})",
            tau_syn,
            "Brian2's exact solution of the two linear equations divides by their difference.",
        )
    indices, steps = (np.asarray(a) for a in input_spikes)
    indices = check_array(indices, "input_spikes[0]", owner, ndim=1, min_size=0, dtype=np.int64)
    steps = check_array(
        steps, "input_spikes[1]", owner, shape=indices.shape, min_size=0, dtype=np.int64
    )
    if indices.size and (indices.min() < 0 or indices.max() >= n_inputs):
        raise param_error("input_spikes", owner, f"input indices in 0..{n_inputs - 1}", indices)
    if steps.size and (steps.min() < 0 or steps.max() >= n_steps):
        raise param_error("input_spikes", owner, f"steps in 0..{n_steps - 1}", steps)
    check_cost(n_steps, sum(int(n) for n, _ in layers), owner)
    with Engine(dt=dt, target=target, name="current_lif", owner=owner) as engine:
        engine.namespace.update({"tau_m": tau_mem, "tau_s": tau_syn})
        source = engine.spike_generator(n_inputs, indices, steps * dt, label="inputs")
        groups, monitors = [], []
        for k, (n, spiking) in enumerate(layers):
            group = engine.neuron_group(
                n,
                MODEL,
                label=f"layer{k}",
                threshold="u > 1" if spiking else None,
                reset="u = 0" if spiking else None,
                method="exact",
            )
            groups.append(group)
            monitors.append(engine.spike_monitor(group, label=f"spikes{k}") if spiking else None)
        for pre, post, i, j, w in connections:
            syn = engine.synapses(
                source if pre < 0 else groups[pre],
                groups[post],
                label=f"synapses{pre + 1}_{post}",
                model="w : 1 (constant)",
                on_pre="I_post += w",
                i=i,
                j=j,
            )
            syn.w = np.asarray(w, dtype=float)
        # when="end": sample n is the state after every update of step n
        states = {
            k: engine.state_monitor(groups[k], "u", label=f"u{k}", when="end") for k in record
        }
        engine.run(n_steps * dt)
        dt_s = float(dt / second)
        spikes = []
        for mon in monitors:
            if mon is None:
                spikes.append((np.zeros(0, np.int64), np.zeros(0, np.int64)))
                continue
            t, i = engine.spikes(mon)
            spikes.append((np.round(t / dt_s).astype(np.int64), i))
        potentials = {k: engine.states(mon, "u").T for k, mon in states.items()}
    return CurrentLIFRun(spikes=spikes, potentials=potentials)
