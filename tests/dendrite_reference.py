"""The branched neuron with AMPA and NMDA synapses, written out in plain numpy: the
independent reference of tests/spiking/test_dendrites.py and
tests/comparisons/test_how_deep_is_a_neuron.py, sharing no code with neurosim.

The cell (SI units): a soma of 200 pF and 10 nS; branches of 20 pF and 1 nS, each joined
to the soma by 5 nS; rest -70 mV, synaptic reversal 0 mV; per activated synapse 0.2 nS of
AMPA conductance (decay 2 ms) and 1 nS of NMDA conductance (decay 50 ms) blocked by
magnesium as Jahr & Stevens (1990) measured: 1 / (1 + [Mg] / 3.57 mM exp(-0.062 V / mV)).
"""

from __future__ import annotations

import numpy as np

C_S, G_LS, C_B, G_LB, G_AX = 200e-12, 10e-9, 20e-12, 1e-9, 5e-9
E_L, E_EXC, TAU_A, TAU_N, G_A, G_N = -70e-3, 0.0, 2e-3, 50e-3, 0.2e-9, 1e-9


def block(v_volt, mg_mM=1.0):
    """Jahr & Stevens 1990: the open fraction of the NMDA conductance at ``v_volt``."""
    return 1.0 / (1.0 + mg_mM / 3.57 * np.exp(-0.062 * np.asarray(v_volt) * 1e3))


def euler_reference(
    n, b, sample, branch, step, nmda_on, *, steps, dt, mg_mM=1.0, linear=False, g_nmda=G_N
):
    """Forward Euler of the soma and branches; returns (soma, branches) minus E_L, in V.

    Activation ``k`` opens the conductances of branch ``branch[k]`` of sample
    ``sample[k]`` at step ``step[k]``. Recorded values are the states at the start of
    each step; in each step every variable is updated from the old values, then the
    step's activations open their conductances (the order Brian2 applies them in).
    ``linear``: no NMDA, and the synaptic current g (E_exc - E_L) (a linear dendrite).
    """
    events = np.zeros((steps, n, b))
    np.add.at(events, (np.asarray(step), np.asarray(sample), np.asarray(branch)), 1)
    on = np.asarray(nmda_on, dtype=float)[:, None]
    vs, vb = np.full(n, E_L), np.full((n, b), E_L)
    ga, gn = np.zeros((n, b)), np.zeros((n, b))
    soma, branches = np.zeros((n, steps)), np.zeros((n, b, steps))
    for s in range(steps):
        soma[:, s], branches[:, :, s] = vs - E_L, vb - E_L
        drive = (E_EXC - E_L) if linear else (E_EXC - vb)
        nmda = 0.0 if linear else on * gn * block(vb, mg_mM)
        i_b = G_LB * (E_L - vb) + G_AX * (vs[:, None] - vb) + (ga + nmda) * drive
        i_s = G_LS * (E_L - vs) + G_AX * (vb - vs[:, None]).sum(axis=1)
        vb, vs = vb + dt * i_b / C_B, vs + dt * i_s / C_S
        ga, gn = ga - dt * ga / TAU_A, gn - dt * gn / TAU_N
        ga += G_A * events[s]
        gn += g_nmda * events[s]
    return soma, branches


def evenly_spaced(counts, window_steps):
    """Activations of ``counts[s, k]`` synapses per sample and branch, the j-th of m on a
    branch at step floor(j * window_steps / m): (sample, branch, step) arrays."""
    sample, branch, step = [], [], []
    for s, row in enumerate(np.asarray(counts)):
        for k, m in enumerate(row):
            for j in range(int(m)):
                sample.append(s)
                branch.append(k)
                step.append(j * window_steps // int(m))
    return np.array(sample, int), np.array(branch, int), np.array(step, int)
