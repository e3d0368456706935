"""Prepare each Dask worker for the comparisons (imported only with ``--scheduler``).

A Dask worker runs its tasks in a thread, but Brian2 installs a Ctrl-C handler when it
is imported, which only the main thread may do: imported first inside a task it fails
("signal only works in main thread"). This plugin's ``setup`` runs in the worker's
event loop, on its main thread, when the worker joins (also later joiners): it imports
Brian2 there (through :mod:`neurosim.units`) and selects matplotlib's Agg backend.
"""

from __future__ import annotations

import contextlib

from distributed import WorkerPlugin

__all__ = ["PrepareWorker"]


class PrepareWorker(WorkerPlugin):
    """Import Brian2 on the worker's main thread; draw with Agg."""

    name = "neurosim-prepare"

    def setup(self, worker):
        import matplotlib

        matplotlib.use("Agg")
        with contextlib.suppress(ImportError):
            import neurosim.units  # noqa: F401  (imports Brian2)
