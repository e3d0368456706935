"""A neuron's trial-to-trial variability comes from its input, not from its spike mechanism.

Question: does the same input give the same output, as it does for a unit?

A logistic unit is a function: the same input gives the identical output on every
trial, variance 0.  A leaky integrate-and-fire neuron (default
:class:`~neurosim.spiking.LIFParameters`: tau_m 20 ms, rest = reset -65 mV, threshold
-50 mV, R 100 MOhm, t_ref 2 ms) receives 600 excitatory (+1 mV) and 600 inhibitory
(-1 mV) synaptic inputs, each a Poisson train; inhibitory inputs fire at 5 Hz,
excitatory ones at 5 Hz (balanced: mean drive mu = E_L, the neuron fires about 5 Hz,
Poisson-like) or faster, up to 9 Hz (about 100 Hz out, more regular).  Fresh and frozen
input are compared at 6 Hz excitatory input (about 25 Hz out, irregular: CV 0.75).
Its membrane also carries a small intrinsic noise (``sigma_intrinsic``, 0.7 mV in the white-noise convention of
``LIFParameters``: the free membrane potential fluctuates with SD 0.5 mV, the voltage
noise of cortical pyramidal neurons in vitro, 0.33-0.59 mV; Jacobson et al. 2008,
Front Cell Neurosci 2:3).  "The same input" can mean two things:

* fresh input: the same input *rates*, new Poisson trains on every trial (what
  ``stimuli.poisson`` gives every trial of a run).  This is what a unit's input x
  stands for in a rate code.  The neuron answers with a different spike train each
  time: in the balanced regime its counts vary across trials like a Poisson process's
  (Fano factor about 1), and spike times do not repeat (reliability at chance).
* frozen input: the *same spike trains* on every trial, drawn once from the seed and
  replayed (``stimuli.spike_pattern``).  The only difference between trials is then the
  intrinsic noise, and the neuron answers with nearly the same spike train every time,
  although the train is irregular (CV 0.5-0.8): Mainen & Sejnowski (1995, Science
  268:1503) found the same in cortical neurons driven by a frozen fluctuating current.
  Without intrinsic noise the answer is identical on every trial, like the unit's.

So the variability of the model neuron comes from its input; the spike mechanism
itself is nearly reliable.  Spike-time reliability is measured with the correlation
measure of Schreiber et al. (2003, Neurocomputing 52:925): every trial's train is
convolved with a Gaussian of SD ``reliability_width`` (3 ms) and R is the mean cosine
similarity of all pairs of trials: 1 for identical trains, about
2 sqrt(pi) w r / (1 + 2 sqrt(pi) w r) (0.05 at 5 Hz and 3 ms) for independent Poisson
trains of rate r, and 1 / sqrt(1 + s^2 / w^2) for sparse trains jittered by Gaussian
noise of SD s (R = 0.8 is a jitter of 2.2 ms at w = 3 ms).

We also measure the interval irregularity (CV = SD / mean of the inter-spike
intervals: 0 for a clock, 1 for a Poisson process) and the Fano factor of the spike
counts across trials (variance / mean of the count in 500 ms windows) for the fresh
inputs at five rates, and the unit (:class:`~neurosim.artificial.LogisticUnit`, the best
logistic description of the mean rate against the excitatory input rate, from
``fit_logistic``) beside them.

Implementation.  N independent Poisson trains of rate r are one Poisson train of rate
N r (superposition), so the 600 inputs of a kind are simulated as 5 sources of rate
120 r.  Brian2's ``PoissonGroup`` fires at most once per step, with probability
p = rate * dt, so the count per step is binomial; the frozen trains are drawn with the
same per-step probability in numpy (``numpy.random.default_rng(seed)``).  In the
diffusion approximation (Campbell's theorem, noise convention of ``LIFParameters``)
the membrane sees mu = E_L + tau_m (w_E lam_E + w_I lam_I) and
sigma^2 = tau_m (w_E^2 lam_E (1 - p_E) + w_I^2 lam_I (1 - p_I)) + sigma_intrinsic^2;
the mean rates are drawn against the Siegert formula with the finite-dt corrections of
``neurosim.spiking.theory``.  All conditions and trials are neurons of one Brian2 run
(dt = 0.1 ms; 0.1 s start-up, then ``window``); rates, Fano factors and reliabilities are
measured in the window, intervals over the whole run (the LIF with reset to rest is a
renewal process that starts at t = 0 as after a spike).
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial import LogisticUnit
from neurosim.bridge import fit_logistic
from neurosim.contract import Findings, Rule
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
    raster,
    run_note,
    shade,
)
from neurosim.spiking import LIFParameters, cv_isi, fano_factor, siegert_rate, simulate
from neurosim.spiking.theory import stamped_rate
from neurosim.stimuli import poisson, spike_pattern
from neurosim.units import Hz, ms, mV, second

NAME = "neurons_are_noisy"
QUESTION = "Does the same input give the same output, as it does for a unit?"
PARAMETERS = (
    Parameter(
        "sigma_intrinsic",
        0.7,
        "intrinsic membrane noise (white-noise amplitude; free-membrane SD is it / sqrt 2)",
        unit="mV",
        low=0,
        high=10,
    ),
    Parameter(
        "reliability_width",
        3.0,
        "SD of the Gaussian that smooths spike trains for the reliability measure",
        unit="ms",
        low=0.5,
        high=50,
    ),
    Parameter(
        "window",
        2000.0,
        "counting window per trial (after a 100 ms start-up)",
        unit="ms",
        low=500,
        high=20000,
        quick=1000.0,
    ),
    Parameter(
        "dt",
        0.1,
        "simulation time step (the closed forms are corrected for it)",
        unit="ms",
        low=0.02,
        high=0.25,
        quick=0.2,
    ),
    Parameter(
        "trials",
        48,
        "trials of the balanced and the compared input, and of the frozen input (other rates: a third)",
        low=6,
        high=1000,
        quick=30,
    ),
)
COST = 4.0

#: Excitatory input rates per input (Hz); the first (= INH_RATE_HZ) is balanced.
EXC_RATES_HZ = np.array([5.0, 6.0, 7.0, 8.0, 9.0])
N_EXC, N_INH = 600, 600
W_EXC_MV, W_INH_MV = 1.0, -1.0
INH_RATE_HZ = 5.0
#: The input rate (index into EXC_RATES_HZ) at which fresh and frozen input are compared.
COMPARED = 1
#: Poisson sources per neuron and kind (their superposition is the N inputs).
SOURCES = 5
#: Trials of the noise-free neuron given the frozen input.
NOISE_FREE_TRIALS = 3
START_UP_S = 0.1
FANO_WINDOW_S = 0.5
RASTER_TRIALS = 20
#: Rasters show the first second of the window (or the whole window if shorter).
RASTER_WINDOW_S = 1.0
#: Conditions: fresh input at each rate, then frozen input, then frozen without noise.
FRESH, FROZEN, NOISE_FREE = "fresh", "frozen", "noise-free"


def synaptic_drive(exc_rates_hz, *, dt_s: float, sigma_intrinsic_mv: float = 0.0):
    """Diffusion approximation of the synaptic input: ``(mu, sigma)`` in mV.

    ``mu = E_L + tau (w_E lam_E + w_I lam_I)`` and ``sigma^2 = tau (w_E^2 lam_E (1 - p_E)
    + w_I^2 lam_I (1 - p_I)) + sigma_intrinsic^2`` (Campbell's theorem; ``sigma`` in the
    convention of ``LIFParameters``), with ``lam`` the total input rate of each kind and
    ``p = (lam / SOURCES) dt`` the spike probability per step of one source.
    """
    tau_s, e_l = 0.02, -65.0
    lam_e = N_EXC * np.asarray(exc_rates_hz, dtype=float)
    lam_i = N_INH * INH_RATE_HZ
    p_e, p_i = lam_e / SOURCES * dt_s, lam_i / SOURCES * dt_s
    mu = e_l + tau_s * (W_EXC_MV * lam_e + W_INH_MV * lam_i)
    var = tau_s * (W_EXC_MV**2 * lam_e * (1 - p_e) + W_INH_MV**2 * lam_i * (1 - p_i))
    return mu, np.sqrt(var + sigma_intrinsic_mv**2)


def brian2_rate(mu_mv, sigma_mv, params: LIFParameters, dt_s: float) -> np.ndarray:
    """Siegert rate (Hz) as a Brian2 run with step dt sees it (``neurosim.spiking.theory``)."""
    r = siegert_rate(np.asarray(mu_mv) * mV, np.asarray(sigma_mv) * mV, params, dt=dt_s * second)
    return np.asarray(stamped_rate(r, dt_s * second) / Hz, dtype=float)


def reliability(trains, width_s: float) -> float:
    """Spike-time reliability of Schreiber et al. (2003): mean pairwise cosine similarity.

    Each train (spike times in s) is convolved with a Gaussian of SD ``width_s``; the
    inner product of two smoothed trains is proportional to ``sum_ab exp(-(t_a -
    t_b)^2 / (4 width^2))``.  R is the mean over all pairs of trials of
    ``<s_i, s_j> / (|s_i| |s_j|)``; a pair with one empty train counts 0, a pair of
    two empty trains is left out.  NaN with fewer than two trials or no spikes.
    """
    trains = [np.asarray(t, dtype=float) for t in trains]
    n = len(trains)
    if n < 2:
        return float("nan")
    times = np.concatenate(trains)
    if times.size == 0:
        return float("nan")
    owner = np.repeat(np.arange(n), [t.size for t in trains])
    kernel = np.exp(-((times[:, None] - times[None, :]) ** 2) / (4 * width_s**2))
    member = np.zeros((n, times.size))
    member[owner, np.arange(times.size)] = 1.0
    gram = member @ kernel @ member.T
    norm = np.sqrt(np.diag(gram))
    i, j = np.triu_indices(n, k=1)
    both_empty = (norm[i] == 0) & (norm[j] == 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(norm[i] * norm[j] > 0, gram[i, j] / (norm[i] * norm[j]), 0.0)
    r = r[~both_empty]
    return float(r.mean()) if r.size else float("nan")


def chance_reliability(rate_hz, width_s: float):
    """Expected R of independent Poisson trains of rate r: ``c / (1 + c)``, ``c = 2 sqrt(pi) w r``.

    ``E<s_i, s_j> = r^2 T 2 sqrt(pi) w`` and ``E|s|^2 = r T + r^2 T 2 sqrt(pi) w`` (for
    ``T >> w``; the spike itself and the other spikes), in the kernel's units.
    """
    c = 2 * np.sqrt(np.pi) * width_s * np.asarray(rate_hz, dtype=float)
    return c / (1 + c)


def frozen_trains(rng, *, duration_s: float, dt_s: float):
    """One draw of the input: ``(indices, times_s)`` of 2 * SOURCES Bernoulli-per-step trains.

    Inputs ``0 .. SOURCES-1`` are excitatory at ``N_EXC * 5 Hz / SOURCES``, the rest
    inhibitory at ``N_INH * INH_RATE_HZ / SOURCES``, each spiking in a step with
    probability rate * dt, as Brian2's PoissonGroup does.
    """
    steps = round(duration_s / dt_s)
    p = np.r_[
        np.full(SOURCES, N_EXC * EXC_RATES_HZ[COMPARED] / SOURCES * dt_s),
        np.full(SOURCES, N_INH * INH_RATE_HZ / SOURCES * dt_s),
    ]
    spikes = rng.random((2 * SOURCES, steps)) < p[:, None]
    indices, step = np.nonzero(spikes)
    return indices, step * dt_s


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Fresh and frozen input in one run; reliability, Fano and CV; the unit beside them."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        start_up_s=START_UP_S,
        fano_window_s=FANO_WINDOW_S,
        inputs=f"{N_EXC} excitatory (+{W_EXC_MV:g} mV) and {N_INH} inhibitory "
        f"({W_INH_MV:g} mV) Poisson inputs, inhibitory at {INH_RATE_HZ:g} Hz, as "
        f"{SOURCES} sources of each kind",
        neuron="LIF defaults: tau_m 20 ms, E_L = V_reset -65 mV, V_th -50 mV, "
        "R 100 MOhm, t_ref 2 ms",
    )
    neuron = LIFParameters()
    dt_s = p.plain("dt") * 1e-3
    window_s = p.plain("window") / 1e3
    duration_s = START_UP_S + window_s
    sigma_int = p.plain("sigma_intrinsic")
    width_s = p.plain("reliability_width") / 1e3
    n_rates = EXC_RATES_HZ.size
    trials = p.plain("trials")
    reps = np.r_[np.full(n_rates, max(trials // 3, 2)), trials, NOISE_FREE_TRIALS]
    reps[[0, COMPARED]] = trials  # the balanced input (Fano) and the compared one
    frozen_c, free_c = n_rates, n_rates + 1
    cond = np.repeat(np.arange(reps.size), reps)  # the condition of every simulated neuron

    # -- stimulus: fresh Poisson trains per trial, or one frozen draw replayed ----------
    exc = np.r_[EXC_RATES_HZ, 0.0, 0.0]  # fresh input rates per condition
    inh = np.r_[np.full(n_rates, INH_RATE_HZ), 0.0, 0.0]
    rng = np.random.default_rng(seed)
    indices, times = frozen_trains(rng, duration_s=duration_s, dt_s=dt_s)
    replayed = (cond == frozen_c) | (cond == free_c)
    mask = np.broadcast_to(replayed, (2 * SOURCES, cond.size))
    stimulus = [
        poisson(exc[cond] * N_EXC / SOURCES * Hz, n_inputs=SOURCES, weight=W_EXC_MV * mV),
        poisson(inh[cond] * N_INH / SOURCES * Hz, n_inputs=SOURCES, weight=W_INH_MV * mV),
        spike_pattern(
            indices,
            times * second,
            n_inputs=2 * SOURCES,
            weight=np.r_[np.full(SOURCES, W_EXC_MV), np.full(SOURCES, W_INH_MV)] * mV,
            targets=mask,
        ),
    ]
    sigma = np.where(cond == free_c, 0.0, sigma_int)

    # -- artificial model: the mean-rate curve as a logistic unit (after the run) ------
    # -- spiking model ------------------------------------------------------------------
    result = simulate(
        neuron.replace(sigma=sigma * mV),
        stimulus,
        duration_s * second,
        dt=p.plain("dt") * ms,
        seed=seed,
    )
    t0, t1 = START_UP_S, duration_s
    per_neuron = [np.asarray(tr[0] / second) for tr in result.trains()]
    trains = [[per_neuron[k] for k in np.flatnonzero(cond == c)] for c in range(reps.size)]
    in_window = [[tr[(tr >= t0) & (tr < t1)] for tr in c] for c in trains]
    counts = result.counts_in(t0 * second, t1 * second)[:, 0]
    rates = counts / window_s
    mean_rate = np.bincount(cond, weights=rates) / reps
    rate_se = np.array([rates[cond == c].std(ddof=1) for c in range(reps.size)]) / np.sqrt(reps)
    cv = np.array([cv_isi(c) for c in trains])
    fano = np.array(
        [fano_factor(c, window=FANO_WINDOW_S, duration=window_s, start=t0) for c in trains]
    )
    rel = {c: reliability(in_window[c], width_s) for c in (COMPARED, frozen_c, free_c)}

    # -- the unit: the neuron's mean rate curve, without its noise ----------------------
    fit = fit_logistic(EXC_RATES_HZ, mean_rate[:n_rates])
    unit = LogisticUnit(weights=[fit.slope], bias=-fit.slope * fit.midpoint)
    fresh = cond < n_rates
    unit_trials = fit.amplitude * unit.predict_proba(exc[cond[fresh]][:, None])
    # variance about the first trial's answer (exact: identical floats give 0)
    unit_var = np.array(
        [np.var(a - a[0]) for a in (unit_trials[cond[fresh] == c] for c in range(n_rates))]
    )

    # -- theory -------------------------------------------------------------------------
    mu, sig = synaptic_drive(EXC_RATES_HZ, dt_s=dt_s, sigma_intrinsic_mv=sigma_int)
    fine = np.linspace(EXC_RATES_HZ[0], EXC_RATES_HZ[-1], 81)
    mu_f, sig_f = synaptic_drive(fine, dt_s=dt_s, sigma_intrinsic_mv=sigma_int)

    shown = {}
    # every trial's spikes in the window, for the four conditions the claims use
    for name, c in (("balanced", 0), (FRESH, COMPARED), (FROZEN, frozen_c), (NOISE_FREE, free_c)):
        shown[f"trains_s/{name}"] = np.concatenate(in_window[c])
        shown[f"trains_trial/{name}"] = np.repeat(
            np.arange(len(in_window[c])), [t.size for t in in_window[c]]
        )
    for name, c in ((FRESH, COMPARED), (FROZEN, frozen_c)):
        ts, rows = [], []
        for k, tr in enumerate(in_window[c][:RASTER_TRIALS]):
            inside = tr[tr < t0 + RASTER_WINDOW_S]
            ts.append(1e3 * (inside - t0))
            rows.append(np.full(inside.size, k))
        shown[f"raster_ms/{name}"] = np.concatenate(ts)
        shown[f"raster_trial/{name}"] = np.concatenate(rows)

    findings.data = {
        "exc_rates_Hz": EXC_RATES_HZ,
        "trials": reps,  # fresh at each rate, frozen, frozen without intrinsic noise
        "condition_frozen": frozen_c,
        "condition_noise_free": free_c,
        "trial_condition": cond,
        "trial_rates_Hz": rates,
        "counts": counts,
        "mean_rate_Hz": mean_rate,
        "rate_se_Hz": rate_se,
        "cv": cv,
        "fano": fano,
        "condition_compared": COMPARED,
        "reliability_fresh": rel[COMPARED],
        "reliability_frozen": rel[frozen_c],
        "reliability_noise_free": rel[free_c],
        "reliability_chance": float(chance_reliability(mean_rate[COMPARED], width_s)),
        "reliability_width_ms": 1e3 * width_s,
        "sigma_intrinsic_mV": sigma_int,
        "window_s": window_s,
        "fano_window_s": FANO_WINDOW_S,
        "frozen_indices": indices,
        "frozen_times_s": times,
        "noise_free_counts": counts[cond == free_c],
        "syn_mu_mV": mu,
        "syn_sigma_mV": sig,
        "syn_theory_Hz": brian2_rate(mu, sig, neuron, dt_s),
        "fine_exc_rates_Hz": fine,
        "fine_theory_Hz": brian2_rate(mu_f, sig_f, neuron, dt_s),
        "unit_params": np.array([fit.amplitude, fit.slope, fit.midpoint]),
        "unit_trials_Hz": unit_trials,  # one per fresh trial, in trial_condition order
        "unit_variance": unit_var,
        "fine_unit_Hz": fit.amplitude * unit.predict_proba(fine[:, None]),
        "raster_window_ms": 1e3 * min(window_s, RASTER_WINDOW_S),
        **shown,
    }

    # -- claims -------------------------------------------------------------------------
    same = Rule.at_least(
        0.8,
        partly=0.5,
        reason="R = 0.8 at a 3 ms Gaussian is a spike jitter of about 2 ms, the "
        "millisecond precision of cortical neurons under frozen input (Mainen & "
        "Sejnowski 1995); R = 0.5 is a jitter of 5 ms",
        below="spike times vary",
    )
    findings.claim(
        "logistic unit: variance of its output over the trials of the same input",
        float(unit_var.max()),
        "Hz²",
        rule=Rule.at_most(0.0, reason="a function: the same input, exactly the same output"),
        about="artificial",
        label="logistic unit: output variance",
        by_construction="a function: the same input gives the same output",
    )
    findings.claim(
        "Fano factor of the spike count (500 ms) across trials, LIF with fresh Poisson "
        "synaptic input at the same rates on every trial (balanced, mu = E_L)",
        fano[0],
        "",
        rule=Rule.at_most(
            0.1,
            partly=0.5,
            reason="the unit's is 0; 0.1 leaves a count SD a third of a Poisson process's, "
            "0.5 is the regular firing of strongly driven neurons; cortex in vivo "
            "is near 1 (Softky & Koch 1993, Shadlen & Newsome 1998)",
            above="counts vary",
        ),
        aspect="variability",
        key=True,
        label="spike-count Fano factor, fresh input",
    )
    findings.claim(
        "spike-time reliability (Schreiber correlation, Gaussian of SD reliability_width) "
        "across trials of fresh Poisson synaptic input at the same rates (excitatory "
        "inputs a fifth faster than inhibitory ones: irregular firing at tens of Hz)",
        rel[COMPARED],
        "",
        rule=same,
        aspect="variability",
        label="spike-time reliability, fresh input",
    )
    findings.claim(
        "spike-time reliability across trials of frozen input (the same input spike "
        "trains on every trial, same rates as the fresh ones), with intrinsic membrane "
        "noise sigma_intrinsic",
        rel[frozen_c],
        "",
        rule=same,
        aspect="variability",
        key=True,
        label="spike-time reliability, frozen input",
    )
    findings.claim(
        "CV of the inter-spike intervals with frozen input: irregular in time, "
        "yet repeated across trials",
        cv[frozen_c],
        "",
        rule=Rule.at_least(
            0.4,
            reason="irregular, like cortex in vivo (CV 0.5-1, Softky & Koch 1993) and far "
            "from a clock (0); 0.4 leaves room for the spread between frozen draws",
        ),
        about="spiking",
        label="ISI CV, frozen input",
    )
    findings.claim(
        "CV of the inter-spike intervals with fresh balanced Poisson input (a Poisson process: 1)",
        cv[0],
        "",
        rule=Rule.between(
            0.7,
            1.3,
            partly=(0.5, 1.5),
            reason="Poisson-like firing, as in cortex in vivo (Softky & Koch 1993: CV near "
            "1); 0.3 covers the sampling error of ~100 intervals (SD ~0.1) and the "
            "lower CV of intervals cut by a 1-2 s run (2-6 %)",
        ),
        about="spiking",
        label="ISI CV, fresh input",
    )
    findings.claim(
        "spike-time reliability of the LIF without intrinsic noise given frozen input",
        rel[free_c],
        "",
        rule=Rule.at_least(
            0.999, reason="a deterministic system: identical input, identical spike train"
        ),
        about="spiking",
        label="reliability without intrinsic noise",
    )
    return findings


def plot(findings: Findings):
    """Rasters fresh/frozen, reliability, rates with the unit, Fano and CV against rate."""
    d = findings.data
    n_rates = d["exc_rates_Hz"].size
    frozen_c, free_c = d["condition_frozen"], d["condition_noise_free"]
    pale = shade(SPIKING, 0.45)
    with lecture_style():
        fig = new_figure(figsize=(17, 10.5))
        (ax_fresh, ax_frozen, ax_rel), (ax_rate, ax_ff, ax_cv) = fig.subplots(2, 3)

        # A, B: rasters, fresh and frozen input
        for ax, name, c, title in (
            (ax_fresh, FRESH, d["condition_compared"], "fresh Poisson input each trial"),
            (ax_frozen, FROZEN, frozen_c, "frozen input: the same spike trains"),
        ):
            rows = d[f"raster_trial/{name}"]
            shown = min(RASTER_TRIALS, int(d["trials"][c]))
            raster(ax, d[f"raster_ms/{name}"], rows, markersize=70, ylabel="trial")
            ax.set_xlim(0, d["raster_window_ms"])
            ax.set_ylim(-0.7, shown - 0.3)
            ax.set_yticks(np.arange(0, shown, 5))
            ax.set_xlabel("time in the window (ms)")
            rel = d["reliability_fresh"] if name == FRESH else d["reliability_frozen"]
            ax.set_title(
                f"{title}\n{d['mean_rate_Hz'][c]:.1f} Hz, reliability {rel:.2f}, "
                f"Fano {d['fano'][c]:.2f}",
                loc="left",
                fontsize=13,
            )

        # C: reliability: unit, deterministic LIF, LIF with intrinsic noise, fresh input
        labels = [
            "logistic\nunit",
            "LIF, frozen,\nno noise",
            f"LIF, frozen,\nσ = {d['sigma_intrinsic_mV']:g} mV",
            "LIF,\nfresh input",
        ]
        values = [1.0, d["reliability_noise_free"], d["reliability_frozen"], d["reliability_fresh"]]
        colors = [ARTIFICIAL, SPIKING, SPIKING, pale]
        ax_rel.bar(np.arange(4), values, color=colors, width=0.65)
        for k, v in enumerate(values):
            ax_rel.text(k, v + 0.02, f"{v:.2f}", ha="center", va="bottom", fontsize=12)
        ax_rel.axhline(
            d["reliability_chance"],
            color=NEUTRAL,
            ls=":",
            lw=1.5,
            label="independent Poisson trains, same rate",
        )
        ax_rel.legend(loc="upper right", fontsize=10.5)
        ax_rel.set_xticks(np.arange(4), labels, fontsize=11)
        ax_rel.set_ylim(0, 1.35)
        ax_rel.set_ylabel("spike-time reliability R")
        ax_rel.set_title(
            f"same trains in, same spikes out\n(Gaussian SD {d['reliability_width_ms']:g} ms)",
            loc="left",
            fontsize=13,
        )

        # D: the rate on every fresh trial against the input; the unit's one answer
        x = d["exc_rates_Hz"]
        for k in range(n_rates):
            one = d["trial_rates_Hz"][d["trial_condition"] == k]
            spread = np.linspace(-0.12, 0.12, one.size)
            ax_rate.plot(
                x[k] + spread,
                one,
                "o",
                color=pale,
                ms=3.5,
                label="LIF, one trial" if k == 0 else None,
            )
        ax_rate.plot(
            d["fine_exc_rates_Hz"],
            d["fine_theory_Hz"],
            color=THEORY,
            ls="--",
            lw=1.6,
            label="diffusion theory (Siegert)",
        )
        ax_rate.plot(
            x, d["mean_rate_Hz"][:n_rates], "o", color=SPIKING, ms=7, label="LIF, mean over trials"
        )
        ax_rate.plot(
            d["fine_exc_rates_Hz"],
            d["fine_unit_Hz"],
            color=ARTIFICIAL,
            lw=2.4,
            label="logistic unit: the same every trial",
        )
        ax_rate.set_xlabel("excitatory input rate, per input (Hz)")
        ax_rate.set_ylabel("output rate (Hz)")
        ax_rate.legend(loc="upper left", fontsize=10.5)
        ax_rate.set_title("fresh input: one input rate, many answers", loc="left", fontsize=13)

        # E, F: Fano factor and CV against the output rate
        rates = d["mean_rate_Hz"]
        for ax, key, title in (
            (ax_ff, "fano", "count variability across trials"),
            (ax_cv, "cv", "irregularity of the intervals"),
        ):
            ax.axhline(1.0, color=NEUTRAL, ls=":", lw=1.5)
            ax.text(
                rates[:n_rates].max(),
                1.02,
                "Poisson process",
                color=NEUTRAL,
                ha="right",
                va="bottom",
                fontsize=11,
            )
            ax.plot(
                rates[:n_rates],
                d[key][:n_rates],
                "o-",
                color=pale,
                mec=SPIKING,
                ms=7,
                label="LIF, fresh input",
            )
            ax.plot(
                rates[frozen_c],
                d[key][frozen_c],
                "D",
                color=SPIKING,
                ms=10,
                label="LIF, frozen input",
            )
            ax.set_xlabel("output rate (Hz)")
            ax.set_title(title, loc="left", fontsize=13)
            top = max(1.25, 1.1 * float(np.nanmax(d[key][:free_c])))
            ax.set_ylim(-0.2, top)
        ax_ff.plot(
            [0, rates[:n_rates].max()], [0, 0], color=ARTIFICIAL, lw=3, label="logistic unit"
        )
        ax_ff.set_ylabel(f"Fano factor ({1e3 * d['fano_window_s']:.0f} ms counts)")
        ax_cv.set_ylabel("CV of inter-spike intervals")
        ax_ff.legend(loc="center right", fontsize=10.5)
        ax_cv.legend(loc="lower left", fontsize=10.5)

        label_panels([ax_fresh, ax_frozen, ax_rel, ax_rate, ax_ff, ax_cv], x=-0.12, y=1.03)
        fig.suptitle(
            "The same input rates: a different spike train every trial. The same input "
            "spike trains: nearly the same spikes",
            fontsize=16,
            fontweight="bold",
        )
        run_note(fig, findings.settings)
    return fig
