"""Physical units at the boundary: the one door through which neurosim imports Brian2.

Everything in neurosim that needs a unit (``20*ms``) or a unit check imports it from
here. Importing this module imports Brian2 (about 2 s; the artificial side never does)
and undoes what that import does to the whole Python session (its excepthook, warning
display and Ctrl-C handler, and the debug files it leaves in the temporary folder:
:mod:`neurosim.session`).

:func:`check_quantity` validates a quantity argument with neurosim's one error template::

    The 'tau_m' parameter of LIFParameters must be a time (a Brian2 quantity in units
    of ms, e.g. 20*ms). Got 20 instead. Did you forget the unit?

:func:`parse_quantity` reads ``"10ms"``, ``"-65 mV"`` or ``"0.2*nA"`` (the command line's
``--set tau_m=10ms``).
"""

from __future__ import annotations

import re

import numpy as np

from neurosim.session import SessionBefore, undo_brian2_import

_before = SessionBefore()

from brian2 import (  # noqa: E402  (the hooks above must be read before this import)
    Hz,
    Quantity,
    amp,
    cm,
    farad,
    get_dimensions,
    hertz,
    kHz,
    metre,
    mm,
    mS,
    ms,
    mV,
    nA,
    nF,
    nS,
    ohm,
    pA,
    pF,
    prefs,  # the backend sets the code-generation target through this door too
    second,
    siemens,
    uA,
    uF,
    um,
    us,
    volt,
)
from brian2.units import Mohm, kohm  # noqa: E402
from brian2.units.fundamentalunits import DIMENSIONLESS, Unit  # noqa: E402

from neurosim.core.constraints import (  # noqa: E402
    BOOL,
    NON_NEGATIVE,
    POSITIVE,
    TEXT,
    InstanceOf,
    Interval,
    Options,
    QuantityOf,
    Unchecked,
    described,
    param_error,
    register_quantity_support,
    validate,
)

undo_brian2_import(_before)
# and no new debug files (Brian2 opens them again when its logging is re-initialised)
prefs["logging.file_log"] = False
prefs["logging.save_script"] = False

__all__ = [
    "Hz",
    "Mohm",
    "Quantity",
    "amp",
    "check_quantity",
    "cm",
    "farad",
    "format_quantity",
    "hertz",
    "kHz",
    "kohm",
    "mS",
    "mV",
    "metre",
    "mm",
    "ms",
    "nA",
    "nF",
    "nS",
    "ohm",
    "pA",
    "pF",
    "parse_quantity",
    "quantity_field",
    "second",
    "siemens",
    "uA",
    "uF",
    "um",
    "unit_named",
    "us",
    "volt",
]

_NAMED = (
    (second, "a time"),
    (volt, "a voltage"),
    (amp, "a current"),
    (ohm, "a resistance"),
    (siemens, "a conductance"),
    (farad, "a capacitance"),
    (hertz, "a rate"),
    (metre, "a length"),
)

#: Unit names accepted by :func:`unit_named` and :func:`parse_quantity` (each Brian2
#: unit by its name, and the SI symbols s, V, A, S, F and m).
_SYMBOLS = {"second": "s", "volt": "V", "amp": "A", "siemens": "S", "farad": "F", "metre": "m"}
UNITS = {}
for _name in (
    "second ms us Hz kHz volt mV amp nA pA ohm kohm Mohm siemens mS nS farad uF nF pF "
    "metre cm mm um"
).split():
    UNITS[_name] = globals()[_name]
    if _name in _SYMBOLS:
        UNITS[_SYMBOLS[_name]] = UNITS[_name]
del _name


_UNIT_NAME = Options(*UNITS)
_OWNER = InstanceOf(str, text="a function's or class's name, or ''")


@validate(name=_UNIT_NAME)
def unit_named(name: str):
    """The Brian2 unit called ``name`` (``"ms"``, ``"mV"``, ``"nA"``, ``"Hz"``, ...)."""
    return UNITS[name]


def _what(unit) -> str:
    dim = get_dimensions(unit)
    for ref, name in _NAMED:
        if dim is get_dimensions(ref):
            return name
    return f"a quantity with dimensions {dim}"


def _example(unit_name: str, example: str, c_values=None) -> str:
    if example:
        return example
    low = None if c_values is None else c_values.low
    magnitude = 1 if low is None or low <= 0 else low
    return f"{magnitude:g}*{unit_name}"


