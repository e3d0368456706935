"""A comparison's explorable parameters, declared once: name, default with unit, range, help.

Each comparison lists its parameters in ``PARAMETERS``::

    PARAMETERS = (
        Parameter.from_field(LIFParameters, "tau_m", low=2, high=100),
        Parameter("sigma", 4.0, "membrane noise", unit="mV", low=0, high=20),
        Parameter("epochs", 300, "training epochs", low=1, high=5000, quick=100),
    )

and its ``run(*, quick=False, seed=0, **params)`` calls :func:`resolve`, which checks
every override (unknown name, wrong unit, out of range: an error naming the parameter,
what was expected and what came) and returns :class:`Settings`: ``settings.tau_m`` is
``10*ms`` (a Brian2 quantity for a parameter with a unit, a plain number otherwise), and
``settings.record()`` is what ``findings.settings["parameters"]`` stores.

The command line's ``neurosim figures NAME --set NAME.tau_m=10ms`` and ``neurosim show NAME``,
sweeps and ``explore()`` all read the same declaration. Neuron parameters use the field
names of :class:`~neurosim.spiking.LIFParameters` (``tau_m``, ``V_th``, ...), whose
unit, default and help are declared once, on the field (:meth:`Parameter.from_field`).

This module does not import Brian2; a parameter with a unit imports
:mod:`neurosim.units` when a value is checked.
"""

from __future__ import annotations

import difflib
import itertools
import math
import numbers
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from neurosim.core.constraints import (
    BOOL,
    TEXT,
    InstanceOf,
    Interval,
    ListOf,
    MappingOf,
    Options,
    Unchecked,
    param_error,
    validate,
)

__all__ = ["Parameter", "Settings", "resolve"]

_ANY_NUMBER = [Interval(), None]


