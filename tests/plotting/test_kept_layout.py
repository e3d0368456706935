"""A live figure drawn at its previous layout only while its text fits there.

References: for the pixels of a figure laid out afresh, the notebook's own PNG
(``LectureFigure._png``: constrained layout once, positions rounded to 1e-6 of the
figure, one draw), which does not go through this module, and matplotlib's
``savefig``, from which it differs only by that rounding (under 0.5 % of the pixels, measured 0.4 %: a
line's antialiased edge); for what a kept layout would have cut off, the image itself
(a tick label that reaches the figure's left edge greys its first column of pixels).
Figures are 4 x 3 in at 100 dpi, the notebook's resolution.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from neurosim.plotting import lecture_style, new_figure
from neurosim.plotting.kept_layout import png_keeping_layout

DPI = 100


def _figure(top=1.0, panels=1, note="seed 0"):
    with lecture_style():
        fig = new_figure(figsize=(4, 3))
        axes = np.atleast_1d(fig.subplots(1, panels))
        for ax in axes:
            ax.plot([0, 1, 2], [0, top / 2, top])
            ax.ticklabel_format(axis="y", style="plain", useOffset=False)
            ax.set_ylabel("rate (Hz)")
            ax.set_title("a panel")
        fig.suptitle("The question")
        fig.supxlabel(note, fontsize=9)
    return fig


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _fresh(fig) -> np.ndarray:
    return _pixels(fig._png())


def _matplotlib_png(fig) -> np.ndarray:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, bbox_inches=None)
    return _pixels(out.getvalue())


def test_the_same_figure_again_keeps_the_layout_and_matplotlibs_pixels():
    first, layout = png_keeping_layout(_figure(), DPI)
    assert not layout.kept
    again, kept = png_keeping_layout(_figure(), DPI, layout)
    assert kept.kept
    want = _fresh(_figure())
    np.testing.assert_array_equal(_pixels(first), want)
    np.testing.assert_array_equal(_pixels(again), want)
    matplotlib_own = _matplotlib_png(_figure())  # laid out and drawn by matplotlib alone
    assert (matplotlib_own != want).any(axis=-1).mean() < 0.005


def test_a_wider_tick_label_lays_the_figure_out_afresh():
    _, narrow = png_keeping_layout(_figure(top=1.0), DPI)  # labels "0.0" to "1.0"
    png, layout = png_keeping_layout(_figure(top=100000.0), DPI, narrow)  # "100000"
    assert not layout.kept
    np.testing.assert_array_equal(_pixels(png), _fresh(_figure(top=100000.0)))
    assert (_pixels(png)[:, 0] == 255).all()  # nothing reaches the left edge
    # the control: forced to keep the narrow layout, the wide labels run off the figure
    forced, layout = png_keeping_layout(_figure(top=100000.0), DPI, narrow, slack=np.inf)
    assert layout.kept
    assert (_pixels(forced)[:, 0] < 255).any()  # a glyph cut at the edge (measured: 227)


def test_narrower_tick_labels_keep_the_panels_where_they_were():
    _, wide = png_keeping_layout(_figure(top=100000.0), DPI)
    png, layout = png_keeping_layout(_figure(top=1.0), DPI, wide)
    assert layout.kept and layout.positions is wide.positions
    fresh = _fresh(_figure(top=1.0))
    assert not np.array_equal(_pixels(png), fresh)  # the panel did not move left
    assert (_pixels(png)[:, 0] == 255).all()


def test_another_set_of_panels_or_size_is_laid_out_afresh():
    _, one = png_keeping_layout(_figure(), DPI)
    png, layout = png_keeping_layout(_figure(panels=2), DPI, one)
    assert not layout.kept
    np.testing.assert_array_equal(_pixels(png), _fresh(_figure(panels=2)))
    resized = _figure()
    resized.set_size_inches(5, 3)
    assert not png_keeping_layout(resized, DPI, one)[1].kept
    assert not png_keeping_layout(_figure(), 2 * DPI, one)[1].kept


@pytest.mark.parametrize(
    "note, kept",
    [
        ("seed 0; tau_m = 12 ms, sigma = 2 mV", True),  # longer across: no new margin
        ("seed 0\ntau_m = 12 ms", False),  # taller: the bottom margin must grow
    ],
)
def test_the_run_note_keeps_the_layout_unless_it_needs_more_height(note, kept):
    _, layout = png_keeping_layout(_figure(), DPI)
    png, after = png_keeping_layout(_figure(note=note), DPI, layout)
    assert after.kept is kept
    if not kept:
        np.testing.assert_array_equal(_pixels(png), _fresh(_figure(note=note)))


def test_the_figure_is_laid_out_live_again_after_either_drawing():
    fig = _figure()
    engine = fig.get_layout_engine()
    _, layout = png_keeping_layout(fig, DPI)
    assert fig.get_layout_engine() is engine
    again = _figure()
    engine = again.get_layout_engine()
    assert png_keeping_layout(again, DPI, layout)[1].kept
    assert again.get_layout_engine() is engine


def test_boxes_are_compared_with_the_last_full_layout_not_a_kept_one():
    # growth below the slack each time must not add up: the reference stays the first
    _, first = png_keeping_layout(_figure(), DPI)
    _, second = png_keeping_layout(_figure(), DPI, first)
    assert second.boxes is first.boxes and second.positions is first.positions


def test_a_shown_figure_keeps_its_panels_in_the_layout():
    # matplotlib's set_position takes an axes out of the layout: after the notebook's
    # frozen PNG the figure was "live again" without its panels, and a figure resized
    # and saved afterwards kept the old positions. Reference: matplotlib laying out a
    # figure made at the new size
    fig = _figure()
    fig._png()
    assert all(ax.get_in_layout() for ax in fig.axes)
    fig.set_size_inches(6, 3)
    fig.savefig(io.BytesIO(), format="png", dpi=DPI, bbox_inches=None)
    want = _figure()
    want.set_size_inches(6, 3)
    want.savefig(io.BytesIO(), format="png", dpi=DPI, bbox_inches=None)
    np.testing.assert_allclose(
        fig.axes[0].get_position().bounds, want.axes[0].get_position().bounds, atol=1e-5
    )
