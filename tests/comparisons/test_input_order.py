"""input_order: the same inputs in two orders along a dendrite, against hand-worked truths.

Truths used here (none of them is the code under test):

* The preferred order: K = 8 jumps of 2.5 mV arrive in the same step, 20 mV > the 15 mV
  from rest to threshold, so the neuron fires once per sequence (hand-worked).
* The reverse order: the same jumps 2 * 2 ms apart, decaying with tau_m = 20 ms between
  them, peak at the geometric sum 2.5 (1 - q^8) / (1 - q) mV, q = exp(-4/20): 11.007 mV,
  short of 15 mV (closed form, written out here).
* The membrane of both neurons re-simulated in plain numpy on the same grid (exact
  decay per step, jumps arriving at the sequence's times computed here, Brian2's order
  within a step: state update, threshold, jumps gated by refractoriness, reset).
* The logistic unit by hand: every input fires once per 130 ms sequence (2 * 7 * 2 ms
  + 5 * 20 ms = 128 ms, rounded up to 10 ms), r = 1 / 0.13 s, so its output is
  sigmoid((K w r tau_m - 15 mV) / s), s = sqrt(w^2 K r tau_m / 2) (Campbell), in both
  orders.
"""

import math

import matplotlib
import numpy as np
import pytest

from neurosim.comparisons import input_order as cmp
from neurosim.contract.module import check_figure, check_findings
from neurosim.units import ms

matplotlib.use("Agg")

E_L, V_TH, V_RESET, TAU, T_REF, DT = -65.0, -50.0, -65.0, 20.0, 2.0, 0.1  # mV, ms
K, W, DELAY, START, PERIOD = 8, 2.5, 2.0, 20.0, 130.0  # inputs, mV, ms, ms, ms


@pytest.fixture(scope="module")
def findings(quick_run):
    return quick_run("input_order")[0]


def _arrivals_by_hand(order: str) -> np.ndarray:
    """Arrival time (ms) of each input k (0 nearest) in the first sequence."""
    k = np.arange(K)
    fire = START + DELAY * ((K - 1 - k) if order == "preferred" else k)
    return fire + DELAY * k


