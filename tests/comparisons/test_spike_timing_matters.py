"""spike_timing_matters: equal input rates, different timing, against hand-worked truths.

Truths used here:

* A volley of N w = 25 mV lifts the membrane from anywhere in [E_L, V_th) past the
  15 mV to threshold in one step, and volleys are >= 3 ms apart (> t_ref = 2 ms), so
  a neuron receiving only volleys fires exactly once per volley (hand-worked).
* The delay line: K = 8 jumps of 2.5 mV at once give 20 mV > 15 mV; the same jumps
  4 ms apart, decaying with tau_m = 20 ms between them, peak at the geometric sum
  2.5 (1 - q^8) / (1 - q) mV, q = exp(-4/20): 11.007 mV < 15 mV (hand-worked).
* The logistic unit sees the per-input rates; equal counts give bit-identical outputs,
  sigmoid((w tau_m N r - 15 mV) / s) with s = sqrt(w^2 N r tau_m / 2) = sqrt(5) mV.
* Every spike count of the Brian2 run against an independent reference: the same
  LIF integrated exactly on the same grid in numpy, following Brian2's order within a
  step (state update, threshold, synaptic jumps gated by refractoriness, reset).
"""

import matplotlib
import numpy as np
import pytest
from matplotlib.collections import PathCollection

from comparisons import spike_timing_matters as cmp

matplotlib.use("Agg")

E_L, V_TH, V_RESET, TAU, T_REF = -65.0, -50.0, -65.0, 20.0, 2.0  # mV, ms (LIF defaults)


@pytest.fixture(scope="module")
def findings():
    return cmp.run(quick=True, seed=0)


# -- the pattern builders ---------------------------------------------------------------
def test_volleys_are_synchronous_and_at_least_3_ms_apart():
    rng = np.random.default_rng(1)
    steps = cmp.volley_steps(25, 40, 20_000, rng)
    assert steps.shape == (25, 40)
    assert np.all(steps == steps[0])  # every input fires in every volley
    gaps = np.diff(steps[0])
    assert gaps.min() >= cmp.MIN_GAP_STEPS + 1 == 30  # 3 ms at dt = 0.1 ms
    assert steps.min() >= 0 and steps.max() < 20_000


