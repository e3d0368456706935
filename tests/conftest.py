"""Test-wide set-up: draw without a screen, one BLAS thread, close figures after each test."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from threadpoolctl import threadpool_limits


@pytest.fixture(scope="session", autouse=True)
def _one_blas_thread():
    """One BLAS thread per test process, as in the figure pipeline's workers.

    The matrices are small (64 x 100): threaded BLAS gains nothing, and with one test
    process per core (pytest -n auto) its threads spin against the other process's
    (measured on 2 cores: 2.5x slower digit training; 10 % more CPU time on a single
    process). Results are the same either way.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        yield


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
