"""What a reader sees of a claim's record: its value, its agreement over seeds, its
verdict in the words of its question (the gallery, slides, scorecard and explore)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence

from neurosim.contract.claim import ABOUT, MARKS, Claim, verdict_words
from neurosim.contract.rule import VERDICTS, format_interval, format_value
from neurosim.core.constraints import (
    BOOL,
    TEXT,
    InstanceOf,
    ListOf,
    MappingOf,
    Options,
    param_error,
    validate,
)

#: A claim's record (``Claim.to_dict``, or one merged over seeds by ``combine_seeds``).
_RECORD = MappingOf()

__all__ = [
    "OUTCOMES",
    "READING_GUIDE",
    "agreement_text",
    "headline",
    "measured_text",
    "short_label",
    "verdict_text",
]

#: How to read a verdict, one (term, meaning) pair per line: the gallery's head, the
#: deck's second slide and the line under the scorecard all show it.
READING_GUIDE: tuple[tuple[str, str], ...] = (
    (
        "✓ / ~ / ✗",
        "the analogy holds / partly holds / fails: does the neuron behave like the "
        "logistic unit here? Judged by the rule declared with the claim; in brackets, "
        "which way it breaks",
    ),
    (
        "check passed / failed",
        "a claim about one model alone, tested against its reference (a closed form, "
        "a published value); never counted for or against the analogy",
    ),
    (
        "value [interval]",
        "the mean over seeds with its 95 % interval; the verdict judges that mean",
    ),
    (
        "k/n seeds agree",
        "seeds whose own verdict is the same; under 80 %: unstable, not counted",
    ),
    ("deterministic", "no random input: one run, the seed cannot change it"),
    ("by construction", "fixed by how the model is built: shown, never counted"),
)


@validate(claim=_RECORD)
def measured_text(claim: Mapping) -> str:
    """A claim record's value for a table: ``"10 Hz"``, over seeds ``"10 Hz [9.8, 10.2]"``.

    The value is the one the verdict judged (the mean over seeds). Seeds that reached
    no value are counted: ``"32 ms [14, 50]; not reached on 1 of 10 seeds"``.
    """
    unit = claim.get("unit", "")
    text = format_value(claim.get("value"), unit)
    interval = claim.get("interval")
    if interval is not None:
        low, high = interval
        text += f" [{format_value(low)}, {format_value(high)}]"
    missing = claim.get("not_reached") or 0
    if missing:
        text += f"; not reached on {missing} of {len(claim.get('values') or [])} seeds"
    return text


@validate(claim=_RECORD)
def agreement_text(claim: Mapping) -> str:
    """``"deterministic"``, ``"9/10 seeds agree"``, or ``""`` for a single seed."""
    if claim.get("deterministic"):
        return "deterministic"
    values = claim.get("values") or [claim.get("value")]
    n = len(values)
    if n < 2:
        return ""
    return f"{round(claim.get('stability', 1.0) * n)}/{n} seeds agree"


@validate(claim=_RECORD, mark=BOOL)
def verdict_text(claim: Mapping, *, mark: bool = True) -> str:
    """A claim record's verdict in the words of its question.

    ``"✗ the analogy fails (spikes cheaper)"``, ``"check passed"``, ``"by construction
    (not counted)"``, with ``"; unstable"`` when its seeds disagree.
    """
    if claim.get("by_construction"):
        return "by construction (not counted)"
    verdict = claim.get("verdict", "")
    about = claim.get("about", "analogy")
    if verdict not in VERDICTS or about not in ABOUT:
        raise param_error(
            "claim",
            "verdict_text",
            f"a claim record with a verdict ({', '.join(VERDICTS)}) and what it is about "
            f"({', '.join(ABOUT)})",
            f"verdict {verdict!r}, about {about!r}",
        )
    words = verdict_words(verdict, about, claim.get("direction", ""))
    if mark and about == "analogy" and verdict in MARKS:
        words = f"{MARKS[verdict]} {words}"
    if claim.get("unstable"):
        words += "; unstable (not counted)"
    return words


@validate(claim=_RECORD)
def short_label(claim: Mapping) -> str:
    """The claim's short label, or its statement's first clause if it has none."""
    label = str(claim.get("label") or "").strip()
    if label:
        return label
    return str(claim.get("statement", "")).split(";", 1)[0].split(": ", 1)[0]


#: What a title may need of a claim: its verdict, the side of its "holds" interval on
#: which the value lies (``"above"``: higher than the interval, partly or fails), or
#: ``"not reached"``: no value, when never reaching one is what the title states (a rate
#: not read within the longest window tried needs more time than any window).
OUTCOMES = (*VERDICTS, "below", "above", "not reached")
_OUTCOME = Options(*OUTCOMES)
#: The words that open a title whose claims this run did not bear out.
NOT_BORNE_OUT = "Not in this run: "
#: What a flagged title says of a claim it rests on that the run did not make.
NOT_MEASURED = "not measured in this run"


def _outcomes(claim: Claim) -> set[str]:
    """The outcomes ``claim`` meets: its verdict, and the side it misses "holds" on."""
    if math.isnan(claim.value):
        return {"not reached"}  # no value: no verdict or side a title could rest on
    low, high = claim.rule.holds
    side = {"below"} if low is not None and claim.value < low else set()
    side |= {"above"} if high is not None and claim.value > high else set()
    return {claim.verdict} | side


def _needs(claim: Claim, outcomes: tuple[str, ...]) -> str:
    """What the title needs of ``claim``, in the rule's numbers (``">= 59.4 %"``)."""
    rule, unit = claim.rule, claim.unit
    low, high = rule.holds
    joined = _joined(rule.holds, rule.partly)
    if {"holds", "partly"} <= set(outcomes) and joined is not None:
        outcomes = ("holds or partly", *(o for o in outcomes if o not in ("holds", "partly")))
    words = {
        "holds or partly": format_interval(joined, unit) if joined else "",
        "holds": format_interval(rule.holds, unit),
        "partly": format_interval(rule.partly, unit) if rule.partly else "",
        "fails": f"outside {format_interval(rule.holds, unit)}",
        "below": f"< {format_value(low, unit)}" if low is not None else "",
        "above": f"> {format_value(high, unit)}" if high is not None else "",
        "not reached": "no value",
    }
    return " or ".join(_unbroken(words[o]) for o in outcomes if words[o])


