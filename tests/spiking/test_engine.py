"""The one engine: numpy's global random stream survives a seeded simulation."""

import importlib

import numpy as np
import pytest

from neurosim import stimuli
from neurosim.spiking import LIFParameters, shared_source_trains, simulate, stdp_experiment
from neurosim.spiking.engine import Engine, check_steps
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


def test_a_run_leaves_the_garbage_collector_as_it_found_it():
    # Brian2's Network.run calls gc.collect(); the engine freezes the heap for its block
    # so that the collection does not walk every object of the session. Afterwards
    # nothing may stay frozen (frozen objects are never collected), and a caller's own
    # freeze (gc.freeze before a fork) must survive the run untouched.
    import gc

    def run():
        simulate(LIFParameters(), stimuli.constant(0.2 * nA), 5 * ms, seed=1)

    try:
        run()
        assert gc.get_freeze_count() == 0
        gc.freeze()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        run()
        # still frozen (a frozen object that dies leaves the count, so not ==)
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()


def test_the_run_does_not_walk_the_callers_heap(monkeypatch):
    # what the freeze is for: the objects alive before the run are not in the young
    # generations gc.collect() walks while the network runs
    import gc

    seen = []
    real = gc.collect

    def counting_collect(*args):
        seen.append(gc.get_freeze_count())
        return real(*args)

    monkeypatch.setattr(gc, "collect", counting_collect)
    simulate(LIFParameters(), stimuli.constant(0.2 * nA), 5 * ms, seed=1)
    assert seen, "Brian2's run no longer calls gc.collect(): the freeze can go"
    assert all(count > 0 for count in seen)


def test_builders_refuse_to_work_outside_the_block():
    engine = Engine(dt=0.1 * ms)
    with pytest.raises(RuntimeError, match="inside"):
        engine.neuron_group(1, "dv/dt = -v/(10*ms) : 1", label="g")


# -- whole numbers of time steps: one check, the engine's --------------------------------
@pytest.mark.parametrize(
    ("value", "cls"),
    [(10.05 * ms, ValueError), (0 * ms, ValueError), (-1 * ms, ValueError), (10, TypeError)],
)
def test_check_steps_names_the_parameter_it_was_given(value, cls):
    with pytest.raises(cls, match="'window' parameter of owner"):
        check_steps(value, 0.1 * ms, "owner", "window")


def test_check_steps_counts_steps_and_forgives_rounding():
    assert check_steps(10 * ms, 0.1 * ms, "owner") == 100
    assert check_steps(0.3 * ms, 0.1 * ms, "owner") == 3  # 0.3 / 0.1 = 2.9999999999999996
    with pytest.raises(ValueError, match=r"Use e\.g\. 10\.1\*ms"):
        check_steps(10.05 * ms + 0.0001 * ms, 0.1 * ms, "owner")


def test_every_whole_step_check_of_the_spiking_side_is_the_engines():
    # the rule and its message are written once; other modules call check_steps
    from pathlib import Path

    import neurosim.spiking

    root = Path(neurosim.spiking.__file__).parent
    writers = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        if "a whole number of time steps" in p.read_text(encoding="utf-8")
    )
    assert writers == ["engine.py"]


@pytest.mark.parametrize(
    "call",
    [
        lambda: simulate(LIFParameters(), stimuli.constant(0.2 * nA), 10.05 * ms),
        lambda: shared_source_trains(3, 10 * Hz, 10.05 * ms),
    ],
    ids=["simulate", "shared_source_trains"],
)
def test_simulate_and_the_trains_refuse_a_fraction_of_a_step(call):
    with pytest.raises(ValueError, match="'duration' parameter.*whole number of time steps"):
        call()


def test_an_engines_block_frees_its_garbage_walking_only_what_it_made(monkeypatch):
    # Brian2's objects hold each other in cycles: only a garbage collection frees a
    # network. The engine freezes the heap when its block begins and collects when it
    # ends: what the block made and dropped (here a cycle of our own, as Brian2's are)
    # is freed as the block ends, and every collection, Brian2's at the run's start and
    # the engine's, walks only the block's objects (the heap is frozen while it runs).
    # Control: the same block with the engine's collection left out keeps the cycle
    import gc
    import weakref

    module = importlib.import_module("neurosim.spiking.heap")
    real = gc.collect
    frozen_during = []

    class Node:
        pass

    def collect(*args):
        frozen_during.append(gc.get_freeze_count())
        return real(*args)

    def block():
        with Engine(dt=0.1 * ms, seed=0, name="test_gc") as engine:
            engine.neuron_group(3, "dv/dt = -v / (10*ms) : 1", label="g")
            engine.run(0.8 * ms)
            cycle = Node()
            cycle.me = cycle
            ref = weakref.ref(cycle)
            del cycle  # dropped inside the block, as the engine drops its network
        return ref

    real()
    gc.disable()  # no automatic collection between the block and the checks
    try:
        for measure in ("blocks", "resident"):  # no whole walk here
            monkeypatch.setitem(module._after_last_full, measure, 10**15)
        monkeypatch.setattr(gc, "collect", collect)
        assert block()() is None
        assert len(frozen_during) == 2 and all(count > 0 for count in frozen_during)
        assert gc.get_freeze_count() == 0
        monkeypatch.setattr(module.gc, "collect", lambda *args: 0)  # the control
        kept = block()
        monkeypatch.undo()
        assert kept() is not None
        real()
        assert kept() is None
    finally:
        gc.enable()


def test_a_spike_generator_holds_its_steps_as_the_clock_does_and_keeps_its_spikes():
    # Brian2 2.9 stores a generator's steps as int32; its numpy target looks up each
    # step's spikes with searchsorted of the clock's int64 step, which converts every spike
    # still to come at every step. The engine stores them as int64 (same values)
    times = np.array([0.0, 0.3, 0.3, 1.7, 1.75, 5.0]) * ms
    with Engine(dt=0.1 * ms, seed=0, name="gen") as engine:
        generator = engine.spike_generator(3, [0, 1, 2, 0, 2, 1], times, label="inputs")
        monitor = engine.spike_monitor(generator, label="spikes")
        engine.run(6 * ms)
        steps = generator.variables["_timebins"].get_value()
        t, i = engine.spikes(monitor)
    assert steps.dtype == np.int64
    # by hand: each spike in its own step (1.75 ms in step 17, as Brian2 bins it)
    np.testing.assert_array_equal(steps, [0, 3, 3, 17, 17, 50])
    np.testing.assert_allclose(t, [0.0, 0.3e-3, 0.3e-3, 1.7e-3, 1.7e-3, 5.0e-3], atol=1e-12)
    np.testing.assert_array_equal(i, [0, 1, 2, 0, 2, 1])


def test_a_large_networks_block_ends_with_a_whole_walk(monkeypatch):
    # a network is sometimes still reached by an object made before its block (a cycle
    # through it), which only a whole walk frees: ten seeds of cost_of_spikes in one
    # process kept two networks at once without it. A block whose network reaches
    # COLLECT_ELEMENTS ends with one; its size by hand: 30 neurons, 30 synapses and 8
    # samples of 3 recorded neurons are 84 elements
    import gc

    heap = importlib.import_module("neurosim.spiking.heap")
    engine_module = importlib.import_module("neurosim.spiking.engine")
    real = gc.collect
    whole = []

    def collect(*args):
        if gc.get_freeze_count() == 0:  # nothing frozen: the whole heap is walked
            whole.append(args)
        return real(*args)

    monkeypatch.setattr(gc, "collect", collect)
    for measure in ("blocks", "resident"):  # no walk for growth here
        monkeypatch.setitem(heap._after_last_full, measure, 10**15)
    sizes = []
    for limit in (10**6, 84, 85):
        monkeypatch.setattr(engine_module, "COLLECT_ELEMENTS", limit)
        with Engine(dt=0.1 * ms, seed=0, name="test_gc") as engine:
            group = engine.neuron_group(
                30, "dv/dt = -v / (10*ms) : 1", label="g", threshold="v > 1", reset="v = 0"
            )
            synapses = engine.synapses(group, group, model="w : 1", on_pre="v += w", label="s")
            synapses.connect(j="i")
            engine.state_monitor(group, ["v"], label="m", record=[0, 1, 2])
            engine.run(8 * 0.1 * ms)
            sizes.append(heap._elements(engine._network))
        del group, synapses
    assert sizes == [30 + 30 + 8 * 3] * 3
    assert len(whole) == 1  # only where the network reached its limit (84 >= 84)


def test_the_whole_heap_is_walked_when_it_has_grown_by_a_quarter(monkeypatch):
    # the engine's walks (frozen heap) restart the count Python waits for before its own
    # whole-heap collection, so garbage made outside the blocks would pile up in the
    # oldest generation; the engine walks the whole heap when the interpreter's blocks
    # or the resident memory have grown by FULL_GROWTH since its last whole walk (by
    # hand: 1000 -> 1250 is not more than a quarter, 1251 is)
    module = importlib.import_module("neurosim.spiking.heap")
    blocks = iter([1000, 1000, 1250, 1251, 1251, 1300, 1300, 1300, 1300])
    resident = iter([500, 500, 500, 500, 500, 600, 626, 626, 626])
    walks = []

    class FakeSys:
        @staticmethod
        def getallocatedblocks():
            return next(blocks)

    class CountingGC:
        def __getattr__(self, name):
            return getattr(importlib.import_module("gc"), name)

        def collect(self, *args):
            walks.append(args)
            return 0

    monkeypatch.setattr(module, "sys", FakeSys)
    monkeypatch.setattr(module, "_resident", lambda: next(resident))
    monkeypatch.setattr(module, "gc", CountingGC())
    monkeypatch.setitem(module._after_last_full, "blocks", 700)
    monkeypatch.setitem(module._after_last_full, "resident", 500)
    # blocks 1000 > 1.25 * 700: a walk; the bases are now 1000 blocks, 500 pages
    assert module._whole_walk_when_grown() is True
    assert module._whole_walk_when_grown() is False  # 1250 <= 1.25 * 1000, 500 pages
    assert module._whole_walk_when_grown() is True  # 1251 blocks; bases 1251, 500
    assert module._whole_walk_when_grown() is False  # 1300 blocks, 600 <= 1.25 * 500
    assert module._whole_walk_when_grown() is True  # 626 pages > 625
    assert len(walks) == 3
