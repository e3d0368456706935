# ruff: noqa: RUF009  (``_q`` below is dataclasses.field with a default_factory)
r"""Spike-timing-dependent plasticity (STDP): a local, unsupervised learning rule.

Pair-based *additive* STDP with hard bounds, as in Song, Miller & Abbott (2000),
"Competitive Hebbian learning through spike-timing-dependent synaptic
plasticity", Nature Neuroscience 3:919-926.  A synapse changes only from the
timing of its own presynaptic spikes and of the postsynaptic neuron's spikes:
no error signal, no backward pass, no knowledge of any other synapse.

The rule, for a pair with lag :math:`\Delta = t_{post} - t_{pre}`:

.. math::

    \frac{\Delta w}{w_{max}} =
    \begin{cases}
        +A_+ \, e^{-\Delta/\tau_{pre}}  & \Delta \ge 0 \text{ (pre before post: potentiation)} \\
        -A_- \, e^{+\Delta/\tau_{post}} & \Delta < 0 \text{ (post before pre: depression)}
    \end{cases}

summed over all pairs (all-to-all), with :math:`w` clipped to :math:`[0, w_{max}]`
after every change.  It is implemented with two decaying traces per synapse
(decaying exactly between spikes: each event first advances them from the
synapse's previous event)::

    dApre/dt  = -Apre / tau_pre
    dApost/dt = -Apost / tau_post
    on a presynaptic spike:   Apre += dApre;   w = clip(w + Apost, 0, w_max)
    on a postsynaptic spike:  Apost += dApost; w = clip(w + Apre, 0, w_max)

with ``dApre = A_plus * w_max`` and ``dApost = -A_minus * w_max``.  A pre and a
post spike in the same time step count as pre before post (:math:`\Delta = 0`,
potentiation): Brian2 runs the presynaptic pathway first.

The postsynaptic neuron is Song et al.'s conductance-based integrate-and-fire
neuron (:class:`ConductanceLIFParameters`), driven by excitatory Poisson inputs
through the plastic synapses and by a fixed inhibitory Poisson background.
Conductances are in units of the leak conductance, as in the paper.

Because :math:`A_- \tau_{post} > A_+ \tau_{pre}`, uncorrelated pre and post spikes
depress on average; only synapses whose spikes help *cause* postsynaptic spikes
are strengthened.  The synapses compete for control of the postsynaptic spike
times, the weights split into a bimodal distribution (most near 0 or near
``w_max``), and inputs that fire together win over inputs that do not (Song et
al. 2000; Kempter, Gerstner & van Hemmen 1999, Phys Rev E 59:4498).

Speed-up: what :func:`stdp_experiment` uses instead of the paper's values
--------------------------------------------------------------------------
With the published parameters the weights need hundreds to thousands of seconds
of simulated time to split.  The reason is a drift-against-noise race: random
(uncorrelated) pre/post pairs move each weight by :math:`\pm A` at a rate
:math:`\sim r_{pre} r_{post} \tau`, a random walk, while the depression bias
:math:`\varepsilon = A_-\tau_{post}/(A_+\tau_{pre}) - 1` pulls it down
steadily.  After a time :math:`T` the drift beats the noise by
:math:`\approx \varepsilon \sqrt{r_{pre} r_{post} \tau T / 2}`, *whatever* the
learning rate :math:`A` (a larger :math:`A` is faster but just as noisy).  With
:math:`\varepsilon = 0.05` (Song et al.) and 10-40 Hz this ratio reaches ~5 only
after ~10^3 s.  To get a clean split in the ~10 s a lecture figure can afford
(about 10 s of computing with the numpy target), :func:`stdp_experiment`'s
defaults change:

=====================  =================================  ===============================
quantity               Song, Miller & Abbott (2000)       ``stdp_experiment`` defaults
=====================  =================================  ===============================
excitatory inputs      1000, Poisson, 10-40 Hz            200, Poisson, 40 Hz
w_max                  0.015 (x leak conductance)         0.01875: same maximal total drive
                                                          ``n_inputs * rate * w_max``
                                                          as 1000 inputs at 10 Hz
A_plus                 0.005                              0.01
A_minus / A_plus       1.05                               1.3 (epsilon 0.3, not 0.05)
tau_pre = tau_post     20 ms                              20 ms
correlated inputs      half of them in some runs          half, pairwise c = 0.5
                                                          (shared source)
inhibition             200 inputs at 10 Hz, g = 0.05      the same
neuron                 see ConductanceLIFParameters       the same
simulated time         ~10^2-10^3 s                       10 s
=====================  =================================  ===============================

With these settings (measured, seed 0, one neuron) the correlated group's mean
weight is 0.99 and the uncorrelated group's 0.04 after 10 s, and 95 % of the
weights lie within 0.1 w_max of a bound (81 % after 5 s).  The stronger
depression bias (1.3) is what makes the uncorrelated weights fall that fast:
with the paper's 1.05 and everything else equal, their mean is still 0.35
after 10 s (from 0.5) while the neuron fires at 87 Hz.  Without any correlated
inputs, the purely competitive split of Song et al. is out of reach in
seconds: at these settings the neuron then fires at 0.4 Hz and the fraction
of weights near a bound is 23.5 % after 30 s, as at the start.
:meth:`STDPParameters.fast` gives the sped-up rule for any number of inputs
and rate.

How long the published rule needs at these settings (200 inputs at 40 Hz, w_max
as above, Song et al.'s A+ = 0.005 and A-/A+ = 1.05, dt = 1 ms, compiled runs;
:mod:`neurosim.spiking.stdp_conditions` gives the table): with a correlated half, most
weights sit at a bound within a minute; with no correlated inputs, each neuron
passes 75 % of its weights within 0.1 w_max of a bound after 5-20 min of
simulated time and settles near 80-84 %, both bounds held, as Song et al. found.

Randomness: every random draw (input spike trains, initial weights, inhibitory
background) comes from ``np.random.default_rng(seed)``.  Same seed, identical
weights.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from neurosim.core.constraints import COUNT, POSITIVE, Interval, QuantityOf, validate
from neurosim.core.validation import check_number, param_error
from neurosim.units import Hz, Quantity, check_quantity, ms, second

if TYPE_CHECKING:  # the neuron's module imports this one's helpers
    from neurosim.spiking.neurons.conductance import ConductanceLIFParameters

__all__ = ["STDPParameters", "STDPResult"]

#: Song et al.'s w_max, and their number of inputs x rate (1000 x 10 Hz), for scaling.
_SONG_W_MAX = 0.015
_SONG_DRIVE = 1000 * 10.0


def _declared(default, constraint, *, factory: bool = False):
    """A field and its constraint (in its metadata, as :func:`neurosim.units.quantity_field`
    declares a neuron model's), checked when the rule is built."""
    if factory:
        return field(default_factory=lambda: default, metadata={"constraint": constraint})
    return field(default=default, metadata={"constraint": constraint})


_TAU = QuantityOf("ms", POSITIVE, example="20*ms")


def _scalar_quantity(value, name: str, owner: str, unit, example: str, **signs):
    check_quantity(value, name, owner, unit, example=example, **signs)
    if np.ndim(value) != 0:
        raise param_error(name, owner, f"a scalar quantity (e.g. {example})", value)
    return value


@dataclass(frozen=True, eq=False)
class STDPParameters:
    r"""Pair-based additive STDP with hard bounds (Song, Miller & Abbott 2000).

    .. math::

        \frac{dA_{pre}}{dt} = -\frac{A_{pre}}{\tau_{pre}}, \qquad
        \frac{dA_{post}}{dt} = -\frac{A_{post}}{\tau_{post}}

    On a presynaptic spike: ``Apre += A_plus * w_max; w = clip(w + Apost, 0, w_max)``.
    On a postsynaptic spike: ``Apost -= A_minus * w_max; w = clip(w + Apre, 0, w_max)``.
    A single pair with lag :math:`\Delta = t_{post} - t_{pre}` changes the weight by
    :math:`w_{max} A_+ e^{-\Delta/\tau_{pre}}` if :math:`\Delta \ge 0`, else by
    :math:`-w_{max} A_- e^{\Delta/\tau_{post}}` (see :meth:`window`).

    Parameters
    ----------
    tau_pre : Quantity, default 20*ms
        Decay time of the presynaptic trace: width of the potentiation side of the
        window (Song et al.'s :math:`\tau_+`).
    tau_post : Quantity, default 20*ms
        Decay time of the postsynaptic trace: width of the depression side
        (:math:`\tau_-`).
    A_plus : float, default 0.005
        Peak potentiation per pair, as a fraction of ``w_max`` (0 < A_plus <= 1).
    A_minus_ratio : float, default 1.05
        :math:`A_-/A_+`.  With equal time constants a ratio slightly above 1 makes
        uncorrelated firing depress on average, which keeps the postsynaptic rate
        in check (Song et al.).
    w_max : float, default 0.015
        Upper bound of the peak synaptic conductance, in units of the
        postsynaptic neuron's leak conductance (Song et al.'s :math:`\bar g_{max}`).

    Notes
    -----
    The defaults are the published values of Song et al. (2000).  At these
    values the weights need hundreds to thousands of seconds of simulated time
    to settle; :meth:`fast` and the module docstring give the faster settings
    that :func:`stdp_experiment` uses by default.
    """

    tau_pre: Quantity = _declared(20 * ms, _TAU, factory=True)
    tau_post: Quantity = _declared(20 * ms, _TAU, factory=True)
    A_plus: float = _declared(0.005, Interval(0, 1, closed="right"))
    A_minus_ratio: float = _declared(1.05, POSITIVE)
    w_max: float = _declared(0.015, POSITIVE)

    #: Brian2 model of the synapse. The traces decay exactly between events: each event
    #: first advances both from ``t_last`` (the synapse's previous event) to ``t``. This
    #: is what Brian2's ``(event-driven)`` equations generate, written out: Brian2 would
    #: solve the two linear equations symbolically (a sympy Jordan form), which cost
    #: 0.9 s of code generation per run (measured).
    equations = "w : 1\nApre : 1\nApost : 1\nt_last : second\n"
    _advance = (
        "Apre = Apre * exp((t_last - t) / tau_pre)\n"
        "Apost = Apost * exp((t_last - t) / tau_post)\n"
        "t_last = t\n"
    )
    #: Brian2 code run on a presynaptic spike (after transmission, if any).
    on_pre = _advance + "Apre += dApre\nw = clip(w + Apost, 0, w_max)"
    #: Brian2 code run on a postsynaptic spike.
    on_post = _advance + "Apost += dApost\nw = clip(w + Apre, 0, w_max)"

    def __post_init__(self):
        owner = "STDPParameters"
        for f in dataclasses.fields(self):  # each field's declared constraint
            value = f.metadata["constraint"].check(getattr(self, f.name), f.name, owner)
            if not isinstance(value, Quantity):
                object.__setattr__(self, f.name, value)

    @property
    def A_minus(self) -> float:
        """Peak depression per pair, as a fraction of ``w_max`` (``A_minus_ratio * A_plus``)."""
        return self.A_minus_ratio * self.A_plus

    @property
    def window_integral(self) -> Quantity:
        r"""Area of the window per ``w_max``: :math:`A_+\tau_{pre} - A_-\tau_{post}`.

        Negative means uncorrelated pre and post spikes depress on average.
        """
        return self.A_plus * self.tau_pre - self.A_minus * self.tau_post

    def window(self, delta_t) -> np.ndarray:
        r"""Weight change of one isolated pair, in units of ``w_max``.

        Parameters
        ----------
        delta_t : Quantity
            Lag(s) :math:`\Delta = t_{post} - t_{pre}`; positive means pre before post.

        Returns
        -------
        ndarray
            :math:`A_+ e^{-\Delta/\tau_{pre}}` for :math:`\Delta \ge 0`, else
            :math:`-A_- e^{\Delta/\tau_{post}}` (no clipping).
        """
        check_quantity(delta_t, "delta_t", "STDPParameters.window", second, example="10*ms")
        d = np.asarray(delta_t / second, dtype=float)
        tp, tm = float(self.tau_pre / second), float(self.tau_post / second)
        return np.where(
            d >= 0,
            self.A_plus * np.exp(-np.abs(d) / tp),
            -self.A_minus * np.exp(-np.abs(d) / tm),
        )

    def namespace(self) -> dict:
        """Constants of :attr:`equations`, :attr:`on_pre` and :attr:`on_post`."""
        return {
            "tau_pre": self.tau_pre,
            "tau_post": self.tau_post,
            "w_max": self.w_max,
            "dApre": self.A_plus * self.w_max,
            "dApost": -self.A_minus * self.w_max,
        }

    @classmethod
    @validate(n_inputs=COUNT, rate=QuantityOf("Hz", POSITIVE, example="40*Hz"))
    def fast(cls, *, n_inputs: int = 200, rate=40 * Hz) -> STDPParameters:
        """The sped-up rule of :func:`stdp_experiment` (see the module docstring).

        ``A_plus = 0.01``, ``A_minus_ratio = 1.3`` and ``w_max`` scaled so that
        ``n_inputs * rate * w_max`` equals Song et al.'s 1000 inputs x 10 Hz x 0.015.

        Parameters
        ----------
        n_inputs : int, default 200
            Number of plastic inputs the neuron will get.
        rate : Quantity, default 40*Hz
            Their rate.
        """
        w_max = _SONG_W_MAX * _SONG_DRIVE / (n_inputs * float(rate / Hz))
        return cls(A_plus=0.01, A_minus_ratio=1.3, w_max=w_max)

    def replace(self, **changes) -> STDPParameters:
        """A copy with some parameters changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def on_grid(self, dt) -> STDPParameters:
        r"""This rule for a time grid of step ``dt``, with its depression bias kept.

        On a grid every spike sits on a step, and a pre and a post spike in the same
        step count as pre before post (:math:`\Delta = 0`: potentiation).  Summed over
        the lags :math:`k\,dt`, the window's potentiation side is
        :math:`A_+ / (1 - q)` and its depression side :math:`A_- q / (1 - q)`, with
        :math:`q = e^{-dt/\tau}`: their ratio is :math:`q A_-/A_+`, smaller than the
        stated :math:`A_-/A_+`.  The copy returned has ``A_minus_ratio / q``, so that
        its grid's ratio is this rule's ``A_minus_ratio``.

        Parameters
        ----------
        dt : Quantity
            The simulation's time step, > 0.

        Raises
        ------
        ValueError
            If ``tau_pre`` and ``tau_post`` differ (then the two sides' sums have
            different denominators and no single ratio is kept).
        """
        owner = "STDPParameters.on_grid"
        _scalar_quantity(dt, "dt", owner, second, "1*ms", positive=True)
        if self.tau_pre != self.tau_post:
            raise param_error(
                "tau_post",
                owner,
                f"equal to tau_pre ({self.tau_pre})",
                self.tau_post,
                "The grid correction keeps A-/A+ for one time constant.",
            )
        q = float(np.exp(-float(dt / self.tau_post)))
        return self.replace(A_minus_ratio=self.A_minus_ratio / q)


# ---------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class STDPResult:
    """Weights before, during and after STDP: plain arrays only.

    Weights are in units of ``w_max`` (0 = silent synapse, 1 = at the bound).

    Attributes
    ----------
    w_initial : ndarray
        Weights at t = 0, ``(n_neurons, n_inputs)``.
    w_final : ndarray
        Weights at the end of the run, ``(n_neurons, n_inputs)``.
    correlated : ndarray of bool
        ``(n_inputs,)`` (or ``(n_neurons, n_inputs)`` when each replica has its own
        ``correlated_fraction``): True for the inputs of the correlated group (the same
        inputs in every neuron).
    snapshot_times : Quantity
        ``(n_snapshots,)``: 0, ``record_every``, 2 ``record_every``, ..., and the end.
    w_snapshots : ndarray
        ``(n_snapshots, n_neurons, n_inputs)``: the weights at those times
        (first = ``w_initial``, last = ``w_final``).
    output_rates : Quantity
        ``(n_snapshots - 1, n_neurons)``: postsynaptic rate between consecutive
        snapshots, in Hz.
    output_rate : Quantity
        ``(n_neurons,)``: postsynaptic rate over the whole run, in Hz.
    input_rate : Quantity
        Mean measured rate of the excitatory inputs, in Hz.
    duration, dt : Quantity
        Simulated time and time step.
    params : STDPParameters
        The plasticity rule (a tuple of them, one per replica, if several were given).
    neuron : ConductanceLIFParameters
        The postsynaptic neuron.
    correlation : float
        Pairwise correlation coefficient within the correlated group.
    """

    w_initial: np.ndarray
    w_final: np.ndarray
    correlated: np.ndarray
    snapshot_times: Quantity
    w_snapshots: np.ndarray
    output_rates: Quantity
    output_rate: Quantity
    input_rate: Quantity
    duration: Quantity
    dt: Quantity
    params: STDPParameters | tuple
    neuron: ConductanceLIFParameters
    correlation: float

    @property
    def n_neurons(self) -> int:
        """Number of independent postsynaptic neurons (replicas)."""
        return self.w_final.shape[0]

    @property
    def n_inputs(self) -> int:
        """Number of plastic excitatory inputs per neuron."""
        return self.w_final.shape[1]

    def fractions_near_bounds(self, tol: float = 0.1, *, final: bool = True) -> tuple[float, float]:
        """Fractions of weights within ``tol`` (in units of ``w_max``) of 0 and of ``w_max``.

        Parameters
        ----------
        tol : float, default 0.1
            Distance from the bound, in units of ``w_max`` (0 < tol < 0.5).
        final : bool, default True
            Final weights (True) or initial weights (False).

        Returns
        -------
        (near_zero, near_max) : tuple of float
        """
        tol = check_number(
            tol, "tol", "STDPResult.fractions_near_bounds", low=0.0, high=0.5, high_inclusive=False
        )
        w = self.w_final if final else self.w_initial
        return float(np.mean(w <= tol)), float(np.mean(w >= 1.0 - tol))

    def group_means(self, *, final: bool = True) -> tuple[float, float]:
        """Mean weight (units of ``w_max``) of the correlated and the uncorrelated inputs.

        Returns
        -------
        (correlated, uncorrelated) : tuple of float
            NaN for an empty group.
        """
        w = self.w_final if final else self.w_initial
        mask = np.broadcast_to(self.correlated, w.shape)
        corr = w[mask]
        unc = w[~mask]
        return (
            float(corr.mean()) if corr.size else float("nan"),
            float(unc.mean()) if unc.size else float("nan"),
        )

    def near_bounds_course(self, tol: float = 0.1, *, neurons=slice(None)) -> np.ndarray:
        """Share of weights within ``tol`` (units of ``w_max``) of 0 or ``w_max``, per snapshot.

        Parameters
        ----------
        tol : float, default 0.1
            Distance from a bound, in units of ``w_max`` (0 < tol < 0.5).
        neurons : slice or index array, default all
            The replicas pooled (e.g. the neurons of one condition).

        Returns
        -------
        ndarray
            ``(n_snapshots,)``: fractions in [0, 1]; uniform initial weights start
            near ``2 tol``.
        """
        tol = check_number(
            tol, "tol", "STDPResult.near_bounds_course", low=0.0, high=0.5, high_inclusive=False
        )
        w = self.w_snapshots[:, neurons, :]
        return ((w <= tol) | (w >= 1 - tol)).mean(axis=(1, 2))

    def group_mean_course(self, *, neurons=slice(None)) -> tuple[np.ndarray, np.ndarray]:
        """Mean weight (units of ``w_max``) of the correlated and the uncorrelated inputs,
        per snapshot, pooled over ``neurons`` (replicas that share one correlated group).

        Returns
        -------
        (correlated, uncorrelated) : tuple of ndarray
            Each ``(n_snapshots,)``; all NaN for an empty group.
        """
        groups = np.broadcast_to(self.correlated, self.w_final.shape)[neurons]
        if groups.ndim == 2:
            if not np.all(groups == groups[0]):
                raise param_error(
                    "neurons",
                    "STDPResult.group_mean_course",
                    "replicas that share one correlated group",
                    neurons,
                    "Ask for the replicas of one condition at a time.",
                )
            groups = groups[0]
        w = self.w_snapshots[:, neurons, :]
        nan = np.full(w.shape[0], np.nan)
        corr = w[:, :, groups].mean(axis=(1, 2)) if groups.any() else nan
        unc = w[:, :, ~groups].mean(axis=(1, 2)) if (~groups).any() else nan
        return corr, unc

    def __repr__(self) -> str:
        near0, near1 = self.fractions_near_bounds()
        return (
            f"STDPResult(n_neurons={self.n_neurons}, n_inputs={self.n_inputs}, "
            f"duration={self.duration}, near 0: {near0:.0%}, near w_max: {near1:.0%}, "
            f"output rate {float(np.mean(self.output_rate / Hz)):.1f} Hz)"
        )
