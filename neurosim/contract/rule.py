"""A rule: how a measured value becomes a verdict, and which way it breaks."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from neurosim.core.constraints import (
    TEXT,
    Constraint,
    InstanceOf,
    Interval,
    ListOf,
    param_error,
    validate,
)

__all__ = ["MEASURED", "VERDICTS", "Rule", "format_interval", "format_value"]

#: How a measured value fares under its rule.
VERDICTS = ("holds", "partly", "fails")


class _Measured(Constraint):
    """A measured number: any real number, NaN (never reached) and inf included.

    Converted to a float. A 0-d array or a dimensionless quantity counts as its number;
    a bool, text, an array of several numbers or a quantity with a unit does not.
    """

    def text(self) -> str:
        return "a number (NaN if it was not measured)"

    def check(self, value, name: str, owner: str = ""):
        if hasattr(value, "dimensions"):  # a Brian2 quantity: only a dimensionless one
            if not getattr(value.dimensions, "is_dimensionless", False):
                raise param_error(
                    name,
                    owner,
                    self.text() + " (dimensionless)",
                    value,
                    "Divide by its unit.",
                    cls=TypeError,
                )
            value = np.asarray(value, dtype=float)
        if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
            value = value.item()
        if isinstance(value, np.ndarray | list | tuple):
            raise param_error(
                name, owner, self.text(), value, "Give one number, not several.", cls=TypeError
            )
        if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        return float(value)

    def bad_values(self, good=None):
        return [
            ("wrong type", "1"),
            ("an array where a number is expected", np.ones(3)),
            ("a bool", True),
        ]


#: A claim's measured value (see :class:`_Measured`): a number, NaN if never reached.
MEASURED = _Measured()
#: A bound of a rule's interval: a finite number (None, an open bound, is allowed where
#: the rule says so).
_BOUND = [Interval(), None]
_PAIR = ListOf(_BOUND, min_len=2)
_WORDS = [TEXT, None]
_UNIT = InstanceOf(str, text="a unit's name ('' if dimensionless)")


@validate(value=[MEASURED, None], unit=_UNIT)
def format_value(value: float | None, unit: str = "") -> str:
    """A measured value rounded for a table, with its unit (``"97.2 %"``, ``"1.3e-09"``)."""
    if value is None or math.isnan(value):
        return "n/a"
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    else:
        text = f"{value:.2e}"
    return f"{text} {unit}".strip()


@validate(pair=_PAIR, unit=_UNIT)
def format_interval(pair, unit: str = "") -> str:
    """A rule's interval as text: ``">= 0.9"``, ``"<= 20 ms"``, ``"0.8 to 1.25"``.

    ``pair`` is ``(low, high)``; ``None`` is an open bound (one of them at most).
    """
    low, high = _pair(pair, "pair", "format_interval")
    u = f" {unit}" if unit else ""
    if low is None:
        return f"<= {format_value(high)}{u}"
    if high is None:
        return f">= {format_value(low)}{u}"
    return f"{format_value(low)} to {format_value(high)}{u}"


def _pair(pair, name: str, owner: str) -> tuple[float | None, float | None]:
    """``(low, high)`` of a checked list of bounds: two of them, one at least a number,
    in order (the relations no single bound's constraint says)."""
    if len(pair) != 2:
        raise param_error(name, owner, "a pair (low, high); None is an open bound", pair)
    low, high = pair
    if low is None and high is None:
        raise param_error(name, owner, "an interval with at least one bound", pair)
    if low is not None and high is not None and low > high:
        raise param_error(name, owner, "an interval with low <= high", pair)
    return (low, high)


def _inside(value: float, interval) -> bool:
    if interval is None or math.isnan(value):
        return False
    low, high = interval
    return (low is None or value >= low) and (high is None or value <= high)


@validate(holds=_PAIR, reason=TEXT, partly=[_PAIR, None], below=_WORDS, above=_WORDS)
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
        # the bounds are checked (@validate); what no single bound says is checked here
        object.__setattr__(self, "holds", _pair(self.holds, "holds", "Rule"))
        if self.partly is not None:
            object.__setattr__(self, "partly", _pair(self.partly, "partly", "Rule"))

    @classmethod
    @validate(threshold=Interval(), reason=TEXT, partly=[Interval(), None], below=_WORDS)
    def at_least(
        cls, threshold: float, *, reason: str, partly: float | None = None, below=None
    ) -> Rule:
        """Holds for values >= ``threshold``; partly for ``partly <= value < threshold``."""
        if partly is not None and partly > threshold:
            raise param_error(
                "partly", "Rule.at_least", f"a number <= threshold ({threshold:g})", partly
            )
        span = None if partly is None else (partly, threshold)
        return cls((threshold, None), reason, span, below=below)

    @classmethod
    @validate(threshold=Interval(), reason=TEXT, partly=[Interval(), None], above=_WORDS)
    def at_most(
        cls, threshold: float, *, reason: str, partly: float | None = None, above=None
    ) -> Rule:
        """Holds for values <= ``threshold``; partly for ``threshold < value <= partly``."""
        if partly is not None and partly < threshold:
            raise param_error(
                "partly", "Rule.at_most", f"a number >= threshold ({threshold:g})", partly
            )
        span = None if partly is None else (threshold, partly)
        return cls((None, threshold), reason, span, above=above)

    @classmethod
    @validate(
        low=Interval(),
        high=Interval(),
        reason=TEXT,
        partly=[_PAIR, None],
        below=_WORDS,
        above=_WORDS,
    )
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
        if high < low:
            raise param_error("high", "Rule.between", f"a number >= low ({low:g})", high)
        if partly is not None:
            partly = _pair(partly, "partly", "Rule.between")
        return cls((low, high), reason, partly, below=below, above=above)

    @validate(value=[MEASURED, None])
    def verdict(self, value: float | None) -> str:
        """The verdict this rule gives ``value``: "holds", "partly" or "fails" (NaN or
        None, a value never reached, fails)."""
        value = math.nan if value is None else value
        if _inside(value, self.holds):
            return "holds"
        if _inside(value, self.partly):
            return "partly"
        return "fails"

    @validate(value=[MEASURED, None])
    def direction(self, value: float | None) -> str:
        """Which way ``value`` misses the "holds" interval, in the rule's words.

        ``""`` when it holds; ``"not reached"`` for NaN (or None); else the rule's
        ``below`` or ``above`` words (or ``"too low"`` / ``"too high"`` when the rule
        names none).
        """
        if value is None or math.isnan(value):
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

    @validate(unit=_UNIT)
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
