"""Where things go on a 16:9 slide, from measured text extents (inches from top left)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
#: The narrowest column of claims beside a figure (inches).
COLUMN = 3.8


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
    first line is ``indent_in`` narrower (it follows a run of other text). A no-break
    space (U+00A0) holds a value to its unit.

    Each word is measured once and a line's width is the sum of its words and spaces
    (kerning across a space is nil in the lecture fonts).
    """
    space = _text_width_in(" ", size, bold)
    lines: list[list[str]] = []
    used = 0.0
    for word in re.split(r"[ \t\n]+", text.strip(" \t\n")):  # never at a no-break space
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


#: Line height as a multiple of the font size (matplotlib's default line spacing; the
#: pptx boxes use the same, so both decks break and stack lines alike).
LINE = 1.2
#: A comparison slide: the question at the top (24 pt bold), the figure below it at the
#: slide's width (0.2 in margins) or as high as the slide allows; the claims under it in
#: a row, beside it in a column, or on a following slide where neither has room.
TITLE_SIZE, TITLE_X, TITLE_Y, GAP = 24, 0.4, 0.2, 0.15
#: (verdict, label and value) sizes in pt for claims under or beside a figure, largest
#: first: the largest that fits whole is used
CLAIM_SIZES = ((20, 18), (16, 15))
#: the claims slide that follows a figure with no room for them: larger still
BIG_SIZES = (26, 24)
#: at the foot of a claims slide: where the rest is
NOTES_HINT = "Each claim's full statement, rule and reason: in the speaker notes."
MARGIN = 0.2


@dataclass(frozen=True)
class Text:
    """One block of text on a slide: top-left corner, width and height (inches), its
    lines already broken (measured), size (pt), weight and colour (hex RGB)."""

    x: float
    y: float
    width: float
    height: float
    text: str
    size: float
    bold: bool = False
    colour: str = "000000"
    #: the next block belongs with this one (a claim's verdict and its value): the
    #: pptx deck puts both in one box, as two paragraphs
    with_next: bool = False


def _block(
    x: float, y: float, words: str, size: float, width: float, bold=False, colour="000000"
) -> Text:
    """``words`` wrapped to ``width`` (measured) at (x, y); its height from its lines."""
    text = _wrap(words, width, size, bold)
    lines = text.count("\n") + 1
    used = max(_text_width_in(line, size, bold) for line in text.split("\n"))
    return Text(x, y, max(used, 0.01), lines * size * LINE / 72, text, size, bold, colour)


def _bottom(items) -> float:
    return max((t.y + t.height for t in items), default=0.0)


def _title(question: str) -> Text:
    """The question at the top of a slide, wrapped to the slide's width (measured)."""
    return _block(TITLE_X, TITLE_Y, question, TITLE_SIZE, WIDTH_IN - 2 * TITLE_X, True)


def _claim_stack(lines, x: float, y: float, width: float, sizes) -> list[Text]:
    """One claim under another: its verdict in words (bold, coloured) over its label and
    value, from ``y`` down; ``sizes`` (verdict, body) in pt."""
    v_size, b_size = sizes
    out: list[Text] = []
    for verdict, body, colour in lines:
        head = replace(_block(x, y, verdict, v_size, width, True, colour), with_next=True)
        text = _block(x, head.y + head.height + 0.04, body, b_size, width)
        out += [head, text]
        y = text.y + text.height + b_size / 72
    return out


def _claim_row(lines, y: float, sizes) -> list[Text]:
    """The claims side by side in equal columns across the slide, from ``y`` down."""
    n = max(1, len(lines))
    column = (WIDTH_IN - 2 * TITLE_X) / n
    out: list[Text] = []
    for k, line in enumerate(lines):
        out += _claim_stack([line], TITLE_X + k * column, y, column - 0.3, sizes)
    return out


def _comparison_slides(question: str, picture: Path, lines) -> list[dict]:
    """One comparison's slides: ``{"picture": box or None, "texts": [Text, ...]}`` each.

    The figure is as large as the slide allows under the title: at the slide's width
    unless the slide's height stops it first. Its claims (``lines``: verdict, body,
    colour) go in a row below it or a column beside it, in the largest of
    :data:`CLAIM_SIZES` at which they fit there whole (measured); otherwise on a slide
    of their own that follows, in larger type still.
    """
    aspect = _image_aspect(picture)
    title = _title(question)
    top = title.y + title.height + GAP
    room_w, room_h = WIDTH_IN - 2 * MARGIN, HEIGHT_IN - top - MARGIN
    width = min(room_w, room_h * aspect)
    height = width / aspect
    centred = ((WIDTH_IN - width) / 2, top, width, height)
    if not lines:
        return [{"picture": centred, "texts": [title]}]
    side_x = MARGIN + width + 0.3
    side_w = WIDTH_IN - side_x - 0.3
    for sizes in CLAIM_SIZES:
        below = _claim_row(lines, top + height + GAP, sizes)
        if _bottom(below) <= HEIGHT_IN - MARGIN:
            return [{"picture": centred, "texts": [title, *below]}]
        if side_w >= COLUMN:
            beside = _claim_stack(lines, side_x, top + 0.1, side_w, sizes)
            if _bottom(beside) <= HEIGHT_IN - MARGIN:
                return [{"picture": (MARGIN, top, width, height), "texts": [title, *beside]}]
    x, w = TITLE_X + 0.2, WIDTH_IN - 2 * TITLE_X - 0.4
    claims = _claim_stack(lines, x, top + 0.3, w, BIG_SIZES)
    hint = _block(x, HEIGHT_IN - 0.75, NOTES_HINT, 16, w, colour="555555")
    return [
        {"picture": centred, "texts": [title]},
        {"picture": None, "texts": [title, *claims, hint]},
    ]


