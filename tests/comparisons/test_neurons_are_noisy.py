"""neurons_are_noisy: fresh against frozen input, checked against truths written here.

Truths used, none of them the code under test:

* Reliability (Schreiber et al. 2003) recomputed from the stored spike times by a second
  implementation here that smooths binned trains with a sampled Gaussian and takes
  cosine similarities (the measure itself is tested on hand-built trains in
  tests/spiking/test_reliability.py).
* Fano factor: variance (ddof 1) over mean of the counts in each 500 ms window,
  averaged over the windows, recomputed from the stored spike times.
* Mean rates: the Siegert formula (Brunel 2000 eq. 21) by quadrature here, with the
  diffusion approximation of the synaptic input worked by hand (Campbell's theorem).
"""

import matplotlib
import numpy as np
import pytest
from reliability_reference import reliability_binned
from scipy.integrate import quad
from scipy.special import erfcx, zeta

from neurosim.comparisons import neurons_are_noisy as cmp
from neurosim.contract.module import check_figure, check_findings, check_module

matplotlib.use("Agg")

W = 3e-3  # s, the default reliability width


# -- closed forms by hand ---------------------------------------------------------------------
def siegert_quad(mu, sigma, dt_s):
    """Siegert by quadrature, threshold shifted for dt (Siegmund), Brian2's stamp."""
    tau, v_th, v_r, t_ref = 20e-3, -50.0, -65.0, 2e-3
    th = v_th - zeta(0.5) / np.sqrt(2 * np.pi) * sigma * np.sqrt(dt_s / tau)
    integral = quad(lambda u: erfcx(-u), (v_r - mu) / sigma, (th - mu) / sigma, limit=200)[0]
    return 1 / (t_ref + tau * np.sqrt(np.pi) * integral - dt_s)


def synaptic_drive_by_hand(exc_rate, dt, sigma_intrinsic=0.7):
    """Campbell's theorem for 600 +1 mV and 600 -1 mV inputs (inhibitory at 5 Hz), as 5
    Bernoulli-per-step sources of each kind: ``(mu, sigma)`` in mV."""
    lam_e, lam_i = 600 * exc_rate, 600 * 5.0
    mu = -65.0 + 0.02 * (lam_e - lam_i)
    var = 0.02 * (lam_e * (1 - lam_e / 5 * dt) + lam_i * (1 - lam_i / 5 * dt))
    return mu, np.sqrt(var + sigma_intrinsic**2)


def test_synaptic_drive_by_hand():
    # balanced: lam_E = lam_I = 3000 Hz, mu = E_L; 5 sources of 600 Hz, p = 0.06 at
    # 0.1 ms: sigma^2 = 20 ms * 6000 Hz * 0.94 mV^2 + 0.7^2 = 112.8 + 0.49 mV^2
    mu, sigma = synaptic_drive_by_hand(5.0, 1e-4)
    assert mu == pytest.approx(-65.0) and sigma == pytest.approx(np.sqrt(112.8 + 0.49))
    # 6 Hz: lam_E = 3600 Hz, mu = -65 + 0.02 * 600 = -53 mV; p_E = 720 Hz * 0.1 ms
    mu, sigma = synaptic_drive_by_hand(6.0, 1e-4)
    var = 0.02 * (3600 * (1 - 0.072) + 3000 * (1 - 0.06)) + 0.49
    assert mu == pytest.approx(-53.0) and sigma == pytest.approx(np.sqrt(var), rel=1e-12)
    # the comparison's theory: Siegert at dt for exactly this drive
    r = cmp.theory_rate(np.array([5.0, 6.0]), dt_s=1e-4, sigma_intrinsic_mv=0.7)
    truth = [siegert_quad(*synaptic_drive_by_hand(x, 1e-4), 1e-4) for x in (5.0, 6.0)]
    np.testing.assert_allclose(r, truth, rtol=1e-7)


# -- the run ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def findings(quick_run):
    return quick_run(cmp.NAME)[0]


