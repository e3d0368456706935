"""The bad-input battery's specs for neurosim.spiking's second pass (see tests/battery_specs.py).

New or moved specs and exemptions of this area go here, so that the areas' second passes
do not edit the same lines. Every callable here declares its constraints in its module
(``@validate``), so a spec is only a good call: small arrays, a few ms, never run by the
battery (each bad value is refused before the body, and before any Brian2 run).
"""

from __future__ import annotations

import numpy as np
from battery_specs import Spec, lif, train, units

P = "neurosim.spiking"
S = "neurosim.stimuli"


def _u(name):
    return getattr(units(), name)


def _rng():
    return np.random.default_rng(0)


def _spiking(name):
    return getattr(__import__(P, fromlist=["x"]), name)


def _fibres():
    """Two fibres, one spike each."""
    return _spiking("SpikeTrains")(2, np.array([0, 1]), np.array([0.001, 0.002]))


def _two_compartments():
    return _spiking("TwoCompartmentParameters")()


def _spec(name, args=(), module=P, **kwargs):
    """A good call of ``module:name`` (built when the battery asks for it)."""

    def good():
        return tuple(a() if callable(a) and not isinstance(a, type) else a for a in args), {
            k: (v() if callable(v) and not isinstance(v, type) else v) for k, v in kwargs.items()
        }

    return Spec(f"{module}:{name}", good)


def ms():
    return _u("ms")


def _current():  # as a list: the battery's bad values for a list need a list
    return [__import__(S, fromlist=["x"]).constant(0.3 * _u("nA"))]


def _request():
    return __import__(f"{P}.batch", fromlist=["x"]).Simulation(lif(), _current(), 5 * ms())


def _steps(*, quick=False, seed=0):
    return (yield _request())


def _connections():
    charge = np.array([1e-12, 1e-12]) * _u("amp") * _u("second")
    return {"current": (np.array([0, 1]), np.array([0, 0]), charge)}


#: a good call of simulate_summation, and of its request Summation
_SUMMATION = (
    ((_fibres, _connections, 1),),
    {
        "neuron": lif,
        "tau_syn": lambda: 5 * ms(),
        "E_exc": lambda: 0 * _u("mV"),
        "E_inh": lambda: -80 * _u("mV"),
        "duration": lambda: 4 * ms(),
        "t_start": lambda: 1 * ms(),
    },
)


