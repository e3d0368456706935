"""Same input rates, different timing: the neuron's output changes, a unit's cannot.

Question: does it matter when the input spikes arrive, or only how many?

A logistic unit reads its inputs as numbers -- here the firing rate of each input --
so two input patterns with the same rate on every input give it the same output, to
the last bit.  A leaky integrate-and-fire neuron (default
:class:`~neurosim.spiking.LIFParameters`: tau_m 20 ms, rest = reset -65 mV,
threshold -50 mV, t_ref 2 ms, no noise) reads spikes: each input spike makes its
membrane jump by w, and the jumps decay with tau_m.  The figure gives both models
three kinds of input patterns, every pattern with the same rate on every input:

* synchronous vs shuffled: N = 25 inputs, w = 1 mV each, 20 spikes per second on
  every input.  Synchronous: all inputs fire together, in volleys at random times
  (20 per second, at least 3 ms apart); each 25 mV volley crosses the 15 mV from rest
  to threshold at once, so the neuron fires exactly once per volley: 20 Hz.
  Shuffled (asynchronous): every spike of every input moved to a uniformly random
  time step of the run, so each input keeps its number of spikes.  The mean
  depolarisation is the same, w N r tau_m = 10 mV (Campbell's theorem), 5 mV short of
  threshold, and only the fluctuations reach it: the neuron fires about 3 Hz.
* jitter: each spike of the synchronous pattern moved by an independent Gaussian
  time of SD 0 to 200 ms (wrapped round the run, so every input keeps its count).
  The output stays at one spike per volley up to about 5 ms of jitter, halves by
  about 15 ms (comparable to tau_m), and approaches the shuffled level only at
  hundreds of ms, where the shared volley times no longer correlate the inputs
  within a membrane time constant.
* order along a dendrite: K = 8 inputs sit at increasing distances along a dendrite,
  input k (k = 0 nearest) reaching the soma after a delay of k * 2 ms.  This *delay
  line* is modelled by shifting each input spike by its input's delay before it
  reaches the soma (a pure conduction delay: no attenuation or filtering; Rall 1964's
  idea of dendritic direction selectivity).  Fired from the far end to the near end
  (the preferred order: input k at (K - 1 - k) * 2 ms) all eight 2.5 mV inputs arrive
  together, 20 mV, and the neuron fires; in the reverse order they arrive 4 ms apart,
  the membrane peaks 11.0 mV above rest, short of the 15 mV needed: no spike.  Each
  input fires once per presentation (every 100 ms) either way.

The unit (:class:`~neurosim.artificial.LogisticUnit`) reads the per-input rates
(spike count / duration) with weights w_i tau_m / s and bias -(V_th - E_L) / s: its
weighted sum is the mean depolarisation relative to threshold in units of
s = 2.24 mV, the standard deviation of the free membrane potential under N Poisson
inputs of these rates (sqrt(w^2 N r tau_m / 2)); its output is 0.097.  Any weights
would do: identical rates give identical outputs.

All patterns are conditions of one Brian2 run (dt = 0.1 ms; 2 s, quick 1 s): the
13 jitter values and the shuffled pattern with 20 independent realisations each
(quick 10), and both orders, in one ``spike_pattern`` stimulus whose inputs are
routed to their condition's neuron with ``targets``.  Error bars are standard errors
over the realisations.
"""

from __future__ import annotations

import numpy as np
from brian2 import ms, mV, second

from neurosim.artificial import LogisticUnit
from neurosim.findings import Findings
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, label_panels, lecture_style
from neurosim.spiking import LIFParameters, simulate
from neurosim.stimuli import spike_pattern

NAME = "spike_timing_matters"
QUESTION = "Does it matter when the input spikes arrive, or only how many?"
COST = 5.0

