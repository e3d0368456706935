"""Networks trained as one stack: each the same, to the last bit, as its own fit().

The reference is ``DeepNetwork.fit`` run alone (the path tests/artificial checks against
finite differences and hand-worked steps); a stacked step that summed in another order,
shared an optimizer's state or shuffled with another seed would move the weights.
"""

import numpy as np
import pytest

from neurosim.artificial import DeepNetwork, Training, fit_together

SEEDS = (0, 4, 9)


def _data(seed, n=50, d=3, classes=3):
    rng = np.random.default_rng(100 + seed)
    X = rng.normal(size=(n, d))
    y = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0.5).astype(int) * (classes > 2)
    return X, y


def _check_same(alone, together):
    for (net_a, hist_a), (net_b, hist_b) in zip(alone, together, strict=True):
        for a, b in zip(net_a.weights + net_a.biases, net_b.weights + net_b.biases, strict=True):
            np.testing.assert_array_equal(a, b)
        for field in ("loss", "accuracy", "val_loss", "val_accuracy"):
            a, b = getattr(hist_a, field), getattr(hist_b, field)
            assert (a is None) == (b is None), field
            if a is not None:
                np.testing.assert_array_equal(a, b, err_msg=field)
        assert net_b.is_trained


@pytest.mark.parametrize(
    "sizes, hidden, output, optimizer, held",
    [
        ([3, 8, 8, 3], "relu", "softmax", "adam", True),  # flexible_mappings' kind
        ([3, 5, 1], "sigmoid", "sigmoid", "sgd", False),  # one sigmoid output unit
        ([3, 6, 2], "tanh", "sigmoid", "adam", True),  # two sigmoid outputs
        ([3, 3], "relu", "softmax", "sgd", True),  # no hidden layer
    ],
)
def test_a_stack_gives_each_network_its_own_fit(sizes, hidden, output, optimizer, held):
    classes = 2 if sizes[-1] == 1 else sizes[-1]
    kw = dict(epochs=4, batch_size=16, learning_rate=0.05, optimizer=optimizer)  # 50 = 3x16 + 2
    data = [_data(s, classes=classes) for s in SEEDS]
    validation = [_data(s + 50, n=20, classes=classes) for s in SEEDS] if held else None
    alone = []
    for k, s in enumerate(SEEDS):
        net = DeepNetwork(sizes, hidden=hidden, output=output, seed=s)
        history = net.fit(*data[k], seed=s, validation=validation[k] if held else None, **kw)
        alone.append((net, history))
    nets = [DeepNetwork(sizes, hidden=hidden, output=output, seed=s) for s in SEEDS]
    histories = fit_together(nets, data, seeds=list(SEEDS), validation=validation, **kw)
    _check_same(alone, list(zip(nets, histories, strict=True)))
    # the seeds' networks learned differently: the check above compares distinct numbers
    assert not np.array_equal(nets[0].weights[0], nets[1].weights[0])


def test_training_requests_stack_by_shape_and_settings(calls_to):
    import neurosim.artificial.stacked as stacked

    stacks = calls_to(stacked, "fit_together")

    def request(seed, sizes=(3, 4, 3), epochs=2):
        net = DeepNetwork(list(sizes), hidden="relu", output="softmax", seed=seed)
        return Training(net, *_data(seed), epochs=epochs, optimizer="adam", seed=seed)

    requests = [request(0), request(1), request(2, sizes=(3, 6, 3)), request(3, epochs=3)]
    histories = Training.run_batch(requests)
    assert [len(args[0]) for args, _ in stacks] == [2]  # the first two share a stack
    again = [request(s, **kw).run() for s, kw in ((0, {}), (1, {}), (2, {"sizes": (3, 6, 3)}))]
    again.append(request(3, epochs=3).run())
    for got, want in zip(histories, again, strict=True):
        np.testing.assert_array_equal(got.loss, want.loss)


def test_a_stack_refuses_what_it_cannot_train_together_by_name():
    nets = [DeepNetwork([3, 4, 3], seed=0), DeepNetwork([3, 5, 3], seed=1)]
    data = [_data(0), _data(1)]
    with pytest.raises(ValueError, match=r"networks\[1\]"):
        fit_together(nets, data, seeds=[0, 1], epochs=1)
    nets = [DeepNetwork([3, 4, 3], seed=s) for s in (0, 1)]
    with pytest.raises(ValueError, match="'data'.*one size"):
        fit_together(nets, [_data(0), _data(1, n=40)], seeds=[0, 1], epochs=1)
    with pytest.raises(ValueError, match="'seeds'"):
        fit_together(nets, data, seeds=[0], epochs=1)
    with pytest.raises(ValueError, match=r"data\[1\]\[0\]"):
        fit_together(nets, [_data(0), (np.ones((50, 2)), _data(1)[1])], seeds=[0, 1], epochs=1)
