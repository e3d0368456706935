"""Turn comparisons into figures: run, plot, write PNG + SVG + JSON, rebuild the gallery.

Every file is written atomically (to a temporary file in the same folder, then
renamed over the target), so an interrupted run never leaves a half-written figure.
Independent comparisons run in parallel worker processes (``jobs``); the longest ones,
as timed by the previous run's JSON, start first.
"""

from __future__ import annotations

import json
import os
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from neurosim import registry
from neurosim._io import atomic_write
from neurosim._validation import check_int, check_seed
from neurosim.findings import format_value

__all__ = ["Outcome", "atomic_write", "generate", "write_gallery"]

FORMATS = ("png", "svg", "json")
PNG_DPI = 200


@dataclass
class Outcome:
    """What happened to one comparison in a ``generate`` run."""

    name: str
    ok: bool
    seconds: float
    files: list[str] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    error: str = ""


def _write_text(path: Path, text: str) -> Path:
    def write(tmp):
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)

    return atomic_write(path, write)


def _run_one(name: str, out: str, quick: bool, seed: int, after_others: bool = False) -> Outcome:
    """Run, plot and write one comparison (in a worker process or in-process)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from threadpoolctl import threadpool_limits

    start = time.perf_counter()
    # the comparisons' matrices are small: BLAS threads only compete with the
    # pipeline's worker processes (digits training measured 2.5x faster with one)
    limit = threadpool_limits(limits=1, user_api="blas")
    try:
        module = registry.load(name)
        if after_others:
            findings = module.run(quick=quick, seed=seed, source=out)
        else:
            findings = module.run(quick=quick, seed=seed)
        fig = module.plot(findings)
        out_dir = Path(out)
        files = []
        try:
            # no timestamps in the files: the same seed gives the same bytes of data
            files.append(
                atomic_write(
                    out_dir / f"{name}.png",
                    lambda tmp: fig.savefig(
                        tmp, format="png", dpi=PNG_DPI, metadata={"Software": None}
                    ),
                )
            )
            files.append(
                atomic_write(
                    out_dir / f"{name}.svg",
                    lambda tmp: fig.savefig(tmp, format="svg", metadata={"Date": None}),
                )
            )
        finally:
            plt.close(fig)
        seconds = time.perf_counter() - start
        record = findings.to_dict()
        record["quick"] = bool(quick)
        record["seed"] = int(seed)
        record["seconds"] = round(seconds, 2)
        files.append(_write_text(out_dir / f"{name}.json", json.dumps(record, indent=2) + "\n"))
        return Outcome(name, True, seconds, [str(f) for f in files], record["claims"])
    except Exception:  # one failing comparison must not stop the others
        return Outcome(name, False, time.perf_counter() - start, error=traceback.format_exc())
    finally:
        limit.restore_original_limits()


def _expected_seconds(name: str, out: Path, quick: bool) -> float:
    """Run time measured last time in ``out`` (same quality), else the module's COST hint."""
    try:
        with open(out / f"{name}.json", encoding="utf-8") as fh:
            record = json.load(fh)
        if bool(record.get("quick")) == quick and record.get("seconds"):
            return float(record["seconds"])
    except (OSError, ValueError, TypeError):
        pass
    return registry.cost(name)


