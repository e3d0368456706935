"""Is a figure legible from the back row? Text that collides with text or with data.

:func:`text_collisions` draws a figure and compares, from matplotlib's own extents in
display space (pixels at the figure's dpi):

- every visible text (titles, axis labels, tick labels in view, panel letters,
  annotations without their arrows, figure texts, the run note) and every legend's box, against each other;
- each of them against the data of every axes it lies on (its own, a neighbour it
  spills into, the parent of an inset; tick labels only against other axes than their
  own): line vertices (markers as discs, segments sampled every pixel), scatter points,
  line collections (``vlines``, ``hlines``, error bars) and bar rectangles;
- each of them against the figure canvas: a text that sticks out of the figure is cut
  off on a slide.

Tolerances (in pixels at the figure's dpi, :data:`TOLERANCE_PX`): a text box is shrunk
by this much on every side before it is compared, so text that only touches a line or
another text (antialiasing, the empty descent under a label) is not reported; two boxes
collide when they overlap by more than that in both directions; a line counts with
half its width, a marker with half its size. Filled areas (``fill_between``, contour
fills, images) are backgrounds, not data: text on them is allowed.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text

from neurosim.core.constraints import InstanceOf, Interval, validate

__all__ = ["TOLERANCE_PX", "text_collisions"]

#: Pixels (at the figure's dpi) by which a text box is shrunk on every side before it
#: is compared: touching is not overlapping.
TOLERANCE_PX = 1.5


def _shown(text: Text) -> bool:
    return bool(text.get_visible() and text.get_text().strip() and text.get_alpha() != 0)


def _tick_labels(axis):
    """The tick labels matplotlib draws: visible, non-empty and inside the view."""
    lo, hi = sorted(axis.get_view_interval())
    span = hi - lo
    locs = axis.get_majorticklocs()
    for loc, tick in zip(locs, axis.get_major_ticks(len(locs)), strict=False):
        if not lo - 1e-9 * span <= loc <= hi + 1e-9 * span:
            continue
        for label in (tick.label1, tick.label2):
            if label.get_visible() and _shown(label):
                yield label


def _axes_texts(ax):
    """(artist, kind) of every text an axes shows, its legend as one box."""
    for title in (ax.title, ax._left_title, ax._right_title):
        yield title, "title"
    for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
        if ax.axison and axis.get_visible():  # set_axis_off() hides labels and ticks
            yield axis.label, f"{name} label"
            yield axis.get_offset_text(), f"{name} offset"
            for label in _tick_labels(axis):
                yield label, f"{name} tick"
    for text in ax.texts:
        yield text, "text"
    legend = ax.get_legend()
    if legend is not None and legend.get_visible():
        yield legend, "legend"


def _figure_texts(fig):
    named = {}
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        text = getattr(fig, name, None)
        if text is not None:
            named[id(text)] = (text, name.strip("_"))
    yield from named.values()
    for text in fig.texts:
        if id(text) not in named:  # the suptitle is also one of fig.texts
            yield text, "figure text"
    for legend in fig.legends:
        yield legend, "figure legend"


def _all_axes(axes):
    """The axes and, after each, its insets (``ax.inset_axes``), which the figure does not
    list."""
    for ax in axes:
        yield ax
        yield from _all_axes(ax.child_axes)


def _covered(box, ax, owner, parent_of) -> bool:
    """Whether the inset ``ax`` (of ``owner``, at any depth) hides ``owner``'s data under
    ``box``: its background is drawn and holds the whole box."""
    if ax is None or not ax.patch.get_visible() or ax.patch.get_alpha() == 0:
        return False
    inside = ax.bbox.x0 <= box.x0 and box.x1 <= ax.bbox.x1
    inside = inside and ax.bbox.y0 <= box.y0 and box.y1 <= ax.bbox.y1
    parent = parent_of.get(ax)
    while inside and parent is not None:
        if parent is owner:
            return True
        parent = parent_of.get(parent)
    return False


def _extent(artist, renderer):
    """The box of a text's letters (an annotation's arrow left out: it points at data by
    design), or a legend's frame."""
    if isinstance(artist, Text):
        return Text.get_window_extent(artist, renderer)
    return artist.get_window_extent(renderer)


