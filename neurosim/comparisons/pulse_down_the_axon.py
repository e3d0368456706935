"""A real neuron's answer is a pulse that travels down its axon: all-or-none, at a finite
speed that grows with the axon's diameter, and followed by a refractory period; a
logistic unit's number (and a LIF neuron's reset) arrives at once.

The axon is Hodgkin & Huxley's (1952, J Physiol 117:500) squid giant axon at 18.5 °C
(:mod:`neurosim.spiking.neurons.hh`), every axon a Brian2 cable 8 length constants long,
stimulated by a 0.2-ms current pulse at one end (the protocols of
:mod:`neurosim.spiking.squid`, run by :mod:`neurosim.spiking.axon`).
Measured: the pulse's velocity against HH 1952's estimate (18.76 m/s; 21.2 m/s measured
on the real axon); its peak 3/4 of the way down for a ladder of stimuli (all-or-none);
whether a second pulse soon after the first travels (the refractory period); the
velocity of axons 1-476 um thick against cable theory's v ~ d^0.5 (Hodgkin 1954). Beside
it, a patch of the same membrane starts firing at a high rate (Hodgkin's 1948 class II;
dt = 20 us lowers its rates by about 2.5 %, tests/spiking/test_axon.py), the LIF's rate
from zero (class I).

How soon is "at once"? The neuron that receives the answer decides
(:data:`neurosim.contract.yardsticks.DELAY`, as for the LIF's latency in ``lif_neuron``:
1 ms, 20 ms). Delays are stated across a cortical column (1 mm; a column is 0.3-0.5 mm
wide, Mountcastle 1997, Brain 120:701, the cortex 2-3 mm thick), the reach of the thin
unmyelinated axons of the local circuit (the sweep's 1-um axon), and between cortical
areas (3 cm, the order of their distance in a primate cortex; the verdict is the same
from 2 cm on). The squid giant axon, the fastest unmyelinated axon, bounds what any axon
without myelin can do (myelin, which long-range cortical axons have, is not simulated).

Other temperatures (``temperature``) scale every rate by Q10^((T - 6.3)/10), and times
with them (:mod:`neurosim.spiking.squid`); HH's K scaled like the rates is only a guide.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, THEORY, darken, label_panels, shade
from neurosim.plotting.style import lecture_style, new_figure, sequence
from neurosim.spiking import LIFParameters, axon, lif_rate, squid
from neurosim.spiking.neurons.hh import HHParameters
from neurosim.spiking.theory import lif_current_for_latency, lif_step_response
from neurosim.units import amp, metre, ms, mV, second

NAME = "pulse_down_the_axon"
QUESTION = "Does a neuron's answer arrive at once, like a unit's number?"
# A table, one parameter per row (ruff would give every argument a line of its own).
# fmt: off
PARAMETERS = (
    Parameter("temperature", 18.5, "temperature of the squid axon (°C); rates scale by Q10 = 3",
              low=6.3, high=25.0),
    Parameter("ladder_points", 11, "stimulus amplitudes of the all-or-none ladder",
              low=4, high=30, quick=6),
    Parameter("intervals", 10,
              "intervals between two pulses of the refractory test (1-3 ms, then 4-6 ms)",
              low=4, high=30, quick=6),
    Parameter("fi_duration", 80.0,
              "simulated time per current of the HH patch's f-I curve (first 20 ms skipped)",
              unit="ms", low=40.0, high=1000.0, quick=40.0),
    Parameter("fi_points", 301,
              "current densities of the HH patch's f-I curve (0 to 30 uA/cm^2)",
              low=31, high=1001, quick=121),
    Parameter("sweep_resolution", 10,
              "compartments per length constant of the thinnest axon of the diameter sweep "
              "(one compartment length for all diameters)", low=3, high=40, quick=5),
)
# fmt: on
COST = 5.0
#: No input is random: every claim is the same for every seed.
DETERMINISTIC = True
#: Live updates (explore()): quick settings plus these; the run still takes about 2.6 s on 2
#: cores (measured, benchmarks/bench_explore.py: 3 Brian2 runs of fixed length; 0.3 s saved).
#: The figure loses: 61 currents on the f-I curve (G), not 121; coarser sweep cables (E, F).
EXPLORE = {"fi_points": 61, "sweep_resolution": 3}

#: Diameters of the velocity sweep (um): three decades, the squid axon last.
DIAMETERS_UM = (1.0, 4.0, 16.0, 64.0, squid.SQUID_UM)
#: HH patch f-I: largest current density (uA/cm^2), time step, transient (18.5 °C).
FI_MAX_UA_CM2, FI_DT_MS, FI_TRANSIENT_MS = 30.0, 0.02, 20.0
#: The distances over which delays are stated (mm): across a cortical column (0.3-0.5 mm
#: wide, Mountcastle 1997; the cortex 2-3 mm thick), and between cortical areas.
COLUMN_MM, AREAS_MM = 1.0, 30.0
#: The yardstick of "at once" and of the receiving neuron's integration window (ms).
AT_ONCE_MS, WINDOW_MS = yardsticks.SPIKE_TIMING_PRECISION_MS, yardsticks.INTEGRATION_WINDOW_MS
#: What is run, for the record (``findings.settings``).
RECORD = dict(
    deterministic=DETERMINISTIC,
    membrane="Hodgkin & Huxley 1952, squid giant axon (E_Na +50, E_K -77, E_L "
    "-54.4 mV; 120/36/0.3 mS/cm^2; 1 uF/cm^2; R_i 35.4 ohm cm)",
    stimulus="rectangular current pulse into the sealed end x = 0",
    numerics="Brian2 SpatialNeuron, exponential Euler, cables 8 length constants long",
)


@dataclass(frozen=True)
class Measured:
    """What ``plot()`` draws and the tests check (SI units unless the name says otherwise).

    Attributes
    ----------
    snapshot_x_mm, snapshot_t_ms, snapshot_v_mV, trace_t_ms, trace_near_mV, trace_far_mV
        The pulse along the squid axon at four moments (moments x positions), and at the
        sites near_mm and far_mm over time.
    near_mm, far_mm, lif_t_ms, lif_v_mV, lif_spikes_ms, lif_threshold_mV
        A LIF neuron charging to its first spike as the pulse reaches the near site.
    ladder_uA, ladder_peak_mV, ladder_travels, intervals_ms, second_travels
        Each stimulus of the ladder, the peak 3/4 of the way down, whether the pulse got
        there; each interval of the refractory test, whether the second pulse travelled.
    velocity, exponent, prefactor, reference_velocity, delay_x_mm, delay_t_ms
        Velocities (m/s) of DIAMETERS_UM, the fit prefactor d^exponent (d in um), HH 1952's
        estimate; per diameter, distance along the cable's middle half and delay over it.
    hh_current_rel, hh_rate_Hz, lif_current_rel, lif_rate_Hz, hh_onset_fraction
        f-I curves of the HH patch and the LIF, input relative to each one's onset; the
        patch's rate at onset over its rate at twice the onset current.
    """

    snapshot_x_mm: np.ndarray
    snapshot_t_ms: np.ndarray
    snapshot_v_mV: np.ndarray
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
    velocity: np.ndarray
    exponent: float
    prefactor: float
    reference_velocity: float
    delay_x_mm: tuple
    delay_t_ms: tuple
    hh_current_rel: np.ndarray
    hh_rate_Hz: np.ndarray
    lif_current_rel: np.ndarray
    lif_rate_Hz: np.ndarray
    hh_onset_fraction: float


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Squid cables (ladder, sweep, refractory test), the HH patch's f-I curve, claims."""
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed, **RECORD)
    hh = HHParameters(temperature=float(p.temperature))
    # the all-or-none ladder, diameter sweep and refractory test: one membrane, 2 engine runs
    ladder = squid.ladder_uA(int(p.ladder_points))
    gaps = squid.refractory_intervals_ms(int(p.intervals))
    sweep = dict(diameters_um=DIAMETERS_UM, sweep_resolution=int(p.sweep_resolution))
    runs = squid.squid_runs(hh, ladder=ladder, intervals=gaps, seed=seed, **sweep)
    ladder_recs, sweep_recs, length = runs.ladder, runs.sweep, runs.length
    far_x = squid.FAR * length
    travels = np.array([axon.crossings(r, far_x).size > 0 for r in ladder_recs])
    if not travels.any():
        raise RuntimeError(
            f"pulse_down_the_axon: no stimulus of the ladder (up to {ladder[-1]:g} uA for "
            f"{squid.WIDTH_MS:g} ms) launched a pulse at {p.temperature:g} °C; nothing to show"
        )
    # the pulse up close: the ladder cable nearest the sweep's stimulus that fires
    fired = np.flatnonzero(travels)
    show = ladder_recs[int(fired[np.argmin(np.abs(ladder[fired] - squid.STRONG_UA))])]
    velocity = np.array([axon.conduction_velocity(r) for r in sweep_recs])
    exponent, log_pre = np.polyfit(np.log(DIAMETERS_UM), np.log(velocity), 1)
    delays = [axon.delays_along(r) for r in sweep_recs]  # the middle half, where v is fitted
    findings.data = Measured(
        **_up_close(show, length, runs.time_scale),
        ladder_uA=ladder,
        ladder_peak_mV=np.array([1e3 * r.peak[r.index_at(far_x)] for r in ladder_recs]),
        ladder_travels=travels,
        intervals_ms=runs.intervals_ms,
        second_travels=np.array([axon.crossings(r, 0.5 * length).size >= 2 for r in runs.pairs]),
        velocity=velocity,
        exponent=float(exponent),
        prefactor=float(np.exp(log_pre)),
        reference_velocity=runs.reference_velocity,
        delay_x_mm=tuple(1e3 * x for x, _ in delays),
        delay_t_ms=tuple(1e3 * t for _, t in delays),
        **_fi_curves(hh, p, runs.time_scale, seed),
    )
    _claims(findings, hh, p)
    return findings


