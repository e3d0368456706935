"""One comparison, one seed: run it, and draw its figure as the same bytes every time.

:func:`_run_task` is the job that ``neurosim figures`` and ``neurosim sweep`` send to
their worker processes (or run in their own process): it returns a :class:`_Result`
holding the findings as a plain record and, if asked, the PNG and SVG bytes. Workers
only compute; the parent writes the files.

Constrained layout's solver differs between processes in the last bits, so the layout
is computed once and rounded before drawing, and each file is drawn once
(:func:`neurosim.plotting.style.freeze_layout`); SVGs get a fixed id salt and no date,
PNGs no metadata (:func:`_render`).
"""

from __future__ import annotations

import io
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass

from neurosim.contract import registry

PNG_DPI = 200
#: Fixed SVG id salt: matplotlib otherwise draws random ids into every SVG.
SVG_HASHSALT = "neurosim"


@dataclass
class _Result:
    """One (comparison, seed) run, as a worker returns it."""

    name: str
    seed: int
    ok: bool
    seconds: float
    record: dict | None = None
    png: bytes | None = None
    svg: bytes | None = None
    error: str = ""


def _render(fig) -> tuple[bytes, bytes]:
    """PNG and SVG bytes with no date, no software version and fixed SVG ids."""
    import matplotlib

    from neurosim.plotting.style import drawn_as_laid_out, freeze_layout, png_bytes

    freeze_layout(fig, PNG_DPI)
    svg = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}), drawn_as_laid_out():
        png = png_bytes(fig, PNG_DPI)
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png, svg.getvalue()


class _WorkerScope:
    """What every job does around its runs: Agg backend, one BLAS thread.

    (Brian2's full garbage collection at every network run is the engine's to keep
    cheap: it freezes the heap for its block, ``spiking/heap.py::_block_collected``.)
    """

    def __enter__(self):
        import matplotlib

        matplotlib.use("Agg")
        from threadpoolctl import threadpool_limits

        # the comparisons' matrices are small: BLAS threads only compete with the
        # pipeline's worker processes (digits training measured 2.5x faster with one)
        self.limit = threadpool_limits(limits=1, user_api="blas")
        return self

    def __exit__(self, *exc):
        self.limit.restore_original_limits()
        return False


def _drawn(module, findings) -> tuple[bytes, bytes]:
    import matplotlib.pyplot as plt

    fig = module.plot(findings)
    try:
        return _render(fig)
    finally:
        plt.close(fig)


def _run_task(
    name: str,
    seed: int,
    quick: bool,
    params: Mapping,
    draw: bool,
    package: str | None,
    source: str | None = None,
) -> _Result:
    """Run one comparison with one seed; plot and render it if ``draw``."""
    start = time.perf_counter()
    with _WorkerScope():
        try:
            module = registry.load(name, package)
            extra = {} if source is None else {"source": source}
            findings = module.run(quick=quick, seed=seed, **extra, **dict(params))
            record = findings.to_dict()
            png, svg = _drawn(module, findings) if draw else (None, None)
            return _Result(name, seed, True, time.perf_counter() - start, record, png, svg)
        except Exception:  # one failing comparison must not stop the others
            error = traceback.format_exc()
            return _Result(name, seed, False, time.perf_counter() - start, error=error)


def _seed_jobs(name: str, seeds, package: str | None) -> list[tuple[int, ...]]:
    """The jobs a comparison's seeds make: one for all if it runs them as a batch
    (:func:`neurosim.contract.registry.batches`), else one per seed."""
    return [tuple(seeds)] if registry.batches(name, package) else [(s,) for s in seeds]


def _lost(name: str, seeds, error: str) -> list[_Result]:
    """Failed results for every seed of a job whose worker died."""
    return [_Result(name, s, False, 0.0, error=error) for s in seeds]


def _run_seeds_task(
    name: str,
    seeds: tuple[int, ...],
    quick: bool,
    params: Mapping,
    draw_first: bool,
    package: str | None,
) -> list[_Result]:
    """Run one comparison for several seeds with the same ``params``; the first seed's
    figure if ``draw_first`` (:func:`_run_calls_task`)."""
    return _run_calls_task(name, tuple((s, params) for s in seeds), quick, package, draw_first)


def _run_calls_task(
    name: str,
    calls: tuple[tuple[int, Mapping], ...],
    quick: bool,
    package: str | None,
    draw_first: bool = False,
) -> list[_Result]:
    """Run one comparison for several ``(seed, params)`` pairs (a gallery's seeds, a
    sweep's points and seeds); results in the order of ``calls``, the first call's
    figure with it if ``draw_first``.

    A comparison whose ``run`` has ``run_many`` (:func:`neurosim.core.batching.seeds_as_batch`)
    runs them as one batch: each pair's findings identical to its own run, and a sweep's
    values that the engine holds per neuron become neurons of one group. If the batch
    fails, every pair runs alone, so one failing seed or point does not take the others
    with it. The others run pair after pair. Each result's ``seconds`` is its share of
    the job.
    """
    calls = tuple((s, dict(p)) for s, p in calls)
    module = registry.load(name, package)
    if len(calls) > 1 and hasattr(module.run, "run_many"):
        start = time.perf_counter()
        with _WorkerScope():
            try:
                all_findings = module.run.run_many(calls, quick=quick)
                records = [f.to_dict() for f in all_findings]
                png, svg = _drawn(module, all_findings[0]) if draw_first else (None, None)
            except Exception:  # find out which pair fails: each runs alone below
                records = None
        if records is not None:
            share = (time.perf_counter() - start) / len(calls)
            results = [
                _Result(name, s, True, share, r) for (s, _), r in zip(calls, records, strict=True)
            ]
            results[0].png, results[0].svg = png, svg
            return results
    return [
        _run_task(name, s, quick, p, draw_first and k == 0, package)
        for k, (s, p) in enumerate(calls)
    ]