def _check(
    value,
    name,
    owner,
    unit,
    unit_name,
    *,
    values=None,
    ndim=None,
    finite=True,
    example="",
    min_size=1,
):
    """The one quantity check: dimensions, shape, NaN/inf, then ``values`` in ``unit``.

    Fast when the value is good (a neuron model checks every field this way): Brian2's
    dimensions are unique objects, compared with ``is``; the words are built only for an
    error.
    """
    dims = getattr(value, "dim", None) if isinstance(value, Quantity) else None
    if dims is not get_dimensions(unit):
        what = _what(unit)
        example = _example(unit_name, example, values)
        expected = f"{what} (a Brian2 quantity in units of {unit_name}, e.g. {example})"
        if isinstance(value, list | tuple):
            hint = f"Multiply an array by the unit instead, e.g. np.array([...])*{unit_name}."
        elif dims is None or dims is DIMENSIONLESS:
            hint = "Did you forget the unit?"
        else:
            hint = f"It has the dimensions of {_what(value)[2:]} instead."
        raise param_error(name, owner, expected, value, hint, cls=TypeError)
    raw = np.asarray(value, dtype=float) / float(unit)
    if ndim is not None and raw.ndim not in ndim:
        example = _example(unit_name, example, values)
        if ndim == (0,):
            raise param_error(name, owner, f"a scalar quantity (e.g. {example})", value)
        want = " or ".join("a scalar" if d == 0 else f"{d}-D" for d in ndim)
        raise param_error(
            name, owner, f"{_what(unit)} quantity, {want}", described(f"shape {raw.shape}")
        )
    if raw.ndim and raw.size < min_size:
        example = _example(unit_name, example, values)
        raise param_error(name, owner, f"a non-empty quantity array (e.g. {example})", value)
    if finite and not np.all(np.isfinite(raw)):
        raise param_error(name, owner, f"{_what(unit)} without NaN or inf", value)
    if values is not None and not np.all(values.contains_all(raw)):
        raise param_error(name, owner, f"{_what(unit)} {values.bounds_text(unit_name)}", value)
    return value


@validate(
    value=Unchecked("what the helper checks"),
    name=TEXT,
    owner=_OWNER,
    unit=InstanceOf(Quantity, text="a Brian2 unit such as ms"),
    positive=BOOL,
    nonnegative=BOOL,
    finite=BOOL,
    scalar=BOOL,
    example=InstanceOf(str),
)
def check_quantity(
    value,
    name: str,
    owner: str,
    unit,
    *,
    positive: bool = False,
    nonnegative: bool = False,
    finite: bool = True,
    scalar: bool = False,
    example: str = "",
):
    """Return ``value`` (a Brian2 Quantity, scalar or array) after checking it.

    The one-at-a-time form of ``QuantityOf`` (:mod:`neurosim.core.constraints`), for a
    unit known only inside a body.

    Parameters
    ----------
    value : Quantity
        What the user passed.
    name, owner : str
        Parameter and class/function name, for the message.
    unit : Quantity
        A unit with the expected dimensions (``ms``, ``mV``, ``nA``, ...).
    positive, nonnegative : bool
        Sign constraints.
    finite : bool
        Refuse NaN and inf.
    scalar : bool
        Refuse arrays.
    example : str
        Shown in the message, e.g. ``"20*ms"``.
    """
    values = POSITIVE if positive else NON_NEGATIVE if nonnegative else None
    unit_name = (
        str(unit) if isinstance(unit, Unit) or not isinstance(unit, Quantity) else repr(unit)
    )
    return _check(
        value,
        name,
        owner,
        unit,
        unit_name,
        values=values,
        ndim=(0,) if scalar else None,
        finite=finite,
        example=example,
    )


#: the unit a message shows a quantity in, per dimension (Brian2's own choice is slow)
_SHOWN_IN = {
    get_dimensions(unit): (unit, name)
    for unit, name in (
        (ms, "ms"),
        (mV, "mV"),
        (nA, "nA"),
        (Hz, "Hz"),
        (nS, "nS"),
        (pF, "pF"),
        (Mohm, "Mohm"),
        (um, "um"),
    )
}


class _QuantityChecks:
    """What :class:`neurosim.core.constraints.QuantityOf` asks of this module."""

    def shown(self, value) -> str:
        """``"2 ms"``, ``"[1 2] mV"``: a quantity in words, fast."""
        entry = _SHOWN_IN.get(get_dimensions(value))
        if entry is None:
            return str(value)
        unit, name = entry
        raw = np.asarray(value, dtype=float) / float(unit)
        if raw.ndim == 0:
            return f"{raw.item():g} {name}"
        return "[" + " ".join(f"{x:g}" for x in raw.ravel()) + f"] {name}"

    def text(self, c: QuantityOf) -> str:
        what = _what(unit_named(c.unit))
        bounds = f" {c.values.bounds_text(c.unit)}" if c.values is not None else ""
        shape = ""
        if c.ndim is not None and c.ndim != (0,):
            shape = ", " + " or ".join("a scalar" if d == 0 else f"{d}-D" for d in c.ndim)
        example = _example(c.unit, c.example, c.values)
        return f"{what}{bounds}{shape} (a Brian2 quantity in {c.unit}, e.g. {example})"

    def check(self, c: QuantityOf, value, name: str, owner: str):
        unit = unit_named(c.unit)
        return _check(
            value,
            name,
            owner,
            unit,
            c.unit,
            values=c.values,
            ndim=c.ndim,
            example=c.example,
            min_size=c.min_size,
        )

    def bad_values(self, c: QuantityOf, good=None) -> list[tuple[str, object]]:
        unit = unit_named(c.unit)
        other = nA if get_dimensions(unit) is not get_dimensions(amp) else mV
        raw = np.asarray(good / unit, dtype=float) if isinstance(good, Quantity) else np.ones(())
        scalar = float(raw.reshape(-1)[0]) if raw.size else 1.0
        bad = [
            ("a number without its unit", raw.copy() if raw.ndim else scalar),
            ("the wrong unit", scalar * other),
            ("a list of quantities", [scalar * unit]),
            ("NaN", np.nan * unit),
        ]
        if c.values is None or not c.values.allows_inf:
            bad.append(("inf", np.inf * unit))
        if c.ndim is not None and 1 not in c.ndim:
            bad.append(("an array where a scalar is expected", np.array([scalar, scalar]) * unit))
        if c.ndim is not None and 1 in c.ndim and c.min_size:
            bad.append(("an empty array", np.array([]) * unit))
            if 2 not in c.ndim:
                bad.append(("a 2-D array", np.full((2, 2), scalar) * unit))
        if c.values is not None:
            bad += [(kind, v * unit) for kind, v in c.values.outside()]
        return bad


