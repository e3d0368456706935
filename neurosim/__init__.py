"""neurosim: the artificial neuron of deep learning beside a spiking neuron.

The package in rooms, from the bottom floor up (each imports only from floors below;
``docs/architecture.md`` draws the tree):

- the science: :mod:`neurosim.artificial` (numpy), :mod:`neurosim.spiking` (Brian2,
  through :mod:`neurosim.units` and one engine), :mod:`neurosim.stimuli`,
  :mod:`neurosim.vision`, :mod:`neurosim.datasets`, and :mod:`neurosim.bridge`, the
  only place that knows both sides;
- :mod:`neurosim.contract`: claims, rules, declared parameters, the registry;
- :mod:`neurosim.comparisons`: one module per question of the lecture;
- :mod:`neurosim.run`: figures over seeds, the gallery, sweeps, local or on Dask;
- :mod:`neurosim.kit`: slides, notebooks, ``explore()``, the glossary;
- :mod:`neurosim.core` under all of them: error messages, atomic writes, shared work.

Subpackages are imported on first use, so ``import neurosim`` stays light and the
artificial side never pays for Brian2's start-up. :func:`neurosim.explore` shows a
comparison's parameters as sliders in Jupyter (``pip install -e ".[notebook]"`` in a
checkout). The modules' old flat import paths (``neurosim.pipeline``,
``neurosim.compare``, ...) keep working (:mod:`neurosim._moved`).
"""

import importlib

from neurosim import _moved
from neurosim.contract import Claim, Findings

_moved.install()

__version__ = "0.1.0"

_SUBMODULES = (
    "artificial",
    "bridge",
    "comparisons",
    "contract",
    "core",
    "datasets",
    "kit",
    "plotting",
    "run",
    "spiking",
    "stimuli",
    "units",
    "vision",
)
#: names of modules that moved, still reachable as attributes (``neurosim.pipeline``)
_OLD = ("compare", "encoding", "pipeline", "registry")

__all__ = ["Claim", "Findings", "__version__", "explore", *_SUBMODULES]


def __getattr__(name):
    if name == "explore":
        from neurosim.kit.explorer import explore

        return explore
    if name in _SUBMODULES or name in _OLD:
        return importlib.import_module(f"neurosim.{name}")
    raise AttributeError(f"module 'neurosim' has no attribute {name!r}")
