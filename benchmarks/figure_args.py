"""The command line of the benchmarks that time every comparison's figure.

``python benchmarks/bench_NAME.py [NAME ...] [--repeat R]``: the comparisons named
(default: every one but the scorecard, which only gathers the others' claims), each
timed R times.
"""

from __future__ import annotations

import argparse

from neurosim.contract import registry


def names_and_repeats(description: str) -> tuple[list[str], int]:
    """The comparisons to time and how many times, from the command line."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    return args.names or [n for n in registry.available() if n != "scorecard"], args.repeat
