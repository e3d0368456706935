"""Command line: ``neurosim list`` and ``neurosim figures [NAME ...] [--quick] [--out DIR] [--seed N]``.

Exit status: 0 on success, 1 if any comparison failed (the others still ran),
2 for a usage error such as an unknown comparison name.
"""

from __future__ import annotations

import argparse
import sys

from neurosim import registry

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neurosim",
        description="The artificial neuron of deep learning beside a spiking neuron: "
        "run the comparisons and write their figures.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("list", help="list the comparisons and the question each answers")
    fig = sub.add_parser("figures", help="run comparisons and write their figures")
    fig.add_argument("names", nargs="*", metavar="NAME", help="comparisons to run (default: all)")
    fig.add_argument("--quick", action="store_true", help="shorter runs, same figures")
    fig.add_argument(
        "--out", default="figures", metavar="DIR", help="output folder (default: figures)"
    )
    fig.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default: 0)")
    fig.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: up to 2; 1 runs in this process)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``neurosim`` console script and ``python -m neurosim``."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "list":
        names = registry.available()
        width = max((len(n) for n in names), default=0)
        for name in names:
            print(f"{name:<{width}}  {registry.question(name)}")
        return 0
    if args.command == "figures":
        try:
            names = registry.resolve(args.names)
        except registry.UnknownComparisonError as err:
            print(f"neurosim figures: error: {err}", file=sys.stderr)
            return 2
        if args.seed < 0:
            parser.error("--seed must be a non-negative integer")
        if args.jobs is not None and args.jobs < 1:
            parser.error("--jobs must be at least 1")
        from neurosim.pipeline import generate

        outcomes = generate(names, out=args.out, quick=args.quick, seed=args.seed, jobs=args.jobs)
        return 0 if all(o.ok for o in outcomes) else 1
    parser.print_help()
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
