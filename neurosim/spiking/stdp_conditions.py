"""STDP conditions side by side: rules and input correlations as replicas of one run.

:func:`stdp_conditions` runs each condition (an :class:`~.stdp.STDPParameters` rule and
a fraction of correlated inputs) on a few neurons, all of them replicas of one group in
one Brian2 run (:func:`~.stdp_learning.stdp_experiment`), and summarises each
condition over its neurons: the share of weights near a bound and the mean weight of the
correlated and the uncorrelated inputs at every snapshot.  The rules are run on the time
grid with their stated depression bias (:meth:`STDPParameters.on_grid`).

The ``learning_rules`` comparison uses it in the set-up of Song, Miller & Abbott (2000,
Nat. Neurosci. 3:919): their conductance-based integrate-and-fire neuron and inhibitory
background (200 inputs at 10 Hz, g = 0.05), pair-based additive STDP with hard bounds,
tau+ = tau- = 20 ms.  Their excitatory inputs were 1000 Poisson trains at 10-40 Hz with
g_max = 0.015; there 200 trains at 40 Hz (the top of their range) with w_max = 0.01875,
the same maximal total drive.  Three conditions, 3 neurons each: their published rule
(A+ = 0.005, A-/A+ = 1.05) with half the inputs correlated (shared source, c = 0.5); the
same rule without a correlated group (the control of their Fig. 1: even uncorrelated
inputs end bimodal at equilibrium); and a sped-up rule that is not Song's (A+ = 0.01,
A-/A+ = 1.3: six times their depression bias), half the inputs correlated.

How long Song's rule needs there, measured with the compiled target over 900 s
(``learning_rules.run(quick=True, stdp_duration=900*second, stdp_target="cython")``,
seed 0: 15 min of computing under load, 4.5 GB of memory, most of it the 65 million
input spikes).  The criterion is the share of weights within 0.1 w_max of 0 or w_max
(uniform start: 20 %); means over a condition's neurons:

==========================================  =====  =====  =====  =====  =====
share near a bound (uncorrelated mean)      start  45 s   180 s  450 s  900 s
==========================================  =====  =====  =====  =====  =====
Song's rule, correlated half                18 %   75 %   84 %   81 %   82 %
                                            (0.51) (0.18) (0.09) (0.10) (0.10)
Song's rule, no correlated inputs           20 %   26 %   44 %   62 %   73 %
sped-up rule (A+ 0.01, A-/A+ 1.3), corr.    21 %   96 %   96 %   90 %   92 %
==========================================  =====  =====  =====  =====  =====

With a correlated group the criterion plateaus within a minute.  Without one, Song's
rule takes the weights to the bounds over many minutes, each neuron at its own pace (a
neuron that starts nearly silent learns slowly): at 900 s the three neurons were 83 %,
82 % and 54 % near a bound, firing 9.8, 11.4 and 1.3 Hz on average over the run, and
the condition settles near 83 % (47 % at the top, 35 % at the bottom, 2.5 % in the
middle half; output 10-11 Hz).  A slow test of ``learning_rules`` runs this control
alone (3 neurons, other input trains, 15 min): its neurons pass 75 % after 6.5, 7.5 and
11.5 min and end at 80-84 % (top 48-50 %, bottom 33-34 %, middle half 4-8 %, 12-13 Hz).

Time grid.  dt = 1 ms is what the GeNN and PyNN reference implementations of Song et
al. use.  Forward Euler at 1 ms makes the neuron fire less than at 0.1 ms: 22 vs 26 Hz
with equal weights 0.5 and a correlated half, 0.2 vs 1.2 Hz when nearly silent (the
control at the start: a fluctuation-driven neuron; 12 neurons each), so it learns a
little more slowly: after 3 s, correlated minus uncorrelated mean weight 0.37 vs 0.43
w_max (6 neurons each, a slow test of ``learning_rules``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.batching import in_groups
from neurosim.core.constraints import (
    COUNT,
    SEED,
    InstanceOf,
    Interval,
    ListOf,
    MappingOf,
    QuantityOf,
    param_error,
    validate,
)
from neurosim.spiking.stdp import STDPParameters
from neurosim.spiking.stdp_learning import stdp_experiment, stdp_experiments
from neurosim.spiking.words import STEP
from neurosim.units import Hz, second

__all__ = ["STDPConditions", "STDPRun", "stdp_conditions"]


@dataclass(frozen=True, eq=False)
class STDPConditions:
    """Each condition of :func:`stdp_conditions` (axis 0), over its neurons: plain arrays.

    Weights are in units of ``w_max`` of the condition's rule.

    Attributes
    ----------
    times_s : ndarray (n_snapshots,)
        Snapshot times (s), from 0 to the end of the run.
    A_plus, A_minus_ratio : ndarray (n_conditions,)
        Each rule's A+ and A-/A+, as stated.
    A_minus_ratio_run : ndarray (n_conditions,)
        The A-/A+ each rule was run with (:meth:`STDPParameters.on_grid`).
    correlated : ndarray of bool (n_conditions, n_inputs)
        The inputs of each condition's correlated group.
    w_initial, w_final : ndarray (n_conditions, neurons, n_inputs)
        Weights at the start and at the end.
    near_bounds : ndarray (n_conditions, n_snapshots)
        Share of the condition's weights within ``tol`` of 0 or of ``w_max``.
    mean_correlated, mean_uncorrelated : ndarray (n_conditions, n_snapshots)
        Mean weight of each group; NaN for a condition without that group.
    output_rate_Hz : ndarray (n_conditions, neurons)
        Each neuron's rate over the run.
    sorting : ndarray (n_conditions,)
        Final mean weight of the correlated minus the uncorrelated inputs, mean over the
        condition's neurons (NaN without a correlated group).
    sorting_se : ndarray (n_conditions,)
        Its standard error at a uniform start, ``sqrt(2 / (12 m neurons))`` for ``m``
        correlated inputs (the SD of a mean of ``m`` uniform weights is
        ``1 / sqrt(12 m)``); NaN without a correlated group.
    input_rate_Hz : float
        Measured mean rate of all the excitatory inputs.
    tol : float
        The distance from a bound that counts as near it.
    """

    times_s: np.ndarray
    A_plus: np.ndarray
    A_minus_ratio: np.ndarray
    A_minus_ratio_run: np.ndarray
    correlated: np.ndarray
    w_initial: np.ndarray
    w_final: np.ndarray
    near_bounds: np.ndarray
    mean_correlated: np.ndarray
    mean_uncorrelated: np.ndarray
    output_rate_Hz: np.ndarray
    sorting: np.ndarray
    sorting_se: np.ndarray
    input_rate_Hz: float
    tol: float


_CONDITIONS = dict(
    rules=ListOf(InstanceOf(STDPParameters)),
    correlated_fractions=ListOf(Interval(0, 1)),
    duration=QuantityOf("ms", Interval(0, None, closed="neither"), example="10*second"),
    dt=STEP,
    neurons=COUNT,
    snapshots=COUNT,
    tol=Interval(0, 0.5, closed="right"),
)


@validate(**_CONDITIONS)
def stdp_conditions(
    rules,
    correlated_fractions,
    *,
    duration,
    dt,
    neurons: int = 3,
    snapshots: int = 20,
    tol: float = 0.1,
    **experiment,
) -> STDPConditions:
    """Run STDP conditions as replicas of one group in one run; summarise each.

    Parameters
    ----------
    rules : sequence of STDPParameters
        One rule per condition, with A-/A+ as stated (continuous time); each is run
        as ``rule.on_grid(dt)``.  Equal ``tau_pre`` and ``tau_post`` throughout.
    correlated_fractions : sequence of float
        One fraction of correlated inputs per condition (0: no correlated group).
    duration, dt : Quantity
        Simulated time and time step (see :func:`stdp_experiment`).
    neurons : int, default 3
        Neurons (independent replicas) per condition.
    snapshots : int, default 20
        About this many intervals between weight snapshots.
    tol : float, default 0.1
        Distance from a bound (units of ``w_max``) that counts as near it.
    **experiment
        Passed to :func:`stdp_experiment` (``n_inputs``, ``rate``, ``correlation``,
        ``seed``, ``target``, ...).

    Returns
    -------
    STDPConditions
    """
    replicas = _replicas(rules, correlated_fractions, duration, dt, neurons, snapshots)
    return _summary(stdp_experiment(**replicas, **experiment), list(rules), neurons, tol)


def _replicas(rules, correlated_fractions, duration, dt, neurons: int, snapshots: int) -> dict:
    """The arguments of :func:`stdp_experiment` that make the conditions its replicas."""
    rules, fractions = list(rules), list(correlated_fractions)
    if len(fractions) != len(rules):
        raise param_error(
            "correlated_fractions",
            "stdp_conditions",
            f"{len(rules)} fractions (one per rule)",
            fractions,
        )
    every = max(1, round(float(duration / second) / snapshots / float(dt / second)))
    return {
        "correlated_fraction": [f for f in fractions for _ in range(neurons)],
        "duration": duration,
        "dt": dt,
        "params": [rule.on_grid(dt) for rule in rules for _ in range(neurons)],
        "n_neurons": neurons * len(rules),
        "record_every": every * dt,
    }


@validate(**_CONDITIONS, seed=SEED, experiment=[MappingOf(), None])
@dataclass(frozen=True, eq=False)
class STDPRun:
    """A request for ``stdp_conditions(rules, correlated_fractions, ..., seed=seed,
    **experiment)``: the same arguments, the other ones of :func:`stdp_experiment` in
    ``experiment``. Several seeds' requests with equal arguments run as one Brian2 run
    (:func:`~.stdp_learning.stdp_experiments`), each result its own run's."""

    rules: tuple
    correlated_fractions: tuple
    duration: object
    dt: object
    neurons: int = 3
    snapshots: int = 20
    tol: float = 0.1
    seed: int = 0
    experiment: dict | None = None

    def run(self) -> STDPConditions:
        """This request alone: :func:`stdp_conditions`."""
        return stdp_conditions(**self._arguments(), seed=self.seed, **(self.experiment or {}))

    def _arguments(self) -> dict:
        names = ("rules", "correlated_fractions", "duration", "dt", "neurons", "snapshots", "tol")
        return {name: getattr(self, name) for name in names}

    def _key(self) -> str:
        return repr((self._arguments(), sorted((self.experiment or {}).items())))

    @classmethod
    def run_batch(cls, requests) -> list[STDPConditions]:
        """Requests that differ only in their seed as one run; each result as ``run()``."""
        return in_groups(requests, cls._key, _together)