DT_MS = 0.1
#: Synchrony part: inputs, their rate (Hz) and weight (mV).
N_INPUTS = 25
INPUT_RATE_HZ = 20.0
WEIGHT_MV = 1.0
#: Gaussian jitter SDs of the synchronous pattern (ms); 0 is the synchronous pattern.
JITTERS_MS = np.array([0.0, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0, 50.0, 100.0, 200.0])
#: Independent realisations per jitter value and of the asynchronous pattern.
REALISATIONS = 10
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
#: Spikes are drawn as lines from threshold up to this level (the LIF has no spike shape).
SPIKE_PEAK_MV = -30.0


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
def patterns(*, quick: bool = False, seed: int = 0) -> dict:
    """Every input pattern of :func:`run`, on the time grid (no simulation).

    Returns a dict with ``blocks``: a list of ``(N_INPUTS, n_volleys)`` step-index
    arrays, one per timing condition (jitter by jitter, ``realisations`` each, then the
    shuffled realisations); ``delay_fire`` and ``delay_arrive``: per order, the firing
    and arrival times (s) of the delay-line inputs, ``(DELAY_INPUTS, presentations)``;
    and the sizes ``duration_s``, ``n_steps``, ``dt_s``, ``n_volleys``,
    ``realisations``, ``presentations``.
    """
    rng = np.random.default_rng(seed)
    duration_s = 1.0 if quick else 2.0
    reps = REALISATIONS if quick else 2 * REALISATIONS
    dt_s = DT_MS * 1e-3
    n_steps = round(duration_s / dt_s)
    n_volleys = round(INPUT_RATE_HZ * duration_s)
    blocks = []
    for jitter in JITTERS_MS:
        for _ in range(reps):
            sync = volley_steps(N_INPUTS, n_volleys, n_steps, rng)
            if jitter > 0:
                sync = jittered_steps(sync, jitter * 1e-3, n_steps, dt_s, rng)
            blocks.append(sync)
    for _ in range(reps):
        blocks.append(shuffled_steps(N_INPUTS, n_volleys, n_steps, rng))

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
        "delay_fire": delay_fire,
        "delay_arrive": delay_arrive,
        "duration_s": duration_s,
        "n_steps": n_steps,
        "dt_s": dt_s,
        "n_volleys": n_volleys,
        "realisations": reps,
        "presentations": n_present,
    }


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """Build every pattern, run them in one simulation, and read both models."""
    params = LIFParameters()
    pat = patterns(quick=quick, seed=seed)
    blocks, delay_fire, delay_arrive = pat["blocks"], pat["delay_fire"], pat["delay_arrive"]
    duration_s, dt_s, reps = pat["duration_s"], pat["dt_s"], pat["realisations"]
    n_present, n_in, orders = pat["presentations"], N_INPUTS, ORDERS
    n_timing = len(blocks)
    tau_s = float(params.tau_m / second)
    gap_mv = float((params.V_th - params.E_L) / mV)

    # -- one spike_pattern: every input routed to its condition's neuron ----------------
    indices, steps, targets, weights = [], [], [], []
    for c, block in enumerate(blocks):
        rows = np.repeat(np.arange(n_in), block.shape[1])
        indices.append(c * n_in + rows)
        steps.append(block.reshape(-1))
    n_inputs_total = n_timing * n_in
    targets.append(np.repeat(np.arange(n_timing), n_in))
    weights.append(np.full(n_inputs_total, WEIGHT_MV))
    for o, order in enumerate(orders):
        arrive = delay_arrive[order]
        first = n_inputs_total + o * DELAY_INPUTS
        indices.append(first + np.repeat(np.arange(DELAY_INPUTS), arrive.shape[1]))
        steps.append(np.round(arrive.reshape(-1) / dt_s).astype(np.int64))
        targets.append(np.full(DELAY_INPUTS, n_timing + o))
        weights.append(np.full(DELAY_INPUTS, DELAY_WEIGHT_MV))
    n_all = n_inputs_total + 2 * DELAY_INPUTS
    stim = spike_pattern(
        np.concatenate(indices),
        np.concatenate(steps) * dt_s * second,
        n_inputs=n_all,
        weight=np.concatenate(weights) * mV,
        targets=np.concatenate(targets),
    )
    result = simulate(params, stim, duration_s * second, dt=DT_MS * ms, record_v=True, seed=seed)
    counts = result.counts[:, 0]
    rates = counts / duration_s

    # -- the unit: the per-input rates, the same whatever the timing --------------------
    # spikes each input sends in the stimulus (what a rate reader counts)
    sent = np.bincount(np.concatenate(indices), minlength=n_all)
    per_input_counts = sent[:n_inputs_total].reshape(n_timing, n_in)
    per_input_rates = per_input_counts / duration_s  # (conditions, N) in Hz
    sd_mv = np.sqrt(WEIGHT_MV**2 * n_in * INPUT_RATE_HZ * tau_s / 2)
    unit = LogisticUnit(weights=np.full(n_in, WEIGHT_MV * tau_s / sd_mv), bias=-gap_mv / sd_mv)
    unit_out = unit.predict_proba(per_input_rates)
    delay_rates = sent[n_inputs_total:].reshape(2, DELAY_INPUTS) / duration_s
    delay_unit = LogisticUnit(
        weights=np.full(DELAY_INPUTS, DELAY_WEIGHT_MV * tau_s / sd_mv), bias=-gap_mv / sd_mv
    )
    delay_unit_out = delay_unit.predict_proba(delay_rates)

    # -- summaries -----------------------------------------------------------------------
    n_j = JITTERS_MS.size
    timing_rates = rates[:n_timing].reshape(n_j + 1, reps)
    mean = timing_rates.mean(axis=1)
    se = timing_rates.std(axis=1, ddof=1) / np.sqrt(reps)
    sync_rate, async_rate = mean[0], mean[-1]
    ratio = sync_rate / async_rate
    delay_spikes = counts[n_timing:] / n_present
    unit_diff = float(np.max(unit_out) - np.min(unit_out))
    delay_unit_diff = float(abs(delay_unit_out[0] - delay_unit_out[1]))

    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "dt_ms": DT_MS,
            "duration_s": duration_s,
            "n_inputs": n_in,
            "input_rate_Hz": INPUT_RATE_HZ,
            "weight_mV": WEIGHT_MV,
            "jitters_ms": JITTERS_MS,
            "realisations": reps,
            "delay_inputs": DELAY_INPUTS,
            "delay_step_ms": DELAY_STEP_MS,
            "delay_weight_mV": DELAY_WEIGHT_MV,
            "presentation_period_ms": PRESENTATION_PERIOD_MS,
            "unit_scale_mV": sd_mv,
            "neuron": "LIF defaults: tau_m 20 ms, E_L = V_reset -65 mV, V_th -50 mV, "
            "t_ref 2 ms, no noise; input spikes are voltage jumps",
        },
    )
    d = findings.data
    d["jitters_ms"] = JITTERS_MS
    d["counts"] = counts  # every condition: timing blocks, then preferred and reverse order
    d["jitter_rates_Hz"] = timing_rates[:n_j]  # (jitters, realisations)
    d["jitter_rate_Hz"] = mean[:n_j]
    d["jitter_rate_se_Hz"] = se[:n_j]
    d["sync_rate_Hz"] = sync_rate
    d["async_rates_Hz"] = timing_rates[-1]
    d["async_rate_Hz"] = async_rate
    d["async_rate_se_Hz"] = se[-1]
    d["ratio"] = ratio
    d["relative_jitter_rate"] = mean[:n_j] / sync_rate
    d["relative_async_rate"] = async_rate / sync_rate
    d["input_counts"] = result.input_counts[:n_timing, 0].reshape(n_j + 1, reps)
    d["per_input_counts"] = per_input_counts.reshape(n_j + 1, reps, n_in)
    d["unit_weights"] = unit.weights
    d["unit_bias"] = unit.bias
    d["unit_output"] = unit_out.reshape(n_j + 1, reps)
    d["unit_difference"] = unit_diff
    d["unit_relative_jitter"] = unit_out.reshape(n_j + 1, reps)[:n_j, 0] / unit_out[0]
    d["unit_relative_async"] = unit_out[-1] / unit_out[0]
    d["campbell_mean_mV"] = WEIGHT_MV * n_in * INPUT_RATE_HZ * tau_s
    d["volley_mV"] = WEIGHT_MV * n_in
    # traces: the first synchronous and asynchronous neurons, and both delay-line neurons
    t_ms = np.asarray(result.t / ms)
    v_mv = np.asarray(result.v / mV)[:, 0, :]
    lo, hi = TRACE_WINDOW_MS
    keep = (t_ms >= lo) & (t_ms < hi)
    d["trace_t_ms"] = t_ms[keep]
    spike_t = np.asarray(result.times / ms)
    show = {"sync": 0, "async": n_j * reps}
    for name, c in show.items():
        d[f"trace_v_mV/{name}"] = v_mv[c, keep]
        d[f"spikes_ms/{name}"] = spike_t[(result.neuron == c) & (spike_t < hi)]
        block = blocks[c]
        t_in = block * DT_MS
        rows = np.repeat(np.arange(n_in)[:, None], block.shape[1], axis=1)
        inside = t_in < hi
        d[f"input_ms/{name}"] = t_in[inside]
        d[f"input_row/{name}"] = rows[inside]
    # delay line: one presentation
    w_lo, w_hi = 10.0, 70.0
    keep_d = (t_ms >= w_lo) & (t_ms < w_hi)
    d["delay_t_ms"] = t_ms[keep_d]
    for o, order in enumerate(orders):
        c = n_timing + o
        d[f"delay_v_mV/{order}"] = v_mv[c, keep_d]
        d[f"delay_fire_ms/{order}"] = delay_fire[order][:, 0] * 1e3
        d[f"delay_arrive_ms/{order}"] = delay_arrive[order][:, 0] * 1e3
        d[f"delay_spikes_ms/{order}"] = spike_t[
            (result.neuron == c) & (spike_t >= w_lo) & (spike_t < w_hi)
        ]
    d["delay_spikes_per_presentation"] = delay_spikes
    d["delay_input_counts"] = result.input_counts[n_timing:, 0]
    d["delay_unit_output"] = delay_unit_out
    d["delay_unit_difference"] = delay_unit_diff
    d["delay_peak_reverse_mV"] = delay_line_peak_mv(
        DELAY_WEIGHT_MV, 2 * DELAY_STEP_MS, DELAY_INPUTS, tau_s * 1e3
    )
    d["delay_sum_preferred_mV"] = DELAY_WEIGHT_MV * DELAY_INPUTS
    d["threshold_gap_mV"] = gap_mv

    findings.claim(
        "difference between the logistic unit's outputs for synchronous, jittered and "
        "shuffled inputs of equal rates (and for the two input orders)",
        max(unit_diff, delay_unit_diff),
        "",
        "fails",
        aspect="timing",
    )
    findings.claim(
        f"LIF output for synchronous volleys divided by its output for the same spikes "
        f"shuffled in time ({n_in} inputs at {INPUT_RATE_HZ:g} Hz; the unit's ratio is 1)",
        ratio,
        "",
        "fails",
        aspect="timing",
        key=True,
    )
    half = _half_jitter(JITTERS_MS, mean[:n_j], sync_rate, async_rate)
    findings.claim(
        "input jitter (SD) at which the LIF output has fallen halfway from the synchronous "
        "to the shuffled level (the unit's output does not change at all)",
        half,
        "ms",
        "fails",
        aspect="timing",
    )
    findings.claim(
        f"LIF output spikes per presentation for inputs arriving in the dendrite's preferred "
        f"order (the reverse order: {delay_spikes[1]:g}; the unit answers the same to both)",
        delay_spikes[0],
        "",
        "fails",
        aspect="timing",
    )
    return findings


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
    """Rasters and traces for each pair of patterns, the jitter curve, the summary."""
    import matplotlib.pyplot as plt

    d = findings.data
    v_th = -65.0 + d["threshold_gap_mV"]
    with lecture_style():
        fig = plt.figure(figsize=(17, 10))
        grid = fig.add_gridspec(2, 3, width_ratios=[1, 1, 1.05], hspace=0.12, wspace=0.1)
        # A, B: input rasters over membrane potential, synchronous and shuffled
        pair_axes = []
        for col, (name, title) in enumerate(
            (("sync", "synchronous volleys"), ("async", "the same spikes, shuffled in time"))
        ):
            sub = grid[0, col].subgridspec(2, 1, height_ratios=[1, 1.3], hspace=0.06)
            ax_in, ax_v = fig.add_subplot(sub[0]), fig.add_subplot(sub[1])
            ax_v.sharex(ax_in)
            ax_in.scatter(d[f"input_ms/{name}"], d[f"input_row/{name}"], marker="|", s=18,
                          color=NEUTRAL, linewidths=1.0)  # fmt: skip
            ax_in.set_ylabel("input")
            ax_in.set_yticks([0, findings.settings["n_inputs"] - 1])
            ax_in.tick_params(labelbottom=False)
            rate = d["sync_rate_Hz"] if name == "sync" else d["async_rate_Hz"]
            ax_in.set_title(f"{title}\nLIF output {rate:.1f} Hz", loc="left")
            _trace(ax_v, d["trace_t_ms"], d[f"trace_v_mV/{name}"], d[f"spikes_ms/{name}"], v_th)
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
        ax_j.text(0, d["relative_async_rate"] + 0.02, "LIF neuron, shuffled spikes",
                  color=SPIKING, ha="left", va="bottom", fontsize=11)  # fmt: skip
        ax_j.plot(jit, d["unit_relative_jitter"], color=ARTIFICIAL, lw=2.6,
                  label="logistic unit (same rates)")  # fmt: skip
        ax_j.errorbar(jit, d["relative_jitter_rate"],
                      yerr=d["jitter_rate_se_Hz"] / d["sync_rate_Hz"], fmt="o-",
                      color=SPIKING, ms=7, capsize=3, label="LIF neuron")  # fmt: skip
        ax_j.set_xscale("symlog", linthresh=1.0)
        ax_j.set_xlim(-0.1, jit[-1] * 1.3)
        ax_j.set_ylim(0, 1.12)
        ax_j.set_xticks([0, 1, 10, 100])
        ax_j.set_xticklabels(["0", "1", "10", "100"])
        ax_j.set_xlabel("jitter of each input spike, SD (ms)")
        ax_j.set_ylabel("output / output for synchronous input")
        ax_j.legend(loc="center left", bbox_to_anchor=(0.0, 0.45))
        ax_j.set_title("output vs timing jitter", loc="left")
        rate_axis = ax_j.secondary_yaxis(
            "right",
            functions=(lambda y: y * d["sync_rate_Hz"], lambda r: r / d["sync_rate_Hz"]),
        )
        rate_axis.set_ylabel("LIF rate (Hz)", color=SPIKING)

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
                ax_in.legend(loc="center right", fontsize=11, handletextpad=0.2)
            _trace(ax_v, d["delay_t_ms"], d[f"delay_v_mV/{order}"],
                   d[f"delay_spikes_ms/{order}"], v_th)  # fmt: skip
            ax_v.set_xlim(d["delay_t_ms"][0], d["delay_t_ms"][-1])
            if order == "preferred":
                note = (f"{fire.size} × {findings.settings['delay_weight_mV']:g} mV = "
                        f"{d['delay_sum_preferred_mV']:g} mV\narrive at once")  # fmt: skip
            else:
                note = (f"peaks {d['delay_peak_reverse_mV']:.1f} mV above rest,\n"
                        f"{d['threshold_gap_mV']:g} mV needed")  # fmt: skip
            ax_v.text(0.98, 0.62, note, transform=ax_v.transAxes, ha="right", va="bottom",
                      fontsize=12, color=SPIKING)  # fmt: skip
            ax_v.set_xlabel("time (ms)")
            if col == 0:
                ax_v.set_ylabel("membrane potential (mV)")
            else:
                ax_v.tick_params(labelleft=False)
                ax_v.sharey(delay_axes[0][1])
            delay_axes.append((ax_in, ax_v))

        # F: what each model answers to the second pattern, relative to the first
        ax_s = fig.add_subplot(grid[1, 2])
        groups = ("shuffled /\nsynchronous", "reverse /\npreferred order")
        neuron = [d["relative_async_rate"], d["delay_spikes_per_presentation"][1]
                  / d["delay_spikes_per_presentation"][0]]  # fmt: skip
        unit = [d["unit_relative_async"], d["delay_unit_output"][1] / d["delay_unit_output"][0]]
        x = np.arange(2)
        bars_n = ax_s.bar(x - 0.19, neuron, 0.36, color=SPIKING, label="LIF neuron")
        bars_u = ax_s.bar(x + 0.19, unit, 0.36, color=ARTIFICIAL, label="logistic unit")
        for bars in (bars_n, bars_u):
            for b in bars:
                ax_s.text(b.get_x() + b.get_width() / 2, b.get_height() + 0.02,
                          f"{b.get_height():.2f}", ha="center", va="bottom", fontsize=12)  # fmt: skip
        ax_s.set_xticks(x)
        ax_s.set_xticklabels(groups)
        ax_s.set_ylim(0, 1.25)
        ax_s.set_ylabel("output ratio (same input rates)")
        ax_s.legend(loc="upper center", ncols=2)
        ax_s.set_title("same rates: does the answer change?", loc="left")

        label_panels([pair_axes[0][0], pair_axes[1][0], ax_j, delay_axes[0][0],
                      delay_axes[1][0], ax_s], x=-0.04, y=1.02)  # fmt: skip
        fig.suptitle(
            "Same input rates, different spike timing: the neuron's output changes, "
            "the logistic unit's cannot",
            fontsize=17,
            fontweight="bold",
        )
    return fig


def _trace(ax, t, v, spikes, v_th):
    """Membrane potential with spikes drawn as lines from threshold to the peak."""
    ax.plot(t, v, color=SPIKING, lw=1.5)
    ax.vlines(spikes, v_th, SPIKE_PEAK_MV, color=SPIKING, lw=1.5)
    ax.axhline(v_th, color=NEUTRAL, ls="--", lw=1.2)
    ax.set_ylim(-67, SPIKE_PEAK_MV + 2)
    return ax
