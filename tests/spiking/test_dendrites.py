"""The branched neuron with NMDA synapses against references that are not neurosim's code.

References:
- Jahr & Stevens (1990, J Neurosci 10:3178): the open fraction of the NMDA conductance,
  1 / (1 + [Mg] / 3.57 mM * exp(-0.062 V / mV)), worked by hand below;
- a plain numpy forward-Euler integration of the compartment equations, written out
  here from the module's docstring (with the closed-form block), fed the same
  activations in the order Brian2 applies them (state update, then the step's synaptic
  events); it must agree to float rounding;
- superposition: without NMDA and with the driving force held at E_exc - E_L the
  dendrite is a linear system whose response is the sum of its inputs' responses (the
  point-neuron prediction). The true synaptic current g (E_exc - V) is that current
  times 1 - (V - E_L) / (E_exc - E_L), so the true response lies between (1 - delta)
  and 1 times the linear one, delta the largest depolarisation of the linear branches
  over E_exc - E_L (the system is positive: more current never lowers any potential);
- convergence: the same numpy integration at dt = 0.02 ms.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

# the cell written out in plain numpy (tests/dendrite_reference.py; tests/ is on sys.path)
from dendrite_reference import (
    C_S,
    E_EXC,
    E_L,
    G_AX,
    G_N,
    block,
)
from dendrite_reference import euler_reference as _euler

from neurosim.spiking import BranchedNeuronParameters, mg_block, simulate_branched
from neurosim.spiking.dendrites import branched_equations
from neurosim.stimuli import BranchVolleys, concat_volleys, placed_volleys, random_volleys
from neurosim.units import ms, mV, nS, pF

DT = 0.2e-3
STEPS = 300  # 60 ms


def euler_reference(volleys, nmda_on, *, steps=STEPS, dt=DT, **kwargs):
    """The numpy integration fed the volleys' activations (times on the grid dt)."""
    step = np.round(volleys.time / dt).astype(int)
    return _euler(
        volleys.n_samples,
        volleys.n_branches,
        volleys.sample,
        volleys.branch,
        step,
        nmda_on,
        steps=steps,
        dt=dt,
        **kwargs,
    )


@pytest.fixture(scope="module")
def batch():
    rng = np.random.default_rng(3)
    rand = random_volleys(24, 4, max_synapses=40, window=10 * ms, dt=0.2 * ms, rng=rng)
    placed = placed_volleys(
        [[30, 0, 0, 0], [8, 8, 7, 7], [0, 0, 0, 0]], window=10 * ms, dt=0.2 * ms
    )
    return concat_volleys(rand, placed)


@pytest.fixture(scope="module")
def simulated(batch):
    """Every sample with and without NMDA, one run; samples 0, 24, 25 recorded."""
    both = concat_volleys(batch, batch)
    on = np.r_[np.ones(batch.n_samples), np.zeros(batch.n_samples)]
    result = simulate_branched(
        BranchedNeuronParameters(),
        both,
        nmda_on=on,
        duration=60 * ms,
        dt=0.2 * ms,
        record=[0, 24, 25, 24 + batch.n_samples],
    )
    return both, on, result


# -- the magnesium block ---------------------------------------------------------------------
def test_mg_block_is_jahr_and_stevens_by_hand():
    # 0 mV: 1 / (1 + 1/3.57) = 3.57 / 4.57
    assert mg_block(0 * mV) == pytest.approx(3.57 / 4.57, rel=1e-12)
    # -70 mV: exp(4.34) = 76.7075; 1 / (1 + 76.7075 / 3.57) = 1 / 22.4867 = 0.044471
    assert mg_block(-70 * mV) == pytest.approx(0.044471, abs=2e-6)
    # half open where exp(-0.062 V) = 3.57 / [Mg]: V = -ln(3.57) / 0.062 = -20.52 mV at 1 mM
    assert mg_block(-math.log(3.57) / 0.062 * mV) == pytest.approx(0.5, abs=1e-12)
    # no magnesium, no block; twice the magnesium, the half point moves by ln 2 / 0.062
    np.testing.assert_allclose(mg_block(np.array([-80, -40, 0]) * mV, mg_mM=0.0), 1.0)
    shifted = (-math.log(3.57) + math.log(2.0)) / 0.062
    assert mg_block(shifted * mV, mg_mM=2.0) == pytest.approx(0.5, abs=1e-12)
    v = np.linspace(-100, 40, 29)
    np.testing.assert_allclose(mg_block(v * mV, 1.2), block(v * 1e-3, 1.2), rtol=1e-12)