def _joined(holds, partly) -> tuple | None:
    """The one interval that ``holds`` and ``partly`` make together, if they touch or
    overlap (``Rule.at_most(1, partly=3)``: ``(None, 3)``); else None."""
    if partly is None:
        return None
    lows = [-math.inf if b is None else b for b in (holds[0], partly[0])]
    highs = [math.inf if b is None else b for b in (holds[1], partly[1])]
    if max(lows) > min(highs):
        return None  # apart: "holds or partly" is two intervals
    low, high = min(lows), max(highs)
    return (None if low == -math.inf else low, None if high == math.inf else high)


def _unbroken(text: str) -> str:
    """``text`` with no-break spaces: a wrapped title never splits ">= 95 %" over lines."""
    return text.replace(" ", "\u00a0")


@validate(
    text=TEXT,
    claims=ListOf(InstanceOf(Claim), min_len=0),
    rests_on=MappingOf([_OUTCOME, ListOf(_OUTCOME, min_len=1)]),
)
def headline(text: str, claims: Sequence[Claim], rests_on) -> str:
    """A figure's title, as written if the claims it rests on bear it out in this run.

    A title that states a result ("conductances shunt") is true of the run drawn only
    while the claims that measure it come out as stated; a student who moves a slider
    can reach settings where they do not. ``rests_on`` maps each such claim's label to
    the outcome the title states: a verdict (``"holds"``, ``"partly"``, ``"fails"``),
    or the side of the rule's "holds" interval the value lies on (``"below"``,
    ``"above"``), ``"not reached"`` where never reaching a value is what the title
    states, or a list of these (any one will do).

    If every claim named comes out as stated, the title is returned unchanged. Else it
    opens with :data:`NOT_BORNE_OUT`, and a last line names each claim that did not,
    its value and what the title needs (``"surrogate, published task: 55.1 %; the title
    needs >= 59.4 %"``). A claim this run did not make ("not measured in this run") never
    bears the title out; one whose value was never reached ("not reached") only where
    the title names that outcome. Lines are wrapped at the length (in characters) of the
    title's own longest line, so that the flagged title is about as wide as the one
    written.
    """
    by_label = {c.label: c for c in claims}
    missed = []
    for label, wanted in rests_on.items():
        wanted = (wanted,) if isinstance(wanted, str) else tuple(wanted)
        claim = by_label.get(label)
        if claim is None:
            missed.append(f"{label}: {NOT_MEASURED}")
        elif _outcomes(claim) & set(wanted):
            continue
        elif math.isnan(claim.value):
            missed.append(f"{label}: not reached")
        else:
            missed.append(
                f"{label}: {_unbroken(format_value(claim.value, claim.unit))}; "
                f"the title needs {_needs(claim, wanted)}"
            )
    if not missed:
        return text
    width = max(len(line) for line in text.splitlines())
    lines = []
    for part in (NOT_BORNE_OUT + " ".join(text.split()), "(" + "; ".join(missed) + ")"):
        lines += textwrap.wrap(part, width=width, break_on_hyphens=False)
    return "\n".join(lines)
