"""One lecture style for every neurosim figure, and the two colours of the story.

The artificial model (logistic unit, deep network) is always drawn in
:data:`ARTIFICIAL`, the spiking model always in :data:`SPIKING`, and closed-form
theory always as a black dashed line (:data:`THEORY`). The colours are from the
Okabe & Ito colour-blind-safe palette.

Figures and the user's pyplot
-----------------------------
A comparison's ``plot()`` draws on :func:`new_figure`: a figure that pyplot does not
manage. It never becomes pyplot's current figure, so a user's later ``plt.plot`` makes
its own figure, and ``plt.show()`` and pyplot's figure list are as the user left them.
In Jupyter (IPython) it shows exactly once, inline, whether it is a cell's last
expression or assigned to a name; no ``%matplotlib inline`` is needed. In a script,
save it (``fig.savefig``). :func:`lecture_style` changes only the style's own settings
(fonts, spines, sizes) and puts back exactly those: it never touches the backend or
interactive mode (restoring the whole rcParams, as ``matplotlib.rc_context`` does,
switched off the interactive mode Jupyter's inline backend turns on, and later figures
stopped appearing).
"""

from __future__ import annotations

import contextlib
import io
import weakref
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from neurosim.core.constraints import (
    Constraint,
    InstanceOf,
    Interval,
    ListOf,
    MappingOf,
    param_error,
    validate,
)

