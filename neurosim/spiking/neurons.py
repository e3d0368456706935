# ruff: noqa: RUF009  (``quantity_field`` is dataclasses.field with a default_factory)
"""Spiking neuron models: validated parameter sets that carry their Brian2 equations.

Each model is a frozen dataclass of Brian2 quantities.  It validates on
construction (units, signs, orderings such as ``V_reset < V_th``) and knows its
own Brian2 description: :attr:`equations`, :attr:`threshold`, :attr:`reset`,
:attr:`refractory`, :attr:`method` and :meth:`namespace`.  The simulator
(:func:`neurosim.spiking.simulate`) only assembles these pieces.

Batches of conditions
---------------------
Every parameter may be a scalar or a 1-D quantity array of length ``n`` (one value
per condition), e.g. ``LIFParameters(sigma=[0, 2, 4]*mV)``.  Scalars go into the
Brian2 namespace (:meth:`namespace`); arrays become per-neuron constants
(:meth:`per_neuron`), so a sweep over a parameter is still one network and one run.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from neurosim._validation import param_error
from neurosim.units import (
    Quantity,
    amp,
    check_quantity,
    ms,
    mV,
    nA,
    nS,
    pA,
    pF,
    quantity_field,
    unit_named,
)

__all__ = [
    "ADEX_REGIMES",
    "AdExParameters",
    "LIFParameters",
    "NeuronParameters",
    "TwoCompartmentParameters",
]

#: Brian2's base unit name per declared unit, for per-neuron constants in equations.
_BASE = {"ms": "second", "second": "second", "mV": "volt", "volt": "volt", "nA": "amp",
         "pA": "amp", "Mohm": "ohm", "nS": "siemens", "pF": "farad", "um": "metre",
         "Hz": "hertz"}  # fmt: skip


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
            example = f"{meta['default']:g}*{meta['unit']}"
            if isinstance(value, list | tuple):
                raise param_error(
                    name,
                    owner,
                    f"a Brian2 quantity (e.g. {example}), scalar or 1-D",
                    value,
                    "Multiply the array by a unit, e.g. np.array([...])*mV.",
                    cls=TypeError,
                )
            check_quantity(
                value,
                name,
                owner,
                unit_named(meta["unit"]),
                positive=meta["sign"] == "positive",
                nonnegative=meta["sign"] == "nonnegative",
                example=example,
            )
            shape = np.shape(value)
            if len(shape) > 1 or (len(shape) == 1 and shape[0] == 0):
                raise param_error(
                    name,
                    owner,
                    "a scalar or a non-empty 1-D quantity (one value per condition)",
                    f"shape {shape}",
                )
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


# ---------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------
#: Firing regimes of the AdEx model under a current step, from Naud, Marcille,
#: Clopath & Gerstner (2008), Biol Cybern 99:335, Table 1 (C, g_L, E_L, V_T,
#: Delta_T, a, tau_w, b, V_reset and the step current I used for the figure).
ADEX_REGIMES: dict[str, dict] = {
    "tonic": {
        "description": "tonic spiking: regular ISIs from the start",
        "params": dict(C=200 * pF, g_L=10 * nS, E_L=-70 * mV, V_T=-50 * mV, Delta_T=2 * mV,
                       a=2 * nS, tau_w=30 * ms, b=0 * pA, V_reset=-58 * mV),
        "current": 500 * pA,
    },
    "adapting": {
        "description": "spike-frequency adaptation: ISIs lengthen to a steady value",
        "params": dict(C=200 * pF, g_L=12 * nS, E_L=-70 * mV, V_T=-50 * mV, Delta_T=2 * mV,
                       a=2 * nS, tau_w=300 * ms, b=60 * pA, V_reset=-58 * mV),
        "current": 500 * pA,
    },
    "initial_burst": {
        "description": "initial burst: a fast burst at onset, then regular spiking",
        "params": dict(C=130 * pF, g_L=18 * nS, E_L=-58 * mV, V_T=-50 * mV, Delta_T=2 * mV,
                       a=4 * nS, tau_w=150 * ms, b=120 * pA, V_reset=-50 * mV),
        "current": 400 * pA,
    },
    "bursting": {
        "description": "regular bursting: groups of spikes separated by long pauses",
        "params": dict(C=200 * pF, g_L=10 * nS, E_L=-58 * mV, V_T=-50 * mV, Delta_T=2 * mV,
                       a=2 * nS, tau_w=120 * ms, b=100 * pA, V_reset=-46 * mV),
        "current": 210 * pA,
    },
    "delayed_accelerating": {
        "description": "delayed accelerating: a long latency, then ISIs shorten",
        "params": dict(C=200 * pF, g_L=12 * nS, E_L=-70 * mV, V_T=-50 * mV, Delta_T=2 * mV,
                       a=-10 * nS, tau_w=300 * ms, b=0 * pA, V_reset=-58 * mV),
        "current": 300 * pA,
    },
    "transient": {
        "description": "transient spiking: a few spikes at onset, then silence",
        "params": dict(C=100 * pF, g_L=10 * nS, E_L=-65 * mV, V_T=-50 * mV, Delta_T=2 * mV,
                       a=10 * nS, tau_w=90 * ms, b=100 * pA, V_reset=-47 * mV),
        "current": 180 * pA,
    },
}  # fmt: skip


@dataclass(frozen=True, eq=False)
class AdExParameters(NeuronParameters):
    r"""Adaptive exponential integrate-and-fire neuron (Brette & Gerstner 2005).

    .. math::

        C \frac{dV}{dt} &= -g_L (V - E_L) + g_L \Delta_T e^{(V - V_T)/\Delta_T} - w + I
                           + \sigma \sqrt{C g_L}\, \xi(t) \\
        \tau_w \frac{dw}{dt} &= a (V - E_L) - w

    A spike is *detected* when :math:`V > V_{peak}` (default
    :math:`V_T + 5\Delta_T`, -40.4 mV for the defaults: the exponential has taken
    over, and the exact cut changes spike times by well under a time step); then
    :math:`V \leftarrow V_{reset}` and :math:`w \leftarrow w + b`.  The noise term
    uses the LIF convention with :math:`\tau_m = C/g_L`.

    Defaults are the published values of Brette & Gerstner (2005),
    J Neurophysiol 94:3637 (a regular-spiking cortical cell).  Named firing regimes
    (Naud et al. 2008, Biol Cybern 99:335, Table 1) come from :meth:`regime`.

    Parameters
    ----------
    C : Quantity, default 281*pF
        Membrane capacitance (> 0).
    g_L : Quantity, default 30*nS
        Leak conductance (> 0).
    E_L : Quantity, default -70.6*mV
        Leak reversal potential.
    V_T : Quantity, default -50.4*mV
        Threshold (inflection) potential of the exponential.
    Delta_T : Quantity, default 2*mV
        Slope factor (> 0).
    tau_w : Quantity, default 144*ms
        Adaptation time constant (> 0).
    a : Quantity, default 4*nS
        Subthreshold adaptation conductance (may be negative).
    b : Quantity, default 0.0805*nA
        Spike-triggered adaptation increment (>= 0).
    V_reset : Quantity, default -70.6*mV
        Reset potential (= E_L in Brette & Gerstner 2005).
    V_peak : Quantity, default V_T + 5*Delta_T
        Spike-detection level (> V_reset and > V_T).
    t_ref : Quantity, default 0*ms
        Absolute refractory period (>= 0).
    sigma : Quantity, default 0*mV
        White-noise amplitude (>= 0).
    recommended_current : Quantity or None, default None
        Step current that shows the regime (set by :meth:`regime`; not a model
        parameter).
    """

    C: Quantity = quantity_field(281, "pF", "membrane capacitance", sign="positive")
    g_L: Quantity = quantity_field(30, "nS", "leak conductance", sign="positive")
    E_L: Quantity = quantity_field(-70.6, "mV", "leak reversal potential")
    V_T: Quantity = quantity_field(-50.4, "mV", "threshold (inflection) of the exponential")
    Delta_T: Quantity = quantity_field(2, "mV", "slope factor", sign="positive")
    tau_w: Quantity = quantity_field(144, "ms", "adaptation time constant", sign="positive")
    a: Quantity = quantity_field(4, "nS", "subthreshold adaptation conductance")
    b: Quantity = quantity_field(
        0.0805, "nA", "spike-triggered adaptation increment", sign="nonnegative"
    )
    V_reset: Quantity = quantity_field(-70.6, "mV", "reset potential")
    V_peak: Quantity | None = field(
        default=None,
        metadata={"unit": "mV", "sign": "", "default": -40.4,
                  "help": "spike-detection level (None: V_T + 5 Delta_T)"},
    )  # fmt: skip
    t_ref: Quantity = quantity_field(0, "ms", "absolute refractory period", sign="nonnegative")
    sigma: Quantity = quantity_field(0, "mV", "white-noise amplitude", sign="nonnegative")
    recommended_current: Quantity | None = field(default=None, repr=False)

    threshold: ClassVar[str] = "v > V_peak"
    reset: ClassVar[str] = "v = V_reset; w += b"

    def __post_init__(self):
        if self.V_peak is None:
            try:
                object.__setattr__(self, "V_peak", self.V_T + 5 * self.Delta_T)
            except Exception:  # wrong units: let the checks below name the parameter
                object.__setattr__(self, "V_peak", -40.4 * mV)
        super().__post_init__()
        if self.recommended_current is not None:
            check_quantity(self.recommended_current, "recommended_current", "AdExParameters", amp)

    def _check_relations(self) -> None:
        self._require_below("V_reset", "V_peak", "after a spike V must restart below detection")
        self._require_below("V_T", "V_peak", "the spike is detected above the exponential's onset")

    @property
    def equations(self) -> str:
        """Brian2 equations (V in volt, w in amp)."""
        noise = " + sigma*xi*sqrt(g_L/C)" if self._noisy() else ""
        return (
            "dv/dt = (-g_L*(v - E_L) + g_L*Delta_T*exp((v - V_T)/Delta_T) - w + I)/C"
            f"{noise} : volt (unless refractory)\n"
            "dw/dt = (a*(v - E_L) - w)/tau_w : amp\n"
        )

    def initial_values(self) -> dict[str, Quantity | float]:
        """At rest: V = E_L, w = 0."""
        return {"v": self.E_L, "w": 0 * nA}

    @classmethod
    def regime(cls, name: str) -> AdExParameters:
        """Parameters of a named firing regime (Naud et al. 2008, Table 1).

        Parameters
        ----------
        name : str
            One of ``"tonic"``, ``"adapting"``, ``"initial_burst"``, ``"bursting"``
            (regular bursting), ``"delayed_accelerating"``, ``"transient"``.

        Returns
        -------
        AdExParameters
            With ``recommended_current`` set to the step current of Table 1 that
            shows the regime; ``V_peak`` is ``V_T + 5*Delta_T`` = -40 mV.
        """
        if not isinstance(name, str) or name not in ADEX_REGIMES:
            listed = ", ".join(repr(k) for k in ADEX_REGIMES)
            raise param_error("name", "AdExParameters.regime", f"one of {listed}", name)
        entry = ADEX_REGIMES[name]
        return cls(**entry["params"], recommended_current=entry["current"])


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
        check_quantity(I_dendrite, "I_dendrite", "TwoCompartmentParameters.active_current", amp,
                       example="0.25*nA")  # fmt: skip
        v_d = self.E_L + self.R_d * I_dendrite
        x = np.asarray((v_d - self.theta_d) / self.k_d, dtype=float)
        with np.errstate(over="ignore"):
            m = 1 / (1 + np.exp(-x))
        h = np.exp(-np.clip(np.asarray((v_d - self.theta_d) / self.lambda_d, dtype=float), 0, None))
        return self.A_d * m * h
