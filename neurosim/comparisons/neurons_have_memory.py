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

The figure: (A) a step; (B) the spikes of pulse, gap, identical pulse for every gap;
(C) the response to pulse 2 over pulse 1 against the gap; (D) the LIF's refractoriness.

Definitions (:mod:`neurosim.spiking.adaptation`): the response to a pulse is its onset
rate 1/(first ISI in the pulse); the adaptation index A = (f_0 - f_inf)/f_0 compares the
onset and adapted rates of a long step (Benda & Herz 2003, Neural Comput 15:2523); the
recovery R(gap) = 1 - D exp(-gap/tau_rec) is fitted to gaps >= 50 ms (three fast membrane
time constants, after which w alone carries the memory).  Between pulses the
subthreshold AdEx is linear and w decays with its slow time constant, 254.6 ms here
(:meth:`~neurosim.spiking.AdExParameters.subthreshold_time_constants`); the onset rate's
deficit is close to proportional to w, so tau_rec should be close to it.  Every gap is
one neuron of one Brian2 run (:func:`~neurosim.spiking.paired_pulse_experiment`); the
LIF protocol is a second, 12 ms run. No input is random: the run is deterministic.

Keys of the memory row: the adapting neuron under a steady step (its adaptation index)
and under repeated pulses (how long it remembers one). The LIF, which has no adaptation
current, is shown beside it: it remembers only its refractory period.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial import LogisticUnit
from neurosim.bridge.encoding import CurrentEncoding
from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, THEORY, label_panels, new_figure
from neurosim.plotting.panels import spike_lines
from neurosim.plotting.style import lecture_style
from neurosim.spiking import AdExParameters, LIFParameters, paired_pulse_experiment
from neurosim.spiking.adaptation import adaptation_index, fit_recovery, recovery
from neurosim.stimuli import paired_pulses
from neurosim.units import amp, ms, mV, nA, pA

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
LIF_ONSET_MS, LIF_PULSE_MS, LIF_PULSE_NA = 1.0, 1.0, 5.0
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
#: What is run, for the record (``findings.settings``).
RECORD = dict(
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


@dataclass(frozen=True)
class Memory:
    """What ``plot()`` draws and the tests check (times in ms, rates in Hz, potentials in mV).

    Attributes
    ----------
    pulse_ms, duration_ms, current_pA, gaps_ms, on2_ms
        The AdEx protocol: pulse length, run, amplitude; per gap, the gap and pulse 2's onset.
    unit_t_ms, unit_x, unit_output, unit_history_dependence
        The unit's time grid, input I / I_step and output (conditions x times, the step
        last), and the largest change of its output between identical inputs.
    trains_ms, onset_rates_Hz, counts, ratio
        AdEx spikes per condition; per gap and pulse (rows) the onset rate 1/first ISI and
        spike count; the ratio of the onset rates, pulse 2 over pulse 1.
    step_rate_t_ms, step_rate_Hz, f0_Hz, f_inf_Hz, adaptation_index
        The step: rate 1/ISI at each interval's end, onset and adapted rates, their index.
    fit_from_ms, fit_depth, tau_rec_ms, tau_w_ms, tau_slow_ms
        Recovery 1 - D exp(-gap/tau_rec) fitted from fit_from_ms on; tau_w and the slow
        time constant of the linearised AdEx.
    lif_gaps_ms, lif_on2_ms, lif_trains_ms, lif_counts, lif_latencies_ms
        The LIF protocol per gap: pulse-2 onset, spikes, spike count and first spike after
        each pulse's onset (rows: pulse 1, 2; NaN: none).
    lif_recovery_gap_ms, lif_refractory_end_gap_ms, lif_t_ref_ms, lif_tau_m_ms
        Shortest gap answered again, the gap at which pulse 2 starts as t_ref ends; the
        LIF's t_ref and tau_m.
    lif_V_th_mV, lif_V_reset_mV, lif_trace_index, lif_t_ms, lif_v_mV
        Threshold, reset, and two gaps' traces (2 x times).
    lif_decay_t_ms, lif_decay_theory_mV, lif_decay_ms
        The first trace after pulse 2, exp(-t/tau_m) through it, its fitted decay time.
    """

    pulse_ms: float
    duration_ms: float
    current_pA: float
    gaps_ms: np.ndarray
    on2_ms: np.ndarray
    unit_t_ms: np.ndarray
    unit_x: np.ndarray
    unit_output: np.ndarray
    unit_history_dependence: float
    trains_ms: tuple
    onset_rates_Hz: np.ndarray
    counts: np.ndarray
    ratio: np.ndarray
    step_rate_t_ms: np.ndarray
    step_rate_Hz: np.ndarray
    f0_Hz: float
    f_inf_Hz: float
    adaptation_index: float
    fit_from_ms: float
    fit_depth: float
    tau_rec_ms: float
    tau_w_ms: float
    tau_slow_ms: float
    lif_gaps_ms: np.ndarray
    lif_on2_ms: np.ndarray
    lif_trains_ms: tuple
    lif_counts: np.ndarray
    lif_latencies_ms: np.ndarray
    lif_recovery_gap_ms: float
    lif_refractory_end_gap_ms: float
    lif_t_ref_ms: float
    lif_tau_m_ms: float
    lif_V_th_mV: float
    lif_V_reset_mV: float
    lif_trace_index: np.ndarray
    lif_t_ms: np.ndarray
    lif_v_mV: np.ndarray
    lif_decay_t_ms: np.ndarray
    lif_decay_theory_mV: np.ndarray
    lif_decay_ms: float


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """The unit on the step values; the AdEx and LIF paired-pulse protocols."""
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed, **RECORD)
    adex = AdExParameters.regime("adapting").replace(tau_w=p.tau_w, b=p.b)
    pulse_ms, tau_w_ms = p.plain("pulse"), p.plain("tau_w")
    fractions = QUICK_GAP_FRACTIONS if quick else GAP_FRACTIONS
    gaps = np.round(tau_w_ms * np.array(fractions), 1)  # on the 0.1 ms grid
    on2 = ONSET_MS + pulse_ms + gaps  # pulse-2 onsets (ms)
    duration_ms = float(on2[-1] + pulse_ms)
    # stimulus: pulse, gap, identical pulse per gap; the last condition a step that stays on
    protocol = dict(onset=ONSET_MS * ms, width=p.pulse, gaps=gaps * ms, hold=True)
    # artificial side: the unit sees I(t) / I_step at every millisecond
    unit = _unit_answers(
        paired_pulses(p.current, **protocol), p.current, duration_ms, on2, pulse_ms
    )
    # spiking side: every gap (and the step) a neuron of one run; then the LIF's protocol
    pairs = paired_pulse_experiment(
        adex, p.current, **protocol, duration=duration_ms * ms, dt=DT, seed=seed
    )
    findings.data = Memory(
        pulse_ms=pulse_ms,
        duration_ms=duration_ms,
        current_pA=float(p.current / pA),
        gaps_ms=gaps,
        on2_ms=on2,
        **unit,
        **_adex_memory(adex, pairs, gaps, tau_w_ms),
        **_lif_memory(seed),
    )
    _claims(findings, p)
    return findings


