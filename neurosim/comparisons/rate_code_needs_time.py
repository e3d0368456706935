"""A rate must be counted: one neuron needs seconds, a pool of N neurons about N times less.

A logistic unit's output y = sigmoid(w . x + b) is there, exactly, as soon as the input
is.  A spiking neuron's "output" is its firing rate, and a reader downstream only has
spikes: it counts n spikes in a window of length T and estimates the rate as n / T.
How long must it count to read the rate to a given precision (default 10 % relative
RMS error)?  And how much faster is a reader that pools N neurons firing at the same
rate (the converted network of ``deep_network_as_spikes`` reads its digits this way)?

Simulated: LIF neurons (default :class:`~neurosim.spiking.LIFParameters`: tau_m 20 ms,
threshold 15 mV above rest), all in one Brian2 group, of two kinds:

* noisy (fluctuation-driven): mean drive ``mean_drive`` (default -52 mV, 2 mV below
  threshold) and white noise whose free membrane potential has standard deviation
  ``membrane_sd`` (default 5 mV; the LIF's ``sigma`` is sqrt(2) times it).  In vivo,
  cortical membrane potentials fluctuate with a standard deviation of a few mV
  (Destexhe, Rudolph & Pare 2003, Nat Rev Neurosci 4:739), and cortical neurons fire
  irregularly, ISI CV about 0.5-1 (Softky & Koch 1993, J Neurosci 13:334).  The
  neurons fire at about 20 Hz with CV about 0.6.
* regular: no noise, constant currents (from the inverted closed form) whose rates are
  spread evenly over +-15 % around the noisy neurons' predicted rate.  A periodic
  train counted from a random phase is off by less than one spike: relative RMS error
  sqrt(f (1 - f)) / (r T), f = frac(r T), about 1 / (sqrt(6) r T) averaged over f.

A pool of N noisy neurons is read by counting all their spikes: estimate = n / (N T),
relative error sqrt(F / (r T N)), F the Fano factor of one neuron's count (1 to CV^2;
:mod:`neurosim.spiking.counting`).  The window for precision eps is T = F / (r eps^2 N),
between CV^2 / (r eps^2 N) and 1 / (r eps^2 N): N-fold shorter for N-fold more neurons.

The true rate is the pooled mean count of all noisy neurons over the analysed run
(Siegert's rate for the time step, ``LIFParameters.rates(mu, sigma, dt=dt)``; for a
regular neuron its own 1 / period).  Windows of 2 ms to ``longest_window`` start at
uniformly random times, as many for each pool size; pools are disjoint groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, MARKERS, NEUTRAL, SPIKING, THEORY, darken, shade
from neurosim.plotting.notes import clear_legend, clear_note
from neurosim.plotting.style import label_panels, lecture_style, new_figure, sequence
from neurosim.spiking import LIFParameters, cv_isi
from neurosim.spiking.analysis import steady_rate
from neurosim.spiking.batch import Simulation, seeds_as_batch
from neurosim.spiking.counting import (
    log_slope,
    periodic_count_error,
    pool_sizes,
    pooled_count_error,
    quantisation_error,
    running_rate,
    window_for_error,
)
from neurosim.stimuli import constant
from neurosim.units import Hz, ms, mV, nA, second

NAME = "rate_code_needs_time"
QUESTION = "The unit answers at once; how long must we count spikes to read a neuron's rate?"
PARAMETERS = (
    Parameter(
        "membrane_sd",
        5.0,
        "standard deviation of the noisy neurons' free membrane potential",
        unit="mV",
        low=1.0,
        high=8.0,
    ),
    Parameter(
        "mean_drive",
        -52.0,
        "mean drive E_L + R I of the noisy neurons (threshold -50 mV)",
        unit="mV",
        low=-58.0,
        high=-46.0,
    ),
    Parameter(
        "precision", 10.0, "target relative RMS error of the rate read (%)", low=2.0, high=40.0
    ),
    Parameter("pool", 100, "largest pool of noisy neurons read together", low=3, high=300),
    Parameter(
        "neurons", 1000, "noisy neurons simulated (split into pools)", low=30, high=3000, quick=300
    ),
    Parameter(
        "longest_window",
        3.5,
        "longest counting window",
        unit="second",
        low=0.5,
        high=10.0,
        quick=2.5,
    ),
    Parameter("dt", 0.1, "simulation time step", unit="ms", low=0.05, high=0.5, quick=0.2),
)
COST = 5.0
#: Live updates (explore()): quick settings plus these, so the run takes about 0.8 s on
#: 2 cores (measured, benchmarks/bench_explore.py; one Brian2 run of 5800 steps, about
#: 0.5 s, and 0.3 s of counting in windows). The longest window stays: one noisy neuron
#: needs about 2 s to reach 10 %, which a 2 s window no longer measures. What the figure
#: loses: little; spike times on a 0.5 ms grid instead of 0.2 ms, so the noisy neurons
#: fire a little differently (the pool of 100 reads in 29 ms, not 26 ms; ISI CV 0.63
#: either way), against closed forms corrected for the same step.
EXPLORE = {"dt": 0.5}

#: What the run records beside its parameters.
DESCRIBED = {
    "readout": "rate estimate = spikes of the pool in [t, t + T) / (N T), t uniformly random",
    "regular": "no noise, constant currents for rates within +-15 % of the noisy rate",
}
#: Regular population: rates spread over this factor range around the noisy rate.
REGULAR_SPREAD = (0.85, 1.15)
#: Counting windows: N_WINDOWS from 2 ms; spikes counted after the start-up; room for
#: random window starts beyond the longest window (s).
SHORTEST_WINDOW_S, N_WINDOWS, START_UP_S, SLACK_S = 0.002, 28, 0.1, 0.3
#: Windows per neuron and window length (a pool of N gets N times as many).
WINDOWS_PER_NEURON = 20
#: Regular firing: fit the error's slope over windows of at least 3 mean periods.
REGULAR_FIT_PERIODS = 3.0
#: Noisy firing: fit the error's slope over windows of at least 20 mean intervals.
NOISY_FIT_INTERVALS = 20.0


@dataclass(frozen=True)
class RateCodeData:
    """What ``run()`` measured and ``plot()`` draws (times in s unless named, rates in Hz).

    Attributes
    ----------
    windows_s : array (n_windows,)
        Counting windows T, 2 ms to ``longest_window``, log-spaced.
    pool_sizes : int array (n_sizes,); largest_pool : int
        Pool sizes N of noisy neurons read together, 1 to ``largest_pool``.
    precision : float
        Target relative RMS error of the rate read (a fraction: 0.1 for 10 %).
    error, error_se, independent_windows : arrays (n_sizes, n_windows)
        Relative RMS error of n / (N T) for noisy pools, its sampling error, and the
        independent (non-overlapping) windows behind it.
    window_needed_s : array (n_sizes,)
        Shortest window whose error stays within ``precision`` (NaN: not reached).
    regular_error, regular_error_se : arrays (n_windows,); regular_window_s : float
        The same for one regular (noise-free) neuron, against its own rate.
    noisy_rate_Hz, noisy_rate_se_Hz, noisy_predicted_Hz : float
        The noisy neurons' rate (pooled mean count), its standard error, and Siegert's
        rate shifted for dt and stamped.
    regular_rates_Hz, regular_currents_nA : arrays (n_regular,)
        Each regular neuron's rate (1 / period) and its constant current.
    cv_noisy, cv_regular : float
        Mean ISI coefficient of variation of the noisy and of the regular neurons.
    membrane_sd_mV, mean_drive_mV, dt_ms : float
        The noisy neurons' free membrane SD and mean drive, the time step.
    poisson_window_s, renewal_window_s : arrays (n_sizes,)
        The counting laws' windows 1 / (r eps^2 N) and CV^2 / (r eps^2 N).
    quantisation_law : array (n_windows,)
        RMS over the regular neurons of sqrt(f (1 - f)) / (r T), f = frac(r T).
    slope_noisy, slope_regular, slope_pooling : float
        Log-log slopes of one noisy neuron's error against long windows, of one regular
        neuron's against windows of >= 3 periods, and of the window needed against N.
    running_t_s : array (n_grid,); running_single_Hz, running_pool_Hz : (k, n_grid)
        Running estimates of three single noisy neurons and of up to three pools;
        running_regular_Hz : (n_grid,) that of one regular neuron.
    """

    windows_s: np.ndarray
    pool_sizes: np.ndarray
    largest_pool: int
    precision: float
    error: np.ndarray
    error_se: np.ndarray
    independent_windows: np.ndarray
    window_needed_s: np.ndarray
    regular_error: np.ndarray
    regular_error_se: np.ndarray
    regular_window_s: float
    noisy_rate_Hz: float
    noisy_rate_se_Hz: float
    noisy_predicted_Hz: float
    regular_rates_Hz: np.ndarray
    regular_currents_nA: np.ndarray
    cv_noisy: float
    cv_regular: float
    membrane_sd_mV: float
    mean_drive_mV: float
    dt_ms: float
    poisson_window_s: np.ndarray
    renewal_window_s: np.ndarray
    quantisation_law: np.ndarray
    slope_noisy: float
    slope_regular: float
    slope_pooling: float
    running_t_s: np.ndarray
    running_single_Hz: np.ndarray
    running_pool_Hz: np.ndarray
    running_regular_Hz: np.ndarray


@seeds_as_batch
def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """One run of both populations; count in windows of every length and pool size."""
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed, **DESCRIBED)
    lif = LIFParameters()
    sd_mv, mu_mv = p.plain("membrane_sd"), p.plain("mean_drive")
    sigma = np.sqrt(2) * sd_mv * mV  # the LIF's noise amplitude: free SD = sigma / sqrt(2)
    eps = p.plain("precision") / 100
    n_noisy = int(p.neurons)
    largest = min(int(p.pool), n_noisy // 2)
    sizes = pool_sizes(largest)
    n_regular = max(50, n_noisy // 10)
    dt_ms = p.plain("dt")
    windows = np.geomspace(SHORTEST_WINDOW_S, p.plain("longest_window"), N_WINDOWS)
    duration = START_UP_S + windows[-1] + SLACK_S
    duration = round(duration / (dt_ms * 1e-3)) * dt_ms * 1e-3  # a whole number of steps
    rng = np.random.default_rng(seed)

    # -- stimulus: the noisy drive and the regular currents -------------------------------
    predicted = float(lif.rates(mu_mv * mV, sigma, dt=dt_ms * ms) / Hz)
    regular_target = np.linspace(*REGULAR_SPREAD, n_regular) * max(predicted, 1.0)
    regular_current = np.asarray(lif.current_for_rate(regular_target * Hz) / nA, dtype=float)
    noisy_current = float((mu_mv * mV - lif.E_L) / (lif.R * nA))
    currents = np.concatenate([np.full(n_noisy, noisy_current), regular_current])
    sigmas = np.concatenate([np.full(n_noisy, float(sigma / mV)), np.zeros(n_regular)])

    # -- artificial model: its output is exact at t = 0 (no simulation needed) ---------------
    # -- spiking model: one group, one Brian2 run ---------------------------------------------
    both = lif.replace(sigma=sigmas * mV)
    result = yield Simulation(
        both, constant(currents * nA), duration * second, dt=dt_ms * ms, seed=seed
    )
    times = np.asarray(result.times / second, dtype=float)
    neuron = np.asarray(result.neuron)
    late = times >= START_UP_S
    trains = [times[late & (neuron == k)] for k in range(n_noisy + n_regular)]
    counts = np.array([t.size for t in trains[:n_noisy]])
    analysed = duration - START_UP_S
    noisy_rate = float(counts.sum() / (n_noisy * analysed))  # the pooled mean
    noisy_rate_se = float(counts.std(ddof=1) / np.sqrt(n_noisy) / analysed)
    # a periodic train: its own rate, 1 / period (a count over a fixed time would be
    # off by up to one spike, as much as the errors measured at the longest windows)
    regular_rate = np.asarray(steady_rate(trains[n_noisy:]), dtype=float)

    # -- comparison: count in windows at random starts ----------------------------------------
    noisy = neuron < n_noisy
    reading = dict(t_start=START_UP_S, t_stop=duration, windows_per_neuron=WINDOWS_PER_NEURON)
    pooled = pooled_count_error(
        times[noisy], neuron[noisy], n_noisy, sizes, windows, noisy_rate, rng=rng, **reading
    )
    reg_error, reg_error_se = periodic_count_error(
        times[~noisy], neuron[~noisy] - n_noisy, regular_rate, windows, rng=rng, **reading
    )
    cv_noisy = float(np.nanmean([cv_isi(t) for t in trains[:n_noisy]]))
    window_needed = np.array([window_for_error(windows, e, eps) for e in pooled.error])
    long_noisy = windows >= NOISY_FIT_INTERVALS / max(noisy_rate, 1e-9)
    long_regular = windows >= REGULAR_FIT_PERIODS / float(regular_rate.mean())

    # running estimates from the end of the start-up, for the figure
    grid = np.geomspace(SHORTEST_WINDOW_S, windows[-1], 300)
    firsts = range(0, largest * min(3, n_noisy // largest), largest)
    pools = [np.concatenate(trains[k : k + largest]) for k in firsts]
    findings.data = RateCodeData(
        windows_s=windows,
        pool_sizes=sizes,
        largest_pool=largest,
        precision=eps,
        error=pooled.error,
        error_se=pooled.se,
        independent_windows=pooled.independent,
        window_needed_s=window_needed,
        regular_error=reg_error,
        regular_error_se=reg_error_se,
        regular_window_s=window_for_error(windows, reg_error, eps),
        noisy_rate_Hz=noisy_rate,
        noisy_rate_se_Hz=noisy_rate_se,
        noisy_predicted_Hz=predicted,
        regular_rates_Hz=regular_rate,
        regular_currents_nA=regular_current,
        cv_noisy=cv_noisy,
        cv_regular=float(np.nanmean([cv_isi(t) for t in trains[n_noisy:]])),
        membrane_sd_mV=sd_mv,
        mean_drive_mV=mu_mv,
        dt_ms=dt_ms,
        poisson_window_s=1.0 / (noisy_rate * eps**2 * sizes),
        renewal_window_s=cv_noisy**2 / (noisy_rate * eps**2 * sizes),
        quantisation_law=quantisation_error(regular_rate, windows),
        slope_noisy=log_slope(windows[long_noisy], pooled.error[0, long_noisy]),
        slope_regular=log_slope(windows[long_regular], reg_error[long_regular]),
        slope_pooling=log_slope(sizes.astype(float), window_needed),
        running_t_s=grid,
        running_single_Hz=np.array([running_rate(t - START_UP_S, grid) for t in trains[:3]]),
        running_pool_Hz=np.array([running_rate(t - START_UP_S, grid) / largest for t in pools]),
        running_regular_Hz=running_rate(trains[n_noisy + n_regular // 2] - START_UP_S, grid),
    )
    _claims(findings, findings.data)
    return findings


def _claims(findings: Findings, d: RateCodeData) -> None:
    """Three reading times judged by the yardstick, four checks of the counting laws."""
    eps, largest = d.precision, d.largest_pool
    noisy = (
        f"noisy LIF neurons (free membrane potential SD {d.membrane_sd_mV:g} mV, mean drive "
        f"{d.mean_drive_mV:g} mV), rate read to {100 * eps:g} % RMS error; a logistic unit: 0 ms"
    )
    regular = (
        f"one noise-free (regular) LIF neuron to {100 * eps:g} % RMS error, counted from a "
        "random phase"
    )
    needed = "counting window needed to read the rate of"
    for statement, window, label, key in (
        (
            f"a pool of {largest} independent {noisy}",
            d.window_needed_s[-1],
            f"pool of {largest} noisy neurons: time to read",
            True,
        ),
        (f"one of the {noisy}", d.window_needed_s[0], "one noisy neuron: time to read", True),
        (regular, d.regular_window_s, "one regular neuron: time to read", False),
    ):
        rule, aspect = yardsticks.READING, "output code"
        findings.claim(
            f"{needed} {statement}",
            1e3 * window,
            "ms",
            rule=rule,
            label=label,
            aspect=aspect,
            key=key,
        )
    slope = "log-log slope of"
    for statement, value, label, bounds, partly, reason in (
        (
            f"{slope} the counting window against the pool size N (noisy neurons, "
            "independent counts: -1)",
            d.slope_pooling,
            "time to read vs pool size: slope",
            (-1.1, -0.8),
            None,
            "variances of independent counts add (slope -1); the Fano factor rises from CV^2 "
            "toward 1 as windows shorten, at most a factor 1/CV^2 ~ 3 over two decades of N: "
            "slope no shallower than -0.8",
        ),
        (
            f"{slope} one noisy neuron's rate error against long counting windows (renewal "
            "counting: -1/2)",
            d.slope_noisy,
            "noisy neuron's error vs window: slope",
            (-0.6, -0.4),
            None,
            "count variance CV^2 r T for windows of many intervals (Cox 1962); +-0.1 for the "
            "sampling error of the slope",
        ),
        (
            f"{slope} a regular neuron's rate error against windows of at least three periods "
            "(counting off by under one spike: -1)",
            d.slope_regular,
            "regular neuron's error vs window: slope",
            (-1.1, -0.9),
            None,
            "RMS quantisation error ~ 1/(sqrt(6) r T); +-0.1 for the sampling of phases",
        ),
        (
            "ISI coefficient of variation of the noisy neurons (the irregular firing of cortex)",
            d.cv_noisy,
            "ISI CV of the noisy neurons",
            (0.5, 1.1),
            (0.3, 1.5),
            "cortical neurons in vivo: ISI CV about 0.5-1 (Softky & Koch 1993)",
        ),
    ):
        rule = Rule.between(*bounds, partly=partly, reason=reason)
        findings.claim(statement, value, "", rule=rule, label=label, about="spiking")


def _duration(seconds: float) -> str:
    if not np.isfinite(seconds):
        return "not reached"
    return f"{seconds:.1f} s" if seconds >= 1 else f"{1e3 * seconds:.0f} ms"


#: One regular neuron, drawn darker than the noisy ones.
REGULAR_COLOR = darken(SPIKING, 0.45)


def plot(findings: Findings):
    """A: running estimates vs the unit; B: error vs window per pool size; C: window vs N."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(18, 6.2))
        axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1.1, 1]})
        _running_panel(axes[0], d)
        _error_panel(axes[1], d)
        _pooling_panel(axes[2], d)
        label_panels(list(axes), x=-0.1)
        title = (
            "A unit's output is there at once; a rate must be counted, and N neurons "
            "pooled count N times faster"
        )
        rests_on = {
            "one noisy neuron: time to read": ["above", "not reached"],
            "time to read vs pool size: slope": "holds",
        }
        finish(fig, findings, title, rests_on, fontsize=16, fontweight="bold")
    return fig


