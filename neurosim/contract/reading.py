"""What a reader sees of a claim's record: its value, its agreement over seeds, its
verdict in the words of its question (the gallery, slides, scorecard and explore)."""

from __future__ import annotations

from collections.abc import Mapping

from neurosim.contract.claim import ABOUT, MARKS, verdict_words
from neurosim.contract.rule import VERDICTS, format_value
from neurosim.core.constraints import BOOL, MappingOf, param_error, validate

#: A claim's record (``Claim.to_dict``, or one merged over seeds by ``combine_seeds``).
_RECORD = MappingOf()

__all__ = ["READING_GUIDE", "agreement_text", "measured_text", "short_label", "verdict_text"]

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