def _name(artist) -> str:
    if isinstance(artist, Legend):
        words = [t.get_text() for t in artist.get_texts()]
        return "legend [" + ", ".join(words)[:40] + "]"
    return repr(artist.get_text()[:40])


def _points(ax, renderer, dpi):
    """Display-space points of an axes' data, with the radius (px) each one covers."""
    clip = ax.bbox
    pts, radii = [], []

    def add(xy, radius):
        xy = np.asarray(xy, float).reshape(-1, 2)
        if not len(xy):
            return
        keep = np.isfinite(xy).all(axis=1)
        keep &= (xy[:, 0] >= clip.x0 - 1) & (xy[:, 0] <= clip.x1 + 1)
        keep &= (xy[:, 1] >= clip.y0 - 1) & (xy[:, 1] <= clip.y1 + 1)
        pts.append(xy[keep])
        radii.append(np.broadcast_to(np.asarray(radius, float), (len(xy),))[keep])

    def add_path(xy, radius):
        xy = np.asarray(xy, float).reshape(-1, 2)
        if len(xy) < 2:
            add(xy, radius)
            return
        a, b = xy[:-1], xy[1:]
        ok = np.isfinite(a).all(axis=1) & np.isfinite(b).all(axis=1)
        a, b = a[ok], b[ok]
        steps = np.ceil(np.hypot(*(b - a).T)).astype(int).clip(1, 4000)
        owner = np.repeat(np.arange(len(a)), steps)
        frac = np.arange(len(owner)) - np.repeat(np.cumsum(steps) - steps, steps)
        frac = frac / np.repeat(steps, steps)
        add(a[owner] + (b[owner] - a[owner]) * frac[:, None], radius)
        add(xy[-1:], radius)

    px = dpi / 72.0
    for line in ax.lines:
        if not line.get_visible() or line.get_alpha() == 0:
            continue
        xy = line.get_transform().transform(line.get_xydata())
        if line.get_linestyle() not in ("None", "", " ") and line.get_linewidth() > 0:
            add_path(xy, line.get_linewidth() * px / 2)
        if line.get_marker() not in (None, "None", "", " ") and line.get_markersize() > 0:
            add(xy, line.get_markersize() * px / 2)
    for coll in ax.collections:
        if not coll.get_visible() or coll.get_alpha() == 0:
            continue
        if type(coll) is PathCollection:
            offsets = coll.get_offset_transform().transform(coll.get_offsets())
            sizes = np.asarray(coll.get_sizes(), float)
            size = sizes if len(sizes) == len(offsets) else (sizes[:1] if len(sizes) else 0)
            add(offsets, np.sqrt(size) * px / 2)
        elif isinstance(coll, LineCollection):
            widths = np.atleast_1d(coll.get_linewidth())
            for i, seg in enumerate(coll.get_segments()):
                width = widths[i % len(widths)] if len(widths) else 1.0
                add_path(coll.get_transform().transform(seg), width * px / 2)
    if not pts:
        return np.zeros((0, 2)), np.zeros(0)
    return np.concatenate(pts), np.concatenate(radii)


def _points_under(pts, radii, box) -> int:
    """How many of the points (with their radii) reach into ``box`` = (x0, y0, x1, y1)."""
    if not len(pts):
        return 0
    x0, y0, x1, y1 = box
    inside = (pts[:, 0] + radii > x0) & (pts[:, 0] - radii < x1)
    inside &= (pts[:, 1] + radii > y0) & (pts[:, 1] - radii < y1)
    return int(inside.sum())


def _bars(ax, renderer):
    boxes = []
    for container in ax.containers:
        if isinstance(container, BarContainer):
            for patch in container.patches:
                if patch.get_visible():
                    box = patch.get_window_extent(renderer)
                    if box.width > 0 and box.height > 0:
                        boxes.append(box)
    return boxes


