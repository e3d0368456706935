"""A weighted sum and a squashing function: is a LIF neuron's rate the unit's sigmoid?

The same three-input samples go to a logistic unit, y = sigmoid(w . x + b), and to a
leaky integrate-and-fire neuron that receives the same weighted sum z = w . x + b as an
input current (encoding I = 0.1 nA * z + 0.15 nA: z = 0, where the sigmoid is 0.5, sits
exactly at the neuron's threshold current). Both answers rise monotonically with z, so
they are strongly correlated; but the shapes differ: the neuron is silent below a hard
threshold (the rheobase) and rises steeply, logarithmically, just above it, where the
unit already answers 0.1-0.5; and it saturates at 1/t_ref (500 Hz), not at 1.
"""

from __future__ import annotations

import numpy as np
from brian2 import Hz, nA, second

from neurosim.compare import unit_vs_neuron
from neurosim.encoding import CurrentEncoding
from neurosim.findings import Findings
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, THEORY, label_panels, lecture_style
from neurosim.spiking import LIFParameters, lif_rate

NAME = "weighted_sum_and_squash"
QUESTION = "Is a neuron's firing rate the weighted sum passed through a sigmoid?"

WEIGHTS = np.array([6.0, -4.0, 5.0])
BIAS = -3.5


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """Simulate the neuron on every sample (one run) and measure the agreement."""
    n = 100 if quick else 300
    duration = 0.5 * second if quick else 2 * second
    params = LIFParameters()
    encoding = CurrentEncoding()
    X = np.random.default_rng(seed).uniform(0, 1, size=(n, WEIGHTS.size))
    res = unit_vs_neuron(
        WEIGHTS, BIAS, X, encoding=encoding, params=params, duration=duration, seed=seed
    )
    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "samples": n,
            "duration_s": float(duration / second),
            "weights": WEIGHTS,
            "bias": BIAS,
            "encoding": encoding.describe(),
            "neuron": "LIFParameters() defaults: tau_m 20 ms, threshold 15 mV above rest, R 100 MOhm, "
            "t_ref 2 ms",
        },
    )
    d = findings.data
    rate = np.asarray(res.rate / Hz)
    current = np.asarray(res.current / nA)
    d["z"], d["unit"], d["rate"], d["current_nA"] = res.drive, res.unit_output, rate, current
    d["theory_rate"] = np.asarray(res.theory_rate / Hz)
    z_line = np.linspace(res.drive.min() - 0.5, res.drive.max() + 0.5, 400)
    d["z_line"] = z_line
    d["theory_line"] = np.asarray(lif_rate(encoding.encode(z_line), params) / Hz)
    d["logistic_line"] = res.logistic.predict(z_line)
    i_wide = np.linspace(0, 10, 400)
    d["wide_current_nA"], d["wide_rate"] = i_wide, np.asarray(lif_rate(i_wide * nA, params) / Hz)
    d["max_rate"] = float(params.max_rate / Hz)
    # the threshold seen in the simulation: between the strongest silent sample and the
    # weakest firing one
    silent, firing = current[rate == 0], current[rate > 0]
    threshold = 0.5 * (silent.max() + firing.min())
    d["rheobase_nA"], d["rheobase_theory_nA"] = threshold, float(params.rheobase / nA)
    d["correlation"] = res.correlation
    d["logistic_nrmse"] = res.logistic.nrmse
    gap = (res.unit_output >= 0.1) & (rate == 0)
    d["silent_but_unit_active"] = 100 * gap.mean()

    findings.claim(
        "correlation of the LIF rate with the unit's output (same samples)",
        res.correlation,
        "",
        "holds" if res.correlation > 0.8 else "partly",
        aspect="integration",
        key=True,
    )
    findings.claim(
        "error of the best logistic fit to the LIF rate vs weighted input (% of the rate range)",
        100 * res.logistic.nrmse,
        "%",
        "holds" if res.logistic.nrmse < 0.03 else "partly",
        aspect="nonlinearity",
        key=True,
    )
    findings.claim(
        "rheobase: below this current the neuron is silent (the unit never is)",
        threshold,
        "nA",
        "partly",
        aspect="nonlinearity",
    )
    findings.claim(
        "samples where the unit answers >= 0.1 but the neuron is silent",
        d["silent_but_unit_active"],
        "%",
        "partly",
        aspect="nonlinearity",
    )
    findings.claim(
        "maximum rate 1/t_ref (the unit's maximum is 1)",
        d["max_rate"],
        "Hz",
        "partly",
        aspect="nonlinearity",
    )
    return findings


