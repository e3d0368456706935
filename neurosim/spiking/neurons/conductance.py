# ruff: noqa: RUF009  (``_field`` is dataclasses.field with a default_factory)
"""Song, Miller & Abbott's (2000) conductance-based integrate-and-fire neuron.

The postsynaptic neuron of :func:`neurosim.spiking.stdp_experiment`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from neurosim.core.constraints import POSITIVE, QuantityOf, param_error
from neurosim.units import Quantity, unit_named

__all__ = ["ConductanceLIFParameters"]


def _field(default: float, unit: str, help: str, *, positive: bool = False):
    """A scalar quantity field with its declared constraint (the metadata of
    :func:`neurosim.units.quantity_field`, for one neuron: every condition of
    :func:`~neurosim.spiking.stdp_experiment` has the same cell)."""
    value = default * unit_named(unit)
    constraint = QuantityOf(unit, POSITIVE if positive else None, example=f"{default:g}*{unit}")
    return field(
        default_factory=lambda: value,
        metadata={
            "unit": unit,
            "sign": "positive" if positive else "",
            "help": help,
            "default": default,
            "constraint": constraint,
        },
    )


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

    tau_m: Quantity = _field(20, "ms", "membrane time constant", positive=True)
    E_L: Quantity = _field(-70, "mV", "resting (leak reversal) potential")
    V_th: Quantity = _field(-54, "mV", "spike threshold")
    V_reset: Quantity = _field(-60, "mV", "reset potential")
    E_ex: Quantity = _field(0, "mV", "excitatory reversal potential")
    E_in: Quantity = _field(-70, "mV", "inhibitory reversal potential")
    tau_ex: Quantity = _field(5, "ms", "decay of the excitatory conductance", positive=True)
    tau_in: Quantity = _field(5, "ms", "decay of the inhibitory conductance", positive=True)

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
        for f in dataclasses.fields(self):  # each field's declared constraint
            f.metadata["constraint"].check(getattr(self, f.name), f.name, owner)
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
