"""The contract suite's second half: the same seed gives the same claims, the same data to
the last bit, and a figure that says which run it shows.

It re-runs every comparison, so it is a file of its own: the test processes
(``pytest -n auto --dist loadfile`` gives each file to one process) share it with
tests/test_contract.py instead of one process running both.
"""

from __future__ import annotations

import dataclasses
import importlib

import numpy as np
import pytest

from neurosim import comparisons

NAMES = [n for n in comparisons.ORDER if n != "scorecard"]


def _same(a, b) -> bool:
    """Equal to the last bit, NaN equal to NaN, through tuples, lists and mappings."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "fc":
        return np.array_equal(a, b, equal_nan=True)
    return np.array_equal(a, b)


@pytest.mark.parametrize("name", NAMES)
def test_the_same_seed_gives_the_same_claims_and_a_figure_that_says_so(name, quick_run):
    from matplotlib.figure import Figure

    from neurosim.contract.module import check_figure

    module = importlib.import_module(f"neurosim.comparisons.{name}")
    findings, _ = quick_run(name)
    again = module.run(quick=True, seed=0)
    assert again.to_dict() == findings.to_dict()
    # every measured array to the last bit, not only the claims
    for field in dataclasses.fields(findings.data):
        a, b = getattr(again.data, field.name), getattr(findings.data, field.name)
        assert _same(a, b), field.name
    fig = module.plot(again)
    assert isinstance(fig, Figure)
    assert check_figure(fig, again) == []


BATCHED = [
    n
    for n in NAMES
    if hasattr(importlib.import_module(f"neurosim.comparisons.{n}").run, "run_seeds")
]


def test_the_batched_comparisons_are_the_ones_the_registry_names():
    from neurosim.contract import registry

    assert BATCHED == [n for n in NAMES if registry.batches(n)]
    assert len(BATCHED) >= 4  # the spiking comparisons that run seeds as one Brian2 run


@pytest.mark.parametrize("name", BATCHED)
def test_a_seed_in_a_batch_gives_what_it_gives_alone(name, quick_run):
    # seed 0 is the second block of the batch: its neurons, inputs and random numbers are
    # offset by the first seed's, so a wrong offset or a shared random stream shows here
    module = importlib.import_module(f"neurosim.comparisons.{name}")
    findings, _ = quick_run(name)
    other, batched = module.run.run_seeds([5, 0], quick=True)
    assert batched.to_dict() == findings.to_dict()
    for field in dataclasses.fields(findings.data):
        a, b = getattr(batched.data, field.name), getattr(findings.data, field.name)
        assert _same(a, b), field.name
    assert other.to_dict() != findings.to_dict()  # the other seed is its own run
