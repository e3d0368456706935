"""The lif_neuron comparison: its numbers against the closed forms, its figure's data."""

import dataclasses

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.figure import Figure

from neurosim.bridge import link_foot_ratios
from neurosim.comparisons import lif_neuron
from neurosim.contract import Findings
from neurosim.contract.module import check_figure, check_findings, check_module
from neurosim.plotting import ARTIFICIAL, SPIKING, THEORY
from neurosim.spiking import LIFParameters
from neurosim.spiking.theory import lif_rate
from neurosim.units import Hz, ms, mV, nA

DT_MS = 0.1
TAU_MS, E_L, V_TH, V_RESET, R_MOHM, T_REF_MS = 20.0, -65.0, -50.0, -65.0, 100.0, 2.0


@pytest.fixture(scope="module")
def findings(quick_run):
    return quick_run(lif_neuron.NAME)[0]


@pytest.fixture(scope="module")
def fast_membrane():
    """tau_m = 10 ms, a shorter sweep: a changed parameter must change the numbers."""
    return lif_neuron.run(quick=True, seed=0, tau_m=10 * ms, max_current=0.5 * nA)


def _latency(current_nA, tau_ms):
    """Closed form: V(t) = E_L + R I (1 - exp(-t/tau)) reaches V_th at tau ln(RI/(RI - 15 mV))."""
    drive = R_MOHM * current_nA
    return tau_ms * np.log(drive / (drive - (V_TH - E_L)))


def test_module_shape():
    assert check_module(lif_neuron) == []
    assert [p.name for p in lif_neuron.PARAMETERS] == ["tau_m", "duration", "max_current"]
    assert lif_neuron.NAME == "lif_neuron"
    assert lif_neuron.QUESTION == "What does a spiking neuron do with its input?"
    assert lif_neuron.__doc__.splitlines()[0].startswith("What a spiking neuron does")
    assert lif_neuron.DETERMINISTIC is True  # no input is random


def test_claims_carry_what_a_reader_needs(findings, fast_membrane):
    assert check_findings(lif_neuron, findings) == []
    assert check_findings(lif_neuron, fast_membrane) == []
    assert findings.settings["deterministic"] is True
    assert all(c.deterministic for c in findings.claims)


def test_seed_changes_nothing(findings):
    # no random input: another seed must give the same value for every claim (the
    # pipeline runs a deterministic comparison once and refuses claims that differ)
    other = lif_neuron.run(quick=True, seed=1)
    assert [c.statement for c in other.claims] == [c.statement for c in findings.claims]
    assert [c.value for c in other.claims] == [c.value for c in findings.claims]
    np.testing.assert_array_equal(other.data.fi_rates_Hz, findings.data.fi_rates_Hz)


def test_findings_hold_plain_data(findings):
    assert isinstance(findings, Findings)
    assert findings.name == "lif_neuron"
    assert findings.settings["quick"] is True and findings.settings["seed"] == 0
    # one frozen dataclass of plain values: numbers, arrays, tuples of arrays
    assert dataclasses.is_dataclass(findings.data)
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings.data.foot_ratio = 1.0
    for field in dataclasses.fields(findings.data):
        value = getattr(findings.data, field.name)
        assert isinstance(value, float | int | np.ndarray | tuple), field.name
        assert not hasattr(value, "dimensions"), field.name  # no Brian2 quantities
    findings.to_dict()  # JSON-able record


# -- f-I curve ----------------------------------------------------------------------------
def test_fi_points_match_the_closed_form(findings):
    # Truth: lif_rate (checked by hand and against ODE integration in test_theory.py).
    d = findings.data
    theory = np.asarray(lif_rate(d.fi_currents_nA * nA) / Hz)
    np.testing.assert_allclose(d.fi_theory_Hz, theory, rtol=1e-12)
    sim = d.fi_rates_Hz
    # Design tolerance: 2 % or 1 Hz.
    assert np.all(np.abs(sim - theory) <= np.maximum(0.02 * theory, 1.0))
    # Tighter, from how Brian2 stamps spikes (test_theory_vs_simulation.py): each period
    # is shorter by a fraction of a step, so 0 <= r_sim - r <= r^2 dt / (1 - r dt).
    dt = DT_MS * 1e-3
    firing = theory > 0
    excess = sim[firing] - theory[firing]
    bound = theory[firing] ** 2 * dt / (1 - theory[firing] * dt)
    assert np.all(excess >= -1e-9) and np.all(excess <= bound + 1e-9)
    # silent below the rheobase (0.15 nA), firing above
    np.testing.assert_array_equal(sim[d.fi_currents_nA < 0.15], 0.0)
    assert np.all(sim[d.fi_currents_nA > 0.15 + 1e-9] > 10)  # 0.15 itself: silent


