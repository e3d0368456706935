"""Hodgkin-Huxley axons as Brian2 cables, and the point HH neuron's f-I curve.

:func:`simulate_axons` runs any number of unbranched axons of the
:class:`~neurosim.spiking.neurons.hh.HHParameters` membrane in one engine run, as the
branches of one ``SpatialNeuron``. Every axon is stimulated at its sealed end ``x = 0`` by rectangular
current pulses and its membrane potential is recorded in every compartment, so the
pulse can be followed along the axon. :func:`arrival_times` and
:func:`conduction_velocity` read the recordings; :func:`hh_fi_curve` simulates one
isopotential patch of membrane per input current density, as one group.

Numerics: exponential Euler for the gates, Brian2's implicit solver for the cable.
The defaults (dt = 10 us, compartments a tenth of a length constant or shorter) keep the
measured velocity within 1 % of the converged value (tests/spiking/test_axon.py halves
both and compares).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.validation import check_int, check_number, check_seed, param_error
from neurosim.spiking.analysis import steady_rate
from neurosim.spiking.engine import Engine, check_cost, check_steps
from neurosim.spiking.neurons.hh import HHParameters
from neurosim.units import (
    Quantity,
    amp,
    check_quantity,
    farad,
    metre,
    ms,
    mV,
    ohm,
    second,
    um,
)

__all__ = [
    "HH1952_MEASURED_VELOCITY",
    "AxonRecording",
    "Cable",
    "arrival_times",
    "conduction_velocity",
    "crossings",
    "delays_along",
    "hh1952_velocity",
    "hh_fi_curve",
    "length_constant",
    "onset_fraction",
    "simulate_axons",
]

#: A compartment counts as reached by the pulse when its potential crosses this level
#: upward (half-way between rest, -65 mV, and the spike's peak, about +30 mV).
CROSSING_MV = -20.0
#: The axons are branches of one Brian2 ``SpatialNeuron`` (one group: the numpy target's
#: cost is per group and step), each joined to a common root through one compartment of
#: this diameter and length. Its axial resistance, 4 R_i L / (pi d^2) = 4.5e12 ohm, is
#: 3x10^4 times the input resistance of the thinnest axon simulated (1 um: r_a lambda =
#: 1.5e8 ohm), so the axons do not feel each other (tests/spiking/test_axon.py checks it to 1 uV).
INSULATOR_DIAMETER = 1e-3 * um
INSULATOR_LENGTH = 10 * um


@dataclass(frozen=True, eq=False)
class Cable:
    """One axon: a cylinder of ``compartments`` segments, stimulated at ``x = 0``.

    ``pulses`` are ``(start, amplitude)`` pairs (Quantities: time, current), each a
    rectangular pulse of ``pulse_width``.
    """

    diameter: Quantity
    length: Quantity
    compartments: int
    pulses: tuple = ()
    pulse_width: Quantity = None

    def __post_init__(self):
        owner = "Cable"
        check_quantity(
            self.diameter, "diameter", owner, um, positive=True, scalar=True, example="476*um"
        )
        check_quantity(self.length, "length", owner, um, positive=True, scalar=True, example="5*cm")
        check_int(self.compartments, "compartments", owner, low=3)
        if not isinstance(self.pulses, tuple | list):
            raise param_error("pulses", owner, "a tuple of (start, amplitude) pairs", self.pulses)
        for k, pulse in enumerate(self.pulses):
            if not isinstance(pulse, tuple | list) or len(pulse) != 2:
                raise param_error(f"pulses[{k}]", owner, "a (start, amplitude) pair", pulse)
            check_quantity(pulse[0], f"pulses[{k}] start", owner, ms, nonnegative=True, scalar=True)
            check_quantity(pulse[1], f"pulses[{k}] amplitude", owner, amp, scalar=True)
        if self.pulse_width is not None:
            check_quantity(self.pulse_width, "pulse_width", owner, ms, positive=True, scalar=True)


@dataclass(frozen=True)
class AxonRecording:
    """The membrane potential of one axon in every compartment (plain arrays, SI)."""

    positions: np.ndarray  #: compartment centres (m), shape (n,)
    times: np.ndarray  #: sample times (s), shape (T,)
    v: np.ndarray  #: membrane potential (V), shape (n, T)
    diameter: float  #: m

    @property
    def peak(self) -> np.ndarray:
        """Highest potential reached in each compartment (V)."""
        return self.v.max(axis=1)

    def index_at(self, position: float) -> int:
        """Index of the compartment nearest to ``position`` (m from the stimulated end)."""
        return int(np.argmin(np.abs(self.positions - float(position))))


def length_constant(diameter, params: HHParameters | None = None) -> Quantity:
    """Resting length constant ``sqrt(d R_m / (4 R_i))`` of the HH axon at ``diameter``.

    ``R_m`` is the resting membrane's specific resistance, the inverse of the total
    conductance per area at rest (leak plus the open Na and K channels).
    """
    p = params or HHParameters()
    check_quantity(diameter, "diameter", "length_constant", um, positive=True, example="476*um")
    gates = p.resting_gates()
    g_rest = p.g_L + p.g_Na * gates["m"] ** 3 * gates["h"] + p.g_K * gates["n"] ** 4
    return np.sqrt(diameter / (4 * p.R_i * g_rest))


#: HH 1952's constant K of the propagated action potential at 18.5 °C (the
#: velocity is theta = sqrt(K a / (2 R_2 C_M)) with K = 10.47 /ms).
HH1952_K_PER_MS = 10.47
HH1952_TEMPERATURE = 18.5
#: The velocity HH 1952 measured on the real squid axon at 18.5 °C (m/s), beside the
#: 18.8 m/s they computed from their equations (J Physiol 117:500, part on the
#: propagated action potential).
HH1952_MEASURED_VELOCITY = 21.2


def hh1952_velocity(params: HHParameters | None = None, *, radius=None) -> float:
    """HH 1952's estimate of the conduction velocity (m/s): ``sqrt(K a / (2 R_i C_m))``.

    ``K`` = 10.47 /ms was found by HH at 18.5 °C for their membrane; since ``K`` is a
    rate it scales with temperature like the rate constants, by
    ``Q10 ** ((T - 18.5) / 10)``, so the velocity scales with the square root of
    that (HH 1952, on the propagated action potential). For their 238 um axon at
    18.5 °C: 18.76 m/s (they measured 21.2 m/s on the real axon).
    """
    p = params or HHParameters()
    a = p.radius if radius is None else radius
    check_quantity(a, "radius", "hh1952_velocity", um, positive=True, example="238*um")
    K = HH1952_K_PER_MS * 1e3 * p.Q10 ** ((p.temperature - HH1952_TEMPERATURE) / 10.0)
    a_m = np.asarray(a / metre, dtype=float)
    R_i = float(p.R_i / (ohm * metre))
    C_m = float(p.C_m / (farad / metre**2))
    return np.sqrt(K * a_m / (2 * R_i * C_m))


def _pulse_train(cable: Cable, n_steps: int, dt_s: float, default_width) -> np.ndarray:
    width = cable.pulse_width if cable.pulse_width is not None else default_width
    train = np.zeros(n_steps + 1)
    for start, amplitude in cable.pulses:
        first = round(float(start / second) / dt_s)
        last = first + max(1, round(float(width / second) / dt_s))
        train[first:last] += float(amplitude / amp)
    return train


def simulate_axons(
    cables,
    params: HHParameters | None = None,
    *,
    duration,
    dt=0.01 * ms,
    pulse_width=0.2 * ms,
    record_every: int = 1,
    seed: int = 0,
    target: str | None = None,
) -> list[AxonRecording]:
    """Run every cable of ``cables`` (a sequence of :class:`Cable`) in one engine run.

    Parameters
    ----------
    cables : sequence of Cable
        The axons; all share the membrane ``params`` and the clock.
    params : HHParameters, optional
        Membrane, axoplasm and temperature (HH 1952 at 18.5 °C by default).
    duration : Quantity
        Simulated time (a whole number of ``dt``).
    dt : Quantity, default 0.01 ms
        Time step.
    pulse_width : Quantity, default 0.2 ms
        Width of the pulses of cables that do not set their own.
    record_every : int, default 1
        Record the potential every this many steps.
    seed : int, default 0
        Engine seed (the model is deterministic; kept for the common signature).
    target : {"numpy", "cython"}, optional
        Code-generation target.

    Returns
    -------
    list of AxonRecording
        One per cable, in order.
    """
    owner = "simulate_axons"
    p = params or HHParameters()
    if not isinstance(p, HHParameters):
        raise param_error("params", owner, "an HHParameters", p, cls=TypeError)
    cables = list(cables) if isinstance(cables, list | tuple) else None
    if not cables or not all(isinstance(c, Cable) for c in cables):
        raise param_error("cables", owner, "a non-empty list of Cable", cables, cls=TypeError)
    check_quantity(pulse_width, "pulse_width", owner, ms, positive=True, scalar=True)
    every = check_int(record_every, "record_every", owner, low=1)
    seed = check_seed(seed, "seed", owner)
    n_steps = check_steps(duration, dt, owner)
    # one group of every compartment (see INSULATOR_DIAMETER), each recorded
    check_cost(n_steps, sum(c.compartments for c in cables), owner, recorded=1)
    dt_s = float(dt / second)
    trains = np.stack([_pulse_train(c, n_steps, dt_s, pulse_width) for c in cables], axis=1)
    with Engine(dt=dt, seed=seed, target=target, name="axon", owner=owner) as engine:
        engine.namespace.update(p.namespace())
        stimulus = engine.timed_array(trains * amp, label="pulses")
        neuron, indices = engine.cables(
            p.cable_equations(stimulus),
            [(c.diameter, c.length, c.compartments) for c in cables],
            insulator=(INSULATOR_DIAMETER, INSULATOR_LENGTH),
            Cm=p.C_m,
            Ri=p.R_i,
            label="axons",
        )
        for name, value in p.group_values().items():
            setattr(neuron, name, value)
        for k, idx in enumerate(indices):
            neuron.cable_id[idx] = k
            neuron.stim_site[idx[0]] = 1.0
        monitor = engine.state_monitor(neuron, "v", label="v", record=True, dt=every * dt)
        engine.run(duration)
        distance = Engine.values(neuron, "distance")
        times = Engine.times(monitor)
        v = Engine.states(monitor, "v")
    out = []
    for cable, idx in zip(cables, indices, strict=True):
        # distance is measured from the root: the cable starts after two insulators
        start = distance[idx[0]] - 0.5 * float(cable.length / metre) / cable.compartments
        out.append(
            AxonRecording(
                positions=distance[idx] - start,
                times=times,
                v=v[idx],
                diameter=float(cable.diameter / metre),
            )
        )
    return out


def _zero_crossing(v0, v1, t0, t1):
    """Where the line from ``(t0, v0)`` to ``(t1, v1)`` crosses ``v = 0``."""
    return t0 + (-v0 / (v1 - v0)) * (t1 - t0)


def arrival_times(recording: AxonRecording, *, after: float = 0.0, level_mV=CROSSING_MV):
    """Time (s) at which the potential first crosses ``level_mV`` upward in each
    compartment after ``after`` seconds, linearly interpolated between samples; NaN
    where it never does."""
    v = recording.v / 1e-3 - float(level_mV)
    t = recording.times
    start = int(np.searchsorted(t, float(after)))
    hits = (v[:, start:-1] < 0) & (v[:, start + 1 :] >= 0)
    rows = np.flatnonzero(hits.any(axis=1))
    j = start + np.argmax(hits[rows], axis=1)
    out = np.full(v.shape[0], np.nan)
    out[rows] = _zero_crossing(v[rows, j], v[rows, j + 1], t[j], t[j + 1])
    return out


def crossings(recording: AxonRecording, position: float, *, level_mV=CROSSING_MV):
    """Every upward crossing of ``level_mV`` (s) in the compartment nearest to
    ``position`` (m from the stimulated end), linearly interpolated between samples."""
    v = recording.v[recording.index_at(position)] / 1e-3 - float(level_mV)
    t = recording.times
    j = np.flatnonzero((v[:-1] < 0) & (v[1:] >= 0))
    return _zero_crossing(v[j], v[j + 1], t[j], t[j + 1])


def conduction_velocity(recording: AxonRecording, *, after: float = 0.0, span=(0.25, 0.75)):
    """Velocity (m/s) of the first pulse after ``after`` s: the slope of position
    against arrival time, fitted over the fraction ``span`` of the axon (away from the
    stimulated end and the sealed far end). NaN if the pulse does not cross the span."""
    x = recording.positions
    lo, hi = span
    if not 0 <= lo < hi <= 1:
        raise param_error("span", "conduction_velocity", "0 <= lo < hi <= 1", span)
    inside = (x >= lo * x[-1]) & (x <= hi * x[-1])
    arrivals = arrival_times(recording, after=after)[inside]
    if inside.sum() < 2 or np.any(np.isnan(arrivals)):
        return float("nan")
    slope = np.polyfit(arrivals, x[inside], 1)[0]
    return float(slope)


def delays_along(recording: AxonRecording, *, span=(0.25, 0.75)):
    """Distance (m) and delay (s) of the first pulse over the fraction ``span`` of the axon,
    both counted from the span's first compartment: the points
    :func:`conduction_velocity` fits. Compartments the pulse never reached are left out."""
    x, arrival = recording.positions, arrival_times(recording)
    lo, hi = span
    middle = (x >= lo * x[-1]) & (x <= hi * x[-1]) & np.isfinite(arrival)
    return x[middle] - x[middle][0], arrival[middle] - arrival[middle][0]


def onset_fraction(current, rates) -> tuple[float, float]:
    """How a steady f-I curve starts: ``(I_on, r(I_on) / r(2 I_on))``.

    ``I_on`` is the first current of the (increasing) sweep that fires; the rate there is
    divided by the rate at twice that current (linear interpolation). Hodgkin's (1948,
    J Physiol 107:165) class I neurons start from zero, so the fraction is small where
    the sweep resolves the onset; class II neurons (the HH membrane) jump to a high rate.
    NaN for both when nothing fires.
    """
    current, rates = np.asarray(current, dtype=float), np.asarray(rates, dtype=float)
    fires = rates > 0
    if not fires.any():
        return float("nan"), float("nan")
    on = float(current[fires][0])
    return on, float(rates[fires][0] / float(np.interp(2 * on, current, rates)))


def hh_fi_curve(
    current_density,
    params: HHParameters | None = None,
    *,
    duration=200 * ms,
    dt=0.01 * ms,
    transient=50 * ms,
    seed: int = 0,
    target: str | None = None,
):
    """Steady firing rate (Hz) of an isopotential HH patch for each current density.

    One neuron per entry of ``current_density`` (a Quantity in A/m**2; HH's unit,
    uA/cm**2, is 0.01 A/m**2), each a step from rest at t = 0. A spike is an upward
    crossing of ``CROSSING_MV``; the rate is 1 / mean inter-spike interval of the spikes
    after ``transient`` (0 with fewer than two), which is what a steady f-I curve means.

    Returns
    -------
    rates : ndarray (Hz)
    first_spike : ndarray (s), NaN for a patch that never fires
    """
    owner = "hh_fi_curve"
    p = params or HHParameters()
    if not isinstance(p, HHParameters):
        raise param_error("params", owner, "an HHParameters", p, cls=TypeError)
    J = check_quantity(current_density, "current_density", owner, amp / metre**2)
    J = np.atleast_1d(np.asarray(J / (amp / metre**2), dtype=float))
    if J.ndim != 1 or J.size == 0:
        raise param_error("current_density", owner, "a non-empty 1-D quantity", J.shape)
    n_steps = check_steps(duration, dt, owner)
    t0 = check_number(float(transient / second), "transient", owner, low=0.0, low_inclusive=True)
    check_cost(n_steps, J.size, owner)
    with Engine(dt=dt, seed=seed, target=target, name="hh_fi", owner=owner) as engine:
        engine.namespace.update(p.namespace())
        engine.namespace["V_spike"] = CROSSING_MV * mV
        group = engine.neuron_group(
            J.size,
            p.point_equations(),
            label="patches",
            threshold="v > V_spike",
            refractory="v > V_spike",
            method=p.method,
        )
        for name, value in p.group_values().items():
            setattr(group, name, value)
        group.J = J * amp / metre**2
        monitor = engine.spike_monitor(group, label="spikes")
        engine.run(duration)
        times, index = engine.spikes(monitor)
    trains = [times[index == k] for k in range(J.size)]
    first = np.array([train[0] if train.size else np.nan for train in trains])
    return np.atleast_1d(steady_rate(trains, start=t0)), first