def plot(findings: Findings):
    """Unit output and LIF rate against the same weighted input, and against each other."""
    import matplotlib.pyplot as plt

    d = findings.data
    with lecture_style():
        fig, axes = plt.subplots(1, 3, figsize=(17, 5.6))
        ax = axes[0]
        line = d["z_line"]
        ax.plot(line, 1 / (1 + np.exp(-line)), color=ARTIFICIAL, label="sigmoid(z)")
        ax.scatter(d["z"], d["unit"], s=14, color=ARTIFICIAL, alpha=0.6, zorder=3, label="samples")
        ax.axvline(0, color=NEUTRAL, ls=":", lw=1.5)
        ax.set_xlabel("weighted input z = w·x + b")
        ax.set_ylabel("unit output")
        ax.set_ylim(-0.03, 1.05)
        ax.set_title("Logistic unit: smooth, never silent", fontsize=14)
        ax.legend(loc="upper left")

        ax = axes[1]
        ax.plot(line, d["theory_line"], color=THEORY, ls="--", lw=1.8, label="LIF closed form")
        ax.plot(
            line,
            d["logistic_line"],
            color=ARTIFICIAL,
            ls=":",
            lw=2,
            label=f"best logistic fit ({100 * d['logistic_nrmse']:.1f}% error)",
        )
        ax.scatter(d["z"], d["rate"], s=14, color=SPIKING, alpha=0.7, zorder=3, label="simulated")
        z_th = (d["rheobase_theory_nA"] - 0.15) / 0.1
        ax.axvline(z_th, color=NEUTRAL, ls=":", lw=1.5)
        ax.annotate(
            f"threshold\n(rheobase {d['rheobase_theory_nA']:.2f} nA)",
            (z_th, 0.75 * d["rate"].max()),
            xytext=(-8, 0),
            textcoords="offset points",
            ha="right",
            fontsize=11,
            color=NEUTRAL,
        )
        ax.set_xlabel("weighted input z  (current I = 0.1 nA·z + 0.15 nA)")
        ax.set_ylabel("firing rate (Hz)")
        ax.set_title("LIF neuron: silent, then a steep rise", fontsize=14)
        ax.legend(loc="upper left", fontsize=10)
        inset = ax.inset_axes([0.68, 0.1, 0.3, 0.24])
        inset.plot(d["wide_current_nA"], d["wide_rate"], color=THEORY, ls="--", lw=1.5)
        inset.axhline(d["max_rate"], color=SPIKING, lw=1.2)
        inset.set_ylim(0, d["max_rate"] * 1.15)
        inset.set_xlabel("I (nA)", fontsize=9)
        inset.set_ylabel("Hz", fontsize=9)
        inset.tick_params(labelsize=8)
        inset.set_title(f"saturates at 1/t_ref = {d['max_rate']:.0f} Hz", fontsize=9)

        ax = axes[2]
        ax.scatter(d["unit"], d["rate"], s=14, color=SPIKING, alpha=0.7)
        ax.axvline(0.5, color=NEUTRAL, ls=":", lw=1.5)
        ax.set_xlabel("unit output (same sample)")
        ax.set_ylabel("LIF firing rate (Hz)")
        ax.set_title(f"Same ordering (r = {d['correlation']:.2f}), other shape", fontsize=14)
        ax.text(
            0.03,
            0.95,
            f"{d['silent_but_unit_active']:.0f}% of samples: unit ≥ 0.1,\nneuron silent",
            transform=ax.transAxes,
            va="top",
            fontsize=11,
            color=NEUTRAL,
        )
        label_panels(axes)
        fig.suptitle(
            "Same weighted sum, two squashing functions: ordered alike, shaped differently",
            fontsize=16,
            fontweight="bold",
        )
    return fig
