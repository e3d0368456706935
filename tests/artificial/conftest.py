"""Shared data for the artificial-side tests."""

import numpy as np
import pytest

from neurosim.datasets import load_digits, train_test_split


@pytest.fixture(scope="session")
def digits():
    """UCI 8x8 digits scaled to [0, 1]: (X (1797, 64), y (1797,))."""
    return load_digits()


@pytest.fixture(scope="session")
def digits_splits(digits):
    """Five fixed stratified 80/20 splits (seeds 0..4) of the digits."""
    X, y = digits
    return [train_test_split(X, y, test_fraction=0.2, seed=s) for s in range(5)]


@pytest.fixture
def rng():
    return np.random.default_rng(12345)
