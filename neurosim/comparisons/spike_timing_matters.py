"""Same input rates, different timing: below threshold the neuron's output changes, a unit's cannot.

Question: does it matter when the input spikes arrive, or only how many?

A logistic unit reads its inputs as numbers -- here the firing rate of each input -- so two
patterns with the same rate on every input give it the same output, to the last bit.  A
leaky integrate-and-fire neuron (:class:`~neurosim.spiking.LIFParameters` defaults: tau_m
20 ms, rest = reset -65 mV, threshold -50 mV, t_ref 2 ms, no noise) reads spikes: each
input spike makes its membrane jump by w, and the jumps decay with tau_m.  Every pattern
below has the same rate on every input.

* synchronous vs shuffled: N = 25 inputs, w = 1 mV each, 20 spikes per second on every
  input.  Synchronous: all inputs fire together, in volleys at random times (at least
  3 ms apart, longer than t_ref); each 25 mV volley crosses the 15 mV from rest to
  threshold at once, so the neuron fires once per volley.  Shuffled (asynchronous): every
  spike moved to a uniformly random time step of the run, so each input keeps its count.
  The mean depolarisation is the same, w N r tau_m = 10 mV (Campbell's theorem), with
  standard deviation s = sqrt(w^2 N r tau_m / 2) = 2.24 mV.
* the regime: a constant current I adds R I to the inputs' mean; the sweep sets the total
  mean drive mu = R I + w N r tau_m from below to above the distance to threshold
  V_th - E_L.  Below it (*fluctuation-driven*, the regime of cortex in vivo: Destexhe,
  Rudolph & Pare 2003, Nat Rev Neurosci 4:739) only coincident input reaches threshold,
  and synchrony multiplies the output.  Above it (*mean-driven*) the neuron fires on the
  mean alone, and timing matters the other way round: a 25 mV volley overshoots threshold
  by 10 mV and the reset throws the excess away, so synchronous input drives the neuron
  *less* than the same spikes shuffled (the ratio crosses 1 near threshold, falls to about
  0.4 at 1.6 times the distance to threshold, and climbs back towards 1 only when the
  added current alone makes the neuron fire fast).  The claims name the regime: the
  lowest level, and the mean-driven level where the ratio is farthest from 1.
* jitter: each spike of the synchronous pattern moved by an independent Gaussian time of
  SD 0 to 200 ms (wrapped round the run, so every input keeps its count); inputs alone.

The order in which inputs arrive along a dendrite is the next comparison's question
(:mod:`neurosim.comparisons.input_order`).

The unit (:class:`~neurosim.artificial.LogisticUnit`, :func:`unit_outputs`) reads the
per-input rates and the added current; any weights would do.  Every pattern
(:mod:`neurosim.stimuli.patterns`) is a neuron of one Brian2 run (dt = 0.1 ms); error bars
are standard errors over the realisations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim import spiking
from neurosim.artificial import LogisticUnit
from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    clear_note,
    inputs_over_trace,
    label_panels,
    lecture_style,
    log_ratio_axis,
    membrane_trace,
    new_figure,
)
from neurosim.spiking import LIFParameters, Simulation, seeds_as_batch
from neurosim.stimuli import PatternBatch, equal_rate_patterns, pattern_batch
from neurosim.units import Hz, ms, mV, second

NAME = "spike_timing_matters"
QUESTION = "Does it matter when the input spikes arrive, or only how many?"
PARAMETERS = (
    Parameter.from_field(LIFParameters, "tau_m", low=5, high=50),
    Parameter("n_inputs", 25, "inputs per neuron (all fire in each volley)", low=5, high=100),
    Parameter("input_rate", 20.0, "firing rate of every input", unit="Hz", low=2, high=50),
    Parameter("weight", 1.0, "membrane jump per input spike", unit="mV", low=0.1, high=5),
    Parameter("drive_low", 0.6, "lowest mean drive of the sweep / (V_th - E_L)", low=0.3, high=0.9),
    Parameter(
        "drive_high", 3.0, "highest mean drive of the sweep / (V_th - E_L)", low=1.1, high=4.0
    ),
    Parameter("drive_levels", 8, "mean-drive levels of the sweep", low=2, high=20),
    Parameter("duration", 1500.0, "simulated time", unit="ms", low=300, high=20000, quick=700.0),
    Parameter("realisations", 20, "independent patterns per condition", low=3, high=100, quick=10),
)
COST = 4.0
#: Live updates (explore()): quick settings plus these, so the run takes about 0.75 s on
#: 2 cores (measured, benchmarks/bench_explore.py; one Brian2 run, its 3000 steps are the
#: time). What the figure loses: each pattern is 300 ms of input instead of 700 ms, so each
#: output rate counts fewer spikes and the ratios of C and D scatter more (standard errors
#: about 1.5 times larger, the jitter curve less smooth at long jitters; the fluctuation-
#: driven ratio, of a few spikes, moves most: 8.6 at seed 0 where the quick run has 10.8).
EXPLORE = {"duration": 300.0}

DT_MS = 0.1
#: The LIF's rest and the distance from rest to threshold (LIFParameters defaults), mV.
E_L_MV = float(LIFParameters().E_L / mV)
GAP_MV = float((LIFParameters().V_th - LIFParameters().E_L) / mV)
#: Gaussian jitter SDs of the synchronous pattern (ms); 0 is the synchronous pattern.
JITTERS_MS = np.array([0.0, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0, 50.0, 100.0, 200.0])
#: Volleys are at least this many steps + 1 apart (3 ms at dt = 0.1 ms: longer than the
#: 2 ms refractory period, so every volley finds the neuron ready to fire).
MIN_GAP_STEPS = 29
#: Window of the voltage traces in the figure (ms).
TRACE_WINDOW_MS = (0.0, 300.0)
#: Spikes are drawn as lines this far above threshold (the LIF has no spike shape).
SPIKE_HEIGHT_MV = 20.0

#: The run's settings beside the parameters: how the models read the input.
SETTINGS = {
    "dt_ms": DT_MS,
    "encoding": "input spikes are membrane jumps of `weight`; the unit reads each input's "
    "rate (count / duration) and the added current",
    "neuron": "LIFParameters defaults except tau_m: E_L = V_reset -65 mV, V_th -50 mV, "
    "R 100 MOhm, t_ref 2 ms, no membrane noise; exact integration",
    "regimes": "fluctuation-driven: mean drive below V_th - E_L; mean-driven: above",
}


@dataclass(frozen=True)
class Measured:
    """What plot() needs, and the numbers the claims and tests read (units in the names).

    Attributes
    ----------
    n_inputs, realisations, duration_s, tau_m_ms : number
        Inputs per volley pattern, patterns per condition, the run, the membrane.
    input_drive, drive_levels : float, ndarray
        The inputs' mean depolarisation (Campbell: w N r tau_m) and the sweep's mean
        drives, over the distance to threshold ``GAP_MV``.
    unit_output : ndarray
        The unit's output per neuron, in the order of :func:`patterns`.
    timing_rates_Hz, timing_rate_Hz, timing_rate_se_Hz : ndarray
        Output with inputs alone ``(jitters + 1, realisations)``, shuffled last; mean, SE.
    sweep_rates_Hz, sweep_ratio, sweep_ratio_se : ndarray
        The sweep ``(levels, [synchronous, shuffled], realisations)``; synchronous /
        shuffled (ratio of means) and its SE, per level.
    ratio, unit_difference : float
        Synchronous / shuffled, inputs alone; the largest difference of the unit's outputs.
    t_ms, v_mV, spikes_ms : ndarray, ndarray (2, T), tuple
        Potential (over ``TRACE_WINDOW_MS``) and spikes (the whole run) of the neurons
        shown (first synchronous, first shuffled), read through :meth:`trace`.
    input_ms, input_row : tuple of ndarray
        Input spikes (time, input) in ``TRACE_WINDOW_MS``: synchronous, shuffled.
    """

    n_inputs: int
    realisations: int
    duration_s: float
    tau_m_ms: float
    input_drive: float
    drive_levels: np.ndarray
    unit_output: np.ndarray
    timing_rates_Hz: np.ndarray
    timing_rate_Hz: np.ndarray
    timing_rate_se_Hz: np.ndarray
    sweep_rates_Hz: np.ndarray
    sweep_ratio: np.ndarray
    sweep_ratio_se: np.ndarray
    ratio: float
    unit_difference: float
    t_ms: np.ndarray
    v_mV: np.ndarray
    spikes_ms: tuple
    input_ms: tuple
    input_row: tuple

    @property
    def relative_rates(self) -> np.ndarray:
        """Output with inputs alone (jitters, then shuffled) / output for synchronous input."""
        with np.errstate(divide="ignore", invalid="ignore"):  # NaN if it never fired
            return self.timing_rate_Hz / self.timing_rate_Hz[0]

    def unit_ratios(self) -> tuple[np.ndarray, np.ndarray]:
        """The unit's output relative to synchronous input, per jitter, and synchronous /
        shuffled, per drive level (first realisations)."""
        reps, n_timing = self.realisations, (JITTERS_MS.size + 1) * self.realisations
        sweep = self.unit_output[n_timing:].reshape(-1, 2, reps)
        jitter = self.unit_output[: n_timing - reps : reps]
        return jitter / self.unit_output[0], sweep[:, 0, 0] / sweep[:, 1, 0]

    def trace(self, k: int, window) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Time, potential and spikes of shown neuron ``k`` in ``window = (lo, hi)`` ms."""
        keep = (self.t_ms >= window[0]) & (self.t_ms < window[1])
        s = self.spikes_ms[k]
        return self.t_ms[keep], self.v_mV[k, keep], s[(s >= window[0]) & (s < window[1])]


