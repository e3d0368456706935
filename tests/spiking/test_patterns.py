"""Spike patterns on a grid (neurosim.stimuli.patterns) against hand-worked truths.

Truths: counts and distinct steps by construction; the jitter's SD against the
stated SD (Gaussian, rounded to the grid: variance + 1/12 step^2) within sampling
error; uniform steps against the uniform distribution's mean and SD; delay-line times
worked by hand; Bernoulli-per-step trains against the binomial law; the routing of
patterns to neurons against a loop written here.
"""

import numpy as np
import pytest
from brian2 import Hz, Mohm, ms, mV, second

from neurosim import stimuli


def test_volleys_are_synchronous_and_at_least_the_gap_apart():
    rng = np.random.default_rng(1)
    steps = stimuli.volley_steps(25, 40, 20_000, rng=rng, min_gap_steps=29)
    assert steps.shape == (25, 40)
    assert np.all(steps == steps[0])  # every input fires in every volley
    assert np.diff(steps[0]).min() >= 30  # 3 ms at dt = 0.1 ms
    assert steps.min() >= 0 and steps.max() < 20_000


def test_volley_times_are_uniform_over_the_run():
    # without a gap: n distinct uniform steps; 200 runs of 50 volleys on 0..9999:
    # mean 4999.5, SD 2887; SE of the mean of 10000 draws 29
    rng = np.random.default_rng(2)
    steps = np.concatenate([stimuli.volley_steps(1, 50, 10_000, rng=rng)[0] for _ in range(200)])
    assert abs(steps.mean() - 4999.5) < 4 * 2887 / np.sqrt(steps.size)
    assert abs(steps.std() - 2887) < 4 * 2887 / np.sqrt(2 * steps.size)


def test_volleys_need_room():
    rng = np.random.default_rng(0)
    # 10 volleys 30 steps apart need 10 + 9 * 29 = 271 steps
    assert stimuli.volley_steps(1, 10, 271, rng=rng, min_gap_steps=29)[0, -1] == 270
    with pytest.raises(ValueError, match="'n_steps' parameter of volley_steps"):
        stimuli.volley_steps(1, 10, 270, rng=rng, min_gap_steps=29)
    with pytest.raises(TypeError, match="'rng' parameter of volley_steps"):
        stimuli.volley_steps(1, 10, 1000, rng=0)


def test_jitter_keeps_every_count_and_moves_spikes_by_the_stated_sd():
    rng = np.random.default_rng(2)
    n_steps = 20_000
    sync = stimuli.volley_steps(200, 40, n_steps, rng=rng)
    out = stimuli.jittered_steps(sync, 5 * ms, dt=0.1 * ms, n_steps=n_steps, rng=rng)
    assert out.shape == sync.shape  # each input keeps its 40 spikes
    assert all(np.unique(row).size == 40 for row in out)  # at most one per step
    shift = np.mod(out - sync + n_steps // 2, n_steps) - n_steps // 2  # circular, steps
    # 8000 Gaussian shifts of SD 50 steps (rounded: variance + 1/12): the sample SD has a
    # standard error of 50/sqrt(2 * 8000) = 0.4 steps; 4 standard errors allowed.
    assert abs(shift.std() - np.sqrt(50**2 + 1 / 12)) < 1.6
    assert abs(shift.mean()) < 4 * 50 / np.sqrt(shift.size)


def test_jitter_redraws_spikes_that_collide():
    # 20 spikes of one input in 50 steps, jittered by 3 steps: collisions are nearly
    # certain (98 % of first draws collide), and the redraws must leave 20 distinct steps
    rng = np.random.default_rng(5)
    base = np.sort(rng.choice(50, 20, replace=False))[None, :]
    for _ in range(20):
        out = stimuli.jittered_steps(base, 0.3 * ms, dt=0.1 * ms, n_steps=50, rng=rng)
        assert np.unique(out).size == 20 and out.min() >= 0 and out.max() < 50


def test_zero_jitter_copies_and_draws_nothing():
    rng = np.random.default_rng(3)
    base = stimuli.volley_steps(3, 5, 1000, rng=rng)
    state = rng.bit_generator.state
    out = stimuli.jittered_steps(base, 0 * ms, dt=0.1 * ms, n_steps=1000, rng=rng)
    np.testing.assert_array_equal(out, base)
    assert out is not base and rng.bit_generator.state == state


def test_jitter_refuses_steps_off_the_grid():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="'steps' parameter of jittered_steps"):
        stimuli.jittered_steps([[1, 1000]], 1 * ms, dt=0.1 * ms, n_steps=1000, rng=rng)
    with pytest.raises(TypeError, match="'sd' parameter of jittered_steps"):
        stimuli.jittered_steps([[1, 2]], 1.0, dt=0.1 * ms, n_steps=1000, rng=rng)


