"""What a public function's parameters must be, declared once and checked in one place.

A public function declares its constraints next to its signature::

    @validate(n=Interval(4, None, integer=True), noise=NON_NEGATIVE, seed=SEED)
    def make_xor(n=200, *, noise=0.1, seed=0): ...

and a class the same way, on the class (its ``__init__`` is checked; put ``@validate``
above ``@dataclass``). Every call is checked before the body runs, and the body receives
the checked values (``int``, ``float``, an ndarray for :class:`ArrayOf`). A bad value
raises with neurosim's one template (:func:`param_error`)::

    The 'noise' parameter of make_xor must be a finite number >= 0. Got -1.0 instead.

a :class:`TypeError` for the wrong kind of value, a :class:`ValueError` for a value of
the right kind out of its range. The vocabulary (after scikit-learn's ``Interval`` and
``Options``, and Brian2's ``@check_units`` for units):

==========================  =======================================================
:class:`Interval`           a number (or ``integer=True``) between bounds; ``closed``
                            says which bounds are included: ``"both"``, ``"left"``,
                            ``"right"``, ``"neither"``. ``None`` is no bound; a bound of
                            ``math.inf`` that is included lets inf through.
:class:`Options`            one of a few values (did-you-mean for text)
:class:`ArrayOf`            an array: ``ndim``, ``shape``, ``dtype``, element ``values``
:class:`QuantityOf`         a Brian2 quantity in a unit (named: ``"ms"``), its
                            ``values`` an :class:`Interval` in that unit, ``ndim``
:class:`ListOf`             a list or tuple of items that each meet a constraint
:class:`MappingOf`          a mapping with text keys (one key type, never mixed)
:class:`InstanceOf`         an instance of some classes; :data:`BOOL`, :data:`TEXT`,
                            :data:`PATH`, :data:`CALLABLE`
``None``, ``[a, b]``        ``None`` allowed; any of several constraints
:class:`Unchecked`          deliberately not checked, with the reason
==========================  =======================================================

Relations between parameters (``offset`` after ``onset``) stay in the function's body,
with :func:`param_error`. Each constraint also knows values it must refuse
(:meth:`Constraint.bad_values`), which ``tests/test_battery_api.py`` feeds to every
declared parameter of the public API.

The words for one value live in :mod:`neurosim.core.scalars`, those for arrays, lists,
mappings and quantities in :mod:`neurosim.core.arrays`; import them all from here.
Quantities: core never imports Brian2. :class:`QuantityOf` names its unit as text and
hands the check to :mod:`neurosim.units` (Brian2's one door), which registers itself when
imported (:func:`register_quantity_support`).
"""

from __future__ import annotations

import functools
import inspect

from neurosim.core.arrays import (
    ArrayOf,
    ListOf,
    MappingOf,
    QuantityOf,
    register_quantity_support,
)
from neurosim.core.scalars import (
    BOOL,
    CALLABLE,
    COUNT,
    NON_NEGATIVE,
    PATH,
    POSITIVE,
    SEED,
    TEXT,
    AnyOf,
    Constraint,
    InstanceOf,
    Interval,
    Options,
    Unchecked,
    as_constraint,
    described,
    param_error,
)

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
    "ArrayOf",
    "Constraint",
    "InstanceOf",
    "Interval",
    "ListOf",
    "MappingOf",
    "Options",
    "QuantityOf",
    "Unchecked",
    "as_constraint",
    "constraints_of",
    "described",
    "param_error",
    "register_quantity_support",
    "validate",
]


# -- the declaration ------------------------------------------------------------------
def _owner_of(fn) -> str:
    return fn.__qualname__.replace(".<locals>", "")


def validate(**constraints):
    """Declare the constraints of a public function's (or a class's) parameters.

    On a function or method: every call is checked first, with the function's qualified
    name in the message (``DeepNetwork.fit``). On a class: its ``__init__`` is checked,
    with the class's name (a subclass's name when a subclass is built). Declared
    defaults are checked once, when the module is imported, so a declaration that
    refuses its own default fails at once.
    """
    specs = {name: as_constraint(spec) for name, spec in constraints.items()}

    def decorate(obj):
        is_class = isinstance(obj, type)
        fn = obj.__init__ if is_class else obj
        owner = obj.__name__ if is_class else _owner_of(fn)
        signature = inspect.signature(fn)
        unknown = sorted(set(specs) - set(signature.parameters))
        if unknown:
            raise TypeError(f"@validate on {owner}: no parameter named {', '.join(unknown)}")
        for name, constraint in specs.items():
            default = signature.parameters[name].default
            if default is not inspect.Parameter.empty:
                constraint.check(default, name, f"{owner} (its declared default)")

        @functools.wraps(fn)
        def checked(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            who = type(args[0]).__name__ if is_class and args else owner
            arguments = bound.arguments
            for name, constraint in specs.items():
                if name in arguments:
                    arguments[name] = constraint.check(arguments[name], name, who)
            return fn(*bound.args, **bound.kwargs)

        checked.__constraints__ = specs
        if is_class:
            obj.__init__ = checked
            return obj
        return checked

    return decorate


def constraints_of(obj) -> dict[str, Constraint]:
    """The declared constraints of a function, method or class (``{}`` if none)."""
    fn = obj.__init__ if isinstance(obj, type) else obj
    return dict(getattr(fn, "__constraints__", {}))
