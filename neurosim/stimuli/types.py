"""The stimulus types: what an input is, as plain numpy (never Brian2).

Shared helpers of the factories (unit checks into SI floats, batch sizes, labels)
live here too; only :mod:`neurosim.stimuli`'s own modules use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from neurosim.core.validation import check_array, param_error

#: The kinds of stimulus: injected currents, or input spikes.
KINDS = ("constant", "current", "poisson", "spikes")
_EPS = 1e-12  # seconds: tolerance when comparing grid times with onsets/offsets


def _si(value, name: str, owner: str, unit_name: str, *, nonnegative=False, scalar=False):
    """Check a Brian2 quantity and return it as a float array in SI units."""
    from neurosim import units  # imports brian2 (units only); reached with a quantity

    Hz, amp, second, volt = units.Hz, units.amp, units.second, units.volt

    unit, example = {
        "amp": (amp, "0.2*nA"),
        "second": (second, "100*ms"),
        "hertz": (Hz, "10*Hz"),
        "volt": (volt, "0.5*mV"),
    }[unit_name]
    if isinstance(value, list | tuple):
        raise param_error(
            name,
            owner,
            f"a Brian2 quantity (e.g. {example})",
            value,
            "Multiply the array by a unit, e.g. np.array([...])*nA.",
            cls=TypeError,
        )
    units.check_quantity(value, name, owner, unit, nonnegative=nonnegative, example=example)
    arr = np.asarray(value / unit, dtype=float)
    if scalar and arr.ndim != 0:
        raise param_error(name, owner, f"a scalar quantity (e.g. {example})", value)
    if arr.ndim > 1:
        raise param_error(
            name, owner, "a scalar or 1-D quantity (one value per neuron)", f"shape {arr.shape}"
        )
    if arr.ndim == 1 and arr.size == 0:
        raise param_error(name, owner, "a non-empty quantity array", "an empty array")
    return arr


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


def _times(t, owner: str = "Stimulus.values") -> np.ndarray:
    if hasattr(t, "dimensions"):
        t = _si(t, "t", owner, "second")
    arr = check_array(t, "t", owner, ndim=(0, 1))
    return np.atleast_1d(arr)


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

    def on(self, compartment: str) -> Stimulus:
        """The same stimulus delivered to ``compartment`` (``"soma"`` or ``"dendrite"``)."""
        if compartment not in ("soma", "dendrite"):
            raise param_error("compartment", "Stimulus.on", "'soma' or 'dendrite'", compartment)
        return replace(self, compartment=compartment)

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
        return self._data["mask"].copy()

    def input_counts(self, duration: float) -> np.ndarray:
        """Input spikes each neuron receives before ``duration`` (seconds), shape ``(n,)``."""
        d = self._data
        inside = d["times"] < duration - _EPS
        per_input = np.bincount(d["indices"][inside], minlength=d["n_inputs"])
        return per_input @ d["mask"].astype(np.int64)


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