def test_shuffled_spikes_are_distinct_uniform_steps():
    rng = np.random.default_rng(3)
    out = stimuli.shuffled_steps(50, 40, 10_000, rng=rng)
    assert out.shape == (50, 40)
    assert all(np.unique(row).size == 40 for row in out)
    # uniform on 0..9999: mean 4999.5, SD 2887; SE of the mean of 2000 draws is 65
    assert abs(out.mean() - 4999.5) < 4 * 2887 / np.sqrt(out.size)
    with pytest.raises(ValueError, match="'n_spikes' parameter of shuffled_steps"):
        stimuli.shuffled_steps(1, 11, 10, rng=rng)


def test_equal_rate_patterns_are_the_ladder_drawn_in_order():
    kwargs = {"realisations": 3, "dt": 0.1 * ms, "min_gap_steps": 29}
    out = stimuli.equal_rate_patterns(
        4, 10, 5000, jitters=[0.0, 2.0] * ms, rng=np.random.default_rng(7), **kwargs
    )
    assert len(out) == 9 and all(b.shape == (4, 10) for b in out)
    assert all(np.all(b == b[0]) for b in out[:3])  # jitter 0: synchronous
    # the same draws, one by one
    rng = np.random.default_rng(7)
    expect = []
    for sd in (0.0, 2.0):
        for _ in range(3):
            sync = stimuli.volley_steps(4, 10, 5000, rng=rng, min_gap_steps=29)
            expect.append(stimuli.jittered_steps(sync, sd * ms, dt=0.1 * ms, n_steps=5000, rng=rng))
    expect += [stimuli.shuffled_steps(4, 10, 5000, rng=rng) for _ in range(3)]
    for a, b in zip(out, expect):
        np.testing.assert_array_equal(a, b)


def test_delay_line_times_by_hand():
    fire, arrive = stimuli.delay_line("preferred", n_inputs=4, delay=2 * ms, start=10 * ms)
    np.testing.assert_allclose(fire[:, 0], [0.016, 0.014, 0.012, 0.010])  # far end first
    np.testing.assert_allclose(arrive[:, 0], [0.016] * 4)  # delays 0, 2, 4, 6 ms: together
    fire, arrive = stimuli.delay_line("reverse", n_inputs=4, delay=2 * ms, start=10 * ms)
    np.testing.assert_allclose(fire[:, 0], [0.010, 0.012, 0.014, 0.016])
    np.testing.assert_allclose(arrive[:, 0], [0.010, 0.014, 0.018, 0.022])  # 4 ms apart


def test_delay_line_repeats_every_period():
    fire, arrive = stimuli.delay_line(
        "reverse", n_inputs=3, delay=1 * ms, start=5 * ms, period=50 * ms, presentations=3
    )
    assert fire.shape == arrive.shape == (3, 3)
    np.testing.assert_allclose(fire[1], [0.006, 0.056, 0.106])
    np.testing.assert_allclose(arrive[2], [0.009, 0.059, 0.109])
    with pytest.raises(ValueError, match="'period' parameter of delay_line"):
        stimuli.delay_line("reverse", n_inputs=3, delay=1 * ms, start=0 * ms, presentations=2)
    with pytest.raises(ValueError, match="'order' parameter of delay_line"):
        stimuli.delay_line("backwards", n_inputs=3, delay=1 * ms, start=0 * ms)


def _frozen(rates, seed=0, **kwargs):
    kwargs = {"duration": 2 * second, "dt": 0.1 * ms, "weight": 1 * mV, **kwargs}
    return stimuli.frozen_poisson(rates, rng=np.random.default_rng(seed), **kwargs)


def test_frozen_poisson_trains_are_bernoulli_per_step():
    rates = np.r_[np.full(5, 720.0), np.full(5, 600.0)] * Hz
    s = _frozen(rates)
    assert isinstance(s, stimuli.SpikePattern) and s.n_inputs == 10 and s.n == 1
    idx, t = s.indices, s.times
    steps = np.round(t / 1e-4).astype(int)
    np.testing.assert_allclose(t, steps * 1e-4, rtol=1e-12)  # on the grid
    assert np.unique(idx * 10**6 + steps).size == idx.size  # one spike per input and step
    counts = np.bincount(idx, minlength=10)
    p = np.r_[np.full(5, 0.072), np.full(5, 0.06)]
    mean = p * 20000  # 1440 and 1200 spikes per input: binomial SE sqrt(n p (1 - p)) ~ 37
    assert np.all(np.abs(counts - mean) < 4 * np.sqrt(mean * (1 - p)))
    # the whole pool: 10 inputs, 13200 spikes expected, binomial SE 111
    assert abs(counts.sum() - mean.sum()) < 4 * np.sqrt((mean * (1 - p)).sum())
    # the same seed, the same draw; another seed, another
    np.testing.assert_array_equal(_frozen(rates).times, t)
    assert not np.array_equal(_frozen(rates, seed=1).times[:50], t[:50])


