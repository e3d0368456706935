"""Where things go on a 16:9 slide, from measured text extents (inches from top left)."""

from __future__ import annotations

import functools
from pathlib import Path

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
#: Slide geometry (inches): the figure on top at full width, the claims in a strip below.
TOP, STRIP, COLUMN = 1.2, 1.5, 3.8


@functools.lru_cache(maxsize=4096)
def _text_width_in(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of ``text`` in inches, as matplotlib draws it."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _h, _d = TextToPath().get_text_width_height_descent(text, prop, False)
    return width / 72.0


def _wrap(
    text: str, width_in: float, size: float, bold: bool = False, indent_in: float = 0.0
) -> str:
    """``text`` broken at spaces into lines no wider than ``width_in`` (measured); the
    first line is ``indent_in`` narrower (it follows a run of other text).

    Each word is measured once and a line's width is the sum of its words and spaces
    (kerning across a space is nil in the lecture fonts).
    """
    space = _text_width_in(" ", size, bold)
    lines: list[list[str]] = []
    used = 0.0
    for word in text.split():
        w = _text_width_in(word, size, bold)
        room = width_in - (indent_in if len(lines) == 1 else 0.0)
        if lines and used + space + w <= room:
            lines[-1].append(word)
            used += space + w
        else:
            lines.append([word])
            used = w
    return "\n".join(" ".join(line) for line in lines)


def _image_aspect(picture: Path) -> float:
    """Width over height of a PNG, read from its header (not decoding the pixels)."""
    from PIL import Image

    with Image.open(picture) as image:
        cols, rows = image.size
    return cols / rows


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
    aspect = _image_aspect(picture)
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
    aspect = _image_aspect(picture)
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


#: The glossary slides: two columns of entries, 15 pt, laid out from measured text.
GLOSSARY_SIZE, GLOSSARY_TOP, GLOSSARY_COLUMN = 15, 1.0, (WIDTH_IN - 1.35) / 2


def _glossary_pages() -> list[list[tuple[float, float, str, str]]]:
    """The glossary in pages of (x, y, "term: ", wrapped definition), inches from top left.

    Each entry is its term in bold followed, on the same line, by its definition wrapped
    to the column; entries flow down the left column, then the right one, then onto the
    next slide.
    """
    from neurosim.kit.glossary import terms

    line = GLOSSARY_SIZE / 72 * 1.25  # inches per line of text
    bottom = HEIGHT_IN - 0.25
    pages: list[list[tuple[float, float, str, str]]] = [[]]
    column, y = 0, GLOSSARY_TOP
    for term in terms():
        head = f"{term.name}: "
        indent = _text_width_in(head, GLOSSARY_SIZE, True)
        body = _wrap(term.definition, GLOSSARY_COLUMN, GLOSSARY_SIZE, indent_in=indent)
        height = line * (body.count("\n") + 1) + 0.1
        if y + height > bottom:
            column, y = column + 1, GLOSSARY_TOP
            if column == 2:
                pages.append([])
                column = 0
        x = 0.45 + column * (GLOSSARY_COLUMN + 0.45)
        pages[-1].append((x, y, head, body))
        y += height
    return pages


def _glossary_title(k: int, n: int) -> str:
    return f"Glossary ({k} of {n})" if n > 1 else "Glossary"


#: The reading guide's slide: each term (20 pt bold) over its meaning (17 pt).
GUIDE_LEFT, GUIDE_WIDTH = 0.6, WIDTH_IN - 1.2


def _guide_positions(lines) -> list[tuple[float, str, str]]:
    """(top, term, wrapped meaning) of each line of the reading guide, measured."""
    out, y = [], 1.35
    for term, meaning in lines:
        body = _wrap(meaning, GUIDE_WIDTH - 0.2, 17)
        out.append((y, term, body))
        y += 20 / 72 * 1.3 + 17 / 72 * 1.25 * (body.count("\n") + 1) + 0.22
    return out


#: The scorecard as text slides: columns (inches) and sizes, at least 15 pt everywhere.
CARD_LABEL_X, CARD_VERDICT_X, CARD_CHIPS_X = 0.4, 3.45, 5.45
CARD_SIZE, CARD_TOP, CARD_BOTTOM = 16, 1.45, HEIGHT_IN - 0.95
CARD_GREY = "555555"
CARD_COLOUR = {"holds": "009E73", "partly": "B8860B", "fails": "CC3311"}


def _card_pages(rows) -> list[list[tuple[float, float, str, float, bool, str]]]:
    """The scorecard's rows laid out as text, in pages of (x, y, text, size, bold, colour).

    Each row: its label (wrapped to its column), the row's verdict in words, and one
    line (wrapped if long) per key claim, its mark coloured by its verdict. Rows never
    break across slides.
    """
    line = CARD_SIZE / 72 * 1.3
    pages: list[list] = [[]]
    y = CARD_TOP
    for row in rows:
        items = []
        label = _wrap(row["label"], CARD_VERDICT_X - CARD_LABEL_X - 0.15, CARD_SIZE + 1)
        verdict_colour = CARD_COLOUR.get(row["verdict"], CARD_GREY)
        items.append((CARD_LABEL_X, 0.0, label, CARD_SIZE + 1, False, "000000"))
        items.append(
            (
                CARD_VERDICT_X,
                0.0,
                f"{row['mark']} {row['words']}",
                CARD_SIZE + 1,
                True,
                verdict_colour,
            )
        )
        dy = 0.0
        chips = row["chips"] or [{"state": "", "mark": "", "text": "not measured yet"}]
        for chip in chips:
            mark = chip["mark"]
            indent = _text_width_in(mark + " ", CARD_SIZE, True) if mark else 0.0
            text = _wrap(chip["text"], WIDTH_IN - CARD_CHIPS_X - 0.3 - indent, CARD_SIZE)
            ink = "000000" if chip["state"] in CARD_COLOUR else CARD_GREY
            if mark:
                colour = CARD_COLOUR.get(chip["state"], CARD_GREY)
                items.append((CARD_CHIPS_X, dy, mark, CARD_SIZE, True, colour))
            items.append((CARD_CHIPS_X + indent, dy, text, CARD_SIZE, False, ink))
            dy += line * (text.count("\n") + 1)
        height = max(dy, line * (label.count("\n") + 1)) + 0.12
        if y + height > CARD_BOTTOM and pages[-1]:
            pages.append([])
            y = CARD_TOP
        pages[-1] += [(x, y + oy, t, size, bold, colour) for x, oy, t, size, bold, colour in items]
        y += height
    return pages


#: Under every scorecard slide: how a row's verdict is made.
CARD_RULE = (
    "A row holds only if every key measurement holds, fails only if every one fails, else "
    "partly. In brackets: which way the analogy breaks. Values: means over the seeds."
)


def _card_frame(k: int, n: int) -> list[tuple[float, float, str, float, bool, str]]:
    """The title, column heads and rule of scorecard slide ``k`` of ``n``."""
    title = "Where the analogy holds, and where it fails"
    if n > 1:
        title += f" ({k} of {n})"
    rule = _wrap(CARD_RULE, WIDTH_IN - 0.8, 15)
    return [
        (0.4, 0.2, title, 26, True, "000000"),
        (CARD_LABEL_X, 0.95, "like a unit, a neuron", 15, True, CARD_GREY),
        (CARD_VERDICT_X, 0.95, "the analogy", 15, True, CARD_GREY),
        (
            CARD_CHIPS_X,
            0.95,
            "its key measurements: value (which way it breaks)",
            15,
            True,
            CARD_GREY,
        ),
        (0.4, HEIGHT_IN - 0.8, rule, 15, False, CARD_GREY),
    ]
