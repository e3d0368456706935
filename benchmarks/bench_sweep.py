"""Benchmark ``neurosim sweep`` on a Dask cluster: 1 worker against 2, and per-job overhead.

A fake comparison (written to a temporary package) burns ``work`` seconds of CPU in a
busy loop per run. A 3-point x 5-seed quick sweep (15 jobs of ~1 s) runs on a local Dask
cluster with 1 and then 2 single-threaded worker processes; the speed-up is their wall
time ratio (target >= 1.7x on 2 free cores). The per-job overhead is measured with
``work=0``: wall time per job on 1 worker (submit, pickle, import, result, table).

    PYTHONPATH=$PWD python benchmarks/bench_sweep.py [--work 1.0] [--seeds 5]

The numbers depend on what else the machine runs (2 busy cores give no speed-up).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import textwrap
import time
from pathlib import Path

BUSY = '''
"""A fake comparison that burns ``work`` seconds of CPU (for benchmarks)."""
import time

from neurosim.contract.module import begin
from neurosim.contract import Rule
from neurosim.contract.parameters import Parameter

NAME = "busy"
QUESTION = "How long does a busy job take?"
PARAMETERS = (
    Parameter("level", 1.0, "the measured value", low=0, high=100),
    Parameter("work", 1.0, "CPU seconds to burn", low=0, high=60),
)
COST = 1.0


def run(*, quick=False, seed=0, **params):
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed)
    end = time.process_time() + p.work
    x = 0
    while time.process_time() < end:  # the clock is a system call: read it rarely
        for i in range(20_000):
            x += i
    findings.data = {"level": p.level}
    findings.claim("the level", p.level + 0.01 * seed, "", rule=Rule.at_least(1, reason="one"),
                   aspect="output code", key=True)
    return findings


def plot(findings):
    raise NotImplementedError
'''


def _package(folder: Path) -> str:
    pkg = folder / "bench_fakes"
    pkg.mkdir()
    (pkg / "__init__.py").write_text('ORDER = ("busy",)\n')
    (pkg / "busy.py").write_text(textwrap.dedent(BUSY))
    return "bench_fakes"


def _timed_sweep(address, grid: dict, seeds, out: Path, jobs=None) -> float:
    from neurosim.run.sweep import sweep

    start = time.perf_counter()
    result = sweep(
        "busy", grid, seeds=seeds, quick=True, out=out, scheduler=address, jobs=jobs, progress=None
    )
    seconds = time.perf_counter() - start
    if not result.ok:
        raise SystemExit(f"sweep failed: {result.errors}")
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=float, default=1.0, help="CPU seconds per job")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--overhead-jobs", type=int, default=20)
    args = parser.parse_args(argv)

    from distributed import LocalCluster

    from neurosim.contract import registry

    tmp = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    package = _package(tmp)
    sys.path.insert(0, str(tmp))
    root = str(Path(__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join([str(tmp), root, os.environ.get("PYTHONPATH", "")])
    os.environ[registry.PACKAGE_ENV] = package
    grid = {"level": ["1", "2", "3"], "work": [f"{args.work:g}"]}
    seeds = range(args.seeds)
    n_jobs = 3 * args.seeds
    print(f"{n_jobs} jobs of {args.work:g} s CPU each (3 points x {args.seeds} seeds), quick")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    walls = {}
    for workers in (1, 2):
        with LocalCluster(
            n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster:
            # warm-up: the workers import neurosim and the comparison once
            _timed_sweep(cluster.scheduler_address, {"work": ["0"]}, [0], tmp / "warm")
            walls[workers] = _timed_sweep(
                cluster.scheduler_address, grid, seeds, tmp / f"w{workers}"
            )
            print(
                f"  {workers} worker(s): {walls[workers]:.2f} s wall "
                f"({walls[workers] / n_jobs:.3f} s per job)"
            )
            if workers == 1:
                k = args.overhead_jobs
                empty = {"level": [str(i) for i in range(1, k + 1)], "work": ["0"]}
                seconds = _timed_sweep(cluster.scheduler_address, empty, [0], tmp / "empty")
                overhead = seconds / k
    local = {}
    for jobs in (1, 2):  # the same sweep on local worker processes, for reference
        local[jobs] = _timed_sweep(None, grid, seeds, tmp / f"l{jobs}", jobs=jobs)
    print(
        f"  local processes: 1 job {local[1]:.2f} s, 2 jobs {local[2]:.2f} s wall "
        f"(speed-up {local[1] / local[2]:.2f}x; 1 job runs in this process)"
    )
    k = args.overhead_jobs
    empty = {"level": [str(i) for i in range(1, k + 1)], "work": ["0"]}
    start = time.perf_counter()
    _timed_sweep(None, empty, [0], tmp / "lempty", jobs=2)
    print(f"  local pool (2 jobs), work=0: {1000 * (time.perf_counter() - start) / k:.1f} ms/job")
    speedup = walls[1] / walls[2]
    ideal = n_jobs * args.work
    print(f"Dask speed-up 2 vs 1 worker: {speedup:.2f}x (target >= 1.7x)")
    print(f"Dask per-job overhead (work=0, 1 worker): {1000 * overhead:.1f} ms")
    print(f"1-worker efficiency: {ideal / walls[1]:.0%} of {ideal:.0f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
