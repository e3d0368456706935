"""The lecture decks as a projector shows them: every PDF page rendered to pixels, every
text line inside its page and clear of every other line and of the figures; every pptx
box inside its slide, no two text boxes (or a text box and a figure) on top of each other.

The committed gallery (``gallery/``) is the deck's input, so a comparison added there is
checked too. Text drawn inside a figure's PNG is pixels, not text: out of scope here (the
figures' own tests check their layout).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import numpy as np
import pytest

pdfium = pytest.importorskip("pypdfium2")
pdfium_raw = pytest.importorskip("pypdfium2.raw")

ROOT = Path(__file__).resolve().parents[1]
GALLERY = ROOT / "gallery"

#: A text rectangle may stick out of the page by this much (points): pdfium's boxes are
#: the glyphs' boxes, which sit within a font size of the text's anchor; one point is a
#: third of a millimetre on paper and under a pixel of a 1920-pixel projector.
EDGE_PT = 1.0
#: Two text lines (or a line and a figure) "overlap" when their boxes share more than
#: this share of the smaller box: glyph boxes of neighbouring lines may touch where an
#: accent or a descender reaches into the next line's box, and 2 % of a 15-pt line is
#: under half a point of height; a line written over another shares most of its box.
OVERLAP = 0.02
#: Runs of one line abut: pdfium cuts a line into runs at a ligature ("ff", "fl") and the
#: glyph boxes either side of the cut share up to a kerning's width. Boxes that share no
#: more than this width (points) side by side are neighbours on a line, not an overlap.
ABUT_PT = 1.0
#: A rendered page is blank if no pixel is darker than this (0-255 grey).
INK = 200


def _intersection(a, b) -> float:
    """Area shared by two boxes (left, bottom, right, top), in their units squared."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0.0) * max(h, 0.0)


def _area(a) -> float:
    return max(a[2] - a[0], 0.0) * max(a[3] - a[1], 0.0)


def _overlaps(a, b) -> bool:
    smaller = min(_area(a), _area(b))
    side_by_side = min(a[2], b[2]) - max(a[0], b[0]) <= ABUT_PT
    return smaller > 0 and not side_by_side and _intersection(a, b) > OVERLAP * smaller


def pdf_problems(path: Path, render_scale: float = 0.3) -> list[str]:
    """What a projector would show wrong on each page of the PDF deck at ``path``."""
    problems = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for k in range(len(pdf)):
            page = pdf[k]
            where = f"page {k + 1}"
            width, height = page.get_size()
            pixels = np.asarray(page.render(scale=render_scale, grayscale=True).to_pil())
            if pixels.size == 0 or pixels.min() > INK:
                problems.append(f"{where}: renders blank")
            text = page.get_textpage()
            lines = []
            for j in range(text.count_rects()):
                box = text.get_rect(j)
                words = text.get_text_bounded(*box).strip()
                if words:
                    lines.append((box, words))
            for box, words in lines:
                left, bottom, right, top = box
                if (
                    left < -EDGE_PT
                    or bottom < -EDGE_PT
                    or right > width + EDGE_PT
                    or top > height + EDGE_PT
                ):
                    problems.append(f"{where}: {words!r} leaves the page: {np.round(box, 1)}")
            for i, (a, words_a) in enumerate(lines):
                for b, words_b in lines[i + 1 :]:
                    if _overlaps(a, b):
                        problems.append(f"{where}: {words_a!r} overlaps {words_b!r}")
            images = [
                obj.get_bounds() for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE])
            ]
            for box, words in lines:
                for image in images:
                    if _intersection(box, image) > OVERLAP * _area(box):
                        problems.append(f"{where}: {words!r} lies over a figure")
            for image in images:
                left, bottom, right, top = image
                if left < -EDGE_PT or bottom < -EDGE_PT or right > width + EDGE_PT:
                    problems.append(f"{where}: a figure leaves the page")
                elif top > height + EDGE_PT:
                    problems.append(f"{where}: a figure leaves the page")
    finally:
        pdf.close()
    return problems


