"""Thresholds several comparisons judge by, each declared once with its source.

A logistic unit answers at once, forgets at once, and costs what its arithmetic costs.
How long is "at once", how short a memory is "none", when are two costs "the same"?
Each yardstick below comes from the neuron or the task that receives the answer, and
every comparison that asks the question uses the same one.
"""

from __future__ import annotations

from neurosim.contract.rule import Rule
from neurosim.core.constraints import TEXT, validate

__all__ = [
    "ANN_LEARNED",
    "AS_ACCURATE_AS_BACKPROP",
    "DELAY",
    "INTEGRATION_WINDOW_MS",
    "MEMORY",
    "READING",
    "RECOGNITION_MS",
    "SAME_COST",
    "SAME_OUTPUT_RATIO",
    "SPIKE_TIMING_PRECISION_MS",
    "STAGE_MS",
    "same_output",
]

# -- time: how soon is "at once", how short is "no memory" --------------------------------

#: Cortical neurons time their spikes to within about 1 ms (Mainen & Sejnowski 1995,
#: Science 268:1503): an answer earlier or later by less changes nothing the receiving
#: neuron computes.
SPIKE_TIMING_PRECISION_MS = 1.0
#: The receiving neuron sums its inputs over its membrane time constant (neurosim's LIF:
#: 20 ms; cortical neurons 10-30 ms): an answer delayed by less still adds up with the
#: inputs of the same moment.
INTEGRATION_WINDOW_MS = 20.0
#: A flashed scene is categorised in about 150 ms (Thorpe, Fize & Marlot 1996, Nature
#: 381:520), through about 10 processing stages of the ventral stream (Thorpe &
#: Fabre-Thorpe 2001, Science 291:260): 15 ms a stage.
RECOGNITION_MS = 150.0
STAGE_MS = RECOGNITION_MS / 10

#: A delay of a neuron's answer (first-spike latency, conduction): at once within the
#: spike-timing precision, partly within the receiver's integration window.
DELAY = Rule.at_most(
    SPIKE_TIMING_PRECISION_MS,
    partly=INTEGRATION_WINDOW_MS,
    above="the answer arrives late",
    reason="the receiving neuron decides: under 1 ms, the precision of cortical spike "
    "timing (Mainen & Sejnowski 1995), a delay changes nothing it computes (at once); "
    "under 20 ms, its membrane time constant, the answer still sums with the inputs "
    "of the same moment (partly); later it does not",
)

#: How long a neuron remembers (adaptation, refractoriness): a memory shorter than one
#: processing stage cannot reach the next input of a feed-forward pass.
MEMORY = Rule.at_most(
    STAGE_MS,
    partly=RECOGNITION_MS,
    above="it remembers past a processing stage",
    reason="a unit forgets at once; a memory shorter than one processing stage (15 ms: "
    "a 150 ms recognition through ~10 stages, Thorpe et al. 1996; Thorpe & Fabre-Thorpe "
    "2001) cannot reach the next input, one shorter than a whole recognition partly",
)

#: How long a rate must be counted to be read: within one stage it is as good as a number.
READING = Rule.at_most(
    STAGE_MS,
    partly=RECOGNITION_MS,
    above="needs time to read",
    reason="a unit's number is there at once; a rate read within one processing stage "
    "(15 ms: a 150 ms recognition through ~10 stages, Thorpe et al. 1996; Thorpe & "
    "Fabre-Thorpe 2001) is as good as a number, within the whole 150 ms partly",
)

# -- energy: when two costs are the same ---------------------------------------------------

#: A ratio of energies, spiking / ANN, near 1.
SAME_COST = Rule.between(
    0.5,
    2.0,
    partly=(0.2, 5.0),
    below="spikes cheaper",
    above="spikes dearer",
    reason="the same cost within a factor of 2 (partly: 5), the estimate's own "
    "uncertainty: a lone 32-bit weight may cost a whole 64-bit SRAM read, which an ANN "
    "reading its weights in order shares between two and a spike does not (up to 2x on "
    "a ratio dominated by memory), and Horowitz's energies are for one process (45 nm)",
)


# -- rates: when two outputs read as the same -----------------------------------------

#: Output ratios (one pattern's over another's) that a reader of rates cannot tell
#: apart, and (partly) that it might.
SAME_OUTPUT_RATIO = (0.8, 1.25)
SAME_OUTPUT_PARTLY = (0.5, 2.0)


@validate(below=TEXT, above=TEXT)
def same_output(below: str, above: str) -> Rule:
    """The rule for "two input patterns of equal rates give the same output", as the
    logistic unit's does (ratio one); ``below``/``above``: what a ratio there means."""
    return Rule.between(
        *SAME_OUTPUT_RATIO,
        partly=SAME_OUTPUT_PARTLY,
        reason="a reader of ~20 output spikes cannot tell rates within 0.8-1.25 apart "
        "(Poisson SD of 20 counts: 22 %); beyond a factor 2 it reliably can",
        below=below,
        above=above,
    )


# -- accuracy: has a network learned, does a rule learn as well as backprop ---------------

#: An ANN fit to be compared with (the lecture's digits): it has learned the task.
ANN_LEARNED = Rule.at_least(
    95,
    partly=90,
    below="the ANN has not learned the task",
    reason="the comparison needs an ANN that has learned the task: at most 1 error in 20 "
    "(partly: 1 in 10; chance is 10 %)",
)

#: A learning rule's test accuracy minus backprop's on the digits (360 test images).
AS_ACCURATE_AS_BACKPROP = Rule.at_least(
    -3.0,
    partly=-10.0,
    below="less accurate than backprop",
    reason="within 3 points of backprop: 3 sampling errors of an accuracy near 96 % on "
    "360 test images (1 point each); within 10: clearly learns",
)
