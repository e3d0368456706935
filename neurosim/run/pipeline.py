"""Turn comparisons into figures: run every seed, plot the first, write PNG + SVG + JSON.

``generate(names, seeds=[0, 1, 2, 3, 4])`` runs every comparison once per seed in
parallel worker processes (the longest first, as timed by the previous run), merges
each comparison's claims over the seeds (:func:`neurosim.contract.combine_seeds`:
values per seed, mean, 95 % t-interval, stability, "unstable" verdicts) and writes
``NAME.json`` with the first seed's ``NAME.png`` and ``NAME.svg``, then the gallery
``README.md``. Comparisons that read the others' output (the scorecard) run last.

Promises:

* **Same seed, same bytes.** No run time or date goes into the JSON records, the gallery
  or the figures (SVG with a fixed hash salt and no date, PNG without metadata). Run
  times go to ``OUT/.neurosim/timings.json`` (state for scheduling, not output).
  Constrained layout's solver differs between processes in the last bits, so the
  layout is computed once and rounded before drawing
  (:func:`neurosim.plotting.style.freeze_layout`), and each file is drawn once.
* **Nothing half-written.** Workers only compute and return bytes; this process writes
  every file atomically (temporary file + rename), and an interruption (Ctrl-C,
  SIGTERM) is held back while one comparison's files are written. On an interruption
  the workers are terminated at once, temporary files removed, the gallery rewritten
  from what exists, and one line says what finished.
* **No orphans.** Killed with SIGKILL, this process cannot stop anything: its workers
  notice that their parent is gone and end (:func:`neurosim.run.guards._die_with_parent`),
  the kernel releases the lock, and the next run removes the temporary files left
  behind (and the killed run's shared cache folder,
  :func:`neurosim.run.guards._remove_stale_caches`).
* **Errors before work.** The output folder, the seeds and the ``--set`` overrides are
  checked before anything runs; a lock file in ``OUT/.neurosim/`` stops two runs from
  mixing their files.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from neurosim.contract import combine_seeds, registry
from neurosim.core.constraints import (
    BOOL,
    CALLABLE,
    COUNT,
    PATH,
    SEED,
    TEXT,
    Constraint,
    InstanceOf,
    ListOf,
    MappingOf,
    param_error,
    validate,
)
from neurosim.core.io import atomic_write
from neurosim.run import executors
from neurosim.run.gallery import _seed_text, measured_text, stability_text, write_gallery
from neurosim.run.guards import (
    STATE_DIR,
    RunLockedError,
    _locked,
    _remove_temporaries,
    _shared_cache,
    _Signals,
)

# defined here before neurosim/run/tasks.py: still importable from here
from neurosim.run.tasks import PNG_DPI as PNG_DPI
from neurosim.run.tasks import SVG_HASHSALT as SVG_HASHSALT
from neurosim.run.tasks import _lost, _Result, _run_seeds_task, _run_task, _seed_jobs

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
#: Seeds are 32-bit: numpy's and Brian2's generators both take them.
SEED_LIMIT = 2**32


class OutputFolderError(ValueError):
    """The output folder cannot be written to."""


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


# -- checks made before anything runs --------------------------------------------------


#: seeds: distinct, 0 <= seed < 2**32
SEEDS = ListOf(SEED, distinct=True)


class _OutputFolder(Constraint):
    """A path to write into: what :data:`PATH` says, an empty one an OutputFolderError."""

    def text(self) -> str:
        return PATH.text()

    def check(self, value, name: str, owner: str = ""):
        if isinstance(value, str) and not value.strip():
            raise param_error(
                name,
                owner,
                "a folder (not empty)",
                value,
                "Give one, e.g. --out figures.",
                cls=OutputFolderError,
            )
        return PATH.check(value, name, owner)

    def bad_values(self, good=None):
        return PATH.bad_values(good)


OUT = _OutputFolder()


@validate(out=OUT, make=BOOL)
def check_out(out, *, make: bool = True) -> Path:
    """The output folder as a Path, created if missing (``make=False``: only checked that
    it could be); a clear error if it cannot be.

    Raises
    ------
    OutputFolderError
        For ``""``, a path that is a file, or a folder that cannot be written to.
    """
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
    if make:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputFolderError(
                f"The output folder {str(path)!r} cannot be made: {err}"
            ) from None
    return path


@validate("generate", seeds=SEEDS)
def check_seeds(seeds: Iterable[int]) -> list[int]:
    """Distinct integers with ``0 <= seed < 2**32``, in the given order (at least one).

    Raises
    ------
    ValueError or TypeError
        Naming the bad seed and the allowed range.
    """
    return list(seeds)


@validate(items=ListOf(InstanceOf(str), min_len=0))
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
    from neurosim.contract.parameters import resolve

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


@validate(
    names=[ListOf(TEXT, min_len=0), None],
    out=OUT,
    quick=BOOL,
    seed=SEED,
    seeds=[SEEDS, None],
    jobs=[COUNT, None],
    overrides=[MappingOf(MappingOf()), None],
    progress=[CALLABLE, None],
    package=[TEXT, None],
    scheduler=[TEXT, None],
)
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
        (:func:`neurosim.contract.combine_seeds`); the figure is the first seed's.
    jobs : int, optional
        Worker processes; default ``min(2, os.cpu_count(), number of runs)``. 1 runs
        everything in this process.
    overrides : mapping, optional
        ``{name: {parameter: value}}`` passed to that comparison's ``run(**params)``
        (values may be text such as ``"10ms"``); checked before anything runs.
    progress : callable, optional
        Called with one line of text per event (start, each figure finished, failure).
    package : str, optional
        Package holding the comparisons (default: :func:`neurosim.contract.registry.package_name`).
    scheduler : str, optional
        A Dask scheduler address (``tcp://host:8786``): run the seeds on that cluster
        instead of local processes (:mod:`neurosim.run.executors`; needs ``neurosim[cluster]``).

    Returns
    -------
    list of Outcome, in the order of ``names``.

    Raises
    ------
    neurosim.contract.registry.UnknownComparisonError
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
    out = check_out(out, make=False)
    overrides = _check_overrides(overrides, names, quick, package)
    out = check_out(out)  # made only once every argument is known to be good
    last = [n for n in names if registry.runs_after_others(n, package)]
    first = [n for n in names if n not in last]
    # a comparison with no random input runs once: more seeds would only repeat it
    seeds_of = {n: seeds[:1] if registry.deterministic(n, package) else list(seeds) for n in first}
    # a comparison that runs its seeds as a batch (one Brian2 run for all) is one job
    chunks_of = {n: _seed_jobs(n, v, package) for n, v in seeds_of.items()}
    n_runs = sum(len(v) for v in chunks_of.values())
    if jobs is None:
        jobs = max(1, min(2, os.cpu_count() or 1, n_runs))
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
        tasks = [(n, chunk) for n in order for chunk in chunks_of[n]]
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
                record = {
                    **record,
                    "quick": bool(quick),
                    "seed": run_seeds[0],
                    "seeds": run_seeds,
                    "deterministic": bool(record.get("settings", {}).get("deterministic")),
                }
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
                unstable = sum(bool(c.get("unstable")) for c in record["claims"])
                note = f", {unstable} unstable claim(s)" if unstable else ""
                say(
                    f"[{len(outcomes) + 1}/{total}] {name}: done in {seconds:.1f} s{note}"
                    + _time_left(name)
                )
            outcomes[name] = outcome

        def _time_left(done: str) -> str:
            """ ", about N min left": the wall time so far, scaled by the work still to do
            over the work done, each comparison's work its expected seconds per seed
            times its seeds (their ratios are what matter: machines differ by 1.5x, and
            drawing, workers and waiting are in the wall time)."""
            finished = [*outcomes, done]
            rest = [n for n in first if n not in finished]
            if not rest:
                return ""

            def work(names):
                return sum(
                    _expected_seconds(n, timings, quick, package) * len(seeds_of[n]) for n in names
                )

            left = (time.perf_counter() - start) * work(rest) / max(work(finished), 1e-9)
            if left >= 60:
                return f"; about {round(left / 60)} min left"
            return f"; about {max(1, round(left))} s left"

        def collect(result: _Result):
            got = pending[result.name]
            got[result.seed] = result
            run_seeds = seeds_of[result.name]
            if len(got) == len(run_seeds):
                finish(result.name, [got[s] for s in run_seeds], run_seeds)

        mode = "quick" if quick else "full quality"
        say(
            f"Generating {total} figure(s) ({mode}, {_seed_text(seeds)}) into {out}/ "
            + (f"on the Dask scheduler {scheduler}" if scheduler else f"with {jobs} process(es)")
        )
        try:
            if scheduler is None and (jobs == 1 or n_runs <= 1):
                for name, chunk in tasks:
                    draw = chunk[0] == seeds[0]
                    ov = overrides.get(name, {})
                    for result in _run_seeds_task(name, chunk, quick, ov, draw, package):
                        collect(result)
            elif tasks:
                # local worker processes or a Dask cluster; stopped at once on Ctrl-C
                with executors.open_executor(jobs, scheduler) as pool:
                    submitted = {
                        pool.submit(
                            _run_seeds_task,
                            n,
                            chunk,
                            quick,
                            overrides.get(n, {}),
                            chunk[0] == seeds[0],
                            package,
                        ): (n, chunk)
                        for n, chunk in tasks
                    }
                    for future in executors.completed(submitted):
                        try:
                            results = future.result()
                        except Exception:  # the worker died (killed, out of memory)
                            results = _lost(*submitted[future], traceback.format_exc())
                        for result in results:
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
