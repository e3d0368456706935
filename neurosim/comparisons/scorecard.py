"""The closing scorecard: where the analogy between a logistic unit and a neuron holds.

Every comparison records its claims, each with a verdict computed from a declared rule,
the aspect of the analogy it bears on and whether it is one of the measurements that
decide that aspect (``key=True``). The scorecard reads those records -- the JSON files
the figure pipeline writes next to each figure, never copies of their numbers -- and
gives one row per aspect of :data:`neurosim.contract.ASPECTS`, in that order.

A row shows **every key claim** of its aspect, each with its own mark, short label,
value (the mean over seeds, with its unit) and, where the analogy does not hold, which
way it breaks (the rule's ``below``/``above`` words: "spikes cheaper"). The row's
verdict comes from the counted key claims by one declared aggregation
(:data:`ROW_RULE`): the analogy **holds** on an aspect only if it holds in every key
measurement, **fails** only if it fails in every one, and **partly** holds otherwise.
Each key measurement is a condition a lecturer would name (a code, a regime, a task),
and "a neuron is like a unit in this respect" is a statement about all of them; scores
are never averaged across opposite directions.

Not counted, but shown: a claim true by construction (greyed), a claim whose seeds
disagree ("unstable", with a warning mark); claims about one model alone are checks
and never appear. A row with no claim is "not measured"; one whose claims include no
key claim says so.
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from neurosim.contract import (
    ANALOGY_WORDS,
    ASPECTS,
    MARKS,
    READING_GUIDE,
    VERDICTS,
    Findings,
    Rule,
    format_value,
    registry,
    short_label,
)
from neurosim.contract.module import begin
from neurosim.plotting import CLASS_COLORS, NEUTRAL, lecture_style, new_figure

NAME = "scorecard"
QUESTION = (
    "Where does the analogy between a logistic unit and a real neuron hold, and where does it fail?"
)
PARAMETERS = ()
COST = 1.0
#: the pipeline runs this comparison after all the others and passes their output folder
AFTER_OTHERS = True
#: no random input: it only reads the others' records
DETERMINISTIC = True

#: How a key claim's verdict scores; a row's score is their mean.
SCORE = dict(zip(VERDICTS, (100.0, 50.0, 0.0)))
#: A row's verdict from its counted key claims' mean score: 100 only if every one holds,
#: 0 only if every one fails (with up to 100 key claims the smallest other score is 0.5).
ROW_RULE = Rule.at_least(
    100,
    partly=0.5,
    below="breaks in at least one key measurement",
    reason="each key measurement is a condition a lecturer would name, and 'a neuron is "
    "like a unit in this respect' speaks of all of them: the analogy holds only if it "
    "holds in every one and fails only if it fails in every one; in between it holds in "
    "part (never an average of opposite directions)",
)
#: Row states besides the three verdicts.
UNSTABLE, NO_KEY, MISSING = "unstable", "no key claim", "not measured"
ROW_MARK = {**MARKS, UNSTABLE: "⚠", NO_KEY: "?", MISSING: "?"}
ROW_WORDS = {
    **{v: ANALOGY_WORDS[v].removeprefix("the analogy ") for v in VERDICTS},
    UNSTABLE: "seeds disagree",
    NO_KEY: "no key claim",
    MISSING: "not measured",
}
#: holds green, partly orange, fails pink (not the two model colours)
MARK_COLOR = {
    **dict(zip(VERDICTS, (CLASS_COLORS[1], CLASS_COLORS[2], CLASS_COLORS[0]))),
    UNSTABLE: NEUTRAL,
    NO_KEY: NEUTRAL,
    MISSING: NEUTRAL,
}
#: A key claim that is shown but not counted: true by construction.
BUILT = "built"
CHIP_MARK = {**MARKS, UNSTABLE: "⚠", BUILT: "◇"}


@dataclass(frozen=True)
class Rows:
    """What plot() draws: one entry per aspect (row), and one per key claim (chip).

    Attributes
    ----------
    aspect, label, verdict, sources : ndarray of str (n_rows,)
        The aspect, its row label, the row's verdict (or state), the comparisons read.
    n_claims, n_keys : ndarray of int (n_rows,)
        How many claims about the analogy bear on the aspect, how many are key.
    chip_row : ndarray of int (n_chips,)
        The row of each key claim.
    chip_state, chip_text : ndarray of str (n_chips,)
        Its verdict (or "unstable", "built") and its text (label, value, direction).
    """

    aspect: np.ndarray
    label: np.ndarray
    verdict: np.ndarray
    n_claims: np.ndarray
    n_keys: np.ndarray
    sources: np.ndarray
    chip_row: np.ndarray
    chip_state: np.ndarray
    chip_text: np.ndarray


def load_records(source, names):
    """The JSON records of the named comparisons found in ``source`` (name -> record)."""
    records = {}
    for name in names:
        path = Path(source) / f"{name}.json"
        try:
            with open(path, encoding="utf-8") as fh:
                records[name] = json.load(fh)
        except (OSError, ValueError):
            continue
    return records


def row_verdict(verdicts) -> str:
    """The row's verdict from its key claims' verdicts (see the module docstring).

    ``"unstable"`` entries are not counted; a row whose key claims are all unstable is
    unstable; no verdict at all is "not measured".
    """
    verdicts = list(verdicts)
    if not verdicts:
        return MISSING
    counted = [v for v in verdicts if v in SCORE]
    if not counted:
        return UNSTABLE
    return ROW_RULE.verdict(_score(counted))


def _score(verdicts) -> float:
    return float(np.mean([SCORE[v] for v in verdicts]))


def _chip_state(claim: dict) -> str:
    if claim.get("by_construction"):
        return BUILT
    if claim.get("unstable"):
        return UNSTABLE
    return claim.get("verdict", VERDICTS[-1])


def chip_text(claim: dict) -> str:
    """What a row shows of one key claim: ``"TTFS code: 0.105 x (spikes cheaper)"``."""
    value = format_value(claim.get("value"), claim.get("unit", ""))
    state = _chip_state(claim)
    text = f"{short_label(claim)}: {value}"
    if state == BUILT:
        return text + " (by construction)"
    if state == UNSTABLE:
        return text + " (seeds disagree)"
    if claim.get("direction") and state != VERDICTS[0]:
        text += f" ({claim['direction']})"
    return text


def _rows(records: dict) -> list[dict]:
    rows = []
    for aspect, label in ASPECTS.items():
        claims = [
            (name, c)
            for name, rec in records.items()
            for c in rec.get("claims", [])
            if c.get("aspect") == aspect and c.get("about", "analogy") == "analogy"
        ]
        keys = [(n, c) for n, c in claims if c.get("key")]
        counted = [
            c.get("verdict") for _, c in keys if _chip_state(c) in SCORE and c.get("verdict")
        ]
        shown = [
            c.get("verdict") if _chip_state(c) in SCORE else UNSTABLE
            for _, c in keys
            if not c.get("by_construction")
        ]
        if not claims:
            state = MISSING
        elif not keys:
            state = NO_KEY
        else:
            state = row_verdict(shown)
        rows.append(
            {
                "aspect": aspect,
                "label": label,
                "verdict": state,
                "score": _score(counted) if counted else float("nan"),
                "n_claims": len(claims),
                "chips": [(_chip_state(c), chip_text(c), name) for name, c in keys],
                "sources": sorted({name for name, _ in keys}),
            }
        )
    return rows


def run(*, quick: bool = False, seed: int = 0, source=None, **params) -> Findings:
    """Gather every other comparison's claims (from ``source``, default ``figures/``)."""
    source = Path("figures") if source is None else Path(source)
    findings, _ = begin(
        NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed, deterministic=DETERMINISTIC
    )
    others = [n for n in registry.available() if n != NAME]
    records = load_records(source, others)
    seeds = sorted(
        {len(r.get("seeds") or [0]) for r in records.values() if not r.get("deterministic")}
    )
    findings.settings.update(
        source=str(source),
        comparisons_read=list(records),
        comparisons_missing=[n for n in others if n not in records],
        seeds_per_comparison=seeds,
    )
    rows = _rows(records)
    for row in rows:
        if np.isfinite(row["score"]):
            findings.claim(
                f"{row['aspect']}: the key claims' verdicts on this aspect, scored holds 100, "
                "partly 50, fails 0 and averaged (100 only if every one holds, 0 only if "
                "every one fails)",
                row["score"],
                "%",
                rule=ROW_RULE,
                aspect=row["aspect"],
                label=f"row: {row['aspect']}",
            )
    # the rows as plain records too: the slides draw them as text, large enough to project
    findings.settings["rows"] = [
        {
            "aspect": r["aspect"],
            "label": r["label"],
            "verdict": r["verdict"],
            "words": ROW_WORDS[r["verdict"]],
            "mark": ROW_MARK[r["verdict"]],
            "chips": [
                {"state": state, "mark": CHIP_MARK[state], "text": text}
                for state, text, _source in r["chips"]
            ],
        }
        for r in rows
    ]
    chips = [(i, *chip) for i, row in enumerate(rows) for chip in row["chips"]]
    findings.data = Rows(
        aspect=np.array([r["aspect"] for r in rows]),
        label=np.array([r["label"] for r in rows]),
        verdict=np.array([r["verdict"] for r in rows]),
        n_claims=np.array([r["n_claims"] for r in rows], dtype=int),
        n_keys=np.array([len(r["chips"]) for r in rows], dtype=int),
        sources=np.array([", ".join(r["sources"]) for r in rows]),
        chip_row=np.array([c[0] for c in chips], dtype=int),
        chip_state=np.array([c[1] for c in chips]),
        chip_text=np.array([c[2] for c in chips]),
    )
    return findings


