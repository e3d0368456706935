"""neurons_are_noisy: fresh against frozen input, checked against truths written here.

Truths used, none of them the code under test:

* Reliability (Schreiber et al. 2003): by hand on hand-built trains (identical trains:
  1; two single spikes d apart: exp(-d^2 / (4 w^2)); an empty train against a full one:
  0), and by a second implementation here that smooths binned trains with a sampled
  Gaussian and takes cosine similarities.  Jittered copies of a sparse train have
  R = 1 / sqrt(1 + s^2 / w^2) (the difference of two jitters has variance 2 s^2, and
  E exp(-D^2 / (4 w^2)) = (1 + 2 s^2 / (2 w^2))^(-1/2)); independent Poisson trains
  of rate r have R -> c / (1 + c), c = 2 sqrt(pi) w r (E<s_i, s_j> = r^2 T c / r,
  E|s|^2 = r T (1 + c)).
* Fano factor: variance (ddof 1) over mean of the counts in each 500 ms window,
  averaged over the windows, recomputed from the stored spike times.
* Mean rates: the Siegert formula (Brunel 2000 eq. 21) by quadrature here, with the
  diffusion approximation of the synaptic input worked by hand (Campbell's theorem).
"""

import matplotlib
import numpy as np
import pytest
from scipy.integrate import quad
from scipy.special import erfcx, zeta

from neurosim.comparisons import neurons_are_noisy as cmp
from neurosim.contract.module import check_figure, check_findings, check_module

matplotlib.use("Agg")

W = 3e-3  # s, the default reliability width


def reliability_binned(trains, width_s, duration_s, dt=1e-4):
    """Schreiber's R from binned trains convolved with a sampled Gaussian (independent)."""
    n_bins = round(duration_s / dt) + 1
    half = int(6 * width_s / dt)
    kernel = np.exp(-0.5 * (np.arange(-half, half + 1) * dt / width_s) ** 2)
    smooth = []
    for t in trains:
        x = np.zeros(n_bins + 2 * half)
        np.add.at(x, np.round(np.asarray(t) / dt).astype(int) + half, 1.0)
        smooth.append(np.convolve(x, kernel, mode="same"))
    r = []
    for i in range(len(smooth)):
        for j in range(i + 1, len(smooth)):
            a, b = np.linalg.norm(smooth[i]), np.linalg.norm(smooth[j])
            if a == 0 and b == 0:
                continue
            r.append(0.0 if a * b == 0 else smooth[i] @ smooth[j] / (a * b))
    return float(np.mean(r))


# -- the reliability measure on hand-built trains ------------------------------------------
def test_reliability_by_hand():
    a = np.array([0.1, 0.25, 0.7])
    assert cmp.reliability([a, a, a], W) == pytest.approx(1.0, abs=1e-12)
    d = 2e-3  # two single spikes 2 ms apart: exp(-4/36)
    assert cmp.reliability([[0.5], [0.5 + d]], W) == pytest.approx(np.exp(-(d**2) / (4 * W**2)))
    # an empty trial against two identical ones: pairs 1, 0, 0
    assert cmp.reliability([a, a, []], W) == pytest.approx(1 / 3)
    assert np.isnan(cmp.reliability([a], W)) and np.isnan(cmp.reliability([[], []], W))


def test_reliability_of_jittered_copies():
    rng = np.random.default_rng(1)
    base = np.arange(0.1, 20.0, 0.1)  # 200 spikes, 100 ms apart: sparse against 3 ms
    trials = [base + rng.normal(0, W, base.size) for _ in range(20)]
    # 1 / sqrt(2) = 0.707; the mean over 190 pairs of 200 spikes: SE well below 0.01
    assert cmp.reliability(trials, W) == pytest.approx(1 / np.sqrt(2), abs=0.02)


