"""What a comparison measures: plain arrays, and claims whose verdicts follow from rules.

A comparison's ``run()`` returns :class:`Findings`; its ``plot()`` draws from them
alone; :mod:`neurosim.pipeline` writes their claims next to the figure as JSON.

A :class:`Claim` is one measured sentence of the lecture. Its verdict is never typed:
it is computed from the measured value by the :class:`Rule` declared with the claim,
an interval of values for which the claim **holds**, optionally one for **partly**,
and the reason for those thresholds; any other value (or NaN) **fails**. A rule also
says what a value *below* or *above* its "holds" interval means (``"spikes cheaper"``),
so that a failure says which way it breaks.

Every verdict answers one of two questions, and is worded so (:func:`verdict_words`):

* a claim about the analogy (``about="analogy"``, one of :data:`ASPECTS`): *does the
  logistic-unit analogy hold here?* -- "the analogy holds / partly holds / fails";
* a claim about one model alone (``about="artificial"`` or ``"spiking"``: the ANN's
  accuracy, an f-I curve against its closed form): *does the model match its
  reference?* -- "check passed / check passed loosely / check failed". It never wears
  the analogy's words or marks, and the scorecard never counts it.

A claim true by construction (``by_construction="why"``: a linear membrane sums
currents exactly) is shown as such and never counted. A claim whose value cannot
depend on the seed is ``deterministic`` (a comparison with no random input declares
``DETERMINISTIC = True`` and runs once).

:func:`combine_seeds` merges the records of one comparison run with several seeds,
by one rule (``docs/architecture.md``): the value shown is the **mean over the seeds**
(with its 95 % interval), the verdict is the rule applied to **that mean**, and the
stability is the share of seeds whose own verdict agrees with it; below 80 % the claim
is **unstable** and counts neither way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from neurosim._validation import check_choice, param_error

__all__ = [
    "ABOUT",
    "ASPECTS",
    "LABEL_LIMIT",
    "MARKS",
    "READING_GUIDE",
    "STABLE_FRACTION",
    "VERDICTS",
    "Claim",
    "Findings",
    "Rule",
    "agreement_text",
    "combine_seeds",
    "format_interval",
    "format_value",
    "measured_text",
    "short_label",
    "verdict_text",
    "verdict_words",
]

#: How a measured value fares under its rule.
VERDICTS = ("holds", "partly", "fails")

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

#: A claim's verdict counts only if at least this fraction of seeds agrees with it.
STABLE_FRACTION = 0.8

#: The interval reported for a claim measured over several seeds.
INTERVAL_KIND = "95% t-interval of the mean over seeds"

#: Longest short label of a claim (characters): it must fit a scorecard cell and a slide.
LABEL_LIMIT = 44


def verdict_words(verdict: str, about: str = "analogy", direction: str = "") -> str:
    """A verdict in the words of the question it answers.

    ``verdict_words("fails", "analogy", "spikes cheaper")`` is ``"the analogy fails
    (spikes cheaper)"``; ``verdict_words("holds", "spiking")`` is ``"check passed"``.
    """
    words = (ANALOGY_WORDS if about == "analogy" else CHECK_WORDS).get(verdict, str(verdict))
    if direction and verdict != "holds":
        words += f" ({direction})"
    return words


def format_value(value: float | None, unit: str = "") -> str:
    """A measured value rounded for a table, with its unit (``"97.2 %"``, ``"1.3e-09"``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    else:
        text = f"{value:.2e}"
    return f"{text} {unit}".strip()


def format_interval(pair, unit: str = "") -> str:
    """A rule's interval as text: ``">= 0.9"``, ``"<= 20 ms"``, ``"0.8 to 1.25"``."""
    low, high = pair
    u = f" {unit}" if unit else ""
    if low is None:
        return f"<= {format_value(high)}{u}"
    if high is None:
        return f">= {format_value(low)}{u}"
    return f"{format_value(low)} to {format_value(high)}{u}"


def _bound(value, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise param_error(name, "Rule", "a number or None (an open bound)", value, cls=TypeError)
    value = float(value)
    if math.isnan(value):
        raise param_error(name, "Rule", "a number or None (an open bound)", value)
    return value


def _interval(pair, name: str) -> tuple[float | None, float | None] | None:
    if pair is None:
        return None
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        raise param_error(name, "Rule", "a pair (low, high); None is an open bound", pair)
    low, high = _bound(pair[0], f"{name}[0]"), _bound(pair[1], f"{name}[1]")
    if low is None and high is None:
        raise param_error(name, "Rule", "an interval with at least one bound", pair)
    if low is not None and high is not None and low > high:
        raise param_error(name, "Rule", "an interval with low <= high", pair)
    return (low, high)


def _inside(value: float, interval) -> bool:
    if interval is None or math.isnan(value):
        return False
    low, high = interval
    return (low is None or value >= low) and (high is None or value <= high)


@dataclass(frozen=True)
class Rule:
    """How a claim's measured value becomes a verdict.

    The value **holds** if it lies in ``holds`` (bounds included), else **partly** if it
    lies in ``partly``, else it **fails** (NaN, a quantity never reached, always fails).

    Parameters
    ----------
    holds : (low, high)
        Interval of values for which the claim holds; ``None`` is an open bound.
    reason : str
        One line: where the thresholds come from.
    partly : (low, high) or None, default None
        Interval for "partly" (checked after ``holds``).
    below, above : str or None
        What a value below (above) the "holds" interval means, in a few words
        (``below="spikes cheaper"``): the direction in which the claim breaks. A claim
        about the analogy names the direction of every bounded side.

    Examples
    --------
    >>> Rule.at_most(1.0, partly=5.0, above="less accurate", reason="within 1 point: ...")
    Rule(holds=(None, 1.0), reason='within 1 point: ...', partly=(1.0, 5.0), ...)
    """

    holds: tuple[float | None, float | None]
    reason: str
    partly: tuple[float | None, float | None] | None = None
    below: str | None = None
    above: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "holds", _interval(self.holds, "holds"))
        object.__setattr__(self, "partly", _interval(self.partly, "partly"))
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise param_error(
                "reason", "Rule", "one line saying where the thresholds come from", self.reason
            )
        for name in ("below", "above"):
            words = getattr(self, name)
            if words is not None and (not isinstance(words, str) or not words.strip()):
                raise param_error(
                    name, "Rule", "a few words saying what such a value means, or None", words
                )

    @classmethod
    def at_least(
        cls, threshold: float, *, reason: str, partly: float | None = None, below=None
    ) -> Rule:
        """Holds for values >= ``threshold``; partly for ``partly <= value < threshold``."""
        span = None if partly is None else (partly, threshold)
        return cls((threshold, None), reason, span, below=below)

    @classmethod
    def at_most(
        cls, threshold: float, *, reason: str, partly: float | None = None, above=None
    ) -> Rule:
        """Holds for values <= ``threshold``; partly for ``threshold < value <= partly``."""
        span = None if partly is None else (threshold, partly)
        return cls((None, threshold), reason, span, above=above)

    @classmethod
    def between(
        cls,
        low: float,
        high: float,
        *,
        reason: str,
        partly: tuple | None = None,
        below=None,
        above=None,
    ) -> Rule:
        """Holds for ``low <= value <= high``; partly inside ``partly`` (a wider interval)."""
        return cls((low, high), reason, partly, below=below, above=above)

    def verdict(self, value: float) -> str:
        """The verdict this rule gives ``value``: "holds", "partly" or "fails"."""
        value = float(value)
        if _inside(value, self.holds):
            return "holds"
        if _inside(value, self.partly):
            return "partly"
        return "fails"

    def direction(self, value: float) -> str:
        """Which way ``value`` misses the "holds" interval, in the rule's words.

        ``""`` when it holds; ``"not reached"`` for NaN; else the rule's ``below`` or
        ``above`` words (or ``"too low"`` / ``"too high"`` when the rule names none).
        """
        value = float(value)
        if math.isnan(value):
            return "not reached"
        low, high = self.holds
        if low is not None and value < low:
            return self.below or "too low"
        if high is not None and value > high:
            return self.above or "too high"
        return ""

    def sides(self) -> tuple[str, ...]:
        """The bounded sides of the "holds" interval: ("below",), ("above",) or both."""
        low, high = self.holds
        return tuple(s for s, b in (("below", low), ("above", high)) if b is not None)

    def text(self, unit: str = "") -> str:
        """The rule as a line: ``"holds if <= 30 ms; partly if 30 to 150 ms"``."""
        out = f"holds if {format_interval(self.holds, unit)}"
        if self.partly is not None:
            out += f"; partly if {format_interval(self.partly, unit)}"
        return out

    def to_dict(self) -> dict[str, Any]:
        """``{"holds": [low, high], "partly": ..., "reason": ..., "below": ..., "above": ...}``."""
        return {
            "holds": list(self.holds),
            "partly": None if self.partly is None else list(self.partly),
            "reason": self.reason,
            "below": self.below,
            "above": self.above,
        }

    @classmethod
    def from_dict(cls, record: dict) -> Rule:
        """The rule stored by :meth:`to_dict`."""
        return cls(
            tuple(record["holds"]),
            record["reason"],
            _tuple(record.get("partly")),
            below=record.get("below"),
            above=record.get("above"),
        )


def _tuple(pair):
    return None if pair is None else tuple(pair)


@dataclass(frozen=True)
class Claim:
    """One measured sentence of the lecture, with the rule that judges it.

    Parameters
    ----------
    statement : str
        What was measured, with its conditions (input encoding, regime, speed-ups), as
        a sentence a student can read. It names no measured number: the same sentence
        holds for every seed. Shown in full in the notes, the gallery and the JSON.
    value : float
        The measured number (NaN if it was never reached).
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
        if not isinstance(self.statement, str) or not self.statement.strip():
            raise param_error("statement", "Claim", "a non-empty string", self.statement)
        if not isinstance(self.unit, str):
            raise param_error("unit", "Claim", "a string ('' if dimensionless)", self.unit)
        if not isinstance(self.rule, Rule):
            raise param_error(
                "rule",
                "Claim",
                "a Rule (the verdict is computed from the value, never typed)",
                self.rule,
                "Declare e.g. Rule.at_least(0.9, reason='...').",
                cls=TypeError,
            )
        check_choice(self.about, "about", "Claim", ABOUT)
        if self.aspect is None:
            if self.about == "analogy":
                raise param_error(
                    "aspect",
                    "Claim",
                    f"one of {', '.join(ASPECTS)} for a claim about the analogy",
                    self.aspect,
                )
        else:
            check_choice(self.aspect, "aspect", "Claim", ASPECTS)
        if self.key and self.about != "analogy":
            raise param_error("key", "Claim", "False for a claim about one model alone", self.key)
        if not isinstance(self.label, str) or len(self.label) > LABEL_LIMIT:
            raise param_error(
                "label",
                "Claim",
                f"a short phrase of at most {LABEL_LIMIT} characters",
                self.label,
                "The full statement stays in 'statement'.",
            )
        if not isinstance(self.deterministic, bool):
            raise param_error("deterministic", "Claim", "True or False", self.deterministic)
        if self.by_construction is not None and (
            not isinstance(self.by_construction, str) or not self.by_construction.strip()
        ):
            raise param_error(
                "by_construction",
                "Claim",
                "None, or a few words saying why the model fixes this value",
                self.by_construction,
            )
        try:
            value = float(self.value)
        except (TypeError, ValueError):
            raise param_error("value", "Claim", "a number", self.value, cls=TypeError) from None
        object.__setattr__(self, "value", value)

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


@dataclass
class Findings:
    """The result of one comparison's ``run()``.

    Attributes
    ----------
    name : str
        The comparison's name (its module name in ``comparisons``).
    question : str
        The lecture sentence it tests.
    data : dict
        Plain numpy arrays and numbers that ``plot()`` needs; no simulator objects.
    claims : list of Claim
    settings : dict
        ``quick``, ``seed``, ``deterministic``, ``parameters`` (every declared
        parameter's value and unit) and descriptions of what was run (for the JSON).
    """

    name: str
    question: str
    data: dict[str, Any] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    def claim(
        self,
        statement: str,
        value: float,
        unit: str,
        *,
        rule: Rule,
        label: str = "",
        aspect: str | None = None,
        about: str = "analogy",
        key: bool = False,
        deterministic: bool = False,
        by_construction: str | None = None,
    ) -> Claim:
        """Record a claim and return it (see :class:`Claim` for the fields).

        In a comparison that declared itself deterministic (``settings["deterministic"]``)
        every claim is deterministic.
        """
        deterministic = bool(deterministic) or bool(self.settings.get("deterministic"))
        c = Claim(
            statement,
            value,
            unit,
            rule,
            aspect,
            about,
            key,
            label,
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


def _t_quantile(n: int) -> float:
    """Two-sided 95 % quantile of Student's t with ``n - 1`` degrees of freedom."""
    from scipy.stats import t

    return float(t.ppf(0.975, n - 1))


def _same(values: list) -> bool:
    """Whether every value is the same number (None and NaN count as one value)."""
    first = values[0]
    for v in values[1:]:
        if first is None or v is None:
            if first is not v:
                return False
        elif not (v == first or (math.isnan(v) and math.isnan(first))):
            return False
    return True


def combine_seeds(records: list[dict], seeds: list[int]) -> dict:
    """Merge one comparison's JSON records (one per seed, in seed order) into one.

    One rule decides what a reader sees (``docs/architecture.md``):

    * ``value`` is the **mean** over the seeds whose value is finite (None if no seed
      reached one), ``interval`` its 95 % t-interval (:data:`INTERVAL_KIND`; None with
      fewer than two finite values);
    * ``verdict`` and ``direction`` are the claim's rule applied to **that mean**, so
      the number shown is the number judged;
    * ``verdicts`` are each seed's own, ``stability`` the share of seeds whose own
      verdict is ``verdict``, and ``unstable`` is true below :data:`STABLE_FRACTION`
      (the scorecard then counts the claim neither way);
    * ``not_reached`` counts the seeds with no value (they fail on their own);
    * a ``deterministic`` claim must have the same value for every seed: its value is
      that value, without interval.

    The record's other fields are the first seed's (its figure is the one drawn).

    Raises
    ------
    ValueError
        If the seeds' claims are not the same list of statements, or a claim declared
        deterministic differs between seeds.
    """
    if not records or len(records) != len(seeds):
        raise param_error(
            "records", "combine_seeds", f"one record per seed ({len(seeds)})", records
        )
    first = records[0]
    n_claims = len(first["claims"])
    for seed, record in zip(seeds, records):
        statements = [c["statement"] for c in record["claims"]]
        if statements != [c["statement"] for c in first["claims"]]:
            raise param_error(
                "records",
                "combine_seeds",
                f"the same {n_claims} claim statements for every seed of {first['name']!r}",
                f"different statements for seed {seed}",
                "A statement must not contain a measured number; put it in the value.",
            )
    merged = dict(first)
    merged["settings"] = dict(first.get("settings", {}), seeds=list(seeds))
    claims = []
    for k, claim in enumerate(first["claims"]):
        rule = Rule.from_dict(claim["rule"])
        values = [r["claims"][k]["value"] for r in records]
        values = [None if v is None or not math.isfinite(v) else float(v) for v in values]
        verdicts = [r["claims"][k]["verdict"] for r in records]
        deterministic = bool(claim.get("deterministic"))
        if deterministic and not _same(values):
            raise param_error(
                "records",
                "combine_seeds",
                f"one value for every seed of the deterministic claim {claim['statement']!r}",
                values,
                "A claim whose value depends on the seed must not be declared deterministic.",
            )
        finite = np.array([v for v in values if v is not None], dtype=float)
        value = float(finite.mean()) if finite.size else None
        interval = None
        if finite.size >= 2 and not deterministic:
            half = _t_quantile(finite.size) * float(finite.std(ddof=1)) / math.sqrt(finite.size)
            interval = [value - half, value + half]
        judged = math.nan if value is None else value
        verdict = rule.verdict(judged)
        stability = sum(v == verdict for v in verdicts) / len(verdicts)
        claims.append(
            {
                **claim,
                "value": value,
                "verdict": verdict,
                "direction": rule.direction(judged),
                "seeds": list(seeds),
                "values": values,
                "verdicts": verdicts,
                "interval": interval,
                "interval_kind": INTERVAL_KIND,
                "stability": stability,
                "unstable": stability < STABLE_FRACTION,
                "not_reached": sum(v is None for v in values),
            }
        )
    merged["claims"] = claims
    return merged


# -- what a reader sees of a claim's record (gallery, slides, scorecard, explore) -------

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


def agreement_text(claim: Mapping) -> str:
    """``"deterministic"``, ``"9/10 seeds agree"``, or ``""`` for a single seed."""
    if claim.get("deterministic"):
        return "deterministic"
    values = claim.get("values") or [claim.get("value")]
    n = len(values)
    if n < 2:
        return ""
    return f"{round(claim.get('stability', 1.0) * n)}/{n} seeds agree"


def verdict_text(claim: Mapping, *, mark: bool = True) -> str:
    """A claim record's verdict in the words of its question.

    ``"✗ the analogy fails (spikes cheaper)"``, ``"check passed"``, ``"by construction
    (not counted)"``, with ``"; unstable"`` when its seeds disagree.
    """
    if claim.get("by_construction"):
        return "by construction (not counted)"
    verdict = claim.get("verdict", "")
    about = claim.get("about", "analogy")
    words = verdict_words(verdict, about, claim.get("direction", ""))
    if mark and about == "analogy" and verdict in MARKS:
        words = f"{MARKS[verdict]} {words}"
    if claim.get("unstable"):
        words += "; unstable (not counted)"
    return words


def short_label(claim: Mapping) -> str:
    """The claim's short label, or its statement's first clause if it has none."""
    label = str(claim.get("label") or "").strip()
    if label:
        return label
    return str(claim.get("statement", "")).split(";", 1)[0].split(": ", 1)[0]
