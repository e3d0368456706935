"""Panel functions: each takes an ``ax``, draws one kind of panel, and returns the ``ax``.

They only draw what they are given (plain arrays); no panel runs a model.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

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

__all__ = ["chance_line", "decision_regions", "grid_for", "learning_curve", "raster"]


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
