"""weighted_sum_and_squash: every plotted number against the closed form."""

import numpy as np
import pytest

from comparisons import weighted_sum_and_squash as comp


@pytest.fixture(scope="module")
def findings():
    return comp.run(quick=True, seed=0)


def test_simulated_rates_follow_the_closed_form(findings):
    d = findings.data
    # LIF closed form, 2 % or 2 Hz (quick runs last 0.5 s: one spike = 2 Hz)
    assert np.all(np.abs(d["rate"] - d["theory_rate"]) <= np.maximum(0.02 * d["theory_rate"], 2.0))
    np.testing.assert_allclose(d["unit"], 1 / (1 + np.exp(-d["z"])))


def test_claims_match_their_definitions(findings):
    d = findings.data
    claims = {c.statement: c for c in findings.claims}
    r = np.corrcoef(d["unit"], d["rate"])[0, 1]
    assert claims["correlation of the LIF rate with the unit's output (same samples)"].value == (
        pytest.approx(r)
    )
    # the threshold seen in the samples brackets the rheobase (V_th - E_L)/R = 0.15 nA
    # within the spacing of the sampled currents near it
    current = d["current_nA"]
    assert np.all(d["rate"][current < 0.15 - 1e-9] == 0)
    assert np.all(d["rate"][current > 0.15 + 1e-9] > 0)
    assert d["rheobase_nA"] == pytest.approx(0.15, abs=0.02)
    assert claims["maximum rate 1/t_ref (the unit's maximum is 1)"].value == 500.0
    share = 100 * np.mean((d["unit"] >= 0.1) & (d["rate"] == 0))
    assert d["silent_but_unit_active"] == pytest.approx(share)
    assert 0 < d["logistic_nrmse"] < 0.1


def test_plot_shows_the_data(findings):
    fig = comp.plot(findings)
    _, ax_rate, ax_scatter = fig.axes[:3]
    assert ax_rate.get_ylabel() == "firing rate (Hz)"
    offsets = ax_scatter.collections[0].get_offsets()
    np.testing.assert_allclose(offsets[:, 0], findings.data["unit"])
    np.testing.assert_allclose(offsets[:, 1], findings.data["rate"])
