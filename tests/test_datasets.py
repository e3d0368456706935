"""Datasets: shapes, balance, reproducibility, and the shipped digits."""

import numpy as np
import pytest

from neurosim.datasets import (
    load_digits,
    make_circles,
    make_moons,
    make_spirals,
    make_xor,
    train_test_split,
)

GENERATORS = [make_xor, make_moons, make_circles, make_spirals]


def test_digits_is_the_uci_set():
    X, y = load_digits()
    # The UCI 8x8 test set: 1797 images, 10 classes, 174..183 per class (Alpaydin & Kaynak 1998)
    assert X.shape == (1797, 64)
    assert X.dtype == np.float64 and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    counts = np.bincount(y)
    assert len(counts) == 10 and counts.min() == 174 and counts.max() == 183
    raw, _ = load_digits(scaled=False)
    assert np.array_equal(raw, X * 16) and np.all(raw == np.round(raw))


@pytest.mark.parametrize("make", GENERATORS)
def test_generators_are_balanced_and_reproducible(make):
    X, y = make(n=101, seed=3)
    assert X.shape == (101, 2) and y.shape == (101,)
    counts = np.bincount(y)
    assert counts.max() - counts.min() <= 1
    X2, y2 = make(n=101, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = make(n=101, seed=4)
    assert not np.array_equal(X, X3)


def test_xor_truth_table():
    X, y = make_xor(4, noise=0)
    assert np.array_equal(y, np.logical_xor(X[:, 0], X[:, 1]).astype(int))


def test_noiseless_circles_have_the_stated_radii():
    X, y = make_circles(n=200, noise=0.0, factor=0.4)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 0], 1.0, atol=1e-12)
    np.testing.assert_allclose(r[y == 1], 0.4, atol=1e-12)


def test_stratified_split_keeps_every_class_share():
    X, y = load_digits()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=0.2, seed=0)
    assert len(y_te) + len(y_tr) == len(y)
    for label in range(10):
        n = np.sum(y == label)
        assert np.sum(y_te == label) == round(0.2 * n)
    # no sample on both sides: every row of X appears exactly once overall
    both = np.concatenate([X_tr, X_te])
    assert np.array_equal(np.sort(both.sum(axis=1)), np.sort(X.sum(axis=1)))
    again = train_test_split(X, y, test_fraction=0.2, seed=0)
    assert np.array_equal(again[3], y_te)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: make_xor(n=2), "'n' parameter of make_xor"),
        (lambda: make_moons(noise=-1), "'noise' parameter of make_moons"),
        (lambda: make_spirals(n_classes=1), "'n_classes'"),
        (lambda: make_circles(factor=1.5), "'factor'"),
        (lambda: make_xor(seed=-1), "'seed'"),
        (lambda: train_test_split(np.zeros((4, 2)), [0, 1], test_fraction=0.5), "'y'"),
        (
            lambda: train_test_split(np.zeros((4, 2)), [0, 1, 0, 1], test_fraction=1.0),
            "test_fraction",
        ),
    ],
)
def test_bad_input_names_the_parameter(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()
