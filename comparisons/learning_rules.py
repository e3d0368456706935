"""Does the brain need backprop? Rules without weight transport, with fixed-sign synapses,
or with purely local spike timing, compared.

Backprop sends every error back through the transpose of the forward weights, which
no known neural pathway can do; and its weights change sign freely, while a real
neuron's synapses all excite or all inhibit (Dale's law). The same networks, from the
same initial weights and the same mini-batches, are trained on the UCI digits and on
two spirals by backprop, by feedback alignment (the error travels back through fixed
random synapses, Lillicrap et al. 2016), by sign-constrained backprop (80 %
excitatory, 20 % inhibitory hidden units whose outgoing weights keep their signs) and
by node perturbation (no error vector at all: one global reward-like signal per
sample). The figure shows their test accuracy per epoch and the angle between the
feedback-alignment update and the true gradient, which starts near 90 degrees and
falls as the forward weights come to agree with the random feedback. Beside them,
spike-timing-dependent plasticity (STDP), a purely local rule: one neuron driven by
200 Poisson inputs (after Song, Miller & Abbott 2000, with a faster rule) ends with
all-or-none synapses, and keeps the inputs that fire together.
"""

from __future__ import annotations

import contextlib

import numpy as np
from brian2 import Hz, ms, second

from neurosim.artificial import (
    Backprop,
    DeepNetwork,
    FeedbackAlignment,
    NodePerturbation,
    SignConstrained,
    alignment_angle,
)
from neurosim.datasets import load_digits, make_spirals, train_test_split
from neurosim.findings import Findings
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, label_panels, lecture_style
from neurosim.spiking import STDPParameters, stdp_experiment

NAME = "learning_rules"
QUESTION = (
    "Does the brain need backprop: how do rules without weight transport, with fixed-sign "
    "synapses, or purely local spike timing compare?"
)
#: rough full-quality run time (s): the pipeline starts the longest comparisons first
COST = 12.0

#: the artificial rules: key, label, line style (all drawn in the artificial colour)
RULES = (
    ("backprop", "backprop", "-"),
    ("feedback_alignment", "feedback alignment", "--"),
    ("sign_constrained", "sign-constrained (Dale)", ":"),
    ("node_perturbation", "node perturbation (global reward)", "-."),
)
#: rules whose update differs from the gradient: their angle to it is recorded
MEASURED = ("feedback_alignment", "node_perturbation")
#: network and training per data set; epochs are (quick, full)
PROBLEMS = {
    "digits": {
        "layers": [64, 100, 10],
        "hidden": "sigmoid",
        "epochs": (20, 40),
        "batch_size": 32,
        "optimizer": "adam",
        "learning_rate": 0.01,
    },
    "spirals": {
        "layers": [2, 32, 32, 32, 2],
        "hidden": "relu",
        "epochs": (40, 80),
        "batch_size": 32,
        "optimizer": "adam",
        "learning_rate": 0.01,
    },
}
EXCITATORY_FRACTION = 0.8
#: The STDP neuron of Song, Miller & Abbott (2000), with the sped-up rule of
#: :meth:`neurosim.spiking.STDPParameters.fast` (200 inputs at 40 Hz, half of them
#: correlated with c = 0.5, A_+ = 0.01, A_-/A_+ = 1.3; the paper's 1.05 needs ~1000 s of
#: simulated time, see neurosim.spiking.plasticity). Durations are (quick, full); dt 0.2 ms
#: shifts the effective A_-/A_+ from 1.3 to 1.29 (same-step pairs), measured there.
STDP = {
    "n_inputs": 200,
    "rate_hz": 40.0,
    "correlated_fraction": 0.5,
    "correlation": 0.5,
    "duration_s": (5.0, 10.0),
    "dt_ms": 0.2,
}
#: a weight is "near" a bound when within this fraction of the weight range of it
NEAR = 0.1


class _AuditedSignConstrained(SignConstrained):
    """SignConstrained that counts, after every optimizer step, the weights of the wrong sign."""

    def prepare(self, network, rng):
        super().prepare(network, rng)
        self.worst_violations = 0

    def after_step(self, network):
        super().after_step(network)
        self.worst_violations = max(self.worst_violations, self.violations(network))


