"""What classifying one image costs: operations counted, priced by one table, and when.

Every energy constant lives here, with its source (:data:`HOROWITZ_2014_PJ`): M. Horowitz
(2014), "Computing's energy problem (and what we can do about it)", ISSCC, the table of
energy per operation in 45 nm CMOS (0.9 V).

**What is counted.** A network's work on one image is a :class:`Workload` of three parts,
each an :class:`Ops` (multiply-accumulates, additions, multiplications, bytes read):

- ``compute``: the arithmetic of the inputs and the weights it reads. A fully connected
  ANN layer of ``n_in`` inputs and ``n_out`` units does ``n_in * n_out`` MACs (fewer when
  zero inputs are skipped: their products are zero); a spiking layer does one synaptic
  event, an addition to the target, per presynaptic spike per outgoing synapse. Each
  MAC and each event reads its weight; each bias is read and added once per image.
- ``stepped``: neuron state updates when **every neuron is updated every time step**
  ``dt`` (clocked hardware, and this simulation): one addition per neuron per step (the
  integration of its current), one more per spike for a reset by subtraction.
- ``event``: neuron state updates when **a neuron is updated only when an event
  arrives**, its decay or drift since the last update computed then: one MAC (``v +=
  I * elapsed``) per arriving event, per own spike (reset, next crossing time) and once
  per neuron when it is read.

An ANN holds no state between inputs: its ``stepped`` and ``event`` parts are empty.
Comparisons (a ReLU, a threshold, a zero test) are sign tests and are not counted, for
any network; neither are neuron states, which stay in registers, nor the pixel values.

**The accountings** (:data:`ACCOUNTINGS`, each a row of the lecture's table) add these up:
the arithmetic only; plus the weights read from an SRAM sized to hold the network
(:func:`sram_for`; a read of ``b`` bytes costs ``b/8`` of Horowitz's 64-bit read, the
per-byte scaling); plus the state updates, time-stepped or event-driven. The **full
accounting** (:meth:`Workload.full_nJ`) takes the cheaper of the two update styles, the
spiking network's best case.

**When.** A rate code's count grows with every millisecond it runs, so it is read at
a time: when its accuracy comes within :data:`MARGIN_POINTS` of the ANN's
(:func:`neurosim.bridge.metrics.settling_time`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, fields
from types import MappingProxyType

import numpy as np

from neurosim.core.validation import check_array, check_number, param_error

__all__ = [
    "ACCOUNTINGS",
    "ADD_PJ",
    "FP32",
    "HOROWITZ_2014_PJ",
    "INT8",
    "MAC_PJ",
    "MARGIN_POINTS",
    "MULT_PJ",
    "ONE_POINT",
    "SMALL_LOSS",
    "SRAM_READ_PJ",
    "NumberFormat",
    "Ops",
    "Workload",
    "ann_workload",
    "int8_predictions",
    "rate_code_workload",
    "sram_for",
    "ttfs_workload",
]

# -- every energy constant, with its source ------------------------------------------------

#: Energy per operation (pJ), 45 nm CMOS at 0.9 V: M. Horowitz (2014), ISSCC,
#: "Computing's energy problem (and what we can do about it)", table of energy per
#: operation. The SRAM entries are one 64-bit read from a cache of that size.
HOROWITZ_2014_PJ = MappingProxyType(
    {
        "int8 add": 0.03,
        "int32 add": 0.1,
        "int8 mult": 0.2,
        "int32 mult": 3.1,
        "fp32 add": 0.9,
        "fp32 mult": 3.7,
        "SRAM 8 kB read, 64 bit": 10.0,
        "SRAM 32 kB read, 64 bit": 20.0,
        "SRAM 1 MB read, 64 bit": 100.0,
    }
)
#: fp32 addition (pJ): a synaptic event.
ADD_PJ = HOROWITZ_2014_PJ["fp32 add"]
#: fp32 multiplication (pJ).
MULT_PJ = HOROWITZ_2014_PJ["fp32 mult"]
#: fp32 multiply-accumulate: a multiplication and an addition (pJ).
MAC_PJ = MULT_PJ + ADD_PJ
#: SRAM size classes (bytes) and the energy of one 64-bit read from each (pJ).
SRAM_READ_PJ = MappingProxyType(
    {
        8 * 1024: HOROWITZ_2014_PJ["SRAM 8 kB read, 64 bit"],
        32 * 1024: HOROWITZ_2014_PJ["SRAM 32 kB read, 64 bit"],
        1024 * 1024: HOROWITZ_2014_PJ["SRAM 1 MB read, 64 bit"],
    }
)
#: Bytes in one of Horowitz's SRAM reads (64 bits).
READ_BYTES = 8
#: Bytes of a bias (fp32, or int32 in an int8 network) and of a spiking network's weight.
BIAS_BYTES = 4


@dataclass(frozen=True)
class NumberFormat:
    """How a network stores its weights and what its arithmetic costs (Horowitz 2014).

    Attributes
    ----------
    name : str
    weight_bytes : int
        Bytes per weight.
    mac_pJ, add_pJ, mult_pJ : float
        One multiply-accumulate, one addition into the accumulator, one multiplication
        of an accumulated sum (an int8 network rescales each hidden sum to 8 bits).
    """

    name: str
    weight_bytes: int
    mac_pJ: float
    add_pJ: float
    mult_pJ: float


#: 32-bit floating point: MAC = fp32 mult + fp32 add.
FP32 = NumberFormat("fp32", 4, MAC_PJ, ADD_PJ, MULT_PJ)
#: 8-bit integer weights and activations, sums in 32 bits (a sum of 64 products of two
#: 8-bit numbers needs 22 bits; B. Jacob et al. 2018, CVPR, integer-only inference):
#: MAC = int8 mult + int32 add; each hidden sum is rescaled by one int32 multiplication.
INT8 = NumberFormat(
    "int8",
    1,
    HOROWITZ_2014_PJ["int8 mult"] + HOROWITZ_2014_PJ["int32 add"],
    HOROWITZ_2014_PJ["int32 add"],
    HOROWITZ_2014_PJ["int32 mult"],
)

# -- when two costs are the same, and when two accuracies are -------------------------------

#: Points of accuracy below the ANN's at which a spiking network counts as "as accurate".
MARGIN_POINTS = 1.0
#: Why an accuracy loss of 1 point (partly: 5) is read as "no loss" on the digits test set.
ONE_POINT = (
    "1 point ~ the sampling error of an accuracy near 97 % on 359 test images "
    "(sqrt(0.97 x 0.03 / 359) = 0.9 points)"
)
#: Why a loss of up to 1 point is none, and up to 5 a small one.
SMALL_LOSS = ONE_POINT + "; up to 5 points (about 5 sampling errors): a real but small loss"

#: The accountings, in the order of the lecture's table: what each adds.
ACCOUNTINGS = (
    "arithmetic only",
    "+ weights read from SRAM",
    "+ neuron updates, time-stepped",
    "+ neuron updates, event-driven",
)


def sram_for(n_bytes: float) -> int:
    """The smallest of Horowitz's SRAM sizes (bytes) that holds ``n_bytes``.

    Raises
    ------
    ValueError
        Above 1 MB: the weights would live in DRAM, which this table does not price.
    """
    n_bytes = check_number(n_bytes, "n_bytes", "sram_for", low=0, low_inclusive=True)
    for size in sorted(SRAM_READ_PJ):
        if n_bytes <= size:
            return size
    raise param_error(
        "n_bytes",
        "sram_for",
        f"at most {max(SRAM_READ_PJ)} bytes (1 MB, the largest SRAM)",
        n_bytes,
    )


def read_pJ_per_byte(n_bytes: float) -> float:
    """Energy per byte read from the SRAM that holds ``n_bytes`` (per-byte scaling)."""
    return SRAM_READ_PJ[sram_for(n_bytes)] / READ_BYTES


@dataclass(frozen=True)
class Ops:
    """Operations per image: MACs, additions, multiplications, and bytes read from SRAM."""

    macs: float = 0.0
    adds: float = 0.0
    mults: float = 0.0
    bytes_read: float = 0.0

    def __add__(self, other: Ops) -> Ops:
        return Ops(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Ops)))

    def arithmetic_pJ(self, fmt: NumberFormat) -> float:
        """Energy of the arithmetic in ``fmt``."""
        return self.macs * fmt.mac_pJ + self.adds * fmt.add_pJ + self.mults * fmt.mult_pJ


@dataclass(frozen=True)
class Workload:
    """What one network does for one image, by kind of work (see the module's docstring).

    Attributes
    ----------
    name : str
    fmt : NumberFormat
    memory_bytes : float
        Bytes of all its weights and biases: sizes the SRAM they are read from.
    compute, stepped, event : Ops
        The arithmetic and its weight reads; the state updates, time-stepped or
        event-driven (empty for an ANN).
    """

    name: str
    fmt: NumberFormat
    memory_bytes: float
    compute: Ops
    stepped: Ops = Ops()
    event: Ops = Ops()

    @property
    def read_pJ_per_byte(self) -> float:
        """Energy per byte read, from the SRAM sized to its weights."""
        return read_pJ_per_byte(self.memory_bytes)

    def parts_nJ(self, updates: str | None) -> dict[str, float]:
        """Energy (nJ) of its arithmetic, its weight reads and its updates ("stepped",
        "event", or None for none)."""
        if updates not in (None, "stepped", "event"):
            raise param_error("updates", "Workload.parts_nJ", "'stepped', 'event' or None", updates)
        upd = Ops() if updates is None else getattr(self, updates)
        return {
            "arithmetic": self.compute.arithmetic_pJ(self.fmt) / 1e3,
            "weight reads": self.compute.bytes_read * self.read_pJ_per_byte / 1e3,
            "neuron updates": upd.arithmetic_pJ(self.fmt) / 1e3,
        }

    def energy_nJ(self, accounting: str) -> float:
        """Energy per image (nJ) under one of :data:`ACCOUNTINGS`."""
        if accounting not in ACCOUNTINGS:
            raise param_error(
                "accounting", "Workload.energy_nJ", f"one of {ACCOUNTINGS}", accounting
            )
        row = ACCOUNTINGS.index(accounting)
        parts = self.parts_nJ({2: "stepped", 3: "event"}.get(row))
        return parts["arithmetic"] + (parts["weight reads"] + parts["neuron updates"] if row else 0)

    def full_style(self) -> str:
        """The cheaper update style for this network: "stepped" or "event"."""
        stepped, event = (self.energy_nJ(a) for a in ACCOUNTINGS[2:])
        return "stepped" if stepped <= event else "event"

    def full_nJ(self) -> float:
        """Energy per image (nJ), the full accounting: arithmetic, sized memory, and the
        state updates in whichever style is cheaper."""
        return sum(self.parts_nJ(self.full_style()).values())

    def table_nJ(self) -> np.ndarray:
        """Energy per image (nJ) under every accounting, in :data:`ACCOUNTINGS` order."""
        return np.array([self.energy_nJ(a) for a in ACCOUNTINGS])


def _sizes(layer_sizes, owner: str) -> list[int]:
    sizes = [int(s) for s in layer_sizes]
    if len(sizes) != 3 or min(sizes) < 1:
        raise param_error(
            "layer_sizes", owner, "three positive sizes (inputs, hidden, outputs)", layer_sizes
        )
    return sizes


def _memory_bytes(sizes, weight_bytes: int) -> float:
    weights = sum(a * b for a, b in itertools.pairwise(sizes))
    return float(weights * weight_bytes + sum(sizes[1:]) * BIAS_BYTES)


def ann_workload(layer_sizes, *, fmt: NumberFormat = FP32, active_inputs=None, name="ANN"):
    """An ANN's work per image: every MAC done, or only those of non-zero inputs.

    ``macs = sum(active_l * n_{l+1})`` (``active_l = n_l`` when ``active_inputs`` is
    None), one weight read per MAC, each of the ``n_1 + n_2`` biases read and added once;
    an int8 network also rescales each of its ``n_1`` hidden sums (one multiplication).

    Parameters
    ----------
    layer_sizes : (n_0, n_1, n_2)
    fmt : NumberFormat, default FP32
    active_inputs : (a_0, a_1) or None
        Mean non-zero inputs per image of each layer (the image's pixels, the hidden
        units), for an ANN that skips zero inputs.
    """
    sizes = _sizes(layer_sizes, "ann_workload")
    active = sizes[:2] if active_inputs is None else [float(a) for a in active_inputs]
    if len(active) != 2 or any(not 0 <= a <= n for a, n in zip(active, sizes)):
        raise param_error(
            "active_inputs", "ann_workload", f"two counts within {sizes[:2]}", active_inputs
        )
    macs = active[0] * sizes[1] + active[1] * sizes[2]
    biases = sizes[1] + sizes[2]
    compute = Ops(
        macs=macs,
        adds=biases,
        mults=sizes[1] if fmt.weight_bytes == 1 else 0,
        bytes_read=macs * fmt.weight_bytes + biases * BIAS_BYTES,
    )
    return Workload(name, fmt, _memory_bytes(sizes, fmt.weight_bytes), compute)


def rate_code_workload(
    layer_sizes,
    *,
    hidden_spikes: float,
    output_spikes: float,
    steps: int,
    input_spikes: float | None = None,
    name="rate code",
):
    """A two-layer rate code's work per image (fp32), read after ``steps`` time steps.

    Input as currents (``input_spikes`` None): the image's weighted sums are computed
    once, ``n_0 * n_1`` MACs reading those weights, and the ``n_1`` hidden biases added.
    Input as spikes: each of ``input_spikes`` pixel spikes is ``n_1`` synaptic events.
    Each hidden spike is ``n_2`` synaptic events; every event reads its weight; all
    ``n_1 + n_2`` biases are read once. Updates of the ``n = n_1 + n_2`` neurons:

    - time-stepped: ``n * steps`` additions, plus one per spike (reset by subtraction);
    - event-driven: one MAC per arriving event, per spike, and per neuron once.
    """
    sizes = _sizes(layer_sizes, "rate_code_workload")
    n_neurons = sizes[1] + sizes[2]
    hidden_events = hidden_spikes * sizes[2]
    if input_spikes is None:
        macs, input_events, adds = sizes[0] * sizes[1], 0.0, sizes[1]
    else:
        macs, input_events, adds = 0.0, input_spikes * sizes[1], 0.0
    events = input_events + hidden_events
    compute = Ops(
        macs=macs,
        adds=adds + events,
        bytes_read=(macs + events) * FP32.weight_bytes + n_neurons * BIAS_BYTES,
    )
    spikes = hidden_spikes + output_spikes
    return Workload(
        name,
        FP32,
        _memory_bytes(sizes, FP32.weight_bytes),
        compute,
        stepped=Ops(adds=n_neurons * steps + spikes),
        event=Ops(macs=events + spikes + n_neurons),
    )


def ttfs_workload(
    layer_sizes, *, input_spikes: float, hidden_spikes: float, steps: int, name="TTFS"
):
    """A two-layer time-to-first-spike network's work per image (fp32), decided after
    ``steps`` time steps.

    Each non-zero pixel becomes one spike time ``T (1 - x)`` (one MAC), which is ``n_1``
    synaptic events; each hidden spike ``n_2``; every event reads its weight; all
    ``n_1 + n_2`` biases are read once. Updates of the ``n = n_1 + n_2`` neurons (each
    fires at most once, so nothing is reset):

    - time-stepped: ``n * steps`` additions;
    - event-driven: one MAC per arriving event, and one per neuron at its window's end
      (its potential, and when it will fire).
    """
    sizes = _sizes(layer_sizes, "ttfs_workload")
    n_neurons = sizes[1] + sizes[2]
    events = input_spikes * sizes[1] + hidden_spikes * sizes[2]
    compute = Ops(
        macs=input_spikes,
        adds=events,
        bytes_read=events * FP32.weight_bytes + n_neurons * BIAS_BYTES,
    )
    return Workload(
        name,
        FP32,
        _memory_bytes(sizes, FP32.weight_bytes),
        compute,
        stepped=Ops(adds=n_neurons * steps),
        event=Ops(macs=events + n_neurons),
    )


def int8_predictions(net, X, X_calibration, *, percentile: float = 99.9) -> np.ndarray:
    """Classes an int8 version of a ReLU network gives (integer-only inference).

    Weights are rounded to 8 bits per layer (symmetric, scale ``max|w| / 127``); the
    inputs (in [0, 1]) and the hidden activations to unsigned 8 bits (scale ``1/255`` and
    ``lambda / 255``, ``lambda`` the ``percentile``-th percentile of the hidden
    activations on ``X_calibration``, larger ones clipped); biases to 32 bits at the
    scale of their sums; sums in integers (B. Jacob et al. 2018, CVPR).
    """
    X = check_array(X, "X", "int8_predictions", ndim=2)
    (w1, w2), (b1, b2) = net.weights, net.biases
    lam = max(float(np.percentile(net.layer_activations(X_calibration)[0], percentile)), 1e-12)
    s_x, s_h = 1 / 255, lam / 255
    s_w1, s_w2 = np.abs(w1).max() / 127, np.abs(w2).max() / 127
    x_q = np.clip(np.round(X / s_x), 0, 255).astype(np.int64)
    w1_q, w2_q = (np.round(w / s).astype(np.int64) for w, s in ((w1, s_w1), (w2, s_w2)))
    sum1 = x_q @ w1_q + np.round(b1 / (s_x * s_w1)).astype(np.int64)
    h_q = np.clip(np.round(sum1 * (s_x * s_w1 / s_h)), 0, 255).astype(np.int64)
    sum2 = h_q @ w2_q + np.round(b2 / (s_h * s_w2)).astype(np.int64)
    return np.argmax(sum2, axis=1)
