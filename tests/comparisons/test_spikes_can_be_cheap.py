"""spikes_can_be_cheap: TTFS spike times, events and accuracy against numpy references.

The references are written here from the definitions, not from the code under test:

- the ANN: a plain numpy forward pass ``relu(X W1 + b1) W2 + b2`` of the trained weights;
- TTFS (Rueckauer & Liu 2018, rectified-linear mapping with one window T per layer): a
  pixel x spikes at T (1 - x), a hidden unit of activation a at T + T (1 - min(a, lambda)
  / lambda) with lambda the 99.9th percentile of its layer's training activations, never
  if a = 0; on a clock of step dt at the first tick at or after that time;
- events: each active unit spikes once, so non-zero pixels x 100 + active hidden x 10,
  counted from the activations;
- the rate code: the integrate-and-fire network re-simulated in numpy (Euler steps, reset
  by subtraction, weight normalisation at the 99.9th percentile: Diehl et al. 2015,
  Rueckauer et al. 2017), as in cost_of_spikes' tests;
- energies: Horowitz 2014 (ISSCC), 45 nm fp32: add 0.9 pJ, multiply 3.7 pJ.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from comparisons import spikes_can_be_cheap as comp
from neurosim.compare.energy import rate_code_cost
from neurosim.compare.ttfs import convert_ttfs
from neurosim.comparison import check_module
from neurosim.digits import digit_classifier, digits_split
from neurosim.units import ms

PERCENTILE = 99.9
MAX_RATE = 200.0  # Hz, the rate conversion's default
ADD, MAC = 0.9, 3.7 + 0.9  # pJ, Horowitz 2014


def _plain(findings, name):
    return findings.settings["parameters"][name]["value"]


@pytest.fixture(scope="module")
def quick():
    return comp.run(quick=True, seed=0)


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
        t_in=t_in,
        t_hid=t_hid,
        ttfs_acc=100 * np.mean(np.argmax(a_q @ W2 + b2, axis=1) == y),
        events=np.array(
            [np.isfinite(t_in).sum(axis=1).mean() * 100, np.isfinite(t_hid).sum(axis=1).mean() * 10]
        ),
    )


def test_module_keeps_the_contract_and_rules_decide(quick):
    assert check_module(comp) == []
    for c in quick.claims:
        assert c.verdict == c.rule.verdict(c.value)
        assert np.isnan(c.value) or f"{c.value:.3g}" not in c.statement
    keys = [c for c in quick.claims if c.key]
    assert [c.aspect for c in keys] == ["cost"]


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


def test_events_counted_by_hand_from_the_activations(quick, ref):
    d = quick.data
    np.testing.assert_allclose(d["ttfs_layer_events"], ref.events, rtol=1e-12)
    # exact timing: non-zero pixels x 100 + active hidden units x 10, from the ANN alone
    res = convert_ttfs(ref.net, ref.split.X_train, dt_ms=None).run(ref.X)
    by_hand = np.count_nonzero(ref.X, axis=1) * 100 + np.count_nonzero(ref.hidden, axis=1) * 10
    np.testing.assert_array_equal(res.synaptic_events(), by_hand)
    # the zero-skipping ANN's MACs: the same count
    sparse = [np.count_nonzero(ref.X, axis=1).mean() * 100, (ref.hidden > 0).sum(1).mean() * 10]
    np.testing.assert_allclose(d["sparse_macs"], sparse)
    claim = next(c for c in quick.claims if "skips zero inputs: the same" in c.statement)
    assert claim.value == pytest.approx(ref.events.sum() / sum(sparse), rel=1e-12)
    # events up to a time: all of them by the decision, none before the first spike
    assert d["ttfs_events_until"][-1] == pytest.approx(ref.events.sum())
    assert res.events_until([-1.0])[0] == 0


def test_headline_and_memory_energies_by_hand(quick, ref):
    d = quick.data
    headline = next(c for c in quick.claims if c.key)
    assert headline.value == pytest.approx(ref.events.sum() * ADD / (7400 * MAC), rel=1e-12)
    fetch = _plain(quick, "fetch_pJ")
    sparse = d["sparse_macs"].sum()
    memory = next(c for c in quick.claims if "from memory" in c.statement)
    assert memory.value == pytest.approx(
        ref.events.sum() * (ADD + fetch) / (sparse * (MAC + fetch)), rel=1e-12
    )
    # the panel's curve at zero fetch energy is the headline; it rises towards 1 (ops ratio)
    assert d["ratio_dense_with_fetch"][0] == pytest.approx(headline.value)
    assert np.all(np.diff(d["ratio_sparse_with_fetch"]) > 0)


def test_accuracies_against_numpy(quick, ref):
    d = quick.data
    assert d["ann_accuracy"] == pytest.approx(ref.ann_acc)
    assert d["ttfs_accuracy"] == pytest.approx(ref.ttfs_acc)
    loss = next(c for c in quick.claims if "lacks" in c.statement)
    assert loss.value == pytest.approx(ref.ann_acc - ref.ttfs_acc)


def _rate_code_numpy(quick, ref):
    """The analog-input IF network in numpy: hidden spikes and accuracy per 1 ms readout."""
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
    hidden_spikes, correct = [], []
    for step in range(n_steps + 1):
        if step > 0 and step % every == 0:
            hidden_spikes.append(c1.copy())
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
    return np.array(hidden_spikes).mean(axis=1) * 10, 100 * np.mean(correct, axis=1)


def test_rate_code_events_from_a_numpy_re_simulation(quick, ref):
    d = quick.data
    events, acc = _rate_code_numpy(quick, ref)
    n = len(ref.y)
    # the same Euler steps: a count may differ where a potential sits at threshold within
    # rounding (< 2 spikes over all images per readout); the accuracy by <= 2 images
    np.testing.assert_allclose(d["rate_hidden_events"], events, atol=2 * 10 / n)
    assert np.max(np.abs(d["rate_accuracy"] - acc)) * n / 100 <= 2 + 1e-9
    k = d["rate_settled_index"]
    below = np.flatnonzero(d["rate_accuracy"] < ref.ann_acc - 1)
    assert k == (0 if below.size == 0 else below[-1] + 1)
    claim = next(c for c in quick.claims if "rate code" in c.statement)
    assert claim.value == pytest.approx(ref.events[1] / events[k], rel=0.01)


def test_rate_code_cost_by_hand():
    # 2 readouts, 2 images, hidden fan-out 10: counts (1, 3) then (2, 6) -> 20, 40 events
    fake = SimpleNamespace(
        readout_times=np.array([1.0, 2.0]) * ms,
        layer_counts=[np.array([[1, 3], [2, 6]]), np.zeros((2, 2))],
        fan_out=[10, 0],
        accuracy=lambda y: np.array([0.5, 1.0]),
    )
    cost = rate_code_cost(fake, np.array([0, 1]), 90.0)
    np.testing.assert_allclose(cost.times_ms, [1.0, 2.0])
    np.testing.assert_allclose(cost.hidden_events, [20.0, 40.0])
    np.testing.assert_allclose(cost.accuracy, [50.0, 100.0])
    assert (cost.settled_ms, cost.settled_index) == (2.0, 1)


def test_changed_parameters_change_the_result(quick):
    slow = comp.run(quick=True, seed=0, window=20 * ms, fetch_pJ=0.0)
    assert slow.data["decision_ms"] == pytest.approx(2 * quick.data["decision_ms"])
    # the TTFS events are all counted by the decision, drawn up to it
    t, ev = slow.data["ttfs_times_ms"], slow.data["ttfs_events_until"]
    assert t[-1] >= slow.data["decision_ms"]
    assert ev[np.searchsorted(t, slow.data["decision_ms"])] == pytest.approx(ev[-1])
    assert ev[np.searchsorted(t, quick.data["decision_ms"]) - 1] < ev[-1]
    memory = next(c for c in slow.claims if "from memory" in c.statement)
    events = slow.data["ttfs_layer_events"].sum()
    assert memory.value == pytest.approx(events * ADD / (slow.data["sparse_macs"].sum() * MAC))


def test_plot_shows_the_data(quick):
    d = quick.data
    fig = comp.plot(quick)
    ax = fig.axes[0]
    ttfs = next(li for li in ax.get_lines() if li.get_label() == "time to first spike")
    np.testing.assert_allclose(ttfs.get_xdata(), d["ttfs_times_ms"])
    np.testing.assert_allclose(ttfs.get_ydata(), d["energy_ttfs_nJ"])
    rate = next(li for li in ax.get_lines() if li.get_label().startswith("rate code"))
    np.testing.assert_allclose(rate.get_ydata(), d["energy_rate_nJ"])
    assert ax.get_xlim()[1] >= max(d["times_ms"][-1], d["decision_ms"])
    heights = [p.get_height() for p in fig.axes[1].patches]
    np.testing.assert_allclose(heights[6:8], d["energy_ttfs_layers_nJ"])
    np.testing.assert_allclose(heights[0:2], d["energy_ann_layers_nJ"])


def test_same_seed_same_numbers(quick):
    again = comp.run(quick=True, seed=0)
    np.testing.assert_array_equal([c.value for c in again.claims], [c.value for c in quick.claims])


def test_shared_rate_code_survives_the_disk_cache(tmp_path):
    from neurosim.compare import rate_code
    from neurosim.compare.energy import RateCodeCost

    cost = RateCodeCost(
        np.array([1.0, 2.0]), np.array([50.0, 100.0]), np.array([20.0, 40.0]), 2.0, 1
    )
    rate_code._save(cost, tmp_path / "r.npz")
    back = rate_code._load(tmp_path / "r.npz")
    for name in ("times_ms", "accuracy", "hidden_events"):
        np.testing.assert_array_equal(getattr(back, name), getattr(cost, name))
    assert (back.settled_ms, back.settled_index) == (2.0, 1)
    assert isinstance(back.settled_index, int)
