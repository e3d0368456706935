"""Turn comparisons into figures: run every seed, plot the first, write PNG + SVG + JSON.

``generate(names, seeds=[0, 1, 2, 3, 4])`` runs every comparison once per seed in
parallel worker processes (the longest first, as timed by the previous run), merges
each comparison's claims over the seeds (:func:`neurosim.findings.combine_seeds`:
values per seed, mean, 95 % t-interval, stability, "unstable" verdicts) and writes
``NAME.json`` with the first seed's ``NAME.png`` and ``NAME.svg``, then the gallery
``README.md``. Comparisons that read the others' output (the scorecard) run last.

Promises:

* **Same seed, same bytes.** No run time or date goes into the JSON records, the gallery
  or the figures (SVG with a fixed hash salt and no date, PNG without metadata). Run
  times go to ``OUT/.neurosim/timings.json`` (state for scheduling, not output).
  Constrained layout's solver differs between processes in the last bits, so the
  layout is computed once and rounded before drawing (:func:`_freeze_layout`).
* **Nothing half-written.** Workers only compute and return bytes; this process writes
  every file atomically (temporary file + rename), and an interruption (Ctrl-C,
  SIGTERM) is held back while one comparison's files are written. On an interruption
  the workers are terminated at once, temporary files removed, the gallery rewritten
  from what exists, and one line says what finished.
* **No orphans.** Killed with SIGKILL, this process cannot stop anything: its workers
  notice that their parent is gone and end (:func:`_die_with_parent`), the kernel
  releases the lock, and the next run removes the temporary files left behind (and the
  killed run's shared cache folder, :func:`_remove_stale_caches`).
* **Errors before work.** The output folder, the seeds and the ``--set`` overrides are
  checked before anything runs; a lock file in ``OUT/.neurosim/`` stops two runs from
  mixing their files.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from neurosim import executors, registry
from neurosim._io import atomic_write
from neurosim._validation import check_int, param_error
from neurosim.findings import INTERVAL_KIND, combine_seeds, format_value

__all__ = [
    "Outcome",
    "OutputFolderError",
    "RunLockedError",
    "atomic_write",
    "check_out",
    "check_seeds",
    "generate",
    "measured_text",
    "parse_overrides",
    "stability_text",
    "write_gallery",
]

FORMATS = ("png", "svg", "json")
PNG_DPI = 200
#: Seeds are 32-bit: numpy's and Brian2's generators both take them.
SEED_LIMIT = 2**32
#: Hidden folder in the output folder: the lock and the run times (not output).
STATE_DIR = ".neurosim"
#: Fixed SVG id salt: matplotlib otherwise draws random ids into every SVG.
SVG_HASHSALT = "neurosim"


class OutputFolderError(ValueError):
    """The output folder cannot be written to."""


class RunLockedError(RuntimeError):
    """Another run is writing into the same output folder."""


@dataclass
class Outcome:
    """What happened to one comparison in a ``generate`` run."""

    name: str
    ok: bool
    seconds: float
    files: list[str] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    error: str = ""
    seeds: list[int] = field(default_factory=list)


@dataclass
class _Result:
    """One (comparison, seed) run, as a worker returns it."""

    name: str
    seed: int
    ok: bool
    seconds: float
    record: dict | None = None
    png: bytes | None = None
    svg: bytes | None = None
    error: str = ""


# -- checks made before anything runs --------------------------------------------------


def check_out(out) -> Path:
    """The output folder as a Path, created if missing; a clear error if it cannot be.

    Raises
    ------
    OutputFolderError
        For ``""``, a path that is a file, or a folder that cannot be written to.
    """
    if out is None or str(out).strip() == "":
        raise OutputFolderError(
            "The output folder is empty (''); give a folder, e.g. --out figures."
        )
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise OutputFolderError(f"The output folder {str(path)!r} is a file, not a folder.")
    existing = path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise OutputFolderError(
            f"The output folder {str(path)!r} cannot be made: {str(existing)!r} is a file."
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputFolderError(
            f"The output folder {str(path)!r} is not writable"
            + ("." if existing == path else f" ({str(existing)!r} is read-only).")
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputFolderError(f"The output folder {str(path)!r} cannot be made: {err}") from None
    return path


def check_seeds(seeds: Iterable[int]) -> list[int]:
    """Distinct integers with ``0 <= seed < 2**32``, in the given order.

    Raises
    ------
    ValueError or TypeError
        Naming the bad seed and the allowed range.
    """
    checked = []
    for s in seeds:
        s = check_int(s, "seed", "generate", low=0)
        if s >= SEED_LIMIT:
            raise param_error(
                "seed", "generate", f"an integer with 0 <= seed < 2**32 ({SEED_LIMIT})", s
            )
        if s in checked:
            raise param_error("seeds", "generate", "distinct seeds", f"{s} given twice")
        checked.append(s)
    if not checked:
        raise param_error("seeds", "generate", "at least one seed", [])
    return checked


def parse_overrides(items: Iterable[str]) -> dict[str, dict[str, str]]:
    """``["lif_neuron.tau_m=10ms", ...]`` -> ``{"lif_neuron": {"tau_m": "10ms"}}``.

    The values stay text; the comparison's ``begin()`` parses and checks them.
    """
    overrides: dict[str, dict[str, str]] = {}
    for item in items:
        target, sep, value = item.partition("=")
        name, dot, param = target.strip().partition(".")
        if not sep or not dot or not name or not param or not value.strip():
            raise ValueError(
                f"--set {item!r}: expected NAME.PARAMETER=VALUE, e.g. --set lif_neuron.tau_m=10ms"
            )
        overrides.setdefault(name, {})[param.strip()] = value.strip()
    return overrides


def _check_overrides(overrides, names, quick, package) -> dict[str, dict]:
    """Every override checked against its comparison's PARAMETERS (imports the modules)."""
    from neurosim.parameters import resolve

    overrides = {k: dict(v) for k, v in (overrides or {}).items()}
    for name, params in overrides.items():
        if name not in names:
            raise registry.UnknownComparisonError(
                f"--set names {name!r}, which is not among the comparisons to run."
                f"{registry.did_you_mean(name, names)} Running: {', '.join(names)}."
            )
        module = registry.load(name, package)
        resolve(getattr(module, "PARAMETERS", ()), params, quick=quick, owner=f"{name}.run")
    return overrides


