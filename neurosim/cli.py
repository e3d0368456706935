"""Command line: ``neurosim list`` and ``neurosim figures [NAME ...] [options]``.

``neurosim figures lif_neuron --seeds 5 --set lif_neuron.tau_m=10ms --quick`` runs
lif_neuron with seeds 0-4 (``--seeds 0,3,7`` for a list) and one parameter changed.

Exit status: 0 on success, 1 if any comparison failed (the others still ran),
2 for a usage error (unknown name, bad seed, bad output folder, bad --set),
130 after Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import difflib
import sys

from neurosim import registry

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
    return parser, fig


def _unknown_options(parser: argparse.ArgumentParser, extras: list[str]) -> str:
    options = [o for a in parser._actions for o in a.option_strings]
    hints = []
    for extra in extras:
        close = difflib.get_close_matches(extra.split("=")[0], options, n=1, cutoff=0.6)
        if close:
            hints.append(f" Did you mean {close[0]}?")
    return f"unrecognized arguments: {' '.join(extras)}.{''.join(hints)}"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``neurosim`` console script and ``python -m neurosim``."""
    parser, fig = _parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        # the figures command's own usage, not the top level's
        (fig if args.command == "figures" else parser).error(_unknown_options(fig, extras))
    if args.command == "list":
        names = registry.available()
        width = max((len(n) for n in names), default=0)
        for name in names:
            print(f"{name:<{width}}  {registry.question(name)}")
        return 0
    if args.command == "figures":
        return _figures(fig, args)
    parser.print_help()
    return 2


def _figures(fig: argparse.ArgumentParser, args) -> int:
    from neurosim import pipeline

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
    bad = [s for s in seeds if not 0 <= s < SEED_LIMIT]
    if bad:
        return usage_error(
            f"seed {bad[0]} is out of range: seeds are integers with 0 <= seed < 2**32 "
            f"({SEED_LIMIT})."
        )
    if len(set(seeds)) != len(seeds):
        return usage_error(f"seeds must be distinct, got {', '.join(map(str, seeds))}.")
    if args.jobs is not None and args.jobs < 1:
        return usage_error("--jobs must be at least 1.")
    try:
        names = registry.resolve(args.names)
        overrides = pipeline.parse_overrides(args.overrides)
        pipeline.check_out(args.out)
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
        )
    except KeyboardInterrupt:
        return 130
    except (ValueError, TypeError, pipeline.RunLockedError) as err:
        # raised before anything ran: a bad --set value, a folder in use
        return usage_error(str(err))
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
