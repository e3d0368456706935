"""Same input rates, different timing: below threshold the neuron's output changes, a unit's cannot.

Question: does it matter when the input spikes arrive, or only how many?

A logistic unit reads its inputs as numbers -- here the firing rate of each input --
so two input patterns with the same rate on every input give it the same output, to
the last bit.  A leaky integrate-and-fire neuron (:class:`~neurosim.spiking.LIFParameters`
defaults: tau_m 20 ms, rest = reset -65 mV, threshold -50 mV, t_ref 2 ms, no noise)
reads spikes: each input spike makes its membrane jump by w, and the jumps decay with
tau_m.  Every pattern below has the same rate on every input.

* synchronous vs shuffled: N = 25 inputs, w = 1 mV each, 20 spikes per second on every
  input.  Synchronous: all inputs fire together, in volleys at random times (at least
  3 ms apart, longer than t_ref); each 25 mV volley crosses the 15 mV from rest to
  threshold at once, so the neuron fires once per volley.  Shuffled (asynchronous):
  every spike of every input moved to a uniformly random time step of the run, so each
  input keeps its count.  The mean depolarisation is the same, w N r tau_m = 10 mV
  (Campbell's theorem), with standard deviation s = sqrt(w^2 N r tau_m / 2) = 2.24 mV.
* the regime: how much timing matters depends on where the *mean* drive sits relative
  to threshold.  A constant current I adds R I to the inputs' mean; the sweep sets the
  total mean drive mu = R I + w N r tau_m from below to above the distance to threshold
  V_th - E_L.  Below it (the *fluctuation-driven* regime, the regime of cortex in vivo:
  Destexhe, Rudolph & Pare 2003, Nat Rev Neurosci 4:739) only coincident input reaches
  threshold, and synchrony multiplies the output; above it (the *mean-driven* regime)
  the neuron fires regularly on the mean alone.  Timing still matters there, the other
  way round: a 25 mV volley overshoots threshold by 10 mV and the reset throws the excess
  away, so synchronous input drives the neuron *less* than the same spikes shuffled
  (the ratio crosses 1 near threshold, falls to about 0.4 at 1.6 times the distance to
  threshold, and climbs back towards 1 only when the added current alone makes the
  neuron fire fast).  The synchronous / shuffled ratio is measured at every level; the
  claims name the regime: the lowest level (fluctuation-driven) and the mean-driven
  level where the ratio is farthest from 1.
* jitter: each spike of the synchronous pattern moved by an independent Gaussian time
  of SD 0 to 200 ms (wrapped round the run, so every input keeps its count); inputs
  alone, no added current.
* order along a dendrite: K = 8 inputs sit at increasing distances along a dendrite,
  input k (k = 0 nearest) reaching the soma after a pure conduction delay of k * 2 ms
  (Rall 1964's idea of dendritic direction selectivity, without attenuation).  Fired
  from the far end to the near end, all eight 2.5 mV inputs arrive together, 20 mV, and
  the neuron fires; in the reverse order they arrive 4 ms apart and the membrane peaks
  at the geometric sum 2.5 (1 - q^8) / (1 - q) mV, q = exp(-4 / 20), = 11.0 mV above
  rest, short of the 15 mV needed.  Each input fires once per 100 ms either way.

The unit (:class:`~neurosim.artificial.LogisticUnit`) reads the per-input rates (spike
count / duration) and the added current, with weights w tau_m / s per input, R / s for
the current and bias -(V_th - E_L) / s: its weighted sum is the mean drive relative to
threshold in units of s.  Any weights would do: identical rates give identical outputs.

All patterns are conditions of one Brian2 run (dt = 0.1 ms): the jitter values, the
shuffled pattern and every drive level with its synchronous and shuffled patterns, each
with independent realisations, and both orders, in one ``spike_pattern`` whose inputs
are routed to their condition's neuron, plus one constant current per condition.
Error bars are standard errors over the realisations.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial import LogisticUnit
from neurosim.contract import Findings, Rule
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    label_panels,
    lecture_style,
    new_figure,
    run_note,
)
from neurosim.spiking import LIFParameters, simulate
from neurosim.stimuli import constant, spike_pattern
from neurosim.units import Hz, ms, mV, second

NAME = "spike_timing_matters"
QUESTION = "Does it matter when the input spikes arrive, or only how many?"
PARAMETERS = (
    Parameter.from_field(LIFParameters, "tau_m", low=5, high=50),
    Parameter("n_inputs", 25, "inputs per neuron (all fire in each volley)", low=5, high=100),
    Parameter("input_rate", 20.0, "firing rate of every input", unit="Hz", low=2, high=50),
    Parameter("weight", 1.0, "membrane jump per input spike", unit="mV", low=0.1, high=5),
    Parameter(
        "drive_low",
        0.6,
        "lowest mean drive of the sweep, relative to the distance to threshold",
        low=0.3,
        high=0.9,
    ),
    Parameter(
        "drive_high",
        3.0,
        "highest mean drive of the sweep, relative to the distance to threshold",
        low=1.1,
        high=4.0,
    ),
    Parameter("drive_levels", 8, "mean-drive levels of the sweep", low=2, high=20),
    Parameter("duration", 1500.0, "simulated time", unit="ms", low=300, high=20000, quick=700.0),
    Parameter("realisations", 20, "independent patterns per condition", low=3, high=100, quick=10),
)
COST = 4.0

DT_MS = 0.1
#: Gaussian jitter SDs of the synchronous pattern (ms); 0 is the synchronous pattern.
JITTERS_MS = np.array([0.0, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0, 50.0, 100.0, 200.0])
#: Volleys are at least this many steps + 1 apart (3 ms at dt = 0.1 ms: longer than the
#: 2 ms refractory period, so every volley finds the neuron ready to fire).
MIN_GAP_STEPS = 29
#: Delay line: inputs, delay step between neighbours (ms), weight (mV), presentations.
DELAY_INPUTS = 8
DELAY_STEP_MS = 2.0
DELAY_WEIGHT_MV = 2.5
PRESENTATION_PERIOD_MS = 100.0
#: The first input of a presentation fires this long after its start (ms).
DELAY_T0_MS = 20.0
ORDERS = ("preferred", "reverse")
#: Window of the voltage traces in the figure (ms).
TRACE_WINDOW_MS = (0.0, 300.0)
#: Spikes are drawn as lines this far above threshold (the LIF has no spike shape).
SPIKE_HEIGHT_MV = 20.0
#: A ratio of output rates inside these bounds counts as "timing does not matter":
#: a reader of ~20 output spikes (1 s at 20 Hz) cannot tell such rates apart (Poisson
#: SD of 20 counts: 22 %); beyond a factor 2 it can, reliably.
SAME_RATIO = (0.8, 1.25)
DIFFERENT_RATIO = (0.5, 2.0)
RATIO_REASON = (
    "a reader of ~20 output spikes cannot tell rates within 0.8-1.25 apart "
    "(Poisson SD of 20 counts: 22 %); beyond a factor 2 it reliably can"
)
#: The same output for synchronous and shuffled input, as the unit gives (ratio one).
SAME_OUTPUT = Rule.between(
    *SAME_RATIO,
    partly=DIFFERENT_RATIO,
    reason=RATIO_REASON,
    below="spread-out input wins",
    above="synchrony wins",
)


# -- the input patterns ---------------------------------------------------------------
def volley_steps(
    n_inputs: int, n_volleys: int, n_steps: int, rng, *, min_gap_steps: int = MIN_GAP_STEPS
) -> np.ndarray:
    """Synchronous volleys: every input fires at the same ``n_volleys`` random steps.

    The volley steps are ``n_volleys`` distinct values drawn uniformly from
    ``0 .. n_steps - 1 - (n_volleys - 1) * min_gap_steps``, sorted, plus
    ``min_gap_steps * k`` for the k-th: uniformly random times with at least
    ``min_gap_steps + 1`` steps between volleys (a Poisson-like train with a short dead
    time).  Returns ``(n_inputs, n_volleys)`` step indices, the same row for every input.
    """
    span = n_steps - (n_volleys - 1) * min_gap_steps
    base = np.sort(rng.choice(span, n_volleys, replace=False))
    steps = base + min_gap_steps * np.arange(n_volleys)
    return np.broadcast_to(steps, (n_inputs, n_volleys)).copy()


def jittered_steps(steps: np.ndarray, jitter_s: float, n_steps: int, dt_s: float, rng):
    """Move every spike by an independent Gaussian time (SD ``jitter_s``), on the grid.

    Times wrap round the run (modulo ``n_steps``), so each input keeps its number of
    spikes.  Two spikes of one input that land in the same step are redrawn until
    none do (an input fires at most once per step).
    """
    out = steps.copy()
    redo = np.ones(out.shape, dtype=bool)
    while redo.any():
        shift = np.round(jitter_s * rng.standard_normal(int(redo.sum())) / dt_s)
        out[redo] = np.mod(steps[redo] + shift.astype(np.int64), n_steps)
        redo = _duplicates(out)
    return out


def shuffled_steps(n_inputs: int, n_spikes: int, n_steps: int, rng) -> np.ndarray:
    """Each input's ``n_spikes`` spikes at distinct, uniformly random steps of the run."""
    return np.array(
        [np.sort(rng.choice(n_steps, n_spikes, replace=False)) for _ in range(n_inputs)]
    )


