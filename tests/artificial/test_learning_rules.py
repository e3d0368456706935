"""Learning rules beside backprop: feedback alignment (Lillicrap et al. 2016) and
sign-constrained (Dale's law) learning, and the angle between a rule's update and the
true gradient."""

import math

import numpy as np
import pytest

from neurosim.artificial import (
    Backprop,
    DeepNetwork,
    FeedbackAlignment,
    LearningRule,
    NodePerturbation,
    PredictiveCoding,
    SignConstrained,
    alignment_angle,
    compare_rules,
    constrained_rules,
    update_angle,
)
from neurosim.artificial.fitting import rule_stream


@pytest.fixture(scope="module")
def blobs():
    rng = np.random.default_rng(7)
    y = np.arange(120) % 3
    X = rng.normal(size=(120, 4)) * 0.5 + np.eye(3, 4)[y] * 2
    return X, y


@pytest.fixture(scope="module")
def digits_split(digits):
    from neurosim.datasets import train_test_split

    X, y = digits
    return train_test_split(X, y, test_fraction=0.2, seed=0)


# --- the angle ------------------------------------------------------------------------------


def test_update_angle_by_hand():
    # acos of the normalised dot product, worked by hand
    assert update_angle(np.array([1.0, 0.0]), np.array([0.0, 2.0])) == pytest.approx(90.0)
    assert update_angle(np.array([1.0, 1.0]), np.array([3.0, 0.0])) == pytest.approx(45.0)
    assert update_angle(np.array([1.0, -2.0]), np.array([-2.0, 4.0])) == pytest.approx(180.0)
    assert update_angle(np.array([2.0, 0.0]), np.array([5.0, 0.0])) == 0.0
    # lists of arrays are flattened together: (1, 0 | 0) vs (0, 1 | 1) -> 90 deg;
    # (1, 1 | 1) vs (1, 1 | 0) -> acos(2 / (sqrt(3) sqrt(2))) = 35.26 deg
    assert update_angle([np.eye(1), np.zeros(1)], [np.zeros((1, 1)), np.ones(1)]) == 90.0
    assert update_angle([np.ones(2), np.ones(1)], [np.ones(2), np.zeros(1)]) == pytest.approx(
        math.degrees(math.acos(2 / math.sqrt(6))), abs=1e-12
    )
    # a zero vector has no direction: refused by name, not NaN (a reader would average it)
    for zero, other, name in (
        (np.zeros(3), np.ones(3), "update"),
        (np.ones(3), [0, 0, 0], "reference"),
    ):
        with pytest.raises(ValueError, match=f"'{name}' parameter of update_angle .* not zero"):
            update_angle(zero, other)
    with pytest.raises(ValueError, match="'update' parameter of update_angle"):
        update_angle(np.ones(3), np.ones(4))


def test_an_update_of_zero_has_no_angle(blobs):
    """Predictive coding with no settling step moves no weight (no error reaches a node,
    module docstring): asked directly, its angle is refused naming the rule; a training
    history keeps one value per epoch, NaN (an average over epochs must not hide it)."""
    X, y = blobs
    net, rule = DeepNetwork([4, 5, 3], seed=0), PredictiveCoding(steps=0)
    with pytest.raises(ValueError, match="'rule' parameter of alignment_angle .* not zero"):
        alignment_angle(net, X, y, rule)
    history = net.fit(X, y, epochs=2, rule=PredictiveCoding(steps=0), record_alignment=True)
    assert np.isnan(history.alignment_angle).all() and history.alignment_angle.shape == (2,)


def test_backprop_and_sign_constrained_updates_are_the_gradient(blobs):
    X, y = blobs
    net = DeepNetwork([4, 6, 5, 3], hidden="tanh", seed=2)
    assert alignment_angle(net, X, y, Backprop()) == pytest.approx(0.0, abs=1e-5)
    rule = SignConstrained(seed=0)
    rule.prepare(net, None)
    # the constraint acts after the step (a projection); the direction is the gradient
    assert alignment_angle(net, X, y, rule) == pytest.approx(0.0, abs=1e-5)
    with pytest.raises(TypeError, match="'rule' parameter of alignment_angle"):
        alignment_angle(net, X, y, "backprop")
    with pytest.raises(ValueError, match="'layers' parameter of alignment_angle"):
        alignment_angle(net, X, y, Backprop(), layers=[3])


# --- feedback alignment ---------------------------------------------------------------------


