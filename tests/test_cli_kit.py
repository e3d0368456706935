"""The lecture-kit commands: ``neurosim slides`` and ``neurosim notebooks``."""

import json
from pathlib import Path

import numpy as np
import pytest

from neurosim.cli import main
from neurosim.plotting import new_figure

NOTEBOOK_SOURCE = """# %% [markdown]
# A tiny exercise

# %%
def rate(x):
    # EXERCISE: raise NotImplementedError("Hint: the rate is twice x")
    # SOLUTION BEGIN
    return 2 * x
    # SOLUTION END


# %%
rate(3)
"""


def fake_figures(folder: Path, names=("lif_neuron", "scorecard")) -> Path:
    """NAME.png + NAME.json as `neurosim figures` writes them (one seed)."""
    folder.mkdir()
    for k, name in enumerate(names):
        fig = new_figure(figsize=(6, 3))
        fig.add_subplot().plot(np.arange(4) * (k + 1))
        fig.savefig(folder / f"{name}.png", dpi=40)
        claim = {
            "statement": f"headline of {name}",
            "value": 2.0,
            "unit": "ms",
            "verdict": "holds",
            "key": True,
            "about": "analogy",
            "aspect": "timing",
            "rule": {"holds": [None, 3.0], "partly": None, "reason": "the reason"},
        }
        record = {
            "name": name,
            "question": f"Question of {name}?",
            "settings": {"quick": True, "seeds": [0], "parameters": {}},
            "claims": [claim],
        }
        (folder / f"{name}.json").write_text(json.dumps(record))
    return folder


def test_slides_pptx_from_a_figures_folder(tmp_path, capsys):
    pptx = pytest.importorskip("pptx")
    figures = fake_figures(tmp_path / "figs")
    out = tmp_path / "deck.pptx"
    assert main(["slides", "--figures", str(figures), "--out", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    deck = pptx.Presentation(out)
    # title, how to read a verdict, one per comparison, then the glossary
    assert len(deck.slides) > 4
    texts = " ".join(
        s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame
    )
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    # the scorecard's figure carries its own title; its question is in the notes
    assert "Question of lif_neuron?" in texts and "Question of scorecard?" in notes


def test_slides_pdf_by_format(tmp_path):
    figures = fake_figures(tmp_path / "figs")
    out = tmp_path / "deck"
    assert main(["slides", "--figures", str(figures), "--out", str(out), "--format", "pdf"]) == 0
    assert (tmp_path / "deck.pdf").read_bytes().startswith(b"%PDF")


def test_slides_refuse_a_missing_figures_folder(tmp_path, capsys):
    code = main(["slides", "--figures", str(tmp_path / "nowhere"), "--out", str(tmp_path / "d")])
    err = capsys.readouterr().err
    assert code == 2 and "does not exist" in err and "Run 'neurosim figures --out" in err
    assert not list(tmp_path.iterdir())  # nothing written


def test_slides_refuse_a_folder_without_figures(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code = main(["slides", "--figures", str(tmp_path / "empty")])
    assert code == 2 and "Run 'neurosim figures' first" in capsys.readouterr().err


def test_slides_refuse_an_unknown_format(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["slides", "--format", "odp"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("solutions", [False, True])
def test_notebooks_exercises_and_optional_solutions(tmp_path, solutions, capsys):
    pytest.importorskip("jupytext")
    nbformat = pytest.importorskip("nbformat")
    source = tmp_path / "src"
    source.mkdir()
    (source / "ex.py").write_text(NOTEBOOK_SOURCE)
    out = tmp_path / "out"
    args = ["notebooks", "--source", str(source), "--out", str(out)]
    assert main([*args, "--solutions"] if solutions else args) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == (["ex.ipynb", "ex_solution.ipynb"] if solutions else ["ex.ipynb"])
    exercise = nbformat.read(out / "ex.ipynb", as_version=4)
    code = "".join(c.source for c in exercise.cells)
    assert "NotImplementedError" in code and "return 2 * x" not in code
    if solutions:
        solution = nbformat.read(out / "ex_solution.ipynb", as_version=4)
        assert "return 2 * x" in "".join(c.source for c in solution.cells)
    assert not list(source.glob("*.ipynb"))  # nothing written next to the sources


def test_notebooks_refuse_a_missing_source_folder(tmp_path, capsys):
    pytest.importorskip("jupytext")
    code = main(["notebooks", "--source", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert code == 2 and "nowhere" in capsys.readouterr().err


def test_notebooks_default_source_is_the_projects(tmp_path, monkeypatch):
    from neurosim import cli

    monkeypatch.chdir(tmp_path)
    found = cli._notebook_sources(None)
    assert found == Path(cli.__file__).resolve().parents[1] / "notebooks"
    assert any(found.glob("*.py"))