def _unit_answers(stimuli, current, duration_ms, on2, pulse_ms) -> dict:
    """The logistic unit's output on the protocol, and how much it depends on history."""
    encoding = CurrentEncoding(gain=current, offset=0 * nA)
    unit = LogisticUnit(weights=[UNIT_WEIGHT], bias=UNIT_BIAS)
    t = np.arange(0.0, duration_ms, 1.0)  # ms
    x = encoding.decode(sum(s.values(t * 1e-3) for s in stimuli) * amp)
    y = unit.predict_proba(x.reshape(-1, 1)).reshape(x.shape)
    on_step = (t >= ONSET_MS) & (t < duration_ms)
    step_change = float(np.max(np.abs(y[-1, on_step] - y[-1, on_step][0])))
    p1 = (t >= ONSET_MS) & (t < ONSET_MS + pulse_ms)
    p2 = [(t >= o) & (t < o + pulse_ms) for o in on2]
    changes = [np.max(np.abs(y[k, w] - y[k, p1])) for k, w in enumerate(p2)]
    return dict(
        unit_t_ms=t,
        unit_x=x,
        unit_output=y,
        unit_history_dependence=float(max(max(changes), step_change)),
    )


def _adex_memory(adex, pairs, gaps, tau_w_ms) -> dict:
    """Adaptation under the step, and how long the neuron remembers a pulse."""
    f1, f2 = pairs.onset_rates
    ratio = np.divide(f2, f1, out=np.full(gaps.size, np.nan), where=f1 > 0)
    step_train = pairs.trains[-1][pairs.trains[-1] >= ONSET_MS * 1e-3]
    f0, f_inf, index = adaptation_index(step_train)
    fit_from = FIT_FROM_FAST * float(adex.tau_m / ms)
    use = (gaps >= fit_from) & np.isfinite(ratio)
    depth, tau = fit_recovery(gaps[use], ratio[use], tau_guess=0.8 * tau_w_ms)
    tau_slow = float(adex.subthreshold_time_constants()[1] / ms)
    return dict(
        trains_ms=tuple(1e3 * tr for tr in pairs.trains),
        onset_rates_Hz=pairs.onset_rates,
        counts=pairs.counts,
        ratio=ratio,
        step_rate_t_ms=1e3 * step_train[1:],
        step_rate_Hz=1.0 / np.diff(step_train),  # instantaneous rate, at the closing spike
        f0_Hz=f0,
        f_inf_Hz=f_inf,
        adaptation_index=index,
        fit_from_ms=fit_from,
        fit_depth=depth,
        tau_rec_ms=tau,
        tau_w_ms=tau_w_ms,
        tau_slow_ms=tau_slow,
    )


