"""A lecture deck from the figures folder: ``neurosim slides [--out lecture.pptx] [--format pdf]``.

One slide per comparison, in lecture order: the question as the title, the figure, and
its key claims, each as its short label, its value and its verdict in the words of the
question it answers ("the analogy fails (synchrony wins)", "check passed"); the speaker
notes hold every claim's full statement with its value, rule and reason, the values over
seeds and the settings the run used. A title slide opens the deck, a slide on how to
read a verdict follows it, and the scorecard closes it. The deck is built from what ``neurosim figures`` wrote (each
``NAME.png`` and ``NAME.json``), never by re-running anything, so the slides say exactly
what the figures say.

``.pptx`` (python-pptx, optional extra ``neurosim[slides]``) opens in PowerPoint,
Keynote, Google Slides and LibreOffice; ``.pdf`` is drawn with matplotlib. Both are
16:9 (13.33 x 7.5 in) with text of at least 16 pt. Same figures in, same bytes out.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from neurosim._io import atomic_write
from neurosim._validation import check_choice, param_error
from neurosim.findings import (
    READING_GUIDE,
    Rule,
    agreement_text,
    format_value,
    measured_text,
    short_label,
    verdict_text,
)

__all__ = ["Slide", "build_slides", "read_slides"]

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
TITLE = "What does deep learning have to do with the brain?"
SUBTITLE = (
    "A logistic unit and a spiking neuron, fed the same inputs: "
    "where the analogy holds and where it fails"
)
COLOUR = {"holds": "009E73", "partly": "B8860B", "fails": "CC3311"}
#: checks of one model alone, claims true by construction and unstable claims: grey
CHECK_COLOUR = "555555"
GUIDE_TITLE = "How to read a verdict"
MAX_KEY_CLAIMS = 3
#: Slide geometry (inches): the figure on top at full width, the claims in a strip below.
TOP, STRIP, COLUMN = 1.2, 1.5, 3.8


@dataclass(frozen=True)
class Slide:
    """One comparison's slide: its question, figure, headline claims and notes."""

    name: str
    question: str
    picture: Path
    claims: list[dict]
    notes: str


def _headline(claims: list[dict]) -> list[dict]:
    """The claims a slide shows: headline (key) claims first, then analogy claims."""
    key = [c for c in claims if c.get("key")]
    rest = [c for c in claims if not c.get("key") and c.get("about", "analogy") == "analogy"]
    alone = [c for c in claims if c.get("about", "analogy") != "analogy"]
    return (key + rest + alone)[:MAX_KEY_CLAIMS]


def _colour(claim: dict) -> str:
    """Green / orange / red for an analogy verdict; grey for anything not counted."""
    if (
        claim.get("about", "analogy") != "analogy"
        or claim.get("by_construction")
        or claim.get("unstable")
    ):
        return CHECK_COLOUR
    return COLOUR.get(claim.get("verdict"), CHECK_COLOUR)


def _notes(record: dict) -> str:
    lines = [record.get("question", ""), ""]
    settings = record.get("settings", {})
    seeds = settings.get("seeds") or [settings.get("seed", 0)]
    quality = "quick run" if settings.get("quick") else "full quality"
    lines.append(f"{quality}; seeds {', '.join(map(str, seeds))}")
    params = settings.get("parameters", {})
    if params:
        shown = ", ".join(
            f"{n} = {format_value(v.get('value')) if isinstance(v.get('value'), float) else v.get('value')}"
            f"{(' ' + v['unit']) if v.get('unit') else ''}"
            for n, v in params.items()
        )
        lines.append(f"settings: {shown}")
    lines.append("")
    for k, claim in enumerate(record.get("claims", []), start=1):
        unit = claim.get("unit", "")
        rule = claim.get("rule") or {}
        about = claim.get("about", "analogy")
        whose = "" if about == "analogy" else f" [{about} model alone: a check]"
        lines.append(f"{k}. {short_label(claim)}{whose}: {claim.get('statement', '')}")
        agree = agreement_text(claim)
        lines.append(
            f"   measured: {measured_text(claim)}{f' ({agree})' if agree else ''}; "
            f"{verdict_text(claim, mark=False)}"
        )
        if rule:
            text = Rule.from_dict(rule).text(unit)
            lines.append(f"   rule: {text} ({rule.get('reason', '')})")
        if claim.get("by_construction"):
            lines.append(f"   by construction: {claim['by_construction']}")
        values = claim.get("values")
        if values and len(values) > 1 and not claim.get("deterministic"):
            shown = ", ".join("n/a" if v is None else format_value(v) for v in values)
            lines.append(f"   per seed: {shown}")
    return "\n".join(lines)


