"""Stimuli in Brian2: the translation of :mod:`neurosim.stimuli` into engine objects.

:mod:`neurosim.stimuli` only *describes* an input (numpy, no Brian2). This module turns
each stimulus type into pieces of one :class:`~neurosim.spiking.engine.Engine` network,
dispatching on the type:

=====================  ==========================================================
:class:`ConstantCurrent`  a per-neuron constant ``amp`` parameter of the group
:class:`CurrentStimulus`  a ``TimedArray`` of ``n x steps`` values (shared by trials)
:class:`PoissonInput`     a ``PoissonGroup`` with one-to-one ``Synapses``
:class:`SpikePattern`     a ``SpikeGeneratorGroup`` shared by every trial
=====================  ==========================================================

Every object is built through the engine (under its target, on its clock).
"""

from __future__ import annotations

import numpy as np

from neurosim.core.validation import param_error
from neurosim.stimuli import (
    ConstantCurrent,
    CurrentStimulus,
    PoissonInput,
    SpikePattern,
    Stimulus,
)
from neurosim.units import Hz, amp, second, volt

__all__ = ["check_pattern", "current_term", "deliver_events"]


def current_term(stimulus: Stimulus, engine, label: str, *, n_steps: int):
    """Brian2 expression of a current stimulus inside ``engine``.

    Returns ``(expression, per_neuron)``: the expression to add to the model's input
    current and, for a constant current, the values (amp, one per condition) of the
    per-neuron constant named ``expression`` that the caller must declare and set.
    A time-varying current is a ``TimedArray`` in the engine's namespace; an
    expression that contains ``condition`` needs the group's ``condition`` index.
    """
    if isinstance(stimulus, ConstantCurrent):
        return f"{engine.name}_{label}", stimulus.amplitudes * amp
    if isinstance(stimulus, CurrentStimulus):
        dt_s = float(engine.dt / second)
        vals = stimulus.values(np.arange(n_steps) * dt_s)  # (n, n_steps) in amp
        # one column per condition, also for a single one: a scalar ``name(t)`` would let
        # Brian2 hoist it out of the per-neuron update and round differently, so a
        # seed's run in a batch (neurosim.spiking.batch) would differ in the last bit
        return f"{engine.timed_array(vals.T * amp, label=label)}(t, condition)", None
    raise param_error("stimulus", "simulate", "a current stimulus", stimulus, cls=TypeError)


def deliver_events(
    stimulus: Stimulus, engine, group, *, label: str, variable: str, guard: str, n: int, trials: int
):
    """Engine objects that deliver the input spikes of ``stimulus`` to ``group``.

    ``variable`` is the voltage that jumps by the weight; ``guard`` a factor that is 0
    while the neuron is refractory (``"1"`` if none); ``n`` the batch size of the
    simulation (a stimulus with ``n = 1`` drives every condition). Returns
    ``count_fn``: a function of the duration in seconds that
    returns the input spikes each neuron received, shape ``(n, trials)``; call it
    inside the engine's block (a Poisson input reads its monitor).
    """
    on_pre = f"{variable}_post += w*{guard}"
    if isinstance(stimulus, PoissonInput):
        n_in = stimulus.n_inputs
        n_src = n * trials * n_in
        rates = np.repeat(np.broadcast_to(stimulus.rates, (n,)), trials * n_in) * Hz
        source = engine.poisson_group(rates, label=f"{label}_poisson")
        src = np.arange(n_src)
        syn = engine.synapses(
            source,
            group,
            label=f"{label}_synapses",
            model="w : volt (constant)",
            on_pre=on_pre,
            i=src,
            j=src // n_in,
        )
        syn.w = np.repeat(np.broadcast_to(stimulus.weight, (n,)), trials * n_in) * volt
        mon = engine.spike_monitor(source, label=f"{label}_input_counts", record=False)

        def poisson_counts(_duration):
            return engine.spike_counts(mon).reshape(n, trials, n_in).sum(axis=2)

        return poisson_counts
    if isinstance(stimulus, SpikePattern):
        # explicit spike pattern: one generator shared by every trial
        source = engine.spike_generator(
            stimulus.n_inputs, stimulus.indices, stimulus.times * second, label=f"{label}_generator"
        )
        pre, cond = _spread(stimulus, n)  # input p -> condition c
        pre = np.repeat(pre, trials)
        post = (np.repeat(cond, trials) * trials) + np.tile(np.arange(trials), cond.size)
        syn = engine.synapses(
            source,
            group,
            label=f"{label}_synapses",
            model="w : volt (constant)",
            on_pre=on_pre,
            i=pre,
            j=post,
        )
        syn.w = stimulus.weight[pre] * volt

        def pattern_counts(duration):
            per_cond = np.broadcast_to(stimulus.input_counts(duration), (n,))
            return np.repeat(per_cond[:, None], trials, axis=1)

        return pattern_counts
    raise param_error("stimulus", "simulate", "input spikes", stimulus, cls=TypeError)


def _spread(stimulus: SpikePattern, n: int) -> tuple[np.ndarray, np.ndarray]:
    """A pattern's connections in a run of ``n`` conditions, sorted by input, then
    condition: a pattern of one condition drives each of them."""
    pre, cond = stimulus.targets
    if stimulus.n == 1 and n > 1:
        pre, cond = np.repeat(pre, n), np.tile(np.arange(n), pre.size)
    return pre, cond


def check_pattern(stimulus: Stimulus, dt_s: float, owner: str = "simulate") -> None:
    """Refuse a spike pattern with two spikes of one input in one time step."""
    if not isinstance(stimulus, SpikePattern):
        return
    bins = np.round(stimulus.times / dt_s).astype(np.int64)
    pairs = stimulus.indices * (bins.max() + 1) + bins
    if np.unique(pairs).size != pairs.size:
        raise param_error(
            "stimulus",
            owner,
            f"a spike pattern with at most one spike per input per time step (dt = {dt_s * 1e3:g} ms)",
            "an input that spikes twice within one step",
            "Use a smaller dt or merge the spikes (a larger weight).",
        )
