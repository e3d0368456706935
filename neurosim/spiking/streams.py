"""Random numbers for a batch of seeds: each seed's block of a group from its own generator.

No Brian2 import: the engine (:mod:`neurosim.spiking.engine`) puts these draws in place
of numpy's global ones while a batch of seeds runs.
"""

from __future__ import annotations

import numpy as np


class StreamsError(RuntimeError):
    """A random term that cannot be drawn seed by seed in a batch."""


class _Streams:
    """Random numbers for a batch of seeds, while a network runs (numpy target).

    Brian2's numpy target draws every random number of a step through
    ``np.random.rand(N)``, ``np.random.randn(N)`` and ``np.random.poisson(lam, size=N)``,
    one call per random term of a group of ``N`` elements (brian2/codegen/generators/
    numpy_generator.py). A run of one seed seeds the global generator with
    ``np.random.seed(seed)``: the numbers it draws are those of a fresh
    ``np.random.RandomState(seed)`` making the same calls. While this block is active
    each call is split into ``len(seeds)`` equal blocks, block ``j`` drawn from its own
    ``RandomState(seeds[j])``: a group whose blocks are the seeds' copies of one
    network gets, block by block, the numbers of each seed's own run. A call whose size
    does not split evenly (a random term of a group that is not a batch of copies) is
    refused rather than drawn differently.
    """

    _NAMES = ("rand", "randn", "poisson")

    def __init__(self, seeds, owner: str):
        self.generators = [np.random.RandomState(s) for s in seeds]
        self.owner = owner
        self._saved = {}

    def _blocks(self, size, what: str) -> int:
        k = len(self.generators)
        if size is None or int(size) % k:
            raise StreamsError(
                f"{self.owner}: a random term ({what}) of {size} element(s) cannot be split "
                f"into {k} seeds' blocks; run these seeds one at a time"
            )
        return int(size) // k

    def rand(self, size=None):
        b = self._blocks(size, "rand")
        return np.concatenate([g.rand(b) for g in self.generators])

    def randn(self, size=None):
        b = self._blocks(size, "randn")
        return np.concatenate([g.randn(b) for g in self.generators])

    def poisson(self, lam=1.0, size=None):
        b = self._blocks(size, "poisson")
        lam = np.broadcast_to(np.asarray(lam, dtype=float), (b * len(self.generators),))
        parts = [g.poisson(lam[j * b : (j + 1) * b], size=b) for j, g in enumerate(self.generators)]
        return np.concatenate(parts)

    def __enter__(self):
        for name in self._NAMES:
            self._saved[name] = getattr(np.random, name)
            setattr(np.random, name, getattr(self, name))
        return self

    def __exit__(self, *exc):
        for name, fn in self._saved.items():
            setattr(np.random, name, fn)
        self._saved.clear()
        return False
