"""Imports point one way: the artificial side and the CLI listing never load Brian2."""

import subprocess
import sys

import pytest


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_artificial_side_never_imports_brian2_or_spiking():
    loaded = _loaded_after("import neurosim, neurosim.artificial, neurosim.datasets")
    assert "brian2" not in loaded
    assert "neurosim.spiking" not in loaded


def test_spiking_side_never_imports_artificial():
    loaded = _loaded_after("import neurosim.spiking")
    assert "neurosim.artificial" not in loaded


def test_listing_comparisons_does_not_import_them():
    loaded = _loaded_after("from neurosim.cli import main; main(['list'])")
    assert "brian2" not in loaded
    assert not any(name.startswith("comparisons.") for name in loaded)


def test_lazy_subpackages():
    import neurosim

    assert neurosim.datasets.load_digits is not None
    assert set(neurosim.__all__) >= {"artificial", "spiking", "compare", "Findings"}


@pytest.mark.parametrize(
    "module",
    ["neurosim.encoding", "neurosim.spiking.theory", "neurosim.compare", "neurosim.spiking"],
)
def test_importing_a_spiking_module_first_leaves_the_sessions_excepthook(module):
    # Brian2's import installs an excepthook whose banner asks users to report their own
    # mistakes as Brian 2 bugs; whichever neurosim module imports it first must undo it
    code = f"import sys; before = sys.excepthook; import {module}; print(sys.excepthook is before)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr
