"""neurosim.spiking.summation: the input trains, the summation test's wiring and measures.

References written here: by-hand wiring and counts, a least-squares slope worked out by
hand, and the membrane's fixed point found by plain Euler steps.
"""

import numpy as np
import pytest

from neurosim.spiking import LIFParameters
from neurosim.spiking.summation import (
    SpikeTrains,
    all_together,
    alone_and_together,
    mean_conductances,
    poisson_fibres,
    shunted_depolarisation,
    simulate_summation,
    summation_design,
    summation_gain,
)
from neurosim.units import amp, ms, mV, second


def test_poisson_fibres_have_the_asked_rates_on_the_time_grid():
    rates = np.array([0.0, 10.0, 40.0, 100.0])
    trains = poisson_fibres(np.repeat(rates, 200), 1 * second, 0.1 * ms, np.random.default_rng(0))
    counts = trains.counts().reshape(4, 200)
    # 200 fibres x 1 s: the mean count's standard error is sqrt(rate / 200); 4 of them
    # (a duplicate in a step, rate x dt <= 1 %, loses under 1 % of the spikes)
    assert np.all(np.abs(counts.mean(1) - rates) <= 4 * np.sqrt(rates / 200) + 1e-12)
    # Poisson counts: variance = mean (Fano 1) within sampling (200 samples: +-20 %)
    assert counts[3].var() / counts[3].mean() == pytest.approx(1.0, abs=0.25)
    steps = trains.times / 1e-4
    np.testing.assert_allclose(steps, np.round(steps), atol=1e-6)
    assert np.all(np.diff(trains.times) >= 0)


def test_reversal_potentials_must_bracket_rest():
    trains = poisson_fibres(np.array([10.0]), 100 * ms, 0.1 * ms, np.random.default_rng(0))
    conn = {"conductance": ([0], [0], np.array([1e-14]) * amp * second)}
    with pytest.raises(ValueError, match="E_exc"):
        simulate_summation(
            trains,
            conn,
            1,
            neuron=LIFParameters(),
            tau_syn=5 * ms,
            E_exc=-70 * mV,
            E_inh=-80 * mV,
            duration=100 * ms,
            t_start=10 * ms,
        )


def test_alone_and_together_wires_each_input_alone_and_all_together():
    # 2 patterns, 2 inputs, 3 fibres: sources numbered pattern-major, input, fibre
    sources = np.arange(12).reshape(2, 2, 3)
    charge = np.array([1e-12, -2e-12])
    i, j, q = alone_and_together(sources, charge, first_target=10)
    # pattern 0: input 0 alone -> 10, together -> 12; input 1 alone -> 11, together -> 12
    # pattern 1: the same shifted by 3 targets (2 inputs + 1)
    expected_j = [10] * 3 + [12] * 3 + [11] * 3 + [12] * 3 + [13] * 3 + [15] * 3 + [14] * 3
    expected_j += [15] * 3
    np.testing.assert_array_equal(j, expected_j)
    np.testing.assert_array_equal(i[:6], [0, 1, 2, 0, 1, 2])  # the same fibres alone and together
    np.testing.assert_array_equal(i[6:12], [3, 4, 5, 3, 4, 5])
    np.testing.assert_array_equal(q[:6], 1e-12)
    np.testing.assert_array_equal(q[6:12], -2e-12)
    # every sample's inputs converge on one target
    i, j, q = all_together(sources, charge, first_target=7)
    np.testing.assert_array_equal(j, [7] * 6 + [8] * 6)
    np.testing.assert_array_equal(i, np.arange(12))
    np.testing.assert_array_equal(q, np.tile(np.repeat(charge, 3), 2))


def test_summation_design_orders_the_targets():
    patterns = np.arange(12).reshape(2, 2, 3)
    samples = 12 + np.arange(6).reshape(1, 2, 3)
    design = summation_design(patterns, samples, np.array([1e-12, 1e-12]))
    # 2 kinds x 2 patterns x (2 alone + together) = 12 held targets, then 1 firing
    assert design.first_firing == 12 and design.n_targets == 13
    np.testing.assert_array_equal(design.can_fire, [False] * 12 + [True])
    _, j, q = design.connections["current"]
    assert set(j) == set(range(6)) | {12}
    assert set(design.connections["conductance"][1]) == set(range(6, 12))
    assert float(q[0] / (amp * second)) == pytest.approx(1e-12)


def test_summation_gain_by_hand():
    # together = 0.8 x sum of alone exactly: slope 0.8; least squares through the origin
    # of (1, 2), (2, 3): (1 + 6) / (1 + 4) = 1.4
    assert summation_gain([0.8, 1.6, 2.4], [1.0, 2.0, 3.0]) == pytest.approx(0.8)
    assert summation_gain([1.0, 3.0], [1.0, 2.0]) == pytest.approx(1.4)
    assert np.isnan(summation_gain([1.0, 2.0], [0.0, 0.0]))