def test_theory_curve_and_rheobase(findings):
    d = findings.data
    # (V_th - E_L) / R = 15 mV / 100 MOhm = 0.15 nA
    assert d.rheobase_nA == pytest.approx(0.15, rel=1e-12)
    np.testing.assert_allclose(
        d.theory_rates_Hz, np.asarray(lif_rate(d.theory_currents_nA * nA) / Hz), rtol=1e-12
    )
    # The ladder 0.99 ... 1.01 x rheobase: fires exactly above it (1e-4 resolution).
    np.testing.assert_array_equal(d.ladder_fires, [False, False, False, True, True, True])
    assert d.measured_rheobase_nA == pytest.approx(0.15 * 1.0001, rel=1e-12)


# -- traces -------------------------------------------------------------------------------
def test_trace_data_shapes_and_units(findings):
    d = findings.data
    assert d.trace_window_ms == 200.0  # max(200 ms, 10 tau_m) for tau_m = 20 ms
    n_t = round(200.0 / DT_MS)
    assert d.trace_t_ms.shape == (n_t,)
    np.testing.assert_allclose(d.trace_t_ms[:3], [0.0, 0.1, 0.2])
    assert d.trace_v_mV.shape == (3, n_t)
    np.testing.assert_allclose(d.trace_currents_nA, [0.12, 0.16, 0.40])
    # millivolts: between reset and threshold (the spike itself is not in the trace)
    assert d.trace_v_mV.min() >= V_RESET - 1e-9
    assert d.trace_v_mV.max() <= V_TH
    assert (d.V_th_mV, d.V_reset_mV, d.E_L_mV, d.t_ref_ms) == (
        V_TH,
        V_RESET,
        E_L,
        T_REF_MS,
    )


def test_subthreshold_trace_is_the_rc_charging_curve(findings):
    # Truth: V(t) = E_L + R I (1 - exp(-(t - onset)/tau)) after the onset, E_L before.
    d = findings.data
    t, v = d.trace_t_ms, d.trace_v_mV[0]
    drive = R_MOHM * 0.12  # R I = 12 mV
    onset = lif_neuron.ONSET_MS
    expected = np.where(t < onset, E_L, E_L + drive * (1 - np.exp(-(t - onset) / TAU_MS)))
    np.testing.assert_allclose(v, expected, atol=1e-6)
    assert d.trace_spikes_ms[0].size == 0
    assert d.trace_drive_mV[0] == pytest.approx(12.0)


