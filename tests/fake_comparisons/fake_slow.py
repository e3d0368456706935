"""A fake comparison that sleeps ``delay`` seconds (to interrupt it) before measuring."""

import time

from neurosim.contract import Rule
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.plotting import lecture_style, new_figure

NAME = "fake_slow"
QUESTION = "Does the slow fake finish?"
PARAMETERS = (Parameter("delay", 0.0, "seconds to sleep", unit="", low=0, high=600),)
COST = 5.0


def run(*, quick=False, seed=0, **params):
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed)
    end = time.monotonic() + p.delay
    while time.monotonic() < end:
        time.sleep(0.01)
    findings.data = {"delay": p.delay}
    findings.claim(
        "the time slept",
        p.delay,
        "s",
        rule=Rule.at_most(60, reason="a minute"),
        aspect="memory",
        key=True,
    )
    return findings


def plot(findings):
    with lecture_style():
        fig = new_figure(figsize=(3, 2))
        fig.add_subplot().bar([0], [findings.data["delay"]])
    return fig
