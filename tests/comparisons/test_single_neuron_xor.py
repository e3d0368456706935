"""single_neuron_xor: the unit's 75% ceiling, the neuron's XOR, checked against closed forms.

Truths used here:
- no line separates XOR (a linear program is infeasible; hand proof in the module), so
  no unit with a monotonic activation solves it; a Gaussian bump unit with weights
  (2, 2) and bias -2 does (its truth table worked by hand below);
- the logistic loss on the XOR corners is convex with zero gradient at w = 0, b = 0, so
  training ends there: P = 0.5 and cross-entropy ln 2;
- the dendritic active current A_d m_inf(V_d) h_inf(V_d) at V_d = E_L + R_d I (the
  fixed point of the gate equations; hand values below);
- once the dendrite has settled, the soma is a LIF neuron with leak 1 + R g_c times
  larger, driven by I_active + g_c (V_d - E_L) (closed-form rate, lif_rate);
- Poisson input: mean depolarisation r w tau_d and Campbell's variance r w^2 tau_d / 2.
"""

import dataclasses

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.figure import Figure
from scipy.optimize import linprog

from neurosim.artificial import BumpUnit, threshold_unit_accuracies
from neurosim.comparisons import single_neuron_xor as cmp
from neurosim.contract import Findings
from neurosim.contract.module import check_figure, check_findings, check_module
from neurosim.plotting import ARTIFICIAL, SPIKING, THEORY
from neurosim.spiking import TwoCompartmentParameters, lif_rate
from neurosim.spiking.settled_dendrite import effective_soma, soma_drive
from neurosim.units import Hz, Mohm, ms, mV, nA

PARAMS = TwoCompartmentParameters()
XOR = np.array([0, 1, 1, 0])


@pytest.fixture(scope="module")
def findings(quick_run):
    return quick_run(cmp.NAME)[0]


def test_module_shape():
    assert cmp.NAME == "single_neuron_xor"
    assert cmp.QUESTION.endswith("?")
    assert cmp.__doc__.splitlines()[0].startswith("One neuron with an active dendrite")
    assert isinstance(cmp.COST, int | float)
    assert check_module(cmp) == []


def test_findings_hold_plain_data(findings):
    assert isinstance(findings, Findings)
    assert findings.name == "single_neuron_xor"
    assert findings.settings["quick"] is True and findings.settings["seed"] == 0
    assert isinstance(findings.data, cmp.Measured)
    for field in dataclasses.fields(findings.data):
        value = getattr(findings.data, field.name)
        assert not hasattr(value, "dimensions"), field.name
        assert isinstance(value, np.ndarray | float | int | tuple), field.name
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings.data.accuracy = None
    findings.to_dict()


# -- the unit -------------------------------------------------------------------------------
def _separable(y) -> bool:
    """Is there a line with margin 1: (2y - 1)(w . x + b) >= 1 at every corner? (LP)"""
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    sign = 2 * np.asarray(y) - 1
    a_ub = -sign[:, None] * np.column_stack([corners, np.ones(4)])
    res = linprog(np.zeros(3), A_ub=a_ub, b_ub=-np.ones(4), bounds=[(None, None)] * 3)
    return res.status == 0


def test_no_line_separates_xor_but_one_separates_and():
    assert not _separable(XOR)
    assert _separable([0, 0, 0, 1])  # AND: the LP itself can find lines


def test_no_unit_on_the_grid_beats_the_lp_bound(findings):
    # The LP says no line separates XOR, so every monotonic unit on the grid makes at
    # least one mistake; AND (separable) is solved by some grid unit, so the search
    # itself can find solutions.
    d = findings.data
    counts = d.monotonic_accuracy_counts  # at 0, 25, 50, 75, 100 %
    assert counts.sum() == d.grid_units == cmp.GRID_VALUES.size**3
    assert counts[4] == 0 and counts[3] > 0 and d.monotonic_best == 75.0
    # 0 % would need XNOR to be separable: it is not either
    assert not _separable(1 - XOR) and counts[0] == 0
    and_acc = threshold_unit_accuracies(cmp.CORNERS, [0, 0, 0, 1], cmp.GRID_VALUES)
    assert and_acc.max() == 1.0
    # a bump unit answers 1 on a band: some grid units solve XOR
    assert d.bump_accuracy_counts[4] > 0 and d.bump_best == 100.0


