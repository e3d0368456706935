"""The lecture kit: figures in Jupyter, explore(), slides, notebooks built from one source."""

import json
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from neurosim.kit.notebooks import build, exercise_text, solution_text
from neurosim.plotting import lecture_style, new_figure

ROOT = Path(__file__).resolve().parents[1]


# -- figures and the user's pyplot ----------------------------------------------------
def test_lecture_style_restores_only_its_own_settings():
    matplotlib.rcParams["font.size"] = 9.0
    plt.ion()
    try:
        with lecture_style():
            assert matplotlib.rcParams["font.size"] == 13.0
            plt.ioff()  # a backend may change interactive mode inside the block ...
            plt.ion()
        assert matplotlib.rcParams["font.size"] == 9.0
        assert matplotlib.is_interactive()  # ... and the style never undoes it
    finally:
        plt.ioff()
        matplotlib.rcParams["font.size"] = matplotlib.rcParamsDefault["font.size"]


def test_new_figure_leaves_pyplot_alone():
    before = plt.get_fignums()
    fig = new_figure(figsize=(3, 2))
    fig.add_subplot().plot([1, 2])
    assert plt.get_fignums() == before
    line = plt.plot([0, 1])[0]  # the user's own plot makes its own figure
    assert line.figure is not fig


NOTEBOOK_CELLS = [
    "import matplotlib.pyplot as plt\n"
    "from neurosim.plotting import lecture_style, new_figure\n"
    "def plot():\n"
    "    with lecture_style():\n"
    "        fig = new_figure(figsize=(3, 2))\n"
    "        fig.add_subplot().plot([1, 2, 3])\n"
    "    return fig",
    "plot()",  # last expression
    "fig = plot()",  # assigned
    "plot()\nplt.plot([3, 2, 1]);",  # and the user's own figure in the same cell
    "plt.plot([1, 1]);",  # a later plt.plot makes its own figure
]


def _images(cell) -> int:
    return sum("image/png" in out.get("data", {}) for out in cell.outputs)


def test_figures_show_once_in_jupyter_without_magic():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in NOTEBOOK_CELLS])
    nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    counts = [_images(cell) for cell in nb.cells]
    assert counts == [0, 1, 1, 2, 1]


# -- notebooks from one source ---------------------------------------------------------
SOURCE = """# %% [markdown]
# Write the rate.

# %%
def rate(x):
    # EXERCISE: raise NotImplementedError("Hint: the rate is twice x")
    # SOLUTION BEGIN
    y = 2 * x
    return y
    # SOLUTION END


# %%
rate(3)
"""


def test_exercise_and_solution_come_from_one_source():
    exercise = exercise_text(SOURCE)
    solution = solution_text(SOURCE)
    assert 'raise NotImplementedError("Hint: the rate is twice x")' in exercise
    assert "y = 2 * x" not in exercise and "SOLUTION" not in exercise
    assert "y = 2 * x" in solution and "NotImplementedError" not in solution
    assert "SOLUTION" not in solution and "EXERCISE" not in solution
    namespace: dict = {}
    exec(compile(solution, "solution", "exec"), namespace)
    assert namespace["rate"](3) == 6


@pytest.mark.parametrize(
    "broken",
    [
        "# EXERCISE: pass\nx = 1\n",  # no solution block after the exercise line
        "# EXERCISE: pass\n# SOLUTION BEGIN\nx = 1\n",  # never closed
        "# SOLUTION BEGIN\nx = 1\n# SOLUTION END\n",  # no exercise line
    ],
)
def test_malformed_sources_are_refused_with_the_line(broken):
    with pytest.raises(ValueError, match="'source' parameter of notebooks"):
        exercise_text(broken, "broken")


def test_build_writes_exercise_and_solution_notebooks(tmp_path):
    pytest.importorskip("jupytext")
    nbformat = pytest.importorskip("nbformat")
    (tmp_path / "ex.py").write_text(SOURCE)
    (tmp_path / "walk.py").write_text("# %%\nx = 1\n")
    written = sorted(p.name for p in build(tmp_path))
    assert written == ["ex.ipynb", "ex_solution.ipynb", "walk.ipynb"]
    nb = nbformat.read(tmp_path / "ex.ipynb", as_version=4)
    assert any("NotImplementedError" in c.source for c in nb.cells)


# -- slides ----------------------------------------------------------------------------
def _fake_figures(folder: Path, names=("lif_neuron", "scorecard")) -> Path:
    """PNG + JSON records as 'neurosim figures' writes them (two seeds)."""
    folder.mkdir(exist_ok=True)
    for k, name in enumerate(names):
        fig = new_figure(figsize=(8, 4))
        fig.add_subplot().plot(np.arange(5) * (k + 1))
        fig.savefig(folder / f"{name}.png", dpi=50)
        record = {
            "name": name,
            "question": f"Question of {name}?",
            "settings": {
                "quick": True,
                "seeds": [0, 1],
                "parameters": {"tau_m": {"value": 10.0, "unit": "ms"}},
            },
            "claims": [
                {
                    "statement": f"claim {j} of {name}, measured with conditions that a "
                    "slide has no room for; the notes keep them all",
                    "label": f"claim {j} of {name}",
                    "value": 1.05 + j,
                    "unit": "ms",
                    "verdict": "holds" if j == 0 else "partly",
                    "direction": "" if j == 0 else "slower",
                    "key": j == 0,
                    "about": "analogy" if j < 2 else "spiking",
                    "aspect": "timing" if j < 2 else None,
                    "values": [1.0 + j, 1.1 + j],
                    "interval": [0.4 + j, 1.7 + j],
                    "stability": 1.0,
                    "unstable": False,
                    "rule": {
                        "holds": [None, 1.5] if j < 2 else [None, 5.0],
                        "partly": [1.5, 5.0] if j < 2 else None,
                        "reason": "why the thresholds",
                        "above": "slower",
                    },
                }
                for j in range(3)
            ],
        }
        (folder / f"{name}.json").write_text(json.dumps(record))
    return folder


