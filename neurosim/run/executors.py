"""Where the pipeline's jobs run: local worker processes, or a Dask cluster.

Both are :class:`concurrent.futures.Executor` objects, so ``neurosim figures`` and
``neurosim sweep`` submit the same jobs (:func:`neurosim.run.tasks._run_task`) and wait
for them the same way (:func:`completed`, which wakes up every 0.2 s so that Ctrl-C
and SIGTERM are handled at once).

* ``open_executor(jobs=2)``: a :class:`~concurrent.futures.ProcessPoolExecutor` whose
  workers ignore Ctrl-C (the parent handles it), draw with Agg, and end when the parent
  process ends, even if it is killed with SIGKILL.
* ``open_executor(scheduler="tcp://host:8786")``: a Dask ``distributed`` client's
  executor (``Client.get_executor``). Dask is imported only then; without it the error
  names the optional extra ``neurosim[cluster]``. A scheduler that does not answer is a
  :class:`SchedulerError` after ``timeout`` seconds, not a hang.

The workers of a cluster import the comparisons themselves: they need neurosim and the
comparisons package on their path (a worker plugin, :mod:`neurosim.run.dask_plugin`, imports
Brian2 on each worker's main thread: imported in a task's thread it fails) (and ``NEUROSIM_COMPARISONS`` is passed with every
job as the package name, so it need not be set on the workers).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait

from neurosim.core.constraints import (
    COUNT,
    POSITIVE,
    TEXT,
    HasMethods,
    ListOf,
    MappingOf,
    validate,
)
from neurosim.core.validation import install_hint

__all__ = ["SchedulerError", "completed", "open_executor", "stop_executor"]

#: Seconds to wait for a scheduler to answer before giving up.
CONNECT_TIMEOUT = 5.0
#: How often the wait loop wakes up (so that signals are handled promptly).
POLL_SECONDS = 0.2


class SchedulerError(RuntimeError):
    """A Dask scheduler address that does not answer, or Dask is not installed."""


def _worker_init(parent: int | None = None):
    from neurosim.run.guards import _worker_init as init

    init(parent)


def _dask_client(scheduler: str, timeout: float):
    try:
        from distributed import Client
    except ImportError as err:
        hint = install_hint("cluster", "'dask[distributed]'")
        raise SchedulerError(
            f"--scheduler {scheduler} needs Dask's distributed scheduler, which is not "
            f"installed: {hint}"
        ) from err
    address = scheduler.strip()
    if not address:
        raise SchedulerError("The scheduler address is empty; give e.g. tcp://127.0.0.1:8786.")
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise SchedulerError(
            f"The Dask scheduler at {address!r} did not answer within {timeout:g} s "
            f"({type(err).__name__}: {err}). Start one with `dask scheduler` and workers "
            "with `dask worker ADDRESS`, or leave out --scheduler to run locally."
        ) from None
    try:
        from neurosim.run.dask_plugin import PrepareWorker

        # Brian2 must be imported on each worker's main thread, not in a task's thread
        client.register_plugin(PrepareWorker())
    except BaseException:
        client.close()
        raise
    return client


@contextlib.contextmanager
@validate(jobs=COUNT, scheduler=[TEXT, None], timeout=[POSITIVE, None])
def open_executor(
    jobs: int = 2, scheduler: str | None = None, *, timeout: float | None = None
) -> Iterator[Executor]:
    """An executor for the jobs: ``jobs`` local processes, or the Dask ``scheduler``.

    On leaving the block normally the executor waits for its jobs; on an exception
    (Ctrl-C included) it is stopped at once (:func:`stop_executor`).

    Raises
    ------
    SchedulerError
        If ``scheduler`` does not answer within ``timeout`` seconds (default
        :data:`CONNECT_TIMEOUT`, read at each call), or Dask is missing.
    """
    if scheduler:
        client = _dask_client(scheduler, CONNECT_TIMEOUT if timeout is None else timeout)
        executor = client.get_executor(pure=False)
        executor._neurosim_client = client
    else:
        # the workers end with this process, even when it is killed with SIGKILL
        executor = ProcessPoolExecutor(
            max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),)
        )
    try:
        yield executor
    except BaseException:
        stop_executor(executor)
        raise
    else:
        if scheduler:
            executor._neurosim_client.close()
        else:
            executor.shutdown()


def stop_executor(executor: Executor) -> None:
    """Stop now: local workers terminated (SIGTERM, SIGKILL after 1 s); a cluster's
    jobs cancelled and the client closed (the cluster itself keeps running)."""
    client = getattr(executor, "_neurosim_client", None)
    if client is not None:
        with contextlib.suppress(Exception):
            executor.shutdown(wait=False)
        with contextlib.suppress(Exception):
            client.close(timeout=2)
        return
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()
    executor.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + 1.0
    for p in processes:
        p.join(max(0.0, deadline - time.monotonic()))
        if p.is_alive():
            with contextlib.suppress(Exception):
                p.kill()
                p.join(0.5)


_FUTURE = HasMethods("done", "result", text="a future (from an executor's submit)")


@validate(futures=[ListOf(_FUTURE, min_len=0), MappingOf(keys=_FUTURE)])
def completed(futures: Iterable[Future]) -> Iterator[Future]:
    """Yield the futures as they finish, waking every 0.2 s (signals get through)."""
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        yield from done