def test_bump_unit_truth_table_by_hand(findings):
    # sums 2a + 2b - 2: -2, 0, 0, 2; exp(-z^2/2): e^-2 = 0.135335, 1, 1, 0.135335
    d = findings.data
    np.testing.assert_allclose(d.bump_sum, [-2, 0, 0, 2])
    np.testing.assert_allclose(d.bump_output, [0.135335, 1, 1, 0.135335], atol=1e-6)
    np.testing.assert_array_equal(d.bump_class, XOR)
    assert d.bump_accuracy == 100.0
    # one band: class 1 where |z| < sqrt(2 ln 2) = 1.1774
    unit = BumpUnit([1.0], 0.0)
    np.testing.assert_array_equal(unit.predict([[-1.18], [-1.17], [1.17], [1.18]]), [0, 1, 1, 0])


def test_trained_unit_is_stuck_at_one_half(findings):
    # Convex loss, zero gradient at w = 0, b = 0 (sum of (0.5 - y) x = 0 for XOR):
    # P = 0.5 at every corner and cross-entropy ln 2.
    d = findings.data
    np.testing.assert_allclose(d.unit_trained_proba, 0.5, atol=1e-9)
    assert d.unit_trained_loss == pytest.approx(np.log(2), abs=1e-12)
    np.testing.assert_array_equal(d.unit_best_class, [0, 1, 1, 1])  # OR
    assert d.unit_best_accuracy == 75.0


# -- the neuron, noise-free -------------------------------------------------------------------
def test_active_current_ladder_is_the_closed_form(findings):
    d = findings.data
    expected = np.asarray(PARAMS.active_current(d.ladder_nA * nA) / nA)
    # After 300 ms = 30 tau_d the gates sit at their fixed point, which Euler keeps exact.
    np.testing.assert_allclose(d.ladder_active_nA, expected, rtol=0, atol=1e-9)
    np.testing.assert_allclose(
        d.fine_active_nA, np.asarray(PARAMS.active_current(d.fine_nA * nA) / nA)
    )
    # by hand: 1.25x rheobase puts V_d 2.5 mV above theta_d;
    # 0.4 nA * sigmoid(2.5) * exp(-2.5/4) = 0.19786 nA; both pathways, 15 mV above:
    # 0.4 nA * sigmoid(15) * exp(-15/4) = 0.4 nA * 0.0235177 = 0.0094071 nA
    k1 = np.flatnonzero(np.isclose(d.ladder_nA, 0.25))[0]
    k2 = np.flatnonzero(np.isclose(d.ladder_nA, 0.5))[0]
    assert d.ladder_active_nA[k1] == pytest.approx(0.19786, abs=1e-5)
    assert d.ladder_active_nA[k2] == pytest.approx(0.0094071, abs=1e-6)
    assert d.pathway_nA == pytest.approx(0.25) and d.rheobase_nA == pytest.approx(0.2)


def test_effective_soma_by_hand():
    soma = effective_soma(PARAMS)
    # 1 + R g_c = 1 + 100 MOhm * 2 nS = 1.2
    assert float(soma.tau_m / ms) == pytest.approx(20 / 1.2)
    assert float(soma.R / Mohm) == pytest.approx(100 / 1.2)
    # one pathway: drive 0.19786 + 2 nS * 12.5 mV = 0.22286 nA; R_eff I = 18.572 mV;
    # T = 2 ms + 16.667 ms * ln(18.572 / 3.572) = 29.48 ms -> 33.93 Hz
    drive = soma_drive(PARAMS, 0.25 * nA)
    assert float(drive / nA) == pytest.approx(0.22286, abs=1e-5)
    assert float(lif_rate(drive, soma) / Hz) == pytest.approx(33.93, abs=0.01)


