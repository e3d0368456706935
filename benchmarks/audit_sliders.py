"""Move every control of every comparison to its ends and thirds: does it run, and is the figure legible?

What a student can reach in explore(): each numeric parameter, one at a time (the others
at the explore defaults), at four positions of its own slider (the first, a third and
two thirds of the way, the last; a selection slider's first, third, two-thirds and last
values). Each setting runs at quick settings with the comparison's ``EXPLORE`` values,
is drawn at the notebook's 100 dpi and checked with ``text_collisions``; a title that the
run does not bear out (it opens with "Not in this run:", ``neurosim.contract.headline``)
is counted as flagged, with the claims it names. A run longer
than ``--budget`` seconds is stopped and reported as slow (long runs are a student's
choice, such as 5000 training epochs, not a defect). Prints one line per setting that
failed, was slow or collided, then a table per comparison.

    python benchmarks/audit_sliders.py [NAME ...] [--budget 40]

It takes about 25 minutes for all comparisons on 2 cores (run two halves in parallel);
the suite checks only that every slider position passes its parameter's check
(tests/test_explore.py) and the settings that once failed.
"""

from __future__ import annotations

import argparse
import signal
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from neurosim.contract import registry
from neurosim.contract.reading import NOT_BORNE_OUT
from neurosim.kit.explorer import Explorer, _control
from neurosim.plotting import text_collisions


class _Slow(Exception):
    pass


def _alarm(*_args):
    raise _Slow


def _stopped(err: BaseException | None) -> bool:
    """Whether the budget stopped the run (Brian2 wraps what its code raises)."""
    while err is not None:
        if isinstance(err, _Slow):
            return True
        err = err.__cause__ or err.__context__
    return False


def positions(parameter, control) -> list:
    """The ends and thirds of one slider."""
    if hasattr(control, "options"):
        values = [value for _label, value in control.options]
        n = len(values) - 1
        return list(dict.fromkeys(values[round(k * n / 3)] for k in range(4)))
    if parameter.kind == "int":
        span = control.max - control.min
        return list(dict.fromkeys(control.min + round(k * span / 3) for k in range(4)))
    steps = round((control.max - control.min) / control.step)
    picks = [round(k * steps / 3) for k in range(4)]
    return [min(control.max, control.min + k * control.step) for k in picks]


def audit(name: str, budget: float) -> dict[str, int]:
    explorer = Explorer(name)
    explorer.update()
    defaults = dict(explorer.values)
    counts = {"settings": 0, "errors": 0, "slow": 0, "collided": 0, "collisions": 0, "flagged": 0}
    for parameter in explorer.parameters:
        if parameter.kind in ("choice", "bool"):
            continue
        control = _control(parameter, defaults[parameter.name])
        for value in positions(parameter, control):
            explorer.values.clear()
            explorer.values.update(defaults)
            counts["settings"] += 1
            start = time.perf_counter()
            signal.alarm(max(1, round(budget)))
            try:
                explorer.set(**{parameter.name: value})
                fig = explorer.figure()
                fig.set_dpi(100)
                found = text_collisions(fig)
                title = fig.get_suptitle()
                plt.close(fig)
            except Exception as err:  # what a student would see as "not run"
                # the budget's signal may land in Brian2's own error handling, which
                # then fails in turn (an IndexError): a run that lasted the budget is slow
                if _stopped(err) or time.perf_counter() - start >= budget:
                    counts["slow"] += 1
                    print(
                        f"{name} {parameter.name}={value:g}: slow (over {budget:g} s)", flush=True
                    )
                    continue
                counts["errors"] += 1
                print(f"{name} {parameter.name}={value:g}: ERROR {err}", flush=True)
                continue
            finally:
                signal.alarm(0)
            if title.startswith(NOT_BORNE_OUT):
                counts["flagged"] += 1
                said = " ".join(title.split()).rsplit("(", 1)[-1].rstrip(")")
                print(f"{name} {parameter.name}={value:g}: title flagged: {said}", flush=True)
            if found:
                counts["collided"] += 1
                counts["collisions"] += len(found)
                seconds = time.perf_counter() - start
                print(f"{name} {parameter.name}={value:g} ({seconds:.1f} s): {found}", flush=True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--budget", type=float, default=40.0, help="seconds per run")
    args = parser.parse_args()
    names = args.names or [n for n in registry.available() if n != "scorecard"]
    signal.signal(signal.SIGALRM, _alarm)
    table = {name: audit(name, args.budget) for name in names}
    print(f"\n{'comparison':26s} settings errors slow collided collisions flagged")
    for name, c in table.items():
        row = f"{c['settings']:8d} {c['errors']:6d} {c['slow']:4d} {c['collided']:8d}"
        print(f"{name:26s} {row} {c['collisions']:10d} {c['flagged']:7d}")
    total = {k: sum(c[k] for c in table.values()) for k in next(iter(table.values()))}
    print(f"{'all':26s} " + " ".join(f"{total[k]:d}" for k in total))


if __name__ == "__main__":
    main()
