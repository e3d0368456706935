"""A lecture deck from the figures folder: ``neurosim slides [--out lecture.pptx] [--format pdf]``.

One slide per comparison, in lecture order: the question as the title, the figure, and
its headline claims with their verdicts for the analogy (holds / partly / fails, or
unstable); the speaker notes hold every claim with its value, rule and reason, the
values over seeds and the settings the run used. A title slide opens the deck and the
scorecard closes it. The deck is built from what ``neurosim figures`` wrote (each
``NAME.png`` and ``NAME.json``), never by re-running anything, so the slides say exactly
what the figures say.

``.pptx`` (python-pptx, optional extra ``neurosim[slides]``) opens in PowerPoint,
Keynote, Google Slides and LibreOffice; ``.pdf`` is drawn with matplotlib. Both are
16:9 (13.33 x 7.5 in) with text of at least 16 pt. Same figures in, same bytes out.
"""

from __future__ import annotations

import json
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

from neurosim._io import atomic_write
from neurosim._validation import check_choice, param_error
from neurosim.findings import format_interval, format_value

__all__ = ["Slide", "build_slides", "read_slides"]

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
TITLE = "What does deep learning have to do with the brain?"
SUBTITLE = (
    "A logistic unit and a spiking neuron, fed the same inputs: "
    "where the analogy holds and where it fails"
)
MARK = {"holds": "✓ holds", "partly": "~ partly", "fails": "✗ fails", "unstable": "? unstable"}
COLOUR = {"holds": "009E73", "partly": "B8860B", "fails": "CC3311", "unstable": "7F7F7F"}
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


def _value(claim: dict) -> str:
    unit = claim.get("unit", "")
    if claim.get("interval") and claim.get("mean") is not None:
        low, high = claim["interval"]
        return f"{format_value(claim['mean'], unit)} [{format_value(low)}, {format_value(high)}]"
    return format_value(claim.get("value"), unit)


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
        whose = "" if about == "analogy" else f" [{about} model alone]"
        lines.append(f"{k}. {claim.get('statement', '')}{whose}")
        lines.append(f"   measured: {_value(claim)}; verdict: {claim.get('verdict', '?')}")
        if rule:
            partly = rule.get("partly")
            text = f"holds if {format_interval(rule['holds'], unit)}"
            if partly:
                text += f"; partly if {format_interval(partly, unit)}"
            lines.append(f"   rule: {text} ({rule.get('reason', '')})")
        values = claim.get("values")
        if values and len(values) > 1:
            shown = ", ".join("n/a" if v is None else format_value(v) for v in values)
            lines.append(f"   per seed: {shown}; stability {100 * claim.get('stability', 1):.0f} %")
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


#: Longest statement shown on a slide (characters); the full text is in the notes.
SHORT_STATEMENT = 110


def _short(statement: str) -> str:
    """What a slide shows of a statement: its first clause, at most SHORT_STATEMENT long.

    Statements carry their full conditions (encoding, regime, speed-ups) after a colon
    or semicolon; the speaker notes keep all of it.
    """
    for mark in ("; ", ": "):
        head = statement.split(mark, 1)[0]
        if len(head) >= 25:
            statement = head
            break
    if len(statement) > SHORT_STATEMENT:
        statement = statement[: SHORT_STATEMENT - 1].rsplit(" ", 1)[0] + " …"
    return statement


def _claim_lines(slide: Slide) -> list[tuple[str, str, str]]:
    """(verdict mark, statement, value) for each headline claim."""
    out = []
    for claim in slide.claims:
        verdict = claim.get("verdict", "?")
        statement = _short(claim.get("statement", ""))
        if claim.get("about", "analogy") != "analogy":
            statement += f" ({claim['about']} model alone)"
        out.append((verdict, statement, _value(claim)))
    return out


