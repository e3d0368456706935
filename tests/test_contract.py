"""Every comparison keeps the contract of neurosim.contract.module, and no verdict is typed.

The verdict words may appear in neurosim/comparisons/ only through neurosim.contract (VERDICTS,
Rule.verdict): a string literal "holds", "partly" or "fails" used as a value is how the
first version typed its verdicts, which an independent review counted 48 times.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from neurosim import comparisons
from neurosim.contract import VERDICTS
from neurosim.contract.module import check_module

ROOT = Path(comparisons.__file__).parent


@pytest.mark.parametrize("name", comparisons.ORDER)
def test_module_keeps_the_contract(name):
    module = importlib.import_module(f"neurosim.comparisons.{name}")
    assert check_module(module) == []


def _verdict_literals(path: Path) -> list[int]:
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    # what a title rests on names the verdict the title states, to be compared with the
    # verdict the rule gives (neurosim.contract.headline): an expectation, not a verdict
    stated = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AugAssign)
        and any(
            getattr(t, "id", None) in {"rests_on", "RESTS_ON"}
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        )
        for inner in ast.walk(node.value)
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and node.value in VERDICTS
        and id(node) not in docstrings | stated
    ]


@pytest.mark.parametrize("path", sorted(ROOT.glob("*.py")), ids=lambda p: p.name)
def test_no_verdict_literal(path):
    assert _verdict_literals(path) == [], f"{path.name}: typed verdict at these lines"


def test_the_check_finds_a_typed_verdict(tmp_path):
    # the check itself can fail: a typed verdict is found
    bad = tmp_path / "bad.py"
    bad.write_text('"""doc: holds"""\nfindings.claim("x", "holds", aspect="timing")\n')
    assert _verdict_literals(bad) == [2]
    # the outcome a title states is allowed where the title's claims are named, only there
    bad.write_text('rests_on = {"gain": "holds"}\nverdict = "fails"\nRESTS_ON |= {"a": "partly"}\n')
    assert _verdict_literals(bad) == [2]


def _calls(tree, attr: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == attr
    ]


@pytest.mark.parametrize("path", sorted(ROOT.glob("*.py")), ids=lambda p: p.name)
def test_every_claim_has_a_label_and_every_figure_says_its_run(path):
    # read from the source, so that a claim on a rarely taken branch is checked too
    tree = ast.parse(path.read_text())
    for call in _calls(tree, "claim"):
        names = {k.arg for k in call.keywords}
        assert "label" in names, f"{path.name}:{call.lineno}: a claim without label="
    plots = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "plot"]
    for plot in plots:
        called = {
            getattr(c.func, "id", getattr(c.func, "attr", None))
            for c in ast.walk(plot)
            if isinstance(c, ast.Call)
        }
        assert called & {"run_note", "supxlabel", "finish"}, (
            f"{path.name}: plot() never calls run_note (or finish, which calls it)"
        )


def test_the_label_check_finds_a_claim_without_one(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def run():\n    findings.claim('x', 1, '', rule=r, aspect='timing')\n")
    with pytest.raises(AssertionError, match="without label"):
        test_every_claim_has_a_label_and_every_figure_says_its_run(bad)


def test_the_template_keeps_the_contract_it_teaches():
    import importlib.util

    from neurosim.contract.module import check_figure, check_findings

    path = ROOT.parents[1] / "docs" / "comparison_template.py"
    spec = importlib.util.spec_from_file_location("comparison_template", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert check_module(module) == []
    findings = module.run(quick=True)
    assert check_findings(module, findings) == []
    assert check_figure(module.plot(findings), findings) == []
    test_every_claim_has_a_label_and_every_figure_says_its_run(path)


# -- a quick run of every comparison (shared with the comparisons' own tests) -------------
NAMES = [n for n in comparisons.ORDER if n != "scorecard"]


def _measured_numbers(claim) -> list[str]:
    """The claim's value as a table shows it (three significant digits), unless it is a
    round number that a condition could name too ("dt 0.1 ms", "tau_m 20 ms")."""
    from neurosim.contract import format_value

    text = format_value(claim.value)
    significant = text.lstrip("-0.").replace(".", "")
    return [text] if len(significant.rstrip("0")) >= 3 else []


@pytest.mark.parametrize("name", NAMES)
def test_a_quick_run_keeps_the_contract(name, quick_run):
    from neurosim.contract.module import check_findings

    module = importlib.import_module(f"neurosim.comparisons.{name}")
    findings, raised = quick_run(name)
    assert check_findings(module, findings) == []
    assert isinstance(getattr(module, "COST", None), int | float) and module.COST > 0
    # a warning the comparison's own code raised (a NaN claim once printed only a
    # RuntimeWarning) is a defect to fix, not to print
    own = [w for w in raised if "neurosim/comparisons/" in w[1].replace("\\", "/")]
    assert own == []
    # statements name conditions, never the measured number (the same sentence for
    # every seed)
    for claim in findings.claims:
        for number in _measured_numbers(claim):
            assert f" {number} " not in f" {claim.statement} ", (claim.label, number)


def test_the_test_template_runs_and_passes():
    # docs/comparison_test_template.py is what a new comparison's tests start from: it
    # must run and pass against the template comparison
    import importlib.util

    path = ROOT.parents[1] / "docs" / "comparison_test_template.py"
    spec = importlib.util.spec_from_file_location("comparison_test_template", path)
    template = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(template)
    findings = template._template().run(quick=True, seed=0)
    template.test_simulated_rates_follow_the_closed_form(findings)
    template.test_the_neuron_is_silent_exactly_below_the_rheobase(findings)


def test_the_check_refuses_an_explore_setting_the_parameters_would_refuse(monkeypatch):
    # EXPLORE (explore()'s live-update settings) is checked as the run would check it,
    # so a typo or an out-of-range value fails here, not in front of a lecture hall
    module = importlib.import_module("neurosim.comparisons.lif_neuron")
    monkeypatch.setattr(module, "EXPLORE", {"duraton": 200.0}, raising=False)
    assert check_module(module) == ["EXPLORE names 'duraton', which is not in PARAMETERS"]
    monkeypatch.setattr(module, "EXPLORE", {"duration": 50.0})  # range 200-10000 ms
    (problem,) = check_module(module)
    assert problem.startswith("EXPLORE['duration'] = 50.0 is refused") and "200" in problem
    monkeypatch.setattr(module, "EXPLORE", [("duration", 300.0)])
    assert check_module(module) == ["EXPLORE must be a dict of parameter values, not list"]
    monkeypatch.setattr(module, "EXPLORE", {"duration": 300.0})
    assert check_module(module) == []


@pytest.mark.parametrize("name", NAMES)
def test_a_quick_figure_says_its_run_and_rests_its_title_on_claims_it_made(name, quick_run):
    # check_figure reads the drawn figure: the run note, and a title resting on a label
    # that this run's claims do not carry (a typo, or a claim renamed) shows up here
    from neurosim.contract.module import check_figure

    module = importlib.import_module(f"neurosim.comparisons.{name}")
    findings, _ = quick_run(name)
    assert check_figure(module.plot(findings), findings) == []
