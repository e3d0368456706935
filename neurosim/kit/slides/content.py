"""What the deck says: one slide per comparison, read from a figures folder."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from neurosim.contract import (
    READING_GUIDE,
    Rule,
    agreement_text,
    format_value,
    measured_text,
    short_label,
    verdict_text,
)
from neurosim.core.constraints import PATH, param_error, validate
from neurosim.kit.slides.layout import NBSP

TITLE = "What does deep learning have to do with the brain?"
SUBTITLE = (
    "A logistic unit and a spiking neuron, fed the same inputs: "
    "where the analogy holds and where it fails"
)
COLOUR = {"holds": "009E73", "partly": "B8860B", "fails": "CC3311"}
#: checks of one model alone, claims true by construction and unstable claims: grey
CHECK_COLOUR = "555555"
GUIDE_TITLE = "How to read a verdict"
MAX_KEY_CLAIMS = 3


@dataclass(frozen=True)
class Slide:
    """One comparison's slide: its question, figure, headline claims and notes."""

    name: str
    question: str
    picture: Path
    claims: list[dict]
    notes: str
    #: the scorecard's rows (its record's settings["rows"]): drawn as text on its slides
    rows: tuple = ()


def _headline(claims: list[dict]) -> list[dict]:
    """The claims a slide shows: headline (key) claims first, then analogy claims."""
    key = [c for c in claims if c.get("key")]
    rest = [c for c in claims if not c.get("key") and c.get("about", "analogy") == "analogy"]
    alone = [c for c in claims if c.get("about", "analogy") != "analogy"]
    return (key + rest + alone)[:MAX_KEY_CLAIMS]


def _colour(claim: dict) -> str:
    """Green / orange / red for an analogy verdict; grey for anything not counted."""
    if (
        claim.get("about", "analogy") != "analogy"
        or claim.get("by_construction")
        or claim.get("unstable")
    ):
        return CHECK_COLOUR
    return COLOUR.get(claim.get("verdict"), CHECK_COLOUR)


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
        whose = "" if about == "analogy" else f" [{about} model alone: a check]"
        lines.append(f"{k}. {short_label(claim)}{whose}: {claim.get('statement', '')}")
        agree = agreement_text(claim)
        lines.append(
            f"   measured: {measured_text(claim)}{f' ({agree})' if agree else ''}; "
            f"{verdict_text(claim, mark=False)}"
        )
        if rule:
            text = Rule.from_dict(rule).text(unit)
            lines.append(f"   rule: {text} ({rule.get('reason', '')})")
        if claim.get("by_construction"):
            lines.append(f"   by construction: {claim['by_construction']}")
        values = claim.get("values")
        if values and len(values) > 1 and not claim.get("deterministic"):
            shown = ", ".join("n/a" if v is None else format_value(v) for v in values)
            lines.append(f"   per seed: {shown}")
    return "\n".join(lines)


@validate(figures=PATH)
def read_slides(figures: str | os.PathLike = "figures") -> list[Slide]:
    """The slides that the figures folder supports, in lecture order.

    Raises
    ------
    FileNotFoundError
        If the folder holds no figure with its JSON record (run ``neurosim figures``).
    """
    from neurosim.contract import registry

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
                tuple((record.get("settings") or {}).get("rows") or ()),
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


def _claim_lines(slide: Slide) -> list[tuple[str, str, str]]:
    """(verdict in words, "label: value", colour) for each claim the slide shows.

    A slide never shows a cut statement: it shows the claim's short label (the full
    statement is in the notes), its value with its unit, and its verdict in the words of
    the question it answers.
    """
    out = []
    for claim in slide.claims:
        # a value never leaves its unit, nor "(k/n seeds agree)" its parts, at a line break
        value = format_value(claim.get("value"), claim.get("unit", "")).replace(" ", NBSP)
        body = f"{short_label(claim)}: {value}"
        agree = agreement_text(claim)
        if agree and not claim.get("deterministic"):
            body += f" ({agree.replace(' ', NBSP)})"
        out.append((verdict_text(claim), body, _colour(claim)))
    return out


def _guide_lines() -> list[tuple[str, str]]:
    """The reading guide as (term, meaning) lines for the deck's second slide."""
    return list(READING_GUIDE)
