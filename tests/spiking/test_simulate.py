"""simulate() and fi_curve() against hand-derived truths, with stated tolerances."""

import numpy as np
import pytest
from brian2 import Hz, ms, mV, nA, second

from neurosim import stimuli
from neurosim.spiking import (
    AdExParameters,
    LIFParameters,
    SpikeResult,
    TwoCompartmentParameters,
    fi_curve,
    simulate,
)

DT = 0.1 * ms


def _isis_ms(result, condition=0, trial=0):
    return np.diff(np.asarray(result.trains()[condition][trial] / ms))


# --- LIF: timing and traces against closed forms -----------------------------------


def test_first_spike_time_matches_hand_derived_time():
    # From V = E_L, tau dV/dt = -(V - E_L) + R I reaches V_th after
    # t* = tau ln(RI / (RI - (V_th - E_L))).  Brian2 reports a spike at the start of
    # the step in which V crosses, so the recorded time is within one dt of t*.
    p = LIFParameters()
    currents = np.array([0.16, 0.2, 0.3, 0.5, 1.0]) * nA
    res = simulate(p, stimuli.constant(currents), 60 * ms)
    RI = np.asarray(p.R * currents / mV)
    t_star = 20.0 * np.log(RI / (RI - 15.0))  # ms
    first = np.array([tr[0][0] / ms for tr in res.trains()])
    assert np.all(np.abs(first - t_star) <= float(DT / ms))
    # and the next spike comes t_ref + t* later (reset to E_L = same trajectory)
    second_ = np.array([tr[0][1] / ms if len(tr[0]) > 1 else np.nan for tr in res.trains()])
    ok = np.isfinite(second_)
    assert np.all(np.abs(second_[ok] - first[ok] - (2.0 + t_star[ok])) <= float(DT / ms))


def test_subthreshold_trace_is_exponential_relaxation():
    # Below rheobase: V(t) = E_L + R I (1 - exp(-t / tau_m)), no spikes.  The linear
    # ODE is integrated exactly, so the trace matches to rounding (tolerance 1 nV).
    p = LIFParameters()
    currents = np.array([0.05, 0.1, 0.149]) * nA
    res = simulate(p, stimuli.constant(currents), 100 * ms, record_v=True)
    assert res.neuron.size == 0
    t = np.asarray(res.t / ms)
    assert t[0] == 0 and t.size == 1000
    RI = np.asarray(p.R * currents / mV)[:, None]
    expected = -65.0 + RI * (1 - np.exp(-t / 20.0))
    got = np.asarray(res.v[:, 0, :] / mV)
    assert np.max(np.abs(got - expected)) < 1e-6
    assert np.allclose(np.asarray(res.I[:, 0, :] / nA), np.asarray(currents / nA)[:, None])


def test_fi_curve_matches_closed_form_rate():
    # r = 1 / (t_ref + tau ln(RI / (RI - (V_th - E_L)))) for reset to E_L (Lapicque; see neurosim/spiking/theory.py)
    # asks 2 % (or 1 Hz, the count resolution of a 1 s run) for 10-200 Hz at dt = 0.1 ms.
    p = LIFParameters()
    currents = np.linspace(0.16, 0.6, 45) * nA
    rates = np.asarray(fi_curve(currents, p, duration=1 * second) / Hz)
    RI = np.asarray(p.R * currents / mV)
    truth = 1 / (2e-3 + 20e-3 * np.log(RI / (RI - 15.0)))
    band = (truth >= 10) & (truth <= 200)
    assert band.sum() > 30
    err = np.abs(rates - truth)[band]
    assert np.all(err <= np.maximum(0.02 * truth[band], 1.0))
    # below rheobase: silent
    assert float(fi_curve(0.149 * nA, p, duration=200 * ms)[0] / Hz) == 0.0


def test_fi_curve_sigma_override_and_per_current_sigma():
    currents = np.array([0.1, 0.1]) * nA  # subthreshold: fires only with noise
    quiet = fi_curve(currents, duration=500 * ms)
    assert np.all(quiet == 0 * Hz)
    noisy = fi_curve(currents, duration=500 * ms, sigma=[0, 6] * mV, seed=3)
    assert noisy[0] == 0 * Hz and noisy[1] > 1 * Hz


# --- batching, trials and reproducibility --------------------------------------------


def test_batched_run_equals_single_runs():
    p = LIFParameters()
    currents = [0.18, 0.25, 0.4] * nA
    batch = simulate(p, stimuli.constant(currents), 200 * ms).trains()
    for k, current in enumerate(currents):
        alone = simulate(p, stimuli.constant(current), 200 * ms).trains()[0][0]
        assert np.array_equal(np.asarray(alone / ms), np.asarray(batch[k][0] / ms))


