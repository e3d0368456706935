"""A real neuron's answer is a pulse that travels down its axon: all-or-none, at a finite
speed that grows with the axon's diameter, and followed by a refractory period; a
logistic unit's number (and a LIF neuron's reset) arrives at once.

The axon is Hodgkin & Huxley's (1952, J Physiol 117:500) squid giant axon: their membrane
(sodium, potassium and leak currents per unit area, rate functions at 6.3 °C scaled by
Q10 = 3), their axoplasm resistivity (35.4 ohm cm) and radius (238 um), simulated at
18.5 °C, the temperature of their own propagation calculation
(:mod:`neurosim.spiking.neurons.hh`). Every axon is a Brian2 cable, 8 length constants
long, stimulated by a 0.2-ms current pulse at one end (:mod:`neurosim.spiking.axon`).
Measured: the pulse's velocity, against HH 1952's estimate v = sqrt(K a / (2 R_i C_m))
with K = 10.47/ms (18.76 m/s); its peak 3/4 of the way down for a ladder of stimuli
(all-or-none); whether a second pulse launched soon after the first travels (the
refractory period); the velocity of axons from 1 to 476 um in diameter with the same
membrane, against cable theory's v ~ d^0.5 for unmyelinated axons (Hodgkin 1954, J Physiol
125:221). Beside
it: one patch of the same membrane (no cable) starts firing at a high rate, the f-I curve
of Hodgkin's (1948, J Physiol 107:165) class II, while the LIF neuron's rate rises from zero (class I,
closed form ``lif_rate``). The patch runs at dt = 20 us, where exponential Euler's
first-order error lowers the rates by about 2.5 % (tests/spiking/test_axon.py).

Other temperatures (parameter ``temperature``) scale every rate by Q10^((T - 6.3)/10);
time steps and intervals scale with them (a pulse keeps its width and amplitude: a brief
pulse's threshold is set by its charge), and HH's K is scaled like the rates, which at
other temperatures is only a guide.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.comparison import begin
from neurosim.findings import Findings, Rule
from neurosim.parameters import Parameter
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    THEORY,
    darken,
    label_panels,
    lecture_style,
    new_figure,
    shade,
)
from neurosim.spiking import LIFParameters, lif_rate
from neurosim.spiking.axon import (
    Cable,
    arrival_times,
    conduction_velocity,
    crossings,
    hh1952_velocity,
    hh_fi_curve,
    length_constant,
    simulate_axons,
)
from neurosim.spiking.neurons.hh import HHParameters
from neurosim.units import amp, metre, ms, mV, second, uA, um

NAME = "pulse_down_the_axon"
QUESTION = "Does a neuron's answer arrive at once, like a unit's number?"
PARAMETERS = (
    Parameter(
        "temperature",
        18.5,
        "temperature of the squid axon (°C); rates scale by Q10 = 3",
        low=6.3,
        high=25.0,
    ),
    Parameter(
        "ladder_points",
        11,
        "stimulus amplitudes of the all-or-none ladder",
        low=4,
        high=30,
        quick=6,
    ),
    Parameter(
        "intervals",
        10,
        "intervals between two pulses of the refractory test (1-3 ms, then 4-6 ms)",
        low=4,
        high=30,
        quick=6,
    ),
    Parameter(
        "fi_duration",
        80.0,
        "simulated time per current of the HH patch's f-I curve (first 20 ms skipped)",
        unit="ms",
        low=40.0,
        high=1000.0,
        quick=40.0,
    ),
    Parameter(
        "fi_points",
        301,
        "current densities of the HH patch's f-I curve (0 to 30 uA/cm^2)",
        low=31,
        high=1001,
        quick=121,
    ),
    Parameter(
        "sweep_resolution",
        10,
        "compartments per length constant of the thinnest axon of the diameter sweep "
        "(one compartment length for all diameters)",
        low=3,
        high=40,
        quick=5,
    ),
)
COST = 5.0

#: The squid giant axon's diameter (HH 1952's radius 238 um).
SQUID_UM = 476.0
#: Diameters of the velocity sweep (um): three decades, the squid axon last.
DIAMETERS_UM = (1.0, 4.0, 16.0, 64.0, SQUID_UM)
#: Cables are this many resting length constants long; velocities are fitted between
#: 1/4 and 3/4 of the length (away from the stimulated and the sealed end).
LENGTH_CONSTANTS = 8.0
#: Squid cables: compartments per length constant (velocity within 1 % of converged,
#: tests/spiking/test_axon.py). The diameter sweep uses one compartment length for all,
#: a tenth of the thinnest axon's length constant, so thicker axons are finer.
PER_LAMBDA = 10
#: Position (fraction of the length) where the pulse's arrival and peak are read.
FAR = 0.75
#: At 18.5 °C: time step, pulse width, pulse start, and the pulse of the sweep and of
#: the refractory test (about 3x the threshold of a 0.2 ms pulse, 3-4 uA).
DT_MS, WIDTH_MS, START_MS, STRONG_UA = 0.01, 0.2, 0.1, 10.0
#: All-or-none ladder (uA at 18.5 °C): log-spaced from 0.5 to 40, with points at 3-4 uA.
LADDER_RANGE_UA = (0.5, 40.0)
LADDER_NEAR_UA = (3.0, 3.25, 3.5, 3.75, 4.0)
#: Refractory intervals (ms at 18.5 °C): dense from 1 to 3 ms, where the second pulse
#: starts to travel, then 4, 5 and 6 ms (quick: 4 ms only).
INTERVAL_DENSE_MS, INTERVAL_LATE_MS = (1.0, 3.0), (4.0, 5.0, 6.0)
#: HH patch f-I: largest current density (uA/cm^2), time step, transient (18.5 °C).
FI_MAX_UA_CM2, FI_DT_MS, FI_TRANSIENT_MS = 30.0, 0.02, 20.0
#: The lecture's integration step and the synaptic delay (as in lif_neuron's latency
#: claim): "at once" means within one step; "partly" within a synaptic delay.
AT_ONCE_MS, SYNAPTIC_DELAY_MS = 0.1, 5.0
#: Distance over which delays are stated.
DISTANCE_CM = 1.0


@dataclass(frozen=True)
class Measured:
    """What plot() needs: plain arrays (SI units unless the name says otherwise)."""

    temperature: float
    snapshot_x_mm: np.ndarray
    snapshot_t_ms: np.ndarray
    snapshot_v_mV: np.ndarray  # (times, positions)
    trace_t_ms: np.ndarray
    trace_near_mV: np.ndarray
    trace_far_mV: np.ndarray
    near_mm: float
    far_mm: float
    lif_t_ms: np.ndarray
    lif_v_mV: np.ndarray
    lif_spikes_ms: np.ndarray
    lif_threshold_mV: float
    ladder_uA: np.ndarray
    ladder_peak_mV: np.ndarray
    ladder_travels: np.ndarray
    intervals_ms: np.ndarray
    second_travels: np.ndarray
    diameters_um: np.ndarray
    velocity: np.ndarray
    exponent: float
    prefactor: float
    reference_velocity: float
    hh_current_rel: np.ndarray
    hh_rate_Hz: np.ndarray
    lif_current_rel: np.ndarray
    lif_rate_Hz: np.ndarray


def _ladder(points: int) -> np.ndarray:
    lo, hi = LADDER_RANGE_UA
    near = np.array(LADDER_NEAR_UA[: max(0, min(len(LADDER_NEAR_UA), points - 2))])
    rest = np.geomspace(lo, hi, max(2, points - near.size))
    return np.unique(np.round(np.concatenate([rest, near]), 3))


def _intervals(points: int) -> np.ndarray:
    """Dense from 1 to 3 ms, then 4, 5 and 6 ms (only 4 ms with fewer than 10 points)."""
    late = INTERVAL_LATE_MS if points >= 10 else INTERVAL_LATE_MS[:1]
    lo, hi = INTERVAL_DENSE_MS
    return np.concatenate([np.linspace(lo, hi, points - len(late)), late])


def _lif_trace(lif: LIFParameters, first_ms: float, end_ms: float):
    """The LIF's potential (mV) from rest at t = 0 under the constant current that makes
    it first reach threshold at ``first_ms``; reset and refractory period as the model's."""
    rest, threshold = float(lif.E_L / mV), float(lif.V_th / mV)
    reset, tau, t_ref = float(lif.V_reset / mV), float(lif.tau_m / ms), float(lif.t_ref / ms)
    mu = rest + (threshold - rest) / (1 - np.exp(-first_ms / tau))
    period = tau * np.log((mu - reset) / (mu - threshold))  # reset to threshold
    t = np.linspace(0.0, end_ms, 801)
    spikes = [first_ms]
    while spikes[-1] + t_ref + period <= end_ms:
        spikes.append(spikes[-1] + t_ref + period)
    v = mu + (rest - mu) * np.exp(-t / tau)
    for s in spikes:
        after = t >= s
        since = np.maximum(t - s - t_ref, 0.0)
        v[after] = np.where(since > 0, mu + (reset - mu) * np.exp(-since / tau), reset)[after]
    return t, v, np.array(spikes)


