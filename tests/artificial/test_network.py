"""DeepNetwork: forward pass by hand, exact gradients, persistence, determinism, checks."""

import math
import os
import zipfile

import numpy as np
import pytest

from neurosim.artificial import (
    ACTIVATIONS,
    DeepNetwork,
    LIFRate,
    Sigmoid,
    SoftLIF,
    gradient_check,
    numerical_gradients,
)
from neurosim.artificial.network import LIF_INIT_BIAS

# --- forward pass and loss against hand-worked numbers -------------------------------------


def test_forward_by_hand():
    net = DeepNetwork([2, 2, 2], hidden="sigmoid", output="softmax")
    net.set_parameters(
        [np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[1.0, -1.0], [0.0, 0.0]])],
        [np.array([0.0, -1.0]), np.array([0.5, 0.0])],
    )
    rec = net.forward([[1.0, 2.0]])
    # z1 = x W1 + b1 = [1, 2] + [0, -1] = [1, 1];  a1 = sigmoid(1) twice
    s = 1.0 / (1.0 + math.exp(-1.0))
    np.testing.assert_allclose(rec.z[0], [[1.0, 1.0]], rtol=1e-15)
    np.testing.assert_allclose(rec.a[1], [[s, s]], rtol=1e-15)
    # z2 = a1 W2 + b2 = [s + 0.5, -s];  softmax: p0 = 1 / (1 + e^(-2s - 0.5))
    np.testing.assert_allclose(rec.z[1], [[s + 0.5, -s]], rtol=1e-15)
    p0 = 1.0 / (1.0 + math.exp(-(2 * s + 0.5)))
    np.testing.assert_allclose(rec.output, [[p0, 1.0 - p0]], rtol=1e-14)
    assert rec.a[0].tolist() == [[1.0, 2.0]]
    # cross-entropy of class 1 = -ln(1 - p0)
    assert net.loss([[1.0, 2.0]], [1]) == pytest.approx(-math.log(1.0 - p0), rel=1e-13)


def test_zero_weights_give_chance_loss():
    X = np.random.default_rng(0).normal(size=(7, 3))
    for output, k, expected in (("softmax", 4, math.log(4)), ("sigmoid", 1, math.log(2))):
        net = DeepNetwork([3, 5, k], output=output)
        net.set_parameters(
            [np.zeros_like(w) for w in net.weights], [np.zeros_like(b) for b in net.biases]
        )
        # uniform outputs: softmax loss ln K; one sigmoid unit at 1/2: ln 2 per sample
        y = np.arange(7) % (2 if k == 1 else k)
        assert net.loss(X, y) == pytest.approx(expected, rel=1e-15)
    # several sigmoid units: K independent coins, loss K ln 2
    net = DeepNetwork([3, 3], output="sigmoid")
    net.set_parameters([np.zeros((3, 3))], [np.zeros(3)])
    assert net.loss(X, np.arange(7) % 3) == pytest.approx(3 * math.log(2), rel=1e-15)


def test_softmax_is_stable_for_huge_logits():
    net = DeepNetwork([1, 3], output="softmax")
    net.set_parameters([np.array([[1e4, 0.0, -1e4]])], [np.zeros(3)])
    p = net.predict_proba([[1.0]])
    assert p.tolist() == [[1.0, 0.0, 0.0]]
    # log-sum-exp: the loss of the wrong class is 1e4 (its logit is 1e4 below the winner)
    assert net.loss([[1.0]], [1]) == pytest.approx(1e4, rel=1e-12)
    assert net.loss([[1.0]], [0]) == 0.0
    single = DeepNetwork([1, 1], output="sigmoid")
    single.set_parameters([np.array([[1e4]])], [np.zeros(1)])
    assert single.loss([[1.0]], [0]) == pytest.approx(1e4, rel=1e-12)  # -log sigmoid(-1e4)


