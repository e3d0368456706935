"""The unit answers at once; a neuron's rate has to be counted, and counting takes time.

Question: the unit answers at once; how long must we count spikes to read a neuron's
rate?

A logistic unit's output y = sigmoid(w . x + b) is there, exactly, as soon as the input
is.  A spiking neuron's "output" is its firing rate, and a reader downstream only has
spikes: it counts n spikes in a window of length T and estimates the rate as n / T.
We measure the relative RMS error of that estimate against the window length T (5 ms
to 5 s) for two kinds of firing of the same LIF neuron (default
:class:`~neurosim.spiking.LIFParameters`), both at about 30 Hz:

* regular: no noise, a constant current above the rheobase.  Each neuron fires
  periodically; the count in a window at a random phase is off by less than one
  spike, so the error falls like 1/T.  For one periodic train of rate r the error is
  exactly sqrt(f (1 - f)) / (r T), f the fractional part of r T: zero whenever the
  window holds whole periods.  We use a population whose rates are spread evenly over
  25-35 Hz (currents from the inverted closed form), which averages these zeros out;
  the dotted line is the formula averaged over the population.
* noisy (Poisson-like): strong white noise (sigma = 20 mV) and a mean drive 8 mV
  below threshold (mu = -58 mV), so the neuron fires irregularly (ISI CV close to 1).
  The count then has the variance of a Poisson count, about its mean r T, and the
  error falls only like 1/sqrt(r T) (black dashed line): a hundred times more time
  for ten times less error.

The true rate is what each train does over the whole analysed run (5.3 s after a
0.1 s start-up): for a periodic train its exact rate, 1 / period (matching ``lif_rate``
within 1.2 %); for the noisy population the pooled mean count over all its neurons
(standard error 0.3 %, quick 0.4 %), which matches the Siegert formula corrected for
the time step (``siegert_rate(..., dt=dt)``, then one step less per period for Brian2's
spike stamp) within 1.5 %.  Windows start at uniformly random times, 20 per neuron and
window length, all cut from one Brian2 run of 200 regular and 600 noisy neurons
(dt = 0.1 ms; quick: 100 and 400 neurons, dt = 0.2 ms, the closed forms corrected for
that step).  Error bars and the tests use the spread of the error across 10 groups of
neurons.
"""

from __future__ import annotations

import numpy as np
from brian2 import Hz, ms, mV, nA, second

from neurosim.findings import Findings
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    THEORY,
    darken,
    label_panels,
    lecture_style,
)
from neurosim.spiking import LIFParameters, cv_isi, lif_rate, siegert_rate, simulate
from neurosim.stimuli import constant

NAME = "rate_code_needs_time"
QUESTION = "The unit answers at once; how long must we count spikes to read a neuron's rate?"
COST = 6.0