def _steps(value_ms: float, dt_ms: float) -> float:
    """``value_ms`` rounded to a whole number of steps (ms)."""
    return max(1, round(value_ms / dt_ms)) * dt_ms


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Squid cables (ladder, sweep, refractory test), the HH patch's f-I curve, claims."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        membrane="Hodgkin & Huxley 1952, squid giant axon (E_Na +50, E_K -77, E_L "
        "-54.4 mV; 120/36/0.3 mS/cm^2; 1 uF/cm^2; R_i 35.4 ohm cm)",
        stimulus="rectangular current pulse into the sealed end x = 0",
        numerics="Brian2 SpatialNeuron, exponential Euler, cables 8 length constants long",
    )
    hh = HHParameters(temperature=float(p.temperature))
    slow = HHParameters().phi / hh.phi  # time scale relative to 18.5 °C
    dt_ms = round(DT_MS * slow, 4)
    # pulses keep their width and amplitude: a brief pulse's threshold is set by charge
    width, start = WIDTH_MS, _steps(START_MS, dt_ms)
    v_ref = hh1952_velocity(hh)  # squid axon, HH 1952's estimate at this temperature
    lam = {d: float(length_constant(d * um, hh) / metre) for d in DIAMETERS_UM}
    squid_length = LENGTH_CONSTANTS * lam[SQUID_UM]
    squid_n = int(LENGTH_CONSTANTS * PER_LAMBDA)

    # 1. the all-or-none ladder and the diameter sweep
    ladder = _ladder(int(p.ladder_points))
    cables = [
        Cable(SQUID_UM * um, squid_length * metre, squid_n, ((start * ms, a * uA),)) for a in ladder
    ]
    dx = lam[DIAMETERS_UM[0]] / int(p.sweep_resolution)
    for d in DIAMETERS_UM:
        length = LENGTH_CONSTANTS * lam[d]
        strong = STRONG_UA * (d / SQUID_UM) ** 1.5  # threshold scales with d^1.5
        cables.append(
            Cable(d * um, length * metre, round(length / dx), ((start * ms, strong * uA),))
        )

    # 2. the refractory test: two strong pulses, the second after an interval
    intervals = np.round(_intervals(int(p.intervals)) * slow / dt_ms) * dt_ms
    half_x = 0.5 * squid_length
    pairs = [
        Cable(
            SQUID_UM * um,
            squid_length * metre,
            squid_n,
            ((start * ms, STRONG_UA * uA), ((start + dly) * ms, STRONG_UA * uA)),
        )
        for dly in intervals
    ]

    # two engine runs: the short one for the ladder and the sweep, the long one for the
    # pairs (the sweep's thousands of compartments need not run through the intervals)
    run_args = dict(dt=dt_ms * ms, pulse_width=width * ms, seed=seed)
    travel_ms = 1e3 * FAR * squid_length / v_ref
    recs = simulate_axons(
        cables, hh, duration=_steps(start + width + travel_ms + 1.5 * slow, dt_ms) * ms, **run_args
    )
    pair_ms = _steps(start + intervals[-1] + width + 1e3 * half_x / v_ref + 1.5 * slow, dt_ms)
    pair_recs = simulate_axons(pairs, hh, duration=pair_ms * ms, **run_args)
    ladder_recs, sweep_recs = recs[: ladder.size], recs[ladder.size :]
    far_x = FAR * squid_length
    ladder_peak = np.array([1e3 * r.peak[r.index_at(far_x)] for r in ladder_recs])
    ladder_travels = np.array([crossings(r, far_x).size > 0 for r in ladder_recs])
    velocity = np.array([conduction_velocity(r) for r in sweep_recs])
    exponent, log_pre = np.polyfit(np.log(DIAMETERS_UM), np.log(velocity), 1)
    v_squid = float(velocity[-1])

    # the pulse along the axon (the ladder cable nearest the sweep's stimulus that fires)
    if not ladder_travels.any():
        raise RuntimeError(
            f"pulse_down_the_axon: no stimulus of the ladder (up to {ladder[-1]:g} uA for "
            f"{WIDTH_MS:g} ms) launched a pulse at {p.temperature:g} °C; nothing to show"
        )
    fired = np.flatnonzero(ladder_travels)
    show = ladder_recs[int(fired[np.argmin(np.abs(ladder[fired] - STRONG_UA))])]
    arrival = arrival_times(show)
    t_first = float(np.nanmin(arrival))
    t_last = float(np.nanmax(arrival[show.positions <= far_x]))
    snap_t = np.linspace(t_first + 0.3 * (t_last - t_first), t_last, 4)
    snap_idx = np.searchsorted(show.times, snap_t)
    near_x = 0.25 * squid_length
    near_i, far_show = show.index_at(near_x), show.index_at(far_x)

    # the LIF's spikes: closed-form charging from rest under a constant current chosen
    # so that its first threshold crossing falls when the HH pulse reaches the near site;
    # at threshold its potential is reset and held for t_ref
    lif = LIFParameters()
    t_near = 1e3 * float(arrival[near_i])
    trace_end = 1e3 * float(arrival[far_show]) + 1.5 * slow
    lif_t, lif_v, lif_spikes = _lif_trace(lif, t_near, trace_end)
    threshold = float(lif.V_th / mV)
    keep = 1e3 * show.times <= trace_end

    second_travels = np.array([crossings(r, half_x).size >= 2 for r in pair_recs])
    refractory = float(intervals[second_travels][0]) if second_travels.any() else float("nan")

    # 3. one patch of membrane: the f-I curve (class II) against the LIF's (class I)
    fi_dt = round(FI_DT_MS * slow, 4)
    J = np.linspace(0.0, FI_MAX_UA_CM2, int(p.fi_points))
    hh_rate, _ = hh_fi_curve(
        J * 1e-2 * amp / metre**2,
        hh,
        duration=_steps(float(p.fi_duration / ms) * slow, fi_dt) * ms,
        dt=fi_dt * ms,
        transient=FI_TRANSIENT_MS * slow * ms,
        seed=seed,
    )
    fires = hh_rate > 0
    J_on = float(J[fires][0]) if fires.any() else float("nan")
    at_twice = float(np.interp(2 * J_on, J, hh_rate)) if fires.any() else float("nan")
    hh_onset_fraction = float(hh_rate[fires][0] / at_twice) if fires.any() else float("nan")
    lif_rel = np.linspace(0.0, J[-1] / J_on if fires.any() else 3.0, 400)
    lif_rel = np.union1d(lif_rel, [1.01])
    lif_rates = np.asarray(lif_rate(lif_rel * lif.rheobase, lif) / (1 / second))
    lif_onset_fraction = float(lif_rate(1.01 * lif.rheobase, lif) / lif_rate(2 * lif.rheobase, lif))

    findings.data = Measured(
        temperature=float(p.temperature),
        snapshot_x_mm=1e3 * show.positions,
        snapshot_t_ms=1e3 * show.times[snap_idx],
        snapshot_v_mV=1e3 * show.v[:, snap_idx].T,
        trace_t_ms=1e3 * show.times[keep],
        trace_near_mV=1e3 * show.v[near_i][keep],
        trace_far_mV=1e3 * show.v[far_show][keep],
        near_mm=1e3 * float(show.positions[near_i]),
        far_mm=1e3 * float(show.positions[far_show]),
        lif_t_ms=lif_t,
        lif_v_mV=lif_v,
        lif_spikes_ms=lif_spikes,
        lif_threshold_mV=threshold,
        ladder_uA=ladder,
        ladder_peak_mV=ladder_peak,
        ladder_travels=ladder_travels,
        intervals_ms=intervals,
        second_travels=second_travels,
        diameters_um=np.array(DIAMETERS_UM),
        velocity=velocity,
        exponent=float(exponent),
        prefactor=float(np.exp(log_pre)),
        reference_velocity=float(v_ref),
        hh_current_rel=J / J_on if fires.any() else J,
        hh_rate_Hz=hh_rate,
        lif_current_rel=lif_rel,
        lif_rate_Hz=lif_rates,
    )

    # claims
    conditions = f"HH 1952 squid membrane at {p.temperature:g} °C"
    delay_rule = Rule.at_most(
        AT_ONCE_MS,
        partly=SYNAPTIC_DELAY_MS,
        reason="as for the LIF's latency: at once = within one step of the lecture's "
        "simulations (0.1 ms); partly = within a synaptic delay (1-5 ms, Kandel et al., "
        "Principles of Neural Science)",
    )
    findings.claim(
        f"time the action potential takes to travel {DISTANCE_CM:g} cm along the squid "
        f"giant axon (476 um, the fastest unmyelinated axon; {conditions}); a logistic "
        "unit's number arrives at once",
        1e3 * DISTANCE_CM * 1e-2 / v_squid,
        "ms",
        rule=delay_rule,
        aspect="signal transmission",
        key=True,
    )
    findings.claim(
        f"time the action potential takes to travel {DISTANCE_CM:g} cm along a 1-um "
        f"unmyelinated axon with the same membrane ({conditions})",
        1e3 * DISTANCE_CM * 1e-2 / float(velocity[0]),
        "ms",
        rule=delay_rule,
        aspect="signal transmission",
    )
    launched = ladder_peak[ladder_travels]
    spread = float(np.ptp(launched) / (np.mean(launched) - float(hh.V_rest / mV)))
    findings.claim(
        "spread of the pulse's peak 3/4 of the way down the squid axon over every stimulus "
        "that launches it (a ladder of 0.2-ms pulses up to 40 uA), relative to the spike's "
        "height (a graded answer would vary)",
        spread if launched.size > 1 else float("nan"),
        "",
        rule=Rule.at_least(
            0.1,
            reason="a graded answer like the unit's would change by at least a tenth of "
            "its range over a more than ten-fold range of inputs (a logistic unit's "
            "output changes by far more over any such range of its input)",
        ),
        aspect="output code",
    )
    findings.claim(
        "shortest interval (of those tried) at which a second 10-uA pulse also travels "
        f"half-way down the squid axon: the refractory period ({conditions})",
        refractory,
        "ms",
        rule=Rule.at_most(
            AT_ONCE_MS,
            reason="a unit answers a second input like the first whatever the interval; "
            "forgetting within one step (0.1 ms) would be no memory at the lecture's scale",
        ),
        aspect="memory",
    )
    findings.claim(
        "lowest steady firing rate of a patch of HH membrane (current steps from rest), "
        "as a fraction of its rate at twice the onset current; Hodgkin's class II starts "
        f"high, class I from zero ({conditions})",
        hh_onset_fraction,
        "",
        rule=Rule.at_most(
            0.25,
            partly=0.5,
            reason="a unit's squashing function rises continuously from its floor, and so "
            f"does a class I neuron: the LIF's rate 1 % above its rheobase is "
            f"{lif_onset_fraction:.2f} of its rate at twice the rheobase (closed form); "
            "more than half is a jump",
        ),
        aspect="nonlinearity",
    )
    findings.claim(
        "conduction velocity of the squid axon (476 um) relative to HH 1952's estimate "
        "sqrt(K a / (2 R_i C_m)), minus 1 (K = 10.47/ms at 18.5 °C, scaled by Q10 "
        "elsewhere)",
        v_squid / v_ref - 1,
        "",
        rule=Rule.between(
            -0.1,
            0.1,
            reason="at 18.5 °C HH's K came from their own numerical solution of these "
            "equations: 10 % allows for their hand integration. At other temperatures K "
            "scaled by Q10 is only a guide (the capacitive current does not scale with "
            "the rates: measured +26 % at 6.3 °C, -18 % at 25 °C), and the claim fails",
        ),
        about="spiking",
    )
    findings.claim(
        "exponent x of the fit v ~ d^x over axons 1-476 um in diameter (same membrane; "
        "compartments of one length for all)",
        float(exponent),
        "",
        rule=Rule.between(
            0.45,
            0.55,
            reason="cable theory for unmyelinated axons: the length constant grows as "
            "sqrt(d) at fixed membrane and the velocity with it (Hodgkin 1954)",
        ),
        about="spiking",
    )
    below = ladder_peak[~ladder_travels]
    findings.claim(
        "largest depolarisation 3/4 of the way down the squid axon (6 length constants) "
        "for the stimuli that launch no pulse",
        float(np.max(below) - float(hh.V_rest / mV)) if below.size else 0.0,
        "mV",
        rule=Rule.at_most(
            1.0,
            reason="below threshold the cable is passive: a local depolarisation of at "
            "most 20 mV decays as exp(-x/lambda), to 0.05 mV 6 length constants away",
        ),
        about="spiking",
    )
    return findings


