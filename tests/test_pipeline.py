"""The figure pipeline and the CLI, on tiny fake comparisons (tests/fake_comparisons).

Seeds (values per seed, mean, interval, stability, "unstable"), byte-identical reruns,
output-folder checks, the lock, interruption (a real SIGINT/SIGTERM to a subprocess),
--set overrides, did-you-mean and the gallery.
"""

import fcntl
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from neurosim.cli import main
from neurosim.contract import registry
from neurosim.run import pipeline
from neurosim.run import tasks as _tasks
from neurosim.run.pipeline import (
    OutputFolderError,
    RunLockedError,
    atomic_write,
    check_out,
    generate,
    write_gallery,
)

ROOT = Path(__file__).resolve().parents[1]
FAKE = "tests.fake_comparisons"
# Student's t, two-sided 95 %, 4 degrees of freedom: 2.776 (any t table, e.g.
# NIST/SEMATECH e-Handbook, table 1.3.6.7.2); 5 seeds give 4 degrees of freedom
T_975_DF4 = 2.7764


@pytest.fixture(autouse=True)
def fake_package(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv(registry.PACKAGE_ENV, FAKE)


def steady_value(seed, gain=1.0):
    """fake_steady's measured value, recomputed here from its definition."""
    x = np.random.default_rng(seed).normal(size=5)
    return gain * (10 + 0.1 * x.mean())


def claims_of(out, name):
    return json.loads((Path(out) / f"{name}.json").read_text())["claims"]


# -- seeds -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def five_seeds(tmp_path_factory):
    """fake_steady and fake_coin with seeds 0-4, in two worker processes."""
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        mp.setenv(registry.PACKAGE_ENV, FAKE)
        out = tmp_path_factory.mktemp("five")
        lines = []
        outcomes = generate(
            ["fake_steady", "fake_coin"],
            out=out,
            quick=True,
            seeds=range(5),
            jobs=2,
            progress=lines.append,
        )
        yield out, outcomes, lines


def test_five_seeds_give_five_values_mean_and_interval(five_seeds):
    out, outcomes, lines = five_seeds
    assert [o.ok for o in outcomes] == [True, True]
    claim = claims_of(out, "fake_steady")[0]
    expected = [steady_value(s) for s in range(5)]
    assert claim["seeds"] == [0, 1, 2, 3, 4]
    assert claim["values"] == pytest.approx(expected, rel=1e-12)  # seed order
    # the value shown is the mean over the seeds, and the verdict judges that mean
    assert claim["value"] == pytest.approx(sum(expected) / 5, rel=1e-12)
    # half width = t(0.975, 4) * s / sqrt(5); the table's 4 digits set the tolerance
    half = T_975_DF4 * np.std(expected, ddof=1) / math.sqrt(5)
    low, high = claim["interval"]
    assert (high - low) / 2 == pytest.approx(half, rel=1e-4)
    assert (low + high) / 2 == pytest.approx(claim["value"], rel=1e-12)
    assert "95%" in claim["interval_kind"] and "t-interval" in claim["interval_kind"]
    assert claim["stability"] == 1.0 and claim["verdict"] == "holds"
    assert claim["unstable"] is False and claim["not_reached"] == 0
    # a progress line as each figure finishes, and the summary
    assert sum(": done in" in line for line in lines) == 2
    assert lines[-1].startswith("Finished in")


def test_verdicts_disagreeing_on_two_of_five_seeds_are_unstable(five_seeds):
    out, _, _ = five_seeds
    (coin,) = claims_of(out, "fake_coin")
    # fake_coin holds on odd seeds: 0-4 give fails, holds, fails, holds, fails
    assert coin["verdicts"] == ["fails", "holds", "fails", "holds", "fails"]
    # the mean 0.4 is below 0.5: it fails, and 3 of 5 seeds agree with that
    assert coin["value"] == pytest.approx(0.4) and coin["verdict"] == "fails"
    assert coin["direction"] == "an even seed"
    assert coin["stability"] == pytest.approx(3 / 5) and coin["unstable"] is True
    gallery = (out / "README.md").read_text()
    assert "| **parity**: the seed's parity | 0.4 [" in gallery
    assert (
        "| 3/5 seeds agree | **✗ the analogy fails (an even seed); unstable (not counted)** |"
        in gallery
    )
    assert "| **ten times the gain**: ten times the gain plus a little noise | 9.99 Hz [" in gallery
    assert "| 5/5 seeds agree | ✓ the analogy holds |" in gallery
    # the check of one model alone reads as a check, never with the analogy's words
    assert "_(artificial model alone)_ |" in gallery and "| check passed |" in gallery
    # how to read a verdict, at the head of the gallery
    assert "| ✓ / ~ / ✗ | the analogy holds / partly holds / fails" in gallery


@pytest.mark.parametrize(
    "seeds, verdict, stability",
    # means 0.8, 0, 0.5: the verdicts of the means; the seeds agreeing with them
    [([1, 3, 5, 7, 2], "holds", 0.8), ([0, 2, 4], "fails", 1.0), ([1, 2], "holds", 0.5)],
)
def test_stability_threshold_is_four_of_five(tmp_path, seeds, verdict, stability):
    generate(["fake_coin"], out=tmp_path, seeds=seeds, jobs=1, progress=None)
    (coin,) = claims_of(tmp_path, "fake_coin")
    assert coin["stability"] == pytest.approx(stability) and coin["verdict"] == verdict
    assert coin["unstable"] is (stability < 0.8)


def test_a_deterministic_comparison_runs_once_and_says_so(tmp_path):
    lines = []
    generate(["fake_fixed"], out=tmp_path, seeds=range(5), jobs=1, progress=lines.append)
    record = json.loads((tmp_path / "fake_fixed.json").read_text())
    # one run, not five: the seed cannot change anything
    assert record["seeds"] == [0] and record["deterministic"] is True
    (claim,) = record["claims"]
    assert claim["deterministic"] is True and claim["interval"] is None
    assert claim["value"] == pytest.approx(1 / 3, rel=1e-15)
    gallery = (tmp_path / "README.md").read_text()
    assert "deterministic (no random input): run once" in gallery
    assert "| 0.333 | deterministic | ✓ the analogy holds |" in gallery
    assert lines[0].startswith("Generating 1 figure(s)")


def test_a_claim_declared_deterministic_must_not_differ_between_seeds():
    from neurosim.contract import Findings, Rule, combine_seeds

    def record(value):
        f = Findings("x", "x?")
        rule = Rule.at_most(1, reason="r", above="a")
        f.claim("s", value, "", rule=rule, aspect="memory", label="l", deterministic=True)
        return f.to_dict()

    merged = combine_seeds([record(0.5), record(0.5)], [0, 1])
    assert merged["claims"][0]["value"] == 0.5 and merged["claims"][0]["interval"] is None
    with pytest.raises(ValueError, match="deterministic"):
        combine_seeds([record(0.5), record(0.25)], [0, 1])


def test_a_rule_must_be_the_same_for_every_seed():
    from neurosim.contract import Findings, Rule, combine_seeds

    def record(threshold):
        f = Findings("x", "x?")
        f.claim(
            "s",
            0.5,
            "",
            rule=Rule.at_most(threshold, reason="r", above="a"),
            aspect="memory",
            label="l",
        )
        return f.to_dict()

    combine_seeds([record(1.0), record(1.0)], [0, 1])
    with pytest.raises(ValueError, match="one rule for every seed"):
        combine_seeds([record(1.0), record(2.0)], [0, 1])


def test_the_verdict_judges_the_mean_not_the_majority():
    # hand-worked: values 0, 0, 0, 3 under "holds if <= 1": three seeds hold on their
    # own, but the mean 0.75 is what is shown, so the verdict is the mean's: holds,
    # with 3 of 4 seeds agreeing (unstable). Values 0, 0, 0, 9: mean 2.25 fails.
    from neurosim.contract import Findings, Rule, combine_seeds

    def record(value):
        f = Findings("x", "x?")
        f.claim(
            "s",
            value,
            "ms",
            rule=Rule.at_most(1, reason="r", above="slow"),
            aspect="memory",
            label="l",
        )
        return f.to_dict()

    merged = combine_seeds([record(v) for v in (0, 0, 0, 3)], [0, 1, 2, 3])["claims"][0]
    assert merged["value"] == 0.75 and merged["verdict"] == "holds"
    assert merged["stability"] == 0.75 and merged["unstable"] is True
    merged = combine_seeds([record(v) for v in (0, 0, 0, 9)], [0, 1, 2, 3])["claims"][0]
    assert merged["value"] == 2.25 and merged["verdict"] == "fails"
    assert merged["direction"] == "slow" and merged["stability"] == 0.25
    # a seed that reached no value fails on its own and is left out of the mean
    merged = combine_seeds([record(v) for v in (0.5, float("nan"))], [0, 1])["claims"][0]
    assert merged["value"] == 0.5 and merged["values"] == [0.5, None]
    assert merged["not_reached"] == 1 and merged["verdicts"] == ["holds", "fails"]


def test_the_figure_is_the_first_seeds(tmp_path, five_seeds):
    out, _, _ = five_seeds
    generate(["fake_steady"], out=tmp_path, seeds=[0], jobs=1, progress=None)
    assert (tmp_path / "fake_steady.png").read_bytes() == (out / "fake_steady.png").read_bytes()
    generate(["fake_steady"], out=tmp_path, seeds=[3], jobs=1, progress=None)
    assert (tmp_path / "fake_steady.png").read_bytes() != (out / "fake_steady.png").read_bytes()


# -- same seed, same bytes ---------------------------------------------------------------


def test_rerun_with_the_same_seeds_is_byte_identical(tmp_path, five_seeds):
    out, _, _ = five_seeds
    # in this process this time (jobs=1), into a copy of the folder
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    generate(
        ["fake_steady", "fake_coin"], out=copy, quick=True, seeds=range(5), jobs=1, progress=None
    )
    files = sorted(p.name for p in out.iterdir() if p.is_file())
    assert files == [
        "README.md",
        *[f"{n}.{s}" for n in ("fake_coin", "fake_steady") for s in ("json", "png", "svg")],
    ]
    for name in files:
        assert (copy / name).read_bytes() == (out / name).read_bytes(), name
    json_text = (out / "fake_steady.json").read_text()
    assert "seconds" not in json_text
    svg = (out / "fake_steady.svg").read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in (out / "fake_steady.png").read_bytes()
    assert "seconds" not in (out / "README.md").read_text()
    # run times are kept apart, for scheduling
    timings = json.loads((out / ".neurosim" / "timings.json").read_text())
    assert timings["fake_steady"]["quick"] >= 0


# -- failures, overrides -----------------------------------------------------------------


def test_one_failure_does_not_stop_the_others(tmp_path):
    lines = []
    outcomes = generate(["fake_broken", "fake_steady"], out=tmp_path, jobs=1, progress=lines.append)
    assert {o.name: o.ok for o in outcomes} == {"fake_broken": False, "fake_steady": True}
    assert "simulated failure" in outcomes[0].error
    assert any("fake_broken: FAILED" in line for line in lines)
    assert not (tmp_path / "fake_broken.png").exists() and (tmp_path / "fake_steady.png").exists()
    assert "fake_broken" not in (tmp_path / "README.md").read_text()


def test_set_overrides_reach_run_and_are_checked_first(tmp_path, capsys):
    out = str(tmp_path)
    assert main(["figures", "fake_steady", "--out", out, "--set", "fake_steady.gain=2"]) == 0
    (claim, _) = claims_of(tmp_path, "fake_steady")
    assert claim["value"] == pytest.approx(steady_value(0, gain=2.0), rel=1e-12)
    record = json.loads((tmp_path / "fake_steady.json").read_text())
    assert record["settings"]["changed"] == ["gain"]
    capsys.readouterr()
    for bad, message in [
        ("fake_steady.gian=2", "Did you mean 'gain'?"),
        ("fake_steady.gain=1000", "gain"),
        ("fake_stedy.gain=2", "Did you mean 'fake_steady'?"),
        ("fake_steady.gain", "NAME.PARAMETER=VALUE"),
    ]:
        assert main(["figures", "fake_steady", "--out", out, "--set", bad]) == 2, bad
        err = capsys.readouterr().err
        assert message in err and "usage: neurosim figures" in err, err


# -- the output folder and the lock ------------------------------------------------------


def test_bad_output_folders_are_refused_before_anything_runs(tmp_path, monkeypatch, capsys):
    def never(*args, **kwargs):
        raise AssertionError("a simulation started")

    monkeypatch.setattr(pipeline, "_run_task", never)
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    for out, message in [
        ("", "empty"),
        (str(a_file), "is a file"),
        (str(a_file / "below"), "is a file"),
    ]:
        with pytest.raises(OutputFolderError, match=message):
            generate(["fake_steady"], out=out, progress=None)
        assert main(["figures", "fake_steady", "--out", out]) == 2
        assert message in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_is_refused(tmp_path):
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputFolderError, match="not writable"):
            check_out(tmp_path / "figures")
    finally:
        tmp_path.chmod(0o700)


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    (tmp_path / ".neurosim").mkdir()
    with open(tmp_path / ".neurosim" / "lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(RunLockedError, match="Another `neurosim figures` run"):
            generate(["fake_steady"], out=tmp_path, progress=None)
    assert not (tmp_path / "fake_steady.json").exists()


def test_a_busy_folder_is_one_line_not_a_usage_banner(tmp_path, capsys):
    (tmp_path / ".neurosim").mkdir()
    with open(tmp_path / ".neurosim" / "lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main(["figures", "fake_steady", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "usage:" not in err, err
    assert "Another `neurosim figures` run" in err


def test_a_rejected_set_leaves_no_output_folder(tmp_path, capsys):
    out = tmp_path / "new" / "figures"
    bad = ["--set", "fake_steady.gain=1000"]
    assert main(["figures", "fake_steady", "--out", str(out), *bad]) == 2
    assert not (tmp_path / "new").exists()
    with pytest.raises(ValueError, match="gain"):
        generate(["fake_steady"], out=out, overrides={"fake_steady": {"gain": "1000"}})
    assert not (tmp_path / "new").exists()


def test_progress_says_what_runs_and_the_time_left(tmp_path):
    lines = []
    generate(["fake_steady", "fake_fixed"], out=tmp_path, jobs=1, progress=lines.append)
    done = [line for line in lines if ": done in " in line]
    assert len(done) == 2
    # after the first, the other is still to run: an estimate; after the last, none
    assert " left" in done[0] and " left" not in done[1], done
    assert lines[0].startswith("Generating 2 figure(s)")


# -- interruption ------------------------------------------------------------------------


def _children(pid):
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_stops_workers_fast_and_leaves_no_partial_files(tmp_path, signum):
    env = dict(os.environ, PYTHONPATH=str(ROOT), **{registry.PACKAGE_ENV: FAKE})
    command = [sys.executable, "-m", "neurosim", "figures", "fake_slow", "fake_steady"]
    command += ["--set", "fake_slow.delay=60", "--jobs", "2", "--out", str(tmp_path)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # fake_slow (60 s) starts first; wait until fake_steady, beside it, is written
        deadline = time.monotonic() + 30
        while not (tmp_path / "fake_steady.json").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        workers = _children(proc.pid)
        assert (tmp_path / "fake_steady.json").exists(), "fake_steady did not finish"
        sent = time.monotonic()
        proc.send_signal(signum)
        status = proc.wait(timeout=30)
        stopped = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stdout = proc.stdout.read().decode()
    assert status == 130, (stdout, proc.stderr.read().decode())
    # an order of magnitude, not a timing (under load it takes 1-3 s): the 60 s job's
    # worker is terminated, not waited for
    assert stopped < 15.0
    for pid in workers:
        assert (
            not Path(f"/proc/{pid}").exists()
            or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
        ), f"worker {pid} still running"
    interrupted = [line for line in stdout.splitlines() if line.startswith("Interrupted")]
    assert len(interrupted) == 1 and "1 of 2 figure(s) finished: fake_steady" in interrupted[0]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [
        ".neurosim",
        "README.md",
        "fake_steady.json",
        "fake_steady.png",
        "fake_steady.svg",
    ]
    gallery = (tmp_path / "README.md").read_text()
    assert "fake_steady" in gallery and "fake_slow" not in gallery


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


# -- command line ------------------------------------------------------------------------


def test_cli_suggests_close_names_and_options(capsys):
    assert main(["figures", "fake_stedy"]) == 2
    err = capsys.readouterr().err
    assert "Did you mean 'fake_steady'?" in err and "Valid names:" in err
    with pytest.raises(SystemExit) as exit_:
        main(["figures", "--quik"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: neurosim figures") and "Did you mean --quick?" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--seed", "4294967296"], "0 <= seed < 2**32"),
        (["--seeds", "0,4294967296"], "0 <= seed < 2**32"),
        (["--seed", "-1"], "0 <= seed < 2**32"),
        (["--seeds", "0,3,3"], "distinct"),
        (["--seeds", "0"], "at least 1"),
    ],
)
def test_cli_checks_the_seeds(args, message, capsys, tmp_path):
    try:
        status = main(["figures", "fake_steady", "--out", str(tmp_path), *args])
    except SystemExit as exit_:  # argparse's own errors
        status = exit_.code
    assert status == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "fake_steady.json").exists()


