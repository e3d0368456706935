"""how_deep_is_a_neuron: the branched neuron and the models of growing depth, checked
against references that are not the comparison's code.

Truths used here:
- panels A and B (traces and the clustered/dispersed ladder): a plain numpy forward-Euler
  integration of the compartment equations with Jahr & Stevens' (1990) magnesium block
  (tests/dendrite_reference.py), fed activations built by hand (k synapses on branch 1,
  or k spread as evenly as possible; the j-th of m on a branch at step floor(50 j / m) of
  the 10-ms window): equal to float rounding (1e-6 mV);
- without NMDA the dendrite is linear but for the synapses' driving force: the ladder's
  AMPA-only peaks lie between (1 - delta) and 1 times the linear prediction, the sum of
  the inputs' responses (delta: the largest linear branch depolarisation over 70 mV);
- panels C and D: every R^2 recomputed from the plotted arrays by its definition;
- g_nmda = 0 makes the NMDA neuron the AMPA-only one: identical peaks, identical fits.
"""

from __future__ import annotations

import numpy as np
import pytest
from dendrite_reference import E_EXC, E_L, euler_reference, evenly_spaced
from matplotlib.figure import Figure

from neurosim.comparisons import how_deep_is_a_neuron as cmp
from neurosim.contract import Findings
from neurosim.contract.module import check_figure, check_findings, check_module
from neurosim.kit.explorer import Explorer
from neurosim.plotting import ARTIFICIAL, SPIKING

WINDOW_STEPS = 50  # 10 ms at 0.2 ms
STEPS = 400  # 80 ms


@pytest.fixture(scope="module")
def findings(quick_run):
    return quick_run(cmp.NAME)[0]


def _claim(findings, label_start):
    (claim,) = [c for c in findings.claims if c.label.startswith(label_start)]
    return claim


def test_module_shape():
    assert cmp.NAME == "how_deep_is_a_neuron"
    assert cmp.QUESTION.endswith("?")
    assert isinstance(cmp.COST, int | float)
    assert check_module(cmp) == []


def test_findings_are_plain_data_and_keep_the_contract(findings):
    assert isinstance(findings, Findings)
    assert findings.settings["quick"] is True and findings.settings["seed"] == 0
    for name, value in vars(findings.data).items():
        assert not hasattr(value, "dimensions"), name
    findings.to_dict()
    assert check_findings(cmp, findings) == []
    keys = [c for c in findings.claims if c.key]
    # the NMDA neuron is the condition of real neurons; the AMPA-only control is shown
    assert [c.label for c in keys] == ["one unit mimics an NMDA neuron (R²)"]
    assert keys[0].aspect == "single-neuron capacity"


def test_figure_says_its_run_and_uses_the_lecture_colours(findings):
    fig = cmp.plot(findings)
    assert isinstance(fig, Figure)
    assert check_figure(fig, findings) == []
    colours = {line.get_color() for ax in fig.axes for line in ax.get_lines()}
    assert ARTIFICIAL in colours and SPIKING in colours


