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
(integrated exactly between spikes, Brian2 ``event-driven``)::

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

Randomness: every random draw (input spike trains, initial weights, inhibitory
background) comes from ``np.random.default_rng(seed)``.  Same seed, identical
weights.
"""

from __future__ import annotations

import dataclasses
import numbers
from dataclasses import dataclass, field

import numpy as np
from scipy.signal import lfilter

from neurosim._validation import check_int, check_number, check_seed, param_error
from neurosim.spiking.backend import resolve_target
from neurosim.spiking.engine import Engine
from neurosim.units import Hz, Quantity, check_quantity, ms, mV, second, volt

__all__ = [
    "ConductanceLIFParameters",
    "STDPParameters",
    "STDPResult",
    "shared_source_trains",
    "stdp_experiment",
    "stdp_window",
]

_PREFIX = "neurosim_stdp"

#: Song et al.'s w_max, and their number of inputs x rate (1000 x 10 Hz), for scaling.
_SONG_W_MAX = 0.015
_SONG_DRIVE = 1000 * 10.0


def _q(value):
    """A dataclass default for a Brian2 quantity (quantities are unhashable)."""
    return field(default_factory=lambda: value)


def _scalar_quantity(value, name: str, owner: str, unit, example: str, **signs):
    check_quantity(value, name, owner, unit, example=example, **signs)
    if np.ndim(value) != 0:
        raise param_error(name, owner, f"a scalar quantity (e.g. {example})", value)
    return value


# ---------------------------------------------------------------------------------
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

    tau_pre: Quantity = _q(20 * ms)
    tau_post: Quantity = _q(20 * ms)
    A_plus: float = 0.005
    A_minus_ratio: float = 1.05
    w_max: float = 0.015

    #: Brian2 model of the synapse (traces integrated exactly between events).
    equations = (
        "w : 1\n"
        "dApre/dt = -Apre / tau_pre : 1 (event-driven)\n"
        "dApost/dt = -Apost / tau_post : 1 (event-driven)\n"
    )
    #: Brian2 code run on a presynaptic spike (after transmission, if any).
    on_pre = "Apre += dApre\nw = clip(w + Apost, 0, w_max)"
    #: Brian2 code run on a postsynaptic spike.
    on_post = "Apost += dApost\nw = clip(w + Apre, 0, w_max)"

    def __post_init__(self):
        owner = "STDPParameters"
        _scalar_quantity(self.tau_pre, "tau_pre", owner, second, "20*ms", positive=True)
        _scalar_quantity(self.tau_post, "tau_post", owner, second, "20*ms", positive=True)
        object.__setattr__(
            self, "A_plus", check_number(self.A_plus, "A_plus", owner, low=0.0, high=1.0)
        )
        object.__setattr__(
            self,
            "A_minus_ratio",
            check_number(self.A_minus_ratio, "A_minus_ratio", owner, low=0.0),
        )
        object.__setattr__(self, "w_max", check_number(self.w_max, "w_max", owner, low=0.0))

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
        n_inputs = check_int(n_inputs, "n_inputs", "STDPParameters.fast", low=1)
        _scalar_quantity(rate, "rate", "STDPParameters.fast", Hz, "40*Hz", positive=True)
        w_max = _SONG_W_MAX * _SONG_DRIVE / (n_inputs * float(rate / Hz))
        return cls(A_plus=0.01, A_minus_ratio=1.3, w_max=w_max)

    def replace(self, **changes) -> STDPParameters:
        """A copy with some parameters changed (validated again)."""
        return dataclasses.replace(self, **changes)


# ---------------------------------------------------------------------------------
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

    def __repr__(self) -> str:
        near0, near1 = self.fractions_near_bounds()
        return (
            f"STDPResult(n_neurons={self.n_neurons}, n_inputs={self.n_inputs}, "
            f"duration={self.duration}, near 0: {near0:.0%}, near w_max: {near1:.0%}, "
            f"output rate {float(np.mean(self.output_rate / Hz)):.1f} Hz)"
        )


# ---------------------------------------------------------------------------------
def _check_steps(value, name: str, owner: str, dt) -> int:
    _scalar_quantity(value, name, owner, second, "10*second", positive=True)
    ratio = float(value / dt)
    steps = round(ratio)
    if steps < 1 or abs(ratio - steps) > 1e-6 * max(ratio, 1.0):
        raise param_error(
            name,
            owner,
            f"a whole number of time steps dt = {dt}",
            value,
            f"Use e.g. {max(steps, 1) * float(dt / ms):g}*ms.",
        )
    return steps


def shared_source_trains(
    n_inputs: int,
    rate,
    duration,
    *,
    n_correlated: int = 0,
    correlation: float = 0.0,
    dt=0.1 * ms,
    seed: int | np.random.Generator = 0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Poisson spike trains, a group of them correlated through a shared source.

    Inputs ``0 .. n_correlated - 1`` share a common reference Poisson train of
    rate ``rate``: each copies every reference spike with probability
    :math:`\sqrt{c}` and adds independent Poisson spikes at rate
    :math:`(1-\sqrt{c})\,r`.  Every input then fires at rate :math:`r`, and two
    correlated inputs share spikes at rate :math:`c\,r`, so the correlation
    coefficient of their spike counts in small bins is :math:`c` (zero-lag
    synchrony; the shared-source construction used for STDP by e.g. Kempter et al.
    1999 and Gütig et al. 2003, J Neurosci 23:3697).  The other inputs are
    independent Poisson trains of rate :math:`r`.

    Parameters
    ----------
    n_inputs : int
        Number of inputs (>= 1).
    rate : Quantity
        Rate of every input (> 0 Hz).
    duration : Quantity
        Length of the trains.
    n_correlated : int, default 0
        Size of the correlated group (0 <= n_correlated <= n_inputs).
    correlation : float, default 0
        Pairwise correlation coefficient :math:`c` in [0, 1] within the group.
    dt : Quantity, default 0.1*ms
        Spike times are put on the grid ``k * dt`` (as a simulation with time step
        ``dt`` would see them); two spikes of one input in one step are merged,
        which removes a fraction of about ``rate * dt / 2`` of the spikes.
    seed : int or numpy Generator, default 0
        Source of randomness.

    Returns
    -------
    (indices, times) : ndarray of int, Quantity
        Input index and time of every spike, sorted by time then index.
    """
    owner = "shared_source_trains"
    n_inputs = check_int(n_inputs, "n_inputs", owner, low=1)
    _scalar_quantity(rate, "rate", owner, Hz, "10*Hz", positive=True)
    _scalar_quantity(dt, "dt", owner, second, "0.1*ms", positive=True)
    n_steps = _check_steps(duration, "duration", owner, dt)
    n_correlated = check_int(n_correlated, "n_correlated", owner, low=0)
    if n_correlated > n_inputs:
        raise param_error("n_correlated", owner, f"at most n_inputs = {n_inputs}", n_correlated)
    c = check_number(correlation, "correlation", owner, low=0.0, high=1.0, low_inclusive=True)
    rng = (
        seed
        if isinstance(seed, np.random.Generator)
        else np.random.default_rng(check_seed(seed, "seed", owner))
    )
    return _trains(rng, n_inputs, float(rate / Hz), n_steps, float(dt / second), n_correlated, c)


