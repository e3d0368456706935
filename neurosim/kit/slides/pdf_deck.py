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
    _wrap,
)

#: Pixels per inch of a figure on a PDF slide: a 1920-pixel projector shows a 13.3-inch
#: slide at 144 per inch; the figures are drawn at 200.
SLIDE_PPI = 150


def _at_projector_resolution(png: Path, width_in: float):
    """The figure's pixels, resampled to SLIDE_PPI at the width it takes on the slide.

    Embedding the 200-dpi figure whole made the PDF deck take 22 s to write.
    """
    import numpy as np
    from PIL import Image

    with Image.open(png) as image:
        image = image.convert("RGB")  # the figures are opaque: no alpha mask to embed
        factor = image.width // max(1, round(width_in * SLIDE_PPI))
        if factor >= 2:  # a box average over whole pixels: fast, and no ringing
            image = image.reduce(factor)
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
                text(fig, 0.8, 2.0, TITLE, 36, WIDTH_IN - 1.6, bold=True)
                text(fig, 0.8, 3.9, SUBTITLE, 20, WIDTH_IN - 1.6)
                text(fig, 0.8, 5.6, n_seeds_text, 16, WIDTH_IN - 1.6, color="0.35")

            def guide_page(fig):
                text(fig, 0.6, 0.35, GUIDE_TITLE, 32, WIDTH_IN - 1.2, bold=True)
                for y, term, meaning in _guide_positions(_guide_lines()):
                    text(fig, GUIDE_LEFT, y, term, 20, GUIDE_WIDTH, bold=True)
                    text(fig, GUIDE_LEFT, y + 20 / 72 * 1.3, meaning, 17, GUIDE_WIDTH)

            page(title_page)
            page(guide_page)
            for item in slides:
                if item.name == "scorecard" and item.rows:
                    pages = _card_pages(item.rows)
                    n_pages = len(pages)
                    for k, items in enumerate(pages, start=1):

                        def card(fig, k=k, items=items, n=n_pages):
                            for x, y, words, size, bold, colour in _card_frame(k, n) + items:
                                fig.text(
                                    x / WIDTH_IN,
                                    1 - y / HEIGHT_IN,
                                    words,
                                    fontsize=size,
                                    fontweight="bold" if bold else "normal",
                                    color="#" + colour,
                                    va="top",
                                    linespacing=1.3,
                                )

                        page(card)
                    continue

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

            pages = _glossary_pages()
            for k, entries in enumerate(pages, start=1):

                def glossary_page(fig, k=k, entries=entries):
                    title = _glossary_title(k, len(pages))
                    text(fig, 0.5, 0.3, title, 28, WIDTH_IN - 1.0, bold=True)
                    for x, y, head, body in entries:
                        text(fig, x, y, head, GLOSSARY_SIZE, GLOSSARY_COLUMN, bold=True)
                        first, _, rest = body.partition("\n")
                        indent = _text_width_in(head, GLOSSARY_SIZE, True)
                        text(fig, x + indent, y, first, GLOSSARY_SIZE, GLOSSARY_COLUMN)
                        if rest:
                            fig.text(
                                x / WIDTH_IN,
                                1 - (y + GLOSSARY_SIZE / 72 * 1.25) / HEIGHT_IN,
                                rest,
                                fontsize=GLOSSARY_SIZE,
                                va="top",
                                linespacing=1.25,
                            )

                page(glossary_page)

    pdf = None
    atomic_write(path, write)
