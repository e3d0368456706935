"""One lecture style for every neurosim figure, and the two colours of the story.

The artificial model (logistic unit, deep network) is always drawn in
:data:`ARTIFICIAL`, the spiking model always in :data:`SPIKING`, and closed-form
theory always as a black dashed line (:data:`THEORY`). The colours are from the
Okabe & Ito colour-blind-safe palette.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import matplotlib
import numpy as np

__all__ = [
    "ARTIFICIAL",
    "CLASS_COLORS",
    "NEUTRAL",
    "SPIKING",
    "STYLE_FILE",
    "THEORY",
    "darken",
    "label_panels",
    "lecture_style",
    "shade",
]

#: Colour of the artificial neuron/network in every figure (Okabe-Ito blue).
ARTIFICIAL = "#0072B2"
#: Colour of the spiking neuron/network in every figure (Okabe-Ito vermillion).
SPIKING = "#D55E00"
#: Closed-form theory: drawn black and dashed.
THEORY = "#000000"
#: A third, neutral colour for references (chance level, thresholds).
NEUTRAL = "#7F7F7F"
#: Colours of data classes (class 0, class 1, ...): never the two model colours.
CLASS_COLORS = ("#CC79A7", "#009E73", "#E69F00", "#56B4E9", "#F0E442", "#000000")

STYLE_FILE = Path(__file__).with_name("neurosim.mplstyle")


@contextlib.contextmanager
def lecture_style():
    """Context manager applying the lecture style (fonts, spines, dpi)."""
    with matplotlib.rc_context(fname=str(STYLE_FILE)):
        yield


def shade(color: str, strength: float) -> str:
    """``color`` mixed with white: strength 1 is the colour itself, 0 is white.

    For lighter variants of a model's colour (several noise levels, single trials).
    """
    from matplotlib.colors import to_hex, to_rgb

    rgb = np.array(to_rgb(color))
    return to_hex(1 - strength * (1 - rgb))


def darken(color: str, strength: float) -> str:
    """``color`` mixed with black: strength 1 is the colour itself, 0 is black."""
    from matplotlib.colors import to_hex, to_rgb

    return to_hex(strength * np.array(to_rgb(color)))


def label_panels(axes, *, x: float = -0.12, y: float = 1.04):
    """Write A, B, C, ... in the top-left corner of each axis."""
    for letter, ax in zip("ABCDEFGHIJ", axes):
        ax.text(
            x,
            y,
            letter,
            transform=ax.transAxes,
            fontsize=16,
            fontweight="bold",
            va="bottom",
            ha="right",
        )
    return axes
