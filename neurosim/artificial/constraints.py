"""What the artificial side's public functions take, in :mod:`neurosim.core.constraints`'
words: the constraints several modules declare, written once.

A constraint that needs one module's class lives beside it (``ACTIVATION`` in
:mod:`.activations`, ``OPTIMIZER`` in :mod:`.training`, ``SURROGATES`` in
:mod:`.surrogates`). What depends on a model (a network's input width, its number of
classes) is a relation, checked in the body.
"""

from __future__ import annotations

from neurosim.core.constraints import SEED, ArrayOf, HasMethods, Interval

__all__ = ["BINARY_LABELS", "DATA", "LABELS", "NETWORK", "OPT_SEED", "SPIKES", "Z"]

#: Samples as rows: a 2-D array of finite numbers.
DATA = ArrayOf(2)
#: Class labels, one per sample: integers >= 0 (the network says how many classes).
LABELS = ArrayOf(1, dtype=int, values=Interval(0, None))
#: Labels of a two-class problem: 0 or 1.
BINARY_LABELS = ArrayOf(1, dtype=int, values=Interval(0, 1))
#: Input spikes: 0/1 (or True/False) per sample, time step and input.
SPIKES = ArrayOf(3, dtype=None)
#: An elementwise function's input: a number or an array of any shape, empty too. NaN
#: and inf are numbers and pass through; None, text and other non-numbers are refused
#: (``np.asarray(None, dtype=float)`` would be a silent NaN).
Z = ArrayOf(finite=False, min_size=0)
#: A seed, or None for the stream the caller provides.
OPT_SEED = [SEED, None]
#: A :class:`~neurosim.artificial.DeepNetwork` (by what it does: the modules that train
#: one are imported by it, so they cannot import the class).
NETWORK = HasMethods("forward", "targets", "gradients", text="a DeepNetwork")
