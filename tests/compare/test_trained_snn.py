"""A SurrogateSNN's weights run unchanged in Brian2: the same spikes, the same potentials.

Brian2 derives the exact one-step solution of the two linear equations itself (sympy,
``method="exact"``) and runs each step in its own order; the numpy network writes the
same out by hand. They can differ only by rounding (~1e-15 relative), so every spike
must agree (a flip would need a potential within ~1e-14 of threshold) and the readout
potentials must agree to 1e-10.
"""

from __future__ import annotations

import numpy as np
import pytest

import neurosim.units  # noqa: F401  (restores the session hooks before brian2 is used)
from neurosim.artificial.spike_codes import bernoulli_spikes
from neurosim.artificial.surrogate import SurrogateSNN
from neurosim.artificial.surrogates import FastSigmoid, SmoothSpike
from neurosim.bridge.trained_snn import run_in_brian2
from neurosim.spiking.current_lif import run_current_lif
from neurosim.units import ms


@pytest.mark.parametrize("tau_syn", [0.005, 0.020])
def test_brian2_gives_the_numpy_networks_spikes(tau_syn):
    x = bernoulli_spikes(12, 40, 20, rate=40.0, dt=0.001, seed=2)
    net = SurrogateSNN(
        20,
        8,
        3,
        surrogates=[FastSigmoid(10.0), FastSigmoid(100.0)],
        tau_syn=tau_syn,
        init_scale=12.0,
        seed=1,
        same_start=False,
    )
    for replica in (0, 1):
        numpy_run = net.simulate(x)
        brian_run = run_in_brian2(net, x, replica=replica)
        assert numpy_run.hidden_spikes[replica].sum() > 30  # it spikes: the test tests
        np.testing.assert_array_equal(brian_run.hidden_spikes[0], numpy_run.hidden_spikes[replica])
        np.testing.assert_allclose(brian_run.output[0], numpy_run.output[replica], atol=1e-10)
        assert brian_run.potential is None


def test_a_smooth_network_and_equal_time_constants_are_refused():
    x = np.zeros((1, 5, 3), dtype=bool)
    with pytest.raises(ValueError, match="'network' parameter of run_in_brian2"):
        run_in_brian2(SurrogateSNN(3, 2, 2, surrogates=SmoothSpike()), x)
    with pytest.raises(ValueError, match="'tau_syn' parameter"):
        run_current_lif(
            1, ([0], [0]), [(1, True)], [], n_steps=3, dt=1 * ms, tau_mem=5 * ms, tau_syn=5 * ms
        )
    with pytest.raises(ValueError, match="'input_spikes' parameter"):
        run_current_lif(
            1, ([0], [7]), [(1, True)], [], n_steps=3, dt=1 * ms, tau_mem=5 * ms, tau_syn=2 * ms
        )
