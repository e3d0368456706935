"""A live figure drawn again at the layout of its previous version, while its text fits.

``explore()`` draws a new figure after every slider release. Constrained layout costs
about as much as drawing the figure itself (measured at 100 dpi: 0.27-0.67 s of
layout against 0.29-0.64 s of drawing for lif_neuron, weighted_sum_and_squash,
pulse_down_the_axon and noise_makes_a_sigmoid), because it measures every tick label
and title of every panel, twice. Between two updates of one comparison the figure has
the same panels; only the data and the tick labels change. So
:func:`png_keeping_layout` places the new figure's axes where the last full layout put
them, draws once, and then measures, with the renderer that has just drawn (its text
sizes are cached), the box each axes occupies with its decorations, and the title's and
the figure's axis labels' boxes.

The kept layout is accepted only if every one of those boxes lies inside the box the
same artist had when the layout was last computed, give or take :data:`SLACK_PT`.
Constrained layout pads every panel's box by 3 points (matplotlib's default
``figure.constrained_layout.w_pad`` and ``h_pad``): two neighbours stand 6 points
apart, and 3 from the figure's edge. Half a pad of growth leaves them at least 3 and
1.5 points apart (2 pixels at 100 dpi); so inside those boxes, as in the full layout,
nothing overlaps and nothing leaves the figure; a panel whose labels shrank keeps its
place (the panels do not jump while a student slides). Anything else, a wider tick label, a longer title, a
panel more or less, a different figure size, and the figure is laid out afresh and
drawn again, and its boxes become the new reference. The boxes are always compared
with those of the last full layout, never with a kept one's, so no run of small
growths can creep past it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from neurosim.plotting.style import (
    drawn_as_laid_out,
    drawn_on_agg,
    encoded_png,
    freeze_layout,
    place_axes,
)

__all__ = ["SLACK_PT", "KeptLayout", "png_keeping_layout"]

#: how far (points) a box may reach past its box in the last full layout: half the pad
SLACK_PT = 1.5


@dataclass(frozen=True)
class KeptLayout:
    """The last full layout of a figure: its structure, positions and boxes."""

    structure: tuple
    dpi: float
    positions: tuple  # each axes' position (figure fraction), then each titled margin's text's
    boxes: tuple  # each axes' box, then each titled margin's text's, pixels at ``dpi``
    kept: bool = False  # True in what a drawing that reused the layout returns


#: the figure-level texts constrained layout places, and the direction it measures
#: them in (matplotlib's ``_constrained_layout.make_margin_suptitles``): the title's and
#: the bottom label's height make room above and below the panels, the left label's width
#: room on the left; their length along the margin changes nothing
_MARGIN_TEXTS = (("_suptitle", "y"), ("_supxlabel", "y"), ("_supylabel", "x"))


def _margin_texts(fig: Figure) -> list[tuple]:
    """``(text, direction)`` for each title or label the layout makes a margin for."""
    found = []
    for attribute, direction in _MARGIN_TEXTS:
        text = getattr(fig, attribute, None)
        if text is not None and text.get_in_layout():
            found.append((text, direction))
    return found


def _spec(ax) -> tuple | None:
    spec = ax.get_subplotspec()
    if spec is None:
        return None
    grid = spec.get_gridspec()
    outer = spec.get_topmost_subplotspec()
    return (
        spec.get_geometry(),
        grid.get_geometry(),
        tuple(grid.get_width_ratios() or ()),
        tuple(grid.get_height_ratios() or ()),
        outer.get_geometry() if outer is not spec else None,
    )


def _structure(fig: Figure) -> tuple | None:
    """What must be equal for a layout to be reused (None: never reuse this figure).

    The figure's size, each axes' kind, grid cell and aspect, and where plot() put each
    margin text before the layout moved it. Figure legends and subfigures, which no
    neurosim figure has, make constrained layout's margins in ways not checked here.
    """
    if fig.legends or fig.subfigs:
        return None
    axes = tuple(
        (
            type(ax).__name__,
            _spec(ax),
            ax.get_in_layout(),
            ax.get_axes_locator() is not None,
            str(ax.get_aspect()),
        )
        for ax in fig.axes
    )
    texts = tuple(
        (direction, tuple(map(float, text.get_position())))
        for text, direction in _margin_texts(fig)
    )
    return (tuple(float(v) for v in fig.get_size_inches()), axes, texts)


def _positions(fig: Figure) -> tuple:
    axes = [np.array(ax.get_position(original=True).get_points()) for ax in fig.axes]
    texts = [tuple(map(float, text.get_position())) for text, _ in _margin_texts(fig)]
    return (*axes, *texts)


def _place(fig: Figure, positions: tuple) -> None:
    n = len(fig.axes)
    for ax, corners in zip(fig.axes, positions[:n], strict=True):
        place_axes(ax, Bbox(corners))
    for (text, _), xy in zip(_margin_texts(fig), positions[n:], strict=True):
        text.set_position(xy)


def _boxes(fig: Figure, canvas, dpi: float) -> tuple:
    """Each axes' box with its decorations, then each margin text's box (pixels)."""
    saved = fig.dpi
    fig.dpi = dpi  # the renderer that drew (and cached the text sizes) is keyed on it
    try:
        renderer = canvas.get_renderer()
        boxes = [
            ax.get_tightbbox(renderer, for_layout_only=True) if ax.get_in_layout() else None
            for ax in fig.axes
        ]
        boxes += [text.get_window_extent(renderer) for text, _ in _margin_texts(fig)]
    finally:
        fig.dpi = saved
    return tuple(None if b is None else b.frozen() for b in boxes)


def _inside(fig: Figure, new: tuple, old: tuple, slack: float) -> bool:
    """Whether every new box lies in its old one, ``slack`` pixels given (a margin text:
    across its margin)."""
    directions = ["xy"] * len(fig.axes) + [d for _, d in _margin_texts(fig)]
    for a, b, direction in zip(new, old, directions, strict=True):
        if (a is None) != (b is None):
            return False
        if a is None:
            continue
        if "x" in direction and (a.x0 < b.x0 - slack or a.x1 > b.x1 + slack):
            return False
        if "y" in direction and (a.y0 < b.y0 - slack or a.y1 > b.y1 + slack):
            return False
    return True


def png_keeping_layout(
    fig: Figure, dpi: float, kept: KeptLayout | None = None, *, slack: float = SLACK_PT
) -> tuple[bytes, KeptLayout]:
    """The figure's PNG at ``dpi``, at ``kept``'s layout if its text fits (module docstring).

    Returns the PNG and the layout to pass with the next version of the figure: ``kept``
    itself (its ``kept`` flag set) when it was reused, else the figure's own new layout.
    The figure is left with its layout engine, laid out live again, either way.
    ``slack`` is in points.
    """
    engine = fig.get_layout_engine()
    structure = _structure(fig)  # before any layout moves the margin texts
    try:
        same = kept is not None and (kept.structure, kept.dpi) == (structure, dpi)
        if same and structure is not None:
            before = _positions(fig)
            _place(fig, kept.positions)
            with drawn_as_laid_out():
                fig.set_layout_engine(None)
            with drawn_on_agg(fig, dpi) as canvas:
                if _inside(fig, _boxes(fig, canvas, dpi), kept.boxes, slack * dpi / 72):
                    reused = KeptLayout(structure, dpi, kept.positions, kept.boxes, True)
                    return encoded_png(canvas, dpi), reused
            # something grew: lay the figure out afresh, from where plot() put it (the
            # layout depends on where it starts: a locator picks its ticks by the
            # panel's length; from the kept places panels moved by up to 1.3 pixels)
            _place(fig, before)
            if engine is not None:
                fig.set_layout_engine(engine)
        freeze_layout(fig, dpi)
        with drawn_on_agg(fig, dpi) as canvas:
            layout = KeptLayout(structure, dpi, _positions(fig), _boxes(fig, canvas, dpi))
            return encoded_png(canvas, dpi), layout
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