def test_output_shapes_and_probabilities(rng):
    X = rng.normal(size=(6, 4))
    soft = DeepNetwork([4, 5, 3])
    p = soft.predict_proba(X)
    assert p.shape == (6, 3)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-15)
    assert soft.predict(X).tolist() == np.argmax(p, axis=1).tolist()
    binary = DeepNetwork([4, 5, 1], output="sigmoid")
    q = binary.predict_proba(X)
    assert q.shape == (6,)
    assert binary.predict(X).tolist() == (q >= 0.5).astype(int).tolist()
    acts = DeepNetwork([4, 5, 6, 3]).layer_activations(X)
    assert [a.shape for a in acts] == [(6, 5), (6, 6)]


# --- gradients ----------------------------------------------------------------------------

OUTPUT_CASES = [("softmax", 3), ("sigmoid", 3), ("sigmoid", 1)]
KINKS = {"relu": 0.0, "lif_rate": 1.0}


def _check_batch(net, hidden, rng, n=6):
    """Inputs in [-1, 1]; for kinked activations keep only samples whose hidden
    pre-activations all lie >= 0.05 from the kink, far more than the largest
    finite-difference excursion (2 h |a| <= 2e-3 * 5 = 0.01 with h = 1e-3)."""
    candidates = rng.uniform(-1, 1, size=(400, net.layer_sizes[0]))
    if hidden in KINKS:
        z = np.concatenate(net.forward(candidates).z[:-1], axis=1)
        candidates = candidates[np.min(np.abs(z - KINKS[hidden]), axis=1) >= 0.05]
    assert len(candidates) >= n
    return candidates[:n]


@pytest.mark.parametrize("hidden", ACTIVATIONS)
@pytest.mark.parametrize(("output", "n_out"), OUTPUT_CASES)
def test_gradient_check_every_activation_and_depth(hidden, output, n_out):
    """Backprop vs five-point finite differences: relative error < 1e-6."""
    worst = 0.0
    for n_hidden in (1, 2, 3, 4):
        rng = np.random.default_rng(n_hidden)
        net = DeepNetwork(
            [4] + [5] * n_hidden + [n_out], hidden=hidden, output=output, seed=n_hidden
        )
        X = _check_batch(net, hidden, rng)
        y = np.arange(len(X)) % max(n_out, 2)
        err = gradient_check(net, X, y)
        worst = max(worst, err)
        if hidden in KINKS:  # some units are silent: their gradients are exactly zero
            dW, _ = net.gradients(X, y)
            assert any(np.any(g == 0.0) for g in dW) or n_hidden == 1
    assert worst < 1e-6


def test_textbook_central_difference_agrees_on_a_shallow_network():
    rng = np.random.default_rng(0)
    net = DeepNetwork([3, 4, 2], hidden="tanh")
    X = rng.uniform(-1, 1, size=(5, 3))
    y = np.array([0, 1, 1, 0, 1])
    # order 2, h = 1e-6: ~1e-10 absolute rounding; these gradients are >= 1e-3
    assert gradient_check(net, X, y, eps=1e-6, order=2) < 1e-6


def test_gradient_check_catches_a_wrong_slope():
    class WrongSigmoid(Sigmoid):
        def derivative(self, z, a=None):
            return 1.01 * super().derivative(z, a)  # 1% off

    rng = np.random.default_rng(0)
    net = DeepNetwork([3, 4, 2], hidden=WrongSigmoid())
    X = rng.uniform(-1, 1, size=(5, 3))
    err = gradient_check(net, X, np.array([0, 1, 1, 0, 1]))
    # first-layer gradients carry the factor 1.01: relative error ~ 0.01 / 2.01
    assert 4e-3 < err < 6e-3


