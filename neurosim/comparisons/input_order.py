"""The order in which inputs arrive along a dendrite decides whether a neuron fires; a unit reading their rates cannot tell the orders apart.

Question: does the order in which a neuron's inputs arrive matter, or only how many arrive?

A logistic unit reads its inputs as numbers -- here the firing rate of each input -- so
two sequences that fire every input equally often give it the same output, to the last
bit.  A leaky integrate-and-fire neuron (:class:`~neurosim.spiking.LIFParameters`
defaults: tau_m 20 ms, rest = reset -65 mV, threshold -50 mV, t_ref 2 ms, no noise)
reads spikes: each input spike makes its membrane jump by w, and the jumps decay with
tau_m.

K = 8 inputs sit at increasing distances along a dendrite; input k (k = 0 nearest)
reaches the soma after a pure conduction delay of k * 2 ms (Rall 1964's dendritic
direction selectivity, without attenuation: :func:`neurosim.stimuli.delay_line`).
Fired from the far end to the near end (the preferred order), all eight 2.5 mV inputs
arrive together, 20 mV, and the neuron fires.  In the reverse order they arrive 4 ms
apart and the membrane peaks at the geometric sum w (1 - q^K) / (1 - q),
q = exp(-4 ms / tau_m): 11.0 mV above rest, short of the 15 mV needed
(:func:`neurosim.spiking.jump_train_peak`).  Each input fires once per sequence in
either order; the sequences repeat after the membrane has relaxed for five tau_m, so
every presentation meets the neuron at rest.

The unit (:class:`~neurosim.artificial.LogisticUnit`) reads the per-input rates with
weights w tau_m / s (Campbell's mean, in units of the free membrane's SD s) and bias
-(V_th - E_L) / s; any weights would do.  Both orders are neurons of one Brian2 run
(dt = 0.1 ms, exact integration).  No input is random: the run is deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from neurosim import spiking
from neurosim.artificial import LogisticUnit
from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    inputs_over_trace,
    label_panels,
    lecture_style,
    membrane_trace,
    new_figure,
    run_note,
)
from neurosim.spiking import LIFParameters, simulate
from neurosim.stimuli import delay_line, pattern_batch
from neurosim.units import Hz, ms, mV, second

NAME = "input_order"
QUESTION = "Does the order in which a neuron's inputs arrive matter, or only how many arrive?"
PARAMETERS = (
    Parameter.from_field(LIFParameters, "tau_m", low=5, high=50),
    Parameter("n_inputs", 8, "inputs along the dendrite", low=2, high=20),
    Parameter(
        "delay", 2.0, "conduction delay between neighbouring inputs", unit="ms", low=0.5, high=5
    ),
    Parameter("weight", 2.5, "membrane jump per input spike", unit="mV", low=0.5, high=10),
    Parameter("presentations", 10, "times each sequence is presented", low=1, high=50, quick=4),
)
COST = 1.5
#: No input is random: every claim is the same for every seed.
DETERMINISTIC = True
#: Live updates (explore()): quick settings plus these, so the run takes about 0.3 s on
#: 2 cores (measured, benchmarks/bench_explore.py; Brian2's steps are the time, and they
#: follow the presentations). What the figure loses: nothing visible. The model is
#: deterministic, so every presentation repeats the first (the one drawn) and every
#: claim keeps its value.
EXPLORE = {"presentations": 2}

DT_MS = 0.1
#: The LIF's rest and the distance from rest to threshold (LIFParameters defaults), mV.
E_L_MV = float(LIFParameters().E_L / mV)
GAP_MV = float((LIFParameters().V_th - LIFParameters().E_L) / mV)
#: The first input of a presentation fires this long after its start (ms).
START_MS = 20.0
#: Between the last arrival of one sequence and the first of the next, the membrane
#: relaxes for at least this many tau_m (to within e^-5 < 1 % of its excursion).
REST_TAUS = 5.0
ORDERS = ("preferred", "reverse")
#: Spikes are drawn as lines this far above threshold (the LIF has no spike shape).
SPIKE_HEIGHT_MV = 20.0
#: The run's settings beside the parameters: how the models read the input.
SETTINGS = {
    "dt_ms": DT_MS,
    "encoding": "input spikes are membrane jumps of `weight`, each input reaching the soma "
    "after its conduction delay; the unit reads each input's rate (count / duration)",
    "neuron": "LIFParameters defaults except tau_m: E_L = V_reset -65 mV, V_th -50 mV, "
    "R 100 MOhm, t_ref 2 ms, no membrane noise; exact integration",
    "period": f"sequences repeat every 2 (K - 1) delay + {REST_TAUS:g} tau_m, rounded up to 10 ms",
}


@dataclass(frozen=True)
class Measured:
    """What plot() needs, and the numbers the claims and tests read (units in the names).

    Attributes
    ----------
    n_inputs, weight_mV, delay_ms, tau_m_ms, period_ms, duration_s : number
        The dendrite, the membrane and the run (``presentations`` sequences per order).
    fire_ms, arrive_ms : ndarray, shape (2, n_inputs)
        Per order of ``ORDERS``, each input's firing and arrival time (first sequence).
    unit_output : ndarray, shape (2,)
        The unit's output per order.
    t_ms, v_mV, spikes_ms : ndarray, ndarray (2, T), tuple
        The potential and spikes of each order's neuron, read through :meth:`trace`.
    spikes_per_presentation : ndarray, shape (2,)
        Output spikes per sequence in each order.
    peak_reverse_mV, peak_theory_mV : float
        The reverse order's largest depolarisation over rest in the first sequence, and
        its closed form (:func:`reverse_peak_mv`).
    """

    n_inputs: int
    weight_mV: float
    delay_ms: float
    tau_m_ms: float
    period_ms: float
    duration_s: float
    fire_ms: np.ndarray
    arrive_ms: np.ndarray
    unit_output: np.ndarray
    t_ms: np.ndarray
    v_mV: np.ndarray
    spikes_ms: tuple
    spikes_per_presentation: np.ndarray
    peak_reverse_mV: float
    peak_theory_mV: float

    @property
    def window_ms(self) -> tuple[float, float]:
        """The first sequence: 10 ms before its first input to one tau_m after its last."""
        last = float(np.max(self.arrive_ms))
        return START_MS - 10.0, last + self.tau_m_ms

    def trace(self, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Time, potential and spikes of order ``k``'s neuron in :attr:`window_ms`."""
        lo, hi = self.window_ms
        keep = (self.t_ms >= lo) & (self.t_ms < hi)
        s = self.spikes_ms[k]
        return self.t_ms[keep], self.v_mV[k, keep], s[(s >= lo) & (s < hi)]