# -- the lock, the signals, the shared cache ------------------------------------------


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
    """A cache folder shared by this run's processes (see :mod:`neurosim._cache`)."""
    from neurosim._cache import CACHE_ENV

    if os.environ.get(CACHE_ENV):
        yield
        return
    _remove_stale_caches()
    folder = tempfile.mkdtemp(prefix=CACHE_PREFIX)
    in_use = open(os.path.join(folder, CACHE_IN_USE), "wb")
    try:
        fcntl.flock(in_use, fcntl.LOCK_EX)
        os.environ[CACHE_ENV] = folder
        yield
    finally:
        os.environ.pop(CACHE_ENV, None)
        shutil.rmtree(folder, ignore_errors=True)
        in_use.close()


# -- one comparison, one seed (in a worker process or in this one) ---------------------


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


def _freeze_layout(fig, digits: int = 6) -> None:
    """Run the figure's layout once, round every axes' position, then keep it fixed.

    Constrained layout's solver (kiwisolver) returns positions that differ between
    processes in their last bits (measured: rate_code_needs_time drew two PNG variants
    over five identical runs, and SVG clip ids hash the unrounded positions). Rounded
    to 1e-6 of the figure they are the same every time, and PNG and SVG share them.
    """
    import numpy as np
    from matplotlib.transforms import Bbox

    engine = fig.get_layout_engine()
    if engine is None:
        return
    saved = fig.dpi
    fig.set_dpi(PNG_DPI)  # lay out as the PNG is drawn (text sizes in pixels)
    try:
        fig.draw_without_rendering()
    finally:
        fig.set_dpi(saved)
    for ax in fig.axes:  # a locator (inset, colorbar) still places its axes at each draw
        corners = np.round(ax.get_position(original=True).get_points(), digits)
        ax.set_position(Bbox(corners), which="both")
    try:
        fig.set_layout_engine("none")
    except RuntimeError:  # a colorbar ties the figure to its engine: keep it, idle
        engine.execute = lambda _fig: None


