"""The lecture's digit classifier: one definition, trained once per run.

A 64-100-10 network trained by backprop (Adam) on an 80/20 stratified split of the UCI
8x8 handwritten digits (shipped with neurosim). Several comparisons use it: converted to
spiking neurons (``deep_network_as_spikes``), counted in operations (``cost_of_spikes``,
``spikes_can_be_cheap``), its first-layer filters (``receptive_fields``). They all call
:func:`digit_classifier`, which trains it once per process and, inside the figure
pipeline, once per run (see :mod:`neurosim.core.cache`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial import DeepNetwork
from neurosim.artificial.stacked import Training
from neurosim.core.cache import shared, stored
from neurosim.core.constraints import BOOL, COUNT, SEED, Options, validate
from neurosim.datasets import load_digits, train_test_split

__all__ = ["LAYERS", "TRAINING", "DigitsSplit", "digit_classifier", "digits_split"]

#: Layer sizes of the lecture's classifier: 8x8 pixels, 100 hidden units, 10 digits.
LAYERS = (64, 100, 10)
#: How it is trained (Adam on mini-batches; 40 epochs reach ~97-98 % test accuracy).
TRAINING = {"epochs": 40, "batch_size": 32, "learning_rate": 0.003, "optimizer": "adam"}
HIDDEN = ("relu", "soft_lif", "sigmoid", "lif_rate", "softplus")


@dataclass(frozen=True)
class DigitsSplit:
    """The 80/20 stratified split of the UCI digits (pixels scaled to [0, 1])."""

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray


@validate(seed=SEED)
def digits_split(seed: int = 0) -> DigitsSplit:
    """The UCI digits, stratified 80/20 with ``seed``."""
    X, y = load_digits()
    return DigitsSplit(*train_test_split(X, y, test_fraction=0.2, seed=seed))


@validate(
    hidden=Options(*HIDDEN), seed=SEED, hidden_units=COUNT, epochs=[COUNT, None], as_steps=BOOL
)
def digit_classifier(
    hidden: str = "relu",
    *,
    seed: int = 0,
    hidden_units: int = 100,
    epochs: int | None = None,
    as_steps: bool = False,
) -> DeepNetwork:
    """The lecture's classifier trained on ``digits_split(seed)`` (cached for the run).

    Parameters
    ----------
    hidden : {"relu", "soft_lif", "sigmoid", "lif_rate", "softplus"}, default "relu"
        Hidden activation.
    seed : int, default 0
        Seed of the split, the initial weights and the mini-batch order.
    hidden_units : int, default 100
        Width of the hidden layer.
    epochs : int or None
        Training epochs (default ``TRAINING["epochs"]``).
    as_steps : bool, default False
        Return the steps instead, for a comparison that runs its seeds as a batch
        (``yield from``): a generator that returns the stored network, or yields its
        :class:`~neurosim.artificial.Training` (the seeds' networks train as one stack,
        each the same as alone) and returns it, stored.
    """
    epochs = TRAINING["epochs"] if epochs is None else epochs
    training = {**TRAINING, "epochs": epochs}
    layers = [LAYERS[0], hidden_units, LAYERS[-1]]

    def training_of_a_new_network() -> Training:
        split = digits_split(seed)
        net = DeepNetwork(layers, hidden=hidden, output="softmax", seed=seed)
        return Training(net, split.X_train, split.y_train, seed=seed, **training)

    def train() -> DeepNetwork:
        request = training_of_a_new_network()
        request.run()  # net.fit(...)
        return request.network

    key = {"hidden": hidden, "seed": seed, "layers": layers, **training}
    store = {"save": lambda net, path: net.save(path), "load": DeepNetwork.load}
    if as_steps:
        return _steps(key, store, training_of_a_new_network)
    return shared("digit_classifier", key, train, **store)


def _steps(key, store, training_of_a_new_network):
    """The classifier stored under ``key``, or its training as a request, then stored."""
    ready = stored("digit_classifier", key, load=store["load"])
    if ready is not None:
        return ready
    request = training_of_a_new_network()
    yield request
    return shared("digit_classifier", key, lambda: request.network, **store)
