"""The stimulus types: what an input is, as plain numpy (never Brian2).

Shared helpers of the factories (unit checks into SI floats, batch sizes, labels)
live here too; only :mod:`neurosim.stimuli`'s own modules use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from neurosim.core.constraints import (
    NON_NEGATIVE,
    ArrayOf,
    Options,
    QuantityOf,
    param_error,
    validate,
)

#: The kinds of stimulus: injected currents, or input spikes.
KINDS = ("constant", "current", "poisson", "spikes")
_EPS = 1e-12  # seconds: tolerance when comparing grid times with onsets/offsets


#: The quantities the factories take: a current, a time, a rate or a voltage jump, each a
#: scalar or one value per neuron (1-D).
CURRENT = QuantityOf("nA", ndim=(0, 1), example="0.2*nA")
RATE = QuantityOf("Hz", ndim=(0, 1), example="10*Hz")
JUMP = QuantityOf("mV", ndim=(0, 1), example="0.5*mV")
_EXAMPLES = {
    "amp": ("nA", "0.2*nA"),
    "second": ("ms", "100*ms"),
    "hertz": ("Hz", "10*Hz"),
    "volt": ("mV", "0.5*mV"),
}


def _plain(value) -> np.ndarray:
    """A checked quantity as a float array in SI units (amp, second, hertz, volt)."""
    return np.asarray(value, dtype=float)


def _si(value, name: str, owner: str, unit_name: str, *, nonnegative=False, scalar=False):
    """Check a Brian2 quantity and return it as a float array in SI units (the
    one-at-a-time form of the factories' declared ``QuantityOf`` constraints)."""
    unit, example = _EXAMPLES[unit_name]
    values = NON_NEGATIVE if nonnegative else None
    constraint = QuantityOf(unit, values, ndim=0 if scalar else (0, 1), example=example)
    return _plain(constraint.check(value, name, owner))


def _batch(owner: str, **arrays) -> int:
    """Common batch size of scalar-or-1-D arrays (scalars broadcast)."""
    n = 1
    first = None
    for name, arr in arrays.items():
        if arr.ndim == 1:
            if first is not None and arr.size != n:
                raise param_error(
                    name,
                    owner,
                    f"a scalar or of length {n} like '{first}'",
                    f"length {arr.size}",
                )
            if first is None:
                n, first = arr.size, name
    return n


#: times: a time quantity or floats in seconds, a scalar or 1-D
_TIMES = [QuantityOf("ms", ndim=(0, 1), example="np.arange(10)*ms"), ArrayOf((0, 1))]


def _times(t) -> np.ndarray:
    return np.atleast_1d(_plain(t))


@dataclass(frozen=True, eq=False)
class Stimulus:
    """An input over time for a batch of ``n`` neurons (build it with a factory).

    Attributes
    ----------
    kind : {"constant", "current", "poisson", "spikes"}
        Injected current (constant or time-varying) or input spikes.
    n : int
        Batch size: number of neurons/conditions it drives.
    description : str
        Human-readable summary (used in reprs and figure captions).
    compartment : str or None
        Which compartment it drives (``"soma"``/``"dendrite"``); ``None`` means the
        model's default (the dendrite of a two-compartment neuron, else the soma).
        Change it with :meth:`on`.
    """

    kind: str
    n: int
    description: str
    compartment: str | None = None
    _data: dict = field(default_factory=dict, repr=False)

    # -- public --------------------------------------------------------------------
    @property
    def is_current(self) -> bool:
        """True for injected currents, False for input spikes."""
        return self.kind in ("constant", "current")

    @validate(compartment=Options("soma", "dendrite"))
    def on(self, compartment: str) -> Stimulus:
        """The same stimulus delivered to ``compartment`` (``"soma"`` or ``"dendrite"``)."""
        return replace(self, compartment=compartment)

    @validate(t=_TIMES)
    def values(self, t) -> np.ndarray:
        """The stimulus at times ``t`` as plain floats in SI units.

        Parameters
        ----------
        t : Quantity or array of float
            Times (a Brian2 time quantity, or floats in seconds), 1-D.

        Returns
        -------
        ndarray, shape (n, len(t))
            Current in amp for current kinds; Poisson rate in hertz for ``poisson``;
            for ``spikes``, the number of input spikes each neuron receives in
            ``[t[k], t[k] + (t[1] - t[0]))``.
        """
        t = _times(t)
        out = self._data["fn"](t)
        return np.broadcast_to(out, (self.n, t.size)).astype(float, copy=True)

    @property
    def amplitude_range(self) -> tuple[float, float]:
        """(min, max) of the values over the first second, SI units (for axis limits)."""
        v = self.values(np.arange(0, 1, 1e-3))
        return float(v.min()), float(v.max())

    def __repr__(self) -> str:
        where = f", compartment={self.compartment!r}" if self.compartment else ""
        return f"Stimulus({self.description}, n={self.n}{where})"


class CurrentStimulus(Stimulus):
    """An injected current that varies in time (step, ramp, sinusoid, noisy current)."""


class ConstantCurrent(CurrentStimulus):
    """A constant injected current, one value per neuron of the batch."""

    @property
    def amplitudes(self) -> np.ndarray:
        """The current of each of the ``n`` neurons, in amp."""
        return self._data["fn"](np.zeros(1))[:, 0].astype(float, copy=True)


class PoissonInput(Stimulus):
    """Independent Poisson input trains: ``n_inputs`` per neuron, a voltage jump per spike."""

    @property
    def rates(self) -> np.ndarray:
        """Rate of every train of each neuron, in hertz, shape ``(n,)``."""
        return self._data["rates"].copy()

    @property
    def n_inputs(self) -> int:
        """Trains per neuron."""
        return self._data["n_inputs"]

    @property
    def weight(self) -> np.ndarray:
        """Voltage jump per input spike of each neuron, in volt, shape ``(n,)``."""
        return self._data["weight"].copy()


class SpikePattern(Stimulus):
    """Explicit input spikes: input ``indices[k]`` spikes at ``times[k]`` (seconds)."""

    @property
    def indices(self) -> np.ndarray:
        """Input index of every spike (sorted by time)."""
        return self._data["indices"].copy()

    @property
    def times(self) -> np.ndarray:
        """Time of every spike, in seconds (sorted)."""
        return self._data["times"].copy()

    @property
    def n_inputs(self) -> int:
        """Number of inputs."""
        return self._data["n_inputs"]

    @property
    def weight(self) -> np.ndarray:
        """Voltage jump per spike of each input, in volt, shape ``(n_inputs,)``."""
        return self._data["weight"].copy()

    @property
    def mask(self) -> np.ndarray:
        """Which neurons each input drives, boolean ``(n_inputs, n)``."""
        pre, post = self._data["targets"]
        mask = np.zeros((self.n_inputs, self.n), dtype=bool)
        mask[pre, post] = True
        return mask

    @property
    def targets(self) -> tuple[np.ndarray, np.ndarray]:
        """Its connections ``(inputs, neurons)``: input ``inputs[j]`` drives neuron
        ``neurons[j]``, sorted by input, then neuron (the mask's nonzero entries)."""
        pre, post = self._data["targets"]
        return pre.copy(), post.copy()

    def input_counts(self, duration: float) -> np.ndarray:
        """Input spikes each neuron receives before ``duration`` (seconds), shape ``(n,)``."""
        d = self._data
        inside = d["times"] < duration - _EPS
        per_input = np.bincount(d["indices"][inside], minlength=d["n_inputs"])
        pre, post = d["targets"]
        counts = np.zeros(self.n, dtype=np.int64)
        np.add.at(counts, post, per_input[pre])
        return counts


def _fmt(arr, unit: str) -> str:
    arr = np.asarray(arr, dtype=float)
    if arr.ndim == 0 or arr.size == 1:
        return _eng(float(arr.reshape(-1)[0]), unit)
    return f"{_eng(float(arr.min()), unit)}..{_eng(float(arr.max()), unit)}"


def _eng(x: float, unit: str) -> str:
    if x == 0 or unit == "Hz":
        return f"{x:g} {unit}"
    for scale, prefix in ((1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p")):
        if abs(x) >= scale:
            return f"{x / scale:g} {prefix}{unit}"
    return f"{x:g} {unit}"