def _render(fig) -> tuple[bytes, bytes]:
    """PNG and SVG bytes with no date, no software version and fixed SVG ids."""
    import matplotlib

    _freeze_layout(fig)
    png, svg = io.BytesIO(), io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}):
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()


def _run_task(
    name: str,
    seed: int,
    quick: bool,
    params: Mapping,
    draw: bool,
    package: str | None,
    source: str | None = None,
) -> _Result:
    """Run one comparison with one seed; plot and render it if ``draw``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from threadpoolctl import threadpool_limits

    start = time.perf_counter()
    # the comparisons' matrices are small: BLAS threads only compete with the
    # pipeline's worker processes (digits training measured 2.5x faster with one)
    limit = threadpool_limits(limits=1, user_api="blas")
    try:
        module = registry.load(name, package)
        extra = {} if source is None else {"source": source}
        findings = module.run(quick=quick, seed=seed, **extra, **dict(params))
        record = findings.to_dict()
        png = svg = None
        if draw:
            fig = module.plot(findings)
            try:
                png, svg = _render(fig)
            finally:
                plt.close(fig)
        return _Result(name, seed, True, time.perf_counter() - start, record, png, svg)
    except Exception:  # one failing comparison must not stop the others
        return _Result(name, seed, False, time.perf_counter() - start, error=traceback.format_exc())
    finally:
        limit.restore_original_limits()


# -- the run ---------------------------------------------------------------------------


def _timings_path(out: Path) -> Path:
    return out / STATE_DIR / "timings.json"


def _read_timings(out: Path) -> dict:
    try:
        with open(_timings_path(out), encoding="utf-8") as fh:
            timings = json.load(fh)
        return timings if isinstance(timings, dict) else {}
    except (OSError, ValueError):
        return {}


def _expected_seconds(name: str, timings: dict, quick: bool, package) -> float:
    """Run time per seed measured last time (same quality), else the module's COST hint."""
    entry = timings.get(name, {})
    seconds = entry.get("quick" if quick else "full") if isinstance(entry, dict) else None
    if isinstance(seconds, int | float) and seconds > 0:
        return float(seconds)
    return registry.cost(name, package)


def _remove_temporaries(out: Path):
    for tmp in out.glob(".*.tmp"):  # atomic_write's names; the lock keeps others out
        with contextlib.suppress(OSError):
            tmp.unlink()


def _stop_pool(pool: ProcessPoolExecutor):
    """Terminate the workers now (SIGTERM, then SIGKILL after 1 s)."""
    executors.stop_executor(pool)


def _seed_text(seeds: Sequence[int]) -> str:
    if len(seeds) == 1:
        return f"seed {seeds[0]}"
    if list(seeds) == list(range(seeds[0], seeds[0] + len(seeds))):
        return f"{len(seeds)} seeds ({seeds[0]}-{seeds[-1]})"
    return f"{len(seeds)} seeds ({', '.join(map(str, seeds))})"


