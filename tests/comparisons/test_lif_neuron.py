"""The lif_neuron comparison: its numbers against the closed forms, its figure's data."""

import matplotlib.colors as mcolors
import numpy as np
import pytest
from brian2 import Hz, nA
from matplotlib.figure import Figure

from comparisons import lif_neuron
from neurosim.findings import Findings
from neurosim.plotting import SPIKING, THEORY
from neurosim.spiking.theory import lif_rate

DT_MS = 0.1
TAU_MS, E_L, V_TH, V_RESET, R_MOHM, T_REF_MS = 20.0, -65.0, -50.0, -65.0, 100.0, 2.0


@pytest.fixture(scope="module")
def findings():
    return lif_neuron.run(quick=True, seed=0)


def test_module_shape():
    assert lif_neuron.NAME == "lif_neuron"
    assert lif_neuron.QUESTION == "What does a spiking neuron do with its input?"
    assert lif_neuron.__doc__.splitlines()[0].startswith("What a spiking neuron does")


def test_findings_hold_plain_data(findings):
    assert isinstance(findings, Findings)
    assert findings.name == "lif_neuron"
    assert findings.settings["quick"] is True and findings.settings["seed"] == 0
    for key, value in findings.data.items():
        assert not hasattr(value, "dimensions"), key  # no Brian2 quantities
    findings.to_dict()  # JSON-able record


# -- f-I curve ----------------------------------------------------------------------------
def test_fi_points_match_the_closed_form(findings):
    # Truth: lif_rate (checked by hand and against ODE integration in test_theory.py).
    d = findings.data
    theory = np.asarray(lif_rate(d["fi_currents_nA"] * nA) / Hz)
    np.testing.assert_allclose(d["fi_theory_Hz"], theory, rtol=1e-12)
    sim = d["fi_rates_Hz"]
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
    np.testing.assert_array_equal(sim[d["fi_currents_nA"] < 0.15], 0.0)
    assert np.all(sim[d["fi_currents_nA"] > 0.15] > 10)


def test_theory_curve_and_rheobase(findings):
    d = findings.data
    # (V_th - E_L) / R = 15 mV / 100 MOhm = 0.15 nA
    assert d["rheobase_nA"] == pytest.approx(0.15, rel=1e-12)
    np.testing.assert_allclose(
        d["theory_rates_Hz"], np.asarray(lif_rate(d["theory_currents_nA"] * nA) / Hz), rtol=1e-12
    )
    # The ladder 0.99 ... 1.01 x rheobase: fires exactly above it (1e-4 resolution).
    np.testing.assert_array_equal(d["ladder_fires"], [False, False, False, True, True, True])
    assert d["measured_rheobase_nA"] == pytest.approx(0.15 * 1.0001, rel=1e-12)


# -- traces -------------------------------------------------------------------------------
def test_trace_data_shapes_and_units(findings):
    d = findings.data
    n_t = round(lif_neuron.TRACE_WINDOW_MS / DT_MS)
    assert d["trace_t_ms"].shape == (n_t,)
    np.testing.assert_allclose(d["trace_t_ms"][:3], [0.0, 0.1, 0.2])
    assert d["trace_v_mV"].shape == (3, n_t)
    np.testing.assert_allclose(d["trace_currents_nA"], [0.12, 0.16, 0.40])
    # millivolts: between reset and threshold (the spike itself is not in the trace)
    assert d["trace_v_mV"].min() >= V_RESET - 1e-9
    assert d["trace_v_mV"].max() <= V_TH
    assert (d["V_th_mV"], d["V_reset_mV"], d["E_L_mV"], d["t_ref_ms"]) == (
        V_TH, V_RESET, E_L, T_REF_MS)  # fmt: skip


def test_subthreshold_trace_is_the_rc_charging_curve(findings):
    # Truth: V(t) = E_L + R I (1 - exp(-(t - onset)/tau)) after the onset, E_L before.
    d = findings.data
    t, v = d["trace_t_ms"], d["trace_v_mV"][0]
    drive = R_MOHM * 0.12  # R I = 12 mV
    onset = lif_neuron.ONSET_MS
    expected = np.where(t < onset, E_L, E_L + drive * (1 - np.exp(-(t - onset) / TAU_MS)))
    np.testing.assert_allclose(v, expected, atol=1e-6)
    assert d["trace_spikes_ms"][0].size == 0
    assert d["trace_drive_mV"][0] == pytest.approx(12.0)