def test_ladder_rates_match_the_effective_lif(findings):
    d = findings.data
    theory = np.asarray(lif_rate(soma_drive(PARAMS, d.ladder_nA * nA), effective_soma(PARAMS)) / Hz)
    np.testing.assert_allclose(
        np.interp(d.ladder_nA, d.fine_nA, d.fine_rate_Hz), theory, atol=1.5
    )  # fmt: skip  (interpolated line, steep edges)
    sim = d.ladder_rate_Hz
    firing = theory > 0
    # the window is narrow, about 0.95-1.4x the 0.2 nA rheobase (panel A's closed form):
    # 4 points of the quick ladder (0 to 0.6 nA in steps of 0.025 nA: 0.2 to 0.275 nA)
    np.testing.assert_allclose(d.ladder_nA, np.linspace(0, 0.6, 25))
    np.testing.assert_allclose(d.ladder_nA[firing], [0.2, 0.225, 0.25, 0.275])
    # Design tolerance 2 % or 1 Hz (Euler soma, spikes stamped on the 0.1 ms grid).
    assert np.all(np.abs(sim - theory) <= np.maximum(0.02 * theory, 1.0))
    np.testing.assert_array_equal(sim[~firing], 0.0)
    # non-monotonic: silent again above the window
    assert np.all(sim[d.ladder_nA >= 0.3] == 0)


def test_noise_free_xor(findings):
    d = findings.data
    np.testing.assert_allclose(d.clean_theory_Hz, [0, 33.926, 33.926, 0], atol=1e-3)
    rates = d.clean_rate_Hz
    assert rates[0] == 0 and rates[3] == 0
    np.testing.assert_allclose(rates[1:3], 33.926, rtol=0.02)


def test_noise_free_dendrite_charges_like_an_rc_circuit(findings):
    # Truth: V_d = E_L + R_d I (1 - exp(-t / tau_d)); forward Euler with h = dt/tau_d =
    # 0.01 deviates by at most max_n |(1-h)^n - e^{-hn}| ~ h/(2e) = 0.0018 of R_d I
    # (0.023 mV per pathway, 0.046 mV for both): tolerance 0.06 mV.
    d = findings.data
    t = d.trace_t_ms
    for k, n_paths in enumerate([0, 1, 1, 2]):
        expected = -65.0 + 12.5 * n_paths * (1 - np.exp(-t / 10.0))
        np.testing.assert_allclose(d.clean_v_dendrite_mV[k], expected, atol=0.06)


# -- noisy inputs -----------------------------------------------------------------------------
def test_poisson_pathways_give_the_stated_mean_and_noise(findings):
    d = findings.data
    # Mean depolarisation r w tau_d = 12.5 mV.  Each trace (250 ms) of an OU-like process
    # with correlation time tau_d = 10 ms has sampling SE of its mean sigma sqrt(2 tau/T)
    # = 0.28 sigma; 13 traces -> SE 0.14 mV; tolerance 3 SE = 0.4 mV.
    assert d.mean_depolarisation_mV == pytest.approx(12.5)
    assert d.noise_mean_mV == pytest.approx(12.5, abs=0.4)
    # Campbell: std = sqrt(12.5 mV * 0.5 mV / 2) = 1.768 mV.  On the 0.1 ms grid each of
    # the 5 synapses spikes at most once per step (p = 0.05): variance x (1 - p), std
    # -2.5 %.  Relative SE of a variance over 13 traces: sqrt(2 tau/T / 13) = 7.8 %, so
    # 3.9 % on the std; tolerance 3 SE = 12 % around the grid-corrected value.
    assert d.noise_std_theory_mV == pytest.approx(1.7678, abs=1e-4)
    grid = 1.7678 * np.sqrt(1 - 0.05)
    assert d.noise_std_mV == pytest.approx(grid, rel=0.12)
    # the x axis of panel C: sqrt(12.5 * w / 2) for the quick levels w = 0.5, 2, 8 mV
    np.testing.assert_allclose(d.weights_mV, cmp.QUICK_WEIGHTS_MV)
    np.testing.assert_allclose(d.level_noise_std_mV, np.sqrt(12.5 * np.array([0.5, 2, 8]) / 2))


