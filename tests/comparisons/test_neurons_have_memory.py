"""neurons_have_memory: adaptation, paired-pulse recovery and refractoriness against truths.

Truths used here:
- a reference integration of the AdEx equations (scipy's LSODA at rtol 1e-10 with the
  threshold crossing found as an event, reset and w += b by hand) for the onset and
  adapted rates and the paired-pulse ratios; Brian2 integrates with forward Euler at
  dt = 0.1 ms and stamps spikes on the grid, so each interspike interval may differ by
  up to 2 dt (one step for the stamp, about one for Euler's error on the upswing: the
  first ISI converges 11.30 -> 11.25 -> 11.156 ms for dt = 0.1, 0.05 ms -> exact);
- the slow eigenvalue of the subthreshold AdEx linearised at rest (by hand below);
- the LIF's exact update on the grid (threshold crossing, 2 ms refractory clamp), by
  hand below;
- the LIF's membrane relaxation to rest, V(t) = E_L + (V_0 - E_L) exp(-t / tau_m);
- the unit: sigmoid(6 x - 3) of the same input at every time.
"""

import dataclasses
import re

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.figure import Figure
from scipy.integrate import solve_ivp
from scipy.optimize import curve_fit

from neurosim.comparisons import neurons_have_memory as cmp
from neurosim.contract import Findings
from neurosim.contract.module import check_figure, check_findings, check_module
from neurosim.plotting import ARTIFICIAL, SPIKING, THEORY
from neurosim.spiking import AdExParameters
from neurosim.spiking.adaptation import fit_recovery, recovery
from neurosim.units import ms, pA

DT_MS = 0.1
# adapting regime (Naud et al. 2008), in pF, nS, mV, ms, pA
C, G_L, E_L, V_T, DELTA_T, A, TAU_W, B, V_RESET, V_PEAK = (
    200.0,
    12.0,
    -70.0,
    -50.0,
    2.0,
    2.0,
    300.0,
    60.0,
    -58.0,
    -40.0,
)
I_STEP = 500.0


@pytest.fixture(scope="module")
def findings(quick_run):
    return quick_run(cmp.NAME)[0]


# -- the reference AdEx -------------------------------------------------------------------
def _rhs(_t, y, current):
    v, w = y
    dv = (-G_L * (v - E_L) + G_L * DELTA_T * np.exp((v - V_T) / DELTA_T) - w + current) / C
    return [dv, (A * (v - E_L) - w) / TAU_W]


def _crossing(_t, y, _current):
    return y[0] - V_PEAK


_crossing.terminal = True
_crossing.direction = 1


def _integrate(y0, t0, t1, current):
    """Spike times in [t0, t1) and the state at t1, for a constant current (pA)."""
    spikes, y, t = [], np.array(y0, dtype=float), t0
    while t < t1:
        sol = solve_ivp(
            _rhs,
            (t, t1),
            y,
            args=(current,),
            events=_crossing,
            method="LSODA",
            rtol=1e-10,
            atol=1e-10,
        )
        if sol.status == 1:
            t = sol.t_events[0][0]
            spikes.append(t)
            y = np.array([V_RESET, sol.y_events[0][0][1] + B])
        else:
            y, t = sol.y[:, -1], t1
    return np.array(spikes), y


@pytest.fixture(scope="module")
def reference(findings):
    gaps = findings.data.gaps_ms
    pulse = findings.data.pulse_ms
    spikes1, end1 = _integrate([E_L, 0.0], 0.0, pulse, I_STEP)
    isi1 = spikes1[1] - spikes1[0]
    ratios = []
    for gap in gaps:
        _, at_onset = _integrate(end1, 0.0, gap, 0.0)
        spikes2, _ = _integrate(at_onset, 0.0, pulse, I_STEP)
        ratios.append(isi1 / (spikes2[1] - spikes2[0]))
    long_step, _ = _integrate([E_L, 0.0], 0.0, 800.0, I_STEP)
    return {"isi": np.diff(long_step), "ratios": np.array(ratios), "gaps": gaps}


def _slow_tau(tau_w):
    """-1 / (slow eigenvalue) of M = [[-g/C, -1/C], [a/tau_w, -1/tau_w]], by the quadratic
    formula: lambda = tr/2 + sqrt(tr^2/4 - det), g = g_L (1 - exp((E_L - V_T)/Delta_T))."""
    g = G_L * (1 - np.exp((E_L - V_T) / DELTA_T))
    tr = -g / C - 1 / tau_w
    det = (g + A) / (C * tau_w)
    return -1 / (tr / 2 + np.sqrt(tr**2 / 4 - det))


