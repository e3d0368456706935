"""spikes_can_be_cheap: spike times, counts, energies and accuracies against references.

The references are written here from the definitions, not from the code under test:

- the ANN: a plain numpy forward pass ``relu(X W1 + b1) W2 + b2`` of the trained weights;
  its int8 twin as a float forward pass on 8-bit grids (fake quantisation);
- TTFS (Rueckauer & Liu 2018, rectified-linear mapping with one window T per layer): a
  pixel x spikes at T (1 - x), a hidden unit of activation a at T + T (1 - min(a, lambda)
  / lambda) with lambda the 99.9th percentile of its layer's training activations, never
  if a = 0; on a clock of step dt at the first tick at or after that time;
- events: each active unit spikes once, so non-zero pixels x 100 + active hidden x 10,
  counted from the activations;
- the rate code: the integrate-and-fire network re-simulated in numpy (Euler steps, reset
  by subtraction, weight normalisation at the 99.9th percentile: Diehl et al. 2015,
  Rueckauer et al. 2017), as in cost_of_spikes' tests; read where a pool-adjacent-
  violators fit written here reaches the ANN's accuracy minus 1 point;
- energies: Horowitz 2014 (ISSCC), 45 nm: fp32 add 0.9 pJ, multiply 3.7 pJ; int8
  multiply 0.2 pJ, int32 add 0.1 pJ, multiply 3.1 pJ; a 64-bit read from a 32 kB SRAM
  20 pJ, from an 8 kB SRAM 10 pJ; the operation counts of each accounting by hand.
"""

from dataclasses import is_dataclass
from types import SimpleNamespace

import numpy as np
import pytest

from neurosim.artificial.digits import digit_classifier, digits_split
from neurosim.bridge.ttfs import convert_ttfs
from neurosim.comparisons import spikes_can_be_cheap as comp
from neurosim.contract.module import check_figure, check_findings, check_module
from neurosim.units import ms

PERCENTILE = 99.9
MAX_RATE = 200.0  # Hz, the rate conversion's default
ADD, MULT = 0.9, 3.7  # pJ, Horowitz 2014, fp32
MAC = ADD + MULT
INT8_MAC, INT32_ADD, INT32_MULT = 0.2 + 0.1, 0.1, 3.1
FP32_BYTE, INT8_BYTE = 20.0 / 8, 10.0 / 8  # pJ per byte: 32 kB and 8 kB SRAMs


def _plain(findings, name):
    return findings.settings["parameters"][name]["value"]


def _claim(findings, label):
    return next(c for c in findings.claims if c.label == label)


@pytest.fixture(scope="module")
def quick(quick_run):
    return quick_run(comp.NAME)[0]


@pytest.fixture(scope="module")
def ref(quick):
    """The ANN and the TTFS spike times from the definitions, for the quick run's images."""
    stride = _plain(quick, "image_stride")
    split = digits_split(0)
    X, y = split.X_test[::stride], split.y_test[::stride]
    net = digit_classifier("relu", seed=0, epochs=_plain(quick, "epochs"))
    W1, W2 = net.weights
    b1, b2 = net.biases
    hidden = np.maximum(0.0, X @ W1 + b1)
    lam = np.percentile(np.maximum(0.0, split.X_train @ W1 + b1), PERCENTILE)
    T, dt = _plain(quick, "window"), _plain(quick, "dt")
    # clocked TTFS, from the definition: spike at the first tick at or after the crossing
    t_in = np.where(X > 0, np.ceil(T * (1 - X) / dt - 1e-9) * dt, np.inf)
    x_q = np.where(np.isfinite(t_in), 1 - t_in / T, 0.0)  # what the spike times carry
    h_q = np.maximum(0.0, x_q @ W1 + b1)
    t_hid = np.where(
        h_q > 0, T + np.ceil(T * (1 - np.minimum(h_q / lam, 1)) / dt - 1e-9) * dt, np.inf
    )
    a_q = np.where(np.isfinite(t_hid), lam * (1 - (t_hid - T) / T), 0.0)
    # int8 twin: every number on its 8-bit grid (inputs 1/255, hidden lambda/255)
    s1, s2 = np.abs(W1).max() / 127, np.abs(W2).max() / 127
    xq8 = np.round(X * 255) / 255
    h8 = xq8 @ (np.round(W1 / s1) * s1) + np.round(b1 * 255 / s1) * s1 / 255
    h8 = np.clip(np.round(h8 / (lam / 255)), 0, 255) * lam / 255
    z8 = h8 @ (np.round(W2 / s2) * s2) + np.round(b2 * 255 / (s2 * lam)) * s2 * lam / 255
    return SimpleNamespace(
        split=split,
        X=X,
        y=y,
        net=net,
        W1=W1,
        W2=W2,
        b1=b1,
        b2=b2,
        hidden=hidden,
        lam=lam,
        ann_acc=100 * np.mean(np.argmax(hidden @ W2 + b2, axis=1) == y),
        int8_acc=100 * np.mean(np.argmax(z8, axis=1) == y),
        t_in=t_in,
        t_hid=t_hid,
        ttfs_acc=100 * np.mean(np.argmax(a_q @ W2 + b2, axis=1) == y),
        spikes=np.array(
            [np.isfinite(t_in).sum(axis=1).mean(), np.isfinite(t_hid).sum(axis=1).mean()]
        ),
    )


