r"""How gradually a response starts: the width of a curve's *foot*, for any curve.

A logistic unit rises smoothly from its floor; a noise-free integrate-and-fire neuron
jumps from silence at its rheobase. Measured on the response's own range (0 to its
ceiling), take the input that lifts the response from 1 % to 5 % of the ceiling,
divided by the input that lifts it from 5 % to 25 % (:data:`FOOT_LEVELS`):

.. math::

    \mathrm{foot} = \frac{x_{5\%} - x_{1\%}}{x_{25\%} - x_{5\%}} .

A shift or a scale of the input leaves the ratio unchanged, so a logistic unit has the
same one, 0.89, whatever its weight and bias, and every squashing function of binary
regression (:data:`LINKS`: logit, probit, complementary log-log, log-log; McCullagh &
Nelder 1989, *Generalized Linear Models*, ch. 4) has one of at least 0.56
(:func:`link_foot_ratios`). A hard threshold has none (0).
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

from neurosim.core.constraints import ArrayOf, param_error, validate

__all__ = ["FOOT_LEVELS", "LINKS", "foot_ratio", "link_foot_ratios"]

#: Fractions of the ceiling at which the foot is read.
FOOT_LEVELS = (0.01, 0.05, 0.25)
#: Inverse CDFs (link functions) of the squashing functions of binary regression
#: (McCullagh & Nelder 1989, ch. 4); the logistic unit's is the first.
LINKS = {
    "logit": lambda p: np.log(p / (1 - p)),
    # the standard normal's inverse CDF: scipy.stats.norm.ppf is ndtri (scipy.special),
    # which spares every process that reads a foot the 0.5 s import of scipy.stats
    "probit": ndtri,
    "complementary log-log": lambda p: np.log(-np.log1p(-p)),
    "log-log": lambda p: -np.log(-np.log(p)),
}


@validate(inputs=ArrayOf(shape=(3,)))
def foot_ratio(inputs) -> float:
    """Width of a curve's foot from the inputs at which it reaches the :data:`FOOT_LEVELS`
    of its range: (x_5% - x_1%) / (x_25% - x_5%).

    ``inputs`` are those three inputs, in the order of the levels: a rising curve reaches
    them in that order (x_1% <= x_5% < x_25%); a hard threshold at x_1% = x_5% has no
    foot (0).
    """
    low, mid, high = (float(x) for x in inputs)
    if not low <= mid < high:
        raise param_error(
            "inputs",
            "foot_ratio",
            "the inputs at 1 %, 5 % and 25 % of the ceiling of a rising curve "
            "(x_1% <= x_5% < x_25%)",
            inputs,
        )
    return (mid - low) / (high - mid)


def link_foot_ratios() -> dict[str, float]:
    """The foot ratio of each squashing function of binary regression (:data:`LINKS`)."""
    return {name: foot_ratio([z(p) for p in FOOT_LEVELS]) for name, z in LINKS.items()}