def _overlap(a, b, tol):
    return min(a.x1, b.x1) - max(a.x0, b.x0) > tol and min(a.y1, b.y1) - max(a.y0, b.y0) > tol


def _leaves(box, frame, tol) -> bool:
    """Whether ``box`` reaches more than ``tol`` past ``frame`` on any side."""
    return bool(
        box.x0 < frame.x0 - tol
        or box.y0 < frame.y0 - tol
        or box.x1 > frame.x1 + tol
        or box.y1 > frame.y1 + tol
    )


@validate(
    fig=InstanceOf(Figure, text="a matplotlib Figure"),
    tolerance_px=Interval(0, 20),
)
def text_collisions(fig, *, tolerance_px: float = TOLERANCE_PX) -> list[str]:
    """Every text of ``fig`` that overlaps another text, the data of an axes under it, or
    the edge of the figure, as one sentence each (``[]``: nothing collides).

    ``fig`` is drawn first (on an Agg canvas if it has none), so the layout is final.
    ``tolerance_px`` (>= 0, pixels at the figure's dpi): each text box is shrunk by this
    much on every side before it is compared; see the module docstring.
    """
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    axes = [ax for ax in _all_axes(fig.get_axes()) if ax.get_visible()]
    parent_of = {child: ax for ax in axes for child in ax.child_axes}
    items = []  # (where, artist, kind, box, axes or None)
    for i, ax in enumerate(axes):
        where = f"axes {i}" + (f" ({ax.get_title()[:30]!r})" if ax.get_title() else "")
        for artist, kind in _axes_texts(ax):
            if isinstance(artist, Text) and not _shown(artist):
                continue
            items.append((where, artist, kind, _extent(artist, renderer), ax))
    for artist, kind in _figure_texts(fig):
        if isinstance(artist, Text) and not _shown(artist):
            continue
        if isinstance(artist, Legend) and not artist.get_visible():
            continue
        items.append(("figure", artist, kind, _extent(artist, renderer), None))

    tol = tolerance_px
    found = []
    canvas = fig.bbox
    for where, artist, kind, box, _ax in items:
        if _leaves(box, canvas, tol):
            found.append(f"{where}: {kind} {_name(artist)} sticks out of the figure")
    for i, (where, artist, kind, box, _ax) in enumerate(items):
        for where2, artist2, kind2, box2, _ax2 in items[i + 1 :]:
            if _overlap(box, box2, tol):
                found.append(
                    f"{where}: {kind} {_name(artist)} overlaps {where2}: {kind2} {_name(artist2)}"
                )

    twins_of = {ax: [o for o in axes if np.allclose(o.bbox.bounds, ax.bbox.bounds)] for ax in axes}
    cache = {}

    def data_of(ax):
        if ax not in cache:
            cache[ax] = (*_points(ax, renderer, fig.dpi), _bars(ax, renderer))
        return cache[ax]

    for where, artist, kind, box, ax in items:
        owners = axes  # any axes under the text: its own, a neighbour, the parent of an inset
        if kind.endswith(("tick", "offset")):  # beside their own axes' ticks, off its data
            owners = [o for o in axes if o not in twins_of[ax]]
        x0, y0, x1, y1 = box.x0 + tol, box.y0 + tol, box.x1 - tol, box.y1 - tol
        if x1 <= x0 or y1 <= y0:
            continue
        hits = []
        for owner in owners:
            if not box.overlaps(owner.bbox) or _covered(box, ax, owner, parent_of):
                continue
            pts, radii, bars = data_of(owner)
            under = _points_under(pts, radii, (x0, y0, x1, y1))
            if under:
                hits.append(f"{under} data points")
            n_bars = sum(_overlap(box, bar, tol) for bar in bars)
            if n_bars:
                hits.append(f"{n_bars} bars")
        if hits:
            found.append(f"{where}: {kind} {_name(artist)} lies on " + " and ".join(hits))
    return found