def test_trial_layout_and_counts():
    # neuron k = condition k // trials, trial k % trials
    res = simulate(LIFParameters(), stimuli.constant([0.1, 0.2, 0.5] * nA), 200 * ms, trials=3)
    assert res.shape == (3, 3)
    counts = res.counts
    assert np.all(counts == counts[:, :1])  # deterministic: trials identical
    assert counts[0, 0] == 0 and 0 < counts[1, 0] < counts[2, 0]
    assert np.all(np.unique(res.neuron // 3) == [1, 2])
    assert np.allclose(np.asarray(res.rates / Hz), counts / 0.2)
    # windows partition the run: counts_in adds up to counts
    halves = res.counts_in(0 * ms, 100 * ms) + res.counts_in(100 * ms, 200 * ms)
    assert np.array_equal(halves, counts)
    trains = res.trains()
    assert [len(trains[c][r]) for c in range(3) for r in range(3)] == list(counts.ravel())


def test_same_seed_same_spikes_with_noise():
    p = LIFParameters(sigma=5 * mV)
    stim = stimuli.constant([0.12, 0.16] * nA)
    a = simulate(p, stim, 300 * ms, trials=4, seed=11)
    b = simulate(p, stim, 300 * ms, trials=4, seed=11)
    c = simulate(p, stim, 300 * ms, trials=4, seed=12)
    assert a.neuron.size > 10
    assert np.array_equal(a.neuron, b.neuron)
    assert np.array_equal(np.asarray(a.times), np.asarray(b.times))
    assert not np.array_equal(np.asarray(a.times), np.asarray(c.times))
    # trials of one condition differ (independent noise)
    trains = a.trains()[1]
    assert not np.array_equal(np.asarray(trains[0]), np.asarray(trains[1]))


def test_step_stimulus_timing():
    # no input before onset, so no spike before onset + t*(0.3 nA) = 50 + 13.9 ms
    p = LIFParameters()
    res = simulate(p, stimuli.step(0.3 * nA, onset=50 * ms, offset=150 * ms), 200 * ms)
    t = np.asarray(res.times / ms)
    t_star = 20 * np.log(30 / 15)
    assert abs(t[0] - (50 + t_star)) <= 0.1 + 1e-9
    assert t[-1] < 150


# --- Poisson and explicit spikes -----------------------------------------------------


def test_poisson_input_counts_are_poisson():
    # Each neuron gets n_inputs trains at rate r for T: the count is Poisson with
    # mean n_inputs r T; its variance equals the mean (Fano factor 1).
    rates = [50, 150] * Hz
    trials, n_inputs, T = 200, 4, 0.5
    res = simulate(
        LIFParameters(),
        stimuli.poisson(rates, n_inputs=n_inputs, weight=0.1 * mV),
        T * second,
        trials=trials,
        seed=5,
    )
    counts = res.input_counts
    assert counts.shape == (2, trials)
    for k, r in enumerate([50, 150]):
        mean = n_inputs * r * T
        # 4 standard errors of the mean of `trials` Poisson counts
        assert abs(counts[k].mean() - mean) < 4 * np.sqrt(mean / trials)
        fano = counts[k].var(ddof=1) / counts[k].mean()
        # SE of a sample variance ratio ~ sqrt(2 / (trials - 1)); 4 SE
        assert abs(fano - 1) < 4 * np.sqrt(2 / (trials - 1))


def test_spike_pattern_jumps_voltage_by_weight():
    # input 0 -> neuron 0 at 10 ms, input 1 -> neuron 1 at 10.5 ms; weight 8 mV
    sp = stimuli.spike_pattern([0, 1], [10, 10.5] * ms, n_inputs=2, weight=8 * mV, targets=[0, 1])
    res = simulate(LIFParameters(), sp, 20 * ms, record_v=True, trials=2)
    v = np.asarray(res.v / mV)
    # delivered during step t = 10 ms, visible in the sample at 10.1 ms
    assert v[0, 0, 100] == pytest.approx(-65.0)
    assert v[0, 0, 101] == pytest.approx(-57.0, abs=1e-9)
    assert v[1, 1, 106] == pytest.approx(-57.0, abs=1e-9)
    assert np.array_equal(res.input_counts, [[1, 1], [1, 1]])


def test_spike_pattern_with_two_spikes_in_one_step_is_refused():
    sp = stimuli.spike_pattern([0, 0], [10, 10.01] * ms, n_inputs=1, weight=1 * mV)
    with pytest.raises(ValueError, match="'stimulus'"):
        simulate(LIFParameters(), sp, 20 * ms)


# --- AdEx firing patterns (Naud et al. 2008, Table 1, their step currents) ------------


@pytest.fixture(scope="module")
def adex_patterns():
    names = ["tonic", "adapting", "bursting", "initial_burst"]
    out = {}
    for name in names:
        p = AdExParameters.regime(name)
        out[name] = simulate(p, stimuli.step(p.recommended_current, onset=0 * ms), 600 * ms)
    return out


def test_adex_adapting_isis_lengthen(adex_patterns):
    isi = _isis_ms(adex_patterns["adapting"])
    assert isi.size >= 5
    assert np.all(np.diff(isi) > -0.5)  # non-decreasing (0.5 ms = 5 dt slack)
    assert isi[-1] / isi[0] > 3.0  # measured ~6.7


def test_adex_tonic_isis_constant(adex_patterns):
    isi = _isis_ms(adex_patterns["tonic"])
    assert isi.size > 30
    assert isi[-1] / isi[0] < 1.15  # a few % drift from b = 0, a = 2 nS
    assert np.std(isi[5:]) / np.mean(isi[5:]) < 0.02


def test_adex_bursting_isis_are_bimodal(adex_patterns):
    # Criterion: split the ISIs at the geometric mean of the shortest and longest;
    # bursting means >= 2 of each kind, every intra-burst ISI < 10 ms, every
    # inter-burst ISI > 50 ms (a gap > 5x the longest intra-burst ISI).
    isi = _isis_ms(adex_patterns["bursting"])
    cut = np.sqrt(isi.min() * isi.max())
    short, long_ = isi[isi < cut], isi[isi >= cut]
    assert short.size >= 2 and long_.size >= 2
    assert short.max() < 10 and long_.min() > 50
    assert long_.min() > 5 * short.max()
    # tonic is not bimodal by the same criterion
    tonic = _isis_ms(adex_patterns["tonic"])
    assert tonic.max() / tonic.min() < 2


def test_adex_initial_burst(adex_patterns):
    isi = _isis_ms(adex_patterns["initial_burst"])
    assert isi[0] < 10 and np.all(isi[2:] > 40)


# --- two compartments: the dCaAP-like dendrite ----------------------------------------


def test_two_compartment_active_current_matches_helper_and_is_non_monotonic():
    p = TwoCompartmentParameters()
    mult = np.array([0.5, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0, 2.5, 3.0])
    currents = mult * p.dendritic_rheobase
    res = simulate(p, stimuli.constant(currents), 200 * ms, record_v=True)
    measured = np.asarray(res.I_active[:, 0, 1500:] / nA).mean(axis=1)  # last 50 ms
    helper = np.asarray(p.active_current(currents) / nA)
    # steady state of the simulated gates equals the closed-form helper (0.1 % of A_d)
    assert np.max(np.abs(measured - helper)) < 4e-4
    # largest near threshold, much smaller for twice the threshold input
    assert 1.0 <= mult[np.argmax(measured)] <= 1.5
    assert measured[mult == 2.0][0] < 0.2 * measured.max()
    # dendritic voltage settles at E_L + R_d I_d (passive dendrite), within 1 µV
    v_d = np.asarray(res.v_dendrite[:, 0, -1] / mV)
    assert np.allclose(v_d, -65 + np.asarray(p.R_d * currents / mV), atol=1e-3)


def test_two_compartment_computes_xor_of_two_pathways():
    # One pathway = 1.25 x dendritic rheobase; both = 2.5 x.  Soma fires for exactly one.
    p = TwoCompartmentParameters()
    one = 1.25 * p.dendritic_rheobase
    pathway_a = stimuli.constant([0, 1, 0, 1] * one)
    pathway_b = stimuli.constant([0, 0, 1, 1] * one)
    rates = np.asarray(simulate(p, [pathway_a, pathway_b], 300 * ms).rates[:, 0] / Hz)
    assert rates[0] == 0 and rates[3] == 0
    assert rates[1] > 10 and rates[2] > 10


def test_two_compartment_soma_input():
    p = TwoCompartmentParameters()
    res = simulate(p, stimuli.constant(0.3 * nA).on("soma"), 100 * ms, record_v=True)
    assert res.neuron.size > 0
    assert np.allclose(np.asarray(res.v_dendrite / mV), -65.0)


# --- result object and errors ------------------------------------------------------------


def test_result_holds_plain_arrays():
    res = simulate(LIFParameters(), stimuli.constant(0.3 * nA), 50 * ms)
    assert isinstance(res, SpikeResult)
    assert isinstance(res.neuron, np.ndarray) and res.v is None and res.input_counts is None
    assert float(res.duration / ms) == pytest.approx(50) and float(res.dt / ms) == 0.1


@pytest.mark.parametrize(
    ("kwargs", "name", "cls"),
    [
        ({"duration": 100}, "'duration'", TypeError),
        ({"duration": -5 * ms}, "'duration'", ValueError),
        ({"duration": 10.05 * ms}, "'duration'", ValueError),
        ({"dt": 0 * ms}, "'dt'", ValueError),
        ({"dt": 0.1}, "'dt'", TypeError),
        ({"trials": 0}, "'trials'", ValueError),
        ({"seed": -1}, "'seed'", ValueError),
        ({"target": "gpu"}, "'target'", ValueError),
        ({"stimulus": 0.2 * nA}, "'stimulus'", TypeError),
        ({"stimulus": []}, "'stimulus'", ValueError),  # a list, but empty
        ({"params": "LIF"}, "'params'", TypeError),
        ({"stimulus": stimuli.constant(0.1 * nA).on("dendrite")}, "compartment", ValueError),
        (
            {
                "params": LIFParameters(sigma=[1, 2, 3] * mV),
                "stimulus": stimuli.constant([1, 2] * nA),
            },
            "batch sizes",
            ValueError,
        ),
    ],
)
def test_bad_arguments_name_the_parameter(kwargs, name, cls):
    args = {"params": LIFParameters(), "stimulus": stimuli.constant(0.2 * nA), "duration": 10 * ms}
    args.update(kwargs)
    with pytest.raises(cls, match=name):
        simulate(args.pop("params"), args.pop("stimulus"), args.pop("duration"), **args)


def test_unknown_target_lists_valid_ones():
    with pytest.raises(ValueError, match="'numpy', 'cython'"):
        simulate(LIFParameters(), stimuli.constant(0.2 * nA), 10 * ms, target="gpu")


def test_fi_curve_errors():
    # fi_curve's own parameter is named, not constant()'s 'amplitude' it hands it to
    with pytest.raises(TypeError, match="'currents' parameter of fi_curve"):
        fi_curve([0.1, 0.2])
    with pytest.raises(ValueError, match="'currents' parameter of fi_curve"):
        fi_curve(np.array([0.1, np.nan]) * nA)
    with pytest.raises(ValueError, match="'currents' parameter of fi_curve"):
        fi_curve(np.array([]) * nA)
    with pytest.raises(ValueError, match="'sigma'"):
        fi_curve(0.1 * nA, sigma=-1 * mV)


def test_single_input_stimuli_broadcast_to_every_condition():
    # a stimulus with n = 1 drives every condition of the batch (here n = 3 from the
    # per-condition weights of the other stimulus and the noise amplitudes)
    params = LIFParameters(sigma=[0, 0, 0] * mV)
    pattern = stimuli.spike_pattern([0, 0], [5, 15] * ms, n_inputs=1, weight=2 * mV)
    drive = stimuli.poisson(100 * Hz, n_inputs=2, weight=0.1 * mV)
    res = simulate(params, [pattern, drive], 100 * ms, trials=2, record_v=True)
    assert res.shape == (3, 2)
    # every neuron saw the two pattern spikes plus its own Poisson spikes
    assert np.all(res.input_counts >= 2)
    assert np.all(res.input_counts > 2)  # 2 trains x 100 Hz x 0.1 s = 20 expected
    before = np.asarray(res.v[:, :, 50] / mV)
    jump = np.asarray(res.v[:, :, 51] / mV) - before
    # the 2 mV pattern spike at 5 ms, less at most one step of leak, dt/tau (V - E_L)
    assert np.all(jump >= 2 - 0.1 / 20 * (before + 65) - 1e-9)


def test_the_potential_after_every_spike_is_the_reset():
    # LIF reset to -70 mV (below rest), two conditions, two trials: every spike's next
    # sample is V_reset exactly, for every neuron of the batch
    p = LIFParameters(V_reset=-70 * mV)
    res = simulate(p, stimuli.constant([0.3, 0.6] * nA), 100 * ms, trials=2, record_v=True)
    after = np.asarray(res.v_after_spikes() / mV)
    assert after.size == res.neuron.size > 10  # no spike in the very last step here
    np.testing.assert_allclose(after, -70.0, atol=1e-9)
    # the sample *at* a spike is the last one below threshold, never the reset
    steps = np.rint(np.asarray(res.times / res.dt)).astype(int)
    v = np.asarray(res.v / mV).reshape(4, -1)
    assert np.all(v[res.neuron, steps] > -70.0 + 1.0) and np.all(v[res.neuron, steps] < -50.0)
    with pytest.raises(ValueError, match="record_v"):
        simulate(p, stimuli.constant(0.3 * nA), 20 * ms).v_after_spikes()
