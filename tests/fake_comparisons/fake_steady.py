"""A fake comparison whose claim holds for every seed: 10 plus a little noise."""

import numpy as np

from neurosim.contract import Rule
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, lecture_style, new_figure

NAME = "fake_steady"
QUESTION = "Does the steady fake hold?"
PARAMETERS = (Parameter("gain", 1.0, "scales the measured value", low=0, high=100),)
COST = 0.1


def run(*, quick=False, seed=0, **params):
    findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed)
    x = np.random.default_rng(seed).normal(size=5)
    findings.data = {"x": x}
    findings.claim(
        "ten times the gain plus a little noise",
        p.gain * (10 + 0.1 * float(x.mean())),
        "Hz",
        rule=Rule.at_least(5, reason="half of ten", below="too little gain"),
        aspect="integration",
        key=True,
        label="ten times the gain",
    )
    findings.claim(
        "the noise's mean",
        float(x.mean()),
        "",
        rule=Rule.between(-3, 3, reason="three standard deviations"),
        about="artificial",
        label="mean of the noise",
    )
    return findings


def plot(findings):
    with lecture_style():
        fig = new_figure(figsize=(3, 2))
        ax = fig.add_subplot()
        ax.plot(findings.data["x"], color=ARTIFICIAL)
        ax.set_title("steady")
    return fig
