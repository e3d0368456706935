"""The deck as .pptx (python-pptx, the optional extra ``neurosim[slides]``)."""

from __future__ import annotations

from pathlib import Path

from neurosim.core.io import atomic_write
from neurosim.kit.slides.content import (
    GUIDE_TITLE,
    SUBTITLE,
    TITLE,
    Slide,
    _claim_lines,
    _guide_lines,
)
from neurosim.kit.slides.layout import (
    CARD_LINE,
    GLOSSARY_COLUMN,
    GLOSSARY_LINE,
    GLOSSARY_SIZE,
    HEIGHT_IN,
    LINE,
    WIDTH_IN,
    Text,
    _card_frame,
    _card_pages,
    _comparison_slides,
    _full_slide,
    _glossary_pages,
    _glossary_title,
    _guide_slide,
    _text_width_in,
    _title_slide,
)


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

    def block(slide, t, spacing=LINE, *more):
        """Measured blocks of text (layout.Text), one under another, in one box: one
        paragraph each, PowerPoint wrapping them in a box as wide as their longest
        measured line (its default font is narrower than the one measured, so no
        paragraph takes more lines than in the PDF deck), lines ``spacing`` font sizes
        apart, in points, as the box's height counts them (a bare 1.2 would mean 1.2 of
        PowerPoint's own single spacing, 1.44 em a line, and overflow)."""
        parts = (t, *more)
        width = min(max(p.width for p in parts) + 0.02, WIDTH_IN - t.x)
        height = parts[-1].y + parts[-1].height - t.y
        box = slide.shapes.add_textbox(Inches(t.x), Inches(t.y), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        for k, part in enumerate(parts):
            para = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            if k:
                above = parts[k - 1]
                para.space_before = Pt(72 * (part.y - above.y - above.height))
            para.line_spacing = Pt(part.size * spacing)
            run = para.add_run()
            run.text = part.text.replace("\n", " ")
            run.font.size = Pt(part.size)
            run.font.bold = part.bold
            run.font.color.rgb = RGBColor.from_string(part.colour)
        return frame

    def blocks(slide, texts):
        """Each text block in its box; a block marked ``with_next`` shares the next's."""
        k = 0
        while k < len(texts):
            if texts[k].with_next and k + 1 < len(texts):
                block(slide, texts[k], LINE, texts[k + 1])
                k += 2
            else:
                block(slide, texts[k])
                k += 1

    title = deck.slides.add_slide(blank)
    blocks(title, _title_slide(TITLE, SUBTITLE, n_seeds_text))

    guide = deck.slides.add_slide(blank)
    blocks(guide, _guide_slide(GUIDE_TITLE, _guide_lines()))

    def card_slides(item):
        pages = _card_pages(item.rows)
        for k, items in enumerate(pages, start=1):
            s = deck.slides.add_slide(blank)
            for x, y, words, size, bold, colour in _card_frame(k, len(pages)) + items:
                lines = words.count("\n") + 1
                width = max(_text_width_in(w, size, bold) for w in words.split("\n"))
                block(
                    s,
                    Text(x, y, width, lines * size / 72 * CARD_LINE, words, size, bold, colour),
                    spacing=CARD_LINE,
                )
            s.notes_slide.notes_text_frame.text = item.notes

    for item in slides:
        if item.name == "scorecard" and item.rows:
            card_slides(item)
            continue
        if item.name == "scorecard":  # the figure carries its own title: the whole slide
            s = deck.slides.add_slide(blank)
            left, top, width, height = _full_slide(item.picture)
            s.shapes.add_picture(
                str(item.picture), Inches(left), Inches(top), Inches(width), Inches(height)
            )
            s.notes_slide.notes_text_frame.text = item.notes
            continue
        for spec in _comparison_slides(item.question, item.picture, _claim_lines(item)):
            s = deck.slides.add_slide(blank)
            if spec["picture"] is not None:
                left, top, width, height = spec["picture"]
                s.shapes.add_picture(
                    str(item.picture), Inches(left), Inches(top), Inches(width), Inches(height)
                )
            blocks(s, spec["texts"])
            s.notes_slide.notes_text_frame.text = item.notes

    pages = _glossary_pages()
    for k, entries in enumerate(pages, start=1):
        s = deck.slides.add_slide(blank)
        text_box(s, 0.4, 0.2, WIDTH_IN - 0.8, 0.8, _glossary_title(k, len(pages)), 28, bold=True)
        for x, y, head, body in entries:
            height = GLOSSARY_SIZE / 72 * GLOSSARY_LINE * (body.count("\n") + 1)
            frame = text_box(s, x, y, GLOSSARY_COLUMN, height, head, GLOSSARY_SIZE, bold=True)
            frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
            para = frame.paragraphs[0]
            para.line_spacing = Pt(GLOSSARY_SIZE * GLOSSARY_LINE)
            run = para.add_run()  # after the term, wrapped by PowerPoint as measured
            run.text = body.replace("\n", " ")
            run.font.size = Pt(GLOSSARY_SIZE)
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
