"""A neuron's answer depends on its history; a logistic unit's never does.

A logistic unit maps its input to its output afresh at every moment: under a step its
output is constant, and a second identical input gets the identical answer however
soon it follows the first.  A spiking neuron carries state from one moment to the
next.  An adapting AdEx neuron (Naud et al. 2008, Biol Cybern 99:335, Table 1,
"adapting": tau_w = 300 ms, b = 60 pA, step 500 pA) fires fast at the onset of a step
and slows down as its adaptation current w builds up, spike by spike.  After the step
w decays, and so a second identical pulse gets a weaker answer the sooner it comes.
A leaky integrate-and-fire neuron (reset to rest) remembers only its last spike: a
second brief pulse inside the 2 ms refractory period gets no answer at all, one after
it the identical answer.

The figure shows (A) the response to a step, relative to its value at the onset: the
unit's output and the neuron's instantaneous rate (1/ISI); (B) the spikes of the
paired-pulse protocol (pulse, gap, identical pulse) for every gap; (C) the response to
the second pulse relative to the first against the gap, with the exponential recovery
fitted, for the AdEx neuron, the LIF neuron and the unit; (D) the LIF's membrane
potential for a second pulse inside and just after the refractory period.

Definitions.  Adaptation index A = (f_0 - f_inf)/f_0, with f_0 = 1/(first ISI) the
onset rate and f_inf = 1/(last ISI) the adapted rate of a long step (the onset and
steady-state rates of Benda & Herz 2003, Neural Comput 15:2523).  Response to a
pulse: the onset rate 1/(first ISI in the pulse).  Recovery: R(gap) = 1 - D exp(-gap /
tau_rec) fitted to gaps >= 50 ms (three times the fast membrane time constant, after
which w alone carries the memory).  Between pulses the subthreshold AdEx is linear:
w decays with the slow eigenvalue of C dV/dt = -g_L (V - E_L) - w, tau_w dw/dt =
a (V - E_L) - w, tau_slow = 254.6 ms for these parameters (tau_w / (1 + a/g_L) = 257 ms
when V follows w adiabatically); the onset rate's deficit is close to proportional to
w, so tau_rec should be close to tau_slow.  Every gap is one neuron of one Brian2 run
(the pulses are a list of step stimuli with per-condition amplitudes); the LIF
protocol is a second, 12 ms run. No input is random: the run is deterministic.

Keys of the memory row: the adapting neuron under a steady step (its adaptation index)
and under repeated pulses (how long it remembers one). The LIF, which has no adaptation
current, is shown beside it: it remembers only its refractory period.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import curve_fit

from neurosim.artificial import LogisticUnit
from neurosim.bridge.encoding import CurrentEncoding
from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    THEORY,
    label_panels,
    lecture_style,
    new_figure,
    run_note,
)
from neurosim.spiking import AdExParameters, LIFParameters, simulate
from neurosim.stimuli import step
from neurosim.units import amp, ms, mV, nA, pA, second

NAME = "neurons_have_memory"
QUESTION = "Does the neuron's answer depend on its history, as the unit's never does?"
PARAMETERS = (
    Parameter.from_field(AdExParameters, "tau_w", low=100, high=1000, default=300.0),
    Parameter("b", 60.0, "spike-triggered adaptation increment", unit="pA", low=0, high=200),
    Parameter(
        "current", 500.0, "amplitude of the step and of both pulses", unit="pA", low=300, high=1000
    ),
    Parameter("pulse", 200.0, "duration of each pulse", unit="ms", low=50, high=500),
)
COST = 1.5
#: No input is random: every claim is the same for every seed.
DETERMINISTIC = True

#: Onset of the first pulse of the AdEx protocol (ms).
ONSET_MS = 20.0
#: Gaps between the end of pulse 1 and the start of pulse 2, in units of tau_w
#: (10 ms to 800 ms for tau_w = 300 ms).
GAP_FRACTIONS = (1 / 30, 1 / 12, 1 / 6, 1 / 3, 2 / 3, 1.0, 5 / 3, 8 / 3)
QUICK_GAP_FRACTIONS = (1 / 30, 1 / 6, 1 / 3, 2 / 3, 4 / 3)
#: The recovery is fitted to gaps of at least this many fast (membrane) time constants
#: C / g_L, after which w alone carries the memory.
FIT_FROM_FAST = 3.0
#: LIF refractoriness protocol: brief strong pulses (ms, nA) and their gaps (ms).
LIF_ONSET_MS = 1.0
LIF_PULSE_MS = 1.0
LIF_PULSE_NA = 5.0
LIF_GAPS_MS = (0.2, 0.5, 0.8, 1.0, 1.1, 1.2, 1.3, 1.4, 1.6, 2.0, 3.0, 5.0)
#: The two LIF gaps whose voltage traces are drawn (inside / after refractoriness).
LIF_TRACE_GAPS_MS = (1.0, 2.0)
#: LIF membrane decay is fitted from this long after pulse 2 of the first trace (ms).
LIF_DECAY_FROM_MS = 0.5
#: The unit: y = sigmoid(6 x - 3) with x = I / I_step (0 off, 1 on the pulse).
UNIT_WEIGHT, UNIT_BIAS = 6.0, -3.0
DT = 0.1 * ms
#: A rate read to 10 % cannot tell a change smaller than that from a unit's constant.
SAME_ANSWER = 0.10


def slow_time_constant(params: AdExParameters):
    """Slow relaxation time of the subthreshold AdEx near rest (Quantity, second).

    Linearised at V = E_L (the exponential term's slope there, g_L exp((E_L - V_T) /
    Delta_T), is 5e-5 g_L for the adapting regime and is kept):
    d/dt (V, w) = M (V, w) with M = [[-g/C, -1/C], [a/tau_w, -1/tau_w]],
    g = g_L (1 - exp((E_L - V_T)/Delta_T)); returns -1 / (the eigenvalue nearest 0).
    """
    C = float(params.C / (pA * ms / mV))  # pF in pA ms / mV
    g = float(params.g_L / (pA / mV)) * (
        1 - np.exp(float((params.E_L - params.V_T) / params.Delta_T))
    )
    a = float(params.a / (pA / mV))
    tau_w = float(params.tau_w / ms)
    M = np.array([[-g / C, -1 / C], [a / tau_w, -1 / tau_w]])
    slowest = np.max(np.linalg.eigvals(M).real)
    return (-1 / slowest) * ms


def recovery(gap, depth, tau):
    """Exponential recovery of the paired-pulse ratio: 1 - depth exp(-gap / tau)."""
    return 1.0 - depth * np.exp(-np.asarray(gap) / tau)


def _onset_rate(train_s: np.ndarray, start_s: float, stop_s: float) -> float:
    """1 / (first ISI inside [start, stop)), Hz; 0 with fewer than two spikes."""
    inside = train_s[(train_s >= start_s - 1e-9) & (train_s < stop_s - 1e-9)]
    return float(1.0 / (inside[1] - inside[0])) if inside.size > 1 else 0.0


def _pulses(n: int, onsets_ms, duration_ms, amplitude, *, open_ended=()):
    """One step stimulus per condition: condition k gets ``amplitude`` from onsets[k]."""
    stims = []
    for k, onset in enumerate(onsets_ms):
        amp = np.zeros(n)
        amp[k] = 1.0
        offset = None if k in open_ended else (onset + duration_ms) * ms
        stims.append(step(amp * amplitude, onset=onset * ms, offset=offset))
    return stims


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """The unit on the step values; the AdEx and LIF paired-pulse protocols."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        deterministic=DETERMINISTIC,
        neuron="AdEx, regime 'adapting' (Naud et al. 2008) with tau_w and b as set: C 200 pF, "
        "g_L 12 nS, E_L -70 mV, V_T -50 mV, Delta_T 2 mV, a 2 nS, V_reset -58 mV",
        response="onset rate 1/(first ISI in the pulse)",
        adaptation_index="A = (f_0 - f_inf)/f_0, f_0 = 1/first ISI, f_inf = 1/last ISI "
        "of the long step",
        lif=f"LIFParameters() defaults, {LIF_PULSE_MS:g} ms pulses of {LIF_PULSE_NA:g} nA",
        unit=f"LogisticUnit(weights=[{UNIT_WEIGHT:g}], bias={UNIT_BIAS:g}) on x = I / I_step",
        dt_ms=float(DT / ms),
    )
    adex = AdExParameters.regime("adapting").replace(tau_w=p.tau_w, b=p.b)
    current = p.current
    pulse_ms = p.plain("pulse")
    tau_w_ms = p.plain("tau_w")
    fractions = QUICK_GAP_FRACTIONS if quick else GAP_FRACTIONS
    gaps = np.round(tau_w_ms * np.array(fractions), 1)  # on the 0.1 ms grid
    fast_ms = float(adex.C / adex.g_L / ms)
    fit_from = FIT_FROM_FAST * fast_ms
    n_gaps = gaps.size
    n = n_gaps + 1  # the last condition: one long step (the adaptation index)
    on2 = ONSET_MS + pulse_ms + gaps  # pulse-2 onsets (ms)
    duration_ms = float(on2[-1] + pulse_ms)
    d = findings.data
    d.update(
        onset_ms=ONSET_MS,
        pulse_ms=pulse_ms,
        gaps_ms=gaps,
        duration_ms=duration_ms,
        fit_from_ms=fit_from,
        current_pA=float(current / pA),
    )

    # -- stimuli: pulse 1 for everyone, pulse 2 per gap, the long step continues ------------
    first = step(np.ones(n) * current, onset=ONSET_MS * ms, offset=(ONSET_MS + pulse_ms) * ms)
    seconds = _pulses(n, [*on2, ONSET_MS + pulse_ms], pulse_ms, current, open_ended=(n_gaps,))
    stimuli = [first, *seconds]

    # -- artificial side: the unit sees I(t) / I_step at every millisecond -------------------
    encoding = CurrentEncoding(gain=current, offset=0 * nA)
    unit = LogisticUnit(weights=[UNIT_WEIGHT], bias=UNIT_BIAS)
    t_unit = np.arange(0.0, duration_ms, 1.0)  # ms
    drive = sum(s.values(t_unit * 1e-3) for s in stimuli)  # (n, n_t), amp
    x = encoding.decode(drive * amp)
    y = unit.predict_proba(x.reshape(-1, 1)).reshape(x.shape)
    d["unit_t_ms"] = t_unit
    d["unit_x"] = x
    d["unit_output"] = y
    on_step = (t_unit >= ONSET_MS) & (t_unit < duration_ms)
    d["unit_step_change"] = float(np.max(np.abs(y[-1, on_step] - y[-1, on_step][0])))
    p1 = (t_unit >= ONSET_MS) & (t_unit < ONSET_MS + pulse_ms)
    ratios, changes = [], []
    for k in range(n_gaps):
        p2 = (t_unit >= on2[k]) & (t_unit < on2[k] + pulse_ms)
        ratios.append(y[k, p2][0] / y[k, p1][0])
        changes.append(np.max(np.abs(y[k, p2] - y[k, p1])))
    d["unit_ratio"] = np.array(ratios)
    d["unit_history_dependence"] = float(max(max(changes), d["unit_step_change"]))

    # -- spiking side: the AdEx protocol, every gap a neuron of one run ----------------------
    result = simulate(adex, stimuli, duration_ms * ms, dt=DT, seed=seed)
    trains = [np.asarray(tr[0] / second, dtype=float) for tr in result.trains()]
    d["trains_ms"] = [1e3 * tr for tr in trains]
    d["on2_ms"] = on2
    on1_s, end1_s = ONSET_MS * 1e-3, (ONSET_MS + pulse_ms) * 1e-3
    f1 = np.array([_onset_rate(tr, on1_s, end1_s) for tr in trains[:n_gaps]])
    f2 = np.array([_onset_rate(tr, 1e-3 * o, 1e-3 * (o + pulse_ms)) for tr, o in zip(trains, on2)])
    d["rate_pulse1_Hz"], d["rate_pulse2_Hz"] = f1, f2
    d["ratio"] = np.divide(f2, f1, out=np.full(n_gaps, np.nan), where=f1 > 0)
    c1 = np.array([np.sum((tr >= on1_s) & (tr < end1_s)) for tr in trains[:n_gaps]])
    c2 = np.array(
        [np.sum((tr >= 1e-3 * o) & (tr < 1e-3 * (o + pulse_ms))) for tr, o in zip(trains, on2)]
    )
    d["count_pulse1"], d["count_pulse2"] = c1, c2

    # adaptation under the long step
    step_train = trains[-1][trains[-1] >= on1_s]
    intervals = np.diff(step_train)
    d["step_spike_ms"] = 1e3 * step_train
    d["step_rate_Hz"] = 1.0 / intervals  # instantaneous rate, at the ISI's closing spike
    d["step_rate_t_ms"] = 1e3 * step_train[1:]
    if intervals.size >= 2:
        f0, f_inf = 1.0 / intervals[0], 1.0 / intervals[-1]
    else:
        f0 = f_inf = float("nan")
    d["f0_Hz"], d["f_inf_Hz"] = f0, f_inf
    d["adaptation_index"] = (f0 - f_inf) / f0

    # recovery fit
    use = (gaps >= fit_from) & np.isfinite(d["ratio"])
    try:
        (depth, tau), _cov = curve_fit(
            recovery, gaps[use], d["ratio"][use], p0=(0.8, 0.8 * tau_w_ms)
        )
    except (RuntimeError, TypeError):  # too few points or no convergence
        depth = tau = float("nan")
    d["fit_depth"], d["tau_rec_ms"] = float(depth), float(tau)
    d["fit_used"] = use
    d["tau_w_ms"] = tau_w_ms
    d["tau_slow_ms"] = float(slow_time_constant(adex) / ms)
    d["fine_gaps_ms"] = np.geomspace(0.6 * fit_from, gaps.max() * 1.3, 200)
    d["fine_fit"] = recovery(d["fine_gaps_ms"], depth, tau)
    d["fine_slow"] = recovery(d["fine_gaps_ms"], depth, d["tau_slow_ms"])

    # -- spiking side: LIF refractoriness, brief pulses ---------------------------------------
    lif = LIFParameters()
    lif_gaps = np.array(LIF_GAPS_MS)
    lif_on2 = LIF_ONSET_MS + LIF_PULSE_MS + lif_gaps
    lif_duration = float(np.ceil(lif_on2.max() + LIF_PULSE_MS + 4.0))
    m = lif_gaps.size
    lif_stimuli = [
        step(
            np.ones(m) * LIF_PULSE_NA * nA,
            onset=LIF_ONSET_MS * ms,
            offset=(LIF_ONSET_MS + LIF_PULSE_MS) * ms,
        ),
        *_pulses(m, lif_on2, LIF_PULSE_MS, LIF_PULSE_NA * nA),
    ]
    lif_result = simulate(lif, lif_stimuli, lif_duration * ms, dt=DT, record_v=True, seed=seed)
    lif_trains = [1e3 * np.asarray(tr[0] / second, dtype=float) for tr in lif_result.trains()]
    second_pulse = LIF_ONSET_MS + LIF_PULSE_MS  # spikes from here on answer pulse 2
    d["lif_onset_ms"], d["lif_pulse_ms"] = LIF_ONSET_MS, LIF_PULSE_MS
    d["lif_gaps_ms"] = lif_gaps
    d["lif_on2_ms"] = lif_on2
    d["lif_trains_ms"] = lif_trains
    d["lif_count_pulse1"] = np.array([np.sum(tr < second_pulse) for tr in lif_trains])
    d["lif_count_pulse2"] = np.array([np.sum(tr >= second_pulse) for tr in lif_trains])
    d["lif_ratio"] = d["lif_count_pulse2"] / d["lif_count_pulse1"]
    d["lif_latency1_ms"] = np.array([tr[0] - LIF_ONSET_MS for tr in lif_trains])
    d["lif_latency2_ms"] = np.array(
        [
            tr[tr >= second_pulse][0] - o if np.any(tr >= second_pulse) else np.nan
            for tr, o in zip(lif_trains, lif_on2)
        ]
    )
    recovered = lif_gaps[d["lif_ratio"] >= 1]
    d["lif_recovery_gap_ms"] = float(recovered.min()) if recovered.size else float("nan")
    d["lif_t_ref_ms"] = float(lif.t_ref / ms)
    d["lif_tau_m_ms"] = float(lif.tau_m / ms)
    # the gap at which pulse 2 starts just as the refractory period (from the first spike) ends
    d["lif_refractory_end_gap_ms"] = float(
        d["lif_latency1_ms"][0] + d["lif_t_ref_ms"] - LIF_PULSE_MS
    )
    picks = [int(np.flatnonzero(np.isclose(lif_gaps, g))[0]) for g in LIF_TRACE_GAPS_MS]
    d["lif_trace_index"] = np.array(picks)
    d["lif_t_ms"] = np.asarray(lif_result.t / ms, dtype=float)
    d["lif_v_mV"] = np.asarray(lif_result.v[picks, 0, :] / mV, dtype=float)
    d["lif_V_th_mV"], d["lif_V_reset_mV"] = float(lif.V_th / mV), float(lif.V_reset / mV)
    d["lif_E_L_mV"] = float(lif.E_L / mV)
    # membrane memory: the first trace's pulse 2 fails; after it V relaxes to rest.  The
    # decay time from a log-linear fit of V - E_L (closed form: exp(-t / tau_m))
    after = d["lif_t_ms"] >= lif_on2[picks[0]] + LIF_PULSE_MS + LIF_DECAY_FROM_MS
    rise = d["lif_v_mV"][0, after] - d["lif_E_L_mV"]
    slope = np.polyfit(d["lif_t_ms"][after], np.log(rise), 1)[0]
    d["lif_decay_t_ms"] = d["lif_t_ms"][after]
    d["lif_decay_ms"] = float(-1.0 / slope)
    t_decay = d["lif_decay_t_ms"]
    d["lif_decay_theory_mV"] = d["lif_E_L_mV"] + rise[0] * np.exp(
        -(t_decay - t_decay[0]) / d["lif_tau_m_ms"]
    )

    # -- claims --------------------------------------------------------------------------------
    neuron_desc = f"adapting AdEx neuron (tau_w {tau_w_ms:g} ms, b {p.plain('b'):g} pA)"
    adex_desc = f"{neuron_desc}, {p.plain('current'):g} pA pulses of {pulse_ms:g} ms"
    findings.claim(
        f"response (onset rate) to a second identical pulse {gaps[0]:g} ms after the first, "
        f"relative to the first; {adex_desc}; the unit's: exactly 100 %",
        100 * d["ratio"][0],
        "%",
        rule=Rule.at_least(
            100 * (1 - SAME_ANSWER),
            partly=50,
            below="the second answer is weaker: it remembers the first",
            reason="a unit answers an identical input identically; a rate read to 10 % "
            "cannot tell a smaller change; down to half partly",
        ),
        aspect="memory",
        label=f"adapting neuron: same pulse {gaps[0]:g} ms later",
    )
    findings.claim(
        f"adaptation index (f_0 - f_inf)/f_0 of the {neuron_desc} under a "
        f"{p.plain('current'):g} pA step; the unit's output under a step does not change",
        d["adaptation_index"],
        "",
        rule=Rule.at_most(
            SAME_ANSWER,
            partly=0.3,
            above="it adapts: its rate falls under a steady input",
            reason="the unit's index is 0; a rate read to 10 % cannot tell a smaller "
            "change, up to 0.3 (regular-spiking cells adapt by more) partly",
        ),
        aspect="memory",
        key=True,
        label="adapting neuron: a steady step",
    )
    findings.claim(
        f"how long the {adex_desc} remembers a pulse: time constant of the recovery of "
        "the response to a second identical pulse (fit 1 - D exp(-gap/tau)); a unit: 0 ms",
        d["tau_rec_ms"],
        "ms",
        rule=yardsticks.MEMORY,
        aspect="memory",
        key=True,
        label="adapting neuron: repeated pulses",
    )
    findings.claim(
        f"how long a LIF neuron remembers a spike: shortest gap after which a second "
        f"{LIF_PULSE_MS:g} ms pulse of {LIF_PULSE_NA:g} nA fires it again "
        f"({d['lif_t_ref_ms']:g} ms refractory period); later pulses get the identical answer",
        d["lif_recovery_gap_ms"],
        "ms",
        rule=yardsticks.MEMORY,
        aspect="memory",
        label="LIF (no adaptation): repeated pulses",
    )
    findings.claim(
        "recovery time constant of the AdEx neuron relative to the slow time constant of "
        "its linearised subthreshold dynamics (the decay of w)",
        d["tau_rec_ms"] / d["tau_slow_ms"],
        "",
        rule=Rule.between(
            0.85,
            1.15,
            reason="the onset rate's deficit is nearly proportional to w, which decays "
            "with the slow eigenvalue; 15 % for the curvature of rate against drive and "
            "the fast time constant's share at the shortest fitted gaps",
        ),
        about="spiking",
        label="AdEx recovery vs decay of w",
    )
    findings.claim(
        "decay time of a LIF neuron's membrane potential after a subthreshold pulse "
        f"(closed form: exp(-t/tau_m), tau_m {d['lif_tau_m_ms']:g} ms)",
        d["lif_decay_ms"],
        "ms",
        rule=Rule.between(
            0.99 * d["lif_tau_m_ms"],
            1.01 * d["lif_tau_m_ms"],
            reason="the noise-free LIF is integrated exactly; 1 % for the fit",
        ),
        about="spiking",
        label="LIF membrane decay vs tau_m",
    )
    findings.claim(
        "history dependence of the logistic unit: largest change of its output between "
        "two identical inputs, at any gap or time in a step",
        d["unit_history_dependence"],
        "",
        rule=Rule.at_most(
            1e-12,
            reason="a function of the present input alone: identical "
            "inputs give identical outputs, to rounding",
        ),
        about="artificial",
        label="unit: output change, identical inputs",
        by_construction="the unit's output is a function of its present input only",
    )
    return findings


