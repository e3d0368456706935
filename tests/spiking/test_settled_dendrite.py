"""The two-compartment neuron once its dendrite has settled (neurosim.spiking.settled_dendrite).

Truths: the soma's equation with the dendrite held constant, worked by hand for the
default neuron; Campbell's theorem against shot noise simulated here in numpy; spike
intervals written out.
"""

import math

import numpy as np
import pytest

from neurosim.spiking import TwoCompartmentParameters
from neurosim.spiking.settled_dendrite import (
    dendritic_noise_std,
    effective_soma,
    settled_rate,
    soma_drive,
)
from neurosim.units import Hz, Mohm, ms, nA

PARAMS = TwoCompartmentParameters()


def test_the_settled_soma_by_hand():
    soma = effective_soma(PARAMS)
    # 1 + R g_c = 1 + 100 MOhm * 2 nS = 1.2: tau_m and R shrink by it, nothing else moves
    assert float(soma.tau_m / ms) == pytest.approx(20 / 1.2, rel=1e-12)
    assert float(soma.R / Mohm) == pytest.approx(100 / 1.2, rel=1e-12)
    assert soma.V_th == PARAMS.V_th and soma.t_ref == PARAMS.t_ref
    # 0.25 nA into the dendrite (12.5 mV): active current 0.4 nA * sigmoid(2.5) *
    # exp(-2.5 / 4) = 0.19786 nA, plus 2 nS * 12.5 mV = 0.025 nA through the coupling
    assert float(soma_drive(PARAMS, 0.25 * nA) / nA) == pytest.approx(0.22286, abs=1e-5)
    # R_eff I = 18.572 mV above E_L, threshold 15 mV above: T = 2 ms + 16.667 ms *
    # ln(18.572 / 3.572) = 29.48 ms -> 33.93 Hz; below the rheobase: silent
    assert float(settled_rate(PARAMS, 0.25 * nA) / Hz) == pytest.approx(33.93, abs=0.01)
    assert float(settled_rate(PARAMS, 0.1 * nA) / Hz) == 0.0


def test_campbell_against_simulated_shot_noise():
    """Poisson events of size w into a leaky integrator (tau 10 ms), simulated exactly
    (decay between steps): mean r w tau, SD sqrt(mean w / 2)."""
    rng = np.random.default_rng(0)
    tau, dt, w, mean = 10.0, 0.1, 1.0, 12.5  # ms, ms, mV, mV
    rate = mean / (w * tau)  # events per ms
    n = 400_000
    events = rng.poisson(rate * dt, size=n) * w
    v = np.empty(n)
    x, q = 0.0, math.exp(-dt / tau)
    for k in range(n):
        x = x * q + events[k]
        v[k] = x
    v = v[1000:]  # past 10 tau
    # 40 s of signal with correlation time tau: ~2000 independent samples, so the SD is
    # known to ~2 %; on the grid each step's count enters whole (variance x (1 + ...))
    # and is sampled after the jump: the discrete sum gives w^2 r dt / (1 - q^2),
    # 0.5 % above r w^2 tau / 2 at dt = tau / 100; tolerance 6 %
    assert v.mean() == pytest.approx(mean, rel=0.03)
    assert v.std() == pytest.approx(dendritic_noise_std(mean, w), rel=0.06)
    assert dendritic_noise_std(12.5, 0.5) == pytest.approx(math.sqrt(12.5 * 0.5 / 2))