def test_spike_times_of_the_traces(findings):
    d = findings.data
    onset = lif_neuron.ONSET_MS
    for k, current in ((1, 0.16), (2, 0.40)):
        drive = R_MOHM * current
        time_to_threshold = TAU_MS * np.log(drive / (drive - (V_TH - E_L)))
        period = T_REF_MS + time_to_threshold
        spikes = d.trace_spikes_ms[k]
        # Brian2 stamps a spike at the start of the step in which V crossed, so each
        # spike time is at most one step before the exact one; the refractory period
        # restarts from the stamp.
        n_expected = int((d.trace_window_ms - onset - time_to_threshold) // period) + 1
        assert spikes.size == n_expected
        first = onset + time_to_threshold
        assert first - DT_MS - 1e-9 <= spikes[0] <= first + 1e-9
        intervals = np.diff(spikes)
        assert np.all((intervals > period - DT_MS - 1e-9) & (intervals <= period + 1e-9))
    # by hand: 0.16 nA, T = 20 ms ln(16/1) = 55.45 ms -> 3 spikes in 200 ms;
    # 0.40 nA, T = 20 ms ln(40/25) = 9.40 ms, period 11.40 ms -> 15 spikes
    assert [d.trace_spikes_ms[k].size for k in range(3)] == [0, 3, 15]
    # trace B's steady rate, by hand: 1 / (2 ms + 55.45 ms) = 17.41 Hz (+ r^2 dt = 0.03 Hz)
    assert d.trace_rates_Hz[1] == pytest.approx(17.41, abs=0.05)
    assert d.trace_rates_Hz[0] == 0.0
    # trace C's steady rate, by hand: 1 / 11.40 ms = 87.72 Hz (+ at most r^2 dt = 0.8 Hz)
    assert d.trace_rates_Hz[2] == pytest.approx(87.72 + 0.4, abs=0.45)


# -- claims ---------------------------------------------------------------------------------
def test_claims_and_their_keys(findings, fast_membrane):
    # no measured number in a statement: other parameters, other values, same sentences
    assert [c.statement for c in findings.claims] == [c.statement for c in fast_membrane.claims]
    assert [c.value for c in findings.claims] != [c.value for c in fast_membrane.claims]
    keys = {c.aspect: c.label for c in findings.claims if c.key}
    assert keys == {
        "nonlinearity": "f-I foot width ratio, no noise",
        "signal transmission": "LIF: first spike at twice the rheobase",
    }
    # the LIF's reset is how the model is built: shown, never counted, never a key
    (reset,) = [c for c in findings.claims if c.aspect == "output code"]
    assert reset.by_construction and not reset.key and not reset.counted
    assert [c.about for c in findings.claims if c.aspect is None] == ["spiking", "spiking"]


def _claim(findings, label):
    (c,) = [c for c in findings.claims if c.label == label]
    return c


def _link_foot(z):
    """Foot ratio of a squashing function from its inverse CDF z: by hand, levels 1/5/25 %."""
    return (z(0.05) - z(0.01)) / (z(0.25) - z(0.05))


def _lif_current(rate_hz, tau_ms=TAU_MS):
    """Inverse of the LIF f-I curve (V_reset = E_L): R I = 15 mV / (1 - exp(-(1/r - t_ref)/tau))."""
    period = 1e3 / rate_hz - T_REF_MS
    return (V_TH - E_L) / (1 - np.exp(-period / tau_ms)) / R_MOHM  # nA


def test_closed_forms_used_for_the_foot_and_the_latency():
    # neurosim.spiking.theory's inverse f-I curve undoes lif_rate (here written by hand),
    # also with a reset below rest, where the inverse is not the simple formula above
    from neurosim.spiking.theory import lif_current_for_rate, lif_latency
    from neurosim.units import mV

    currents = np.array([0.16, 0.3, 0.8, 2.5])  # nA
    for v_reset in (-65.0, -70.0):
        p = LIFParameters(V_reset=v_reset * mV)
        drive = R_MOHM * currents  # mV
        rate = 1e3 / (T_REF_MS + TAU_MS * np.log((drive + E_L - v_reset) / (drive + E_L - V_TH)))
        back = np.asarray(lif_current_for_rate(rate * Hz, p) / nA)
        np.testing.assert_allclose(back, currents, rtol=1e-12)
    np.testing.assert_allclose(
        [_lif_current(r) for r in (50.0, 200.0)],
        [float(lif_current_for_rate(r * Hz) / nA) for r in (50.0, 200.0)],
        rtol=1e-12,
    )
    with pytest.raises(ValueError, match="rate"):
        lif_current_for_rate(500 * Hz)  # the ceiling 1/t_ref is never reached
    # latency from rest, by hand; none at or below the rheobase
    got = np.asarray(lif_latency(np.array([0.1, 0.15, 0.16, 0.3]) * nA) / ms)
    assert np.all(np.isinf(got[:2]))
    np.testing.assert_allclose(got[2:], _latency(np.array([0.16, 0.3]), TAU_MS), rtol=1e-12)


def test_foot_of_the_f_i_curve(findings):
    d = findings.data
    # the references, by hand from the inverse CDFs (McCullagh & Nelder 1989, ch. 4):
    # logit ln(p/(1-p)): (ln(5/95) - ln(1/99)) / (ln(25/75) - ln(5/95)) = 0.894
    from scipy.stats import norm

    hand = {
        "logit": _link_foot(lambda p: np.log(p / (1 - p))),
        "probit": _link_foot(norm.ppf),
        "complementary log-log": _link_foot(lambda p: np.log(-np.log(1 - p))),
        "log-log": _link_foot(lambda p: -np.log(-np.log(p))),
    }
    assert hand["logit"] == pytest.approx(0.8943, abs=1e-4)
    assert hand["log-log"] == pytest.approx(0.5580, abs=1e-4)
    assert link_foot_ratios() == pytest.approx(hand, rel=1e-12)
    assert d.logit_foot_ratio == pytest.approx(hand["logit"], rel=1e-12)
    # the LIF's foot from its closed form: 5, 25, 125 Hz of the 500 Hz ceiling are reached
    # at 1.00005, 1.176 and 3.858 times the rheobase: (0.176) / (2.682) = 0.0655
    currents = [_lif_current(r) for r in (5.0, 25.0, 125.0)]
    np.testing.assert_allclose(d.foot_currents_nA, currents, rtol=1e-12)
    ratio = (currents[1] - currents[0]) / (currents[2] - currents[1])
    assert ratio == pytest.approx(0.06555, abs=1e-5)
    foot = _claim(findings, "f-I foot width ratio, no noise")
    assert foot.value == pytest.approx(ratio, rel=1e-12)
    assert foot.rule.holds == (pytest.approx(hand["log-log"]), None)
    assert foot.verdict == "fails" and foot.direction == "a hard threshold, no foot"
    # the simulated neurons at the 5 % and 25 % currents fire at 25 and 125 Hz, faster by
    # at most the step bias r^2 dt / (1 - r dt) (spikes stamped up to a step early)
    target = np.array([25.0, 125.0])
    excess = d.foot_rates_Hz - target
    bias = target**2 * DT_MS * 1e-3 / (1 - target * DT_MS * 1e-3)
    assert np.all(excess >= -1e-9) and np.all(excess <= bias + 1e-9)
    # the logistic drawn beside it passes through those two points
    for current, rate in zip(currents[1:], target):
        assert np.interp(current, d.theory_currents_nA, d.logistic_rates_Hz) == (
            pytest.approx(rate, rel=1e-3)  # interpolation on the 801-point grid
        )


def test_latency_at_twice_the_rheobase(findings):
    d = findings.data
    # 0.3 nA: 20 ms ln(30 / 15) = 13.863 ms (Lapicque's chronaxie); the crossing falls in
    # the step from 33.8 to 33.9 ms and Brian2 stamps the spike at its start: 13.8 ms
    assert d.named_current_nA == pytest.approx(0.3, rel=1e-12)
    assert _latency(0.3, TAU_MS) == pytest.approx(TAU_MS * np.log(2), rel=1e-12)
    assert d.named_latency_theory_ms == pytest.approx(13.8629, abs=1e-4)
    latency = _claim(findings, "LIF: first spike at twice the rheobase")
    assert latency.value == pytest.approx(13.8, abs=1e-9)
    assert latency.aspect == "signal transmission" and latency.key
    # the yardstick: at once under 1 ms, partly within the 20 ms membrane time constant
    assert latency.rule.holds == (None, 1.0) and latency.rule.partly == (1.0, 20.0)
    assert latency.verdict == "partly"
    assert latency.direction == "the answer arrives late"


def test_latency_curve_is_the_closed_form(findings):
    # every firing input of the sweep: latency stamped at most one step before
    # tau ln(RI / (RI - 15 mV)); silent inputs have none
    d = findings.data
    currents, latency = d.fi_currents_nA, d.latency_ms
    fires = currents > 0.15 + 1e-9
    assert np.all(np.isnan(latency[~fires]))
    exact = _latency(currents[fires], TAU_MS)
    assert np.all(latency[fires] <= exact + 1e-9)
    assert np.all(latency[fires] >= exact - DT_MS - 1e-9)
    above = d.latency_theory_currents_nA
    np.testing.assert_allclose(d.latency_theory_ms, _latency(above, TAU_MS), rtol=1e-12)
    check = _claim(findings, "first-spike latency vs closed form")
    assert 0 < check.value <= DT_MS and check.verdict == "holds"


def test_claim_values_by_hand(findings):
    d = findings.data
    # reset: every spike is followed by V_reset exactly (LIF reset, refractory clamp)
    reset = _claim(findings, "LIF: potential after each spike")
    assert d.post_spike_v_mV.size > 100
    np.testing.assert_allclose(d.post_spike_v_mV, V_RESET, atol=1e-9)
    assert reset.value == pytest.approx(0.0, abs=1e-9) and reset.verdict == "fails"
    # first spike at 0.16 nA (trace B): 20 ms ln(16) = 55.45 ms, stamped up to one step early
    assert _latency(0.16, TAU_MS) - DT_MS - 1e-9 <= d.trace_latency_ms
    assert d.trace_latency_ms <= _latency(0.16, TAU_MS) + 1e-9
    # the f-I check: worst relative deviation over the sweep and the two foot levels
    fi_err = _claim(findings, "f-I curve vs closed form")
    theory = np.asarray(lif_rate(d.fi_currents_nA * nA) / Hz)
    firing = theory > 0
    worst = np.max(np.abs(d.fi_rates_Hz[firing] / theory[firing] - 1))
    worst = max(worst, np.max(np.abs(d.foot_rates_Hz / np.array([25.0, 125.0]) - 1)))
    assert fi_err.value == pytest.approx(100 * worst, rel=1e-12)
    # bound from the step bias at the fastest point: r dt / (1 - r dt) at 163.6 Hz = 1.7 %
    assert 0 < fi_err.value <= 100 * 0.01636 / (1 - 0.01636) + 1e-9
    assert fi_err.verdict == "holds"


# -- a changed parameter changes the result as the closed forms say -------------------------
def test_latency_at_tau_10ms_is_the_closed_form(fast_membrane):
    # trace B: 10 ms ln(16 / 1) = 27.73 ms; Brian2 stamps the spike up to one step early.
    d = fast_membrane.data
    assert _latency(0.16, 10.0) == pytest.approx(27.726, abs=1e-3)
    assert 27.726 - DT_MS <= d.trace_latency_ms <= 27.726
    assert d.trace_latency_ms == pytest.approx(27.7, abs=0.05)
    # at twice the rheobase: 10 ms ln 2 = 6.93 ms, the chronaxie halves with tau_m
    assert d.named_latency_theory_ms == pytest.approx(10.0 * np.log(2), rel=1e-12)
    assert 10.0 * np.log(2) - DT_MS <= d.named_latency_ms <= 10.0 * np.log(2)
    assert fast_membrane.settings["parameters"]["tau_m"] == {"value": 10.0, "unit": "ms"}


def test_tau_and_max_current_move_the_fi_curve(fast_membrane):
    d = fast_membrane.data
    # the sweep follows max_current, and so does the axis
    np.testing.assert_allclose(d.fi_currents_nA, np.linspace(0, 0.5, 33))
    # truth: the closed form with tau_m = 10 ms, same 2 %-or-step-bias tolerance as above
    theory = np.asarray(lif_rate(d.fi_currents_nA * nA, LIFParameters(tau_m=10 * ms)) / Hz)
    excess = d.fi_rates_Hz - theory
    assert np.all(excess >= -1e-9)
    assert np.all(excess <= theory**2 * DT_MS * 1e-3 / (1 - theory * DT_MS * 1e-3) + 1e-9)
    # faster membrane: 0.5 nA fires at 1/(2 ms + 10 ms ln(50/35)) = 179.6 Hz (vs 100 Hz at 20 ms)
    assert theory[-1] == pytest.approx(179.6, abs=0.1)
    fig = lif_neuron.plot(fast_membrane)
    assert fig.axes[3].get_xlim()[1] >= 0.5  # no point dropped off a fixed axis
    assert fig.axes[3].get_ylim()[1] >= d.fi_rates_Hz.max()


def test_bad_parameter_is_refused():
    with pytest.raises(TypeError, match="tau_m"):
        lif_neuron.run(quick=True, tau_m=10)  # no unit
    with pytest.raises(ValueError, match="tau_m"):
        lif_neuron.run(quick=True, tau_m=1000 * ms)


# -- figure -----------------------------------------------------------------------------------
def _same_colour(a, b) -> bool:
    return np.allclose(mcolors.to_rgba(a), mcolors.to_rgba(b))


def test_plot_draws_the_findings(findings):
    d = findings.data
    fig = lif_neuron.plot(findings)
    assert isinstance(fig, Figure)
    assert check_figure(fig, findings) == []  # says it shows the one deterministic run
    axes = fig.axes
    assert len(axes) == 5
    traces, fi_ax, latency_ax = axes[:3], axes[3], axes[4]
    assert fi_ax.get_xlim()[1] >= d.fi_currents_nA[-1]
    # labels carry units
    assert traces[2].get_xlabel() == "time (ms)"
    assert "(mV)" in traces[1].get_ylabel()
    assert latency_ax.get_xlabel() == "input current (nA)"
    assert fi_ax.get_ylabel() == "firing rate (Hz)"
    assert latency_ax.get_ylabel() == "first spike after (ms)"
    # each trace panel draws its voltage in the spiking colour
    for k, ax in enumerate(traces):
        lines = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == d.trace_t_ms.size]
        assert len(lines) == 1
        np.testing.assert_array_equal(lines[0].get_ydata(), d.trace_v_mV[k])
        assert _same_colour(lines[0].get_color(), SPIKING)
        # threshold line at -50 mV
        assert any(np.allclose(ln.get_ydata(), V_TH) for ln in ax.get_lines())
        # one vertical spike line per spike
        spikes = [c for c in ax.collections if len(c.get_segments()) == d.trace_spikes_ms[k].size]
        assert d.trace_spikes_ms[k].size == 0 or spikes
    # f-I: closed form black dashed, simulation as points in the spiking colour, the
    # logistic unit in the artificial colour
    lines = fi_ax.get_lines()
    theory = [ln for ln in lines if ln.get_linestyle() == "--"]
    assert len(theory) == 1 and _same_colour(theory[0].get_color(), THEORY)
    np.testing.assert_array_equal(theory[0].get_ydata(), d.theory_rates_Hz)
    points = [ln for ln in lines if len(ln.get_xdata()) == d.fi_currents_nA.size]
    assert len(points) == 1 and points[0].get_linestyle() == "None"
    assert _same_colour(points[0].get_color(), SPIKING)
    np.testing.assert_array_equal(points[0].get_ydata(), d.fi_rates_Hz)
    (unit,) = [ln for ln in lines if _same_colour(ln.get_color(), ARTIFICIAL)]
    np.testing.assert_array_equal(unit.get_ydata(), d.logistic_rates_Hz)
    # rheobase marked
    assert any(
        np.allclose(ln.get_xdata(), d.rheobase_nA) and ln.get_linestyle() == ":" for ln in lines
    )
    # latency: simulated points on the closed form, a log axis, the 2x rheobase point
    lat_lines = latency_ax.get_lines()
    (curve,) = [ln for ln in lat_lines if ln.get_linestyle() == "--"]
    np.testing.assert_array_equal(curve.get_ydata(), d.latency_theory_ms)
    (sim,) = [ln for ln in lat_lines if len(ln.get_xdata()) == d.fi_currents_nA.size]
    np.testing.assert_array_equal(sim.get_ydata(), d.latency_ms)
    assert latency_ax.get_yscale() == "log"
    low, high = latency_ax.get_ylim()
    assert low < 1.0 and high > max(20.0, np.nanmax(d.latency_ms))  # both yardsticks shown
    assert "deterministic" in fig.get_supxlabel()