def test_input_spike_counts_follow_the_rates(findings):
    # Poisson count per pathway in 300 ms: r T = 12.5 mV / (w * 10 ms) * 0.3 s; the mean
    # over n trials has SE sqrt(r T / n); tolerance 4 SE.
    d = findings.data
    n = d.trial_counts.shape[2]
    expected = 12.5 / (np.array([0.5, 2.0, 8.0]) * 10e-3) * 0.3
    counts = d.input_counts_per_pathway
    np.testing.assert_array_equal(counts[:, 0], 0)
    for case in (1, 2, 3):
        assert np.all(np.abs(counts[:, case] - expected) <= 4 * np.sqrt(expected / n))


def test_neuron_computes_xor_over_noisy_trials(findings):
    d = findings.data
    trials = d.trial_counts.shape[2]
    assert trials == findings.settings["parameters"]["trials"]["value"] == 30
    counts = d.trial_counts
    assert counts.shape == (len(cmp.QUICK_WEIGHTS_MV), 4, trials)
    op = d.operating
    assert d.weights_mV[op] == 0.5  # the default noise_weight
    # recompute the decision rule (>= 1 spike in the window) and the accuracy
    fires = counts >= 1
    np.testing.assert_allclose(d.fire_fraction, fires.mean(axis=2))
    correct = fires == XOR.astype(bool)[None, :, None]
    np.testing.assert_allclose(d.accuracy, 100 * correct.mean(axis=(1, 2)))
    # >= 95 % at the operating point and >= 90 % in every case (120 decisions)
    assert d.accuracy[op] >= 95.0
    per_case = 100 * correct[op].mean(axis=1)
    assert np.all(per_case >= 90.0)


def test_accuracy_falls_with_input_noise(findings):
    # At the largest noise the accuracy is below the operating point by more than
    # 3 binomial standard errors (4 x trials decisions per level).
    d = findings.data
    acc = d.accuracy
    op = d.operating
    p = acc[-1] / 100
    se = 100 * np.sqrt(max(p * (1 - p), 1e-4) / (4 * d.trial_counts.shape[2]))
    assert acc[op] - acc[-1] > 3 * se
    assert acc[-1] > 75.0  # still better than any monotonic unit, at 7 mV of noise
    good = acc >= cmp.ROBUST_ACCURACY
    assert d.robust_up_to_mV == pytest.approx(d.level_noise_std_mV[good].max())


def test_claims_carry_the_data_and_verdicts_follow_their_rules(findings):
    d = findings.data
    monotonic, trained, bump_unit, neuron, both, robust = findings.claims
    assert check_findings(cmp, findings) == []
    assert monotonic.deterministic and bump_unit.deterministic and both.deterministic
    assert neuron.direction == "it solves XOR"  # 100 % > 80 %: more than one line
    assert monotonic.value == 75.0 and monotonic.about == "artificial"
    assert monotonic.verdict == "holds"
    assert trained.value == pytest.approx(np.log(2)) and trained.verdict == "holds"
    assert bump_unit.value == 100.0 and bump_unit.verdict == "holds"
    assert neuron.value == d.accuracy[d.operating] and neuron.key
    assert neuron.aspect == "single-neuron capacity" and neuron.verdict == "fails"
    assert "bump" in neuron.statement and "monotonic" in neuron.statement
    # noise-free: both pathways 0 Hz, one pathway 33.9 Hz -> ratio 0
    assert both.value == 0.0 and both.aspect == "nonlinearity" and both.verdict == "fails"
    assert robust.value == d.robust_up_to_mV and robust.about == "spiking"
    assert [c.key for c in findings.claims].count(True) == 1


def test_noise_free_claims_are_the_same_for_another_seed(findings):
    # declared deterministic: a test that fails if the seed entered them
    other = cmp.run(quick=True, seed=7)
    for a, b in zip(findings.claims, other.claims):
        if a.deterministic:
            assert a.value == b.value, a.label


