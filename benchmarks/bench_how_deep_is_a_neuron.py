"""Run time of the how_deep_is_a_neuron comparison, full and quick, and where it goes.

Run from the project root::

    python benchmarks/bench_how_deep_is_a_neuron.py [--repeats 3] [--seed 0]

Brian2 and the comparison are imported first (not timed: every comparison of a figure
run shares that cost); then ``run(quick=...)`` is timed ``--repeats`` times and the
best is reported, with the part spent in the one Brian2 run and in the fits. Targets
(docs/architecture.md): <= 10 s full, <= 4 s quick on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import neurosim.units  # noqa: F401  (Brian2's import, not timed)
from neurosim.artificial import SubunitNetwork
from neurosim.comparisons import how_deep_is_a_neuron as cmp
from neurosim.spiking import dendrites

TARGETS = {False: 10.0, True: 4.0}


def _timed(quick: bool, seed: int) -> tuple[float, float, float]:
    """Wall time of one run, and of its Brian2 run and its fits within it."""
    spent = {"brian2": 0.0, "fits": 0.0}
    simulate, fit = dendrites.simulate_branched, SubunitNetwork.fit

    def timed_simulate(*args, **kwargs):
        start = time.perf_counter()
        try:
            return simulate(*args, **kwargs)
        finally:
            spent["brian2"] += time.perf_counter() - start

    def timed_fit(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return fit(self, *args, **kwargs)
        finally:
            spent["fits"] += time.perf_counter() - start

    cmp.simulate_branched, SubunitNetwork.fit = timed_simulate, timed_fit
    try:
        start = time.perf_counter()
        cmp.run(quick=quick, seed=seed)
        total = time.perf_counter() - start
    finally:
        cmp.simulate_branched, SubunitNetwork.fit = simulate, fit
    return total, spent["brian2"], spent["fits"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{'run':<6} {'best (s)':>9} {'Brian2 (s)':>11} {'fits (s)':>9} {'target (s)':>11}")
    for quick in (False, True):
        best = min((_timed(quick, args.seed) for _ in range(args.repeats)), key=lambda r: r[0])
        name = "quick" if quick else "full"
        print(f"{name:<6} {best[0]:>9.2f} {best[1]:>11.2f} {best[2]:>9.2f} {TARGETS[quick]:>11.1f}")


if __name__ == "__main__":
    main()
