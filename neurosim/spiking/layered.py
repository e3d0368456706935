"""Layered networks of integrate-and-fire neurons in blocks, built and run by the engine.

The spiking half of :func:`neurosim.bridge.convert.simulate_converted`: one
``NeuronGroup`` per layer (per-neuron drive, leak, time constant, refractory period
and reset mode), fixed synapses that make ``v`` jump, optional Poisson inputs into the
first layer, spike monitors on every layer and the output layer's potential sampled
every ``readout_every``. Neurons are in threshold units (``v = 0`` at rest, 1 at
threshold)::

    dv/dt = -leak * v / tau_m + drive : 1 (unless refractory)

Everything is built inside one :class:`~neurosim.spiking.engine.Engine`; only plain
arrays come out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.spiking.engine import Engine
from neurosim.units import Hz, second

__all__ = ["LayeredRun", "run_layered"]

MODEL = """dv/dt = -leak * v / tau_m + drive : 1 (unless refractory)
drive : Hz (constant)
leak : 1 (constant)
tau_m : second (constant)
t_ref : second (constant)
subtract : 1 (constant)"""


@dataclass(frozen=True)
class LayeredRun:
    """Plain arrays of one run of :func:`run_layered`.

    ``spikes[l]`` is ``(times in s, neuron index)`` of layer ``l + 1``; ``input_spikes``
    the same for the Poisson inputs (or None); ``readout_v`` the output layer's ``v`` at
    ``0, readout_every, ...``, shape ``(n_samples, n_output_neurons)``; ``final_v`` the
    output layer's ``v`` at the end of the run.
    """

    spikes: list
    input_spikes: tuple | None
    readout_v: np.ndarray
    final_v: np.ndarray


def run_layered(
    layers,
    connections,
    duration,
    *,
    dt,
    readout_every,
    seed=0,
    target=None,
    input_rates=None,
    owner="run_layered",
) -> LayeredRun:
    """Build and run a layered network once.

    Parameters
    ----------
    layers : list of dict
        Per layer: arrays ``drive`` (Hz), ``leak``, ``tau_m`` (s), ``t_ref`` (s) and
        ``subtract`` (1: reset by subtraction, 0: to zero), one value per neuron.
    connections : list of (pre, post, i, j, w)
        Fixed synapses from layer ``pre`` (``-1``: the Poisson inputs) to layer ``post``
        (0-based), pre neuron ``i`` to post neuron ``j``, jump ``w`` in thresholds.
    duration, dt, readout_every : Quantity
    seed : int
        Seed of the Poisson inputs.
    target : str or None
        Code-generation target.
    input_rates : Quantity or None
        Rates of the Poisson inputs (one per input neuron), if any.
    """
    with Engine(dt=dt, seed=seed, target=target, name="converted", owner=owner) as engine:
        groups = []
        for k, layer in enumerate(layers):
            group = engine.neuron_group(
                len(layer["drive"]),
                MODEL,
                label=f"layer{k + 1}",
                threshold="v >= 1",
                reset="v = (v - 1) * subtract",
                refractory="t_ref",
                method="euler",
            )
            group.drive = layer["drive"] * Hz
            group.leak = layer["leak"]
            group.tau_m = layer["tau_m"] * second
            group.t_ref = layer["t_ref"] * second
            group.subtract = layer["subtract"]
            groups.append(group)
        source = None
        if input_rates is not None:
            source = engine.poisson_group(input_rates, label="input_poisson")
        for pre, post, i, j, w in connections:
            syn = engine.synapses(
                source if pre < 0 else groups[pre],
                groups[post],
                label=f"synapses{pre + 1}_{post + 1}",
                model="w : 1 (constant)",
                on_pre="v_post += w",
                i=i,
                j=j,
            )
            syn.w = w
        monitors = [engine.spike_monitor(g, label=f"spikes{k + 1}") for k, g in enumerate(groups)]
        input_monitor = None
        if source is not None:
            input_monitor = engine.spike_monitor(source, label="spikes0")
        # when="start": sample k is the state at time k * readout_every, after every step
        # before it (its spikes counted, its resets done); the state at the end of the run
        # is read from the group itself
        readout = engine.state_monitor(
            groups[-1], "v", label="readout_v", dt=readout_every, when="start"
        )
        engine.run(duration)
        return LayeredRun(
            spikes=[engine.spikes(mon) for mon in monitors],
            input_spikes=None if input_monitor is None else engine.spikes(input_monitor),
            readout_v=engine.states(readout, "v").T,
            final_v=engine.values(groups[-1], "v"),
        )