def generate(
    names: Sequence[str] | None = None,
    *,
    out: str | os.PathLike = "figures",
    quick: bool = False,
    seed: int = 0,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = print,
) -> list[Outcome]:
    """Run comparisons and write ``NAME.png`` (200 dpi), ``NAME.svg``, ``NAME.json``.

    Parameters
    ----------
    names : sequence of str, optional
        Comparisons to run; all of them (lecture order) when empty or None.
    out : path, default "figures"
        Output folder; its ``README.md`` gallery is regenerated at the end.
    quick : bool, default False
        Shorter simulations, same figures (for tests and live demos).
    seed : int, default 0
        Seed passed to every comparison; the same seed gives the same numbers.
    jobs : int, optional
        Worker processes; default ``min(2, os.cpu_count(), len(names))``. 1 runs
        everything in this process.
    progress : callable, optional
        Called with one line of text per event (start, finish, failure).

    Returns
    -------
    list of Outcome, in the order of ``names``.

    Raises
    ------
    neurosim.registry.UnknownComparisonError
        If a name is unknown (before anything runs).
    """
    names = registry.resolve(names)
    seed = check_seed(seed, owner="generate")
    out = Path(out)
    if jobs is None:
        jobs = min(2, os.cpu_count() or 1, len(names))
    jobs = check_int(jobs, "jobs", "generate", low=1)
    say = progress or (lambda _msg: None)
    total = len(names)
    start = time.perf_counter()
    # longest first, so that the workers finish together; the ones that read the others'
    # output (the scorecard) last, in this process
    last = [n for n in names if registry.runs_after_others(n)]
    schedule = sorted(
        (n for n in names if n not in last), key=lambda n: -_expected_seconds(n, out, quick)
    )
    results: dict[str, Outcome] = {}

    def report(outcome: Outcome):
        results[outcome.name] = outcome
        done = len(results)
        if outcome.ok:
            say(f"[{done}/{total}] {outcome.name}: done in {outcome.seconds:.1f} s")
        else:
            last = outcome.error.strip().splitlines()[-1] if outcome.error else "error"
            say(f"[{done}/{total}] {outcome.name}: FAILED after {outcome.seconds:.1f} s: {last}")

    mode = "quick" if quick else "full quality"
    say(f"Generating {total} figure(s) ({mode}, seed {seed}) into {out}/ with {jobs} process(es)")
    if jobs == 1 or len(schedule) <= 1:
        for name in schedule:
            say(f"  running {name} ...")
            report(_run_one(name, str(out), quick, seed))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_run_one, n, str(out), quick, seed): n for n in schedule}
            for future in as_completed(futures):
                report(future.result())
    for name in last:
        say(f"  running {name} (reads the others' claims) ...")
        report(_run_one(name, str(out), quick, seed, after_others=True))
    write_gallery(out)
    failed = [o.name for o in results.values() if not o.ok]
    summary = f"Finished in {time.perf_counter() - start:.1f} s"
    if failed:
        summary += f"; {len(failed)} failed: {', '.join(failed)}"
        for name in failed:
            say(f"\n--- {name} ---\n{results[name].error}")
    say(summary + f". Gallery: {out / 'README.md'}")
    return [results[n] for n in names]


_VERDICT_MARK = {"holds": "holds ✓", "partly": "partly ~", "fails": "fails ✗"}


def write_gallery(out: str | os.PathLike) -> Path:
    """Regenerate ``out/README.md`` from the JSON records present in ``out``.

    Figures appear in lecture order, each with its question and its claims (the
    measured value and the verdict for the analogy).
    """
    out = Path(out)
    from comparisons import ORDER

    present = [n for n in ORDER if (out / f"{n}.json").exists()]
    present += sorted(p.stem for p in out.glob("*.json") if p.stem not in ORDER)
    lines = [
        "# neurosim figure gallery",
        "",
        "Generated by `neurosim figures`; each figure comes with the claims it measured.",
        "The verdict says whether the measurement supports the analogy",
        '"an artificial (logistic) unit is like a spiking neuron": **holds**, **partly** or **fails**.',
        "Claims about one model alone (the first two comparisons, an ANN's own accuracy) say",
        "whether the lecture's statement about that model holds; the closing scorecard counts",
        "only the claims about the analogy.",
        "",
    ]
    for i, name in enumerate(present, start=1):
        try:
            with open(out / f"{name}.json", encoding="utf-8") as fh:
                record = json.load(fh)
        except (OSError, ValueError):
            continue
        quality = "quick run" if record.get("quick") else "full quality"
        lines += [
            f"## {i}. `{name}`",
            "",
            f"**{record.get('question', '')}**",
            "",
            f"![{name}]({name}.png)",
            "",
            f"_{quality}, seed {record.get('seed', '?')}, {record.get('seconds', '?')} s._",
            "",
        ]
        claims = record.get("claims", [])
        if claims:
            lines += ["| claim | measured | verdict |", "|---|---|---|"]
            for c in claims:
                statement = c.get("statement", "").replace("|", "\\|")
                mark = _VERDICT_MARK.get(c.get("verdict"), c.get("verdict", ""))
                lines.append(
                    f"| {statement} | {format_value(c.get('value'), c.get('unit', ''))} | {mark} |"
                )
            lines.append("")
    return _write_text(out / "README.md", "\n".join(lines))