def _running_panel(ax, d: RateCodeData):
    """Running estimates: one neuron, a pool, a regular neuron, and the unit."""
    rate, eps, t_ms = d.noisy_rate_Hz, d.precision, 1e3 * d.running_t_s
    band = f"±{100 * eps:g} %"
    ax.axhspan(rate * (1 - eps), rate * (1 + eps), color=ARTIFICIAL, alpha=0.12, lw=0, label=band)
    ax.axhline(rate, color=ARTIFICIAL, lw=3, label="logistic unit: exact at once")
    for k, curve in enumerate(d.running_single_Hz):
        label = "one noisy neuron" if k == 0 else None
        ax.plot(t_ms, curve, color=shade(SPIKING, 0.45), lw=1.4, label=label)
    for k, curve in enumerate(d.running_pool_Hz):
        label = f"pool of {d.largest_pool} noisy neurons" if k == 0 else None
        ax.plot(t_ms, curve, color=SPIKING, lw=2.2, label=label)
    ax.plot(t_ms, d.running_regular_Hz, color=REGULAR_COLOR, lw=2.2, label="one regular neuron")
    ax.set_xscale("log")
    ax.set(xlim=(t_ms[0], t_ms[-1]), ylim=(0, 3.2 * rate))
    ax.set(xlabel="counting time t (ms)", ylabel="rate estimate: spikes / (N t) (Hz)")
    ax.set_title("estimates settle after counting", fontsize=14)
    clear_legend(ax, ["upper right", "lower right", "upper left", "lower left"], fontsize=10.5)
    return ax


