"""The same input, trial after trial: a unit gives one answer, a neuron a different spike train.

Question: does the same input give the same output, as it does for a unit?

A logistic unit is a function: the same input gives the identical output on every
trial, variance 0.  We give a leaky integrate-and-fire neuron (default
:class:`~neurosim.spiking.LIFParameters`: tau_m 20 ms, rest = reset -65 mV, threshold
-50 mV, R 100 MOhm, t_ref 2 ms) the same input on many trials and measure how its
spike trains differ: the rasters across trials, the inter-spike-interval (ISI)
distribution, the ISI coefficient of variation (CV = SD / mean of the ISIs: 0 for a
clock, 1 for a Poisson process) and the Fano factor of the spike counts across trials
(variance / mean of the count in 500 ms windows: 0 for a deterministic answer, 1 for a
Poisson process).  The model has two sources of variability:

* Poisson synaptic input (the "synaptic" family): 600 excitatory inputs (+1 mV jumps)
  and 600 inhibitory inputs (-1 mV jumps), every input an independent Poisson train;
  inhibitory inputs at 5 Hz, excitatory ones swept from 4.5 to 9 Hz.  In the
  diffusion approximation (Campbell's theorem, in the noise convention of
  ``LIFParameters``) the membrane sees a mean drive
  mu = E_L + tau_m (w_E lambda_E + w_I lambda_I) and white noise of amplitude
  sigma^2 = tau_m (w_E^2 lambda_E + w_I^2 lambda_I), lambda = total input rate of each
  kind: sigma is 11-13 mV (free-membrane SD sigma/sqrt 2 = 8-9 mV), the
  high-conductance, balanced regime of cortex in vivo.  At equal excitation and
  inhibition (mu = E_L) the neuron fires at about 5 Hz, Poisson-like (CV 0.93, Fano
  0.94); at 9 Hz excitation it fires about 100 Hz, more regularly (CV 0.38, Fano 0.18).
  The mean rates follow the Siegert formula within 3.5 % (the diffusion approximation
  ignores the size of the 1 mV jumps, about a tenth of sigma).
* membrane noise (the "membrane" family): the ``sigma`` term of ``LIFParameters``
  (2 mV) with a constant current of 0.15-0.45 nA.  Under strong drive the neuron fires
  nearly like a clock (CV 0.07 at 0.45 nA), and the same neuron without noise is as
  deterministic as the unit: every trial the identical spike train.

The unit (:class:`~neurosim.artificial.LogisticUnit`) is the best logistic description of
the neuron's mean rate against the excitatory input rate (``fit_logistic``; output
``amplitude * sigmoid(w x + b)``): the rate code's answer without its noise.

Implementation.  N independent Poisson trains of rate r are one Poisson train of rate
N r (superposition), so each neuron's 600 excitatory inputs are simulated as 20
``stimuli.poisson`` sources of rate 30 r, and the inhibitory ones likewise.  Brian2's
``PoissonGroup`` fires at most once per step, with probability p = rate * dt, so the
count per step is binomial: the input counts have Fano factor 1 - p (0.98 here, 1
within sampling error) and the noise variance above carries the same factor.  Every
condition and trial -- 7 synaptic input rates, 4 membrane-noise currents and the
noise-free neuron; 120 trials of the low-rate synaptic input, 30 of the other
synaptic ones and 15 of the rest (quick: 80, 20, 10) -- is one neuron of one Brian2
run (dt = 0.1 ms; 0.1 s start-up, then a 2 s window, quick 1 s).  Rates and Fano
factors are counted in the window; intervals are taken over the whole run (the LIF
with reset to rest and memoryless input is a renewal process that starts at t = 0 as
after a spike), which still misses intervals longer than the run: for a Poisson
process of 4.7 Hz counted over 1.1 s this lowers the expected CV estimate by 6 %
(over 2.1 s, by 2 %).  Mean rates are checked against the Siegert formula with the
finite-dt corrections of ``neurosim.spiking.theory``.
"""

from __future__ import annotations

import numpy as np
from brian2 import Hz, ms, mV, nA, second

