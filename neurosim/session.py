"""What importing Brian2 does to the whole Python session, and how neurosim undoes it.

:mod:`neurosim.units` is the one module that imports Brian2 (the door). Brian2's import:

- replaces ``sys.excepthook`` with a hook that wraps *every* uncaught exception,
  including a user's own mistakes and neurosim's validation errors, in a banner asking
  to report a bug to Brian 2;
- routes every Python warning through the ``logging`` module;
- replaces the Ctrl-C (SIGINT) handler with one that asks a running simulation to stop
  early and *return* as if it had finished, which would turn an interrupted run into
  wrong numbers;
- opens a debug log (``brian_debug_*.log``, every message of every run) and saves a
  copy of the main script (``brian_script_*.py``) in the temporary folder, deleted when
  the process exits normally. A worker process (``neurosim figures``, ``sweep``, a Dask
  cluster) ends without that, so each left both behind: 175 had piled up in this
  machine's ``/tmp`` in a few days, each with the command line that started it.

``units`` takes a :class:`SessionBefore` before it imports Brian2 and calls
:func:`undo_brian2_import` after: the first three are put back as they were, the two
files are closed and deleted (and ``units`` switches both preferences off, so that
Brian2 writes no more; its warnings still reach the console). This module never
imports Brian2: it reads the module the import left in ``sys.modules``, so it can never
be the first to import it.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import warnings

__all__ = ["SessionBefore", "undo_brian2_import"]


class SessionBefore:
    """The session's excepthook, warning display and Ctrl-C handler, as they are now."""

    def __init__(self):
        self.excepthook = sys.excepthook
        self.showwarning = warnings.showwarning
        self.sigint = signal.getsignal(signal.SIGINT)


def undo_brian2_import(before: SessionBefore) -> None:
    """Put back what Brian2's import replaced since ``before``; delete its two files."""
    if sys.excepthook is not before.excepthook and getattr(
        sys.excepthook, "__module__", ""
    ).startswith("brian2"):
        sys.excepthook = before.excepthook
    if warnings.showwarning is not before.showwarning:
        warnings.showwarning = before.showwarning
    handler = signal.getsignal(signal.SIGINT)
    if handler is not before.sigint and type(handler).__module__.startswith("brian2"):
        try:
            signal.signal(signal.SIGINT, before.sigint)
        except ValueError:  # not the main thread: Brian2 could not install it either
            pass
    _no_files_left_behind()


def _no_files_left_behind() -> None:
    """Close and delete Brian2's debug log and script copy."""
    logger_module = sys.modules.get("brian2.utils.logger")
    if logger_module is None:
        return
    found = logger_module.BrianLogger
    handler = getattr(found, "file_handler", None)
    if handler is not None:
        logging.getLogger("brian2").removeHandler(handler)
        handler.close()
        found.file_handler = None
    for kind in ("tmp_log", "tmp_script"):
        path = getattr(found, kind, None)
        for leftover in (path, f"{path}.1") if path else ():  # .1: the log's rotated copy
            try:
                os.remove(leftover)
            except OSError:
                pass
        setattr(found, kind, None)
