# ruff: noqa: RUF009  (``quantity_field`` is dataclasses.field with a default_factory)
"""Leaky integrate-and-fire neurons: the point LIF and the LIF with an active dendrite."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from neurosim.spiking.neurons.base import NeuronParameters
from neurosim.units import Quantity, amp, check_quantity, quantity_field

__all__ = ["LIFParameters", "TwoCompartmentParameters"]


@dataclass(frozen=True, eq=False)
class LIFParameters(NeuronParameters):
    r"""Leaky integrate-and-fire neuron driven by a current, with optional white noise.

    .. math::

        \tau_m \frac{dV}{dt} = -(V - E_L) + R I(t) + \sigma \sqrt{\tau_m}\, \xi(t)

    with :math:`\xi` unit Gaussian white noise (:math:`\langle \xi(t)\xi(t')\rangle =
    \delta(t - t')`; Brian2's ``xi`` has units of s^-1/2).  This is the convention of
    the Siegert formula (Brunel 2000, J Comput Neurosci 8:183): the free membrane
    potential has mean :math:`\mu = E_L + R I` and standard deviation
    :math:`\sigma/\sqrt 2`.  When :math:`V` crosses ``V_th`` a spike is emitted and
    :math:`V` is clamped at ``V_reset`` for ``t_ref``.

    For a constant current above :attr:`rheobase`, reset to ``E_L`` and no noise, the
    rate is :math:`r = [t_{ref} + \tau_m \ln(RI / (RI - (V_{th} - E_L)))]^{-1}`.

    Parameters
    ----------
    tau_m : Quantity, default 20*ms
        Membrane time constant (> 0).
    E_L : Quantity, default -65*mV
        Resting (leak reversal) potential.
    V_th : Quantity, default -50*mV
        Spike threshold (> V_reset and > E_L).
    V_reset : Quantity, default -65*mV
        Reset potential.
    R : Quantity, default 100*Mohm
        Membrane resistance (> 0).
    t_ref : Quantity, default 2*ms
        Absolute refractory period (>= 0).
    sigma : Quantity, default 0*mV
        White-noise amplitude in the convention above (>= 0).

    Examples
    --------
    >>> from brian2 import ms
    >>> LIFParameters(tau_m=10*ms).rheobase      # doctest: +SKIP
    0.15 * namp
    """

    tau_m: Quantity = quantity_field(20, "ms", "membrane time constant", sign="positive")
    E_L: Quantity = quantity_field(-65, "mV", "resting (leak reversal) potential")
    V_th: Quantity = quantity_field(-50, "mV", "spike threshold")
    V_reset: Quantity = quantity_field(-65, "mV", "reset potential after a spike")
    R: Quantity = quantity_field(100, "Mohm", "membrane resistance", sign="positive")
    t_ref: Quantity = quantity_field(2, "ms", "absolute refractory period", sign="nonnegative")
    sigma: Quantity = quantity_field(0, "mV", "white-noise amplitude", sign="nonnegative")

    def _check_relations(self) -> None:
        self._require_below("V_reset", "V_th", "after a spike V must restart below threshold")
        self._require_below("E_L", "V_th", "a neuron at rest must not fire")

    @property
    def equations(self) -> str:
        """Brian2 equations; the noise term is present only when ``sigma`` is nonzero."""
        noise = " + sigma*xi/sqrt(tau_m)" if self._noisy() else ""
        return f"dv/dt = (-(v - E_L) + R*I)/tau_m{noise} : volt (unless refractory)\n"

    @property
    def method(self) -> str:
        """``"exact"`` (linear ODE) without noise, Euler-Maruyama (``"euler"``) with it."""
        return "euler" if self._noisy() else "exact"

    @property
    def rheobase(self) -> Quantity:
        """Smallest constant current that makes the neuron fire: (V_th - E_L) / R."""
        return (self.V_th - self.E_L) / self.R

    @property
    def max_rate(self) -> Quantity:
        """Upper bound of the firing rate, 1 / t_ref (infinite when t_ref = 0)."""
        with np.errstate(divide="ignore"):
            return 1 / self.t_ref

    # The neuron owns its rates and their inverse (as Nengo's LIFRate does), so that a
    # comparison never assembles "Siegert, shifted for dt, then stamped" by itself.
    def rates(self, mu, sigma=None, *, dt=None) -> Quantity:
        r"""Firing rate for a mean free membrane potential ``mu`` and noise ``sigma``.

        Without ``dt``: the continuous-time rate (Siegert's formula, or the closed form
        when ``sigma`` is 0; :func:`neurosim.spiking.theory.siegert_rate`). With ``dt``:
        the rate a Brian2 simulation at that step shows, the threshold shifted for the
        step (Siegmund's constant) and every period one step shorter because spikes are
        stamped at the start of their step (:func:`~neurosim.spiking.theory.stamped_rate`).

        Parameters
        ----------
        mu : Quantity
            Mean free membrane potential(s), ``E_L + R I`` for a current ``I``.
        sigma : Quantity, optional
            Noise amplitude, as the ``sigma`` field (the free membrane potential's
            standard deviation is :math:`\sigma/\sqrt 2`; default: ``self.sigma``).
        dt : Quantity, optional
            The simulation's time step.
        """
        from neurosim.spiking.theory import siegert_rate, stamped_rate

        sigma = self.sigma if sigma is None else sigma
        if dt is None:
            return siegert_rate(mu, sigma, self)
        return stamped_rate(siegert_rate(mu, sigma, self, dt=dt), dt)

    def current_for_rate(self, rate) -> Quantity:
        """The constant current at which the noise-free neuron fires at ``rate`` (the
        inverse of the closed-form rate, :func:`~neurosim.spiking.theory.lif_current_for_rate`)."""
        from neurosim.spiking.theory import lif_current_for_rate

        return lif_current_for_rate(rate, self)


# ---------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class TwoCompartmentParameters(LIFParameters):
    r"""LIF soma with a dendrite whose active current is largest near threshold.

    Human layer 2/3 pyramidal dendrites fire dendritic calcium action potentials
    (dCaAPs) whose amplitude is maximal for threshold-level stimulation and
    *decreases* for stronger stimulation (Gidon et al. 2020, Science 367:83).
    This model keeps that input-output property in a phenomenological,
    vectorisable form:

    .. math::

        \tau_d \frac{dV_d}{dt} &= -(V_d - E_L) + R_d I_d \\
        I_{act} &= A_d\, m\, h, \quad
            \tau_{act} \frac{dm}{dt} = m_\infty(V_d) - m, \quad
            \tau_{inact} \frac{dh}{dt} = h_\infty(V_d) - h \\
        m_\infty(V) &= \frac{1}{1 + e^{-(V - \theta_d)/k_d}}, \qquad
            h_\infty(V) = e^{-\max(V - \theta_d,\, 0)/\lambda_d} \\
        \tau_m \frac{dV}{dt} &= -(V - E_L) + R\,[I + g_c (V_d - V) + I_{act}]
            + \sigma\sqrt{\tau_m}\,\xi(t)

    The dendrite is passive in its voltage (:math:`V_d` reports the dendritic input
    alone; no back-propagation from the soma).  The active current switches on at
    the dendritic threshold :math:`\theta_d` (activation :math:`m`) and is
    inactivated the further :math:`V_d` goes above it (:math:`h`, decay length
    :math:`\lambda_d`), the steady-state dCaAP-like amplitude of Gidon et al.'s
    description.  It is delivered to the soma, which is a LIF neuron
    (:class:`LIFParameters`' conventions).  Inactivation is faster than activation
    (``tau_inact < tau_act``), so a strong step passes the window without a large
    transient.

    With the defaults the dendritic rheobase is :math:`(\theta_d - E_L)/R_d` =
    0.2 nA; an input of ~1.25x that gives :math:`I_{act}` ~ 0.2 nA and the soma
    fires; 2.5x gives :math:`I_{act}` < 0.01 nA, and the passive coupling alone
    (:math:`g_c (V_d - V)` <= 0.05 nA, below the somatic rheobase 0.15 nA) keeps the
    soma silent: one active pathway fires the cell, two do not (XOR).  The passive
    coupling alone would fire the soma only for dendritic inputs above
    ~ :math:`(V_{th}-E_L)(1/R + g_c)/(g_c R_d)` = 1.05 nA.

    Parameters
    ----------
    tau_m, E_L, V_th, V_reset, R, t_ref, sigma : Quantity
        Soma, as in :class:`LIFParameters` (same defaults).
    tau_d : Quantity, default 10*ms
        Dendritic time constant.
    R_d : Quantity, default 50*Mohm
        Dendritic input resistance.
    g_c : Quantity, default 2*nS
        Coupling conductance from dendrite to soma (>= 0).
    theta_d : Quantity, default -55*mV
        Dendritic threshold of the active current (> E_L).
    k_d : Quantity, default 1*mV
        Slope of the activation at threshold.
    lambda_d : Quantity, default 4*mV
        Decay length of the active current above threshold (inactivation).
    A_d : Quantity, default 0.4*nA
        Largest active current.
    tau_act : Quantity, default 5*ms
        Activation time constant.
    tau_inact : Quantity, default 1*ms
        Inactivation time constant.
    """

    # the soma's fields (tau_m, E_L, V_th, V_reset, R, t_ref, sigma) are LIFParameters'
    tau_d: Quantity = quantity_field(10, "ms", "dendritic time constant", sign="positive")
    R_d: Quantity = quantity_field(50, "Mohm", "dendritic input resistance", sign="positive")
    g_c: Quantity = quantity_field(
        2, "nS", "dendrite-to-soma coupling conductance", sign="nonnegative"
    )
    theta_d: Quantity = quantity_field(-55, "mV", "dendritic threshold of the active current")
    k_d: Quantity = quantity_field(1, "mV", "slope of the activation", sign="positive")
    lambda_d: Quantity = quantity_field(
        4, "mV", "decay length of the active current above threshold", sign="positive"
    )
    A_d: Quantity = quantity_field(0.4, "nA", "largest active current", sign="nonnegative")
    tau_act: Quantity = quantity_field(5, "ms", "activation time constant", sign="positive")
    tau_inact: Quantity = quantity_field(1, "ms", "inactivation time constant", sign="positive")

    compartments: ClassVar[tuple[str, ...]] = ("soma", "dendrite")
    default_compartment: ClassVar[str] = "dendrite"
    input_current: ClassVar[dict[str, str]] = {"soma": "I", "dendrite": "I_d"}
    input_voltage: ClassVar[dict[str, str]] = {"soma": "v", "dendrite": "v_d"}

    def _check_relations(self) -> None:
        super()._check_relations()
        self._require_below("E_L", "theta_d", "the dendrite at rest must be below threshold")

    @property
    def equations(self) -> str:
        """Brian2 equations: soma ``v``, dendrite ``v_d``, gates ``m_d``, ``h_d``."""
        noise = " + sigma*xi/sqrt(tau_m)" if self._noisy() else ""
        return (
            "dv/dt = (-(v - E_L) + R*(I + I_c + I_active))/tau_m"
            f"{noise} : volt (unless refractory)\n"
            "dv_d/dt = (-(v_d - E_L) + R_d*I_d)/tau_d : volt\n"
            "I_c = g_c*(v_d - v) : amp\n"
            "I_active = A_d*m_d*h_d : amp\n"
            "dm_d/dt = (1/(1 + exp(-(v_d - theta_d)/k_d)) - m_d)/tau_act : 1\n"
            "dh_d/dt = (exp(-clip((v_d - theta_d)/lambda_d, 0, inf)) - h_d)/tau_inact : 1\n"
        )

    @property
    def method(self) -> str:
        """``"euler"``: the dendrite's gates are nonlinear (the LIF's exact method does not apply)."""
        return "euler"

    def initial_values(self) -> dict[str, Quantity | float]:
        """At rest: both compartments at E_L, gates at their resting values."""
        m0 = 1 / (1 + np.exp(-np.asarray((self.E_L - self.theta_d) / self.k_d, dtype=float)))
        return {"v": self.E_L, "v_d": self.E_L, "m_d": m0, "h_d": 1.0}

    @property
    def dendritic_rheobase(self) -> Quantity:
        """Constant dendritic current that brings V_d to theta_d: (theta_d - E_L) / R_d."""
        return (self.theta_d - self.E_L) / self.R_d

    def active_current(self, I_dendrite) -> Quantity:
        """Steady-state active (dCaAP-like) current for a constant dendritic input.

        Parameters
        ----------
        I_dendrite : Quantity
            Constant current into the dendrite, scalar or array.

        Returns
        -------
        Quantity
            ``A_d * m_inf(V_d) * h_inf(V_d)`` at ``V_d = E_L + R_d * I_dendrite`` (amp),
            the same shape as ``I_dendrite``.  Zero well below the dendritic rheobase,
            largest just above it, decaying for stronger input.
        """
        check_quantity(
            I_dendrite,
            "I_dendrite",
            "TwoCompartmentParameters.active_current",
            amp,
            example="0.25*nA",
        )
        v_d = self.E_L + self.R_d * I_dendrite
        x = np.asarray((v_d - self.theta_d) / self.k_d, dtype=float)
        with np.errstate(over="ignore"):
            m = 1 / (1 + np.exp(-x))
        h = np.exp(-np.clip(np.asarray((v_d - self.theta_d) / self.lambda_d, dtype=float), 0, None))
        return self.A_d * m * h
