"""Every comparison keeps the contract of neurosim.comparison, and no verdict is typed.

The verdict words may appear in comparisons/ only through neurosim.findings (VERDICTS,
Rule.verdict): a string literal "holds", "partly" or "fails" used as a value is how the
first version typed its verdicts, which an independent review counted 48 times.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import comparisons
from neurosim.comparison import check_module
from neurosim.findings import VERDICTS

ROOT = Path(comparisons.__file__).parent


@pytest.mark.parametrize("name", comparisons.ORDER)
def test_module_keeps_the_contract(name):
    module = importlib.import_module(f"comparisons.{name}")
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
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in VERDICTS and id(node) not in docstrings
    ]


@pytest.mark.parametrize("path", sorted(ROOT.glob("*.py")), ids=lambda p: p.name)
def test_no_verdict_literal(path):
    assert _verdict_literals(path) == [], f"{path.name}: typed verdict at these lines"


def test_the_check_finds_a_typed_verdict(tmp_path):
    # the check itself can fail: a typed verdict is found
    bad = tmp_path / "bad.py"
    bad.write_text('"""doc: holds"""\nfindings.claim("x", "holds", aspect="timing")\n')
    assert _verdict_literals(bad) == [2]
