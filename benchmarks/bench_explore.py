"""How long one explore() update takes for every comparison (quick settings + EXPLORE).

An update is what releasing a slider costs: the comparison's run() at quick settings
(plus its ``EXPLORE`` overrides, if it declares any) and its plot(). The first update of
each comparison runs the baseline; the second, timed here, changes nothing but reruns,
so imports and Brian2's start-up are not counted (they are paid once per session).

    python benchmarks/bench_explore.py [NAME ...]

Target (lecture-kit issue): 3 s or less for most comparisons on 2 cores. Baseline named
in the table: the same comparison's full-quality run() (the figures' settings).
"""

from __future__ import annotations

import sys
import time

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt

from neurosim.contract import registry
from neurosim.kit.explorer import Explorer


def main(names: list[str]) -> None:
    names = names or [n for n in registry.available() if n != "scorecard"]
    print(f"{'comparison':28s} {'update (s)':>10s} {'full run (s)':>12s} {'ratio':>6s}")
    for name in names:
        explorer = Explorer(name)
        explorer.update()
        start = time.perf_counter()
        explorer.update()
        plt.close(explorer.figure())
        update = time.perf_counter() - start
        start = time.perf_counter()
        explorer.module.run(quick=False, seed=0)
        full = time.perf_counter() - start
        print(f"{name:28s} {update:10.2f} {full:12.2f} {full / update:6.1f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
