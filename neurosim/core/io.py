"""Atomic file writes: nothing is lost if a run is interrupted.

Used by the figure pipeline (PNG, SVG, JSON, the gallery) and by
``DeepNetwork.save``; Brian2-free, so both sides may import it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from neurosim.core.constraints import CALLABLE, PATH, validate

__all__ = ["atomic_write"]


@validate(path=PATH, write=CALLABLE)
def atomic_write(path: str | os.PathLike, write: Callable[[str], None]) -> Path:
    """Call ``write(tmp_path)``, flush it to disk, then rename it onto ``path``.

    The temporary file lives in the target's folder so the rename is atomic; on any
    error (or interruption) it is removed and the old ``path``, if any, is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
