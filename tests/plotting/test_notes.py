"""clear_note(): a note takes the first of its places where it covers no data.

The reference is not the note's own measure (which shares its data points with
``text_collisions``) but the line's vertices put through matplotlib's data transform
here, and the note's drawn box: no vertex of the line may lie inside the box (shrunk by
the 1.5 px touching tolerance). The line is a diagonal from the top left to the bottom
right of a panel, so the top-left and bottom-right corners are on it and the other two
corners are free, which is worked out by hand from the line's ends.
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from neurosim.plotting import clear_note, text_collisions

TOP_LEFT = (0.02, 0.98, "left", "top")
BOTTOM_RIGHT = (0.98, 0.02, "right", "bottom")
TOP_RIGHT = (0.98, 0.98, "right", "top")
BOTTOM_LEFT = (0.02, 0.02, "left", "bottom")


def _diagonal():
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    x = np.linspace(0, 1, 400)
    ax.plot(x, 1 - x, lw=2)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return fig, ax


def _vertices_under(fig, ax, artist) -> int:
    """The line's vertices under a note's or a legend's drawn box (shrunk by 1.5 px)."""
    fig.canvas.draw()
    box = artist.get_window_extent(fig.canvas.get_renderer())
    xy = ax.transData.transform(ax.lines[0].get_xydata())
    tol = 1.5
    inside = (xy[:, 0] > box.x0 + tol) & (xy[:, 0] < box.x1 - tol)
    inside &= (xy[:, 1] > box.y0 + tol) & (xy[:, 1] < box.y1 - tol)
    return int(inside.sum())


def test_a_note_whose_first_place_lies_on_the_line_takes_the_first_free_one():
    fig, ax = _diagonal()
    note = clear_note(ax, "a note on the side", [TOP_LEFT, BOTTOM_RIGHT, TOP_RIGHT, BOTTOM_LEFT])
    fig.canvas.draw()
    assert note.chosen == 2  # top left and bottom right are on the diagonal
    assert _vertices_under(fig, ax, note) == 0
    assert text_collisions(fig) == []
    plt.close(fig)


def test_the_control_the_first_place_alone_lies_on_the_line():
    # the same note without a choice: the reference sees the vertices under it
    fig, ax = _diagonal()
    note = clear_note(ax, "a note on the side", [TOP_LEFT])
    assert _vertices_under(fig, ax, note) > 0
    assert text_collisions(fig) != []
    plt.close(fig)


def test_with_every_place_covered_the_note_takes_the_least_covered_earliest_first():
    fig, ax = _diagonal()
    x = np.linspace(0, 1, 400)  # vertices as dense as the diagonal's, for the reference
    ax.plot(x, np.full_like(x, 0.97), lw=2)  # a second line along the top
    # top left: both lines; top right: the top line; bottom right: the diagonal
    note = clear_note(ax, "a note", [TOP_LEFT, TOP_RIGHT, BOTTOM_RIGHT])
    fig.canvas.draw()
    assert note.chosen in (1, 2)
    counts = []
    for place in (TOP_LEFT, TOP_RIGHT, BOTTOM_RIGHT):
        alone = clear_note(ax, "a note", [place])
        fig.canvas.draw()
        box = alone.get_window_extent(fig.canvas.get_renderer())
        points = np.vstack([ax.transData.transform(line.get_xydata()) for line in ax.lines])
        counts.append(int(box.count_contains(points)))
        alone.remove()
    assert counts[0] > max(counts[1:])  # both lines under the top-left place
    assert counts[note.chosen] == min(counts[1:])
    plt.close(fig)


def test_a_later_note_keeps_clear_of_an_earlier_one_and_the_bytes_repeat():
    fig, ax = _diagonal()
    first = clear_note(ax, "first", [TOP_RIGHT, BOTTOM_LEFT])
    second = clear_note(ax, "second", [TOP_RIGHT, BOTTOM_LEFT])
    pngs = []
    for _ in range(2):
        out = io.BytesIO()
        fig.savefig(out, format="png")
        pngs.append(out.getvalue())
    assert (first.chosen, second.chosen) == (0, 1)
    assert pngs[0] == pngs[1]
    assert text_collisions(fig) == []
    plt.close(fig)


def test_a_note_stays_out_of_the_layout():
    fig, ax = _diagonal()
    note = clear_note(ax, "x" * 200, [TOP_LEFT])  # far wider than the figure
    assert not note.get_in_layout()
    plt.close(fig)


@pytest.mark.parametrize(
    "places, words",
    [
        ([(0.1, 0.1, "middle", "top")], "ha one of"),
        ([(0.1, 0.1, "left")], r"\(x, y, ha, va\)"),
        ([(0.1, 0.1, "left", "top", "data")], "transform"),
        (["top left"], "corners"),
        ([(float("nan"), 0.1, "left", "top")], "finite"),
        ([], "places"),
    ],
)
def test_bad_places_are_refused_by_name(places, words):
    fig, ax = _diagonal()
    with pytest.raises(ValueError, match="places") as err:
        clear_note(ax, "a note", places)
    assert err.match(words)
    plt.close(fig)