from neurosim.artificial import LogisticUnit
from neurosim.compare import fit_logistic
from neurosim.findings import Findings
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    THEORY,
    label_panels,
    lecture_style,
    raster,
    shade,
)
from neurosim.spiking import LIFParameters, cv_isi, fano_factor, siegert_rate, simulate
from neurosim.stimuli import constant, poisson

NAME = "neurons_are_noisy"
QUESTION = "Does the same input give the same output, as it does for a unit?"
COST = 9.0

#: Synaptic family: excitatory input rates per input (Hz), inputs and weights.
EXC_RATES_HZ = np.array([5.0, 5.5, 6.0, 6.5, 7.0, 8.0, 9.0])
N_EXC, N_INH = 600, 600
W_EXC_MV, W_INH_MV = 1.0, -1.0
INH_RATE_HZ = 5.0
#: Poisson sources per neuron and kind (their superposition is the N inputs).
SOURCES = 20
#: Membrane family: constant currents (nA) with membrane noise sigma (mV).
CURRENTS_NA = np.array([0.15, 0.2, 0.3, 0.45])
SIGMA_MV = 2.0
#: From this current on (mu - V_th >= 15 mV) the small-noise CV formula is drawn.
SMALL_NOISE_FROM_NA = 0.3
#: The noise-free neuron's current (nA).
NOISE_FREE_NA = 0.3
#: Indices of the "low" and "high" rate synaptic conditions of the claims.
LOW, HIGH = 0, -1
DT_MS = 0.1
START_UP_S = 0.1
FANO_WINDOW_S = 0.5
RASTER_TRIALS = 20
#: Raster windows (s) after the start-up: long for the slow irregular neuron, short for
#: the fast regular one (so its spikes stay apart).
RASTER_WINDOW_S = {"low": 1.0, "regular": 0.2}


def synaptic_drive(exc_rates_hz, *, dt_s: float, tau_s: float = 0.02, e_l_mv: float = -65.0):
    """Diffusion approximation of the synaptic input: ``(mu, sigma)`` in mV.

    ``mu = E_L + tau (w_E lam_E + w_I lam_I)`` and ``sigma^2 = tau (w_E^2 lam_E (1 - p_E)
    + w_I^2 lam_I (1 - p_I))`` (Campbell's theorem; ``sigma`` in the convention of
    ``LIFParameters``, free-membrane SD ``sigma / sqrt 2``), with ``lam`` the total input
    rate of each kind and ``p = (lam / SOURCES) dt`` the spike probability per step of
    one simulated source (binomial counts per step: variance factor ``1 - p``).
    """
    lam_e = N_EXC * np.asarray(exc_rates_hz, dtype=float)
    lam_i = N_INH * INH_RATE_HZ
    p_e, p_i = lam_e / SOURCES * dt_s, lam_i / SOURCES * dt_s
    mu = e_l_mv + tau_s * (W_EXC_MV * lam_e + W_INH_MV * lam_i)
    var = tau_s * (W_EXC_MV**2 * lam_e * (1 - p_e) + W_INH_MV**2 * lam_i * (1 - p_i))
    return mu, np.sqrt(var)


def brian2_rate(mu_mv, sigma_mv, params: LIFParameters, dt_s: float) -> np.ndarray:
    """Siegert rate (Hz) as a Brian2 run with step dt sees it.

    ``siegert_rate(..., dt=dt)`` raises the threshold for crossings missed between
    steps; Brian2 stamps a spike at the start of its step, one step per period earlier
    (``neurosim.spiking.theory``): ``1 / (1/r - dt)``.
    """
    r = np.asarray(siegert_rate(mu_mv * mV, sigma_mv * mV, params, dt=dt_s * second) / Hz, float)
    with np.errstate(divide="ignore"):
        return np.where(r > 0, 1.0 / (1.0 / np.where(r > 0, r, 1.0) - dt_s), 0.0)


