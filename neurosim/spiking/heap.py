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
only what the block made. The block's network is then freed at once, whatever its size
(before, a heap frozen around the run alone kept the previous network's garbage, and
the engine collected the whole heap after large networks only). No Brian2 import here.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def _block_collected():
    """Inside: the objects alive before the block left out of the collector's walks. On
    leaving: the block's garbage collected (a walk over what the block made), then the
    heap handed back to the collector.

    A process that froze objects itself (``gc.freeze`` before a fork) keeps its own
    freeze: the collection then walks what was made since, and nothing is thawed.
    """
    own = gc.get_freeze_count() == 0
    if own:
        gc.freeze()
    try:
        yield
    finally:
        try:
            gc.collect()
        finally:
            if own:
                gc.unfreeze()
