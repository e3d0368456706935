"""The thresholds several comparisons share, against their published sources."""

import pytest

from neurosim.contract import yardsticks
from neurosim.spiking import LIFParameters
from neurosim.units import ms


def test_the_delay_rule_is_the_receiving_neurons_yardstick():
    rule = yardsticks.DELAY
    # at once: within the ~1 ms precision of cortical spike timing (Mainen & Sejnowski
    # 1995); partly: within the receiving neuron's membrane time constant, the LIF's 20 ms
    assert yardsticks.SPIKE_TIMING_PRECISION_MS == 1.0
    assert yardsticks.INTEGRATION_WINDOW_MS == float(LIFParameters().tau_m / ms) == 20.0
    assert rule.holds == (None, 1.0) and rule.partly == (1.0, 20.0)
    assert [rule.verdict(v) for v in (0.54, 1.0, 1.19, 20.0, 35.7)] == [
        "holds",
        "holds",
        "partly",
        "partly",
        "fails",
    ]
    assert rule.direction(35.7) == "the answer arrives late" and rule.direction(0.5) == ""
    assert "Mainen & Sejnowski 1995" in rule.reason


@pytest.mark.parametrize("rule", [yardsticks.MEMORY, yardsticks.READING], ids=["memory", "reading"])
def test_one_processing_stage_and_one_recognition(rule):
    # a flashed scene is categorised in 150 ms (Thorpe, Fize & Marlot 1996) through
    # ~10 stages (Thorpe & Fabre-Thorpe 2001): 15 ms a stage
    assert yardsticks.RECOGNITION_MS == 150.0 and yardsticks.STAGE_MS == 15.0
    assert rule.holds == (None, 15.0) and rule.partly == (15.0, 150.0)
    assert "Thorpe" in rule.reason and rule.above


def test_the_same_cost_within_a_factor_of_two():
    rule = yardsticks.SAME_COST
    assert [rule.verdict(r) for r in (0.1, 0.3, 0.5, 1.0, 2.0, 3.0, 6.0)] == [
        "fails",
        "partly",
        "holds",
        "holds",
        "holds",
        "partly",
        "fails",
    ]
    assert rule.direction(0.1) == "spikes cheaper" and rule.direction(6.0) == "spikes dearer"
