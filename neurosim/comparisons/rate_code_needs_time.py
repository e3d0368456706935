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

A pool of N noisy neurons is read by counting all their spikes: estimate = n / (N T).
Independent counts add their variances, so the relative error is sqrt(F / (r T N)),
F the Fano factor of one neuron's count: 1 for a Poisson train; for a renewal train
it falls from 1 (windows much shorter than an interval) to CV^2 (long windows; Cox
1962, Renewal Theory, ch. 9).  The window for precision eps is therefore
T = F / (r eps^2 N), between CV^2 / (r eps^2 N) and 1 / (r eps^2 N): N-fold shorter
for N-fold more neurons.

The true rate is the pooled mean count of all noisy neurons over the whole analysed
run (for a regular neuron, its own 1 / period); it matches Siegert's formula
corrected for the time step (``siegert_rate(..., dt=dt)`` then ``stamped_rate``).
Windows of 2 ms to ``longest_window`` start at uniformly random times; each pool size
gets the same number of windows in all.  Pools are disjoint groups of the
``neurons`` simulated noisy neurons.
"""

from __future__ import annotations

import numpy as np

from neurosim.contract import Findings, Rule, yardsticks
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    THEORY,
    darken,
    label_panels,
    lecture_style,
    new_figure,
    run_note,
    shade,
)
from neurosim.spiking import LIFParameters, cv_isi, lif_rate, siegert_rate, simulate
from neurosim.spiking.analysis import steady_rate
from neurosim.spiking.theory import stamped_rate
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
        "precision",
        10.0,
        "target relative RMS error of the rate read (%)",
        low=2.0,
        high=40.0,
    ),
    Parameter("pool", 100, "largest pool of noisy neurons read together", low=3, high=300),
    Parameter(
        "neurons",
        1000,
        "noisy neurons simulated (split into pools)",
        low=30,
        high=3000,
        quick=300,
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

#: Regular population: rates spread over this factor range around the noisy rate.
REGULAR_SPREAD = (0.85, 1.15)
SHORTEST_WINDOW_S = 0.002
N_WINDOWS = 28
START_UP_S = 0.1
#: Room for random window starts beyond the longest window (s).
SLACK_S = 0.3
#: Windows per neuron and window length (a pool of N gets N times as many).
WINDOWS_PER_NEURON = 20
#: Regular firing: fit the error's slope over windows of at least 3 mean periods.
REGULAR_FIT_PERIODS = 3.0
#: Noisy firing: fit the error's slope over windows of at least 20 mean intervals.
NOISY_FIT_INTERVALS = 20.0


def current_for_rate(rate_hz, params: LIFParameters) -> np.ndarray:
    """Constant current (nA) at which the noise-free LIF fires at ``rate_hz``.

    Inverts ``lif_rate``: with x = exp((1/r - t_ref)/tau_m), R I = mu - E_L where
    mu = (x V_th - V_reset)/(x - 1) (from 1/r = t_ref + tau_m ln((mu - V_reset)/(mu - V_th))).
    """
    tau, tref = float(params.tau_m / second), float(params.t_ref / second)
    v_th, v_reset, e_l = (float(v / mV) for v in (params.V_th, params.V_reset, params.E_L))
    x = np.exp((1.0 / np.asarray(rate_hz, dtype=float) - tref) / tau)
    mu = (x * v_th - v_reset) / (x - 1)
    return (mu - e_l) * float(mV / (params.R * nA))


def window_counts(times_s, neuron, n_neurons, starts_s, window_s) -> np.ndarray:
    """Spikes of each neuron (or pool) in ``[start, start + window)``, for every start.

    ``neuron`` labels each spike (a pool label pools its members' spikes);
    ``starts_s`` has shape (n_neurons, k); returns ints of the same shape.
    """
    span = float(np.max(times_s, initial=0.0)) + window_s + np.max(starts_s) + 1.0
    key = np.sort(neuron * span + times_s)  # all trains in one sorted array
    offset = np.arange(n_neurons)[:, None] * span
    lo = np.searchsorted(key, offset + starts_s, side="left")
    hi = np.searchsorted(key, offset + starts_s + window_s, side="left")
    return hi - lo


def quantisation_error(rates_hz, window_s) -> np.ndarray:
    """Relative RMS error of n/T for periodic trains at random phase (population RMS).

    For period 1/r and f = frac(r T) the count is floor(r T) + 1 with probability f,
    else floor(r T): its variance is f (1 - f), its mean r T.
    """
    rt = np.asarray(rates_hz, dtype=float)[:, None] * np.asarray(window_s, dtype=float)[None, :]
    f = rt - np.floor(rt)
    return np.sqrt(np.mean(f * (1 - f) / rt**2, axis=0))


def window_for_error(windows, error, target) -> float:
    """Shortest window from which the error stays <= target (log-log interpolation).

    NaN if the error at the longest window is still above the target.
    """
    error = np.asarray(error, dtype=float)
    below = error <= target
    if not below[-1]:
        return float("nan")
    above = np.flatnonzero(~below)
    if above.size == 0:
        return float(windows[0])
    k = above[-1]  # error[k] > target >= error[k + 1]
    x0, x1 = np.log(windows[k]), np.log(windows[k + 1])
    y0, y1 = np.log(error[k]), np.log(error[k + 1])
    return float(np.exp(x0 + (np.log(target) - y0) * (x1 - x0) / (y1 - y0)))


def pool_sizes(largest: int) -> np.ndarray:
    """1 and about two sizes per decade up to ``largest``: 1, 3, 10, 32, 100 for 100."""
    steps = max(2, round(2 * np.log10(largest)) + 1)
    return np.unique(np.round(np.geomspace(1, largest, steps)).astype(int))


def _slope(x, y) -> float:
    ok = np.isfinite(y) & (y > 0)
    if ok.sum() < 2:
        return float("nan")
    return float(np.polyfit(np.log(x[ok]), np.log(y[ok]), 1)[0])


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """One run of both populations; count in windows of every length and pool size."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        readout="rate estimate = spikes of the pool in [t, t + T) / (N T), t uniformly random",
        regular="no noise, constant currents for rates within +-15 % of the noisy rate",
    )
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
    predicted = float(
        stamped_rate(siegert_rate(mu_mv * mV, sigma, lif, dt=dt_ms * ms), dt_ms * ms) / Hz
    )
    regular_target = np.linspace(*REGULAR_SPREAD, n_regular) * max(predicted, 1.0)
    regular_current = current_for_rate(regular_target, lif)
    noisy_current = float((mu_mv * mV - lif.E_L) / (lif.R * nA))
    currents = np.concatenate([np.full(n_noisy, noisy_current), regular_current])
    sigmas = np.concatenate([np.full(n_noisy, float(sigma / mV)), np.zeros(n_regular)])

    # -- artificial model: its output is exact at t = 0 (no simulation needed) ---------------
    # -- spiking model: one group, one Brian2 run ---------------------------------------------
    result = simulate(
        lif.replace(sigma=sigmas * mV),
        constant(currents * nA),
        duration * second,
        dt=dt_ms * ms,
        seed=seed,
    )
    times = np.asarray(result.times / second, dtype=float)
    neuron = np.asarray(result.neuron)
    n = n_noisy + n_regular
    analysed = duration - START_UP_S
    late = times >= START_UP_S
    trains = [times[late & (neuron == k)] for k in range(n)]
    counts = np.array([t.size for t in trains])
    noisy_rate = float(counts[:n_noisy].sum() / (n_noisy * analysed))  # the pooled mean
    noisy_rate_se = float(counts[:n_noisy].std(ddof=1) / np.sqrt(n_noisy) / analysed)
    # a periodic train: its own rate, 1 / period (a count over a fixed time would be
    # off by up to one spike, as much as the errors measured at the longest windows)
    regular_rate = np.asarray(steady_rate(trains[n_noisy:]), dtype=float)

    # -- comparison: count in windows at random starts ----------------------------------------
    noisy_sel = neuron < n_noisy
    noisy_times, noisy_ids = times[noisy_sel], neuron[noisy_sel]
    error = np.full((sizes.size, windows.size), np.nan)
    error_se = np.full_like(error, np.nan)
    independent = np.full_like(error, np.nan)
    for i, size in enumerate(sizes):
        n_pools = n_noisy // size
        keep = noisy_ids < n_pools * size
        pool_of = noisy_ids[keep] // size
        per_pool = WINDOWS_PER_NEURON * size
        for j, w in enumerate(windows):
            starts = rng.uniform(START_UP_S, duration - w, size=(n_pools, per_pool))
            estimate = window_counts(noisy_times[keep], pool_of, n_pools, starts, w) / (size * w)
            sq = ((estimate - noisy_rate) / noisy_rate) ** 2
            error[i, j] = np.sqrt(sq.mean())
            # sampling error of an RMS (delta method) from the independent samples: windows
            # of one pool overlapping in time are not independent
            n_eff = n_pools * min(per_pool, max(1.0, analysed / w))
            error_se[i, j] = np.std(sq) / np.sqrt(n_eff) / (2 * max(error[i, j], 1e-12))
            independent[i, j] = n_eff
    reg_ids = neuron[~noisy_sel] - n_noisy
    reg_starts = rng.uniform(
        START_UP_S,
        duration - windows[:, None, None],
        size=(windows.size, n_regular, WINDOWS_PER_NEURON),
    )
    reg_error = np.empty(windows.size)
    reg_error_se = np.empty(windows.size)
    for j, w in enumerate(windows):
        est = window_counts(times[~noisy_sel], reg_ids, n_regular, reg_starts[j], w) / w
        sq = ((est - regular_rate[:, None]) / regular_rate[:, None]) ** 2
        reg_error[j] = np.sqrt(sq.mean())
        parts = [np.sqrt(g.mean()) for g in np.array_split(sq, 10, axis=0)]
        reg_error_se[j] = np.std(parts, ddof=1) / np.sqrt(len(parts))

    cv_noisy = float(np.nanmean([cv_isi(t) for t in trains[:n_noisy]]))
    cv_regular = float(np.nanmean([cv_isi(t) for t in trains[n_noisy:]]))
    window_needed = np.array([window_for_error(windows, e, eps) for e in error])
    regular_window = window_for_error(windows, reg_error, eps)
    long_noisy = windows >= NOISY_FIT_INTERVALS / max(noisy_rate, 1e-9)
    long_regular = windows >= REGULAR_FIT_PERIODS / float(regular_rate.mean())

    # running estimates from the end of the start-up, for the figure
    grid = np.geomspace(SHORTEST_WINDOW_S, windows[-1], 300)
    running_single = np.array([_running(trains[k] - START_UP_S, grid) for k in range(3)])
    running_pool = np.array(
        [
            _running(
                np.sort(np.concatenate(trains[k * largest : (k + 1) * largest])) - START_UP_S, grid
            )
            / largest
            for k in range(min(3, n_noisy // largest))
        ]
    )
    running_regular = _running(trains[n_noisy + n_regular // 2] - START_UP_S, grid)

    findings.data = {
        "windows_s": windows,
        "pool_sizes": sizes,
        "largest_pool": largest,
        "precision": eps,
        "error": error,
        "error_se": error_se,
        "independent_windows": independent,
        "window_needed_s": window_needed,
        "regular_error": reg_error,
        "regular_error_se": reg_error_se,
        "regular_window_s": regular_window,
        "noisy_rate_Hz": noisy_rate,
        "noisy_rate_se_Hz": noisy_rate_se,
        "noisy_predicted_Hz": predicted,
        "regular_rates_Hz": regular_rate,
        "regular_currents_nA": regular_current,
        "regular_lif_rate_Hz": np.asarray(lif_rate(regular_current * nA, lif) / Hz, float),
        "cv_noisy": cv_noisy,
        "cv_regular": cv_regular,
        "membrane_sd_mV": sd_mv,
        "mean_drive_mV": mu_mv,
        "dt_ms": dt_ms,
        "duration_s": duration,
        "n_noisy": n_noisy,
        "n_regular": n_regular,
        "poisson_window_s": 1.0 / (noisy_rate * eps**2 * sizes),
        "renewal_window_s": cv_noisy**2 / (noisy_rate * eps**2 * sizes),
        "quantisation_law": quantisation_error(regular_rate, windows),
        "slope_noisy": _slope(windows[long_noisy], error[0, long_noisy]),
        "slope_regular": _slope(windows[long_regular], reg_error[long_regular]),
        "slope_pooling": _slope(sizes.astype(float), window_needed),
        "running_t_s": grid,
        "running_single_Hz": running_single,
        "running_pool_Hz": running_pool,
        "running_regular_Hz": running_regular,
        "stage_ms": yardsticks.STAGE_MS,
        "recognition_ms": yardsticks.RECOGNITION_MS,
    }

    # -- claims ----------------------------------------------------------------------------
    conditions = (
        f"noisy LIF neurons (free membrane potential SD {sd_mv:g} mV, mean drive "
        f"{mu_mv:g} mV), rate read to {100 * eps:g} % RMS error; a logistic unit: 0 ms"
    )
    findings.claim(
        f"counting window needed to read the rate of a pool of {largest} independent {conditions}",
        1e3 * window_needed[-1],
        "ms",
        rule=yardsticks.READING,
        label=f"pool of {largest} noisy neurons: time to read",
        aspect="output code",
        key=True,
    )
    findings.claim(
        f"counting window needed to read the rate of one of the {conditions}",
        1e3 * window_needed[0],
        "ms",
        rule=yardsticks.READING,
        label="one noisy neuron: time to read",
        aspect="output code",
        key=True,
    )
    findings.claim(
        f"counting window needed to read the rate of one noise-free (regular) LIF neuron "
        f"to {100 * eps:g} % RMS error, counted from a random phase",
        1e3 * regular_window,
        "ms",
        rule=yardsticks.READING,
        label="one regular neuron: time to read",
        aspect="output code",
    )
    findings.claim(
        "log-log slope of the counting window against the pool size N (noisy neurons, "
        "independent counts: -1)",
        findings.data["slope_pooling"],
        "",
        rule=Rule.between(
            -1.1,
            -0.8,
            reason="variances of independent counts add (slope -1); the Fano factor rises "
            "from CV^2 toward 1 as windows shorten, at most a factor 1/CV^2 ~ 3 over two "
            "decades of N: slope no shallower than -0.8",
        ),
        label="time to read vs pool size: slope",
        about="spiking",
    )
    findings.claim(
        "log-log slope of one noisy neuron's rate error against long counting windows "
        "(renewal counting: -1/2)",
        findings.data["slope_noisy"],
        "",
        rule=Rule.between(
            -0.6,
            -0.4,
            reason="count variance CV^2 r T for windows of many intervals "
            "(Cox 1962); +-0.1 for the sampling error of the slope",
        ),
        label="noisy neuron's error vs window: slope",
        about="spiking",
    )
    findings.claim(
        "log-log slope of a regular neuron's rate error against windows of at least three "
        "periods (counting off by under one spike: -1)",
        findings.data["slope_regular"],
        "",
        rule=Rule.between(
            -1.1,
            -0.9,
            reason="RMS quantisation error ~ 1/(sqrt(6) r T); +-0.1 for the sampling of phases",
        ),
        label="regular neuron's error vs window: slope",
        about="spiking",
    )
    findings.claim(
        "ISI coefficient of variation of the noisy neurons (the irregular firing of cortex)",
        cv_noisy,
        "",
        rule=Rule.between(
            0.5,
            1.1,
            partly=(0.3, 1.5),
            reason="cortical neurons in vivo: ISI CV about 0.5-1 (Softky & Koch 1993)",
        ),
        label="ISI CV of the noisy neurons",
        about="spiking",
    )
    return findings


def _running(train, grid) -> np.ndarray:
    """Running rate estimate: spikes in [0, t) divided by t, at every t of ``grid``."""
    return np.searchsorted(train[train >= 0], grid, side="left") / grid


def _ms(seconds: float) -> str:
    if not np.isfinite(seconds):
        return "not reached"
    return f"{seconds:.1f} s" if seconds >= 1 else f"{1e3 * seconds:.0f} ms"


def plot(findings: Findings):
    """A: running estimates vs the unit; B: error vs window per pool size; C: window vs N."""
    d = findings.data
    windows_ms = 1e3 * d["windows_s"]
    sizes = d["pool_sizes"]
    eps = d["precision"]
    rate = d["noisy_rate_Hz"]
    regular_color = darken(SPIKING, 0.45)
    strengths = np.linspace(0.5, 1.0, sizes.size)
    with lecture_style():
        fig = new_figure(figsize=(18, 6.2))
        ax_run, ax_err, ax_n = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1.1, 1]})

        # A: running estimates: one neuron, a pool, a regular neuron, and the unit
        t_ms = 1e3 * d["running_t_s"]
        ax_run.axhspan(
            rate * (1 - eps),
            rate * (1 + eps),
            color=ARTIFICIAL,
            alpha=0.12,
            lw=0,
            label=f"±{100 * eps:g} %",
        )
        ax_run.axhline(rate, color=ARTIFICIAL, lw=3, label="logistic unit: exact at once")
        for k, curve in enumerate(d["running_single_Hz"]):
            ax_run.plot(
                t_ms,
                curve,
                color=shade(SPIKING, 0.45),
                lw=1.4,
                label="one noisy neuron" if k == 0 else None,
            )
        for k, curve in enumerate(d["running_pool_Hz"]):
            ax_run.plot(
                t_ms,
                curve,
                color=SPIKING,
                lw=2.2,
                label=f"pool of {d['largest_pool']} noisy neurons" if k == 0 else None,
            )
        ax_run.plot(
            t_ms, d["running_regular_Hz"], color=regular_color, lw=2.2, label="one regular neuron"
        )
        ax_run.set_xscale("log")
        ax_run.set_xlim(t_ms[0], t_ms[-1])
        ax_run.set_ylim(0, 2.2 * rate)
        ax_run.set_xlabel("counting time t (ms)")
        ax_run.set_ylabel("rate estimate: spikes / (N t) (Hz)")
        ax_run.set_title("estimates settle after counting", fontsize=14)
        ax_run.legend(loc="upper right", fontsize=10.5)

        # B: error against window, one curve per pool size, with the counting laws
        for i, size in enumerate(sizes):
            color = shade(SPIKING, strengths[i])
            ax_err.errorbar(
                windows_ms,
                100 * d["error"][i],
                yerr=100 * d["error_se"][i],
                fmt="o",
                ms=5,
                color=color,
                label=f"N = {size}",
                zorder=3,
            )
        for size in (sizes[0], sizes[-1]):
            ax_err.plot(
                windows_ms,
                100 / np.sqrt(rate * d["windows_s"] * size),
                color=THEORY,
                ls="--",
                lw=1.5,
                label="Poisson: 1/√(rTN)" if size == sizes[0] else None,
            )
        ax_err.errorbar(
            windows_ms,
            100 * d["regular_error"],
            yerr=100 * d["regular_error_se"],
            fmt="s",
            ms=5,
            color=regular_color,
            label="regular, N = 1",
        )
        ax_err.plot(
            windows_ms,
            100 * d["quantisation_law"],
            color=THEORY,
            ls=":",
            lw=2,
            label="±1 spike: √(f(1−f))/(rT)",
        )
        ax_err.axhline(100 * eps, color=NEUTRAL, lw=1.2)
        ax_err.text(
            windows_ms[0] * 1.1,
            100 * eps * 1.08,
            f"{100 * eps:g} % error",
            color=NEUTRAL,
            fontsize=11,
            va="bottom",
        )
        ax_err.set_xscale("log")
        ax_err.set_yscale("log")
        finite = d["error"][np.isfinite(d["error"]) & (d["error"] > 0)]
        ax_err.set_ylim(0.5 * 100 * finite.min(), 300)
        ax_err.set_xlabel("counting window T (ms)")
        ax_err.set_ylabel("rate error, relative RMS (%)")
        ax_err.set_title("error vs window: pooling N neurons", fontsize=14)
        ax_err.legend(loc="lower left", fontsize=10, ncol=2)

        # C: window needed against pool size
        n_fine = np.geomspace(1, sizes[-1], 50)
        poisson = d["poisson_window_s"][0] / n_fine
        renewal = d["renewal_window_s"][0] / n_fine
        ax_n.axhspan(0, d["stage_ms"], color=ARTIFICIAL, alpha=0.10, lw=0)
        ax_n.axhline(d["recognition_ms"], color=NEUTRAL, lw=1, ls="-.")
        ax_n.text(
            1.05,
            d["recognition_ms"] / 1.1,
            f"{d['recognition_ms']:g} ms: a whole recognition",
            color=NEUTRAL,
            fontsize=10.5,
            ha="left",
            va="top",
        )
        ax_n.text(
            1.05,
            d["stage_ms"] * 0.8,
            f"< {d['stage_ms']:g} ms: one processing stage (a unit: 0 ms)",
            color=ARTIFICIAL,
            fontsize=10.5,
            va="top",
        )
        ax_n.plot(n_fine, 1e3 * poisson, color=THEORY, ls="--", lw=1.5, label="Poisson: 1/(r ε² N)")
        ax_n.plot(n_fine, 1e3 * renewal, color=THEORY, ls=":", lw=2, label="renewal: CV²/(r ε² N)")
        ax_n.plot(
            sizes,
            1e3 * d["window_needed_s"],
            "o-",
            color=SPIKING,
            ms=9,
            lw=2,
            label="noisy neurons, measured",
        )
        ax_n.plot(
            [1],
            [1e3 * d["regular_window_s"]],
            "s",
            color=regular_color,
            ms=10,
            label="one regular neuron",
        )
        # the two ends, labelled below their points (clear of the Poisson line above)
        ends = (
            (sizes[0], d["window_needed_s"][0], (10, -40)),
            (sizes[-1], d["window_needed_s"][-1], (8, 8)),
        )
        for size, w, offset in ends:
            if np.isfinite(w):
                ax_n.annotate(
                    _ms(w),
                    (size, 1e3 * w),
                    textcoords="offset points",
                    xytext=offset,
                    color=SPIKING,
                    fontsize=13,
                    fontweight="bold",
                )
        ax_n.set_xscale("log")
        ax_n.set_yscale("log")
        shown = np.concatenate(
            [
                1e3 * d["window_needed_s"],
                1e3 * poisson,
                1e3 * renewal,
                [1e3 * d["regular_window_s"], d["stage_ms"]],
            ]
        )
        shown = shown[np.isfinite(shown) & (shown > 0)]
        ax_n.set_ylim(0.4 * shown.min(), 4 * shown.max())
        ax_n.set_xlim(0.8, sizes[-1] * 2.2)
        ax_n.set_xlabel("neurons pooled, N")
        ax_n.set_ylabel(f"window for {100 * eps:g} % error (ms)")
        ax_n.set_title("N times more neurons, N times less time", fontsize=14)
        ax_n.legend(loc="upper right", fontsize=10.5)
        label_panels([ax_run, ax_err, ax_n], x=-0.1)
        fig.suptitle(
            "A unit's output is there at once; a rate must be counted, and N neurons "
            "pooled count N times faster",
            fontsize=16,
            fontweight="bold",
        )
        run_note(fig, findings.settings)
    return fig
