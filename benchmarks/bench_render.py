"""Render cost per figure: the gallery's PNG + SVG, laid out once, against two baselines.

For every comparison (quick run, seed 0, made once; not timed) the figure is built by
``plot()`` and written as the gallery writes it, three ways:

- ``separate``: PNG and SVG each with their own constrained layout (what a plain
  ``savefig`` twice does: two layouts, two draws);
- ``draw+freeze``: a draw without output lays the figure out at the PNG's dpi, the
  positions are rounded and frozen, then PNG and SVG are drawn (the gallery's way
  until this benchmark was written: three passes over every artist);
- ``layout+freeze``: only the layout engine runs (no pass over the artists), then the
  positions are rounded and frozen and PNG and SVG are drawn (``run.tasks._render``).

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
from neurosim.run import tasks


def _draw_then_freeze(fig, digits: int = 6) -> None:
    """The gallery's layout before: a whole draw without output, then round and freeze."""
    engine = fig.get_layout_engine()
    if engine is None:
        return
    saved = fig.dpi
    fig.set_dpi(tasks.PNG_DPI)
    try:
        fig.draw_without_rendering()
    finally:
        fig.set_dpi(saved)
    for ax in fig.axes:
        corners = np.round(ax.get_position(original=True).get_points(), digits)
        ax.set_position(Bbox(corners), which="both")
    try:
        fig.set_layout_engine("none")
    except RuntimeError:
        engine.execute = lambda _fig: None


def _write(fig) -> tuple[bytes, bytes]:
    png, svg = io.BytesIO(), io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": tasks.SVG_HASHSALT}):
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
    ways = {"separate": None, "draw+freeze": _draw_then_freeze, "layout+freeze": None}
    print(f"{'figure':24s} {'separate':>9s} {'draw+fr':>8s} {'layout+fr':>9s} {'ratio':>6s} same")
    totals = dict.fromkeys(ways, 0.0)
    for name in names:
        module = registry.load(name)
        findings = module.run(quick=True, seed=0)
        _timed(module, findings, tasks._freeze_layout)  # warm fonts and caches
        seconds, outputs = {}, {}
        for way in ways:
            freeze = tasks._freeze_layout if way == "layout+freeze" else ways[way]
            times = []
            for _ in range(repeat):
                t, outputs[way] = _timed(module, findings, freeze)
                times.append(t)
            seconds[way] = statistics.median(times)
            totals[way] += seconds[way]
        same = outputs["draw+freeze"] == outputs["layout+freeze"]
        ratio = seconds["draw+freeze"] / seconds["layout+freeze"]
        print(
            f"{name:24s} {seconds['separate']:9.2f} {seconds['draw+freeze']:8.2f} "
            f"{seconds['layout+freeze']:9.2f} {ratio:5.2f}x {'yes' if same else 'NO'}",
            flush=True,
        )
    ratio = totals["draw+freeze"] / totals["layout+freeze"]
    print(
        f"{'all':24s} {totals['separate']:9.2f} {totals['draw+freeze']:8.2f} "
        f"{totals['layout+freeze']:9.2f} {ratio:5.2f}x"
    )


if __name__ == "__main__":
    main()
