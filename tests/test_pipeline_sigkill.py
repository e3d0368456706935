"""A `neurosim figures` run killed with SIGKILL: no orphan workers, nothing half-written,
and the next run in the same folder starts cleanly.

SIGKILL cannot be caught, so the parent cannot stop its workers; they must notice that
their parent is gone (neurosim.run.guards._die_with_parent). Processes are found through
/proc (Linux); a pid counts as gone when its /proc entry is missing, is a zombie, or
belongs to a newer process (another start time).
"""

import fcntl
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from neurosim.contract import registry
from neurosim.core.cache import CACHE_ENV
from neurosim.run import guards as _guards
from neurosim.run.guards import CACHE_IN_USE
from neurosim.run.pipeline import generate

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

ROOT = Path(__file__).resolve().parents[1]
FAKE = "tests.fake_comparisons"
#: Generous: the workers are signalled at once (prctl) or within 0.25 s (the watcher
#: thread); the deadline only keeps a broken build from hanging the suite.
DEADLINE = 10.0


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state first), None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text.rpartition(")")[2].split()


def _start_time(pid: int) -> str | None:
    fields = _stat(pid)
    return None if fields is None else fields[19]  # field 22 of proc(5)


def _children(pid: int) -> dict[int, str]:
    """{child pid: its start time} for every process whose parent is ``pid``."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[1]) == pid:
                found[int(entry.name)] = fields[19]
    return found


def _running(pid: int, start: str) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z" and fields[19] == start


def _wait_until_gone(processes: dict[int, str]) -> dict[int, str]:
    """Poll until every process has ended or DEADLINE passed; return those still running."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        left = {pid: start for pid, start in processes.items() if _running(pid, start)}
        if not left:
            return {}
        time.sleep(0.05)
    return {pid: start for pid, start in processes.items() if _running(pid, start)}


def _kill_all(processes: dict[int, str]) -> None:
    for pid, start in processes.items():
        if _running(pid, start):
            os.kill(pid, signal.SIGKILL)


def _lock_is_held(path: Path) -> bool:
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False


