"""The lecture kit, built on the figures the run machinery writes: the slide deck
(:mod:`~neurosim.kit.slides`), the exercise notebooks (:mod:`~neurosim.kit.notebooks`),
``explore()`` in Jupyter (:mod:`~neurosim.kit.explorer`) and the glossary
(:mod:`~neurosim.kit.glossary`).
"""
