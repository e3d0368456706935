"""Constraints on arrays, lists, mappings and Brian2 quantities (see
:mod:`neurosim.core.constraints`, which declares them on functions).

:class:`QuantityOf` names its unit as text; :mod:`neurosim.units` (Brian2's one door)
checks it, and registers itself here when imported (:func:`register_quantity_support`).
A quantity exists only once Brian2 is loaded, so the first quantity check loads
:mod:`neurosim.units` by name: a plug-in on a higher floor, never an import of it.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Collection, Mapping

import numpy as np

from neurosim.core.scalars import (
    TEXT,
    Constraint,
    Interval,
    as_constraint,
    described,
    param_error,
    show_quantities_with,
)

__all__ = ["ArrayOf", "ListOf", "MappingOf", "QuantityOf", "register_quantity_support"]


class ArrayOf(Constraint):
    """An array: ``ArrayOf(ndim=2)``, ``ArrayOf(shape=(None, 2))``, ``ArrayOf(1, dtype=int,
    values=Interval(0, None))``.

    Converted with ``np.asarray`` (``dtype=int`` accepts whole floats, refuses 0.5);
    text, ragged lists, complex numbers and quantities with a unit are refused
    (TypeError); the wrong ``ndim`` or ``shape``, fewer than ``min_size`` elements,
    NaN/inf (``finite``) or elements outside ``values`` give a ValueError.
    """

    def __init__(self, ndim=None, *, shape=None, dtype=float, values=None, finite=True, min_size=1):
        self.ndim = None if ndim is None else ((ndim,) if isinstance(ndim, int) else tuple(ndim))
        self.shape, self.values = shape, values
        self.integer = dtype is not None and np.issubdtype(np.dtype(dtype), np.integer)
        self.dtype = np.int64 if self.integer else (None if dtype is None else np.dtype(dtype))
        self.finite, self.min_size = finite, min_size

    def text(self) -> str:
        dims = (
            f"shape ({', '.join('any' if s is None else str(s) for s in self.shape)})"
            if self.shape is not None
            else None
        )
        head = (
            "an array"
            if self.ndim is None
            else f"a {' or '.join(f'{d}-D' for d in self.ndim)} array"
        )
        kind = " of integers" if self.integer else " of numbers"
        text = head + kind + (f" of {dims}" if dims else "")
        if self.values is not None:
            text += f", each {self.values.bounds_text()}"
        return text

    def _convert(self, value, name, owner):
        if hasattr(value, "dimensions") and not getattr(value.dimensions, "is_dimensionless", True):
            raise param_error(
                name, owner, "a dimensionless array", value, "Strip the units first.", cls=TypeError
            )
        if isinstance(value, str | bytes | Mapping) or value is None:
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        try:
            arr = np.asarray(value)
        except ValueError:
            raise param_error(
                name,
                owner,
                "a rectangular array of numbers (rows of equal length)",
                value,
                cls=TypeError,
            ) from None
        if arr.dtype.kind == "O":
            try:
                arr = arr.astype(float)
            except (TypeError, ValueError):
                raise param_error(name, owner, self.text(), value, cls=TypeError) from None
        if arr.dtype.kind not in "biuf":
            raise param_error(
                name, owner, self.text(), described(f"dtype {arr.dtype}"), cls=TypeError
            )
        if self.integer:
            if arr.dtype.kind == "f":
                if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
                    raise param_error(
                        name, owner, self.text(), described("values that are not integers")
                    )
            return arr.astype(np.int64)
        return arr if self.dtype is None else arr.astype(self.dtype, copy=False)

    def check(self, value, name: str, owner: str = ""):
        arr = self._convert(value, name, owner)
        if self.ndim is not None and arr.ndim not in self.ndim:
            want = " or ".join(f"{d}-D" for d in self.ndim)
            raise param_error(
                name,
                owner,
                f"a {want} array",
                described(f"a {arr.ndim}-D array of shape {arr.shape}"),
            )
        if self.shape is not None:
            fits = arr.ndim == len(self.shape) and all(
                s is None or s == a for s, a in zip(self.shape, arr.shape)
            )
            if not fits:
                want = "(" + ", ".join("any" if s is None else str(s) for s in self.shape) + ")"
                raise param_error(
                    name, owner, f"an array of shape {want}", described(f"shape {arr.shape}")
                )
        if arr.size < self.min_size:
            raise param_error(
                name,
                owner,
                f"an array with at least {self.min_size} element(s)",
                described("an empty array" if arr.size == 0 else f"{arr.size} element(s)"),
            )
        if self.finite and arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
            bad = int(arr.size - np.count_nonzero(np.isfinite(arr)))
            raise param_error(
                name, owner, "finite (no NaN or inf)", described(f"{bad} non-finite value(s)")
            )
        if self.values is not None and arr.size:
            inside = self.values.contains_all(arr.astype(float))
            if not np.all(inside):
                first = arr.reshape(-1)[np.flatnonzero(~inside.reshape(-1))[0]]
                raise param_error(
                    name,
                    owner,
                    f"values {self.values.bounds_text()}",
                    described(
                        f"{int(np.size(inside) - np.count_nonzero(inside))} value(s) outside, "
                        f"e.g. {first}"
                    ),
                )
        return arr

    def bad_values(self, good=None):
        try:
            example = np.asarray(good, dtype=float) if good is not None else None
        except (TypeError, ValueError):  # a good value of another alternative (a list)
            example = None
        if example is None or (self.ndim is not None and example.ndim not in self.ndim):
            example = (
                np.ones(tuple(2 if s is None else s for s in self.shape))
                if self.shape is not None
                else np.ones((2,) * (max(self.ndim) if self.ndim else 1))
            )
        bad = [("text where an array is expected", "abc")]
        if self.ndim is not None and 0 not in self.ndim:
            bad.append(("a number where an array is expected", 0.5))
        if self.ndim is not None:
            extra = example[..., None]
            while extra.ndim in self.ndim:
                extra = extra[..., None]
            bad.append(("one dimension too many", extra))
        if self.min_size >= 1 and example.ndim >= 1:
            bad.append(("empty", example[:0]))
        if example.size:
            flat = example.astype(float).reshape(-1).copy()
            if self.finite:
                flat[0] = math.nan
                bad.append(("NaN inside", flat.reshape(example.shape)))
            if self.values is not None:
                for kind, outside in self.values.outside():
                    flat = example.astype(float).reshape(-1).copy()
                    flat[0] = outside
                    bad.append((kind, flat.reshape(example.shape)))
            if self.integer:
                flat = example.astype(float).reshape(-1).copy()
                flat[0] = 0.5
                bad.append(("a fraction where integers are expected", flat.reshape(example.shape)))
        if self.ndim is not None and 2 in self.ndim:
            bad.append(("ragged rows", [[1.0, 2.0], [1.0]]))
        return bad


class ListOf(Constraint):
    """A list (or tuple, range, set, dict view, 1-D array: any collection but text and
    mappings) whose items each meet ``item``: ``ListOf(SEED, distinct=True)``. Returns a
    list (a tuple for a tuple)."""

    def __init__(self, item, *, min_len: int = 1, distinct: bool = False):
        self.item, self.min_len, self.distinct = as_constraint(item), min_len, distinct

    def text(self) -> str:
        text = f"a list of at least {self.min_len}" if self.min_len else "a list"
        text += ", each " + self.item.text()
        return text + (", all distinct" if self.distinct else "")

    def check(self, value, name: str, owner: str = ""):
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Collection):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        items = [self.item.check(v, f"{name}[{i}]", owner) for i, v in enumerate(value)]
        if len(items) < self.min_len:
            raise param_error(name, owner, self.text(), value)
        if self.distinct:
            seen = set()
            for v in items:
                if v in seen:
                    raise param_error(name, owner, "distinct values", described(f"{v!r} twice"))
                seen.add(v)
        return tuple(items) if isinstance(value, tuple) else items

    def bad_values(self, good=None):
        bad = [("text where a list is expected", "abc")]
        if self.min_len:
            bad.append(("empty list", []))
        first = list(good)[:1] if good is not None and len(list(good)) else []
        for kind, value in self.item.bad_values(first[0] if first else None)[:2]:
            bad.append((f"an item: {kind}", [value]))
        if self.distinct and first:
            bad.append(("repeated item", [first[0], first[0]]))
        return bad


class MappingOf(Constraint):
    """A mapping whose keys are text (never mixed key types), whose values meet
    ``values`` and which holds the ``required`` keys: ``MappingOf(required=("claims",))``."""

    def __init__(self, values=None, *, keys=None, required=()):
        self.keys = as_constraint(keys) if keys is not None else TEXT
        self.values = as_constraint(values) if values is not None else None
        self.required = tuple(required)

    def text(self) -> str:
        text = "a mapping (dict) with text keys"
        return text + (f" including {', '.join(map(repr, self.required))}" if self.required else "")

    def check(self, value, name: str, owner: str = ""):
        if not isinstance(value, Mapping):
            raise param_error(name, owner, self.text(), value, cls=TypeError)
        out = {}
        for key, item in value.items():
            self.keys.check(key, f"{name} key", owner)
            out[key] = (
                item if self.values is None else self.values.check(item, f"{name}[{key!r}]", owner)
            )
        missing = [k for k in self.required if k not in out]
        if missing:
            raise param_error(
                name, owner, self.text(), described(f"no {', '.join(map(repr, missing))}")
            )
        return type(value)(out) if isinstance(value, dict) else out

    def bad_values(self, good=None):
        sample = next(iter(good.values()), 1) if isinstance(good, Mapping) and good else 1
        bad = [("wrong type", [1, 2]), ("mixed key types", {"a": sample, 1: sample})]
        if self.required:
            bad.append(("a required key missing", {}))
        return bad


class QuantityOf(Constraint):
    """A Brian2 quantity in ``unit`` (named: ``"ms"``, ``"mV"``, ``"nA"``, ``"Hz"``).

    ``values`` is an :class:`Interval` in that unit (``QuantityOf("ms", POSITIVE)``: a
    time > 0 ms); ``ndim`` the allowed dimensionalities (``0``: a scalar; ``(0, 1)``: a
    scalar or one value per neuron; ``None``: any shape); an array needs ``min_size``
    elements (0 for a spike train that may be empty). Checked by :mod:`neurosim.units`.
    """

    def __init__(
        self, unit: str, values: Interval | None = None, *, ndim=0, example: str = "", min_size=1
    ):
        if not isinstance(unit, str) or not unit:
            raise param_error(
                "unit", "QuantityOf", "a unit's name such as 'ms'", unit, cls=TypeError
            )
        self.unit, self.values, self.example, self.min_size = unit, values, example, min_size
        self.ndim = None if ndim is None else ((ndim,) if isinstance(ndim, int) else tuple(ndim))

    def text(self) -> str:
        return _quantity_support().text(self)

    def check(self, value, name: str, owner: str = ""):
        return _quantity_support().check(self, value, name, owner)

    def bad_values(self, good=None):
        return _quantity_support().bad_values(self, good)

    def __repr__(self) -> str:
        bounds = f" {self.values.bounds_text(self.unit)}" if self.values is not None else ""
        return f"<QuantityOf: {self.unit}{bounds}, ndim {self.ndim}>"


_QUANTITY_SUPPORT = None


def register_quantity_support(support) -> None:
    """Called by :mod:`neurosim.units` on import: it checks every :class:`QuantityOf`.

    ``support`` has ``text(c)``, ``check(c, value, name, owner)``, ``bad_values(c, good)``
    and ``shown(quantity)`` (the words for a quantity in a message).
    """
    global _QUANTITY_SUPPORT
    _QUANTITY_SUPPORT = support
    show_quantities_with(support.shown)


def _quantity_support():
    if _QUANTITY_SUPPORT is None:
        importlib.import_module("neurosim.units")  # registers itself (see the module docstring)
    return _QUANTITY_SUPPORT