def _layout(picture: Path, wide: bool) -> dict:
    """Where the figure and the claims go (inches), the figure as large as possible.

    A wide figure goes on top at full width with the claims in a strip below it; a
    taller one on the left with the claims in a column on its right.
    """
    import matplotlib.image as mpimg

    rows, cols = mpimg.imread(picture).shape[:2]
    aspect = cols / rows
    room_h = HEIGHT_IN - TOP - 0.1
    if wide:
        width = min(WIDTH_IN - 0.4, room_h * aspect)
        return {"picture": ((WIDTH_IN - width) / 2, TOP, width, width / aspect), "claims": None}
    # on top, claims below
    w_top = min(WIDTH_IN - 0.4, (room_h - STRIP) * aspect)
    # on the left, claims in a column of at least COLUMN inches
    w_side = min(WIDTH_IN - 0.6 - COLUMN, room_h * aspect)
    if w_top * (w_top / aspect) >= w_side * (w_side / aspect):
        return {
            "picture": ((WIDTH_IN - w_top) / 2, TOP, w_top, w_top / aspect),
            "claims": ("row", 0.4, HEIGHT_IN - STRIP, WIDTH_IN - 0.8, STRIP - 0.1),
        }
    left = 0.3
    column_left = left + w_side + 0.3
    return {
        "picture": (left, TOP, w_side, w_side / aspect),
        "claims": ("column", column_left, TOP + 0.1, WIDTH_IN - column_left - 0.3, room_h),
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

    for item in slides:
        s = deck.slides.add_slide(blank)
        text_box(
            s, 0.4, 0.1, 12.5, 1.0, item.question, 24 if len(item.question) < 80 else 20, bold=True
        )
        wide = item.name == "scorecard" or not item.claims
        layout = _layout(item.picture, wide)
        left, top, width, height = layout["picture"]
        s.shapes.add_picture(
            str(item.picture), Inches(left), Inches(top), Inches(width), Inches(height)
        )
        if layout["claims"] is not None:
            lines = _claim_lines(item)
            for (x, y, w, h), (verdict, statement, value) in zip(
                _claim_boxes(layout["claims"], len(lines)), lines
            ):
                frame = text_box(
                    s,
                    x,
                    y,
                    w,
                    h,
                    MARK.get(verdict, verdict),
                    16,
                    bold=True,
                    colour=COLOUR.get(verdict, "555555"),
                )
                body = frame.add_paragraph().add_run()
                body.text = f"{statement}: {value}"
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


def _pdf(slides: list[Slide], path: Path, n_seeds_text: str) -> None:
    import matplotlib.image as mpimg
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    def page(draw):
        fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
        draw(fig)
        pdf.savefig(fig)

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
                fig.text(0.06, 0.6, TITLE, fontsize=36, fontweight="bold", va="bottom")
                fig.text(0.06, 0.5, textwrap.fill(SUBTITLE, 70), fontsize=20, va="top")
                fig.text(0.06, 0.2, n_seeds_text, fontsize=16, color="0.35")

            page(title_page)
            for item in slides:

                def draw(fig, item=item):
                    fig.text(
                        0.03,
                        0.975,
                        textwrap.fill(item.question, 62),
                        fontsize=24,
                        fontweight="bold",
                        va="top",
                    )
                    wide = item.name == "scorecard" or not item.claims
                    layout = _layout(item.picture, wide)
                    left, top, width, height = layout["picture"]
                    ax = fig.add_axes(
                        [
                            left / WIDTH_IN,
                            1 - (top + height) / HEIGHT_IN,
                            width / WIDTH_IN,
                            height / HEIGHT_IN,
                        ]
                    )
                    ax.imshow(mpimg.imread(item.picture))
                    ax.axis("off")
                    if layout["claims"] is None:
                        return
                    lines = _claim_lines(item)
                    for (x, y, w, _h), (verdict, statement, value) in zip(
                        _claim_boxes(layout["claims"], len(lines)), lines
                    ):
                        fig.text(
                            x / WIDTH_IN,
                            1 - y / HEIGHT_IN,
                            MARK.get(verdict, verdict),
                            fontsize=16,
                            fontweight="bold",
                            color="#" + COLOUR.get(verdict, "555555"),
                            va="top",
                        )
                        chars = max(20, int(w * 72 / 15 * 1.9))
                        fig.text(
                            x / WIDTH_IN,
                            1 - (y + 0.35) / HEIGHT_IN,
                            textwrap.fill(f"{statement}: {value}", chars),
                            fontsize=15,
                            va="top",
                        )

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
