"""Networks trained as one stack: each the same, to the last bit, as its own fit().

The reference is ``DeepNetwork.fit`` run alone (the path tests/artificial checks against
finite differences and hand-worked steps); a stacked step that summed in another order,
shared an optimizer's state or shuffled with another seed would move the weights.
"""

import numpy as np
import pytest

from neurosim.artificial import (
    Backprop,
    DeepNetwork,
    FeedbackAlignment,
    NodePerturbation,
    PredictiveCoding,
    SignConstrained,
    Training,
    fit_together,
)

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


#: each rule as learning_rules uses it (default seeds: the draws come from fit's stream)
RULES = {
    "feedback_alignment": lambda: FeedbackAlignment(),
    "sign_hidden": lambda: SignConstrained(excitatory_fraction=0.75),
    "sign_all": lambda: SignConstrained(
        excitatory_fraction=0.75, constrain_inputs=True, input_excitatory_fraction=1.0
    ),
    "node_perturbation": lambda: NodePerturbation(sigma=0.05),
    "predictive_coding": lambda: PredictiveCoding(steps=12, inference_rate=0.2, nudge=0.1),
}


@pytest.mark.parametrize("name", RULES)
@pytest.mark.parametrize("measured", [False, True])
def test_a_stack_of_any_rule_gives_each_network_its_own_fit(name, measured):
    # the rule's own state (feedback matrices, unit signs, the jitter's generator) is
    # each network's; the angle to the gradient is each network's with its own rule
    sizes, kw = [3, 8, 6, 3], dict(epochs=3, batch_size=16, learning_rate=0.05)
    kw |= dict(optimizer="adam", record_alignment=measured)
    data = [_data(s) for s in SEEDS]
    validation = [_data(s + 50, n=20) for s in SEEDS]
    alone, alone_rules = [], []
    for k, s in enumerate(SEEDS):
        net, rule = DeepNetwork(sizes, hidden="sigmoid", seed=s), RULES[name]()
        history = net.fit(*data[k], seed=s, validation=validation[k], rule=rule, **kw)
        alone.append((net, history))
        alone_rules.append(rule)
    nets = [DeepNetwork(sizes, hidden="sigmoid", seed=s) for s in SEEDS]
    rules = [RULES[name]() for _ in SEEDS]
    histories = fit_together(
        nets, data, seeds=list(SEEDS), validation=validation, rules=rules, **kw
    )
    _check_same(alone, list(zip(nets, histories, strict=True)))
    for (_, a), b in zip(alone, histories, strict=True):
        if measured:
            np.testing.assert_array_equal(a.alignment_angle, b.alignment_angle)
            if name.startswith("sign"):  # the update is backprop's gradient
                assert np.all(b.alignment_angle < 1e-3)
            elif name == "predictive_coding":  # settled near the gradient, not on it
                assert np.all((b.alignment_angle > 1e-6) & (b.alignment_angle < 60))
            else:  # another direction: the angle was measured with this rule
                assert np.all(b.alignment_angle > 10)
        else:
            assert a.alignment_angle is None and b.alignment_angle is None
    for a, b in zip(alone_rules, rules, strict=True):  # each rule ends as fit leaves it
        if name.startswith("sign"):
            counters = ("n_steps", "n_clipped", "worst_violations")
            assert [getattr(b, c) for c in counters] == [getattr(a, c) for c in counters]
            assert b.n_steps == 3 * 4 and b.n_clipped > 0  # 50 samples: 4 batches an epoch
        if name == "node_perturbation":  # the generators drew the same numbers
            assert a._rng.random() == b._rng.random()
    assert not np.array_equal(nets[0].weights[0], nets[1].weights[0])


def test_a_stack_takes_one_rule_class_and_one_sigma():
    nets = [DeepNetwork([3, 4, 3], seed=s) for s in (0, 1)]
    data = [_data(0), _data(1)]
    with pytest.raises(ValueError, match="'rules'.*one class"):
        fit_together(nets, data, seeds=[0, 1], epochs=1, rules=[Backprop(), FeedbackAlignment()])
    with pytest.raises(ValueError, match="'rules'.*one setting"):
        rules = [NodePerturbation(sigma=0.01), NodePerturbation(sigma=0.02)]
        fit_together(nets, data, seeds=[0, 1], epochs=1, rules=rules)
    with pytest.raises(ValueError, match="'rules'.*one rule per network"):
        fit_together(nets, data, seeds=[0, 1], epochs=1, rules=[Backprop()])

    class Mine(Backprop):  # a subclass may change any hook: not stacked
        pass

    with pytest.raises(ValueError, match="'rules'.*one class among"):
        fit_together(nets, data, seeds=[0, 1], epochs=1, rules=[Mine(), Mine()])


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
