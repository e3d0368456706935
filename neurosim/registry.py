"""Find the comparisons (modules in the ``comparisons`` package) by name.

Listing reads each module's ``QUESTION`` from its source without importing it, so
``neurosim list`` stays instant (importing a spiking comparison imports Brian2).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from types import ModuleType

__all__ = [
    "UnknownComparisonError",
    "available",
    "cost",
    "load",
    "question",
    "resolve",
    "runs_after_others",
]

PACKAGE = "comparisons"


class UnknownComparisonError(ValueError):
    """A comparison name that is not in the registry."""


def available() -> list[str]:
    """Names of the installed comparisons, in lecture order."""
    from comparisons import ORDER

    return [name for name in ORDER if importlib.util.find_spec(f"{PACKAGE}.{name}") is not None]


def resolve(names) -> list[str]:
    """Check ``names`` against the registry; ``None`` or empty means all of them.

    Raises
    ------
    UnknownComparisonError
        Naming every unknown name and listing the valid ones.
    """
    valid = available()
    if not names:
        return valid
    unknown = [n for n in names if n not in valid]
    if unknown:
        raise UnknownComparisonError(
            f"Unknown comparison name(s): {', '.join(map(repr, unknown))}. "
            f"Valid names: {', '.join(valid)}."
        )
    # keep the user's order, drop repeats
    return list(dict.fromkeys(names))


def load(name: str) -> ModuleType:
    """Import and return the comparison module ``name``."""
    resolve([name])
    return importlib.import_module(f"{PACKAGE}.{name}")


def _constants(name: str):
    """The module's source tree and docstring, read without importing it."""
    try:
        spec = importlib.util.find_spec(f"{PACKAGE}.{name}")
    except ValueError:  # in sys.modules without a spec (made at run time)
        spec = None
    if spec is None or spec.origin is None:
        raise UnknownComparisonError(f"Unknown comparison name: {name!r}.")
    with open(spec.origin, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), filename=spec.origin)
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in (
                    "QUESTION",
                    "COST",
                    "AFTER_OTHERS",
                ):
                    values[target.id] = ast.literal_eval(node.value)
    return values, ast.get_docstring(tree) or ""


def question(name: str) -> str:
    """The question a comparison answers, read from its source (no import)."""
    values, doc = _constants(name)
    if "QUESTION" in values:
        return values["QUESTION"]
    return doc.strip().splitlines()[0] if doc.strip() else ""


def cost(name: str) -> float:
    """A comparison's rough full-quality run time in seconds (its ``COST``, default 1).

    Used only to start the longest comparisons first when nothing better is known.
    """
    try:
        return float(_constants(name)[0].get("COST", 1.0))
    except (UnknownComparisonError, ValueError, OSError):  # no source to read
        return 1.0


def runs_after_others(name: str) -> bool:
    """True for a comparison that reads the others' output (its ``AFTER_OTHERS``).

    The pipeline runs such comparisons last and passes them the output folder as
    ``run(..., source=folder)``.
    """
    try:
        return bool(_constants(name)[0].get("AFTER_OTHERS", False))
    except (UnknownComparisonError, ValueError, OSError):
        return False
