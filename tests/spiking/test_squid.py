"""The squid protocols: their stimuli by hand, and one small run against HH 1952 and
cable theory (references written here, not neurosim's code)."""

import numpy as np
import pytest

from neurosim.spiking import squid
from neurosim.spiking.axon import conduction_velocity, crossings
from neurosim.spiking.neurons.hh import HHParameters


def test_protocol_values_by_hand():
    # 11 points: 6 log-spaced from 0.5 to 40 uA plus the 5 near threshold (3-4 uA)
    ladder = squid.ladder_uA(11)
    np.testing.assert_allclose(
        ladder, np.unique(np.round([*np.geomspace(0.5, 40, 6), 3, 3.25, 3.5, 3.75, 4], 3))
    )
    assert ladder.size == 11 and squid.ladder_uA(4).size == 4  # 2 spread + 2 near
    # 10 intervals: 7 from 1 to 3 ms, then 4, 5, 6; fewer than 10: only 4 ms late
    np.testing.assert_allclose(squid.refractory_intervals_ms(10), [*np.linspace(1, 3, 7), 4, 5, 6])
    np.testing.assert_allclose(squid.refractory_intervals_ms(6), [*np.linspace(1, 3, 5), 4])
    assert squid.on_grid(0.1, 0.038) == pytest.approx(0.114)  # 3 steps of 0.038 ms
    assert squid.on_grid(0.001, 0.01) == pytest.approx(0.01)  # never less than one step


@pytest.fixture(scope="module")
def runs():
    return squid.squid_runs(
        HHParameters(),
        ladder=[1.0, 10.0],
        intervals=[1.0, 4.0],
        diameters_um=(16.0, 476.0),
        sweep_resolution=3,
    )


def test_a_small_run_is_all_or_none_refractory_and_cable_theorys(runs):
    far = squid.FAR * runs.length
    # 1 uA for 0.2 ms is below the squid axon's threshold (3-4 uA), 10 uA far above
    assert [crossings(r, far).size for r in runs.ladder] == [0, 1]
    # a second pulse 1 ms after the first is blocked, 4 ms after it travels (HH's
    # absolute refractory period is a few ms at 18.5 °C)
    half = 0.5 * runs.length
    assert [crossings(r, half).size for r in runs.pairs] == [1, 2]
    v16, v476 = (conduction_velocity(r) for r in runs.sweep)
    # HH 1952's estimate sqrt(K a / (2 R_i C_m)), K = 10.47/ms, a = 238 um, R_i = 35.4
    # ohm cm, C_m = 1 uF/cm^2: 18.76 m/s; their hand integration: 10 %
    hh1952 = np.sqrt(10.47e3 * 238e-6 / (2 * 0.354 * 1e-2))
    assert runs.reference_velocity == pytest.approx(hh1952, rel=1e-9)
    assert v476 == pytest.approx(hh1952, rel=0.10)
    # cable theory: v ~ sqrt(d) at one membrane (the coarse 16 um cable: 5 %)
    assert v16 / v476 == pytest.approx(np.sqrt(16 / 476), rel=0.05)
    assert runs.time_scale == 1.0 and np.allclose(runs.intervals_ms, [1.0, 4.0])
