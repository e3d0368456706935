"""Seeds as a batch: every seed's result from one shared run is its own run's, bit for bit.

The reference is ``simulate(...)`` run alone with that seed (the path every other test
checks against closed forms and a plain numpy re-simulation); a batch that drew one
random number differently would move a spike or a voltage sample and fail here.
"""

import dataclasses

import numpy as np
import pytest

from neurosim.spiking import LIFParameters, simulate
from neurosim.spiking.batch import Simulation, seeds_as_batch, simulate_all
from neurosim.spiking.engine import Engine
from neurosim.stimuli import constant, noisy_current, poisson, spike_pattern
from neurosim.units import Hz, ms, mV, nA, second

SEEDS = (0, 3, 11)
NOISY = LIFParameters(sigma=3 * mV)


def _same(a, b):
    assert a.shape == b.shape
    np.testing.assert_array_equal(np.asarray(a.times), np.asarray(b.times))
    np.testing.assert_array_equal(a.neuron, b.neuron)
    assert a.neuron.dtype == b.neuron.dtype
    for name in ("input_counts", "t", "v", "I"):
        x, y = getattr(a, name), getattr(b, name)
        assert (x is None) == (y is None), name
        if x is not None:
            np.testing.assert_array_equal(np.asarray(x), np.asarray(y), err_msg=name)


def _check(requests):
    batched = simulate_all(requests)
    alone = [r.run() for r in requests]
    for a, b in zip(batched, alone, strict=True):
        _same(a, b)
    return batched


def test_noise_and_constant_currents_per_seed_as_alone():
    stim = constant(np.array([0.15, 0.3]) * nA)
    reqs = [Simulation(NOISY, stim, 200 * ms, trials=2, record_v=True, seed=s) for s in SEEDS]
    out = _check(reqs)
    # the seeds' noise is independent: their spike trains differ
    assert not np.array_equal(np.asarray(out[0].times), np.asarray(out[1].times))


def test_poisson_inputs_and_spike_patterns_per_seed_as_alone():
    rng = np.random.default_rng(5)
    reqs = []
    for s in SEEDS:
        idx = rng.integers(0, 4, 30)
        times = np.sort(rng.choice(np.arange(1, 1500), 30, replace=False)) * 0.1 * ms
        pattern = spike_pattern(
            idx, times, n_inputs=4, weight=2 * mV, targets=np.array([0, 1, 0, 1])
        )
        drive = poisson(np.array([200.0, 400.0]) * Hz, n_inputs=5, weight=1.5 * mV)
        reqs.append(Simulation(NOISY, [pattern, drive], 150 * ms, trials=3, seed=s))
    out = _check(reqs)
    assert all(r.input_counts.sum() > 0 for r in out)


def test_time_varying_currents_of_each_seed_as_alone():
    reqs = [
        Simulation(
            NOISY,
            noisy_current(0.25 * nA, 0.1 * nA, tau=5 * ms, seed=s),
            100 * ms,
            record_v=True,
            seed=s,
        )
        for s in SEEDS
    ]
    _check(reqs)


def test_requests_that_cannot_share_a_run_still_get_their_own_results():
    reqs = [
        Simulation(NOISY, constant(0.3 * nA), 100 * ms, seed=1),
        Simulation(LIFParameters(), constant(0.3 * nA), 100 * ms, seed=1),  # another model
        Simulation(NOISY, constant(0.3 * nA), 50 * ms, seed=2),  # another duration
        Simulation(NOISY, constant(np.array([0.3, 0.4]) * nA), 100 * ms, seed=4),  # another n
    ]
    _check(reqs)


def test_the_batch_is_one_run(calls_to):
    import neurosim.spiking.batch as batch

    runs = calls_to(batch, "_simulate")
    reqs = [Simulation(NOISY, constant(0.3 * nA), 50 * ms, seed=s) for s in SEEDS]
    simulate_all(reqs)
    assert len(runs) == 1


def test_seeds_as_batch_drives_rounds_of_requests():
    def steps(*, quick=False, seed=0, scale=1.0):
        first = yield Simulation(NOISY, constant(0.3 * nA * scale), 60 * ms, seed=seed)
        second_ = yield Simulation(NOISY, constant(0.2 * nA), 40 * ms, trials=2, seed=seed + 1)
        return (first.neuron.size, second_.counts.tolist(), quick)

    run = seeds_as_batch(steps)
    assert run.run_seeds(SEEDS, quick=True, scale=1.2) == [
        run(quick=True, seed=s, scale=1.2) for s in SEEDS
    ]


def test_run_many_gives_each_call_with_its_own_parameters_what_it_gives_alone(calls_to):
    import neurosim.spiking.batch as batch

    def steps(*, quick=False, seed=0, tau=10.0, duration=60.0):
        # tau per neuron (a sweep's value as neurons), the duration a scalar of the run
        neuron = dataclasses.replace(NOISY, tau_m=np.full(2, tau) * ms)
        result = yield Simulation(neuron, constant(0.3 * nA), duration * ms, seed=seed)
        return result.times.tolist(), result.neuron.tolist()

    run = seeds_as_batch(steps)
    calls = [(0, {"tau": 10.0}), (1, {"tau": 20.0}), (2, {"tau": 5.0, "duration": 40.0})]
    shared, alone = calls_to(batch, "_simulate"), calls_to(batch, "simulate")
    many = run.run_many(calls)
    # the first two share a run; another duration runs alone
    assert (len(shared), len(alone)) == (1, 1)
    assert many == [run(seed=s, **p) for s, p in calls]
    assert many[0] != many[1]


def test_a_random_term_that_does_not_split_into_the_seeds_blocks_is_refused():
    with Engine(dt=0.1 * ms, streams=(1, 2), name="odd") as engine:
        group = engine.neuron_group(
            3, "dv/dt = -v/(10*ms) + xi/sqrt(ms) : 1", label="g", method="euler"
        )
        assert group is not None
        with pytest.raises(RuntimeError, match="cannot be split into 2 seeds' blocks"):
            engine.run(1 * ms)


def test_streams_need_the_numpy_target():
    with pytest.raises(ValueError, match="'streams' parameter .* numpy target"):
        Engine(dt=0.1 * ms, streams=(1, 2), target="cython")


def test_a_batch_leaves_numpys_global_generator_as_it_was():
    np.random.seed(123)  # noqa: NPY002
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    simulate_all([Simulation(NOISY, constant(0.3 * nA), 20 * ms, seed=s) for s in SEEDS])
    assert np.array_equal(np.random.get_state()[1], before)  # noqa: NPY002
    assert np.random.randn is not None and "Streams" not in repr(np.random.randn)


def test_simulate_alone_is_unchanged_by_the_batch_machinery():
    a = simulate(NOISY, constant(0.3 * nA), 0.1 * second, seed=7)
    b = Simulation(NOISY, constant(0.3 * nA), 0.1 * second, seed=7).run()
    _same(a, b)


def test_per_condition_parameters_per_seed_as_alone():
    model = LIFParameters(sigma=np.array([0.0, 3.0, 5.0]) * mV)
    stim = poisson(300 * Hz, n_inputs=4, weight=1 * mV)
    reqs = [Simulation(model, stim, 100 * ms, trials=2, record_v=True, seed=s) for s in SEEDS]
    _check(reqs)


def test_a_step_that_yields_no_request_is_a_clear_error():
    def steps(*, quick=False, seed=0):
        yield {"not": "a request"}

    with pytest.raises(TypeError, match="must yield requests with a run_batch"):
        seeds_as_batch(steps).run_seeds([0, 1])
