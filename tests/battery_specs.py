"""What the bad-input battery (tests/test_battery_api.py) calls, and how to call it well.

Every public function and class of neurosim (the ``__all__`` of each public module) is
either here, as a :class:`Spec` (a good call, from which the battery changes one
parameter at a time to a bad value), or in :data:`EXEMPT` with the reason it takes no
input worth checking (a record a function returns, an abstract base class).

A callable whose module declares its constraints (``neurosim.core.constraints.validate``)
is checked against that declaration. One that does not yet declares them here, in
``expect``, in the same vocabulary: the constraints its module should declare (the
second pass moves them into the code and deletes them here; a callable may not have
both).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from neurosim.artificial import Activation, Optimizer
from neurosim.core.constraints import (
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    Options,
    QuantityOf,
)


@dataclass
class Spec:
    """One public callable: ``target`` is ``"module:Name"`` or ``"module:Class.method"``;
    ``good()`` returns ``(args, kwargs)`` of a call that works (for a method, ``args[0]``
    is the instance); ``expect`` the constraints it should declare until it does."""

    target: str
    good: Callable[[], tuple[tuple, dict]]
    expect: dict = field(default_factory=dict)


def call(*args, **kwargs):
    return lambda: (args, kwargs)


_SCRATCH = []


def scratch(name: str) -> str:
    """A folder of this test session (removed at exit), made on first use."""
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    if not _SCRATCH:
        _SCRATCH.append(tempfile.mkdtemp(prefix="neurosim-battery-"))
        atexit.register(shutil.rmtree, _SCRATCH[0], True)
    path = Path(_SCRATCH[0]) / name
    path.mkdir(exist_ok=True)
    return str(path)


# -- shorthands for the expected constraints ------------------------------------------
NUMBER = Interval()
FRACTION = Interval(0, 1)
OPEN_FRACTION = Interval(0, 1, closed="neither")
RATE_STEP = Interval(0, 1, closed="right")  # an Euler step in (0, 1]
COUNT0 = Interval(0, None, integer=True)
OPT_SEED = [SEED, None]
TARGET = [Options("numpy", "cython"), None]
TIME = QuantityOf("ms", POSITIVE)
TIME0 = QuantityOf("ms", NON_NEGATIVE)
OPT_TIME = [TIME, None]
RATE = QuantityOf("Hz", POSITIVE)
CURRENTS = QuantityOf("nA", ndim=(0, 1))
VOLTAGES = QuantityOf("mV", ndim=(0, 1))
#: a measured value: a number, NaN when it could not be measured
NUMBER_OR_NAN = InstanceOf(
    float, int, np.floating, np.integer, text="a number (NaN if not measured)"
)
#: an elementwise function's input: any shape
ANY_CURRENT = QuantityOf("nA", ndim=None)
ANY_VOLTAGE = QuantityOf("mV", ndim=None)
X2 = ArrayOf(2)
LABELS = ArrayOf(1, dtype=int, values=NON_NEGATIVE)
VECTOR = ArrayOf(1)
#: a spike train (times in s or a time quantity; empty if the neuron is silent; times
#: may be negative, before a stimulus) or a list of them
TRAIN = [QuantityOf("ms", ndim=1, min_size=0), ArrayOf(1, min_size=0)]
#: where a counting window starts (before a stimulus too)
START = [QuantityOf("ms"), NUMBER]
TRAINS = [*TRAIN, ListOf(TRAIN, min_len=1)]
ASPECT = [Options(*__import__("neurosim.contract", fromlist=["x"]).ASPECTS), None]
ANY_Z = ArrayOf(finite=False, min_size=0)  # a number or an array, NaN passes through
ACTIVATION = [
    Options("sigmoid", "tanh", "relu", "softplus", "lif_rate", "soft_lif"),
    InstanceOf(Activation),
]
OPTIMIZER = [Options("sgd", "adam"), InstanceOf(Optimizer)]


# -- shared good inputs -----------------------------------------------------------------
def xy(n=24, d=4, classes=2, seed=0):
    X = np.random.default_rng(seed).random((n, d))
    return X, np.arange(n) % classes


def net(sizes=(4, 5, 2), hidden="sigmoid", output="softmax", trained=True):
    from neurosim.artificial import DeepNetwork

    network = DeepNetwork(list(sizes), hidden=hidden, output=output, seed=0)
    if trained:
        X, y = xy(d=sizes[0], classes=max(2, sizes[-1]))
        network.fit(X, y, epochs=1)
    return network


def units():
    import neurosim.units as u

    return u


def spikes(n=3, steps=5, inputs=4):
    return np.random.default_rng(0).random((n, steps, inputs)) < 0.3


def snn():
    from neurosim.artificial import SurrogateSNN

    return SurrogateSNN(4, 3, 2, seed=0)


def patches(n=20, side=8):
    return np.random.default_rng(0).standard_normal((n, side, side))


def lif():
    from neurosim.spiking import LIFParameters

    return LIFParameters()


def stim():
    from neurosim import stimuli

    return stimuli.constant(0.3 * units().nA)


def train(times_ms=(1.0, 4.0, 9.0)):
    return np.array(times_ms) * units().ms


def volleys():
    from neurosim.stimuli import placed_volleys

    return placed_volleys(np.array([[1, 0], [0, 2]]), window=2 * units().ms, dt=0.2 * units().ms)


def record(seed_values=(0.5,)):
    return {
        "name": "x",
        "claims": [
            {
                "statement": "s",
                "label": "l",
                "value": v,
                "unit": "",
                "rule": {"holds": [0, 1], "reason": "r"},
                "verdict": "holds",
            }
            for v in seed_values
        ],
    }


def claim_dict():
    return {"label": "l", "statement": "s", "value": 0.5, "unit": "", "verdict": "holds"}


def rule():
    from neurosim.contract import Rule

    return Rule.at_least(0.5, reason="a reason", below="worse")


def findings():
    from neurosim.contract import Findings

    return Findings("x", "Why?")


@functools.cache
def figure():
    """One figure for the whole battery (a bad value that gets through draws on it)."""
    from neurosim.plotting import new_figure

    return new_figure()


@functools.cache
def axes():
    return figure().subplots()


@functools.cache
def two_axes():
    from neurosim.plotting import new_figure

    return tuple(new_figure().subplots(1, 2))


# -- the public API -----------------------------------------------------------------------
A = "neurosim.artificial"
SPECS: list = []  # neurosim.artificial: tests/battery_specs_artificial.py


# ---------------------------------------------------------------------- neurosim.bridge
B = "neurosim.bridge"


@functools.cache
def converted():
    """A small converted network, made once (the calls that get it only read it)."""
    from neurosim.bridge import convert

    network = net(sizes=(4, 5, 2), hidden="relu")
    return convert(network, xy()[0])


SPECS += [
    Spec(
        f"{B}:answer_time",
        call(np.arange(1, 7) * 5.0, np.array([0.2, 0.5, 0.8, 0.9, 0.9, 0.9])),
    ),
    Spec(f"{B}:convert", lambda: ((net(hidden="relu"), xy()[0]), {})),
    Spec(f"{B}:fit_affine", call(np.arange(5.0), 2 * np.arange(5.0) + 1)),
    Spec(
        f"{B}:fit_logistic",
        call(np.linspace(-3, 3, 9), 1 / (1 + np.exp(-np.linspace(-3, 3, 9)))),
    ),
    Spec(f"{B}:pearson", call(np.arange(5.0), np.arange(5.0) ** 2)),
    Spec(f"{B}:run_in_brian2", lambda: ((snn(), spikes(n=1, steps=3)), {})),
    Spec(
        f"{B}:simulate_converted",
        lambda: (([converted()], xy(n=2)[0], 2 * units().ms), {"readout_every": 1 * units().ms}),
    ),
    Spec(
        f"{B}:unit_vs_neuron",
        lambda: ((np.array([1.0, -1.0]), 0.5, xy(n=3, d=2)[0]), {"duration": 2 * units().ms}),
    ),
]

# --------------------------------------------------------------------- neurosim.spiking
P = "neurosim.spiking"


def fields_of(cls_name: str, **extra):
    """The constraints a neuron model declares on its fields (quantity_field), plus extra."""
    import dataclasses

    import neurosim.spiking as spiking

    cls = getattr(spiking, cls_name)
    declared = {
        f.name: f.metadata["constraint"]
        for f in dataclasses.fields(cls)
        if "constraint" in f.metadata
    }
    return {**declared, **extra}


SPECS += [
    Spec(f"{P}:LIFParameters", call(), fields_of("LIFParameters")),
    Spec(f"{P}:TwoCompartmentParameters", call(), fields_of("TwoCompartmentParameters")),
    Spec(f"{P}:ConductanceLIFParameters", call(), fields_of("ConductanceLIFParameters")),
    Spec(
        f"{P}:AdExParameters",
        call(),
        fields_of(
            "AdExParameters",
            V_peak=[QuantityOf("mV", ndim=(0, 1)), None],
            recommended_current=[QuantityOf("nA"), None],
        ),
    ),
    Spec(f"{P}:AdExParameters.regime", call("tonic")),
    Spec(f"{P}:BranchedNeuronParameters", call(), fields_of("BranchedNeuronParameters")),
    Spec(f"{P}:STDPParameters", call(), fields_of("STDPParameters")),
    Spec(f"{P}:STDPParameters.fast", call()),
    Spec(f"{P}:cv_isi", lambda: ((train(),), {})),
    Spec(f"{P}:isi", lambda: ((train(),), {})),
    Spec(f"{P}:raster_data", lambda: (([train(), train((2.0,))],), {})),
    Spec(
        f"{P}:fano_factor",
        lambda: (
            ([train(), train((2.0, 3.0))],),
            {"window": 5 * units().ms, "duration": 10 * units().ms},
        ),
    ),
    Spec(f"{P}:firing_rate", lambda: ((train(), 10 * units().ms), {})),
    Spec(
        f"{P}:spike_counts",
        lambda: ((train(),), {"window": 5 * units().ms, "duration": 10 * units().ms}),
    ),
    Spec(
        f"{P}:psth",
        lambda: (([train()],), {"bin_width": 1 * units().ms, "duration": 10 * units().ms}),
    ),
    Spec(
        f"{P}:fi_curve",
        lambda: ((np.array([0.1, 0.3]) * units().nA,), {"duration": 2 * units().ms}),
    ),
    Spec(f"{P}:lif_rate", lambda: ((np.array([0.1, 0.3]) * units().nA,), {})),
    Spec(f"{P}:lif_rate_from_drive", lambda: ((np.array([-60.0, -40.0]) * units().mV,), {})),
    Spec(
        f"{P}:siegert_rate",
        lambda: ((np.array([-60.0, -40.0]) * units().mV, 2 * units().mV), {}),
    ),
    Spec(f"{P}:mg_block", lambda: ((np.array([-70.0, 0.0]) * units().mV,), {})),
    Spec(f"{P}:set_target", call(None)),
    Spec(f"{P}:use_target", call(None)),
    Spec(
        f"{P}:shared_source_trains",
        lambda: ((4, 20 * units().Hz, 10 * units().ms), {"n_correlated": 2, "correlation": 0.5}),
    ),
    # a list of stimuli (a list's bad values are derived from it)
    Spec(f"{P}:simulate", lambda: ((lif(), [stim()], 2 * units().ms), {})),
    Spec(
        f"{P}:simulate_branched",
        lambda: (
            (__import__(P, fromlist=["x"]).BranchedNeuronParameters(), volleys()),
            {"nmda_on": np.array([True, False]), "duration": 4 * units().ms},
        ),
    ),
    Spec(
        f"{P}:stdp_experiment",
        # correlated_fraction as a list (a list's bad values are derived from it)
        lambda: (
            (),
            {
                "n_inputs": 4,
                "n_inhibitory": 0,
                "duration": 2 * units().ms,
                "correlated_fraction": [0.5],
            },
        ),
    ),
    Spec(
        f"{P}:stdp_experiments",
        # several seeds in one run; the seeds and correlated_fraction as lists (a list's
        # bad values are derived from it)
        lambda: (
            ([0, 1],),
            {
                "n_inputs": 4,
                "n_inhibitory": 0,
                "duration": 2 * units().ms,
                "correlated_fraction": [0.5],
            },
        ),
    ),
    Spec(
        f"{P}:stdp_trains_change",
        lambda: ((np.array([1.0]) * units().ms, np.array([3.0]) * units().ms), {}),
    ),
    Spec(
        f"{P}:stdp_window",
        lambda: ((np.array([-5.0, 5.0]) * units().ms,), {}),
    ),
]

# --------------------------------------------------------------------- neurosim.stimuli
S = "neurosim.stimuli"
SPECS += [
    Spec(f"{S}:constant", lambda: ((0.2 * units().nA,), {})),
    Spec(
        f"{S}:step",
        lambda: ((0.2 * units().nA,), {"onset": 1 * units().ms, "offset": 5 * units().ms}),
    ),
    Spec(
        f"{S}:ramp",
        lambda: (
            (0 * units().nA, 0.4 * units().nA),
            {"t_start": 0 * units().ms, "t_stop": 5 * units().ms},
        ),
    ),
    Spec(
        f"{S}:sinusoid",
        lambda: ((0.2 * units().nA, 10 * units().Hz), {}),
    ),
    Spec(
        f"{S}:noisy_current",
        lambda: ((0.2 * units().nA, 0.05 * units().nA), {}),
    ),
    Spec(
        f"{S}:sampled",
        lambda: ((np.array([0.0, 0.2, 0.2]) * units().nA, 0.1 * units().ms), {}),
    ),
    Spec(f"{S}:waveform", lambda: ((np.sin,), {"n": 2})),
    Spec(f"{S}:poisson", lambda: ((10 * units().Hz,), {"weight": 0.5 * units().mV})),
    Spec(
        f"{S}:spike_pattern",
        lambda: (
            (np.array([0, 1]), np.array([1.0, 2.0]) * units().ms),
            {"n_inputs": 2, "weight": 0.5 * units().mV},
        ),
    ),
    Spec(
        f"{S}:random_volleys",
        lambda: (
            (2, 2),
            {
                "max_synapses": 3,
                "window": 2 * units().ms,
                "dt": 0.2 * units().ms,
                "rng": np.random.default_rng(0),
            },
        ),
    ),
    Spec(
        f"{S}:placed_volleys",
        lambda: ((np.array([[1, 0], [0, 2]]),), {"window": 2 * units().ms, "dt": 0.2 * units().ms}),
    ),
    Spec(
        f"{S}:BranchVolleys",
        call(2, 2, np.array([0, 1]), np.array([0, 1]), np.array([0.0, 1e-3])),
    ),
    Spec(
        f"{S}:Stimulus.values",
        lambda: ((stim(), np.arange(3) * 1e-3), {}),
    ),
    Spec(
        f"{S}:Stimulus.on",
        lambda: ((stim(), "soma"), {}),
    ),
]

# ---------------------------------------------------------------------- neurosim.vision
V = "neurosim.vision"
SPECS += [
    Spec(f"{V}:centre_surround", call(2, 8)),
    Spec(f"{V}:gaussian_blobs", call(2, 8)),
    Spec(f"{V}:white_noise", call(2, 8)),
    Spec(f"{V}:fit_gabor", lambda: ((patches(1)[0],), {"iterations": 2})),
    Spec(f"{V}:fit_gabors", lambda: ((patches(2),), {"iterations": 2})),
    Spec(f"{V}:gabor", call(np.array([4.0, 4.0, 0.3, 2.0, 2.0, 0.2, 0.0, 1.0]), (8, 8))),
    Spec(f"{V}:gabor_like", lambda: ((patches(3),), {})),
    Spec(f"{V}:simple_cell_shape", lambda: ((patches(3),), {})),
    Spec(
        f"{V}:grating_response_amplitude",
        lambda: ((patches(1)[0], np.linspace(0, np.pi, 4), 0.2), {}),
    ),
    Spec(
        f"{V}:infer_codes",
        lambda: ((xy(n=5, d=6)[0], np.eye(6)[:, :3], 0.1), {"iterations": 2}),
    ),
    Spec(
        f"{V}:learn_dictionary",
        lambda: ((xy(n=20, d=6)[0], 3), {"steps": 2, "batch": 5, "inference_iterations": 2}),
    ),
    Spec(f"{V}:natural_spectrum_noise", lambda: ((patches(), 2), {})),
    Spec(f"{V}:pca_components", lambda: ((patches(), 2), {})),
    Spec(f"{V}:radial_power_spectrum", lambda: ((patches(),), {})),
    Spec(
        f"{V}:tuning_half_width",
        lambda: ((np.arange(0, 180, 30.0), np.array([0.1, 0.5, 1.0, 0.5, 0.1, 0.0])), {}),
    ),
    Spec(f"{V}:whiten", lambda: ((xy(n=20, d=6)[0],), {})),
]

# -------------------------------------------------------------------- neurosim.contract
C = "neurosim.contract"
SPECS += [
    Spec(
        f"{C}:Claim",
        lambda: (("s", 0.5, "", rule()), {"aspect": None, "about": "artificial", "label": "l"}),
    ),
    Spec(
        f"{C}:Findings",
        call("x", "Why?"),
    ),
    Spec(
        f"{C}:Findings.claim",
        lambda: ((findings(), "s", 0.5, ""), {"rule": rule(), "label": "l", "about": "artificial"}),
    ),
    Spec(
        f"{C}:Rule",
        call((0.5, None), "a reason"),
    ),
    Spec(
        f"{C}:Rule.at_least",
        call(0.5, reason="r"),
    ),
    Spec(
        f"{C}:Rule.at_most",
        call(0.5, reason="r"),
    ),
    Spec(
        f"{C}:Rule.between",
        call(0.2, 0.8, reason="r"),
    ),
    Spec(
        f"{C}:Rule.verdict",
        lambda: ((rule(), 0.7), {}),
    ),
    Spec(f"{C}:agreement_text", lambda: ((claim_dict(),), {})),
    Spec(f"{C}:measured_text", lambda: ((claim_dict(),), {})),
    Spec(f"{C}:headline", lambda: (("A title", [], {}), {})),
    Spec(f"{C}:short_label", lambda: ((claim_dict(),), {})),
    Spec(f"{C}:verdict_text", lambda: ((claim_dict(),), {})),
    Spec(
        f"{C}:verdict_words",
        call("holds"),
    ),
    Spec(
        f"{C}:combine_seeds",
        lambda: (([record((0.5,)), record((0.7,))], [0, 1]), {}),
    ),
    Spec(
        f"{C}:format_interval",
        call((0.2, 0.8), "ms"),
    ),
    Spec(
        f"{C}:format_value",
        call(0.5, "ms"),
    ),
]

# ------------------------------------------- the floors this pass declared (core .. cli)
D = "neurosim.datasets"
SPECS += [
    Spec(
        f"{D}:make_xor",
        call(8),
    ),
    Spec(
        f"{D}:make_moons",
        call(8),
    ),
    Spec(
        f"{D}:make_circles",
        call(8),
    ),
    Spec(
        f"{D}:make_spirals",
        call(8),
    ),
    Spec(f"{D}:load_digits", call()),
    Spec(
        f"{D}:train_test_split",
        lambda: (xy(n=20), {}),
    ),
]

PL = "neurosim.plotting"
COLOUR = InstanceOf(str, text="a matplotlib colour")
SPECS += [
    Spec(
        f"{PL}:grid_for",
        lambda: ((xy(n=5, d=2)[0],), {"resolution": 5}),
    ),
    Spec(
        f"{PL}:decision_regions",
        lambda: (
            (
                axes(),
                *__import__(PL, fromlist=["x"]).grid_for(xy(n=4, d=2)[0], resolution=3)[:2],
                np.full(9, 0.5),
                *xy(n=4, d=2),
            ),
            {},
        ),
    ),
    Spec(
        f"{PL}:learning_curve",
        lambda: ((axes(), [0.5, 0.7]), {"label": "x"}),
    ),
    Spec(
        f"{PL}:raster",
        lambda: ((axes(), [1.0, 2.0], [0, 1]), {}),
    ),
    Spec(
        f"{PL}:chance_line",
        lambda: ((axes(), 0.5), {}),
    ),
    Spec(
        f"{PL}:spike_lines",
        lambda: ((axes(), [1.0, 2.0], -50.0), {}),
    ),
    Spec(
        f"{PL}:membrane_trace",
        lambda: ((axes(), [0.0, 1.0], [-65.0, -60.0], [1.0]), {"threshold_mV": -50.0}),
    ),
    Spec(
        f"{PL}:inputs_over_trace",
        lambda: ((figure(), figure().add_gridspec(1, 1)[0, 0]), {}),
    ),
    Spec(
        f"{PL}:log_ratio_axis",
        lambda: ((axes(), [0.5, 2.0]), {}),
    ),
    Spec(f"{PL}:shade", call("#0072B2", 0.5)),
    Spec(f"{PL}:darken", call("#0072B2", 0.5)),
    Spec(f"{PL}:sequence", call("#0072B2", 5)),
    Spec(
        f"{PL}:label_panels",
        lambda: ((list(two_axes()),), {}),
    ),
    Spec(f"{PL}:run_note", lambda: ((figure(), {"seed": 0}), {})),
    Spec(f"{PL}:text_collisions", lambda: ((figure(),), {})),
    Spec(f"{PL}:clear_note", lambda: ((axes(), "note", [(0.1, 0.1, "left", "bottom")]), {})),
    Spec(f"{PL}:clear_legend", lambda: ((axes(), ["upper left"]), {})),
]

U = "neurosim.units"
UNIT_NAMES = ("ms", "mV", "nA", "Hz", "second")
SPECS += [
    Spec(f"{U}:unit_named", call("ms")),
    Spec(
        f"{U}:parse_quantity",
        call("10ms", "ms"),
    ),
    Spec(f"{U}:format_quantity", call(10.0, "ms")),
    Spec(
        f"{U}:quantity_field",
        call(20, "ms", "a time"),
    ),
    Spec(
        f"{U}:check_quantity",
        lambda: ((2 * units().ms, "x", "f", units().ms), {}),
    ),
]

CV = "neurosim.core.validation"
SPECS += [
    Spec(f"{CV}:check_number", call(1.0, "x")),
    Spec(f"{CV}:check_int", call(1, "x")),
    Spec(f"{CV}:check_seed", call(1)),
    Spec(f"{CV}:check_choice", call("a", "x", "f", ["a"])),
    Spec(f"{CV}:check_array", call([1.0], "x")),
    Spec(
        f"{CV}:check_labels",
        call([0, 1], "y", "f", n_samples=2),
    ),
    Spec(
        f"{CV}:param_error",
        call("x", "f", "a number", 3),
    ),
    Spec(f"{CV}:install_hint", call("slides", "python-pptx")),
    Spec(
        "neurosim.core.io:atomic_write",
        lambda: ((f"{scratch('io')}/unused", lambda p: None), {}),
    ),
    Spec(
        "neurosim.core.cache:shared",
        call("x", {"a": 1}, lambda: 1),
    ),
    Spec("neurosim.core.cache:stored", call("x", {"a": 1})),
]


def parameter():
    from neurosim.contract.parameters import Parameter

    return Parameter("gain", 1.0, "scale", low=0, high=5)


CP, CM, CR = (
    "neurosim.contract.parameters",
    "neurosim.contract.module",
    "neurosim.contract.registry",
)
SPECS += [
    Spec(
        f"{CP}:Parameter",
        call("gain", 1.0, "scale", low=0, high=5),
    ),
    Spec(f"{CP}:Parameter.check", lambda: ((parameter(), 2.0, "f"), {})),
    Spec(
        f"{CP}:Parameter.from_field",
        lambda: ((__import__(P, fromlist=["x"]).LIFParameters, "tau_m"), {"low": 2, "high": 50}),
    ),
    Spec(
        f"{CP}:resolve",
        lambda: (([parameter()], {"gain": 2.0}), {"quick": False, "owner": "f"}),
    ),
    Spec(
        f"{CP}:Settings",
        lambda: (([parameter()], {"gain": 2.0}, []), {}),
    ),
    Spec(
        f"{CM}:begin",
        lambda: (("x", "Why?", [parameter()], {}), {"quick": True, "seed": 0}),
    ),
    Spec(
        f"{CM}:check_module",
        lambda: ((__import__("neurosim.comparisons.flexible_mappings", fromlist=["x"]),), {}),
    ),
    Spec(
        f"{CM}:check_findings",
        lambda: ((math, findings()), {}),
    ),
    Spec(f"{CM}:check_figure", lambda: ((figure(), findings()), {})),
    Spec(f"{CM}:finish", lambda: ((figure(), findings(), "A title"), {})),
    Spec(f"{CR}:available", call()),
    Spec(f"{CR}:package_name", call()),
    Spec(
        f"{CR}:did_you_mean",
        call("lif", ["lif_neuron"]),
    ),
    Spec(
        f"{CR}:resolve",
        call(["lif_neuron"]),
    ),
    Spec(f"{CR}:load", call("flexible_mappings")),
    Spec(f"{CR}:question", call("lif_neuron")),
    Spec(f"{CR}:cost", call("lif_neuron")),
    Spec(f"{CR}:deterministic", call("lif_neuron")),
    Spec(f"{CR}:batches", call("lif_neuron")),
    Spec("neurosim.contract.yardsticks:same_output", call("lower", "higher")),
    Spec(f"{CR}:runs_after_others", call("lif_neuron")),
]

R = "neurosim.run"
SPECS += [
    Spec(
        f"{R}.pipeline:check_out",
        lambda: ((scratch("out"),), {}),
    ),
    Spec(f"{R}.pipeline:check_seeds", call([0, 1])),
    Spec(
        f"{R}.pipeline:parse_overrides",
        call(["lif_neuron.tau_m=10ms"]),
    ),
    Spec(
        f"{R}.pipeline:generate",
        lambda: ((["lif_neuron"],), {"out": scratch("out"), "quick": True, "progress": None}),
    ),
    Spec(
        f"{R}.gallery:write_gallery",
        lambda: ((scratch("out"),), {}),
    ),
    Spec(f"{R}.gallery:stability_text", lambda: ((claim_dict(),), {})),
    Spec(
        f"{R}.sweep:parse_grid",
        call(["tau_m=5ms,10ms"]),
    ),
    Spec(
        f"{R}.sweep:check_grid",
        lambda: (
            (__import__("neurosim.comparisons.lif_neuron", fromlist=["x"]), {"tau_m": ["10ms"]}),
            {},
        ),
    ),
    Spec(
        f"{R}.sweep:sweep",
        lambda: (("lif_neuron", {"tau_m": ["10ms"]}), {"out": scratch("out"), "progress": None}),
    ),
    Spec(
        f"{R}.sweep:plot_sweep",
        call({"claims": [], "swept": [{"name": "x", "unit": "", "values": [1.0]}], "points": []}),
    ),
    Spec(
        f"{R}.executors:open_executor",
        call(1),
    ),
    Spec(f"{R}.executors:completed", call([])),
]

K = "neurosim.kit"
SPECS += [
    Spec(f"{K}.explorer:Explorer", call("flexible_mappings")),
    Spec(f"{K}.explorer:explore", call("flexible_mappings")),
    Spec(
        f"{K}.glossary:Term",
        call("a", "b", "c"),
    ),
    Spec(
        f"{K}.notebooks:build",
        lambda: ((scratch("notebook-sources"),), {}),
    ),
    Spec(
        f"{K}.notebooks:exercise_text",
        call("# %%\nx = 1\n"),
    ),
    Spec(
        f"{K}.notebooks:solution_text",
        call("# %%\nx = 1\n"),
    ),
    Spec(
        f"{K}.slides:build_slides",
        lambda: ((scratch("out"), f"{scratch('deck')}/lecture.pdf"), {}),
    ),
    Spec(
        f"{K}.slides:read_slides",
        lambda: ((scratch("out"),), {}),
    ),
    Spec("neurosim.cli:main", call(["list"])),
]

#: Public callables that take no input worth a bad value, and why.
RECORD = "a record that a function returns (built by neurosim, not by a user)"
BASE = "a base class to subclass (no parameters of its own)"
EXEMPT = {
    **{
        f"{A}:{n}": RECORD
        for n in (
            "ForwardRecord",
            "History",
            "Settled",
            "SettlingTrace",
            "SpikingRun",
            "TrainingCurve",
        )
    },
    **{f"{A}:{n}": BASE for n in ("Activation", "LearningRule", "Optimizer", "Surrogate")},
    **{f"{A}:{n}": "no parameters" for n in ("Backprop", "ReLU", "Sigmoid", "Softplus", "Tanh")},
    **{
        f"{B}:{n}": RECORD
        for n in ("AffineFit", "LogisticFit", "ConversionResult", "UnitNeuronComparison")
    },
    f"{B}:SpikingNetwork": "built by convert(), which checks its input",
    f"{B}:ConversionWarning": "a warning class",
    **{f"{P}:{n}": RECORD for n in ("BranchedResult", "STDPResult", "SpikeResult")},
    f"{P}:NeuronParameters": BASE,
    f"{P}:get_target": "no parameters",
    **{
        f"{S}:{n}": "built by the stimulus factories (constant, step, poisson, ...), which check"
        for n in ("Stimulus", "ConstantCurrent", "CurrentStimulus", "PoissonInput", "SpikePattern")
    },
    f"{S}:concat_volleys": "takes BranchVolleys only (*volleys); covered by an extra case",
    **{f"{V}:{n}": RECORD for n in ("GaborFit", "SimpleCellShape", "SparseCode", "Whitener")},
    **{f"{V}:{n}": "no parameters" for n in ("load_natural_patches", "load_scene")},
    f"{PL}:LectureFigure": "matplotlib's Figure: matplotlib checks its arguments",
    f"{PL}:new_figure": "passes matplotlib's Figure arguments through (matplotlib checks them)",
    f"{PL}:lecture_style": "no parameters",
    f"{U}:Quantity": "Brian2's class",
    **{f"{K}.glossary:{n}": "no parameters" for n in ("terms", "markdown")},
    f"{K}.slides:Slide": RECORD,
    **{f"{R}.pipeline:{n}": RECORD for n in ("Outcome",)},
    **{f"{R}.sweep:{n}": RECORD for n in ("Axis", "SweepResult")},
    **{
        f"{m}:{n}": "an exception class"
        for m, n in (
            (f"{R}.pipeline", "OutputFolderError"),
            (f"{R}.pipeline", "RunLockedError"),
            (f"{R}.executors", "SchedulerError"),
            (CR, "UnknownComparisonError"),
        )
    },
    f"{R}.executors:stop_executor": "takes an executor from open_executor (internal plumbing)",
    f"{R}.dask_plugin:PrepareWorker": "a Dask worker plugin (no parameters)",
}

# the areas' second passes keep their specs in files of their own
from battery_specs_artificial import EXEMPT as _EXEMPT_A  # noqa: E402
from battery_specs_artificial import SPECS as _SPECS_A  # noqa: E402
from battery_specs_bridge import EXEMPT as _EXEMPT_B  # noqa: E402
from battery_specs_bridge import SPECS as _SPECS_B  # noqa: E402
from battery_specs_spiking import EXEMPT as _EXEMPT_S  # noqa: E402
from battery_specs_spiking import SPECS as _SPECS_S  # noqa: E402

SPECS += _SPECS_A + _SPECS_S + _SPECS_B
EXEMPT.update({**_EXEMPT_A, **_EXEMPT_S, **_EXEMPT_B})