@pytest.fixture(scope="module")
def shorter_memory():
    return cmp.run(quick=True, seed=0, tau_w=150 * ms)


def test_module_keeps_the_contract(findings, shorter_memory):
    assert check_module(cmp) == []
    assert cmp.DETERMINISTIC is True  # no input is random
    assert check_findings(cmp, findings) == []
    assert check_findings(cmp, shorter_memory) == []
    assert all(c.deterministic for c in findings.claims)


def test_seed_changes_nothing(findings):
    # no random input: another seed gives the same value for every claim (the pipeline
    # runs a deterministic comparison once and refuses claims that differ)
    other = cmp.run(quick=True, seed=1)
    assert [c.statement for c in other.claims] == [c.statement for c in findings.claims]
    assert [c.value for c in other.claims] == [c.value for c in findings.claims]


def test_module_shape():
    assert cmp.NAME == "neurons_have_memory"
    assert cmp.QUESTION.endswith("?")
    assert cmp.__doc__.splitlines()[0].startswith("A neuron's answer depends on its history")


def test_findings_hold_plain_data(findings):
    assert isinstance(findings, Findings)
    assert findings.settings["quick"] is True and findings.settings["seed"] == 0
    assert findings.settings["parameters"]["tau_w"] == {"value": 300.0, "unit": "ms"}
    # one frozen dataclass of plain values: numbers, arrays, tuples of arrays
    assert dataclasses.is_dataclass(findings.data)
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings.data.tau_rec_ms = 0.0
    for field in dataclasses.fields(findings.data):
        value = getattr(findings.data, field.name)
        assert isinstance(value, float | int | np.ndarray | tuple), field.name
        assert not hasattr(value, "dimensions"), field.name  # no Brian2 quantities
    findings.to_dict()


def test_regime_is_the_published_one():
    p = AdExParameters.regime("adapting")
    assert float(p.tau_w / ms) == TAU_W
    assert float(p.recommended_current / pA) == pytest.approx(I_STEP)


# -- the unit -------------------------------------------------------------------------------
def test_unit_has_no_history(findings):
    d = findings.data
    # x is exactly 0 or 1 (I / 500 pA); y = sigmoid(6x - 3)
    assert set(np.unique(d.unit_x)) == {0.0, 1.0}
    on, off = 1 / (1 + np.exp(-3.0)), 1 / (1 + np.exp(3.0))
    np.testing.assert_allclose(d.unit_output, np.where(d.unit_x == 1, on, off), rtol=1e-15)
    assert d.unit_history_dependence == 0.0
    # along the step, and at pulse 2's onset against pulse 1's, the same output exactly
    step = d.unit_output[-1, d.unit_t_ms >= cmp.ONSET_MS]
    np.testing.assert_array_equal(step, step[0])
    first = d.unit_output[:-1, np.searchsorted(d.unit_t_ms, cmp.ONSET_MS)]
    second = [d.unit_output[k, np.searchsorted(d.unit_t_ms, o)] for k, o in enumerate(d.on2_ms)]
    np.testing.assert_array_equal(np.array(second) / first, 1.0)


# -- adaptation under a step -----------------------------------------------------------------
def test_onset_and_adapted_rates_match_the_reference(findings, reference):
    d = findings.data
    isi = reference["isi"]
    # Each ISI within 2 dt of the exact one (module docstring)
    assert abs(1e3 / d.f0_Hz - isi[0]) <= 2 * DT_MS
    assert abs(1e3 / d.f_inf_Hz - isi[-1]) <= 2 * DT_MS
    # the reference has reached its periodic state: last two ISIs agree to 1e-3 ms
    assert abs(isi[-1] - isi[-2]) < 1e-3
    # by hand from the reference: onset 1/11.156 ms = 89.6 Hz, adapted 1/75.87 ms = 13.2 Hz
    assert isi[0] == pytest.approx(11.156, abs=1e-3) and 1e3 / isi[-1] == pytest.approx(
        13.18, abs=0.01
    )
    # spike by spike the ISIs lengthen (within the 2 dt of the grid) to the adapted one
    assert np.all(np.diff(1e3 / d.step_rate_Hz) >= -2 * DT_MS)


