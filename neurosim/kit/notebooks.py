"""Build the teaching notebooks from their text sources: ``neurosim notebooks``.

The notebooks live in git as jupytext "percent" scripts (``notebooks/*.py``: ``# %%``
code cells, ``# %% [markdown]`` text cells), so they diff and review like code. An
exercise and its solution come from ONE source, in the Neuromatch manner: inside a
code cell, the lines between ``# SOLUTION BEGIN`` and ``# SOLUTION END`` are the
solution, and the comment line ``# EXERCISE: <code>`` just before them is what the
student gets instead (typically ``raise NotImplementedError("hint")``)::

    def lif_rate_by_hand(current, tau_m, ...):
        # EXERCISE: raise NotImplementedError("Solve tau_m dV/dt = -(V - E_L) + R I ...")
        # SOLUTION BEGIN
        drive = R * current
        ...
        # SOLUTION END

``build(source, out)`` writes ``NAME.ipynb`` (the exercise version, for students) and
``NAME_solution.ipynb`` for every source with exercises, and ``NAME.ipynb`` alone for a
notebook without (the lecture walkthrough). The outputs are not committed; the tests
execute every solution notebook and check every exercise notebook stops at its first
exercise with the hint. Requires the optional extra ``neurosim[notebook]``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from neurosim.core.constraints import PATH, TEXT, InstanceOf, param_error, validate
from neurosim.core.io import atomic_write
from neurosim.core.validation import install_hint

__all__ = ["build", "exercise_text", "solution_text"]

_BEGIN = re.compile(r"^(\s*)# SOLUTION BEGIN\s*$")
_END = re.compile(r"^\s*# SOLUTION END\s*$")
_EXERCISE = re.compile(r"^(\s*)# EXERCISE: (.*)$")


def _split(text: str, name: str):
    """Yield ("plain", line) / ("exercise", indent, code) / ("solution", line) items."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        exercise = _EXERCISE.match(line)
        if exercise:
            if i + 1 >= len(lines) or not _BEGIN.match(lines[i + 1]):
                raise param_error(
                    "source",
                    "notebooks",
                    "'# EXERCISE:' directly followed by '# SOLUTION BEGIN'",
                    f"{name}, line {i + 1}",
                )
            yield ("exercise", exercise.group(1), exercise.group(2))
            i += 2
            while i < len(lines) and not _END.match(lines[i]):
                if _BEGIN.match(lines[i]) or _EXERCISE.match(lines[i]):
                    raise param_error(
                        "source", "notebooks", "a closed solution block", f"{name}, line {i + 1}"
                    )
                yield ("solution", lines[i])
                i += 1
            if i >= len(lines):
                raise param_error(
                    "source",
                    "notebooks",
                    "'# SOLUTION END' after each solution",
                    f"{name}: end of file",
                )
            i += 1
            continue
        if _BEGIN.match(line) or _END.match(line):
            raise param_error(
                "source",
                "notebooks",
                "'# SOLUTION BEGIN' right after an '# EXERCISE:' line",
                f"{name}, line {i + 1}",
            )
        yield ("plain", line)
        i += 1


@validate(text=InstanceOf(str, text="a notebook source (text)"), name=TEXT)
def exercise_text(text: str, name: str = "notebook") -> str:
    """The student's version: every solution block replaced by its exercise line."""
    out = []
    for item in _split(text, name):
        if item[0] == "plain":
            out.append(item[1])
        elif item[0] == "exercise":
            out.append(f"{item[1]}{item[2]}")
    return "\n".join(out) + "\n"


@validate(text=InstanceOf(str, text="a notebook source (text)"), name=TEXT)
def solution_text(text: str, name: str = "notebook") -> str:
    """The solution: the solution blocks kept, the exercise lines and markers dropped."""
    out = []
    for item in _split(text, name):
        if item[0] in ("plain", "solution"):
            out.append(item[1])
    return "\n".join(out) + "\n"


def _write_notebook(text: str, path: Path) -> Path:
    import jupytext
    import nbformat

    notebook = jupytext.reads(text, fmt="py:percent")
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    return atomic_write(path, lambda tmp: nbformat.write(notebook, tmp))


@validate(source=PATH, out=[PATH, None])
def build(source: str | os.PathLike = "notebooks", out: str | os.PathLike | None = None):
    """Build every ``.py`` notebook source in ``source`` into ``.ipynb`` files in ``out``.

    Parameters
    ----------
    source : path, default "notebooks"
        Folder of jupytext percent scripts.
    out : path, optional
        Where to write the notebooks (default: ``source``).

    Returns
    -------
    list of Path
        The notebooks written.
    """
    try:
        import jupytext  # noqa: F401
    except ImportError as err:
        raise ImportError(
            f"Building notebooks needs jupytext: {install_hint('notebook', 'jupytext')}"
        ) from err
    source = Path(source)
    if not source.is_dir():
        raise param_error(
            "source",
            "notebooks.build",
            "a folder of notebook sources",
            str(source),
            cls=FileNotFoundError,
        )
    out = source if out is None else Path(out)
    written = []
    for path in sorted(source.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "# %%" not in text:
            continue
        name = path.stem
        if "# EXERCISE:" in text:
            written.append(_write_notebook(exercise_text(text, name), out / f"{name}.ipynb"))
            written.append(
                _write_notebook(solution_text(text, name), out / f"{name}_solution.ipynb")
            )
        else:
            written.append(_write_notebook(solution_text(text, name), out / f"{name}.ipynb"))
    return written