def test_a_monotonic_dendrite_loses_xor():
    # lambda_d = 100 mV: the active current barely inactivates above threshold, so the
    # dendrite is monotonic over the inputs used and both pathways fire the soma: the
    # neuron gets 3 of 4 cases, exactly like the best line (75 %).
    other = cmp.run(quick=True, seed=0, lambda_d=100 * mV)
    d = other.data
    assert d.clean_rate_Hz[3] >= d.clean_rate_Hz[1] > 0
    assert d.accuracy[d.operating] == pytest.approx(75.0, abs=5.0)
    neuron = other.claims[3]
    assert neuron.verdict == neuron.rule.verdict(neuron.value) == "holds"


# -- the figure -------------------------------------------------------------------------------
def _same(color, expected) -> bool:
    return mcolors.to_hex(color) == mcolors.to_hex(expected)


def test_plot_draws_the_findings(findings):
    d = findings.data
    fig = cmp.plot(findings)
    assert isinstance(fig, Figure)
    assert check_figure(fig, findings) == []
    ax_act, ax_rate, ax_tab, ax_acc, *traces, twin = fig.axes
    assert len(traces) == 4
    bump_line = twin.get_lines()[0]
    np.testing.assert_allclose(bump_line.get_ydata(), d.fine_bump)
    assert _same(bump_line.get_color(), ARTIFICIAL)
    # the bump unit on the dendrite's axis: 1 at one pathway, e^-2 at none and both
    one = d.pathway_nA
    for n_paths, y in ((0, np.exp(-2)), (1, 1.0), (2, np.exp(-2))):
        assert np.interp(n_paths * one, d.fine_nA, d.fine_bump) == pytest.approx(y, abs=1e-3)
    assert ax_rate.get_xlabel() == "constant dendritic input (nA)"
    assert "(nA)" in ax_act.get_ylabel() and "(Hz)" in ax_rate.get_ylabel()
    for ax, line, point in (
        (ax_act, d.fine_active_nA, d.ladder_active_nA),
        (ax_rate, d.fine_rate_Hz, d.ladder_rate_Hz),
    ):
        theory, points = ax.get_lines()[:2]
        np.testing.assert_allclose(theory.get_ydata(), line)
        assert theory.get_linestyle() == "--" and _same(theory.get_color(), THEORY)
        np.testing.assert_allclose(points.get_ydata(), point)
        assert _same(points.get_color(), SPIKING)
    # truth table: the numbers written in the cells
    texts = [t.get_text() for t in ax_tab.texts]
    assert texts.count("0.50") == 4 and texts.count("100") == 2
    assert texts.count("0.14") == 2 and texts.count("1.00") == 2  # the bump unit
    # robustness: the accuracy curve and the unit's 75 % line
    acc_line = next(ln for ln in ax_acc.get_lines() if len(ln.get_xdata()) == len(d.accuracy))
    np.testing.assert_allclose(acc_line.get_ydata(), d.accuracy)
    np.testing.assert_allclose(acc_line.get_xdata(), d.level_noise_std_mV)
    assert _same(acc_line.get_color(), SPIKING)
    unit_line = next(ln for ln in ax_acc.get_lines() if _same(ln.get_color(), ARTIFICIAL))
    np.testing.assert_allclose(unit_line.get_ydata(), [75, 75])
    assert "(mV)" in ax_acc.get_xlabel()
    # traces: dendrite and soma of the four cases
    for k, ax in enumerate(traces):
        dend, soma = ax.get_lines()[:2]
        np.testing.assert_allclose(dend.get_ydata(), d.trace_v_dendrite_mV[k])
        np.testing.assert_allclose(soma.get_ydata(), d.trace_v_soma_mV[k])
        assert ax.get_xlabel() == "time (ms)"
    assert traces[0].get_ylabel() == "membrane potential (mV)"
    assert fig._suptitle is not None and "XOR" in fig._suptitle.get_text()


@pytest.mark.slow
def test_full_run_computes_xor():
    full = cmp.run(quick=False, seed=0)
    d = full.data
    assert d.trial_counts.shape[2] == 160 and d.monotonic_best == 75.0
    assert d.monotonic_accuracy_counts[4] == 0
    assert d.accuracy[d.operating] >= 95.0
    np.testing.assert_allclose(d.clean_rate_Hz[1:3], 33.926, rtol=0.02)