def test_cli_seeds_count_and_list(tmp_path):
    assert (
        main(["figures", "fake_coin", "--out", str(tmp_path), "--seeds", "3", "--jobs", "1"]) == 0
    )
    assert claims_of(tmp_path, "fake_coin")[0]["seeds"] == [0, 1, 2]
    assert main(["figures", "fake_coin", "--out", str(tmp_path), "--seeds", "7,3"]) == 0
    assert claims_of(tmp_path, "fake_coin")[0]["values"] == [1.0, 1.0]
    assert (
        main(["figures", "fake_coin", "--out", str(tmp_path), "--seed", "10", "--seeds", "2"]) == 0
    )
    assert claims_of(tmp_path, "fake_coin")[0]["seeds"] == [10, 11]


def test_cli_list_shows_every_comparison_with_its_question(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    names = registry.available()
    assert names[:2] == ["fake_steady", "fake_coin"]
    for line, name in zip(out, names, strict=True):
        assert line.startswith(name) and line.rstrip().endswith("?")


def test_gallery_lists_only_records_with_their_figure(tmp_path):
    stale = tmp_path / ".fake_coin.png.x1y2.tmp"  # left by a run killed with SIGKILL
    stale.write_bytes(b"half")
    generate(["fake_coin", "fake_steady"], out=tmp_path, jobs=1, progress=None)
    assert not stale.exists()
    (tmp_path / "fake_coin.png").unlink()
    text = write_gallery(tmp_path).read_text()
    assert "![fake_steady](fake_steady.png)" in text and "fake_coin" not in text
    # one seed: the value and the verdict, no interval
    assert "| the seed's parity |" not in text
    row = (
        f"| **ten times the gain**: ten times the gain plus a little noise | "
        f"{steady_value(0):.3g} Hz | ✓ the analogy holds |"
    )
    assert row in text


def test_layout_is_computed_once_and_rounded():
    # constrained layout's positions differ between processes in their last bits;
    # the pipeline rounds them to 1e-6 of the figure and draws PNG and SVG from them
    from neurosim.plotting import lecture_style, new_figure

    with lecture_style():
        fig = new_figure(figsize=(4, 3))
        ax = fig.add_subplot()
        fig.colorbar(ax.imshow(np.eye(3)), ax=ax)  # a colorbar ties the layout engine
    png, svg = _tasks._render(fig)
    for a in fig.axes:
        corners = a.get_position(original=True).get_points()
        np.testing.assert_array_equal(corners, np.round(corners, 6))
    assert 0.1 < ax.get_position().width < 0.9  # laid out, not the default
    assert _tasks._render(fig) == (png, svg)


def test_each_file_is_one_draw_of_the_laid_out_figure(monkeypatch):
    # savefig on a figure that keeps a layout engine (even matplotlib's "none"
    # placeholder) draws every artist once without output before the real draw; the
    # gallery's two files and the notebook's PNG are one draw each
    import io

    from matplotlib.figure import Figure
    from PIL import Image

    from neurosim.plotting import lecture_style, new_figure

    draws = []
    real_draw = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda fig, r: draws.append(r) or real_draw(fig, r))
    with lecture_style():  # its savefig.bbox is "tight": that too would be a pass of its own
        fig = new_figure(figsize=(4, 3))
        fig.add_subplot().plot([0, 1], [1, 0])
        _tasks._render(fig)
        assert len(draws) == 2  # PNG, SVG
        draws.clear()
        live = new_figure(figsize=(4, 3))
        live.add_subplot().plot([0, 1], [1, 0])
        engine = live.get_layout_engine()
        png = live._png()
    assert len(draws) == 1
    # the notebook's PNG is the whole figure at 100 dpi, not a tight crop of it
    assert Image.open(io.BytesIO(png)).size == (400, 300)
    assert live.get_layout_engine() is engine  # the figure is laid out live again