def _membrane_by_hand(arrivals_ms: np.ndarray, n_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """The LIF on the dt grid in numpy: potential per step and spike steps."""
    jumps = np.zeros(n_steps)
    np.add.at(jumps, np.round(arrivals_ms / DT).astype(int), W)
    decay = math.exp(-DT / TAU)
    v, last, trace, spikes = E_L, -(10**9), np.empty(n_steps), []
    for m in range(n_steps):
        ready = m - last >= round(T_REF / DT)
        if ready:
            v = E_L + (v - E_L) * decay
        if ready and v > V_TH:
            spikes.append(m)
            last, v = m, V_RESET
        elif ready:
            v += jumps[m]  # jumps are dropped while refractory
        trace[m] = v
    return trace, np.array(spikes)


def test_the_sequences_are_the_delay_line_worked_by_hand(findings):
    d = findings.data
    assert (d.n_inputs, d.weight_mV, d.delay_ms, d.tau_m_ms) == (K, W, DELAY, TAU)
    assert d.period_ms == PERIOD
    np.testing.assert_allclose(d.fire_ms[0], START + DELAY * np.arange(K - 1, -1, -1))
    np.testing.assert_allclose(d.arrive_ms[0], 34.0)  # 20 + 7 * 2: all at once
    np.testing.assert_allclose(d.arrive_ms[1], START + 2 * DELAY * np.arange(K))  # 4 ms apart
    for k, order in enumerate(cmp.ORDERS):
        np.testing.assert_allclose(d.arrive_ms[k], _arrivals_by_hand(order), atol=1e-9)
    # the quick run presents each sequence 4 times, one input spike each per sequence
    assert d.duration_s == pytest.approx(4 * PERIOD * 1e-3)


def test_the_preferred_order_fires_and_the_reverse_order_peaks_at_the_geometric_sum(findings):
    d = findings.data
    np.testing.assert_array_equal(d.spikes_per_presentation, [1.0, 0.0])
    assert K * W == 20.0 > V_TH - E_L
    q = math.exp(-2 * DELAY / TAU)
    geometric = W * (1 - q**K) / (1 - q)  # 11.0072 mV
    assert geometric == pytest.approx(11.0072, abs=1e-4) and geometric < V_TH - E_L
    assert d.peak_theory_mV == pytest.approx(geometric, rel=1e-12)
    # the recorded trace: exact integration and arrivals on the grid, so the peak is
    # the geometric sum up to float rounding (1e-9 mV)
    _, v, spikes = d.trace(1)
    assert spikes.size == 0
    assert v.max() - E_L == pytest.approx(geometric, abs=1e-9)
    assert d.peak_reverse_mV == pytest.approx(geometric, abs=1e-9)


def test_a_numpy_membrane_reproduces_both_traces_and_every_spike(findings):
    d = findings.data
    n_steps = d.t_ms.size
    np.testing.assert_allclose(d.t_ms, DT * np.arange(n_steps), atol=1e-9)
    presentations = round(d.duration_s * 1e3 / PERIOD)
    for k, order in enumerate(cmp.ORDERS):
        arrivals = np.concatenate([_arrivals_by_hand(order) + PERIOD * j for j in range(4)])
        v, spikes = _membrane_by_hand(arrivals, n_steps)
        # Brian2 records at the start of a step, before its update: the record at step m
        # is the state after step m - 1. Exact decay on both sides: float rounding only
        assert d.v_mV[k][0] == E_L
        np.testing.assert_allclose(d.v_mV[k][1:], v[:-1], atol=1e-9)
        # Brian2 stamps a spike at its step's time; one step tolerance for the stamp
        np.testing.assert_allclose(d.spikes_ms[k], spikes * DT, atol=DT + 1e-9)
        assert d.spikes_per_presentation[k] == spikes.size / presentations
    # the preferred neuron fires in the step after the 20 mV jump, 34.1 ms + j * 130 ms
    np.testing.assert_allclose(d.spikes_ms[0], 34.1 + PERIOD * np.arange(4), atol=DT + 1e-9)


def test_the_unit_gives_both_orders_the_same_output_to_the_last_bit(findings):
    d = findings.data
    assert d.unit_output[0] == d.unit_output[1]
    rate = 1 / (PERIOD * 1e-3)  # Hz: one spike per input per sequence
    mean = K * W * rate * TAU * 1e-3  # Campbell: 3.08 mV
    s = math.sqrt(W**2 * K * rate * TAU * 1e-3 / 2)  # 1.96 mV
    expected = 1 / (1 + math.exp(-(mean - (V_TH - E_L)) / s))  # 0.00228
    assert d.unit_output[0] == pytest.approx(expected, rel=1e-12)


def test_claims_carry_the_measured_numbers(findings):
    d = findings.data
    assert check_findings(cmp, findings) == []
    unit, order, peak = findings.claims
    assert unit.about == "artificial" and unit.value == 0.0 and unit.verdict == "holds"
    assert unit.by_construction and not unit.counted
    # the key claim moved from spike_timing_matters: same statement, rule, label, value
    assert order.label == "input order: reverse / preferred"
    assert (order.aspect, order.key, order.about) == ("timing", True, "analogy")
    assert order.value == 0.0 and order.verdict == "fails"
    assert order.direction == "the order matters"
    assert peak.about == "spiking" and peak.unit == "mV" and peak.verdict == "holds"
    assert peak.value == abs(d.peak_reverse_mV - d.peak_theory_mV) < 1e-9
    # the peak's tolerance: 8 jumps, each off by at most dt / 2 on the grid
    assert peak.rule.holds == (None, pytest.approx(K * W * DT / (2 * TAU)))
    assert all(c.deterministic for c in findings.claims)
    for c in findings.claims:
        assert not any(ch.isdigit() for ch in c.statement), c.statement


def test_a_longer_membrane_time_constant_lets_the_reverse_order_fire_too():
    # tau_m = 50 ms: q = exp(-4/50), the geometric sum 2.5 (1 - q^8) / (1 - q) = 16.5 mV
    # > 15 mV, so the reverse order crosses threshold at its last arrival
    q = math.exp(-4 / 50)
    assert W * (1 - q**K) / (1 - q) > V_TH - E_L
    again = cmp.run(quick=True, tau_m=50 * ms)
    d = again.data
    np.testing.assert_array_equal(d.spikes_per_presentation, [1.0, 1.0])
    order, peak = again.claims[1:]
    assert order.value == 1.0 and order.verdict == "holds"
    # the recorded peak is the crossing jump's: the sum of all 8 (the 7 first give
    # 13.9 mV < 15 mV), 15.37 mV, recorded before the threshold check resets it
    sums = [W * (1 - q**n) / (1 - q) for n in (7, 8)]
    assert sums[0] < V_TH - E_L < sums[1] == pytest.approx(15.37, abs=0.01)
    assert d.peak_reverse_mV == pytest.approx(sums[1], abs=1e-9)
    assert d.peak_theory_mV == pytest.approx(sums[1], rel=1e-12)
    assert peak.verdict == "holds"
    assert "the neuron too answers both alike" in cmp.plot(again).get_suptitle()
    assert d.period_ms == 280.0  # 2 * 7 * 2 + 5 * 50 = 278 ms, rounded up to 10 ms


def test_plot_draws_the_findings(findings):
    d = findings.data
    fig = cmp.plot(findings)
    assert check_figure(fig, findings) == []
    lines = [ln for ax in fig.axes for ln in ax.get_lines()]
    for k in (0, 1):
        _, v, _ = d.trace(k)
        assert any(
            np.array_equal(ln.get_ydata(), v) for ln in lines if ln.get_color() == cmp.SPIKING
        )
        arrived = [ln for ln in lines if ln.get_marker() == "o" and ln.get_mfc() != "white"]
        assert any(np.array_equal(ln.get_xdata(), d.arrive_ms[k]) for ln in arrived)
    assert "the neuron fires for one order only" in fig.get_suptitle()
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "peaks 11.0 mV above rest" in texts and "8 × 2.5 mV = 20 mV" in texts
    assert texts.count(f"{d.unit_output[0]:.2g}") == 2  # the unit's output, in both panels
    # each trace's window runs from 10 ms before the first input to one tau_m after the
    # last arrival: 10 to 68 ms
    assert d.window_ms == (10.0, 68.0)