def test_adaptation_index(findings, reference):
    d = findings.data
    isi = reference["isi"]
    exact = 1 - isi[0] / isi[-1]  # 0.853
    assert d.adaptation_index == pytest.approx((d.f0_Hz - d.f_inf_Hz) / d.f0_Hz)
    # propagated from the 2 dt bound on both ISIs: (ISI_0/ISI_inf)(2dt/ISI_0 + 2dt/ISI_inf)
    tol = isi[0] / isi[-1] * (2 * DT_MS / isi[0] + 2 * DT_MS / isi[-1])
    assert abs(d.adaptation_index - exact) <= tol
    # the stated must-show: strong adaptation, the rate loses more than half (A > 0.5)
    assert d.adaptation_index > 0.5


# -- paired pulses --------------------------------------------------------------------------
def test_paired_pulse_ratios_match_the_reference(findings, reference):
    d = findings.data
    np.testing.assert_allclose(d.onset_rates_Hz[0], d.f0_Hz)  # pulse 1 = step onset
    exact = reference["ratios"]
    # R = ISI_1 / ISI_2: each within 2 dt, so |dR| <= R (2dt/ISI_1 + 2dt/ISI_2)
    isi1 = 1e3 / d.onset_rates_Hz[0]
    isi2 = 1e3 / d.onset_rates_Hz[1]
    tol = exact * (2 * DT_MS / isi1 + 2 * DT_MS / isi2)
    assert np.all(np.abs(d.ratio - exact) <= tol)
    # recovery is monotonic and far from complete at the shortest gap
    assert np.all(np.diff(d.ratio) > 0)
    assert d.ratio[0] < 0.3
    # spike counts: never more in pulse 2 than in pulse 1, fewer after short gaps
    assert np.all(d.counts[1] <= d.counts[0])
    assert d.counts[1][0] < d.counts[0][0]


def test_slow_time_constant_by_hand():
    # M = [[-g/C, -1/C], [a/tau_w, -1/tau_w]], g = 12 nS (1 - e^-10): trace -0.0633331,
    # determinant (g + a)/(C tau_w) = 2.33331e-4 / ms^2 -> slow eigenvalue -0.0039278/ms
    tau = float(AdExParameters.regime("adapting").subthreshold_time_constants()[1] / ms)
    assert tau == pytest.approx(254.59, abs=0.02)
    assert tau == pytest.approx(_slow_tau(TAU_W), rel=1e-9)
    # the adiabatic estimate tau_w / (1 + a/g_L) = 257.1 ms is within 1 %
    assert tau == pytest.approx(TAU_W / (1 + A / G_L), rel=0.01)


def test_recovery_time_constant(findings, reference):
    d = findings.data
    gaps = d.gaps_ms
    # fit from 3 membrane time constants C / g_L = 3 x 200 pF / 12 nS = 50 ms
    assert d.fit_from_ms == pytest.approx(50.0)
    use = gaps >= 50.0
    assert use.sum() >= 4
    # the fit uses exactly those gaps: refitting them gives the same numbers
    assert fit_recovery(gaps[use], d.ratio[use], tau_guess=0.8 * TAU_W) == (
        d.fit_depth,
        d.tau_rec_ms,
    )
    # the same fit on the exact ratios: the Brian2 ratios are within ~0.003 of them, which
    # moves tau by well under 3 %
    (_depth, tau_exact), _ = curve_fit(
        recovery, gaps[use], reference["ratios"][use], p0=(0.8, 200.0)
    )
    assert d.tau_rec_ms == pytest.approx(tau_exact, rel=0.03)
    # The expected scale: w decays with tau_slow = 254.6 ms (tau_w = 300 ms).  The
    # onset-rate deficit is nearly proportional to w at the onset; the exact ratios give
    # tau 5 % above tau_slow (a slightly concave rate-vs-drive curve), so within 10 %.
    assert d.tau_slow_ms == pytest.approx(254.59, abs=0.02)
    assert d.tau_rec_ms == pytest.approx(d.tau_slow_ms, rel=0.10)
    assert d.tau_w_ms == TAU_W
    assert d.tau_rec_ms < d.tau_w_ms


