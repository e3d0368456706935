"""A template comparison: copy it to neurosim/comparisons/NAME.py and change every part.

The first line of the docstring answers the question in one sentence. Then say what is
simulated, under which conditions (encoding, regime, speed-ups), and cite the sources
of every formula or published number used.

Here: a LIF neuron and a logistic unit read the same input x. The neuron's rate under
a constant current I = gain * x + offset follows the closed form (Lapicque's LIF,
r = 1 / (t_ref + tau_m ln(RI / (RI - (V_th - E_L))))), which is exactly zero below the
rheobase, where the unit's sigmoid is never zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.contract import Findings, Rule
from neurosim.contract.module import begin, finish
from neurosim.contract.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, SPIKING, THEORY, lecture_style, new_figure
from neurosim.spiking import LIFParameters, fi_curve, lif_rate
from neurosim.units import Hz, second

NAME = "comparison_template"
QUESTION = "Is a LIF neuron's rate the sigmoid of its input?"
PARAMETERS = (
    Parameter.from_field(LIFParameters, "tau_m", low=2, high=100),
    Parameter("gain", 0.1, "input current per unit of x", unit="nA", low=0.01, high=1),
    Parameter(
        "duration",
        1000.0,
        "simulated time per input level",
        unit="ms",
        low=100,
        high=10000,
        quick=300.0,
    ),
)
COST = 1.0
#: explore()'s live updates: the quick values plus these (optional; work-size
#: parameters only). The live figure loses resolution: rates in steps of 5 Hz.
EXPLORE = {"duration": 200.0}
#: no random input enters (constant currents, no noise): run once, shown as deterministic
DETERMINISTIC = True


@dataclass(frozen=True)
class Measured:
    """What plot() needs: plain arrays."""

    x: np.ndarray
    neuron_rate_Hz: np.ndarray
    theory_rate_Hz: np.ndarray
    unit_output: np.ndarray


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Stimulus, artificial model, spiking model, comparison, claims."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        deterministic=DETERMINISTIC,
        encoding="I = gain * x + rheobase",
    )
    neuron = LIFParameters(tau_m=p.tau_m)
    # stimulus: one definition of the input for both models
    x = np.linspace(-3, 3, 25)
    current = p.gain * x + neuron.rheobase
    # artificial model
    unit = 1 / (1 + np.exp(-x))
    # spiking model: every input level is a neuron of one group, one engine run
    rates = np.asarray(fi_curve(current, neuron, duration=p.duration, seed=seed) / Hz)
    theory = np.asarray(lif_rate(current, neuron) / Hz)
    findings.data = Measured(x, rates, theory, unit)
    # claims: verdicts from declared rules, never typed
    silent = x < 0
    findings.claim(
        "share of the unit's output range spent where the neuron is silent "
        "(constant current, no noise)",
        100 * float(np.mean(silent & (unit > 0.01))),
        "%",
        rule=Rule.at_most(
            5,
            partly=25,
            reason="a sigmoid is never zero; the neuron is, "
            "below its rheobase: a few % is within the sampling of x",
            above="silent where the unit answers",
        ),
        aspect="nonlinearity",
        key=True,
        label="silent where the unit answers",
    )
    expected = theory * float(p.duration / second)
    findings.claim(
        "largest difference between the spikes counted over the run and the closed form's "
        "rate times the duration (constant current, no noise, dt 0.1 ms)",
        float(np.max(np.abs(rates * float(p.duration / second) - expected))),
        "spikes",
        rule=Rule.at_most(
            1.5,
            reason="a count over a finite window differs from rate x "
            "duration by at most one spike (the first interval starts at "
            "rest, the last is cut), plus Brian2's spike stamps",
        ),
        about="spiking",
        label="spike counts vs the closed form",
    )
    return findings


def plot(findings: Findings):
    """The neuron's rate and the unit's output against the same input x."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(10, 5.5))
        ax = fig.add_subplot()
        ax.plot(d.x, d.theory_rate_Hz, color=THEORY, linestyle="--", label="closed form")
        ax.plot(d.x, d.neuron_rate_Hz, "o", color=SPIKING, label="LIF neuron")
        ax.set_xlabel("input x")
        ax.set_ylabel("firing rate (Hz)")
        twin = ax.twinx()
        twin.plot(d.x, d.unit_output, color=ARTIFICIAL, label="logistic unit")
        twin.set_ylabel("unit output")
        twin.set_ylim(0, 1.05)
        twin.spines["right"].set_visible(True)
        ax.legend(loc="upper left")
        twin.legend(loc="lower right")
        # the title states a result: name the claims it rests on, and the outcome each
        # must have in this run for the title to be shown as written
        title = "The neuron's rate follows the closed form it is built on"
        finish(fig, findings, title, {"spike counts vs the closed form": "holds"}, fontsize=16)
    return fig
