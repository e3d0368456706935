"""Figures for the back row: no text over data, over other text, or off the canvas.

First the checker (:func:`neurosim.plotting.text_collisions`) on small hand-made figures,
so that it cannot pass vacuously; then every registered comparison's quick figure.
"""

import itertools

import numpy as np
import pytest

from neurosim.contract import registry
from neurosim.plotting import lecture_style, new_figure, text_collisions


def _figure(**kwargs):
    with lecture_style():
        fig = new_figure(figsize=(6, 4), layout="constrained", **kwargs)
        ax = fig.subplots()
    x = np.linspace(0, 10, 200)
    ax.plot(x, np.sin(x))
    return fig, ax


def test_a_label_over_a_line_is_caught():
    fig, ax = _figure()
    ax.text(5, np.sin(5), "on the line", ha="center", va="center")
    found = text_collisions(fig)
    assert len(found) == 1 and "'on the line' lies on" in found[0]


def test_a_label_beside_the_line_is_not_caught():
    fig, ax = _figure()
    ax.set_ylim(-1.1, 2.0)
    ax.text(5, 1.6, "above the line", ha="center", va="center")  # sin <= 1 everywhere
    assert text_collisions(fig) == []


def test_markers_bars_and_vlines_count_as_data():
    fig, ax = _figure()
    ax.cla()
    ax.bar([0, 1, 2], [1, 3, 2])
    ax.scatter([4], [1.5], s=400)
    ax.vlines([6], 0, 3)
    ax.set_xlim(-1, 7)
    ax.text(1, 2.5, "on a bar", ha="center")
    ax.text(4, 1.5, "on a dot", ha="center", va="center")
    ax.text(6, 1.5, "on a line", ha="center", va="center")
    found = text_collisions(fig)
    assert [f.split(" lies on ")[0].split()[-1] for f in found] == ["bar'", "dot'", "line'"]
    assert "1 bars" in found[0]


def test_a_legend_over_the_curve_is_caught_and_one_beside_it_is_not():
    fig, ax = _figure()
    ax.plot([0, 10], [0, 0], label="zero")
    ax.legend(loc="center")
    assert any("legend [zero]" in f for f in text_collisions(fig))
    fig, ax = _figure()
    ax.plot([0, 10], [0, 0], label="zero")
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
    assert text_collisions(fig) == []


def test_two_overlapping_titles_are_caught():
    fig, ax = _figure()
    ax.set_title("a long title that starts on the left", loc="left")
    ax.set_title("and one in the middle")
    found = text_collisions(fig)
    assert len(found) == 1 and "overlaps" in found[0]


def test_a_text_off_the_canvas_is_caught():
    fig, _ax = _figure()
    fig.text(0.98, 0.5, "cut off at the right edge")
    assert any("sticks out of the figure" in f for f in text_collisions(fig))


def test_text_that_only_touches_is_within_the_tolerance():
    fig, ax = _figure()
    ax.cla()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    label = ax.text(2, 5, "touching", va="bottom")
    assert text_collisions(fig) == []  # draws the figure on an Agg canvas
    box = label.get_window_extent(fig.canvas.get_renderer())
    y = ax.transData.inverted().transform((0, box.y0 + 1.0))[1]  # 1 px into the box
    ax.axhline(y, lw=0.5)
    assert text_collisions(fig) == []
    ax.axhline(ax.transData.inverted().transform((0, box.y0 + 6))[1], lw=0.5)
    assert len(text_collisions(fig)) == 1


#: What the checker may still flag in a comparison's figure: name -> [(the start of the
#: finding, the reason it is allowed)]. Aim: none.
ALLOWED: dict[str, list[tuple[str, str]]] = {}


@pytest.mark.parametrize("name", registry.available())
def test_no_text_collides_in_the_comparison_figure(name, quick_run):
    findings, _ = quick_run(name)
    fig = registry.load(name).plot(findings)
    found = text_collisions(fig)
    allowed = [
        f for f in found if any(f.startswith(start) for start, _why in ALLOWED.get(name, ()))
    ]
    assert [f for f in found if f not in allowed] == []


def _luminance(color):
    """WCAG relative luminance (sRGB linearised, 0.2126 R + 0.7152 G + 0.0722 B)."""
    from matplotlib.colors import to_rgb

    c = np.array(to_rgb(color))
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(c @ [0.2126, 0.7152, 0.0722])


@pytest.mark.parametrize("n", [2, 3, 5, 7])
def test_sequence_runs_light_to_dark_with_visible_steps(n):
    from neurosim.plotting import SPIKING, sequence

    lum = [_luminance(c) for c in sequence(SPIKING, n)]
    ratios = [(a + 0.05) / (b + 0.05) for a, b in itertools.pairwise(lum)]
    # WCAG contrast ratio of neighbours. The shades the issue named (SPIKING mixed with
    # white, strength 0.5 to 1 in 5 steps) had 1.18-1.19 between neighbours; ask for at
    # least 1.4 with 5 series and 1.25 with 7 (the range is shared, so steps shrink).
    assert min(ratios) > (1.4 if n <= 5 else 1.25), ratios


def test_an_axes_turned_off_shows_no_tick_labels():
    fig, ax = _figure()
    ax.set_ylim(-1e6, 1e6)  # long tick labels
    ax.set_position([0.0, 0.1, 0.9, 0.8])  # at the left edge: its labels would stick out
    fig.set_layout_engine("none")
    assert any("sticks out" in f for f in text_collisions(fig))
    ax.set_axis_off()
    assert text_collisions(fig) == []


def test_an_arrow_may_touch_the_point_it_names_but_its_words_may_not_cover_data():
    fig, ax = _figure()
    arrow = {"arrowstyle": "->"}
    ax.annotate("the peak", (np.pi / 2, 1), (40, -60), textcoords="offset points", arrowprops=arrow)
    assert text_collisions(fig) == []
    ax.annotate("on it", (5, np.sin(5)), (0, 0), textcoords="offset points", arrowprops=arrow)
    assert len(text_collisions(fig)) == 1


def test_an_inset_is_checked_against_the_data_of_the_axes_under_it():
    fig, ax = _figure()
    ax.axvline(5, color="k")
    inset = ax.inset_axes([0.3, 0.3, 0.4, 0.3])  # its title and ticks across the line
    inset.set_title("inset")
    found = text_collisions(fig)
    assert any("'inset' lies on" in f for f in found)
    assert any("tick" in f and "lies on" in f for f in found)


def test_words_inside_an_opaque_inset_do_not_collide_with_the_data_it_hides():
    fig, ax = _figure()
    ax.axvline(5, color="k")
    inset = ax.inset_axes([0.3, 0.3, 0.4, 0.3], xticks=[], yticks=[])
    inset.text(0.5, 0.5, "inside", transform=inset.transAxes, ha="center", va="center")
    assert text_collisions(fig) == []
    inset.patch.set_visible(False)  # now the line shows through the words
    assert len(text_collisions(fig)) == 1
