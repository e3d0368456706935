"""neurosim: the artificial neuron of deep learning beside a spiking neuron.

Subpackages (imported on first use, so ``import neurosim`` stays light and the
artificial side never pays for Brian2's start-up):

- :mod:`neurosim.artificial` — logistic units, deep networks, learning rules (numpy only)
- :mod:`neurosim.spiking` — neuron models, simulation, theory, spike statistics (Brian2)
- :mod:`neurosim.stimuli` — one definition of "the same input" for both sides
- :mod:`neurosim.encoding` — where a number becomes a current or a rate, and back
- :mod:`neurosim.compare` — feeds both sides the same input and aligns their outputs
- :mod:`neurosim.datasets` — xor, moons, circles, spirals, UCI digits
- :mod:`neurosim.plotting` — the lecture style and panel functions
- :mod:`neurosim.pipeline` — comparisons to figures (``neurosim figures``)
- :func:`neurosim.explore` — a comparison's parameters as sliders in Jupyter
  (``pip install "neurosim[notebook]"``)
"""

import importlib

from neurosim.findings import Claim, Findings

__version__ = "0.1.0"

_SUBMODULES = (
    "artificial",
    "compare",
    "datasets",
    "encoding",
    "pipeline",
    "plotting",
    "registry",
    "spiking",
    "stimuli",
)

__all__ = ["Claim", "Findings", "__version__", "explore", *_SUBMODULES]


def __getattr__(name):
    if name == "explore":
        from neurosim.explorer import explore

        return explore
    if name in _SUBMODULES:
        return importlib.import_module(f"neurosim.{name}")
    raise AttributeError(f"module 'neurosim' has no attribute {name!r}")