def _up_close(show, length, slow) -> dict:
    """The pulse along the axon at four moments and at two sites; a LIF beside it."""
    arrival, far_x = axon.arrival_times(show), squid.FAR * length
    t_first, t_last = float(np.nanmin(arrival)), float(np.nanmax(arrival[show.positions <= far_x]))
    snaps = np.linspace(t_first + 0.3 * (t_last - t_first), t_last, 4)
    snap_idx = np.searchsorted(show.times, snaps)
    near_i, far_i = show.index_at(0.25 * length), show.index_at(far_x)
    # the LIF: closed-form charging from rest under the constant current whose first
    # threshold crossing falls when the HH pulse reaches the near site; then reset, t_ref
    lif, trace_end = LIFParameters(), 1e3 * float(arrival[far_i]) + 1.5 * slow
    keep = 1e3 * show.times <= trace_end
    current = lif_current_for_latency(float(arrival[near_i]) * second, lif)
    lif_t = np.linspace(0.0, trace_end, 801)
    lif_v, lif_spikes = lif_step_response(current, lif_t * ms, lif)
    return dict(
        snapshot_x_mm=1e3 * show.positions,
        snapshot_t_ms=1e3 * show.times[snap_idx],
        snapshot_v_mV=1e3 * show.v[:, snap_idx].T,
        trace_t_ms=1e3 * show.times[keep],
        trace_near_mV=1e3 * show.v[near_i][keep],
        trace_far_mV=1e3 * show.v[far_i][keep],
        near_mm=1e3 * float(show.positions[near_i]),
        far_mm=1e3 * float(show.positions[far_i]),
        lif_t_ms=lif_t,
        lif_v_mV=np.asarray(lif_v / mV, dtype=float),
        lif_spikes_ms=np.asarray(lif_spikes / ms, dtype=float),
        lif_threshold_mV=float(lif.V_th / mV),
    )


