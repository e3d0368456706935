"""Noise rounds the neuron's hard threshold into a sigmoid's foot, but does not make its top.

Question: does noise turn the neuron's hard threshold into a sigmoid?

Without noise, the leaky integrate-and-fire neuron (default
:class:`~neurosim.spiking.LIFParameters`: tau_m 20 ms, rest = reset -65 mV, threshold
-50 mV, R 100 MOhm, t_ref 2 ms) is silent below the rheobase (0.15 nA) and starts firing
with a kink there.  With white membrane noise of amplitude sigma (the Siegert convention
of ``LIFParameters``: the free membrane potential fluctuates with SD sigma/sqrt 2) it
sometimes fires below the rheobase and the kink rounds off.  We simulate f-I curves at
four noise amplitudes, 0, 1/4, 1/2 and 1 times ``sigma_max``, draw them over the closed
forms (``lif_rate`` without noise, the Siegert formula with it) and fit each with the
best logistic curve ``a * sigmoid(k (I - I_0))``, the artificial unit's own
input-output function.  What the fit leaves (RMS residual / range of the curve, each
window sampled at 11 evenly spaced currents) is measured in two windows:

* the threshold window, 0 to twice the rheobase: here noise makes the curve much more
  sigmoid-like (closed form at 8 mV: residual 2.0 % against 5.9 % without noise);
* the full range, 0 to ``current_max`` (1.5 nA: rates up to about half the refractory
  ceiling 1/t_ref = 500 Hz): above threshold the LIF rate keeps rising, concave, towards
  1/t_ref, where the logistic has long flattened.  Noise does not change that part of
  the curve (Siegert tends to the noise-free rate when mu - V_th >> sigma), so at 8 mV
  the residual grows with the window (3.3 % up to 0.8 nA, 4.0 % up to 1.5 nA; without
  noise 4.3 % and 5.6 %).  The verdict depends on the window; panel D shows how.

So noise makes the *foot* of a sigmoid (it rounds the threshold); the *top* of the
neuron's curve is set by the membrane time constant and the refractory period, not by
noise, and it is not the logistic's plateau.

How a residual is judged, in each window, by two references computed in the run:

* holds: the residual is no larger than what the sampling error of the simulated rates
  alone would leave on an exact logistic (:func:`~neurosim.bridge.metrics.logistic_noise_floor`:
  the 95 % quantile of the residual of a 3-parameter fit to 11 points whose standard
  errors are those of Poisson counts of the predicted rates, an upper bound since the
  counts' Fano factor is below 1 here; 0.97 % of the range in the threshold window
  and 1.14 % over the full range at the defaults, 1.78 % and 2.05 % quick). Below it
  the measurement cannot tell the curve from a logistic.
* partly: closer to a logistic than a rectified-linear unit with its kink at the
  rheobase, sampled at the same currents (deep learning's standard non-sigmoid;
  3.2 % and 3.6 %). Further than that, the curve is no more a sigmoid than a ReLU is.

At the defaults the noisy threshold window lies between the two (1.9 %: partly), the
noisy full range beyond the ReLU (4.0 %: fails), the noise-free curves further still.
The noise-free claims (and the closed-form ones) are deterministic: no random input
enters them.

Statistics.  All points are one Brian2 run (dt = 0.1 ms); each noisy point is a set of
identical neurons counted over ``window`` after a 0.1 s start-up.  Neurons are shared out
so that every point whose predicted rate exceeds 5 Hz collects about ``spikes_per_point``
spikes; the Fano factor of the counts is below 1 here, so the relative standard error of
a rate is at most 1/sqrt(spikes_per_point) (1.4 % full, 2.6 % quick), and deviations
from the formula are reported in these standard errors.  Points predicted below 5 Hz
get 40 neurons (quick: 20), enough to draw them.

Finite time step.  The simulation checks the threshold only every 0.1 ms and so misses
brief excursions above it: the simulated neuron fires *less* than the continuous-time
Siegert formula (by up to 6-10 % at 5-10 Hz).  Brian2 also stamps a spike at the start
of the step in which V crossed, which shortens every period by one step.  The dashed
lines and the 5 % check use the Siegert formula corrected for both
(``siegert_rate(..., dt=dt)``, Siegmund 1979's threshold shift, then ``stamped_rate``;
see ``neurosim.spiking.theory``).
"""

from __future__ import annotations

import numpy as np

