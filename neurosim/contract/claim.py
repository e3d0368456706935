"""A claim (one measured sentence with its rule) and the Findings of one run."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from neurosim.contract.rule import MEASURED, VERDICTS, Rule, format_value
from neurosim.core.constraints import (
    BOOL,
    TEXT,
    Constraint,
    InstanceOf,
    ListOf,
    MappingOf,
    Options,
    param_error,
    validate,
)

__all__ = [
    "ABOUT",
    "ANALOGY_WORDS",
    "ASPECTS",
    "CHECK_WORDS",
    "LABEL_LIMIT",
    "MARKS",
    "Claim",
    "Findings",
    "verdict_words",
]

#: The aspects of the analogy, in lecture order: name -> what the analogy says a neuron
#: does like a logistic unit (the scorecard's row label, after "a neuron, like a unit, ...").
ASPECTS: dict[str, str] = {
    "signal transmission": "passes its answer on at once",
    "integration": "adds up its weighted inputs",
    "nonlinearity": "squashes the sum smoothly",
    "output code": "answers with a number",
    "timing": "ignores when its inputs arrive",
    "single-neuron capacity": "can only draw one line",
    "memory": "has no memory",
    "variability": "always answers the same",
    "learning": "learns as well under the brain's constraints",
    "cost": "costs the same energy per answer",
    "receptive fields": "learns V1-like filters",
}

#: What a claim is about: the analogy, or one model alone (a check against a reference,
#: never counted for or against the analogy).
ABOUT = ("analogy", "artificial", "spiking")

#: The words every verdict is shown with: the question it answers is in the words.
ANALOGY_WORDS = {
    "holds": "the analogy holds",
    "partly": "the analogy partly holds",
    "fails": "the analogy fails",
}
CHECK_WORDS = {
    "holds": "check passed",
    "partly": "check passed loosely",
    "fails": "check failed",
}
#: The marks of analogy verdicts (never used for checks of one model).
MARKS = {"holds": "✓", "partly": "~", "fails": "✗"}

#: Longest short label of a claim (characters): it must fit a scorecard cell and a slide.
LABEL_LIMIT = 44


_VERDICT = Options(*VERDICTS)
_ABOUT = Options(*ABOUT)
_ASPECT = [Options(*ASPECTS), None]
_RULE = InstanceOf(Rule, text="a Rule (the verdict is computed from the value, never typed)")
_UNIT = InstanceOf(str, text="a unit's name ('' if dimensionless)")
_WHY = [TEXT, None]


@validate(verdict=_VERDICT, about=_ABOUT, direction=InstanceOf(str))
def verdict_words(verdict: str, about: str = "analogy", direction: str = "") -> str:
    """A verdict in the words of the question it answers.

    ``verdict_words("fails", "analogy", "spikes cheaper")`` is ``"the analogy fails
    (spikes cheaper)"``; ``verdict_words("holds", "spiking")`` is ``"check passed"``.
    """
    words = (ANALOGY_WORDS if about == "analogy" else CHECK_WORDS)[verdict]
    if direction and verdict != "holds":
        words += f" ({direction})"
    return words


@validate(
    statement=TEXT,
    value=[MEASURED, None],
    unit=_UNIT,
    rule=_RULE,
    aspect=_ASPECT,
    about=_ABOUT,
    key=BOOL,
    label=InstanceOf(str, text="a short phrase ('' if none yet)"),
    deterministic=BOOL,
    by_construction=_WHY,
)
@dataclass(frozen=True)
class Claim:
    """One measured sentence of the lecture, with the rule that judges it.

    Parameters
    ----------
    statement : str
        What was measured, with its conditions (input encoding, regime, speed-ups), as
        a sentence a student can read. It names no measured number: the same sentence
        holds for every seed. Shown in full in the notes, the gallery and the JSON.
    value : float or None
        The measured number (NaN, or None, if it was never reached: stored as NaN).
    unit : str
        Unit of ``value`` ("" for dimensionless, "%", "Hz", "ms", ...).
    rule : Rule
        The intervals that decide the verdict, and why.
    aspect : str or None
        The aspect of the analogy (a key of :data:`ASPECTS`); required for claims about
        the analogy.
    about : {"analogy", "artificial", "spiking"}, default "analogy"
        A claim about one model alone is a check against a reference: never counted for
        or against the analogy, never shown with the analogy's words.
    key : bool, default False
        One of the measurements that decide the scorecard's row for its aspect (every
        key claim of a row is shown there with its own mark).
    label : str
        A short label (at most :data:`LABEL_LIMIT` characters, a whole phrase) for the
        scorecard and the slides: ``"squid axon, 1 cm"``.
    deterministic : bool, default False
        The value cannot depend on the seed (no random input enters it).
    by_construction : str or None
        Why the value is fixed by how the model is built (``"a linear membrane sums
        currents exactly"``): shown as such, never counted for or against the analogy.
    """

    statement: str
    value: float
    unit: str
    rule: Rule
    aspect: str | None = None
    about: str = "analogy"
    key: bool = False
    label: str = ""
    deterministic: bool = False
    by_construction: str | None = None

    def __post_init__(self):
        # each field is checked (@validate); what no single field says is checked here
        if self.aspect is None and self.about == "analogy":
            raise param_error(
                "aspect",
                "Claim",
                f"one of {', '.join(ASPECTS)} for a claim about the analogy",
                self.aspect,
            )
        if self.key and self.about != "analogy":
            raise param_error("key", "Claim", "False for a claim about one model alone", self.key)
        if len(self.label) > LABEL_LIMIT:
            raise param_error(
                "label",
                "Claim",
                f"a short phrase of at most {LABEL_LIMIT} characters",
                self.label,
                "The full statement stays in 'statement'.",
            )
        if self.value is None:
            object.__setattr__(self, "value", math.nan)

    @property
    def verdict(self) -> str:
        """What the rule says of the measured value."""
        return self.rule.verdict(self.value)

    @property
    def direction(self) -> str:
        """Which way the value misses the rule's "holds" interval ("" if it holds)."""
        return self.rule.direction(self.value)

    @property
    def counted(self) -> bool:
        """Whether the scorecard may count it: about the analogy, not by construction."""
        return self.about == "analogy" and self.by_construction is None

    def words(self) -> str:
        """The verdict in the words of its question (:func:`verdict_words`)."""
        return verdict_words(self.verdict, self.about, self.direction)

    def formatted(self) -> str:
        """The value with its unit, rounded for a table (``"97.2 %"``, ``"1.3e-09"``)."""
        return format_value(self.value, self.unit)

    def to_dict(self) -> dict[str, Any]:
        value = None if math.isnan(self.value) else self.value
        return {
            "statement": self.statement,
            "label": self.label,
            "value": value,
            "unit": self.unit,
            "verdict": self.verdict,
            "direction": self.direction,
            "rule": self.rule.to_dict(),
            "aspect": self.aspect,
            "about": self.about,
            "key": bool(self.key),
            "deterministic": self.deterministic,
            "by_construction": self.by_construction,
        }


class _Dataclass(Constraint):
    """An instance of a dataclass (a comparison's measured data)."""

    def text(self) -> str:
        return "a dataclass instance"

    def check(self, value, name: str, owner: str = ""):
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        return value

    def bad_values(self, good=None):
        return [("wrong type", [1, 2])]


@validate(
    name=TEXT,
    question=TEXT,
    data=[_Dataclass(), MappingOf(), None],
    claims=[ListOf(InstanceOf(Claim), min_len=0), None],
    settings=[MappingOf(), None],
)
@dataclass
class Findings:
    """The result of one comparison's ``run()``.

    Attributes
    ----------
    name : str
        The comparison's name (its module name in ``comparisons``).
    question : str
        The lecture sentence it tests.
    data : dataclass or dict, default {}
        Plain numpy arrays and numbers that ``plot()`` needs, as one frozen dataclass
        (:func:`neurosim.contract.module.check_findings` asks for one); no simulator
        objects.
    claims : list of Claim, default []
    settings : dict, default {}
        ``quick``, ``seed``, ``deterministic``, ``parameters`` (every declared
        parameter's value and unit) and descriptions of what was run (for the JSON).
    """

    name: str
    question: str
    # None stands for a new empty container (a declared default must be a value to check)
    data: Any = None
    claims: list[Claim] | None = None
    settings: dict[str, Any] | None = None

    def __post_init__(self):
        self.data = {} if self.data is None else self.data
        self.claims = [] if self.claims is None else self.claims
        self.settings = {} if self.settings is None else self.settings

    @validate(
        statement=TEXT,
        value=[MEASURED, None],
        unit=_UNIT,
        rule=_RULE,
        label=[TEXT, None],
        aspect=_ASPECT,
        about=_ABOUT,
        key=BOOL,
        deterministic=BOOL,
        by_construction=_WHY,
    )
    def claim(
        self,
        statement: str,
        value: float | None,
        unit: str,
        *,
        rule: Rule,
        label: str | None = None,
        aspect: str | None = None,
        about: str = "analogy",
        key: bool = False,
        deterministic: bool = False,
        by_construction: str | None = None,
    ) -> Claim:
        """Record a claim and return it (see :class:`Claim` for the fields). ``label`` is a
        short phrase, or None for none yet (stored as ``""``; a comparison's claims need
        one: :func:`~neurosim.contract.module.check_findings`).

        In a comparison that declared itself deterministic (``settings["deterministic"]``)
        every claim is deterministic.
        """
        deterministic = deterministic or bool(self.settings.get("deterministic"))
        c = Claim(
            statement,
            value,
            unit,
            rule,
            aspect,
            about,
            key,
            "" if label is None else label,
            deterministic,
            by_construction,
        )
        self.claims.append(c)
        return c

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: question, settings and claims (not the arrays)."""
        return {
            "name": self.name,
            "question": self.question,
            "settings": _jsonable(self.settings),
            "claims": [c.to_dict() for c in self.claims],
        }


def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, bool | int | float | str) or obj is None:
        return obj
    return str(obj)
