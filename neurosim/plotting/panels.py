"""Panel functions: each takes an ``ax``, draws one kind of panel, and returns the ``ax``
(:func:`inputs_over_trace` takes a grid cell and returns the two axes it makes).

They only draw what they are given (plain arrays); no panel runs a model.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.gridspec import SubplotSpec
from matplotlib.ticker import FuncFormatter

from neurosim.core.constraints import (
    NON_NEGATIVE,
    POSITIVE,
    ArrayOf,
    InstanceOf,
    Interval,
    Options,
    param_error,
    validate,
)
from neurosim.plotting.style import ARTIFICIAL, AXES, CLASS_COLORS, COLOUR, NEUTRAL, SPIKING

_POINTS = ArrayOf(shape=(None, 2))
_LABEL = InstanceOf(str)
_LINESTYLE = Options("-", "--", ":", "-.", "solid", "dashed", "dotted", "dashdot")

__all__ = [
    "RATIO_TICKS",
    "chance_line",
    "decision_regions",
    "grid_for",
    "inputs_over_trace",
    "learning_curve",
    "log_ratio_axis",
    "membrane_trace",
    "raster",
    "spike_lines",
]


@validate(X=_POINTS, resolution=Interval(2, 2000, integer=True), padding=NON_NEGATIVE)
def grid_for(X, *, resolution: int = 200, padding: float = 0.25):
    """A regular grid covering the 2-D points ``X`` (plus a margin).

    Returns ``(xx, yy, points)`` where ``points`` has shape (resolution**2, 2), ready to
    be passed to a model's ``predict_proba``; ``resolution`` from 2 to 2000 points per
    side, ``padding`` a share (>= 0) of the points' span added on every side.
    """
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    lo, hi = lo - padding * span, hi + padding * span
    xx, yy = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


@validate(
    ax=AXES,
    xx=ArrayOf(2),
    yy=ArrayOf(2),
    proba=ArrayOf((1, 2), values=Interval(0, 1)),
    X=_POINTS,
    y=ArrayOf(1, dtype=int),
    title=[_LABEL, None],
    markersize=POSITIVE,
)
def decision_regions(ax, xx, yy, proba, X, y, *, title: str | None = None, markersize: float = 14):
    """Shade P(class 1) over a grid, draw the 0.5 boundary, and scatter the data.

    Parameters
    ----------
    ax : matplotlib Axes
    xx, yy : ndarray, shape (r, r)
        Grid from :func:`grid_for`.
    proba : ndarray, shape (r*r,) or (r, r)
        The model's probability of class 1 at each grid point.
    X : ndarray, shape (n, 2); y : ndarray of int, shape (n,)
        The data, coloured by class.
    """
    owner = "decision_regions"
    if yy.shape != xx.shape:
        raise param_error("yy", owner, f"an array of the shape of xx {xx.shape}", yy)
    if proba.size != xx.size:
        raise param_error("proba", owner, f"{xx.size} values (one per grid point)", proba)
    if len(y) != len(X):
        raise param_error("y", owner, f"one label per row of X ({len(X)})", y)
    cmap = LinearSegmentedColormap.from_list("classes", [CLASS_COLORS[0], "white", CLASS_COLORS[1]])
    zz = proba.reshape(xx.shape)
    ax.contourf(xx, yy, zz, levels=np.linspace(0, 1, 11), cmap=cmap, alpha=0.55, vmin=0, vmax=1)
    ax.contour(xx, yy, zz, levels=[0.5], colors="k", linewidths=1.5)
    for label in np.unique(y):
        sel = y == label
        ax.scatter(
            X[sel, 0],
            X[sel, 1],
            s=markersize,
            color=CLASS_COLORS[int(label) % len(CLASS_COLORS)],
            edgecolor="k",
            linewidth=0.4,
            label=f"class {label}",
            zorder=3,
        )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_aspect("equal", adjustable="box")
    if title:
        ax.set_title(title)
    return ax


@validate(
    ax=AXES,
    values=ArrayOf(1),
    label=_LABEL,
    color=COLOUR,
    linestyle=_LINESTYLE,
    ylabel=_LABEL,
)
def learning_curve(
    ax,
    values,
    *,
    label: str,
    color: str = ARTIFICIAL,
    linestyle: str = "-",
    ylabel: str = "test accuracy (%)",
):
    """Plot one per-epoch curve (epochs start at 1)."""
    ax.plot(np.arange(1, len(values) + 1), values, color=color, linestyle=linestyle, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    return ax


@validate(
    ax=AXES,
    times_ms=ArrayOf(1, min_size=0),
    rows=ArrayOf(1, min_size=0),
    color=COLOUR,
    markersize=POSITIVE,
    ylabel=_LABEL,
)
def raster(
    ax, times_ms, rows, *, color: str = SPIKING, markersize: float = 2.0, ylabel: str = "neuron"
):
    """Spike raster: one dot per spike at (time in ms, row); no spikes draws nothing."""
    if len(rows) != len(times_ms):
        raise param_error("rows", "raster", f"one row per spike time ({len(times_ms)})", rows)
    ax.scatter(
        times_ms,
        rows,
        s=markersize,
        color=color,
        marker="|",
        linewidths=1.0,
    )
    ax.set_xlabel("time (ms)")
    ax.set_ylabel(ylabel)
    return ax


@validate(ax=AXES, level=Interval(), label=_LABEL)
def chance_line(ax, level: float, *, label: str = "chance"):
    """A horizontal grey dotted reference line (chance level, a threshold...)."""
    ax.axhline(level, color=NEUTRAL, linestyle=":", linewidth=1.5, label=label)
    return ax


# -- membrane traces: a model with no spike shape (the LIF) -----------------------------
_MV = Interval()
_WIDTH = [POSITIVE, None]


@validate(
    ax=AXES,
    spikes_ms=ArrayOf(1, min_size=0),
    threshold_mV=_MV,
    height_mV=POSITIVE,
    color=COLOUR,
    linewidth=_WIDTH,
    linestyle=[_LINESTYLE, None],
)
def spike_lines(
    ax,
    spikes_ms,
    threshold_mV: float,
    *,
    height_mV: float = 20.0,
    color: str = SPIKING,
    linewidth: float | None = None,
    linestyle: str | None = None,
):
    """The spikes of a neuron with no spike shape: a line from threshold up ``height_mV``.

    A leaky integrate-and-fire neuron resets the moment it crosses threshold, so its
    recorded potential never shows the spike; a short vertical line at each spike time
    (ms) keeps the spikes visible without hiding the charging below threshold.
    ``linewidth`` and ``linestyle`` default to the axes' style; no spikes draws nothing.
    """
    style = {"ls": linestyle, "lw": linewidth}
    style = {key: value for key, value in style.items() if value is not None}
    ax.vlines(spikes_ms, threshold_mV, threshold_mV + height_mV, color=color, **style)
    return ax


@validate(
    ax=AXES,
    t_ms=ArrayOf(1),
    v_mV=ArrayOf(1),
    spikes_ms=ArrayOf(1, min_size=0),
    threshold_mV=_MV,
    spike_height_mV=POSITIVE,
    color=COLOUR,
    linewidth=POSITIVE,
    threshold_width=POSITIVE,
)
def membrane_trace(
    ax,
    t_ms,
    v_mV,
    spikes_ms,
    *,
    threshold_mV: float,
    spike_height_mV: float = 20.0,
    color: str = SPIKING,
    linewidth: float = 1.5,
    threshold_width: float = 1.2,
):
    """A membrane potential over time, its spikes as lines up from threshold
    (:func:`spike_lines`), and the threshold as a grey dashed line.

    Parameters
    ----------
    t_ms, v_mV : ndarray, shape (T,)
        Time (ms) and membrane potential (mV).
    spikes_ms : ndarray
        Spike times (ms); may be empty.
    threshold_mV : float
        The firing threshold (mV), where the spike lines start.
    """
    if v_mV.shape != t_ms.shape:
        raise param_error("v_mV", "membrane_trace", f"one value per time ({t_ms.size})", v_mV)
    ax.plot(t_ms, v_mV, color=color, lw=linewidth)
    spike_lines(
        ax, spikes_ms, threshold_mV, height_mV=spike_height_mV, color=color, linewidth=linewidth
    )
    ax.axhline(threshold_mV, color=NEUTRAL, ls="--", lw=threshold_width)
    return ax


@validate(
    fig=InstanceOf(Figure, text="a matplotlib Figure"),
    cell=InstanceOf(SubplotSpec, text="a cell of a grid (SubplotSpec)"),
    trace_height=POSITIVE,
    hspace=NON_NEGATIVE,
)
def inputs_over_trace(fig, cell, *, trace_height: float = 1.3, hspace: float = 0.06):
    """Two axes in one grid cell, sharing time: the inputs above, the membrane below.

    The trace is ``trace_height`` times as tall as the inputs; the upper axes carry no
    time tick labels (the trace below shows them). Returns ``(ax_inputs, ax_trace)``.
    """
    sub = cell.subgridspec(2, 1, height_ratios=[1, trace_height], hspace=hspace)
    ax_in, ax_v = fig.add_subplot(sub[0]), fig.add_subplot(sub[1])
    ax_v.sharex(ax_in)
    ax_in.tick_params(labelbottom=False)
    return ax_in, ax_v


#: Tick marks of a log ratio axis: written as plain numbers (0.5, 1, 2, not 10^0).
RATIO_TICKS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
_FACTOR = Interval(0, None, closed="neither")


@validate(
    ax=AXES,
    values=ArrayOf(1, finite=False, min_size=0),
    low=_FACTOR,
    high=_FACTOR,
    below=Interval(0, 1, closed="neither"),
    above=Interval(1, None),
)
def log_ratio_axis(
    ax,
    values,
    *,
    low: float = 0.7,
    high: float = 3.0,
    below: float = 0.75,
    above: float = 1.8,
):
    """A log y axis for ratios that shows every value and at least ``low`` to ``high``.

    The axis runs from ``min(low, below * smallest)`` to ``max(high, above * largest)``
    over the finite positive ``values`` (NaN, inf and ratios <= 0 cannot sit on a log
    axis and are left out), with ticks at :data:`RATIO_TICKS` written as plain numbers.
    """
    if high <= low:
        raise param_error("high", "log_ratio_axis", f"a number > low = {low:g}", high)
    shown = values[np.isfinite(values) & (values > 0)]
    if shown.size:
        low, high = min(low, below * float(shown.min())), max(high, above * float(shown.max()))
    ax.set_yscale("log")
    ax.set_ylim(low, high)
    ax.set_yticks([t for t in RATIO_TICKS if low <= t <= high])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: f"{y:g}"))
    return ax
