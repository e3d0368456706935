"""The one place that chooses Brian2's code-generation target.

Brian2 turns model equations into code for a *target*:

``"numpy"`` (default)
    Vectorised numpy.  No compiler, no cold start; fast enough for the figures,
    where every condition and trial is an extra neuron of one group.
``"cython"`` (opt-in)
    Compiled C via Cython.  Pays a compile cost the first time a model is seen
    (cached on disk afterwards), then runs large networks several times faster.

The target is resolved in this order: the ``target=`` argument of
:func:`neurosim.spiking.simulate`, then :func:`set_target`, then the environment
variable ``NEUROSIM_BRIAN_TARGET``, then ``"numpy"``.  It is applied only while a
network is built and run (:func:`use_target`), and Brian2's global preference is
restored afterwards, so neurosim never leaks Brian2 state into a user's session.

Measured on the project machine (2 shared cores, load ~3 from other jobs,
Python 3.11, brian2 2.9.0, gcc), LIF model of
:class:`~neurosim.spiking.LIFParameters` driven by constant currents,
dt = 0.1 ms, with ``python benchmarks/bench_spiking.py --cython``:

=======================================================  ========
cython: cold compile of the LIF model (fresh cache)       25.4 s
cython: warm cache, 1000 LIF neurons x 1 s                 0.42 s
numpy: 1000 LIF neurons x 1 s (after a first run)          0.84 s
=======================================================  ========

So cython pays off only when a numpy run would take more than ~50 s (twice the
compile cost at the ~2x speed-up); numpy stays the default.

The whole gallery gains far less (2 cores, 2026-12-08, main at b031cc4, ``neurosim
figures`` wall time, warm cache): ``--quick`` 31.9 s with numpy against 27.1 s with
cython (median of 3 each, 1.18x); the full single-seed gallery 51.3 s against 43.8 s
(1.17x). Drawing the figures, training the networks and reading the records stay as
they are. The cold compile of the quick gallery's models took 3.7 min. The results are
not the numpy target's: 20 of the quick gallery's 135 claims differ, most in their last
digits (sums taken in another order); neurons_are_noisy's random input comes out
different for the same seed (its Fano factor 1.23 against 0.70, and the verdict on the
ISI CV under fresh input changes), and lif_neuron's first-spike latency check reads
0.092 ms against 0.1 ms.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from neurosim.core.constraints import Options, validate
from neurosim.core.validation import param_error

__all__ = ["TARGETS", "get_target", "set_target", "use_target"]

#: Code-generation targets neurosim supports.
TARGETS = ("numpy", "cython")

#: Name of the environment variable that picks the default target.
ENV_VAR = "NEUROSIM_BRIAN_TARGET"

_chosen: str | None = None


def _check(name, param: str, owner: str) -> str:
    if not isinstance(name, str) or name not in TARGETS:
        listed = ", ".join(repr(t) for t in TARGETS)
        raise param_error(
            param,
            owner,
            f"one of {listed}",
            name,
            "numpy needs no compiler; cython compiles once and is faster for large runs.",
        )
    return name


def get_target() -> str:
    """Return the code-generation target that a simulation without ``target=`` uses.

    Returns
    -------
    str
        ``"numpy"`` or ``"cython"``: the value set by :func:`set_target`, else the
        environment variable ``NEUROSIM_BRIAN_TARGET``, else ``"numpy"``.
    """
    if _chosen is not None:
        return _chosen
    env = os.environ.get(ENV_VAR)
    if env:
        return _check(env.strip(), ENV_VAR, "the environment")
    return "numpy"


@validate(name=[Options(*TARGETS), None])
def set_target(name: str | None) -> None:
    """Choose the default code-generation target for this process.

    Parameters
    ----------
    name : {"numpy", "cython"} or None
        ``None`` forgets the choice (back to the environment variable or
        ``"numpy"``).
    """
    global _chosen
    _chosen = name


def resolve_target(target: str | None, owner: str = "simulate") -> str:
    """The target to use for one run: ``target`` if given, else :func:`get_target`."""
    if target is None:
        return get_target()
    return _check(target, "target", owner)


@validate(name=[Options(*TARGETS), None])
@contextmanager
def use_target(name: str | None) -> Iterator[str]:
    """Set ``brian2.prefs.codegen.target`` for the duration of a block, then restore it.

    Build *and* run the network inside the block: Brian2 reads the preference
    when it generates code, at the start of ``Network.run``.
    """
    from neurosim.units import prefs  # Brian2 only through its door

    target = resolve_target(name, "use_target")
    before = prefs.codegen.target
    prefs.codegen.target = target
    try:
        yield target
    finally:
        prefs.codegen.target = before