def test_module_keeps_the_contract(quick):
    assert check_module(comp) == []
    assert check_findings(comp, quick) == []
    assert check_figure(comp.plot(quick), quick) == []
    # the data plot() reads is one frozen dataclass: a misspelt field fails at once
    assert is_dataclass(quick.data) and type(quick.data).__dataclass_params__.frozen
    # one key claim for the cost row: TTFS against the ANN it should be compared with
    keys = [c for c in quick.claims if c.key]
    assert [(c.aspect, c.label) for c in keys] == [("cost", "TTFS / zero-skipping ANN, full count")]


def test_exact_spike_times_are_the_closed_form_and_follow_the_activations(ref):
    T = 10.0
    res = convert_ttfs(ref.net, ref.split.X_train, window_ms=T, dt_ms=None).run(ref.X)
    # pixels: T (1 - x); zero pixels never
    expected_in = np.where(ref.X > 0, T * (1 - ref.X), np.inf)
    np.testing.assert_array_equal(np.isfinite(res.spike_times[0]), np.isfinite(expected_in))
    fin = np.isfinite(expected_in)
    # float rounding of a sum of ~60 products: 1e-9 ms
    np.testing.assert_allclose(res.spike_times[0][fin], expected_in[fin], atol=1e-9)
    a = np.minimum(ref.hidden, ref.lam)
    expected = np.where(ref.hidden > 0, T + T * (1 - a / ref.lam), np.inf)
    np.testing.assert_array_equal(np.isfinite(res.spike_times[1]), ref.hidden > 0)
    fin = ref.hidden > 0
    np.testing.assert_allclose(res.spike_times[1][fin], expected[fin], atol=1e-9)
    # the spike order is the activation order (unclipped units of each image)
    for n in range(0, len(ref.X), 7):
        keep = (ref.hidden[n] > 0) & (ref.hidden[n] < ref.lam)
        t, h = res.spike_times[1][n, keep], ref.hidden[n, keep]
        np.testing.assert_array_equal(np.argsort(t, kind="stable"), np.argsort(-h, kind="stable"))
    # each neuron at most one spike: one time per neuron, by construction of the result
    assert res.spike_times[1].shape == ref.hidden.shape
    # output: the ANN's logits from the clipped activations, in units of T
    np.testing.assert_allclose(res.output_v, a @ ref.W2 + ref.b2, atol=1e-9)
    # exact TTFS = the ANN up to clipping: predictions agree on all but clipped images
    ann_pred = np.argmax(ref.hidden @ ref.W2 + ref.b2, axis=1)
    assert np.mean(res.predictions == ann_pred) >= 0.99  # clipping touches 0.1 % of units


def test_clocked_spike_times_from_the_definition(quick, ref):
    dt = _plain(quick, "dt")
    res = convert_ttfs(ref.net, ref.split.X_train, window_ms=_plain(quick, "window"), dt_ms=dt).run(
        ref.X
    )
    for got, want in zip(res.spike_times, (ref.t_in, ref.t_hid)):
        np.testing.assert_array_equal(np.isfinite(got), np.isfinite(want))
        fin = np.isfinite(want)
        np.testing.assert_allclose(got[fin], want[fin], atol=1e-9)
        # on the clock: whole multiples of dt
        np.testing.assert_allclose(got[fin] / dt, np.round(got[fin] / dt), atol=1e-6)


