"""The one engine: numpy's global random stream survives a seeded simulation."""

import numpy as np
import pytest

from neurosim import stimuli
from neurosim.spiking import LIFParameters, simulate, stdp_experiment
from neurosim.spiking.engine import Engine
from neurosim.units import Hz, ms, mV, nA


def _draws_around(run):
    """Draws from np.random with ``run()`` in the middle, and the same without it."""
    np.random.seed(1234)  # noqa: NPY002  (the global stream is what is tested)
    before = np.random.random(3)  # noqa: NPY002
    run()
    after = np.random.random(3)  # noqa: NPY002
    np.random.seed(1234)  # noqa: NPY002
    untouched = np.random.random(6)  # noqa: NPY002
    return np.concatenate([before, after]), untouched


def test_noisy_simulate_with_a_seed_leaves_the_callers_np_random_stream_unchanged():
    # Brian2's seed() reseeds numpy's global generator and the numpy target draws its
    # noise from it: without the engine's save/restore, `after` would be seed-7 draws.
    def run():
        params = LIFParameters(sigma=3 * mV)
        simulate(params, stimuli.poisson(300 * Hz, weight=0.5 * mV), 20 * ms, seed=7)

    drawn, untouched = _draws_around(run)
    np.testing.assert_array_equal(drawn, untouched)


def test_stdp_experiment_leaves_the_callers_np_random_stream_unchanged():
    drawn, untouched = _draws_around(lambda: stdp_experiment(duration=20 * ms, n_inputs=5))
    np.testing.assert_array_equal(drawn, untouched)


def test_the_seed_still_fixes_the_noise():
    params = LIFParameters(sigma=4 * mV)
    runs = [
        simulate(params, stimuli.constant(0.14 * nA), 200 * ms, trials=3, seed=s) for s in (5, 5, 6)
    ]
    np.testing.assert_array_equal(runs[0].times, runs[1].times)
    assert runs[0].neuron.size > 0
    assert not np.array_equal(runs[0].times, runs[2].times)


def test_builders_refuse_to_work_outside_the_block():
    engine = Engine(dt=0.1 * ms)
    with pytest.raises(RuntimeError, match="inside"):
        engine.neuron_group(1, "dv/dt = -v/(10*ms) : 1", label="g")
