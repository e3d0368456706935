"""The real scorecard, registered among the fake comparisons (reads their records)."""

from neurosim.comparisons.scorecard import NAME, PARAMETERS, plot, run

QUESTION = "Where does the fake analogy hold?"
AFTER_OTHERS = True

__all__ = ["NAME", "PARAMETERS", "plot", "run"]
