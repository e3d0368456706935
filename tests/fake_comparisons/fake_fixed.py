"""A fake comparison with no random input: it declares DETERMINISTIC and runs once."""

from neurosim.contract import Rule
from neurosim.contract.module import begin
from neurosim.plotting import SPIKING, lecture_style, new_figure, run_note

NAME = "fake_fixed"
QUESTION = "Does the fixed fake hold?"
PARAMETERS = ()
COST = 0.1
DETERMINISTIC = True


def run(*, quick=False, seed=0, **params):
    findings, _ = begin(
        NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed, deterministic=DETERMINISTIC
    )
    findings.data = {"x": [1.0, 2.0, 3.0]}
    findings.claim(
        "one third of one",
        1 / 3,
        "",
        rule=Rule.at_most(0.5, reason="under one half", above="over one half"),
        aspect="memory",
        key=True,
        label="a third",
    )
    return findings


def plot(findings):
    with lecture_style():
        fig = new_figure(figsize=(3, 2))
        ax = fig.add_subplot()
        ax.plot(findings.data["x"], color=SPIKING)
        run_note(fig, findings.settings)
    return fig