# -- the stimulus ---------------------------------------------------------------------
def period_ms(p) -> float:
    """Time between presentations: the reverse sequence's span, then REST_TAUS tau_m."""
    span = 2 * (int(p.n_inputs) - 1) * float(p.delay / ms) + REST_TAUS * float(p.tau_m / ms)
    return 10.0 * math.ceil(span / 10.0 - 1e-9)


def sequence(p) -> dict:
    """The keywords of :func:`neurosim.stimuli.delay_line` for these settings."""
    return {
        "n_inputs": int(p.n_inputs),
        "delay": p.delay,
        "start": START_MS * ms,
        "period": period_ms(p) * ms,
    }


def reverse_peak_mv(p) -> float:
    """The reverse order's closed-form peak over rest (mV): the geometric sum
    ``w (1 - q^n) / (1 - q)``, ``q = exp(-2 delay / tau_m)``, of its first ``n`` jumps,
    ``n`` the first jump that lifts it past threshold (it fires then), else ``K``."""
    for n in range(1, int(p.n_inputs) + 1):
        peak = float(spiking.jump_train_peak(p.weight, 2 * p.delay, n, p.tau_m) / mV)
        if peak > GAP_MV:
            break
    return peak


# -- the comparison --------------------------------------------------------------------
def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Both orders, one simulation, both models read, claims."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        deterministic=DETERMINISTIC,
        **SETTINGS,
    )
    neuron = LIFParameters(tau_m=p.tau_m)
    n_in, n_present, tau_s = int(p.n_inputs), int(p.presentations), float(p.tau_m / second)
    duration_s = n_present * period_ms(p) * 1e-3
    # -- stimulus: one neuron per order, each input once per presentation ----------------
    arrive = [delay_line(o, presentations=n_present, **sequence(p))[1] for o in ORDERS]
    steps = [np.round(a / (DT_MS * 1e-3)).astype(np.int64) for a in arrive]
    batch = pattern_batch(steps, dt=DT_MS * ms, weight=p.weight)
    one = [delay_line(o, **sequence(p)) for o in ORDERS]  # the first sequence, as drawn
    fire_ms, arrive_ms = (np.array(t)[:, :, 0] * 1e3 for t in zip(*one))

    # -- artificial model: a unit reading the input rates ----------------------------------
    rates = np.array([[b.shape[1]] * b.shape[0] for b in batch.blocks]) / duration_s
    _, sigma = spiking.shot_noise_drive([n_in * rates[0, 0]] * Hz, p.weight, p.tau_m)
    scale_mv = float(sigma / mV) / np.sqrt(2)  # SD of the free membrane (Campbell)
    w_mv = float(p.weight / mV)
    unit = LogisticUnit(weights=np.full(n_in, w_mv * tau_s / scale_mv), bias=-GAP_MV / scale_mv)
    unit_output = unit.predict_proba(rates)

    # -- spiking model: both orders in one run -----------------------------------------------
    result = simulate(
        neuron, batch.stimuli(neuron.R), duration_s * second, dt=DT_MS * ms, record_v=True
    )
    counts = result.counts[:, 0]
    spike_t = np.asarray(result.times / ms)
    t_ms, v_mV = np.asarray(result.t / ms), np.asarray(result.v / mV)[:, 0, :]

    # -- comparison: the reverse order's peak against the geometric sum -------------------
    # (recorded at the start of each step: a jump that crosses threshold is recorded
    # before the threshold check resets the membrane)
    peak = float(np.max(v_mV[1, t_ms < period_ms(p)]) - E_L_MV)
    d = Measured(
        n_inputs=n_in,
        weight_mV=w_mv,
        delay_ms=float(p.delay / ms),
        tau_m_ms=tau_s * 1e3,
        period_ms=period_ms(p),
        duration_s=duration_s,
        fire_ms=fire_ms,
        arrive_ms=arrive_ms,
        unit_output=unit_output,
        t_ms=t_ms,
        v_mV=v_mV,
        spikes_ms=tuple(spike_t[result.neuron == k] for k in range(len(ORDERS))),
        spikes_per_presentation=counts / n_present,
        peak_reverse_mV=peak,
        peak_theory_mV=reverse_peak_mv(p),
    )
    findings.data = d
    _claims(findings, d)
    return findings