def _error_panel(ax, d: RateCodeData):
    """Error against window, one curve per pool size, with the counting laws."""
    T, sizes, eps = 1e3 * d.windows_s, d.pool_sizes, d.precision
    colors = sequence(SPIKING, sizes.size)
    for i, size in enumerate(sizes):
        marker = MARKERS[i % len(MARKERS)]
        y = 100 * d.error[i]
        ax.errorbar(T, y, 100 * d.error_se[i], fmt=marker, ms=5, color=colors[i], zorder=3)
        # a direct label left of each series' first point (the axis starts further left)
        ax.text(T[0] / 1.25, y[0], f"N = {size}", color=colors[i], ha="right", va="center")
    for size in (sizes[0], sizes[-1]):
        label = "Poisson: 1/√(rTN)" if size == sizes[0] else None
        poisson = 100 / np.sqrt(d.noisy_rate_Hz * d.windows_s * size)
        ax.plot(T, poisson, color=THEORY, ls="--", lw=1.5, label=label)
    regular, regular_se = 100 * d.regular_error, 100 * d.regular_error_se
    ax.errorbar(T, regular, regular_se, fmt="s", ms=5, color=REGULAR_COLOR, label="regular, N = 1")
    law = "±1 spike: √(f(1−f))/(rT)"
    ax.plot(T, 100 * d.quantisation_law, color=THEORY, ls=":", lw=2, label=law)
    ax.axhline(100 * eps, color=NEUTRAL, lw=1.2)
    target = f"{100 * eps:g} % error"
    x, y = T[0] * 1.1, 100 * eps  # over its line, else under it
    places = [(x, y * 1.08, "left", "bottom"), (x, y / 1.08, "left", "top")]
    clear_note(ax, target, places, transform=ax.transData, color=NEUTRAL, fontsize=11)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(T[0] / 4, T[-1] * 1.3)
    finite = d.error[np.isfinite(d.error) & (d.error > 0)]
    ax.set_ylim(0.5 * 100 * finite.min(), max(300, 1.6 * 100 * np.nanmax(d.error[:, 0])))
    ax.set_xlabel("counting window T (ms)")
    ax.set_ylabel("rate error, relative RMS (%)")
    ax.set_title("error vs window: pooling N neurons", fontsize=14)
    ax.legend(loc="upper right", fontsize=10.5)
    return ax