@pytest.fixture(scope="module")
def noisier():
    return cmp.run(quick=True, seed=0, sigma_intrinsic=4.0 * cmp.mV)


def _trials(d, name):
    return d.trains(name)


def _condition(d, name):
    return cmp.SHOWN[name]


def test_reliability_values_are_schreibers(findings):
    d = findings.data
    t1 = findings.settings["start_up_s"] + d.window_s
    for name, value in (("fresh", d.reliability_fresh), ("frozen", d.reliability_frozen)):
        trains = _trials(d, name)
        assert len(trains) == d.trials[cmp.SHOWN[name]]
        assert value == pytest.approx(reliability_binned(trains, W, t1), abs=2e-3)


def test_frozen_input_is_reliable_and_fresh_input_is_not(findings):
    d = findings.data
    # without intrinsic noise: the identical spike train on every trial
    free = _trials(d, "noise-free")
    assert len(free) == cmp.NOISE_FREE_TRIALS and free[0].size > 10
    for tr in free[1:]:
        np.testing.assert_array_equal(tr, free[0])
    assert d.reliability_noise_free == pytest.approx(1.0, abs=1e-12)
    # with 0.7 mV intrinsic noise: nearly the same (jitter of a few ms at most)
    assert 0.8 < d.reliability_frozen < 1.0
    # fresh input: independent trains.  Their expected R is the independent-Poisson
    # value or a little above (refractoriness makes a train's own norm smaller);
    # identical input would give ~0.9
    rate = d.mean_rate_Hz[cmp.COMPARED]
    c = 2 * np.sqrt(np.pi) * W * rate  # independent Poisson trains: R = c / (1 + c)
    assert c / (1 + c) - 0.03 < d.reliability_fresh < c / (1 + c) + 0.1
    assert d.reliability_chance == pytest.approx(c / (1 + c), rel=1e-12)


def test_fano_factors_from_the_spike_times(findings):
    d = findings.data
    t0 = findings.settings["start_up_s"]
    edges = t0 + np.arange(0, d.window_s + 1e-9, 0.5)
    for name in ("balanced", "frozen"):
        counts = np.array([np.histogram(tr, bins=edges)[0] for tr in _trials(d, name)])
        fano = np.mean(counts.var(axis=0, ddof=1) / counts.mean(axis=0))
        assert d.fano[_condition(d, name)] == pytest.approx(fano, rel=1e-9)
    # balanced fresh input: Poisson-like.  SE of a sample Fano factor from 30 trials and
    # 2 windows ~ F sqrt(2 / 29) / sqrt(2) = 0.19: within 0.5 of 1
    assert abs(d.fano[0] - 1) < 0.5
    assert d.fano[cmp.FROZEN] < 0.3  # the input frozen: little left


def test_mean_rates_follow_the_diffusion_approximation(findings):
    d = findings.data
    dt = findings.settings["parameters"]["dt"]["value"] * 1e-3
    truth = np.array([siegert_quad(*synaptic_drive_by_hand(x, dt), dt) for x in cmp.EXC_RATES_HZ])
    fine = cmp.theory_rate(d.fine_exc_rates_Hz, dt_s=dt, sigma_intrinsic_mv=0.7)
    np.testing.assert_array_equal(d.fine_theory_Hz, fine)  # the curve drawn
    np.testing.assert_allclose(fine[::20], truth, rtol=1e-7)  # the grid hits every rate
    # The diffusion approximation replaces +-1 mV jumps by white noise of the same mean
    # and variance: an error of the order of jump / sigma ~ 1/11 ~ 9 %, so 12 % + 3
    # standard errors (spread across trials) + Euler's O(dt / tau_m) = 1 % at 0.2 ms
    n = cmp.EXC_RATES_HZ.size
    err = np.abs(d.mean_rate_Hz[:n] - truth)
    assert np.all(err <= 3 * d.rate_se_Hz[:n] + 0.13 * truth), err
    # the mean and its standard error from the trials' rates
    for c in range(n):
        one = d.trial_rates_Hz[d.trial_condition == c]
        assert d.mean_rate_Hz[c] == pytest.approx(one.mean(), rel=1e-12)
        assert d.rate_se_Hz[c] == pytest.approx(one.std(ddof=1) / np.sqrt(one.size), rel=1e-12)