__all__ = [
    "ARTIFICIAL",
    "AXES",
    "CLASS_COLORS",
    "COLOUR",
    "MARKERS",
    "NEUTRAL",
    "SPIKING",
    "STYLE_FILE",
    "THEORY",
    "LectureFigure",
    "darken",
    "label_panels",
    "lecture_style",
    "new_figure",
    "run_note",
    "sequence",
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


class _Colour(Constraint):
    """A colour matplotlib understands (``"#0072B2"``, ``"black"``, an RGB tuple)."""

    def text(self) -> str:
        return "a matplotlib colour (e.g. '#0072B2' or 'black')"

    def check(self, value, name: str, owner: str = ""):
        from matplotlib.colors import is_color_like

        if isinstance(value, np.ndarray) or not isinstance(value, str | tuple | list):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        if not is_color_like(value):
            raise param_error(name, owner, self.text(), value)
        return value

    def bad_values(self, good=None):
        return [("not a colour", "no-such-colour"), ("wrong type", 3)]


#: The constraints of a panel function's colour and axes.
COLOUR = _Colour()
AXES = InstanceOf(Axes, text="a matplotlib Axes")
_STRENGTH = Interval(0, 1)


@contextlib.contextmanager
def lecture_style():
    """Apply the lecture style (fonts, spines, sizes) inside the block, then put it back.

    Only the settings the style file names are changed and restored; the backend,
    interactive mode and everything else the user set stay as they are.
    """
    style = matplotlib.rc_params_from_file(str(STYLE_FILE), use_default_template=False)
    with _only(style):
        yield


@contextlib.contextmanager
def _only(settings):
    """Change these rcParams inside the block, then put back exactly those."""
    saved = {key: matplotlib.rcParams[key] for key in settings}
    matplotlib.rcParams.update(settings)
    try:
        yield
    finally:
        matplotlib.rcParams.update(saved)


#: rcParams under which a figure is drawn as laid out: ``set_layout_engine(None)`` (which
#: savefig also calls to put the engine back after a file) leaves no engine, and no
#: tight box asks for a pass of its own
_AS_LAID_OUT = {
    "figure.autolayout": False,
    "figure.constrained_layout.use": False,
    "savefig.bbox": "standard",
}


def freeze_layout(fig: Figure, dpi: float, digits: int = 6):
    """Lay the figure out once at ``dpi``, round every axes' position, remove the engine.

    ``savefig`` on a figure that has a layout engine (even matplotlib's "none"
    placeholder) first draws every artist without output to lay it out, then draws
    again: two passes over every artist per file. Here only the layout engine runs (it
    measures the text it needs), so each file costs one draw. Positions are rounded to
    ``10**-digits`` of the figure: constrained layout's solver (kiwisolver) differs
    between processes in the last bits (measured: rate_code_needs_time drew two PNG
    variants over five identical runs, and SVG clip ids hash the unrounded positions).

    Returns the engine it removed (None if the figure had none), for
    ``fig.set_layout_engine(engine)`` to lay it out live again.
    """
    from matplotlib.transforms import Bbox

    engine = fig.get_layout_engine()
    if engine is None:
        return None
    saved = fig.dpi
    fig.set_dpi(dpi)  # lay out as the file is drawn (text sizes in pixels)
    try:
        engine.execute(fig)
    finally:
        fig.set_dpi(saved)
    for ax in fig.axes:  # a locator (inset, colorbar) still places its axes at each draw
        corners = np.round(ax.get_position(original=True).get_points(), digits)
        place_axes(ax, Bbox(corners))
    with drawn_as_laid_out():
        fig.set_layout_engine(None)
    return engine


def place_axes(ax: Axes, box) -> None:
    """Put an axes at ``box`` (figure fraction) and leave it in the layout as it was.

    matplotlib's ``set_position`` also takes the axes out of the layout (a user's
    position is final), so a figure laid out live again after a frozen draw ignored its
    panels: a notebook figure saved after it was shown had lost its layout.
    """
    in_layout = ax.get_in_layout()
    ax.set_position(box, which="both")
    ax.set_in_layout(in_layout)


#: zlib level of :func:`png_bytes` (Pillow's default, and matplotlib's, is 6)
PNG_COMPRESSION = 1


def png_bytes(fig: Figure, dpi: float) -> bytes:
    """The figure as PNG bytes at ``dpi``: the pixels matplotlib's PNG has, written faster.

    matplotlib draws with Agg and writes all four channels at zlib level 6. A lecture
    figure is opaque (white face), so its alpha channel is 255 everywhere and says
    nothing: it is dropped, and the three colour channels go out at level 1. On the 20
    quick figures at 200 dpi (126 million pixels) that wrote in 3.0 s instead of 5.7 s,
    10.4 MB instead of 10.0 MB. A figure with any transparent pixel keeps its alpha.
    The file holds the resolution (``pHYs``) and no other metadata (no software name).
    Memory: Agg's buffer is read in place and copied once, without its alpha (a process
    that drew four 200-dpi figures three times peaked 30 MB above matplotlib's writer;
    copies through numpy had cost 103 MB).
    """
    with drawn_on_agg(fig, dpi) as canvas:
        return encoded_png(canvas, dpi)


@contextlib.contextmanager
def drawn_on_agg(fig: Figure, dpi: float):
    """Inside, the figure is drawn once at ``dpi`` on a fresh Agg canvas (yielded).

    Drawn as laid out (:func:`drawn_as_laid_out`: no tight crop, no pass of its own for
    a layout, whatever the user's rcParams say). The canvas keeps its pixels and its
    renderer (``canvas.get_renderer()`` while the figure's dpi is ``dpi``) until the
    block ends; the figure's own canvas is put back.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    original = fig.canvas
    canvas = FigureCanvasAgg(fig)  # matplotlib's PNG draws on one of these too
    try:
        with drawn_as_laid_out():  # draws; the pixels stay on the canvas
            fig.savefig(_Discarded(), format="rgba", dpi=dpi)
        yield canvas
    finally:
        fig.set_canvas(original)


def encoded_png(canvas, dpi: float) -> bytes:
    """The PNG of what an Agg canvas holds (see :func:`png_bytes`)."""
    from PIL import Image

    pixels = np.asarray(canvas.buffer_rgba())  # (height, width, 4), Agg's own memory
    image = Image.frombuffer("RGBA", pixels.shape[1::-1], pixels, "raw", "RGBA", 0, 1)
    if image.getextrema()[3] == (255, 255):  # opaque: one copy, without the alpha
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="png", compress_level=PNG_COMPRESSION, dpi=(dpi, dpi))
    return out.getvalue()


class _Discarded(io.RawIOBase):
    """A file that keeps nothing: :func:`png_bytes` reads the pixels from the canvas."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return len(data)


@contextlib.contextmanager
def drawn_as_laid_out():
    """Inside, ``savefig`` draws a frozen figure once: no tight box, no engine put back.

    (The lecture style asks for both: ``savefig.bbox: tight`` and constrained layout.)
    """
    with _only(_AS_LAID_OUT):
        yield


#: resolution of the PNG a notebook shows (``LectureFigure._png``, explore())
NOTEBOOK_DPI = 100


class LectureFigure(Figure):
    """A figure pyplot does not manage, shown once in Jupyter (see the module docstring)."""

    _shown = False

    def _png(self) -> bytes:
        """The notebook's PNG (100 dpi): laid out once, drawn once, then live again."""
        engine = freeze_layout(self, NOTEBOOK_DPI)
        try:
            return png_bytes(self, NOTEBOOK_DPI)
        finally:
            if engine is not None:
                self.set_layout_engine(engine)

    def _ipython_display_(self):
        from IPython.display import Image, display

        self._shown = True
        display(Image(data=self._png(), format="png"))


_pending: list[weakref.ref] = []
_hooked = False


def _show_pending(*_args, **_kwargs):
    """After a Jupyter cell: show each figure made in it that was not displayed yet."""
    waiting = [ref() for ref in _pending]
    _pending.clear()
    for fig in waiting:
        if fig is not None and not fig._shown:
            fig._ipython_display_()


def _in_ipython_kernel():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return shell if shell is not None and hasattr(shell, "kernel") else None


def new_figure(**kwargs) -> LectureFigure:
    """A new figure for a comparison's ``plot()``, outside pyplot (see the module docstring).

    Takes ``matplotlib.figure.Figure``'s arguments (``figsize=(15, 8.5)``, ``layout=...``).
    Create it inside :func:`lecture_style` so that the style's layout settings apply.
    """
    global _hooked
    fig = LectureFigure(**kwargs)
    shell = _in_ipython_kernel()
    if shell is not None:
        if not _hooked:
            shell.events.register("post_execute", _show_pending)
            _hooked = True
        _pending.append(weakref.ref(fig))
    return fig


@validate(color=COLOUR, strength=_STRENGTH)
def shade(color: str, strength: float) -> str:
    """``color`` mixed with white: strength 1 is the colour itself, 0 is white.

    For lighter variants of a model's colour (several noise levels, single trials).
    """
    from matplotlib.colors import to_hex, to_rgb

    rgb = np.array(to_rgb(color))
    return to_hex(1 - strength * (1 - rgb))


@validate(color=COLOUR, strength=_STRENGTH)
def darken(color: str, strength: float) -> str:
    """``color`` mixed with black: strength 1 is the colour itself, 0 is black."""
    from matplotlib.colors import to_hex, to_rgb

    return to_hex(strength * np.array(to_rgb(color)))


#: Markers that tell apart the series of one panel (with :func:`sequence` colours).
MARKERS = ("o", "s", "^", "D", "v", "P", "X")


@validate(color=COLOUR, n=Interval(1, 12, integer=True))
def sequence(color: str, n: int) -> list[str]:
    """``n`` colours of one hue, light to dark, around the model's own colour:
    for the series of one panel (noise levels, pool sizes), told apart from the back row.

    They run from ``color`` mixed 45 % with white to ``color`` mixed 55 % with black, evenly
    in that mix; shades of ``color`` with white alone crowd into the light end, where
    neighbours look alike on a projector. Pair them with :data:`MARKERS` or direct labels.
    """
    if n == 1:
        return [color]
    steps = np.linspace(-0.45, 0.55, n)
    return [shade(color, float(1 + s)) if s < 0 else darken(color, float(1 - s)) for s in steps]


@validate(axes=ListOf(AXES), x=Interval(), y=Interval())
def label_panels(axes, *, x: float = -0.12, y: float = 1.04):
    """Write A, B, C, ... in the top-left corner of each axis (a list of at most 26;
    ``x`` and ``y`` in axes coordinates)."""
    if len(axes) > 26:
        raise param_error("axes", "label_panels", "at most 26 axes (A to Z)", len(axes))
    for letter, ax in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", axes):
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


@validate(fig=InstanceOf(Figure, text="a matplotlib Figure"), settings=[MappingOf(), None])
def run_note(fig, settings) -> None:
    """Say under the figure which run it shows: the seed (or "deterministic"), quick
    settings, and every parameter the user changed.

    A comparison's claims are judged over several seeds, but its figure is drawn from
    one run: the note keeps that visible. ``settings`` is ``findings.settings``.
    """
    settings = dict(settings or {})
    if settings.get("deterministic"):
        parts = ["one run (deterministic: no random input)"]
    else:
        parts = [f"drawn from one run: seed {settings.get('seed', 0)}"]
    if settings.get("quick"):
        parts.append("quick settings")
    params = settings.get("parameters") or {}
    changed = [n for n in settings.get("changed") or () if n in params]
    if changed:
        shown = []
        for n in changed:
            value, unit = params[n].get("value"), params[n].get("unit", "")
            text = f"{value:g}" if isinstance(value, float) else str(value)
            shown.append(f"{n} = {text}{(' ' + unit) if unit else ''}")
        parts.append("changed: " + ", ".join(shown))
    fig.supxlabel("  ·  ".join(parts), x=0.995, ha="right", fontsize=11, color=NEUTRAL)