def generate(
    names: Sequence[str] | None = None,
    *,
    out: str | os.PathLike = "figures",
    quick: bool = False,
    seed: int = 0,
    seeds: Sequence[int] | None = None,
    jobs: int | None = None,
    overrides: Mapping[str, Mapping[str, object]] | None = None,
    progress: Callable[[str], None] | None = print,
    package: str | None = None,
    scheduler: str | None = None,
) -> list[Outcome]:
    """Run comparisons for every seed; write ``NAME.png`` (200 dpi), ``.svg``, ``.json``.

    Parameters
    ----------
    names : sequence of str, optional
        Comparisons to run; all of them (lecture order) when empty or None.
    out : path, default "figures"
        Output folder; its ``README.md`` gallery is regenerated at the end.
    quick : bool, default False
        Shorter simulations, same figures (for tests and live demos).
    seed : int, default 0
        The seed when ``seeds`` is not given.
    seeds : sequence of int, optional
        Seeds to run every comparison with (``0 <= seed < 2**32``, distinct). Each claim
        in ``NAME.json`` gets its value per seed, mean, 95 % t-interval and stability
        (:func:`neurosim.findings.combine_seeds`); the figure is the first seed's.
    jobs : int, optional
        Worker processes; default ``min(2, os.cpu_count(), number of runs)``. 1 runs
        everything in this process.
    overrides : mapping, optional
        ``{name: {parameter: value}}`` passed to that comparison's ``run(**params)``
        (values may be text such as ``"10ms"``); checked before anything runs.
    progress : callable, optional
        Called with one line of text per event (start, each figure finished, failure).
    package : str, optional
        Package holding the comparisons (default: :func:`neurosim.registry.package_name`).
    scheduler : str, optional
        A Dask scheduler address (``tcp://host:8786``): run the seeds on that cluster
        instead of local processes (:mod:`neurosim.executors`; needs ``neurosim[cluster]``).

    Returns
    -------
    list of Outcome, in the order of ``names``.

    Raises
    ------
    neurosim.registry.UnknownComparisonError
        If a name is unknown (before anything runs).
    OutputFolderError, RunLockedError, ValueError, TypeError
        For a bad output folder, a folder in use, bad seeds or overrides (before
        anything runs).
    KeyboardInterrupt
        After Ctrl-C or SIGTERM, once the workers are stopped and the gallery is
        rewritten from the files that exist.
    """
    package = registry.package_name(package)
    names = registry.resolve(names, package)
    seeds = check_seeds([seed] if seeds is None else seeds)
    out = check_out(out)
    overrides = _check_overrides(overrides, names, quick, package)
    last = [n for n in names if registry.runs_after_others(n, package)]
    first = [n for n in names if n not in last]
    n_runs = len(first) * len(seeds)
    if jobs is None:
        jobs = max(1, min(2, os.cpu_count() or 1, n_runs))
    jobs = check_int(jobs, "jobs", "generate", low=1)
    say = progress or (lambda _msg: None)
    total = len(names)
    start = time.perf_counter()
    outcomes: dict[str, Outcome] = {}
    timings_now: dict[str, float] = {}

    with _locked(out), _Signals() as signals, _shared_cache():
        timings = _read_timings(out)
        # longest first, so that the workers finish together; for one comparison its
        # seeds in order, so its figure (the first seed's) is ready early
        order = sorted(first, key=lambda n: -_expected_seconds(n, timings, quick, package))
        tasks = [(n, s) for n in order for s in seeds]
        pending: dict[str, dict[int, _Result]] = {n: {} for n in first}

        def finish(name: str, results: list[_Result], run_seeds: list[int]):
            seconds = sum(r.seconds for r in results)
            failed = [r for r in results if not r.ok]
            if failed:
                err = failed[0].error
                outcome = Outcome(name, False, seconds, error=err, seeds=run_seeds)
                last_line = err.strip().splitlines()[-1] if err.strip() else "error"
                where = f" (seed {failed[0].seed})" if len(run_seeds) > 1 else ""
                say(f"[{len(outcomes) + 1}/{total}] {name}: FAILED{where}: {last_line}")
            else:
                record = combine_seeds([r.record for r in results], run_seeds)
                record = {**record, "quick": bool(quick), "seed": run_seeds[0], "seeds": run_seeds}
                text = json.dumps(record, indent=2) + "\n"
                head = results[0]
                with signals.hold():
                    files = [
                        atomic_write(out / f"{name}.png", lambda t: Path(t).write_bytes(head.png)),
                        atomic_write(out / f"{name}.svg", lambda t: Path(t).write_bytes(head.svg)),
                        atomic_write(
                            out / f"{name}.json", lambda t: Path(t).write_text(text, "utf-8")
                        ),
                    ]
                outcome = Outcome(
                    name, True, seconds, [str(f) for f in files], record["claims"], seeds=run_seeds
                )
                timings_now[name] = seconds / len(results)
                unstable = sum(c.get("verdict") == "unstable" for c in record["claims"])
                note = f", {unstable} unstable claim(s)" if unstable else ""
                say(f"[{len(outcomes) + 1}/{total}] {name}: done in {seconds:.1f} s{note}")
            outcomes[name] = outcome

        def collect(result: _Result):
            got = pending[result.name]
            got[result.seed] = result
            if len(got) == len(seeds):
                finish(result.name, [got[s] for s in seeds], seeds)

        mode = "quick" if quick else "full quality"
        say(
            f"Generating {total} figure(s) ({mode}, {_seed_text(seeds)}) into {out}/ "
            + (f"on the Dask scheduler {scheduler}" if scheduler else f"with {jobs} process(es)")
        )
        try:
            if scheduler is None and (jobs == 1 or n_runs <= 1):
                for name, s in tasks:
                    draw = s == seeds[0]
                    collect(_run_task(name, s, quick, overrides.get(name, {}), draw, package))
            elif tasks:
                # local worker processes or a Dask cluster; stopped at once on Ctrl-C
                with executors.open_executor(jobs, scheduler) as pool:
                    submitted = {
                        pool.submit(
                            _run_task, n, s, quick, overrides.get(n, {}), s == seeds[0], package
                        ): (n, s)
                        for n, s in tasks
                    }
                    for future in executors.completed(submitted):
                        try:
                            result = future.result()
                        except Exception:  # the worker died (killed, out of memory)
                            n, s = submitted[future]
                            result = _Result(n, s, False, 0.0, error=traceback.format_exc())
                        collect(result)
            for name in last:
                say(f"  running {name} (reads the others' claims) ...")
                result = _run_task(
                    name, seeds[0], quick, overrides.get(name, {}), True, package, str(out)
                )
                finish(name, [result], seeds[:1])
        except KeyboardInterrupt:
            with signals.ignore():
                _remove_temporaries(out)
                with contextlib.suppress(Exception):
                    write_gallery(out, package)
            done = [n for n in names if n in outcomes and outcomes[n].ok]
            listed = f": {', '.join(done)}" if done else ""
            say(
                f"Interrupted after {time.perf_counter() - start:.1f} s: {len(done)} of {total} "
                f"figure(s) finished{listed}; the rest stopped, no partial files left."
            )
            raise
        _remove_temporaries(out)
        if timings_now:
            for name, seconds in timings_now.items():
                entry = timings.get(name) if isinstance(timings.get(name), dict) else {}
                timings[name] = {**entry, ("quick" if quick else "full"): round(seconds, 2)}
            text = json.dumps(timings, indent=2, sort_keys=True) + "\n"
            atomic_write(_timings_path(out), lambda t: Path(t).write_text(text, "utf-8"))
        with signals.hold():
            write_gallery(out, package)
    failed = [n for n in names if not outcomes[n].ok]
    summary = f"Finished in {time.perf_counter() - start:.1f} s"
    if failed:
        summary += f"; {len(failed)} failed: {', '.join(failed)}"
        for name in failed:
            say(f"\n--- {name} ---\n{outcomes[name].error}")
    say(summary + f". Gallery: {out / 'README.md'}")
    return [outcomes[n] for n in names]


