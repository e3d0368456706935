"""The garbage collector around the engine's runs: what it walks, and when it collects.

Brian2's ``Network.run`` starts with a full ``gc.collect()`` (to warn of objects left
out of the network), which walks every object of the process. The engine freezes the
heap around its runs (:func:`_heap_frozen`) so that walk covers only the run's own
objects, and collects when a large network's block ends (:func:`_elements`), which the
freeze would otherwise keep from ever happening. No Brian2 import here: the objects
are read by their attributes.
"""

from __future__ import annotations

import contextlib
import gc

import numpy as np


@contextlib.contextmanager
def _heap_frozen():
    """The objects alive before a run left out of the garbage collector's passes.

    ``Network.run`` calls ``gc.collect()`` first (to warn of objects left out of the
    network), which walks every object of the process: 85 ms a run in a comparison's
    worker, more in a long notebook session. Frozen objects are not walked; they are
    handed back to the collector after the run. A process that froze objects itself
    (``gc.freeze`` before a fork) keeps its own freeze: then nothing is done.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


#: A network of at least this many elements (neurons, synapses, recorded samples) is
#: collected when its block ends: see :func:`_elements`.
COLLECT_ELEMENTS = 100_000


def _elements(network) -> int:
    """Neurons, synapses and recorded samples (times the recorded variables) of a network.

    Brian2's objects hold each other in reference cycles, so a network dropped at the
    end of an engine's block is freed only by a full garbage collection. Brian2's own
    (at the start of every run) no longer reaches it: the engine freezes the heap around
    its runs (:func:`_heap_frozen`), and the next engine freezes the last one's garbage
    with the rest. Ten seeds of cost_of_spikes in one process grew to 1.44 GB that way
    (0.64 GB before the freeze); a collection when a large network's block ends keeps it
    at one network's worth (4 seeds: 767 MB without, 407 MB with, same time), and a
    small network, whose garbage is small, does not pay the walk (about 85 ms).
    """
    total = 0
    for obj in network.objects:
        variables = getattr(obj, "variables", None)
        if variables is None or "N" not in variables:
            continue
        n = int(np.asarray(variables["N"].get_value()).item())
        if type(obj).__name__ == "StateMonitor":  # N samples of each recorded index
            n *= len(obj.record) * len(obj.record_variables)
        total += n
    return total
