"""The one place where a dimensionless number becomes a current or a rate, and back.

The artificial unit sees a dimensionless input ``x`` (a weighted sum, or a pixel in
[0, 1]); a spiking neuron needs a current in amperes or spike trains at a rate in
hertz; and its answer is a spike count that must become a number in the unit's range
again. Every comparison says which of these encodings it used.

- :class:`CurrentEncoding`: ``I = gain * x + offset``.
  Default: ``offset`` = the LIF rheobase (0.15 nA for the default LIF, so x = 0 — where
  the sigmoid is 0.5 — sits exactly at the firing threshold) and ``gain`` = 0.1 nA per
  unit of x (so the sigmoid's working range x in [-6, 6] spans silence up to
  about 155 Hz, below the 500 Hz ceiling set by the 2 ms refractory period).
- :class:`RateEncoding`: ``rate = max_rate * x`` for x in [0, 1], decoded as
  ``count / (window * max_rate)``. Default ``max_rate`` = 100 Hz, a high but
  physiological cortical rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from neurosim.core.validation import check_array, param_error
from neurosim.units import Hz, amp, check_quantity, nA, second

__all__ = ["CurrentEncoding", "RateEncoding", "decode_rate"]


@dataclass(frozen=True)
class CurrentEncoding:
    """Dimensionless input x -> input current ``I = gain * x + offset``.

    Parameters
    ----------
    gain : Quantity (current), default 0.1*nA
        Current per unit of x. Must be > 0.
    offset : Quantity (current), default 0.15*nA
        Current at x = 0; the default is the rheobase of the default LIF neuron
        ((V_th - E_L) / R = 15 mV / 100 MOhm), so the sigmoid's midpoint maps onto
        the firing threshold.
    """

    gain: object = field(default_factory=lambda: 0.1 * nA)
    offset: object = field(default_factory=lambda: 0.15 * nA)

    def __post_init__(self):
        check_quantity(self.gain, "gain", "CurrentEncoding", amp, positive=True, example="0.1*nA")
        check_quantity(self.offset, "offset", "CurrentEncoding", amp, example="0.15*nA")

    def encode(self, x):
        """Current for each x (a Quantity array in amperes, same shape as x)."""
        x = check_array(x, "x", "CurrentEncoding.encode", min_size=0)
        return self.gain * x + self.offset

    def decode(self, current):
        """The x that this current encodes (inverse of :meth:`encode`)."""
        check_quantity(current, "current", "CurrentEncoding.decode", amp)
        return np.asarray((current - self.offset) / self.gain, dtype=float)

    def describe(self) -> str:
        return f"I = {self.gain} * x + {self.offset}"


@dataclass(frozen=True)
class RateEncoding:
    """Dimensionless x in [0, 1] -> Poisson rate ``max_rate * x``; counts -> x.

    Parameters
    ----------
    max_rate : Quantity (rate), default 100*Hz
        Rate that encodes x = 1.
    """

    max_rate: object = field(default_factory=lambda: 100 * Hz)

    def __post_init__(self):
        check_quantity(
            self.max_rate, "max_rate", "RateEncoding", Hz, positive=True, example="100*Hz"
        )

    def encode(self, x):
        """Rate for each x in [0, 1] (Quantity array in Hz)."""
        x = check_array(x, "x", "RateEncoding.encode", min_size=0)
        if x.size and (x.min() < 0 or x.max() > 1):
            raise param_error(
                "x",
                "RateEncoding.encode",
                "values in [0, 1]",
                f"values in [{x.min():g}, {x.max():g}]",
                "Scale the input first (a rate cannot be negative or exceed max_rate).",
            )
        return self.max_rate * x

    def decode(self, counts, window):
        """x estimated from spike counts in a window: ``count / (window * max_rate)``."""
        return decode_rate(counts, window, self.max_rate)

    def describe(self) -> str:
        return f"rate = {self.max_rate} * x"


def decode_rate(counts, window, max_rate):
    """Spike counts in a window -> a number in the unit's range, ``count / (window * max_rate)``.

    Parameters
    ----------
    counts : array of int
        Spike counts.
    window : Quantity (time)
        Counting window, > 0.
    max_rate : Quantity (rate)
        The rate that decodes to 1.
    """
    counts = check_array(counts, "counts", "decode_rate", min_size=0)
    if counts.size and counts.min() < 0:
        raise param_error("counts", "decode_rate", "counts >= 0", float(counts.min()))
    check_quantity(window, "window", "decode_rate", second, positive=True, example="100*ms")
    check_quantity(max_rate, "max_rate", "decode_rate", Hz, positive=True, example="100*Hz")
    return np.asarray(counts / float(window * max_rate), dtype=float)