def _one_blas_thread():
    """Small matrices gain nothing from threaded BLAS; on a shared 2-core machine the
    threads spin against each other (measured here: digits training 2-5x slower).
    threadpoolctl is optional: without it, BLAS keeps its default."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _data(name: str, seed: int):
    if name == "digits":
        X, y = load_digits()
    else:
        X, y = make_spirals(600, turns=1.5, noise=0.06, seed=seed)
    return train_test_split(X, y, test_fraction=0.2, seed=seed)


def _make_rule(key: str, seed: int):
    if key == "backprop":
        return Backprop()
    if key == "feedback_alignment":
        return FeedbackAlignment(seed=seed)
    if key == "node_perturbation":
        return NodePerturbation(seed=seed)
    return _AuditedSignConstrained(excitatory_fraction=EXCITATORY_FRACTION, seed=seed)


def _near_bounds(w, w_max):
    """Fractions of ``w`` within NEAR * w_max of 0 and of w_max."""
    w = np.asarray(w, dtype=float)
    return float(np.mean(w <= NEAR * w_max)), float(np.mean(w >= (1 - NEAR) * w_max))


def _train_artificial(findings: Findings, quick: bool, seed: int) -> None:
    d = findings.data
    for pname, p in PROBLEMS.items():
        X_tr, X_te, y_tr, y_te = _data(pname, seed)
        epochs = p["epochs"][0 if quick else 1]
        d[f"{pname}/n_test"] = len(y_te)
        for key, _, _ in RULES:
            net = DeepNetwork(p["layers"], hidden=p["hidden"], seed=seed)
            rule = _make_rule(key, seed)
            start_angle = None
            if key in MEASURED:
                # the rule has its own seed, so fit() prepares it the same way again
                rule.prepare(net, None)
                start_angle = alignment_angle(net, X_tr, y_tr, rule)
            history = net.fit(
                X_tr,
                y_tr,
                epochs=epochs,
                batch_size=p["batch_size"],
                optimizer=p["optimizer"],
                learning_rate=p["learning_rate"],
                validation=(X_te, y_te),
                seed=seed,
                rule=rule,
                record_alignment=start_angle is not None,
            )
            d[f"{pname}/{key}/curve"] = 100 * np.asarray(history.val_accuracy)
            d[f"{pname}/{key}/accuracy"] = 100 * net.score(X_te, y_te)
            if start_angle is not None:
                d[f"{pname}/{key}/angle"] = np.concatenate([[start_angle], history.alignment_angle])
            if key == "sign_constrained":
                constrained = sum(
                    W.size for W, s in zip(net.weights, rule.unit_signs) if s is not None
                )
                d[f"{pname}/sign/worst_violations"] = rule.worst_violations
                d[f"{pname}/sign/n_constrained"] = constrained
                d[f"{pname}/sign/steps"] = rule.n_steps
                d[f"{pname}/sign/clipped"] = rule.n_clipped
                d[f"{pname}/sign/silent"] = 100 * float(
                    np.mean(
                        np.concatenate(
                            [
                                (W == 0).ravel()
                                for W, s in zip(net.weights, rule.unit_signs)
                                if s is not None
                            ]
                        )
                    )
                )
                if pname == "digits":
                    # outgoing weights of the hidden units, grouped by the unit's sign
                    signs = rule.unit_signs[1]
                    d["digits/sign/w_exc"] = net.weights[1][signs > 0].ravel()
                    d["digits/sign/w_inh"] = net.weights[1][signs < 0].ravel()
            if key == "backprop" and pname == "digits":
                W = net.weights[1]
                d["digits/backprop/w_hidden_out"] = W.ravel()
                d["digits/backprop/near_bounds"] = _near_bounds(np.abs(W), np.abs(W).max())


def _run_stdp(findings: Findings, quick: bool, seed: int) -> None:
    """One neuron learning with STDP from Poisson inputs, in one Brian2 run."""
    k = 0 if quick else 1
    params = STDPParameters.fast(n_inputs=STDP["n_inputs"], rate=STDP["rate_hz"] * Hz)
    result = stdp_experiment(
        n_inputs=STDP["n_inputs"],
        rate=STDP["rate_hz"] * Hz,
        correlated_fraction=STDP["correlated_fraction"],
        correlation=STDP["correlation"],
        duration=STDP["duration_s"][k] * second,
        dt=STDP["dt_ms"] * ms,
        params=params,
        seed=seed,
    )
    d = findings.data
    corr = result.correlated
    snaps = result.w_snapshots[:, 0, :]  # weights in units of w_max
    d["stdp/w_initial"] = result.w_initial[0]
    d["stdp/w_final"] = result.w_final[0]
    d["stdp/correlated"] = corr
    d["stdp/times_s"] = np.asarray(result.snapshot_times / second)
    d["stdp/mean_correlated"] = snaps[:, corr].mean(axis=1)
    d["stdp/mean_uncorrelated"] = snaps[:, ~corr].mean(axis=1)
    d["stdp/near_initial"] = result.fractions_near_bounds(NEAR, final=False)
    d["stdp/near_final"] = result.fractions_near_bounds(NEAR)
    d["stdp/group_means"] = result.group_means()
    d["stdp/output_rate_hz"] = float(result.output_rate[0] / Hz)
    d["stdp/input_rate_hz"] = float(result.input_rate / Hz)


def run(*, quick: bool = False, seed: int = 0) -> Findings:
    """Train the four artificial rules on digits and spirals; run the STDP neuron."""
    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "problems": {
                k: {**v, "epochs": v["epochs"][0 if quick else 1]} for k, v in PROBLEMS.items()
            },
            "test_fraction": 0.2,
            "feedback": "fixed Gaussian B_l, std = RMS of W_l at the start",
            "excitatory_fraction": EXCITATORY_FRACTION,
            "sign_projection": "weights crossing zero are set to 0 after every step",
            "stdp": {
                **STDP,
                "duration_s": STDP["duration_s"][0 if quick else 1],
            },
        },
    )
    with _one_blas_thread():
        _train_artificial(findings, quick, seed)
    _run_stdp(findings, quick, seed)
    d = findings.data
    for pname in PROBLEMS:
        ref = d[f"{pname}/backprop/accuracy"]
        findings.claim(
            f"{pname}: test accuracy with backprop (errors sent back through the forward "
            "weights: weight transport)",
            ref,
            "%",
            "partly",
            aspect="learning",
        )
        fa = d[f"{pname}/feedback_alignment/accuracy"]
        findings.claim(
            f"{pname}: test accuracy with feedback alignment (fixed random feedback, no weight "
            "transport)",
            fa,
            "%",
            "holds" if fa >= ref - 3 else "partly",
            aspect="learning",
            key=pname == "digits",  # the headline: the data set of the lecture
        )
        sc = d[f"{pname}/sign_constrained/accuracy"]
        findings.claim(
            f"{pname}: test accuracy with sign-constrained learning (Dale's law, "
            f"{EXCITATORY_FRACTION:.0%} excitatory hidden units)",
            sc,
            "%",
            "holds" if sc >= ref - 3 else ("partly" if sc >= ref - 15 else "fails"),
            aspect="learning",
        )
    for pname in PROBLEMS:
        ref = d[f"{pname}/backprop/accuracy"]
        npa = d[f"{pname}/node_perturbation/accuracy"]
        findings.claim(
            f"{pname}: test accuracy with node perturbation (one global reward signal, "
            "no error vector)",
            npa,
            "%",
            "holds" if npa >= ref - 3 else ("partly" if npa >= ref - 15 else "fails"),
            aspect="learning",
        )
    angle = float(d["digits/feedback_alignment/angle"][-1])
    findings.claim(
        "digits: angle between the feedback-alignment update and the backprop gradient after "
        "training (90 = no help; it starts near 90)",
        angle,
        "deg",
        "holds" if angle < 90 else "fails",
        aspect="learning",
    )
    kept = 100 * (1 - d["digits/sign/worst_violations"] / d["digits/sign/n_constrained"])
    findings.claim(
        "digits: outgoing weights of sign-constrained hidden units that kept their unit's sign "
        "after every training step",
        kept,
        "%",
        "holds" if kept == 100 else "fails",
        aspect="learning",
    )
    near0, near1 = d["stdp/near_final"]
    findings.claim(
        f"STDP (one neuron, {STDP['n_inputs']} Poisson inputs): final weights within {NEAR:.0%} of 0",
        100 * near0,
        "%",
        "fails",
        aspect="learning",
    )
    findings.claim(
        f"STDP: final weights within {NEAR:.0%} of the maximum (all-or-none synapses, "
        "unlike a deep network's graded weights)",
        100 * near1,
        "%",
        "fails",
        aspect="learning",
    )
    bp0, bp1 = d["digits/backprop/near_bounds"]
    findings.claim(
        f"backprop (digits): hidden-to-output |weights| within {NEAR:.0%} of 0 or of the largest",
        100 * (bp0 + bp1),
        "%",
        "fails",
        aspect="learning",
    )
    m_corr, m_unc = d["stdp/group_means"]
    findings.claim(
        "STDP: mean weight of the correlated inputs (fraction of the maximum); a local rule "
        "finds inputs that fire together, without any error signal",
        m_corr,
        "",
        "partly",
        aspect="learning",
        key=True,
    )
    findings.claim(
        "STDP: mean weight of the uncorrelated inputs (fraction of the maximum)",
        m_unc,
        "",
        "partly",
        aspect="learning",
    )
    return findings


def plot(findings: Findings):
    """Learning curves (digits, spirals), alignment angle, Dale's-law weights, STDP weights."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    d = findings.data
    with lecture_style():
        fig, axes = plt.subplots(2, 3, figsize=(17, 10))
        for ax, pname in zip(axes[0, :2], PROBLEMS):
            _curves(ax, d, pname)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        _angles(axes[0, 2], d)
        axes[0, 2].xaxis.set_major_locator(MaxNLocator(integer=True))
        _dale(axes[1, 0], d)
        _stdp_distribution(axes[1, 1], d)
        _stdp_groups(axes[1, 2], d)
        label_panels(list(axes.ravel()))
        fig.suptitle(
            "The brain need not backprop exactly: random feedback and fixed-sign synapses "
            "learn almost as well; local STDP only sorts inputs",
            fontsize=16,
            fontweight="bold",
        )
    return fig


