"""The paired-pulse protocol: the summed input, condition by condition, by hand."""

import numpy as np
import pytest

from neurosim.stimuli import paired_pulses
from neurosim.units import ms, nA


def _total(stimuli, t_ms):
    return sum(s.values(np.asarray(t_ms) * 1e-3) for s in stimuli)  # amp


def test_each_condition_gets_pulse_gap_pulse():
    stimuli = paired_pulses(2 * nA, onset=1 * ms, width=1 * ms, gaps=[0.5, 3.0] * ms)
    t = np.arange(0.0, 8.0, 0.1)  # ms
    total = _total(stimuli, t) / 1e-9  # nA
    # by hand: pulse 1 on [1, 2) ms; pulse 2 on [2.5, 3.5) and [5, 6) ms
    on1 = (t >= 1 - 1e-9) & (t < 2 - 1e-9)
    expected = np.array(
        [
            2.0 * (on1 | ((t >= 2.5 - 1e-9) & (t < 3.5 - 1e-9))),
            2.0 * (on1 | ((t >= 5 - 1e-9) & (t < 6 - 1e-9))),
        ]
    )
    np.testing.assert_array_equal(total, expected)


def test_hold_adds_a_step_that_stays_on():
    stimuli = paired_pulses(0.5 * nA, onset=20 * ms, width=200 * ms, gaps=[10.0] * ms, hold=True)
    assert all(s.n == 2 for s in stimuli)
    t = np.array([0.0, 19.9, 20.0, 219.9, 220.0, 229.9, 230.0, 429.9, 430.0, 1000.0])
    total = _total(stimuli, t) / 1e-9
    np.testing.assert_array_equal(total[0], [0, 0, 0.5, 0.5, 0, 0, 0.5, 0.5, 0, 0])
    np.testing.assert_array_equal(total[1], [0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])


@pytest.mark.parametrize(
    ("kwargs", "name", "cls"),
    [
        ({"width": 0 * ms}, "'width'", ValueError),
        ({"gaps": [-1.0] * ms}, "'gaps'", ValueError),
        ({"gaps": [1.0, 2.0]}, "'gaps'", TypeError),
        ({"onset": 1.0}, "'onset'", TypeError),
        ({"amplitude": [1, 2] * nA}, "'amplitude'", ValueError),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name, cls):
    args = {"amplitude": 1 * nA, "onset": 1 * ms, "width": 1 * ms, "gaps": [1.0] * ms}
    args.update(kwargs)
    with pytest.raises(cls, match=name):
        paired_pulses(args.pop("amplitude"), **args)
