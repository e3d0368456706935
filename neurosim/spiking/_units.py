"""Unit checks at the boundary of the spiking side.

``check_quantity(20, "tau_m", "LIFParameters", ms)`` raises

    The 'tau_m' parameter of LIFParameters must be a time (a Brian2 quantity in
    units of ms, e.g. 20*ms). Got 20 instead. Did you forget the unit?
"""

from __future__ import annotations

import numpy as np
from brian2 import Quantity, amp, farad, get_dimensions, hertz, ohm, second, siemens, volt
from brian2.units.fundamentalunits import DIMENSIONLESS

from neurosim._validation import param_error

__all__ = ["check_quantity"]

_NAMED = (
    (second, "a time"),
    (volt, "a voltage"),
    (amp, "a current"),
    (ohm, "a resistance"),
    (siemens, "a conductance"),
    (farad, "a capacitance"),
    (hertz, "a rate"),
)


def _what(unit) -> str:
    dim = get_dimensions(unit)
    for ref, name in _NAMED:
        if dim is get_dimensions(ref):
            return name
    return f"a quantity with dimensions {dim}"


def check_quantity(
    value,
    name: str,
    owner: str,
    unit,
    *,
    positive: bool = False,
    nonnegative: bool = False,
    finite: bool = True,
    example: str = "",
):
    """Return ``value`` (a Brian2 Quantity, scalar or array) after checking it.

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
    example : str
        Shown in the message, e.g. ``"20*ms"``.
    """
    what = _what(unit)
    unit_name = str(unit) if not isinstance(unit, Quantity) else repr(unit)
    example = example or f"1*{unit_name}"
    expected = f"{what} (a Brian2 quantity in units of {unit_name}, e.g. {example})"
    if not isinstance(value, Quantity) or get_dimensions(value) != get_dimensions(unit):
        hint = ""
        if not isinstance(value, Quantity) or get_dimensions(value) is DIMENSIONLESS:
            hint = "Did you forget the unit?"
        else:
            hint = f"It has the dimensions of {_what(value)[2:]} instead."
        raise param_error(name, owner, expected, value, hint, cls=TypeError)
    raw = np.asarray(value / unit, dtype=float)
    if finite and not np.all(np.isfinite(raw)):
        raise param_error(name, owner, f"{what} without NaN or inf", value)
    if positive and not np.all(raw > 0):
        raise param_error(name, owner, f"{what} > 0", value)
    if nonnegative and not np.all(raw >= 0):
        raise param_error(name, owner, f"{what} >= 0", value)
    return value