#: Counting windows (s): 5 ms to 5 s, 10 per decade.
WINDOWS_S = np.round(np.logspace(np.log10(0.005), np.log10(5.0), 31), 6)
#: Regular population: noise-free rates spread evenly over this range (Hz).
REGULAR_RATES_HZ = (25.0, 35.0)
#: Noisy population: mean drive and noise amplitude (mV).
NOISY_MU_MV = -58.0
NOISY_SIGMA_MV = 20.0
DT_MS = 0.1
START_UP_S = 0.1
#: Room for random window starts beyond the longest window (s): >= 9 periods.
SLACK_S = 0.3
WINDOWS_PER_NEURON = 20
GROUPS = 10
TARGET_ERROR = 0.10
#: Regular firing: fit the slope over windows of at least 3 mean periods.
REGULAR_FIT_PERIODS = 3.0


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
    """Spikes of each neuron in ``[start, start + window)``, for every start.

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
    """Shortest window from which the error stays <= target (log-log interpolation)."""
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


def _slope(windows, error) -> float:
    return float(np.polyfit(np.log(windows), np.log(error), 1)[0])


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """One run of both populations; cut windows of every length; measure the error."""
    params = LIFParameters()
    n_regular = 100 if quick else 200
    n_noisy = 400 if quick else 600
    # quick: a twice coarser step (the closed forms below are corrected for the step)
    dt_ms = 2 * DT_MS if quick else DT_MS
    windows = WINDOWS_S
    duration = START_UP_S + windows[-1] + SLACK_S
    rng = np.random.default_rng(seed)

    # -- the two populations: one group, per-neuron current and noise --------------------
    regular_target = np.linspace(*REGULAR_RATES_HZ, n_regular)
    regular_current = current_for_rate(regular_target, params)
    noisy_current = float((NOISY_MU_MV * mV - params.E_L) / (params.R * nA))
    currents = np.concatenate([regular_current, np.full(n_noisy, noisy_current)])
    sigmas = np.concatenate([np.zeros(n_regular), np.full(n_noisy, NOISY_SIGMA_MV)])
    result = simulate(
        params.replace(sigma=sigmas * mV),
        constant(currents * nA),
        duration * second,
        dt=dt_ms * ms,
        seed=seed,
    )
    times = np.asarray(result.times / second, dtype=float)
    neuron = result.neuron
    n = n_regular + n_noisy
    analysed = duration - START_UP_S
    total = window_counts(times, neuron, n, np.full((n, 1), START_UP_S), analysed)[:, 0]
    regular = slice(0, n_regular)
    noisy = slice(n_regular, n)
    trains = [times[(neuron == k) & (times >= START_UP_S)] for k in range(n)]
    true_rate = np.empty(n)
    # a periodic train: its own rate, 1 / period (a count over a fixed time would be
    # off by up to one spike, as much as the errors measured at the longest windows)
    true_rate[regular] = [(t.size - 1) / (t[-1] - t[0]) for t in trains[regular]]
    true_rate[noisy] = total[noisy].sum() / (n_noisy * analysed)  # the pooled mean
    noisy_rate = float(true_rate[n_regular])

    # -- count in windows at random starts --------------------------------------------------
    group = np.arange(n) % GROUPS
    error = {"regular": [], "noisy": []}
    error_se = {"regular": [], "noisy": []}
    for w in windows:
        starts = rng.uniform(START_UP_S, duration - w, size=(n, WINDOWS_PER_NEURON))
        estimate = window_counts(times, neuron, n, starts, w) / w
        sq = ((estimate - true_rate[:, None]) / true_rate[:, None]) ** 2
        for kind, sel in (("regular", regular), ("noisy", noisy)):
            error[kind].append(np.sqrt(sq[sel].mean()))
            per_group = [np.sqrt(sq[sel][group[sel] == g].mean()) for g in range(GROUPS)]
            error_se[kind].append(np.std(per_group, ddof=1) / np.sqrt(GROUPS))

    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "dt_ms": dt_ms,
            "duration_s": duration,
            "start_up_s": START_UP_S,
            "regular_neurons": n_regular,
            "noisy_neurons": n_noisy,
            "windows_per_neuron_and_length": WINDOWS_PER_NEURON,
            "regular": f"no noise, currents for {REGULAR_RATES_HZ[0]:g}-{REGULAR_RATES_HZ[1]:g} Hz",
            "noisy": f"mu = {NOISY_MU_MV:g} mV ({noisy_current:.3f} nA), sigma = "
            f"{NOISY_SIGMA_MV:g} mV",
        },
    )
    d = findings.data
    d["windows_s"] = windows
    for kind in ("regular", "noisy"):
        d[f"error/{kind}"] = np.array(error[kind])
        d[f"error_se/{kind}"] = np.array(error_se[kind])
    d["true_rates_Hz"] = true_rate
    d["regular_currents_nA"] = regular_current
    d["regular_lif_rate_Hz"] = np.asarray(lif_rate(regular_current * nA, params) / Hz, float)
    d["noisy_current_nA"] = noisy_current
    d["noisy_rate_Hz"] = noisy_rate
    siegert = float(siegert_rate(NOISY_MU_MV * mV, NOISY_SIGMA_MV * mV, params, dt=dt_ms * ms) / Hz)
    d["noisy_siegert_Hz"] = 1.0 / (1.0 / siegert - dt_ms * 1e-3)  # + Brian2's spike stamp
    d["noisy_rate_se_Hz"] = float(total[noisy].std(ddof=1) / np.sqrt(n_noisy) / analysed)
    # irregularity of each train (the mean over neurons; pooling the regular population's
    # intervals would measure the spread of its rates instead)
    d["cv/noisy"] = float(np.mean([cv_isi(t) for t in trains[noisy]]))
    d["cv/regular"] = float(np.mean([cv_isi(t) for t in trains[regular]]))
    d["poisson_law"] = 1.0 / np.sqrt(noisy_rate * windows)
    d["quantisation_law"] = quantisation_error(true_rate[regular], windows)

    # the slopes of log error against log window, and the windows for 10 % error
    mean_regular = float(true_rate[regular].mean())
    long = windows >= REGULAR_FIT_PERIODS / mean_regular
    d["regular_fit_from_s"] = float(windows[long][0])
    d["slope/noisy"] = _slope(windows, d["error/noisy"])
    d["slope/regular"] = _slope(windows[long], d["error/regular"][long])
    for kind in ("regular", "noisy"):
        d[f"window_10/{kind}"] = window_for_error(windows, d[f"error/{kind}"], TARGET_ERROR)
    d["window_10/poisson_law"] = 1.0 / (noisy_rate * TARGET_ERROR**2)
    at_100 = int(np.argmin(np.abs(windows - 0.1)))
    d["error_at_100ms"] = {k: float(d[f"error/{k}"][at_100]) for k in ("regular", "noisy")}

    # example spike trains and running estimates for the figure
    show = [n_regular // 2]  # the regular neuron at the middle of the range, ~30 Hz
    d["raster/regular"] = [_train_of(times, neuron, k) for k in np.linspace(0, n_regular - 1, 5).astype(int)]  # fmt: skip
    d["raster/noisy"] = [_train_of(times, neuron, n_regular + k) for k in range(5)]
    grid = np.linspace(0.0, 3.0, 601)[1:]
    d["running_t_s"] = grid
    d["running/regular"] = np.array([_running(_train_of(times, neuron, k), grid) for k in show])
    d["running/noisy"] = np.array(
        [_running(_train_of(times, neuron, n_regular + k), grid) for k in range(3)]
    )
    d["running_true/regular"] = true_rate[show]
    d["unit_output_Hz"] = noisy_rate

    findings.claim(
        f"noisy firing (ISI CV {d['cv/noisy']:.2f}): log-log slope of the rate-estimate "
        "error against the counting window (Poisson counting: -1/2)",
        d["slope/noisy"],
        "",
        "partly",
        aspect="output code",
    )
    findings.claim(
        f"regular firing: log-log slope of the error for windows >= {REGULAR_FIT_PERIODS:g} "
        "periods (counting off by under one spike: -1)",
        d["slope/regular"],
        "",
        "partly",
        aspect="output code",
    )
    findings.claim(
        f"noisy firing at {noisy_rate:.0f} Hz: counting window needed for 10% rate error "
        "(a logistic unit: 0 ms)",
        1e3 * d["window_10/noisy"],
        "ms",
        "fails",
        aspect="output code",
        key=True,
    )
    findings.claim(
        f"regular firing at {REGULAR_RATES_HZ[0]:g}-{REGULAR_RATES_HZ[1]:g} Hz: counting "
        "window needed for 10% rate error",
        1e3 * d["window_10/regular"],
        "ms",
        "partly",
        aspect="output code",
    )
    findings.claim(
        "rate-estimate error from a 100 ms window, noisy firing",
        100 * d["error_at_100ms"]["noisy"],
        "%",
        "fails",
        aspect="output code",
    )
    findings.claim(
        "rate-estimate error from a 100 ms window, regular firing",
        100 * d["error_at_100ms"]["regular"],
        "%",
        "partly",
        aspect="output code",
    )
    return findings


def _train_of(times, neuron, k) -> np.ndarray:
    """Spike times (s) of neuron ``k`` from the flat arrays of a run."""
    return times[neuron == k]


def _running(train, grid) -> np.ndarray:
    """Running rate estimate: spikes in [0, t) divided by t, at every t of ``grid``."""
    return np.searchsorted(train, grid, side="left") / grid


def plot(findings: Findings):
    """A: spike trains and a window; B: running estimates vs the unit; C: error vs window."""
    import matplotlib.pyplot as plt

    d = findings.data
    windows = d["windows_s"]
    regular_color, noisy_color = darken(SPIKING, 0.55), SPIKING
    with lecture_style():
        fig, (ax_r, ax_run, ax_err) = plt.subplots(
            1, 3, figsize=(17, 5.8), gridspec_kw={"width_ratios": [1.0, 1.05, 1.15]}
        )

        # A: raster, noisy on top, regular below, with one counting window
        win = (0.2, 0.4)
        ax_r.axvspan(1e3 * win[0], 1e3 * win[1], color=NEUTRAL, alpha=0.18, lw=0)
        rows = [("noisy", noisy_color, d["raster/noisy"]),
                ("regular", regular_color, d["raster/regular"])]  # fmt: skip
        y = 0
        labels = []
        for kind, color, trains in rows:
            for train in trains:
                t = train[train < 1.0]
                ax_r.vlines(1e3 * t, y + 0.1, y + 0.9, color=color, lw=1.6)
                count = int(np.sum((train >= win[0]) & (train < win[1])))
                ax_r.text(1.02, y + 0.5, f"{count} → {count / (win[1] - win[0]):.0f} Hz",
                          transform=ax_r.get_yaxis_transform(), va="center", fontsize=11,
                          color=color)  # fmt: skip
                y += 1
            labels.append((y - len(trains) / 2, kind))
            y += 0.6
        ax_r.text(1.02, -0.5, "count → rate", transform=ax_r.get_yaxis_transform(),
                  va="center", fontsize=11, fontweight="bold")  # fmt: skip
        ax_r.text(1e3 * np.mean(win), y - 0.2, f"{1e3 * (win[1] - win[0]):.0f} ms window",
                  ha="center", va="center", fontsize=11, color="0.3")  # fmt: skip
        ax_r.set_xlim(0, 1000)
        ax_r.set_ylim(y + 0.3, -1)
        ax_r.set_yticks([p for p, _ in labels], [k for _, k in labels])
        ax_r.tick_params(axis="y", length=0)
        ax_r.set_xlabel("time (ms)")
        ax_r.set_title("same ~30 Hz, counted for 200 ms", fontsize=14)

        # B: running estimates converge; the unit is exact from t = 0
        t = d["running_t_s"]
        unit = d["unit_output_Hz"]
        ax_run.axhspan(unit * (1 - TARGET_ERROR), unit * (1 + TARGET_ERROR), color=ARTIFICIAL,
                       alpha=0.12, lw=0, label="±10%")  # fmt: skip
        ax_run.axhline(unit, color=ARTIFICIAL, lw=3, zorder=4,
                       label="logistic unit: exact at t = 0")  # fmt: skip
        ax_run.plot([0], [d["unit_output_Hz"]], "o", color=ARTIFICIAL, ms=10, zorder=5,
                    clip_on=False)  # fmt: skip
        for k, curve in enumerate(d["running/noisy"]):
            ax_run.plot(t, curve, color=noisy_color, lw=1.6, label="noisy neurons" if k == 0 else None)  # fmt: skip
        for k, curve in enumerate(d["running/regular"]):
            ax_run.plot(t, curve, color=regular_color, lw=2.2,
                        label="regular neuron" if k == 0 else None)  # fmt: skip
        ax_run.set_xlim(0, t[-1])
        ax_run.set_ylim(0, 2.2 * d["unit_output_Hz"])
        ax_run.set_xlabel("counting time t (s)")
        ax_run.set_ylabel("rate estimate: spikes / t (Hz)")
        ax_run.set_title("estimates need time to settle", fontsize=14)
        ax_run.legend(loc="upper right")

        # C: error against window, with the counting laws
        for kind, color, marker in (("noisy", noisy_color, "o"), ("regular", regular_color, "s")):
            ax_err.errorbar(windows * 1e3, 100 * d[f"error/{kind}"],
                            yerr=100 * d[f"error_se/{kind}"], fmt=marker, color=color, ms=6,
                            label=f"{kind} firing (CV {d[f'cv/{kind}']:.2f})", zorder=3)  # fmt: skip
        ax_err.plot(windows * 1e3, 100 * d["poisson_law"], color=THEORY, ls="--", lw=1.8,
                    label="Poisson count: 1/√(rT)")  # fmt: skip
        ax_err.plot(windows * 1e3, 100 * d["quantisation_law"], color=THEORY, ls=":", lw=2,
                    label="periodic count: √(f(1−f))/(rT)")  # fmt: skip
        ax_err.axhline(100 * TARGET_ERROR, color=NEUTRAL, ls="-", lw=1)
        for kind, color in (("noisy", noisy_color), ("regular", regular_color)):
            w10 = d[f"window_10/{kind}"]
            if np.isfinite(w10):
                ax_err.plot([w10 * 1e3] * 2, [0.1, 100 * TARGET_ERROR], color=color, lw=1.5)
                ax_err.text(w10 * 1e3, 0.12, f"{_ms(w10)}", color=color, ha="center",
                            va="bottom", fontsize=12, fontweight="bold",
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})  # fmt: skip
        ax_err.text(windows[0] * 1e3 * 1.1, 100 * TARGET_ERROR * 1.08, "10% error",
                    color=NEUTRAL, fontsize=11, va="bottom")  # fmt: skip
        ax_err.set_xscale("log")
        ax_err.set_yscale("log")
        ax_err.set_ylim(0.1, 400)
        ax_err.set_xlabel("counting window T (ms)")
        ax_err.set_ylabel("rate error, relative RMS (%)")
        ax_err.set_title("error vs counting window", fontsize=14)
        ax_err.legend(loc="upper right", fontsize=10.5)
        label_panels([ax_r, ax_run, ax_err], x=-0.1)
        fig.suptitle(
            "A unit's output is there at once; a neuron's rate takes seconds of counting "
            "when it fires irregularly",
            fontsize=16,
            fontweight="bold",
        )
    return fig


def _ms(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 1 else f"{1e3 * seconds:.0f} ms"