# -- the gallery -----------------------------------------------------------------------

_VERDICT_MARK = {
    "holds": "holds ✓",
    "partly": "partly ~",
    "fails": "fails ✗",
    "unstable": "**unstable** ⚠",
}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def measured_text(claim: Mapping) -> str:
    """A claim's value for a table: ``"10 Hz"``, or over seeds ``"10 Hz [9.8, 10.2]"``."""
    unit = claim.get("unit", "")
    values = claim.get("values")
    if not values or len(values) < 2:
        return format_value(claim.get("value"), unit)
    mean = claim.get("mean")
    interval = claim.get("interval")
    if interval is None:
        return format_value(mean, unit)
    low, high = interval
    return f"{format_value(mean, unit)} [{format_value(low)}, {format_value(high)}]"


def stability_text(claim: Mapping) -> str:
    """``"4/5"``: how many seeds reach the majority verdict."""
    values = claim.get("values") or [claim.get("value")]
    stability = claim.get("stability", 1.0)
    n = len(values)
    return f"{round(stability * n)}/{n}"


def write_gallery(out: str | os.PathLike, package: str | None = None) -> Path:
    """Regenerate ``out/README.md`` from the JSON records (and figures) present in ``out``.

    Figures appear in lecture order, each with its question and its claims (the
    measured value, or over several seeds the mean, its 95 % interval and how many
    seeds agree, and the verdict). A comparison is listed only if its JSON record
    and its PNG both exist. Nothing in it depends on when or how fast it ran.
    """
    import importlib

    out = Path(out)
    try:
        order = tuple(importlib.import_module(registry.package_name(package)).ORDER)
    except (ImportError, AttributeError):
        order = ()
    stems = sorted(p.stem for p in out.glob("*.json"))
    present = [n for n in order if n in stems] + [n for n in stems if n not in order]
    present = [n for n in present if (out / f"{n}.png").exists()]
    lines = [
        "# neurosim figure gallery",
        "",
        "Generated by `neurosim figures`; each figure comes with the claims it measured.",
        "The verdict says whether the measurement supports the analogy",
        '"an artificial (logistic) unit is like a spiking neuron": **holds**, **partly** or '
        "**fails**, computed from the value by the rule the comparison declares.",
        "Claims about one model alone (an ANN's own accuracy, an f-I curve against its",
        "closed form) say whether the lecture's statement about that model holds; the",
        "closing scorecard counts only the claims about the analogy.",
        "",
        "Run with several seeds, a claim shows the mean over seeds with its 95 % interval",
        f"in brackets ({INTERVAL_KIND}) and how many seeds reach the",
        "majority verdict; a claim on which fewer than 80 % of the seeds agree is **unstable**",
        "(it counts neither way). The figure shows the first seed.",
        "",
    ]
    number = 0
    for name in present:
        try:
            with open(out / f"{name}.json", encoding="utf-8") as fh:
                record = json.load(fh)
        except (OSError, ValueError):
            continue
        number += 1
        quality = "quick run" if record.get("quick") else "full quality"
        seeds = record.get("seeds") or [record.get("seed", "?")]
        seed_text = _seed_text(seeds) if all(isinstance(s, int) for s in seeds) else "seed ?"
        lines += [
            f"## {number}. `{name}`",
            "",
            f"**{record.get('question', '')}**",
            "",
            f"![{name}]({name}.png)",
            "",
            f"_{quality}, {seed_text}._",
            "",
        ]
        claims = record.get("claims", [])
        if not claims:
            continue
        several = len(seeds) > 1
        if several:
            lines += [
                "| claim | mean [95 % interval] | seeds agreeing | verdict |",
                "|---|---|---|---|",
            ]
        else:
            lines += ["| claim | measured | verdict |", "|---|---|---|"]
        for c in claims:
            mark = _VERDICT_MARK.get(c.get("verdict"), c.get("verdict", ""))
            about = c.get("about", "analogy")
            statement = _cell(c.get("statement", ""))
            if about != "analogy":
                statement += f" _({about} model alone)_"
            cells = [statement, _cell(measured_text(c))]
            if several:
                cells.append(stability_text(c))
            cells.append(mark)
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    text = "\n".join(lines)
    return atomic_write(out / "README.md", lambda t: Path(t).write_text(text, "utf-8"))