def test_backward_equals_gradients_and_finite_differences(rng):
    net = DeepNetwork([3, 4, 3], hidden="softplus", seed=2)
    X = rng.uniform(-1, 1, size=(5, 3))
    y = np.array([0, 1, 2, 1, 0])
    dW, db = net.backward(net.forward(X), y)
    gW, gb = net.gradients(X, y)
    for a, b in zip(dW + db, gW + gb):
        np.testing.assert_array_equal(a, b)
    nW, nb = numerical_gradients(net, X, y, eps=1e-3, order=4)
    for a, b in zip(dW + db, nW + nb):
        np.testing.assert_allclose(a, b, rtol=1e-7, atol=1e-11)
    assert [g.shape for g in dW] == [(3, 4), (4, 3)]
    assert [g.shape for g in db] == [(4,), (3,)]


def test_numerical_gradients_leave_the_network_unchanged(rng):
    net = DeepNetwork([3, 4, 2])
    before = [w.copy() for w in net.weights + net.biases]
    numerical_gradients(net, rng.normal(size=(4, 3)), [0, 1, 0, 1])
    for a, b in zip(before, net.weights + net.biases):
        np.testing.assert_array_equal(a, b)


# --- initialisation -----------------------------------------------------------------------


def test_initialisation_follows_the_activation():
    n_in, n_out = 400, 300
    glorot = DeepNetwork([n_in, n_out, 2], hidden="sigmoid").weights[0]
    limit = math.sqrt(6 / (n_in + n_out))
    assert np.abs(glorot).max() <= limit
    # uniform(-L, L) has std L / sqrt(3); 120000 draws: std known to ~0.3 %
    assert glorot.std() == pytest.approx(limit / math.sqrt(3), rel=0.01)
    he = DeepNetwork([n_in, n_out, 2], hidden="relu").weights[0]
    assert he.std() == pytest.approx(math.sqrt(2 / n_in), rel=0.01)
    lif = DeepNetwork([n_in, n_out, 2], hidden="lif_rate")
    assert lif.weights[0].std() == pytest.approx(math.sqrt(2 / n_in), rel=0.01)
    assert np.all(lif.biases[0] == LIF_INIT_BIAS) and np.all(lif.biases[1] == 0.0)
    # the output layer is Glorot uniform for every hidden activation
    assert np.abs(lif.weights[1]).max() <= math.sqrt(6 / (n_out + 2))


def test_lif_initialisation_puts_units_around_threshold(digits):
    X, _ = digits
    net = DeepNetwork([64, 100, 10], hidden="lif_rate")
    active = np.mean(net.layer_activations(X)[0] > 0)
    # zero-mean weighted input around the threshold bias: about half the units fire
    assert 0.35 < active < 0.65


# --- description ----------------------------------------------------------------------------


def test_repr_and_sizes():
    net = DeepNetwork([64, 100, 10])
    assert repr(net) == "DeepNetwork([64, 100, 10], hidden='sigmoid', output='softmax', untrained)"
    assert net.n_parameters == 64 * 100 + 100 + 100 * 10 + 10
    assert net.n_layers == 2 and net.is_trained is False
    custom = DeepNetwork([2, 3, 1], hidden=LIFRate(t_ref=0.004), output="sigmoid")
    assert "LIFRate(tau_m=0.02, t_ref=0.004, amplitude=0.01)" in repr(custom)
    assert [w.shape for w in net.weights] == [(64, 100), (100, 10)]
    assert [b.shape for b in net.biases] == [(100,), (10,)]


def test_set_parameters_copies_and_marks_trained():
    net = DeepNetwork([2, 1], output="sigmoid")
    W = np.array([[1.0], [2.0]])
    net.set_parameters([W], [np.array([0.5])])
    W[0, 0] = 99.0
    assert net.weights[0][0, 0] == 1.0 and net.is_trained
    assert "trained" in repr(net) and "untrained" not in repr(net)


# --- persistence --------------------------------------------------------------------------


