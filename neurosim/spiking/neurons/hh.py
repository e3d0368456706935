# ruff: noqa: RUF009  (``_q`` is dataclasses.field with a default_factory)
"""The Hodgkin-Huxley (1952) membrane of the squid giant axon.

Hodgkin & Huxley, J Physiol 117:500-544 (1952), "HH 1952" below, described the squid
giant axon's membrane by a capacitance and three parallel currents per unit area:

.. math::

    C_m \\frac{dV}{dt} = \\bar g_{Na} m^3 h (E_{Na} - V) + \\bar g_K n^4 (E_K - V)
        + g_L (E_L - V) + I_{inj},
    \\qquad \\frac{dx}{dt} = \\phi(T)\\,[\\alpha_x(u)(1 - x) - \\beta_x(u)\\, x]
    \\quad (x = m, h, n)

with :math:`u = V - V_{rest}` in mV and the rate functions (per ms, at 6.3 °C) of their
eqs. 12, 13, 20, 21, 23, 24, written here with depolarisation positive (HH 1952 counted
it negative):

=========================================================  ==========================
:math:`\\alpha_m = 0.1 (25 - u) / (e^{(25 - u)/10} - 1)`   :math:`\\beta_m = 4 e^{-u/18}`
:math:`\\alpha_h = 0.07 e^{-u/20}`                           :math:`\\beta_h = 1 / (e^{(30 - u)/10} + 1)`
:math:`\\alpha_n = 0.01 (10 - u) / (e^{(10 - u)/10} - 1)`  :math:`\\beta_n = 0.125 e^{-u/80}`
=========================================================  ==========================

The temperature factor is :math:`\\phi(T) = Q_{10}^{(T - 6.3)/10}` with
:math:`Q_{10} = 3` (HH 1952). The reversal potentials are HH's, relative to a
resting potential of -65 mV: :math:`E_{Na} = V_{rest} + 115` mV,
:math:`E_K = V_{rest} - 12` mV, :math:`E_L = V_{rest} + 10.613` mV (chosen by HH so
that the net current at rest is zero). The axoplasm's resistivity is 35.4 ohm cm and
the giant axon's radius 238 um (the axon of HH 1952's propagation calculation).

Two details of the implementation:

* ``alpha_m`` and ``alpha_n`` have removable singularities (0/0 at u = 25 and 10 mV).
  Brian2's ``exprel`` removes them, but in Brian2 2.9's numpy target every call of a
  function with units formats its whole result array into an (unused) error message,
  which made a 16-cable axon 10x slower. The equations therefore add ``EPS_MV``
  (1e-7 mV) to ``u`` inside those two rates only: a shift far below anything measured,
  which keeps the numerator and denominator away from an exact 0/0 at the integer
  voltages where a simulation could land.
* The temperature is a plain number in degrees Celsius (Brian2 has no Celsius unit).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from neurosim.core.validation import check_number, param_error
from neurosim.units import Quantity, check_quantity, cm, mS, mV, ohm, uF, um

__all__ = ["HHParameters", "hh_rates"]

#: Shift of u (mV) inside the two rates with a removable singularity (see the docstring).
EPS_MV = 1e-7
#: Temperature (°C) at which HH 1952's rate functions are given.
BASE_TEMPERATURE = 6.3


def _q(value):
    return field(default_factory=lambda: value)


def hh_rates(u_mV):
    """HH 1952's rate functions (1/ms at 6.3 °C) at ``u`` = V - V_rest in mV.

    Returns ``(alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n)`` as numpy arrays; the
    removable singularities of ``alpha_m`` (u = 25) and ``alpha_n`` (u = 10) take their
    limits 1 and 0.1.
    """
    u = np.asarray(u_mV, dtype=float)

    def ratio(x):  # x / (exp(x) - 1), 1 at x = 0
        x = np.asarray(x, dtype=float)
        small = np.abs(x) < 1e-9
        safe = np.where(small, 1.0, x)
        return np.where(small, 1.0 - x / 2, safe / np.expm1(safe))

    alpha_m = ratio((25.0 - u) / 10.0)
    beta_m = 4.0 * np.exp(-u / 18.0)
    alpha_h = 0.07 * np.exp(-u / 20.0)
    beta_h = 1.0 / (np.exp((30.0 - u) / 10.0) + 1.0)
    alpha_n = 0.1 * ratio((10.0 - u) / 10.0)
    beta_n = 0.125 * np.exp(-u / 80.0)
    return alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n


@dataclass(frozen=True, eq=False)
class HHParameters:
    """The squid giant axon's membrane and axoplasm (HH 1952), at a stated temperature.

    Parameters
    ----------
    temperature : float, default 18.5
        Degrees Celsius; the rates are HH's at 6.3 °C times ``Q10 ** ((T - 6.3) / 10)``.
        18.5 °C is the temperature of HH 1952's propagated action potential.
    Q10 : float, default 3
        Temperature coefficient of the rates (HH 1952).
    C_m : Quantity, default 1 uF/cm**2
        Membrane capacitance per unit area.
    g_Na, g_K, g_L : Quantity, default 120, 36, 0.3 mS/cm**2
        Maximal sodium and potassium conductances and the leak conductance, per area.
    V_rest : Quantity, default -65 mV
        Resting potential (HH's zero).
    E_Na, E_K, E_L : Quantity, default -65 + 115, -65 - 12, -65 + 10.613 mV
        Reversal potentials.
    R_i : Quantity, default 35.4 ohm*cm
        Axoplasm resistivity (for cables).
    radius : Quantity, default 238 um
        The giant axon's radius (for cables).
    """

    temperature: float = 18.5
    Q10: float = 3.0
    C_m: Quantity = _q(1 * uF / cm**2)
    g_Na: Quantity = _q(120 * mS / cm**2)
    g_K: Quantity = _q(36 * mS / cm**2)
    g_L: Quantity = _q(0.3 * mS / cm**2)
    V_rest: Quantity = _q(-65 * mV)
    E_Na: Quantity = _q(50 * mV)
    E_K: Quantity = _q(-77 * mV)
    E_L: Quantity = _q(-54.387 * mV)
    R_i: Quantity = _q(35.4 * ohm * cm)
    radius: Quantity = _q(238 * um)

    def __post_init__(self):
        owner = "HHParameters"
        check_number(self.temperature, "temperature", owner, low=0.0, high=40.0)
        check_number(self.Q10, "Q10", owner, low=1.0, high=10.0, low_inclusive=True)
        for name, unit, example in (
            ("C_m", uF / cm**2, "1*uF/cm**2"),
            ("g_Na", mS / cm**2, "120*mS/cm**2"),
            ("g_K", mS / cm**2, "36*mS/cm**2"),
            ("g_L", mS / cm**2, "0.3*mS/cm**2"),
            ("R_i", ohm * cm, "35.4*ohm*cm"),
            ("radius", um, "238*um"),
        ):
            check_quantity(
                getattr(self, name), name, owner, unit, positive=True, scalar=True, example=example
            )
        for name in ("V_rest", "E_Na", "E_K", "E_L"):
            check_quantity(getattr(self, name), name, owner, mV, scalar=True, example="-65*mV")
        if not self.E_K < self.V_rest < self.E_Na:
            raise param_error(
                "V_rest",
                owner,
                f"between E_K = {self.E_K} and E_Na = {self.E_Na}",
                self.V_rest,
            )

    @property
    def phi(self) -> float:
        """Temperature factor of the rates, ``Q10 ** ((T - 6.3) / 10)`` (3.82 at 18.5 °C)."""
        return float(self.Q10 ** ((self.temperature - BASE_TEMPERATURE) / 10.0))

    def resting_gates(self) -> dict[str, float]:
        """Steady-state m, h, n at ``V_rest`` (``x_inf = alpha / (alpha + beta)``)."""
        am, bm, ah, bh, an, bn = hh_rates(0.0)
        return {"m": float(am / (am + bm)), "h": float(ah / (ah + bh)), "n": float(an / (an + bn))}

    def initial_values(self) -> dict:
        """State at rest: ``v`` and the three gates."""
        return {"v": self.V_rest, **self.resting_gates()}

    def group_values(self) -> dict:
        """What is set on the Brian2 group before a run: the state at rest and ``phi``.

        ``phi`` is a shared constant of the group, not a namespace constant: Brian2 keys
        its generated code on a namespace constant's value, so every new temperature
        generated the code again (about 1 s of sympy per explore update, measured on
        pulse_down_the_axon), while a group's variable is read when the run starts.
        """
        return {**self.initial_values(), "phi": self.phi}

    def namespace(self) -> dict:
        """The constants the Brian2 equations use (``phi``: see :meth:`group_values`)."""
        return {
            "C_m": self.C_m,
            "g_Na": self.g_Na,
            "g_K": self.g_K,
            "g_L": self.g_L,
            "V_rest": self.V_rest,
            "E_Na": self.E_Na,
            "E_K": self.E_K,
            "E_L": self.E_L,
            "eps_u": EPS_MV,
        }

    # The ionic current and the gates, shared by the cable and the point neuron.
    _gates = (
        "I_ion = g_Na*m**3*h*(E_Na - v) + g_K*n**4*(E_K - v) + g_L*(E_L - v) : amp/meter**2\n"
        "u = (v - V_rest)/mV : 1\n"
        "phi : 1 (shared, constant)\n"
        "dm/dt = phi*(alpha_m*(1 - m) - beta_m*m) : 1\n"
        "dh/dt = phi*(alpha_h*(1 - h) - beta_h*h) : 1\n"
        "dn/dt = phi*(alpha_n*(1 - n) - beta_n*n) : 1\n"
        "alpha_m = 0.1*(25 - u + eps_u)/(exp((25 - u + eps_u)/10) - 1)/ms : Hz\n"
        "beta_m = 4*exp(-u/18)/ms : Hz\n"
        "alpha_h = 0.07*exp(-u/20)/ms : Hz\n"
        "beta_h = 1/(exp((30 - u)/10) + 1)/ms : Hz\n"
        "alpha_n = 0.01*(10 - u + eps_u)/(exp((10 - u + eps_u)/10) - 1)/ms : Hz\n"
        "beta_n = 0.125*exp(-u/80)/ms : Hz\n"
    )

    def cable_equations(self, stimulus: str) -> str:
        """Equations of a ``SpatialNeuron``: ``Im`` per area and a point current ``I``.

        ``stimulus`` names a 2-D ``TimedArray`` in amp, one column per cable
        (``cable_id``, a per-compartment constant); it is injected where the
        per-compartment constant ``stim_site`` is 1 (0 elsewhere).
        """
        return (
            "Im = I_ion : amp/meter**2\n"
            f"I = stim_site*{stimulus}(t, cable_id) : amp (point current)\n"
            "stim_site : 1 (constant)\n"
            "cable_id : integer (constant)\n" + self._gates
        )

    def point_equations(self) -> str:
        """Equations of a single compartment driven by a current density ``J`` (A/m**2)."""
        return "dv/dt = (I_ion + J)/C_m : volt\nJ : amp/meter**2 (constant)\n" + self._gates

    #: exponential Euler: the gates are linear in themselves, ``v`` conditionally linear
    method = "exponential_euler"
