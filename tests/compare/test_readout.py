"""ConversionResult's read-outs against hand-worked examples."""

import numpy as np
import pytest

from neurosim.bridge.readout import ConversionResult
from neurosim.units import ms, second


def _result(measured, expected):
    return ConversionResult(
        readout_times=np.array([0.01]) * second,
        output_counts=np.zeros((1, 2, 2)),
        output_v=np.zeros((1, 2, 2)),
        predictions=np.zeros((1, 2), dtype=int),
        layer_rates=[np.asarray(measured, dtype=float)],
        expected_rates=[np.asarray(expected, dtype=float)],
        ann_activations=[np.asarray(expected, dtype=float)],
        raster=[],
        duration=10 * ms,
    )


def test_rate_fidelity_by_hand():
    # 2 samples x 2 units: rates 10, 20, 0, 5 Hz against expected 10, 10, 0, 10 Hz.
    # Differences 0, 10, 0, -5: RMS sqrt((100 + 25) / 4) = 5.590...; slope through the
    # origin sum(e m) / sum(e^2) = (100 + 200 + 0 + 50) / (100 + 100 + 0 + 100) = 7/6.
    rms, slope = _result([[10, 20], [0, 5]], [[10, 10], [0, 10]]).rate_fidelity()
    assert rms == pytest.approx(np.sqrt(31.25), rel=1e-12)
    assert slope == pytest.approx(7 / 6, rel=1e-12)


def test_a_faithful_conversion_has_no_error_and_slope_one():
    rates = [[3.0, 40.0], [17.0, 0.0]]
    assert _result(rates, rates).rate_fidelity() == (0.0, 1.0)
    # a leak that loses a third of every rate: slope 2/3 whatever the rates, and an RMS
    # error of a third of the rates' RMS, sqrt((9 + 1600 + 289 + 0) / 4) / 3
    rms, slope = _result(np.array(rates) * 2 / 3, rates).rate_fidelity()
    assert slope == pytest.approx(2 / 3, rel=1e-12)
    assert rms == pytest.approx(np.sqrt(1898 / 4) / 3, rel=1e-12)
