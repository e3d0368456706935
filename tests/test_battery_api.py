"""A battery of bad inputs over the whole public API, the comparisons and the command line.

Every public function and class (the ``__all__`` of each public package,
:data:`PUBLIC`) is called well once per case, with one parameter changed to a bad value
of each kind its constraint refuses (``Constraint.bad_values``: the wrong type, an array
where a number or a quantity is expected and the reverse, a missing or wrong unit,
NaN/inf, out of range, an empty array, text keys mixed with others, ...). The
constraint is the callable's own declaration (``@validate``), or, until its module
declares one, the one ``tests/battery_specs.py`` expects. Each bad call must raise a
TypeError or ValueError whose message names the parameter: never an error from numpy's
internals, never a silent answer. :data:`EXTRA` adds what no single constraint says: an
index out of range, a statistic left undefined by degenerate input (a constant series,
a single spike), a network the spiking readout cannot represent.

A case that fails in a module another helper is refactoring is a strict xfail that
names the function and the kind of bad input (:data:`KNOWN`): the list of what the
second pass must fix. Everything runs on small inputs (no simulation longer than a few
ms) and each case is stopped after a few seconds.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import signal
import warnings
from contextlib import contextmanager

import numpy as np
import pytest
from battery_known import KNOWN, KNOWN_EXTRA
from battery_specs import EXEMPT, SPECS

from neurosim.core.constraints import Unchecked, as_constraint, constraints_of

#: The public packages (their ``__all__``), and for the rooms without one, their modules.
PUBLIC = (
    "neurosim",
    "neurosim.artificial",
    "neurosim.bridge",
    "neurosim.contract",
    "neurosim.contract.parameters",
    "neurosim.contract.module",
    "neurosim.contract.registry",
    "neurosim.core.validation",
    "neurosim.core.io",
    "neurosim.core.cache",
    "neurosim.datasets",
    "neurosim.plotting",
    "neurosim.spiking",
    "neurosim.stimuli",
    "neurosim.units",
    "neurosim.vision",
    "neurosim.run.pipeline",
    "neurosim.run.gallery",
    "neurosim.run.sweep",
    "neurosim.run.executors",
    "neurosim.run.dask_plugin",
    "neurosim.kit.explorer",
    "neurosim.kit.glossary",
    "neurosim.kit.notebooks",
    "neurosim.kit.slides",
    "neurosim.cli",
)
#: Seconds one case may take before it counts as a hang.
PATIENCE = 8


@pytest.fixture(scope="module", autouse=True)
def _elsewhere(tmp_path_factory):
    """Run the battery in a folder of its own: a bad path that gets through writes there."""
    before = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("battery"))
    yield
    os.chdir(before)


def resolve(target: str):
    """``"module:Name"`` or ``"module:Class.method"`` -> the callable."""
    module, _, path = target.partition(":")
    obj = importlib.import_module(module)
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def constraints(spec) -> dict:
    """The declared constraints, else the expected ones (never both: declared once)."""
    declared = constraints_of(resolve(spec.target))
    given = {name: as_constraint(c) for name, c in (declared or spec.expect).items()}
    return {name: c for name, c in given.items() if not isinstance(c, Unchecked)}


SPEC_OF = {spec.target: spec for spec in SPECS}


class KnownFailure(Exception):
    """Exactly the bad inputs :data:`KNOWN` lists got through (a strict xfail)."""


def _callables():
    for spec in SPECS:
        known = KNOWN.get(spec.target)
        marks = []
        if known:
            reason = f"{spec.target}: " + "; ".join(
                f"'{name}' {kind} ({what})"
                for name, kinds in known.items()
                for kind, what in kinds.items()
            )
            marks = [pytest.mark.xfail(strict=True, raises=KnownFailure, reason=reason)]
        yield pytest.param(spec.target, marks=marks, id=spec.target)


def kinds_of(constraint) -> list[str]:
    return list(dict.fromkeys(kind for kind, _ in constraint.bad_values(None)))


@contextmanager
def patience(seconds=PATIENCE):
    def hang(*_):
        raise TimeoutError(f"still running after {seconds} s (a hang on bad input?)")

    before = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def names_it(message: str, name: str) -> bool:
    """``'name'`` in quotes (or ``'name[2]'``, ``'name key'``); a command-line option as is."""
    if name.startswith("-"):
        return name in message
    return re.search(rf"'{re.escape(name)}(?=['\\[ ])", message) is not None


class SimulationStarted(Exception):
    """A Brian2 network was about to run: the bad value was not refused before it."""


@contextmanager
def no_simulation():
    """Stop any Brian2 run (the one engine's ``run``): bad input is refused before one
    starts, and a case that gets that far has already failed (and need not pay for it)."""
    from neurosim.spiking.engine import Engine

    def refuse(self, duration):
        raise SimulationStarted("a simulation started with the bad value")

    original = Engine.run
    Engine.run = refuse
    try:
        yield
    finally:
        Engine.run = original


def problem_with(fn, names) -> str | None:
    """None if ``fn()`` raises TypeError/ValueError naming one of ``names``; else what happened."""
    try:
        with patience(), no_simulation(), warnings.catch_warnings():
            # a bad value that makes numpy warn (NaN cast, overflow) was not refused
            warnings.simplefilter("error", RuntimeWarning)
            result = fn()
    except (TypeError, ValueError) as err:
        if any(names_it(str(err), n) for n in names):
            return None
        return f"{type(err).__name__} not naming it: {err}"[:300]
    except KeyboardInterrupt:
        raise
    except BaseException as err:  # anything else (SystemExit too) is the finding
        return f"{type(err).__name__}: {err}"[:300]
    return f"accepted silently, returned {repr(result)[:100]}"


def _no_default(default) -> bool:
    """No default to derive bad values from (none, or a dataclass's default factory)."""
    return default is inspect.Parameter.empty or type(default).__name__.startswith("_HAS_DEFAULT")


def failures_of(target: str, name: str) -> dict[str, str]:
    """{kind: what happened} for every bad value of ``name`` that got through.

    The good call is made once per parameter; a bad value that gets through may change
    an object it was given (a network trained further), which the next refusals do not
    depend on.
    """
    spec = SPEC_OF[target]
    fn = resolve(target)
    constraint = constraints(spec)[name]
    signature = inspect.signature(fn)
    default = signature.parameters[name].default
    args, kwargs = spec.good()
    given = signature.bind(*args, **kwargs).arguments
    good = given.get(name, None if _no_default(default) else default)
    bad_values = dict(constraint.bad_values(None)) | dict(constraint.bad_values(good))
    failures = {}
    for kind in kinds_of(constraint):
        bound = signature.bind(*args, **kwargs)
        bound.arguments[name] = bad_values[kind]
        problem = problem_with(lambda b=bound: fn(*b.args, **b.kwargs), [name])
        if problem:
            failures[kind] = problem
    return failures


@pytest.mark.parametrize("target", list(_callables()))
def test_bad_inputs_are_refused_naming_the_parameter(target):
    failures = {
        name: found for name in constraints(SPEC_OF[target]) if (found := failures_of(target, name))
    }
    known = KNOWN.get(target, {})
    flat = {(n, k) for n, kinds in failures.items() for k in kinds}
    expected = {(n, k) for n, kinds in known.items() for k in kinds}
    if failures and flat == expected:
        raise KnownFailure("; ".join(f"'{n}' {k}" for n, k in sorted(flat)))
    new = [f"'{n}' {k}: {failures[n][k]}" for n, k in sorted(flat - expected)]
    fixed = [f"'{n}' {k}" for n, k in sorted(expected - flat)]
    assert not new and not fixed, "".join(f"\n  {line}" for line in new) + (
        f"\n  now refused (drop from battery_known.py): {fixed}" if fixed else ""
    )


# -- what the battery covers -----------------------------------------------------------
def _public():
    seen = {}
    for module_name in PUBLIC:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj):
                continue
            seen.setdefault(id(obj), (f"{module_name}:{name}", obj))
    return list(seen.values())


def test_every_public_callable_is_called_or_exempt_with_a_reason():
    covered = {id(resolve(t)) for t in SPEC_OF} | {id(resolve(t)) for t in EXEMPT}
    missing = [target for target, obj in _public() if id(obj) not in covered]
    assert missing == []


def test_every_parameter_has_a_constraint_and_it_is_declared_once():
    problems = []
    for target, spec in SPEC_OF.items():
        fn = resolve(target)
        declared = constraints_of(fn)
        if declared and spec.expect:
            problems.append(f"{target} declares its constraints: delete them from battery_specs")
        params = [
            p.name
            for p in inspect.signature(fn).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name not in ("self", "cls")
        ]
        if declared:  # a declaration covers every parameter (Unchecked says why not checked)
            missing = [p for p in params if p not in declared]
        else:  # the expected table may leave out the slots for model objects
            missing = [p for p in params if p not in spec.expect and p not in OBJECT_SLOTS]
        if missing:
            problems.append(f"{target}: no constraint for {missing}")
    assert problems == []


#: Parameters of not-yet-declared callables that take a model object the body uses.
OBJECT_SLOTS = {
    "ax",
    "fig",
    "network",
    "rule",
    "params",
    "stimulus",
    "volleys",
    "encoding",
    "surrogates",
    "dtype",
    "neuron",
    "init",
    "codes",
    "module",
    "findings",
    "valid",
    "readout",
    "shape",
    "record_every",
    "w_init",
    "correlated_fraction",
}


# -- what no single constraint says -------------------------------------------------------
def _u():
    import neurosim.units as u

    return u


def _extra_cases():
    """(id, call, names the message must give, why it still fails or None)."""
    import battery_specs as b

    ms = _u().ms
    A, B, P, S, V = (
        "neurosim.artificial",
        "neurosim.bridge",
        "neurosim.spiking",
        "neurosim.stimuli",
        "neurosim.vision",
    )

    def f(target):
        return resolve(target)

    return [
        # an index out of range
        (
            "raster_sample beyond the samples",
            lambda: f(f"{B}:simulate_converted")(
                [b.converted()], b.xy(n=2)[0], 2 * ms, readout_every=1 * ms, raster_sample=5
            ),
            ["raster_sample"],
        ),
        (
            "replica beyond the replicas",
            lambda: f(f"{B}:run_in_brian2")(b.snn(), b.spikes(n=1, steps=3), replica=5),
            ["replica"],
        ),
        (
            "recorded sample beyond the batch",
            lambda: f(f"{P}:simulate_branched")(
                f(f"{P}:BranchedNeuronParameters")(),
                b.volleys(),
                nmda_on=np.array([True, False]),
                duration=4 * ms,
                record=[7],
            ),
            ["record"],
        ),
        (
            "spike index beyond n_inputs",
            lambda: f(f"{S}:spike_pattern")(
                np.array([0, 5]), np.array([1.0, 2.0]) * ms, n_inputs=2, weight=0.5 * _u().mV
            ),
            ["indices"],
        ),
        (
            "weight layer beyond the network",
            lambda: f(f"{A}:alignment_angle")(b.net(), *b.xy(), f(f"{A}:Backprop")(), layers=[7]),
            ["layers"],
        ),
        (
            "more components than pixels",
            lambda: f(f"{V}:pca_components")(b.patches(n=20, side=4), 50),
            ["n"],
        ),
        (
            "a correlated group larger than the inputs",
            lambda: f(f"{P}:shared_source_trains")(
                4, 20 * _u().Hz, 10 * ms, n_correlated=10, correlation=0.5
            ),
            ["n_correlated"],
        ),
        (
            "a label beyond the network's outputs",
            lambda: b.net(trained=False).fit(b.xy()[0], np.full(24, 5), epochs=1),
            ["y"],
        ),
        (
            "more arms than points",
            lambda: f("neurosim.datasets:make_spirals")(2, n_classes=3),
            ["n"],
        ),
        (
            "27 panels to letter",
            lambda: f("neurosim.plotting:label_panels")(list(b.figure().subplots(1, 27))),
            ["axes"],
        ),
        (
            "a parameter the comparison does not declare",
            lambda: f("neurosim.kit.explorer:Explorer")("flexible_mappings").set(nope=1),
            ["nope"],
        ),
        # mixed key types
        (
            "overrides with a number among the names",
            lambda: f("neurosim.contract.parameters:resolve")(
                [b.parameter()], {"gain": 2.0, 3: 1.0}, quick=False, owner="f"
            ),
            ["overrides"],
        ),
        (
            "one comparison's overrides with a number among the names",
            lambda: f("neurosim.run.pipeline:generate")(
                ["lif_neuron"],
                out=b.scratch("out"),
                overrides={"lif_neuron": {"tau_m": "10ms", 1: "x"}},
                progress=None,
            ),
            ["overrides"],
        ),
        # a statistic left undefined: cv_isi and fano_factor answer NaN by design
        # (tests/spiking/test_analysis.py::test_undefined_statistics_are_nan_by_design)
        (
            "a histogram whose duration is no whole number of bins",
            lambda: f(f"{P}:psth")([b.train()], bin_width=3 * ms, duration=10 * ms),
            ["duration", "bin_width"],
        ),
        (
            "correlation with a constant series",
            lambda: f(f"{B}:pearson")(np.ones(5), np.arange(5.0)),
            ["x"],
        ),
        (
            "a line through points with one x",
            lambda: f(f"{B}:fit_affine")(np.ones(5), np.arange(5.0)),
            ["x"],
        ),
        (
            "a logistic through a flat series",
            lambda: f(f"{B}:fit_logistic")(np.linspace(-3, 3, 9), np.ones(9)),
            ["y"],
        ),
        (
            "variance explained of a constant target",
            lambda: f(f"{A}:variance_explained")(np.ones(4), np.arange(4.0)),
            ["y"],
        ),
        (
            "the angle of a zero update",
            lambda: f(f"{A}:update_angle")(np.zeros(3), np.arange(3.0)),
            ["update"],
        ),
        (
            "the half-width of a flat tuning curve",
            lambda: f(f"{V}:tuning_half_width")(np.arange(0, 180, 30.0), np.ones(6)),
            ["curve"],
        ),
        (
            "whitening one patch",
            lambda: f(f"{V}:whiten")(np.ones((1, 6))),
            ["X"],
        ),
        (
            "a split of one sample",
            lambda: f("neurosim.datasets:train_test_split")(np.ones((1, 2)), [0]),
            ["test_fraction", "X"],
        ),
        # the spike readout: an output layer it cannot represent
        (
            "a one-unit output read out by the most spikes",
            lambda: _one_output_conversion(),
            ["network"],
        ),
        (
            "a tanh network (negative activations) to convert",
            lambda: f(f"{B}:convert")(b.net(hidden="tanh"), b.xy()[0]),
            ["network"],
        ),
        (
            "a network with no hidden layer to convert",
            lambda: f(f"{B}:convert")(b.net(sizes=(4, 2)), b.xy()[0]),
            ["network"],
        ),
        (
            "images of the wrong width for the converted network",
            lambda: b.converted().run(np.ones((2, 7)), 2 * ms),
            ["X"],
        ),
    ]


def _one_output_conversion():
    import warnings

    import battery_specs as b

    network = b.net(sizes=(4, 5, 1), hidden="relu", output="sigmoid")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a warning is not a refusal: the result is read
        return resolve("neurosim.bridge:convert")(network, b.xy()[0])


def _extra_params():
    for case_id, fn, names in _extra_cases():
        reason = KNOWN_EXTRA.get(case_id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(fn, names, marks=marks, id=case_id)


@pytest.mark.parametrize(("fn", "names"), list(_extra_params()))
def test_what_no_single_constraint_says(fn, names):
    problem = problem_with(fn, names)
    assert problem is None, problem
