"""Speed of the spiking side: batching, per-neuron cost, code-generation targets.

Run from the project root::

    python benchmarks/bench_spiking.py            # (a) and (b), numpy target
    python benchmarks/bench_spiking.py --cython   # also (c): cython cold/warm vs numpy

(a) An f-I sweep of 1000 currents x 1 s as one batched run (:func:`fi_curve`)
    against the baseline of one ``simulate`` call per current.  The baseline is
    measured on a subset of single runs and extrapolated to 1000 (printed as such).
(b) Nanoseconds per neuron-step for N = 1e3, 1e4, 1e5 LIF neurons on the default
    target, warm (a first run of each size is excluded).  Wall time of the whole
    ``simulate`` call (build + run) divided by N x steps.
(c) With ``--cython``: cold compile of the LIF model in a fresh cache, warm-cache
    time for 1000 LIF neurons x 1 s, and numpy for the same.
"""

from __future__ import annotations

import argparse
import tempfile
import time

import numpy as np
from brian2 import ms, nA, second

from neurosim import stimuli
from neurosim.spiking import LIFParameters, fi_curve, get_target, simulate


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def bench_fi(n_currents: int = 1000, n_single: int = 20) -> None:
    currents = np.linspace(0.0, 0.6, n_currents) * nA
    params = LIFParameters()
    fi_curve(currents[:10], params, duration=100 * ms)  # warm up imports and caches
    t_batch, _ = _timed(lambda: fi_curve(currents, params, duration=1 * second))
    picks = np.linspace(0, n_currents - 1, n_single).astype(int)
    t_single, _ = _timed(
        lambda: [simulate(params, stimuli.constant(currents[k]), 1 * second) for k in picks]
    )
    per_run = t_single / n_single
    baseline = per_run * n_currents
    print(f"(a) f-I sweep, {n_currents} currents x 1 s, target {get_target()}")
    print(f"    batched fi_curve (one run):                      {t_batch:8.2f} s")
    print(
        f"    one run per current: {n_single} runs took {t_single:.2f} s "
        f"({per_run * 1e3:.0f} ms each),"
    )
    print(f"    extrapolated to {n_currents} runs:                   {baseline:8.2f} s")
    print(f"    speed-up of batching:                            {baseline / t_batch:8.1f} x")


def bench_scaling(sizes=(1_000, 10_000, 100_000)) -> None:
    print(f"(b) ns per neuron-step, LIF, dt = 0.1 ms, target {get_target()}, warm")
    params = LIFParameters()
    for n in sizes:
        duration = 1 * second if n <= 10_000 else 0.2 * second
        stim = stimuli.constant(np.linspace(0.1, 0.5, n) * nA)
        simulate(params, stim, 10 * ms)  # first run of this size: excluded
        elapsed, _ = _timed(lambda stim=stim, d=duration: simulate(params, stim, d))
        steps = round(float(duration / (0.1 * ms)))
        ns = elapsed / (n * steps) * 1e9
        print(
            f"    N = {n:>7}: {elapsed:7.2f} s for {float(duration / second):g} s -> {ns:6.1f} ns"
        )


def bench_targets() -> None:
    import brian2

    params = LIFParameters()
    stim = stimuli.constant(np.linspace(0.1, 0.5, 1000) * nA)
    print("(c) code-generation targets, 1000 LIF neurons x 1 s")
    old_cache = brian2.prefs.codegen.runtime.cython.cache_dir
    with tempfile.TemporaryDirectory() as cache:
        brian2.prefs.codegen.runtime.cython.cache_dir = cache
        try:
            cold, _ = _timed(lambda: simulate(params, stim, 1 * ms, target="cython"))
            warm, _ = _timed(lambda: simulate(params, stim, 1 * second, target="cython"))
        finally:
            brian2.prefs.codegen.runtime.cython.cache_dir = old_cache
    simulate(params, stim, 1 * ms, target="numpy")
    numpy_t, _ = _timed(lambda: simulate(params, stim, 1 * second, target="numpy"))
    print(f"    cython cold compile (fresh cache, 1 ms run):     {cold:8.2f} s")
    print(f"    cython warm cache, 1 s:                          {warm:8.2f} s")
    print(f"    numpy, 1 s (after a first run):                  {numpy_t:8.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cython", action="store_true", help="also time the cython target")
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    args = parser.parse_args()
    if args.quick:
        bench_fi(100, 5)
        bench_scaling((1_000, 10_000))
    else:
        bench_fi()
        bench_scaling()
    if args.cython:
        bench_targets()


if __name__ == "__main__":
    main()