def _fi_curves(hh, p, slow, seed) -> dict:
    """One patch of HH membrane (class II) beside the LIF's closed form (class I)."""
    fi_dt = round(FI_DT_MS * slow, 4)
    J = np.linspace(0.0, FI_MAX_UA_CM2, int(p.fi_points))
    timing = dict(dt=fi_dt * ms, transient=FI_TRANSIENT_MS * slow * ms, seed=seed)
    duration = squid.on_grid(float(p.fi_duration / ms) * slow, fi_dt) * ms
    hh_rate, _ = axon.hh_fi_curve(J * 1e-2 * amp / metre**2, hh, duration=duration, **timing)
    lif = LIFParameters()
    J_on, fraction = axon.onset_fraction(J, hh_rate)
    fires = bool(np.isfinite(J_on))
    lif_rel = np.union1d(np.linspace(0.0, J[-1] / J_on if fires else 3.0, 400), [1.01])
    return dict(
        hh_current_rel=J / J_on if fires else J,
        hh_rate_Hz=hh_rate,
        lif_current_rel=lif_rel,
        lif_rate_Hz=np.asarray(lif_rate(lif_rel * lif.rheobase, lif) / (1 / second)),
        hh_onset_fraction=fraction,
    )


def _claims(findings: Findings, hh, p) -> None:
    d = findings.data
    velocity, v_squid, v_ref = d.velocity, float(d.velocity[-1]), d.reference_velocity
    ladder_peak, ladder_travels, intervals = d.ladder_peak_mV, d.ladder_travels, d.intervals_ms
    refractory = float(intervals[d.second_travels][0]) if d.second_travels.any() else float("nan")
    lif = LIFParameters()  # its rate 1 % and 4 % above the rheobase, over twice the rheobase
    rates = np.asarray(lif_rate(np.array([1.01, 1.04, 2.0]) * lif.rheobase, lif) / (1 / second))
    lif_onset_fraction, lif_onset_fraction_coarse = rates[:2] / rates[2]
    conditions = f"HH 1952 squid membrane at {p.temperature:g} °C"
    thin_um, delay = DIAMETERS_UM[0], {"rule": yardsticks.DELAY, "aspect": "signal transmission"}
    findings.claim(
        f"time the action potential takes to cross a cortical column ({COLUMN_MM:g} mm) "
        f"along a thin unmyelinated axon ({thin_um:g} um, like the local axons of the "
        f"cortex; {conditions}), at its measured conduction velocity; a logistic unit's "
        "number reaches the next layer in the same step",
        COLUMN_MM / float(velocity[0]),
        "ms",
        **delay,
        key=True,
        label=f"thin axon across a column, {COLUMN_MM:g} mm",
    )
    findings.claim(
        f"time the action potential takes to travel between cortical areas "
        f"({AREAS_MM / 10:g} cm) along the same thin unmyelinated axon ({thin_um:g} um; "
        f"{conditions}), at its measured conduction velocity",
        AREAS_MM / float(velocity[0]),
        "ms",
        **delay,
        key=True,
        label=f"thin axon between areas, {AREAS_MM / 10:g} cm",
    )
    findings.claim(
        f"time the action potential takes to travel {AREAS_MM / 10:g} cm along the squid "
        f"giant axon (476 um), the fastest unmyelinated axon: the bound for any axon "
        f"without myelin ({conditions})",
        AREAS_MM / v_squid,
        "ms",
        **delay,
        label=f"squid giant axon, {AREAS_MM / 10:g} cm",
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
            below="all-or-none: one size of spike",
            reason="a graded answer like the unit's would change by at least a tenth of "
            "its range over a more than ten-fold range of inputs (a logistic unit's "
            "output changes by far more over any such range of its input)",
        ),
        aspect="output code",
        key=True,
        label="squid axon: peak spread / spike height",
    )
    findings.claim(
        "shortest interval (of those tried) at which a second 10-uA pulse also travels "
        f"half-way down the squid axon: the refractory period ({conditions})",
        refractory,
        "ms",
        rule=yardsticks.MEMORY,
        aspect="memory",
        label="squid axon: refractory period",
    )
    findings.claim(
        "lowest steady firing rate of a patch of HH membrane (current steps from rest), "
        "as a fraction of its rate at twice the onset current; Hodgkin's class II starts "
        f"high, class I from zero ({conditions})",
        d.hh_onset_fraction,
        "",
        rule=Rule.at_most(
            0.25,
            partly=0.5,
            above="it jumps to a high rate (class II)",
            reason="a unit's squashing function rises continuously from its floor, and so "
            "does a class I neuron: at the first firing point of a sweep that resolves the "
            "onset to 1-4 %, the LIF's rate is "
            f"{lif_onset_fraction:.2f}-{lif_onset_fraction_coarse:.2f} of its rate at "
            "twice the rheobase (closed form); more than half is a jump",
        ),
        aspect="nonlinearity",
        key=True,
        label="HH membrane: onset rate / rate at 2x onset",
    )
    findings.claim(
        "conduction velocity of the squid axon (476 um) relative to HH 1952's estimate "
        "sqrt(K a / (2 R_i C_m)), minus 1 (K = 10.47/ms at 18.5 °C, scaled by Q10 "
        "elsewhere; HH computed 18.8 m/s from their equations and measured 21.2 m/s on "
        "the real axon at 18.5 °C)",
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
        label="squid velocity vs HH 1952's estimate",
    )
    findings.claim(
        "exponent x of the fit v ~ d^x over axons 1-476 um in diameter (same membrane; "
        "compartments of one length for all)",
        d.exponent,
        "",
        rule=Rule.between(
            0.45,
            0.55,
            reason="cable theory for unmyelinated axons: the length constant grows as "
            "sqrt(d) at fixed membrane and the velocity with it (Hodgkin 1954)",
        ),
        about="spiking",
        label="velocity vs diameter: exponent",
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
        label="no pulse: depolarisation 6 lambda away",
    )


