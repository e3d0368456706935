"""The import paths of modules that moved into rooms named for their job keep working.

neurosim's flat modules moved into subpackages (``core``, ``contract``, ``run``,
``kit``, ``bridge``; the comparisons into ``neurosim.comparisons``): ``from
neurosim.pipeline import generate`` still works. A finder on ``sys.meta_path`` answers
an old name with the module at its new place -- the same module object, so
``neurosim.pipeline is neurosim.run.pipeline`` -- and nothing is imported until asked.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

__all__ = ["MOVED", "new_name"]

#: old module name -> new module name (a package's submodules follow it)
MOVED = {
    "neurosim._validation": "neurosim.core.validation",
    "neurosim._io": "neurosim.core.io",
    "neurosim._cache": "neurosim.core.cache",
    "neurosim._warnings": "neurosim.core.warning_types",
    "neurosim.truth_tables": "neurosim.artificial.truth_tables",
    "neurosim.digits": "neurosim.artificial.digits",
    "neurosim.compare": "neurosim.bridge",
    "neurosim.encoding": "neurosim.bridge.encoding",
    "neurosim.findings": "neurosim.contract",
    "neurosim.parameters": "neurosim.contract.parameters",
    "neurosim.comparison": "neurosim.contract.module",
    "neurosim.registry": "neurosim.contract.registry",
    "neurosim.pipeline": "neurosim.run.pipeline",
    "neurosim._tasks": "neurosim.run.tasks",
    "neurosim._guards": "neurosim.run.guards",
    "neurosim.executors": "neurosim.run.executors",
    "neurosim._dask_plugin": "neurosim.run.dask_plugin",
    "neurosim.gallery": "neurosim.run.gallery",
    "neurosim.sweep": "neurosim.run.sweep",
    "neurosim._sweep_figure": "neurosim.run.sweep_figure",
    "neurosim.slides": "neurosim.kit.slides",
    "neurosim.notebooks": "neurosim.kit.notebooks",
    "neurosim.explorer": "neurosim.kit.explorer",
    "neurosim.glossary": "neurosim.kit.glossary",
}


def new_name(module: str) -> str | None:
    """Where ``module`` lives now (``None`` if it did not move)."""
    for old, new in MOVED.items():
        if module == old or module.startswith(old + "."):
            return new + module[len(old) :]
    return None


class _Alias(importlib.abc.Loader):
    def __init__(self, target: str):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module):
        """The module at its new place is already executed."""


class _MovedFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        new = new_name(fullname)
        if new is None:
            return None
        return importlib.util.spec_from_loader(fullname, _Alias(new))


def install() -> None:
    """Put the finder first on ``sys.meta_path``, once: an old name must lead to the new
    module even where a stale copy of the old file could still be found (an older
    editable install)."""
    if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _MovedFinder())
