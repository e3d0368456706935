"""The shared trace panels draw exactly the data they are given (the plotted data, not
pixels), against hand-worked expectations."""

import matplotlib
import numpy as np
import pytest

from neurosim.plotting import (
    NEUTRAL,
    RATIO_TICKS,
    SPIKING,
    inputs_over_trace,
    log_ratio_axis,
    membrane_trace,
    new_figure,
    spike_lines,
)

matplotlib.use("Agg")


@pytest.fixture
def ax():
    return new_figure().add_subplot()


def _segments(collection) -> np.ndarray:
    """The (x0, y0, x1, y1) of every line of a LineCollection."""
    return np.array([np.ravel(seg) for seg in collection.get_segments()])


def test_spike_lines_rise_from_threshold_at_each_spike(ax):
    assert spike_lines(ax, [12.5, 40.0], -50.0, height_mV=30.0) is ax
    (lines,) = ax.collections
    # one vertical line per spike: (t, -50 mV) to (t, -50 + 30 mV)
    np.testing.assert_array_equal(_segments(lines), [[12.5, -50, 12.5, -20], [40, -50, 40, -20]])
    assert matplotlib.colors.same_color(lines.get_color(), SPIKING)


def test_spike_lines_take_a_style_and_draw_nothing_without_spikes(ax):
    spike_lines(ax, [5.0], -50.0, linewidth=2.5, linestyle="--", color="black")
    spike_lines(ax, [], -50.0)
    dashed, empty = ax.collections
    assert dashed.get_linewidth()[0] == 2.5
    assert dashed.get_linestyle()[0][1] is not None  # a dash pattern, not a solid line
    assert matplotlib.colors.same_color(dashed.get_color(), "black")
    assert len(empty.get_segments()) == 0


def test_membrane_trace_draws_the_potential_its_spikes_and_the_threshold(ax):
    t = np.arange(0.0, 10.0, 0.5)
    v = -65.0 + 1.5 * t  # a ramp, mV
    assert membrane_trace(ax, t, v, [3.0], threshold_mV=-52.0, spike_height_mV=10.0) is ax
    trace, threshold = ax.get_lines()
    np.testing.assert_array_equal(trace.get_xdata(), t)
    np.testing.assert_array_equal(trace.get_ydata(), v)
    assert trace.get_color() == SPIKING and trace.get_linewidth() == 1.5
    np.testing.assert_array_equal(_segments(ax.collections[0]), [[3.0, -52.0, 3.0, -42.0]])
    assert ax.collections[0].get_linewidth()[0] == 1.5  # the spikes as wide as the trace
    np.testing.assert_array_equal(threshold.get_ydata(), [-52.0, -52.0])
    assert threshold.get_color() == NEUTRAL and threshold.get_linestyle() == "--"


def test_membrane_trace_refuses_a_potential_of_another_length(ax):
    with pytest.raises(ValueError, match="'v_mV'"):
        membrane_trace(ax, [0.0, 1.0, 2.0], [-65.0, -64.0], [], threshold_mV=-50.0)


def test_inputs_over_trace_share_time_and_split_the_cell():
    fig = new_figure(figsize=(6, 6))
    cell = fig.add_gridspec(1, 1)[0, 0]
    ax_in, ax_v = inputs_over_trace(fig, cell, trace_height=2.0, hspace=0.0)
    assert fig.axes == [ax_in, ax_v]
    ax_v.set_xlim(3.0, 7.0)
    assert ax_in.get_xlim() == (3.0, 7.0)  # one time axis
    # no gap: the trace is twice as tall as the inputs, directly below them
    top, bottom = ax_in.get_position(), ax_v.get_position()
    assert bottom.height == pytest.approx(2.0 * top.height)
    assert bottom.y1 == pytest.approx(top.y0)
    # the time tick labels only under the trace
    assert not ax_in.xaxis.get_tick_params()["labelbottom"]
    assert ax_v.xaxis.get_tick_params().get("labelbottom", True)


def test_log_ratio_axis_spans_every_value_and_labels_ticks_plainly(ax):
    ax.plot([1, 2, 3, 4], [0.4, 1.0, 2.0, 2.0])
    assert log_ratio_axis(ax, [0.4, np.nan, 2.0, 0.0, np.inf]) is ax
    assert ax.get_yscale() == "log"
    # NaN, inf and 0 cannot sit on a log axis: 0.75 * 0.4 = 0.3 and max(3, 1.8 * 2) = 3.6
    np.testing.assert_allclose(ax.get_ylim(), (0.3, 3.6))
    np.testing.assert_allclose(ax.get_yticks(), [0.5, 1, 2])
    words = [ax.yaxis.get_major_formatter()(t, k) for k, t in enumerate(ax.get_yticks())]
    assert words == ["0.5", "1", "2"]


def test_log_ratio_axis_keeps_its_least_span(ax):
    log_ratio_axis(ax, [1.0, 1.5])  # 0.75 and 2.7 inside 0.7-3: the span itself
    np.testing.assert_allclose(ax.get_ylim(), (0.7, 3.0))
    log_ratio_axis(ax, [np.nan], low=0.5, high=20.0)  # nothing to show
    np.testing.assert_allclose(ax.get_ylim(), (0.5, 20.0))
    np.testing.assert_allclose(ax.get_yticks(), [t for t in RATIO_TICKS if 0.5 <= t <= 20])


def test_log_ratio_axis_refuses_an_empty_span(ax):
    with pytest.raises(ValueError, match="'high'"):
        log_ratio_axis(ax, [1.0], low=2.0, high=1.0)