def test_shunted_depolarisation_is_the_steady_state_of_the_membrane():
    # integrate C dv/dt = -g_L v + sum g_i (D_i - v) (v = V - E_L; nS, mV, C = 1) to its
    # fixed point with plain Euler steps, and compare with the closed form
    g_L, g, drive = 10.0, np.array([5.0, 2.0]), np.array([65.0, -15.0])
    v = 0.0
    for _ in range(20000):  # dt 1e-3: time 20, 340 time constants of 1 / 17
        v += 1e-3 * (-g_L * v + np.sum(g * (drive - v)))
    assert shunted_depolarisation(g, drive, g_L) == pytest.approx(v, rel=1e-9)
    # one input alone: g D / (g_L + g); the last axis sums the inputs
    alone = shunted_depolarisation(g[:, None], drive[:, None], g_L)
    np.testing.assert_allclose(alone, g * drive / (g_L + g))
    with pytest.raises(ValueError, match="'g'"):
        shunted_depolarisation(-g, drive, g_L)


def test_mean_conductances_by_hand():
    trains = SpikeTrains(3, np.array([0, 0, 1, 2, 2, 2]), np.array([0.05, 0.2, 0.3, 0.1, 0.4, 0.9]))
    # window [0.1, 0.6): source 0: 1 spike, 1: 1, 2: 2 (0.1 counts, 0.9 is outside)
    # input 0 = sources (0, 1): 2 spikes; input 1 = source 2 (padded with itself): 2 spikes
    sources = np.array([[0, 1], [2, 2]])
    charge = np.array([2e-12, -3e-12])
    g = mean_conductances(trains, sources, charge, np.array([65.0, -15.0]), t_start=0.1, window=0.5)
    # |q| / |drive| per spike, per second of window: 2e-12 / 0.065 x 2 / 0.5 and
    # 3e-12 / 0.015 x (2 + 2) / 0.5
    np.testing.assert_allclose(g, [2e-12 / 0.065 * 2 / 0.5, 3e-12 / 0.015 * 4 / 0.5])


def _request(seed, n_fibres=20, n_targets=3, duration=60 * ms, record=(0,)):
    """A small summation run: fibres of one seed onto targets by both kinds of synapse."""
    from neurosim.spiking import Summation

    rng = np.random.default_rng(seed)
    trains = poisson_fibres(np.full(n_fibres, 80.0), duration, 0.1 * ms, rng)
    i = rng.integers(0, n_fibres, size=40)
    j = rng.integers(0, n_targets, size=40)
    q = rng.normal(0.0, 2e-12, size=40) * amp * second
    connections = {"current": (i[:20], j[:20], q[:20]), "conductance": (i[20:], j[20:], q[20:])}
    return Summation(
        trains,
        connections,
        n_targets,
        neuron=LIFParameters(),
        tau_syn=5 * ms,
        E_exc=0 * mV,
        E_inh=-80 * mV,
        duration=duration,
        t_start=10 * ms,
        I_bias=np.array([0.0, 0.2, 0.3])[:n_targets] * 1e-9 * amp,
        record=record,
        record_dt=0.5 * ms,
        seed=seed,
    )


def test_summation_requests_share_a_run_and_each_gets_its_own(calls_to):
    # the reference is each request's own simulate_summation call; the batch offsets every
    # request's fibres, targets and recordings, so a wrong offset or a reordered synaptic
    # event moves a depolarisation, a spike count or a trace sample
    import neurosim.spiking.summation_batch as batch
    from neurosim.spiking import Summation

    requests = [
        _request(0),
        _request(1, n_fibres=30, record=(2, 1)),
        _request(2, n_targets=2, record=()),  # no traces: another run
        _request(3),
        _request(4, duration=40 * ms),  # another duration: another run
    ]
    alone = [r.run() for r in requests]
    runs = calls_to(batch, "simulate_summation")
    together = Summation.run_batch(requests)
    assert len(runs) == 3  # requests 0, 1 and 3 in one run; 2 and 4 alone
    for a, b in zip(alone, together, strict=True):
        np.testing.assert_array_equal(a.mean_depolarisation, b.mean_depolarisation)
        np.testing.assert_array_equal(a.spike_counts, b.spike_counts)
        np.testing.assert_array_equal(a.trace_t, b.trace_t)
        np.testing.assert_array_equal(a.traces, b.traces)
        assert a.window == b.window
    assert together[1].traces.shape[0] == 2 and together[0].spike_counts.sum() > 0
    assert not np.array_equal(together[0].mean_depolarisation, together[3].mean_depolarisation)
