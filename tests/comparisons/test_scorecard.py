"""scorecard: one row per aspect, decided by the comparisons' headline (key) claims."""

import json
from pathlib import Path

import pytest

from comparisons import scorecard
from neurosim.comparison import check_module
from neurosim.findings import ASPECTS, Findings, Rule, combine_seeds

ROOT = Path(__file__).resolve().parents[2]
AT_LEAST_5 = Rule.at_least(5, partly=2, reason="test rule")


def _record(name, claims, seeds=(0,)):
    """A comparison's record over ``seeds``: claims (statement, value(seed), aspect, key, about)."""
    records = []
    for seed in seeds:
        f = Findings(name, f"{name}?")
        for statement, value, aspect, key, about in claims:
            v = value(seed) if callable(value) else value
            f.claim(statement, v, "Hz", rule=AT_LEAST_5, aspect=aspect, key=key, about=about)
        records.append(f.to_dict())
    return combine_seeds(records, list(seeds))


def _write(folder, name, record):
    (Path(folder) / f"{name}.json").write_text(json.dumps(record))


@pytest.mark.parametrize(
    "verdicts, expected",
    [
        # hand-worked: one headline gives its verdict; averages 75 -> holds, 50/25 -> partly
        (["holds"], "holds"),
        (["partly"], "partly"),
        (["fails"], "fails"),
        (["holds", "partly"], "holds"),
        (["holds", "fails"], "partly"),
        (["partly", "fails"], "partly"),
        (["holds", "fails", "fails"], "partly"),
        (["fails", "fails", "partly", "fails"], "fails"),
        (["holds", "unstable"], "unstable"),
        ([], "not measured"),
    ],
)
def test_row_verdict(verdicts, expected):
    assert scorecard.row_verdict(verdicts) == expected


@pytest.fixture(scope="module")
def card(tmp_path_factory):
    folder = tmp_path_factory.mktemp("records")
    seeds = (0, 1, 2, 3, 4)
    _write(
        folder,
        "lif_neuron",
        _record(
            "lif_neuron",
            [
                (
                    "rate is a function of the current",
                    lambda s: 10.0 + s,
                    "integration",
                    True,
                    "analogy",
                ),
                ("below rheobase the output is zero", 3.0, "nonlinearity", True, "analogy"),
                ("a side note on integration", 1.0, "integration", False, "analogy"),
                ("f-I curve against its closed form", 1.0, None, False, "spiking"),
            ],
            seeds,
        ),
    )
    _write(
        folder,
        "spike_timing_matters",
        _record(
            "spike_timing_matters",
            # holds on odd seeds only: 2 of 5 -> unstable
            [("sync over async output", lambda s: 10.0 * (s % 2), "timing", True, "analogy")],
            seeds,
        ),
    )
    _write(
        folder,
        "cost_of_spikes",
        _record("cost_of_spikes", [("energy per answer", 9.0, "cost", False, "analogy")], seeds),
    )
    # a record claiming a model-alone headline for memory: never counted
    memory = _record("neurons_have_memory", [("x", 9.0, "memory", True, "analogy")])
    memory["claims"][0].update(about="artificial", verdict="fails")
    _write(folder, "neurons_have_memory", memory)
    return scorecard.run(source=folder)


def _row(findings, aspect):
    i = list(findings.data["aspect"]).index(aspect)
    return {k: v[i] for k, v in findings.data.items()}


def test_rows_follow_the_aspects_in_order(card):
    assert list(card.data["aspect"]) == list(ASPECTS)
    assert list(card.data["label"]) == list(ASPECTS.values())


def test_headline_claims_decide_the_rows(card):
    integration = _row(card, "integration")
    # values 10..14 all >= 5: holds on 5 of 5 seeds; mean 12, t-interval 12 -/+ 2.776*1.58/2.236
    assert integration["verdict"] == "holds"
    assert integration["statement"] == "rate is a function of the current"
    assert integration["value"] == "12 Hz [10, 14]"
    assert integration["agree"] == "5/5 seeds agree"
    assert integration["source"] == "lif_neuron"
    assert list(integration["tally"]) == [1, 0, 1, 0]  # the side note (1 Hz) fails
    nonlinearity = _row(card, "nonlinearity")
    assert nonlinearity["verdict"] == "partly"  # 3 Hz: between 2 and 5
    timing = _row(card, "timing")
    assert timing["verdict"] == "unstable" and timing["agree"] == "3/5 seeds agree"
    assert list(timing["tally"]) == [0, 0, 0, 1]


def test_rows_without_headline_or_measurement_are_shown_as_such(card):
    assert _row(card, "cost")["verdict"] == "no headline"
    assert "none marked as the headline" in _row(card, "cost")["statement"]
    for aspect in ("signal transmission", "learning", "receptive fields"):
        assert _row(card, aspect)["verdict"] == "not measured"
    # the claim about one model alone is not counted, even marked as a headline
    memory = _row(card, "memory")
    assert memory["verdict"] == "not measured" and list(memory["tally"]) == [0, 0, 0, 0]
    assert "learning_rules" in card.settings["comparisons_missing"]
    assert "lif_neuron" in card.settings["comparisons_read"]


def test_own_claims_follow_the_row_rule(card):
    assert [c.aspect for c in card.claims] == ["integration", "nonlinearity"]
    for claim in card.claims:
        assert claim.verdict == claim.rule.verdict(claim.value)
        assert claim.verdict == _row(card, claim.aspect)["verdict"]
    assert [c.value for c in card.claims] == [100.0, 50.0]
    assert check_module(scorecard) == []


def test_plot_shows_every_row_legibly(card):
    fig = scorecard.plot(card)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "rate is a function of the current" in texts
    assert "12 Hz [10, 14]\n5/5 seeds agree" in texts
    assert any(t.startswith("UNSTABLE: sync over async") for t in texts)
    assert sum(t.startswith("NOT MEASURED") for t in texts) == 7
    assert fig.get_figwidth() >= 16
    # slide size: nothing under 12 pt in the table
    assert min(t.get_fontsize() for t in fig.axes[0].texts) >= 12
    assert "holds on 1, partly on 1, fails on 0 of 11 aspects" in fig._suptitle.get_text()


def test_pipeline_runs_it_last_on_the_seeds_records(tmp_path, monkeypatch):
    from neurosim import registry
    from neurosim.pipeline import generate

    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv(registry.PACKAGE_ENV, "tests.fake_comparisons")
    outcomes = generate(
        ["scorecard", "fake_steady", "fake_coin"],
        out=tmp_path,
        seeds=range(5),
        jobs=1,
        progress=None,
    )
    assert all(o.ok for o in outcomes)
    record = json.loads((tmp_path / "scorecard.json").read_text())
    assert record["settings"]["comparisons_read"] == ["fake_steady", "fake_coin"]
    rows = {c["aspect"]: c for c in record["claims"]}
    # fake_steady's headline holds on every seed; fake_coin's is unstable: no score
    assert rows["integration"]["value"] == 100.0 and "timing" not in rows
