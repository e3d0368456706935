"""What classifying one image costs: operations counted, energy per operation, and when.

A fully connected ANN layer of ``n_in`` inputs and ``n_out`` units costs ``n_in * n_out``
multiply-accumulates (MACs) per image, whatever the image; fewer if zero inputs are
skipped (their products are zero). A spiking layer costs one synaptic event (one
addition to the target's membrane potential) per presynaptic spike per outgoing synapse,
and that count grows with every millisecond the network runs. So a spiking network's
cost is read at a time: here, the time from which its accuracy stays within a margin of
the ANN's (:func:`settled_time`).

Energy per operation, for an estimate only: 32-bit floating point in 45 nm CMOS, an add
0.9 pJ, a multiply 3.7 pJ, so a MAC 4.6 pJ and a synaptic event (an add) 0.9 pJ
(M. Horowitz 2014, "Computing's energy problem (and what we can do about it)", ISSCC,
table of energy per operation). Memory traffic, which Horowitz shows costs more than the
arithmetic, and neuron state updates are not counted, for either network.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from neurosim._validation import check_array, param_error
from neurosim.findings import Rule

__all__ = [
    "ADD_PJ",
    "MAC_PJ",
    "MULT_PJ",
    "ONE_POINT",
    "SAME_COST",
    "RateCodeCost",
    "dense_macs",
    "energy_nJ",
    "rate_code_cost",
    "settled_time",
    "sparse_macs",
]

#: Horowitz (2014), 45 nm, fp32: energy of one addition (pJ).
ADD_PJ = 0.9
#: Horowitz (2014), 45 nm, fp32: energy of one multiplication (pJ).
MULT_PJ = 3.7
#: One multiply-accumulate: a multiplication and an addition (pJ).
MAC_PJ = MULT_PJ + ADD_PJ


#: Why an accuracy loss of 1 point (partly: 5) is read as "no loss" on the digits test set.
ONE_POINT = (
    "1 point ~ the sampling error of an accuracy near 97 % on 359 test images; up to 5 "
    "points (about 5 sampling errors): a real but small loss"
)
#: When two energy estimates count as "the same cost" (a ratio near 1).
SAME_COST = Rule.between(
    0.5,
    2.0,
    partly=(0.2, 5.0),
    reason="the same cost within a factor of 2 (partly: 5): Horowitz's energies per operation "
    "leave out memory traffic (larger than the arithmetic) and change with the process",
)


def dense_macs(layer_sizes) -> list[int]:
    """MACs of each fully connected layer in one forward pass (every weight used once)."""
    sizes = [int(s) for s in layer_sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise param_error("layer_sizes", "dense_macs", "at least two positive sizes", sizes)
    return [a * b for a, b in itertools.pairwise(sizes)]


def sparse_macs(layer_inputs, layer_sizes) -> list[np.ndarray]:
    """MACs of each layer per image when zero inputs are skipped (their products are 0).

    Parameters
    ----------
    layer_inputs : list of arrays (n_images, n_in)
        What enters each layer: the image, then each hidden layer's activations.
    layer_sizes : sequence of int
        Sizes of all layers, inputs first.
    """
    if len(layer_inputs) != len(layer_sizes) - 1:
        raise param_error(
            "layer_inputs",
            "sparse_macs",
            f"one input array per layer ({len(layer_sizes) - 1})",
            len(layer_inputs),
        )
    return [
        np.count_nonzero(check_array(a, "layer_inputs", "sparse_macs", ndim=2), axis=1) * int(n)
        for a, n in zip(layer_inputs, layer_sizes[1:])
    ]


def energy_nJ(macs=0.0, adds=0.0):
    """Energy (nJ) of ``macs`` multiply-accumulates and ``adds`` additions (Horowitz 2014)."""
    return (np.asarray(macs, dtype=float) * MAC_PJ + np.asarray(adds, dtype=float) * ADD_PJ) / 1e3


def settled_time(times, accuracy, target) -> tuple[float, int]:
    """First readout from which the accuracy stays >= ``target``: ``(time, index)``.

    "Stays" means at every later readout too, so a curve that dips below the target
    after touching it has not settled. ``(nan, -1)`` if the last readout is below target.
    """
    times = np.asarray(times, dtype=float)
    accuracy = np.asarray(accuracy, dtype=float)
    if times.shape != accuracy.shape or times.ndim != 1 or times.size == 0:
        raise param_error(
            "accuracy", "settled_time", "one accuracy per readout time", accuracy.shape
        )
    ok = accuracy >= target - 1e-12
    if not ok[-1]:
        return float("nan"), -1
    bad = np.flatnonzero(~ok)
    k = 0 if bad.size == 0 else int(bad[-1] + 1)
    return float(times[k]), k


@dataclass(frozen=True)
class RateCodeCost:
    """A rate-coded network's accuracy and events per image over time (plain arrays).

    Attributes
    ----------
    times_ms : ndarray (n_times,)
        Readout times.
    accuracy : ndarray (n_times,)
        Test accuracy (%) at each readout.
    hidden_events : ndarray (n_times,)
        Synaptic events per image caused by the spiking layers' spikes (spikes x
        fan-out, averaged over images) from 0 to each readout; input spikes excluded.
    settled_ms, settled_index :
        :func:`settled_time` of the accuracy for the target (``nan``, ``-1`` if never).
    """

    times_ms: np.ndarray
    accuracy: np.ndarray
    hidden_events: np.ndarray
    settled_ms: float
    settled_index: int


def rate_code_cost(result, y, target) -> RateCodeCost:
    """Accuracy and hidden-layer events of a converted network's run, and when it settles.

    Parameters
    ----------
    result : :class:`~neurosim.compare.convert.ConversionResult`
        One run of a converted (rate-coded) network on the images labelled ``y``.
    y : array of int
        The labels.
    target : float
        Accuracy (%) the run must stay at or above (e.g. the ANN's minus 1 point).
    """
    from neurosim.units import ms

    times = np.asarray(result.readout_times / ms)
    acc = 100 * result.accuracy(y)
    hidden = (result.layer_counts[0] * result.fan_out[0]).mean(axis=1).astype(float)
    t_settle, k = settled_time(times, acc, target)
    return RateCodeCost(times, acc, hidden, t_settle, k)
