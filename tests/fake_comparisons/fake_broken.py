"""A fake comparison that fails."""

from neurosim.contract.module import begin

NAME = "fake_broken"
QUESTION = "Does the broken fake fail?"
PARAMETERS = ()


def run(*, quick=False, seed=0, **params):
    begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed)
    raise RuntimeError("simulated failure")


def plot(findings):
    raise AssertionError("never reached")