def test_reliability_of_independent_poisson_trains():
    rng = np.random.default_rng(2)
    rate, duration = 20.0, 20.0
    trains = [np.sort(rng.uniform(0, duration, rng.poisson(rate * duration))) for _ in range(10)]
    c = 2 * np.sqrt(np.pi) * W * rate  # 0.213 -> R = 0.175
    assert cmp.chance_reliability(rate, W) == pytest.approx(c / (1 + c), rel=1e-12)
    # 45 pairs of ~400 spikes: the ratio of sums scatters by a few %; edges (w / T) 1e-4
    assert cmp.reliability(trains, W) == pytest.approx(c / (1 + c), rel=0.08)


def test_two_implementations_agree():
    rng = np.random.default_rng(3)
    base = np.sort(rng.uniform(0, 2, 40))
    trials = [base + rng.normal(0, 2e-3, base.size) for _ in range(5)] + [np.array([])]
    # binning at 0.1 ms against a 3 ms Gaussian: relative error ~ (dt / w)^2 / 12
    assert cmp.reliability(trials, W) == pytest.approx(reliability_binned(trials, W, 2.2), abs=1e-3)


def test_frozen_trains_are_bernoulli_per_step():
    rng = np.random.default_rng(0)
    idx, t = cmp.frozen_trains(rng, duration_s=2.0, dt_s=1e-4)
    steps = np.round(t / 1e-4).astype(int)
    assert np.unique(idx * 10**6 + steps).size == idx.size  # one spike per input and step
    counts = np.bincount(idx, minlength=2 * cmp.SOURCES)
    p = np.r_[
        np.full(cmp.SOURCES, 600 * 6.0 / 5 * 1e-4), np.full(cmp.SOURCES, 600 * 5.0 / 5 * 1e-4)
    ]
    mean = p * 20000  # 1440 and 1200 spikes per input: binomial SE sqrt(n p (1 - p)) ~ 37
    assert np.all(np.abs(counts - mean) < 4 * np.sqrt(mean * (1 - p)))
    again = cmp.frozen_trains(np.random.default_rng(0), duration_s=2.0, dt_s=1e-4)
    np.testing.assert_array_equal(again[1], t)


# -- closed forms by hand ---------------------------------------------------------------------
def siegert_quad(mu, sigma, dt_s):
    """Siegert by quadrature, threshold shifted for dt (Siegmund), Brian2's stamp."""
    tau, v_th, v_r, t_ref = 20e-3, -50.0, -65.0, 2e-3
    th = v_th - zeta(0.5) / np.sqrt(2 * np.pi) * sigma * np.sqrt(dt_s / tau)
    integral = quad(lambda u: erfcx(-u), (v_r - mu) / sigma, (th - mu) / sigma, limit=200)[0]
    return 1 / (t_ref + tau * np.sqrt(np.pi) * integral - dt_s)


def test_synaptic_drive_by_hand():
    # balanced: lam_E = lam_I = 3000 Hz, mu = E_L; 5 sources of 600 Hz, p = 0.06 at
    # 0.1 ms: sigma^2 = 20 ms * 6000 Hz * 0.94 mV^2 + 0.7^2 = 112.8 + 0.49 mV^2
    mu, sigma = cmp.synaptic_drive(np.array([5.0, 6.0]), dt_s=1e-4, sigma_intrinsic_mv=0.7)
    assert mu[0] == pytest.approx(-65.0)
    assert sigma[0] == pytest.approx(np.sqrt(112.8 + 0.49), rel=1e-12)
    # 6 Hz: lam_E = 3600 Hz, mu = -65 + 0.02 * 600 = -53 mV; p_E = 720 Hz * 0.1 ms
    assert mu[1] == pytest.approx(-53.0)
    var = 0.02 * (3600 * (1 - 0.072) + 3000 * (1 - 0.06)) + 0.49
    assert sigma[1] == pytest.approx(np.sqrt(var), rel=1e-12)
    r = cmp.brian2_rate(mu, sigma, cmp.LIFParameters(), 1e-4)
    np.testing.assert_allclose(r, [siegert_quad(m, s, 1e-4) for m, s in zip(mu, sigma)], rtol=1e-7)


# -- the run ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def findings():
    return cmp.run(quick=True, seed=0)


@pytest.fixture(scope="module")
def noisier():
    return cmp.run(quick=True, seed=0, sigma_intrinsic=4.0 * cmp.mV)