def _curves(ax, d, pname):
    for key, label, ls in RULES:
        curve = d[f"{pname}/{key}/curve"]
        ax.plot(
            np.arange(1, len(curve) + 1),
            curve,
            color=ARTIFICIAL,
            linestyle=ls,
            label=f"{label}: {d[f'{pname}/{key}/accuracy']:.1f}%",
        )
    chance = 10 if pname == "digits" else 50
    ax.axhline(chance, color=NEUTRAL, ls=":", lw=1.2)
    ax.text(1, chance + 1.5, "chance", color=NEUTRAL, fontsize=10)
    ax.set_ylim(0, 101)
    ax.set_xlabel("training epoch")
    ax.set_ylabel("test accuracy (%)")
    ax.set_title(f"{pname}: test accuracy while learning", fontsize=13)
    ax.legend(loc="lower right", fontsize=10)


def _angles(ax, d):
    styles = {key: (label.split(" (")[0], ls) for key, label, ls in RULES}
    lines = (
        ("digits", "feedback_alignment", 2.2, 1.0),
        ("spirals", "feedback_alignment", 1.3, 0.5),
        ("digits", "node_perturbation", 1.3, 1.0),
    )
    for pname, key, width, alpha in lines:
        angle = d[f"{pname}/{key}/angle"]
        label, ls = styles[key]
        ax.plot(
            np.arange(len(angle)),
            angle,
            color=ARTIFICIAL,
            linestyle=ls,
            linewidth=width,
            alpha=alpha,
            label=f"{label}, {pname}",
        )
    ax.axhline(90, color=NEUTRAL, ls=":", lw=1.5, label="90°: no help")
    ax.set_ylim(0, 110)
    ax.set_xlabel("training epoch (0 = initial weights)")
    ax.set_ylabel("angle to backprop's gradient (deg)")
    ax.set_title("the update turns towards the gradient", fontsize=13)
    ax.legend(loc="lower left", fontsize=10)


