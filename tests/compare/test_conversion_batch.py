"""Several converted networks, each on its own images, as one run: each result its own.

The reference is ``simulate_converted`` run alone for each request (checked against
closed forms in tests/compare/test_convert.py); a merged run that fed a network another
request's images, reordered a block's synapses or read out the wrong block would move a
spike count, a membrane sample or an expected rate.
"""

import warnings

import numpy as np
import pytest

from neurosim.artificial import DeepNetwork
from neurosim.bridge.conversion_batch import Conversion
from neurosim.bridge.convert import ConversionWarning, convert
from neurosim.units import Hz, ms


def _seed(seed, n=5):
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 1, size=(n, 3))
    net = DeepNetwork([3, 6, 2], hidden="relu", seed=seed)
    net.set_parameters(
        [rng.normal(0.5, 0.6, (3, 6)), rng.normal(0, 1, (6, 2))], [0.1 * np.ones(6), np.zeros(2)]
    )
    return [convert(net, X, max_rate=200 * Hz), convert(net, X, neuron="lif", max_rate=200 * Hz)], X


def _same(a, b):
    np.testing.assert_array_equal(a.output_counts, b.output_counts)
    np.testing.assert_array_equal(a.output_v, b.output_v)
    np.testing.assert_array_equal(a.predictions, b.predictions)
    for x, y in zip(
        a.layer_rates + a.expected_rates + a.layer_counts,
        b.layer_rates + b.expected_rates + b.layer_counts,
        strict=True,
    ):
        np.testing.assert_array_equal(x, y)
    for (t1, i1), (t2, i2) in zip(a.raster, b.raster, strict=True):
        np.testing.assert_array_equal(t1, t2)
        np.testing.assert_array_equal(i1, i2)


def test_requests_share_a_run_and_each_gets_its_own_networks_results(monkeypatch):
    import neurosim.bridge.conversion_batch as batch

    # 30 ms leaves some hidden neurons silent: the diagnostics are not the point here
    run_ = {"raster_sample": 1, "warn": False}
    requests = [Conversion(*_seed(s), 30 * ms, seed=s, **run_) for s in (0, 1, 2)]
    requests.append(Conversion(*_seed(3), 20 * ms, seed=3, **run_))  # runs alone
    alone = [r.run() for r in requests]
    runs = []
    real = batch.run_converted
    monkeypatch.setattr(batch, "run_converted", lambda *a, **k: runs.append(1) or real(*a, **k))
    together = Conversion.run_batch(requests)
    assert len(runs) == 1  # the first three share it; the fourth runs through run()
    for mine, theirs in zip(alone, together, strict=True):
        assert len(mine) == len(theirs) == 2
        for a, b in zip(mine, theirs, strict=True):
            _same(a, b)
    # the seeds' networks and images differ: the comparison above is not of copies
    assert not np.array_equal(together[0][0].layer_rates[0], together[1][0].layer_rates[0])
    assert together[0][0].output_counts[-1].sum() > 0


def test_a_request_is_checked_as_its_run_is_and_warns_only_when_asked():
    snns, X = _seed(0)
    with pytest.raises(ValueError, match="raster_sample"):
        Conversion.run_batch([Conversion(snns, X, 10 * ms, raster_sample=9)] * 2)
    # a low max_rate: the ANN's active units do not reach threshold within 10 ms, so the
    # hidden layer is silent (as in tests/compare/test_convert.py): a ConversionWarning,
    # unless warn=False
    slow = [convert(snns[0].network, X, max_rate=10 * Hz)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Conversion.run_batch([Conversion(slow, X, 10 * ms, warn=False)] * 2)
    assert not [w for w in caught if issubclass(w.category, ConversionWarning)]
    with pytest.warns(ConversionWarning, match="silent"):
        Conversion.run_batch([Conversion(slow, X, 10 * ms)] * 2)


def test_poisson_pixels_of_each_seed_come_from_its_own_stream(monkeypatch):
    # the seeds' Poisson pixels are blocks of one group; block j must draw the numbers
    # that seed j's own run draws (the engine's streams): a shared stream or a block in
    # the wrong place would move every spike count
    import neurosim.bridge.conversion_batch as batch

    run_ = {"inputs": "poisson", "input_rate": 300 * Hz, "warn": False}
    requests = [Conversion(_seed(s)[0][:1], _seed(s)[1], 20 * ms, seed=s, **run_) for s in (5, 6)]
    alone = [r.run() for r in requests]
    runs = []
    real = batch.run_converted
    monkeypatch.setattr(batch, "run_converted", lambda *a, **k: runs.append(1) or real(*a, **k))
    together = Conversion.run_batch(requests)
    assert len(runs) == 1
    for (a,), (b,) in zip(alone, together, strict=True):
        _same(a, b)
        np.testing.assert_array_equal(a.input_events, b.input_events)
    assert together[0][0].input_events[-1].sum() > 0
    # the same images with another seed: other pixel spikes (the streams are the seeds')
    other = Conversion(_seed(5)[0][:1], _seed(5)[1], 20 * ms, seed=9, **run_).run()[0]
    assert not np.array_equal(other.input_events, together[0][0].input_events)