def test_feedback_alignment_with_b_equal_to_w_transpose_is_backprop(blobs):
    # Lillicrap et al. replace W.T by B in the backward pass; with B = W.T it is backprop,
    # operation for operation, so the updates are bitwise equal.
    X, y = blobs
    net = DeepNetwork([4, 6, 5, 3], hidden="tanh", seed=3)
    rule = FeedbackAlignment(seed=0)
    rule.prepare(net, None)
    rule.B = [None] + [W.T.copy() for W in net.weights[1:]]
    dW, db = rule.updates(net, net.forward(X), net.targets(y))
    gW, gb = net.gradients(X, y)
    for a, b in zip(dW + db, gW + gb):
        np.testing.assert_array_equal(a, b)


def test_feedback_alignment_differs_only_below_the_output(blobs):
    X, y = blobs
    net = DeepNetwork([4, 8, 3], hidden="tanh", seed=0)
    rule = FeedbackAlignment(seed=1)
    rule.prepare(net, None)
    dW, db = rule.updates(net, net.forward(X), net.targets(y))
    gW, gb = net.gradients(X, y)
    np.testing.assert_array_equal(dW[-1], gW[-1])  # the output layer learns from its own error
    np.testing.assert_array_equal(db[-1], gb[-1])
    assert not np.allclose(dW[0], gW[0])


def test_feedback_matrices_shape_scale_and_seed():
    net = DeepNetwork([64, 100, 10], seed=0)
    rule = FeedbackAlignment(seed=4)
    rule.prepare(net, None)
    assert rule.B[0] is None and rule.B[1].shape == (10, 100)
    # Default scale: the RMS of W_1 (Glorot uniform, limit sqrt(6/110): RMS = limit/sqrt(3)).
    # The sample std of 1000 Gaussian entries has relative standard error 1/sqrt(2000) = 2.2%;
    # allow 4 standard errors.
    rms = math.sqrt(np.mean(net.weights[1] ** 2))
    assert rule.B[1].std() == pytest.approx(rms, rel=4 / math.sqrt(2000))
    assert rms == pytest.approx(math.sqrt(6 / 110) / math.sqrt(3), rel=0.05)
    scaled = FeedbackAlignment(seed=4, scale=0.5)
    scaled.prepare(net, None)
    assert scaled.B[1].std() == pytest.approx(0.5, rel=4 / math.sqrt(2000))
    again = FeedbackAlignment(seed=4)
    again.prepare(net, np.random.default_rng(99))  # an explicit seed wins over fit's generator
    np.testing.assert_array_equal(again.B[1], rule.B[1])
    other = FeedbackAlignment(seed=5)
    other.prepare(net, None)
    assert not np.array_equal(other.B[1], rule.B[1])


def test_feedback_alignment_needs_prepare_and_validates(blobs):
    X, y = blobs
    net = DeepNetwork([4, 8, 3], seed=0)
    with pytest.raises(ValueError, match=r"'B' parameter of FeedbackAlignment.*prepare"):
        FeedbackAlignment().updates(net, net.forward(X), net.targets(y))
    rule = FeedbackAlignment(seed=0)
    rule.prepare(DeepNetwork([4, 7, 3]), None)  # prepared for another shape
    with pytest.raises(ValueError, match=r"shape \(3, 8\)"):
        rule.updates(net, net.forward(X), net.targets(y))
    with pytest.raises(ValueError, match="'scale' parameter of FeedbackAlignment"):
        FeedbackAlignment(scale=0.0)
    with pytest.raises(ValueError, match="'seed' parameter of FeedbackAlignment"):
        FeedbackAlignment(seed=-1)


def test_at_initialisation_the_feedback_update_is_orthogonal_on_average(blobs):
    """The FA update is linear in B, and B and -B are equally likely: the angle to the
    gradient is theta for B and exactly 180 - theta for -B, so its cosine averages 0
    over draws (90 degrees: B knows nothing about W)."""
    X, y = blobs
    net = DeepNetwork([4, 30, 3], hidden="tanh", seed=0)
    cosines = []
    for seed in range(40):
        rule = FeedbackAlignment(seed=seed)
        rule.prepare(net, None)
        theta = alignment_angle(net, X, y, rule)
        rule.B[1] = -rule.B[1]
        assert alignment_angle(net, X, y, rule) == pytest.approx(180.0 - theta, abs=1e-9)
        cosines.append(math.cos(math.radians(theta)))
    cosines = np.array(cosines)
    # mean cosine 0 within 3 standard errors of the mean
    assert abs(cosines.mean()) < 3 * cosines.std(ddof=1) / math.sqrt(len(cosines))
    assert cosines.std() > 0.05  # the angles do differ from draw to draw