def _lif_memory(seed: int) -> dict:
    """The LIF's paired pulses: refractoriness, then its membrane relaxing to rest."""
    lif, gaps = LIFParameters(), np.array(LIF_GAPS_MS)
    on2 = LIF_ONSET_MS + LIF_PULSE_MS + gaps
    pulses = dict(onset=LIF_ONSET_MS * ms, width=LIF_PULSE_MS * ms, gaps=gaps * ms, dt=DT)
    end = float(np.ceil(on2.max() + LIF_PULSE_MS + 4.0)) * ms
    pairs = paired_pulse_experiment(
        lif, LIF_PULSE_NA * nA, **pulses, duration=end, record_v=True, seed=seed
    )
    ratio = pairs.counts[1] / pairs.counts[0]
    latency1 = 1e3 * pairs.latencies[0]
    recovered = gaps[ratio >= 1]
    t_ref, tau_m, rest = float(lif.t_ref / ms), float(lif.tau_m / ms), float(lif.E_L / mV)
    picks = [int(np.flatnonzero(np.isclose(gaps, g))[0]) for g in LIF_TRACE_GAPS_MS]
    t, v = pairs.t / 1e-3, pairs.v[picks] / 1e-3  # ms, mV
    # membrane memory: the first trace's pulse 2 fails; after it V relaxes to rest.  The
    # decay time from a log-linear fit of V - E_L (closed form: exp(-t / tau_m))
    after = t >= on2[picks[0]] + LIF_PULSE_MS + LIF_DECAY_FROM_MS
    rise = v[0, after] - rest
    slope = np.polyfit(t[after], np.log(rise), 1)[0]
    return dict(
        lif_gaps_ms=gaps,
        lif_on2_ms=on2,
        lif_trains_ms=tuple(1e3 * tr for tr in pairs.trains),
        lif_counts=pairs.counts,
        lif_latencies_ms=1e3 * pairs.latencies,
        lif_recovery_gap_ms=float(recovered.min()) if recovered.size else float("nan"),
        # the gap at which pulse 2 starts just as the refractory period (from spike 1) ends
        lif_refractory_end_gap_ms=float(latency1[0] + t_ref - LIF_PULSE_MS),
        lif_t_ref_ms=t_ref,
        lif_tau_m_ms=tau_m,
        lif_V_th_mV=float(lif.V_th / mV),
        lif_V_reset_mV=float(lif.V_reset / mV),
        lif_trace_index=np.array(picks),
        lif_t_ms=t,
        lif_v_mV=v,
        lif_decay_t_ms=t[after],
        lif_decay_theory_mV=rest + rise[0] * np.exp(-(t[after] - t[after][0]) / tau_m),
        lif_decay_ms=float(-1.0 / slope),
    )


