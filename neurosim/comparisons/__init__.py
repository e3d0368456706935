"""The lecture's questions, one module each.

Every module here defines ``NAME``, ``QUESTION``, ``run(*, quick=False, seed=0)`` returning
:class:`neurosim.contract.Findings`, and ``plot(findings)`` returning a matplotlib Figure.
:data:`ORDER` lists them in the order of the lecture; :mod:`neurosim.contract.registry` finds them.
"""

#: The comparisons in lecture order: what deep learning does, then where the analogy
#: with a spiking neuron holds, then where it fails.
ORDER = (
    "flexible_mappings",
    "logistic_unit_limits",
    "lif_neuron",
    "pulse_down_the_axon",
    "weighted_sum_and_squash",
    "noise_makes_a_sigmoid",
    "rate_code_needs_time",
    "deep_network_as_spikes",
    "surrogate_gradients",
    "spike_timing_matters",
    "input_order",
    "single_neuron_xor",
    "how_deep_is_a_neuron",
    "neurons_have_memory",
    "neurons_are_noisy",
    "learning_rules",
    "predictive_coding",
    "receptive_fields",
    "cost_of_spikes",
    "spikes_can_be_cheap",
    "scorecard",
)

__all__ = ["ORDER"]