def test_forward_weights_align_with_the_feedback_on_digits(digits_split):
    """Lillicrap et al. 2016 (Fig. 2): the hidden update starts ~90 deg from backprop's and
    falls below 90 as the output weights W_1 come to agree with B_1.T."""
    X_tr, X_te, y_tr, y_te = digits_split
    net = DeepNetwork([64, 100, 10], seed=0)
    rule = FeedbackAlignment(seed=0)
    rule.prepare(net, None)
    start = alignment_angle(net, X_tr, y_tr, rule)
    start_w = update_angle(net.weights[1], rule.B[1].T)
    history = net.fit(
        X_tr,
        y_tr,
        epochs=15,
        batch_size=32,
        optimizer="adam",
        learning_rate=0.01,
        rule=rule,
        record_alignment=True,
    )
    angles = history.alignment_angle
    end_w = update_angle(net.weights[1], rule.B[1].T)
    print(
        f"update angle {start:.1f} -> {np.round(angles, 1)}; W1 vs B1.T {start_w:.1f} -> {end_w:.1f}"
    )
    # a random 10 x 100 B is orthogonal to W_1 up to ~1/sqrt(1000) in cosine: 90 +- ~5 deg
    assert start_w == pytest.approx(90.0, abs=6.0)
    # the update itself starts near 90 deg too: over 100 draws of B for this network the
    # angle averaged 89.6 deg with a standard deviation of 3.6 deg; allow 4 of them
    assert start == pytest.approx(90.0, abs=15.0)
    assert end_w < 80.0  # the forward weights moved towards the feedback
    assert angles.shape == (15,)
    assert np.all(angles < 90.0)  # every epoch's update points downhill
    # well aligned after training: under 60 degrees, from about 90 at the start
    assert angles[-1] < 60.0 < start
    # the last entry is the angle of the trained network on the training set
    assert angles[-1] == alignment_angle(net, X_tr, y_tr, rule)
    assert net.score(X_te, y_te) > 0.9


def test_rules_see_the_same_mini_batches(blobs):
    """The rule draws from its own stream: drawing B does not change the batch order."""
    X, y = blobs

    def recording(base):
        class Recording(base):
            def updates(self, network, record, targets):
                self.seen.append(record.a[0].copy())
                return super().updates(network, record, targets)

        rule = Recording()
        rule.seen = []
        return rule

    bp, fa = recording(Backprop), recording(FeedbackAlignment)
    DeepNetwork([4, 8, 3], seed=0).fit(X, y, epochs=2, batch_size=50, rule=bp, seed=3)
    DeepNetwork([4, 8, 3], seed=0).fit(X, y, epochs=2, batch_size=50, rule=fa, seed=3)
    assert len(bp.seen) == len(fa.seen) == 6
    for a, b in zip(bp.seen, fa.seen):
        np.testing.assert_array_equal(a, b)


# --- sign-constrained (Dale's law) ----------------------------------------------------------


def test_prepare_assigns_signs_and_balances_inhibition():
    net = DeepNetwork([6, 10, 5, 3], seed=1)
    original = [W.copy() for W in net.weights]
    rule = SignConstrained(excitatory_fraction=0.8, seed=0)
    rule.prepare(net, None)
    assert rule.unit_signs[0] is None  # inputs are free by default
    np.testing.assert_array_equal(net.weights[0], original[0])
    for layer, n in ((1, 10), (2, 5)):
        signs = rule.unit_signs[layer]
        assert np.count_nonzero(signs == 1) == round(0.8 * n)  # exactly 8 of 10, 4 of 5
        W = net.weights[layer]
        exc = signs > 0
        assert np.all(W[exc] >= 0) and np.all(W[~exc] <= 0)
        # balanced: inhibitory magnitudes x n_E/n_I (8/2 = 4, 4/1 = 4); excitatory unchanged
        np.testing.assert_allclose(np.abs(W[exc]), np.abs(original[layer][exc]), rtol=1e-15)
        np.testing.assert_allclose(np.abs(W[~exc]), 4 * np.abs(original[layer][~exc]), rtol=1e-15)
    assert rule.violations(net) == 0
    # same seed -> same assignment; unbalanced keeps every magnitude
    again = SignConstrained(seed=0, balanced=False)
    net2 = DeepNetwork([6, 10, 5, 3], seed=1)
    again.prepare(net2, None)
    np.testing.assert_array_equal(again.unit_signs[1], rule.unit_signs[1])
    np.testing.assert_array_equal(np.abs(net2.weights[1]), np.abs(original[1]))
    # constrain_inputs gives the inputs signs too
    inputs = SignConstrained(seed=0, constrain_inputs=True)
    inputs.prepare(DeepNetwork([6, 10, 5, 3], seed=1), None)
    assert np.count_nonzero(inputs.unit_signs[0] == 1) == round(0.8 * 6)  # 5 of 6