def plot(findings: Findings):
    """The travelling pulse, all-or-none, refractoriness, velocity and f-I curves."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(16, 9.5))
        axes = fig.subplots(2, 3)
        (a_snap, a_trace, a_ladder), (a_pair, a_vel, a_fi) = axes
        fig.suptitle(
            "A spike is an all-or-none pulse that travels at a finite speed; "
            "a unit's number arrives at once"
        )
        # A. the pulse along the axon
        for k, (t, v) in enumerate(zip(d.snapshot_t_ms, d.snapshot_v_mV, strict=True)):
            a_snap.plot(
                d.snapshot_x_mm,
                v,
                color=shade(SPIKING, 0.35 + 0.65 * k / (len(d.snapshot_t_ms) - 1)),
                label=f"t = {t:.1f} ms",
            )
        a_snap.set_xlabel("distance along the squid axon (mm)")
        a_snap.set_ylabel("membrane potential (mV)")
        a_snap.set_title(f"the pulse travels at {d.velocity[-1]:.1f} m/s")
        a_snap.legend(loc="center right", fontsize=11)

        # B. a spike up close, two sites; the LIF's spike; the unit
        a_trace.plot(
            d.trace_t_ms,
            d.trace_near_mV,
            color=shade(SPIKING, 0.5),
            label=f"HH axon at {d.near_mm:.0f} mm",
        )
        a_trace.plot(
            d.trace_t_ms, d.trace_far_mV, color=SPIKING, label=f"HH axon at {d.far_mm:.0f} mm"
        )
        lif_color = darken(SPIKING, 0.45)
        a_trace.plot(d.lif_t_ms, d.lif_v_mV, color=lif_color, linestyle="--", label="LIF")
        a_trace.vlines(
            d.lif_spikes_ms, d.lif_threshold_mV, d.lif_threshold_mV + 20, color=lif_color
        )
        a_trace.text(
            d.lif_spikes_ms[0] + 0.1,
            d.lif_threshold_mV + 12,
            "LIF spike:\na mark at\nthreshold,\nthen reset",
            color=lif_color,
            fontsize=11,
            va="center",
        )
        a_trace.text(
            0.02,
            0.5,
            "logistic unit:\nits number\narrives at once,\nat any distance",
            color=ARTIFICIAL,
            transform=a_trace.transAxes,
            fontsize=12,
        )
        a_trace.set_xlim(0, d.trace_t_ms[-1])
        a_trace.set_xlabel("time (ms)")
        a_trace.set_ylabel("membrane potential (mV)")
        delay = (d.far_mm - d.near_mm) / d.velocity[-1]
        a_trace.set_title(f"{d.far_mm - d.near_mm:.0f} mm further: {delay:.1f} ms later")
        a_trace.legend(loc="upper right", fontsize=11)

        # C. all-or-none
        a_ladder.semilogx(d.ladder_uA, d.ladder_peak_mV, "o-", color=SPIKING)
        a_ladder.set_xlabel("stimulus at x = 0 (µA for 0.2 ms)")
        a_ladder.set_ylabel(f"peak at {d.far_mm:.0f} mm (mV)")
        a_ladder.set_title("all or none: a full spike, or nothing")

        # D. refractory
        travels = d.second_travels.astype(float)
        a_pair.plot(d.intervals_ms, travels, "o-", color=SPIKING)
        if d.second_travels.any():
            first = d.intervals_ms[d.second_travels][0]
            a_pair.axvspan(0, first, color=shade(NEUTRAL, 0.2))
            a_pair.text(0.05 + d.intervals_ms[0], 0.5, "refractory", fontsize=13, color=NEUTRAL)
        a_pair.set_xlim(0, d.intervals_ms[-1] + 0.3)
        a_pair.set_ylim(-0.15, 1.15)
        a_pair.set_yticks([0, 1], ["blocked", "travels"])
        a_pair.set_xlabel("interval between two pulses (ms)")
        a_pair.set_title("too soon, a second pulse fails")

        # E. velocity against diameter
        dd = np.geomspace(d.diameters_um[0], d.diameters_um[-1], 50)
        a_vel.loglog(
            dd,
            d.prefactor * dd**d.exponent,
            color=THEORY,
            linestyle="--",
            label=f"fit: v ~ d^{d.exponent:.3f}",
        )
        a_vel.loglog(d.diameters_um, d.velocity, "o", color=SPIKING, label="HH cables")
        a_vel.loglog(
            [d.diameters_um[-1]],
            [d.reference_velocity],
            "*",
            color=THEORY,
            markersize=16,
            label="HH 1952 estimate",
        )
        a_vel.set_xlabel("axon diameter (µm)")
        a_vel.set_ylabel("conduction velocity (m/s)")
        for k, offset in ((0, (14, 2)), (len(d.diameters_um) - 1, (-10, -14))):
            a_vel.annotate(
                f"1 cm in {10 / d.velocity[k]:.2g} ms",
                (d.diameters_um[k], d.velocity[k]),
                xytext=offset,
                textcoords="offset points",
                fontsize=12,
                ha="left" if k == 0 else "right",
                va="top",
            )
        a_vel.set_title("thicker axons are faster")
        a_vel.legend(loc="upper left", fontsize=11)

        # F. f-I curves
        a_fi.plot(d.hh_current_rel, d.hh_rate_Hz, color=SPIKING, label="HH patch (class II)")
        a_fi.plot(
            d.lif_current_rel,
            d.lif_rate_Hz,
            color=darken(SPIKING, 0.4),
            linestyle="--",
            label="LIF (class I)",
        )
        a_fi.set_xlabel("input current / onset current")
        a_fi.set_ylabel("firing rate (Hz)")
        a_fi.set_title("where firing starts")
        a_fi.legend(loc="upper left", fontsize=11)
        label_panels(axes.ravel())
    return fig