# -- the stimulus ---------------------------------------------------------------------
def drive_levels(p) -> np.ndarray:
    """The swept mean drives, relative to the distance from rest to threshold."""
    return np.linspace(p.drive_low, p.drive_high, int(p.drive_levels))


def mean_input_mv(p) -> float:
    """The inputs' mean depolarisation, w N r tau_m (Campbell's theorem), in mV."""
    mean, _ = spiking.shot_noise_drive(
        [int(p.n_inputs) * float(p.input_rate / Hz)] * Hz, p.weight, p.tau_m
    )
    return float(mean / mV)


def patterns(p, *, seed: int = 0) -> tuple[PatternBatch, PatternBatch]:
    """Every condition of :func:`run`, one neuron each: the timing and the sweep batches.

    Timing (inputs alone): ``realisations`` patterns per jitter, then as many shuffled.
    Sweep: per drive level the synchronous and the shuffled realisations, with the added
    drive.
    """
    rng = np.random.default_rng(seed)
    n_in, reps, duration_s = int(p.n_inputs), int(p.realisations), float(p.duration / second)
    n_steps = round(duration_s / (DT_MS * 1e-3))
    n_volleys = round(float(p.input_rate / Hz) * duration_s)
    grid = {"dt": DT_MS * ms, "rng": rng, "min_gap_steps": MIN_GAP_STEPS, "realisations": reps}
    timing = equal_rate_patterns(n_in, n_volleys, n_steps, jitters=JITTERS_MS * ms, **grid)
    levels = drive_levels(p)
    sweep = [equal_rate_patterns(n_in, n_volleys, n_steps, jitters=0 * ms, **grid) for _ in levels]
    drive = np.repeat(levels * GAP_MV - mean_input_mv(p), 2 * reps) * mV
    sweep = [b for level in sweep for b in level]
    return (
        pattern_batch(timing, dt=DT_MS * ms, weight=p.weight),
        pattern_batch(sweep, dt=DT_MS * ms, weight=p.weight, drive=drive),
    )