@pytest.mark.parametrize(
    "size, face, dpi",
    # 9.37 in x 200 dpi is 1873.9999999999998 pixels: matplotlib 3.11 draws 1874 rows
    [((4.33, 3.01), "white", 97), ((3, 2), "none", 97), ((4, 9.37), "white", 200)],
)
def test_png_bytes_are_matplotlibs_pixels(size, face, dpi):
    # the reference is matplotlib's own PNG writer (all four channels, level 6): the
    # faster file must decode to the same pixels, a transparent figure keeping its alpha
    import io

    from PIL import Image

    from neurosim.plotting import lecture_style, new_figure
    from neurosim.plotting.style import png_bytes

    with lecture_style():
        fig = new_figure(figsize=size, facecolor=face)
        ax = fig.add_subplot()
        ax.plot([0, 1], [1, 0], label="line")
        ax.imshow(np.random.default_rng(0).random((5, 5)), extent=(0, 1, 0, 1))
        ax.set_title("$\\tau_m$ = 10 ms")
        fig.set_layout_engine(None)
    reference = io.BytesIO()
    fig.savefig(reference, format="png", dpi=dpi, bbox_inches=None)
    want = np.asarray(Image.open(io.BytesIO(reference.getvalue())).convert("RGBA"))
    image = Image.open(io.BytesIO(png_bytes(fig, dpi)))
    got = np.asarray(image.convert("RGBA"))
    assert abs(want.shape[0] - size[1] * dpi) < 1 and abs(want.shape[1] - size[0] * dpi) < 1
    np.testing.assert_array_equal(got, want)
    assert image.mode == ("RGB" if face == "white" else "RGBA")
    assert image.info["dpi"] == pytest.approx((dpi, dpi), abs=0.01)  # pHYs, pixels per metre
    assert set(image.info) == {"dpi"}  # no software name, no date


def test_a_task_leaves_the_garbage_collector_unfrozen():
    # the engine freezes the heap for each Brian2 block (its collections then walk
    # only the block's objects); a task must leave nothing frozen, or a worker running
    # many tasks would keep every task's garbage
    import gc

    from neurosim.run.tasks import _run_task

    try:
        ok = _run_task("fake_steady", 0, True, {}, False, FAKE)
        assert ok.ok, ok.error
        failed = _run_task("fake_broken", 0, True, {}, False, FAKE)
        assert not failed.ok
        assert gc.get_freeze_count() == 0
    finally:
        gc.freeze()
    # with objects already frozen by someone else, a task leaves them frozen (an
    # unfreeze would empty the permanent generation; frozen objects can still be freed
    # by reference counting, so the count may drop a little)
    try:
        assert gc.get_freeze_count() > 0
        assert _run_task("fake_steady", 0, True, {}, False, FAKE).ok
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
