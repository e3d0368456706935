"""A note inside a panel that moves out of the data's way when the figure is drawn.

A note placed for the default run ("rheobase 0.15 nA" beside its line, "mean-driven" in
a bottom corner) lay on the data once a student moved a slider: the curves went
elsewhere, the note stayed. :func:`clear_note` gives a note several places, in the
order the author prefers them. Each time the figure is drawn (its layout final), the
note takes the first place where it stays inside its panel and covers nothing, by the
measure of :func:`neurosim.plotting.text_collisions`: no data point of its axes or of a
twin axes sharing its box (line vertices, markers, segments sampled every pixel,
scatter points, bars), no other text of those axes (of the notes, those drawn before
it) and no legend, the box shrunk by :data:`~neurosim.plotting.legible.TOLERANCE_PX` on
every side. If every place covers something, it takes the one that covers least (the
earliest of equals; leaving the panel or covering a text counts as a million points).
The choice depends only on the drawn figure, so the same figure gives the same bytes;
it is made at the first drawing of each size and layout and kept for the next files.

A note is left out of the layout (its places are inside the axes, where constrained
layout reserves nothing), so moving it never moves a panel.

:func:`clear_legend` does the same for a legend inside its panel: it takes the first of
its corners (matplotlib's location names) where it covers no data point, bar or text,
else the least covered. A legend settles before the notes of its panel choose, so that
they see it where it is drawn; it does not avoid them (they move out of its way).
"""

from __future__ import annotations

import numpy as np
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Transform

from neurosim.core.constraints import TEXT, InstanceOf, ListOf, validate
from neurosim.plotting.legible import (
    TOLERANCE_PX,
    _bars,
    _leaves,
    _overlap,
    _points,
    _points_under,
    _shown,
)
from neurosim.plotting.style import AXES

__all__ = ["CORNERS", "clear_legend", "clear_note"]

_HA = ("left", "center", "right")
_VA = ("top", "center", "bottom", "baseline", "center_baseline")


class _ClearNote(Text):
    """A :class:`~matplotlib.text.Text` with places ``(x, y, ha, va)`` to choose from."""

    def __init__(self, places, **kwargs):
        x, y, ha, va, transform = places[0]
        super().__init__(x, y, ha=ha, va=va, transform=transform, **kwargs)
        self.places = places
        self.chosen = 0
        self._key = None

    def draw(self, renderer):
        if renderer is not None and self.get_visible() and _shown(self) and len(self.places) > 1:
            key = _layout_key(self.axes)
            if key != self._key:
                self._choose(renderer)
                self._key = key
        super().draw(renderer)

    def _choose(self, renderer):
        ax = self.axes
        owners, data = _owners(ax), _panel_data(ax, renderer)
        # other texts and legends; of the notes, those drawn before this one (ax.texts
        # draws in order), which have taken their places in this same draw
        earlier = ax.texts[: list(ax.texts).index(self)]
        others = [
            t.get_window_extent(renderer)
            for o in owners
            for t in o.texts
            if t is not self
            and _shown(t)
            and (not isinstance(t, _ClearNote) or (o is ax and t in earlier))
        ]
        legends = [o.get_legend() for o in owners if o.get_legend() is not None]
        for legend in legends:
            if isinstance(legend, _ClearLegend):
                legend.settle(renderer)  # where it will be drawn, before the note chooses
        others += [legend.get_window_extent(renderer) for legend in legends]

        def covered() -> int:
            box = Text.get_window_extent(self, renderer)
            leaves = _leaves(box, ax.bbox, TOLERANCE_PX)  # onto ticks or a neighbour
            return _covered(box, data, others) + 10**6 * leaves

        self.chosen = _first_clear(self.places, self._put, covered)

    def _put(self, place):
        x, y, ha, va, transform = place
        self.set_position((x, y))
        self.set_ha(ha)
        self.set_va(va)
        self.set_transform(transform)