# -- panels A and B against the numpy integration ----------------------------------------------
def _ladder_counts(totals, n_branches):
    clustered = np.zeros((totals.size, n_branches), int)
    clustered[:, 0] = totals
    dispersed = np.array(
        [[t // n_branches + (k < t % n_branches) for k in range(n_branches)] for t in totals]
    )
    return clustered, dispersed


@pytest.fixture(scope="module")
def reference_ladder(findings):
    d = findings.data
    totals = d.ladder_counts
    clustered, dispersed = _ladder_counts(totals, d.n_branches)
    counts = np.concatenate([clustered, dispersed])
    sample, branch, step = evenly_spaced(counts, WINDOW_STEPS)
    n = counts.shape[0]
    out = {}
    for name, on in (("nmda", 1.0), ("ampa", 0.0)):
        out[name] = euler_reference(
            n, d.n_branches, sample, branch, step, np.full(n, on), steps=STEPS, dt=0.2e-3
        )
    out["linear"] = euler_reference(
        n, d.n_branches, sample, branch, step, np.zeros(n), steps=STEPS, dt=0.2e-3, linear=True
    )
    return out


def test_ladder_is_the_numpy_integration(findings, reference_ladder):
    d = findings.data
    n_l = d.ladder_counts.size
    for c, name in enumerate(("nmda", "ampa")):
        peaks = 1e3 * reference_ladder[name][0].max(axis=1)
        np.testing.assert_allclose(d.ladder_peak_mV[0, c], peaks[:n_l], rtol=0, atol=1e-6)
        np.testing.assert_allclose(d.ladder_peak_mV[1, c], peaks[n_l:], rtol=0, atol=1e-6)
    # the ladder reaches max_synapses (quick default 40) in steps of 2, from no input
    assert d.ladder_counts[0] == 0 and d.ladder_counts[-1] == 40
    assert np.all(d.ladder_peak_mV[:, :, 0] == 0)


def test_traces_are_the_numpy_integration(findings, reference_ladder):
    d = findings.data
    k = int(np.flatnonzero(d.ladder_counts == d.example_count)[0])
    n_l = d.ladder_counts.size
    rows = (("nmda", k), ("ampa", k), ("nmda", n_l + k))  # clustered x2, dispersed
    for i, (name, row) in enumerate(rows):
        soma, branches = reference_ladder[name]
        np.testing.assert_allclose(d.trace_soma_mV[i], 1e3 * soma[row], rtol=0, atol=1e-6)
        np.testing.assert_allclose(d.trace_branch_mV[i], 1e3 * branches[row, 0], rtol=0, atol=1e-6)
    np.testing.assert_allclose(d.trace_t_ms, 0.2 * np.arange(STEPS), atol=1e-9)


def test_without_nmda_the_ladder_is_the_sum_of_its_inputs_within_the_driving_force(
    findings, reference_ladder
):
    d = findings.data
    lin_soma, lin_branches = reference_ladder["linear"]
    lin = 1e3 * lin_soma.max(axis=1)
    delta = lin_branches.max(axis=(1, 2)) / (E_EXC - E_L)
    peaks = np.concatenate([d.ladder_peak_mV[0, 1], d.ladder_peak_mV[1, 1]])
    assert np.all(peaks <= lin + 1e-9)
    assert np.all(peaks >= (1 - delta) * lin - 1e-9)


def test_clustered_input_is_supralinear_only_with_nmda(findings):
    d = findings.data
    ratio = _claim(findings, "clustered / dispersed")
    k = int(np.flatnonzero(d.ladder_counts == d.example_count)[0])
    assert ratio.value == pytest.approx(d.ladder_peak_mV[0, 0, k] / d.ladder_peak_mV[1, 0, k])
    assert ratio.deterministic and ratio.value > 1.33  # an NMDA spike in one branch
    # without NMDA the clustered branch loses driving force: at most as large as dispersed
    assert d.clustered_over_dispersed[1] <= 1.0
    # every somatic peak is reached well before the run ends (the latest ~40 ms of 80 ms)
    assert d.latest_peak_ms < 60.0


# -- panels C and D: the fits --------------------------------------------------------------------
def _r2(y, y_hat):
    return 1.0 - np.sum((y - y_hat) ** 2) / np.sum((y - np.mean(y)) ** 2)


def test_every_r2_is_its_definition(findings):
    d = findings.data
    assert d.test_peak_mV.shape == (2, d.n_test) and d.n_train + d.n_test == 450
    for c in range(2):
        for k in range(3):
            assert d.r2_test[c, k] == pytest.approx(_r2(d.test_peak_mV[c], d.test_pred_mV[c, k]))
    assert _claim(findings, "one unit mimics an NMDA").value == d.r2_test[0, 0]
    assert _claim(findings, "one unit mimics an AMPA").value == d.r2_test[1, 0]
    assert _claim(findings, "a sigmoid per branch").value == d.r2_test[0, 1]


def test_depth_matters_with_nmda_and_not_without(findings):
    d = findings.data
    nmda, ampa = d.r2_test
    # one unit leaves over 5 % of the NMDA neuron's variance; a layer per branch under 1 %
    assert nmda[0] < 0.95 and nmda[1] > 0.99 and nmda[2] > 0.99
    # without NMDA one unit is already within 1 % of the deeper models
    assert ampa[0] > 0.99 and ampa[2] - ampa[0] < 0.01
    # held-out and training fits agree: no model overfits (a few hundred samples, <= 11 parameters)
    np.testing.assert_allclose(d.r2_test, d.r2_train, atol=0.02)


def test_the_seed_moves_only_random_claims(findings):
    # (the same seed giving the same claims: the contract suite)
    other = cmp.run(quick=True, seed=1)
    for a, b in zip(findings.claims, other.claims):
        assert (a.value == b.value) == a.deterministic, a.label


def test_without_nmda_conductance_both_neurons_are_one(findings):
    # explore() drives run() through the declared parameters
    explorer = Explorer("how_deep_is_a_neuron")
    explorer.update()  # the defaults: the baseline whose verdicts explore() compares with
    changed = explorer.set(g_nmda=0.0)
    d = changed.data
    np.testing.assert_array_equal(d.test_peak_mV[0], d.test_peak_mV[1])
    np.testing.assert_array_equal(d.ladder_peak_mV[:, 0], d.ladder_peak_mV[:, 1])
    assert _claim(changed, "one unit mimics an NMDA").value == pytest.approx(
        _claim(changed, "one unit mimics an AMPA").value, abs=1e-9
    )
    assert (
        _claim(changed, "one unit mimics an NMDA").verdict
        != _claim(findings, "one unit mimics an NMDA").verdict
    )
    rows = explorer.rows()
    assert any(row["changed"] for row in rows)
    with pytest.raises(ValueError, match="mg_mM"):
        cmp.run(quick=True, mg_mM=-1.0)
