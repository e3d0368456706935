"""neurosim.bridge.tuning against closed forms written here.

- The LIF neuron's rate for a constant current: r = 1 / (t_ref + tau ln(RI / (RI - 15 mV)))
  above rheobase (Lapicque), with neurosim's LIF defaults written out (tau 20 ms, 15 mV
  from rest to threshold, R 100 MOhm, t_ref 2 ms).
- A Gabor receptive field answers most to the grating along its own wave vector.
"""

import numpy as np
import pytest

from neurosim.bridge.tuning import cycle_mean_rate, orientation_tuning
from neurosim.spiking import LIFParameters
from neurosim.units import Hz, ms, nA

TAU, GAP, R, T_REF = 20e-3, 15e-3, 100e6, 2e-3


def lif_rate(current):
    """Lapicque's rate (Hz) for constant currents (A), 0 at or below rheobase."""
    RI = R * np.asarray(current, dtype=float)
    above = RI > GAP
    ratio = np.where(above, RI / np.where(above, RI - GAP, 1.0), 1.0)
    return np.where(above, 1 / (T_REF + TAU * np.log(ratio)), 0.0)


def test_cycle_mean_rate_is_the_mean_of_the_closed_form_over_the_cycle():
    # no noise: Siegert is Lapicque's rate (the step's threshold shift is sigma-sized)
    tuning = np.array([0.0, 0.3, 1.0])
    phases = np.linspace(0, 2 * np.pi, 96, endpoint=False)
    current = 0.12e-9 + 0.1e-9 * tuning[:, None] * np.sin(phases)
    expected = lif_rate(current).mean(axis=1)
    got = cycle_mean_rate(LIFParameters(), 0.12 * nA, 0.1 * nA, tuning)
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-9)
    assert got[0] == 0.0  # 0.12 nA alone is below the 0.15-nA rheobase
    # with no drive, every phase has the same current: the constant current's rate
    assert cycle_mean_rate(LIFParameters(), 0.2 * nA, 0.0 * nA, [1.0])[0] == pytest.approx(
        lif_rate(0.2e-9), rel=1e-6
    )


def gabor(theta, f, side=12):
    y, x = np.mgrid[0:side, 0:side].astype(float) - (side - 1) / 2
    u = x * np.cos(theta) + y * np.sin(theta)
    return np.exp(-(x**2 + y**2) / (2 * 2.5**2)) * np.cos(2 * np.pi * f * u)


def test_a_constant_drive_fires_at_the_closed_form_rate_at_every_orientation():
    # drive ~ 0: every orientation gets the same constant 0.2 nA; 12 orientations x 2
    # trials of 1 s, no noise: each count is Lapicque's rate x 1 s within one spike
    tuning = orientation_tuning(
        gabor(0.4, 0.2),
        0.4,
        0.2,
        LIFParameters(),
        offset=0.2 * nA,
        drive=1e-9 * nA,
        temporal_frequency=4 * Hz,
        duration=1000 * ms,
        n_angles=12,
        trials=2,
    )
    np.testing.assert_allclose(tuning.neuron_rate_Hz, lif_rate(0.2e-9), atol=1.0)
    np.testing.assert_allclose(tuning.theory_rate_Hz, lif_rate(0.2e-9), rtol=1e-6)
    # the unit answers most at the Gabor's own orientation (angle 0, the middle sample)
    np.testing.assert_allclose(tuning.angles_deg, np.arange(12) * 15.0 - 90.0)
    assert np.argmax(tuning.unit_tuning) == 6 and tuning.unit_tuning[6] == 1.0
    assert tuning.unit_width_deg < 90
    # the neuron's rate is the same at every orientation: untuned, no half-width at all
    # (not one of 90 degrees, which would read as "tuned, broadly")
    assert np.ptp(tuning.neuron_rate_Hz) == 0 and np.isnan(tuning.neuron_width_deg)


def test_a_receptive_field_that_answers_no_grating_is_refused():
    # a zero field answers every grating with amplitude 0: no tuning to normalise
    with pytest.raises(ValueError, match="'rf' parameter of orientation_tuning"):
        orientation_tuning(
            np.zeros((8, 8)),
            0.0,
            0.2,
            LIFParameters(),
            offset=0.2 * nA,
            drive=0.3 * nA,
            temporal_frequency=4 * Hz,
            duration=5 * ms,
        )
