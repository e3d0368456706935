"""Parameter checks shared by the whole package (numpy only, never brian2).

Every bad input raises with one message template, after scikit-learn's:

    The 'learning_rate' parameter of DeepNetwork.fit must be a number > 0. Got -1 instead.

so a user always learns which parameter, what was expected, and what came.
Physical-unit checks live in :mod:`neurosim.units` (they need brian2).
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np

__all__ = [
    "check_array",
    "check_choice",
    "check_int",
    "check_labels",
    "check_number",
    "check_seed",
    "install_hint",
    "param_error",
]


def _shown(value, limit: int = 60) -> str:
    text = repr(value)
    if hasattr(value, "dimensions"):  # a Brian2 Quantity: show it with its unit
        text = str(value) if np.size(value) <= 4 else f"a quantity array of shape {np.shape(value)}"
    elif isinstance(value, np.ndarray):
        text = f"an array of shape {value.shape} and dtype {value.dtype}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def install_hint(extra: str, packages: str) -> str:
    """How to install an optional extra, in words that work from a checkout.

    neurosim's distribution is ``neurosim-lecture`` (the name ``neurosim`` on the public
    package index is another project), so a hint never says ``pip install neurosim[...]``.
    """
    return (
        f'pip install {packages}, or from the neurosim project folder: pip install -e ".[{extra}]"'
    )


def param_error(name: str, owner: str, expected: str, got, hint: str = "", *, cls=ValueError):
    """Build the standard error for a bad parameter (returned, not raised)."""
    where = f" of {owner}" if owner else ""
    message = f"The '{name}' parameter{where} must be {expected}. Got {_shown(got)} instead."
    if hint:
        message += f" {hint}"
    return cls(message)


def check_number(
    value,
    name: str,
    owner: str = "",
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = False,
    high_inclusive: bool = True,
) -> float:
    """Return ``value`` as a finite float inside the stated bounds, or raise."""
    bounds = []
    if low is not None:
        bounds.append(f"{'>=' if low_inclusive else '>'} {low:g}")
    if high is not None:
        bounds.append(f"{'<=' if high_inclusive else '<'} {high:g}")
    expected = "a finite number" + (" " + " and ".join(bounds) if bounds else "")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        cls = TypeError
        if hasattr(value, "dimensions"):
            raise param_error(name, owner, expected + " (dimensionless)", value, cls=TypeError)
        raise param_error(name, owner, expected, value, cls=cls)
    value = float(value)
    ok = np.isfinite(value)
    if ok and low is not None:
        ok = value >= low if low_inclusive else value > low
    if ok and high is not None:
        ok = value <= high if high_inclusive else value < high
    if not ok:
        raise param_error(name, owner, expected, value)
    return value


def check_int(value, name: str, owner: str = "", *, low: int | None = None) -> int:
    """Return ``value`` as an int >= ``low``, or raise (bools and floats are refused)."""
    expected = "an integer" + (f" >= {low}" if low is not None else "")
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise param_error(name, owner, expected, value, cls=TypeError)
    value = int(value)
    if low is not None and value < low:
        raise param_error(name, owner, expected, value)
    return value


def check_choice(value, name: str, owner: str, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise listing them."""
    choices = list(choices)
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise param_error(name, owner, f"one of {listed}", value)
    return value


def check_seed(seed, name: str = "seed", owner: str = "") -> int:
    """A seed is a non-negative integer; every random draw in neurosim comes from one."""
    return check_int(seed, name, owner, low=0)


def check_array(
    value,
    name: str,
    owner: str = "",
    *,
    ndim: int | tuple[int, ...] | None = None,
    shape: tuple[int | None, ...] | None = None,
    finite: bool = True,
    min_size: int = 1,
    dtype=float,
) -> np.ndarray:
    """Convert ``value`` to an array and check its dimensionality, shape and values.

    ``shape`` may use ``None`` for "any length" along an axis.
    """
    if hasattr(value, "dimensions") and not getattr(value.dimensions, "is_dimensionless", True):
        raise param_error(
            name, owner, "a dimensionless array", value, "Strip the units first.", cls=TypeError
        )
    try:
        arr = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError):
        raise param_error(name, owner, "an array of numbers", value, cls=TypeError) from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise param_error(
                name, owner, f"a {want} array", f"a {arr.ndim}-D array of shape {arr.shape}"
            )
    if shape is not None:
        fits = arr.ndim == len(shape) and all(s is None or s == a for s, a in zip(shape, arr.shape))
        if not fits:
            want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
            raise param_error(name, owner, f"an array of shape {want}", f"shape {arr.shape}")
    if arr.size < min_size:
        raise param_error(
            name, owner, f"an array with at least {min_size} element(s)", "an empty array"
        )
    if finite and np.issubdtype(arr.dtype, np.floating) and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise param_error(name, owner, "finite (no NaN or inf)", f"{bad} non-finite value(s)")
    return arr


def check_labels(
    y, name: str, owner: str, *, n_samples: int, n_classes: int | None = None
) -> np.ndarray:
    """Integer class labels 0..n_classes-1, one per sample."""
    arr = np.asarray(y)
    if arr.ndim != 1 or arr.shape[0] != n_samples:
        raise param_error(
            name,
            owner,
            f"a 1-D array of {n_samples} labels (one per row of X)",
            f"shape {arr.shape}",
        )
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise param_error(name, owner, "integer class labels", "non-integer values")
    elif arr.dtype.kind not in "iub":
        raise param_error(name, owner, "integer class labels", f"dtype {arr.dtype}", cls=TypeError)
    arr = arr.astype(np.int64)
    if arr.size and arr.min() < 0:
        raise param_error(name, owner, "labels >= 0", int(arr.min()))
    if n_classes is not None and arr.size and arr.max() >= n_classes:
        raise param_error(
            name,
            owner,
            f"labels in 0..{n_classes - 1} (the network has {n_classes} outputs)",
            int(arr.max()),
        )
    return arr