# -- the LIF's refractoriness --------------------------------------------------------------
def test_lif_refractoriness_by_hand(findings):
    # 5 nA into R = 100 MOhm: R I = 500 mV; from rest V crosses threshold (15 mV up) after
    # k steps of the exact update with 500 (1 - exp(-0.005 k)) > 15: k = 7, so the spike
    # is stamped 0.6 ms after the pulse onset.  The clamp holds V at -65 mV for 2 ms (20
    # steps), until 2.6 ms after pulse 1's onset.  Pulse 2 (onset 1 ms + gap after it)
    # then needs 7 more steps inside it: gap >= 1.3 ms.  From gap 1.6 ms on, pulse 2 starts
    # after the clamp and the answer (latency 0.6 ms) is identical to pulse 1's.
    d = findings.data
    gaps = d.lif_gaps_ms
    np.testing.assert_array_equal(d.lif_counts[0], 1)
    np.testing.assert_allclose(d.lif_latencies_ms[0], 0.6, atol=1e-9)
    np.testing.assert_array_equal(d.lif_counts[1], (gaps >= 1.3 - 1e-9).astype(int))
    assert d.lif_recovery_gap_ms == pytest.approx(1.3)
    late = gaps >= 1.6 - 1e-9
    np.testing.assert_allclose(d.lif_latencies_ms[1][late], 0.6, atol=1e-9)
    assert d.lif_refractory_end_gap_ms == pytest.approx(1.6)  # 0.6 + 2 - 1 ms
    # in between, the answer waits for the clamp to end: spike at 2.6 + 0.6 ms after pulse 1
    mid = (gaps >= 1.3 - 1e-9) & ~late
    np.testing.assert_allclose(
        d.lif_latencies_ms[1][mid] + d.lif_on2_ms[mid], cmp.LIF_ONSET_MS + 3.2, atol=1e-9
    )


def test_lif_trace_of_the_failed_pulse(findings):
    # gap 1 ms: the clamp ends 0.4 ms before pulse 2 does, 4 steps of charging:
    # V = -65 + 500 (1 - exp(-0.02)) = -55.099 mV, below threshold, then it decays.
    d = findings.data
    t, v = d.lif_t_ms, d.lif_v_mV[0]
    assert d.lif_gaps_ms[d.lif_trace_index[0]] == 1.0
    after = t > cmp.LIF_ONSET_MS + 2.0
    assert v[after].max() == pytest.approx(-65 + 500 * (1 - np.exp(-0.02)), abs=1e-6)
    during_clamp = (t > cmp.LIF_ONSET_MS + 0.7) & (t < cmp.LIF_ONSET_MS + 2.6)
    np.testing.assert_allclose(v[during_clamp], -65.0, atol=1e-9)


def test_lif_membrane_decays_as_the_closed_form(findings):
    # gap 1 ms: pulse 2 ends at 4 ms with V_0 = -65 + 500 (1 - exp(-0.02)) mV, then
    # V(t) = E_L + (V_0 - E_L) exp(-(t - 4 ms) / 20 ms); exact integration: 1e-9 mV
    d = findings.data
    t, v = d.lif_t_ms, d.lif_v_mV[0]
    v0 = -65 + 500 * (1 - np.exp(-0.02))
    after = t >= 4.0 - 1e-9
    np.testing.assert_allclose(
        v[after], -65 + (v0 + 65) * np.exp(-(t[after] - 4.0) / 20.0), atol=1e-9
    )
    assert d.lif_decay_ms == pytest.approx(20.0, rel=1e-9)
    np.testing.assert_allclose(d.lif_decay_theory_mV, v[np.isin(t, d.lif_decay_t_ms)], atol=1e-9)


def test_claims(findings):
    d = findings.data
    claims = findings.claims
    values = [c.value for c in claims]
    assert values == pytest.approx(
        [
            100 * d.ratio[0],
            d.adaptation_index,
            d.tau_rec_ms,
            d.lif_recovery_gap_ms,
            d.tau_rec_ms / d.tau_slow_ms,
            d.lif_decay_ms,
            d.unit_history_dependence,
        ]
    )
    assert [c.unit for c in claims] == ["%", "", "ms", "ms", "", "ms", ""]
    assert [c.about for c in claims] == ["analogy"] * 4 + ["spiking"] * 2 + ["artificial"]
    assert all(c.aspect == "memory" for c in claims[:4])
    # the memory row's keys: the adapting neuron under a steady step and under repeated
    # pulses; the LIF (no adaptation current) and the 10 ms pulse are shown beside them
    assert [c.label for c in claims if c.key] == [
        "adapting neuron: adaptation index, step",
        "adapting neuron: repeated pulses",
    ]
    # the unit's lack of history is how it is built: shown, never counted
    assert claims[-1].by_construction and not claims[-1].counted
    # each rule says which way the analogy breaks: the neuron remembers
    assert claims[0].direction == "the second answer is weaker: it remembers the first"
    assert claims[1].direction == "it adapts: its rate falls under a steady input"
    assert claims[2].direction == "it remembers past a processing stage"
    for c in claims:
        # only parameter values in a statement (gaps 10 ms, tau_w 300 ms, 60 pA, 500 pA,
        # 200 ms, the LIF's 1 ms, 5 nA, 2 ms, 20 ms, exactly 100 %), never a measured one
        for number in re.findall(r"\d+(?:\.\d+)?", c.statement):
            assert float(number) in {0, 1, 2, 5, 10, 20, 60, 100, 200, 300, 500}, c.statement
    # the verdicts the protocol implies: the AdEx remembers for ~tau_w (>150 ms) and
    # answers a pulse 10 ms later with < half its rate; the LIF forgets within 2 ms
    assert [c.verdict for c in claims] == [
        "fails",
        "fails",
        "fails",
        "holds",
        "holds",
        "holds",
        "holds",
    ]


