"""How long one explore() update takes for every comparison: run, draw and PNG.

An update is what releasing a slider costs in a notebook: the comparison's run() at
quick settings plus its ``EXPLORE`` overrides, its plot(), and the PNG the notebook
shows (``Explorer.png``, 100 dpi: drawn at the previous update's layout while every
panel's text fits in it, see ``neurosim.plotting.kept_layout``). The first update of
each comparison runs the baseline and lays its figure out (imports and Brian2's
start-up are paid once per session, not counted). Each timed update then moves one
parameter to a value it has not had (see ``_moved``); the median of ``--repeat``
updates is reported, and ``kept`` counts the updates that reused the layout.

    python benchmarks/bench_explore.py [NAME ...] [--repeat 3]

Target (issue "Ten seeds for the price of two"): 1 s or less per update on 2 cores.
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

from figure_args import names_and_repeats

from neurosim.kit.explorer import Explorer, _slider_step

TARGET_S = 1.0


def _moved(explorer: Explorer, count: int) -> tuple[str, list] | None:
    """A parameter to move and ``count`` new values for it, each different from all others.

    The first float parameter (a model or stimulus constant, what a student slides),
    else the first integer one. Floats move by 10 %, 12.5 %, 15 % ... of their value,
    integers by 1, 2, 3 ..., down if the range allows, else up, each to the nearest
    position of the notebook's slider (what a student can choose). No value repeats, so a
    cache keyed on the parameters cannot answer an update (one keyed on what did not
    change still may: that is work a live session really saves).
    """
    numeric = [p for p in explorer.parameters if p.kind == "float"]
    numeric += [p for p in explorer.parameters if p.kind == "int"]
    for p in numeric:
        value = explorer.values[p.name]
        if p.kind == "int":
            steps = [k + 1 for k in range(count)]
        else:
            base = 0.1 * abs(value) or 0.05 * ((p.high or 1.0) - (p.low or 0.0))
            steps = [base * (1 + 0.25 * k) for k in range(count)]
        for sign in (-1, 1):
            values = [_on_slider(p, value + sign * step) for step in steps]
            if all(p.interval.contains(v) for v in values):
                return p.name, values
    return None


def _on_slider(parameter, value: float) -> float:
    """The slider position nearest ``value`` (floats; see ``explorer._slider_step``)."""
    if parameter.kind != "float" or parameter.low is None or parameter.high is None:
        return value
    step = _slider_step(parameter.low, parameter.high)
    return parameter.low + round((value - parameter.low) / step) * step


def main() -> None:
    names, repeat = names_and_repeats(__doc__.splitlines()[0])
    print(f"{'comparison':24s} {'moved':>18s} {'run':>6s} {'draw':>6s} {'update':>7s} kept")
    slow = []
    for name in names:
        explorer = Explorer(name)
        explorer.update()
        explorer.png()
        moved = _moved(explorer, repeat)
        runs, draws, kept = [], [], 0
        for k in range(repeat):
            start = time.perf_counter()
            if moved is None:
                explorer.update()
            else:
                explorer.set(**{moved[0]: moved[1][k]})
            middle = time.perf_counter()
            explorer.png()
            kept += explorer.layout.kept
            runs.append(middle - start)
            draws.append(time.perf_counter() - middle)
        run, draw = statistics.median(runs), statistics.median(draws)
        total = statistics.median(r + d for r, d in zip(runs, draws, strict=True))
        label = moved[0] if moved else "(none)"
        print(
            f"{name:24s} {label[:18]:>18s} {run:6.2f} {draw:6.2f} {total:7.2f} {kept:>2d}/{repeat}",
            flush=True,
        )
        if total > TARGET_S:
            slow.append(name)
    print(f"over {TARGET_S:g} s: {', '.join(slow) or 'none'}")


if __name__ == "__main__":
    main()