def _dale(ax, d):
    exc, inh = d["digits/sign/w_exc"], d["digits/sign/w_inh"]
    free = d["digits/backprop/w_hidden_out"]
    edges = np.linspace(min(free.min(), inh.min()), max(free.max(), exc.max()), 61)
    ax.hist(
        free, bins=edges, histtype="step", color=ARTIFICIAL, lw=1.5, label="backprop (free sign)"
    )
    ax.hist(exc, bins=edges, color=ARTIFICIAL, alpha=0.5, label="Dale: out of excitatory units")
    ax.hist(
        inh,
        bins=edges,
        color="white",
        edgecolor=ARTIFICIAL,
        hatch="///",
        label="Dale: out of inhibitory units",
    )
    ax.axvline(0, color=NEUTRAL, lw=1)
    silent = d["digits/sign/silent"]
    ax.set_yscale("log")
    ax.set_xlabel("hidden -> output weight (digits)")
    ax.set_ylabel("number of weights")
    ax.set_title(f"Dale's law: no sign flips, {silent:.0f}% silenced", fontsize=13)
    ax.legend(loc="upper left", fontsize=10)


def _stdp_distribution(ax, d):
    edges = np.linspace(0, 1, 21)
    ax.hist(d["stdp/w_initial"], bins=edges, histtype="step", color=NEUTRAL, lw=1.5, label="before")
    ax.hist(d["stdp/w_final"], bins=edges, color=SPIKING, alpha=0.6, label="after STDP")
    near0, near1 = d["stdp/near_final"]
    ax.set_xlabel("synaptic weight (fraction of the maximum)")
    ax.set_ylabel("number of synapses")
    ax.set_title(f"STDP: all-or-none synapses ({near0 + near1:.0%} near 0 or max)", fontsize=13)
    ax.legend(loc="upper center", fontsize=10)


def _stdp_groups(ax, d):
    t = d["stdp/times_s"]
    ax.plot(t, d["stdp/mean_correlated"], color=SPIKING, label="correlated inputs")
    ax.plot(t, d["stdp/mean_uncorrelated"], color=SPIKING, ls="--", label="uncorrelated inputs")
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("simulated time (s)")
    ax.set_ylabel("mean weight (fraction of max)")
    ax.set_title("inputs that fire together win", fontsize=13)
    ax.legend(loc="center right", fontsize=10)
