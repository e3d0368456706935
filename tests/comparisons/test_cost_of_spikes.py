"""cost_of_spikes: operation counts against hand counts, energy against its formula."""

import numpy as np
import pytest

from comparisons import cost_of_spikes as comp


@pytest.fixture(scope="module")
def findings():
    return comp.run(quick=True, seed=0)


def test_mac_counts_by_hand():
    # 64 x 100 + 100 x 10 multiply-accumulates per forward pass
    assert comp.dense_macs([64, 100, 10]) == 7400
    X = np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 0.0]])
    hidden = [np.array([[1.0, 0.0], [0.0, 0.0]])]
    # image 0: 2 non-zero inputs x 2 hidden + 1 active hidden unit x 4 outputs = 8
    np.testing.assert_array_equal(comp.sparse_macs(X, hidden, [3, 2, 4]), [8, 0])


def test_events_grow_and_cost_more_than_the_ann_at_equal_accuracy(findings):
    d = findings.data
    for rate in comp.INPUT_RATES_HZ:
        events = d[f"events/{rate:.0f} Hz"]
        assert np.all(np.diff(events) >= 0)
        # input spikes dominate: ~ (sum of pixel values) x rate x T x 100 hidden targets
        assert d[f"input_share/{rate:.0f} Hz"] > 0.5
    # more input spikes per second, more events per ms
    assert d["events/500 Hz"][-1] > 2 * d["events/200 Hz"][-1]
    assert d["sparse_macs"] < d["dense_macs"]


def test_energy_follows_the_stated_costs(findings):
    d = findings.data
    assert d["energy_ann_nJ"] == pytest.approx(7400 * 4.6 / 1000)
    key = d["energy_snn_key"]
    events = d[f"events_at_reach/{key}"]
    if not np.isfinite(events):
        events = d[f"events/{key}"][-1]
    assert d["energy_snn_nJ"] == pytest.approx(events * 0.9 / 1000)
    claim = next(c for c in findings.claims if c.statement.startswith("estimated energy"))
    assert claim.value == pytest.approx(d["energy_snn_nJ"] / d["energy_ann_nJ"])
    assert claim.unit == "x"


def test_plot_shows_the_counts(findings):
    fig = comp.plot(findings)
    line = fig.axes[0].get_lines()[0]
    np.testing.assert_allclose(line.get_xdata(), findings.data["times_ms"])
    np.testing.assert_allclose(line.get_ydata(), findings.data["events/200 Hz"])
    heights = [p.get_height() for p in fig.axes[2].patches]
    np.testing.assert_allclose(heights[-1], findings.data["energy_snn_nJ"])