def test_shorter_adaptation_shortens_the_memory(findings, shorter_memory):
    d = shorter_memory.data
    # gaps scale with tau_w: 150 x (1/30, 1/6, 1/3, 2/3, 4/3) ms
    np.testing.assert_allclose(d.gaps_ms, [5.0, 25.0, 50.0, 100.0, 200.0])
    assert d.tau_slow_ms == pytest.approx(_slow_tau(150.0), rel=1e-9)
    # the recovery follows the slow time constant (15 %: only 3 gaps >= 50 ms to fit)
    assert d.tau_rec_ms == pytest.approx(_slow_tau(150.0), rel=0.15)
    assert d.tau_rec_ms < 0.7 * findings.data.tau_rec_ms
    assert "tau_w 150 ms" in shorter_memory.claims[2].statement


# -- the figure -------------------------------------------------------------------------------
def _same(color, expected) -> bool:
    return mcolors.to_hex(color) == mcolors.to_hex(expected)


def test_plot_draws_the_findings(findings):
    d = findings.data
    fig = cmp.plot(findings)
    assert isinstance(fig, Figure)
    ax_step, ax_raster, ax_rec, ax_lif = fig.axes
    unit_line, rate_line = ax_step.get_lines()[:2]
    assert _same(unit_line.get_color(), ARTIFICIAL) and _same(rate_line.get_color(), SPIKING)
    np.testing.assert_allclose(unit_line.get_ydata(), 1.0)
    np.testing.assert_allclose(rate_line.get_ydata(), d.step_rate_Hz / d.f0_Hz)
    assert "(ms)" in ax_step.get_xlabel()
    # raster: one vertical tick per spike of every condition
    ticks = sum(len(c.get_segments()) for c in ax_raster.collections if hasattr(c, "get_segments"))
    assert ticks == sum(len(tr) for tr in d.trains_ms)
    # recovery panel
    lines = ax_rec.get_lines()
    assert _same(lines[0].get_color(), ARTIFICIAL)
    np.testing.assert_allclose(lines[1].get_ydata(), d.lif_counts[1] / d.lif_counts[0])
    np.testing.assert_allclose(lines[2].get_xdata(), d.gaps_ms)
    np.testing.assert_allclose(lines[2].get_ydata(), d.ratio)
    fine = lines[3].get_xdata()
    np.testing.assert_allclose(lines[3].get_ydata(), 1 - d.fit_depth * np.exp(-fine / d.tau_rec_ms))
    assert fine.min() < 50.0 and fine.max() > d.gaps_ms.max()  # the fit spans its points
    assert lines[4].get_linestyle() == "--" and _same(lines[4].get_color(), THEORY)
    assert ax_rec.get_xscale() == "log" and "(ms)" in ax_rec.get_xlabel()
    # LIF traces
    for j, line in enumerate(ax_lif.get_lines()[:2]):
        np.testing.assert_allclose(line.get_ydata(), d.lif_v_mV[j])
    theory = ax_lif.get_lines()[2]
    assert _same(theory.get_color(), THEORY)
    np.testing.assert_allclose(theory.get_ydata(), d.lif_decay_theory_mV)
    assert ax_lif.get_ylabel() == "LIF membrane potential (mV)"
    assert fig._suptitle is not None
    assert check_figure(fig, findings) == []
    assert "deterministic" in fig.get_supxlabel()


@pytest.mark.slow
def test_full_run_recovers_on_the_adaptation_time_scale():
    full = cmp.run(quick=False, seed=0)
    d = full.data
    assert full.data.gaps_ms.size == len(cmp.GAP_FRACTIONS)
    assert d.adaptation_index > 0.5
    assert np.all(np.diff(d.ratio) > 0)
    assert d.tau_rec_ms == pytest.approx(d.tau_slow_ms, rel=0.10)
    assert d.unit_history_dependence == 0.0
