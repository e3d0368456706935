"""Lecture style and panel functions (drawing only; nothing here runs a model)."""

from neurosim.plotting.panels import chance_line, decision_regions, grid_for, learning_curve, raster
from neurosim.plotting.style import (
    ARTIFICIAL,
    CLASS_COLORS,
    NEUTRAL,
    SPIKING,
    THEORY,
    LectureFigure,
    darken,
    label_panels,
    lecture_style,
    new_figure,
    run_note,
    shade,
)

__all__ = [
    "ARTIFICIAL",
    "CLASS_COLORS",
    "NEUTRAL",
    "SPIKING",
    "THEORY",
    "LectureFigure",
    "chance_line",
    "darken",
    "decision_regions",
    "grid_for",
    "label_panels",
    "learning_curve",
    "lecture_style",
    "new_figure",
    "raster",
    "run_note",
    "shade",
]
