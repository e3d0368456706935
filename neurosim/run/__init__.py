"""The run machinery: comparisons into figures, over seeds and sweeps, safely.

- :mod:`~neurosim.run.pipeline`: ``neurosim figures`` (seeds, files, the gallery);
- :mod:`~neurosim.run.tasks`: one comparison with one seed, and its figure as bytes;
- :mod:`~neurosim.run.guards`: locks, Ctrl-C and SIGTERM, the shared cache folder;
- :mod:`~neurosim.run.executors` and :mod:`~neurosim.run.dask_plugin`: local worker
  processes or a Dask cluster;
- :mod:`~neurosim.run.gallery`: the figures folder's README;
- :mod:`~neurosim.run.sweep` and :mod:`~neurosim.run.sweep_figure`: ``neurosim sweep``.

It imports the comparisons through :mod:`neurosim.contract.registry`; nothing below it
imports it.
"""