def small_noise_cv(mu_mv, sigma_mv, params: LIFParameters) -> np.ndarray:
    """CV of the intervals of a strongly driven LIF with weak white noise (mu > V_th).

    Linearise around the noise-free trajectory: after a reset the voltage fluctuation
    is an Ornstein-Uhlenbeck process started at 0, of variance
    ``sigma^2 / 2 (1 - exp(-2 t / tau_m))`` at time t (noise convention of
    ``LIFParameters``).  At the noise-free crossing time ``T = tau_m ln((mu - V_reset) /
    (mu - V_th))`` the voltage rises at ``(mu - V_th) / tau_m``, so the crossing moves by
    ``delta T = delta V tau_m / (mu - V_th)``; every interval starts afresh (renewal),
    so ``CV = SD(delta T) / (t_ref + T)``.  Valid while ``sigma / sqrt 2`` is small
    against ``mu - V_th``; ``nan`` for ``mu <= V_th``.
    """
    tau = float(params.tau_m / ms)
    v_th, v_r = float(params.V_th / mV), float(params.V_reset / mV)
    t_ref = float(params.t_ref / ms)
    mu = np.asarray(mu_mv, dtype=float)
    above = mu > v_th
    gap = np.where(above, mu - v_th, 1.0)  # placeholder where the formula does not apply
    t_cross = tau * np.log((np.where(above, mu, v_th + 1.0) - v_r) / gap)
    sigma = np.asarray(sigma_mv, dtype=float)
    sd_v = sigma / np.sqrt(2) * np.sqrt(1 - np.exp(-2 * t_cross / tau))
    return np.where(above, sd_v * tau / gap / (t_ref + t_cross), np.nan)


def input_fano_truth(exc_rates_hz, *, dt_s: float) -> np.ndarray:
    """Fano factor of a neuron's total input count: binomial per step and source.

    Excitatory and inhibitory counts are independent sums of Bernoulli(p) draws, so
    the variance of the total is ``sum n p (1 - p)`` and its mean ``sum n p``.
    """
    lam_e = N_EXC * np.asarray(exc_rates_hz, dtype=float)
    lam_i = N_INH * INH_RATE_HZ
    p_e, p_i = lam_e / SOURCES * dt_s, lam_i / SOURCES * dt_s
    return (lam_e * (1 - p_e) + lam_i * (1 - p_i)) / (lam_e + lam_i)