from neurosim.bridge import fit_logistic
from neurosim.bridge.metrics import logistic_noise_floor
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
    run_note,
    shade,
)
from neurosim.spiking import LIFParameters, lif_rate, siegert_rate, simulate
from neurosim.spiking.theory import stamped_rate
from neurosim.stimuli import constant
from neurosim.units import Hz, ms, mV, nA, second

NAME = "noise_makes_a_sigmoid"
QUESTION = "Does noise turn the neuron's hard threshold into a sigmoid?"
PARAMETERS = (
    Parameter(
        "sigma_max",
        8.0,
        "largest membrane-noise amplitude; the curves use 0, 1/4, 1/2 and 1 times it",
        unit="mV",
        low=1,
        high=20,
    ),
    Parameter(
        "current_max",
        1.5,
        "top of the full-range fit window (1.5 nA: about half the ceiling 1/t_ref)",
        unit="nA",
        low=0.4,
        high=5,
    ),
    Parameter(
        "window",
        2000.0,
        "counting window per point (after a 100 ms start-up)",
        unit="ms",
        low=200,
        high=20000,
        quick=1000.0,
    ),
    Parameter(
        "spikes_per_point",
        5000,
        "spikes counted at each point above 5 Hz (sets the sampling error)",
        low=500,
        high=100000,
        quick=1500,
    ),
)
COST = 3.0

#: Noise levels as fractions of sigma_max (0, 2, 4, 8 mV by default).
LEVELS = (0.0, 0.25, 0.5, 1.0)
#: Points in each fit window (a uniform grid per window).
N_POINTS = 11
#: Points predicted above this rate are checked against Siegert.
MIN_RATE_HZ = 5.0
DT_MS = 0.1
START_UP_S = 0.1


def predicted_rates(currents_nA, sigma_mV, params: LIFParameters, dt_ms: float | None):
    """Closed-form rate (Hz); with ``dt_ms``, as a Brian2 run with that step would fire.

    sigma = 0: ``lif_rate`` (the noise-free first passage).  sigma > 0: the Siegert
    formula; with ``dt_ms`` corrected for missed crossings (threshold raised) and for
    Brian2's spike stamp (each period one step shorter).
    """
    currents_nA, sigma_mV = np.broadcast_arrays(
        np.asarray(currents_nA, float), np.asarray(sigma_mV, float)
    )
    mu = params.E_L + params.R * currents_nA * nA
    if dt_ms is None:
        rate = siegert_rate(mu, sigma_mV * mV, params)
    else:
        with np.errstate(over="ignore"):  # deep below threshold: rate 0, stamped as 0
            rate = siegert_rate(mu, sigma_mV * mV, params, dt=dt_ms * ms)
            rate = stamped_rate(rate, dt_ms * ms)
    noise_free = np.asarray(lif_rate(currents_nA * nA, params) / Hz, dtype=float)
    return np.where(sigma_mV > 0, np.asarray(rate / Hz, dtype=float), noise_free)


def misfit(currents_nA, rates_Hz) -> float:
    """RMS residual of the best logistic fit, in % of the curve's range."""
    return 100 * fit_logistic(currents_nA, rates_Hz).nrmse