register_quantity_support(_QuantityChecks())


_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_QUANTITY = re.compile(rf"^\s*({_NUMBER})\s*\*?\s*([A-Za-z]*)\s*$")


@validate(
    text=InstanceOf(str, text="text such as '10ms'"),
    unit=Options("", *UNITS),
    name=TEXT,
    owner=_OWNER,
)
def parse_quantity(text: str, unit: str, *, name: str = "value", owner: str = "parse_quantity"):
    """Read a number with a unit from text: ``"10ms"``, ``"10 ms"``, ``"-65*mV"``.

    Parameters
    ----------
    text : str
        The text to read.
    unit : str
        The expected unit's name (``"ms"``); any unit of the same dimension is
        accepted (``"0.01 second"`` for ``"ms"``). ``""`` expects a plain number.
    name, owner : str
        For the error message.

    Returns
    -------
    Quantity or float
        A Brian2 quantity, or a float when ``unit`` is ``""``.
    """
    match = _QUANTITY.match(text)
    example = f"10{unit}" if unit else "10"
    if match is None:
        raise param_error(name, owner, f"a number with its unit, e.g. {example}", text)
    number, found = float(match.group(1)), match.group(2)
    if not unit:
        if found:
            raise param_error(name, owner, "a plain number (no unit)", text)
        return number
    if not found:
        raise param_error(
            name, owner, f"a number with its unit, e.g. {example}", text, "Did you forget the unit?"
        )
    if found not in UNITS:
        raise param_error(
            name, owner, f"a known unit ({', '.join(UNITS)})", text, f"Write e.g. {example}."
        )
    value = number * UNITS[found]
    if get_dimensions(value) != get_dimensions(UNITS[unit]):
        raise param_error(
            name,
            owner,
            f"{_what(UNITS[unit])} (e.g. {example})",
            text,
            f"It has the dimensions of {_what(value)[2:]} instead.",
        )
    return value


@validate(value=Interval(), unit=Options("", *UNITS))
def format_quantity(value: float, unit: str) -> str:
    """``"10 ms"`` from 10.0 and "ms"; a plain number when ``unit`` is empty."""
    text = f"{value:g}"
    return f"{text} {unit}" if unit else text


@validate(
    default=Interval(),
    unit=_UNIT_NAME,
    help=TEXT,
    sign=Options("positive", "nonnegative", ""),
    values=[InstanceOf(Interval), None],
)
def quantity_field(
    default: float, unit: str, help: str, *, sign: str = "", values: Interval | None = None
):
    """A dataclass field holding a Brian2 quantity, declared once with its unit and range.

    ``tau_m: Quantity = quantity_field(20, "ms", "membrane time constant", sign="positive")``
    gives the field a default of ``20*ms`` and the metadata that validation,
    documentation and a comparison's explorable parameters
    (:meth:`neurosim.contract.parameters.Parameter.from_field`) read:
    ``{"unit": "ms", "sign": "positive", "help": ..., "default": 20,
    "constraint": QuantityOf("ms", POSITIVE, ndim=(0, 1))}`` (a scalar, or one value per
    condition).

    ``sign`` (``"positive"``, ``"nonnegative"`` or ``""``) is the short form of
    ``values``, an :class:`~neurosim.core.constraints.Interval` in ``unit``
    (``values=Interval(-100, 0)``: from -100 to 0 in ``unit``); give one or the other.
    """
    import dataclasses

    owner = "quantity_field"
    if sign and values is not None:
        raise param_error("values", owner, "None when sign is given (one or the other)", values)
    values = {"positive": POSITIVE, "nonnegative": NON_NEGATIVE}.get(sign, values)
    if not sign and values is not None and values.low == 0 and values.high is None:
        sign = "nonnegative" if values.low_included else "positive"
    value = default * unit_named(unit)
    constraint = QuantityOf(unit, values, ndim=(0, 1), example=f"{default:g}*{unit}")
    constraint.check(value, "default", owner)
    return dataclasses.field(
        default_factory=lambda: value,
        metadata={
            "unit": unit,
            "sign": sign,
            "help": help,
            "default": default,
            "constraint": constraint,
        },
    )
