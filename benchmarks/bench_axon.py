"""Speed of the Hodgkin-Huxley axons: one group for many cables, and the exprel trap.

Run from the project root::

    python benchmarks/bench_axon.py [--cables 16] [--repeats 3]

(a) ``--cables`` squid axons (80 compartments, 0.2-ms pulse, 5 ms at dt = 10 us) as the
    branches of one ``SpatialNeuron`` (:func:`neurosim.spiking.axon.simulate_axons`),
    against two baselines: one ``SpatialNeuron`` per axon in the same network and run,
    and one run per axon (a loop of ``simulate_axons`` calls). All on the numpy target,
    warm (a first run is excluded); best of ``--repeats``.
(b) The same membrane written with Brian2's ``exprel`` (the textbook way to remove the
    0/0 of alpha_m and alpha_n) against ``exp`` (what neurosim uses), one group of the
    same cables: Brian2 2.9's numpy wrapper of ``exprel`` formats every result array
    into an unused error message.
"""

from __future__ import annotations

import argparse
import time

import brian2
import numpy as np

from neurosim.spiking.axon import Cable, length_constant, simulate_axons
from neurosim.spiking.engine import Engine
from neurosim.spiking.neurons.hh import HHParameters
from neurosim.units import metre, ms, uA, um

DURATION, DT = 5 * ms, 0.01 * ms


def _cables(n: int) -> list[Cable]:
    lam = float(length_constant(476 * um) / metre)
    return [Cable(476 * um, 8 * lam * metre, 80, ((0.1 * ms, 10 * uA),)) for _ in range(n)]


def _separate_groups(cables, params: HHParameters, rewrite=None) -> None:
    """The first baseline: one SpatialNeuron per cable, one network, one run."""
    steps = round(float(DURATION / DT))
    train = np.zeros(steps + 1)
    train[10:30] = 10e-6
    with Engine(dt=DT, name="bench") as engine:
        engine.namespace.update(params.namespace())
        stim = engine.timed_array(train[:, None] * brian2.amp, label="pulses")
        equations = params.cable_equations(stim)
        if rewrite is not None:
            equations = rewrite(equations)
        for k, c in enumerate(cables):
            morphology = brian2.Cylinder(diameter=c.diameter, length=c.length, n=c.compartments)
            neuron = engine.spatial_neuron(
                morphology,
                equations,
                label=f"cable{k}",
                Cm=params.C_m,
                Ri=params.R_i,
            )
            for name, value in params.initial_values().items():
                setattr(neuron, name, value)
            neuron.stim_site[0] = 1.0
            engine.state_monitor(neuron, "v", label=f"v{k}")
        engine.run(DURATION)


def _best(fn, repeats: int) -> float:
    fn()  # warm: imports, caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cables", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    params = HHParameters()
    cables = _cables(args.cables)

    one_group = _best(
        lambda: simulate_axons(cables, params, duration=DURATION, dt=DT), args.repeats
    )
    separate = _best(lambda: _separate_groups(cables, params), args.repeats)
    loop = _best(
        lambda: [simulate_axons([c], params, duration=DURATION, dt=DT) for c in cables],
        args.repeats,
    )
    print(f"(a) {args.cables} squid axons x 80 compartments, 5 ms at dt 10 us, numpy target")
    print(f"    one SpatialNeuron, axons as branches:   {one_group:7.2f} s")
    print(
        f"    one SpatialNeuron per axon (baseline):  {separate:7.2f} s  ({separate / one_group:.1f}x)"
    )
    print(f"    one run per axon (baseline):            {loop:7.2f} s  ({loop / one_group:.1f}x)")

    def textbook(equations: str) -> str:
        out = equations.replace(
            "alpha_m = 0.1*(25 - u + eps_u)/(exp((25 - u + eps_u)/10) - 1)/ms : Hz",
            "alpha_m = 1/exprel((25 - u)/10)/ms : Hz",
        ).replace(
            "alpha_n = 0.01*(10 - u + eps_u)/(exp((10 - u + eps_u)/10) - 1)/ms : Hz",
            "alpha_n = 0.1/exprel((10 - u)/10)/ms : Hz",
        )
        if out.count("exprel") != 2:
            raise RuntimeError("the HH equations changed: update the exprel variant")
        return out

    few = cables[:4]
    with_exp = _best(lambda: _separate_groups(few, params), args.repeats)
    with_exprel = _best(lambda: _separate_groups(few, params, textbook), args.repeats)
    print("(b) 4 axons as separate groups, rates written with exp vs exprel")
    print(f"    exp (neurosim):                         {with_exp:7.2f} s")
    print(
        f"    exprel (baseline):                      {with_exprel:7.2f} s  "
        f"({with_exprel / with_exp:.1f}x)"
    )


if __name__ == "__main__":
    main()