def test_the_unit_answers_identically_on_every_trial(findings):
    d = findings.data
    assert np.all(d.unit_variance == 0.0)
    amplitude, slope, midpoint = d.unit_params
    fresh = d.trial_condition[d.trial_condition < cmp.EXC_RATES_HZ.size]
    for c, x in enumerate(cmp.EXC_RATES_HZ):
        answers = d.unit_trials_Hz[fresh == c]
        assert answers.size == d.trials[c] and np.ptp(answers) == 0.0
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
    assert fano.value == pytest.approx(d.fano[0])
    assert fresh.value == pytest.approx(d.reliability_fresh) and fresh.verdict == "fails"
    assert frozen.value == pytest.approx(d.reliability_frozen) and frozen.verdict == "holds"
    assert cv_frozen.value == pytest.approx(d.cv[cmp.FROZEN])
    assert cv_fresh.value == pytest.approx(d.cv[0])
    assert free.value == pytest.approx(1.0, abs=1e-12) and free.verdict == "holds"
    assert fano.verdict == "fails"


def test_module_keeps_the_contract():
    assert check_module(cmp) == []


def test_more_intrinsic_noise_makes_frozen_input_less_reliable(findings, noisier):
    assert [c.statement for c in noisier.claims] == [c.statement for c in findings.claims]
    assert noisier.data.sigma_intrinsic_mV == 4.0
    # the same frozen draw (same seed); 4 mV of noise jitters the spikes more
    np.testing.assert_array_equal(noisier.data.frozen_times_s, findings.data.frozen_times_s)
    assert noisier.data.reliability_frozen < findings.data.reliability_frozen - 0.1
    assert noisier.data.reliability_noise_free == pytest.approx(1.0, abs=1e-12)


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
        [1.0, d.reliability_noise_free, d.reliability_frozen, d.reliability_fresh],
    )
    assert ax_rel.patches[0].get_facecolor()[:3] == pytest.approx(
        matplotlib.colors.to_rgb(cmp.ARTIFICIAL)
    )
    means = next(ln for ln in ax_rate.get_lines() if ln.get_label() == "LIF, mean over trials")
    np.testing.assert_allclose(means.get_ydata(), d.mean_rate_Hz[: cmp.EXC_RATES_HZ.size])
    assert ax_rate.get_ylabel() == "output rate (Hz)"
    assert ax_cv.get_ylabel() == "CV of inter-spike intervals"
    dots = ax_frozen.collections[0].get_offsets()
    assert np.ptp(dots[:, 1]) == min(19, d.trials[cmp.FROZEN] - 1)
    # the frozen raster: the first 20 trials' spikes in the first second of the window
    t0 = findings.settings["start_up_s"]
    first = [tr[tr < t0 + 1.0] for tr in d.trains("frozen")[:20]]
    np.testing.assert_allclose(np.sort(dots[:, 0]), np.sort(1e3 * (np.concatenate(first) - t0)))
    lo, hi = ax_ff.get_ylim()
    assert lo <= np.nanmin(d.fano) and np.nanmax(d.fano) <= hi


def test_a_time_step_off_the_window_grid_runs_to_the_next_whole_step():
    # dt = 0.097 ms does not divide the 0.1 s start-up + 0.5 s window (6185.6 steps);
    # the run refused it, so most of explore's dt slider showed "not run". Now the run
    # lasts 6186 steps and the rates are still counted in the 0.5 s window.
    from neurosim.units import ms

    assert cmp.START_UP_S == 0.1
    result = cmp.run(quick=True, seed=0, dt=0.097 * ms, window=500 * ms, trials=6)
    assert result.data.window_s == 0.5
    assert np.all(np.isfinite(result.data.mean_rate_Hz))