def test_projection_by_hand():
    net = DeepNetwork([2, 2, 2], seed=0)
    rule = SignConstrained(excitatory_fraction=0.5, seed=0)
    rule.prepare(net, None)
    rule.unit_signs[1] = np.array([1.0, -1.0])  # unit 0 excitatory, unit 1 inhibitory
    net.weights[1][...] = [[0.5, -0.1], [0.2, -0.3]]
    assert rule.violations(net) == 2
    rule.after_step(net)
    np.testing.assert_array_equal(net.weights[1], [[0.5, 0.0], [0.0, -0.3]])
    assert rule.n_clipped == 2 and rule.n_steps == 1 and rule.violations(net) == 0


class _Checked(SignConstrained):
    """Asserts after every optimizer step that every constrained weight kept its sign."""

    def prepare(self, network, rng):
        super().prepare(network, rng)
        self.start = [
            None if s is None else s[:, None] * np.ones_like(W)
            for s, W in zip(self.unit_signs, network.weights)
        ]
        self.checked = 0

    def after_step(self, network):
        super().after_step(network)
        for W, sign in zip(network.weights, self.start):
            if sign is not None:
                assert np.all(W * sign >= 0.0)
        self.checked += 1


def test_signs_hold_after_every_step_on_digits(digits_split):
    X_tr, X_te, y_tr, y_te = digits_split
    net = DeepNetwork([64, 100, 10], seed=0)
    rule = _Checked(seed=0)
    net.fit(X_tr, y_tr, epochs=5, batch_size=64, optimizer="adam", learning_rate=0.01, rule=rule)
    assert rule.checked == rule.n_steps == 5 * math.ceil(len(X_tr) / 64)
    assert rule.violations(net) == 0
    # The constraint was not idle: the gradient pushed many weights across zero.
    assert rule.n_clipped > 1000
    # Without the projection the same start loses its signs (so the check above can fail).
    free = DeepNetwork([64, 100, 10], seed=0)
    SignConstrained(seed=0).prepare(free, None)
    signs = rule.unit_signs[1][:, None]
    free.fit(X_tr, y_tr, epochs=5, batch_size=64, optimizer="adam", learning_rate=0.01)
    assert np.count_nonzero(free.weights[1] * signs < 0) > 100
    assert net.score(X_te, y_te) > 0.85  # it still learns


def test_sign_constrained_validation():
    with pytest.raises(ValueError, match="'excitatory_fraction' parameter of SignConstrained"):
        SignConstrained(excitatory_fraction=1.5)
    with pytest.raises(TypeError, match="'balanced'"):
        SignConstrained(balanced="yes")
    with pytest.raises(ValueError, match="'seed'"):
        SignConstrained(seed=-2)
    # all excitatory: nothing to balance, every outgoing weight >= 0
    net = DeepNetwork([3, 4, 2], seed=0)
    SignConstrained(excitatory_fraction=1.0).prepare(net, None)
    assert np.all(net.weights[1] >= 0)


# --- fit integration ------------------------------------------------------------------------


@pytest.mark.parametrize("make_rule", [FeedbackAlignment, SignConstrained])
def test_same_seed_same_numbers(blobs, make_rule):
    X, y = blobs
    runs = []
    for _ in range(2):
        net = DeepNetwork([4, 8, 3], seed=1)
        h = net.fit(X, y, epochs=3, batch_size=16, rule=make_rule(), record_alignment=True)
        runs.append((net, h))
    (a, ha), (b, hb) = runs
    for wa, wb in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(wa, wb)
    np.testing.assert_array_equal(ha.alignment_angle, hb.alignment_angle)
    np.testing.assert_array_equal(ha.loss, hb.loss)
    c = DeepNetwork([4, 8, 3], seed=1)
    c.fit(X, y, epochs=3, batch_size=16, rule=make_rule(), seed=9)
    assert not np.array_equal(c.weights[0], a.weights[0])