SPECS: list = [
    # -- seeds as a batch
    _spec("Simulation", (lif, _current, lambda: 5 * ms()), module=f"{P}.batch"),
    _spec("Simulation.run", (_request,), module=f"{P}.batch"),
    _spec("simulate_all", (lambda: [_request(), _request()],), module=f"{P}.batch"),
    _spec("seeds_as_batch", (lambda: _steps,), module=f"{P}.batch"),
    # -- adaptation
    _spec("adaptation_index", (np.array([0.01, 0.02, 0.035]),)),
    _spec("onset_rate", (np.array([0.01, 0.02]), 0.0, 0.05)),
    _spec("recovery", (np.array([1.0, 5.0]), 0.5, 10.0)),
    _spec(
        "fit_recovery",
        (np.array([1.0, 2.0, 4.0, 8.0]), np.array([0.2, 0.4, 0.6, 0.8])),
        tau_guess=5.0,
    ),
    _spec(
        "paired_pulse_experiment",
        (lif, lambda: 1 * _u("nA")),
        onset=lambda: 1 * ms(),
        width=lambda: 1 * ms(),
        gaps=lambda: np.array([0.5, 2.0]) * ms(),
        duration=lambda: 6 * ms(),
    ),
    # -- analysis, trials, reliability
    _spec("steady_rate", (train,)),
    _spec("by_condition", (lambda: [train(), train((2.0,))], np.array([0, 1])), window=0.01),
    _spec("reliability", (lambda: [train(), train((1.5, 4.0))], lambda: 1 * ms())),
    _spec("chance_reliability", (5.0, 0.003)),
    # -- contrast
    _spec("mean_and_se", (np.ones((2, 3)),)),
    _spec(
        "ratio_and_se",
        (np.array([1.0, 2.0]), np.array([0.1, 0.1]), np.array([2.0, 2.0]), np.array([0.1, 0.1])),
    ),
    _spec("farthest_from_one", (np.array([0.5, 1.5]),)),
    _spec("halfway_point", (np.arange(4.0), np.array([1.0, 0.8, 0.3, 0.1]), 1.0, 0.0)),
    # -- counting
    _spec("neurons_for_spikes", (np.array([5.0, 20.0]), 1.0, 10.0), floor_Hz=1.0, fewest=2),
    _spec("condition_rates", (np.array([1.0, 2.0, 3.0]), np.array([0, 0, 1]), 0.5)),
    _spec(
        "poisson_z",
        (np.array([5.0, 10.0]), np.array([5.0, 9.0]), 1.0, np.array([10.0, 10.0])),
    ),
    _spec(
        "window_counts",
        (np.array([0.01, 0.02]), np.array([0, 1]), 2, np.array([[0.0], [0.0]]), 0.05),
    ),
    _spec("running_rate", (np.array([0.01, 0.02]), np.array([0.05, 0.1]))),
    _spec(
        "pooled_count_error",
        (np.array([0.01, 0.02]), np.array([0, 1]), 4, np.array([1, 2]), np.array([0.01]), 10.0),
        t_start=0.0,
        t_stop=0.1,
        windows_per_neuron=2,
        rng=_rng,
    ),
    _spec(
        "periodic_count_error",
        (np.array([0.01, 0.02]), np.array([0, 1]), np.full(10, 10.0), np.array([0.01])),
        t_start=0.0,
        t_stop=0.1,
        windows_per_neuron=2,
        rng=_rng,
    ),
    _spec("quantisation_error", (np.array([10.0, 15.0]), np.array([0.1, 0.2]))),
    _spec("window_for_error", (np.array([0.1, 0.2, 0.4]), np.array([0.3, 0.2, 0.1]), 0.15)),
    _spec("log_slope", (np.array([1.0, 2.0, 4.0]), np.array([1.0, 0.7, 0.5]))),
    _spec("pool_sizes", (100,)),
    # -- precise rates
    _spec("expected_lif_rates", (np.array([0.1, 0.3]), 2.0, lif, 0.1)),
    _spec(
        "measure_lif_rates",
        (lif, np.array([0.1, 0.3]), 2.0),
        window_s=0.01,
        start_up_s=0.0,
        dt_ms=0.1,
        spikes=10.0,
        floor_Hz=1.0,
        fewest=2,
    ),
    # -- the settled dendrite
    _spec("effective_soma", (_two_compartments,)),
    _spec("soma_drive", (_two_compartments, lambda: 0.25 * _u("nA"))),
    _spec("settled_rate", (_two_compartments, lambda: 0.25 * _u("nA"))),
    _spec("dendritic_noise_std", (12.5, 0.5)),
    # -- shot noise
    _spec(
        "shot_noise_drive",
        (
            lambda: np.array([3000.0, 2000.0]) * _u("Hz"),
            lambda: np.array([1.0, -1.0]) * _u("mV"),
            lambda: 20 * ms(),
        ),
    ),
    _spec(
        "poisson_input_rate",
        (
            lif,
            lambda: np.array([3000.0, 2000.0]) * _u("Hz"),
            lambda: np.array([1.0, -1.0]) * _u("mV"),
        ),
    ),
    _spec(
        "jump_train_peak",
        (lambda: 2.5 * _u("mV"), lambda: 1 * ms(), 3, lambda: 20 * ms()),
    ),
    # -- STDP conditions
    *(
        _spec(
            name,
            (lambda: [_spiking("STDPParameters")()], [0.5]),
            duration=lambda: 2 * ms(),
            dt=lambda: 0.1 * ms(),
        )
        for name in ("stdp_conditions", "STDPRun")  # the function and its request
    ),
    # -- summation
    _spec(
        "poisson_fibres",
        (np.array([10.0, 20.0]), lambda: 10 * ms(), lambda: 0.1 * ms(), _rng),
    ),
    *(_spec(name, *_SUMMATION[0], **_SUMMATION[1]) for name in ("simulate_summation", "Summation")),
    _spec(
        "summation_design",
        (
            np.arange(2).reshape(1, 2, 1),
            np.arange(2, 4).reshape(1, 2, 1),
            np.array([1e-12, -1e-12]),
        ),
    ),
    _spec("summation_gain", (np.array([1.0, 2.0]), np.array([1.0, 2.1]))),
    _spec(
        "shunted_depolarisation",
        (np.array([1e-9, 2e-9]), np.array([60.0, -10.0]), 1e-8),
    ),
    _spec(
        "mean_conductances",
        (_fibres, np.array([[0], [1]]), np.array([1e-12, 1e-12]), np.array([60.0, 60.0])),
        t_start=0.0,
        window=0.01,
    ),
    # -- stimuli: protocols and spike patterns
    _spec(
        "paired_pulses",
        (lambda: 1 * _u("nA"),),
        module=S,
        onset=lambda: 1 * ms(),
        width=lambda: 1 * ms(),
        gaps=lambda: np.array([0.5, 2.0]) * ms(),
    ),
    _spec("volley_steps", (3, 2, 20), module=S, rng=_rng),
    _spec("shuffled_steps", (3, 2, 20), module=S, rng=_rng),
    _spec(
        "jittered_steps",
        (np.array([[1, 5], [2, 6]]), lambda: 1 * ms()),
        module=S,
        dt=lambda: 0.1 * ms(),
        n_steps=20,
        rng=_rng,
    ),
    _spec(
        "equal_rate_patterns",
        (3, 2, 20),
        module=S,
        jitters=lambda: np.array([0.0, 1.0]) * ms(),
        realisations=1,
        dt=lambda: 0.1 * ms(),
        rng=_rng,
    ),
    _spec(
        "delay_line",
        ("preferred",),
        module=S,
        n_inputs=3,
        delay=lambda: 1 * ms(),
        start=lambda: 0 * ms(),
    ),
    _spec(
        "frozen_poisson",
        (lambda: np.array([10.0, 20.0]) * _u("Hz"),),
        module=S,
        duration=lambda: 5 * ms(),
        dt=lambda: 0.1 * ms(),
        rng=_rng,
        weight=lambda: 0.5 * _u("mV"),
    ),
    _spec(
        "routed_pattern",
        (lambda: [np.array([[1, 5]])],),
        module=S,
        dt=lambda: 0.1 * ms(),
        weight=lambda: 0.5 * _u("mV"),
    ),
    _spec(
        "pattern_batch",
        (lambda: [np.array([[1, 5]])],),
        module=S,
        dt=lambda: 0.1 * ms(),
        weight=lambda: 0.5 * _u("mV"),
    ),
]

_RECORD = "a record returned by {}, which checks its input"
EXEMPT: dict[str, str] = {
    f"{P}:ConditionTrials": _RECORD.format("by_condition"),
    f"{P}:CountingError": _RECORD.format("pooled_count_error"),
    f"{P}:MeasuredRates": _RECORD.format("measure_lif_rates"),
    f"{P}:PairedPulses": _RECORD.format("paired_pulse_experiment"),
    f"{P}:STDPConditions": _RECORD.format("stdp_conditions"),
    f"{P}:SummationResult": _RECORD.format("simulate_summation"),
    f"{P}:SummationDesign": _RECORD.format("summation_design"),
    f"{P}:SpikeTrains": _RECORD.format("poisson_fibres"),
    f"{S}:PatternBatch": _RECORD.format("pattern_batch")
    + " (and which checks itself when built, so a batch joined by + is as safe)",
}
