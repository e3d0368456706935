"""How long `neurosim figures` takes, full quality and --quick, from a cold start.

Runs the real command line in a fresh interpreter (so imports, Brian2's start-up and
code generation are all counted) into a temporary folder, and prints a table:

    python benchmarks/bench_figures.py [--repeats N] [--jobs N]

Targets (issue "comparison layer"): full run <= 60 s, --quick <= 20 s on 2 cores.
Baseline named in the table: the same run with --jobs 1 (no parallel processes).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed_run(args: list[str]) -> tuple[float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "neurosim", "figures", "--out", out, *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        total = time.perf_counter() - start
        # run times per comparison (per seed) are kept apart from the figures' records
        timings = json.loads((Path(out) / ".neurosim" / "timings.json").read_text())
        per = {name: t.get("quick", t.get("full", 0.0)) for name, t in timings.items()}
    return total, per


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    rows = []
    for label, extra in (("quick", ["--quick"]), ("full", [])):
        for jobs in (1, args.jobs):
            best, per = min(timed_run([*extra, "--jobs", str(jobs)]) for _ in range(args.repeats))
            rows.append((label, jobs, best, per))
    print(f"{'run':<6} {'jobs':>4} {'wall s':>8}   per comparison (s, inside its worker)")
    for label, jobs, total, per in rows:
        detail = ", ".join(f"{k} {v:.1f}" for k, v in sorted(per.items(), key=lambda kv: -kv[1]))
        print(f"{label:<6} {jobs:>4} {total:8.1f}   {detail}")
    for label in ("quick", "full"):
        serial = next(r[2] for r in rows if r[0] == label and r[1] == 1)
        parallel = next(r[2] for r in rows if r[0] == label and r[1] == args.jobs)
        print(f"{label}: {args.jobs} processes vs 1 (baseline): {serial / parallel:.2f}x faster")


if __name__ == "__main__":
    main()
