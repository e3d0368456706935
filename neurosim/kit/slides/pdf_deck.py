"""The deck as .pdf, drawn with matplotlib."""

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
    _card_frame,
    _card_pages,
    _comparison_slides,
    _full_slide,
    _glossary_pages,
    _glossary_title,
    _guide_slide,
    _text_width_in,
    _title_slide,
    _wrap,
)

#: Pixels per inch of a figure on a PDF slide: a 1920-pixel projector shows a 13.3-inch
#: slide at 144 per inch; the figures are drawn at 200.
SLIDE_PPI = 150


def _at_projector_resolution(png: Path, width_in: float):
    """The figure's pixels, resampled to SLIDE_PPI at the width it takes on the slide.

    Embedding the 200-dpi figure whole made the PDF deck take 22 s to write (most of it
    compressing pixels a projector cannot show). An area average: no ringing around the
    lettering, and half the time of a Lanczos filter.
    """
    import numpy as np
    from PIL import Image

    with Image.open(png) as image:
        image = image.convert("RGB")  # opaque figures: no alpha mask to embed
    cols = max(1, round(width_in * SLIDE_PPI))
    if image.width > cols:
        rows = max(1, round(image.height * cols / image.width))
        image = image.resize((cols, rows), Image.Resampling.BOX)
    return np.asarray(image)


def _pdf(slides: list[Slide], path: Path, n_seeds_text: str) -> None:
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

    def lines_at(fig, x_in, y_in, words, size, spacing, *, bold=False, colour="000000"):
        """Each line of ``words`` on its own, ``spacing`` font sizes below the last, the
        first with its top at (x_in, y_in) inches: lines as far apart as the layout and
        the pptx deck count them (matplotlib's own line spacing is wider than it says)."""
        for k, line in enumerate(words.split("\n")):
            fig.text(
                x_in / WIDTH_IN,
                1 - (y_in + k * size * spacing / 72) / HEIGHT_IN,
                line,
                fontsize=size,
                fontweight="bold" if bold else "normal",
                color="#" + colour,
                va="top",
            )

    def block(fig, t):
        """A measured block of text (layout.Text), its lines already broken."""
        lines_at(fig, t.x, t.y, t.text, t.size, LINE, bold=t.bold, colour=t.colour)

    def picture(fig, box, png):
        left, top, width, height = box
        ax = fig.add_axes(
            [left / WIDTH_IN, 1 - (top + height) / HEIGHT_IN, width / WIDTH_IN, height / HEIGHT_IN]
        )
        ax.imshow(_at_projector_resolution(png, width), interpolation="none")
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
                for t in _title_slide(TITLE, SUBTITLE, n_seeds_text):
                    block(fig, t)

            def guide_page(fig):
                for t in _guide_slide(GUIDE_TITLE, _guide_lines()):
                    block(fig, t)

            page(title_page)
            page(guide_page)
            for item in slides:
                if item.name == "scorecard" and item.rows:
                    pages = _card_pages(item.rows)
                    n_pages = len(pages)
                    for k, items in enumerate(pages, start=1):

                        def card(fig, k=k, items=items, n=n_pages):
                            for x, y, words, size, bold, colour in _card_frame(k, n) + items:
                                lines_at(
                                    fig, x, y, words, size, CARD_LINE, bold=bold, colour=colour
                                )

                        page(card)
                    continue

                if item.name == "scorecard":  # its own title: the whole slide

                    def whole(fig, item=item):
                        picture(fig, _full_slide(item.picture), item.picture)

                    page(whole)
                    continue
                for spec in _comparison_slides(item.question, item.picture, _claim_lines(item)):

                    def draw(fig, item=item, spec=spec):
                        if spec["picture"] is not None:
                            picture(fig, spec["picture"], item.picture)
                        for t in spec["texts"]:
                            block(fig, t)

                    page(draw)

            pages = _glossary_pages()
            for k, entries in enumerate(pages, start=1):

                def glossary_page(fig, k=k, entries=entries):
                    title = _glossary_title(k, len(pages))
                    text(fig, 0.5, 0.3, title, 28, WIDTH_IN - 1.0, bold=True)
                    for x, y, head, body in entries:
                        text(fig, x, y, head, GLOSSARY_SIZE, GLOSSARY_COLUMN, bold=True)
                        indent = _text_width_in(head, GLOSSARY_SIZE, True)
                        first, _, rest = body.partition("\n")
                        lines_at(fig, x + indent, y, first, GLOSSARY_SIZE, GLOSSARY_LINE)
                        if rest:
                            below = y + GLOSSARY_SIZE * GLOSSARY_LINE / 72
                            lines_at(fig, x, below, rest, GLOSSARY_SIZE, GLOSSARY_LINE)

                page(glossary_page)

    pdf = None
    atomic_write(path, write)
