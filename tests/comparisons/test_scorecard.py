"""scorecard: reads the other comparisons' claims and tallies them per aspect."""

import json

import numpy as np
import pytest

from comparisons import scorecard
from neurosim.findings import Findings


def _write(folder, name, claims):
    f = Findings(name, f"{name}?")
    for statement, value, verdict, aspect, *key in claims:
        f.claim(statement, value, "Hz", verdict, aspect, key=bool(key and key[0]))
    (folder / f"{name}.json").write_text(json.dumps(f.to_dict()))


def test_majority_verdict_and_ties():
    assert scorecard.aspect_verdict(["holds", "holds", "fails"]) == "holds"
    assert scorecard.aspect_verdict(["holds", "fails"]) == "partly"
    assert scorecard.aspect_verdict([]) == "none"


def test_reads_claims_from_the_records(tmp_path):
    _write(
        tmp_path,
        "lif_neuron",
        [
            ("a timing claim", 55.4, "fails", "timing"),
            ("rate matches", 1.0, "holds", "integration"),
        ],
    )
    _write(
        tmp_path,
        "spike_timing_matters",
        [
            ("sync/async ratio", 5.0, "fails", "timing"),
            ("unit difference", 0.0, "holds", "timing"),
            ("no aspect here", 3.0, "holds", ""),
        ],
    )
    f = scorecard.run(source=tmp_path)
    d = f.data
    row = list(d["aspects"]).index("timing")
    assert d["verdicts"][row] == "fails"
    np.testing.assert_array_equal(d["tallies"][row], [1, 0, 2])
    # the first claim in lecture order with the row's verdict
    assert d["statements"][row] == "a timing claim"
    assert d["values"][row] == "55.4 Hz" and d["sources"][row] == "lif_neuron"
    # a headline claim decides the row and is shown, whatever the majority says
    _write(
        tmp_path,
        "neurons_have_memory",
        [
            ("a side note", 1.0, "holds", "memory"),
            ("another note", 2.0, "holds", "memory"),
            ("the headline", 0.85, "fails", "memory", True),
        ],
    )
    g = scorecard.run(source=tmp_path).data
    row = list(g["aspects"]).index("memory")
    assert g["verdicts"][row] == "fails" and g["statements"][row] == "the headline"
    np.testing.assert_array_equal(g["tallies"][row], [2, 0, 1])
    untouched = list(d["aspects"]).index("memory")
    assert d["verdicts"][untouched] == "none"
    assert "neurons_have_memory" in f.settings["comparisons_missing"]
    timing = next(c for c in f.claims if c.aspect == "timing")
    assert timing.value == pytest.approx(100 / 3)
    fig = scorecard.plot(f)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "a timing claim" in texts and "55.4 Hz" in texts


def test_pipeline_runs_it_last_on_this_runs_output(tmp_path):
    from neurosim.pipeline import generate

    outcomes = generate(
        ["lif_neuron", "scorecard"], out=tmp_path, quick=True, jobs=1, progress=None
    )
    assert all(o.ok for o in outcomes)
    record = json.loads((tmp_path / "scorecard.json").read_text())
    lif = json.loads((tmp_path / "lif_neuron.json").read_text())
    # the timing row is made of lif_neuron's timing claims, read from its JSON record
    timing = [c for c in lif["claims"] if c["aspect"] == "timing"]
    row = next(c for c in record["claims"] if c["aspect"] == "timing")
    share = 100 * sum(c["verdict"] == "holds" for c in timing) / len(timing)
    assert row["value"] == pytest.approx(share)
    assert record["settings"]["comparisons_read"] == ["lif_neuron"]
