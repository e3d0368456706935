"""The common machinery of the neuron models: declared quantities, batches, Brian2 pieces."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from neurosim.core.validation import param_error
from neurosim.units import Quantity, mV

__all__ = ["NeuronParameters", "quantity_fields"]


#: Brian2's base unit name per declared unit, for per-neuron constants in equations.
_BASE = {
    "ms": "second",
    "second": "second",
    "mV": "volt",
    "volt": "volt",
    "nA": "amp",
    "pA": "amp",
    "Mohm": "ohm",
    "nS": "siemens",
    "pF": "farad",
    "um": "metre",
    "Hz": "hertz",
}


def quantity_fields(cls) -> list[dataclasses.Field]:
    """The fields of a neuron model that hold declared quantities (unit, sign, help)."""
    return [f for f in dataclasses.fields(cls) if "unit" in f.metadata]


@dataclass(frozen=True, eq=False)
class NeuronParameters:
    """Common machinery of the neuron parameter sets (not used directly).

    Subclasses declare every physical parameter once, as a field made by
    :func:`neurosim.units.quantity_field` (default, unit, sign, one line of help);
    validation, per-condition batches and a comparison's explorable parameters all
    read that declaration.
    """

    #: Name of the somatic membrane potential and of the input-current variable per compartment.
    compartments: ClassVar[tuple[str, ...]] = ("soma",)
    default_compartment: ClassVar[str] = "soma"
    #: compartment -> the current variable a stimulus adds to, and the voltage an input
    #: spike makes jump (public: the engine's translation reads them)
    input_current: ClassVar[dict[str, str]] = {"soma": "I"}
    input_voltage: ClassVar[dict[str, str]] = {"soma": "v"}

    def __post_init__(self):
        owner = type(self).__name__
        n = None
        for f in quantity_fields(type(self)):
            name, meta = f.name, f.metadata
            value = getattr(self, name)
            # the field's declared constraint (quantity_field): unit, range, scalar or 1-D
            meta["constraint"].check(value, name, owner)
            shape = np.shape(value)
            if len(shape) == 1:
                if n is not None and shape[0] != n:
                    raise param_error(
                        name,
                        owner,
                        f"of length {n} like the other per-condition parameters",
                        f"length {shape[0]}",
                    )
                n = shape[0]
        self._check_relations()

    # -- validation helpers --------------------------------------------------------
    def _check_relations(self) -> None:
        """Cross-parameter constraints (overridden)."""

    def _require_below(self, low: str, high: str, why: str = "") -> None:
        a, b = getattr(self, low), getattr(self, high)
        if not np.all(np.asarray(a) < np.asarray(b)):
            raise param_error(
                low,
                type(self).__name__,
                f"below {high} = {b}" + (f" ({why})" if why else ""),
                a,
            )

    # -- batch ----------------------------------------------------------------------
    @property
    def n(self) -> int | None:
        """Number of conditions if any parameter is an array, else ``None``."""
        for f in quantity_fields(type(self)):
            shape = np.shape(getattr(self, f.name))
            if len(shape) == 1:
                return shape[0]
        return None

    def namespace(self) -> dict[str, Quantity]:
        """The scalar constants of the model, for Brian2's ``namespace=``.

        Array-valued (per-condition) parameters are not in it; see :meth:`per_neuron`.
        """
        names = [f.name for f in quantity_fields(type(self))]
        return {name: getattr(self, name) for name in names if np.ndim(getattr(self, name)) == 0}

    def per_neuron(self) -> dict[str, tuple[Quantity, str]]:
        """Array-valued parameters: ``name -> (values per condition, Brian2 unit string)``."""
        return {
            f.name: (getattr(self, f.name), _BASE[f.metadata["unit"]])
            for f in quantity_fields(type(self))
            if np.ndim(getattr(self, f.name)) == 1
        }

    def _noisy(self) -> bool:
        return bool(np.any(np.asarray(getattr(self, "sigma", 0 * mV)) != 0))

    # -- Brian2 description (overridden) -------------------------------------------
    @property
    def equations(self) -> str:
        """Brian2 model equations with units; ``I`` is the input current."""
        raise NotImplementedError

    threshold: ClassVar[str] = "v > V_th"
    reset: ClassVar[str] = "v = V_reset"
    refractory: ClassVar[str | bool] = "t_ref"

    @property
    def method(self) -> str:
        """Brian2 integration method."""
        return "euler"

    def initial_values(self) -> dict[str, Quantity | float]:
        """State at t = 0 (at rest)."""
        return {"v": self.E_L}

    def replace(self, **changes) -> NeuronParameters:
        """A copy with some parameters changed (validated again)."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise param_error(
                unknown[0],
                f"{type(self).__name__}.replace",
                f"one of its fields ({', '.join(sorted(known))})",
                changes[unknown[0]],
                cls=TypeError,
            )
        return dataclasses.replace(self, **changes)
