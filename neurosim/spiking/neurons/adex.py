# ruff: noqa: RUF009  (``quantity_field`` is dataclasses.field with a default_factory)
"""The adaptive exponential integrate-and-fire neuron and its named firing regimes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from neurosim.core.constraints import Options, QuantityOf, validate
from neurosim.spiking.neurons.base import NeuronParameters
from neurosim.units import Quantity, ms, mV, nA, nS, pA, pF, quantity_field

__all__ = ["ADEX_REGIMES", "AdExParameters"]


#: Firing regimes of the AdEx model under a current step, from Naud, Marcille,
#: Clopath & Gerstner (2008), Biol Cybern 99:335, Table 1 (C, g_L, E_L, V_T,
#: Delta_T, a, tau_w, b, V_reset and the step current I used for the figure).
ADEX_REGIMES: dict[str, dict] = {
    "tonic": {
        "description": "tonic spiking: regular ISIs from the start",
        "params": dict(
            C=200 * pF,
            g_L=10 * nS,
            E_L=-70 * mV,
            V_T=-50 * mV,
            Delta_T=2 * mV,
            a=2 * nS,
            tau_w=30 * ms,
            b=0 * pA,
            V_reset=-58 * mV,
        ),
        "current": 500 * pA,
    },
    "adapting": {
        "description": "spike-frequency adaptation: ISIs lengthen to a steady value",
        "params": dict(
            C=200 * pF,
            g_L=12 * nS,
            E_L=-70 * mV,
            V_T=-50 * mV,
            Delta_T=2 * mV,
            a=2 * nS,
            tau_w=300 * ms,
            b=60 * pA,
            V_reset=-58 * mV,
        ),
        "current": 500 * pA,
    },
    "initial_burst": {
        "description": "initial burst: a fast burst at onset, then regular spiking",
        "params": dict(
            C=130 * pF,
            g_L=18 * nS,
            E_L=-58 * mV,
            V_T=-50 * mV,
            Delta_T=2 * mV,
            a=4 * nS,
            tau_w=150 * ms,
            b=120 * pA,
            V_reset=-50 * mV,
        ),
        "current": 400 * pA,
    },
    "bursting": {
        "description": "regular bursting: groups of spikes separated by long pauses",
        "params": dict(
            C=200 * pF,
            g_L=10 * nS,
            E_L=-58 * mV,
            V_T=-50 * mV,
            Delta_T=2 * mV,
            a=2 * nS,
            tau_w=120 * ms,
            b=100 * pA,
            V_reset=-46 * mV,
        ),
        "current": 210 * pA,
    },
    "delayed_accelerating": {
        "description": "delayed accelerating: a long latency, then ISIs shorten",
        "params": dict(
            C=200 * pF,
            g_L=12 * nS,
            E_L=-70 * mV,
            V_T=-50 * mV,
            Delta_T=2 * mV,
            a=-10 * nS,
            tau_w=300 * ms,
            b=0 * pA,
            V_reset=-58 * mV,
        ),
        "current": 300 * pA,
    },
    "transient": {
        "description": "transient spiking: a few spikes at onset, then silence",
        "params": dict(
            C=100 * pF,
            g_L=10 * nS,
            E_L=-65 * mV,
            V_T=-50 * mV,
            Delta_T=2 * mV,
            a=10 * nS,
            tau_w=90 * ms,
            b=100 * pA,
            V_reset=-47 * mV,
        ),
        "current": 180 * pA,
    },
}


#: the step current that shows a regime (a scalar: one regime)
_CURRENT = QuantityOf("nA", example="0.5*nA")


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
        metadata={
            "unit": "mV",
            "sign": "",
            "default": -40.4,
            "help": "spike-detection level (None: V_T + 5 Delta_T)",
            "constraint": QuantityOf("mV", ndim=(0, 1), example="-40.4*mV"),
        },
    )
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
            _CURRENT.check(self.recommended_current, "recommended_current", "AdExParameters")

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

    @property
    def tau_m(self) -> Quantity:
        """Membrane time constant C / g_L (the noise term's convention, above)."""
        return self.C / self.g_L

    def subthreshold_time_constants(self) -> tuple[Quantity, Quantity]:
        r"""Fast and slow relaxation times of the subthreshold AdEx near rest.

        Linearised at :math:`V = E_L` (the exponential's slope there,
        :math:`g_L e^{(E_L - V_T)/\Delta_T}`, is kept: 5e-5 g_L in the adapting regime),
        :math:`d/dt\,(V, w) = M\,(V, w)` with

        .. math::

            M = \begin{pmatrix} -g/C & -1/C \\ a/\tau_w & -1/\tau_w \end{pmatrix},
            \qquad g = g_L\,(1 - e^{(E_L - V_T)/\Delta_T}),

        and the time constants are :math:`-1/\lambda` of its two eigenvalues. The slow
        one is how long ``w`` (and so the neuron's memory of its spikes) takes to decay
        between inputs: 254.6 ms for the adapting regime of Naud et al. (2008), close to
        the adiabatic :math:`\tau_w / (1 + a/g_L)` = 257 ms. Eigenvalues that are complex
        (a damped oscillation, e.g. strong ``a``) give the decay time of their envelope.

        Returns
        -------
        (fast, slow) : tuple of Quantity
            In seconds; each the broadcast shape of the parameters.
        """
        C = np.asarray(self.C / (pA * ms / mV), dtype=float)  # pF in pA ms / mV
        g = np.asarray(self.g_L / (pA / mV), dtype=float) * (
            1 - np.exp(np.asarray((self.E_L - self.V_T) / self.Delta_T, dtype=float))
        )
        a = np.asarray(self.a / (pA / mV), dtype=float)
        tau_w = np.asarray(self.tau_w / ms, dtype=float)
        C, g, a, tau_w = np.broadcast_arrays(C, g, a, tau_w)
        M = np.stack(
            [np.stack([-g / C, -1 / C], axis=-1), np.stack([a / tau_w, -1 / tau_w], axis=-1)],
            axis=-2,
        )
        rates = np.sort(np.linalg.eigvals(M).real, axis=-1)  # most negative first
        return (-1 / rates[..., 0]) * ms, (-1 / rates[..., 1]) * ms

    @classmethod
    @validate(name=Options(*ADEX_REGIMES))
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
        entry = ADEX_REGIMES[name]
        return cls(**entry["params"], recommended_current=entry["current"])