def plot(findings: Findings):
    """The pulse, all-or-none, refractoriness, velocity, delays over distance, f-I curves."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(20, 10.5))
        grid = fig.add_gridspec(2, 4)
        top = [fig.add_subplot(grid[0, k]) for k in range(4)]
        bottom = [fig.add_subplot(grid[1, cell]) for cell in (0, slice(1, 3), 3)]
        title = "A spike is an all-or-none pulse that travels at a finite speed; "
        title += "a unit's number arrives at once"
        rests_on = {"squid axon: peak spread / spike height": "below"}
        panels = (_snapshots, _up_close_panel, _all_or_none, _refractory, _velocity, _delays)
        for ax, panel in zip([*top, *bottom], (*panels, _fi_panel), strict=True):
            panel(ax, d)
        label_panels([*top, *bottom])
        finish(fig, findings, title, rests_on)
    return fig


def _snapshots(ax, d: Measured) -> None:
    """A: the pulse along the axon at four moments, each labelled with its time."""
    colors = sequence(SPIKING, len(d.snapshot_t_ms))
    for t, v, color in zip(d.snapshot_t_ms, d.snapshot_v_mV, colors, strict=True):
        ax.plot(d.snapshot_x_mm, v, color=color)
        peak, label = int(np.argmax(v)), f"{t:.1f} ms"
        style = {"color": darken(color, 0.85), "fontsize": 10, "ha": "center", "va": "bottom"}
        ax.text(d.snapshot_x_mm[peak], v[peak] + 3, label, **style)
    ax.set_ylim(top=float(np.max(d.snapshot_v_mV)) + 18)
    ax.set(xlabel="distance along the squid axon (mm)", ylabel="membrane potential (mV)")
    ax.set_title(f"the pulse travels at {d.velocity[-1]:.1f} m/s")


def _up_close_panel(ax, d: Measured) -> None:
    """B: a spike at two sites of the axon, the LIF's spike, the unit."""
    label = f"HH axon at {d.near_mm:.0f} mm"
    ax.plot(d.trace_t_ms, d.trace_near_mV, color=shade(SPIKING, 0.5), label=label)
    ax.plot(d.trace_t_ms, d.trace_far_mV, color=SPIKING, label=f"HH axon at {d.far_mm:.0f} mm")
    lif_color, v_th = darken(SPIKING, 0.45), d.lif_threshold_mV
    ax.plot(d.lif_t_ms, d.lif_v_mV, color=lif_color, linestyle="--", label="LIF")
    ax.vlines(d.lif_spikes_ms, v_th, v_th + 20, color=lif_color)
    low = min(np.min([d.trace_near_mV, d.trace_far_mV]), d.lif_v_mV.min())  # notes under it
    text = "LIF spike:\na mark at\nthreshold,\nthen reset"
    ax.text(d.lif_spikes_ms[0] + 0.06, low - 3, text, color=lif_color, va="top")
    text = "logistic unit:\nits number\narrives at once,\nat any distance"
    ax.text(0.98, 0.02, text, color=ARTIFICIAL, transform=ax.transAxes, fontsize=12, ha="right")
    ax.set_ylim(low - 62, 1.6 * np.max([d.trace_near_mV, d.trace_far_mV]) - 0.6 * low)
    ax.set(xlim=(0, d.trace_t_ms[-1]), xlabel="time (ms)", ylabel="membrane potential (mV)")
    delay = (d.far_mm - d.near_mm) / d.velocity[-1]
    ax.set_title(f"{d.far_mm - d.near_mm:.0f} mm further: {delay:.1f} ms later")
    ax.legend(loc="upper right", fontsize=11)  # above the traces: the y axis leaves it room


