"""Work shared by several comparisons, computed once per run.

Two comparisons that need the same trained network (the lecture's digit classifier)
must not each train it. :func:`shared` keeps a result in this process's memory and,
when the environment variable ``NEUROSIM_CACHE_DIR`` names a folder (the figure
pipeline sets it to a temporary folder for the length of a run, shared by its worker
processes), on disk as ``.npz`` (never pickle), written atomically. A file lock makes a
second process that needs the same result wait for the first instead of computing it
again.

Keys are plain JSON-able dicts of every setting the result depends on.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from neurosim.core.constraints import CALLABLE, TEXT, MappingOf, validate

__all__ = ["CACHE_ENV", "shared", "stored"]

CACHE_ENV = "NEUROSIM_CACHE_DIR"
T = TypeVar("T")
_memory: dict[str, object] = {}


def _digest(name: str, key: dict) -> str:
    text = json.dumps({"name": name, **key}, sort_keys=True, default=str)
    return f"{name}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _place(name: str, key: dict) -> tuple[str, Path | None]:
    """The result's digest and its file in this run's cache folder (None: no folder)."""
    digest = _digest(name, key)
    folder = os.environ.get(CACHE_ENV)
    return digest, (Path(folder) / f"{digest}.npz" if folder else None)


def _lock(path: Path) -> Path:
    """The lock file of a cached result's file."""
    return path.with_name(f".{path.stem}.lock")


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@validate(
    name=TEXT, key=MappingOf(), compute=CALLABLE, save=[CALLABLE, None], load=[CALLABLE, None]
)
def shared(
    name: str,
    key: dict,
    compute: Callable[[], T],
    *,
    save: Callable[[T, Path], None] | None = None,
    load: Callable[[Path], T] | None = None,
) -> T:
    """``compute()`` once per run for this ``name`` and ``key``; the stored result after.

    Parameters
    ----------
    name : str
        What is computed (a file-name-safe word).
    key : dict
        Every setting the result depends on (JSON-able).
    compute : callable
        Computes the result.
    save, load : callables, optional
        Write the result to a ``.npz`` path and read it back. Without them the result is
        kept in memory only.
    """
    digest, path = _place(name, key)
    if digest in _memory:
        return _memory[digest]  # type: ignore[return-value]
    if path is None or save is None or load is None:
        result = compute()
    else:
        with _locked(_lock(path)):
            if path.exists():
                result = load(path)
            else:
                result = compute()
                save(result, path)
    _memory[digest] = result
    return result


@validate(name=TEXT, key=MappingOf(), load=[CALLABLE, None])
def stored(name: str, key: dict, *, load: Callable[[Path], T] | None = None) -> T | None:
    """What :func:`shared` holds for this ``name`` and ``key`` already (in memory, or on
    disk when ``load`` reads it back), else None: nothing is computed.

    For work that is cheaper done together (several seeds' networks trained as one
    stack): look first, compute the missing ones together, then hand each to
    :func:`shared` (which stores it, or returns another process's copy).
    """
    digest, path = _place(name, key)
    if digest in _memory:
        return _memory[digest]  # type: ignore[return-value]
    if path is None or load is None:
        return None
    with _locked(_lock(path)):
        if not path.exists():
            return None
        result = load(path)
    _memory[digest] = result
    return result
