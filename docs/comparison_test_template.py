"""A template for a comparison's own tests: copy it to tests/comparisons/test_NAME.py.

The contract suite (tests/test_contract*.py) already checks what every comparison owes
the reader once it is in ``ORDER``: the module's shape, labels, rule directions, the
same seed giving the same claims, a figure saying which run it shows. This file checks
the science only: every number the figure shows against a truth that is not the code
under test (here a closed form written out by hand), each tolerance with its reason.

Use the session's shared quick run (``quick_run``, tests/conftest.py) instead of running
the comparison again: ``findings, _warnings = quick_run("NAME")``. This template tests
docs/comparison_template.py, which is not registered, so it runs it itself.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np
import pytest


def _template():
    path = Path(__file__).with_name("comparison_template.py")
    spec = importlib.util.spec_from_file_location("comparison_template", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def findings():
    # for a registered comparison: def findings(quick_run): return quick_run("NAME")[0]
    return _template().run(quick=True, seed=0)


def lif_rate_by_hand(current_nA, tau_ms=20.0, R_Mohm=100.0, gap_mV=15.0, t_ref_ms=2.0):
    """Lapicque's LIF rate, written out here (not neurosim's theory module):
    r = 1 / (t_ref + tau ln(RI / (RI - (V_th - E_L)))) above the rheobase, else 0."""
    drive = R_Mohm * current_nA  # mV
    if drive <= gap_mV:
        return 0.0
    return 1000.0 / (t_ref_ms + tau_ms * math.log(drive / (drive - gap_mV)))


def test_simulated_rates_follow_the_closed_form(findings):
    d = findings.data
    expected = np.array([lif_rate_by_hand(0.1 * x + 0.15) for x in d.x])
    # tolerance: a count over the run is off by at most one spike (the first interval
    # starts at rest, the last is cut): 1 / duration in Hz, plus 1 % for spike stamping
    duration_s = findings.settings["parameters"]["duration"]["value"] / 1000
    np.testing.assert_allclose(d.neuron_rate_Hz, expected, atol=1 / duration_s, rtol=0.01)


def test_the_neuron_is_silent_exactly_below_the_rheobase(findings):
    d = findings.data
    assert np.all(d.neuron_rate_Hz[d.x < 0] == 0)
    assert np.all(d.neuron_rate_Hz[d.x > 0.5] > 0)
