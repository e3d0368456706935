"""scorecard: one row per aspect, showing and decided by the comparisons' key claims."""

import json
from pathlib import Path

import pytest

from neurosim.comparisons import scorecard
from neurosim.contract import ASPECTS, Findings, Rule, combine_seeds
from neurosim.contract.module import check_module

ROOT = Path(__file__).resolve().parents[2]
AT_LEAST_5 = Rule.at_least(5, partly=2, reason="test rule", below="too few")


def _record(name, claims, seeds=(0,)):
    """A comparison's record over ``seeds``: claims (statement, value(seed), aspect, key, about)."""
    records = []
    for seed in seeds:
        f = Findings(name, f"{name}?")
        for statement, value, aspect, key, about in claims:
            v = value(seed) if callable(value) else value
            f.claim(
                statement,
                v,
                "Hz",
                rule=AT_LEAST_5,
                aspect=aspect,
                key=key,
                about=about,
                label=statement,
            )
        records.append(f.to_dict())
    return combine_seeds(records, list(seeds))


def _write(folder, name, record):
    (Path(folder) / f"{name}.json").write_text(json.dumps(record))


@pytest.mark.parametrize(
    "verdicts, expected",
    [
        # hand-worked: holds only if every key claim holds, fails only if every one fails
        (["holds"], "holds"),
        (["partly"], "partly"),
        (["fails"], "fails"),
        (["holds", "holds", "holds"], "holds"),
        (["holds", "partly"], "partly"),
        (["holds", "fails"], "partly"),  # opposite directions are never averaged away
        (["partly", "fails"], "partly"),
        (["fails", "fails", "fails", "fails"], "fails"),
        (["holds", "unstable"], "holds"),  # the unstable one is shown, not counted
        (["unstable", "unstable"], "unstable"),
        ([], "not measured"),
    ],
)
def test_row_verdict(verdicts, expected):
    assert scorecard.row_verdict(verdicts) == expected


def test_row_rule_gives_the_same_verdict_as_its_score():
    # the scorecard's own claims are judged by ROW_RULE from the mean score
    for verdicts, expected in ((["holds", "holds"], "holds"), (["fails"] * 100, "fails")):
        assert scorecard.ROW_RULE.verdict(scorecard._score(verdicts)) == expected
    # the smallest score of a mix of up to 100 key claims is still partly
    assert scorecard.ROW_RULE.verdict(scorecard._score(["partly"] + ["fails"] * 99)) == "partly"


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
    i = list(findings.data.aspect).index(aspect)
    chips = [
        (str(st), str(t))
        for r, st, t in zip(
            findings.data.chip_row, findings.data.chip_state, findings.data.chip_text
        )
        if r == i
    ]
    return {
        "verdict": str(findings.data.verdict[i]),
        "n_claims": int(findings.data.n_claims[i]),
        "chips": chips,
    }


def test_rows_follow_the_aspects_in_order(card):
    assert list(card.data.aspect) == list(ASPECTS)
    assert list(card.data.label) == list(ASPECTS.values())


def test_every_key_claim_is_shown_with_its_mean_and_unit(card):
    integration = _row(card, "integration")
    # values 10..14 all >= 5: holds; the mean 12 Hz is what the row shows
    assert integration["verdict"] == "holds"
    assert integration["chips"] == [("holds", "rate is a function of the current: 12 Hz")]
    assert integration["n_claims"] == 2  # the side note is counted in the gallery only
    nonlinearity = _row(card, "nonlinearity")
    # 3 Hz is between 2 and 5: partly, and the row says which way it breaks
    assert nonlinearity["verdict"] == "partly"
    assert nonlinearity["chips"] == [
        ("partly", "below rheobase the output is zero: 3 Hz (too few)")
    ]


def test_an_unstable_key_claim_is_shown_and_not_counted(card):
    timing = _row(card, "timing")
    assert timing["verdict"] == "unstable"
    assert timing["chips"] == [("unstable", "sync over async output: 4 Hz (seeds disagree)")]


