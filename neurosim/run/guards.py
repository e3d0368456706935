"""What keeps a run safe to stop at any moment: lock, signals, shared cache, workers.

Used by :mod:`neurosim.run.pipeline` (``neurosim figures``) and :mod:`neurosim.run.sweep`:

* :func:`_locked`: an exclusive lock in ``OUT/.neurosim/lock`` for the length of a run
  (flock: the kernel releases it when the process dies, however it dies);
* :class:`_Signals`: Ctrl-C and SIGTERM raise KeyboardInterrupt, except while a
  comparison's files are written (:meth:`_Signals.hold`);
* :func:`_shared_cache`: a temporary folder shared by a run's processes
  (:mod:`neurosim.core.cache`), locked while in use; :func:`_remove_stale_caches` removes
  those of runs killed with SIGKILL;
* :func:`_remove_temporaries`: ``atomic_write``'s temporary files left in a folder;
* :func:`_worker_init`: how a worker process starts: it ignores Ctrl-C (the parent
  handles it), draws with Agg, and ends when its parent ends, even by SIGKILL
  (:func:`_die_with_parent`).
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

#: Hidden folder in the output folder: the lock and the run times (not output).
STATE_DIR = ".neurosim"


class RunLockedError(RuntimeError):
    """Another run is writing into the same output folder."""


@contextlib.contextmanager
def _locked(out: Path):
    state = out / STATE_DIR
    state.mkdir(exist_ok=True)
    fh = open(state / "lock", "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise RunLockedError(
                f"Another `neurosim figures` run (pid {holder}) is writing into {str(out)!r}; "
                "wait for it to finish or choose another --out."
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)
    finally:
        fh.close()


class _Signals:
    """Ctrl-C and SIGTERM raise KeyboardInterrupt, except inside :meth:`hold`."""

    def __init__(self):
        self.holding = 0
        self.pending = False
        self.saved = {}

    def _handler(self, signum, frame):
        if self.holding:
            self.pending = True
        else:
            raise KeyboardInterrupt

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc):
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        return False

    @contextlib.contextmanager
    def hold(self):
        """Write a comparison's files without being interrupted halfway."""
        self.holding += 1
        try:
            yield
        finally:
            self.holding -= 1
        if self.pending and not self.holding:
            self.pending = False
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def ignore(self):
        """Clean up after an interruption: further signals are ignored, not raised."""
        self.holding += 1
        try:
            yield
        finally:
            self.holding -= 1
            self.pending = False


#: Temporary cache folders are named ``neurosim-cache-XXXXXXXX`` in the temporary folder.
CACHE_PREFIX = "neurosim-cache-"
#: Locked by the run that owns a cache folder for as long as it uses it.
CACHE_IN_USE = ".in-use.lock"


def _remove_stale_caches() -> None:
    """Remove cache folders of runs that were killed (SIGKILL) before they could.

    A folder is stale when the lock its run held is free: the kernel released it when
    the run (and its workers) died. A folder without the lock file is left alone (its
    run may be creating it).
    """
    for folder in Path(tempfile.gettempdir()).glob(f"{CACHE_PREFIX}*"):
        try:
            with open(folder / CACHE_IN_USE, "rb") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # in use (BlockingIOError), no lock file, not ours
            continue


@contextlib.contextmanager
def _shared_cache():
    """A cache folder shared by this run's processes (see :mod:`neurosim.core.cache`)."""
    from neurosim.core.cache import CACHE_ENV

    if os.environ.get(CACHE_ENV):
        yield
        return
    _remove_stale_caches()
    folder = tempfile.mkdtemp(prefix=CACHE_PREFIX)
    # locked under another name first: a lock file that can be seen is always held
    creating = os.path.join(folder, ".creating.lock")
    in_use = open(creating, "wb")
    try:
        fcntl.flock(in_use, fcntl.LOCK_EX)
        os.rename(creating, os.path.join(folder, CACHE_IN_USE))
        os.environ[CACHE_ENV] = folder
        yield
    finally:
        os.environ.pop(CACHE_ENV, None)
        shutil.rmtree(folder, ignore_errors=True)
        in_use.close()


def _remove_temporaries(out: Path):
    for tmp in out.glob(".*.tmp"):  # atomic_write's names; the lock keeps others out
        with contextlib.suppress(OSError):
            tmp.unlink()


#: ``PR_SET_PDEATHSIG`` of Linux's prctl(2): the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1
#: How often a worker without prctl checks that its parent is still there.
PARENT_POLL_SECONDS = 0.25


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)


def _die_with_parent(parent: int, *, use_prctl: bool = True) -> str:
    """End this process with SIGTERM as soon as the process ``parent`` has died.

    A worker's parent killed with SIGKILL cannot stop its workers, and a worker waiting
    for its next job would wait forever (holding the output folder's lock, which it
    inherited). On Linux the kernel sends the signal (``prctl(PR_SET_PDEATHSIG)``);
    elsewhere, or if that fails, a daemon thread checks ``os.getppid()`` every 0.25 s.
    A parent that died before this call is caught too: the process then already has
    another parent. Returns ``"prctl"`` or ``"thread"``.

    Linux sends the signal when the *thread* that started the worker ends, so the pool
    must live in the thread that created it (``generate`` and ``sweep`` do).
    """
    how = "thread"
    if use_prctl and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            args = (_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
            if libc.prctl(*(ctypes.c_ulong(a) for a in args)) == 0:
                how = "prctl"
    if how == "thread":
        threading.Thread(
            target=_watch_parent, args=(parent,), name="neurosim-parent-watch", daemon=True
        ).start()
    elif os.getppid() != parent:  # died before prctl: no signal will come
        os.kill(os.getpid(), signal.SIGTERM)
    return how


def _worker_init(parent: int | None = None):
    # Ctrl-C in a terminal reaches the whole process group: only the parent reacts
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if parent is not None:
        _die_with_parent(parent)
    import matplotlib

    matplotlib.use("Agg")
