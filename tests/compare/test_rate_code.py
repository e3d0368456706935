"""RateCodeCost's work over time against operations counted by hand.

Energies: Horowitz 2014 (ISSCC), 45 nm, fp32: add 0.9 pJ, multiply 3.7 pJ, one 64-bit
read from a 32 kB SRAM 20 pJ (the 64-100-10 network's 30 kB of weights), so a 4-byte
weight or bias costs 20 / 8 * 4 = 10 pJ to read.
"""

import numpy as np
import pytest

from neurosim.bridge.energy import ACCOUNTINGS
from neurosim.bridge.rate_code import RateCodeCost

ADD, MAC, READ = 0.9, 3.7 + 0.9, 20.0 / 8 * 4  # pJ


@pytest.fixture
def cost():
    # two readouts, at 1 and 2 ms: 5 then 12 hidden spikes, 1 then 3 output spikes per image
    return RateCodeCost(
        times_ms=np.array([1.0, 2.0]),
        accuracy=np.array([50.0, 90.0]),
        hidden_events=np.array([50.0, 120.0]),
        hidden_spikes=np.array([5.0, 12.0]),
        output_spikes=np.array([1.0, 3.0]),
        ann_accuracy=95.0,
        settled_ms=np.nan,
        settled_index=-1,
        settled_interval_ms=np.array([np.inf, np.inf]),
    )


def test_analog_input_counted_by_hand(cost):
    # until 2 ms at dt 0.1 ms (20 steps): the image's 64 x 100 weighted sums once (MACs)
    # and the 100 hidden biases; 12 hidden spikes reach 10 outputs each (120 additions);
    # reads: 6,400 + 120 weights and 110 biases; time-stepped updates: 110 neurons x 20
    # steps plus one per spike (12 + 3)
    arithmetic = 6400 * MAC + (100 + 120) * ADD
    memory = arithmetic + (6400 + 120 + 110) * READ
    stepped = memory + (110 * 20 + 15) * ADD
    work = cost.workload(1, dt_ms=0.1)
    np.testing.assert_allclose(work.table_nJ()[:3], np.array([arithmetic, memory, stepped]) / 1e3)
    # over time: readout 1 ms (10 steps, 5 hidden and 1 output spike) as well
    first = 6400 * MAC + (100 + 50) * ADD + (6400 + 50 + 110) * READ + (110 * 10 + 6) * ADD
    np.testing.assert_allclose(
        cost.energy_nJ(ACCOUNTINGS[2], dt_ms=0.1), np.array([first, stepped]) / 1e3
    )


def test_pixel_spikes_counted_by_hand(cost):
    # Poisson input: 7 pixel spikes per hidden neuron by 2 ms, each reaching the 100
    # hidden neurons (700 additions, no MACs), plus the 120 hidden-spike events
    arithmetic = (700 + 120) * ADD
    memory = arithmetic + (700 + 120 + 110) * READ
    pixels = np.array([3.0, 7.0])
    work = cost.workload(1, dt_ms=0.1, input_spikes=pixels)
    np.testing.assert_allclose(work.table_nJ()[:2], np.array([arithmetic, memory]) / 1e3)
    over_time = cost.energy_nJ(ACCOUNTINGS[0], dt_ms=0.1, input_spikes=pixels)
    np.testing.assert_allclose(over_time, np.array([(300 + 50) * ADD, arithmetic]) / 1e3)