def unit_outputs(batch: PatternBatch, duration_s: float, scale_mv: float, tau_s: float):
    """The logistic unit's output for each condition of a batch: it reads the input rates.

    Weights ``w tau_m / s`` per input's rate (Hz) and ``1 / s`` for the added drive (mV),
    bias ``-(V_th - E_L) / s``: its weighted sum is the mean drive relative to threshold
    in units of ``s`` (one unit per batch: its conditions share ``w`` and the inputs).
    """
    rates = np.array([[b.shape[1]] * b.shape[0] for b in batch.blocks]) / duration_s
    weights = np.full(rates.shape[1], batch.weight[0] * 1e3 * tau_s / scale_mv)
    unit = LogisticUnit(weights=np.append(weights, 1 / scale_mv), bias=-GAP_MV / scale_mv)
    return unit.predict_proba(np.column_stack([rates, batch.drive * 1e3]))


# -- the comparison --------------------------------------------------------------------
@seeds_as_batch
def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Build every pattern, run them in one simulation, read both models, claim."""
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed, **SETTINGS)
    neuron = LIFParameters(tau_m=p.tau_m)
    tau_s, duration_s = float(neuron.tau_m / second), float(p.duration / second)
    n_in, reps, levels, n_j = int(p.n_inputs), int(p.realisations), drive_levels(p), JITTERS_MS.size
    # -- stimulus: every condition a neuron, driven by its own pattern (and current) -----
    timing, sweep = patterns(p, seed=seed)
    n_timing, n_blocks = timing.n, timing.n + sweep.n
    batch = timing + sweep
    spikes_in, current = batch.stimuli(neuron.R)

    # -- artificial model: a unit reading the rates (and the added current) -------------
    rate_hz = timing.blocks[0].shape[1] / duration_s
    _, sigma = spiking.shot_noise_drive([n_in * rate_hz] * Hz, p.weight, neuron.tau_m)
    scale_mv = float(sigma / mV) / np.sqrt(2)  # SD of the free membrane (Campbell)
    read = (duration_s, scale_mv, tau_s)
    unit_out = unit_outputs(batch, *read)

    # -- spiking model: one run for every condition (a batch: several seeds' conditions
    # in one run). The two neurons shown are recorded over the trace window: in a second,
    # short run of their inputs alone when the run is longer than the window (recording
    # all 600 potentials at every step was 40 % of the full run; a noise-free neuron's
    # potential depends on its own inputs only, so both ways give the same numbers)
    shown = [0, n_j * reps]  # the first synchronous and shuffled neurons (inputs alone)
    alone = duration_s * 1e3 > TRACE_WINDOW_MS[1]
    result = yield Simulation(
        neuron,
        [spikes_in, current],
        duration_s * second,
        dt=DT_MS * ms,
        record_v=not alone,
        seed=seed,
    )
    traced, rows = result, shown
    if alone:
        rows = [0, 1]
        traced = yield Simulation(
            neuron,
            batch.only(shown).stimuli(neuron.R),
            TRACE_WINDOW_MS[1] * ms,
            dt=DT_MS * ms,
            record_v=True,
            seed=seed,
        )
    counts = result.counts[:, 0]

    # -- comparison ----------------------------------------------------------------------------
    timing_rates = counts[:n_timing].reshape(n_j + 1, reps) / duration_s
    mean, se = spiking.mean_and_se(timing_rates)
    sweep_rates = counts[n_timing:n_blocks].reshape(levels.size, 2, reps) / duration_s
    (sync, shuffled), (sync_se, shuffled_se) = (x.T for x in spiking.mean_and_se(sweep_rates))
    sweep_ratio, sweep_ratio_se = spiking.ratio_and_se(sync, sync_se, shuffled, shuffled_se)
    # the unit's outputs within each group of equal rates: timing, each level
    same = [unit_out[:n_timing], *unit_out[n_timing:n_blocks].reshape(levels.size, -1)]
    unit_difference = max(float(np.ptp(g)) for g in same)
    spike_t = np.asarray(result.times / ms)
    inputs = [_inputs_before(batch.blocks[c], TRACE_WINDOW_MS[1]) for c in shown]
    d = Measured(
        n_inputs=n_in,
        realisations=reps,
        duration_s=duration_s,
        tau_m_ms=tau_s * 1e3,
        input_drive=mean_input_mv(p) / GAP_MV,
        drive_levels=levels,
        unit_output=unit_out,
        timing_rates_Hz=timing_rates,
        timing_rate_Hz=mean,
        timing_rate_se_Hz=se,
        sweep_rates_Hz=sweep_rates,
        sweep_ratio=sweep_ratio,
        sweep_ratio_se=sweep_ratio_se,
        ratio=mean[0] / mean[-1] if mean[-1] > 0 else float("nan"),
        unit_difference=unit_difference,
        t_ms=np.asarray(traced.t / ms),
        v_mV=np.asarray(traced.v / mV)[rows, 0, :],
        spikes_ms=tuple(spike_t[result.neuron == c] for c in shown),
        input_ms=tuple(t for t, _ in inputs),
        input_row=tuple(r for _, r in inputs),
    )
    findings.data = d
    _claims(findings, d)
    return findings


def _inputs_before(block: np.ndarray, hi_ms: float) -> tuple[np.ndarray, np.ndarray]:
    """The input spikes of one pattern before ``hi_ms``: times (ms) and input rows."""
    t_in = block * DT_MS
    rows = np.repeat(np.arange(block.shape[0])[:, None], block.shape[1], axis=1)
    inside = t_in < hi_ms
    return t_in[inside], rows[inside]


#: Where each synchrony claim reads the sweep, by regime.
REGIMES = {
    "fluctuation-driven": "below threshold: the lowest drive of the sweep",
    "mean-driven": "above threshold: the sweep's level where the ratio is farthest from one",
}


def _claims(findings: Findings, d: Measured) -> None:
    """The unit's check, synchrony below and above threshold, the jitter scale."""
    findings.claim(
        "largest difference between the logistic unit's outputs for synchronous, jittered "
        "and shuffled inputs of equal rates (inputs read as rates)",
        d.unit_difference,
        "",
        rule=Rule.at_most(
            1e-12,
            reason="the unit reads only the per-input rates, equal by construction: "
            "any difference beyond rounding would be a bug",
        ),
        about="artificial",
        label="logistic unit: output change with timing",
        by_construction="the unit reads rates only, and the rates are equal",
    )
    mean_driven = spiking.farthest_from_one(d.sweep_ratio[d.drive_levels > 1.0])
    for (regime, where), value in zip(REGIMES.items(), (d.sweep_ratio[0], mean_driven)):
        findings.claim(
            "LIF output for synchronous volleys divided by its output for the same spikes "
            f"shuffled in time, in the {regime} regime (mean drive {where}); the logistic "
            "unit's ratio is one",
            float(value),
            "",
            rule=yardsticks.same_output("spread-out input wins", "synchrony wins"),
            aspect="timing",
            key=True,
            label=f"synchrony, {regime}: sync/shuffled",
        )
    rates, sync, shuffled = d.timing_rate_Hz[:-1], d.timing_rate_Hz[0], d.timing_rate_Hz[-1]
    findings.claim(
        "input jitter (SD) at which the LIF output has fallen halfway from the synchronous "
        "to the shuffled level (inputs alone, fluctuation-driven)",
        spiking.halfway_point(JITTERS_MS, rates, sync, shuffled),
        "ms",
        rule=Rule.between(
            d.tau_m_ms / 4,
            4 * d.tau_m_ms,
            reason="inputs sum if they arrive within about one membrane time constant; "
            "the halfway jitter should be tau_m within a factor 4 (order of magnitude)",
        ),
        about="spiking",
        label="jitter that halves the synchrony gain",
    )


