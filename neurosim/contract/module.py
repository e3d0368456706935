"""What a comparison module is: the contract every module in ``neurosim/comparisons/`` keeps.

A comparison answers one question of the lecture with one figure and measured claims::

    NAME = "lif_neuron"                      # the module's name
    QUESTION = "What does a spiking neuron do with its input?"   # a string literal
    PARAMETERS = (Parameter(...), ...)       # the explorable parameters (neurosim.contract.parameters)
    COST = 3.0                               # rough full-quality run time in s (scheduling)
    DETERMINISTIC = True                     # optional: no random input, the seed cannot
                                             # change anything; run once, shown so

    def run(*, quick=False, seed=0, **params) -> Findings: ...   # models, no plotting
    def plot(findings) -> matplotlib.figure.Figure: ...          # draws, no simulating

``run`` starts with :func:`begin`, which checks the overrides against ``PARAMETERS``
and records every value used in ``findings.settings``. Its body follows the data flow:
stimulus, artificial model, spiking model, comparison, claims. A comparison uses
neurosim's public API only and never imports another comparison (shared science lives
in the package, e.g. :mod:`neurosim.artificial.digits`).

:func:`check_module` states the contract in code, :func:`check_findings` what a run's
claims must carry for a reader (short labels, the direction of every rule, deterministic
when declared), :func:`check_figure` what its figure must say (which run it shows); the
test suite runs them over every registered comparison.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from neurosim.contract import Findings, headline
from neurosim.contract.parameters import Parameter, Settings, resolve
from neurosim.contract.reading import NOT_MEASURED
from neurosim.core.constraints import (
    BOOL,
    SEED,
    TEXT,
    HasMethods,
    InstanceOf,
    ListOf,
    MappingOf,
    validate,
)
from neurosim.plotting import run_note

_MODULE = InstanceOf(ModuleType, text="a module")
_FINDINGS = InstanceOf(Findings, text="the Findings of a comparison's run()")

__all__ = ["begin", "check_figure", "check_findings", "check_module", "finish"]


@validate(
    "{name}.run",
    name=TEXT,
    question=TEXT,
    parameters=ListOf(InstanceOf(Parameter), min_len=0),
    overrides=MappingOf(),
    quick=BOOL,
    seed=SEED,
    deterministic=BOOL,
)
def begin(
    name: str,
    question: str,
    parameters,
    overrides: Mapping[str, Any],
    *,
    quick: bool,
    seed: int,
    deterministic: bool = False,
    **described,
) -> tuple[Findings, Settings]:
    """Start a comparison's ``run()``: check the overrides, open its Findings.

    Parameters
    ----------
    name, question : str
        The module's ``NAME`` and ``QUESTION``.
    parameters : sequence of Parameter
        Its ``PARAMETERS``.
    overrides : mapping
        The ``**params`` the user passed.
    quick, seed :
        As passed to ``run()``.
    deterministic : bool, default False
        The module's ``DETERMINISTIC``: no random input enters the run, so every claim
        is deterministic (the pipeline runs it once, whatever the seeds).
    **described :
        Further settings to record (what cannot be changed but a reader should know,
        e.g. ``encoding="I = 0.1 nA * x + 0.15 nA"``).

    Returns
    -------
    (Findings, Settings)
        ``findings.settings`` holds ``quick``, ``seed``, ``deterministic``,
        ``parameters`` (every value and unit used) and ``described``.
    """
    settings = resolve(parameters, overrides, quick=quick, owner=f"{name}.run")
    findings = Findings(
        name,
        question,
        settings={
            "quick": quick,
            "seed": seed,
            "deterministic": bool(deterministic),
            "parameters": settings.record(),
            "changed": list(settings.changed),
            **described,
        },
    )
    return findings, settings


@validate(module=_MODULE)
def check_module(module: ModuleType) -> list[str]:
    """Every way ``module`` breaks the comparison contract (empty if it keeps it)."""
    problems = []
    short = module.__name__.rsplit(".", 1)[-1]
    if getattr(module, "NAME", None) != short:
        problems.append(f"NAME must be {short!r} (the module's name)")
    source = inspect.getsource(module)
    tree = ast.parse(source)
    literal = any(
        isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "QUESTION" for t in node.targets)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for node in tree.body
    )
    if not literal:
        problems.append("QUESTION must be a string literal (listing reads it without importing)")
    if not isinstance(getattr(module, "DETERMINISTIC", False), bool):
        problems.append("DETERMINISTIC must be True or False")
    parameters = getattr(module, "PARAMETERS", None)
    if not isinstance(parameters, tuple) or not all(isinstance(p, Parameter) for p in parameters):
        problems.append("PARAMETERS must be a tuple of neurosim.contract.parameters.Parameter")
    else:
        problems += _explore_problems(getattr(module, "EXPLORE", {}), parameters)
    for fn in ("run", "plot"):
        if not callable(getattr(module, fn, None)):
            problems.append(f"{fn}() is missing")
    run = getattr(module, "run", None)
    if callable(run):
        sig = inspect.signature(run)
        kinds = {p.name: p.kind for p in sig.parameters.values()}
        if (
            kinds.get("quick") is not inspect.Parameter.KEYWORD_ONLY
            or kinds.get("seed") is not inspect.Parameter.KEYWORD_ONLY
        ):
            problems.append("run() must take keyword-only quick and seed")
        if inspect.Parameter.VAR_KEYWORD not in kinds.values():
            problems.append("run() must take **params (the declared parameters)")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and _is_comparison(node.module):
            problems.append(f"imports another comparison ({node.module})")
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_comparison(alias.name):
                    problems.append(f"imports another comparison ({alias.name})")
    return problems


def _explore_problems(explore, parameters) -> list[str]:
    """``EXPLORE``: declared parameters' values (plain numbers in their units), each valid."""
    if not isinstance(explore, dict):
        return [f"EXPLORE must be a dict of parameter values, not {type(explore).__name__}"]
    known = {p.name: p for p in parameters}
    problems = []
    for key, value in explore.items():
        if key not in known:
            problems.append(f"EXPLORE names {key!r}, which is not in PARAMETERS")
            continue
        try:
            known[key].check(known[key].to_value(value), "EXPLORE")
        except (TypeError, ValueError) as err:
            problems.append(f"EXPLORE[{key!r}] = {value!r} is refused: {err}")
    return problems


