"""The engine's TimedArray lookup reads the step Brian2's own lookup reads.

Two references: times worked by hand on Brian2's grid rule (``neurosim.spiking.lookup``
names it), and Brian2's own numpy implementation, kept aside before the engine's
replaces it and called on the same times.
"""

import numpy as np
import pytest

import neurosim.units  # noqa: F401  (before brian2: restores the hooks its import replaces)
from neurosim.spiking.engine import Engine
from neurosim.spiking.lookup import fast_numpy_lookup, step_of

import brian2  # isort: skip


class _Owner:
    """What a dynamic implementation reads of the group that runs it: its clock's dt."""

    def __init__(self, dt: float):
        self.clock = type("Clock", (), {"dt_": dt})()


# (array dt, group dt, t, step), all in ms, worked by hand:
# same dt: K = 2**ceil(log2(8)) = 8, epsilon = dt / 8
#   0.395 ms / 0.0125 ms = 31.6 -> 32 -> 32 / 8 = 4.0 -> step 4 (rounds up to the next step)
#   0.36 ms -> 28.8 -> 29 -> 3.625 -> step 3;   0.35 ms -> 28 -> 3.5 -> step 3 (truncated)
#   3 * 0.1 ms is 0.30000000000000004 ms in doubles -> 24.000000000000004 -> 24 -> step 3
# array dt 1 ms, group dt 0.1 ms: K = 2**ceil(log2(80)) = 128, epsilon = 1/128 ms
#   2.99 ms -> 382.72 -> 383 -> 2.992 -> step 2;   2.997 ms -> 383.616 -> 384 -> step 3
# half a grid point: 0.0125 * 2.5 ms -> 2.5 -> 2 (halves to even) -> step 0. Rounding the
#   half up (3) reads the same step: a step changes at a multiple of K, never an odd number
HAND = [
    (0.1, 0.1, 0.0, 0),
    (0.1, 0.1, 0.395, 4),
    (0.1, 0.1, 0.36, 3),
    (0.1, 0.1, 0.35, 3),
    (0.1, 0.1, 3 * 0.1, 3),
    (1.0, 0.1, 2.99, 2),
    (1.0, 0.1, 2.997, 3),
    (0.1, 0.1, 0.0125 * 2.5, 0),
    (0.1, 0.1, -0.2, 0),  # before the array: its first value
    (0.1, 0.1, 50.0, 9),  # after it: its last value (10 values)
]


@pytest.mark.parametrize("array_dt, group_dt, t, step", HAND)
def test_the_step_a_time_reads_worked_by_hand(array_dt, group_dt, t, step):
    k = max(int(2 ** np.ceil(np.log2(8 * array_dt / group_dt))), 1)
    assert k == (8 if array_dt == group_dt else 128)
    assert step_of(t * 1e-3, array_dt * 1e-3 / k, k, 10) == step


def _brian2_and_ours(values, array_dt, group_dt):
    """Brian2's numpy lookup (kept before replacing it) and the engine's, for one group."""
    timed = brian2.TimedArray(values, dt=array_dt * brian2.second)
    theirs = timed.implementations._implementations["numpy"].get_code(_Owner(group_dt))
    fast_numpy_lookup(timed, brian2.get_unit(timed.dim))
    ours = timed.implementations._implementations["numpy"].get_code(_Owner(group_dt))
    assert ours is not theirs
    return theirs, ours


@pytest.mark.parametrize("array_dt, group_dt", [(1e-4, 1e-4), (1e-3, 1e-4), (2.5e-4, 1e-4)])
def test_every_time_reads_what_brian2_reads(array_dt, group_dt):
    rng = np.random.default_rng(3)
    values = rng.normal(size=40)
    theirs, ours = _brian2_and_ours(values, array_dt, group_dt)
    steps = np.arange(-5, 60 * round(array_dt / group_dt))
    # the clock's times, times between them, and half points of the upsampled grid
    times = np.concatenate(
        [
            steps * group_dt,
            rng.uniform(-1e-3, 45 * array_dt, 2000),
            (np.arange(-40, 400) + 0.5) * array_dt / 8,
        ]
    )
    for t in times:
        got, want = ours(np.float64(t)), theirs(np.float64(t))
        assert type(got) is type(want)
        assert got == want, t
    np.testing.assert_array_equal(ours(times), theirs(times))  # an array of times too


def test_two_dimensional_arrays_read_each_column():
    values = np.arange(30.0).reshape(10, 3)  # 10 steps, 3 columns
    theirs, ours = _brian2_and_ours(values, 1e-4, 1e-4)
    columns = np.array([2, 0, 1, 1])
    for t in np.arange(-3, 14) * 1e-4:
        np.testing.assert_array_equal(ours(t, columns), theirs(t, columns))
    np.testing.assert_array_equal(ours(0.4e-3, columns), [14.0, 12.0, 13.0, 13.0])  # row 4


def test_a_run_reads_the_array_step_by_step():
    # a neuron whose current is the array: its recorded input, step by step, is the
    # array itself (the clock's step k reads value k)
    values = np.linspace(0.0, 1.0, 25) ** 2
    with Engine(dt=0.1 * brian2.ms, seed=0, name="lookup") as engine:
        name = engine.timed_array(values * brian2.nA, label="drive")
        group = engine.neuron_group(1, f"I = {name}(t) : amp", label="cell")
        monitor = engine.state_monitor(group, "I", label="input")
        engine.run(2.5 * brian2.ms)
        recorded = engine.states(monitor, "I")
    np.testing.assert_allclose(np.ravel(recorded), values * 1e-9, rtol=0, atol=1e-24)
