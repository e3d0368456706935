"""Shared data for the artificial-side tests."""

import numpy as np
import pytest

from neurosim.datasets import load_digits, train_test_split

try:  # optional: not a neurosim dependency
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover
    threadpool_limits = None


@pytest.fixture(scope="session", autouse=True)
def _one_blas_thread():
    """Small matrices (64 x 100) gain nothing from threaded BLAS, and on a 2-core
    machine shared with other test runs the threads spin against each other
    (measured: 2.5x slower training).  Results are the same either way."""
    if threadpool_limits is None:
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


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