@validate(module=_MODULE, findings=_FINDINGS)
def check_findings(module: ModuleType, findings: Findings) -> list[str]:
    """Every way a run's claims would mislead a reader (empty if none).

    Each claim needs a short label (the scorecard and the slides show it, never a cut
    statement), a statement and label of its own, and, about the analogy, the words
    for each bounded side of its rule (which way the analogy breaks). A module that
    declares ``DETERMINISTIC`` records it, so that all its claims are deterministic.
    """
    from neurosim.contract import LABEL_LIMIT

    problems = []
    declared = bool(getattr(module, "DETERMINISTIC", False))
    if bool(findings.settings.get("deterministic")) != declared:
        problems.append(
            f"settings['deterministic'] must equal DETERMINISTIC ({declared}): pass "
            "deterministic=DETERMINISTIC to begin()"
        )
    labels, statements = set(), set()
    for c in findings.claims:
        name = c.label or c.statement[:40]
        if not c.label.strip():
            problems.append(f"claim {c.statement[:50]!r} has no label")
        elif len(c.label) > LABEL_LIMIT:
            problems.append(f"label {c.label!r} is longer than {LABEL_LIMIT} characters")
        if c.label in labels:
            problems.append(f"label {c.label!r} is used twice")
        if c.statement in statements:
            problems.append(f"statement {c.statement[:50]!r} is used twice")
        labels.add(c.label)
        statements.add(c.statement)
        if c.about == "analogy":
            for side in c.rule.sides():
                if getattr(c.rule, side) is None:
                    problems.append(
                        f"claim {name!r}: its rule must say what a value {side} its "
                        f"'holds' interval means ({side}='...')"
                    )
        if declared and not c.deterministic:
            problems.append(f"claim {name!r} must be deterministic (the module declares it)")
    return problems + _data_problems(findings.data)


def _plain(value) -> bool:
    """Numbers, strings, None, numpy arrays of them, and tuples or lists of these."""
    import numpy as np

    if value is None or isinstance(value, bool | int | float | str | np.generic):
        return True
    if isinstance(value, np.ndarray):
        return value.dtype != object
    if isinstance(value, tuple | list):
        return all(_plain(v) for v in value)
    return False


def _data_problems(data) -> list[str]:
    """``findings.data`` must be one frozen dataclass of plain values, so that plot()
    reads attributes (a misspelt field fails at once) and nothing holds a simulator
    object or a unit."""
    import dataclasses

    if not dataclasses.is_dataclass(data) or isinstance(data, type):
        return [
            f"findings.data must be a frozen dataclass of plain values, not {type(data).__name__}"
        ]
    if not data.__dataclass_params__.frozen:
        return [f"findings.data ({type(data).__name__}) must be frozen"]
    return [
        f"findings.data.{f.name} is not a plain value ({type(getattr(data, f.name)).__name__})"
        for f in dataclasses.fields(data)  # inherited fields too
        if not _plain(getattr(data, f.name))
    ]


_FIGURE = HasMethods("suptitle", "supxlabel", text="a matplotlib Figure")


@validate(fig=_FIGURE, findings=_FINDINGS, title=TEXT, rests_on=[MappingOf(), None])
def finish(fig, findings: Findings, title: str, rests_on=None, **style):
    """End a comparison's ``plot()``: the figure's title and the note on which run it shows.

    ``title`` is shown as written while the claims it ``rests_on`` (label: outcome, see
    :func:`neurosim.contract.headline`) come out as it states in this run, and flagged
    with what was measured when they do not. ``style`` goes to ``fig.suptitle``
    (``fontsize=16, fontweight="bold"``). The note under the figure is
    :func:`neurosim.plotting.run_note`'s. Returns ``fig``.
    """
    fig.suptitle(headline(title, findings.claims, rests_on or {}), **style)
    run_note(fig, findings.settings)
    return fig


@validate(fig=HasMethods("get_supxlabel", text="a matplotlib Figure"), findings=_FINDINGS)
def check_figure(fig, findings: Findings) -> list[str]:
    """Every way a comparison's figure hides which run it shows or what its title rests
    on (empty if none)."""
    problems = []
    settings = findings.settings
    want = "deterministic" if settings.get("deterministic") else f"seed {settings.get('seed', 0)}"
    if want not in fig.get_supxlabel():
        problems.append(
            f"the figure must say which run it shows ({want!r}): call run_note(fig, settings)"
        )
    title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if NOT_MEASURED in " ".join(title.split()):
        problems.append(f"the title rests on a claim this run did not make: {title!r}")
    return problems


def _is_comparison(module: str) -> bool:
    """Whether ``module`` names a comparison (or the comparisons package)."""
    return any(
        module == root or module.startswith(root + ".")
        for root in ("comparisons", "neurosim.comparisons")
    )
