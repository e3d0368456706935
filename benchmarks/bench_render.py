"""Render cost per figure: the gallery's PNG + SVG, laid out once, against two baselines.

For every comparison (quick run, seed 0, made once; not timed) the figure is built by
``plot()`` and written as the gallery writes it, three ways:

- ``separate``: PNG and SVG each with their own constrained layout (what a plain
  ``savefig`` twice does);
- ``placeholder``: the layout engine runs once, the positions are rounded and frozen,
  and matplotlib's "none" placeholder engine stays on the figure, so ``savefig`` still
  draws every artist without output before each file (the gallery's way up to
  484a5cc: four passes over every artist for two files);
- ``once``: the same layout, then the figure keeps no layout engine, so each file is
  one draw (``plotting.style.freeze_layout``, what ``run.tasks._render`` does).

It prints the median seconds of ``--repeat`` renders per figure, the ratio of the
two frozen ways, and whether they give the same bytes (they must: the committed
gallery is byte-stable).

    python benchmarks/bench_render.py [NAME ...] [--repeat 3]
"""

from __future__ import annotations

import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np
from figure_args import names_and_repeats
from matplotlib import pyplot as plt
from matplotlib.transforms import Bbox

from neurosim.contract import registry
from neurosim.plotting.style import drawn_as_laid_out, freeze_layout
from neurosim.run import tasks


def _placeholder(fig, digits: int = 6) -> None:
    """The gallery's layout before: the engine once, rounded, then the "none" placeholder."""
    engine = fig.get_layout_engine()
    if engine is None:
        return
    saved = fig.dpi
    fig.set_dpi(tasks.PNG_DPI)
    try:
        engine.execute(fig)
    finally:
        fig.set_dpi(saved)
    for ax in fig.axes:
        corners = np.round(ax.get_position(original=True).get_points(), digits)
        ax.set_position(Bbox(corners), which="both")
    try:
        fig.set_layout_engine("none")
    except RuntimeError:
        engine.execute = lambda _fig: None


def _once(fig) -> None:
    freeze_layout(fig, tasks.PNG_DPI)


def _write(fig) -> tuple[bytes, bytes]:
    png, svg = io.BytesIO(), io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": tasks.SVG_HASHSALT}), drawn_as_laid_out():
        fig.savefig(png, format="png", dpi=tasks.PNG_DPI, metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()


def _timed(module, findings, freeze) -> tuple[float, tuple[bytes, bytes]]:
    fig = module.plot(findings)
    start = time.perf_counter()
    if freeze is not None:
        freeze(fig)
    out = _write(fig)
    seconds = time.perf_counter() - start
    plt.close(fig)
    return seconds, out


def main() -> None:
    names, repeat = names_and_repeats(__doc__.splitlines()[0])
    ways = {"separate": None, "placeholder": _placeholder, "once": _once}
    print(f"{'figure':24s} {'separate':>9s} {'placeholder':>11s} {'once':>6s} {'ratio':>6s} same")
    totals = dict.fromkeys(ways, 0.0)
    for name in names:
        module = registry.load(name)
        findings = module.run(quick=True, seed=0)
        _timed(module, findings, _once)  # warm fonts and caches
        seconds, outputs = {}, {}
        for way, freeze in ways.items():
            times = []
            for _ in range(repeat):
                t, outputs[way] = _timed(module, findings, freeze)
                times.append(t)
            seconds[way] = statistics.median(times)
            totals[way] += seconds[way]
        same = outputs["placeholder"] == outputs["once"]
        ratio = seconds["placeholder"] / seconds["once"]
        print(
            f"{name:24s} {seconds['separate']:9.2f} {seconds['placeholder']:11.2f} "
            f"{seconds['once']:6.2f} {ratio:5.2f}x {'yes' if same else 'NO'}",
            flush=True,
        )
    ratio = totals["placeholder"] / totals["once"]
    print(
        f"{'all':24s} {totals['separate']:9.2f} {totals['placeholder']:11.2f} "
        f"{totals['once']:6.2f} {ratio:5.2f}x"
    )


if __name__ == "__main__":
    main()