def _trials(d, name):
    times, trial = d[f"trains_s/{name}"], d[f"trains_trial/{name}"]
    n = int(d["trials"][_condition(d, name)])
    return [times[trial == k] for k in range(n)]


def _condition(d, name):
    return {
        "balanced": 0,
        "fresh": d["condition_compared"],
        "frozen": d["condition_frozen"],
        "noise-free": d["condition_noise_free"],
    }[name]


def test_reliability_values_are_schreibers(findings):
    d = findings.data
    t1 = findings.settings["start_up_s"] + d["window_s"]
    for name, key in (("fresh", "reliability_fresh"), ("frozen", "reliability_frozen")):
        trains = _trials(d, name)
        assert d[key] == pytest.approx(reliability_binned(trains, W, t1), abs=2e-3)


def test_frozen_input_is_reliable_and_fresh_input_is_not(findings):
    d = findings.data
    # without intrinsic noise: the identical spike train on every trial
    free = _trials(d, "noise-free")
    assert len(free) == cmp.NOISE_FREE_TRIALS and free[0].size > 10
    for tr in free[1:]:
        np.testing.assert_array_equal(tr, free[0])
    assert d["reliability_noise_free"] == pytest.approx(1.0, abs=1e-12)
    # with 0.7 mV intrinsic noise: nearly the same (jitter of a few ms at most)
    assert 0.8 < d["reliability_frozen"] < 1.0
    # fresh input: independent trains.  Their expected R is the independent-Poisson
    # value or a little above (refractoriness makes a train's own norm smaller);
    # identical input would give ~0.9
    chance = cmp.chance_reliability(d["mean_rate_Hz"][d["condition_compared"]], W)
    assert chance - 0.03 < d["reliability_fresh"] < chance + 0.1
    assert d["reliability_chance"] == pytest.approx(chance)


def test_fano_factors_from_the_spike_times(findings):
    d = findings.data
    t0 = findings.settings["start_up_s"]
    edges = t0 + np.arange(0, d["window_s"] + 1e-9, 0.5)
    for name in ("balanced", "frozen"):
        counts = np.array([np.histogram(tr, bins=edges)[0] for tr in _trials(d, name)])
        fano = np.mean(counts.var(axis=0, ddof=1) / counts.mean(axis=0))
        assert d["fano"][_condition(d, name)] == pytest.approx(fano, rel=1e-9)
    # balanced fresh input: Poisson-like.  SE of a sample Fano factor from 30 trials and
    # 2 windows ~ F sqrt(2 / 29) / sqrt(2) = 0.19: within 0.5 of 1
    assert abs(d["fano"][0] - 1) < 0.5
    assert d["fano"][d["condition_frozen"]] < 0.3  # the input frozen: little left


def test_mean_rates_follow_the_diffusion_approximation(findings):
    d = findings.data
    dt = findings.settings["parameters"]["dt"]["value"] * 1e-3
    mu, sigma = cmp.synaptic_drive(d["exc_rates_Hz"], dt_s=dt, sigma_intrinsic_mv=0.7)
    truth = np.array([siegert_quad(m, s, dt) for m, s in zip(mu, sigma)])
    np.testing.assert_allclose(d["syn_theory_Hz"], truth, rtol=1e-7)
    # The diffusion approximation replaces +-1 mV jumps by white noise of the same mean
    # and variance: an error of the order of jump / sigma ~ 1/11 ~ 9 %, so 12 % + 3
    # standard errors (spread across trials) + Euler's O(dt / tau_m) = 1 % at 0.2 ms
    n = d["exc_rates_Hz"].size
    err = np.abs(d["mean_rate_Hz"][:n] - truth)
    assert np.all(err <= 3 * d["rate_se_Hz"][:n] + 0.13 * truth), err