def relu(currents_nA, rheobase_nA) -> np.ndarray:
    """A rectified-linear unit with its kink at the rheobase: max(0, I - I_rh)."""
    return np.maximum(0.0, np.asarray(currents_nA, dtype=float) - rheobase_nA)


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """f-I curves at four noise levels in one run; logistic fits in two windows."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        dt_ms=DT_MS,
        start_up_s=START_UP_S,
        neuron="LIF defaults: tau_m 20 ms, E_L = V_reset -65 mV, V_th -50 mV, "
        "R 100 MOhm, t_ref 2 ms; white noise sigma (Siegert convention)",
    )
    neuron = LIFParameters()
    window_s = p.plain("window") / 1e3
    target = p.plain("spikes_per_point")
    low_neurons = 20 if quick else 40
    sigmas = p.plain("sigma_max") * np.array(LEVELS)
    rheobase = float(neuron.rheobase / nA)
    # -- stimulus: the two windows' uniform grids, simulated once ----------------------
    threshold_grid = np.round(np.linspace(0.0, 2 * rheobase, N_POINTS), 6)
    full_grid = np.round(np.linspace(0.0, p.plain("current_max"), N_POINTS), 6)
    currents = np.unique(np.concatenate([threshold_grid, full_grid]))
    in_threshold = np.isin(currents, threshold_grid)
    in_full = np.isin(currents, full_grid)
    n_i = currents.size

    # -- spiking model: one condition per (sigma, current), neurons by predicted rate --
    sig_grid = np.repeat(sigmas, n_i)
    cur_grid = np.tile(currents, sigmas.size)
    predicted = predicted_rates(cur_grid, sig_grid, neuron, DT_MS)
    tested = (sig_grid > 0) & (predicted > MIN_RATE_HZ)
    neurons = np.where(
        sig_grid == 0,
        1,  # noise-free: every copy would be identical
        np.where(
            tested,
            np.ceil(target / (np.maximum(predicted, MIN_RATE_HZ) * window_s)),
            low_neurons,
        ),
    ).astype(int)
    condition = np.repeat(np.arange(sig_grid.size), neurons)
    result = simulate(
        neuron.replace(sigma=sig_grid[condition] * mV),
        constant(cur_grid[condition] * nA),
        (START_UP_S + window_s) * second,
        dt=DT_MS * ms,
        seed=seed,
    )
    counts = result.counts_in(START_UP_S * second, (START_UP_S + window_s) * second)[:, 0]
    per_neuron = counts / window_s
    rate = np.bincount(condition, weights=per_neuron) / neurons
    spread = np.bincount(condition, weights=(per_neuron - rate[condition]) ** 2)
    se = np.where(neurons > 1, np.sqrt(spread / np.maximum(neurons - 1, 1) / neurons), 0.0)

    shape = (sigmas.size, n_i)
    rates = rate.reshape(shape)
    predicted = predicted.reshape(shape)
    tested = tested.reshape(shape)
    fine = np.linspace(0.0, currents[-1], 301)

    # -- the artificial unit's curve: the best logistic fit in each window -------------
    fits = {
        "threshold": [fit_logistic(currents[in_threshold], r[in_threshold]) for r in rates],
        "full": [fit_logistic(currents[in_full], r[in_full]) for r in rates],
    }
    # how the verdict depends on the window: closed-form misfit against the window's top
    # (the same N_POINTS grid as the simulation, so its fits lie on these lines; the
    # noise-free line wobbles as the kink falls between grid points)
    top_max = max(3.0, p.plain("current_max"))
    tops = np.union1d(np.linspace(2 * rheobase, top_max, 10), [p.plain("current_max")])
    grids = [np.round(np.linspace(0.0, t, N_POINTS), 6) for t in tops]
    window_sweep = np.array(
        [[misfit(g, predicted_rates(g, s, neuron, DT_MS)) for g in grids] for s in sigmas]
    )
    # the two references of the rule, per window: deep learning's non-sigmoid, a ReLU
    # with its kink at the rheobase, sampled the same way; and the residual that the
    # sampling error of the noisiest curve's rates would leave on an exact logistic
    relu_sweep = np.array([misfit(g, relu(g, rheobase)) for g in grids])

    # -- comparison: simulation against the closed forms -------------------------------
    deviation = np.where(tested, 100 * (rates / np.where(tested, predicted, 1.0) - 1), np.nan)
    # in standard errors of a Poisson count of the predicted number of spikes (an upper
    # bound: the counts' Fano factor is below 1 here)
    expected = predicted * window_s * neurons.reshape(shape)
    z = np.where(tested, (rates - predicted) * window_s * neurons.reshape(shape), np.nan)
    z = z / np.sqrt(np.where(tested, expected, 1.0))
    firing = (sigmas[:, None] == 0) & (predicted > 10.0)
    noise_free_dev = np.where(firing, 100 * (rates / np.where(firing, predicted, 1) - 1), np.nan)
    # standard error of each point's rate if counts were Poisson (an upper bound: the
    # Fano factor is below 1 here), from the predicted rate and the neurons counted:
    # fixed by the parameters, so every seed is judged by the same rule
    se_bound = np.sqrt(predicted / (window_s * neurons.reshape(shape)))
    se_bound = np.where(sigmas[:, None] > 0, se_bound, 0.0)
    references = {}
    for name, mask, top in (
        ("threshold", in_threshold, threshold_grid[-1]),
        ("full", in_full, full_grid[-1]),
    ):
        x = currents[mask]
        floor = 100 * logistic_noise_floor(x, predicted[-1, mask], se_bound[-1, mask])
        # the sweep's grid with this top is this window's grid: its ReLU misfit
        references[name] = (floor, float(relu_sweep[np.argmin(np.abs(tops - top))]))
    top_noisy = float(predicted_rates(currents[-1], sigmas[-1], neuron, None))
    top_free = float(predicted_rates(currents[-1], 0.0, neuron, None))

    findings.data = {
        "sigmas_mV": sigmas,
        "currents_nA": currents,
        "in_threshold_window": in_threshold,
        "in_full_window": in_full,
        "rheobase_nA": rheobase,
        "ceiling_Hz": 1.0 / float(neuron.t_ref / second),
        "rates_Hz": rates,
        "rates_se_Hz": se.reshape(shape),
        "neurons": neurons.reshape(shape),
        "predicted_Hz": predicted,  # the dt-corrected closed form
        "tested": tested,
        "deviation_percent": deviation,
        "deviation_z": z,
        "noise_free_deviation_percent": noise_free_dev,
        "fine_currents_nA": fine,
        "fine_predicted_Hz": predicted_rates(fine[None, :], sigmas[:, None], neuron, DT_MS),
        "fit_params_threshold": np.array(
            [[f.amplitude, f.slope, f.midpoint] for f in fits["threshold"]]
        ),
        "fit_params_full": np.array([[f.amplitude, f.slope, f.midpoint] for f in fits["full"]]),
        "misfit_threshold_percent": np.array([100 * f.nrmse for f in fits["threshold"]]),
        "misfit_full_percent": np.array([100 * f.nrmse for f in fits["full"]]),
        "window_tops_nA": tops,
        "window_sweep_percent": window_sweep,
        "relu_sweep_percent": relu_sweep,
        "rates_se_bound_Hz": se_bound,
        "noise_floor_percent": np.array([references[w][0] for w in ("threshold", "full")]),
        "relu_misfit_percent": np.array([references[w][1] for w in ("threshold", "full")]),
        "top_change_percent": 100 * abs(top_noisy / top_free - 1),
    }

    # -- claims -------------------------------------------------------------------------
    d = findings.data
    windows = {
        "full": "the full range, from silence to about half the refractory ceiling "
        "(0 to current_max)",
        "threshold": "the threshold window (0 to twice the rheobase)",
    }

    def shape_rule(window: str) -> Rule:
        floor, relu_misfit = references[window]
        return Rule.at_most(
            round(floor, 2),
            partly=round(max(relu_misfit, floor), 2),
            above="not a logistic's shape",
            reason="holds: no more than the residual that the rates' own sampling error "
            "would leave on an exact logistic (95 % chi-square bound, Poisson counts at "
            f"sigma_max: {floor:.2f} % of the range), so a logistic describes the curve "
            "as well as it can be measured; partly: closer to a logistic than a ReLU "
            "with its kink at the rheobase (deep learning's non-sigmoid, the same "
            f"{N_POINTS} currents: {relu_misfit:.2f} %)",
        )

    findings.claim(
        f"best logistic fit to the f-I curve over {windows['full']}, at the largest "
        "noise sigma_max: RMS residual in % of the curve's range",
        d["misfit_full_percent"][-1],
        "%",
        rule=shape_rule("full"),
        label="noisy f-I curve, full range",
        aspect="nonlinearity",
        key=True,
    )
    findings.claim(
        f"the same fit over {windows['full']} without noise (hard threshold): RMS "
        "residual in % of the curve's range",
        d["misfit_full_percent"][0],
        "%",
        rule=shape_rule("full"),
        label="noise-free f-I curve, full range",
        aspect="nonlinearity",
        deterministic=True,
    )
    findings.claim(
        f"best logistic fit over {windows['threshold']}, at the largest noise sigma_max: "
        "noise rounds the threshold into a sigmoid's foot",
        d["misfit_threshold_percent"][-1],
        "%",
        rule=shape_rule("threshold"),
        label="noisy f-I curve, threshold window",
        aspect="nonlinearity",
        key=True,
    )
    findings.claim(
        f"best logistic fit over {windows['threshold']} without noise (the hard "
        "threshold's kink): RMS residual in % of the curve's range",
        d["misfit_threshold_percent"][0],
        "%",
        rule=shape_rule("threshold"),
        label="noise-free f-I curve, threshold window",
        aspect="nonlinearity",
        deterministic=True,
    )
    findings.claim(
        "change of the rate at the top of the range (current_max) made by the largest "
        "noise (Siegert against the noise-free closed form): noise does not make the "
        "sigmoid's top",
        d["top_change_percent"],
        "%",
        rule=Rule.at_most(
            round(100 / np.sqrt(target), 2),
            reason="far above threshold the Siegert rate tends to the noise-free one "
            "(mu - V_th >> sigma); a change under one standard error of a simulated "
            f"rate (1/sqrt(spikes_per_point) = {100 / np.sqrt(target):.2f} %) is one no "
            "simulation of this size could see",
        ),
        label="Siegert vs noise-free rate at the top",
        about="spiking",
        deterministic=True,
    )
    findings.claim(
        "largest deviation of the simulated noisy rates from the Siegert formula "
        "corrected for the 0.1 ms time step, at the points above 5 Hz, in standard "
        "errors of the spike count (Poisson bound)",
        float(np.nanmax(np.abs(z))),
        "SE",
        rule=Rule.at_most(
            4,
            partly=6,
            reason="if simulation and formula agree, each |z| exceeds 4 with probability "
            "< 1e-4 (Gaussian, Fano <= 1): under 0.5 % for the ~46 points together",
        ),
        label="noisy rates vs Siegert (largest |z|)",
        about="spiking",
    )
    findings.claim(
        "largest deviation of the noise-free simulated rates from the closed-form "
        "LIF rate, at the points above 10 Hz",
        float(np.nanmax(np.abs(noise_free_dev))),
        "%",
        rule=Rule.at_most(
            4,
            partly=10,
            reason="the period is resolved to one 0.1 ms step (r dt <= 3 % up to 300 Hz) "
            "and a count window holds one spike more or less",
        ),
        label="noise-free rates vs closed form",
        about="spiking",
        deterministic=True,
    )
    return findings


def plot(findings: Findings):
    """A: f-I curves; B: full-range fits; C: threshold-window fits; D: misfit vs window."""
    d = findings.data
    sigmas, currents, fine = d["sigmas_mV"], d["currents_nA"], d["fine_currents_nA"]
    markers = ("s", "o", "D", "^")
    shades = [shade(SPIKING, f) for f in np.linspace(1.0, 0.5, sigmas.size)]
    thr_top = 2 * d["rheobase_nA"]
    top = 1.08 * float(np.max(d["rates_Hz"]))
    x_max = currents[-1] * 1.02
    with lecture_style():
        fig = new_figure(figsize=(15, 10.5))
        (ax_fi, ax_full), (ax_thr, ax_win) = fig.subplots(2, 2)

        # A: simulated points over the closed forms, the threshold window shaded
        ax_fi.axvspan(0, thr_top, color="0.92", zorder=0)
        ax_fi.text(
            thr_top,
            0.97 * top,
            " ← threshold window",
            ha="left",
            va="top",
            fontsize=11,
            color="0.35",
        )
        for k, s in enumerate(sigmas):
            ax_fi.plot(
                fine,
                d["fine_predicted_Hz"][k],
                color=THEORY,
                ls="--",
                lw=1.3,
                label="closed form" if k == 0 else None,
            )
            ax_fi.plot(
                currents,
                d["rates_Hz"][k],
                markers[k],
                color=shades[k],
                ms=6,
                label=f"LIF, σ = {s:g} mV",
                zorder=3,
            )
        if top > 0.6 * d["ceiling_Hz"]:  # near the refractory ceiling: draw it
            ax_fi.axhline(d["ceiling_Hz"], color="0.5", ls=":", lw=1.2)
            ax_fi.text(
                x_max, d["ceiling_Hz"], "ceiling 1/t_ref", color="0.35", va="bottom", ha="right"
            )
            top = 1.08 * d["ceiling_Hz"]
        ax_fi.set_ylim(-5, top)
        ax_fi.set_xlim(-0.01 * x_max, x_max)
        ax_fi.set_xlabel("input current (nA)")
        ax_fi.set_ylabel("firing rate (Hz)")
        ax_fi.set_title("LIF f-I curves at four noise levels", loc="left")
        ax_fi.legend(loc="lower right", fontsize=11)

        # B: the full range, with its logistic fits: the top is not the logistic's
        full = d["in_full_window"]
        for k in (0, sigmas.size - 1):
            a, slope, mid = d["fit_params_full"][k]
            curve = a / (1 + np.exp(-slope * (fine - mid)))
            ls = "-" if k else "--"
            ax_full.plot(
                fine,
                curve,
                color=ARTIFICIAL,
                lw=2.4,
                ls=ls,
                label=f"logistic fit, σ = {sigmas[k]:g} mV ({d['misfit_full_percent'][k]:.1f} %)",
            )
            ax_full.plot(
                currents[full],
                d["rates_Hz"][k][full],
                markers[k],
                color=shades[k],
                ms=7,
                zorder=3,
                label=f"LIF, σ = {sigmas[k]:g} mV",
            )
        ax_full.set_xlim(-0.01 * x_max, x_max)
        ax_full.set_ylim(-5, top)
        ax_full.set_xlabel("input current (nA)")
        ax_full.set_ylabel("firing rate (Hz)")
        ax_full.set_title(
            "full range: the neuron keeps rising, the logistic flattens", loc="left", fontsize=13
        )
        ax_full.legend(loc="lower right", fontsize=10.5)

        # C: the threshold window, with its logistic fits: noise rounds the kink
        thr = d["in_threshold_window"]
        zoom = fine <= thr_top * 1.001
        thr_max = 1.1 * float(np.max(d["rates_Hz"][:, thr]))
        for k in (0, sigmas.size - 1):
            a, slope, mid = d["fit_params_threshold"][k]
            curve = a / (1 + np.exp(-slope * (fine[zoom] - mid)))
            ls = "-" if k else "--"
            ax_thr.plot(
                fine[zoom],
                curve,
                color=ARTIFICIAL,
                lw=2.4,
                ls=ls,
                label=f"logistic fit, σ = {sigmas[k]:g} mV "
                f"({d['misfit_threshold_percent'][k]:.1f} %)",
            )
            ax_thr.plot(
                currents[thr],
                d["rates_Hz"][k][thr],
                markers[k],
                color=shades[k],
                ms=7,
                zorder=3,
                label=f"LIF, σ = {sigmas[k]:g} mV",
            )
        ax_thr.axvline(d["rheobase_nA"], color="0.5", ls=":", lw=1.2)
        ax_thr.text(
            d["rheobase_nA"], 0.97 * thr_max, " rheobase", color="0.35", fontsize=11, va="top"
        )
        ax_thr.set_xlim(-0.005, thr_top * 1.02)
        ax_thr.set_ylim(-2, thr_max)
        ax_thr.set_xlabel("input current (nA)")
        ax_thr.set_ylabel("firing rate (Hz)")
        ax_thr.set_title("threshold window: noise rounds the kink", loc="left", fontsize=13)
        ax_thr.legend(loc="upper left", fontsize=10.5)

        # D: the verdict depends on the window
        tops = d["window_tops_nA"]
        for k, s in enumerate(sigmas):
            ax_win.plot(
                tops, d["window_sweep_percent"][k], color=shades[k], lw=2.2, label=f"σ = {s:g} mV"
            )
        for k in range(sigmas.size):
            ax_win.plot(
                [thr_top, currents[-1]],
                [d["misfit_threshold_percent"][k], d["misfit_full_percent"][k]],
                markers[k],
                color=shades[k],
                mec=THEORY,
                ms=9,
                ls="none",
                zorder=3,
                label="fit to the simulation" if k == 0 else None,
            )
        # the rule's references: a ReLU at the rheobase (partly below it) and the
        # sampling floor of the simulated windows (holds below it)
        ax_win.plot(
            tops,
            d["relu_sweep_percent"],
            color=ARTIFICIAL,
            ls="-.",
            lw=2,
            label="ReLU, kink at the rheobase",
        )
        for x, floor in zip((thr_top, currents[-1]), d["noise_floor_percent"]):
            ax_win.plot(
                [x - 0.12, x + 0.12], [floor, floor], color=NEUTRAL, lw=3, solid_capstyle="butt"
            )
        ax_win.plot([], [], color=NEUTRAL, lw=3, label="sampling floor of the points")
        ax_win.set_xlim(0, tops[-1] * 1.02)
        ax_win.set_ylim(
            0,
            1.45
            * max(
                np.max(d["window_sweep_percent"]),
                np.max(d["misfit_full_percent"]),
                np.max(d["misfit_threshold_percent"]),
                np.max(d["relu_sweep_percent"]),
            ),
        )
        ax_win.set_xlabel("top of the fit window (nA)")
        ax_win.set_ylabel("logistic-fit residual (% of range)")
        ax_win.set_title("the window decides the verdict", loc="left", fontsize=13)
        ax_win.legend(
            loc="upper right",
            fontsize=10.5,
            ncol=3,
            title=f"lines: closed form, {len(currents[d['in_full_window']])} points per window",
            title_fontsize=10.5,
        )

        label_panels([ax_fi, ax_full, ax_thr, ax_win], x=-0.1)
        fig.suptitle(
            "Noise rounds the hard threshold into a sigmoid's foot; it does not make its top",
            fontsize=16,
            fontweight="bold",
        )
        run_note(fig, findings.settings)
    return fig
