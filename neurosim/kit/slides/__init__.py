"""A lecture deck from the figures folder: ``neurosim slides [--out lecture.pptx] [--format pdf]``.

One slide per comparison, in lecture order: the question as the title and the figure
as large as the slide allows (at the slide's width unless its height stops it first),
with its key claims under or beside it where they fit whole, else on a slide of their
own that follows; each claim as its short label, its value with its unit and its verdict
in the words of the question it answers ("the analogy fails (synchrony wins)", "check
passed"). The speaker notes hold every claim's full statement with its value, rule and
reason, the values over seeds and the settings the run used. A title slide opens the
deck, a slide on how to read a verdict follows it, the scorecard closes the lecture, and
the glossary (:mod:`neurosim.kit.glossary`) follows as reference slides. Every block of
text is placed from its measured extent (``layout``), the same for both formats; the
deck is built from what ``neurosim figures`` wrote (each ``NAME.png`` and ``NAME.json``),
never by re-running anything, so the slides say exactly what the figures say.

``.pptx`` (python-pptx, optional extra ``neurosim[slides]``) opens in PowerPoint,
Keynote, Google Slides and LibreOffice; ``.pdf`` is drawn with matplotlib. Both are
16:9 (13.33 x 7.5 in) with text of at least 15 pt. Same figures in, same bytes out.
``tests/test_slides_render.py`` renders every PDF page and checks that all text lies
inside the page, apart from other text and off the figures.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from neurosim.core.constraints import PATH, Options, param_error, validate
from neurosim.core.validation import install_hint
from neurosim.kit.slides.content import Slide, read_slides

__all__ = ["Slide", "build_slides", "read_slides"]


@validate(figures=PATH, out=PATH, format=[Options("pptx", "pdf"), None])
def build_slides(
    figures: str | os.PathLike = "figures",
    out: str | os.PathLike = "lecture.pptx",
    *,
    format: str | None = None,
) -> Path:
    """Write the lecture deck from a figures folder; return the path written.

    Parameters
    ----------
    figures : path, default "figures"
        A folder written by ``neurosim figures`` (NAME.png and NAME.json per comparison).
    out : path, default "lecture.pptx"
        The deck to write (atomically).
    format : {"pptx", "pdf"} or None
        Default: from ``out``'s suffix.
    """
    out = Path(out)
    if format is None:
        format = out.suffix.lstrip(".").lower() or "pptx"
    if format not in ("pptx", "pdf"):
        raise param_error(
            "out", "build_slides", "a file ending in .pptx or .pdf (or give format=)", str(out)
        )
    if out.suffix.lower() != f".{format}":
        out = out.with_name(out.name + f".{format}")
    slides = read_slides(figures)
    seeds = set()
    for item in slides:
        with open(Path(figures) / f"{item.name}.json", encoding="utf-8") as fh:
            settings = json.load(fh).get("settings", {})
        seeds.add(len(settings.get("seeds") or [0]))
    n = max(seeds) if seeds else 1
    n_seeds_text = (
        f"{len(slides)} comparisons, every claim measured over {n} seed{'s' if n > 1 else ''}"
    )
    if format == "pptx":
        try:
            import pptx  # noqa: F401
        except ImportError as err:
            raise ImportError(
                f"A .pptx deck needs python-pptx: {install_hint('slides', 'python-pptx')}"
            ) from err
        from neurosim.kit.slides.pptx_deck import _pptx

        _pptx(slides, out, n_seeds_text)
    else:
        from neurosim.kit.slides.pdf_deck import _pdf

        _pdf(slides, out, n_seeds_text)
    return out