def _all_or_none(ax, d: Measured) -> None:
    """C: the pulse's peak far down the axon against the stimulus."""
    ax.semilogx(d.ladder_uA, d.ladder_peak_mV, "o-", color=SPIKING)
    ylabel, title = f"peak at {d.far_mm:.0f} mm (mV)", "all or none: a full spike, or nothing"
    ax.set(xlabel="stimulus at x = 0 (µA for 0.2 ms)", ylabel=ylabel, title=title)


def _refractory(ax, d: Measured) -> None:
    """D: whether a second pulse travels, against the interval."""
    ax.plot(d.intervals_ms, d.second_travels.astype(float), "o-", color=SPIKING)
    if d.second_travels.any():
        end = d.intervals_ms[d.second_travels][0]  # named upright, inside its span
        ax.axvspan(0, end, color=shade(NEUTRAL, 0.2))
        ax.text(end / 2, 0.5, "refractory", color=NEUTRAL, rotation=90, ha="center", va="center")
    ax.set(xlim=(0, d.intervals_ms[-1] + 0.3), ylim=(-0.15, 1.15))
    ax.set_yticks([0, 1], ["blocked", "travels"])
    ax.set(xlabel="interval between two pulses (ms)", title="too soon, a second pulse fails")


def _velocity(ax, d: Measured) -> None:
    """E: conduction velocity against diameter, the fit and HH 1952's two values."""
    dd = np.geomspace(DIAMETERS_UM[0], DIAMETERS_UM[-1], 50)
    label = rf"fit: $v \propto d^{{{d.exponent:.2f}}}$"
    ax.loglog(dd, d.prefactor * dd**d.exponent, color=THEORY, linestyle="--", label=label)
    ax.loglog(DIAMETERS_UM, d.velocity, "o", color=SPIKING, label="HH cables")
    squid, marks = [DIAMETERS_UM[-1]], {"color": THEORY, "linestyle": "none"}
    label = f"HH 1952 computed ({d.reference_velocity:.1f} m/s)"
    ax.loglog(squid, [d.reference_velocity], "*", markersize=16, label=label, **marks)
    label = f"HH 1952 measured ({axon.HH1952_MEASURED_VELOCITY:g} m/s)"
    marks.update(markerfacecolor="white", markersize=11, label=label)
    ax.loglog(squid, [axon.HH1952_MEASURED_VELOCITY], "P", **marks)
    ax.set(xlabel="axon diameter (µm)", ylabel="conduction velocity (m/s)")
    ax.set(title="thicker axons are faster")
    ax.legend(loc="upper left", fontsize=10)


