r"""The two-compartment neuron once its dendrite has settled: closed forms.

:class:`~neurosim.spiking.TwoCompartmentParameters` couples a dendrite (time constant
``tau_d``, resistance ``R_d``, an active current that rises at ``theta_d`` and
inactivates above it) to a LIF soma through the conductance ``g_c``.  Under a constant
dendritic input current ``I`` the dendrite settles, after a few ``tau_d``, at
:math:`V_d = E_L + R_d I` with the active current at its fixed point
(``params.active_current(I)``).  The soma then sees a constant drive and an extra leak,

.. math::

    \tau_m \frac{dV}{dt} = -(1 + R g_c)(V - E_L) + R\,[I_{active} + g_c (V_d - E_L)],

a LIF neuron with :math:`\tau_m / (1 + R g_c)` and :math:`R / (1 + R g_c)` driven by
:math:`I_{active} + g_c R_d I` (:func:`effective_soma`, :func:`soma_drive`), whose rate
is the LIF closed form (:func:`settled_rate`).

Poisson input onto the dendrite instead: events of size ``w`` (the depolarisation one
input spike causes) at total rate ``r`` give a mean depolarisation ``r w tau_d`` and, by
Campbell's theorem, a variance ``r w^2 tau_d / 2``; at a fixed mean ``mu`` its standard
deviation is ``sqrt(mu w / 2)`` (:func:`dendritic_noise_std`): bigger, rarer events
make the same mean noisier.
"""

from __future__ import annotations

import numpy as np

from neurosim.core.constraints import NON_NEGATIVE, ArrayOf, InstanceOf, QuantityOf, validate
from neurosim.spiking.neurons import LIFParameters, TwoCompartmentParameters
from neurosim.spiking.theory import lif_rate

__all__ = ["dendritic_noise_std", "effective_soma", "settled_rate", "soma_drive"]


_NEURON = InstanceOf(TwoCompartmentParameters)
_INPUT = QuantityOf("nA", ndim=None, example="0.25*nA")


@validate(params=_NEURON)
def effective_soma(params: TwoCompartmentParameters) -> LIFParameters:
    """The soma as a LIF neuron once the dendrite has settled (see the module docstring):
    ``tau_m`` and ``R`` divided by ``1 + R g_c``, the other parameters unchanged."""
    k = 1.0 + float(params.R * params.g_c)
    return LIFParameters(
        tau_m=params.tau_m / k,
        E_L=params.E_L,
        V_th=params.V_th,
        V_reset=params.V_reset,
        R=params.R / k,
        t_ref=params.t_ref,
    )


@validate(params=_NEURON, I_dendrite=_INPUT)
def soma_drive(params: TwoCompartmentParameters, I_dendrite):
    """Steady current into the soma for a constant dendritic input (Quantity, amp):
    the settled active current plus ``g_c R_d I`` through the coupling."""
    return params.active_current(I_dendrite) + params.g_c * params.R_d * I_dendrite


@validate(params=_NEURON, I_dendrite=_INPUT)
def settled_rate(params: TwoCompartmentParameters, I_dendrite):
    """Firing rate (Quantity, Hz) for a constant dendritic input, once the dendrite has
    settled: the LIF closed form of :func:`effective_soma` driven by :func:`soma_drive`."""
    return lif_rate(soma_drive(params, I_dendrite), effective_soma(params))


@validate(mean=ArrayOf(values=NON_NEGATIVE), jump=ArrayOf(values=NON_NEGATIVE))
def dendritic_noise_std(mean, jump):
    """Campbell's theorem: SD of the dendritic potential under Poisson input of a given
    mean depolarisation ``mean`` and event size ``jump`` (same unit): ``sqrt(mean jump / 2)``."""
    return np.sqrt(np.asarray(mean) * np.asarray(jump) / 2.0)