def test_equations_carry_the_block_and_one_set_of_lines_per_branch():
    eq = branched_equations(3)
    for k in range(3):
        assert f"dv_{k}/dt" in eq and f"mg_{k} = 1/(1 + mg_ratio*exp(-mg_slope*v_{k}))" in eq
    assert "dv_3/dt" not in eq
    ns = BranchedNeuronParameters(mg_mM=2.0).namespace()
    assert ns["mg_ratio"] == pytest.approx(2.0 / 3.57)
    assert float(ns["mg_slope"] * mV) == pytest.approx(0.062)


def test_defaults_are_the_documented_cell():
    p = BranchedNeuronParameters()
    assert float(p.C_soma / pF) == pytest.approx(C_S / 1e-12)
    assert float(p.g_axial / nS) == pytest.approx(G_AX / 1e-9)
    assert float(p.g_nmda / nS) == pytest.approx(G_N / 1e-9)
    assert p.mg_mM == 1.0


# -- the simulation against the numpy integration ----------------------------------------------
def test_brian2_run_is_the_numpy_euler_integration(simulated):
    both, on, result = simulated
    soma, branches = euler_reference(both, on)
    # float rounding only: 1e-9 V = 1 uV is a thousandth of the smallest response shown
    np.testing.assert_allclose(result.peak, soma.max(axis=1), rtol=0, atol=1e-9)
    np.testing.assert_allclose(result.trace_soma, soma[[0, 24, 25, 24 + 27]], rtol=0, atol=1e-9)
    np.testing.assert_allclose(
        result.trace_branches, branches[[0, 24, 25, 24 + 27]], rtol=0, atol=1e-9
    )
    assert result.trace_t.size == STEPS
    assert result.peak[26] == 0.0  # no input, no response


def test_clustered_input_fires_an_nmda_spike_that_dispersed_input_does_not(simulated):
    result = simulated[2]
    b = result.trace_branches  # recorded: 0, 24 (clustered NMDA), 25 (dispersed), 24 + 27
    # 30 synapses on one branch unblock its NMDA receptors: at the branch's peak over 40 %
    # of the conductance is open (4.4 % at rest); spread over 4 branches, under 10 %
    assert block(E_L + b[1, 0].max()) > 0.4
    assert block(E_L + b[2].max()) < 0.1
    # without NMDA the clustered branch stays well below it
    assert b[3, 0].max() < 0.5 * b[1, 0].max()
    # soma: clustered beats dispersed with NMDA, and the reverse without (driving force)
    n = 27
    assert result.peak[24] > 1.5 * result.peak[25]
    assert result.peak[n + 24] < result.peak[n + 25]


def test_without_nmda_the_response_is_the_sum_of_the_inputs_within_the_driving_force(
    simulated,
):
    both, on, result = simulated
    n = 27
    ampa = slice(n, 2 * n - 1)  # the AMPA-only samples with input
    lin_soma, lin_branches = euler_reference(both, on, linear=True)
    lin = lin_soma.max(axis=1)[ampa]
    delta = lin_branches[ampa].max(axis=(1, 2)) / (E_EXC - E_L)
    peak = result.peak[ampa]
    tol = 1e-12  # V, rounding
    assert np.all(peak <= lin + tol)
    assert np.all(peak >= (1 - delta) * lin - tol)
    # the bound is not empty: the dendrite is close to linear (delta < 0.25 here)
    assert delta.max() < 0.25 and np.all(peak > 0.75 * lin)


def test_time_step_is_converged_within_three_percent(batch):
    # numpy Euler at dt = 0.02 ms against the simulated dt = 0.2 ms, with NMDA, for the
    # clustered, dispersed and 6 random samples (a 10x finer grid: the activations sit at
    # the same times)
    sub = concat_volleys(
        *[
            BranchVolleys(1, 4, np.zeros(m.sum(), int), batch.branch[m], batch.time[m])
            for m in (batch.sample == s for s in (0, 1, 2, 3, 4, 5, 24, 25))
        ]
    )
    coarse = euler_reference(sub, np.ones(8))[0].max(axis=1)
    fine = euler_reference(sub, np.ones(8), steps=3000, dt=0.02e-3)[0].max(axis=1)
    np.testing.assert_allclose(coarse, fine, rtol=0.03)


