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
    GLOSSARY_COLUMN,
    GLOSSARY_SIZE,
    GUIDE_LEFT,
    GUIDE_WIDTH,
    HEIGHT_IN,
    WIDTH_IN,
    _card_frame,
    _card_pages,
    _claim_boxes,
    _full_slide,
    _glossary_pages,
    _glossary_title,
    _guide_positions,
    _layout,
    _text_width_in,
    _title_height,
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

    title = deck.slides.add_slide(blank)
    text_box(title, 0.8, 2.2, 11.7, 1.6, TITLE, 40, bold=True)
    text_box(title, 0.8, 3.9, 11.7, 1.2, SUBTITLE, 22)
    text_box(title, 0.8, 5.6, 11.7, 0.8, n_seeds_text, 18, colour="555555")

    guide = deck.slides.add_slide(blank)
    text_box(guide, 0.6, 0.3, 12.1, 0.9, GUIDE_TITLE, 32, bold=True)
    for y, term, meaning in _guide_positions(_guide_lines()):
        height = 20 / 72 * 1.3 + 17 / 72 * 1.25 * (meaning.count("\n") + 1) + 0.15
        frame = text_box(guide, GUIDE_LEFT, y, GUIDE_WIDTH, height, term, 20, bold=True)
        run = frame.add_paragraph().add_run()
        run.text = meaning.replace("\n", " ")
        run.font.size = Pt(17)

    def card_slides(item):
        pages = _card_pages(item.rows)
        for k, items in enumerate(pages, start=1):
            s = deck.slides.add_slide(blank)
            for x, y, words, size, bold, colour in _card_frame(k, len(pages)) + items:
                lines = words.count("\n") + 1
                width = max(_text_width_in(w, size, bold) for w in words.split("\n")) + 0.15
                frame = text_box(
                    s,
                    x,
                    y,
                    min(width, WIDTH_IN - x - 0.1),
                    lines * size / 72 * 1.3 + 0.05,
                    words.replace("\n", " "),
                    size,
                    bold=bold,
                    colour=colour,
                )
                frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
            s.notes_slide.notes_text_frame.text = item.notes

    for item in slides:
        if item.name == "scorecard" and item.rows:
            card_slides(item)
            continue
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
    pages = _glossary_pages()
    for k, entries in enumerate(pages, start=1):
        s = deck.slides.add_slide(blank)
        text_box(s, 0.4, 0.2, WIDTH_IN - 0.8, 0.8, _glossary_title(k, len(pages)), 28, bold=True)
        for x, y, head, body in entries:
            height = GLOSSARY_SIZE / 72 * 1.25 * (body.count("\n") + 1) + 0.1
            frame = text_box(s, x, y, GLOSSARY_COLUMN, height, head, GLOSSARY_SIZE, bold=True)
            frame.margin_left = frame.margin_right = frame.margin_top = 0
            run = frame.paragraphs[0].add_run()
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