def _together(requests: list[STDPRun]) -> list[STDPConditions]:
    """Requests that differ only in their seed, as one :func:`stdp_experiments` run."""
    a = requests[0]._arguments()
    names = ("rules", "correlated_fractions", "duration", "dt", "neurons", "snapshots")
    replicas = _replicas(*(a[name] for name in names))
    seeds = [request.seed for request in requests]
    ran = stdp_experiments(seeds, **replicas, **(requests[0].experiment or {}))
    return [_summary(result, list(a["rules"]), a["neurons"], a["tol"]) for result in ran]


def _summary(result, rules, k: int, tol: float) -> STDPConditions:
    """Each condition (``k`` replicas) of one :func:`stdp_experiment` result, summarised."""
    mine = [slice(c * k, (c + 1) * k) for c in range(len(rules))]
    means = [result.group_mean_course(neurons=m) for m in mine]
    correlated = np.stack([result.correlated[m][0] for m in mine])
    sorting, sorting_se = np.full(len(rules), np.nan), np.full(len(rules), np.nan)
    for c, (m, corr) in enumerate(zip(mine, correlated)):
        if corr.any():
            w = result.w_final[m]
            sorting[c] = np.mean(w[:, corr].mean(axis=1) - w[:, ~corr].mean(axis=1))
            sorting_se[c] = np.sqrt(2 / (12 * corr.sum() * k))
    return STDPConditions(
        times_s=np.asarray(result.snapshot_times / second),
        A_plus=np.array([rule.A_plus for rule in rules]),
        A_minus_ratio=np.array([rule.A_minus_ratio for rule in rules]),
        A_minus_ratio_run=np.array([p.A_minus_ratio for p in result.params[::k]]),
        correlated=correlated,
        w_initial=np.stack([result.w_initial[m] for m in mine]),
        w_final=np.stack([result.w_final[m] for m in mine]),
        near_bounds=np.stack([result.near_bounds_course(tol, neurons=m) for m in mine]),
        mean_correlated=np.stack([corr for corr, _ in means]),
        mean_uncorrelated=np.stack([unc for _, unc in means]),
        output_rate_Hz=np.stack([np.asarray(result.output_rate[m] / Hz) for m in mine]),
        sorting=sorting,
        sorting_se=sorting_se,
        input_rate_Hz=float(result.input_rate / Hz),
        tol=float(tol),
    )
