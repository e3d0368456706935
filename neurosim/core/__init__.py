"""What every layer of neurosim may use, and nothing above it: one error template for
bad parameters (:mod:`~neurosim.core.validation`), atomic writes
(:mod:`~neurosim.core.io`), work shared across processes and computed once per run
(:mod:`~neurosim.core.cache`), a comparison's seeds run as batches
(:mod:`~neurosim.core.batching`) and the warning classes
(:mod:`~neurosim.core.warning_types`).
Numpy and the standard library only; it imports no other part of neurosim.
"""
