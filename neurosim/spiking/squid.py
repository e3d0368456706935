"""Hodgkin & Huxley's squid giant axon, three protocols in two engine runs.

- **All-or-none**: a ladder of single 0.2-ms pulses into the sealed end of the squid
  axon (476 um); the pulse either reaches the far end at full height or dies out.
- **Velocity against diameter** (Hodgkin 1954, J Physiol 125:221): one strong pulse into
  axons of several diameters with the same membrane; the stimulus is scaled with the
  threshold, which grows as d^1.5 (the input conductance of a cable).
- **Refractoriness**: two strong pulses into the squid axon, the second after an interval.

Every cable is :data:`LENGTH_CONSTANTS` resting length constants long (velocities are
read between 1/4 and 3/4 of it, away from both ends). The squid cables have
:data:`PER_LAMBDA` compartments per length constant (the velocity within 1 % of
converged, tests/spiking/test_axon.py); the sweep uses one compartment length for all
diameters, ``1/sweep_resolution`` of the thinnest axon's length constant. The ladder and
the sweep are one engine run, the pairs (which need to run longer) another.

Times are given at 18.5 °C (HH 1952's propagation temperature) and scale with the rates
at other temperatures: the time step, the pulses' start and the intervals by
phi(18.5 °C)/phi(T), on the time step's grid; a pulse keeps its width and amplitude (a
brief pulse's threshold is set by its charge).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.spiking.axon import Cable, hh1952_velocity, length_constant, simulate_axons
from neurosim.spiking.neurons.hh import HHParameters
from neurosim.units import metre, ms, uA, um

__all__ = [
    "FAR",
    "LENGTH_CONSTANTS",
    "SQUID_UM",
    "STRONG_UA",
    "SquidRuns",
    "ladder_uA",
    "on_grid",
    "refractory_intervals_ms",
    "squid_runs",
]

#: The squid giant axon's diameter (HH 1952's radius 238 um).
SQUID_UM = 476.0
#: Cables are this many resting length constants long.
LENGTH_CONSTANTS = 8.0
#: Compartments per length constant of the squid cables.
PER_LAMBDA = 10
#: Where along the axon (fraction of its length) a pulse's arrival and peak are read.
FAR = 0.75
#: At 18.5 °C: time step, pulse width and start (ms).
DT_MS, WIDTH_MS, START_MS = 0.01, 0.2, 0.1
#: The strong pulse (uA) of the refractory test, and of the sweep at the squid's
#: diameter: about 3x the threshold of a 0.2-ms pulse (3-4 uA).
STRONG_UA = 10.0


def on_grid(value_ms: float, dt_ms: float) -> float:
    """``value_ms`` rounded to a whole number (at least 1) of steps ``dt_ms`` (ms)."""
    return max(1, round(value_ms / dt_ms)) * dt_ms


def ladder_uA(points: int, *, low=0.5, high=40.0, near=(3.0, 3.25, 3.5, 3.75, 4.0)):
    """Stimuli of the all-or-none ladder (uA at 18.5 °C): log-spaced from ``low`` to
    ``high``, with up to ``points - 2`` of the points ``near`` the threshold of a
    0.2-ms pulse (3-4 uA), rounded to 1 nA."""
    close = np.array(near[: max(0, min(len(near), points - 2))])
    spread = np.geomspace(low, high, max(2, points - close.size))
    return np.unique(np.round(np.concatenate([spread, close]), 3))


def refractory_intervals_ms(points: int, *, dense=(1.0, 3.0), late=(4.0, 5.0, 6.0)):
    """Intervals of the refractory test (ms at 18.5 °C): ``points`` in all, dense from 1
    to 3 ms, where the second pulse starts to travel, then 4, 5 and 6 ms (only 4 ms
    with fewer than 10 points)."""
    late = late if points >= 10 else late[:1]
    return np.concatenate([np.linspace(*dense, points - len(late)), late])


@dataclass(frozen=True)
class SquidRuns:
    """The recordings of :func:`squid_runs` (plain arrays inside, SI).

    Attributes
    ----------
    length : float
        Length of the squid cables (m).
    time_scale : float
        phi(18.5 °C) / phi(T): how much slower everything runs than at 18.5 °C.
    intervals_ms : ndarray
        The refractory test's intervals as run (scaled, on the time step's grid).
    reference_velocity : float
        HH 1952's estimate for the squid axon at this temperature (m/s).
    ladder, sweep, pairs : tuple of AxonRecording
        One per stimulus of the ladder, per diameter of the sweep, per interval.
    """

    length: float
    time_scale: float
    intervals_ms: np.ndarray
    reference_velocity: float
    ladder: tuple
    sweep: tuple
    pairs: tuple


def squid_runs(
    params: HHParameters,
    *,
    ladder,
    intervals,
    diameters_um,
    sweep_resolution: int,
    strong_uA: float = STRONG_UA,
    seed: int = 0,
) -> SquidRuns:
    """Run the three protocols on the membrane ``params``.

    Parameters
    ----------
    params : HHParameters
        Membrane, axoplasm and temperature.
    ladder : array of float
        Stimuli of the all-or-none ladder (uA), e.g. :func:`ladder_uA`.
    intervals : array of float
        Intervals of the refractory test at 18.5 °C (ms), e.g.
        :func:`refractory_intervals_ms`.
    diameters_um : sequence of float
        Diameters of the velocity sweep (um).
    sweep_resolution : int
        Compartments per length constant of the thinnest axon of the sweep.
    strong_uA : float, default :data:`STRONG_UA`
        The pulse of the refractory test, and of the sweep at the squid's diameter.
    seed : int, default 0
        Engine seed (the model is deterministic).
    """
    slow = HHParameters().phi / params.phi  # time scale relative to 18.5 °C
    dt_ms = round(DT_MS * slow, 4)
    start = on_grid(START_MS, dt_ms)
    v_ref = hh1952_velocity(params)
    lam = {d: float(length_constant(d * um, params) / metre) for d in (SQUID_UM, *diameters_um)}
    length = LENGTH_CONSTANTS * lam[SQUID_UM]
    squid = (SQUID_UM * um, length * metre, int(LENGTH_CONSTANTS * PER_LAMBDA))
    cables = [Cable(*squid, ((start * ms, a * uA),)) for a in ladder]
    dx = lam[diameters_um[0]] / int(sweep_resolution)
    for d in diameters_um:
        long = LENGTH_CONSTANTS * lam[d]
        strong = strong_uA * (d / SQUID_UM) ** 1.5  # threshold scales with d^1.5
        cables.append(Cable(d * um, long * metre, round(long / dx), ((start * ms, strong * uA),)))
    intervals = np.round(np.asarray(intervals) * slow / dt_ms) * dt_ms
    pulse = (start * ms, strong_uA * uA)
    pairs = [Cable(*squid, (pulse, ((start + i) * ms, strong_uA * uA))) for i in intervals]
    # the short run for the ladder and the sweep, the long one for the pairs (the
    # sweep's thousands of compartments need not run through the intervals)
    run_args = dict(dt=dt_ms * ms, pulse_width=WIDTH_MS * ms, seed=seed)
    end = on_grid(start + WIDTH_MS + 1e3 * FAR * length / v_ref + 1.5 * slow, dt_ms)
    recs = simulate_axons(cables, params, duration=end * ms, **run_args)
    half_ms = 1e3 * (0.5 * length) / v_ref  # time to half-way down
    end = on_grid(start + intervals[-1] + WIDTH_MS + half_ms + 1.5 * slow, dt_ms)
    pair_recs = simulate_axons(pairs, params, duration=end * ms, **run_args)
    n = len(ladder)
    return SquidRuns(
        length=length,
        time_scale=slow,
        intervals_ms=intervals,
        reference_velocity=float(v_ref),
        ladder=tuple(recs[:n]),
        sweep=tuple(recs[n:]),
        pairs=tuple(pair_recs),
    )
