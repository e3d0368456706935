"""Run time of the predictive_coding comparison, full and quick, and of its parts.

Run:  OPENBLAS_NUM_THREADS=1 python benchmarks/bench_predictive_coding.py [--repeats 3]

Prints a table: wall time and CPU time of ``run()`` at full quality and with
``quick=True`` (the median over the repeats, after one warm-up run that pays the imports
and the digits file), then the parts of one full run: backprop's training, predictive
coding's training (settling before every mini-batch update), the two settling traces and
the two nudge sweeps. Target (chapter brief): <= 10 s full, <= 4 s quick on 2 cores. CPU
time is shown beside wall time because the machine is shared: a wall time far above the
CPU time means other processes held the cores.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from neurosim.artificial import DeepNetwork, PredictiveCoding, nudge_sweep, settling_trace
from neurosim.artificial.digits import LAYERS, digits_split
from neurosim.comparisons import predictive_coding as comp


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _parts(seed: int = 0) -> dict:
    p = {q.name: q.default for q in comp.PARAMETERS}
    split = digits_split(seed)
    X, y = split.X_train[: comp.PROBE], split.y_train[: comp.PROBE]
    rule = PredictiveCoding(
        steps=p["settling_steps"], inference_rate=p["inference_rate"], nudge=p["nudge"]
    )

    def train(r):
        net = DeepNetwork(LAYERS, hidden=comp.HIDDEN, seed=seed)
        net.fit(
            split.X_train, split.y_train, epochs=p["epochs"], batch_size=comp.BATCH,
            optimizer="sgd", learning_rate=p["learning_rate"], seed=seed, rule=r,
        )  # fmt: skip

    net = DeepNetwork(LAYERS, hidden=comp.HIDDEN, seed=seed)
    horizon = int(np.ceil(comp.HORIZON_TAU / p["inference_rate"]))
    probe = PredictiveCoding(steps=horizon, inference_rate=p["inference_rate"], nudge=p["nudge"])
    return {
        "backprop training": _timed(lambda: train(None)),
        "predictive-coding training": _timed(lambda: train(rule)),
        "2 settling traces": _timed(
            lambda: [settling_trace(net, X, y, probe, batch_size=comp.BATCH) for _ in range(2)]
        ),
        "2 nudge sweeps": _timed(
            lambda: [nudge_sweep(net, X, y, comp.NUDGES, batch_size=comp.BATCH) for _ in range(2)]
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    comp.run(quick=True, seed=0)  # warm-up: imports, the digits file
    print(f"{'predictive_coding':28s} {'wall (s)':>9s} {'CPU (s)':>9s} {'target (s)':>11s}")
    for quick, target in ((False, 10.0), (True, 4.0)):
        times = [_timed(lambda q=quick: comp.run(quick=q, seed=0)) for _ in range(args.repeats)]
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        label = "run(quick=True)" if quick else "run() full"
        print(f"{label:28s} {wall:9.2f} {cpu:9.2f} {target:11.1f}")
    print("parts of one full run:")
    for name, (wall, cpu) in _parts().items():
        print(f"  {name:26s} {wall:9.2f} {cpu:9.2f}")


if __name__ == "__main__":
    main()
