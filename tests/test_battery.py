"""The bad and weak inputs found by a battery of about 300 bad calls: each now gets an
error naming the parameter, what was expected and what came (or a documented warning).

Each case below is one line of that battery; the expected text is the parameter's name.
"""

from __future__ import annotations

import numpy as np
import pytest

from neurosim import datasets
from neurosim.artificial import DeepNetwork
from neurosim.artificial.activations import get_activation, sigmoid


@pytest.mark.parametrize("bad", [None, "abc", b"x", object()])
def test_activations_refuse_non_numbers(bad):
    with pytest.raises(TypeError, match="'z' parameter"):
        sigmoid(bad)
    with pytest.raises(TypeError, match="'z' parameter"):
        get_activation("lif_rate")(bad)


def test_activations_keep_numbers_nan_included():
    assert sigmoid(0.0) == 0.5
    assert np.isnan(sigmoid(float("nan")))


def test_load_digits_scaled_must_be_a_bool():
    with pytest.raises(TypeError, match="'scaled' parameter of load_digits"):
        datasets.load_digits(scaled="no")


@pytest.mark.parametrize("X", [np.zeros((0, 2)), 3])
def test_split_refuses_no_samples(X):
    with pytest.raises(ValueError, match="'X' parameter of train_test_split"):
        datasets.train_test_split(X, np.zeros(np.size(X) // 2), seed=0)


def test_split_refuses_an_empty_test_set():
    X, y = np.zeros((10, 2)), np.zeros(10, dtype=int)
    with pytest.raises(ValueError, match="'test_fraction'.*test set would be empty"):
        datasets.train_test_split(X, y, test_fraction=0.01, seed=0)


@pytest.fixture(scope="module")
def net():
    X = np.random.default_rng(0).random((40, 4))
    y = (X[:, 0] > 0.5).astype(int)
    network = DeepNetwork([4, 3, 2], seed=0)
    network.fit(X, y, epochs=1)
    return network


def test_save_refuses_a_folder_none_and_an_unwritable_place(net, tmp_path):
    with pytest.raises(ValueError, match="'path'.*not a folder"):
        net.save(tmp_path)
    with pytest.raises(TypeError, match="'path' parameter of DeepNetwork.save"):
        net.save(None)
    with pytest.raises(OSError, match="'path' parameter of DeepNetwork.save"):
        net.save("/proc/neurosim-cannot-write-here/net.npz")
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_load_refuses_an_unknown_entry_before_reading_it(net, tmp_path):
    path = net.save(tmp_path / "net.npz")
    with np.load(path) as data:
        entries = {k: data[k] for k in data.files}
    entries["huge"] = np.zeros(3)
    with open(tmp_path / "bad.npz", "wb") as fh:
        np.savez(fh, **entries)
    with pytest.raises(ValueError, match="unknown entries: huge"):
        DeepNetwork.load(tmp_path / "bad.npz")


def test_load_checks_shapes_from_the_header_before_decompressing(net, tmp_path):
    # a 4000 x 4000 W0 (128 MB when read) is refused from its .npy header alone
    path = net.save(tmp_path / "net.npz")
    with np.load(path) as data:
        entries = {k: data[k] for k in data.files}
    entries["W0"] = np.zeros((4000, 4000))
    with open(tmp_path / "big.npz", "wb") as fh:
        np.savez_compressed(fh, **entries)
    import tracemalloc

    tracemalloc.start()
    with pytest.raises(ValueError, match=r"'W0' has shape \(4000, 4000\), not \(4, 3\)"):
        DeepNetwork.load(tmp_path / "big.npz")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20e6  # bytes: far below the 128 MB the entry would take


def test_neuron_parameters_refuse_unknown_fields():
    from neurosim.spiking import LIFParameters

    with pytest.raises(TypeError, match="'foo' parameter of LIFParameters.replace"):
        LIFParameters().replace(foo=1)


def test_siegert_names_the_mismatched_shape():
    from neurosim.spiking import LIFParameters, siegert_rate
    from neurosim.units import mV

    with pytest.raises(ValueError, match="'sigma' parameter of siegert_rate"):
        siegert_rate(np.zeros(3) * mV, np.ones(2) * mV, LIFParameters())


def test_absurd_simulation_is_refused_up_front_with_an_estimate():
    from neurosim import stimuli
    from neurosim.spiking import LIFParameters, simulate
    from neurosim.units import nA, second

    with pytest.raises(ValueError, match=r"'duration' parameter of simulate.*time steps.*min"):
        simulate(LIFParameters(), stimuli.constant(0.2 * nA), 1e9 * second)


def test_long_simulation_is_warned_about():
    from neurosim.core.warning_types import LongRunWarning
    from neurosim.spiking.engine import check_cost

    with pytest.warns(LongRunWarning, match="about"):
        check_cost(10**6, 10, "test")  # 10^6 steps at >= 1 ms each: > 2 minutes


def test_psth_refuses_an_absurd_duration():
    from neurosim.spiking.analysis import psth
    from neurosim.units import ms, second

    with pytest.raises(ValueError, match="'duration' parameter of psth"):
        psth([np.array([0.1]) * second], duration=1e12 * second, bin_width=1 * ms)


def test_convert_needs_a_hidden_layer_and_two_outputs(tmp_path):
    from neurosim.bridge import convert

    X = np.random.default_rng(0).random((40, 4))
    y = (X[:, 0] > 0.5).astype(int)
    flat = DeepNetwork([4, 2], seed=0)
    flat.fit(X, y, epochs=1)
    with pytest.raises(ValueError, match="'network' parameter of convert.*hidden layer"):
        convert(flat, X)
    # one output unit: the spiking readout (the output neuron with the most spikes)
    # would always answer class 0, so the conversion is refused, not merely warned about
    one = DeepNetwork([4, 5, 1], hidden="relu", output="sigmoid", seed=0)
    one.fit(X, y, epochs=1)
    with pytest.raises(ValueError, match="'network' parameter of convert.*two output units"):
        convert(one, X)
