"""Bad input at the two doors a user walks through: the command line and a comparison's
``run()``.

Every command of ``neurosim`` given a bad option value exits with status 2 and an error
line naming the option (or the name it did not know); nothing runs. Every comparison's
``run()`` refuses, before any simulation, a bad seed, a non-bool ``quick``, a parameter
it does not declare and, for each declared parameter, a value of the wrong kind or unit
and a value just outside its declared range, naming the parameter.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_battery_api import names_it, problem_with

from neurosim.cli import main
from neurosim.contract import registry


def _cli_cases(tmp: Path):
    a_file = tmp / "a_file"
    a_file.write_text("x")
    empty = tmp / "empty"
    empty.mkdir(exist_ok=True)
    lif = ["figures", "lif_neuron", "--out", str(tmp / "out")]
    sweep = ["sweep", "lif_neuron", "--out", str(tmp / "sweeps")]
    return [
        (["no_such_command"], "no_such_command"),
        (["list", "extra"], "extra"),
        (["figures", "no_such_comparison"], "no_such_comparison"),
        ([*lif, "--seeds", "abc"], "--seeds"),
        ([*lif, "--seeds", "0"], "--seeds"),
        ([*lif, "--seeds", "0,0"], "--seeds"),
        ([*lif, "--seeds", "0,4294967296"], "--seeds"),
        ([*lif, "--seed", "-1"], "--seed"),
        ([*lif, "--seed", "x"], "--seed"),
        ([*lif, "--jobs", "0"], "--jobs"),
        ([*lif, "--jobs", "two"], "--jobs"),
        ([*lif, "--quick=yes"], "--quick"),
        ([*lif, "--set", "nonsense"], "--set"),
        ([*lif, "--set", "lif_neuron.tau_m"], "--set"),
        ([*lif, "--set", "lif_neuron.tau_m=abc"], "tau_m"),
        ([*lif, "--set", "lif_neuron.tau_m=10"], "tau_m"),
        ([*lif, "--set", "lif_neuron.tau_m=10mV"], "tau_m"),
        ([*lif, "--set", "lif_neuron.tau_m=1e6ms"], "tau_m"),
        ([*lif, "--set", "lif_neuron.no_such=1"], "no_such"),
        ([*lif, "--set", "other.tau_m=10ms"], "other"),
        ([*lif, "--scheduler", ""], "scheduler"),
        (["figures", "lif_neuron", "--out", str(a_file)], "--out"),
        (["figures", "lif_neuron", "--out", ""], "--out"),
        (sweep, "--set"),
        ([*sweep, "--set", "tau_m"], "--set"),
        ([*sweep, "--set", "tau_m="], "--set"),
        ([*sweep, "--set", "tau_m=5ms,,10ms"], "--set"),
        ([*sweep, "--set", "tau_m=5ms,5ms"], "--set"),
        ([*sweep, "--set", "no_such=1,2"], "no_such"),
        ([*sweep, "--set", "tau_m=5ms,abc"], "tau_m"),
        ([*sweep, "--set", "tau_m=5ms", "--seeds", "0,0"], "--seeds"),
        ([*sweep, "--set", "tau_m=5ms", "--seeds", "-3"], "--seeds"),
        ([*sweep, "--set", "tau_m=5ms", "--jobs", "0"], "--jobs"),
        (["sweep", "no_such_comparison", "--set", "x=1"], "no_such_comparison"),
        (["sweep", "lif_neuron", "--set", "tau_m=5ms", "--out", str(a_file)], "--out"),
        (["show", "no_such_comparison"], "no_such_comparison"),
        (["show", "lif_neuron", "--figures", str(tmp / "missing")], "--figures"),
        (["show", "lif_neuron", "--figures", str(a_file)], "--figures"),
        (["show"], "NAME"),
        (["slides", "--figures", str(tmp / "missing")], "--figures"),
        (["slides", "--figures", str(empty)], "--figures"),
        (["slides", "--figures", str(empty), "--format", "doc"], "--format"),
        (["notebooks", "--source", str(tmp / "missing")], "--source"),
        (["notebooks", "--source", str(empty), "--out", str(a_file)], "--out"),
    ]


#: case (the arguments joined) -> why it still fails
KNOWN_CLI: dict[str, str] = {}


def test_every_bad_command_line_exits_2_naming_the_option(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(registry.PACKAGE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)  # what a bad option lets through writes there
    cases = _cli_cases(tmp_path)
    wrong = []
    for argv, name in cases:
        try:
            status = main(argv)
        except SystemExit as stop:  # argparse's own errors
            status = stop.code
        lines = capsys.readouterr().err.strip().splitlines()
        said = lines[-1] if lines else ""  # the error line, after the usage (which names all)
        if status != 2 or not (names_it(said, name) or name in said):
            wrong.append(f"{' '.join(argv)!r}: status {status}, {said!r}")
    assert wrong == [], f"{len(wrong)} of {len(cases)}:\n" + "\n".join(wrong)


# -- a comparison's run() ------------------------------------------------------------------
def _comparison_cases():
    """(comparison, keyword arguments, the parameter the error must name)."""
    for name in registry.available():
        yield name, {"seed": -1}, "seed"
        yield name, {"seed": 2**32}, "seed"
        yield name, {"seed": 1.5}, "seed"
        yield name, {"quick": "yes"}, "quick"
        yield name, {"no_such_parameter": 1}, "no_such_parameter"
        module = registry.load(name)
        for p in getattr(module, "PARAMETERS", ()):
            for bad in _bad_values(p):
                yield name, {p.name: bad}, p.name


def _bad_values(p):
    if p.kind == "choice":
        return ["no-such-choice", 3]
    if p.kind == "bool":
        return ["maybe", [True]]
    bad = [[p.default], math.nan]
    if p.unit:
        from neurosim.units import unit_named

        bad.append(p.default)  # no unit
        bad.append(p.default * (unit_named("mV") if p.unit != "mV" else unit_named("ms")))
        unit = unit_named(p.unit)
    else:
        unit = 1
    if p.low is not None:
        bad.append((p.low - max(1, abs(p.low))) * unit)
    if p.high is not None:
        bad.append((p.high + max(1, abs(p.high))) * unit)
    if p.kind == "int":
        bad.append(p.default + 0.5)
    return bad


def test_every_comparison_refuses_bad_parameters_before_it_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cases = list(_comparison_cases())
    wrong = []
    for name, kwargs, param in cases:
        run = registry.load(name).run
        arguments = {"quick": True, **kwargs}
        problem = problem_with(lambda r=run, a=arguments: r(**a), [param])
        if problem:
            wrong.append(f"{name}.run({arguments}): {problem}")
    assert wrong == [], f"{len(wrong)} of {len(cases)}:\n" + "\n".join(wrong)