@validate(
    name=TEXT,
    default=Unchecked("checked against its kind, range or choices in __post_init__"),
    quick=Unchecked("checked like default in __post_init__"),
    help=TEXT,
    unit=InstanceOf(str, text="a unit's name such as 'ms', or '' for a plain number"),
    low=_ANY_NUMBER,
    high=_ANY_NUMBER,
    choices=[ListOf(TEXT), None],
    closed=Options("both", "left", "right", "neither"),
    values=[ListOf(Interval(), min_len=2), None],
)
@dataclass(frozen=True)
class Parameter:
    """One explorable parameter of a comparison.

    Parameters
    ----------
    name : str
        Keyword of ``run()``; for neuron parameters, the field name of the neuron model.
    default : float, int, bool or str
        Default value, in ``unit`` (a plain number: ``20.0`` with ``unit="ms"``).
    help : str
        One line: what it changes.
    unit : str, default ""
        Name of its unit (``"ms"``, ``"mV"``, ``"nA"``, ``"Hz"``; see
        :data:`neurosim.units.UNITS`); ``""`` for a dimensionless number.
    low, high : float or None
        Allowed range, in ``unit`` (``None``: no bound on that side).
    quick : value or None
        Default under ``quick=True`` (None: the same as ``default``).
    choices : tuple of str or None
        Allowed values of a text parameter.
    closed : {"both", "left", "right", "neither"}, default "both"
        Which of ``low`` and ``high`` are allowed values themselves (the words of
        :class:`~neurosim.core.constraints.Interval`): a conductance that must stay
        positive has ``low=0, closed="right"``. :meth:`from_field` sets it from the
        field's declared sign.
    values : tuple of numbers or None
        The only values a number may take (in ``unit``, increasing, inside ``low`` to
        ``high``), when the model allows no others: a time step must divide the 1 ms
        readout interval, so 0.35 ms is refused before a run and explore() offers a
        slider over these values alone. ``None``: any number in the range.
    """

    name: str
    default: Any
    help: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    quick: Any = None
    choices: tuple[str, ...] | None = None
    closed: str = "both"
    values: tuple[float, ...] | None = None

    def __post_init__(self):
        owner = "Parameter"
        if self.values is not None:
            listed = tuple(float(v) for v in self.values)
            if self.choices is not None or isinstance(self.default, bool | str):
                raise param_error("values", owner, "None for a text or bool parameter", listed)
            if any(b <= a for a, b in itertools.pairwise(listed)):
                raise param_error("values", owner, "increasing numbers", listed)
            object.__setattr__(self, "values", listed)
        if not self.name.isidentifier():
            raise param_error("name", owner, "a Python identifier", self.name)
        if self.choices is not None:
            object.__setattr__(self, "choices", tuple(self.choices))
            if self.default not in self.choices:
                raise param_error("default", owner, f"one of {self.choices}", self.default)
        elif not isinstance(self.default, bool | numbers.Real):
            raise param_error("default", owner, "a number, a bool or one of choices", self.default)
        if self.low is not None and self.high is not None and self.low > self.high:
            raise param_error("low", owner, f"at most high = {self.high}", self.low)
        if self.values is not None and not all(self.interval.contains(v) for v in self.values):
            raise param_error("values", owner, self.interval.text(self.unit), self.values)
        # defaults must themselves be valid
        self._check_plain(self.default, f"{self.name} (default)", "Parameter")
        if self.quick is not None:
            self._check_plain(self.quick, f"{self.name} (quick)", "Parameter")

    # -- kinds ---------------------------------------------------------------------
    @property
    def kind(self) -> str:
        """``"choice"``, ``"bool"``, ``"int"`` or ``"float"``."""
        if self.choices is not None:
            return "choice"
        if isinstance(self.default, bool):
            return "bool"
        if isinstance(self.default, numbers.Integral):
            return "int"
        return "float"

    def default_for(self, quick: bool):
        """The default value (in ``unit``) for a quick or a full run."""
        return self.quick if (quick and self.quick is not None) else self.default

    @property
    def interval(self) -> Interval:
        """The allowed range as an :class:`~neurosim.core.constraints.Interval` (in ``unit``)."""
        return Interval(self.low, self.high, closed=self.closed)

    def describe_range(self) -> str:
        """``"2 to 100 ms"``, ``">= 0 mV"``, ``"> 0 nS and <= 5 nS"``, ``"one of 'a', 'b'"``,
        ``"True or False"``."""
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.kind == "bool":
            return "True or False"
        unit = f" {self.unit}" if self.unit else ""
        if self.values is not None:
            return "one of " + ", ".join(f"{v:g}" for v in self.values) + unit
        if self.low is not None and self.high is not None and self.closed == "both":
            return f"{self.low:g} to {self.high:g}{unit}"
        return self.interval.bounds_text(self.unit) or f"any number{unit}"

    # -- checks --------------------------------------------------------------------
    def _check_plain(self, value, name: str, owner: str):
        """Check a value given as a plain number (already in ``unit``); return it."""
        kind = self.kind
        expected = self._expected()
        if kind == "choice":
            if value not in self.choices:
                raise param_error(name, owner, expected, value, self._did_you_mean(value))
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                raise param_error(name, owner, expected, value, cls=TypeError)
            return value
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise param_error(name, owner, expected, value, cls=TypeError)
        if kind == "int":
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if not isinstance(value, numbers.Integral):
                raise param_error(name, owner, expected, value, cls=TypeError)
            value = int(value)
        else:
            value = float(value)
        if not math.isfinite(value) or not self.interval.contains(value):
            shown = f"{value:g} {self.unit}".strip()
            raise param_error(name, owner, expected, shown)
        if self.values is not None:
            # a listed value, given through a unit or text (0.1 ms as 100 us), is that value
            listed = [v for v in self.values if math.isclose(value, v, rel_tol=1e-9)]
            if not listed:
                shown = f"{value:g} {self.unit}".strip()
                raise param_error(name, owner, expected, shown)
            value = type(value)(listed[0])
        return value

    def _expected(self) -> str:
        kind = {"int": "an integer", "float": "a number", "bool": "", "choice": ""}[self.kind]
        if self.unit:
            kind = "a quantity"
        if not kind or self.values is not None:
            return self.describe_range()
        if self.low is not None and self.high is not None and self.closed == "both":
            unit = f" {self.unit}" if self.unit else ""
            return f"{kind} from {self.low:g} to {self.high:g}{unit}"
        return f"{kind} {self.describe_range()}"

    def _did_you_mean(self, value) -> str:
        if self.choices and isinstance(value, str):
            close = difflib.get_close_matches(value, self.choices, n=1)
            if close:
                return f"Did you mean {close[0]!r}?"
        return ""

    @validate(value=Unchecked("what the parameter checks"), owner=TEXT)
    def check(self, value, owner: str):
        """Validate a user's value; return it as a plain number in ``unit`` (or bool/str).

        A parameter with a unit takes a Brian2 quantity (``10*ms``) or text
        (``"10ms"``); a dimensionless one a number (or its text, from the command line).
        """
        if isinstance(value, str) and self.kind != "choice":
            value = self._parse(value, owner)
        if self.unit:
            from neurosim.units import check_quantity, unit_named

            unit = unit_named(self.unit)
            check_quantity(value, self.name, owner, unit, example=f"{self.default:g}*{self.unit}")
            if getattr(value, "shape", ()) != ():
                raise param_error(self.name, owner, "a scalar quantity", value)
            value = float(value / unit)
            # a bound through a unit and back (1000 pA is 1000.0000000000001 pA) is the bound
            for bound in (self.low, self.high):
                if bound is not None and math.isclose(value, bound, rel_tol=1e-12):
                    value = float(bound)
        return self._check_plain(value, self.name, owner)

    def _parse(self, text: str, owner: str):
        if self.unit:
            from neurosim.units import parse_quantity

            return parse_quantity(text, self.unit, name=self.name, owner=owner)
        if self.kind == "bool":
            lowered = text.strip().lower()
            if lowered in ("true", "yes", "1", "on"):
                return True
            if lowered in ("false", "no", "0", "off"):
                return False
            raise param_error(self.name, owner, "true or false", text)
        try:
            number = float(text)
        except ValueError:
            raise param_error(self.name, owner, self._expected(), text) from None
        return int(number) if self.kind == "int" and number.is_integer() else number

    def to_value(self, plain):
        """A plain value in ``unit`` as what ``run()`` receives (a quantity if it has a unit)."""
        if not self.unit:
            return plain
        from neurosim.units import unit_named

        return plain * unit_named(self.unit)

    # -- declared on a neuron model's field ------------------------------------------
    @classmethod
    @validate(
        model=InstanceOf(type, text="a dataclass of declared fields (e.g. LIFParameters)"),
        name=TEXT,
        low=_ANY_NUMBER,
        high=_ANY_NUMBER,
        default=_ANY_NUMBER,
        help=[TEXT, None],
        quick=_ANY_NUMBER,
    )
    def from_field(
        cls,
        model,
        name: str,
        *,
        low: float | None = None,
        high: float | None = None,
        default: float | None = None,
        help: str | None = None,
        quick: float | None = None,
    ) -> Parameter:
        """A parameter declared by a neuron model's field (unit, default and help).

        Parameters
        ----------
        model : type
            A neuron parameter dataclass (e.g. ``LIFParameters``) whose field ``name``
            carries ``unit`` and ``help`` metadata.
        name : str
            The field.
        low, high : float, optional
            The explorable range, in the field's unit (bounds included). It is narrowed
            to what the field itself allows (its declared sign or range), so a positive
            field explored from ``low=0`` excludes 0.
        default, help : optional
            Override the field's default (in its unit) or help for this comparison.
        """
        if not is_dataclass(model):
            raise param_error(
                "model",
                "Parameter.from_field",
                "a dataclass of declared fields",
                model,
                cls=TypeError,
            )
        matches = [f for f in fields(model) if f.name == name]
        if not matches or "unit" not in matches[0].metadata:
            raise param_error(
                "name",
                "Parameter.from_field",
                f"a declared field of {model.__name__}",
                name,
            )
        meta = matches[0].metadata
        explorable = Interval(low, high)
        declared = getattr(meta.get("constraint"), "values", None)
        if declared is not None:
            explorable = explorable.intersect(declared)
        if default is None:
            from neurosim.units import unit_named

            default = float(matches[0].default_factory() / unit_named(meta["unit"]))
        return cls(
            name,
            default,
            help or meta["help"],
            unit=meta["unit"],
            low=explorable.low,
            high=explorable.high,
            quick=quick,
            closed=explorable.closed,
        )