def read_slides(figures: str | os.PathLike = "figures") -> list[Slide]:
    """The slides that the figures folder supports, in lecture order.

    Raises
    ------
    FileNotFoundError
        If the folder holds no figure with its JSON record (run ``neurosim figures``).
    """
    from neurosim import registry

    folder = Path(figures)
    if not folder.is_dir():
        raise param_error(
            "figures",
            "build_slides",
            "a folder written by 'neurosim figures'",
            str(folder),
            "Run 'neurosim figures' first.",
            cls=FileNotFoundError,
        )
    slides = []
    for name in registry.available():
        png, record_path = folder / f"{name}.png", folder / f"{name}.json"
        if not (png.exists() and record_path.exists()):
            continue
        with open(record_path, encoding="utf-8") as fh:
            record = json.load(fh)
        slides.append(
            Slide(
                name,
                record.get("question", name),
                png,
                _headline(record.get("claims", [])),
                _notes(record),
            )
        )
    if not slides:
        raise param_error(
            "figures",
            "build_slides",
            "a folder with NAME.png and NAME.json files",
            str(folder),
            "Run 'neurosim figures' first.",
            cls=FileNotFoundError,
        )
    return slides


def _claim_lines(slide: Slide) -> list[tuple[str, str, str]]:
    """(verdict in words, "label: value", colour) for each claim the slide shows.

    A slide never shows a cut statement: it shows the claim's short label (the full
    statement is in the notes), its value with its unit, and its verdict in the words of
    the question it answers.
    """
    out = []
    for claim in slide.claims:
        body = f"{short_label(claim)}: {format_value(claim.get('value'), claim.get('unit', ''))}"
        agree = agreement_text(claim)
        if agree and not claim.get("deterministic"):
            body += f" ({agree})"
        out.append((verdict_text(claim), body, _colour(claim)))
    return out


def _guide_lines() -> list[tuple[str, str]]:
    """The reading guide as (term, meaning) lines for the deck's second slide."""
    return list(READING_GUIDE)


def _title_height(question: str) -> float:
    """Inches the question takes at the top of a slide (24 pt lines, measured)."""
    lines = _wrap(question, WIDTH_IN - 0.8, 24, True).count("\n") + 1
    return 0.18 + 0.42 * lines + 0.12


def _layout(picture: Path, wide: bool, top: float = TOP) -> dict:
    """Where the figure and the claims go (inches), the figure as large as possible.

    ``top`` is the height the title takes. A wide figure goes on top at full width with
    the claims in a strip below it; a taller one on the left with the claims in a
    column on its right.
    """
    import matplotlib.image as mpimg

    rows, cols = mpimg.imread(picture).shape[:2]
    aspect = cols / rows
    room_h = HEIGHT_IN - top - 0.1
    if wide:
        width = min(WIDTH_IN - 0.4, room_h * aspect)
        return {"picture": ((WIDTH_IN - width) / 2, top, width, width / aspect), "claims": None}
    # on top, claims below
    w_top = min(WIDTH_IN - 0.4, (room_h - STRIP) * aspect)
    # on the left, claims in a column of at least COLUMN inches
    w_side = min(WIDTH_IN - 0.6 - COLUMN, room_h * aspect)
    if w_top * (w_top / aspect) >= w_side * (w_side / aspect):
        return {
            "picture": ((WIDTH_IN - w_top) / 2, top, w_top, w_top / aspect),
            "claims": ("row", 0.4, HEIGHT_IN - STRIP, WIDTH_IN - 0.8, STRIP - 0.1),
        }
    left = 0.3
    column_left = left + w_side + 0.3
    return {
        "picture": (left, top, w_side, w_side / aspect),
        "claims": ("column", column_left, top + 0.1, WIDTH_IN - column_left - 0.3, room_h),
    }


