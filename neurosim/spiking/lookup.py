"""A ``TimedArray``'s lookup on Brian2's numpy target, without numpy's cost per call.

No Brian2 import (the engine is its door): :meth:`neurosim.spiking.engine.Engine.timed_array`
hands every ``TimedArray`` it makes to :func:`fast_numpy_lookup`.

Brian2 2.9's numpy target calls a ``TimedArray`` once per time step and per code object
that names it, with the time as one number. Its lookup then makes five numpy calls on
that number (divide, round, convert, clip, index); ``numpy.clip`` on a scalar alone
builds two ``finfo``-like limit objects. Profiled in neurons_have_memory's quick run:
58,960 lookups, 1.56 s of a 3.6 s run (under the profiler).

The index rule is Brian2's (``brian2/input/timedarray.py``, 2.9.0): an upsampling factor
``K = max(2 ** ceil(log2(8 * dt_array / dt_group)), 1)``, ``epsilon = dt_array / K``,
and the value of step ``trunc(round_half_even(t / epsilon) / K)``, clipped to the
array. :func:`fast_numpy_lookup` applies the same rule to Python numbers: Python's
``round`` rounds halves to even as ``numpy.round`` does, ``int`` truncates as
``numpy.int_`` does, and an integer below 2**53 divided by ``K`` is the same double as
numpy's float division. ``K`` itself is computed with numpy, once per network. An
array of times (not what the target passes, but allowed) takes numpy's path.
``tests/spiking/test_lookup.py`` checks the rule on hand-worked times and the lookup
against Brian2's own.
"""

from __future__ import annotations

import numpy as np

from neurosim.units import second

__all__ = ["fast_numpy_lookup", "step_of"]


def _upsampling(group_dt: float, array_dt: float) -> int:
    return max(int(2 ** np.ceil(np.log2(8 / group_dt * array_dt))), 1)


def step_of(t: float, epsilon: float, k: int, n_values: int) -> int:
    """The array step that time ``t`` (s) reads: the rule above, on Python numbers."""
    step = int(round(t / epsilon) / k)
    return 0 if step < 0 else (n_values - 1 if step >= n_values else step)


def _steps_of(t, epsilon: float, k: int, n_values: int) -> np.ndarray:
    return np.clip(np.int_(np.round(np.asarray(t) / epsilon) / k), 0, n_values - 1)


def fast_numpy_lookup(timed_array, return_unit) -> None:
    """Give ``timed_array`` (a Brian2 ``TimedArray`` of values in ``return_unit``) the
    faster numpy implementation.

    The values read are the same as Brian2's own numpy lookup (same steps, same
    array); other targets (cython) keep Brian2's implementation.
    """
    values = timed_array.values
    array_dt = float(timed_array.dt)
    n_values = len(values)

    def numpy_implementation(owner):
        k = _upsampling(owner.clock.dt_, array_dt)
        epsilon = array_dt / k

        def lookup(t, *column):  # a 2-D array is called with the column: (t, i)
            if np.ndim(t):
                step = _steps_of(t, epsilon, k, n_values)
            else:
                step = step_of(float(t), epsilon, k, n_values)
            return values[(step, *column)]

        lookup._arg_units = [second]
        lookup._return_unit = return_unit
        return lookup

    timed_array.implementations.add_dynamic_implementation("numpy", numpy_implementation)