def _claims(findings: Findings, d: Measured) -> None:
    """The unit's check, the order's effect on the neuron, the peak's check."""
    findings.claim(
        "largest difference between the logistic unit's outputs for the preferred and the "
        "reverse order of inputs along the dendrite (inputs read as rates)",
        float(np.ptp(d.unit_output)),
        "",
        rule=Rule.at_most(
            1e-12,
            reason="the unit reads only the per-input rates, equal by construction: "
            "any difference beyond rounding would be a bug",
        ),
        about="artificial",
        label="logistic unit: output change with order",
        by_construction="the unit reads rates only, and the rates are equal",
    )
    preferred, reverse = d.spikes_per_presentation
    findings.claim(
        "LIF output for inputs arriving along the dendrite in the reverse order divided by "
        "its output for the preferred order (pure conduction delays, inputs alone, equal "
        "rates; the logistic unit's ratio is one)",
        reverse / preferred if preferred > 0 else float("nan"),
        "",
        rule=yardsticks.same_output(below="the order matters", above="the order matters"),
        aspect="timing",
        key=True,
        label="input order: reverse / preferred",
    )
    tolerance = d.n_inputs * d.weight_mV * DT_MS / (2 * d.tau_m_ms)
    findings.claim(
        "largest depolarisation of the LIF in the reverse order (first sequence) minus its "
        "closed form, the geometric sum of the jumps of w arriving two delays apart and "
        "decaying with tau_m in between, up to the last input or the jump that reaches "
        "threshold",
        abs(d.peak_reverse_mV - d.peak_theory_mV),
        "mV",
        rule=Rule.at_most(
            tolerance,
            reason="arrivals rounded to the dt grid move each jump by at most dt / 2, "
            "which changes its decayed share of the peak by at most w dt / (2 tau_m); "
            "exact integration adds only rounding",
        ),
        about="spiking",
        label="reverse order's peak vs the geometric sum",
    )


