"""neurosim's one error template for a bad parameter, and how it shows the value it got.

:func:`param_error` builds every bad-parameter error (re-exported by
:mod:`neurosim.core.scalars` and :mod:`neurosim.core.constraints`); its words are built
when first read.
"""

from __future__ import annotations

import numpy as np

__all__ = ["described", "param_error", "show_quantities_with"]


# -- the one message template ---------------------------------------------------------
class described(str):  # lower case: it reads as a function where it is used
    """Words about a value (``described("an empty array")``), shown without quotes."""

    def __repr__(self) -> str:
        return str(self)


#: How a Brian2 quantity is shown in a message: ``str`` until :mod:`neurosim.units`
#: registers its faster words (``"2 ms"``) through :func:`show_quantities_with`.
_show_quantity = str


def show_quantities_with(show) -> None:
    """Set how a Brian2 quantity is shown in a message (``neurosim.units`` does)."""
    global _show_quantity
    _show_quantity = show


def _shown(value, limit: int = 60) -> str:
    if hasattr(value, "dimensions"):  # a Brian2 Quantity: show it with its unit
        size = np.size(value)
        text = (
            _show_quantity(value) if size <= 4 else f"a quantity array of shape {np.shape(value)}"
        )
    elif isinstance(value, np.ndarray):
        text = f"an array of shape {value.shape} and dtype {value.dtype}"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Message:
    """An error's words, built when first read: a failed alternative of :class:`AnyOf`
    (most of them, and never read) then costs no ``repr`` of a large value."""

    __slots__ = ("_parts", "_text")

    def __init__(self, name, owner, expected, got, hint):
        self._parts, self._text = (name, owner, expected, got, hint), None

    def __str__(self) -> str:
        if self._text is None:
            name, owner, expected, got, hint = self._parts
            where = f" of {owner}" if owner else ""
            text = f"The '{name}' parameter{where} must be {expected}. Got {_shown(got)} instead."
            self._text, self._parts = text + (f" {hint}" if hint else ""), None
        return self._text

    def __repr__(self) -> str:
        return repr(str(self))

    def __reduce__(self):  # an error crossing to another process carries its words only
        return str, (str(self),)


def param_error(name: str, owner: str, expected: str, got, hint: str = "", *, cls=ValueError):
    """Build the standard error for a bad parameter (returned, not raised).

    ``The '<name>' parameter of <owner> must be <expected>. Got <got> instead. <hint>``
    (the words are built when first read).
    """
    error = cls(_Message(name, owner, expected, got, hint))
    error.expected, error.hint = expected, hint
    return error
