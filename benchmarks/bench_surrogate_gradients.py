"""Run time of the surrogate_gradients comparison, and the published task's two protocols.

Run from the project root::

    python benchmarks/bench_surrogate_gradients.py               # full and quick run times
    python benchmarks/bench_surrogate_gradients.py --protocol 10  # also seeds 0-9 of the task

Run times: each of ``run()`` full and ``run(quick=True)`` in a fresh interpreter (so
Brian2's first code generation is counted), wall and CPU seconds of ``run()`` alone and
of the imports before it. Targets: full <= 10 s, quick <= 4 s on 2 cores.

``--protocol N``: training accuracy on SpyTorch tutorial 1's random-pattern task for
seeds 0..N-1, with the true derivative and with the fast-sigmoid surrogate (steepness
100), under the published protocol (1000 full-batch epochs, Adam 0.002) and under the
comparison's own (``toy_epochs`` epochs at ``toy_learning_rate``). Both use the
comparison's task generator and network (float32 training, float64 evaluation). The
numbers in ``PROTOCOL`` of the comparison's docstring come from this.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TIMED = """
import time
t0, c0 = time.perf_counter(), time.process_time()
from neurosim.comparisons import surrogate_gradients as comp
import neurosim.units
t1, c1 = time.perf_counter(), time.process_time()
comp.run(quick={quick}, seed=0)
t2, c2 = time.perf_counter(), time.process_time()
print(t1 - t0, c1 - c0, t2 - t1, c2 - c1)
"""


def run_times() -> None:
    print(f"{'run':<6} {'run() wall s':>13} {'run() CPU s':>12} {'imports wall s':>15}")
    for label, quick in (("full", False), ("quick", True)):
        out = subprocess.run(
            [sys.executable, "-c", TIMED.format(quick=quick)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1"},
        ).stdout.split()
        imp_wall, _, wall, cpu = (float(v) for v in out[-4:])
        print(f"{label:<6} {wall:13.2f} {cpu:12.2f} {imp_wall:15.2f}")


def protocols(n_seeds: int) -> None:
    import numpy as np

    from neurosim.artificial import FastSigmoid, SurrogateSNN, TrueDerivative, random_patterns
    from neurosim.comparisons import surrogate_gradients as comp

    defaults = {p.name: p.default for p in comp.PARAMETERS}
    runs = {
        "published": (comp.PUBLISHED["epochs"], comp.PUBLISHED["learning_rate"]),
        "ours": (defaults["toy_epochs"], defaults["toy_learning_rate"]),
    }
    spec = comp.PUBLISHED
    results = {k: [] for k in runs}
    for seed in range(n_seeds):
        x, y = random_patterns(
            spec["patterns"],
            spec["steps"],
            spec["inputs"],
            rate=spec["rate_Hz"],
            dt=comp.DT_MS * 1e-3,
            seed=seed,
        )
        for name, (epochs, lr) in runs.items():
            row = []
            for surrogate in (TrueDerivative(), FastSigmoid(spec["steepness"])):
                net = SurrogateSNN(
                    spec["inputs"],
                    spec["hidden"],
                    2,
                    surrogates=surrogate,
                    seed=seed,
                    dtype=np.float32,
                )
                start = time.process_time()
                net.fit(x, y, epochs=epochs, learning_rate=lr)
                net.dtype = np.float64
                row.append(float(net.score(x, y)[0]))
            results[name].append(row)
            print(
                f"seed {seed} {name:<9} true {row[0]:.3f}  surrogate {row[1]:.3f}  "
                f"({time.process_time() - start:.1f} s CPU)",
                flush=True,
            )
    print(
        f"\n{'protocol':<10} {'epochs':>6} {'lr':>6}   true: mean (SD)   surrogate: mean "
        "(SD), range"
    )
    for name, (epochs, lr) in runs.items():
        a = np.array(results[name])
        print(
            f"{name:<10} {epochs:6d} {lr:6g}   {a[:, 0].mean():.3f} ({a[:, 0].std(ddof=1):.3f})"
            f"     {a[:, 1].mean():.3f} ({a[:, 1].std(ddof=1):.3f}), "
            f"{a[:, 1].min():.3f}-{a[:, 1].max():.3f}"
        )
    print(
        f"published (one run): true {spec['accuracy_true']}, surrogate {spec['accuracy_surrogate']}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protocol", type=int, default=0, metavar="N")
    args = parser.parse_args()
    run_times()
    if args.protocol:
        protocols(args.protocol)


if __name__ == "__main__":
    main()
