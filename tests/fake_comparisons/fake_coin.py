"""A fake comparison whose verdict follows the seed's parity: holds on odd seeds."""

import numpy as np

from neurosim.contract import Rule
from neurosim.contract.module import begin
from neurosim.plotting import SPIKING, lecture_style, new_figure

NAME = "fake_coin"
QUESTION = "Does the coin fake hold?"
PARAMETERS = ()
COST = 0.1


def run(*, quick=False, seed=0, **params):
    findings, _ = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed)
    findings.data = {"x": np.arange(3.0) * seed}
    findings.claim(
        "the seed's parity",
        float(seed % 2),
        "",
        rule=Rule.at_least(0.5, reason="odd seeds hold", below="an even seed"),
        aspect="timing",
        key=True,
        label="parity",
    )
    return findings


def plot(findings):
    with lecture_style():
        fig = new_figure(figsize=(3, 2))
        ax = fig.add_subplot()
        ax.plot(findings.data["x"], color=SPIKING)
    return fig