def test_spikes_and_events_counted_by_hand_from_the_activations(quick, ref):
    d = quick.data
    np.testing.assert_allclose(d.ttfs_spikes, ref.spikes, rtol=1e-12)
    np.testing.assert_allclose(d.ttfs_events, ref.spikes @ [100, 10], rtol=1e-12)
    # exact timing: non-zero pixels x 100 + active hidden units x 10, from the ANN alone
    res = convert_ttfs(ref.net, ref.split.X_train, dt_ms=None).run(ref.X)
    by_hand = np.count_nonzero(ref.X, axis=1) * 100 + np.count_nonzero(ref.hidden, axis=1) * 10
    np.testing.assert_array_equal(res.synaptic_events(), by_hand)
    # the zero-skipping ANN's inputs: non-zero pixels and active hidden units
    active = [np.count_nonzero(ref.X, axis=1).mean(), (ref.hidden > 0).sum(1).mean()]
    np.testing.assert_allclose(d.active_inputs, active)
    events = _claim(quick, "TTFS events / zero-skipping MACs")
    assert events.value == pytest.approx(
        ref.spikes @ [100, 10] / (active[0] * 100 + active[1] * 10)
    )
    # spikes up to a time: none before the first, all by the decision
    assert res.events_until([-1.0])[0] == 0
    np.testing.assert_allclose(res.spikes_until([2 * res.window_ms])[:, 0], ref_spikes_exact(ref))


def ref_spikes_exact(ref):
    return [np.count_nonzero(ref.X, axis=1).mean(), np.count_nonzero(ref.hidden, axis=1).mean()]


def test_accuracies_against_numpy(quick, ref):
    acc = dict(zip(comp.NETWORKS, quick.data.accuracy))
    assert acc["ANN fp32"] == pytest.approx(ref.ann_acc)
    assert acc["ANN int8"] == pytest.approx(ref.int8_acc)
    assert acc["TTFS"] == pytest.approx(ref.ttfs_acc)
    assert _claim(quick, "TTFS: accuracy lost").value == pytest.approx(ref.ann_acc - ref.ttfs_acc)
    assert _claim(quick, "int8 ANN: accuracy lost").value == pytest.approx(
        ref.ann_acc - ref.int8_acc
    )


