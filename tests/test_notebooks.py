"""Every notebook is built from its text source and executed, as a student would run it.

Each solution notebook must run to the end in a Jupyter kernel and show its figures; each
exercise notebook must run up to its first exercise and stop there with that exercise's
NotImplementedError, and nothing of a solution (a line, a formula) may reach it, neither
in a hint nor in an output. The executed lecture walkthrough must stay small enough to
open on a lecture laptop and to put on the web.
"""

import ast
import re
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("jupytext")

from neurosim.kit.notebooks import build, exercise_text, solution_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks").glob("*.py"))
EXERCISES = [p for p in SOURCES if "# EXERCISE:" in p.read_text(encoding="utf-8")]
# the bound for the executed walkthrough (it was 11-15 MB with the print PNGs)
MAX_WALKTHROUGH_BYTES = 2_000_000


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("notebooks")
    return {p.name: p for p in build(ROOT / "notebooks", out)}


def _execute(path, *, stop=None):
    """Run the notebook in a kernel; return it, or ``(notebook, error)`` when ``stop``
    is the error class it is expected to stop with."""
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        # where Jupyter runs them: `neurosim notebooks` writes them into notebooks/
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    )
    if stop is None:
        client.execute()  # raises CellExecutionError on any failing cell
        return nb
    with pytest.raises(stop) as stopped:
        client.execute()
    return nb, stopped.value


def _everything_shown(nb):
    """Every cell's source and every output's text, as a student sees them."""
    parts = [c.source for c in nb.cells]
    for o in _outputs(nb):
        parts += [o.get("text", ""), o.get("evalue", ""), *o.get("traceback", [])]
        parts += [str(v) for k, v in o.get("data", {}).items() if k.startswith("text/")]
    return "\n".join(parts)


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _hints(text):
    """The message of every ``# EXERCISE: raise NotImplementedError("...")``, in order."""
    hints = []
    for line in text.splitlines():
        found = re.match(r"^\s*# EXERCISE: (.*)$", line)
        if found:
            (node,) = ast.parse(found.group(1)).body
            assert isinstance(node, ast.Raise) and node.exc.func.id == "NotImplementedError"
            hints.append(node.exc.args[0].value)
    return hints


def _compact(text):
    return re.sub(r"\s+", "", text)


def _solution_pieces(text):
    """What only the solution holds: its lines and the arithmetic in them, spaces removed.

    A line the exercise version also has (in plain code) is no secret; a formula is
    every binary operation of a solution line (``z = X @ w + b`` gives ``X@w+b``), so a
    hint that spells out part of the answer is caught even if it renames nothing.
    """
    exercise_lines = {line.strip() for line in exercise_text(text).splitlines()}
    pieces = set()
    for line in solution_text(text).splitlines():
        code = line.strip()
        if not code or code.startswith("#") or code in exercise_lines:
            continue
        pieces.add(_compact(code))
        try:
            tree = ast.parse(code.removeprefix("return "))
        except SyntaxError:  # "def f(...):", "if ...:": the line itself is checked
            continue
        pieces.update(_compact(ast.unparse(n)) for n in ast.walk(tree) if isinstance(n, ast.BinOp))
    # shorter pieces ("2*eps") are everyday code, not an answer
    return {p for p in pieces if len(p) >= 6}


def test_there_are_at_least_five_notebooks():
    assert len(SOURCES) >= 5
    assert len(EXERCISES) >= 4


def test_the_leak_check_catches_a_hint_that_gives_the_formula():
    # the hint exercise 4 had before: it spelt out the answer's two factors
    source = (
        "# %%\ndef hidden_delta(delta2, h, feedback):\n"
        '    # EXERCISE: raise NotImplementedError("Send delta2 back through feedback '
        "(delta2 @ feedback), then multiply by tanh's slope 1 - h**2\")\n"
        "    # SOLUTION BEGIN\n    return (delta2 @ feedback) * (1 - h**2)\n"
        "    # SOLUTION END\n"
    )
    leaked = {p for p in _solution_pieces(source) if p in _compact(exercise_text(source))}
    assert leaked == {"delta2@feedback", "1-h**2"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_runs(built, source):
    name = source.stem
    solution = built.get(f"{name}_solution.ipynb") or built[f"{name}.ipynb"]
    nb = _execute(solution)
    outputs = _outputs(nb)
    figures = sum("image/png" in o.get("data", {}) for o in outputs)
    if name == "00_lecture_walkthrough":
        # the figures at a lecture screen's width, not the gallery's print PNGs
        size = len(nbformat.writes(nb).encode())
        assert size < MAX_WALKTHROUGH_BYTES, f"executed walkthrough {size / 1e6:.1f} MB"
        # run from notebooks/, it still finds the committed gallery: every comparison
        # shows its figure, none says it has no figure yet
        texts = " ".join(str(o.get("data", {}).get("text/markdown", "")) for o in outputs)
        missing = re.findall(r"`(\w+)` has no figure yet", texts)
        assert not missing, f"not in the gallery: {missing}"
        assert figures >= 10
    if source in EXERCISES:
        # every figure the source draws is shown, and it asks the student to think
        drawn = sum("plt.subplots(" in c.source for c in nb.cells if c.cell_type == "code")
        assert drawn >= 1 and figures == drawn
        markdown = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "Think:" in markdown


@pytest.mark.parametrize("source", EXERCISES, ids=lambda p: p.stem)
def test_exercise_notebook_stops_at_its_first_exercise(built, source):
    name = source.stem
    text = source.read_text(encoding="utf-8")
    hints = _hints(text)
    assert hints
    # every cell is valid code, also those after the first exercise that do not run here
    student_nb = nbformat.read(built[f"{name}.ipynb"], as_version=4)
    for cell in student_nb.cells:
        if cell.cell_type == "code":
            compile(cell.source, f"{name}.ipynb", "exec")
    nb, error = _execute(built[f"{name}.ipynb"], stop=nbclient.exceptions.CellExecutionError)
    # exactly the first exercise's hint: every cell before it ran, and no other error
    # (a NameError, a failed check) came first
    assert error.ename == "NotImplementedError"
    assert error.evalue == hints[0]
    failed = [c for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert len(failed) == 1 and hints[0] not in failed[0].source
    # nothing of a solution reaches the student, in the code, a hint or an output
    student = _compact(_everything_shown(nb))
    leaked = sorted(p for p in _solution_pieces(text) if p in student)
    assert not leaked, f"solution code in the exercise notebook: {leaked}"
