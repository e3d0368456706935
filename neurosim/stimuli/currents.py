"""Current stimuli: constant, step, ramp, sinusoid, a frozen noisy current, and your own:
an array of samples (:func:`sampled`) or a function of time (:func:`waveform`)."""

from __future__ import annotations

import math

import numpy as np

from neurosim.core.constraints import (
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    HasMethods,
    Interval,
    QuantityOf,
    described,
    param_error,
    validate,
)
from neurosim.stimuli.types import (
    _EPS,
    CURRENT,
    ConstantCurrent,
    CurrentStimulus,
    Stimulus,
    _batch,
    _fmt,
    _plain,
)

#: most noise samples kept for one realisation (8 bytes each: 400 MB)
_MOST_SAMPLES = 5 * 10**7
_ONSET = QuantityOf("ms", NON_NEGATIVE, example="100*ms")
_DURATION = QuantityOf("ms", POSITIVE, example="5*ms")
#: what a current function of :func:`waveform` may return, as a quantity
_CURRENT_VALUES = QuantityOf("nA", ndim=(0, 1, 2), example="0.2*nA")

__all__ = ["constant", "noisy_current", "ramp", "sampled", "sinusoid", "step", "waveform"]


@validate(amplitude=CURRENT)
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
    amp = _plain(amplitude)
    n = _batch("constant", amplitude=amp)
    col = np.broadcast_to(amp, (n,)).reshape(n, 1).copy()

    def fn(t):
        return np.broadcast_to(col, (n, t.size))

    return ConstantCurrent("constant", n, f"constant {_fmt(amp, 'A')}", _data={"fn": fn})


@validate(amplitude=CURRENT, onset=_ONSET, offset=[_ONSET, None], baseline=[CURRENT, None])
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
    amp = _plain(amplitude)
    base = np.zeros(()) if baseline is None else _plain(baseline)
    t_on = float(_plain(onset))
    t_off = math.inf
    if offset is not None:
        t_off = float(_plain(offset))
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


@validate(start=CURRENT, stop=CURRENT, t_start=_ONSET, t_stop=_DURATION)
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
    i0, i1 = _plain(start), _plain(stop)
    t0, t1 = float(_plain(t_start)), float(_plain(t_stop))
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


@validate(
    amplitude=CURRENT,
    frequency=QuantityOf("Hz", POSITIVE, ndim=(0, 1), example="10*Hz"),
    offset=[CURRENT, None],
    phase=Interval(),
)
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
    amp, freq = _plain(amplitude), _plain(frequency)
    off = np.zeros(()) if offset is None else _plain(offset)
    ph = phase
    n = _batch(owner, amplitude=amp, frequency=freq, offset=off)
    a, f, o = (np.broadcast_to(x, (n,))[:, None] for x in (amp, freq, off))

    def fn(t):
        return o + a * np.sin(2 * np.pi * f * t[None, :] + ph)

    desc = f"sinusoid {_fmt(amp, 'A')} at {_fmt(freq, 'Hz')}"
    return CurrentStimulus("current", n, desc, _data={"fn": fn})


