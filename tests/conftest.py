"""Test-wide set-up: draw without a screen, one BLAS thread, close figures after each test,
cheap garbage collections."""

import gc

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


_module_frozen: list[object] = [None]


def pytest_runtest_setup(item):
    """At the start of each test module: collect garbage, then freeze what is alive.

    Brian2's ``Network.run`` starts with a full ``gc.collect()`` (to warn about objects
    left out of a network). In a test process the heap holds pytest's 1000 collected
    tests, sympy's caches, matplotlib and the fixtures, so that collection cost 0.18 s
    per run (measured: 21 s of CPU over the suite's 111 Brian2 runs). Frozen objects
    are skipped by later collections, which then scan only what the current module made
    (measured: 1.2 s). No test depends on it; peak memory was unchanged (430/520 MB).
    """
    module = getattr(item, "module", None)
    if module is not _module_frozen[0]:
        _module_frozen[0] = module
        gc.collect()
        gc.freeze()