def test_record_alignment_is_optional(blobs):
    X, y = blobs
    h = DeepNetwork([4, 8, 3]).fit(X, y, epochs=2)
    assert h.alignment_angle is None
    h = DeepNetwork([4, 8, 3]).fit(X, y, epochs=2, record_alignment=True)
    np.testing.assert_allclose(h.alignment_angle, 0.0, atol=1e-5)  # backprop is the gradient
    with pytest.raises(TypeError, match="'record_alignment' parameter of DeepNetwork.fit"):
        DeepNetwork([4, 8, 3]).fit(X, y, epochs=1, record_alignment="yes")


def test_custom_rules_still_subclass_the_seam():
    assert issubclass(FeedbackAlignment, LearningRule)
    assert issubclass(SignConstrained, LearningRule)
    assert repr(FeedbackAlignment(seed=1)) == "FeedbackAlignment(seed=1, scale=None)"


# --- node perturbation ----------------------------------------------------------------------


def test_node_perturbation_is_the_gradient_on_average(blobs):
    """To first order the loss change is sum_k g_k . xi_k, so E[change * xi_l] / sigma^2 is
    backprop's g_l (Williams 1992; Fiete & Seung 2006): the mean of many estimates must
    agree with the gradient within its standard error, component by component."""
    X, y = blobs
    X, y = X[:12], y[:12]
    net = DeepNetwork([4, 5, 3], hidden="tanh", seed=0)
    record, targets = net.forward(X), net.targets(y)
    rule = NodePerturbation(sigma=1e-3, seed=0)
    rule.prepare(net, None)
    draws = 4000
    samples = np.array(
        [
            np.concatenate([u.ravel() for u in rule.updates(net, record, targets)[0]])
            for _ in range(draws)
        ]
    )
    grad = np.concatenate([g.ravel() for g in net.gradients(X, y)[0]])
    mean, sem = samples.mean(axis=0), samples.std(axis=0, ddof=1) / np.sqrt(draws)
    # 35 components: each within 4 standard errors (two-sided p = 6e-5 each); the O(sigma^2)
    # bias is ~1e-6 of the gradient, far below the standard error
    assert np.all(np.abs(mean - grad) < 4 * sem)
    # one estimate is noisy; the average of 4000 points nearly along the gradient
    single = update_angle(samples[0], grad)
    assert update_angle(mean, grad) < 10.0 < single
    print(
        f"one estimate {single:.1f} deg from the gradient, mean of {draws}: {update_angle(mean, grad):.2f} deg"
    )


def test_node_perturbation_learns_and_validates(blobs):
    X, y = blobs
    net = DeepNetwork([4, 8, 3], seed=0)
    before = net.loss(X, y)
    h = net.fit(
        X,
        y,
        epochs=20,
        batch_size=16,
        optimizer="adam",
        learning_rate=0.01,
        rule=NodePerturbation(),
        record_alignment=True,
    )
    assert h.loss[-1] < 0.5 * before  # slower than backprop, but downhill
    assert np.all(h.alignment_angle < 90.0)
    with pytest.raises(ValueError, match="'rng' parameter of NodePerturbation.*prepare"):
        NodePerturbation().updates(net, net.forward(X), net.targets(y))
    with pytest.raises(ValueError, match="'sigma' parameter of NodePerturbation"):
        NodePerturbation(sigma=0)


def test_sign_counters_by_hand():
    # [3, 4, 2]: hidden units signed -> the 4 x 2 weights of layer 1; every layer -> all 20
    net = DeepNetwork([3, 4, 2], seed=0)
    hidden = SignConstrained(seed=0)
    hidden.prepare(net, None)
    assert hidden.n_constrained(net) == 4 * 2
    every = SignConstrained(seed=0, constrain_inputs=True)
    every.prepare(DeepNetwork([3, 4, 2], seed=0), None)
    assert every.n_constrained(net) == 3 * 4 + 4 * 2
    # signed weights: layer 1 times each row's sign, written out
    (signed,) = hidden.signed_weights(net)
    np.testing.assert_array_equal(signed, net.weights[1] * hidden.unit_signs[1][:, None])
    assert np.all(signed >= 0)
    # the audit: a weight pushed across zero by hand is counted once the step has passed...
    net.weights[1][0, 0] = -hidden.unit_signs[1][0]
    assert hidden.violations(net) == 1 and hidden.worst_violations == 0
    hidden.after_step(net)  # ...and the projection sets it to 0, so the audit stays 0
    assert hidden.worst_violations == 0 and net.weights[1][0, 0] == 0.0