def test_spike_times_of_the_traces(findings):
    d = findings.data
    onset = lif_neuron.ONSET_MS
    for k, current in ((1, 0.16), (2, 0.40)):
        drive = R_MOHM * current
        time_to_threshold = TAU_MS * np.log(drive / (drive - (V_TH - E_L)))
        period = T_REF_MS + time_to_threshold
        spikes = d["trace_spikes_ms"][k]
        # Brian2 stamps a spike at the start of the step in which V crossed, so each
        # spike time is at most one step before the exact one; the refractory period
        # restarts from the stamp.
        n_expected = int((lif_neuron.TRACE_WINDOW_MS - onset - time_to_threshold) // period) + 1
        assert spikes.size == n_expected
        first = onset + time_to_threshold
        assert first - DT_MS - 1e-9 <= spikes[0] <= first + 1e-9
        intervals = np.diff(spikes)
        assert np.all((intervals > period - DT_MS - 1e-9) & (intervals <= period + 1e-9))
    # by hand: 0.16 nA, T = 20 ms ln(16/1) = 55.45 ms -> 3 spikes in 200 ms;
    # 0.40 nA, T = 20 ms ln(40/25) = 9.40 ms, period 11.40 ms -> 15 spikes
    assert [d["trace_spikes_ms"][k].size for k in range(3)] == [0, 3, 15]
    # trace C's steady rate, by hand: 1 / 11.40 ms = 87.72 Hz (+ at most r^2 dt = 0.8 Hz)
    assert d["trace_rates_Hz"][2] == pytest.approx(87.72 + 0.4, abs=0.45)


# -- claims ---------------------------------------------------------------------------------
def test_claims(findings):
    rheobase, fixed_function, strongest, latency = findings.claims
    assert [c.aspect for c in findings.claims] == [
        "nonlinearity",
        "integration",
        "nonlinearity",
        "timing",
    ]
    claims = {
        "nonlinearity": rheobase,
        "input-output function": fixed_function,
        "output range": strongest,
        "timing": latency,
    }
    d = findings.data
    assert claims["nonlinearity"].value == d["measured_rheobase_nA"]
    assert claims["nonlinearity"].unit == "nA" and claims["nonlinearity"].verdict == "partly"
    assert claims["input-output function"].value < 2.0
    assert claims["input-output function"].unit == "%"
    assert claims["input-output function"].verdict == "holds"
    # strongest input 0.8 nA: lif_rate = 1/(2 ms + 20 ms ln(80/65)) = 163.6 Hz (+ grid bias)
    assert claims["output range"].value == pytest.approx(163.6, abs=3.0)
    assert claims["output range"].unit == "Hz"
    # first spike at 0.16 nA: 55.45 ms after onset, stamped up to one step early
    assert 55.45 - DT_MS <= claims["timing"].value <= 55.45
    assert claims["timing"].verdict == "fails"


def test_same_seed_same_numbers(findings):
    again = lif_neuron.run(quick=True, seed=0)
    np.testing.assert_array_equal(again.data["fi_rates_Hz"], findings.data["fi_rates_Hz"])
    np.testing.assert_array_equal(again.data["trace_v_mV"], findings.data["trace_v_mV"])


# -- figure -----------------------------------------------------------------------------------
def _same_colour(a, b) -> bool:
    return np.allclose(mcolors.to_rgba(a), mcolors.to_rgba(b))


def test_plot_draws_the_findings(findings):
    fig = lif_neuron.plot(findings)
    assert isinstance(fig, Figure)
    axes = fig.axes
    assert len(axes) == 4
    traces, fi_ax = axes[:3], axes[3]
    d = findings.data
    # labels carry units
    assert traces[2].get_xlabel() == "time (ms)"
    assert "(mV)" in traces[1].get_ylabel()
    assert fi_ax.get_xlabel() == "input current (nA)"
    assert fi_ax.get_ylabel() == "firing rate (Hz)"
    # each trace panel draws its voltage in the spiking colour
    for k, ax in enumerate(traces):
        lines = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == d["trace_t_ms"].size]
        assert len(lines) == 1
        np.testing.assert_array_equal(lines[0].get_ydata(), d["trace_v_mV"][k])
        assert _same_colour(lines[0].get_color(), SPIKING)
        # threshold line at -50 mV
        assert any(np.allclose(ln.get_ydata(), V_TH) for ln in ax.get_lines())
        # one vertical spike line per spike
        spikes = [
            c for c in ax.collections if len(c.get_segments()) == d["trace_spikes_ms"][k].size
        ]
        assert d["trace_spikes_ms"][k].size == 0 or spikes
    # f-I: closed form black dashed, simulation as points in the spiking colour
    lines = fi_ax.get_lines()
    theory = [ln for ln in lines if ln.get_linestyle() == "--"]
    assert len(theory) == 1 and _same_colour(theory[0].get_color(), THEORY)
    np.testing.assert_array_equal(theory[0].get_ydata(), d["theory_rates_Hz"])
    points = [ln for ln in lines if len(ln.get_xdata()) == d["fi_currents_nA"].size]
    assert len(points) == 1 and points[0].get_linestyle() == "None"
    assert _same_colour(points[0].get_color(), SPIKING)
    np.testing.assert_array_equal(points[0].get_ydata(), d["fi_rates_Hz"])
    # rheobase marked
    assert any(
        np.allclose(ln.get_xdata(), d["rheobase_nA"]) and ln.get_linestyle() == ":" for ln in lines
    )


@pytest.mark.slow
def test_full_run_matches_the_closed_form():
    full = lif_neuron.run(quick=False, seed=0)
    d = full.data
    theory = np.asarray(lif_rate(d["fi_currents_nA"] * nA) / Hz)
    assert np.all(np.abs(d["fi_rates_Hz"] - theory) <= np.maximum(0.02 * theory, 1.0))
    assert full.settings["duration_s"] == 1.0
