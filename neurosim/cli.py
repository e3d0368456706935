"""Command line: ``neurosim list``, ``show``, ``figures``, ``sweep``, ``slides`` and ``notebooks``.

``neurosim figures lif_neuron --seeds 5 --set lif_neuron.tau_m=10ms --quick`` runs
lif_neuron with seeds 0-4 (``--seeds 0,3,7`` for a list) and one parameter changed.

``neurosim sweep lif_neuron --set tau_m=5ms,10ms,20ms --seeds 5 --quick`` runs the grid
(cartesian product of the ``--set`` lists) for every seed and writes a table (CSV, JSON)
and a figure of the key claims against the swept parameter (:mod:`neurosim.run.sweep`).
``--scheduler tcp://HOST:PORT`` runs ``figures`` or ``sweep`` on a Dask cluster.

``neurosim slides`` writes the lecture deck from a figures folder; ``neurosim notebooks``
the exercise notebooks (``--solutions`` adds the worked solutions).

Exit status: 0 on success, 1 if any comparison failed (the others still ran),
2 for a usage error (unknown name, bad seed, bad output folder, bad --set, a scheduler
that does not answer, a missing figures folder), 130 after Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from neurosim.contract import registry
from neurosim.core.constraints import InstanceOf, ListOf, validate

__all__ = ["main"]

SEED_LIMIT = 2**32


def _seeds(text: str) -> list[int]:
    """``"5"`` -> seeds 0-4; ``"0,3,7"`` -> those seeds."""
    parts = [p.strip() for p in text.split(",")]
    try:
        numbers = [int(p) for p in parts if p]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number of seeds (5) or a list of seeds (0,3,7), got {text!r}"
        ) from None
    if not numbers:
        raise argparse.ArgumentTypeError(f"expected at least one seed, got {text!r}")
    if "," in text:
        seeds = numbers
    else:
        if numbers[0] < 1:
            raise argparse.ArgumentTypeError(f"the number of seeds must be at least 1, got {text}")
        seeds = list(range(numbers[0]))
    return seeds


def _parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    parser = argparse.ArgumentParser(
        prog="neurosim",
        description="The artificial neuron of deep learning beside a spiking neuron: "
        "run the comparisons and write their figures.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("list", help="list the comparisons and the question each answers")
    sh = sub.add_parser(
        "show",
        help="show a comparison's question, parameters and last measured claims",
        description="A comparison's question; its parameters with unit, default, quick value "
        "and allowed range (what --set accepts); and the claims of its last record with "
        "their verdicts, rules and reasons. Nothing is simulated.",
    )
    sh.add_argument("name", metavar="NAME", help="a comparison (see neurosim list)")
    sh.add_argument(
        "--figures",
        action="append",
        default=None,
        metavar="DIR",
        help="folder to read NAME.json from (repeatable; default: figures, then gallery)",
    )
    fig = sub.add_parser(
        "figures",
        help="run comparisons and write their figures",
        description="Run comparisons (every seed), write NAME.png/.svg/.json and the gallery.",
    )
    fig.add_argument("names", nargs="*", metavar="NAME", help="comparisons to run (default: all)")
    fig.add_argument("--quick", action="store_true", help="shorter runs, same figures")
    fig.add_argument(
        "--out", default="figures", metavar="DIR", help="output folder (default: figures)"
    )
    fig.add_argument("--seed", type=int, default=None, metavar="N", help="random seed (default: 0)")
    fig.add_argument(
        "--seeds",
        type=_seeds,
        default=None,
        metavar="N|LIST",
        help="run every comparison with N seeds (counting from --seed, default 0) or the "
        "listed seeds (0,3,7); claims get mean, 95%% interval and stability",
    )
    fig.add_argument(
        "--set",
        action="append",
        default=[],
        dest="overrides",
        metavar="NAME.PARAM=VALUE",
        help="change a comparison's parameter, e.g. lif_neuron.tau_m=10ms (repeatable)",
    )
    fig.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: up to 2; 1 runs in this process)",
    )
    fig.add_argument(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="run the seeds on this Dask scheduler's workers (needs neurosim[cluster])",
    )
    sw = sub.add_parser(
        "sweep",
        help="run one comparison over a grid of parameter values and seeds",
        description="Run NAME for every combination of the --set values and every seed; "
        "write NAME_sweep.csv/.json (every claim's value) and NAME_sweep.png.",
    )
    sw.add_argument("name", metavar="NAME", help="the comparison to sweep")
    sw.add_argument(
        "--set",
        action="append",
        default=[],
        dest="grid",
        metavar="PARAM=V1,V2,...",
        help="a parameter and its values, e.g. tau_m=5ms,10ms,20ms (repeat for a grid)",
    )
    sw.add_argument(
        "--seeds",
        type=_seeds,
        default=[0],
        metavar="N|LIST",
        help="N seeds (0..N-1) or a list (0,3,7); default: seed 0",
    )
    sw.add_argument("--quick", action="store_true", help="shorter runs")
    sw.add_argument(
        "--out", default="sweeps", metavar="DIR", help="output folder (default: sweeps)"
    )
    sw.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="local worker processes (default: up to 2; 1 runs in this process)",
    )
    sw.add_argument(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="run the jobs on this Dask scheduler's workers (needs neurosim[cluster])",
    )
    sl = sub.add_parser(
        "slides",
        help="write the lecture deck from a figures folder",
        description="One slide per comparison: its figure, question, headline claims and "
        "speaker notes, from the files `neurosim figures` wrote.",
    )
    sl.add_argument(
        "--figures", default="figures", metavar="DIR", help="figures folder (default: figures)"
    )
    sl.add_argument(
        "--out", default=None, metavar="FILE", help="the deck (default: lecture.pptx or .pdf)"
    )
    sl.add_argument(
        "--format", choices=("pptx", "pdf"), default=None, help="default: from --out, else pptx"
    )
    nb = sub.add_parser(
        "notebooks",
        help="write the exercise notebooks",
        description="Build the .ipynb notebooks from their sources: exercises with "
        "the solutions cut out (and, with --solutions, the worked solutions too).",
    )
    nb.add_argument(
        "--out", default="notebooks", metavar="DIR", help="output folder (default: notebooks)"
    )
    nb.add_argument(
        "--source",
        default=None,
        metavar="DIR",
        help="folder of notebook sources (default: the project's notebooks/)",
    )
    nb.add_argument("--solutions", action="store_true", help="also write NAME_solution.ipynb files")
    return parser, fig


def _unknown_options(parser: argparse.ArgumentParser, extras: list[str]) -> str:
    options = [o for a in parser._actions for o in a.option_strings]
    hints = []
    for extra in extras:
        close = difflib.get_close_matches(extra.split("=")[0], options, n=1, cutoff=0.6)
        if close:
            hints.append(f" Did you mean {close[0]}?")
    return f"unrecognized arguments: {' '.join(extras)}.{''.join(hints)}"


@validate(argv=[ListOf(InstanceOf(str), min_len=0), None])
def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``neurosim`` console script and ``python -m neurosim``."""
    parser, fig = _parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        # the command's own usage, not the top level's
        command = _subparser(parser, args.command) or parser
        command.error(_unknown_options(command, extras))
    if args.command == "list":
        names = registry.available()
        width = max((len(n) for n in names), default=0)
        for name in names:
            print(f"{name:<{width}}  {registry.question(name)}")
        return 0
    if args.command == "figures":
        return _figures(fig, args)
    if args.command == "show":
        return _show(_subparser(parser, "show"), args)
    if args.command in ("sweep", "slides", "notebooks"):
        command = _subparser(parser, args.command)
        return {"sweep": _sweep, "slides": _slides, "notebooks": _notebooks}[args.command](
            command, args
        )
    parser.print_help()
    return 2


