"""Hodgkin & Huxley 1952 written out in plain numpy and integrated by scipy: the
independent reference of the HH tests (tests/spiking/test_axon.py and
tests/comparisons/test_pulse_down_the_axon.py), sharing no code with neurosim."""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp


def hh_rates_reference(u):
    """HH 1952 eqs. 12, 13, 20, 21, 23, 24 (1/ms, 6.3 °C), depolarisation u > 0 in mV."""
    u = float(u)
    am = 1.0 if abs(u - 25) < 1e-12 else 0.1 * (25 - u) / (np.exp((25 - u) / 10) - 1)
    an = 0.1 if abs(u - 10) < 1e-12 else 0.01 * (10 - u) / (np.exp((10 - u) / 10) - 1)
    return (
        am,
        4 * np.exp(-u / 18),
        0.07 * np.exp(-u / 20),
        1 / (np.exp((30 - u) / 10) + 1),
        an,
        0.125 * np.exp(-u / 80),
    )


def patch_rhs(phi, J_uA_cm2):
    """The isopotential HH membrane in ms, mV, uA/cm^2, mS/cm^2, uF/cm^2 (rest = 0 mV)."""

    def rhs(t, y):
        u, m, h, n = y
        am, bm, ah, bh, an, bn = hh_rates_reference(u)
        i_ion = 120 * m**3 * h * (115 - u) + 36 * n**4 * (-12 - u) + 0.3 * (10.613 - u)
        return [
            i_ion + J_uA_cm2,
            phi * (am * (1 - m) - bm * m),
            phi * (ah * (1 - h) - bh * h),
            phi * (an * (1 - n) - bn * n),
        ]

    return rhs


def reference_spikes(phi, J_uA_cm2, t_end_ms, level_mV=45.0):
    """Upward crossings of ``level_mV`` above rest (ms) by solve_ivp."""
    am, bm, ah, bh, an, bn = hh_rates_reference(0.0)
    y0 = [0.0, am / (am + bm), ah / (ah + bh), an / (an + bn)]
    sol = solve_ivp(
        patch_rhs(phi, J_uA_cm2),
        (0, t_end_ms),
        y0,
        method="LSODA",
        rtol=1e-8,
        atol=1e-10,
        dense_output=True,
        max_step=0.05,
    )
    t = np.arange(0, t_end_ms, 0.001)
    u = sol.sol(t)[0] - level_mV
    j = np.flatnonzero((u[:-1] < 0) & (u[1:] >= 0))
    return t[j] - u[j] / (u[j + 1] - u[j]) * 0.001


PHI_18_5 = 3.0 ** ((18.5 - 6.3) / 10)
