"""One definition of "the same input" for the artificial and the spiking side.

A :class:`Stimulus` is an input over time for a batch of ``n`` neurons (or
conditions).  The factories below build one:

=====================  =========================================================
:func:`constant`       a constant current per neuron
:func:`step`           a current step (onset, optional offset, baseline)
:func:`ramp`           a linear current ramp
:func:`sinusoid`       a sinusoidal current
:func:`noisy_current`  a frozen Ornstein-Uhlenbeck current (replayable)
:func:`poisson`        independent Poisson input spike trains per neuron
:func:`spike_pattern`  explicit input spikes
=====================  =========================================================

Amplitudes are Brian2 quantities (``0.2*nA``), scalar or 1-D (one value per
neuron of the batch; scalars broadcast).  ``stimulus.values(t)`` gives plain
float arrays in SI units (amp for currents, hertz for Poisson rates) for the
artificial side, and :func:`neurosim.spiking.simulate` turns the same object
into Brian2 input (the translation lives in :mod:`neurosim.spiking.inputs`, which
dispatches on the stimulus type: :class:`ConstantCurrent`, :class:`CurrentStimulus`,
:class:`PoissonInput`, :class:`SpikePattern`).

This module only describes input: it never imports brian2 (the artificial side
must stay free of its 2 s import); unit checks go through :mod:`neurosim.units`
when a quantity arrives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from neurosim._validation import check_array, check_int, check_number, check_seed, param_error

__all__ = [
    "KINDS",
    "ConstantCurrent",
    "CurrentStimulus",
    "PoissonInput",
    "SpikePattern",
    "Stimulus",
    "constant",
    "noisy_current",
    "poisson",
    "ramp",
    "sinusoid",
    "spike_pattern",
    "step",
]

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


# --- current factories ------------------------------------------------------------
def constant(amplitude) -> Stimulus:
    """A constant current.

    Parameters
    ----------
    amplitude : Quantity
        Current (e.g. ``0.2*nA``), scalar or 1-D (one per neuron).

    Returns
    -------
    Stimulus
        ``kind="constant"``, ``n = len(amplitude)`` (1 for a scalar).
    """
    amp = _si(amplitude, "amplitude", "constant", "amp")
    n = _batch("constant", amplitude=amp)
    col = np.broadcast_to(amp, (n,)).reshape(n, 1).copy()

    def fn(t):
        return np.broadcast_to(col, (n, t.size))

    return ConstantCurrent("constant", n, f"constant {_fmt(amp, 'A')}", _data={"fn": fn})


def step(amplitude, *, onset, offset=None, baseline=None) -> Stimulus:
    """A current step: ``baseline`` before ``onset`` and from ``offset`` on, else ``amplitude``.

    Parameters
    ----------
    amplitude : Quantity
        Current during the step, scalar or 1-D.
    onset : Quantity
        Start time (>= 0).
    offset : Quantity or None, default None
        End time (> onset); ``None`` keeps the step on.
    baseline : Quantity or None, default 0*nA
        Current outside the step, scalar or 1-D.
    """
    owner = "step"
    amp = _si(amplitude, "amplitude", owner, "amp")
    base = np.zeros(()) if baseline is None else _si(baseline, "baseline", owner, "amp")
    t_on = float(_si(onset, "onset", owner, "second", nonnegative=True, scalar=True))
    t_off = math.inf
    if offset is not None:
        t_off = float(_si(offset, "offset", owner, "second", scalar=True))
        if t_off <= t_on:
            raise param_error("offset", owner, f"after onset = {t_on * 1e3:g} ms", offset)
    n = _batch(owner, amplitude=amp, baseline=base)
    a = np.broadcast_to(amp, (n,))[:, None]
    b = np.broadcast_to(base, (n,))[:, None]

    def fn(t):
        on = (t >= t_on - _EPS) & (t < t_off - _EPS)
        return np.where(on[None, :], a, b)

    until = "" if offset is None else f" to {t_off * 1e3:g} ms"
    desc = f"step {_fmt(amp, 'A')} from {t_on * 1e3:g} ms{until}"
    return CurrentStimulus("current", n, desc, _data={"fn": fn})


def ramp(start, stop, *, t_start, t_stop) -> Stimulus:
    """A linear current ramp from ``start`` at ``t_start`` to ``stop`` at ``t_stop``.

    The current is ``start`` before ``t_start`` and ``stop`` after ``t_stop``.

    Parameters
    ----------
    start, stop : Quantity
        Currents at the two ends, scalar or 1-D.
    t_start, t_stop : Quantity
        Times (0 <= t_start < t_stop).
    """
    owner = "ramp"
    i0 = _si(start, "start", owner, "amp")
    i1 = _si(stop, "stop", owner, "amp")
    t0 = float(_si(t_start, "t_start", owner, "second", nonnegative=True, scalar=True))
    t1 = float(_si(t_stop, "t_stop", owner, "second", scalar=True))
    if t1 <= t0:
        raise param_error("t_stop", owner, f"after t_start = {t0 * 1e3:g} ms", t_stop)
    n = _batch(owner, start=i0, stop=i1)
    a = np.broadcast_to(i0, (n,))[:, None]
    b = np.broadcast_to(i1, (n,))[:, None]

    def fn(t):
        frac = np.clip((t - t0) / (t1 - t0), 0.0, 1.0)[None, :]
        return a + (b - a) * frac

    desc = f"ramp {_fmt(i0, 'A')} to {_fmt(i1, 'A')}"
    return CurrentStimulus("current", n, desc, _data={"fn": fn})


def sinusoid(amplitude, frequency, *, offset=None, phase=0.0) -> Stimulus:
    """A sinusoidal current ``offset + amplitude * sin(2 pi f t + phase)``.

    Parameters
    ----------
    amplitude : Quantity
        Current amplitude, scalar or 1-D.
    frequency : Quantity
        Frequency (> 0), scalar or 1-D.
    offset : Quantity or None, default 0*nA
        Mean current, scalar or 1-D.
    phase : float, default 0
        Phase in radians.
    """
    owner = "sinusoid"
    amp = _si(amplitude, "amplitude", owner, "amp")
    freq = _si(frequency, "frequency", owner, "hertz")
    if not np.all(freq > 0):
        raise param_error("frequency", owner, "a rate > 0", frequency)
    off = np.zeros(()) if offset is None else _si(offset, "offset", owner, "amp")
    ph = check_number(phase, "phase", owner)
    n = _batch(owner, amplitude=amp, frequency=freq, offset=off)
    a, f, o = (np.broadcast_to(x, (n,))[:, None] for x in (amp, freq, off))

    def fn(t):
        return o + a * np.sin(2 * np.pi * f * t[None, :] + ph)

    desc = f"sinusoid {_fmt(amp, 'A')} at {_fmt(freq, 'Hz')}"
    return CurrentStimulus("current", n, desc, _data={"fn": fn})


def noisy_current(mean, std, *, tau=None, seed=0, resolution=None) -> Stimulus:
    """A frozen noisy current: ``mean`` plus an Ornstein-Uhlenbeck process.

    The noise is a stationary OU process with standard deviation ``std`` and
    correlation time ``tau``, sampled exactly on a grid of step ``resolution`` and
    held constant within a grid step.  It is one fixed realisation: it depends on
    ``seed`` (and ``n``) only, so every call of :meth:`Stimulus.values`, every trial
    and every simulation sees the same input (a longer run extends it, the start
    stays the same).

    Parameters
    ----------
    mean : Quantity
        Mean current, scalar or 1-D.
    std : Quantity
        Standard deviation (>= 0), scalar or 1-D.
    tau : Quantity or None, default 5*ms
        Correlation time (> 0).
    seed : int, default 0
        Seed of this realisation (independent of the simulation's seed).
    resolution : Quantity or None, default 0.1*ms
        Grid step of the realisation; use the simulation's dt.
    """
    owner = "noisy_current"
    mu = _si(mean, "mean", owner, "amp")
    sd = _si(std, "std", owner, "amp", nonnegative=True)
    tc = 5e-3 if tau is None else float(_si(tau, "tau", owner, "second", scalar=True))
    if tc <= 0:
        raise param_error("tau", owner, "a time > 0 (e.g. 5*ms)", tau)
    res = 1e-4 if resolution is None else float(_si(resolution, "resolution", owner, "second"))
    if res <= 0:
        raise param_error("resolution", owner, "a time > 0 (e.g. 0.1*ms)", resolution)
    seed = check_seed(seed, "seed", owner)
    n = _batch(owner, mean=mu, std=sd)
    m = np.broadcast_to(mu, (n,))[:, None]
    s = np.broadcast_to(sd, (n,))[:, None]
    rho = math.exp(-res / tc)
    block = 8192
    cache: list[np.ndarray] = []  # unit-variance OU blocks, (n, block) each

    def grow(n_blocks):
        from scipy.signal import lfilter

        while len(cache) < n_blocks:
            b = len(cache)
            z = np.random.default_rng([seed, b]).standard_normal((n, block))
            if b == 0:
                x0 = z[:, 0].copy()
                z[:, 0] = 0.0
                zi = (rho * x0)[:, None]
                x = lfilter([math.sqrt(1 - rho**2)], [1, -rho], z, axis=1, zi=zi)[0]
                x[:, 0] = x0
            else:
                zi = (rho * cache[-1][:, -1])[:, None]
                x = lfilter([math.sqrt(1 - rho**2)], [1, -rho], z, axis=1, zi=zi)[0]
            cache.append(x)

    def fn(t):
        k = np.floor(np.maximum(t, 0.0) / res + 1e-9).astype(np.int64)
        grow(int(k.max()) // block + 1)
        unit = np.concatenate(cache, axis=1)[:, k]
        return m + s * unit

    desc = f"noisy current {_fmt(mu, 'A')} ± {_fmt(sd, 'A')} (tau {tc * 1e3:g} ms, seed {seed})"
    return CurrentStimulus("current", n, desc, _data={"fn": fn})


# --- spike factories -------------------------------------------------------------
def poisson(rates, *, n_inputs=1, weight) -> Stimulus:
    """Independent Poisson input spike trains.

    Each of the ``n`` neurons receives ``n_inputs`` independent Poisson trains at
    its rate; each input spike makes the neuron's voltage jump by ``weight``.
    Every trial of a simulation gets new, independent trains.

    Parameters
    ----------
    rates : Quantity
        Rate per input train (>= 0), scalar or 1-D (one per neuron).
    n_inputs : int, default 1
        Trains per neuron.
    weight : Quantity
        Voltage jump per input spike (e.g. ``0.5*mV``; negative is inhibitory),
        scalar or 1-D.
    """
    owner = "poisson"
    r = _si(rates, "rates", owner, "hertz", nonnegative=True)
    w = _si(weight, "weight", owner, "volt")
    k = check_int(n_inputs, "n_inputs", owner, low=1)
    n = _batch(owner, rates=r, weight=w)
    rr = np.broadcast_to(r, (n,)).copy()
    col = rr[:, None]

    def fn(t):
        return np.broadcast_to(col, (n, t.size))

    desc = f"Poisson {_fmt(r, 'Hz')} x {k} inputs, weight {_fmt(w, 'V')}"
    data = {"fn": fn, "rates": rr, "n_inputs": k, "weight": np.broadcast_to(w, (n,)).copy()}
    return PoissonInput("poisson", n, desc, _data=data)


def spike_pattern(indices, times, *, n_inputs, weight, targets=None, n=None) -> Stimulus:
    """Explicit input spikes: input ``indices[k]`` spikes at ``times[k]``.

    Parameters
    ----------
    indices : array of int
        Input index of each spike, in ``0 .. n_inputs - 1``.
    times : Quantity
        Spike times (>= 0), same length as ``indices``.
    n_inputs : int
        Number of inputs.
    weight : Quantity
        Voltage jump per input spike, scalar or one per input.
    targets : array of int or bool, optional
        Which neurons each input drives: ``None`` (all inputs drive one neuron,
        ``n = 1``), a 1-D array of length ``n_inputs`` with the neuron index of
        each input, or a 2-D boolean mask of shape ``(n_inputs, n)``.
    n : int or None
        Batch size; by default ``max(targets) + 1`` (1-D targets) or the mask's
        width.

    Notes
    -----
    Every trial of a simulation receives the same pattern.
    """
    owner = "spike_pattern"
    k = check_int(n_inputs, "n_inputs", owner, low=1)
    idx = np.asarray(indices)
    if idx.ndim != 1 or idx.size == 0:
        raise param_error(
            "indices",
            owner,
            "a non-empty 1-D array of input indices",
            indices,
            "For no input spikes use constant(0*nA).",
        )
    if idx.dtype.kind not in "iu":
        if idx.dtype.kind == "f" and np.all(np.isfinite(idx)) and np.all(idx == np.round(idx)):
            idx = idx.astype(np.int64)
        else:
            raise param_error("indices", owner, "integer input indices", f"dtype {idx.dtype}")
    idx = idx.astype(np.int64)
    if idx.min() < 0 or idx.max() >= k:
        raise param_error("indices", owner, f"indices in 0..{k - 1} (n_inputs={k})", idx)
    tt = _si(times, "times", owner, "second", nonnegative=True)
    if tt.ndim != 1 or tt.size != idx.size:
        raise param_error(
            "times", owner, f"a 1-D quantity of length {idx.size} like indices", f"shape {tt.shape}"
        )
    w = _si(weight, "weight", owner, "volt")
    if w.ndim == 1 and w.size != k:
        raise param_error("weight", owner, f"a scalar or of length n_inputs={k}", w)
    if targets is None:
        mask = np.ones((k, 1), dtype=bool)
    else:
        tg = np.asarray(targets)
        if tg.ndim == 2 and tg.dtype == bool:
            if tg.shape[0] != k:
                raise param_error("targets", owner, f"a mask with {k} rows", f"shape {tg.shape}")
            mask = tg.copy()
        elif tg.ndim == 1 and tg.size == k and tg.dtype.kind in "iu" and tg.min() >= 0:
            width = int(tg.max()) + 1 if n is None else check_int(n, "n", owner, low=1)
            if tg.max() >= width:
                raise param_error("targets", owner, f"neuron indices below n={width}", tg)
            mask = np.zeros((k, width), dtype=bool)
            mask[np.arange(k), tg] = True
        else:
            raise param_error(
                "targets",
                owner,
                f"None, {k} non-negative neuron indices, or a boolean mask of shape ({k}, n)",
                targets,
            )
    if n is not None and check_int(n, "n", owner, low=1) != mask.shape[1]:
        raise param_error("n", owner, f"{mask.shape[1]} (the width of targets)", n)
    width = mask.shape[1]
    order = np.argsort(tt, kind="stable")
    idx, tt = idx[order], tt[order]
    mask_i = mask.astype(np.int64)

    def fn(t):
        step_ = t[1] - t[0] if t.size > 1 else 1.0
        edges = np.append(t, t[-1] + step_)
        out = np.zeros((width, t.size))
        for p in range(k):
            hist = np.histogram(tt[idx == p], bins=edges)[0]
            out += mask_i[p][:, None] * hist[None, :]
        return out

    data = {
        "fn": fn,
        "indices": idx,
        "times": tt,
        "n_inputs": k,
        "weight": np.broadcast_to(w, (k,)).copy(),
        "mask": mask,
    }
    desc = f"spike pattern of {idx.size} spikes from {k} inputs"
    return SpikePattern("spikes", width, desc, _data=data)


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