def trial_counts(*, quick: bool) -> np.ndarray:
    """Trials per condition: synaptic inputs, membrane-noise currents, noise-free neuron.

    The low-rate synaptic condition gets the most (its statistics rest on few spikes);
    regular firing needs few trials.
    """
    low, syn, mem = (80, 20, 10) if quick else (120, 30, 15)
    reps = np.concatenate([np.full(EXC_RATES_HZ.size, syn), np.full(CURRENTS_NA.size, mem), [mem]])
    reps[LOW % EXC_RATES_HZ.size] = low
    return reps


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """All conditions and trials in one run; variability statistics; the unit beside them."""
    params = LIFParameters()
    dt_ms = DT_MS
    dt_s = dt_ms * 1e-3
    window_s = 1.0 if quick else 2.0
    n_syn, n_mem = EXC_RATES_HZ.size, CURRENTS_NA.size
    reps = trial_counts(quick=quick)
    cond = np.repeat(np.arange(reps.size), reps)  # condition of every simulated neuron

    # per condition: excitatory and inhibitory input rates, current, membrane noise
    exc = np.concatenate([EXC_RATES_HZ, np.zeros(n_mem + 1)])
    inh = np.concatenate([np.full(n_syn, INH_RATE_HZ), np.zeros(n_mem + 1)])
    current = np.concatenate([np.zeros(n_syn), CURRENTS_NA, [NOISE_FREE_NA]])
    sigma = np.concatenate([np.zeros(n_syn), np.full(n_mem, SIGMA_MV), [0.0]])
    stimulus = [
        poisson(exc[cond] * N_EXC / SOURCES * Hz, n_inputs=SOURCES, weight=W_EXC_MV * mV),
        poisson(inh[cond] * N_INH / SOURCES * Hz, n_inputs=SOURCES, weight=W_INH_MV * mV),
        constant(current[cond] * nA),
    ]
    result = simulate(
        params.replace(sigma=sigma[cond] * mV),
        stimulus,
        (START_UP_S + window_s) * second,
        dt=dt_ms * ms,
        seed=seed,
    )

    # -- statistics per condition -------------------------------------------------------
    # Intervals: every interval of the run.  The LIF with reset to a fixed potential and
    # memoryless input is a renewal process, and at t = 0 it sits at the reset
    # potential as after a spike, so no interval is special.  Rates and Fano factors
    # (counts in windows) use the window after the start-up only.
    t0, t1 = START_UP_S, START_UP_S + window_s
    per_neuron = [np.asarray(tr[0] / second) for tr in result.trains()]
    trains = [[per_neuron[k] for k in np.flatnonzero(cond == c)] for c in range(reps.size)]
    counts = result.counts_in(t0 * second, t1 * second)[:, 0]
    rates = counts / window_s
    mean_rate = np.bincount(cond, weights=rates) / reps
    rate_se = np.array([rates[cond == c].std(ddof=1) for c in range(reps.size)]) / np.sqrt(reps)
    cv = np.array([cv_isi(c) for c in trains])
    fano = np.array(
        [fano_factor(c, window=FANO_WINDOW_S, duration=window_s, start=t0) for c in trains]
    )
    n_isi = np.array([sum(max(tr.size - 1, 0) for tr in c) for c in trains])

    # -- theory: Siegert with the diffusion approximation / the membrane noise ------------
    mu_syn, sigma_syn = synaptic_drive(EXC_RATES_HZ, dt_s=dt_s)
    mu_mem = float(params.E_L / mV) + float(params.R * nA / mV) * CURRENTS_NA
    theory_syn = brian2_rate(mu_syn, sigma_syn, params, dt_s)
    theory_mem = brian2_rate(mu_mem, np.full(n_mem, SIGMA_MV), params, dt_s)
    fine = np.linspace(EXC_RATES_HZ[0], EXC_RATES_HZ[-1], 121)
    mu_f, sigma_f = synaptic_drive(fine, dt_s=dt_s)
    strong_na = np.linspace(SMALL_NOISE_FROM_NA, CURRENTS_NA[-1], 60)
    strong_mu = float(params.E_L / mV) + float(params.R * nA / mV) * strong_na

    # -- the unit: the neuron's mean rate curve as a logistic unit ------------------------
    fit = fit_logistic(EXC_RATES_HZ, mean_rate[:n_syn])
    unit = LogisticUnit(weights=[fit.slope], bias=-fit.slope * fit.midpoint)
    in_syn = cond < n_syn
    same_input = exc[cond[in_syn]][:, None]  # every trial of a condition: the same input
    unit_trials = fit.amplitude * unit.predict_proba(same_input)
    # variance about the first trial's answer (shift-invariant, and exact: np.var's mean
    # of identical floats can round in the last bit and leave ~1e-30)
    unit_var = np.array(
        [np.var(a - a[0]) for a in (unit_trials[cond[in_syn] == c] for c in range(n_syn))]
    )
    input_counts = result.input_counts[:, 0]

    syn = slice(0, n_syn)
    mem = slice(n_syn, n_syn + n_mem)
    free = n_syn + n_mem
    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "dt_ms": dt_ms,
            "window_s": window_s,
            "start_up_s": START_UP_S,
            "trials": reps,
            "fano_window_s": FANO_WINDOW_S,
            "n_exc": N_EXC,
            "n_inh": N_INH,
            "w_exc_mV": W_EXC_MV,
            "w_inh_mV": W_INH_MV,
            "inh_rate_Hz": INH_RATE_HZ,
            "sources_per_kind": SOURCES,
            "sigma_mV": SIGMA_MV,
            "neuron": "LIF defaults: tau_m 20 ms, E_L = V_reset -65 mV, V_th -50 mV, "
            "R 100 MOhm, t_ref 2 ms",
        },
    )
    d = findings.data
    d["exc_rates_Hz"] = EXC_RATES_HZ
    d["currents_nA"] = CURRENTS_NA
    d["trials"] = reps  # per condition: synaptic, membrane noise, noise-free
    d["trial_rates_Hz"] = rates  # every simulated neuron (trial) ...
    d["trial_condition"] = cond  # ... and its condition
    d["mean_rate_Hz"] = mean_rate
    d["rate_se_Hz"] = rate_se
    d["cv"] = cv
    d["fano"] = fano
    d["n_isi"] = n_isi
    d["counts"] = counts
    d["trial_isi_count"] = np.array([max(tr.size - 1, 0) for tr in per_neuron])
    d["syn_mu_mV"], d["syn_sigma_mV"] = mu_syn, sigma_syn
    d["syn_theory_Hz"] = theory_syn
    d["mem_theory_Hz"] = theory_mem
    d["fine_exc_rates_Hz"] = fine
    d["fine_theory_Hz"] = brian2_rate(mu_f, sigma_f, params, dt_s)
    d["syn_deviation_percent"] = 100 * (mean_rate[syn] / theory_syn - 1)
    d["mem_deviation_percent"] = 100 * (mean_rate[mem] / theory_mem - 1)
    d["mem_cv_theory"] = small_noise_cv(mu_mem, SIGMA_MV, params)  # valid >= 0.3 nA
    d["small_noise_currents_nA"] = strong_na
    d["small_noise_rate_Hz"] = brian2_rate(
        strong_mu, np.full(strong_na.size, SIGMA_MV), params, dt_s
    )
    d["small_noise_cv"] = small_noise_cv(strong_mu, SIGMA_MV, params)
    d["input_counts"] = input_counts[in_syn]
    d["input_fano"] = np.array(
        [fano_factor(input_counts[cond == c].astype(float)) for c in range(n_syn)]
    )
    d["input_fano_truth"] = input_fano_truth(EXC_RATES_HZ, dt_s=dt_s)
    d["unit_params"] = np.array([fit.amplitude, fit.slope, fit.midpoint])
    d["unit_trials_Hz"] = unit_trials  # one per synaptic trial, in trial_condition order
    d["unit_variance"] = unit_var
    d["fine_unit_Hz"] = fit.amplitude * unit.predict_proba(fine[:, None])
    d["noise_free_counts"] = counts[cond == free]
    # rasters and ISIs: the low-rate synaptic condition and the strongest membrane drive
    shown = {"low": LOW % n_syn, "regular": n_syn + n_mem - 1}
    for name, c in shown.items():
        times, rows = [], []
        for k, tr in enumerate(trains[c][:RASTER_TRIALS]):
            inside = tr[(tr >= t0) & (tr < t0 + RASTER_WINDOW_S[name])]
            times.append(1e3 * (inside - t0))
            rows.append(np.full(inside.size, k))
        d[f"raster_ms/{name}"] = np.concatenate(times)
        d[f"raster_trial/{name}"] = np.concatenate(rows)
        d[f"isi_ms/{name}"] = 1e3 * np.concatenate([np.diff(tr) for tr in trains[c]])
        d[f"condition/{name}"] = c
        d[f"raster_window_ms/{name}"] = 1e3 * RASTER_WINDOW_S[name]

    low, high = LOW % n_syn, HIGH % n_syn
    strong = n_syn + n_mem - 1
    findings.claim(
        f"logistic unit: variance of its output over {reps[low]} trials of the same input",
        float(unit_var.max()),
        "Hz²",
        "fails",
        aspect="variability",
    )
    findings.claim(
        f"CV of the inter-spike intervals, LIF with Poisson synaptic input at "
        f"{mean_rate[low]:.1f} Hz (a Poisson process: 1)",
        cv[low],
        "",
        "fails",
        aspect="variability",
        key=True,
    )
    findings.claim(
        f"Fano factor of the spike count ({1e3 * FANO_WINDOW_S:.0f} ms) across trials, "
        f"LIF with Poisson synaptic input at {mean_rate[low]:.1f} Hz (the unit: 0)",
        fano[low],
        "",
        "fails",
        aspect="variability",
    )
    findings.claim(
        f"CV of the inter-spike intervals, LIF with Poisson synaptic input at "
        f"{mean_rate[high]:.0f} Hz",
        cv[high],
        "",
        "fails",
        aspect="variability",
    )
    findings.claim(
        f"Fano factor of the spike count ({1e3 * FANO_WINDOW_S:.0f} ms) across trials, "
        f"LIF with Poisson synaptic input at {mean_rate[high]:.0f} Hz",
        fano[high],
        "",
        "partly",
        aspect="variability",
    )
    findings.claim(
        f"CV of the inter-spike intervals under strong constant drive "
        f"({CURRENTS_NA[-1]:g} nA, {mean_rate[strong]:.0f} Hz) with weak membrane noise "
        f"(sigma {SIGMA_MV:g} mV): nearly clock-like",
        cv[strong],
        "",
        "partly",
        aspect="variability",
    )
    findings.claim(
        "noise-free LIF: variance of its spike count across trials (deterministic, like the unit)",
        float(counts[cond == free].var()),
        "",
        "holds",
        aspect="variability",
    )
    return findings