def _subparser(parser: argparse.ArgumentParser, name: str | None):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices.get(name)
    return None


def _usage_error(command: argparse.ArgumentParser, message: str) -> int:
    command.print_usage(sys.stderr)
    print(f"{command.prog}: error: {message}", file=sys.stderr)
    return 2


def _seed_problem(seeds: list[int], option: str) -> str | None:
    """What is wrong with the seeds an option gave (out of range, repeated), or None."""
    bad = [s for s in seeds if not 0 <= s < SEED_LIMIT]
    if bad:
        return (
            f"{option}: seed {bad[0]} is out of range: seeds are integers with "
            f"0 <= seed < 2**32 ({SEED_LIMIT})."
        )
    if len(set(seeds)) != len(seeds):
        return f"{option}: seeds must be distinct, got {', '.join(map(str, seeds))}."
    return None


def _sweep(command: argparse.ArgumentParser, args) -> int:
    from neurosim.run import executors, pipeline, sweep

    problem = _seed_problem(args.seeds, "--seeds")
    if problem:
        return _usage_error(command, problem)
    if args.jobs is not None and args.jobs < 1:
        return _usage_error(command, "--jobs must be at least 1.")
    try:
        grid = sweep.parse_grid(args.grid, args.name)
        result = sweep.sweep(
            args.name,
            grid,
            seeds=args.seeds,
            quick=args.quick,
            out=args.out,
            jobs=args.jobs,
            scheduler=args.scheduler,
        )
    except KeyboardInterrupt:
        return 130
    except pipeline.OutputFolderError as err:
        return _usage_error(command, f"--out: {err}")
    except (ValueError, TypeError, executors.SchedulerError) as err:
        return _usage_error(command, str(err))
    return 0 if result.ok else 1


