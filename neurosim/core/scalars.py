"""The words of neurosim's constraints on single values, and its one error template.

:func:`param_error` builds every bad-parameter error; :class:`Constraint` is what a
parameter must be; this module holds the constraints on one value (:class:`Interval`,
:class:`Options`, :class:`InstanceOf` and its shorthands, :class:`AnyOf`). Arrays, lists,
mappings and quantities are in :mod:`neurosim.core.arrays`; declaring them on a function
is :func:`neurosim.core.constraints.validate`. Import them all from
:mod:`neurosim.core.constraints`.
"""

from __future__ import annotations

import difflib
import math
import numbers
import os

import numpy as np

# the one message template, and how values are shown in it
from neurosim.core.messages import _shown, described, param_error, show_quantities_with  # noqa: F401

__all__ = [
    "BOOL",
    "CALLABLE",
    "COUNT",
    "NON_NEGATIVE",
    "PATH",
    "POSITIVE",
    "SEED",
    "TEXT",
    "AnyOf",
    "Constraint",
    "HasMethods",
    "InstanceOf",
    "Interval",
    "Options",
    "Unchecked",
    "as_constraint",
    "described",
    "param_error",
]


# -- the vocabulary -------------------------------------------------------------------
class Constraint:
    """What one parameter must be."""

    def text(self) -> str:
        """The words after "must be" (``"a finite number > 0"``)."""
        raise NotImplementedError

    def check(self, value, name: str, owner: str = ""):
        """Return ``value`` (converted where the constraint says so) or raise."""
        raise NotImplementedError

    def bad_values(self, good=None) -> list[tuple[str, object]]:
        """``(kind, value)`` pairs this constraint refuses, derived from ``good`` if given."""
        return []

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.text()}>"


class _Junk:
    """A value no constraint but :class:`Unchecked` accepts (for the bad-input battery)."""

    def __repr__(self) -> str:
        return "<an object of no known kind>"


_CLOSED = ("both", "left", "right", "neither")


