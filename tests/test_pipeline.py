"""The figure pipeline and the CLI: files, atomicity, gallery, failures, exit codes."""

import json
import sys
import types

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

import comparisons
from neurosim import registry
from neurosim.cli import main
from neurosim.findings import Claim, Findings
from neurosim.pipeline import atomic_write, generate, write_gallery


def _fake(name, *, fail=False):
    module = types.ModuleType(f"comparisons.{name}")
    module.QUESTION = f"Does {name} work?"

    def run(*, quick=False, seed=0):
        if fail:
            raise RuntimeError("simulated failure")
        rng = np.random.default_rng(seed)
        f = Findings(
            name, module.QUESTION, data={"x": rng.normal(size=5)}, settings={"quick": quick}
        )
        f.claim("a measured number", float(f.data["x"].sum()), "Hz", "holds")
        return f

    def plot(findings):
        fig, ax = plt.subplots()
        ax.plot(findings.data["x"])
        return fig

    module.run, module.plot = run, plot
    return module


@pytest.fixture
def fake_registry(monkeypatch):
    monkeypatch.setitem(sys.modules, "comparisons.fake_ok", _fake("fake_ok"))
    monkeypatch.setitem(sys.modules, "comparisons.fake_fail", _fake("fake_fail", fail=True))
    monkeypatch.setattr(comparisons, "ORDER", ("fake_ok", "fake_fail"))
    monkeypatch.setattr(registry, "available", lambda: ["fake_ok", "fake_fail"])


def test_generate_writes_three_files_and_the_gallery(tmp_path, fake_registry):
    outcomes = generate(["fake_ok"], out=tmp_path, seed=1, jobs=1, progress=None)
    assert [o.ok for o in outcomes] == [True]
    for suffix in ("png", "svg", "json"):
        assert (tmp_path / f"fake_ok.{suffix}").stat().st_size > 0
    assert (tmp_path / "fake_ok.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    record = json.loads((tmp_path / "fake_ok.json").read_text())
    expected = float(np.random.default_rng(1).normal(size=5).sum())
    assert record["claims"][0]["value"] == pytest.approx(expected, rel=1e-12)
    assert record["seed"] == 1 and record["quick"] is False
    gallery = (tmp_path / "README.md").read_text()
    assert "![fake_ok](fake_ok.png)" in gallery and "Does fake_ok work?" in gallery
    assert "| a measured number |" in gallery
    assert not list(tmp_path.glob("*.tmp")), "temporary files must not be left behind"


def test_one_failure_does_not_stop_the_others(tmp_path, fake_registry):
    lines = []
    outcomes = generate(None, out=tmp_path, jobs=1, progress=lines.append)
    assert {o.name: o.ok for o in outcomes} == {"fake_ok": True, "fake_fail": False}
    assert "simulated failure" in outcomes[1].error
    assert any("fake_fail: FAILED" in line for line in lines)
    assert (tmp_path / "fake_ok.png").exists() and not (tmp_path / "fake_fail.png").exists()


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "figure.png"
    target.write_bytes(b"old")

    def broken(tmp):
        with open(tmp, "wb") as fh:
            fh.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, broken)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_gallery_lists_claims_in_lecture_order(tmp_path, monkeypatch):
    monkeypatch.setattr(comparisons, "ORDER", ("b", "a"))
    for name in ("a", "b"):
        f = Findings(name, f"Question {name}?")
        f.claim(f"claim of {name}", 97.25, "%", "partly")
        (tmp_path / f"{name}.json").write_text(json.dumps(f.to_dict()))
    text = write_gallery(tmp_path).read_text()
    assert text.index("Question b?") < text.index("Question a?")
    assert "| claim of a | 97.2 % | partly ~ |" in text


def test_claim_validates_its_verdict():
    with pytest.raises(ValueError, match="'verdict' parameter of Claim must be one of"):
        Claim("x", 1.0, "", "maybe")


def test_cli_unknown_name_exits_2_and_lists_valid_ones(capsys):
    assert main(["figures", "no_such_comparison"]) == 2
    err = capsys.readouterr().err
    assert "no_such_comparison" in err and "Valid names:" in err


def test_cli_list_shows_every_comparison_with_its_question(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    names = registry.available()
    assert len(out) == len(names) and len(names) >= 1
    for line, name in zip(out, names):
        assert line.startswith(name) and line.rstrip().endswith("?")


def test_cli_figures_quick_writes_everything(tmp_path, capsys):
    # Every comparison's own test runs it; here the command line itself, on a cheap
    # artificial one, a spiking one and the scorecard that reads them (the whole set is
    # timed by benchmarks/bench_figures.py).
    names = ["logistic_unit_limits", "lif_neuron", "scorecard"]
    status = main(["figures", *names, "--quick", "--out", str(tmp_path), "--jobs", "2"])
    out = capsys.readouterr().out
    assert status == 0, out
    gallery = (tmp_path / "README.md").read_text()
    for name in names:
        for suffix in ("png", "svg", "json"):
            assert (tmp_path / f"{name}.{suffix}").stat().st_size > 0, f"{name}.{suffix} missing"
        assert f"![{name}]({name}.png)" in gallery
        assert f"{name}: done in" in out
