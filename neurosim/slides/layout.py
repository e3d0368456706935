"""Where things go on a 16:9 slide, from measured text extents (inches from top left)."""

from __future__ import annotations

from pathlib import Path

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
#: Slide geometry (inches): the figure on top at full width, the claims in a strip below.
TOP, STRIP, COLUMN = 1.2, 1.5, 3.8


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
    first line is ``indent_in`` narrower (it follows a run of other text)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        room = width_in - (indent_in if len(lines) == 1 else 0.0)
        if lines and _text_width_in(trial, size, bold) <= room:
            lines[-1] = trial
        else:
            lines.append(word)
    return "\n".join(lines)


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


#: The glossary slides: two columns of entries, 15 pt, laid out from measured text.
GLOSSARY_SIZE, GLOSSARY_TOP, GLOSSARY_COLUMN = 15, 1.0, (WIDTH_IN - 1.35) / 2


def _glossary_pages() -> list[list[tuple[float, float, str, str]]]:
    """The glossary in pages of (x, y, "term: ", wrapped definition), inches from top left.

    Each entry is its term in bold followed, on the same line, by its definition wrapped
    to the column; entries flow down the left column, then the right one, then onto the
    next slide.
    """
    from neurosim.glossary import terms

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
