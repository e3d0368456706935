"""Sweep one comparison's parameters over a grid and several seeds.

``neurosim sweep lif_neuron --set tau_m=5ms,10ms,20ms --seeds 5`` runs ``run(quick=...,
seed=s, tau_m=...)`` for every grid point (the cartesian product of the ``--set`` lists)
and every seed, in local worker processes or on a Dask cluster (``--scheduler``, see
:mod:`neurosim.run.executors`), and writes into the output folder:

* ``NAME_sweep.csv``: one row per grid point, seed and claim (the swept parameters in
  their declared units, the seed, the claim's number and statement, value, unit, verdict);
* ``NAME_sweep.json``: the swept parameters with units, every claim with its rule, and
  per grid point the claims merged over the seeds (:func:`neurosim.contract.combine_seeds`:
  value = mean over seeds, its 95 % t-interval, the verdict of that mean, stability);
* ``NAME_sweep.png``: each key claim (all claims about the analogy if none is key) against
  the first swept parameter, mean and interval over the seeds, with the rule's "holds" and
  "partly" bands shaded (:func:`plot_sweep`, drawn in :mod:`neurosim.run.sweep_figure`).

A comparison that batches (``@seeds_as_batch``) runs its points and seeds together
(``run.run_many``): values the engine holds per neuron become neurons of one Brian2 run,
each point's findings identical to its own run. A small sweep runs in this process
(:func:`_default_jobs`).

Same grid, seeds and comparison: the same bytes, whether run locally or on a cluster.
Every value is checked (declared name with did-you-mean, unit, range) before anything runs.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import os
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from neurosim.contract import combine_seeds, registry
from neurosim.core.constraints import (
    BOOL,
    CALLABLE,
    COUNT,
    TEXT,
    InstanceOf,
    ListOf,
    MappingOf,
    Unchecked,
    validate,
)
from neurosim.core.io import atomic_write
from neurosim.run import executors

# the figure lives in neurosim/_sweep_figure.py; its constants stay importable from here
from neurosim.run.sweep_figure import HOLDS_COLOR as HOLDS_COLOR
from neurosim.run.sweep_figure import MAX_PANELS as MAX_PANELS
from neurosim.run.sweep_figure import PARTLY_COLOR as PARTLY_COLOR
from neurosim.run.sweep_figure import _png_bytes, plot_sweep

__all__ = ["Axis", "SweepResult", "check_grid", "parse_grid", "plot_sweep", "sweep"]


@dataclass(frozen=True)
class Axis:
    """One swept parameter: its declaration, the values as typed and as plain numbers."""

    parameter: object  # neurosim.contract.parameters.Parameter
    texts: tuple[str, ...]
    values: tuple  # plain, in the parameter's unit

    @property
    def name(self) -> str:
        return self.parameter.name

    @property
    def unit(self) -> str:
        return self.parameter.unit


@dataclass
class SweepResult:
    """What a sweep wrote and measured."""

    name: str
    files: list[Path]
    record: dict
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors


#: the swept values of each parameter: text ("10ms"), numbers or quantities, checked
#: against the comparison's declared PARAMETERS
_GRID = MappingOf(ListOf(Unchecked("checked against the comparison's PARAMETERS")))


@validate(items=ListOf(InstanceOf(str), min_len=0), comparison=[TEXT, None])
def parse_grid(items: Iterable[str], comparison: str | None = None) -> dict[str, list[str]]:
    """``["tau_m=5ms,10ms", "gain=1,2"]`` -> ``{"tau_m": ["5ms", "10ms"], "gain": ["1", "2"]}``.

    Raises
    ------
    ValueError
        For an item without ``=``, an empty list of values, a parameter given twice, or
        a ``NAME.`` prefix naming another comparison than ``comparison``.
    """
    grid: dict[str, list[str]] = {}
    for item in items:
        name, sep, values = str(item).partition("=")
        name = name.strip()
        if "." in name:  # "lif_neuron.tau_m=..." as for `figures`: the comparison is given
            prefix, _, name = name.rpartition(".")
            if comparison is not None and prefix != comparison:
                raise ValueError(
                    f"--set {item!r} names {prefix!r}, but the sweep runs {comparison!r}; "
                    f"write --set {name}=..."
                )
        if not sep or not name:
            raise ValueError(
                f"--set {item!r}: expected PARAMETER=V1,V2,..., e.g. --set tau_m=5ms,10ms,20ms"
            )
        texts = [v.strip() for v in values.split(",")]
        if not any(texts):
            raise ValueError(
                f"--set {item!r}: the list of values for {name!r} is empty; "
                f"give at least one, e.g. --set {name}=1,2,3"
            )
        if not all(texts):
            raise ValueError(f"--set {item!r}: an empty value in the list (two commas?)")
        if name in grid:
            raise ValueError(f"--set gives {name!r} twice; put all its values in one list.")
        if len(set(texts)) != len(texts):
            raise ValueError(f"--set {item!r}: a value is repeated.")
        grid[name] = texts
    if not grid:
        raise ValueError("Nothing to sweep: give at least one --set PARAMETER=V1,V2,...")
    return grid


@validate(module=InstanceOf(ModuleType, text="a comparison module"), grid=_GRID, quick=BOOL)
def check_grid(module, grid: Mapping[str, Sequence], *, quick: bool = False) -> list[Axis]:
    """Check every swept value against the comparison's ``PARAMETERS``; return the axes.

    Raises
    ------
    TypeError or ValueError
        For an unknown parameter (did-you-mean and the valid names), a value of the wrong
        unit or kind, or out of the declared range, naming the parameter.
    """
    from neurosim.contract.parameters import resolve

    name = getattr(module, "NAME", module.__name__.rpartition(".")[2])
    owner = f"{name}.run"
    declared = {p.name: p for p in getattr(module, "PARAMETERS", ())}
    axes = []
    for param, texts in grid.items():
        resolve(declared.values(), {param: texts[0]}, quick=quick, owner=owner)  # the name
        p = declared[param]
        values = tuple(p.check(t, owner) for t in texts)
        if len(set(values)) != len(values):
            raise ValueError(f"--set {param}: two values are the same ({', '.join(texts)}).")
        axes.append(Axis(p, tuple(str(t) for t in texts), values))
    return axes


#: What a worker process costs before its first run: importing neurosim, Brian2 and
#: matplotlib (measured 2.5-3.5 s on 2 cores; ``python -c "import neurosim.comparisons.
#: lif_neuron"``). A sweep whose work is smaller than two of these runs in this process.
WORKER_START_SECONDS = 3.0
#: A quick run's rough share of a full run's ``COST`` (lif_neuron: 0.47 s of 1.7 s).
QUICK_SHARE = 0.25


def _default_jobs(name: str, package: str | None, n_runs: int, quick: bool) -> int:
    """Worker processes for a sweep: none (this process) when the estimated work, ``COST``
    per run, is below two worker start-ups; else one per core, at most 2 and ``n_runs``."""
    work = registry.cost(name, package) * n_runs * (QUICK_SHARE if quick else 1.0)
    if work < 2 * WORKER_START_SECONDS:
        return 1
    return max(1, min(2, os.cpu_count() or 1, n_runs))


def _split(items: Sequence, k: int) -> list[Sequence]:
    """``items`` in ``k`` contiguous parts of near-equal size (none empty)."""
    k = max(1, min(k, len(items)))
    size, extra = divmod(len(items), k)
    bounds = [0]
    for j in range(k):
        bounds.append(bounds[-1] + size + (1 if j < extra else 0))
    return [items[a:b] for a, b in itertools.pairwise(bounds)]


def _points(axes: Sequence[Axis]) -> list[tuple[int, ...]]:
    return list(itertools.product(*(range(len(a.values)) for a in axes)))


def _number(value) -> str:
    """A number for the CSV: exact (repr) so that identical runs give identical bytes."""
    if value is None:
        return "nan"
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def _csv_text(axes, points, seeds, records) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = [f"{a.name} [{a.unit}]" if a.unit else a.name for a in axes]
    writer.writerow(
        ["point", *columns, "seed", "claim", "statement", "value", "unit", "verdict", "key"]
    )
    for k, point in enumerate(points):
        values = [_number(a.values[i]) for a, i in zip(axes, point, strict=True)]
        for seed in seeds:
            record = records.get((point, seed))
            if record is None:
                continue
            for j, c in enumerate(record["claims"]):
                writer.writerow(
                    [
                        k,
                        *values,
                        seed,
                        j,
                        c["statement"],
                        _number(c["value"]),
                        c["unit"],
                        c["verdict"],
                        int(bool(c.get("key"))),
                    ]
                )
    return buffer.getvalue()


def _record(name, module, axes, points, seeds, quick, records, errors) -> dict:
    claims_meta = []
    first = None
    for point in points:  # the claims as the first complete point declares them
        got = [records.get((point, s)) for s in seeds]
        if all(got):
            first = got[0]
            break
    if first is not None:
        for j, c in enumerate(first["claims"]):
            claims_meta.append(
                {
                    "claim": j,
                    "statement": c["statement"],
                    "label": c.get("label", ""),
                    "unit": c["unit"],
                    "rule": c["rule"],
                    "about": c.get("about", "analogy"),
                    "aspect": c.get("aspect"),
                    "key": bool(c.get("key")),
                }
            )
    grid_points = []
    for k, point in enumerate(points):
        got = [records.get((point, s)) for s in seeds]
        entry = {
            "point": k,
            "parameters": {a.name: a.values[i] for a, i in zip(axes, point, strict=True)},
        }
        if all(got):
            merged = combine_seeds(got, list(seeds))["claims"]
            entry["claims"] = [
                {
                    key: c.get(key)
                    for key in (
                        "value",
                        "values",
                        "verdicts",
                        "interval",
                        "stability",
                        "unstable",
                        "verdict",
                        "direction",
                    )
                }
                for c in merged
            ]
        else:
            entry["claims"] = None
        grid_points.append(entry)
    return {
        "name": name,
        "question": getattr(module, "QUESTION", ""),
        "quick": bool(quick),
        "seeds": list(seeds),
        "swept": [
            {
                "name": a.name,
                "unit": a.unit,
                "help": a.parameter.help,
                "values": list(a.values),
                "given": list(a.texts),
            }
            for a in axes
        ],
        "fixed": {
            k: v
            for k, v in ((first or {}).get("settings", {}).get("parameters", {}) or {}).items()
            if k not in {a.name for a in axes}
        },
        "claims": claims_meta,
        "points": grid_points,
        "failed": len(errors),
    }


@validate(
    name=TEXT,
    grid=_GRID,
    seeds=ListOf(Unchecked("checked by check_seeds"), min_len=0),
    quick=BOOL,
    out=Unchecked("checked by check_out"),
    jobs=[COUNT, None],
    scheduler=[TEXT, None],
    package=[TEXT, None],
    progress=[CALLABLE, None],
)
def sweep(
    name: str,
    grid: Mapping[str, Sequence],
    *,
    seeds: Sequence[int] = (0,),
    quick: bool = False,
    out: str | os.PathLike = "sweeps",
    jobs: int | None = None,
    scheduler: str | None = None,
    package: str | None = None,
    progress: Callable[[str], None] | None = print,
) -> SweepResult:
    """Run comparison ``name`` for every grid point and seed; write CSV, JSON and PNG.

    Parameters
    ----------
    name : str
        The comparison.
    grid : mapping
        ``{parameter: [values]}``; values as text (``"10ms"``) or quantities/numbers.
    seeds : sequence of int, default (0,)
    quick : bool, default False
    out : path, default "sweeps"
        Output folder for ``NAME_sweep.csv``, ``.json`` and ``.png``.
    jobs : int, optional
        Local worker processes; 1 runs here. Default: 1 when the estimated work (the
        comparison's ``COST`` per run, a quarter of it when quick) is below two worker
        start-ups (:data:`WORKER_START_SECONDS`), else ``min(2, cpus, runs)``.
    scheduler : str, optional
        A Dask scheduler address: run the jobs on that cluster instead.
    package : str, optional
        The comparisons' package (default: :func:`neurosim.contract.registry.package_name`).
    progress : callable, optional
        Called with one line per event.

    Raises
    ------
    neurosim.contract.registry.UnknownComparisonError, TypeError, ValueError
        Unknown comparison or parameter, bad value, bad seeds or folder (before any run).
    neurosim.run.executors.SchedulerError
        A scheduler that does not answer within a few seconds, or Dask missing.
    """
    from neurosim.run.guards import _shared_cache, _Signals
    from neurosim.run.pipeline import check_out, check_seeds
    from neurosim.run.tasks import _lost, _run_calls_task

    package = registry.package_name(package)
    module = registry.load(name, package)
    if registry.runs_after_others(name, package):
        raise ValueError(
            f"{name} reads the other comparisons' figures folder; it cannot be swept. "
            "Sweep one of the comparisons it reads instead."
        )
    seeds = check_seeds(seeds)
    grid = {k: [str(v) if not isinstance(v, str) else v for v in vs] for k, vs in grid.items()}
    if not grid:
        raise ValueError("Nothing to sweep: give at least one parameter with its values.")
    for param, values in grid.items():
        if not values:
            raise ValueError(f"The list of values for {param!r} is empty.")
    axes = check_grid(module, grid, quick=quick)
    out = check_out(out)
    points = _points(axes)
    # no random input: every seed would repeat the same run, so one seed stands for all
    deterministic = registry.deterministic(name, package)
    asked, seeds = len(seeds), seeds[:1] if deterministic else seeds
    calls = [(p, s) for p in points for s in seeds]
    n_runs = len(calls)
    batched = registry.batches(name, package)
    if jobs is None:
        jobs = _default_jobs(name, package, n_runs, quick)
    # a comparison that batches runs its points and seeds as one job per worker (values
    # the engine holds per neuron become neurons of one group); on a cluster, whose size
    # is not known here, one job per point; the others, one job per run
    if not batched:
        tasks = [[c] for c in calls]
    elif scheduler is None:
        tasks = [list(c) for c in _split(calls, jobs)]
    else:
        tasks = [[(p, s) for s in seeds] for p in points]
    jobs = min(jobs, len(tasks))
    say = progress or (lambda _msg: None)
    where = f"on the Dask scheduler {scheduler}" if scheduler else f"with {jobs} process(es)"
    say(
        f"Sweeping {name}: {len(points)} grid point(s) x {len(seeds)} seed(s) = "
        f"{n_runs} run(s) ({'quick' if quick else 'full quality'}) {where}"
        + (
            f"; no random input, so seed {seeds[0]} stands for all {asked}"
            if asked > 1 and deterministic
            else ""
        )
        + ("; batched" if batched and n_runs > len(tasks) else "")
    )
    start = time.perf_counter()
    records: dict[tuple, dict] = {}
    errors: list[str] = []

    def params_of(point):
        return {a.name: a.texts[i] for a, i in zip(axes, point, strict=True)}

    def args_of(chunk):
        return tuple((seed, params_of(point)) for point, seed in chunk)

    def collect(point, seed, result):
        if result.ok:
            records[(point, seed)] = result.record
        else:
            last = result.error.strip().splitlines()[-1] if result.error.strip() else "error"
            text = ", ".join(f"{k}={v}" for k, v in params_of(point).items())
            errors.append(f"{text}, seed {seed}: {last}")
            say(f"  FAILED {text}, seed {seed}: {last}")
        done = len(records) + len(errors)
        if done == n_runs or done % max(1, math.ceil(n_runs / 5)) == 0:
            say(f"  [{done}/{n_runs}] runs finished")

    # local workers share work (a trained network) through one cache folder per run;
    # a cluster's long-lived workers keep it in memory
    with _Signals(), _shared_cache():
        try:
            if scheduler is None and jobs == 1:
                for chunk in tasks:
                    results = _run_calls_task(name, args_of(chunk), quick, package)
                    for (point, seed), result in zip(chunk, results, strict=True):
                        collect(point, seed, result)
            else:
                with executors.open_executor(jobs, scheduler) as pool:
                    submitted = {
                        pool.submit(_run_calls_task, name, args_of(chunk), quick, package): chunk
                        for chunk in tasks
                    }
                    for future in executors.completed(submitted):
                        chunk = submitted[future]
                        try:
                            results = future.result()
                        except Exception:  # the worker died
                            results = _lost(name, [s for _, s in chunk], traceback.format_exc())
                        for (point, seed), result in zip(chunk, results, strict=True):
                            collect(point, seed, result)
        except KeyboardInterrupt:
            say(
                f"Interrupted after {time.perf_counter() - start:.1f} s: "
                f"{len(records)} of {n_runs} run(s) finished; nothing written."
            )
            raise
        record = _record(name, module, axes, points, seeds, quick, records, errors)
        stem = f"{name}_sweep"
        csv_text = _csv_text(axes, points, seeds, records)
        json_text = json.dumps(record, indent=2) + "\n"
        files = [
            atomic_write(out / f"{stem}.csv", lambda t: Path(t).write_text(csv_text, "utf-8")),
            atomic_write(out / f"{stem}.json", lambda t: Path(t).write_text(json_text, "utf-8")),
        ]
        if record["claims"] and any(p["claims"] for p in record["points"]):
            import matplotlib.pyplot as plt

            fig = plot_sweep(record)
            try:
                png = _png_bytes(fig)
            finally:
                plt.close(fig)
            files.append(atomic_write(out / f"{stem}.png", lambda t: Path(t).write_bytes(png)))
    seconds = time.perf_counter() - start
    note = f"; {len(errors)} run(s) failed" if errors else ""
    say(f"Finished in {seconds:.1f} s{note}. Wrote {', '.join(str(f) for f in files)}")
    return SweepResult(name, files, record, errors, seconds)
