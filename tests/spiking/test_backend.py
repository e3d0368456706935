"""Code-generation target: one place, no leaked Brian2 state, clear errors."""

import brian2
import numpy as np
import pytest
from brian2 import ms, nA

from neurosim import stimuli
from neurosim.spiking import LIFParameters, get_target, set_target, simulate, use_target
from neurosim.spiking.backend import ENV_VAR


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    set_target(None)
    yield
    set_target(None)


def test_default_is_numpy():
    assert get_target() == "numpy"


def test_environment_variable_then_set_target(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "cython")
    assert get_target() == "cython"
    set_target("numpy")  # an explicit choice wins over the environment
    assert get_target() == "numpy"
    set_target(None)
    assert get_target() == "cython"


def test_bad_environment_variable_names_it(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "fortran")
    with pytest.raises(ValueError, match=ENV_VAR):
        get_target()


def test_unknown_target_lists_valid_ones():
    with pytest.raises(ValueError) as err:
        set_target("gpu")
    msg = str(err.value)
    assert "'name'" in msg and "'numpy'" in msg and "'cython'" in msg and "gpu" in msg


def test_use_target_restores_brian2_preference():
    before = brian2.prefs.codegen.target
    with use_target("numpy") as chosen:
        assert chosen == "numpy" and brian2.prefs.codegen.target == "numpy"
    assert brian2.prefs.codegen.target == before
    with pytest.raises(RuntimeError), use_target("numpy"):
        raise RuntimeError("boom")
    assert brian2.prefs.codegen.target == before


def test_simulate_leaves_global_preference_alone():
    brian2.prefs.codegen.target = "auto"
    try:
        simulate(LIFParameters(), stimuli.constant(0.2 * nA), 5 * ms, target="numpy")
        assert brian2.prefs.codegen.target == "auto"
    finally:
        brian2.prefs.codegen.target = "auto"


@pytest.mark.slow
def test_cython_gives_the_same_spikes_as_numpy():
    # deterministic input: both targets integrate the same exact update
    stim = stimuli.constant(np.linspace(0.16, 0.5, 20) * nA)
    a = simulate(LIFParameters(), stim, 300 * ms, target="numpy")
    b = simulate(LIFParameters(), stim, 300 * ms, target="cython")
    assert np.array_equal(a.counts, b.counts)
    assert np.allclose(np.asarray(a.times), np.asarray(b.times), atol=1e-12)
