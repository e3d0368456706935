"""A rule: how a measured value becomes a verdict, and which way it breaks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from neurosim.core.validation import param_error

__all__ = ["VERDICTS", "Rule", "format_interval", "format_value"]

#: How a measured value fares under its rule.
VERDICTS = ("holds", "partly", "fails")


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
