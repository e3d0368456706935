r"""Drifting gratings through a linear receptive field, and tuning widths.

A drifting grating of contrast c, wave vector k and temporal frequency w,
``L(x, t) = c cos(k.x - w t)``, seen through a linear receptive field ``G(x)`` gives
``sum_x G(x) L(x, t) = c |G~(k)| cos(w t - arg G~(k))``, with ``G~(k) = sum_x G(x)
exp(i k.x)``: a sinusoid of amplitude ``c |G~(k)|`` at the grating's temporal frequency.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import POSITIVE, ArrayOf, Interval, param_error, validate

__all__ = ["grating_frames", "grating_response_amplitude", "tuning_half_width"]


def _wave(shape, angle, frequency):
    rows, cols = shape
    y, x = np.mgrid[0:rows, 0:cols].astype(float)
    return 2 * np.pi * frequency * (x * np.cos(angle) + y * np.sin(angle))


def grating_frames(shape, angle: float, frequency: float, phases) -> np.ndarray:
    """Frames ``cos(k.x - phase)`` of a unit-contrast grating, one per phase."""
    arg = _wave(shape, angle, frequency)
    return np.cos(arg[None] - np.asarray(phases, float)[:, None, None])


@validate(rf=ArrayOf(2), angles=ArrayOf((0, 1)), frequency=Interval(0, 0.5, closed="right"))
def grating_response_amplitude(rf, angles, frequency: float) -> np.ndarray:
    """Amplitude of a linear RF's response to unit-contrast drifting gratings.

    ``|sum_x rf(x) exp(i k.x)|`` for each angle (radians, direction of k) at spatial
    frequency ``frequency`` (cycles/pixel, up to 0.5: a finer grating aliases on the
    pixel grid).
    """
    out = np.empty(len(np.atleast_1d(angles)))
    for i, a in enumerate(np.atleast_1d(angles)):
        out[i] = abs(np.sum(rf * np.exp(1j * _wave(rf.shape, a, frequency))))
    return out


@validate(angles_deg=ArrayOf(1), curve=ArrayOf(1), period=POSITIVE)
def tuning_half_width(angles_deg, curve, *, period: float = 180.0) -> float:
    """Half-width at half-maximum (degrees) of a periodic tuning curve.

    From the peak, walks each way to the first sample below half the peak, interpolates
    linearly, and averages the two sides. Returns ``period / 2`` if the curve varies but
    never falls below half its peak (tuned more broadly than the period can show).

    Raises
    ------
    ValueError
        Naming ``curve`` if it has no positive peak or is flat: it has no half-width
        (an untuned response is not one of width ``period / 2``).
    """
    owner = "tuning_half_width"
    a, r = angles_deg, curve
    if r.shape != a.shape:
        raise param_error("curve", owner, f"one value per angle {a.shape}", r.shape)
    if r.max() <= 0 or r.max() == r.min():
        raise param_error(
            "curve", owner, "a tuning curve with a positive peak that varies (not flat)", r
        )
    order = np.argsort(a)
    a, r = a[order], r[order]
    n = len(a)
    k = int(np.argmax(r))
    half = 0.5 * r[k]
    if r[k] <= 0 or np.all(r >= half):
        return period / 2
    step = np.diff(np.concatenate([a, [a[0] + period]]))
    widths = []
    for direction in (1, -1):
        dist, i = 0.0, k
        for _ in range(n):
            j = (i + direction) % n
            gap = step[i] if direction == 1 else step[j]
            if r[j] < half:
                dist += gap * (r[i] - half) / (r[i] - r[j])
                break
            dist += gap
            i = j
        widths.append(min(dist, period / 2))
    return float(np.mean(widths))
