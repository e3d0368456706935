"""explore(): a control set programmatically changes the claims as the closed form says.

The reference is Lapicque's first-spike latency for a LIF charged by a current step,
t = tau_m ln(RI / (RI - (V_th - E_L))) (written out here, not neurosim's theory module):
with the lif_neuron comparison's step of twice the rheobase (0.3 nA), R = 100 MOhm,
V_th - E_L = 15 mV, it is 20 ms * ln(2) = 13.86 ms at tau_m = 20 ms and 6.93 ms at
10 ms. Tolerance: 0.15 ms, one Brian2 step (0.1 ms) of spike stamping plus rounding.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from neurosim.kit.explorer import Explorer


def lapicque_latency_ms(tau_ms, current_nA=0.3, R_Mohm=100.0, gap_mV=15.0):
    drive = R_Mohm * current_nA  # mV
    return tau_ms * math.log(drive / (drive - gap_mV))


def _latency(findings):
    (claim,) = [c for c in findings.claims if c.aspect == "signal transmission" and c.key]
    return claim


@pytest.fixture(scope="module")
def explorer():
    return Explorer("lif_neuron")


def test_setting_tau_m_moves_the_latency_as_the_closed_form_says(explorer):
    before = _latency(explorer.update())
    assert before.value == pytest.approx(lapicque_latency_ms(20.0), abs=0.15)
    after = _latency(explorer.set(tau_m=10.0))
    assert after.value == pytest.approx(lapicque_latency_ms(10.0), abs=0.15)
    assert after.value == pytest.approx(6.9, abs=0.1)
    rows = {row["statement"]: row for row in explorer.rows()}
    assert rows[after.statement]["value"].startswith("6.9")
    assert explorer.seconds < 60  # s; a sanity bound, the timings are in the benchmark


def test_a_moved_slider_draws_the_figure_at_the_kept_layout(explorer):
    # the figure a student sees after moving tau_m: the same panels, placed where the
    # last full layout put them (tests/plotting/test_kept_layout.py checks when that is
    # refused), the whole figure at 100 dpi
    import io

    from PIL import Image

    explorer.set(tau_m=20.0)
    first = explorer.png()
    assert not explorer.layout.kept
    explorer.set(tau_m=15.0)
    again = explorer.png()
    assert explorer.layout.kept
    size = tuple(round(100 * v) for v in explorer.figure().get_size_inches())
    assert Image.open(io.BytesIO(first)).size == Image.open(io.BytesIO(again)).size == size


def test_the_table_shows_rule_and_verdict(explorer):
    html = explorer.table_html()
    for claim in explorer.findings.claims:
        assert claim.verdict in html
    assert "holds" in html or "fails" in html


def test_an_unknown_control_is_refused_by_name(explorer):
    with pytest.raises((TypeError, ValueError), match="tau_x"):
        explorer.set(tau_x=3.0)


def test_the_run_note_names_only_what_differs_from_the_quick_run():
    # the explorer passed every parameter to run(), so the figure's run note said the
    # student had changed all of them, and ran off the figure (text_collisions found it
    # on three comparisons); now it names the EXPLORE values and the moved control only
    from neurosim.plotting.legible import text_collisions

    explorer = Explorer("weighted_sum_and_squash")
    explore = dict(getattr(explorer.module, "EXPLORE", {}))
    assert explorer.update().settings["changed"] == sorted(explore, key=_order(explorer))
    first = explorer.parameters[0]
    moved = first.default_for(True) * 0.9
    changed = explorer.set(**{first.name: moved}).settings["changed"]
    assert set(changed) == set(explore) | {first.name}
    fig = explorer.figure()
    assert text_collisions(fig) == []


def _order(explorer):
    names = [p.name for p in explorer.parameters]
    return names.index


def test_duration_slider_positions_are_whole_time_steps():
    # deep_network_as_spikes refuses a duration that is not a whole number of its
    # 0.25 ms steps; slider steps of (1000 - 20) / 200 = 4.9 ms put most positions off
    # that grid. Round steps (here 2 ms from 20 ms) keep every position on it.
    pytest.importorskip("ipywidgets")
    import numpy as np

    from neurosim.contract import registry
    from neurosim.kit.explorer import _control

    module = registry.load("deep_network_as_spikes")
    (duration,) = [p for p in module.PARAMETERS if p.name == "duration"]
    slider = _control(duration, duration.default_for(True))
    positions = np.arange(slider.min, slider.max + slider.step / 2, slider.step)
    assert positions.size >= 200
    in_steps = positions / 0.25
    np.testing.assert_allclose(in_steps, np.round(in_steps), atol=1e-9)


def test_a_refused_setting_is_said_in_the_status_line(monkeypatch):
    # a slider callback's exception reaches only the browser's log: the student saw the
    # old figure and nothing else
    pytest.importorskip("ipywidgets")
    from neurosim.kit import explorer as ex

    box = ex.explore("lif_neuron")
    status = box.children[2]
    assert "quick run" in status.value

    def refuse(self):
        raise ValueError("The 'duration' parameter of run must be a whole number of steps")

    monkeypatch.setattr(ex.Explorer, "update", refuse)
    box.controls["tau_m"].value = 30.0
    assert "not run" in status.value and "whole number of steps" in status.value


def _positions(parameter, control):
    """Every value a student can reach with one control (floats: ends and 25 steps)."""
    if hasattr(control, "options"):
        return [value for _label, value in control.options]
    if parameter.kind == "int":
        return [control.min, control.max]
    steps = round((control.max - control.min) / control.step)
    picks = sorted({0, steps, *range(0, steps + 1, max(1, steps // 25))})
    return [min(control.max, control.min + k * control.step) for k in picks]


def test_every_slider_position_of_every_comparison_is_a_value_its_run_accepts():
    # a slider that offers a value the run refuses shows "not run" in a lecture: the
    # time steps of four comparisons were sliders over 0.05-0.5 ms, and most positions
    # (0.35 ms) divide neither the 1 ms readout interval nor the run (found by moving
    # every control of every comparison to its ends and thirds)
    pytest.importorskip("ipywidgets")
    from neurosim.contract import registry
    from neurosim.kit.explorer import _control

    checked = 0
    for name in registry.available():
        explorer = Explorer(name)
        for parameter in explorer.parameters:
            if parameter.kind in ("choice", "bool"):
                continue
            control = _control(parameter, explorer.values[parameter.name])
            for value in _positions(parameter, control):
                # as Explorer.set takes a slider's plain number: in the parameter's unit
                parameter.check(parameter.to_value(value), f"explore({name!r})")
                checked += 1
    assert checked > 1000


def test_listed_time_steps_divide_the_one_millisecond_readout():
    # the comparisons read the network out every 1 ms (READOUT_MS) and run whole-ms
    # durations: each listed dt must be 1 ms / n for a whole n (worked: 1 / 0.125 = 8)
    from neurosim.contract import registry

    listed = 0
    for name in registry.available():
        explorer = Explorer(name)
        for parameter in explorer.parameters:
            if parameter.name == "dt" and parameter.values is not None:
                per_ms = 1.0 / np.asarray(parameter.values)
                np.testing.assert_allclose(per_ms, np.round(per_ms), rtol=1e-12)
                listed += 1
    assert listed == 3  # cost_of_spikes, deep_network_as_spikes, spikes_can_be_cheap
