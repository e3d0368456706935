"""Encoding round trips, the fit metrics, and the aligned unit-vs-neuron helper."""

import numpy as np
import pytest
from brian2 import Hz, ms, mV, nA, second

from neurosim.bridge import fit_affine, fit_logistic, pearson, unit_vs_neuron
from neurosim.bridge.encoding import CurrentEncoding, RateEncoding, decode_rate
from neurosim.spiking import LIFParameters, lif_rate, simulate
from neurosim.stimuli import poisson


def test_current_encoding_round_trips_exactly():
    enc = CurrentEncoding(gain=0.2 * nA, offset=0.1 * nA)
    x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(enc.decode(enc.encode(x)), x, rtol=0, atol=1e-12)
    assert enc.encode([0.0])[0] == 0.1 * nA
    # the default puts x = 0 at the default LIF's rheobase (V_th - E_L) / R
    assert CurrentEncoding().offset == LIFParameters().rheobase


def test_rate_encoding_round_trips_within_poisson_sampling_error():
    # x -> rate -> Poisson spikes -> count / (T * max_rate): the count is Poisson with mean
    # max_rate * x * T, so the decoded x has standard deviation sqrt(x / (max_rate T)).
    enc = RateEncoding(max_rate=100 * Hz)
    x = np.array([0.1, 0.3, 0.6, 0.9])
    T, trials = 2 * second, 50
    res = simulate(
        LIFParameters(), poisson(enc.encode(x), weight=0.1 * mV), T, trials=trials, seed=3
    )
    decoded = enc.decode(res.input_counts, T).mean(axis=1)
    se = np.sqrt(x / (100 * 2.0) / trials)
    assert np.all(np.abs(decoded - x) < 4 * se)


def test_decode_rate_and_encoding_errors():
    np.testing.assert_allclose(decode_rate([0, 25, 50], 500 * ms, 100 * Hz), [0, 0.5, 1.0])
    with pytest.raises(ValueError, match="'x' parameter of RateEncoding.encode"):
        RateEncoding().encode([1.5])
    with pytest.raises(TypeError, match="'gain'.*Did you forget the unit"):
        CurrentEncoding(gain=0.1)
    with pytest.raises(ValueError, match="'counts'"):
        decode_rate([-1], 1 * second, 10 * Hz)


def test_fits_recover_known_curves():
    x = np.linspace(-4, 4, 41)
    y = 7 / (1 + np.exp(-1.5 * (x - 0.5)))
    fit = fit_logistic(x, y)
    assert (fit.amplitude, fit.slope, fit.midpoint) == pytest.approx((7, 1.5, 0.5), rel=1e-6)
    assert fit.nrmse < 1e-8
    line = fit_affine(x, 3 * x - 2)
    assert (line.slope, line.intercept) == pytest.approx((3, -2))
    assert pearson(x, 2 * x + 1) == pytest.approx(1.0)
    # degenerate input leaves each statistic undefined: refused, naming the parameter
    with pytest.raises(ValueError, match="'y' parameter of pearson"):
        pearson(x, np.ones_like(x))  # a constant series has no correlation
    with pytest.raises(ValueError, match="'x' parameter of fit_affine"):
        fit_affine(np.ones_like(x), x)  # points at one x fix no slope
    with pytest.raises(ValueError, match="'y' parameter of fit_logistic"):
        fit_logistic(x, np.ones_like(x))  # any far-away logistic fits a flat series
    # asked for None instead: a silent neuron (flat zero rates), or one spike count at
    # the lowest x (a falling step no start of the fit follows: scipy gives up)
    assert fit_logistic(x, np.zeros_like(x), or_none=True) is None
    with pytest.raises(RuntimeError, match="no logistic curve"):
        fit_logistic(x, np.r_[5.0, np.zeros(40)])
    assert fit_logistic(x, np.r_[5.0, np.zeros(40)], or_none=True) is None
    with pytest.raises(ValueError, match="'x' parameter of fit_logistic"):
        fit_logistic(np.ones_like(x), x, or_none=True)  # bad input is still refused
    # a flat y still has a best line (slope 0, no error), but no range for nrmse
    flat = fit_affine(x, np.ones_like(x))
    assert (flat.slope, flat.rmse) == pytest.approx((0, 0), abs=1e-12) and np.isnan(flat.nrmse)


def test_unit_vs_neuron_returns_aligned_samples():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, size=(40, 3))
    w, b = np.array([6.0, -4.0, 5.0]), -3.5
    res = unit_vs_neuron(w, b, X, duration=1 * second)
    z = X @ w + b
    np.testing.assert_array_equal(res.X, X)
    np.testing.assert_allclose(res.drive, z)
    np.testing.assert_allclose(res.unit_output, 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(res.current / nA, 0.1 * z + 0.15)
    # row k of the rate belongs to sample k: it matches the closed form of ITS current,
    # within 2 % or 1 Hz (the f-I tolerance at dt = 0.1 ms)
    rate, theory = np.asarray(res.rate / Hz), np.asarray(lif_rate(res.current) / Hz)
    assert np.all(np.abs(rate - theory) <= np.maximum(0.02 * theory, 1.0))
    # permuting the samples permutes every answer the same way
    order = rng.permutation(40)
    again = unit_vs_neuron(w, b, X[order], duration=1 * second)
    np.testing.assert_array_equal(np.asarray(again.rate / Hz), rate[order])
    np.testing.assert_array_equal(again.unit_output, res.unit_output[order])


def test_unit_vs_neuron_bad_input():
    with pytest.raises(ValueError, match="'X' parameter of unit_vs_neuron.*3 columns"):
        unit_vs_neuron([1.0, 2.0, 3.0], 0.0, np.zeros((5, 2)))
    with pytest.raises(ValueError, match="'X'.*finite"):
        unit_vs_neuron([1.0], 0.0, np.array([[np.nan], [0], [1]]))
