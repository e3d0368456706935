"""neurosim.bridge.energy against Horowitz's table, hand counts and hand-fitted curves.

References, none of them the code under test:

- M. Horowitz (2014), ISSCC, "Computing's energy problem", energy per operation at
  45 nm, typed here from the paper's table;
- operations of a 2-3-2 network counted by hand (each count's sum written out), and an
  instrumented step-by-step simulation of a tiny rate code that counts what it does;
- isotonic fits worked by hand (pool adjacent violators);
- the int8 network against a float "fake-quantised" forward pass.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from neurosim.bridge import energy as en
from neurosim.bridge.energy import (
    ACCOUNTINGS,
    FP32,
    INT8,
    ann_workload,
    int8_predictions,
    rate_code_workload,
    sram_for,
    ttfs_workload,
)
from neurosim.bridge.metrics import settling_time
from neurosim.bridge.rate_code import rate_code_cost
from neurosim.contract import yardsticks
from neurosim.units import ms

# Horowitz 2014, 45 nm: pJ per operation; SRAM: one 64-bit read
HOROWITZ = {
    "int8 add": 0.03,
    "int32 add": 0.1,
    "int8 mult": 0.2,
    "int32 mult": 3.1,
    "fp32 add": 0.9,
    "fp32 mult": 3.7,
    "SRAM 8 kB read, 64 bit": 10.0,
    "SRAM 32 kB read, 64 bit": 20.0,
    "SRAM 1 MB read, 64 bit": 100.0,
}
ARITHMETIC, MEMORY, STEPPED, EVENT = ACCOUNTINGS


def test_every_constant_is_horowitz_2014():
    assert dict(en.HOROWITZ_2014_PJ) == HOROWITZ
    assert (en.ADD_PJ, en.MULT_PJ, en.MAC_PJ) == (0.9, 3.7, pytest.approx(4.6))
    # SRAM classes: 8 kB 10 pJ, 32 kB 20 pJ, 1 MB 100 pJ per 64 bits
    assert dict(en.SRAM_READ_PJ) == {8192: 10.0, 32768: 20.0, 1048576: 100.0}
    assert (FP32.mac_pJ, FP32.add_pJ, FP32.weight_bytes) == (pytest.approx(4.6), 0.9, 4)
    # int8: 8-bit multiply, 32-bit accumulate; a hidden sum rescaled by a 32-bit multiply
    assert (INT8.mac_pJ, INT8.add_pJ, INT8.mult_pJ) == (pytest.approx(0.3), 0.1, 3.1)
    assert INT8.weight_bytes == 1
    # the "same cost" rule says which way a ratio breaks
    assert (yardsticks.SAME_COST.below, yardsticks.SAME_COST.above) == (
        "spikes cheaper",
        "spikes dearer",
    )
    assert en.MARGIN_POINTS == 1.0


def test_sram_sized_to_the_weights():
    # the lecture's 64-100-10 network: 7,400 weights + 110 biases
    assert sram_for(7400 * 4 + 110 * 4) == 32 * 1024  # fp32: 30,040 B
    assert sram_for(7400 * 1 + 110 * 4) == 8 * 1024  # int8 weights, int32 biases: 7,840 B
    assert sram_for(8192) == 8192 and sram_for(8193) == 32768
    assert sram_for(0) == 8192
    with pytest.raises(ValueError, match="'n_bytes'.*1 MB"):
        sram_for(2 * 1024 * 1024)
    # per-byte scaling: a 32-bit weight from 32 kB = 4/8 of 20 pJ; an int8 one from 8 kB
    assert ann_workload((64, 100, 10)).read_pJ_per_byte * 4 == pytest.approx(10.0)
    assert ann_workload((64, 100, 10), fmt=INT8).read_pJ_per_byte * 1 == pytest.approx(1.25)


# -- a 2-3-2 network, counted by hand (8 kB SRAM: 1.25 pJ per byte) -----------------------

SIZES = (2, 3, 2)
PER_BYTE = 10.0 / 8


def test_ann_counted_by_hand():
    ann = ann_workload(SIZES)
    # MACs 2*3 + 3*2 = 12; biases 3 + 2 = 5 adds; reads 12 weights + 5 biases, 4 B each
    assert (ann.compute.macs, ann.compute.adds, ann.compute.mults) == (12, 5, 0)
    assert ann.compute.bytes_read == 17 * 4
    assert ann.memory_bytes == 68
    arithmetic = 12 * 4.6 + 5 * 0.9
    assert ann.energy_nJ(ARITHMETIC) == pytest.approx(arithmetic / 1e3)
    with_memory = arithmetic + 68 * PER_BYTE
    # an ANN holds no state between images: no updates in either style
    for accounting in (MEMORY, STEPPED, EVENT):
        assert ann.energy_nJ(accounting) == pytest.approx(with_memory / 1e3)
    assert ann.full_nJ() == pytest.approx(with_memory / 1e3)
    # zero inputs skipped: 1 of 2 pixels and 2 of 3 hidden units non-zero: 1*3 + 2*2 = 7
    sparse = ann_workload(SIZES, active_inputs=(1, 2))
    assert sparse.compute.macs == 7
    assert sparse.compute.bytes_read == 7 * 4 + 5 * 4
    # int8: 12 int8 MACs (0.2 + 0.1), 5 int32 bias adds, 3 hidden sums rescaled (3.1);
    # 12 one-byte weights and 5 four-byte biases read
    int8 = ann_workload(SIZES, fmt=INT8)
    arithmetic8 = 12 * 0.3 + 5 * 0.1 + 3 * 3.1
    assert int8.energy_nJ(ARITHMETIC) == pytest.approx(arithmetic8 / 1e3)
    assert int8.full_nJ() == pytest.approx((arithmetic8 + (12 + 20) * PER_BYTE) / 1e3)


def test_rate_code_counted_by_hand():
    # analog input: 4 hidden spikes, 1 output spike, read after 10 steps
    w = rate_code_workload(SIZES, hidden_spikes=4, output_spikes=1, steps=10)
    # the image's currents: 2*3 = 6 MACs + 3 bias adds; 4 spikes x 2 targets = 8 events
    assert (w.compute.macs, w.compute.adds) == (6, 3 + 8)
    # reads: 6 first-layer weights + 8 event weights + 5 biases, 4 B each
    assert w.compute.bytes_read == (6 + 8 + 5) * 4
    # time-stepped: 5 neurons x 10 steps + 5 resets (4 hidden + 1 output spike)
    assert (w.stepped.adds, w.stepped.macs) == (50 + 5, 0)
    # event-driven: 8 arriving events + 5 own spikes + 5 neurons read once
    assert (w.event.macs, w.event.adds) == (8 + 5 + 5, 0)
    arithmetic = 6 * 4.6 + 11 * 0.9
    memory = 19 * 4 * PER_BYTE
    expected = [
        arithmetic,
        arithmetic + memory,
        arithmetic + memory + 55 * 0.9,
        arithmetic + memory + 18 * 4.6,
    ]
    np.testing.assert_allclose(w.table_nJ(), np.array(expected) / 1e3)
    assert w.full_style() == "stepped"  # 49.5 pJ of steps < 82.8 pJ of events
    assert w.full_nJ() == pytest.approx(expected[2] / 1e3)
    # Poisson input: 2 pixel spikes x 3 hidden targets = 6 events instead of the 6 MACs
    p = rate_code_workload(SIZES, hidden_spikes=4, output_spikes=1, steps=10, input_spikes=2)
    assert (p.compute.macs, p.compute.adds) == (0, 6 + 8)
    assert p.compute.bytes_read == (14 + 5) * 4
    assert p.event.macs == 14 + 5 + 5


def test_ttfs_counted_by_hand():
    # 2 pixels spike (each one MAC to compute T (1 - x)), 2 hidden units fire, 20 steps
    w = ttfs_workload(SIZES, input_spikes=2, hidden_spikes=2, steps=20)
    # events: 2 pixels x 3 + 2 hidden x 2 = 10
    assert (w.compute.macs, w.compute.adds) == (2, 10)
    assert w.compute.bytes_read == (10 + 5) * 4
    # time-stepped: 5 neurons x 20 steps; no resets (each fires at most once)
    assert w.stepped.adds == 100
    # event-driven: 10 arriving events + 5 neurons at their window's end
    assert w.event.macs == 15
    arithmetic = 2 * 4.6 + 10 * 0.9
    memory = 15 * 4 * PER_BYTE
    np.testing.assert_allclose(
        w.table_nJ(),
        np.array(
            [
                arithmetic,
                arithmetic + memory,
                arithmetic + memory + 90.0,
                arithmetic + memory + 69.0,
            ]
        )
        / 1e3,
    )
    assert w.full_style() == "event"
    parts = w.parts_nJ("event")
    assert list(parts) == ["arithmetic", "weight reads", "neuron updates"]
    assert sum(parts.values()) == pytest.approx(w.full_nJ())


def test_instrumented_rate_code_counts_what_it_does():
    """A 2-3-2 IF rate code stepped by hand, counting every operation as it goes."""
    x = np.array([0.5, 1.0])
    W1 = np.array([[0.2, -0.1, 0.4], [0.3, 0.2, 0.1]])
    b1 = np.array([0.05, 0.0, -0.02])
    W2 = np.array([[0.6, -0.2], [0.1, 0.5], [0.4, 0.4]])
    b2 = np.array([0.01, 0.02])
    n_steps = 40
    count = dict(macs=0, adds=0, reads=0, step_adds=0)
    # the image's currents, once: a MAC per weight, an add per bias, each read once
    drive = np.zeros(3)
    for j in range(3):
        for i in range(2):
            drive[j] += x[i] * W1[i, j]
            count["macs"] += 1
            count["reads"] += 4
        drive[j] += b1[j]
        count["adds"] += 1
        count["reads"] += 4
    count["reads"] += 2 * 4  # the output biases, read once
    v1, v2 = np.zeros(3), np.zeros(2)
    spikes1 = spikes2 = 0
    for _ in range(n_steps):
        for j in range(3):
            v1[j] += drive[j]
            count["step_adds"] += 1
        for k in range(2):
            v2[k] += b2[k]
            count["step_adds"] += 1
        for j in range(3):
            if v1[j] >= 1:
                v1[j] -= 1
                count["step_adds"] += 1  # reset by subtraction
                spikes1 += 1
                for k in range(2):
                    v2[k] += W2[j, k]
                    count["adds"] += 1
                    count["reads"] += 4
        for k in range(2):
            if v2[k] >= 1:
                v2[k] -= 1
                count["step_adds"] += 1
                spikes2 += 1
    assert spikes1 > 0 and spikes2 > 0  # the count is of a network that does something
    w = rate_code_workload(SIZES, hidden_spikes=spikes1, output_spikes=spikes2, steps=n_steps)
    assert (w.compute.macs, w.compute.adds, w.compute.bytes_read) == (
        count["macs"],
        count["adds"],
        count["reads"],
    )
    assert w.stepped.adds == count["step_adds"]


def test_bad_accounting_names_the_choices():
    with pytest.raises(ValueError, match="'accounting'.*arithmetic only"):
        ann_workload(SIZES).energy_nJ("ops")
    with pytest.raises(ValueError, match="'active_inputs'"):
        ann_workload(SIZES, active_inputs=(3, 1))
    with pytest.raises(ValueError, match="'layer_sizes'"):
        rate_code_workload((2, 3), hidden_spikes=1, output_spikes=1, steps=1)


# -- when a rate code is read --------------------------------------------------------------


def test_the_rate_code_is_read_through_the_isotonic_fit():
    # 7 readouts, 1000 images, the ANN right on all: accuracies 50, 97, 97, 97, 95, 97,
    # 97 %. A late dip: the pool (97, 97, 97, 95) has mean 96.5, so the fit is 50, 96.5,
    # 96.5, 96.5, 96.5, 97, 97. Within 4 points (target 96): the 2nd readout, where the
    # measured curve last enters >= 96 only at the 6th (one image would move it 4 ms).
    t = np.arange(1.0, 8.0)
    acc = [50, 97, 97, 97, 95, 97, 97]
    correct = np.array([[k < 10 * a for k in range(1000)] for a in acc])
    assert settling_time(t, correct, np.ones(1000, bool), 4.0, resamples=10).time == 2.0
    # a margin below the pooled plateau (3.2 points, target 96.8): only after the dip
    assert settling_time(t, correct, np.ones(1000, bool), 3.2, resamples=10).time == 6.0


def _fake_run(predictions, times_ms, hidden, output, fan_out=2):
    return SimpleNamespace(
        readout_times=np.asarray(times_ms) * ms,
        predictions=np.asarray(predictions),
        layer_counts=[np.asarray(hidden), np.asarray(output)],
        fan_out=[fan_out, 0],
    )


def test_rate_code_cost_by_hand():
    # 3 readouts, 4 images, labels 0 1 2 3; the ANN gets images 0-2 right (75 %)
    y = np.array([0, 1, 2, 3])
    ann = np.array([0, 1, 2, 0])
    predictions = [[9, 9, 9, 9], [0, 9, 2, 9], [0, 1, 2, 9]]  # 0 %, 50 %, 75 %
    hidden = [[1, 1, 1, 1], [2, 2, 4, 4], [3, 3, 6, 6]]  # means 1, 3, 4.5
    output = [[0, 0, 0, 0], [1, 0, 1, 0], [2, 1, 2, 1]]  # means 0, 0.5, 1.5
    cost = rate_code_cost(_fake_run(predictions, [1, 2, 3], hidden, output), y, ann)
    np.testing.assert_allclose(cost.accuracy, [0, 50, 75])
    np.testing.assert_allclose(cost.hidden_spikes, [1, 3, 4.5])
    np.testing.assert_allclose(cost.hidden_events, [2, 6, 9])  # x 2 targets
    np.testing.assert_allclose(cost.output_spikes, [0, 0.5, 1.5])
    assert cost.ann_accuracy == 75.0
    # within 1 point of 75 %: the third readout
    assert (cost.settled_ms, cost.settled_index) == (3.0, 2)
    with pytest.raises(ValueError, match="'ann_predictions'"):
        rate_code_cost(_fake_run(predictions, [1, 2, 3], hidden, output), y, ann[:3])


def test_bootstrap_interval_of_the_settling_time():
    # every image right from the second readout on, the ANN right on all: every resample
    # settles at the second readout
    y = np.arange(5)
    predictions = [[9] * 5, list(range(5)), list(range(5))]
    counts = np.zeros((3, 5))
    cost = rate_code_cost(_fake_run(predictions, [1, 2, 3], counts, counts), y, y, seed=3)
    np.testing.assert_array_equal(cost.settled_interval_ms, [2.0, 2.0])
    # a run that never reaches the ANN: the interval is open (inf)
    never = rate_code_cost(_fake_run([[9] * 5] * 3, [1, 2, 3], counts, counts), y, y)
    assert np.isnan(never.settled_ms) and np.all(np.isinf(never.settled_interval_ms))


# -- the int8 ANN --------------------------------------------------------------------------


def test_int8_network_is_its_fake_quantised_float_twin():
    rng = np.random.default_rng(0)
    net = SimpleNamespace(
        weights=[rng.normal(0, 0.5, (6, 5)), rng.normal(0, 0.5, (5, 3))],
        biases=[rng.normal(0, 0.1, 5), rng.normal(0, 0.1, 3)],
    )
    net.layer_activations = lambda X: [np.maximum(0, X @ net.weights[0] + net.biases[0])]
    X_cal, X = rng.uniform(0, 1, (200, 6)), rng.uniform(0, 1, (300, 6))
    # float reference: every number rounded to its 8-bit grid, then ordinary arithmetic
    (w1, w2), (b1, b2) = net.weights, net.biases
    lam = np.percentile(net.layer_activations(X_cal)[0], 99.9)
    s_w1, s_w2 = np.abs(w1).max() / 127, np.abs(w2).max() / 127
    xq = np.clip(np.round(X * 255), 0, 255) / 255
    h = xq @ (np.round(w1 / s_w1) * s_w1) + np.round(b1 / (s_w1 / 255)) * (s_w1 / 255)
    hq = np.clip(np.round(h / (lam / 255)), 0, 255) * (lam / 255)
    z = hq @ (np.round(w2 / s_w2) * s_w2) + np.round(b2 / (s_w2 * lam / 255)) * (s_w2 * lam / 255)
    got = int8_predictions(net, X, X_cal)
    # equal up to ties broken in the last bit of a float (none expected in 300 samples)
    assert np.mean(got == np.argmax(z, axis=1)) >= 299 / 300
    # and close to the float network (8-bit grids move only near-ties)
    float_pred = np.argmax(np.maximum(0, X @ w1 + b1) @ w2 + b2, axis=1)
    assert np.mean(got == float_pred) > 0.9