def _full_slide(picture: Path) -> tuple[float, float, float, float]:
    """The figure alone, as large as the slide allows, centred."""
    aspect = _image_aspect(picture)
    width = min(WIDTH_IN - 2 * MARGIN, (HEIGHT_IN - 2 * MARGIN) * aspect)
    height = width / aspect
    return ((WIDTH_IN - width) / 2, (HEIGHT_IN - height) / 2, width, height)


def _title_slide(title: str, subtitle: str, footer: str) -> list[Text]:
    """The deck's first slide: its title, subtitle and what it measured, stacked."""
    width = WIDTH_IN - 1.6
    head = _block(0.8, 1.6, title, 36, width, True)
    sub = _block(0.8, head.y + head.height + 0.5, subtitle, 22, width)
    return [head, sub, _block(0.8, sub.y + sub.height + 0.7, footer, 18, width, colour="555555")]


#: The glossary slides: two columns of entries, 15 pt, laid out from measured text.
GLOSSARY_SIZE, GLOSSARY_TOP, GLOSSARY_COLUMN = 15, 1.0, (WIDTH_IN - 1.35) / 2
GLOSSARY_LINE = 1.25  # line spacing, in font sizes


def _glossary_pages() -> list[list[tuple[float, float, str, str]]]:
    """The glossary in pages of (x, y, "term: ", wrapped definition), inches from top left.

    Each entry is its term in bold followed, on the same line, by its definition wrapped
    to the column; entries flow down the left column, then the right one, then onto the
    next slide.
    """
    from neurosim.kit.glossary import terms

    line = GLOSSARY_SIZE / 72 * GLOSSARY_LINE  # inches per line of text
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


def _guide_slide(title: str, lines) -> list[Text]:
    """The reading guide: its title, then each term over its meaning, measured."""
    out = [_block(GUIDE_LEFT, 0.35, title, 32, GUIDE_WIDTH, True)]
    y = _bottom(out) + 0.35
    for term, meaning in lines:
        head = _block(GUIDE_LEFT, y, term, 20, GUIDE_WIDTH, True)
        body = _block(GUIDE_LEFT, head.y + head.height + 0.04, meaning, 17, GUIDE_WIDTH)
        out += [head, body]
        y = body.y + body.height + 0.2
    return out


#: The scorecard as text slides: columns (inches) and sizes, at least 15 pt everywhere.
CARD_LABEL_X, CARD_VERDICT_X, CARD_CHIPS_X = 0.4, 3.45, 5.45
CARD_SIZE, CARD_TOP, CARD_BOTTOM = 16, 1.45, HEIGHT_IN - 0.95
CARD_LINE = 1.3  # line spacing, in font sizes
CARD_GREY = "555555"
CARD_COLOUR = {"holds": "009E73", "partly": "B8860B", "fails": "CC3311"}


#: "label: VALUE UNIT (...)": the space between a claim's value and its unit
_VALUE_UNIT = re.compile(r"(: -?\d[\d.]*(?:e[+-]\d+)?) (?=[^\s(])")
#: a no-break space: the slides' line breaking never breaks there
NBSP = "\u00a0"


def _kept_together(text: str) -> str:
    """``text`` with no-break spaces where a line must not break: between a value and
    its unit, and before the last word (no word alone on a line: "late)")."""
    text = _VALUE_UNIT.sub(lambda m: m.group(1) + NBSP, text)
    head, _, last = text.rpartition(" ")
    return f"{head}{NBSP}{last}" if head else text


def _card_pages(rows) -> list[list[tuple[float, float, str, float, bool, str]]]:
    """The scorecard's rows laid out as text, in pages of (x, y, text, size, bold, colour).

    Each row: its label (wrapped to its column), the row's verdict in words, and one
    line (wrapped if long) per key claim, its mark coloured by its verdict. Rows never
    break across slides.
    """
    line = CARD_SIZE / 72 * CARD_LINE
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
            text = _wrap(
                _kept_together(chip["text"]), WIDTH_IN - CARD_CHIPS_X - 0.3 - indent, CARD_SIZE
            )
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
