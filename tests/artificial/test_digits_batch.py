"""The digit classifier trained as steps: the seeds' networks as one stack, each the
network that ``digit_classifier`` trains alone, and stored for the run as it is.

The reference is ``digit_classifier(...)`` itself (``net.fit`` on the split, the path
the comparisons' tests check against accuracies and the converted network).
"""

import numpy as np

from neurosim.artificial.digits import digit_classifier
from neurosim.core import cache
from neurosim.core.batching import drive


def test_the_steps_train_the_seeds_together_and_store_what_alone_would_give(
    monkeypatch, tmp_path, calls_to
):
    import neurosim.artificial.stacked as stacked

    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    settings = {"hidden_units": 12, "epochs": 2}
    calls = calls_to(stacked, "fit_together")
    batched = drive([digit_classifier("relu", seed=s, **settings, as_steps=True) for s in (3, 4)])
    assert [len(args[0]) for args, _ in calls] == [2]  # one stack of both seeds
    # stored: the steps now return the stored networks without a request
    again = drive([digit_classifier("relu", seed=s, **settings, as_steps=True) for s in (3, 4)])
    assert len(calls) == 1 and [a is b for a, b in zip(again, batched, strict=True)] == [True, True]
    assert len(list(tmp_path.glob("digit_classifier-*.npz"))) == 2
    # alone, from a fresh process's memory and another folder: the same weights
    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "other"))
    for seed, net in zip((3, 4), batched, strict=True):
        alone = digit_classifier("relu", seed=seed, **settings)
        for a, b in zip(alone.weights + alone.biases, net.weights + net.biases, strict=True):
            np.testing.assert_array_equal(a, b)
    # and from the disk: stored() reads back what another process trained
    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    key = {"hidden": "relu", "seed": 3, "layers": [64, 12, 10], "epochs": 2}
    key.update(batch_size=32, learning_rate=0.003, optimizer="adam")
    from neurosim.artificial import DeepNetwork

    loaded = cache.stored("digit_classifier", key, load=DeepNetwork.load)
    np.testing.assert_array_equal(loaded.weights[0], batched[0].weights[0])
    assert cache.stored("digit_classifier", {**key, "seed": 99}, load=DeepNetwork.load) is None
