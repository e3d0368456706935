"""Seeds as a batch against seed by seed: each batched comparison, full quality.

For every comparison that runs its seeds as one batch (``run.run_seeds``, see
neurosim/core/batching.py) it times, in one process and one run of this script, the
baseline (``run(seed=s)`` for each seed, as every comparison ran before batching) and
the batch (``run.run_seeds(seeds)``), checks that both give the same claims, and prints
the ratio. Each side starts with an empty cache of shared work (the digit classifier):
both pay for it::

    python benchmarks/bench_seeds.py [--seeds N] [--quick] [--repeats R]

The median of R repeats of each is reported. Machines differ by about 1.5x from one
session to the next: compare the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from threadpoolctl import threadpool_limits

from neurosim.contract import registry
from neurosim.core import cache


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    seeds = list(range(args.seeds))
    names = args.names or [n for n in registry.available() if registry.batches(n)]
    print(f"{'comparison':<24} {'seed by seed s':>15} {'batch s':>8} {'ratio':>6}  same claims")
    with threadpool_limits(limits=1, user_api="blas"):
        for name in names:
            module = registry.load(name)
            module.run(quick=True, seed=0)  # imports and first code generation, not timed
            alone, batch = [], []
            for _ in range(args.repeats):
                cache._memory.clear()
                t, one = _timed(lambda m=module: [m.run(quick=args.quick, seed=s) for s in seeds])
                alone.append(t)
                cache._memory.clear()
                t, many = _timed(lambda m=module: m.run.run_seeds(seeds, quick=args.quick))
                batch.append(t)
            same = all(
                json.dumps(a.to_dict(), sort_keys=True, default=str)
                == json.dumps(b.to_dict(), sort_keys=True, default=str)
                for a, b in zip(one, many, strict=True)
            )
            a, b = statistics.median(alone), statistics.median(batch)
            print(f"{name:<24} {a:15.1f} {b:8.1f} {a / b:5.1f}x  {same}")


if __name__ == "__main__":
    main()