# -- the figure ----------------------------------------------------------------------------
REGIME_NOTE = {"fontsize": 12, "color": "0.3"}
TITLE = (
    "Same input rates, different spike timing:\n"
    "the neuron's output changes (most below threshold), the logistic unit's cannot"
)
#: The claims the title states (neurosim.contract.headline).
RESTS_ON = {
    "synchrony, fluctuation-driven: sync/shuffled": ["below", "above"],
    "logistic unit: output change with timing": "holds",
}


def plot(findings: Findings):
    """Rasters and traces, the jitter curve, and the regime sweep."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(16, 11))
        grid = fig.add_gridspec(2, 2, height_ratios=[1.15, 1], hspace=0.08, wspace=0.12)
        volleys = _volleys_and_trace(fig, grid[0, 0], d, 0)
        shuffled = _volleys_and_trace(fig, grid[0, 1], d, 1, share=volleys[1])
        ax_j = fig.add_subplot(grid[1, 0])
        _jitter(ax_j, d)
        ax_r = fig.add_subplot(grid[1, 1])
        _regime(ax_r, d)
        tops = [volleys[0], shuffled[0], ax_j, ax_r]
        label_panels(tops, x=-0.04, y=1.02)
        finish(fig, findings, TITLE, RESTS_ON, fontsize=17, fontweight="bold")
    return fig


def _trace(ax, d: Measured, k: int, window, share) -> None:
    """Shown neuron ``k``'s potential in ``window``, spikes as lines up from threshold."""
    t, v, spikes = d.trace(k, window)
    v_th = E_L_MV + GAP_MV
    membrane_trace(ax, t, v, spikes, threshold_mV=v_th, spike_height_mV=SPIKE_HEIGHT_MV)
    ax.set_ylim(min(E_L_MV, float(np.min(v))) - 2, v_th + SPIKE_HEIGHT_MV + 2)
    ax.set(xlim=window, xlabel="time (ms)")
    if share is None:
        ax.set_ylabel("membrane potential (mV)")
    else:  # the right panel of a pair: the left one's scale
        ax.tick_params(labelleft=False)
        ax.sharey(share)