def test_slides_have_a_picture_and_notes_on_every_comparison(tmp_path):
    pptx = pytest.importorskip("pptx")
    from neurosim.kit.slides import build_slides

    out = build_slides(_fake_figures(tmp_path / "figures"), tmp_path / "deck.pptx")
    deck = pptx.Presentation(out)
    slides = list(deck.slides)
    from neurosim.kit.slides.layout import _glossary_pages

    n_glossary = len(_glossary_pages())
    # title, how to read a verdict, lif_neuron's figure and (no room beside or under a
    # figure at the slide's width) its claims, the scorecard, then the glossary
    assert len(slides) == 5 + n_glossary
    glossary = " ".join(
        s.text_frame.text for slide in slides[5:] for s in slide.shapes if s.has_text_frame
    )
    assert "Glossary (1 of" in glossary and "Fano factor: " in glossary
    guide = " ".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)
    assert "How to read a verdict" in guide and "check passed" in guide
    assert "the analogy holds / partly holds / fails" in guide
    for group, name in ((slides[2:4], "lif_neuron"), (slides[4:5], "scorecard")):
        pictures = [s for slide in group for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1  # PICTURE
        # a line broken on the slide reads as one text
        texts = " ".join(
            " ".join(s.text_frame.text.split())
            for slide in group
            for s in slide.shapes
            if s.has_text_frame
        )
        for slide in group:
            notes = slide.notes_slide.notes_text_frame.text
            assert f"claim 1 of {name}, measured with conditions" in notes
            assert "why the thresholds" in notes and "holds if <= 1.5 ms" in notes
            assert "seeds 0, 1" in notes and "tau_m = 10" in notes
            assert "the analogy partly holds (slower)" in notes and "check passed" in notes
        if name == "scorecard":  # the figure alone, with its own title
            assert texts.strip() == ""
            continue
        for slide in group:  # the question heads each of its slides
            words = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
            assert words[0] == f"Question of {name}?"
        # claims as whole labels with their values and verdicts in words, never cut
        assert "✓ the analogy holds" in texts and "claim 0 of lif_neuron: 1.05 ms" in texts
        assert "~ the analogy partly holds (slower)" in texts
        assert "check passed" in texts and "claim 2 of lif_neuron: 3.05 ms" in texts
        assert "…" not in texts and "..." not in texts and "measured with" not in texts
        for shape in (s for slide in group for s in slide.shapes):
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        assert run.font.size is None or run.font.size.pt >= 15
    again = build_slides(tmp_path / "figures", tmp_path / "deck2.pptx")
    assert again.read_bytes() == out.read_bytes()  # same figures in, same bytes out


def test_pdf_slides_and_missing_figures(tmp_path):
    from neurosim.kit.slides import build_slides

    figures = _fake_figures(tmp_path / "figures")
    out = build_slides(figures, tmp_path / "deck", format="pdf")
    assert out.suffix == ".pdf" and out.read_bytes().startswith(b"%PDF")
    assert out.read_bytes() == build_slides(figures, tmp_path / "deck2.pdf").read_bytes()
    with pytest.raises(FileNotFoundError, match="Run 'neurosim figures' first"):
        build_slides(tmp_path / "empty", tmp_path / "x.pptx")
    with pytest.raises(ValueError, match="'format' parameter"):
        build_slides(figures, tmp_path / "x.key", format="key")


# -- glossary ---------------------------------------------------------------------------
def test_the_glossary_page_is_made_from_its_one_source():
    from neurosim.kit import glossary

    page = Path(__file__).resolve().parents[1] / "docs" / "glossary.md"
    assert page.read_text() == glossary.markdown()
    names = [t.name for t in glossary.terms()]
    assert len(names) == len(set(names))
    for term in glossary.terms():
        assert term.definition.strip() and term.source.strip(), term.name


def test_the_scorecard_is_drawn_as_text_large_enough_to_project(tmp_path):
    # the committed scorecard's rows as text slides: 15 pt or more, inside the slide,
    # every key claim's whole text present
    import json

    from neurosim.kit.slides.layout import CARD_BOTTOM, HEIGHT_IN, WIDTH_IN, _card_pages

    figures = Path(__file__).resolve().parents[1] / "gallery"
    rows = json.loads((figures / "scorecard.json").read_text())["settings"]["rows"]
    pages = _card_pages(rows)
    texts = [item[2] for page in pages for item in page]
    for row in rows:
        for chip in row["chips"]:
            words = chip["text"].split()
            assert any(t.split() == words for t in texts), chip["text"]
    for page in pages:
        for x, y, _words, size, _bold, _colour in page:
            assert size >= 15 and 0 <= x < WIDTH_IN and 0 <= y < CARD_BOTTOM < HEIGHT_IN