def _duplicates(steps: np.ndarray) -> np.ndarray:
    """Mask of the spikes that share a step with an earlier spike of the same input."""
    order = np.argsort(steps, axis=1, kind="stable")
    ranked = np.take_along_axis(steps, order, axis=1)
    dup_sorted = np.zeros(steps.shape, dtype=bool)
    dup_sorted[:, 1:] = ranked[:, 1:] == ranked[:, :-1]
    mask = np.zeros(steps.shape, dtype=bool)
    np.put_along_axis(mask, order, dup_sorted, axis=1)
    return mask


def delay_line_times(order: str, *, n_inputs: int, step_s: float, t0_s: float):
    """Firing times and arrival times at the soma of one presentation of the sequence.

    Input ``k`` sits ``k`` delay steps from the soma (delay ``k * step_s``).
    ``"preferred"``: input k fires at ``t0 + (n - 1 - k) * step`` (far end first), so
    every spike arrives at ``t0 + (n - 1) * step``.  ``"reverse"``: input k fires at
    ``t0 + k * step`` and arrives at ``t0 + 2 k step``.  Returns ``(fire, arrive)``,
    arrays of length ``n_inputs`` in seconds.
    """
    k = np.arange(n_inputs)
    fire = t0_s + step_s * ((n_inputs - 1 - k) if order == "preferred" else k)
    return fire, fire + k * step_s