# -- the figure ----------------------------------------------------------------------------
TITLE = "The same inputs at the same rates, in two orders along a dendrite:\n{}; {}"
UNIT_SAYS = "the logistic unit gives both the same output"


def _neuron_says(spikes) -> str:
    """What the neuron did with the two orders, in words (the title's second line)."""
    preferred, reverse = spikes
    if (preferred > 0) != (reverse > 0):
        return "the neuron fires for one order only"
    if preferred != reverse:
        return "the neuron fires more often for one order"
    return "with these settings the neuron too answers both alike"


WORDS = ("far end first: all arrive together", "near end first: one after another")


def plot(findings: Findings):
    """The sequence along the dendrite over the membrane potential, per order."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(15, 9))
        grid = fig.add_gridspec(1, 2, wspace=0.08)
        preferred = _sequence_and_trace(fig, grid[0, 0], d, 0)
        reverse = _sequence_and_trace(fig, grid[0, 1], d, 1, share=preferred)
        label_panels([preferred[0], reverse[0]], x=-0.04, y=1.02)
        title = TITLE.format(_neuron_says(d.spikes_per_presentation), UNIT_SAYS)
        fig.suptitle(title, fontsize=17, fontweight="bold")
        run_note(fig, findings.settings)
    return fig


def _sequence_and_trace(fig, cell, d: Measured, k: int, share=None):
    """A, B: each input's firing and arrival over the membrane potential, one order."""
    ax_in, ax_v = inputs_over_trace(fig, cell)
    fire, arrive = d.fire_ms[k], d.arrive_ms[k]
    rows = np.arange(fire.size)
    ax_in.hlines(rows, fire, arrive, color=NEUTRAL, lw=1.5)
    ax_in.plot(fire, rows, "o", mfc="white", mec="0.2", ms=8, label="input fires")
    ax_in.plot(arrive, rows, "o", color="0.2", ms=8, label="reaches the soma")
    n = d.spikes_per_presentation[k]
    said = "no spike" if n == 0 else f"{n:g} spike" + ("" if n == 1 else "s")
    ax_in.set_title(f"{WORDS[k]}\nLIF neuron: {said} per sequence", loc="left")
    unit = f"logistic unit reading rates: {d.unit_output[k]:.2g}"
    style = {"transform": ax_in.transAxes, "fontsize": 14, "color": ARTIFICIAL}
    ax_in.text(0.98, 0.04, unit, ha="right", va="bottom", **style)  # below the last arrival
    t, v, spikes = d.trace(k)
    v_th = E_L_MV + GAP_MV
    membrane_trace(ax_v, t, v, spikes, threshold_mV=v_th, spike_height_mV=SPIKE_HEIGHT_MV)
    ax_v.set_xlim(*d.window_ms)
    ax_v.set_xlabel("time (ms)")
    if share is None:
        ax_in.set_ylabel("input\n(distance)")
        ax_in.set_yticks([0, fire.size - 1], ["near", "far"])
        ax_in.legend(loc="center right", fontsize=12, handletextpad=0.2)
        ax_v.set_ylabel("membrane potential (mV)")
        ax_v.set_ylim(min(E_L_MV, float(np.min(v))) - 2, v_th + SPIKE_HEIGHT_MV + 2)
        ax_v.text(d.window_ms[0] + 0.5, v_th + 0.5, "threshold", color=NEUTRAL, fontsize=12)
    else:  # the right panel: the left one's scales
        ax_in.sharey(share[0])
        ax_v.sharey(share[1])
        ax_in.tick_params(labelleft=False)
        ax_v.tick_params(labelleft=False)
    w, peak = d.weight_mV, d.peak_theory_mV
    verdict = "fires" if d.spikes_per_presentation[k] > 0 else f"{GAP_MV:g} mV needed"
    note = (
        f"{d.n_inputs} × {w:g} mV = {w * d.n_inputs:g} mV at once:\n{verdict}",
        f"peaks {peak:.1f} mV above rest:\n{verdict}",
    )[k]
    ax_v.text(0.98, 0.62, note, color=SPIKING, transform=ax_v.transAxes, fontsize=14, ha="right")
    return ax_in, ax_v