# -- the figure -------------------------------------------------------------------------

WIDTH_IN = 16.0
LABEL_W, VERDICT_W = 0.205, 0.15  # columns as fractions of the width
CHIP_FONT, LABEL_FONT = 14.5, 16
LINE_IN = 0.29  # one line of chips
GAP_IN = 0.14  # between two rows


def _text_width_in(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in inches, as matplotlib will draw it (no figure needed)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _height, _descent = TextToPath().get_text_width_height_descent(text, prop, False)
    return width / 72.0


def _flow(texts, width_in: float, size: float) -> list[list[int]]:
    """Lay chips out in lines no wider than ``width_in``: indices per line."""
    lines: list[list[int]] = [[]]
    used = 0.0
    gap = _text_width_in("  ·  ", size)
    for i, text in enumerate(texts):
        w = _text_width_in(f"{CHIP_MARK[UNSTABLE]} {text}", size)
        if lines[-1] and used + gap + w > width_in:
            lines.append([])
            used = 0.0
        used += (gap if lines[-1] else 0.0) + w
        lines[-1].append(i)
    return lines


def _label_lines(label: str, width_in: float) -> list[str]:
    words, out = label.split(), [""]
    for word in words:
        trial = f"{out[-1]} {word}".strip()
        if out[-1] and _text_width_in(trial, LABEL_FONT) > width_in:
            out.append(word)
        else:
            out[-1] = trial
    return out


def plot(findings: Findings):
    """One row per aspect: the row's verdict, then a mark, label and value per key claim."""
    d = findings.data
    n = len(d.aspect)
    chips_w = WIDTH_IN * (1 - LABEL_W - VERDICT_W) - 0.3
    with lecture_style():  # measure text in the fonts it is drawn with
        layouts, labels = [], []
        for i in range(n):
            mine = np.flatnonzero(d.chip_row == i)
            texts = [str(d.chip_text[k]) for k in mine]
            if not len(mine):
                texts = [
                    "no comparison has measured this yet"
                    if str(d.verdict[i]) == MISSING
                    else f"{d.n_claims[i]} claim(s), none marked key"
                ]
                mine = np.array([-1])
            layouts.append((mine, texts, _flow(texts, chips_w, CHIP_FONT)))
            labels.append(_label_lines(str(d.label[i]), WIDTH_IN * LABEL_W - 0.3))
        heights = [
            max(len(lines), len(lab)) * LINE_IN + GAP_IN
            for (_m, _t, lines), lab in zip(layouts, labels)
        ]
        missing = findings.settings.get("comparisons_missing", [])
        note = textwrap.fill("not yet run: " + ", ".join(missing), 190) if missing else ""
        # the foot: the note's lines (0.2 in each) above the run note's line
        head_in, legend_in, foot_in = 1.2, 1.2, 0.3 + 0.2 * (note.count("\n") + 1) * bool(note)
        height_in = head_in + sum(heights) + legend_in + foot_in
        fig = new_figure(figsize=(WIDTH_IN, height_in), layout="none")
        ax = fig.add_axes([0, 0, 1, 1])
        ax.set_xlim(0, WIDTH_IN)
        ax.set_ylim(height_in, 0)  # inches from the top
        ax.axis("off")
        counts = Counter(str(v) for v in d.verdict)
        tallies = ", ".join(f"{ROW_WORDS[v]} on {counts.get(v, 0)}" for v in VERDICTS)
        ax.text(
            WIDTH_IN / 2,
            0.38,
            f"A neuron as a logistic unit: the analogy {tallies} of {n} aspects",
            fontsize=21,
            fontweight="bold",
            ha="center",
            va="center",
        )
        x_verdict = WIDTH_IN * LABEL_W
        x_chips = WIDTH_IN * (LABEL_W + VERDICT_W)
        for x, text in (
            (0.15, "like a unit, a neuron"),
            (x_verdict, "the analogy"),
            (x_chips, "its key measurements: value (which way it breaks)"),
        ):
            ax.text(x, 0.95, text, fontsize=15, fontweight="bold", color=NEUTRAL, va="center")
        y = head_in
        for i in range(n):
            verdict = str(d.verdict[i])
            h = heights[i]
            if i % 2 == 0:
                ax.axhspan(y - GAP_IN / 2, y + h - GAP_IN / 2, color="#F2F2F2", lw=0, zorder=0)
            top = y + LINE_IN / 2
            grey = verdict in (MISSING, NO_KEY, UNSTABLE)
            for k, line in enumerate(labels[i]):
                ax.text(
                    0.15,
                    top + k * LINE_IN,
                    line,
                    fontsize=LABEL_FONT,
                    va="center",
                    color=NEUTRAL if grey else "black",
                )
            ax.text(
                x_verdict,
                top,
                f"{ROW_MARK[verdict]} {ROW_WORDS[verdict]}",
                fontsize=LABEL_FONT,
                fontweight="bold",
                va="center",
                color=MARK_COLOR[verdict],
            )
            mine, texts, lines = layouts[i]
            for k, line in enumerate(lines):
                x = x_chips
                for j, idx in enumerate(line):
                    if j:
                        x += _draw(ax, x, top + k * LINE_IN, "  ·  ", NEUTRAL)
                    state = str(d.chip_state[mine[idx]]) if mine[idx] >= 0 else None
                    if state is not None:
                        x += _draw(
                            ax,
                            x,
                            top + k * LINE_IN,
                            CHIP_MARK[state] + " ",
                            MARK_COLOR.get(state, NEUTRAL),
                            bold=True,
                        )
                    ink = NEUTRAL if state in (None, BUILT, UNSTABLE) else "black"
                    x += _draw(ax, x, top + k * LINE_IN, texts[idx], ink)
            y += h
        _legend(ax, y + 0.1, findings)
        if note:
            ax.text(0.15, height_in - 0.3, note, fontsize=11, color=NEUTRAL, va="bottom")
        fig.supxlabel(
            f"deterministic: gathered from the records in {findings.settings.get('source')}/",
            x=0.995,
            ha="right",
            fontsize=11,
            color=NEUTRAL,
        )
    return fig


def _draw(ax, x: float, y: float, text: str, color, *, bold: bool = False) -> float:
    """Draw ``text`` at (x, y) in inches and return its width in inches."""
    ax.text(
        x,
        y,
        text,
        fontsize=CHIP_FONT,
        va="center",
        color=color,
        fontweight="bold" if bold else "normal",
    )
    return _text_width_in(text, CHIP_FONT, bold)


def _legend(ax, y: float, findings: Findings) -> None:
    """How to read the page: the marks, the row rule, what is not counted."""
    seeds = findings.settings.get("seeds_per_comparison") or []
    over = f"mean over {max(seeds)} seeds" if seeds else "measured value"
    guide = dict(READING_GUIDE)
    lines = [
        f"✓ / ~ / ✗  {guide['✓ / ~ / ✗']}.",
        "A row holds only if every key measurement holds, fails only if every one fails, "
        f"else partly.  Values: {over}.  ⚠ seeds disagree and ◇ true by construction: "
        "shown, not counted.",
    ]
    wrapped = []
    for line in lines:  # wrapped at the page's width, measured in the font drawn
        words = line.split(" ")
        current = ""
        for word in words:
            trial = f"{current} {word}" if current else word
            if current and _text_width_in(trial, 12.5) > WIDTH_IN - 0.4:
                wrapped.append(current)
                current = word
            else:
                current = trial
        wrapped.append(current)
    ax.text(0.15, y, "\n".join(wrapped), fontsize=12.5, color="#333333", va="top", linespacing=1.35)