@validate(
    mean=CURRENT,
    std=QuantityOf("nA", NON_NEGATIVE, ndim=(0, 1), example="0.05*nA"),
    tau=[_DURATION, None],
    seed=SEED,
    resolution=[QuantityOf("ms", Interval(1e-3, 10), example="0.1*ms"), None],
)
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
        Grid step of the realisation (1 us to 10 ms); use the simulation's dt.
    """
    owner = "noisy_current"
    mu, sd = _plain(mean), _plain(std)
    tc = 5e-3 if tau is None else float(_plain(tau))
    res = 1e-4 if resolution is None else float(_plain(resolution))
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
        if n * (int(k.max()) + 1) > _MOST_SAMPLES:
            raise param_error(
                "t",
                "Stimulus.values",
                f"times within {_MOST_SAMPLES / n * res:g} s (the noise is stored at every "
                f"grid step of {res * 1e3:g} ms)",
                described(f"times up to {float(np.max(t)):g} s"),
            )
        grow(int(k.max()) // block + 1)
        unit = np.concatenate(cache, axis=1)[:, k]
        return m + s * unit

    desc = f"noisy current {_fmt(mu, 'A')} ± {_fmt(sd, 'A')} (tau {tc * 1e3:g} ms, seed {seed})"
    return CurrentStimulus("current", n, desc, _data={"fn": fn})


@validate(
    values=QuantityOf("nA", ndim=(1, 2), example="np.array([0, 0.3, 0.3])*nA"),
    dt=QuantityOf("ms", Interval(1e-3, 1000), example="0.1*ms"),
)
def sampled(values, dt) -> Stimulus:
    """Your own current, from samples: ``values[..., k]`` flows from ``k dt`` to ``(k+1) dt``.

    A recording or a hand-made waveform, held constant within each sample (zero-order
    hold, as a stimulator's DAC plays it) and zero after the last sample. Sampled at the
    simulation's own step (the same ``dt``), every step sees exactly its sample.

    Parameters
    ----------
    values : Quantity
        Current samples: 1-D ``(samples,)`` for one neuron, or 2-D ``(n, samples)``, one
        row per neuron of the batch.
    dt : Quantity
        Time between samples (1 us to 1 s).

    Examples
    --------
    >>> import numpy as np
    >>> from neurosim.units import ms, nA
    >>> chirp = 0.4 * np.sin(2 * np.pi * np.linspace(0, 30, 5000) ** 1.5 / 30)
    >>> stimulus = sampled(chirp * nA, dt=0.1 * ms)  # 500 ms
    """
    owner = "sampled"
    samples = np.atleast_2d(_plain(values))
    step_s = float(_plain(dt))
    n, length = samples.shape
    if length < 1:
        raise param_error("values", owner, "at least one sample", described("no samples"))
    padded = np.concatenate([samples, np.zeros((n, 1))], axis=1)  # zero after the end

    def fn(t):
        k = np.floor(np.maximum(t, 0.0) / step_s + 1e-9).astype(np.int64)
        return padded[:, np.minimum(k, length)]

    duration = length * step_s * 1e3
    desc = f"sampled current {_fmt(samples, 'A')} over {duration:g} ms (dt {step_s * 1e3:g} ms)"
    return CurrentStimulus("current", n, desc, _data={"fn": fn})


@validate(
    function=HasMethods("__call__", text="a function of time"), n=Interval(1, None, integer=True)
)
def waveform(function, *, n: int = 1) -> Stimulus:
    """Your own current, from a function of time: ``function(t)`` with ``t`` in seconds.

    ``function`` takes a 1-D float array of times in seconds and returns the current
    there: a Brian2 current quantity, or plain numbers in amp; one value per time (every
    neuron of the batch gets the same current) or ``(n, len(t))``. It is called with the
    simulation's time steps, so it sees every step.

    Parameters
    ----------
    function : callable
        ``t (s) -> current``, as above.
    n : int, default 1
        Neurons in the batch.

    Examples
    --------
    >>> import numpy as np
    >>> from neurosim.units import nA
    >>> stimulus = waveform(lambda t: 0.4 * np.sin(2 * np.pi * 5 * t) ** 2 * nA)
    """
    owner = "waveform"

    def fn(t):
        out = function(t)
        if hasattr(out, "dimensions"):
            out = _CURRENT_VALUES.check(out, "function(t)", owner)
        out = np.asarray(out, dtype=float)
        if out.shape not in {(t.size,), (n, t.size), ()}:
            raise param_error(
                "function",
                owner,
                f"a function returning one current per time ({t.size},) or ({n}, {t.size})",
                described(f"a result of shape {out.shape}"),
            )
        if not np.all(np.isfinite(out)):
            raise param_error(
                "function", owner, "finite currents", described("a result with NaN or inf")
            )
        return np.broadcast_to(out, (n, t.size))

    name = getattr(function, "__name__", "a function")
    return CurrentStimulus("current", n, f"current from {name}(t)", _data={"fn": fn})