def _claims(findings: Findings, p) -> None:
    d = findings.data
    neuron_desc = f"adapting AdEx neuron (tau_w {d.tau_w_ms:g} ms, b {p.plain('b'):g} pA)"
    adex_desc = f"{neuron_desc}, {p.plain('current'):g} pA pulses of {d.pulse_ms:g} ms"
    findings.claim(
        f"response (onset rate) to a second identical pulse {d.gaps_ms[0]:g} ms after the "
        f"first, relative to the first; {adex_desc}; the unit's: exactly 100 %",
        100 * d.ratio[0],
        "%",
        rule=Rule.at_least(
            100 * (1 - SAME_ANSWER),
            partly=50,
            below="the second answer is weaker: it remembers the first",
            reason="a unit answers an identical input identically; a rate read to 10 % "
            "cannot tell a smaller change; down to half partly",
        ),
        aspect="memory",
        label=f"adapting neuron: same pulse {d.gaps_ms[0]:g} ms later",
    )
    findings.claim(
        f"adaptation index (f_0 - f_inf)/f_0 of the {neuron_desc} under a "
        f"{p.plain('current'):g} pA step; the unit's output under a step does not change",
        d.adaptation_index,
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
        label="adapting neuron: adaptation index, step",
    )
    findings.claim(
        f"how long the {adex_desc} remembers a pulse: time constant of the recovery of "
        "the response to a second identical pulse (fit 1 - D exp(-gap/tau)); a unit: 0 ms",
        d.tau_rec_ms,
        "ms",
        rule=yardsticks.MEMORY,
        aspect="memory",
        key=True,
        label="adapting neuron: repeated pulses",
    )
    findings.claim(
        f"how long a LIF neuron remembers a spike: shortest gap after which a second "
        f"{LIF_PULSE_MS:g} ms pulse of {LIF_PULSE_NA:g} nA fires it again "
        f"({d.lif_t_ref_ms:g} ms refractory period); later pulses get the identical answer",
        d.lif_recovery_gap_ms,
        "ms",
        rule=yardsticks.MEMORY,
        aspect="memory",
        label="LIF (no adaptation): repeated pulses",
    )
    findings.claim(
        "recovery time constant of the AdEx neuron relative to the slow time constant of "
        "its linearised subthreshold dynamics (the decay of w)",
        d.tau_rec_ms / d.tau_slow_ms,
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
        f"(closed form: exp(-t/tau_m), tau_m {d.lif_tau_m_ms:g} ms)",
        d.lif_decay_ms,
        "ms",
        rule=Rule.between(
            0.99 * d.lif_tau_m_ms,
            1.01 * d.lif_tau_m_ms,
            reason="the noise-free LIF is integrated exactly; 1 % for the fit",
        ),
        about="spiking",
        label="LIF membrane decay vs tau_m",
    )
    findings.claim(
        "history dependence of the logistic unit: largest change of its output between "
        "two identical inputs, at any gap or time in a step",
        d.unit_history_dependence,
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


def plot(findings: Findings):
    """Step response (A), paired-pulse raster (B), recovery (C), LIF refractoriness (D)."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(16, 9.5))
        axes = fig.subplots(2, 2, gridspec_kw={"width_ratios": [1.1, 1]}).ravel()
        for ax, panel in zip(axes, (_step, _raster, _recovery, _lif), strict=True):
            panel(ax, d)
        label_panels(axes, x=-0.08)
        title = "A neuron's answer depends on its history; a logistic unit's never does"
        rests_on = {"adapting neuron: same pulse 10 ms later": "below"}
        finish(fig, findings, title, rests_on, fontsize=17, fontweight="bold")
    return fig


def _step(ax, d: Memory) -> None:
    """A: the same input all along: the unit's output and the neuron's rate."""
    t, y, on = d.unit_t_ms - ONSET_MS, d.unit_output[-1], d.unit_t_ms >= ONSET_MS
    label = "logistic unit: output / output at onset"
    ax.plot(t[on], y[on] / y[on][0], color=ARTIFICIAL, label=label)
    label = "AdEx neuron: rate (1/ISI) / onset rate"
    rate = d.step_rate_Hz / d.f0_Hz
    ax.plot(d.step_rate_t_ms - ONSET_MS, rate, "o-", color=SPIKING, ms=6, lw=1.5, label=label)
    adapted = d.f_inf_Hz / d.f0_Hz
    ax.axhline(adapted, color=NEUTRAL, ls=":", lw=1.5)
    text = (
        f"adapted: {d.f_inf_Hz:.0f} Hz of {d.f0_Hz:.0f} Hz at onset\n"
        f"adaptation index A = {d.adaptation_index:.2f}"
    )
    ax.text(0.98 * t[-1], adapted + 0.03, text, ha="right", va="bottom", fontsize=12, color=SPIKING)
    xlabel = f"time since step onset (ms), step {d.current_pA:.0f} pA"
    ax.set(xlabel=xlabel, ylabel="response relative to onset", ylim=(0, 1.15), xlim=(-10, t[-1]))
    ax.legend(loc="center right", fontsize=11)
    title = "Same input all along: the unit's answer stays, the rate decays"
    ax.set_title(title, loc="left", fontsize=13)


def _raster(ax, d: Memory) -> None:
    """B: the spikes of the paired-pulse protocol, one row per gap (top row: the step)."""
    rows = len(d.gaps_ms) + 1
    for k in range(rows):
        row = rows - k
        spans = [(ONSET_MS, d.duration_ms)]  # the step
        if k < len(d.gaps_ms):
            spans = [(ONSET_MS, ONSET_MS + d.pulse_ms), (d.on2_ms[k], d.on2_ms[k] + d.pulse_ms)]
        for start, stop in spans:
            ax.fill_between([start, stop], row - 0.42, row + 0.42, color=NEUTRAL, alpha=0.2, lw=0)
        ax.vlines(d.trains_ms[k], row - 0.35, row + 0.35, color=SPIKING, lw=1.6)
    ax.set_yticks(range(rows, 0, -1), [f"{g:g}" for g in d.gaps_ms] + ["step"])
    ax.set(ylabel="gap (ms)", xlabel="time (ms)", xlim=(0, d.duration_ms), ylim=(0.4, rows + 0.6))
    title = "Pulse, gap, identical pulse: fewer spikes after short gaps"
    ax.set_title(title, loc="left", fontsize=13)


def _recovery(ax, d: Memory) -> None:
    """C: the answer to pulse 2 relative to pulse 1 against the gap, with the fits."""
    ax.axhline(1.0, color=ARTIFICIAL, lw=2.2, label="logistic unit (any gap)")
    label = "LIF: spikes to pulse 2 / pulse 1"
    ratio = d.lif_counts[1] / d.lif_counts[0]
    ax.plot(d.lif_gaps_ms, ratio, "s", color=SPIKING, mfc="white", mew=2, ms=8, label=label)
    label = "AdEx: onset rate, pulse 2 / pulse 1"
    ax.plot(d.gaps_ms, d.ratio, "o", color=SPIKING, ms=8, label=label)
    fine = np.geomspace(0.6 * d.fit_from_ms, d.gaps_ms.max() * 1.3, 200)  # the fitted curves
    label = f"fit: $\\tau_{{rec}}$ = {d.tau_rec_ms:.0f} ms"
    ax.plot(fine, recovery(fine, d.fit_depth, d.tau_rec_ms), color=SPIKING, lw=1.8, label=label)
    label = f"decay of w: $\\tau$ = {d.tau_slow_ms:.0f} ms"
    curve = recovery(fine, d.fit_depth, d.tau_slow_ms)
    ax.plot(fine, curve, color=THEORY, ls="--", lw=1.5, label=label)
    end = d.lif_refractory_end_gap_ms
    ax.axvline(end, color=NEUTRAL, ls=":", lw=1.3)
    text = "LIF refractory\nperiod ends"
    ax.text(end * 1.08, 0.3, text, fontsize=11, color=NEUTRAL, va="center")
    ylabel = "response to pulse 2 / pulse 1"
    ax.set(xscale="log", xlabel="gap between the pulses (ms)", ylabel=ylabel, ylim=(-0.05, 1.12))
    ax.legend(loc="upper left", bbox_to_anchor=(0.3, 0.88), fontsize=10)
    ax.set_title("The neuron remembers: recovery takes ~$\\tau_w$", loc="left", fontsize=13)


def _lif(ax, d: Memory) -> None:
    """D: the LIF's potential for a second pulse inside and after its refractory period."""
    v_th, v_reset, t_ref, width = d.lif_V_th_mV, d.lif_V_reset_mV, d.lif_t_ref_ms, LIF_PULSE_MS
    note = {"ha": "center", "va": "center", "fontsize": 10}
    for j, k in enumerate(d.lif_trace_index):
        gap, style = d.lif_gaps_ms[k], ("-", "--")[j]
        label = f"gap {gap:g} ms: {'no spike' if d.lif_counts[1, k] == 0 else 'fires'}"
        ax.plot(d.lif_t_ms, d.lif_v_mV[j], color=SPIKING, ls=style, lw=2, label=label)
        spike_lines(ax, d.lif_trains_ms[k], v_th, height_mV=12, linestyle=style, linewidth=2)
        on2 = d.lif_on2_ms[k]
        ax.axvspan(on2, on2 + width, color=NEUTRAL, alpha=0.12 + 0.12 * j, lw=0)
        ax.text(on2 + width / 2, v_reset - 3, f"2nd\n(gap {gap:g})", **note)
    ax.axvspan(LIF_ONSET_MS, LIF_ONSET_MS + width, color=NEUTRAL, alpha=0.3, lw=0)
    ax.text(LIF_ONSET_MS + width / 2, v_reset - 3, "pulse 1", **note)
    label = f"exp(−t/$\\tau_m$), $\\tau_m$ = {d.lif_tau_m_ms:g} ms"
    ax.plot(d.lif_decay_t_ms, d.lif_decay_theory_mV, color=THEORY, ls=":", lw=2.5, label=label)
    ax.axhline(v_th, color=NEUTRAL, ls=":", lw=1.2)
    first, y = d.lif_trains_ms[d.lif_trace_index[0]][0], v_reset + 4
    arrow = {"arrowstyle": "<->", "color": "0.3", "lw": 1.3}
    ax.annotate("", xy=(first, y), xytext=(first + t_ref, y), arrowprops=arrow)
    text, grey = f"refractory\n{t_ref:g} ms", {"fontsize": 11, "color": "0.3"}  # narrow:
    ax.text(first + t_ref / 2, y + 0.6, text, ha="center", va="bottom", **grey)  # no trace
    ax.set(ylim=(v_reset - 6, v_th + 14), xlabel="time (ms)", xlim=(0, d.lif_t_ms[-1]))
    ax.set_ylabel("LIF membrane potential (mV)")
    ax.legend(loc="upper right", fontsize=11)
    title = f"LIF: inside its {t_ref:g} ms refractory period a pulse is ignored"
    ax.set_title(title, loc="left", fontsize=13)