def _volleys_and_trace(fig, cell, d: Measured, k: int, share=None):
    """A, B: the input raster over the membrane potential, synchronous or shuffled."""
    ax_in, ax_v = inputs_over_trace(fig, cell)
    ax_in.scatter(d.input_ms[k], d.input_row[k], marker="|", s=18, color=NEUTRAL, linewidths=1.0)
    ax_in.set(ylabel="input", yticks=[0, d.n_inputs - 1])
    title = ("synchronous volleys", "the same spikes, shuffled in time")[k]
    rate = d.timing_rate_Hz[(0, -1)[k]]
    ax_in.set_title(f"{title}\nLIF output {rate:.1f} Hz", loc="left")
    _trace(ax_v, d, k, TRACE_WINDOW_MS, share)
    return ax_in, ax_v


def _jitter(ax, d: Measured) -> None:
    """C: output against jitter, relative to synchronous input."""
    jit, relative, shuffled = JITTERS_MS, d.relative_rates[:-1], d.relative_rates[-1]
    unit = "logistic unit (same rates)"
    ax.plot(jit, d.unit_ratios()[0], color=ARTIFICIAL, lw=2.6, label=unit)
    with np.errstate(divide="ignore", invalid="ignore"):  # NaN if it never fired
        yerr = d.timing_rate_se_Hz[:-1] / d.timing_rate_Hz[0]
    ax.errorbar(jit, relative, yerr, fmt="o-", color=SPIKING, ms=7, capsize=3, label="LIF neuron")
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_xlim(-0.1, jit[-1] * 1.3)
    shown = relative[np.isfinite(relative)]
    if np.isfinite(shuffled):  # the shuffled level, inside the panel however high it is
        shown = np.append(shown, shuffled)
        ax.axhline(shuffled, color=SPIKING, ls=":", lw=1.8)
        places = [(0.02, shuffled, "left", "bottom"), (0.02, shuffled, "left", "top")]
        places += [(0.98, shuffled, "right", "bottom"), (0.98, shuffled, "right", "top")]
        said, where = "LIF neuron, shuffled spikes", ax.get_yaxis_transform()
        clear_note(ax, said, places, transform=where, color=SPIKING, fontsize=12)
    else:  # no output for synchronous input: every ratio here is 0/0 or x/0
        said = "the neuron never fired for\nsynchronous input: no ratio"
        clear_note(ax, said, ["upper center", "lower center"], fontsize=12)
    ax.set_ylim(0, max(1.12, 1.12 * float(shown.max())) if shown.size else 1.12)
    ax.set_xticks([0, 1, 10, 100], ["0", "1", "10", "100"])
    ax.set_xlabel("jitter of each input spike, SD (ms)")
    ax.set_ylabel("output / output for synchronous input")
    ax.legend(loc="center left", bbox_to_anchor=(0.0, 0.45))
    ax.set_title("output vs timing jitter (inputs alone)", loc="left")