def test_sigkilled_run_leaves_no_workers_no_partial_files_and_no_lock(tmp_path, monkeypatch):
    temporary = tmp_path / "tmp"  # the run's temporary folder: its shared cache goes there
    temporary.mkdir()
    out = tmp_path / "figures"
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(temporary))
    env[registry.PACKAGE_ENV] = FAKE
    env.pop(CACHE_ENV, None)
    command = [sys.executable, "-m", "neurosim", "figures", "fake_slow", "fake_steady"]
    command += ["--set", "fake_slow.delay=60", "--jobs", "2", "--out", str(out)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: dict[int, str] = {}
    try:
        # fake_slow (60 s) runs in one worker; fake_steady finishes in the other, which
        # then waits for more work
        deadline = time.monotonic() + 30
        while not (out / "fake_steady.json").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (out / "fake_steady.json").exists(), "fake_steady did not finish"
        workers = _children(proc.pid)
        assert len(workers) == 2, workers
        lock = out / ".neurosim" / "lock"
        assert _lock_is_held(lock)  # the run holds its lock while it works
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=5)
        left = _wait_until_gone(workers)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        _kill_all(workers)
    assert left == {}, f"workers still running {DEADLINE:g} s after their parent was killed"

    # only the finished comparison's files, each complete; no temporary file
    assert sorted(p.name for p in out.iterdir()) == [
        ".neurosim",
        "fake_steady.json",
        "fake_steady.png",
        "fake_steady.svg",
    ]
    assert json.loads((out / "fake_steady.json").read_text())["name"] == "fake_steady"
    png = (out / "fake_steady.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png.endswith(b"IEND\xaeB`\x82")
    assert (out / "fake_steady.svg").read_text().rstrip().endswith("</svg>")

    # the kernel releases the killed run's locks (the output folder's and its cache
    # folder's) when the last worker's descriptors are closed, which can complete a
    # moment after that worker shows as a zombie (measured: 7 ms, in 2 of 12 runs on a
    # loaded machine); the next run starts and removes a temporary file such as a run
    # killed while writing leaves behind, and the killed run's cache folder
    (cache,) = temporary.glob("neurosim-cache-*")
    for held in (lock, cache / CACHE_IN_USE):
        deadline = time.monotonic() + DEADLINE
        while _lock_is_held(held) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _lock_is_held(held), f"{held} still locked {DEADLINE:g} s after the run died"
    stale = out / ".fake_steady.png.abc123.tmp"
    stale.write_bytes(b"half a png")
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv(registry.PACKAGE_ENV, FAKE)
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    outcomes = generate(["fake_steady", "fake_coin"], out=out, jobs=1, progress=None)
    assert [o.ok for o in outcomes] == [True, True]
    assert not stale.exists()
    assert not list(out.glob(".*.tmp"))
    gallery = (out / "README.md").read_text()
    assert "![fake_steady](fake_steady.png)" in gallery and "![fake_coin](fake_coin.png)" in gallery
    assert list(temporary.glob("neurosim-cache-*")) == []


def test_only_cache_folders_whose_run_is_gone_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folders = {name: tmp_path / f"neurosim-cache-{name}" for name in ("dead", "live", "new")}
    for folder in folders.values():
        folder.mkdir()
        (folder / "digit_classifier-0123.npz").write_bytes(b"cached")
    (folders["dead"] / CACHE_IN_USE).touch()  # its run died: nobody holds the lock
    with open(folders["live"] / CACHE_IN_USE, "wb") as held:  # a run still using it
        fcntl.flock(held, fcntl.LOCK_EX)
        # "new": a run that has made its folder but not yet its lock file
        _guards._remove_stale_caches()
    assert not folders["dead"].exists()
    assert (folders["live"] / "digit_classifier-0123.npz").exists()
    assert (folders["new"] / "digit_classifier-0123.npz").exists()
    # a run's own folder, from the moment its lock file can be seen
    monkeypatch.delenv(CACHE_ENV, raising=False)
    with _guards._shared_cache():
        ours = Path(os.environ[CACHE_ENV])
        assert (ours / CACHE_IN_USE).exists()
        _guards._remove_stale_caches()
        assert ours.exists()
    assert not ours.exists()


# A middle process starts a child (fork) and is then killed with SIGKILL; the child
# calls _die_with_parent either before (``after``) or after (``before``) its parent died.
_FAMILY = textwrap.dedent(
    """
    import multiprocessing, os, signal, sys, time
    from neurosim.run.guards import _die_with_parent

    use_prctl, parent_dies = sys.argv[1] == "prctl", sys.argv[2]

    def child(ready):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        parent = os.getppid()
        if parent_dies == "after":
            _die_with_parent(parent, use_prctl=use_prctl)
        ready.send(True)
        if parent_dies == "before":
            while os.getppid() == parent:
                time.sleep(0.01)
            _die_with_parent(parent, use_prctl=use_prctl)
        time.sleep(30)

    ends = multiprocessing.get_context("fork").Pipe()
    proc = multiprocessing.get_context("fork").Process(target=child, args=(ends[1],))
    proc.start()
    ends[0].recv()
    print(proc.pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.parametrize("parent_dies", ["after", "before"])
@pytest.mark.parametrize("how", ["prctl", "thread"])
def test_a_worker_ends_when_its_parent_is_killed(how, parent_dies):
    if how == "prctl" and not sys.platform.startswith("linux"):
        pytest.skip("prctl is Linux's")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    middle = subprocess.Popen(
        [sys.executable, "-c", _FAMILY, how, parent_dies],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    child: dict[int, str] = {}
    try:
        pid = int(middle.stdout.readline())
        start = _start_time(pid)
        child = {pid: start} if start is not None else {}
        assert middle.wait(timeout=10) == -signal.SIGKILL
        left = _wait_until_gone(child)
    finally:
        if middle.poll() is None:
            middle.kill()
            middle.wait()
        _kill_all(child)
        middle.stdout.close()
    assert left == {}, f"the child outlived its parent by {DEADLINE:g} s"