# --- several rules, all else equal ----------------------------------------------------------


def test_constrained_rules_are_new_objects_by_name():
    a, b = constrained_rules(seed=3), constrained_rules(seed=3)
    assert list(a) == [
        "backprop",
        "feedback_alignment",
        "sign_hidden",
        "sign_all",
        "node_perturbation",
    ]
    assert all(a[k] is not b[k] for k in a)
    assert isinstance(a["backprop"], Backprop) and isinstance(a["sign_all"], SignConstrained)
    assert not a["sign_hidden"].constrain_inputs and a["sign_all"].constrain_inputs
    assert a["sign_all"].input_excitatory_fraction == 1.0
    assert a["feedback_alignment"].seed == a["node_perturbation"].seed == 3


def test_compare_rules_holds_everything_but_the_rule(blobs):
    """Same initial weights and mini-batches for every rule; angles from the start;
    accuracies after the last epoch; backprop's run is a plain fit."""
    X, y = blobs
    train, test = (X[:90], y[:90]), (X[90:], y[90:])

    class Recording(FeedbackAlignment):
        def prepare(self, network, rng):
            super().prepare(network, rng)
            self.start = [W.copy() for W in network.weights]
            self.seen = []

        def updates(self, network, record, targets):
            self.seen.append(record.a[0].copy())
            return super().updates(network, record, targets)

    rules = {"a": Recording(seed=1), "b": Recording(seed=2), "backprop": Backprop()}
    settings = {"hidden": "tanh", "epochs": 3, "batch_size": 20, "seed": 5}
    runs = compare_rules(rules, [4, 6, 3], train, test, measure_alignment=["a", "b"], **settings)
    assert list(runs) == ["a", "b", "backprop"]
    a, b = runs["a"].rule, runs["b"].rule
    for Wa, Wb in zip(a.start, b.start):  # the same initial weights ...
        np.testing.assert_array_equal(Wa, Wb)
    # ... and the same mini-batches: 3 epochs x 5, and the whole training set for the
    # angle after every epoch
    assert len(a.seen) == len(b.seen) == 3 * 5 + 3
    for xa, xb in zip(a.seen, b.seen):
        np.testing.assert_array_equal(xa, xb)
    # backprop's run: the same as fitting the network by hand
    net = DeepNetwork([4, 6, 3], hidden="tanh", seed=5)
    net.fit(*train, epochs=3, batch_size=20, seed=5, validation=test)
    for W, W_run in zip(net.weights, runs["backprop"].network.weights):
        np.testing.assert_array_equal(W, W_run)
    done = runs["a"]
    assert done.n_test == 30
    assert done.accuracy == done.history.val_accuracy[-1]  # after the last epoch
    # the angle: before training (measured here on a fresh network with the same B), then
    # after every epoch
    assert done.angle_deg.shape == (4,) and runs["backprop"].angle_deg is None
    fresh, rule = DeepNetwork([4, 6, 3], hidden="tanh", seed=5), FeedbackAlignment(seed=1)
    rule.prepare(fresh, None)
    assert done.angle_deg[0] == pytest.approx(alignment_angle(fresh, *train, rule), abs=1e-12)
    np.testing.assert_array_equal(done.angle_deg[1:], done.history.alignment_angle)
    with pytest.raises(ValueError, match="'measure_alignment' parameter of compare_rules"):
        compare_rules(rules, [4, 6, 3], train, test, measure_alignment=["c"])
    with pytest.raises(TypeError, match=r"'rules\['x'\]' parameter of compare_rules"):
        compare_rules({"x": "backprop"}, [4, 6, 3], train, test)


def test_the_start_angle_of_a_seedless_rule_is_the_one_fit_trains_with(blobs):
    """A rule without its own seed draws from fit's stream: the angle measured before
    training is that of the feedback the rule then learns with."""
    X, y = blobs
    train, test = (X[:90], y[:90]), (X[90:], y[90:])
    rules = {"fa": FeedbackAlignment()}
    runs = compare_rules(rules, [4, 6, 3], train, test, epochs=1, seed=7, measure_alignment=["fa"])
    fresh, rule = DeepNetwork([4, 6, 3], seed=7), FeedbackAlignment()
    rule.prepare(fresh, rule_stream(7))
    np.testing.assert_array_equal(rule.B[1], runs["fa"].rule.B[1])  # fit drew the same B
    assert runs["fa"].angle_deg[0] == pytest.approx(alignment_angle(fresh, *train, rule))