@pytest.mark.slow
def test_full_run_matches_the_closed_form():
    full = lif_neuron.run(quick=False, seed=0)
    d = full.data
    theory = np.asarray(lif_rate(d.fi_currents_nA * nA) / Hz)
    assert np.all(np.abs(d.fi_rates_Hz - theory) <= np.maximum(0.02 * theory, 1.0))
    assert full.settings["parameters"]["duration"] == {"value": 1000.0, "unit": "ms"}


def _same(a, b) -> bool:
    if isinstance(a, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)


def test_a_sweeps_points_in_one_batch_give_what_each_gives_alone(fast_membrane, calls_to):
    # a sweep of tau_m and max_current: the points' neurons share one Brian2 run (tau_m is
    # held per neuron, the currents are stimulus values), each point's findings the same
    # to the last bit as its own run
    import neurosim.spiking.batch as batch

    runs = calls_to(batch, "_simulate")
    calls = [(0, {"tau_m": 10 * ms, "max_current": 0.5 * nA}), (3, {"tau_m": 30 * ms})]
    first, second = lif_neuron.run.run_many(calls, quick=True)
    assert len(runs) == 1
    alone = lif_neuron.run(quick=True, seed=3, tau_m=30 * ms)
    for got, want in ((first, fast_membrane), (second, alone)):
        assert got.to_dict() == want.to_dict()
        for field in dataclasses.fields(want.data):
            assert _same(getattr(got.data, field.name), getattr(want.data, field.name)), field
    assert second.data.named_latency_ms != first.data.named_latency_ms  # two points


def test_tau_m_per_neuron_gives_the_bits_of_a_scalar_tau_m(fast_membrane):
    # the module holds tau_m per neuron so that a sweep can batch it; a scalar tau_m (the
    # plain simulate() call) must give the very same potentials and spikes
    from neurosim.spiking import simulate
    from neurosim.stimuli import step

    d = fast_membrane.data
    currents = np.array(lif_neuron.TRACE_CURRENTS_NA)
    result = simulate(
        LIFParameters(tau_m=10 * ms),
        step(currents * nA, onset=lif_neuron.ONSET_MS * ms),
        lif_neuron.PARAMETERS[1].quick * ms,
        dt=DT_MS * ms,
        record_v=True,
    )
    shown = d.trace_t_ms.size
    np.testing.assert_array_equal(np.asarray(result.v[:, 0, :shown] / mV), d.trace_v_mV)
