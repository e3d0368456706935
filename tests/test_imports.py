"""Imports point one way: the artificial side and the CLI listing never load Brian2."""

import os
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
    assert not any(name.startswith("neurosim.comparisons.") for name in loaded)


def test_lazy_subpackages():
    import neurosim

    assert neurosim.datasets.load_digits is not None
    assert set(neurosim.__all__) >= {"artificial", "spiking", "bridge", "contract", "Findings"}


#: The public import paths of before the move into rooms, and where they lead now.
OLD_PATHS = {
    "neurosim.compare": "neurosim.bridge",
    "neurosim.compare.convert": "neurosim.bridge.convert",
    "neurosim.findings": "neurosim.contract",
    "neurosim.parameters": "neurosim.contract.parameters",
    "neurosim.comparison": "neurosim.contract.module",
    "neurosim.registry": "neurosim.contract.registry",
    "neurosim.pipeline": "neurosim.run.pipeline",
    "neurosim.gallery": "neurosim.run.gallery",
    "neurosim.sweep": "neurosim.run.sweep",
    "neurosim.executors": "neurosim.run.executors",
    "neurosim.slides": "neurosim.kit.slides",
    "neurosim.notebooks": "neurosim.kit.notebooks",
    "neurosim.explorer": "neurosim.kit.explorer",
    "neurosim.digits": "neurosim.artificial.digits",
    "neurosim.encoding": "neurosim.bridge.encoding",
    "neurosim.truth_tables": "neurosim.artificial.truth_tables",
}


def test_the_old_import_paths_lead_to_the_same_modules():
    # in one fresh process, each old name before its new one: no second copy is loaded
    code = (
        "import importlib, json, sys\n"
        f"pairs = {sorted(OLD_PATHS.items())!r}\n"
        "out = []\n"
        "for old, new in pairs:\n"
        "    a = importlib.import_module(old); b = importlib.import_module(new)\n"
        "    copies = {id(m) for m in list(sys.modules.values())\n"
        "              if getattr(m, '__file__', None) == b.__file__}\n"
        "    out.append([old, a is b, len(copies)])\n"
        "print(json.dumps(out))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    import json

    results = json.loads(out.stdout or "null") if out.returncode == 0 else out.stderr
    assert results == [[old, True, 1] for old, _new in sorted(OLD_PATHS.items())], results


def test_the_readme_api_imports_work_the_old_way_too():
    from neurosim.compare import convert as old

    from neurosim.bridge import convert as new

    assert old is new


# Brian2 comes in only through its two doors (checked statically in test_architecture);
# here each door, imported first in a fresh process, and the module that once bypassed
# them (encoding)
@pytest.mark.parametrize(
    "module", ["neurosim.bridge.encoding", "neurosim.units", "neurosim.spiking.engine"]
)
def test_importing_a_spiking_module_first_leaves_the_sessions_excepthook(module):
    # Brian2's import installs an excepthook whose banner asks users to report their own
    # mistakes as Brian 2 bugs; whichever neurosim module imports it first must undo it
    code = f"import sys; before = sys.excepthook; import {module}; print(sys.excepthook is before)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr


def test_no_install_hint_names_the_wrong_package():
    # "neurosim" on the package index is another project: hints name the packages needed,
    # or the extra as installed from a checkout
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text() for p in (root / "neurosim").rglob("*.py")]
    texts.append((root / "README.md").read_text())
    assert not any("install 'neurosim[" in t or 'install "neurosim[' in t for t in texts)


def test_brian2s_debug_log_and_script_copy_are_not_left_in_the_temp_folder(tmp_path):
    # Brian2's import writes brian_debug_*.log and brian_script_*.py to the temporary
    # folder and deletes them at a normal exit; a worker process ends with os._exit,
    # which skips that. Control: Brian2 alone leaves them (so this test can fail)
    script = tmp_path / "user_script.py"
    left = {}
    for who in ("brian2", "neurosim.units"):
        folder = tmp_path / who
        folder.mkdir()
        script.write_text(f"import os\nimport {who}\nos._exit(0)\n")
        env = {**os.environ, "TMPDIR": str(folder)}
        out = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        left[who] = sorted(p.name.split("_")[1] for p in folder.iterdir())
    assert left["brian2"] == ["debug", "script"]
    assert left["neurosim.units"] == []
