"""Parameter checks shared by the whole package (numpy only, never brian2).

Every bad input raises with one message template, after scikit-learn's:

    The 'learning_rate' parameter of DeepNetwork.fit must be a finite number > 0. Got -1.0 instead.

so a user always learns which parameter, what was expected, and what came.

A public function declares its constraints once, with :func:`neurosim.core.constraints.validate`
(``Interval``, ``Options``, ``ArrayOf``, ``QuantityOf``, ...). The ``check_*`` helpers
below are the same checks called one at a time, for values that are only known inside a
body (a relation between parameters, an entry read from a file); each is a thin wrapper
over that one vocabulary, so both give the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from neurosim.core.constraints import (
    BOOL,
    COUNT,
    SEED,
    TEXT,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    Options,
    Unchecked,
    described,
    param_error,
    validate,
)

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


_NAMED = {"name": TEXT, "owner": InstanceOf(str, text="a function's or class's name, or ''")}
_VALUE = Unchecked("what the helper checks")
_BOUND = [Interval(), None]


@validate(extra=TEXT, packages=TEXT)
def install_hint(extra: str, packages: str) -> str:
    """How to install an optional extra, in words that work from a checkout.

    neurosim's distribution is ``neurosim-lecture`` (the name ``neurosim`` on the public
    package index is another project), so a hint never says ``pip install neurosim[...]``.
    """
    return (
        f'pip install {packages}, or from the neurosim project folder: pip install -e ".[{extra}]"'
    )


def _closed(low_inclusive: bool, high_inclusive: bool) -> str:
    return {
        (True, True): "both",
        (True, False): "left",
        (False, True): "right",
        (False, False): "neither",
    }[(bool(low_inclusive), bool(high_inclusive))]


@validate(value=_VALUE, low=_BOUND, high=_BOUND, low_inclusive=BOOL, high_inclusive=BOOL, **_NAMED)
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
    """Return ``value`` as a finite float inside the stated bounds, or raise.

    The same check as ``Interval(low, high, closed=...)``.
    """
    interval = Interval(low, high, closed=_closed(low_inclusive, high_inclusive))
    return interval.check(value, name, owner)


@validate(value=_VALUE, low=[Interval(integer=True), None], **_NAMED)
def check_int(value, name: str, owner: str = "", *, low: int | None = None) -> int:
    """Return ``value`` as an int >= ``low``, or raise (bools and floats are refused)."""
    return Interval(low, None, integer=True).check(value, name, owner)


@validate(value=_VALUE, choices=Unchecked("any collection of the allowed values"), **_NAMED)
def check_choice(value, name: str, owner: str, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise listing them."""
    return Options(*choices).check(value, name, owner)


@validate(seed=_VALUE, **_NAMED)
def check_seed(seed, name: str = "seed", owner: str = "") -> int:
    """A seed is an integer with 0 <= seed < 2**32; every random draw in neurosim comes
    from one (numpy's and Brian2's generators both take it)."""
    return SEED.check(seed, name, owner)


@validate(
    value=_VALUE,
    ndim=[Interval(0, None, integer=True), ListOf(Interval(0, None, integer=True)), None],
    shape=[ListOf([Interval(0, None, integer=True), None]), None],
    finite=BOOL,
    min_size=Interval(0, None, integer=True),
    dtype=Unchecked("a numpy dtype (numpy checks it)"),
    **_NAMED,
)
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

    ``shape`` may use ``None`` for "any length" along an axis. The same check as
    ``ArrayOf(ndim, shape=..., ...)``.
    """
    constraint = ArrayOf(ndim, shape=shape, finite=finite, min_size=min_size, dtype=dtype)
    return constraint.check(value, name, owner)


@validate(y=_VALUE, n_samples=Interval(0, None, integer=True), n_classes=[COUNT, None], **_NAMED)
def check_labels(
    y, name: str, owner: str, *, n_samples: int, n_classes: int | None = None
) -> np.ndarray:
    """Integer class labels 0..n_classes-1, one per sample."""
    arr = np.asarray(y) if not isinstance(y, str | bytes) else np.asarray(None)
    if arr.ndim != 1 or arr.shape[0] != n_samples:
        raise param_error(
            name,
            owner,
            f"a 1-D array of {n_samples} labels (one per row of X)",
            described(f"shape {arr.shape}"),
        )
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise param_error(name, owner, "integer class labels", described("non-integer values"))
    elif arr.dtype.kind not in "iub":
        raise param_error(
            name, owner, "integer class labels", described(f"dtype {arr.dtype}"), cls=TypeError
        )
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