_PARAMETERS = ListOf(InstanceOf(Parameter), min_len=0)


class Settings(Mapping):
    """The resolved parameters of one run: ``settings.tau_m`` is ``10*ms``.

    A read-only mapping from name to the value ``run()`` uses (a Brian2 quantity for a
    parameter with a unit). :meth:`plain` gives the number in the declared unit,
    :meth:`record` the JSON form, :attr:`changed` the names the user overrode.
    """

    @validate(parameters=_PARAMETERS, plain=MappingOf(), changed=ListOf(TEXT, min_len=0))
    def __init__(self, parameters: Sequence[Parameter], plain: dict[str, Any], changed):
        self._parameters = {p.name: p for p in parameters}
        self._plain = dict(plain)
        self.changed = tuple(changed)

    def __getitem__(self, name: str):
        return self._parameters[name].to_value(self._plain[name])

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"no parameter {name!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._plain)

    def __len__(self) -> int:
        return len(self._plain)

    def plain(self, name: str):
        """The value as a plain number in its declared unit (``10.0`` for 10 ms)."""
        return self._plain[name]

    def record(self) -> dict[str, dict[str, Any]]:
        """``{"tau_m": {"value": 10.0, "unit": "ms"}, ...}`` for the JSON record."""
        return {
            name: {"value": value, "unit": self._parameters[name].unit}
            for name, value in self._plain.items()
        }

    def __repr__(self) -> str:
        items = ", ".join(
            f"{n}={v:g}{self._parameters[n].unit}" if isinstance(v, float) else f"{n}={v!r}"
            for n, v in self._plain.items()
        )
        return f"Settings({items})"


