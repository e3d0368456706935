# ruff: noqa: RUF009  (``_q`` is dataclasses.field with a default_factory)
"""Song, Miller & Abbott's (2000) conductance-based integrate-and-fire neuron.

The postsynaptic neuron of :func:`neurosim.spiking.stdp_experiment`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from neurosim.core.validation import param_error
from neurosim.units import Quantity, check_quantity, ms, mV, second, volt

__all__ = ["ConductanceLIFParameters"]


def _q(value):
    """A dataclass default for a Brian2 quantity (quantities are unhashable)."""
    return field(default_factory=lambda: value)


def _scalar_quantity(value, name: str, owner: str, unit, example: str, **signs):
    return check_quantity(value, name, owner, unit, example=example, scalar=True, **signs)


@dataclass(frozen=True, eq=False)
class ConductanceLIFParameters:
    r"""Song, Miller & Abbott's (2000) conductance-based integrate-and-fire neuron.

    .. math::

        \tau_m \frac{dV}{dt} = (E_L - V) + g_{ex}(E_{ex} - V) + g_{in}(E_{in} - V),
        \qquad \frac{dg_{ex}}{dt} = -\frac{g_{ex}}{\tau_{ex}}, \quad
        \frac{dg_{in}}{dt} = -\frac{g_{in}}{\tau_{in}}

    with the conductances :math:`g_{ex}, g_{in}` in units of the leak conductance.
    An excitatory spike through a synapse of weight :math:`w` adds :math:`w` to
    :math:`g_{ex}`.  When :math:`V` crosses ``V_th`` the neuron spikes and
    :math:`V` is set to ``V_reset`` (no refractory period, as in the paper).

    Parameters
    ----------
    tau_m : Quantity, default 20*ms
        Membrane time constant.
    E_L : Quantity, default -70*mV
        Resting (leak reversal) potential.
    V_th : Quantity, default -54*mV
        Spike threshold.
    V_reset : Quantity, default -60*mV
        Reset potential.
    E_ex : Quantity, default 0*mV
        Excitatory reversal potential.
    E_in : Quantity, default -70*mV
        Inhibitory reversal potential.
    tau_ex : Quantity, default 5*ms
        Decay time of the excitatory conductance.
    tau_in : Quantity, default 5*ms
        Decay time of the inhibitory conductance.
    """

    tau_m: Quantity = _q(20 * ms)
    E_L: Quantity = _q(-70 * mV)
    V_th: Quantity = _q(-54 * mV)
    V_reset: Quantity = _q(-60 * mV)
    E_ex: Quantity = _q(0 * mV)
    E_in: Quantity = _q(-70 * mV)
    tau_ex: Quantity = _q(5 * ms)
    tau_in: Quantity = _q(5 * ms)

    #: Brian2 model equations (conductances in units of the leak conductance).  The
    #: inhibitory conductance ``g_in`` is not a state variable here: the simulation
    #: supplies it (a line ``g_in = ... : 1``), because the inhibitory input is fixed.
    equations = (
        "dv/dt = ((E_L - v) + g_ex * (E_ex - v) + g_in * (E_in - v)) / tau_m : volt\n"
        "dg_ex/dt = -g_ex / tau_ex : 1\n"
    )
    threshold = "v > V_th"
    reset = "v = V_reset"
    #: Forward Euler: at dt = 0.1 ms the fastest time scale (tau_m / (1 + g), >= 5 ms) is
    #: resolved by >= 50 steps; exponential Euler costs ~40 % more per step in numpy.
    method = "euler"

    _TIMES = ("tau_m", "tau_ex", "tau_in")
    _VOLTAGES = ("E_L", "V_th", "V_reset", "E_ex", "E_in")

    def __post_init__(self):
        owner = "ConductanceLIFParameters"
        for name in self._TIMES:
            _scalar_quantity(getattr(self, name), name, owner, second, "20*ms", positive=True)
        for name in self._VOLTAGES:
            _scalar_quantity(getattr(self, name), name, owner, volt, "-54*mV")
        if not self.V_reset < self.V_th:
            raise param_error("V_reset", owner, f"below V_th = {self.V_th}", self.V_reset)
        if not self.E_ex > self.V_th:
            raise param_error(
                "E_ex",
                owner,
                f"above V_th = {self.V_th} (else excitation cannot fire the neuron)",
                self.E_ex,
            )

    def namespace(self) -> dict:
        """The model constants, for Brian2's ``namespace=``."""
        return {name: getattr(self, name) for name in self._TIMES + self._VOLTAGES}

    def replace(self, **changes) -> ConductanceLIFParameters:
        """A copy with some parameters changed (validated again)."""
        return dataclasses.replace(self, **changes)