def _pava(values):
    """Least-squares non-decreasing fit, pool adjacent violators, written out."""
    blocks = []  # [mean, count]
    for v in values:
        blocks.append([float(v), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, n2 = blocks.pop()
            m1, n1 = blocks.pop()
            blocks.append([(m1 * n1 + m2 * n2) / (n1 + n2), n1 + n2])
    return np.concatenate([[m] * n for m, n in blocks])


def _rate_code_numpy(quick, ref):
    """The analog-input IF network in numpy: spikes and accuracy per 1 ms readout."""
    split = ref.split
    train_hidden = np.maximum(0.0, split.X_train @ ref.W1 + ref.b1)
    lam1 = np.percentile(train_hidden, PERCENTILE)
    logits = train_hidden @ ref.W2 + ref.b2
    shift = max(0.0, -np.percentile(logits.max(axis=1), 1.0)) + 1e-9
    lam2 = np.percentile(logits.max(axis=1) + shift, PERCENTILE)
    drive1 = (ref.X @ ref.W1 + ref.b1) * MAX_RATE / lam1
    jump2 = ref.W2 * lam1 / lam2
    bias2 = (ref.b2 + shift) * MAX_RATE / lam2
    dt = _plain(quick, "dt") * 1e-3
    n_steps = round(_plain(quick, "rate_duration") * 1e-3 / dt)
    every = round(comp.READOUT_MS * 1e-3 / dt)
    n = len(ref.y)
    v1, v2 = np.zeros_like(drive1), np.zeros((n, 10))
    c1, c2 = np.zeros(n), np.zeros_like(v2)
    hidden_spikes, output_spikes, correct = [], [], []
    for step in range(n_steps + 1):
        if step > 0 and step % every == 0:
            hidden_spikes.append(c1.mean())
            output_spikes.append(c2.sum(axis=1).mean())
            correct.append(np.argmax(c2 + np.clip(v2, -1.0, 1.0), axis=1) == ref.y)
        if step == n_steps:
            break
        v1 = v1 + dt * drive1
        v2 = v2 + dt * bias2
        s1, s2 = v1 >= 1.0, v2 >= 1.0
        v2 = v2 + s1.astype(float) @ jump2
        c1 += s1.sum(axis=1)
        c2 += s2
        v1 = np.where(s1, v1 - 1.0, v1)
        v2 = np.where(s2, v2 - 1.0, v2)
    return SimpleNamespace(
        hidden=np.array(hidden_spikes),
        output=np.array(output_spikes),
        accuracy=100 * np.mean(correct, axis=1),
    )


def _read_index(accuracy, ann_acc):
    """First readout where the isotonic fit reaches the ANN's accuracy - 1 point."""
    reached = np.flatnonzero(_pava(accuracy) >= ann_acc - 1 - 1e-9)
    return int(reached[0]) if reached.size else len(accuracy) - 1


@pytest.fixture(scope="module")
def rate_ref(quick, ref):
    return _rate_code_numpy(quick, ref)


def test_rate_code_from_a_numpy_re_simulation(quick, ref, rate_ref):
    d = quick.data
    n = len(ref.y)
    # the same Euler steps: a count may differ where a potential sits at threshold within
    # rounding (< 2 spikes over all images per readout); the accuracy by <= 2 images
    np.testing.assert_allclose(d.rate_hidden_events, rate_ref.hidden * 10, atol=2 * 10 / n)
    assert np.max(np.abs(d.rate_accuracy - rate_ref.accuracy)) * n / 100 <= 2 + 1e-9
    # read where a fit written here says (on the measured curve: two images on the plateau
    # may move the numpy curve's crossing by several ms)
    k = _read_index(d.rate_accuracy, ref.ann_acc)
    assert d.rate_read_index == k
    assert d.rate_read_ms == pytest.approx((k + 1) * comp.READOUT_MS)


def _table_by_hand(quick, ref, rate_ref):
    """Energy per image (nJ) of every network under every accounting, counted by hand."""
    dt, T = _plain(quick, "dt"), _plain(quick, "window")
    fp32_weights = (64 * 100 + 100 * 10) * 4 + 110 * 4  # 30,040 B: a 32 kB SRAM
    assert 8 * 1024 < fp32_weights <= 32 * 1024
    assert 64 * 100 + 100 * 10 + 110 * 4 <= 8 * 1024  # int8 weights, int32 biases
    nz_pix, active_h = ref_spikes_exact(ref)

    def ann(macs, mac_pJ, add_pJ, mults_pJ, weight_bytes, byte_pJ):
        arithmetic = macs * mac_pJ + 110 * add_pJ + mults_pJ
        reads = (macs * weight_bytes + 110 * 4) * byte_pJ
        return [arithmetic, arithmetic + reads, arithmetic + reads, arithmetic + reads]

    def snn(macs, adds, events, stepped_adds, event_macs):
        arithmetic = macs * MAC + adds * ADD
        reads = (macs_read(macs, events) + 110) * 4 * FP32_BYTE
        with_memory = arithmetic + reads
        return [
            arithmetic,
            with_memory,
            with_memory + stepped_adds * ADD,
            with_memory + event_macs * MAC,
        ]

    def macs_read(macs, events):
        return events + (6400 if macs == 6400 else 0)  # the rate code reads layer 1 once

    k = _read_index(quick.data.rate_accuracy, ref.ann_acc)
    hid, out = rate_ref.hidden[k], rate_ref.output[k]
    rate_steps = round((k + 1) * comp.READOUT_MS / dt)
    ttfs_in, ttfs_hid = ref.spikes
    ttfs_events = ttfs_in * 100 + ttfs_hid * 10
    table = {
        "ANN fp32": ann(7400, MAC, ADD, 0, 4, FP32_BYTE),
        "ANN int8": ann(7400, INT8_MAC, INT32_ADD, 100 * INT32_MULT, 1, INT8_BYTE),
        "ANN skipping zeros": ann(nz_pix * 100 + active_h * 10, MAC, ADD, 0, 4, FP32_BYTE),
        "rate code": snn(
            6400,
            100 + hid * 10,
            hid * 10,
            110 * rate_steps + hid + out,
            hid * 10 + hid + out + 110,
        ),
        "TTFS": snn(
            ttfs_in,
            ttfs_events,
            ttfs_events,
            110 * round(2 * T / dt),
            ttfs_events + 110,
        ),
    }
    return np.array([table[name] for name in comp.NETWORKS]).T / 1e3


def test_accounting_table_by_hand(quick, ref, rate_ref):
    d = quick.data
    expected = _table_by_hand(quick, ref, rate_ref)
    # TTFS and the ANNs: exact; the rate code: its spike counts may differ from numpy's by
    # 2 spikes over all images (see above): < 0.01 nJ per image
    np.testing.assert_allclose(d.table_nJ[:, :3], expected[:, :3], rtol=1e-12)
    np.testing.assert_allclose(d.table_nJ[:, 4], expected[:, 4], rtol=1e-12)
    np.testing.assert_allclose(d.table_nJ[:, 3], expected[:, 3], atol=0.01)
    # the full count: the cheaper of the two update styles
    np.testing.assert_allclose(d.full_nJ, np.minimum(d.table_nJ[2], d.table_nJ[3]))
    np.testing.assert_allclose(d.full_parts_nJ.sum(axis=1), d.full_nJ)
    np.testing.assert_allclose(d.sram_kB, [32, 8, 32, 32, 32])


def test_claims_are_ratios_of_the_table(quick):
    arithmetic = dict(zip(comp.NETWORKS, quick.data.table_nJ[0]))
    full = dict(zip(comp.NETWORKS, quick.data.full_nJ))
    expected = {
        "TTFS / zero-skipping ANN, full count": full["TTFS"] / full["ANN skipping zeros"],
        "TTFS / ANN, arithmetic only": arithmetic["TTFS"] / arithmetic["ANN fp32"],
        "TTFS / zero-skipping ANN, arithmetic only": arithmetic["TTFS"]
        / arithmetic["ANN skipping zeros"],
        "TTFS / ANN, full count": full["TTFS"] / full["ANN fp32"],
        "TTFS / int8 ANN, full count": full["TTFS"] / full["ANN int8"],
    }
    for label, value in expected.items():
        claim = _claim(quick, label)
        assert claim.value == pytest.approx(value, rel=1e-12)
        assert (claim.rule.below, claim.rule.above) == ("spikes cheaper", "spikes dearer")


def test_energy_over_time_ends_at_the_table(quick):
    d = quick.data
    stepped = dict(zip(comp.NETWORKS, d.table_nJ[2]))
    # read where the class is read: the rate code at its settling time, TTFS at 2 T
    assert d.rate_energy_nJ[d.rate_read_index] == pytest.approx(stepped["rate code"])
    assert d.ttfs_times_ms[-1] == pytest.approx(d.decision_ms)
    assert d.ttfs_energy_nJ[-1] == pytest.approx(stepped["TTFS"])
    # energy only grows with time
    assert np.all(np.diff(d.rate_energy_nJ) >= 0) and np.all(np.diff(d.ttfs_energy_nJ) >= 0)


def test_plot_shows_the_data(quick):
    d = quick.data
    fig = comp.plot(quick)
    ax = fig.axes[0]
    lines = [li for li in ax.get_lines() if len(li.get_xdata()) > 2]
    np.testing.assert_allclose(lines[0].get_ydata(), d.rate_energy_nJ)
    np.testing.assert_allclose(lines[1].get_xdata(), d.ttfs_times_ms)
    np.testing.assert_allclose(lines[1].get_ydata(), d.ttfs_energy_nJ)
    assert ax.get_xlim()[1] >= d.rate_times_ms[-1]
    # the table: every cell's number, row by row
    shown = [t.get_text() for t in fig.axes[1].texts]
    for value in d.table_nJ.ravel():
        assert f"{value:.3g}" in shown
    # the bars: each network's three parts stacked
    heights = np.array([p.get_height() for p in fig.axes[2].patches[:15]]).reshape(5, 3)
    np.testing.assert_allclose(heights, d.full_parts_nJ)


def test_changed_parameters_change_the_result(quick):
    slow = comp.run(quick=True, seed=0, window=20 * ms)
    assert slow.data.decision_ms == pytest.approx(2 * quick.data.decision_ms)
    # twice the window: twice the steps of time-stepped updates, the same spikes
    np.testing.assert_allclose(slow.data.ttfs_spikes, quick.data.ttfs_spikes, rtol=0.02)
    steps = [r.data.table_nJ[2, 4] - r.data.table_nJ[1, 4] for r in (quick, slow)]
    assert steps[1] == pytest.approx(2 * steps[0])
    # statements name no measured number: the same sentences for other values
    assert [c.statement for c in slow.claims] == [c.statement for c in quick.claims]
    assert [c.value for c in slow.claims] != [c.value for c in quick.claims]


def test_shared_rate_code_survives_the_disk_cache(tmp_path):
    from neurosim.bridge import rate_code
    from neurosim.bridge.rate_code import RateCodeCost

    cost = RateCodeCost(
        times_ms=np.array([1.0, 2.0]),
        accuracy=np.array([50.0, 100.0]),
        hidden_events=np.array([20.0, 40.0]),
        hidden_spikes=np.array([2.0, 4.0]),
        output_spikes=np.array([0.0, 1.0]),
        ann_accuracy=99.0,
        settled_ms=2.0,
        settled_index=1,
        settled_interval_ms=np.array([2.0, np.inf]),
    )
    rate_code._save(cost, tmp_path / "r.npz")
    back = rate_code._load(tmp_path / "r.npz")
    for name in rate_code._ARRAYS:
        np.testing.assert_array_equal(getattr(back, name), getattr(cost, name))
    assert (back.ann_accuracy, back.settled_ms, back.settled_index) == (99.0, 2.0, 1)
    assert isinstance(back.settled_index, int)