def _trains(rng, n_inputs, rate, n_steps, dt, n_correlated, c):
    """Spike trains on the step grid: (indices, step numbers) -> (indices, times)."""
    duration = n_steps * dt
    s = np.sqrt(c)
    own_rate = np.full(n_inputs, rate)
    own_rate[:n_correlated] *= 1.0 - s
    counts = rng.poisson(own_rate * duration)
    idx = np.repeat(np.arange(n_inputs, dtype=np.int64), counts)
    steps = rng.integers(0, n_steps, size=idx.size)
    if n_correlated and s > 0:
        ref = rng.integers(0, n_steps, size=rng.poisson(rate * duration))
        keep = rng.random((n_correlated, ref.size)) < s
        who, which = np.nonzero(keep)
        idx = np.concatenate([idx, who.astype(np.int64)])
        steps = np.concatenate([steps, ref[which]])
    key = np.unique(steps * n_inputs + idx)  # sorted by step then input; merges duplicates
    return key % n_inputs, (key // n_inputs) * dt * second


#: Per-synapse constants of the rule, when replicas learn with different rules.
_PER_SYNAPSE = "dApre : 1 (constant)\ndApost : 1 (constant)\nw_max : 1 (constant)\n"


def _plastic_synapses(engine, source, target, params: STDPParameters, *, transmit: str, label,
                      per_synapse=False, i=None, j=None):  # fmt: skip
    on_pre = (transmit + "\n" if transmit else "") + params.on_pre
    return engine.synapses(
        source,
        target,
        label=label,
        model=params.equations + (_PER_SYNAPSE if per_synapse else ""),
        on_pre=on_pre,
        on_post=params.on_post,
        i=i,
        j=j,
    )


def _check_params(params, name: str, owner: str, cls):
    if params is None:
        return cls()
    if not isinstance(params, cls):
        raise param_error(name, owner, f"a {cls.__name__}", params, cls=TypeError)
    return params


def stdp_window(
    delta_t,
    *,
    params: STDPParameters | None = None,
    w_start: float = 0.5,
    dt=0.1 * ms,
    target: str | None = None,
) -> np.ndarray:
    r"""Measure the STDP window in Brian2: one isolated pre/post pair per lag.

    Every lag is its own synapse between a presynaptic and a postsynaptic spike
    source (spike generators, so the post spike time is imposed), all in one run.
    The synapses use exactly the model of :func:`stdp_experiment`.

    Parameters
    ----------
    delta_t : Quantity
        Lags :math:`\Delta = t_{post} - t_{pre}` (1-D or scalar), rounded to the grid
        ``k * dt``; positive = pre before post.
    params : STDPParameters, default STDPParameters()
        The rule.
    w_start : float, default 0.5
        Initial weight in units of ``w_max`` (0..1); away from the bounds so that
        clipping does not hide the change.
    dt : Quantity, default 0.1*ms
        Time step.
    target : {"numpy", "cython"} or None
        Code-generation target.

    Returns
    -------
    ndarray
        Weight change per lag, in units of ``w_max``; equals
        ``params.window(delta_t)`` unless a bound was reached.
    """
    owner = "stdp_window"
    params = _check_params(params, "params", owner, STDPParameters)
    check_quantity(delta_t, "delta_t", owner, second, example="10*ms")
    _scalar_quantity(dt, "dt", owner, second, "0.1*ms", positive=True)
    w_start = check_number(w_start, "w_start", owner, low=0.0, high=1.0, low_inclusive=True)
    target = resolve_target(target, owner)
    lags = np.round(np.atleast_1d(np.asarray(delta_t / dt, dtype=float))).astype(np.int64)
    if lags.ndim != 1:
        raise param_error("delta_t", owner, "a scalar or 1-D quantity", delta_t)
    n = lags.size
    dt_s = float(dt / second)
    # the earlier spike of each pair at step t0, the later one |lag| steps after
    t0 = 10
    pre_steps = np.where(lags >= 0, t0, t0 - lags)
    post_steps = np.where(lags >= 0, t0 + lags, t0)
    n_steps = int(max(pre_steps.max(), post_steps.max())) + 2
    with Engine(dt=dt, target=target, name=f"{_PREFIX}_window", owner=owner) as engine:
        pre = engine.spike_generator(n, np.arange(n), pre_steps * dt, label="pre")
        post = engine.spike_generator(n, np.arange(n), post_steps * dt, label="post")
        syn = _plastic_synapses(engine, pre, post, params, transmit="", label="synapses",
                                i=np.arange(n), j=np.arange(n))  # fmt: skip
        syn.w = w_start * params.w_max
        engine.namespace.update(params.namespace())
        engine.run(n_steps * dt_s * second)
        w = engine.values(syn, "w")
    return w / params.w_max - w_start


def stdp_experiment(
    *,
    n_inputs: int = 200,
    rate=40 * Hz,
    correlated_fraction: float = 0.5,
    correlation: float = 0.5,
    duration=10 * second,
    dt=0.1 * ms,
    params: STDPParameters | None = None,
    neuron: ConductanceLIFParameters | None = None,
    n_inhibitory: int = 200,
    inhibitory_rate=10 * Hz,
    g_inhibitory: float = 0.05,
    w_init: str | float = "uniform",
    n_neurons: int = 1,
    record_every=None,
    seed: int = 0,
    target: str | None = None,
) -> STDPResult:
    r"""One neuron (or several independent replicas) learning with STDP, in one run.

    ``n_inputs`` excitatory Poisson inputs reach a conductance-based
    integrate-and-fire neuron (:class:`ConductanceLIFParameters`) through plastic
    synapses (:class:`STDPParameters`); ``n_inhibitory`` Poisson inputs add a fixed
    inhibitory conductance ``g_inhibitory`` each.  The first
    ``correlated_fraction`` of the excitatory inputs are correlated
    (:func:`shared_source_trains`).  This is the set-up of Song, Miller & Abbott
    (2000), with the speed-up settings of the module docstring as defaults.  No
    error signal and no backward pass: each weight changes only with its own
    presynaptic spikes and the postsynaptic spikes.

    Parameters
    ----------
    n_inputs : int, default 200
        Plastic excitatory inputs per neuron (Song et al.: 1000).
    rate : Quantity, default 40*Hz
        Rate of every excitatory input (Song et al.: 10-40 Hz).
    correlated_fraction : float or sequence of float, default 0.5
        Fraction of the inputs in the correlated group (the first ones), 0..1; a
        sequence gives one fraction per replica (``n_neurons`` of them), e.g. a
        control replica without any correlated group.
    correlation : float, default 0.5
        Pairwise correlation coefficient within the group, 0..1.
    duration : Quantity, default 10*second
        Simulated time (a whole number of ``dt``).
    dt : Quantity, default 0.1*ms
        Time step.
    params : STDPParameters, sequence of STDPParameters, or None, default None
        The plasticity rule (and ``w_max``); ``None`` means
        ``STDPParameters.fast(n_inputs=n_inputs, rate=rate)``.  Pass
        ``STDPParameters()`` for Song et al.'s published rule.  A sequence gives one
        rule per replica (``n_neurons`` of them, with equal ``tau_pre`` and
        ``tau_post``; ``A_plus``, ``A_minus_ratio`` and ``w_max`` may differ), so
        that rules are compared on the same clock in one run.
    neuron : ConductanceLIFParameters or None, default None
        The postsynaptic neuron; ``None`` means Song et al.'s.
    n_inhibitory : int, default 200
        Inhibitory Poisson inputs per neuron (fixed, not plastic; 0 for none).
    inhibitory_rate : Quantity, default 10*Hz
        Rate of each inhibitory input.
    g_inhibitory : float, default 0.05
        Inhibitory conductance step per spike, in units of the leak conductance.
    w_init : "uniform" or float, default "uniform"
        Initial weights: independent uniform draws in [0, w_max], or all equal to
        this fraction of ``w_max``.
    n_neurons : int, default 1
        Independent replicas (each with its own inputs and inhibition),
        simulated together in the same run.
    record_every : Quantity or None, default None
        Interval between weight snapshots (a whole number of ``dt``); ``None``
        gives 10 intervals.
    seed : int, default 0
        Seed of every random draw (inputs, initial weights, inhibition).
    target : {"numpy", "cython"} or None
        Code-generation target; ``None`` uses :func:`neurosim.spiking.get_target`.

    Returns
    -------
    STDPResult
        Weights in units of ``w_max`` before, during and after, and output rates.

    Notes
    -----
    Cost (numpy target, 2 shared cores): about 0.75 s of computing per simulated
    second for one neuron with 200 inputs at 40 Hz and dt = 0.1 ms, about 1.3 s
    with 1000 inputs; replicas add less than proportionally.

    The inhibitory background is delivered as the superposition of its
    ``n_inhibitory`` trains: each step brings ``Binomial(n_inhibitory,
    inhibitory_rate * dt)`` spikes, each adding ``g_inhibitory`` to an inhibitory
    conductance that decays with ``neuron.tau_in``; it is computed in numpy before
    the run (it does not depend on the network) and read from a ``TimedArray``.

    Examples
    --------
    >>> from brian2 import second
    >>> res = stdp_experiment(duration=10 * second)  # doctest: +SKIP
    >>> near_zero, near_max = res.fractions_near_bounds()  # doctest: +SKIP
    >>> corr, uncorr = res.group_means()  # doctest: +SKIP
    """
    owner = "stdp_experiment"
    n_inputs = check_int(n_inputs, "n_inputs", owner, low=1)
    _scalar_quantity(rate, "rate", owner, Hz, "40*Hz", positive=True)
    if params is None:
        params = STDPParameters.fast(n_inputs=n_inputs, rate=rate)
    n_neurons = check_int(n_neurons, "n_neurons", owner, low=1)
    per_neuron = isinstance(params, list | tuple)
    if per_neuron:
        if len(params) != n_neurons:
            raise param_error(
                "params", owner, f"one STDPParameters per neuron ({n_neurons})", params
            )
        rules = [_check_params(p, "params", owner, STDPParameters) for p in params]
        if any(p.tau_pre != rules[0].tau_pre or p.tau_post != rules[0].tau_post for p in rules):
            raise param_error("params", owner, "rules with equal tau_pre and tau_post", params)
        params = tuple(rules)
        first = rules[0]
    else:
        params = _check_params(params, "params", owner, STDPParameters)
        rules = [params] * n_neurons
        first = params
    neuron = _check_params(neuron, "neuron", owner, ConductanceLIFParameters)
    fracs = (
        list(correlated_fraction)
        if isinstance(correlated_fraction, list | tuple | np.ndarray)
        else [correlated_fraction] * n_neurons
    )
    if len(fracs) != n_neurons:
        raise param_error(
            "correlated_fraction", owner, f"a number or {n_neurons} numbers", correlated_fraction
        )
    fracs = [
        check_number(f, "correlated_fraction", owner, low=0.0, high=1.0, low_inclusive=True)
        for f in fracs
    ]
    c = check_number(correlation, "correlation", owner, low=0.0, high=1.0, low_inclusive=True)
    _scalar_quantity(dt, "dt", owner, second, "0.1*ms", positive=True)
    n_steps = _check_steps(duration, "duration", owner, dt)
    n_inhibitory = check_int(n_inhibitory, "n_inhibitory", owner, low=0)
    _scalar_quantity(inhibitory_rate, "inhibitory_rate", owner, Hz, "10*Hz", nonnegative=True)
    g_inh = check_number(g_inhibitory, "g_inhibitory", owner, low=0.0, low_inclusive=True)
    if float(inhibitory_rate * dt) > 1:
        raise param_error("inhibitory_rate", owner, f"at most 1/dt = {1 / dt}", inhibitory_rate)
    if isinstance(w_init, str):
        if w_init != "uniform":
            raise param_error("w_init", owner, "'uniform' or a number in [0, 1]", w_init)
    elif isinstance(w_init, numbers.Real) and not isinstance(w_init, bool):
        w_init = check_number(w_init, "w_init", owner, low=0.0, high=1.0, low_inclusive=True)
    else:
        raise param_error("w_init", owner, "'uniform' or a number in [0, 1]", w_init, cls=TypeError)
    if record_every is None:
        every = max(1, n_steps // 10)
    else:
        every = _check_steps(record_every, "record_every", owner, dt)
        if every > n_steps:
            raise param_error("record_every", owner, f"at most duration = {duration}", record_every)
    seed = check_seed(seed, "seed", owner)
    target = resolve_target(target, owner)

    rng = np.random.default_rng(seed)
    n_corrs = [round(f * n_inputs) for f in fracs]
    dt_s = float(dt / second)
    rate_hz = float(rate / Hz)
    indices, times = [], []
    for r in range(n_neurons):
        idx, t = _trains(rng, n_inputs, rate_hz, n_steps, dt_s, n_corrs[r], c)
        indices.append(idx + r * n_inputs)
        times.append(np.asarray(t / second))
    indices = np.concatenate(indices)
    times = np.concatenate(times)
    if w_init == "uniform":
        w0 = rng.uniform(0.0, 1.0, size=n_neurons * n_inputs)
    else:
        w0 = np.full(n_neurons * n_inputs, float(w_init))

    # inhibitory background: Binomial(n_inhibitory, rate * dt) spikes per step, each
    # adding g_inhibitory to a conductance that decays with tau_in; the value at step k
    # holds the spikes of steps < k (Brian2 delivers a spike after that step's update)
    p_inh = float(inhibitory_rate * dt)
    counts = rng.binomial(n_inhibitory, p_inh, size=(n_steps, n_neurons)).astype(float)
    decay = float(np.exp(-dt / neuron.tau_in))
    g_in = lfilter([0.0, g_inh], [1.0, -decay], counts, axis=0)
    namespace = {**neuron.namespace(), **first.namespace()}
    if per_neuron:
        for name in ("dApre", "dApost", "w_max"):
            del namespace[name]
    with Engine(dt=dt, seed=seed, target=target, name=_PREFIX, owner=owner) as engine:
        engine.namespace.update(namespace)
        inhibition = engine.timed_array(g_in, label="inhibition")
        post = engine.neuron_group(
            n_neurons,
            neuron.equations + f"g_in = {inhibition}(t, i) : 1\n",
            label="neurons",
            threshold=neuron.threshold,
            reset=neuron.reset,
            method=neuron.method,
        )
        post.v = neuron.E_L
        inputs = engine.spike_generator(n_neurons * n_inputs, indices, times * second,
                                        label="inputs")  # fmt: skip
        syn = _plastic_synapses(
            engine,
            inputs,
            post,
            first,
            transmit="g_ex_post += w",
            label="synapses",
            per_synapse=per_neuron,
            i=np.arange(n_neurons * n_inputs),
            j=np.arange(n_neurons * n_inputs) // n_inputs,
        )
        w_max = np.repeat([p.w_max for p in rules], n_inputs)
        if per_neuron:
            syn.w_max = w_max
            syn.dApre = np.repeat([p.A_plus * p.w_max for p in rules], n_inputs)
            syn.dApost = np.repeat([-p.A_minus * p.w_max for p in rules], n_inputs)
        syn.w = w0 * w_max
        spikes = engine.spike_monitor(post, label="output_spikes")
        weights = engine.state_monitor(syn, "w", label="weights", dt=every * dt)
        engine.run(n_steps * dt)

        w_end = engine.values(syn, "w") / w_max
        snaps = engine.states(weights, "w").T / w_max  # (n_t, n_syn)
        snap_t = engine.times(weights)
        out_t, out_i = engine.spikes(spikes)

    if not np.isclose(snap_t[-1], n_steps * dt_s):
        snaps = np.concatenate([snaps, w_end[None, :]])
        snap_t = np.append(snap_t, n_steps * dt_s)
    shape = (snap_t.size, n_neurons, n_inputs)
    snaps = snaps.reshape(shape)
    edges = snap_t.copy()
    edges[-1] = np.inf  # a spike in the last step belongs to the last interval
    rates = np.zeros((snap_t.size - 1, n_neurons))
    which = np.clip(np.searchsorted(edges, out_t, side="right") - 1, 0, snap_t.size - 2)
    np.add.at(rates, (which, out_i), 1.0)
    rates /= np.diff(snap_t)[:, None]
    total = np.bincount(out_i, minlength=n_neurons) / (n_steps * dt_s)
    if isinstance(correlated_fraction, list | tuple | np.ndarray):
        correlated = np.arange(n_inputs)[None, :] < np.array(n_corrs)[:, None]
    else:
        correlated = np.arange(n_inputs) < n_corrs[0]
    return STDPResult(
        w_initial=snaps[0].copy(),  # w0 as stored (w0 * w_max / w_max, to rounding)
        w_final=w_end.reshape(n_neurons, n_inputs),
        correlated=correlated,
        snapshot_times=snap_t * second,
        w_snapshots=snaps,
        output_rates=rates * Hz,
        output_rate=total * Hz,
        input_rate=indices.size / (n_neurons * n_inputs * n_steps * dt_s) * Hz,
        duration=n_steps * dt,
        dt=dt,
        params=params,
        neuron=neuron,
        correlation=c,
    )
