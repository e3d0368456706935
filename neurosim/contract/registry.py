"""Find the comparisons (modules in the ``comparisons`` package) by name.

Listing reads each module's ``QUESTION`` from its source without importing it, so
``neurosim list`` stays instant (importing a spiking comparison imports Brian2).

Every function takes ``package``: the package holding the comparisons, with their
lecture order in its ``ORDER``. By default it is ``comparisons``, or the package the
environment variable ``NEUROSIM_COMPARISONS`` names (how the tests point the command
line, and its worker processes, at small fake comparisons).
"""

from __future__ import annotations

import ast
import difflib
import importlib
import importlib.util
import os
from types import ModuleType

from neurosim.core.constraints import TEXT, ListOf, validate

_PACKAGE = [TEXT, None]
_NAMES = [ListOf(TEXT, min_len=0), None]

__all__ = [
    "PACKAGE_ENV",
    "UnknownComparisonError",
    "available",
    "batches",
    "cost",
    "deterministic",
    "did_you_mean",
    "load",
    "package_name",
    "question",
    "resolve",
    "runs_after_others",
]

PACKAGE = "neurosim.comparisons"
PACKAGE_ENV = "NEUROSIM_COMPARISONS"


class UnknownComparisonError(ValueError):
    """A comparison name that is not in the registry."""


@validate(package=_PACKAGE)
def package_name(package: str | None = None) -> str:
    """The package holding the comparisons: ``package``, else $NEUROSIM_COMPARISONS, else
    ``comparisons``."""
    return package or os.environ.get(PACKAGE_ENV) or PACKAGE


@validate(package=_PACKAGE)
def available(package: str | None = None) -> list[str]:
    """Names of the installed comparisons, in lecture order."""
    pkg = package_name(package)
    order = importlib.import_module(pkg).ORDER
    return [name for name in order if importlib.util.find_spec(f"{pkg}.{name}") is not None]


@validate(name=TEXT, valid=ListOf(TEXT, min_len=0))
def did_you_mean(name: str, valid) -> str:
    """``" Did you mean 'x'?"`` for the closest valid name, or ``""``."""
    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


@validate(names=_NAMES, package=_PACKAGE)
def resolve(names, package: str | None = None) -> list[str]:
    """Check ``names`` against the registry; ``None`` or empty means all of them.

    Raises
    ------
    UnknownComparisonError
        Naming every unknown name (with the closest valid one) and listing the valid ones.
    """
    valid = available(package)
    if not names:
        return valid
    unknown = [n for n in names if n not in valid]
    if unknown:
        hints = "".join(did_you_mean(n, valid) for n in unknown)
        raise UnknownComparisonError(
            f"Unknown comparison name(s): {', '.join(map(repr, unknown))}.{hints} "
            f"Valid names: {', '.join(valid)}."
        )
    # keep the user's order, drop repeats
    return list(dict.fromkeys(names))


@validate(name=TEXT, package=_PACKAGE)
def load(name: str, package: str | None = None) -> ModuleType:
    """Import and return the comparison module ``name``."""
    resolve([name], package)
    return importlib.import_module(f"{package_name(package)}.{name}")


def _constants(name: str, package: str | None = None):
    """The module's source tree and docstring, read without importing it."""
    pkg = package_name(package)
    try:
        spec = importlib.util.find_spec(f"{pkg}.{name}")
    except ValueError:  # in sys.modules without a spec (made at run time)
        spec = None
    if spec is None or spec.origin is None:
        raise UnknownComparisonError(f"Unknown comparison name: {name!r}.")
    with open(spec.origin, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), filename=spec.origin)
    values = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "run":  # ``@seeds_as_batch``
            for d in node.decorator_list:
                if getattr(d, "id", getattr(d, "attr", "")) == "seeds_as_batch":
                    values["run_seeds"] = True
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in (
                    "QUESTION",
                    "COST",
                    "AFTER_OTHERS",
                    "DETERMINISTIC",
                ):
                    values[target.id] = ast.literal_eval(node.value)
    return values, ast.get_docstring(tree) or ""


@validate(name=TEXT, package=_PACKAGE)
def question(name: str, package: str | None = None) -> str:
    """The question a comparison answers, read from its source (no import)."""
    values, doc = _constants(name, package)
    if "QUESTION" in values:
        return values["QUESTION"]
    return doc.strip().splitlines()[0] if doc.strip() else ""


@validate(name=TEXT, package=_PACKAGE)
def cost(name: str, package: str | None = None) -> float:
    """A comparison's rough full-quality run time in seconds (its ``COST``, default 1).

    Used only to start the longest comparisons first when nothing better is known.
    """
    try:
        return float(_constants(name, package)[0].get("COST", 1.0))
    except (UnknownComparisonError, ValueError, OSError, ImportError):  # no source to read
        return 1.0


@validate(name=TEXT, package=_PACKAGE)
def runs_after_others(name: str, package: str | None = None) -> bool:
    """True for a comparison that reads the others' output (its ``AFTER_OTHERS``).

    The pipeline runs such comparisons last and passes them the output folder as
    ``run(..., source=folder)``.
    """
    try:
        return bool(_constants(name, package)[0].get("AFTER_OTHERS", False))
    except (UnknownComparisonError, ValueError, OSError, ImportError):
        return False


@validate(name=TEXT, package=_PACKAGE)
def batches(name: str, package: str | None = None) -> bool:
    """True for a comparison that runs several seeds as one batch (its ``run`` is
    decorated with :func:`neurosim.spiking.batch.seeds_as_batch`), read from its source."""
    try:
        return bool(_constants(name, package)[0].get("run_seeds", False))
    except (UnknownComparisonError, ValueError, OSError, ImportError):
        return False


@validate(name=TEXT, package=_PACKAGE)
def deterministic(name: str, package: str | None = None) -> bool:
    """True for a comparison with no random input (its ``DETERMINISTIC``).

    The pipeline runs such a comparison once, with the first seed, and shows its claims
    as deterministic instead of as agreeing over seeds.
    """
    try:
        return bool(_constants(name, package)[0].get("DETERMINISTIC", False))
    except (UnknownComparisonError, ValueError, OSError, ImportError):
        return False
