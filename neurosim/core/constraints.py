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
                            :data:`PATH`, :data:`CALLABLE`; :class:`HasMethods` for
                            duck typing
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
    HasMethods,
    InstanceOf,
    Interval,
    Options,
    Unchecked,
    as_constraint,
    described,
)
from neurosim.core.scalars import param_error as _param_error

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
    "HasMethods",
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


def validate(owner: str | None = None, /, **constraints):
    """Declare the constraints of a public function's (or a class's) parameters.

    On a function or method: every call is checked first, with the function's qualified
    name in the message (``DeepNetwork.fit``). On a class: its ``__init__`` is checked,
    with the class's name (a subclass's name when a subclass is built). ``owner``, a
    format string over the arguments, names the caller when the function works for
    another (``@validate("{name}.run", seed=SEED)``: a comparison's ``run``). Declared
    defaults are checked once, when the module is imported, so a declaration that
    refuses its own default fails at once.
    """
    specs = {name: as_constraint(spec) for name, spec in constraints.items()}
    template = owner

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

        # where each declared parameter arrives: its position if it can come by position
        positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        position = {
            p.name: i for i, p in enumerate(signature.parameters.values()) if p.kind in positional
        }

        def given(name, args, kwargs):
            i = position.get(name)
            if i is not None and i < len(args):
                return args[i]
            return kwargs.get(name, signature.parameters[name].default)

        @functools.wraps(fn)
        def checked(*args, **kwargs):
            # no inspect.bind: a check costs microseconds (a neuron model checks each field)
            who = type(args[0]).__name__ if is_class and args else owner
            if template is not None:
                try:
                    who = template.format_map(
                        {n: given(n, args, kwargs) for n in signature.parameters}
                    )
                except (KeyError, ValueError, TypeError, AttributeError, IndexError):
                    pass
            new_args = None
            for name, constraint in specs.items():
                i = position.get(name)
                if i is not None and i < len(args):
                    if new_args is None:
                        new_args = list(args)
                    new_args[i] = constraint.check(args[i], name, who)
                elif name in kwargs:
                    kwargs[name] = constraint.check(kwargs[name], name, who)
            return fn(*(args if new_args is None else new_args), **kwargs)

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


#: The one error template (see :func:`neurosim.core.scalars.param_error`), its own
#: parameters checked: a wrong name or owner would make every message it builds wrong.
param_error = validate(
    got=Unchecked("any value: it is shown"),
    name=TEXT,
    owner=InstanceOf(str, text="a function's or class's name, or ''"),
    expected=TEXT,
    hint=InstanceOf(str),
    cls=InstanceOf(type, text="an exception class"),
)(_param_error)