def test_rows_without_key_claims_or_measurement_are_shown_as_such(card):
    assert _row(card, "cost")["verdict"] == "no key claim"
    for aspect in ("signal transmission", "learning", "receptive fields"):
        assert _row(card, aspect)["verdict"] == "not measured"
    # the claim about one model alone is not counted, even marked as key
    memory = _row(card, "memory")
    assert memory["verdict"] == "not measured" and memory["n_claims"] == 0
    assert "learning_rules" in card.settings["comparisons_missing"]
    assert "lif_neuron" in card.settings["comparisons_read"]


def test_mixed_rows_and_claims_true_by_construction(tmp_path):
    # a row whose key claims break in opposite directions is partly, each direction
    # shown; a key claim true by construction is shown and never counted
    cheap = Rule.between(0.5, 2, reason="r", below="spikes cheaper", above="spikes dearer")
    f = Findings("cost_of_spikes", "?")
    f.claim("rate code", 0.9, "x", rule=cheap, aspect="cost", key=True, label="rate code")
    f.claim("ttfs code", 0.1, "x", rule=cheap, aspect="cost", key=True, label="TTFS code")
    f.claim("poisson", 4.0, "x", rule=cheap, aspect="cost", key=True, label="Poisson input")
    f.claim(
        "linear",
        1.0,
        "",
        rule=cheap,
        aspect="integration",
        key=True,
        label="currents",
        by_construction="a linear membrane",
    )
    _write(tmp_path, "cost_of_spikes", combine_seeds([f.to_dict()], [0]))
    card = scorecard.run(source=tmp_path)
    cost = _row(card, "cost")
    assert cost["verdict"] == "partly"
    assert [c[0] for c in cost["chips"]] == ["holds", "fails", "fails"]
    assert cost["chips"][1][1] == "TTFS code: 0.1 x (spikes cheaper)"
    assert cost["chips"][2][1] == "Poisson input: 4 x (spikes dearer)"
    integration = _row(card, "integration")
    assert integration["verdict"] == "not measured" or integration["verdict"] == "unstable"
    assert integration["chips"] == [("built", "currents: 1 (by construction)")]
    assert [c.aspect for c in card.claims] == ["cost"]  # the built claim scores nothing


def test_own_claims_follow_the_row_rule(card):
    assert [c.aspect for c in card.claims] == ["integration", "nonlinearity"]
    for claim in card.claims:
        assert claim.verdict == _row(card, claim.aspect)["verdict"]
    assert [c.value for c in card.claims] == [100.0, 50.0]
    assert check_module(scorecard) == []


def test_plot_shows_every_row_legibly(card):
    fig = scorecard.plot(card)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "rate is a function of the current: 12 Hz" in texts
    assert "sync over async output: 4 Hz (seeds disagree)" in texts
    assert sum(t == "no comparison has measured this yet" for t in texts) == 7
    assert fig.get_figwidth() >= 16
    # slide size: nothing under 11 pt on the page
    assert min(t.get_fontsize() for t in fig.axes[0].texts) >= 11
    title = next(t for t in texts if t.startswith("A neuron as a logistic unit"))
    assert "holds on 1, partly holds on 1, fails on 0 of 11 aspects" in title
    # the page says how to read it
    legend = " ".join(texts)
    assert "the analogy holds / partly holds / fails" in legend
    assert "fails only if every one fails" in legend
    # no text leaves the page, and no two texts overlap
    _assert_inside_and_apart(fig)


def _assert_inside_and_apart(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts if t.get_text().strip()]
    for b in boxes:
        assert page.x0 - 1 <= b.x0 and b.x1 <= page.x1 + 1, b
        assert page.y0 - 1 <= b.y0 and b.y1 <= page.y1 + 1, b
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            w = min(a.x1, b.x1) - max(a.x0, b.x0)
            h = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert w <= 1 or h <= 1, (a, b)


def test_pipeline_runs_it_last_on_the_seeds_records(tmp_path, monkeypatch):
    from neurosim.contract import registry
    from neurosim.run.pipeline import generate

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
    # fake_steady's key claim holds on every seed; fake_coin's is unstable: no score
    assert rows["integration"]["value"] == 100.0 and "timing" not in rows