def test_a_corner_by_name_is_in_axes_fraction_and_a_place_may_bring_its_transform():
    from matplotlib.transforms import offset_copy

    fig, ax = _diagonal()
    note = clear_note(ax, "corner", ["upper left", "upper right"])
    fig.canvas.draw()
    assert note.chosen == 1 and _vertices_under(fig, ax, note) == 0
    # 12 points right of the data point (0.5, 0.2): the place's own transform
    shifted = offset_copy(ax.transData, fig, x=12, y=0, units="points")
    beside = clear_note(ax, "beside", [(0.5, 0.2, "left", "center", shifted)])
    fig.canvas.draw()
    box = beside.get_window_extent(fig.canvas.get_renderer())
    x_point = ax.transData.transform((0.5, 0.2))[0]
    assert box.x0 == pytest.approx(x_point + 12 * fig.dpi / 72, abs=1.0)
    plt.close(fig)


def test_a_place_that_leaves_the_panel_counts_as_covered():
    # a long note right-aligned at the left edge would stick out onto the tick labels
    fig, ax = _diagonal()
    note = clear_note(ax, "a note long enough", [(0.02, 0.3, "right", "center"), BOTTOM_LEFT])
    fig.canvas.draw()
    assert note.chosen == 1
    assert text_collisions(fig) == []
    plt.close(fig)


def test_a_note_draws_as_ax_text_does_where_it_takes_its_first_place():
    # the same bytes as matplotlib's own ax.text at that place: no clip path (ax.text is
    # not clipped to the frame), so a note that stays put changes no committed figure
    def svg(make):
        fig, ax = _diagonal()
        make(ax)
        out = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": "x"}):
            fig.savefig(out, format="svg", metadata={"Date": None})
        plt.close(fig)
        return out.getvalue()

    plain = svg(lambda ax: ax.text(0.98, 0.98, "n", transform=ax.transAxes, ha="right", va="top"))
    note = svg(lambda ax: clear_note(ax, "n", ["upper right", "upper left"]))
    assert note == plain


def test_the_place_is_chosen_once_per_size_and_layout():
    # the PNG (200 dpi) and the SVG (72 dpi) of one figure measure text a little
    # differently: a note on the edge of a legend took one place in each. The first
    # drawing at a size chooses; a drawing at another size chooses again
    fig, ax = _diagonal()
    note = clear_note(ax, "a note", [TOP_LEFT, TOP_RIGHT])
    fig.canvas.draw()
    assert note.chosen == 1
    note.places = (note.places[1], note.places[0])  # what a second choice would change
    fig.savefig(io.BytesIO(), format="svg")
    assert note.chosen == 1  # kept: same size, same layout
    fig.set_size_inches(5, 3)
    fig.canvas.draw()
    assert note.chosen == 0  # chosen again: the top right is now the first place
    plt.close(fig)


# -- clear_legend: the same choice for a legend inside its panel --------------------------
def test_a_legend_whose_first_place_lies_on_the_line_takes_the_first_free_one():
    from neurosim.plotting import clear_legend

    fig, ax = _diagonal()
    ax.lines[0].set_label("the diagonal")
    legend = clear_legend(ax, ["upper left", "lower right", "upper right"], fontsize=9)
    fig.canvas.draw()
    assert legend.chosen == 2 and ax.get_legend() is legend
    assert _vertices_under(fig, ax, legend) == 0
    assert text_collisions(fig) == []
    plt.close(fig)


def test_the_control_a_legend_with_no_choice_lies_on_the_line():
    from neurosim.plotting import clear_legend

    fig, ax = _diagonal()
    ax.lines[0].set_label("the diagonal")
    legend = clear_legend(ax, ["upper left"], fontsize=9)
    assert _vertices_under(fig, ax, legend) > 0
    assert text_collisions(fig) != []
    plt.close(fig)


def test_a_legend_settles_before_a_note_chooses_so_the_note_avoids_it():
    from neurosim.plotting import clear_legend

    fig, ax = _diagonal()
    ax.lines[0].set_label("the diagonal")
    # the legend leaves the top left (on the line) for the top right; the note, whose
    # first place is the top right, must then see the legend there and go bottom left
    legend = clear_legend(ax, ["upper left", "upper right"], fontsize=9)
    note = clear_note(ax, "a note", [TOP_RIGHT, BOTTOM_LEFT])
    fig.canvas.draw()
    assert (legend.chosen, note.chosen) == (1, 1)
    assert text_collisions(fig) == []
    plt.close(fig)


def test_a_legend_keeps_its_place_in_the_png_and_the_svg_and_its_bytes_repeat():
    from neurosim.plotting import clear_legend

    def render():
        fig, ax = _diagonal()
        ax.lines[0].set_label("the diagonal")
        legend = clear_legend(ax, ["upper left", "upper right"], fontsize=9)
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png")
        first = legend.chosen
        with matplotlib.rc_context({"svg.hashsalt": "x"}):  # fixed ids, as the gallery's
            fig.savefig(svg, format="svg", metadata={"Date": None})
        plt.close(fig)
        return png.getvalue(), svg.getvalue(), first, legend.chosen

    png, svg, first, after = render()
    assert first == after == 1
    assert render()[:2] == (png, svg)


@pytest.mark.parametrize(
    ("places", "kwargs", "error"),
    [
        (["upper middle"], {}, ValueError),
        (["best"], {}, ValueError),
        (["upper left"], {"loc": "upper left"}, TypeError),
        (["upper left"], {"bbox_to_anchor": (0.5, -0.2)}, TypeError),
    ],
)
def test_clear_legend_refuses_a_place_outside_its_names_by_name(places, kwargs, error):
    from neurosim.plotting import clear_legend

    fig, ax = _diagonal()
    with pytest.raises(error, match="parameter of clear_legend"):
        clear_legend(ax, places, **kwargs)
    plt.close(fig)