def _show(command: argparse.ArgumentParser, args) -> int:
    from neurosim.kit.show import describe

    try:
        registry.resolve([args.name])
    except registry.UnknownComparisonError as err:
        return _usage_error(command, str(err))
    for folder in args.figures or []:
        if not Path(folder).is_dir():
            return _usage_error(command, f"--figures: {folder!r} is not a folder.")
    page = describe(args.name, args.figures) if args.figures else describe(args.name)
    print(page, end="")
    return 0


def _slides(command: argparse.ArgumentParser, args) -> int:
    from neurosim.kit.slides import build_slides

    out = args.out or f"lecture.{args.format or 'pptx'}"
    if not Path(args.figures).is_dir():
        return _usage_error(
            command,
            f"--figures: the folder {args.figures!r} does not exist. "
            f"Run 'neurosim figures --out {args.figures}' first.",
        )
    try:
        path = build_slides(args.figures, out, format=args.format)
    except FileNotFoundError as err:
        return _usage_error(command, f"--figures: {err}")
    except (ValueError, TypeError, ImportError) as err:
        return _usage_error(command, str(err))
    print(f"Wrote {path}")
    return 0


def _notebook_sources(given) -> Path:
    if given is not None:
        return Path(given)
    here = Path("notebooks")
    if here.is_dir() and any(here.glob("*.py")):
        return here
    return Path(__file__).resolve().parents[1] / "notebooks"


def _notebooks(command: argparse.ArgumentParser, args) -> int:
    import shutil
    import tempfile

    from neurosim.kit import notebooks

    source = _notebook_sources(args.source)
    if not source.is_dir():
        return _usage_error(command, f"--source: the folder {str(source)!r} does not exist.")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        return _usage_error(command, f"--out {str(out)!r} is a file, not a folder.")
    try:
        with tempfile.TemporaryDirectory(prefix="neurosim-notebooks-") as tmp:
            built = notebooks.build(source, tmp)
            out.mkdir(parents=True, exist_ok=True)
            written = []
            for path in built:
                if path.stem.endswith("_solution") and not args.solutions:
                    continue
                target = out / path.name
                shutil.copyfile(path, target)
                written.append(target)
    except (FileNotFoundError, ValueError, TypeError, ImportError, OSError) as err:
        return _usage_error(command, str(err))
    if not written:
        return _usage_error(command, f"no notebook sources (# %% cells) in {str(source)!r}.")
    kind = "exercise and solution" if args.solutions else "exercise"
    print(f"Wrote {len(written)} {kind} notebook(s) into {out}/")
    return 0


def _figures(fig: argparse.ArgumentParser, args) -> int:
    from neurosim.run import executors, pipeline

    def usage_error(message: str) -> int:
        fig.print_usage(sys.stderr)
        print(f"neurosim figures: error: {message}", file=sys.stderr)
        return 2

    start = 0 if args.seed is None else args.seed
    if args.seeds is None:
        seeds = [start]
    elif (
        args.seed is not None and len(args.seeds) > 0 and args.seeds == list(range(len(args.seeds)))
    ):
        seeds = [start + s for s in args.seeds]  # --seed 10 --seeds 3: seeds 10, 11, 12
    else:
        seeds = args.seeds
    option = (
        "--seed" if args.seeds is None else "--seeds" if args.seed is None else "--seed/--seeds"
    )
    problem = _seed_problem(seeds, option)
    if problem:
        return usage_error(problem)
    if args.jobs is not None and args.jobs < 1:
        return usage_error("--jobs must be at least 1.")
    try:
        names = registry.resolve(args.names)
        overrides = pipeline.parse_overrides(args.overrides)
        pipeline.check_out(args.out, make=False)
    except pipeline.OutputFolderError as err:
        return usage_error(f"--out: {err}")
    except (ValueError, TypeError) as err:
        return usage_error(str(err))
    try:
        outcomes = pipeline.generate(
            names,
            out=args.out,
            quick=args.quick,
            seeds=seeds,
            jobs=args.jobs,
            overrides=overrides,
            scheduler=args.scheduler,
        )
    except KeyboardInterrupt:
        return 130
    except pipeline.RunLockedError as err:
        # not a usage error: the command was right, the folder is busy (one line)
        print(f"neurosim figures: {err}", file=sys.stderr)
        return 2
    except (ValueError, TypeError, executors.SchedulerError) as err:
        # raised before anything ran: a bad --set value
        return usage_error(str(err))
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