@validate(parameters=_PARAMETERS, overrides=MappingOf(), quick=BOOL, owner=TEXT)
def resolve(
    parameters: Sequence[Parameter], overrides: Mapping[str, Any], *, quick: bool, owner: str
) -> Settings:
    """Check ``overrides`` against the declared ``parameters``; fill in the defaults.

    Parameters
    ----------
    parameters : sequence of Parameter
        The comparison's ``PARAMETERS``.
    overrides : mapping
        What the user passed (``run(tau_m=10*ms)``, or text from the command line).
    quick : bool
        Use the parameters' quick defaults where the user set nothing.
    owner : str
        Shown in errors, e.g. ``"lif_neuron.run"``.

    Raises
    ------
    TypeError
        For an unknown name (with the close matches and every valid name) or a value of
        the wrong kind or unit.
    ValueError
        For a value out of its declared range.
    """
    known = {p.name: p for p in parameters}
    plain = {}
    for name, value in overrides.items():
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f"Did you mean {close[0]!r}? " if close else ""
            valid = ", ".join(known) if known else "none"
            raise TypeError(f"{owner} has no parameter {name!r}. {hint}Its parameters: {valid}.")
        plain[name] = known[name].check(value, owner)
    values = {p.name: plain.get(p.name, p.default_for(quick)) for p in parameters}
    return Settings(parameters, values, changed=[n for n in known if n in plain])