def _regime(ax, d: Measured) -> None:
    """D: synchronous / shuffled output against the mean drive."""
    x, ratio, err = d.drive_levels, d.sweep_ratio, d.sweep_ratio_se
    finite = np.isfinite(ratio) & (ratio > 0)
    lo_x, hi_x = min(float(x.min()), d.input_drive) - 0.1, float(x.max()) + 0.1
    ax.axvspan(lo_x, 1.0, color=NEUTRAL, alpha=0.12, lw=0)
    ax.axvline(1.0, color=NEUTRAL, ls="--", lw=1.2)
    ax.axhspan(*yardsticks.SAME_OUTPUT_RATIO, color=ARTIFICIAL, alpha=0.10, lw=0)
    ax.plot(x, d.unit_ratios()[1], color=ARTIFICIAL, lw=2.6, label="logistic unit (same rates)")
    yerr = np.where(np.isfinite(err), err, 0)[finite]
    style = {"fmt": "o-", "color": SPIKING, "ms": 7, "capsize": 3, "label": "LIF neuron"}
    ax.errorbar(x[finite], ratio[finite], yerr, **style)
    alone = np.isfinite(d.ratio)
    if alone:
        style = {"mfc": "white", "mec": SPIKING, "ms": 9, "mew": 2}
        ax.plot([d.input_drive], [d.ratio], "D", label="inputs alone (A, B)", **style)
    log_ratio_axis(ax, np.append(ratio, d.ratio))
    ax.set_xlim(lo_x, hi_x)
    # the band's note above it, else below it, right of the threshold, else at the end
    said, (low, high) = "a rate reader cannot tell apart", yardsticks.SAME_OUTPUT_RATIO
    above, below, end = high * 1.03, low / 1.03, hi_x - 0.05
    places = [(1.05, above, "left", "bottom"), (1.05, below, "left", "top")]
    places += [(end, above, "right", "bottom"), (end, below, "right", "top")]
    clear_note(ax, said, places, transform=ax.transData, fontsize=11, color=ARTIFICIAL)
    # each regime on its side of the threshold: a bottom corner, else a top one
    clear_note(ax, "fluctuation-\ndriven", ["lower left", "upper left"], **REGIME_NOTE)
    clear_note(ax, "mean-\ndriven", ["lower right", "upper right"], **REGIME_NOTE)
    ax.set(xlabel="mean drive / distance to threshold", ylabel="output: synchronous / shuffled")
    ax.legend(loc="upper right", bbox_to_anchor=(1.0, 0.85), fontsize=12)
    ax.set_title("synchrony helps below threshold, costs above", loc="left")