class Interval(Constraint):
    """A number between ``low`` and ``high``; ``closed`` names the included bounds.

    ``Interval(0, None, closed="neither")`` is a number > 0, ``Interval(1, None,
    integer=True)`` an integer >= 1, ``Interval(0, 1, closed="left")`` 0 <= x < 1. A
    bound of ``None`` is no bound (but the number must be finite); ``math.inf`` as an
    included bound lets inf through. Bools, text and arrays are refused (TypeError).
    """

    def __init__(self, low=None, high=None, *, closed: str = "both", integer: bool = False):
        if closed not in _CLOSED:
            raise param_error("closed", "Interval", f"one of {_CLOSED}", closed)
        if low is not None and high is not None and low > high:
            raise param_error("low", "Interval", f"at most high = {high}", low)
        self.low, self.high, self.closed, self.integer = low, high, closed, bool(integer)

    @property
    def low_included(self) -> bool:
        return self.closed in ("both", "left")

    @property
    def high_included(self) -> bool:
        return self.closed in ("both", "right")

    def _fmt(self, x) -> str:
        return str(int(x)) if self.integer and math.isfinite(x) else f"{x:g}"

    def bounds_text(self, unit: str = "") -> str:
        """``">= 0 and < 1"`` (with ``unit`` after each number), ``""`` if unbounded."""
        u = f" {unit}" if unit else ""
        parts = []
        if self.low is not None and self.low != -math.inf:
            parts.append(f"{'>=' if self.low_included else '>'} {self._fmt(self.low)}{u}")
        if self.high is not None and self.high != math.inf:
            parts.append(f"{'<=' if self.high_included else '<'} {self._fmt(self.high)}{u}")
        text = " and ".join(parts)
        if self.allows_inf:
            text += (" " if text else "") + "(inf allowed)"
        return text

    @property
    def allows_inf(self) -> bool:
        return (self.high == math.inf and self.high_included) or (
            self.low == -math.inf and self.low_included
        )

    def text(self, unit: str = "") -> str:
        kind = (
            "an integer" if self.integer else ("a number" if self.allows_inf else "a finite number")
        )
        bounds = self.bounds_text(unit)
        return f"{kind} {bounds}" if bounds else kind

    def contains(self, x: float) -> bool:
        """Whether the number ``x`` is inside (NaN never is)."""
        if math.isnan(x) or (math.isinf(x) and not self.allows_inf):
            return False
        if self.low is not None and (x < self.low or (x == self.low and not self.low_included)):
            return False
        return not (
            self.high is not None and (x > self.high or (x == self.high and not self.high_included))
        )

    def contains_all(self, values: np.ndarray) -> np.ndarray:
        """Elementwise :meth:`contains` of a float array."""
        ok = ~np.isnan(values) & (np.isfinite(values) | self.allows_inf)
        if self.low is not None:
            ok &= values >= self.low if self.low_included else values > self.low
        if self.high is not None:
            ok &= values <= self.high if self.high_included else values < self.high
        return ok

    def intersect(self, other: Interval) -> Interval:
        """The numbers inside both (the tighter bound on each side)."""

        def pick(a, a_in, b, b_in, tighter):
            if a is None:
                return b, b_in
            if b is None or tighter(a, b):
                return a, a_in
            if a == b:
                return a, a_in and b_in
            return b, b_in

        low, low_in = pick(
            self.low, self.low_included, other.low, other.low_included, lambda a, b: a > b
        )
        high, high_in = pick(
            self.high, self.high_included, other.high, other.high_included, lambda a, b: a < b
        )
        closed = {(True, True): "both", (True, False): "left", (False, True): "right"}.get(
            (low_in, high_in), "neither"
        )
        return Interval(low, high, closed=closed, integer=self.integer or other.integer)

    def check(self, value, name: str, owner: str = ""):
        expected = self.text()
        if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
            value = value.item()
        if hasattr(value, "dimensions"):
            raise param_error(
                name, owner, expected + " (dimensionless)", value, "Drop the unit.", cls=TypeError
            )
        if isinstance(value, np.ndarray | list | tuple):
            raise param_error(
                name, owner, expected, value, "Give one number, not several.", cls=TypeError
            )
        wanted = numbers.Integral if self.integer else numbers.Real
        if isinstance(value, bool | np.bool_) or not isinstance(value, wanted):
            raise param_error(name, owner, expected, value, cls=TypeError)
        value = int(value) if self.integer else float(value)
        if not self.contains(value):
            raise param_error(name, owner, expected, value)
        return value

    def outside(self) -> list[tuple[str, float]]:
        """Numbers just outside the interval (on each bounded side)."""
        out = []
        step = 1 if self.integer else 0.5
        if self.low is not None and math.isfinite(self.low):
            out.append(("out of range (below)", self.low - step))
            if not self.low_included:
                out.append(("out of range (the excluded bound)", self.low))
        if self.high is not None and math.isfinite(self.high):
            out.append(("out of range (above)", self.high + step))
            if not self.high_included:
                out.append(("out of range (the excluded bound)", self.high))
        if self.integer:
            return [(k, int(v)) for k, v in out]
        return out

    def bad_values(self, good=None):
        bad = [("wrong type", "1"), ("an array where a number is expected", np.ones(3))]
        bad.append(("a bool", True))
        if self.integer:
            bad.append(("a float where an integer is expected", 1.5))
        bad.append(("NaN", math.nan))
        if not self.allows_inf:
            bad.append(("inf", math.inf))
        return bad + self.outside()


class Options(Constraint):
    """One of a few values: ``Options("sgd", "adam")``."""

    def __init__(self, *values):
        if not values:
            raise param_error("values", "Options", "at least one allowed value", values)
        self.values = tuple(values)

    def text(self) -> str:
        if len(self.values) == 1:
            return repr(self.values[0])
        return "one of " + ", ".join(repr(v) for v in self.values)

    def _same_kind(self, value) -> bool:
        return any(
            type(value) is type(v)
            or (
                isinstance(value, numbers.Number)
                and isinstance(v, numbers.Number)
                and not isinstance(value, bool | np.bool_)
                and not isinstance(v, bool)
            )
            for v in self.values
        )

    def check(self, value, name: str, owner: str = ""):
        if isinstance(value, np.ndarray) or not self._same_kind(value):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        if value not in self.values:
            hint = ""
            if isinstance(value, str):
                close = difflib.get_close_matches(value, [str(v) for v in self.values], n=1)
                hint = f"Did you mean {close[0]!r}?" if close else ""
            raise param_error(name, owner, self.text(), value, hint)
        return value

    def bad_values(self, good=None):
        text = all(isinstance(v, str) for v in self.values)
        return [
            ("not one of the options", "no-such-option" if text else _Junk()),
            ("wrong type", 3.5 if text else "abc"),
        ]


class InstanceOf(Constraint):
    """An instance of one of ``types``; ``text`` names them for a reader."""

    def __init__(self, *types: type, text: str | None = None):
        self.types = types
        names = " or ".join(t.__name__ for t in types)
        article = "an" if names[:1].lower() in "aeiou" else "a"
        self._text = text or f"{article} {names}"

    def text(self) -> str:
        return self._text

    def check(self, value, name: str, owner: str = ""):
        if not isinstance(value, self.types) or (
            isinstance(value, bool) and bool not in self.types and np.bool_ not in self.types
        ):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        return value

    def bad_values(self, good=None):
        return [("wrong type", _Junk())]