def plot(findings: Findings):
    """Rasters, ISI distributions, counts across trials, and CV and Fano against rate."""
    import matplotlib.pyplot as plt

    d, s = findings.data, findings.settings
    n_syn, n_mem = d["exc_rates_Hz"].size, d["currents_nA"].size
    syn, mem, free = slice(0, n_syn), slice(n_syn, n_syn + n_mem), n_syn + n_mem
    pale = shade(SPIKING, 0.45)
    with lecture_style():
        fig = plt.figure(figsize=(17, 10))
        grid = fig.add_gridspec(2, 3, hspace=0.08, wspace=0.08)
        ax_r1, ax_r2 = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
        ax_cnt, ax_cv, ax_ff = (fig.add_subplot(grid[1, k]) for k in range(3))

        # A, B: rasters across trials of the same input
        for ax, name, title in (
            (ax_r1, "low", "Poisson synaptic input"),
            (ax_r2, "regular", f"{d['currents_nA'][-1]:g} nA + membrane noise"),
        ):
            c = d[f"condition/{name}"]
            rows = d[f"raster_trial/{name}"]
            shown = min(RASTER_TRIALS, int(d["trials"][c]))
            raster(ax, d[f"raster_ms/{name}"], rows, markersize=60,
                   ylabel="trial (same input)")  # fmt: skip
            ax.set_xlim(0, d[f"raster_window_ms/{name}"])
            ax.set_ylim(-0.7, shown - 0.3)
            ax.set_yticks(np.arange(0, shown, 5))
            ax.set_xlabel("time from the start of the window (ms)")
            ax.set_title(f"{title}: {d['mean_rate_Hz'][c]:.0f} Hz\n"
                         f"CV {d['cv'][c]:.2f}, Fano {d['fano'][c]:.2f}", loc="left")  # fmt: skip

        # C: interval distributions, each on its own time scale
        sub = grid[0, 2].subgridspec(2, 1, hspace=0.1)
        ax_isi, ax_isi2 = fig.add_subplot(sub[0]), fig.add_subplot(sub[1])
        isi = d["isi_ms/low"]
        edges = np.linspace(0, 1000, 41)
        frac = np.histogram(isi, bins=edges)[0] / isi.size
        ax_isi.stairs(frac, edges, color=SPIKING, fill=True, alpha=0.8,
                      label="LIF, Poisson synaptic input")  # fmt: skip
        rate = d["mean_rate_Hz"][d["condition/low"]] * 1e-3  # per ms
        poisson_frac = np.exp(-rate * edges[:-1]) - np.exp(-rate * edges[1:])
        ax_isi.stairs(poisson_frac, edges, color=THEORY, ls="--", lw=1.8,
                      label="Poisson process, same rate")  # fmt: skip
        ax_isi.set_xlim(0, 1000)
        ax_isi.set_ylabel("fraction")
        ax_isi.legend(loc="upper right", fontsize=10)
        ax_isi.set_title("inter-spike intervals", loc="left")
        isi2 = d["isi_ms/regular"]
        edges2 = np.arange(0, 20.01, 0.5)
        frac2 = np.histogram(isi2, bins=edges2)[0] / isi2.size
        ax_isi2.stairs(frac2, edges2, color=pale, fill=True, ec=SPIKING,
                       label="LIF, strong drive + weak noise")  # fmt: skip
        ax_isi2.set_xlim(0, 20)
        ax_isi2.set_xlabel("inter-spike interval (ms)")
        ax_isi2.set_ylabel("fraction")
        ax_isi2.legend(loc="upper left", fontsize=10)

        # D: the rate on every trial against the input; the unit's one answer
        x = d["exc_rates_Hz"]
        for k in range(n_syn):
            one = d["trial_rates_Hz"][d["trial_condition"] == k]
            spread = np.linspace(-0.07, 0.07, one.size)
            ax_cnt.plot(x[k] + spread, one, "o", color=pale, ms=3.5,
                        label="LIF, one trial" if k == 0 else None)  # fmt: skip
        ax_cnt.plot(d["fine_exc_rates_Hz"], d["fine_theory_Hz"], color=THEORY, ls="--",
                    lw=1.6, label="diffusion theory (Siegert)")  # fmt: skip
        ax_cnt.plot(x, d["mean_rate_Hz"][syn], "o", color=SPIKING, ms=7,
                    label="LIF, mean over trials")  # fmt: skip
        ax_cnt.plot(d["fine_exc_rates_Hz"], d["fine_unit_Hz"], color=ARTIFICIAL, lw=2.4,
                    label="logistic unit: the same every trial")  # fmt: skip
        ax_cnt.set_xlabel("excitatory input rate, per input (Hz)")
        ax_cnt.set_ylabel("output rate (Hz)")
        ax_cnt.legend(loc="upper left", fontsize=11)
        ax_cnt.set_title("one input, many answers", loc="left")

        # E, F: CV and Fano factor against the output rate
        rates = d["mean_rate_Hz"]
        for ax, key, title in ((ax_cv, "cv", "irregularity of the intervals (CV)"),
                               (ax_ff, "fano", "trial-to-trial count variability")):  # fmt: skip
            ax.axhline(1.0, color=NEUTRAL, ls=":", lw=1.5)
            ax.text(rates.max(), 1.02, "Poisson process", color=NEUTRAL, ha="right",
                    va="bottom", fontsize=11)  # fmt: skip
            ax.plot(rates[syn], d[key][syn], "o-", color=SPIKING, ms=7,
                    label="LIF, Poisson synaptic input")  # fmt: skip
            ax.plot(rates[mem], d[key][mem], "s--", color=pale, ms=7, mec=SPIKING,
                    label=f"LIF, current + membrane noise σ = {s['sigma_mV']:g} mV")  # fmt: skip
            ax.plot(rates[free], d[key][free], "D", color="white", mec=SPIKING, ms=8, mew=2,
                    label="LIF without noise")  # fmt: skip
            ax.set_xlabel("output rate (Hz)")
            ax.set_ylim(-0.05, 1.25)
            ax.set_title(title, loc="left")
        ax_cv.plot(d["small_noise_rate_Hz"], d["small_noise_cv"], color=THEORY, ls="--", lw=1.6,
                   label="small-noise theory")  # fmt: skip
        ax_ff.plot([0, rates.max()], [0, 0], color=ARTIFICIAL, lw=3,
                   label="logistic unit (variance 0)")  # fmt: skip
        ax_ff.text(rates.max(), -0.05, "logistic unit: 0, the same answer every trial",
                   color=ARTIFICIAL, ha="right", va="top", fontsize=12)  # fmt: skip
        ax_ff.set_ylim(-0.2, 1.25)
        ax_cv.set_ylabel("CV of inter-spike intervals")
        ax_ff.set_ylabel(f"Fano factor ({1e3 * s['fano_window_s']:.0f} ms counts)")
        ax_cv.legend(loc="lower left", fontsize=11)

        label_panels([ax_r1, ax_r2, ax_isi, ax_cnt, ax_cv, ax_ff], x=-0.06, y=1.02)
        fig.suptitle(
            "Same input, every trial: the neuron answers with a different spike train "
            "each time, the logistic unit with the same number",
            fontsize=16,
            fontweight="bold",
        )
    return fig