def test_save_load_round_trip(tmp_path, rng):
    net = DeepNetwork([5, 7, 6, 3], hidden=SoftLIF(sigma=0.05, t_ref=0.003), seed=4)
    X = rng.uniform(0, 1, size=(40, 5))
    net.fit(X, np.arange(40) % 3, epochs=2)
    written = net.save(tmp_path / "net")
    assert written == tmp_path / "net.npz" and written.exists()
    assert sorted(os.listdir(tmp_path)) == ["net.npz"]  # no temporary file left behind
    back = DeepNetwork.load(written)
    assert back.hidden == net.hidden and back.hidden.sigma == 0.05
    assert back.layer_sizes == net.layer_sizes and back.output == net.output
    assert back.is_trained and back.seed == 4
    np.testing.assert_array_equal(back.predict_proba(X), net.predict_proba(X))
    np.testing.assert_array_equal(back.predict(X), net.predict(X))
    for a, b in zip(back.weights + back.biases, net.weights + net.biases):
        np.testing.assert_array_equal(a, b)
    assert repr(back) == repr(net)


def test_save_overwrites_atomically(tmp_path):
    path = tmp_path / "net.npz"
    DeepNetwork([2, 3, 2], seed=0).save(path)
    DeepNetwork([2, 4, 2], seed=1).save(path)
    assert DeepNetwork.load(path).layer_sizes == (2, 4, 2)
    assert sorted(os.listdir(tmp_path)) == ["net.npz"]


def _tampered(tmp_path, name, **changes):
    path = tmp_path / "good.npz"
    DeepNetwork([3, 4, 2], hidden="lif_rate").save(path)
    with np.load(path) as data:
        entries = {k: data[k] for k in data.files}
    entries.update(changes)
    for key, value in list(entries.items()):
        if value is None:
            del entries[key]
    bad = tmp_path / name
    np.savez(bad, **entries)
    return bad


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": np.array("something.else")}, "format tag"),
        ({"version": np.array(2)}, "format version 2"),
        ({"W0": np.zeros((4, 4))}, "weights"),
        ({"b1": np.array([np.nan, 0.0])}, "non-finite"),
        ({"W1": None}, "missing"),
        ({"W2": np.zeros((2, 2))}, "unexpected"),
        ({"hidden": np.array("swish")}, "swish"),
        ({"hidden_params": np.array('{"tau_m": -1}')}, "tau_m"),
        ({"layer_sizes": np.array([3.0, 4.0, 2.0])}, "layer_sizes"),
        ({"output": np.array("linear")}, "output"),
    ],
)
def test_load_rejects_tampered_files(tmp_path, changes, message):
    bad = _tampered(tmp_path, "bad.npz", **changes)
    with pytest.raises(ValueError, match=rf"'path' parameter of DeepNetwork\.load.*{message}"):
        DeepNetwork.load(bad)


def test_load_rejects_foreign_and_corrupted_files(tmp_path):
    digits = os.path.join(os.path.dirname(__file__), "..", "..", "neurosim", "data", "digits.npz")
    with pytest.raises(ValueError, match=r"no 'format' entry \(entries found: images, labels"):
        DeepNetwork.load(digits)
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"this is not a zip archive at all" * 10)
    with pytest.raises(ValueError, match="could not be read as .npz"):
        DeepNetwork.load(garbage)
    good = DeepNetwork([3, 4, 2]).save(tmp_path / "good.npz")
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ValueError, match="'path' parameter of DeepNetwork.load"):
        DeepNetwork.load(truncated)
    single = tmp_path / "single.npy"
    np.save(single, np.zeros(3))
    with pytest.raises(ValueError, match="single array"):
        DeepNetwork.load(single)
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, format=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError, match="could not be read"):
        DeepNetwork.load(pickled)
    with pytest.raises(FileNotFoundError, match="'path'"):
        DeepNetwork.load(tmp_path / "missing.npz")
    assert zipfile.is_zipfile(good)


def test_custom_activation_cannot_be_saved(tmp_path):
    class Mine(Sigmoid):
        name = "mine"

    with pytest.raises(ValueError, match="'hidden' parameter of DeepNetwork.save"):
        DeepNetwork([2, 3, 2], hidden=Mine()).save(tmp_path / "x.npz")