class HasMethods(Constraint):
    """Anything with these methods (duck typing): ``HasMethods("savefig")``."""

    def __init__(self, *names: str, text: str | None = None):
        self.names = names
        self._text = text or "an object with " + ", ".join(f"{n}()" for n in names)

    def text(self) -> str:
        return self._text

    def check(self, value, name: str, owner: str = ""):
        if not all(callable(getattr(value, n, None)) for n in self.names):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        return value

    def bad_values(self, good=None):
        return [("wrong type", _Junk())]


class _Bool(InstanceOf):
    def __init__(self):
        super().__init__(bool, np.bool_, text="True or False")

    def check(self, value, name: str, owner: str = ""):
        return bool(super().check(value, name, owner))

    def bad_values(self, good=None):
        return [("text where a bool is expected", "no"), ("wrong type", None)]


class _Text(InstanceOf):
    def __init__(self):
        super().__init__(str, text="a non-empty string")

    def check(self, value, name: str, owner: str = ""):
        if not super().check(value, name, owner).strip():
            raise param_error(name, owner, self.text(), value)
        return value

    def bad_values(self, good=None):
        return [("wrong type", 3), ("empty text", "")]


class _Path(InstanceOf):
    def __init__(self):
        super().__init__(str, os.PathLike, text="a path (text or pathlib.Path)")

    def check(self, value, name: str, owner: str = ""):
        if not str(os.fspath(super().check(value, name, owner))).strip():
            raise param_error(name, owner, "a non-empty path", value)
        return value

    def bad_values(self, good=None):
        return [("wrong type", 3), ("empty path", "")]


class _Callable(Constraint):
    def text(self) -> str:
        return "a function (a callable)"

    def check(self, value, name: str, owner: str = ""):
        if not callable(value):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        return value

    def bad_values(self, good=None):
        return [("wrong type", "not a function")]


class _NoneOnly(Constraint):
    def text(self) -> str:
        return "None"

    def check(self, value, name: str, owner: str = ""):
        if value is not None:
            raise param_error(name, owner, "None", value, cls=TypeError)
        return None


class Unchecked(Constraint):
    """A parameter deliberately not checked here, with the reason (``Unchecked("ax")``)."""

    def __init__(self, reason: str):
        self.reason = reason

    def text(self) -> str:
        return f"anything ({self.reason})"

    def check(self, value, name: str, owner: str = ""):
        return value


class AnyOf(Constraint):
    """Any one of several constraints (written as a list: ``[POSITIVE, None]``)."""

    def __init__(self, *alternatives):
        self.alternatives = tuple(as_constraint(a) for a in alternatives)

    def text(self) -> str:
        return " or ".join(a.text() for a in self.alternatives)

    def check(self, value, name: str, owner: str = ""):
        if value is None and any(isinstance(a, _NoneOnly) for a in self.alternatives):
            return None
        errors = []
        for alternative in self.alternatives:
            try:
                return alternative.check(value, name, owner)
            except (TypeError, ValueError) as err:
                errors.append(err)
        # a value of the right kind out of its range: that alternative's own words
        for err in errors:
            if isinstance(err, ValueError) and not isinstance(err, TypeError):
                raise err
        hints = [getattr(e, "hint", "") for e in errors if getattr(e, "hint", "")]
        raise param_error(
            name, owner, self.text(), value, hints[0] if hints else "", cls=TypeError
        ) from None

    def bad_values(self, good=None):
        bad = []
        for alternative in self.alternatives:
            for kind, value in alternative.bad_values(good):
                try:
                    self.check(value, "x")
                except (TypeError, ValueError):
                    bad.append((kind, value))
        return bad


# -- shorthands -------------------------------------------------------------------------
#: a number > 0
POSITIVE = Interval(0, None, closed="neither")
#: a number >= 0
NON_NEGATIVE = Interval(0, None)
#: an integer >= 1 (a count of things that must exist)
COUNT = Interval(1, None, integer=True)
#: a seed: 0 <= seed < 2**32 (numpy's and Brian2's generators both take it)
SEED = Interval(0, 2**32 - 1, integer=True)
BOOL = _Bool()
TEXT = _Text()
PATH = _Path()
CALLABLE = _Callable()


def as_constraint(spec) -> Constraint:
    """A constraint from its short forms: ``None``, a list of alternatives, a class."""
    if isinstance(spec, Constraint):
        return spec
    if spec is None:
        return _NoneOnly()
    if isinstance(spec, list | tuple):
        return AnyOf(*spec)
    if isinstance(spec, type):
        return InstanceOf(spec)
    raise param_error(
        "constraint",
        "validate",
        "a Constraint, None, a class or a list of them",
        spec,
        cls=TypeError,
    )