# -- bad input ------------------------------------------------------------------------------------
def test_bad_input_is_named():
    v = placed_volleys([[2, 1]], window=10 * ms, dt=0.2 * ms)
    p = BranchedNeuronParameters()
    with pytest.raises(ValueError, match="nmda_on"):
        simulate_branched(p, v, nmda_on=[1, 0], duration=20 * ms)
    with pytest.raises(ValueError, match="nmda_on"):
        simulate_branched(p, v, nmda_on=[0.5], duration=20 * ms)
    with pytest.raises(ValueError, match="volleys"):
        simulate_branched(p, v, nmda_on=[1], duration=21 * ms, dt=0.3 * ms)
    with pytest.raises(ValueError, match="volleys"):
        simulate_branched(p, v, nmda_on=[1], duration=4 * ms)
    with pytest.raises(ValueError, match="record"):
        simulate_branched(p, v, nmda_on=[1], duration=20 * ms, record=[1])
    with pytest.raises(TypeError, match="params"):
        simulate_branched(None, v, nmda_on=[1], duration=20 * ms)
    with pytest.raises(ValueError, match="mg_mM"):
        BranchedNeuronParameters(mg_mM=-1.0)
    with pytest.raises(ValueError, match="g_axial"):
        BranchedNeuronParameters(g_axial=-1 * nS)
    with pytest.raises(ValueError, match="E_L"):
        BranchedNeuronParameters(E_exc=-80 * mV)
    with pytest.raises(ValueError, match="mg_mM"):
        mg_block(0 * mV, mg_mM=-0.1)


# -- the volleys ----------------------------------------------------------------------------------
def test_placed_volleys_by_hand():
    v = placed_volleys([[3, 0], [1, 2]], window=1 * ms, dt=0.2 * ms)  # 5 steps
    assert v.counts().tolist() == [[3, 0], [1, 2]]
    # 3 on one branch: steps floor(0), floor(5/3), floor(10/3) = 0, 1, 3
    np.testing.assert_allclose(np.sort(v.time[v.sample == 0]), [0, 0.2e-3, 0.6e-3])
    # 2 on branch 1 of sample 1: steps 0 and floor(5/2) = 2
    np.testing.assert_allclose(v.time[(v.sample == 1) & (v.branch == 1)], [0, 0.4e-3])


def test_random_volleys_stay_in_range_and_cluster_as_told():
    def draw(spread, seed=0):
        rng = np.random.default_rng(seed)
        return random_volleys(
            2000, 6, max_synapses=40, window=10 * ms, dt=0.2 * ms, rng=rng, spread=spread
        )

    v = draw(0.3)
    totals = v.counts().sum(axis=1)
    assert totals.min() == 0 and totals.max() == 40
    # uniform on 0..40: mean 20, SE 11.8 / sqrt(2000) = 0.26
    assert totals.mean() == pytest.approx(20, abs=1.0)
    steps = v.time / 0.2e-3
    np.testing.assert_allclose(steps, np.round(steps), atol=1e-9)
    assert v.time.min() >= 0 and v.time.max() <= 9.8e-3 + 1e-12

    # the share of the busiest branch: clustered for small spread, even for large
    def busiest(volleys):
        c = volleys.counts()
        c = c[c.sum(axis=1) >= 20]
        return float(np.mean(c.max(axis=1) / c.sum(axis=1)))

    assert busiest(draw(0.05)) > 0.85 > 0.35 > busiest(draw(100.0))
    again = draw(0.3)
    np.testing.assert_array_equal(again.time, v.time)
    np.testing.assert_array_equal(again.sample, v.sample)


def test_concat_offsets_samples_and_volleys_are_checked():
    a = placed_volleys([[1, 0]], window=1 * ms, dt=0.2 * ms)
    b = placed_volleys([[0, 2], [1, 1]], window=1 * ms, dt=0.2 * ms)
    c = concat_volleys(a, b)
    assert c.n_samples == 3 and c.counts().tolist() == [[1, 0], [0, 2], [1, 1]]
    with pytest.raises(ValueError, match="branch"):
        BranchVolleys(1, 2, [0], [2], [0.0])
    with pytest.raises(ValueError, match="window"):
        placed_volleys([[1]], window=1.1 * ms, dt=0.2 * ms)
    with pytest.raises(ValueError, match="counts"):
        placed_volleys([[1.5]], window=1 * ms, dt=0.2 * ms)
    with pytest.raises(ValueError, match="volleys"):
        concat_volleys(a, placed_volleys([[1, 1, 1]], window=1 * ms, dt=0.2 * ms))
