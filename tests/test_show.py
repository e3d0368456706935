"""``neurosim show NAME``: parameters and the last record's claims, looked up, not run.

The expected lines are written out by hand from lif_neuron's declared parameters and
from a record made up here (so a change to either shows as a failure to read), not
produced by the code under test.
"""

from __future__ import annotations

import json

from neurosim.cli import main
from neurosim.contract import registry


def _record(tmp_path, **claim_changes):
    claim = {
        "statement": "time from onset to the first spike (made up for this test)",
        "label": "first spike, made up",
        "value": 12.5,
        "unit": "ms",
        "verdict": "partly",
        "direction": "the answer arrives late",
        "rule": {
            "holds": [None, 1.0],
            "partly": [1.0, 20.0],
            "reason": "a reason written for the test",
            "below": None,
            "above": "the answer arrives late",
        },
        "aspect": "delay",
        "about": "analogy",
        "key": True,
        "deterministic": False,
        "by_construction": None,
        "seeds": [0, 1, 2, 3],
        "values": [12.0, 12.5, 13.0, 12.5],
        "verdicts": ["partly", "partly", "partly", "fails"],
        "interval": [11.9, 13.1],
        "stability": 0.75,
        "unstable": True,
        "not_reached": 0,
    } | claim_changes
    record = {
        "name": "lif_neuron",
        "question": "q",
        "settings": {"changed": ["tau_m=10 ms"]},
        "claims": [claim],
        "quick": True,
        "seed": 0,
        "seeds": [0, 1, 2, 3],
        "deterministic": False,
    }
    (tmp_path / "lif_neuron.json").write_text(json.dumps(record))
    return tmp_path


def test_show_lists_every_parameter_with_unit_default_quick_and_range(tmp_path, capsys):
    assert main(["show", "lif_neuron", "--figures", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"lif_neuron: {registry.question('lif_neuron')}\n")
    # lif_neuron's declared parameters, written out by hand
    assert "tau_m        default 20 ms; allowed 2 to 100 ms" in out
    assert "duration     default 1000 ms, quick 400 ms; allowed 200 to 10000 ms" in out
    assert "max_current  default 0.8 nA; allowed 0.2 to 3 nA" in out
    assert "--set lif_neuron.NAME=VALUE" in out
    # no record in the folder given: it says how to make one
    assert f"No record of its claims in {tmp_path}/" in out
    assert "neurosim figures lif_neuron" in out


def test_show_reads_the_claims_of_the_record_in_plain_words(tmp_path, capsys):
    folder = _record(tmp_path)
    assert main(["show", "lif_neuron", "--figures", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "(4 seed(s), quick settings, changed: tau_m=10 ms)" in out
    assert "- first spike, made up: 12.5 ms [11.9, 13.1] (3/4 seeds agree)" in out
    assert "~ the analogy partly holds (the answer arrives late); unstable (not counted)" in out
    assert "rule: holds if <= 1 ms; partly if 1 to 20 ms" in out
    assert "why: a reason written for the test" in out
    assert "measured: time from onset to the first spike (made up for this test)" in out
    assert "How to read a verdict:" in out


def test_a_check_reads_as_a_check_and_a_deterministic_record_says_so(tmp_path, capsys):
    folder = _record(tmp_path, about="spiking", verdict="holds", direction="", unstable=False)
    record = json.loads((folder / "lif_neuron.json").read_text())
    record["deterministic"] = True
    (folder / "lif_neuron.json").write_text(json.dumps(record))
    assert main(["show", "lif_neuron", "--figures", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "(deterministic, run once, quick settings" in out
    assert "\n    check passed\n" in out
    assert "(3/4 seeds agree)" not in out


def test_the_first_folder_with_a_record_wins(tmp_path, capsys):
    empty, full = tmp_path / "empty", tmp_path / "full"
    empty.mkdir()
    full.mkdir()
    _record(full)
    assert main(["show", "lif_neuron", "--figures", str(empty), "--figures", str(full)]) == 0
    assert f"Claims in {full / 'lif_neuron.json'}" in capsys.readouterr().out
