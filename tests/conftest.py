"""Test-wide set-up: draw without a screen, one BLAS thread, close figures after each test.

(Brian2's full garbage collection at every run is kept cheap by the engine itself, which
freezes the heap for its block: neurosim/spiking/heap.py, ``_block_collected``.)"""

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


@pytest.fixture
def calls_to(monkeypatch):
    """``calls_to(module, name)``: a list that gets each call's ``(args, kwargs)`` while
    the call still goes through (to count the runs a batch makes)."""

    def spy(module, name):
        seen, real = [], getattr(module, name)

        def counted(*args, **kwargs):
            seen.append((args, kwargs))
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
        return seen

    return spy


# -- one quick run of each comparison, shared by every test process --------------------
@pytest.fixture(scope="session")
def quick_run(tmp_path_factory, worker_id):
    """``quick_run(name, seed=0)``: the comparison's quick run, computed once per test
    session whichever test process asks first, and read back by the others.

    The contract suite (tests/test_contract.py) and a comparison's own tests need the
    same run; with one test file per process (``--dist loadfile``) they sit in different
    processes, so the run is kept on disk (a test-only cache in pytest's temporary folder,
    pickled) behind a file lock. The warnings the run raised are kept with it.
    """
    import fcntl
    import os
    import pickle
    import warnings

    from neurosim.contract import registry

    base = tmp_path_factory.getbasetemp()
    root = (base if worker_id == "master" else base.parent) / "quick-runs"
    root.mkdir(exist_ok=True)

    def get(name: str, seed: int = 0):
        path = root / f"{name}-{seed}.pickle"
        with open(root / f"{name}-{seed}.lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if path.exists():
                return pickle.loads(path.read_bytes())
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                findings = registry.load(name).run(quick=True, seed=seed)
            raised = [(w.category.__name__, w.filename, str(w.message)) for w in caught]
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps((findings, raised)))
            os.replace(tmp, path)
            return findings, raised

    return get