def _box(shape) -> tuple[int, int, int, int]:
    """A pptx shape's box as (left, bottom, right, top) in EMU, y growing downwards."""
    return (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)


EMU_PER_PT = 12700
#: PowerPoint's single line spacing, in font sizes (its fonts' ascent plus descent plus
#: line gap: 1.2 em for Calibri, the default theme's font)
SINGLE = 1.2


@functools.cache
def _width_pt(word: str, size: float, bold: bool) -> float:
    """A word's width in points in matplotlib's DejaVu Sans, wider than Calibri (the
    pptx default) or Carlito: text that fits in DejaVu fits in PowerPoint."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    return TextToPath().get_text_width_height_descent(word, prop, False)[0]


def _lines(para, width_pt: float) -> int:
    """Lines a pptx paragraph takes in a box ``width_pt`` wide, its words placed
    greedily in DejaVu Sans, broken only at ordinary spaces and explicit breaks."""
    from pptx.oxml.ns import qn

    lines, used = 1, 0.0
    for child in para._p:
        if child.tag == qn("a:br"):
            lines, used = lines + 1, 0.0
            continue
        if child.tag != qn("a:r"):
            continue
        run = next(r for r in para.runs if r._r is child)
        size = run.font.size.pt if run.font.size is not None else 18.0
        bold = bool(run.font.bold)
        space = _width_pt(" ", size, bold)
        for word in re.split(r"[ \t\n\v]+", run.text):
            if not word:
                continue
            w = _width_pt(word, size, bold)
            if used and used + space + w > width_pt + 0.5:
                lines, used = lines + 1, w
            else:
                used += (space if used else 0.0) + w
    return lines


def _lines_height_pt(frame, width_pt: float) -> float:
    """The height (pt) the text of a pptx frame takes in a box ``width_pt`` wide: per
    paragraph, its space before and its lines at its line spacing (in points as given,
    or a multiple of PowerPoint's single spacing)."""
    total = 0.0
    for para in frame.paragraphs:
        sizes = [run.font.size.pt for run in para.runs if run.font.size is not None]
        size = max(sizes, default=18.0)  # python-pptx's default size
        spacing = para.line_spacing
        step = spacing.pt if hasattr(spacing, "pt") else (spacing or 1.0) * SINGLE * size
        before = para.space_before.pt if para.space_before is not None else 0.0
        total += before + _lines(para, width_pt) * step
    return total


def pptx_problems(path: Path) -> list[str]:
    """What a projector would show wrong on each slide of the pptx deck at ``path``:
    a shape outside the slide (exactly: boxes are placed, not measured), text boxes on
    top of each other or of a figure, a box lower than its lines of text."""
    import pptx

    deck = pptx.Presentation(str(path))
    problems = []
    for k, slide in enumerate(deck.slides, start=1):
        where = f"slide {k}"
        texts, pictures = [], []
        for shape in slide.shapes:
            left, top, right, bottom = _box(shape)
            label = shape.text_frame.text[:40] if shape.has_text_frame else shape.name
            if left < 0 or top < 0 or right > deck.slide_width or bottom > deck.slide_height:
                problems.append(f"{where}: {label!r} leaves the slide")
            if shape.has_text_frame and shape.text_frame.text.strip():
                texts.append((_box(shape), label))
                need = _lines_height_pt(shape.text_frame, shape.width / EMU_PER_PT)
                if need > shape.height / EMU_PER_PT + EDGE_PT:
                    problems.append(
                        f"{where}: {label!r} needs {need:.0f} pt, its box is "
                        f"{shape.height / EMU_PER_PT:.0f} pt high"
                    )
            elif shape.shape_type == 13:  # a picture
                pictures.append(_box(shape))
        for i, (a, label_a) in enumerate(texts):
            for b, label_b in texts[i + 1 :]:
                if _overlaps(a, b):
                    problems.append(f"{where}: {label_a!r} overlaps {label_b!r}")
            for picture in pictures:
                if _intersection(a, picture) > OVERLAP * _area(a):
                    problems.append(f"{where}: {label_a!r} lies over a figure")
    return problems


# -- the decks built from the committed gallery, once per module --------------------------
@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    from neurosim.kit.slides import build_slides

    folder = tmp_path_factory.mktemp("decks")
    pdf = build_slides(GALLERY, folder / "lecture.pdf", format="pdf")
    decks = {"pdf": pdf}
    try:
        import pptx  # noqa: F401
    except ImportError:
        return decks
    decks["pptx"] = build_slides(GALLERY, folder / "lecture.pptx", format="pptx")
    return decks


def test_every_pdf_page_renders_with_its_text_inside_and_apart(decks):
    pdf = pdfium.PdfDocument(str(decks["pdf"]))
    n_pages = len(pdf)
    pdf.close()
    n_comparisons = len(list(GALLERY.glob("*.json")))
    assert n_pages >= n_comparisons + 2  # title, reading guide, a slide per comparison
    assert pdf_problems(decks["pdf"]) == []


def test_every_pptx_box_lies_inside_its_slide_and_apart(decks):
    if "pptx" not in decks:
        pytest.skip("python-pptx is not installed")
    assert pptx_problems(decks["pptx"]) == []


def _pdf_text(path: Path) -> tuple[str, list[str]]:
    """The PDF's whole text (spaces and line breaks as one space) and every line of it
    as pdfium cuts it into runs (a run may end at a ligature such as "fi")."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        whole, lines = [], []
        for k in range(len(pdf)):
            text = pdf[k].get_textpage()
            whole.append(text.get_text_range())
            for j in range(text.count_rects()):
                lines.append(" ".join(text.get_text_bounded(*text.get_rect(j)).split()))
        return " ".join(" ".join(whole).split()), lines
    finally:
        pdf.close()


def test_every_claim_shows_its_value_with_its_unit_on_one_line(decks):
    # each claim a slide shows: its label, then its value with its unit on one line (a
    # label may wrap; a value never leaves its unit)
    from neurosim.contract import format_value
    from neurosim.kit.slides import read_slides

    text, lines = _pdf_text(decks["pdf"])
    for item in read_slides(GALLERY):
        if item.name == "scorecard":
            continue
        for claim in item.claims:
            shown = format_value(claim.get("value"), claim.get("unit", ""))
            assert f"{claim['label']}: {shown}" in text, (item.name, shown)
            head = f"{claim['label']}: "  # a line holds the value whole after its label
            assert any(
                shown in line and head.endswith(line[: line.index(shown)]) for line in lines
            ), (item.name, shown)


def test_every_scorecard_value_stays_with_its_unit(decks):
    # the scorecard's key claims, drawn as text: "label: value unit (which way)"
    import json

    text, lines = _pdf_text(decks["pdf"])
    rows = json.loads((GALLERY / "scorecard.json").read_text())["settings"]["rows"]
    for row in rows:
        for chip in row["chips"]:
            assert " ".join(chip["text"].split()) in text, chip["text"]
            head, _, shown = chip["text"].split(" (")[0].rpartition(": ")
            assert any(
                shown in line and f"{head}: ".endswith(line[: line.index(shown)]) for line in lines
            ), chip["text"]


def test_a_scorecard_line_never_breaks_between_value_and_unit():
    # labels of every length from 1 to 60 words: wherever the break falls, the value
    # keeps its unit and the last line more than one word
    from neurosim.kit.slides.layout import _card_pages

    for n in range(1, 60):
        label = " ".join(["word"] * n)
        chip = {"state": "fails", "mark": "x", "text": f"{label}: 13.8 ms (it arrives late)"}
        row = {"label": "a row", "verdict": "fails", "words": "fails", "mark": "x"}
        page = _card_pages([{**row, "chips": [chip]}])[0]
        text = next(t for _x, _y, t, *_ in page if "13.8" in t)
        lines = [line.split() for line in text.split("\n")]
        assert all(line[-1] != "13.8" for line in lines), text
        assert len(lines) == 1 or len(lines[-1]) > 1, text


# -- the checks fail on a broken deck -----------------------------------------------------
def _small_gallery(folder: Path, question: str) -> Path:
    """One comparison's figure and record, as 'neurosim figures' writes them."""
    import json

    from neurosim.plotting import new_figure

    folder.mkdir()
    fig = new_figure(figsize=(8, 3))
    fig.add_subplot().plot([0, 1, 4])
    fig.savefig(folder / "lif_neuron.png", dpi=40)
    claim = {
        "statement": "a claim",
        "label": "a label",
        "value": 1.5,
        "unit": "ms",
        "verdict": "holds",
        "key": True,
        "about": "analogy",
        "aspect": "timing",
        "rule": {"holds": [None, 2.0], "reason": "a reason"},
    }
    record = {"question": question, "settings": {"seeds": [0]}, "claims": [claim]}
    (folder / "lif_neuron.json").write_text(json.dumps(record))
    return folder


def test_the_checks_catch_a_title_off_the_page_and_text_on_text(tmp_path, monkeypatch):
    from neurosim.kit.slides import build_slides, layout, pdf_deck

    monkeypatch.setattr(pdf_deck, "_glossary_pages", list)  # checked in the full deck
    long = "A title far too long for one line, " * 4 + "never broken?"
    figures = _small_gallery(tmp_path / "figures", long)
    good = build_slides(figures, tmp_path / "good.pdf")
    assert pdf_problems(good) == []
    # three faults in one deck (each check must find its own): the title no longer
    # wrapped runs off the page; the figure pushed up under the title; the lines of a
    # block stacked at a third of their height, onto one another
    monkeypatch.setattr(layout, "_wrap", lambda text, *a, **k: text)
    monkeypatch.setattr(layout, "GAP", -1.0)
    monkeypatch.setattr(layout, "LINE", 0.3)
    found = pdf_problems(build_slides(figures, tmp_path / "broken.pdf"))
    assert any("leaves the page" in p and "never broken" in p for p in found), found
    assert any("lies over a figure" in p for p in found), found
    assert any("overlaps" in p for p in found), found


def test_the_checks_catch_a_box_off_the_slide_and_boxes_on_boxes(tmp_path):
    pptx = pytest.importorskip("pptx")
    from pptx.util import Inches

    from neurosim.kit.slides import build_slides

    figures = _small_gallery(tmp_path / "figures", "A short question?")
    good = build_slides(figures, tmp_path / "good.pptx")
    assert pptx_problems(good) == []
    deck = pptx.Presentation(str(good))
    slide = deck.slides[2]  # the comparison's slide
    title = next(s for s in slide.shapes if s.has_text_frame and "short question" in s.text)
    title.left = deck.slide_width - Inches(1)  # moved off the slide's right edge
    claim = next(s for s in slide.shapes if s.has_text_frame and "a label" in s.text)
    picture = next(s for s in slide.shapes if s.shape_type == 13)
    claim.top = picture.top  # a claim moved onto the figure
    guide = deck.slides[1]
    boxes = [s for s in guide.shapes if s.has_text_frame]
    boxes[1].top = boxes[2].top  # two lines of the reading guide on one another
    claim.text_frame.paragraphs[0].line_spacing = 1.2  # PowerPoint's 1.2: 1.44 em a line
    deck.save(tmp_path / "broken.pptx")
    found = pptx_problems(tmp_path / "broken.pptx")
    assert any("slide 3" in p and "leaves the slide" in p for p in found), found
    assert any("slide 3" in p and "lies over a figure" in p for p in found), found
    assert any("slide 2" in p and "overlaps" in p for p in found), found
    assert any("slide 3" in p and "box is" in p for p in found), found