def test_the_unit_answers_identically_on_every_trial(findings):
    d = findings.data
    assert np.all(d["unit_variance"] == 0.0)
    amplitude, slope, midpoint = d["unit_params"]
    fresh = d["trial_condition"][d["trial_condition"] < d["exc_rates_Hz"].size]
    for c, x in enumerate(d["exc_rates_Hz"]):
        answers = d["unit_trials_Hz"][fresh == c]
        assert answers.size == d["trials"][c] and np.ptp(answers) == 0.0
        assert answers[0] == pytest.approx(amplitude / (1 + np.exp(-slope * (x - midpoint))))


def test_claims_follow_their_rules(findings):
    d = findings.data
    claims = findings.claims
    assert check_findings(cmp, findings) == []
    unit, fano, fresh, frozen, cv_frozen, cv_fresh, free = claims
    keys = [c for c in claims if c.key]
    # the two conditions a lecturer names: fresh synaptic noise, and frozen input
    assert keys == [fano, frozen] and {c.aspect for c in keys} == {"variability"}
    assert unit.by_construction and not unit.counted
    assert unit.about == "artificial" and unit.value == 0.0 and unit.verdict == "holds"
    assert fano.value == pytest.approx(d["fano"][0])
    assert fresh.value == pytest.approx(d["reliability_fresh"]) and fresh.verdict == "fails"
    assert frozen.value == pytest.approx(d["reliability_frozen"]) and frozen.verdict == "holds"
    assert cv_frozen.value == pytest.approx(d["cv"][d["condition_frozen"]])
    assert cv_fresh.value == pytest.approx(d["cv"][0])
    assert free.value == pytest.approx(1.0, abs=1e-12) and free.verdict == "holds"
    assert fano.verdict == "fails"


def test_module_keeps_the_contract():
    assert check_module(cmp) == []


def test_more_intrinsic_noise_makes_frozen_input_less_reliable(findings, noisier):
    assert [c.statement for c in noisier.claims] == [c.statement for c in findings.claims]
    assert noisier.data["sigma_intrinsic_mV"] == 4.0
    # the same frozen draw (same seed); 4 mV of noise jitters the spikes more
    np.testing.assert_array_equal(noisier.data["frozen_times_s"], findings.data["frozen_times_s"])
    assert noisier.data["reliability_frozen"] < findings.data["reliability_frozen"] - 0.1
    assert noisier.data["reliability_noise_free"] == pytest.approx(1.0, abs=1e-12)


def test_same_seed_same_numbers(findings):
    again = cmp.run(quick=True, seed=0)
    np.testing.assert_array_equal(again.data["counts"], findings.data["counts"])
    assert again.data["reliability_frozen"] == findings.data["reliability_frozen"]


def test_plot_draws_the_findings(findings):
    d = findings.data
    fig = cmp.plot(findings)
    assert check_figure(fig, findings) == []
    ax_fresh, ax_frozen, ax_rel, ax_rate, ax_ff, ax_cv = fig.axes[:6]
    assert ax_rel.get_ylabel() == "spike-time reliability R"
    assert ax_fresh.get_title(loc="left").startswith("fresh")
    assert ax_frozen.get_title(loc="left").startswith("frozen")
    heights = [b.get_height() for b in ax_rel.patches]
    np.testing.assert_allclose(
        heights,
        [1.0, d["reliability_noise_free"], d["reliability_frozen"], d["reliability_fresh"]],
    )
    assert ax_rel.patches[0].get_facecolor()[:3] == pytest.approx(
        matplotlib.colors.to_rgb(cmp.ARTIFICIAL)
    )
    means = next(ln for ln in ax_rate.get_lines() if ln.get_label() == "LIF, mean over trials")
    np.testing.assert_allclose(means.get_ydata(), d["mean_rate_Hz"][: d["exc_rates_Hz"].size])
    assert ax_rate.get_ylabel() == "output rate (Hz)"
    assert ax_cv.get_ylabel() == "CV of inter-spike intervals"
    dots = ax_frozen.collections[0].get_offsets()
    assert np.ptp(dots[:, 1]) == min(19, d["trials"][d["condition_frozen"]] - 1)
    lo, hi = ax_ff.get_ylim()
    assert lo <= np.nanmin(d["fano"]) and np.nanmax(d["fano"]) <= hi