def plot(findings: Findings):
    """Step response (A), paired-pulse raster (B), recovery (C), LIF refractoriness (D)."""
    d = findings.data
    s = d  # the protocol (onset, pulse, gaps) is recorded with the data
    with lecture_style():
        fig = new_figure(figsize=(16, 9.5))
        axes = fig.subplots(2, 2, gridspec_kw={"width_ratios": [1.1, 1]})
        (ax_step, ax_raster), (ax_rec, ax_lif) = axes

        # A: the step
        t_on = s["onset_ms"]
        unit_t = d["unit_t_ms"]
        y = d["unit_output"][-1]
        on = unit_t >= t_on
        ax_step.plot(
            unit_t[on] - t_on,
            y[on] / y[on][0],
            color=ARTIFICIAL,
            label="logistic unit: output / output at onset",
        )
        ax_step.plot(
            d["step_rate_t_ms"] - t_on,
            d["step_rate_Hz"] / d["f0_Hz"],
            "o-",
            color=SPIKING,
            ms=6,
            lw=1.5,
            label="AdEx neuron: rate (1/ISI) / onset rate",
        )
        ax_step.axhline(d["f_inf_Hz"] / d["f0_Hz"], color=NEUTRAL, ls=":", lw=1.5)
        ax_step.text(
            0.98 * (unit_t[-1] - t_on),
            d["f_inf_Hz"] / d["f0_Hz"] + 0.03,
            f"adapted: {d['f_inf_Hz']:.0f} Hz of {d['f0_Hz']:.0f} Hz at onset\n"
            f"adaptation index A = {d['adaptation_index']:.2f}",
            ha="right",
            va="bottom",
            fontsize=12,
            color=SPIKING,
        )
        ax_step.set_xlabel(f"time since step onset (ms), step {s['current_pA']:.0f} pA")
        ax_step.set_ylabel("response relative to onset")
        ax_step.set_ylim(0, 1.15)
        ax_step.set_xlim(-10, unit_t[-1] - t_on)
        ax_step.legend(loc="center right", fontsize=11)
        ax_step.set_title(
            "Same input all along: the unit's answer stays, the rate decays",
            loc="left",
            fontsize=13,
        )

        # B: raster of the paired-pulse protocol (top row: the long step)
        gaps = s["gaps_ms"]
        rows = len(gaps) + 1
        for k in range(rows):
            row = rows - k
            if k < len(gaps):
                spans = [
                    (t_on, t_on + s["pulse_ms"]),
                    (d["on2_ms"][k], d["on2_ms"][k] + s["pulse_ms"]),
                ]
            else:
                spans = [(t_on, s["duration_ms"])]
            for start, stop in spans:
                ax_raster.fill_between(
                    [start, stop], row - 0.42, row + 0.42, color=NEUTRAL, alpha=0.2, lw=0
                )
            ax_raster.vlines(d["trains_ms"][k], row - 0.35, row + 0.35, color=SPIKING, lw=1.6)
        labels = [f"{g:g}" for g in gaps] + ["step"]
        ax_raster.set_yticks(range(rows, 0, -1), labels)
        ax_raster.set_ylabel("gap (ms)")
        ax_raster.set_xlabel("time (ms)")
        ax_raster.set_xlim(0, s["duration_ms"])
        ax_raster.set_ylim(0.4, rows + 0.6)
        ax_raster.set_title(
            "Pulse, gap, identical pulse: fewer spikes after short gaps", loc="left", fontsize=13
        )

        # C: recovery against the gap
        ax_rec.axhline(1.0, color=ARTIFICIAL, lw=2.2, label="logistic unit (any gap)")
        ax_rec.plot(
            d["lif_gaps_ms"],
            d["lif_ratio"],
            "s",
            color=SPIKING,
            mfc="white",
            mew=2,
            ms=8,
            label="LIF: spikes to pulse 2 / pulse 1",
        )
        ax_rec.plot(
            gaps, d["ratio"], "o", color=SPIKING, ms=8, label="AdEx: onset rate, pulse 2 / pulse 1"
        )
        ax_rec.plot(
            d["fine_gaps_ms"],
            d["fine_fit"],
            color=SPIKING,
            lw=1.8,
            label=f"fit: $\\tau_{{rec}}$ = {d['tau_rec_ms']:.0f} ms",
        )
        ax_rec.plot(
            d["fine_gaps_ms"],
            d["fine_slow"],
            color=THEORY,
            ls="--",
            lw=1.5,
            label=f"decay of w: $\\tau$ = {d['tau_slow_ms']:.0f} ms",
        )
        ax_rec.axvline(d["lif_refractory_end_gap_ms"], color=NEUTRAL, ls=":", lw=1.3)
        ax_rec.text(
            d["lif_refractory_end_gap_ms"] * 1.08,
            0.3,
            "LIF refractory\nperiod ends",
            fontsize=11,
            color=NEUTRAL,
            va="center",
        )
        ax_rec.set_xscale("log")
        ax_rec.set_xlabel("gap between the pulses (ms)")
        ax_rec.set_ylabel("response to pulse 2 / pulse 1")
        ax_rec.set_ylim(-0.05, 1.12)
        ax_rec.legend(loc="upper left", bbox_to_anchor=(0.3, 0.88), fontsize=10)
        ax_rec.set_title("The neuron remembers: recovery takes ~$\\tau_w$", loc="left", fontsize=13)

        # D: LIF refractoriness
        t = d["lif_t_ms"]
        styles = ("-", "--")
        for j, k in enumerate(d["lif_trace_index"]):
            gap = d["lif_gaps_ms"][k]
            answer = "no spike" if d["lif_count_pulse2"][k] == 0 else "fires"
            ax_lif.plot(
                t,
                d["lif_v_mV"][j],
                color=SPIKING,
                ls=styles[j],
                lw=2,
                label=f"gap {gap:g} ms: {answer}",
            )
            spikes = d["lif_trains_ms"][k]
            ax_lif.vlines(
                spikes, d["lif_V_th_mV"], d["lif_V_th_mV"] + 12, color=SPIKING, ls=styles[j], lw=2
            )
            on2 = d["lif_on2_ms"][k]
            ax_lif.axvspan(on2, on2 + d["lif_pulse_ms"], color=NEUTRAL, alpha=0.12 + 0.12 * j, lw=0)
            ax_lif.text(
                on2 + d["lif_pulse_ms"] / 2,
                d["lif_V_reset_mV"] - 3,
                f"2nd\n(gap {gap:g})",
                ha="center",
                va="center",
                fontsize=10,
            )
        ax_lif.axvspan(
            d["lif_onset_ms"], d["lif_onset_ms"] + d["lif_pulse_ms"], color=NEUTRAL, alpha=0.3, lw=0
        )
        ax_lif.text(
            d["lif_onset_ms"] + d["lif_pulse_ms"] / 2,
            d["lif_V_reset_mV"] - 3,
            "pulse 1",
            ha="center",
            va="center",
            fontsize=10,
        )
        ax_lif.plot(
            d["lif_decay_t_ms"],
            d["lif_decay_theory_mV"],
            color=THEORY,
            ls=":",
            lw=2.5,
            label=f"exp(−t/$\\tau_m$), $\\tau_m$ = {d['lif_tau_m_ms']:g} ms",
        )
        ax_lif.axhline(d["lif_V_th_mV"], color=NEUTRAL, ls=":", lw=1.2)
        first_spike = d["lif_trains_ms"][d["lif_trace_index"][0]][0]
        y_ref = d["lif_V_reset_mV"] + 4
        ax_lif.annotate(
            "",
            xy=(first_spike, y_ref),
            xytext=(first_spike + d["lif_t_ref_ms"], y_ref),
            arrowprops={"arrowstyle": "<->", "color": "0.3", "lw": 1.3},
        )
        ax_lif.text(
            first_spike + d["lif_t_ref_ms"] / 2 + 0.25,
            y_ref + 0.6,
            f"refractory {d['lif_t_ref_ms']:g} ms",
            ha="center",
            va="bottom",
            fontsize=11,
            color="0.3",
        )
        ax_lif.set_ylim(d["lif_V_reset_mV"] - 6, d["lif_V_th_mV"] + 14)
        ax_lif.set_xlabel("time (ms)")
        ax_lif.set_ylabel("LIF membrane potential (mV)")
        ax_lif.set_xlim(0, t[-1])
        ax_lif.legend(loc="upper right", fontsize=11)
        ax_lif.set_title(
            f"LIF: inside its {d['lif_t_ref_ms']:g} ms refractory period a pulse is ignored",
            loc="left",
            fontsize=13,
        )
        label_panels([ax_step, ax_raster, ax_rec, ax_lif], x=-0.08)
        fig.suptitle(
            "A neuron's answer depends on its history; a logistic unit's never does",
            fontsize=17,
            fontweight="bold",
        )
        run_note(fig, findings.settings)
    return fig
