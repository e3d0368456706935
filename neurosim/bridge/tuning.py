r"""A receptive field as a linear unit and as a spiking neuron: orientation tuning.

Seen through a linear receptive field, a drifting grating gives a sinusoid of amplitude
``a(angle)`` at the grating's temporal frequency (:mod:`neurosim.vision.gratings`). The
unit's tuning curve is that amplitude, 1 at the preferred orientation. The neuron gets
the same response as its input current,

    I(t) = offset + drive * a(angle) * sin(2 pi f_t t),

and its tuning curve is its firing rate (one neuron per orientation and trial, one
engine run). Its closed form (:func:`cycle_mean_rate`): the quasi-static Siegert rate
averaged over the grating's cycle, good while the drift period is long against the
membrane time constant. With the mean current below rheobase only the tips of the
response make spikes, and the neuron's tuning is narrower than the unit's: the "iceberg
effect" (Carandini & Ferster 2000, J Neurosci 20:470).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core import batching
from neurosim.core.constraints import (
    BOOL,
    COUNT,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    Interval,
    QuantityOf,
    param_error,
    validate,
)
from neurosim.spiking import LIFParameters, Simulation
from neurosim.spiking.theory import siegert_rate
from neurosim.stimuli import sinusoid
from neurosim.units import Hz, ms, nA, second
from neurosim.vision import grating_response_amplitude, tuning_half_width

__all__ = ["OrientationTuning", "cycle_mean_rate", "orientation_tuning"]


@dataclass(frozen=True)
class OrientationTuning:
    """The unit's and the neuron's tuning to drifting gratings (plain arrays).

    Attributes
    ----------
    angles_deg : ndarray (n_angles,)
        Grating orientation minus the preferred one, from -90 degrees.
    unit_tuning : ndarray (n_angles,)
        The linear unit's response amplitude, 1 at the preferred orientation.
    neuron_rate_Hz, theory_rate_Hz : ndarray (n_angles,)
        The neuron's firing rate (mean over trials) and its closed form.
    unit_width_deg, neuron_width_deg : float
        Half-widths at half height of the two curves
        (:func:`~neurosim.vision.tuning_half_width`); the neuron's is NaN if its rate
        is the same at every orientation (silent, or untuned: no half-width).
    """

    angles_deg: np.ndarray
    unit_tuning: np.ndarray
    neuron_rate_Hz: np.ndarray
    theory_rate_Hz: np.ndarray
    unit_width_deg: float
    neuron_width_deg: float


_NEURON = InstanceOf(LIFParameters)


@validate(
    neuron=_NEURON,
    offset=QuantityOf("nA"),
    drive=QuantityOf("nA"),
    tuning=ArrayOf(1),
    phases=COUNT,
)
def cycle_mean_rate(neuron: LIFParameters, offset, drive, tuning, *, phases: int = 96):
    """Rate (Hz) of a LIF neuron driven by ``offset + drive * tuning * sin(phase)``,
    averaged over ``phases`` phases of the cycle, one value per entry of ``tuning``.

    At each phase the Siegert rate of that current (quasi-static), its threshold
    shifted for the engine's 0.1-ms step (Siegmund's constant; spikes not stamped).
    ``offset`` and ``drive`` are currents, ``tuning`` the dimensionless relative
    amplitudes (n,).
    """
    phase = np.linspace(0, 2 * np.pi, phases, endpoint=False)
    tuning = np.asarray(tuning, dtype=float)
    current = float(offset / nA) + float(drive / nA) * tuning[:, None] * np.sin(phase)
    mu = neuron.E_L + neuron.R * (current * nA)
    siegert = siegert_rate(mu.ravel(), neuron.sigma, neuron, dt=0.1 * ms)
    return np.asarray(siegert / Hz).reshape(current.shape).mean(axis=1)


@validate(
    rf=ArrayOf(2),
    theta=Interval(),
    frequency=Interval(0, 0.5, closed="right"),
    neuron=_NEURON,
    offset=QuantityOf("nA"),
    drive=QuantityOf("nA", POSITIVE),
    temporal_frequency=QuantityOf("Hz", POSITIVE),
    duration=QuantityOf("ms", POSITIVE),
    n_angles=Interval(2, None, integer=True),
    trials=COUNT,
    seed=SEED,
    as_steps=BOOL,
)
def orientation_tuning(
    rf,
    theta: float,
    frequency: float,
    neuron: LIFParameters,
    *,
    offset,
    drive,
    temporal_frequency,
    duration,
    n_angles: int = 36,
    trials: int = 4,
    seed: int = 0,
    as_steps: bool = False,
) -> OrientationTuning:
    """Tuning of a receptive field ``rf`` as a unit and as the input of ``neuron``.

    Parameters
    ----------
    rf : array (k, k)
        A linear receptive field.
    theta, frequency : float
        Its preferred orientation (radians, direction of the wave vector) and spatial
        frequency (cycles/pixel, up to 0.5, the pixel grid's Nyquist): the gratings have that frequency, at ``n_angles``
        orientations over 180 degrees around ``theta``.
    neuron : LIFParameters
        The spiking neuron (its ``sigma`` rounds its threshold).
    offset, drive, temporal_frequency, duration : Quantity
        Mean current; current amplitude at the preferred orientation; the gratings'
        drift rate; simulated time per orientation.
    n_angles, trials, seed :
        Orientations; neurons (noise trials) per orientation; the engine's seed.
    as_steps : bool, default False
        Return the steps instead: a generator that yields its one
        :class:`~neurosim.spiking.batch.Simulation` and returns the tuning, for a
        comparison that runs its seeds as a batch (``yield from``).
    """
    angles_deg = np.arange(n_angles) * 180.0 / n_angles - 90.0
    amplitude = grating_response_amplitude(rf, theta + np.radians(angles_deg), frequency)
    if amplitude.max() <= 0:
        raise param_error(
            "rf", "orientation_tuning", "a receptive field that answers some grating", rf
        )
    unit = amplitude / amplitude.max()
    stimulus = sinusoid(
        np.asarray(float(drive / nA) * unit) * nA, temporal_frequency, offset=offset
    )
    request = Simulation(neuron, stimulus, duration, trials=trials, seed=seed)
    steps = _steps(request, angles_deg, unit, neuron, offset, drive)
    return steps if as_steps else batching.drive([steps])[0]


def _steps(request, angles_deg, unit, neuron, offset, drive):
    """The simulation, then the tuning curves (see :func:`orientation_tuning`)."""
    result = yield request
    n_angles, trials = angles_deg.size, request.trials
    counts = np.bincount(result.neuron, minlength=n_angles * trials)
    rate = counts.reshape(n_angles, trials).mean(axis=1) / float(request.duration / second)
    return OrientationTuning(
        angles_deg=angles_deg,
        unit_tuning=unit,
        neuron_rate_Hz=rate,
        theory_rate_Hz=cycle_mean_rate(neuron, offset, drive, unit),
        unit_width_deg=tuning_half_width(angles_deg, unit),
        # a rate that does not vary with orientation has no half-width (NaN)
        neuron_width_deg=tuning_half_width(angles_deg, rate) if np.ptp(rate) > 0 else np.nan,
    )
