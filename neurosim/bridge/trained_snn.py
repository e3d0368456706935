"""A spiking network trained in numpy (surrogate gradients), run unchanged by Brian2.

:class:`~neurosim.artificial.surrogate.SurrogateSNN` writes out the exact one-step
update of LIF neurons with current-based synapses, in Brian2's order within a step;
:func:`run_in_brian2` hands its trained weights, untouched, to
:func:`neurosim.spiking.current_lif.run_current_lif`, where Brian2 integrates the same
equations (``method="exact"``) on the same clock ``dt``. Every sample is a block of
neurons of one group (one engine run for a whole test set); an input neuron that never
spikes for a sample gets no synapses (they could carry nothing).

Agreement is expected to the last bit of the potentials (about 1e-14): the two differ
only in the order in which floating-point sums are taken, so a spike could differ only
where a potential lies within rounding error of the threshold.
"""

from __future__ import annotations

import numpy as np

from neurosim.artificial.surrogate import SpikingRun, SurrogateSNN
from neurosim.core.validation import check_int, param_error
from neurosim.spiking.current_lif import run_current_lif
from neurosim.units import second

__all__ = ["answer_time", "run_in_brian2"]

#: "within one point": about the sampling error of an accuracy near 97 % on 359 images
ONE_POINT = 0.01


def answer_time(times, accuracy, *, within: float = ONE_POINT) -> tuple[float, int]:
    """When a network read out over time has answered: ``(time, index)``.

    The first readout whose accuracy (a fraction) comes within ``within`` of the plateau,
    the mean accuracy over the readouts after two thirds of the run. A mean over many
    readouts, so no single readout (no single test image) moves it far; a curve that
    dips after reaching it has still answered then.
    """
    times = np.asarray(times, dtype=float)
    accuracy = np.asarray(accuracy, dtype=float)
    if times.ndim != 1 or times.shape != accuracy.shape or times.size < 3:
        raise param_error(
            "accuracy", "answer_time", "one accuracy per readout time (3 or more)", accuracy
        )
    plateau = float(np.mean(accuracy[times > times[-1] * 2 / 3]))
    k = int(np.argmax(accuracy >= plateau - within))
    return float(times[k]), k


def run_in_brian2(network: SurrogateSNN, spikes, *, replica: int = 0, target=None) -> SpikingRun:
    """Simulate every sample of ``spikes`` (n_samples, n_steps, n_inputs) in Brian2.

    Parameters
    ----------
    network : SurrogateSNN
        A trained network; its weights are used as they are.
    spikes : array of bool
        Input spikes, as given to ``network.simulate``.
    replica : int, default 0
        Which of the network's replicas to run.
    target : str or None
        Brian2 code-generation target.

    Returns
    -------
    SpikingRun
        With one replica (``K = 1``): the hidden spikes and the readout potentials at the
        end of every step; ``potential`` is None (Brian2 reports ``u`` after the reset).
    """
    owner = "run_in_brian2"
    if not isinstance(network, SurrogateSNN):
        raise param_error("network", owner, "a SurrogateSNN", network, cls=TypeError)
    replica = check_int(replica, "replica", owner, low=0)
    if replica >= network.replicas:
        raise param_error("replica", owner, f"an index below {network.replicas}", replica)
    if network.surrogates[replica].smooth:
        raise param_error(
            "network", owner, "a spiking network (its SmoothSpike units do not spike)", network
        )
    x = np.asarray(spikes)
    n_in, n_h, n_out = network.sizes
    if x.ndim != 3 or x.shape[2] != n_in or x.shape[0] < 1:
        raise param_error("spikes", owner, f"an array (n_samples, n_steps, {n_in})", x)
    x = x.astype(bool)
    B, T, _ = x.shape
    W1 = network.weights[0][replica]
    W2 = network.weights[1][replica]
    sample, step, channel = np.nonzero(x)
    # input -> hidden: from every input that spikes at least once in its sample
    active = np.zeros((B, n_in), dtype=bool)
    active[sample, channel] = True
    a_sample, a_channel = np.nonzero(active)
    pre1 = np.repeat(a_sample * n_in + a_channel, n_h)
    post1 = (a_sample[:, None] * n_h + np.arange(n_h)[None, :]).ravel()
    w1 = W1[a_channel].ravel()
    # hidden -> readout: every pair, in every block
    blocks = np.arange(B)[:, None, None]
    pre2 = np.broadcast_to(blocks * n_h + np.arange(n_h)[None, :, None], (B, n_h, n_out)).ravel()
    post2 = np.broadcast_to(blocks * n_out + np.arange(n_out)[None, None, :], (B, n_h, n_out))
    w2 = np.broadcast_to(W2[None], (B, n_h, n_out)).ravel()
    run = run_current_lif(
        B * n_in,
        (sample * n_in + channel, step),
        [(B * n_h, True), (B * n_out, False)],
        [(-1, 0, pre1, post1, w1), (0, 1, pre2, post2.ravel(), w2)],
        n_steps=T,
        dt=network.dt * second,
        tau_mem=network.tau_mem * second,
        tau_syn=network.tau_syn * second,
        record=(1,),
        target=target,
        owner=owner,
    )
    steps, neuron = run.spikes[0]
    hidden = np.zeros((1, B, T, n_h), dtype=bool)
    hidden[0, neuron // n_h, steps, neuron % n_h] = True
    output = run.potentials[1].reshape(T, B, n_out).transpose(1, 0, 2)[None]
    return SpikingRun(hidden_spikes=hidden, potential=None, output=np.ascontiguousarray(output))