def test_jitter_keeps_every_count_and_moves_spikes_by_the_stated_sd():
    rng = np.random.default_rng(2)
    n_steps, dt = 20_000, 1e-4
    sync = cmp.volley_steps(200, 40, n_steps, rng)
    out = cmp.jittered_steps(sync, 5e-3, n_steps, dt, rng)
    assert out.shape == sync.shape  # each input keeps its 40 spikes
    assert not cmp._duplicates(out).any()  # at most one spike per input per step
    shift = np.mod(out - sync + n_steps // 2, n_steps) - n_steps // 2  # circular, steps
    # 8000 Gaussian shifts of SD 50 steps (rounded: variance + 1/12): the sample SD has a
    # standard error of 50/sqrt(2 * 8000) = 0.4 steps; 4 standard errors allowed.
    assert abs(shift.std() - np.sqrt(50**2 + 1 / 12)) < 1.6
    assert abs(shift.mean()) < 4 * 50 / np.sqrt(shift.size)


def test_duplicates_mask_marks_the_later_of_two_equal_steps():
    steps = np.array([[5, 3, 5, 9], [1, 1, 1, 2]])
    np.testing.assert_array_equal(
        cmp._duplicates(steps), [[False, False, True, False], [False, True, True, False]]
    )


def test_shuffled_spikes_are_distinct_uniform_steps():
    rng = np.random.default_rng(3)
    out = cmp.shuffled_steps(50, 40, 10_000, rng)
    assert out.shape == (50, 40)
    assert all(np.unique(row).size == 40 for row in out)
    # uniform on 0..9999: mean 4999.5, SD 2887; SE of the mean of 2000 draws is 65
    assert abs(out.mean() - 4999.5) < 4 * 2887 / np.sqrt(out.size)


def test_delay_line_times_by_hand():
    fire, arrive = cmp.delay_line_times("preferred", n_inputs=4, step_s=0.002, t0_s=0.01)
    np.testing.assert_allclose(fire, [0.016, 0.014, 0.012, 0.010])  # far end first
    np.testing.assert_allclose(arrive, [0.016] * 4)  # delays 0, 2, 4, 6 ms: all together
    fire, arrive = cmp.delay_line_times("reverse", n_inputs=4, step_s=0.002, t0_s=0.01)
    np.testing.assert_allclose(fire, [0.010, 0.012, 0.014, 0.016])
    np.testing.assert_allclose(arrive, [0.010, 0.014, 0.018, 0.022])  # 4 ms apart


def test_delay_line_peak_is_the_geometric_sum():
    brute = sum(2.5 * np.exp(-4.0 * j / 20.0) for j in range(8))
    assert cmp.delay_line_peak_mv(2.5, 4.0, 8, 20.0) == pytest.approx(brute, rel=1e-12)
    assert brute == pytest.approx(11.0072, abs=1e-4)


# -- the run --------------------------------------------------------------------------
def test_synchronous_volleys_fire_exactly_once_each(findings):
    d, s = findings.data, findings.settings
    n_volleys = s["input_rate_Hz"] * s["duration_s"]
    assert s["n_inputs"] * s["weight_mV"] == 25.0 > V_TH - E_L
    np.testing.assert_array_equal(d["jitter_rates_Hz"][0], n_volleys / s["duration_s"])
    assert d["sync_rate_Hz"] == 20.0


def test_equal_rates_on_every_input_in_every_pattern(findings):
    d, s = findings.data, findings.settings
    n_volleys = round(s["input_rate_Hz"] * s["duration_s"])
    # what the stimulus sent per input, and what Brian2 counted per neuron
    assert np.all(d["per_input_counts"] == n_volleys)
    np.testing.assert_array_equal(d["input_counts"], s["n_inputs"] * n_volleys)
    presentations = round(s["duration_s"] / (s["presentation_period_ms"] * 1e-3))
    np.testing.assert_array_equal(d["delay_input_counts"], s["delay_inputs"] * presentations)


def test_unit_outputs_are_identical_to_the_last_bit(findings):
    d, s = findings.data, findings.settings
    out = d["unit_output"]
    assert np.ptp(out) == 0.0 and d["unit_difference"] == 0.0
    assert d["delay_unit_output"][0] == d["delay_unit_output"][1]
    scale = np.sqrt(1.0**2 * 25 * 20.0 * 0.020 / 2)  # mV: sqrt(5)
    assert s["unit_scale_mV"] == pytest.approx(scale, rel=1e-12)
    expected = 1 / (1 + np.exp(-(1.0 * 0.020 * 25 * 20.0 - 15.0) / scale))  # 0.0966
    assert out[0, 0] == pytest.approx(expected, rel=1e-12)
    np.testing.assert_array_equal(d["unit_relative_jitter"], 1.0)
    assert d["unit_relative_async"] == 1.0


def test_synchrony_drives_the_neuron_at_least_three_times_harder(findings):
    d = findings.data
    assert d["ratio"] == pytest.approx(d["sync_rate_Hz"] / d["async_rate_Hz"])
    assert d["ratio"] >= 3
    # and still >= 3 if the shuffled rate were 3 standard errors higher (measured:
    # 2.6 +- 0.3 Hz quick, 2.9 +- 0.16 Hz full quality)
    assert d["sync_rate_Hz"] / (d["async_rate_Hz"] + 3 * d["async_rate_se_Hz"]) >= 3


def test_output_falls_with_jitter_within_sampling_error(findings):
    d = findings.data
    rate, se = d["jitter_rate_Hz"], d["jitter_rate_se_Hz"]
    # Monotone: no step up by more than 3 combined standard errors (realisations).
    rises = np.diff(rate) - 3 * np.hypot(se[1:], se[:-1])
    assert np.all(rises <= 0), rises
    # Small jitter (<= 3 ms << tau_m) keeps (nearly) one spike per volley ...
    assert np.all(rate[d["jitters_ms"] <= 3] >= 19.5)
    # ... jitter of tens of ms halves the output, and it falls towards the shuffled level
    assert rate[d["jitters_ms"] == 20][0] < 0.6 * d["sync_rate_Hz"]
    assert rate[-1] < 0.3 * d["sync_rate_Hz"]
    assert rate[-1] > d["async_rate_Hz"] - 3 * np.hypot(se[-1], d["async_rate_se_Hz"])
    np.testing.assert_allclose(d["relative_jitter_rate"], rate / d["sync_rate_Hz"])


def test_the_dendrite_selects_the_order(findings):
    d = findings.data
    np.testing.assert_array_equal(d["delay_spikes_per_presentation"], [1.0, 0.0])
    assert d["delay_sum_preferred_mV"] == 20.0 > V_TH - E_L
    assert d["delay_peak_reverse_mV"] == pytest.approx(11.0072, abs=1e-4)
    # the recorded reverse-order trace peaks at exactly the geometric sum (exact
    # integration, arrivals on the grid)
    peak = d["delay_v_mV/reverse"].max() - E_L
    assert peak == pytest.approx(d["delay_peak_reverse_mV"], abs=1e-6)


def _reference_counts(pat, weights_mv):
    """The LIF on the grid in numpy, in Brian2's order within a step."""
    blocks, dt_ms = pat["blocks"], pat["dt_s"] * 1e3
    n_steps = pat["n_steps"]
    n_neurons = len(blocks) + 2
    drive = np.zeros((n_steps, n_neurons))  # summed jumps (mV) arriving per step
    for c, block in enumerate(blocks):
        np.add.at(drive[:, c], block.reshape(-1), weights_mv[0])
    for o, order in enumerate(cmp.ORDERS):
        steps = np.round(pat["delay_arrive"][order].reshape(-1) / pat["dt_s"]).astype(int)
        np.add.at(drive[:, len(blocks) + o], steps, weights_mv[1])
    decay = np.exp(-dt_ms / TAU)
    ref_steps = round(T_REF / dt_ms)
    v = np.full(n_neurons, E_L)
    last = np.full(n_neurons, -(10**9))
    counts = np.zeros(n_neurons, dtype=int)
    for m in range(n_steps):
        ready = m - last >= ref_steps  # Brian2: timestep(t - lastspike) >= timestep(t_ref)
        v = np.where(ready, E_L + (v - E_L) * decay, v)
        spike = ready & (v > V_TH)
        last[spike] = m
        counts += spike
        ready &= ~spike
        v = v + drive[m] * ready  # input spikes are dropped while refractory
        v[spike] = V_RESET
    return counts


def test_a_numpy_reference_lif_reproduces_every_count(findings):
    pat = cmp.patterns(quick=True, seed=0)
    counts = _reference_counts(pat, (cmp.WEIGHT_MV, cmp.DELAY_WEIGHT_MV))
    np.testing.assert_array_equal(findings.data["counts"], counts)


def test_claims_carry_the_measured_numbers(findings):
    d = findings.data
    unit, ratio, half, order = findings.claims
    assert all(c.verdict == "fails" and c.aspect == "timing" for c in findings.claims)
    assert unit.statement.startswith("difference between the logistic unit's outputs")
    assert unit.value == 0.0
    assert "divided by" in ratio.statement and ratio.value == pytest.approx(d["ratio"])
    assert half.unit == "ms"
    # the interpolated half-way jitter lies between the two ladder points around it
    mid = 0.5 * (d["sync_rate_Hz"] + d["async_rate_Hz"])
    k = np.nonzero(d["jitter_rate_Hz"] < mid)[0][0]
    assert d["jitters_ms"][k - 1] <= half.value <= d["jitters_ms"][k]
    assert "preferred order" in order.statement and order.value == 1.0


def test_half_jitter_interpolates_linearly():
    # rates 20 -> 10 between 5 and 15 ms; midpoint of 20 and 4 is 12: 5 + 8/10 * 10 = 13
    assert cmp._half_jitter(np.array([0, 5, 15]), np.array([20, 20, 10]), 20, 4) == 13.0


def test_plot_draws_the_findings(findings):
    d = findings.data
    fig = cmp.plot(findings)
    axes = fig.axes
    ax_j = next(ax for ax in axes if ax.get_xlabel().startswith("jitter"))
    neuron = next(ln for ln in ax_j.get_lines() if ln.get_marker() == "o")
    np.testing.assert_allclose(neuron.get_xdata(), d["jitters_ms"])
    np.testing.assert_allclose(neuron.get_ydata(), d["relative_jitter_rate"])
    assert neuron.get_color() == cmp.SPIKING
    unit = next(ln for ln in ax_j.get_lines() if ln.get_color() == cmp.ARTIFICIAL)
    np.testing.assert_allclose(unit.get_ydata(), d["unit_relative_jitter"])
    # raster of the synchronous inputs (panel A)
    raster = next(
        c for ax in axes for c in ax.collections if isinstance(c, PathCollection)
    ).get_offsets()
    np.testing.assert_allclose(raster[:, 0], d["input_ms/sync"])
    np.testing.assert_allclose(raster[:, 1], d["input_row/sync"])
    # membrane traces in vermillion, bars of panel F
    traces = [ln for ax in axes for ln in ax.get_lines() if ln.get_color() == cmp.SPIKING]
    assert any(np.array_equal(ln.get_ydata(), d["trace_v_mV/async"]) for ln in traces)
    assert any(np.array_equal(ln.get_ydata(), d["delay_v_mV/reverse"]) for ln in traces)
    ax_s = next(ax for ax in axes if ax.get_ylabel().startswith("output ratio"))
    heights = [p.get_height() for p in ax_s.patches]
    np.testing.assert_allclose(heights, [d["relative_async_rate"], 0.0, 1.0, 1.0])


def test_same_seed_same_numbers(findings):
    again = cmp.run(quick=True, seed=0)
    np.testing.assert_array_equal(again.data["counts"], findings.data["counts"])
    other = cmp.patterns(quick=True, seed=1)["blocks"]
    assert not np.array_equal(other[-1], cmp.patterns(quick=True, seed=0)["blocks"][-1])