def _pooling_panel(ax, d: RateCodeData):
    """Window needed against pool size, beside the yardsticks and the counting laws."""
    sizes, needed_ms, regular_ms = d.pool_sizes, 1e3 * d.window_needed_s, 1e3 * d.regular_window_s
    stage, whole = yardsticks.STAGE_MS, yardsticks.RECOGNITION_MS
    n_fine = np.geomspace(1, sizes[-1], 50)
    poisson, renewal = (w / n_fine for w in (d.poisson_window_s[0], d.renewal_window_s[0]))
    ax.axhspan(0, stage, color=ARTIFICIAL, alpha=0.10, lw=0)
    ax.axhline(whole, color=NEUTRAL, lw=1, ls="-.")
    text = {"fontsize": 10.5, "transform": ax.transData}
    # at the left, under its line (the lines cross 150 ms further right), else over it
    places = [(0.33, whole / 1.1, "left", "top"), (0.33, whole * 1.1, "left", "bottom")]
    clear_note(ax, f"{whole:g} ms: a whole recognition", places, color=NEUTRAL, **text)
    places = [(x, stage * 0.8, ha, "top") for x, ha in ((1.05, "left"), (sizes[-1] * 2, "right"))]
    stage_text = f"< {stage:g} ms: one processing stage (a unit: 0 ms)"
    clear_note(ax, stage_text, places, color=ARTIFICIAL, **text)
    ax.plot(n_fine, 1e3 * poisson, color=THEORY, ls="--", lw=1.5, label="Poisson: 1/(r ε² N)")
    ax.plot(n_fine, 1e3 * renewal, color=THEORY, ls=":", lw=2, label="renewal: CV²/(r ε² N)")
    ax.plot(sizes, needed_ms, "o-", color=SPIKING, ms=9, lw=2, label="noisy neurons, measured")
    ax.plot([1], [regular_ms], "s", color=REGULAR_COLOR, ms=10, label="one regular neuron")
    # the two ends, labelled below their points (clear of the Poisson line above)
    bold = {"textcoords": "offset points", "color": SPIKING, "fontsize": 13, "fontweight": "bold"}
    for k, offset, ha in ((0, (-10, -4), "right"), (-1, (8, 8), "left")):
        w = d.window_needed_s[k]
        if np.isfinite(w):
            ax.annotate(_duration(w), (sizes[k], 1e3 * w), xytext=offset, ha=ha, **bold)
    ax.set_xscale("log")
    ax.set_yscale("log")
    shown = np.concatenate([needed_ms, 1e3 * poisson, 1e3 * renewal, [regular_ms, stage]])
    shown = shown[np.isfinite(shown) & (shown > 0)]
    ax.set(ylim=(0.4 * shown.min(), 4 * shown.max()), xlim=(0.3, sizes[-1] * 2.2))
    ax.set_xlabel("neurons pooled, N")
    ax.set_ylabel(f"window for {100 * d.precision:g} % error (ms)")
    ax.set_title("N times more neurons, N times less time", fontsize=14)
    clear_legend(ax, ["upper right", "lower left"], fontsize=10.5)
    return ax
