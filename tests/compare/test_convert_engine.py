"""A converted network under the numpy target compiles nothing (measured before the engine:
building its objects outside the target scope wrote 7 Cython files into the cache)."""

import os

import numpy as np
import pytest

import neurosim.units  # noqa: F401  (restores the session hooks before brian2 is used)
from neurosim.artificial import DeepNetwork
from neurosim.bridge.convert import convert, simulate_converted
from neurosim.units import ms

brian2 = pytest.importorskip("brian2")


@pytest.fixture
def empty_cython_cache(tmp_path):
    prefs = brian2.prefs.codegen.runtime.cython
    before = prefs.cache_dir
    prefs.cache_dir = str(tmp_path)
    try:
        yield tmp_path
    finally:
        prefs.cache_dir = before


@pytest.mark.parametrize("inputs", ["current", "poisson"])
def test_a_converted_run_under_numpy_leaves_the_cython_cache_empty(empty_cython_cache, inputs):
    rng = np.random.default_rng(3)
    X = rng.uniform(0, 1, size=(4, 3))
    net = DeepNetwork([3, 4, 2], hidden="relu", seed=0).set_parameters(
        [rng.normal(0.8, 0.5, size=(3, 4)), rng.normal(0, 1, size=(4, 2))],
        [np.zeros(4), np.zeros(2)],
    )
    res = simulate_converted([convert(net, X)], X, 20 * ms, inputs=inputs, target="numpy")
    assert res[0].output_counts.shape[1:] == (4, 2)
    assert os.listdir(empty_cython_cache) == []