def _full_slide(picture: Path) -> dict:
    """The figure alone, as large as the slide allows, centred."""
    import matplotlib.image as mpimg

    rows, cols = mpimg.imread(picture).shape[:2]
    aspect = cols / rows
    width = min(WIDTH_IN - 0.2, (HEIGHT_IN - 0.2) * aspect)
    height = width / aspect
    return {
        "picture": ((WIDTH_IN - width) / 2, (HEIGHT_IN - height) / 2, width, height),
        "claims": None,
    }


def _claim_boxes(claims_box, n: int) -> list[tuple[float, float, float, float]]:
    """One (left, top, width, height) box per claim inside the claims area."""
    mode, left, top, width, height = claims_box
    if mode == "row":
        w = width / n
        return [(left + k * w, top, w - 0.2, height) for k in range(n)]
    h = height / n
    return [(left, top + k * h, width, h - 0.1) for k in range(n)]


def _pptx(slides: list[Slide], path: Path, n_seeds_text: str) -> None:
    import datetime

    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    # reproducible bytes: fixed document dates, no author
    fixed = datetime.datetime(2000, 1, 1)
    props = deck.core_properties
    props.created = props.modified = props.last_printed = fixed
    props.author = props.last_modified_by = "neurosim"
    props.title = TITLE
    props.revision = 1
    blank = deck.slide_layouts[6]

    def text_box(slide, left, top, width, height, text, size, *, bold=False, colour=None):
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        run = frame.paragraphs[0].add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
        return frame

    title = deck.slides.add_slide(blank)
    text_box(title, 0.8, 2.2, 11.7, 1.6, TITLE, 40, bold=True)
    text_box(title, 0.8, 3.9, 11.7, 1.2, SUBTITLE, 22)
    text_box(title, 0.8, 5.6, 11.7, 0.8, n_seeds_text, 18, colour="555555")

    guide = deck.slides.add_slide(blank)
    text_box(guide, 0.6, 0.3, 12.1, 0.9, GUIDE_TITLE, 32, bold=True)
    for k, (term, meaning) in enumerate(_guide_lines()):
        frame = text_box(guide, 0.6, 1.35 + k * 1.0, 12.1, 0.95, term, 20, bold=True)
        run = frame.add_paragraph().add_run()
        run.text = meaning
        run.font.size = Pt(17)

    for item in slides:
        s = deck.slides.add_slide(blank)
        if item.name == "scorecard":  # the figure carries its own title: the whole slide
            layout = _full_slide(item.picture)
        else:
            text_box(
                s,
                0.4,
                0.1,
                WIDTH_IN - 0.8,
                _title_height(item.question),
                item.question,
                24,
                bold=True,
            )
            layout = _layout(item.picture, not item.claims, _title_height(item.question))
        left, top, width, height = layout["picture"]
        s.shapes.add_picture(
            str(item.picture), Inches(left), Inches(top), Inches(width), Inches(height)
        )
        if layout["claims"] is not None:
            lines = _claim_lines(item)
            for (x, y, w, h), (verdict, body_text, colour) in zip(
                _claim_boxes(layout["claims"], len(lines)), lines
            ):
                frame = text_box(s, x, y, w, h, verdict, 16, bold=True, colour=colour)
                body = frame.add_paragraph().add_run()
                body.text = body_text
                body.font.size = Pt(15)
        s.notes_slide.notes_text_frame.text = item.notes
    atomic_write(path, lambda tmp: _save_fixed_dates(deck, tmp))