def delay_line_peak_mv(weight_mv: float, spacing_ms: float, n: int, tau_ms: float) -> float:
    """Peak depolarisation (mV) of ``n`` jumps of ``weight_mv`` every ``spacing_ms``.

    The membrane decays with ``tau_ms`` between jumps, so the peak (just after the
    last jump) is ``w * sum_j exp(-j * spacing / tau)``, a geometric series.
    """
    q = np.exp(-spacing_ms / tau_ms)
    return float(weight_mv * (1 - q**n) / (1 - q))


# -- the comparison --------------------------------------------------------------------
def drive_levels(p) -> np.ndarray:
    """The swept mean drives, relative to the distance from rest to threshold."""
    return np.linspace(p.drive_low, p.drive_high, int(p.drive_levels))


def patterns(p, *, seed: int = 0) -> dict:
    """Every input pattern of :func:`run`, on the time grid (no simulation).

    ``p`` holds the resolved parameters (:func:`neurosim.contract.module.begin`).  Returns a
    dict with ``blocks``: a list of ``(n_inputs, n_volleys)`` step-index arrays, one per
    condition in the order of the run (jitter by jitter, ``realisations`` each; the
    shuffled realisations; then per drive level the synchronous and the shuffled
    realisations); ``bias_mV``: the added drive R I of every condition including the two
    delay-line neurons (last); ``delay_fire`` and ``delay_arrive``: per order, the
    firing and arrival times (s) of the delay-line inputs, ``(DELAY_INPUTS,
    presentations)``; the sizes ``duration_s``, ``n_steps``, ``dt_s``, ``n_volleys``,
    ``realisations``, ``presentations``; and ``levels``, ``mean_input_mV``, ``gap_mV``.
    """
    rng = np.random.default_rng(seed)
    neuron = LIFParameters(tau_m=p.tau_m)
    n_in, reps = int(p.n_inputs), int(p.realisations)
    rate_hz = float(p.input_rate / Hz)
    duration_s = float(p.duration / second)
    dt_s = DT_MS * 1e-3
    n_steps = round(duration_s / dt_s)
    n_volleys = round(rate_hz * duration_s)
    gap_mv = float((neuron.V_th - neuron.E_L) / mV)
    mean_input_mv = float(p.weight / mV) * n_in * rate_hz * float(neuron.tau_m / second)
    blocks = []
    for jitter in JITTERS_MS:
        for _ in range(reps):
            sync = volley_steps(n_in, n_volleys, n_steps, rng)
            if jitter > 0:
                sync = jittered_steps(sync, jitter * 1e-3, n_steps, dt_s, rng)
            blocks.append(sync)
    blocks += [shuffled_steps(n_in, n_volleys, n_steps, rng) for _ in range(reps)]
    n_timing = len(blocks)
    levels = drive_levels(p)
    for _level in levels:
        blocks += [volley_steps(n_in, n_volleys, n_steps, rng) for _ in range(reps)]
        blocks += [shuffled_steps(n_in, n_volleys, n_steps, rng) for _ in range(reps)]
    bias = np.zeros(len(blocks) + len(ORDERS))
    bias[n_timing : len(blocks)] = np.repeat(levels * gap_mv - mean_input_mv, 2 * reps)

    period_s = PRESENTATION_PERIOD_MS * 1e-3
    n_present = round(duration_s / period_s)
    starts = period_s * np.arange(n_present)
    delay_fire, delay_arrive = {}, {}
    for order in ORDERS:
        fire, arrive = delay_line_times(
            order, n_inputs=DELAY_INPUTS, step_s=DELAY_STEP_MS * 1e-3, t0_s=DELAY_T0_MS * 1e-3
        )
        delay_fire[order] = fire[:, None] + starts[None, :]
        delay_arrive[order] = arrive[:, None] + starts[None, :]
    return {
        "blocks": blocks,
        "bias_mV": bias,
        "n_timing": n_timing,
        "delay_fire": delay_fire,
        "delay_arrive": delay_arrive,
        "duration_s": duration_s,
        "n_steps": n_steps,
        "dt_s": dt_s,
        "n_volleys": n_volleys,
        "realisations": reps,
        "presentations": n_present,
        "levels": levels,
        "mean_input_mV": mean_input_mv,
        "gap_mV": gap_mv,
    }


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Build every pattern, run them in one simulation, read both models, claim."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        dt_ms=DT_MS,
        encoding="input spikes are membrane jumps of `weight`; the unit reads each "
        "input's rate (count / duration) and the added current",
        neuron="LIFParameters defaults except tau_m: E_L = V_reset -65 mV, V_th -50 mV, "
        "R 100 MOhm, t_ref 2 ms, no membrane noise; exact integration",
        regimes="fluctuation-driven: mean drive below V_th - E_L; mean-driven: above",
    )
    neuron = LIFParameters(tau_m=p.tau_m)
    # -- stimulus: every pattern, each routed to its condition's neuron ------------------
    pat = patterns(p, seed=seed)
    blocks, delay_fire, delay_arrive = pat["blocks"], pat["delay_fire"], pat["delay_arrive"]
    duration_s, dt_s, reps = pat["duration_s"], pat["dt_s"], pat["realisations"]
    n_present, n_timing, levels = pat["presentations"], pat["n_timing"], pat["levels"]
    gap_mv, mean_in_mv = pat["gap_mV"], pat["mean_input_mV"]
    n_in, w_mv = int(p.n_inputs), float(p.weight / mV)
    rate_hz = pat["n_volleys"] / duration_s
    tau_s = float(neuron.tau_m / second)
    n_blocks = len(blocks)
    indices, steps = [], []
    for c, block in enumerate(blocks):
        indices.append(c * n_in + np.repeat(np.arange(n_in), block.shape[1]))
        steps.append(block.reshape(-1))
    n_block_inputs = n_blocks * n_in
    targets = [np.repeat(np.arange(n_blocks), n_in)]
    weights = [np.full(n_block_inputs, w_mv)]
    for o, order in enumerate(ORDERS):
        arrive = delay_arrive[order]
        first = n_block_inputs + o * DELAY_INPUTS
        indices.append(first + np.repeat(np.arange(DELAY_INPUTS), arrive.shape[1]))
        steps.append(np.round(arrive.reshape(-1) / dt_s).astype(np.int64))
        targets.append(np.full(DELAY_INPUTS, n_blocks + o))
        weights.append(np.full(DELAY_INPUTS, DELAY_WEIGHT_MV))
    n_all = n_block_inputs + len(ORDERS) * DELAY_INPUTS
    n_neurons = n_blocks + len(ORDERS)
    spikes_in = spike_pattern(
        np.concatenate(indices),
        np.concatenate(steps) * dt_s * second,
        n_inputs=n_all,
        weight=np.concatenate(weights) * mV,
        targets=np.concatenate(targets),
        n=n_neurons,
    )
    current = constant(pat["bias_mV"] * mV / neuron.R)

    # -- artificial model: a unit reading the rates (and the added current) -------------
    sent = np.bincount(np.concatenate(indices), minlength=n_all)
    per_input_rates = sent[:n_block_inputs].reshape(n_blocks, n_in) / duration_s
    scale_mv = np.sqrt(w_mv**2 * n_in * rate_hz * tau_s / 2)
    unit = LogisticUnit(
        weights=np.append(np.full(n_in, w_mv * tau_s / scale_mv), 1 / scale_mv),
        bias=-gap_mv / scale_mv,
    )
    unit_out = unit.predict_proba(np.column_stack([per_input_rates, pat["bias_mV"][:n_blocks]]))
    delay_rates = sent[n_block_inputs:].reshape(2, DELAY_INPUTS) / duration_s
    delay_unit = LogisticUnit(
        weights=np.full(DELAY_INPUTS, DELAY_WEIGHT_MV * tau_s / scale_mv), bias=-gap_mv / scale_mv
    )
    delay_unit_out = delay_unit.predict_proba(delay_rates)

    # -- spiking model: one run for every condition -----------------------------------------
    result = simulate(
        neuron,
        [spikes_in, current],
        duration_s * second,
        dt=DT_MS * ms,
        record_v=True,
        seed=seed,
    )
    counts = result.counts[:, 0]
    rates = counts / duration_s

    # -- comparison ----------------------------------------------------------------------------
    n_j = JITTERS_MS.size
    timing = rates[:n_timing].reshape(n_j + 1, reps)
    mean = timing.mean(axis=1)
    se = timing.std(axis=1, ddof=1) / np.sqrt(reps)
    sync_rate, async_rate = mean[0], mean[-1]
    sweep = rates[n_timing:n_blocks].reshape(levels.size, 2, reps)  # level, (sync, async)
    sweep_mean = sweep.mean(axis=2)
    sweep_se = sweep.std(axis=2, ddof=1) / np.sqrt(reps)
    with np.errstate(divide="ignore", invalid="ignore"):
        # no shuffled spike at all: the ratio is undefined (NaN, never "infinite")
        sweep_ratio = np.where(sweep_mean[:, 1] > 0, sweep_mean[:, 0] / sweep_mean[:, 1], np.nan)
        sweep_ratio_se = sweep_ratio * np.hypot(
            sweep_se[:, 0] / sweep_mean[:, 0], sweep_se[:, 1] / sweep_mean[:, 1]
        )
    sweep_unit = unit_out[n_timing:n_blocks].reshape(levels.size, 2, reps)
    delay_spikes = counts[n_blocks:] / n_present
    unit_diff_timing = float(np.max(unit_out[:n_timing]) - np.min(unit_out[:n_timing]))
    unit_diff_sweep = float(np.max(np.ptp(sweep_unit, axis=(1, 2))))
    delay_unit_diff = float(abs(delay_unit_out[0] - delay_unit_out[1]))

    d = findings.data
    d["jitters_ms"] = JITTERS_MS
    d["counts"] = counts  # every condition, in the order of patterns()
    d["jitter_rates_Hz"] = timing[:n_j]  # (jitters, realisations)
    d["jitter_rate_Hz"] = mean[:n_j]
    d["jitter_rate_se_Hz"] = se[:n_j]
    d["sync_rate_Hz"] = sync_rate
    d["async_rates_Hz"] = timing[-1]
    d["async_rate_Hz"] = async_rate
    d["async_rate_se_Hz"] = se[-1]
    d["ratio"] = sync_rate / async_rate if async_rate > 0 else float("nan")
    with np.errstate(divide="ignore", invalid="ignore"):  # NaN if the neuron never fired
        d["relative_jitter_rate"] = mean[:n_j] / sync_rate
        d["relative_async_rate"] = async_rate / sync_rate
    d["input_counts"] = result.input_counts[:n_timing, 0].reshape(n_j + 1, reps)
    d["per_input_counts"] = sent[:n_block_inputs].reshape(n_blocks, n_in)
    d["unit_weights"] = unit.weights
    d["unit_bias"] = unit.bias
    d["unit_output"] = unit_out
    d["unit_difference"] = max(unit_diff_timing, unit_diff_sweep)
    d["unit_relative_jitter"] = unit_out[:n_timing].reshape(n_j + 1, reps)[:n_j, 0] / unit_out[0]
    d["campbell_mean_mV"] = mean_in_mv
    d["unit_scale_mV"] = scale_mv
    d["volley_mV"] = w_mv * n_in
    d["input_rate_Hz"] = rate_hz
    d["n_inputs"] = n_in
    d["duration_s"] = duration_s
    d["realisations"] = reps
    # the drive sweep
    d["drive_levels"] = levels  # mean drive / (V_th - E_L)
    d["input_drive"] = mean_in_mv / gap_mv  # the inputs alone (no added current)
    d["bias_mV"] = pat["bias_mV"]
    d["sweep_rates_Hz"] = sweep  # (levels, [sync, shuffled], realisations)
    d["sweep_rate_Hz"] = sweep_mean
    d["sweep_rate_se_Hz"] = sweep_se
    d["sweep_ratio"] = sweep_ratio
    d["sweep_ratio_se"] = sweep_ratio_se
    d["sweep_unit_ratio"] = sweep_unit[:, 0, 0] / sweep_unit[:, 1, 0]
    # traces: the first synchronous and shuffled neurons (inputs alone), delay-line neurons
    t_ms = np.asarray(result.t / ms)
    v_mv = np.asarray(result.v / mV)[:, 0, :]
    lo, hi = TRACE_WINDOW_MS
    keep = (t_ms >= lo) & (t_ms < hi)
    d["trace_t_ms"] = t_ms[keep]
    spike_t = np.asarray(result.times / ms)
    for name, c in {"sync": 0, "async": n_j * reps}.items():
        d[f"trace_v_mV/{name}"] = v_mv[c, keep]
        d[f"spikes_ms/{name}"] = spike_t[(result.neuron == c) & (spike_t < hi)]
        block = blocks[c]
        t_in = block * DT_MS
        rows = np.repeat(np.arange(n_in)[:, None], block.shape[1], axis=1)
        inside = t_in < hi
        d[f"input_ms/{name}"] = t_in[inside]
        d[f"input_row/{name}"] = rows[inside]
    # delay line: one presentation
    w_lo, w_hi = DELAY_T0_MS - 10.0, DELAY_T0_MS + 50.0
    keep_d = (t_ms >= w_lo) & (t_ms < w_hi)
    d["delay_t_ms"] = t_ms[keep_d]
    for o, order in enumerate(ORDERS):
        c = n_blocks + o
        d[f"delay_v_mV/{order}"] = v_mv[c, keep_d]
        d[f"delay_fire_ms/{order}"] = delay_fire[order][:, 0] * 1e3
        d[f"delay_arrive_ms/{order}"] = delay_arrive[order][:, 0] * 1e3
        d[f"delay_spikes_ms/{order}"] = spike_t[
            (result.neuron == c) & (spike_t >= w_lo) & (spike_t < w_hi)
        ]
    d["delay_spikes_per_presentation"] = delay_spikes
    d["delay_input_counts"] = result.input_counts[n_blocks:, 0]
    d["delay_unit_output"] = delay_unit_out
    d["delay_unit_difference"] = delay_unit_diff
    d["delay_peak_reverse_mV"] = delay_line_peak_mv(
        DELAY_WEIGHT_MV, 2 * DELAY_STEP_MS, DELAY_INPUTS, tau_s * 1e3
    )
    d["delay_weight_mV"] = DELAY_WEIGHT_MV
    d["delay_sum_preferred_mV"] = DELAY_WEIGHT_MV * DELAY_INPUTS
    d["threshold_gap_mV"] = gap_mv
    d["E_L_mV"] = float(neuron.E_L / mV)
    d["tau_m_ms"] = tau_s * 1e3

    # -- claims ------------------------------------------------------------------------------
    findings.claim(
        "largest difference between the logistic unit's outputs for synchronous, jittered, "
        "shuffled and reordered inputs of equal rates (inputs read as rates)",
        max(d["unit_difference"], delay_unit_diff),
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
    findings.claim(
        "LIF output for synchronous volleys divided by its output for the same spikes "
        "shuffled in time, in the fluctuation-driven regime (mean drive below threshold: "
        "the lowest drive of the sweep); the logistic unit's ratio is one",
        float(sweep_ratio[0]),
        "",
        rule=SAME_OUTPUT,
        aspect="timing",
        key=True,
        label="synchrony, fluctuation-driven: sync/shuffled",
    )
    findings.claim(
        "LIF output for synchronous volleys divided by its output for the same spikes "
        "shuffled in time, in the mean-driven regime (mean drive above threshold: the "
        "sweep's level where the ratio is farthest from one); the logistic unit's ratio is one",
        _farthest_from_one(sweep_ratio[levels > 1.0]),
        "",
        rule=SAME_OUTPUT,
        aspect="timing",
        key=True,
        label="synchrony, mean-driven: sync/shuffled",
    )
    findings.claim(
        "LIF output for inputs arriving along the dendrite in the reverse order divided by "
        "its output for the preferred order (pure conduction delays, inputs alone, equal "
        "rates; the logistic unit's ratio is one)",
        delay_spikes[1] / delay_spikes[0] if delay_spikes[0] > 0 else float("nan"),
        "",
        rule=Rule.between(
            *SAME_RATIO,
            partly=DIFFERENT_RATIO,
            reason=RATIO_REASON,
            below="the order matters",
            above="the order matters",
        ),
        aspect="timing",
        key=True,
        label="input order: reverse / preferred",
    )
    tau_ms = tau_s * 1e3
    findings.claim(
        "input jitter (SD) at which the LIF output has fallen halfway from the synchronous "
        "to the shuffled level (inputs alone, fluctuation-driven)",
        _half_jitter(JITTERS_MS, mean[:n_j], sync_rate, async_rate),
        "ms",
        rule=Rule.between(
            tau_ms / 4,
            4 * tau_ms,
            reason="inputs sum if they arrive within about one membrane time constant; "
            "the halfway jitter should be tau_m within a factor 4 (order of magnitude)",
        ),
        about="spiking",
        label="jitter that halves the synchrony gain",
    )
    return findings


def _farthest_from_one(ratios) -> float:
    """The ratio with the largest |log(ratio)| (NaN if there is none or any is 0 or NaN)."""
    ratios = np.asarray(ratios, dtype=float)
    if ratios.size == 0 or not np.all(np.isfinite(ratios) & (ratios > 0)):
        return float("nan")
    return float(ratios[np.argmax(np.abs(np.log(ratios)))])


def _half_jitter(jitters, rates, top, bottom) -> float:
    """Jitter where the rate first falls below the midpoint of top and bottom (linear)."""
    mid = 0.5 * (top + bottom)
    below = np.nonzero(rates < mid)[0]
    if below.size == 0 or below[0] == 0:
        return float("nan")
    k = below[0]
    x0, x1, y0, y1 = jitters[k - 1], jitters[k], rates[k - 1], rates[k]
    return float(x0 + (mid - y0) * (x1 - x0) / (y1 - y0))


def plot(findings: Findings):
    """Rasters and traces, the jitter curve, the delay line, and the regime sweep."""
    d = findings.data
    e_l = d["E_L_mV"]
    v_th = e_l + d["threshold_gap_mV"]
    with lecture_style():
        fig = new_figure(figsize=(17, 10))
        grid = fig.add_gridspec(2, 3, width_ratios=[1, 1, 1.05], hspace=0.12, wspace=0.1)
        # A, B: input rasters over membrane potential, synchronous and shuffled
        pair_axes = []
        for col, (name, title) in enumerate(
            (("sync", "synchronous volleys"), ("async", "the same spikes, shuffled in time"))
        ):
            sub = grid[0, col].subgridspec(2, 1, height_ratios=[1, 1.3], hspace=0.06)
            ax_in, ax_v = fig.add_subplot(sub[0]), fig.add_subplot(sub[1])
            ax_v.sharex(ax_in)
            ax_in.scatter(
                d[f"input_ms/{name}"],
                d[f"input_row/{name}"],
                marker="|",
                s=18,
                color=NEUTRAL,
                linewidths=1.0,
            )
            ax_in.set_ylabel("input")
            ax_in.set_yticks([0, d["n_inputs"] - 1])
            ax_in.tick_params(labelbottom=False)
            rate = d["sync_rate_Hz"] if name == "sync" else d["async_rate_Hz"]
            ax_in.set_title(f"{title}\nLIF output {rate:.1f} Hz", loc="left")
            _trace(
                ax_v, d["trace_t_ms"], d[f"trace_v_mV/{name}"], d[f"spikes_ms/{name}"], v_th, e_l
            )
            ax_v.set_xlim(*TRACE_WINDOW_MS)
            ax_v.set_xlabel("time (ms)")
            if col == 0:
                ax_v.set_ylabel("membrane potential (mV)")
            else:
                ax_v.tick_params(labelleft=False)
                ax_v.sharey(pair_axes[0][1])
            pair_axes.append((ax_in, ax_v))

        # C: output against jitter, relative to synchronous input
        ax_j = fig.add_subplot(grid[0, 2])
        jit = d["jitters_ms"]
        ax_j.axhline(d["relative_async_rate"], color=SPIKING, ls=":", lw=1.8)
        ax_j.text(
            0,
            d["relative_async_rate"] + 0.02,
            "LIF neuron, shuffled spikes",
            color=SPIKING,
            ha="left",
            va="bottom",
            fontsize=12,
        )
        ax_j.plot(
            jit,
            d["unit_relative_jitter"],
            color=ARTIFICIAL,
            lw=2.6,
            label="logistic unit (same rates)",
        )
        ax_j.errorbar(
            jit,
            d["relative_jitter_rate"],
            yerr=d["jitter_rate_se_Hz"] / d["sync_rate_Hz"],
            fmt="o-",
            color=SPIKING,
            ms=7,
            capsize=3,
            label="LIF neuron",
        )
        ax_j.set_xscale("symlog", linthresh=1.0)
        ax_j.set_xlim(-0.1, jit[-1] * 1.3)
        shown_j = d["relative_jitter_rate"][np.isfinite(d["relative_jitter_rate"])]
        top = max(1.12, 1.05 * float(shown_j.max())) if shown_j.size else 1.12
        ax_j.set_ylim(0, top)
        ax_j.set_xticks([0, 1, 10, 100])
        ax_j.set_xticklabels(["0", "1", "10", "100"])
        ax_j.set_xlabel("jitter of each input spike, SD (ms)")
        ax_j.set_ylabel("output / output for synchronous input")
        ax_j.legend(loc="center left", bbox_to_anchor=(0.0, 0.45))
        ax_j.set_title("output vs timing jitter (inputs alone)", loc="left")

        # D, E: the delay line, preferred and reverse order
        delay_axes = []
        for col, order in enumerate(ORDERS):
            sub = grid[1, col].subgridspec(2, 1, height_ratios=[1, 1.3], hspace=0.06)
            ax_in, ax_v = fig.add_subplot(sub[0]), fig.add_subplot(sub[1])
            ax_v.sharex(ax_in)
            fire, arrive = d[f"delay_fire_ms/{order}"], d[f"delay_arrive_ms/{order}"]
            rows = np.arange(fire.size)
            ax_in.hlines(rows, fire, arrive, color=NEUTRAL, lw=1.5)
            ax_in.plot(fire, rows, "o", mfc="white", mec="0.2", ms=7, label="input fires")
            ax_in.plot(arrive, rows, "o", color="0.2", ms=7, label="reaches the soma")
            ax_in.set_ylabel("input\n(distance)")
            ax_in.set_yticks([0, fire.size - 1])
            ax_in.set_yticklabels(["near", "far"])
            ax_in.tick_params(labelbottom=False)
            spikes = d["delay_spikes_per_presentation"][col]
            word = "far end first" if order == "preferred" else "near end first"
            said = "no spike" if spikes == 0 else f"{spikes:g} spike" + ("" if spikes == 1 else "s")
            ax_in.set_title(f"dendrite, {word}\nLIF output: {said} per sequence", loc="left")
            if col == 0:
                ax_in.legend(loc="center right", fontsize=12, handletextpad=0.2)
            _trace(
                ax_v,
                d["delay_t_ms"],
                d[f"delay_v_mV/{order}"],
                d[f"delay_spikes_ms/{order}"],
                v_th,
                e_l,
            )
            ax_v.set_xlim(d["delay_t_ms"][0], d["delay_t_ms"][-1])
            if order == "preferred":
                note = (
                    f"{fire.size} × {d['delay_weight_mV']:g} mV = "
                    f"{d['delay_sum_preferred_mV']:g} mV\narrive at once"
                )
            else:
                note = (
                    f"peaks {d['delay_peak_reverse_mV']:.1f} mV above rest,\n"
                    f"{d['threshold_gap_mV']:g} mV needed"
                )
            ax_v.text(
                0.98,
                0.62,
                note,
                transform=ax_v.transAxes,
                ha="right",
                va="bottom",
                fontsize=13,
                color=SPIKING,
            )
            ax_v.set_xlabel("time (ms)")
            if col == 0:
                ax_v.set_ylabel("membrane potential (mV)")
            else:
                ax_v.tick_params(labelleft=False)
                ax_v.sharey(delay_axes[0][1])
            delay_axes.append((ax_in, ax_v))

        # F: the regime: synchronous / shuffled output against the mean drive
        ax_r = fig.add_subplot(grid[1, 2])
        x = d["drive_levels"]
        ratio, err = d["sweep_ratio"], d["sweep_ratio_se"]
        finite = np.isfinite(ratio) & (ratio > 0)
        lo_x = min(float(x.min()), d["input_drive"]) - 0.1
        hi_x = float(x.max()) + 0.1
        ax_r.axvspan(lo_x, 1.0, color=NEUTRAL, alpha=0.12, lw=0)
        ax_r.axvline(1.0, color=NEUTRAL, ls="--", lw=1.2)
        ax_r.axhspan(*SAME_RATIO, color=ARTIFICIAL, alpha=0.10, lw=0)
        ax_r.plot(
            x, d["sweep_unit_ratio"], color=ARTIFICIAL, lw=2.6, label="logistic unit (same rates)"
        )
        ax_r.errorbar(
            x[finite],
            ratio[finite],
            yerr=np.where(np.isfinite(err), err, 0)[finite],
            fmt="o-",
            color=SPIKING,
            ms=7,
            capsize=3,
            label="LIF neuron",
        )
        if np.isfinite(d["ratio"]):
            ax_r.plot(
                [d["input_drive"]],
                [d["ratio"]],
                "D",
                mfc="white",
                mec=SPIKING,
                ms=9,
                mew=2,
                label="inputs alone (A, B)",
            )
        ax_r.set_yscale("log")
        shown = np.concatenate([ratio[finite], [d["ratio"]] if np.isfinite(d["ratio"]) else []])
        low = min(0.7, 0.75 * float(shown.min())) if shown.size else 0.5
        high = max(3.0, 1.8 * float(shown.max())) if shown.size else 3.0
        ax_r.set_ylim(low, high)
        ticks = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
        ax_r.set_yticks([t for t in ticks if low <= t <= high])
        ax_r.text(
            1.05,
            SAME_RATIO[1] * 1.03,
            "a rate reader cannot tell apart",
            ha="left",
            va="bottom",
            fontsize=11,
            color=ARTIFICIAL,
        )
        ax_r.set_xlim(lo_x, hi_x)
        y_top = ax_r.get_ylim()[1]
        ax_r.text(
            lo_x + 0.03, y_top / 1.15, "fluctuation-\ndriven", va="top", fontsize=12, color="0.3"
        )
        ax_r.text(
            hi_x - 0.03,
            y_top / 1.15,
            "mean-\ndriven",
            va="top",
            ha="right",
            fontsize=12,
            color="0.3",
        )
        ax_r.set_xlabel("mean drive / distance to threshold")
        ax_r.set_ylabel("output: synchronous / shuffled")
        ax_r.legend(loc="upper right", bbox_to_anchor=(1.0, 0.85), fontsize=12)
        ax_r.set_title("synchrony helps below threshold, costs above", loc="left")
        ax_r.yaxis.set_major_formatter(_plain_formatter())

        label_panels(
            [pair_axes[0][0], pair_axes[1][0], ax_j, delay_axes[0][0], delay_axes[1][0], ax_r],
            x=-0.04,
            y=1.02,
        )
        fig.suptitle(
            "Same input rates, different spike timing: the neuron's output changes "
            "(most below threshold), the logistic unit's cannot",
            fontsize=17,
            fontweight="bold",
        )
        run_note(fig, findings.settings)
    return fig


def _plain_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda y, _pos: f"{y:g}")


def _trace(ax, t, v, spikes, v_th, e_l):
    """Membrane potential with spikes drawn as lines from threshold upwards."""
    ax.plot(t, v, color=SPIKING, lw=1.5)
    ax.vlines(spikes, v_th, v_th + SPIKE_HEIGHT_MV, color=SPIKING, lw=1.5)
    ax.axhline(v_th, color=NEUTRAL, ls="--", lw=1.2)
    ax.set_ylim(min(e_l, float(np.min(v))) - 2, v_th + SPIKE_HEIGHT_MV + 2)
    return ax