def test_frozen_poisson_drives_the_targets_it_is_given():
    s = _frozen(
        [500.0, 500.0] * Hz, weight=[1, -1] * mV, targets=np.array([[1, 0, 1], [0, 1, 1]], bool)
    )
    np.testing.assert_allclose(s.weight, [1e-3, -1e-3])
    per_input = np.bincount(s.indices, minlength=2)
    np.testing.assert_array_equal(
        s.input_counts(2.0), [per_input[0], per_input[1], per_input.sum()]
    )
    with pytest.raises(ValueError, match="'rates' parameter of frozen_poisson"):
        _frozen([20000] * Hz, duration=1 * ms)


def test_routed_pattern_sends_each_block_to_its_own_neuron():
    blocks = [np.array([[0, 5], [2, 3]]), np.array([[1, 4, 9]])]
    s = stimuli.routed_pattern(blocks, dt=0.5 * ms, weight=[1.0, 2.5] * mV)
    assert isinstance(s, stimuli.SpikePattern) and s.n == 2 and s.n_inputs == 3
    # by hand: inputs 0, 1 (block 0) drive neuron 0, input 2 (block 1) neuron 1
    np.testing.assert_array_equal(s.mask, [[True, False], [True, False], [False, True]])
    np.testing.assert_allclose(s.weight, [1e-3, 1e-3, 2.5e-3])
    expect = sorted(
        (step * 0.5e-3, k) for k, row in enumerate([[0, 5], [2, 3], [1, 4, 9]]) for step in row
    )
    order = np.lexsort((s.indices, s.times))
    np.testing.assert_allclose(s.times[order], [t for t, _ in expect])
    np.testing.assert_array_equal(s.indices[order], [k for _, k in expect])
    np.testing.assert_array_equal(s.input_counts(1.0), [4, 3])


def test_pattern_batches_join_and_become_one_runs_stimuli():
    a = stimuli.pattern_batch([[[0, 3]], [[1, 2]]], dt=0.1 * ms, weight=1 * mV)
    b = stimuli.pattern_batch([[[5]]], dt=0.1 * ms, weight=2 * mV, drive=[4] * mV)
    both = a + b
    assert both.n == 3 and both.dt == pytest.approx(1e-4)
    np.testing.assert_allclose(both.weight, [1e-3, 1e-3, 2e-3])
    np.testing.assert_allclose(both.drive, [0, 0, 4e-3])
    spikes, current = both.stimuli(100 * Mohm)
    assert spikes.n == 3 and current.n == 3
    np.testing.assert_allclose(spikes.input_counts(1.0), [2, 2, 1])
    # drive 4 mV over R = 100 MOhm: 40 pA
    np.testing.assert_allclose(current.amplitudes, [0, 0, 4e-11], rtol=1e-12, atol=1e-24)
    with pytest.raises(ValueError, match="'other' parameter of PatternBatch"):
        a + stimuli.pattern_batch([[[1]]], dt=0.2 * ms, weight=1 * mV)
    with pytest.raises(ValueError, match="'drive' parameter of pattern_batch"):
        stimuli.pattern_batch([[[1]]], dt=0.1 * ms, weight=1 * mV, drive=[1, 2] * mV)


def test_a_batch_reaches_each_neuron_through_the_engine():
    # three conditions, each its own neuron: every input spike arrives (Brian2's count),
    # and a 20 mV volley fires the neuron with no added drive once per volley
    from neurosim.spiking import LIFParameters, simulate

    volleys = stimuli.volley_steps(20, 5, 2000, rng=np.random.default_rng(0), min_gap_steps=29)
    batch = stimuli.pattern_batch(
        [volleys, volleys[:5], np.array([[100, 900]])], dt=0.1 * ms, weight=[1, 1, 2] * mV
    )
    batch = batch + stimuli.pattern_batch(
        [np.array([[10]])], dt=0.1 * ms, weight=0 * mV, drive=[20] * mV
    )
    spikes, current = batch.stimuli(LIFParameters().R)
    result = simulate(LIFParameters(), [spikes, current], 200 * ms)
    np.testing.assert_array_equal(result.input_counts[:, 0], [100, 25, 2, 1])
    # 20 x 1 mV volleys cross the 15 mV to threshold; 5 x 1 mV and 2 mV jumps do not;
    # a constant 20 mV drive fires at 27.7 ms (20 ms ln(20 / 5)), then every 29.7 ms
    # (2 ms refractory): 6 spikes before 200 ms, the next at 205.9 ms
    assert result.counts[0, 0] == 5 and result.counts[1, 0] == 0 and result.counts[2, 0] == 0
    assert result.counts[3, 0] == 6


