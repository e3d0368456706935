"""What a comparison measures: plain arrays, and claims whose verdicts follow from rules.

A comparison's ``run()`` returns :class:`Findings`; its ``plot()`` draws from them
alone; :mod:`neurosim.pipeline` writes their claims next to the figure as JSON.

A :class:`Claim` is one measured sentence of the lecture. Its verdict is never typed:
it is computed from the measured value by the :class:`Rule` declared with the claim,
an interval of values for which the analogy **holds**, optionally one for **partly**,
and the reason for those thresholds; any other value (or NaN) **fails**.

Every claim is about one :data:`ASPECTS` of the analogy, or about one model alone
(``about="artificial"`` or ``"spiking"``: the ANN's accuracy, an f-I curve against its
closed form), which the scorecard never counts for or against the analogy.

:func:`combine_seeds` merges the records of one comparison run with several seeds: every
claim gets its values per seed, their mean and 95 % interval, and the stability of its
verdict; a claim whose verdict agrees on fewer than 80 % of the seeds is "unstable".
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from neurosim._validation import check_choice, param_error

__all__ = [
    "ABOUT",
    "ASPECTS",
    "STABLE_FRACTION",
    "VERDICTS",
    "Claim",
    "Findings",
    "Rule",
    "combine_seeds",
    "format_interval",
    "format_value",
]

#: How a measured claim bears on "a neuron is like a logistic unit".
VERDICTS = ("holds", "partly", "fails")

#: The aspects of the analogy, in lecture order: name -> what the artificial model is
#: said to do (the scorecard's row label, after "a logistic unit ...").
ASPECTS: dict[str, str] = {
    "signal transmission": "passes its answer on at once",
    "integration": "adds up weighted inputs",
    "nonlinearity": "squashes the sum",
    "output code": "answers with a number",
    "timing": "ignores input timing",
    "single-neuron capacity": "draws one line",
    "memory": "has no memory",
    "variability": "always answers the same",
    "learning": "learns by backprop (or a local rule)",
    "cost": "costs a fixed number of operations",
    "receptive fields": "learns V1-like filters",
}

#: What a claim is about: the analogy, or one model alone (not counted by the scorecard).
ABOUT = ("analogy", "artificial", "spiking")

#: A claim's verdict counts only if at least this fraction of seeds agrees on it.
STABLE_FRACTION = 0.8

#: The interval reported for a claim measured over several seeds.
INTERVAL_KIND = "95% t-interval of the mean over seeds"


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

    Examples
    --------
    >>> Rule.at_most(1.0, partly=5.0, reason="within 1 point: sampling error of 360 images")
    Rule(holds=(None, 1.0), reason='within 1 point: ...', partly=(1.0, 5.0))
    """

    holds: tuple[float | None, float | None]
    reason: str
    partly: tuple[float | None, float | None] | None = None

    def __post_init__(self):
        object.__setattr__(self, "holds", _interval(self.holds, "holds"))
        object.__setattr__(self, "partly", _interval(self.partly, "partly"))
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise param_error(
                "reason", "Rule", "one line saying where the thresholds come from", self.reason
            )

    @classmethod
    def at_least(cls, threshold: float, *, reason: str, partly: float | None = None) -> Rule:
        """Holds for values >= ``threshold``; partly for ``partly <= value < threshold``."""
        return cls((threshold, None), reason, None if partly is None else (partly, threshold))

    @classmethod
    def at_most(cls, threshold: float, *, reason: str, partly: float | None = None) -> Rule:
        """Holds for values <= ``threshold``; partly for ``threshold < value <= partly``."""
        return cls((None, threshold), reason, None if partly is None else (threshold, partly))

    @classmethod
    def between(cls, low: float, high: float, *, reason: str, partly: tuple | None = None) -> Rule:
        """Holds for ``low <= value <= high``; partly inside ``partly`` (a wider interval)."""
        return cls((low, high), reason, partly)

    def verdict(self, value: float) -> str:
        """The verdict this rule gives ``value``: "holds", "partly" or "fails"."""
        value = float(value)
        if _inside(value, self.holds):
            return "holds"
        if _inside(value, self.partly):
            return "partly"
        return "fails"

    def to_dict(self) -> dict[str, Any]:
        """``{"holds": [low, high], "partly": [low, high] or None, "reason": ...}``."""
        return {
            "holds": list(self.holds),
            "partly": None if self.partly is None else list(self.partly),
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, record: dict) -> Rule:
        """The rule stored by :meth:`to_dict`."""
        return cls(tuple(record["holds"]), record["reason"], _tuple(record.get("partly")))


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
        holds for every seed.
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
        A claim about one model alone is never counted for or against the analogy.
    key : bool, default False
        The comparison's headline measurement for its aspect: it decides the
        scorecard's row.
    """

    statement: str
    value: float
    unit: str
    rule: Rule
    aspect: str | None = None
    about: str = "analogy"
    key: bool = False

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
        try:
            value = float(self.value)
        except (TypeError, ValueError):
            raise param_error("value", "Claim", "a number", self.value, cls=TypeError) from None
        object.__setattr__(self, "value", value)

    @property
    def verdict(self) -> str:
        """What the rule says of the measured value."""
        return self.rule.verdict(self.value)

    def formatted(self) -> str:
        """The value with its unit, rounded for a table (``"97.2 %"``, ``"1.3e-09"``)."""
        return format_value(self.value, self.unit)

    def to_dict(self) -> dict[str, Any]:
        value = None if math.isnan(self.value) else self.value
        return {
            "statement": self.statement,
            "value": value,
            "unit": self.unit,
            "verdict": self.verdict,
            "rule": self.rule.to_dict(),
            "aspect": self.aspect,
            "about": self.about,
            "key": bool(self.key),
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
        ``quick``, ``seed``, ``parameters`` (every declared parameter's value and unit)
        and descriptions of what was run (for the JSON record).
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
        aspect: str | None = None,
        about: str = "analogy",
        key: bool = False,
    ) -> Claim:
        """Record a claim and return it (see :class:`Claim` for the fields)."""
        c = Claim(statement, value, unit, rule, aspect, about, key)
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


def _majority(verdicts: list[str]) -> tuple[str, float]:
    """The most common verdict (first in VERDICTS order on a tie) and its share."""
    counts = Counter(verdicts)
    best = max(VERDICTS, key=lambda v: (counts.get(v, 0), -VERDICTS.index(v)))
    return best, counts[best] / len(verdicts)


def combine_seeds(records: list[dict], seeds: list[int]) -> dict:
    """Merge one comparison's JSON records (one per seed, in seed order) into one.

    The result is the first seed's record (its figure is the one drawn), and every
    claim gains ``seeds``, ``values`` (one per seed; None where not reached),
    ``verdicts``, ``mean`` and ``interval`` (:data:`INTERVAL_KIND`, over the seeds
    whose value is finite; None with fewer than two), ``stability`` (the fraction of
    seeds whose verdict is the majority verdict) and ``verdict``: the majority
    verdict, or ``"unstable"`` when the stability is below :data:`STABLE_FRACTION`.
    ``value`` stays the first seed's.

    Raises
    ------
    ValueError
        If the seeds' claims are not the same list of statements.
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
        values = [r["claims"][k]["value"] for r in records]
        verdicts = [r["claims"][k]["verdict"] for r in records]
        finite = np.array([v for v in values if v is not None and math.isfinite(v)], dtype=float)
        mean = float(finite.mean()) if finite.size else None
        interval = None
        if finite.size >= 2:
            half = _t_quantile(finite.size) * float(finite.std(ddof=1)) / math.sqrt(finite.size)
            interval = [mean - half, mean + half]
        majority, stability = _majority(verdicts)
        claims.append(
            {
                **claim,
                "verdict": majority if stability >= STABLE_FRACTION else "unstable",
                "seeds": list(seeds),
                "values": values,
                "verdicts": verdicts,
                "mean": mean,
                "interval": interval,
                "interval_kind": INTERVAL_KIND,
                "stability": stability,
            }
        )
    merged["claims"] = claims
    return merged