# --- bad inputs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (([5],), {}, "'layer_sizes'.*at least 2"),
        (([5, 0, 2],), {}, r"'layer_sizes\[1\]'.*>= 1"),
        (([5, -3, 2],), {}, r"'layer_sizes\[1\]'.*>= 1"),
        ((5,), {}, "'layer_sizes'"),
        (([5, 2.5, 2],), {}, r"'layer_sizes\[1\]'.*an integer"),
        (([5, 3, 1],), {"output": "softmax"}, "'layer_sizes'.*>= 2 output units"),
        (([5, 3, 2],), {"output": "tanh"}, "'output'.*'softmax', 'sigmoid'"),
        (([5, 3, 2],), {"hidden": "swish"}, "'hidden'.*'sigmoid'.*'soft_lif'"),
        (([5, 3, 2],), {"seed": -1}, "'seed'"),
    ],
)
def test_construction_is_validated(args, kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        DeepNetwork(*args, **kwargs)


def test_unknown_activation_is_a_value_error():
    with pytest.raises(ValueError, match="'hidden' parameter of DeepNetwork"):
        DeepNetwork([2, 3, 2], hidden="gelu")


@pytest.fixture
def small():
    rng = np.random.default_rng(0)
    return DeepNetwork([4, 5, 3]), rng.uniform(size=(10, 4)), np.arange(10) % 3


@pytest.mark.parametrize("method", ["forward", "predict", "predict_proba", "layer_activations"])
def test_inputs_are_validated(small, method):
    net, X, _ = small
    with pytest.raises(
        ValueError, match=r"'X' parameter of DeepNetwork\.forward.*shape \(any, 4\)"
    ):
        getattr(net, method)(X[:, :3])
    Xnan = X.copy()
    Xnan[2, 1] = np.nan
    with pytest.raises(ValueError, match="'X'.*finite.*1 non-finite"):
        getattr(net, method)(Xnan)
    Xinf = X.copy()
    Xinf[0, 0] = np.inf
    with pytest.raises(ValueError, match="'X'.*finite"):
        getattr(net, method)(Xinf)
    with pytest.raises(ValueError, match="'X'.*2-D"):
        getattr(net, method)(X[0])


@pytest.mark.parametrize("method", ["fit", "score", "loss", "gradients"])
def test_labels_are_validated(small, method):
    net, X, y = small
    with pytest.raises(ValueError, match=r"'y' parameter.*labels in 0\.\.2.*Got 3"):
        getattr(net, method)(X, np.where(y == 2, 3, y))
    with pytest.raises(ValueError, match="'y'.*array of integers.*not integers"):
        getattr(net, method)(X, y + 0.5)
    with pytest.raises(ValueError, match="'y'.*>= 0"):
        getattr(net, method)(X, y - 1)
    with pytest.raises(ValueError, match="'y'.*10 labels"):
        getattr(net, method)(X, y[:-1])
    with pytest.raises(ValueError, match="'X'"):
        getattr(net, method)(X[:, :2], y)


def test_binary_sigmoid_labels_are_zero_or_one():
    net = DeepNetwork([2, 3, 1], output="sigmoid")
    with pytest.raises(ValueError, match=r"'y'.*labels in 0\.\.1"):
        net.fit(np.zeros((3, 2)), [0, 1, 2])


def test_backward_wants_a_record(small):
    net, X, y = small
    with pytest.raises(TypeError, match="'record'"):
        net.backward({"z": [], "a": []}, y)
    with pytest.raises(ValueError, match="'y'"):
        net.backward(net.forward(X), y[:4])


def test_gradient_check_arguments_are_validated(small):
    net, X, y = small
    with pytest.raises(ValueError, match="'order' parameter of gradient_check must be one of 2, 4"):
        gradient_check(net, X, y, order=3)
    with pytest.raises(ValueError, match="'eps'.*> 0"):
        gradient_check(net, X, y, eps=0.0)
    with pytest.raises(TypeError, match="'network'"):
        gradient_check("net", X, y)