def test_bad_batches_are_named():
    with pytest.raises(ValueError, match="'weight' parameter of PatternBatch"):
        stimuli.PatternBatch(([[1, 2]],), np.zeros(2), np.zeros(1), 1e-4)
    with pytest.raises(ValueError, match="'dt' parameter of PatternBatch"):
        stimuli.PatternBatch(([[1, 2]],), np.zeros(1), np.zeros(1), 0.0)
    with pytest.raises(ValueError, match=r"'blocks\[0\]' parameter of PatternBatch"):
        stimuli.PatternBatch(([[1.5]],), np.zeros(1), np.zeros(1), 1e-4)
    with pytest.raises(ValueError, match="'blocks' parameter of routed_pattern"):
        stimuli.routed_pattern([np.zeros((2, 0))], dt=0.1 * ms, weight=1 * mV)


def test_connections_describe_the_same_pattern_as_a_mask():
    # inputs 0, 1, 2 -> neurons: 0 -> {0, 2}, 1 -> {}, 2 -> {1}; given as a boolean mask
    # and as (input, neuron) pairs in another order: the same pattern
    mask = np.array([[True, False, True], [False, False, False], [False, True, False]])
    idx, times = np.array([0, 2, 0, 1]), np.array([1.0, 2.0, 3.0, 4.0]) * ms
    a = stimuli.spike_pattern(idx, times, n_inputs=3, weight=1 * mV, targets=mask)
    b = stimuli.spike_pattern(
        idx, times, n_inputs=3, weight=1 * mV, targets=np.array([[2, 0, 0], [1, 2, 0]])
    )
    np.testing.assert_array_equal(b.mask, mask)
    for s in (a, b):
        inputs, neurons = s.targets
        np.testing.assert_array_equal(inputs, [0, 0, 2])  # sorted by input, then neuron
        np.testing.assert_array_equal(neurons, [0, 2, 1])
        # by hand: neuron 0 gets input 0's two spikes, neuron 1 input 2's one, neuron 2
        # input 0's two; input 1 drives nobody. Before 2.5 ms: one, one, one
        np.testing.assert_array_equal(s.input_counts(1.0), [2, 1, 2])
        np.testing.assert_array_equal(s.input_counts(2.5e-3), [1, 1, 1])
        t = np.arange(5) * 1e-3  # 1 ms bins from 0: the spikes per neuron per bin
        expect = np.zeros((3, 5))
        expect[0, [1, 3]] = expect[2, [1, 3]] = expect[1, 2] = 1
        np.testing.assert_array_equal(s.values(t), expect)


@pytest.mark.parametrize(
    ("targets", "match"),
    [
        (np.array([[0, 0], [1, 1]]), "each connection once"),
        (np.array([[0, 3], [0, 1]]), "connections from inputs 0..2"),
        (np.array([[0, 1], [-1, 1]]), "connections from inputs 0..2"),
    ],
)
def test_bad_connections_are_named(targets, match):
    with pytest.raises(ValueError, match=f"'targets' parameter of spike_pattern.*{match}"):
        stimuli.spike_pattern(
            np.array([0]), np.array([1.0]) * ms, n_inputs=3, weight=1 * mV, targets=targets
        )


def test_a_batch_keeps_only_the_conditions_asked_for():
    batch = stimuli.pattern_batch(
        [[[0, 3]], [[1, 2], [4, 5]], [[7]]],
        dt=0.1 * ms,
        weight=[1, 2, 3] * mV,
        drive=[0, 1, 2] * mV,
    )
    two = batch.only([2, 0])
    assert two.n == 2
    np.testing.assert_array_equal(two.blocks[0], [[7]])
    np.testing.assert_array_equal(two.blocks[1], [[0, 3]])
    np.testing.assert_allclose(two.weight, [3e-3, 1e-3])
    np.testing.assert_allclose(two.drive, [2e-3, 0.0])
    with pytest.raises(ValueError, match="'conditions' parameter of PatternBatch.only"):
        batch.only([3])
