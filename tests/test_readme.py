"""The README's Python examples run as written, and its quick start matches .ci/run."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_examples_run(capsys):
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks, "the README should show how to use neurosim from Python"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme_example"})
    out = capsys.readouterr().out
    assert "test accuracy" in out


def test_quick_start_is_two_commands_and_ci_runs_the_test_one():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [
        line
        for line in re.findall(r"```bash\n(.*?)```", quick, flags=re.S)[0].splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert len(commands) == 2
    install_and_figures, install_and_test = commands
    assert "pip install ." in install_and_figures and "neurosim figures" in install_and_figures
    assert 'pip install ".[test]"' in install_and_test and "python -m pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[test]"' in ci
    test_command = install_and_test.split(".venv/bin/python ", 1)[1]
    assert test_command in ci, f"CI must run the README's test command: {test_command}"


def test_readme_lists_every_comparison():
    from neurosim.contract import registry

    for name in registry.available():
        assert f"| `{name}` |" in README, f"README's table misses {name}"