def _first_clear(places, put, covered) -> int:
    """Put an artist at each of ``places`` in turn until ``covered()`` is 0; else leave it
    at the least covered, the earliest of equals. Returns the index of the place taken."""
    best = None
    for k, place in enumerate(places):
        put(place)
        count = covered()
        if best is None or count < best[0]:
            best = (count, k)
        if count == 0:
            return k
    put(places[best[1]])
    return best[1]


def _owners(ax) -> list:
    """``ax`` and the twin axes that share its box (their data lies in the same panel)."""
    return [o for o in ax.figure.get_axes() if np.allclose(o.bbox.bounds, ax.bbox.bounds)]


def _layout_key(ax) -> tuple:
    """What a choice depends on: figure size, the panel's place and its data limits. A
    choice is kept while it stays the same, so a PNG and an SVG of one figure agree though
    their renderers measure text a little differently."""
    return (*ax.figure.get_size_inches(), *ax.get_position().bounds, *ax.viewLim.bounds)


def _panel_data(ax, renderer) -> list:
    """The data points (with radii) and bars of ``ax`` and its twins, per axes."""
    dpi = ax.figure.dpi
    return [(*_points(o, renderer, dpi), _bars(o, renderer)) for o in _owners(ax)]


def _covered(box, data, others) -> int:
    """Data points and bars under ``box``, as text_collisions counts them; another text
    or a legend under it counts as a million points (worse than any number of them)."""
    tol = TOLERANCE_PX
    shrunk = (box.x0 + tol, box.y0 + tol, box.x1 - tol, box.y1 - tol)
    count = 0
    for pts, radii, bars in data:
        count += _points_under(pts, radii, shrunk)
        count += sum(_overlap(box, bar, tol) for bar in bars)
    count += 10**6 * sum(_overlap(box, other, tol) for other in others)
    return count


class _ClearLegend(Legend):
    """A :class:`~matplotlib.legend.Legend` with locations to choose from."""

    def __init__(self, parent, handles, labels, *, places, **kwargs):
        super().__init__(parent, handles, labels, loc=places[0], **kwargs)
        self.places = places
        self.chosen = 0
        self._key = None

    def settle(self, renderer):
        """Take the first place that covers nothing (once per size and layout)."""
        ax = self.axes
        key = _layout_key(ax)
        if key == self._key or len(self.places) < 2:
            return
        self._key = key
        owners, data = _owners(ax), _panel_data(ax, renderer)
        texts = [
            t.get_window_extent(renderer)
            for o in owners
            for t in o.texts
            if _shown(t) and not isinstance(t, _ClearNote)  # a note moves out of its way
        ]

        def covered() -> int:
            return _covered(self.get_window_extent(renderer), data, texts)

        self.chosen = _first_clear(self.places, self.set_loc, covered)

    def draw(self, renderer):
        if renderer is not None and self.get_visible():
            self.settle(renderer)
        super().draw(renderer)


#: A corner or edge of the panel, by matplotlib's legend names: (x, y, ha, va) in axes
#: fraction, 0.02 in from the frame.
CORNERS = {
    "upper left": (0.02, 0.98, "left", "top"),
    "upper center": (0.5, 0.98, "center", "top"),
    "upper right": (0.98, 0.98, "right", "top"),
    "center left": (0.02, 0.5, "left", "center"),
    "center": (0.5, 0.5, "center", "center"),
    "center right": (0.98, 0.5, "right", "center"),
    "lower left": (0.02, 0.02, "left", "bottom"),
    "lower center": (0.5, 0.02, "center", "bottom"),
    "lower right": (0.98, 0.02, "right", "bottom"),
}


def _place(place, ax, transform):
    if isinstance(place, str):
        if place not in CORNERS:
            raise ValueError(
                "The 'places' parameter of clear_note must hold (x, y, ha, va) tuples or "
                f"corners, one of {tuple(CORNERS)}. Got {place!r} instead."
            )
        return (*CORNERS[place], ax.transAxes)
    own = len(place) == 5 and isinstance(place[4], Transform)
    if (
        len(place) not in (4, 5)
        or place[2] not in _HA
        or place[3] not in _VA
        or (len(place) == 5 and not own)
    ):
        raise ValueError(
            "The 'places' parameter of clear_note must be (x, y, ha, va) tuples (and a "
            f"transform of their own), ha one of {_HA}, va one of {_VA}. Got {place!r} instead."
        )
    x, y = float(place[0]), float(place[1])
    if not (np.isfinite(x) and np.isfinite(y)):
        raise ValueError(
            f"The 'places' parameter of clear_note must hold finite x and y. Got {place!r} instead."
        )
    return (x, y, place[2], place[3], place[4] if own else transform)