def _delays(ax, d: Measured) -> None:
    """F: delay against distance for every diameter, on the yardstick of "at once"."""
    x = np.geomspace(0.1, 100.0, 200)  # mm; mm / (m/s) = ms
    low, high = 0.5 * x[0] / d.velocity.max(), 2.5 * x[-1] / d.velocity.min()
    ax.axhspan(low, AT_ONCE_MS, color=ARTIFICIAL, alpha=0.15, linewidth=0)
    ax.axhspan(AT_ONCE_MS, WINDOW_MS, color=NEUTRAL, alpha=0.12, linewidth=0)
    for k, color in enumerate(sequence(SPIKING, len(DIAMETERS_UM))):
        diameter, v = DIAMETERS_UM[k], d.velocity[k]
        ax.loglog(x, x / v, color=color, linestyle="--", linewidth=1.2)
        ax.loglog(d.delay_x_mm[k][1:], d.delay_t_ms[k][1:], color=color, linewidth=4)
        name = "squid 476 µm" if diameter == DIAMETERS_UM[-1] else f"{diameter:g} µm"
        ax.text(x[-1] * 1.1, x[-1] / v, name, color=color, fontsize=11, va="center")
    points = ((COLUMN_MM, d.velocity[0]), (AREAS_MM, d.velocity[0]), (AREAS_MM, d.velocity[-1]))
    for distance, v in points:
        ax.plot(distance, distance / v, "D", color=SPIKING, markeredgecolor="black", ms=10)
    marks = ((COLUMN_MM, " across a\n column", "left"), (AREAS_MM, "between areas ", "right"))
    for distance, words, ha in marks:  # from "at once" up, named beside it at the top
        ax.plot([distance] * 2, [AT_ONCE_MS, high], color=NEUTRAL, linestyle=":", linewidth=1.3)
        ax.text(distance, 0.9 * high, words, color="0.3", fontsize=12, va="top", ha=ha)
    text = f"at once: < {AT_ONCE_MS:g} ms\n(spike-timing precision)"  # right: curves above 1 ms
    ax.text(x[-1] * 3, AT_ONCE_MS / 1.3, text, color=ARTIFICIAL, fontsize=11, ha="right", va="top")
    text = f"< {WINDOW_MS:g} ms: within the receiver's\nmembrane time constant"
    ax.text(x[0] * 1.1, 0.85 * WINDOW_MS, text, color="0.3", fontsize=11, va="top")
    ax.set(xlim=(x[0], x[-1] * 3.2), ylim=(low, high))
    ax.set(xlabel="distance travelled (mm)", ylabel="delay (ms)")
    title = "how long the answer takes: simulated (thick), at the same speed further (dashed)"
    ax.set_title(title, fontsize=13)


def _fi_panel(ax, d: Measured) -> None:
    """G: where firing starts: the HH patch (class II) and the LIF (class I)."""
    ax.plot(d.hh_current_rel, d.hh_rate_Hz, color=SPIKING, label="HH patch (class II)")
    style = {"color": darken(SPIKING, 0.4), "linestyle": "--", "label": "LIF (class I)"}
    ax.plot(d.lif_current_rel, d.lif_rate_Hz, **style)
    ax.set(xlabel="input current / onset current", ylabel="firing rate (Hz)")
    ax.set(title="where firing starts")
    ax.legend(loc="upper left", fontsize=11)