def _save_fixed_dates(deck, path) -> None:
    """Save ``deck`` as a zip whose members carry one fixed date: same deck, same bytes.

    python-pptx stamps every zip member with the time of saving.
    """
    import io
    import zipfile

    buffer = io.BytesIO()
    deck.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))


def _text_width_in(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of ``text`` in inches, as matplotlib draws it."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _h, _d = TextToPath().get_text_width_height_descent(text, prop, False)
    return width / 72.0


def _wrap(text: str, width_in: float, size: float, bold: bool = False) -> str:
    """``text`` broken at spaces into lines no wider than ``width_in`` (measured)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and _text_width_in(trial, size, bold) <= width_in:
            lines[-1] = trial
        else:
            lines.append(word)
    return "\n".join(lines)


def _pdf(slides: list[Slide], path: Path, n_seeds_text: str) -> None:
    import matplotlib.image as mpimg
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    def page(draw):
        fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
        draw(fig)
        pdf.savefig(fig)

    def text(fig, x_in, y_in, words, size, width_in, *, bold=False, **kw):
        """Text wrapped to ``width_in`` with its top-left corner at (x_in, y_in) inches."""
        return fig.text(
            x_in / WIDTH_IN,
            1 - y_in / HEIGHT_IN,
            _wrap(words, width_in, size, bold),
            fontsize=size,
            fontweight="bold" if bold else "normal",
            va="top",
            **kw,
        )

    def picture(fig, box, png):
        left, top, width, height = box
        ax = fig.add_axes(
            [left / WIDTH_IN, 1 - (top + height) / HEIGHT_IN, width / WIDTH_IN, height / HEIGHT_IN]
        )
        ax.imshow(mpimg.imread(png))
        ax.axis("off")

    def write(tmp):
        nonlocal pdf
        with PdfPages(
            tmp,
            metadata={
                "CreationDate": None,
                "ModDate": None,
                "Creator": "neurosim",
                "Producer": "neurosim",
            },
        ) as pdf:

            def title_page(fig):
                text(fig, 0.8, 2.0, TITLE, 36, WIDTH_IN - 1.6, bold=True)
                text(fig, 0.8, 3.9, SUBTITLE, 20, WIDTH_IN - 1.6)
                text(fig, 0.8, 5.6, n_seeds_text, 16, WIDTH_IN - 1.6, color="0.35")

            def guide_page(fig):
                text(fig, 0.6, 0.35, GUIDE_TITLE, 32, WIDTH_IN - 1.2, bold=True)
                for k, (term, meaning) in enumerate(_guide_lines()):
                    y = 1.4 + k * 1.0
                    text(fig, 0.6, y, term, 20, WIDTH_IN - 1.2, bold=True)
                    text(fig, 0.6, y + 0.36, meaning, 16, WIDTH_IN - 1.2)

            page(title_page)
            page(guide_page)
            for item in slides:

                def draw(fig, item=item):
                    if item.name == "scorecard":  # its own title: the whole slide
                        picture(fig, _full_slide(item.picture)["picture"], item.picture)
                        return
                    text(fig, 0.4, 0.18, item.question, 24, WIDTH_IN - 0.8, bold=True)
                    layout = _layout(item.picture, not item.claims, _title_height(item.question))
                    picture(fig, layout["picture"], item.picture)
                    if layout["claims"] is None:
                        return
                    lines = _claim_lines(item)
                    for (x, y, w, _h), (verdict, body, colour) in zip(
                        _claim_boxes(layout["claims"], len(lines)), lines
                    ):
                        head = text(fig, x, y, verdict, 16, w, bold=True, color="#" + colour)
                        n_head = head.get_text().count("\n") + 1
                        text(fig, x, y + 0.3 * n_head + 0.05, body, 15, w)

                page(draw)

    pdf = None
    atomic_write(path, write)


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
    format = check_choice(format, "format", "build_slides", ("pptx", "pdf"))
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
                "A .pptx deck needs python-pptx: pip install 'neurosim[slides]'"
            ) from err
        _pptx(slides, out, n_seeds_text)
    else:
        _pdf(slides, out, n_seeds_text)
    return out