@validate(
    ax=AXES,
    text=TEXT,
    places=ListOf(InstanceOf(tuple, list, str, text="an (x, y, ha, va) tuple or a corner")),
    transform=[InstanceOf(Transform, text="a matplotlib Transform"), None],
)
def clear_note(ax, text: str, places, *, transform=None, **kwargs) -> Text:
    """Add ``text`` to ``ax`` at the first of ``places`` where, once drawn, it covers nothing.

    Parameters
    ----------
    ax : matplotlib Axes
    text : str
    places : sequence of (x, y, ha, va), (x, y, ha, va, transform) or corner names
        Where the note may go, preferred first: coordinates in ``transform`` (or the
        place's own, such as an offset in points from a data point) and the alignment
        of the text at that point, or a corner of the panel (``"lower left"``, ``"upper
        center"``, ... :data:`CORNERS`, always in axes fraction).
    transform : matplotlib Transform, default ``ax.transAxes``
        The coordinates of the (x, y, ha, va) places (``ax.transData`` for data, or a
        blend).
    **kwargs
        Text properties (colour, fontsize, ...).

    Returns
    -------
    matplotlib.text.Text
        The note (``.chosen``: the index of the place taken at the last draw).
    """
    transform = ax.transAxes if transform is None else transform
    kwargs = {"clip_on": False, **kwargs}  # as ax.text: a note is never cut at the frame
    note = _ClearNote(tuple(_place(p, ax, transform) for p in places), text=text, **kwargs)
    note.set_in_layout(False)
    ax.add_artist(note)  # among ax.texts
    return note


@validate(
    ax=AXES,
    places=ListOf(InstanceOf(str, text="a location name inside the panel"), min_len=1),
)
def clear_legend(ax, places, **kwargs) -> Legend:
    """``ax.legend(**kwargs)`` at the first of ``places`` where, once drawn, it covers
    no data, bar or text of its panel (else at the least covered, the earliest of equals).

    Parameters
    ----------
    ax : matplotlib Axes
    places : sequence of str
        Locations inside the panel, preferred first: the corner and edge names of
        :data:`CORNERS` (``"upper right"``, ``"lower left"``, ...).
    **kwargs
        As for ``ax.legend`` (``handles``, ``labels``, ``fontsize``, ``ncol``, ``title``,
        ...), except ``loc`` and ``bbox_to_anchor``: a legend placed outside its panel
        has nothing to avoid.

    Returns
    -------
    matplotlib.legend.Legend
        The legend (``.chosen``: the index of the place taken at the last draw).
    """
    bad = [p for p in places if p not in CORNERS]
    if bad:
        raise ValueError(
            "The 'places' parameter of clear_legend must hold locations inside the panel, "
            f"each one of {tuple(CORNERS)}. Got {bad[0]!r} instead."
        )
    for name in ("loc", "bbox_to_anchor"):
        if name in kwargs:
            raise TypeError(
                f"The '{name}' parameter of clear_legend is not taken: the legend's place "
                "comes from 'places', inside its panel."
            )
    handles, labels = kwargs.pop("handles", None), kwargs.pop("labels", None)
    if handles is None:
        found, found_labels = ax.get_legend_handles_labels()
        handles, labels = found, found_labels if labels is None else labels
    elif labels is None:
        labels = [h.get_label() for h in handles]
    legend = _ClearLegend(ax, handles, labels, places=tuple(places), **kwargs)
    ax.legend_ = legend  # as ax.legend(): the axes' one legend, drawn with it
    legend._remove_method = ax._remove_legend
    return legend
