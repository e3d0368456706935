"""neurosim's warning classes, in a module that imports nothing heavy.

A warning's class is looked up by its module when it crosses a process boundary
(pytest-xdist re-imports it in the controller's thread, the figure pipeline in its
parent): a class defined beside Brian2 code would import Brian2 there, and Brian2's
import installs a SIGINT handler, which fails outside the main thread.
"""

__all__ = ["ConversionWarning", "LongRunWarning"]


class ConversionWarning(UserWarning):
    """A converted layer is silent or saturated, or the network converts with loss."""


class LongRunWarning(UserWarning):
    """A simulation was asked for that will take long; the estimate is in the message."""
