"""The garbage collector around an engine's block: what it walks, and what it frees.

Brian2's objects hold each other in reference cycles, so a network dropped at the end
of an engine's block is freed only by a garbage collection, and a full collection walks
every object of the process: about 85 ms in a comparison's worker, 120-135 ms in a
session that has run a few comparisons (measured in explore()), more in a long notebook
session. Brian2's ``Network.run`` also starts with one (to warn of objects left out of
the network).

So the engine freezes the heap when its block begins (:func:`_block_collected`): every
object alive before the block is left out of the collector's walks, and both
collections, Brian2's at the run's start and the engine's own when the block ends, walk
only what the block made, and the block's network is freed as the block ends (before,
a heap frozen around the run alone kept the previous network's garbage, and the engine
walked the whole heap after every network of 100,000 elements).

Those walks also starve Python's own full collections (each explicit one restarts the
count the interpreter waits for), so garbage made outside the blocks (a drawn figure's
artists, a training's cycles) would pile up in the oldest generation: a gallery worker
grew by about 30,000 objects a task, and the 10-seed gallery's peak went from 0.8 to
1.6 GB. So, as Python itself does when its long-lived objects have grown by a quarter,
the engine walks the whole heap when the interpreter's allocated blocks or the resident
memory have grown by :data:`FULL_GROWTH` since its last whole walk
(:func:`_whole_walk_when_grown`), and after a network of :data:`COLLECT_ELEMENTS` or
more, which an older object sometimes still reaches (:func:`_elements`).
No Brian2 import here.
"""

from __future__ import annotations

import contextlib
import gc
import sys

import numpy as np

#: A whole-heap collection when the interpreter's allocated blocks or the process's
#: resident memory have grown by this fraction since the last one (Python's own rule for
#: its oldest generation: a quarter).
FULL_GROWTH = 0.25
_after_last_full = {"blocks": 0, "resident": 0}


def _resident() -> int:
    """The process's resident memory in pages (Linux), 0 where it cannot be read: the
    garbage's numpy buffers are there, not in the interpreter's blocks."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0


@contextlib.contextmanager
def _block_collected():
    """Inside: the objects alive before the block left out of the collector's walks. On
    leaving: the block's garbage collected (a walk over what the block made), the heap
    handed back to the collector, and the whole heap walked if the block asked for it
    (``leave["whole"] = True``: a large network, see :func:`_elements`) or if it has
    grown by :data:`FULL_GROWTH` since the last whole walk.

    A process that froze objects itself (``gc.freeze`` before a fork) keeps its own
    freeze: the collection then walks what was made since, and nothing is thawed.
    """
    leave = {"whole": False}
    own = gc.get_freeze_count() == 0
    if own:
        gc.freeze()
    try:
        yield leave
    finally:
        try:
            gc.collect()
        finally:
            if own:
                gc.unfreeze()
                if leave["whole"]:
                    _whole_walk()
                else:
                    _whole_walk_when_grown()


def _whole_walk() -> None:
    gc.collect()
    _after_last_full.update(blocks=sys.getallocatedblocks(), resident=_resident())


def _whole_walk_when_grown() -> bool:
    """Collect the whole heap if its blocks or the resident memory have grown by
    :data:`FULL_GROWTH` since the last time (the first call always does); True if it did."""
    now = {"blocks": sys.getallocatedblocks(), "resident": _resident()}
    if all(now[k] <= (1 + FULL_GROWTH) * _after_last_full[k] for k in now):
        return False
    _whole_walk()
    return True


#: A block whose network has at least this many elements (neurons, synapses, recorded
#: samples) ends with a whole walk: see :func:`_elements`.
COLLECT_ELEMENTS = 1_000_000


def _elements(network) -> int:
    """Neurons, synapses and recorded samples (times the recorded variables) of a network.

    A network is freed by the collection that ends its block only if nothing made before
    the block still reaches it; Brian2's own objects sometimes do (a cycle through an
    object the block did not make), and then only a whole walk frees it. Measured with
    ten seeds of cost_of_spikes (2.7 million synapses a seed) in one process: 854 MB
    with the block's collection alone, the previous seed's network still alive while
    the next was built; 427 MB with a whole walk after each. A network of fewer
    elements does not pay the walk (about 100 ms; explore()'s runs are smaller).
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
