"""What the committed gallery (gallery/*.json) shows a student must be true to its rules.

Every value shown beside a verdict is the value that verdict judged; deterministic
comparisons say so; no check of one model alone fails; the deck built from it shows
whole labels, never a statement cut mid-phrase. These read the committed records:
they fail if the gallery was written by code that broke the display rules.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from neurosim.contract import LABEL_LIMIT, STABLE_FRACTION, Rule, registry

FIGURES = Path(__file__).resolve().parents[1] / "gallery"
RECORDS = {p.stem: json.loads(p.read_text()) for p in sorted(FIGURES.glob("*.json"))}
CLAIMS = [
    pytest.param(name, k, c, id=f"{name}-{k}")
    for name, record in RECORDS.items()
    for k, c in enumerate(record["claims"])
]


def test_every_comparison_is_in_the_gallery():
    assert sorted(RECORDS) == sorted(registry.available())


@pytest.mark.parametrize("name, k, claim", CLAIMS)
def test_the_value_shown_gives_the_verdict_shown(name, k, claim):
    rule = Rule.from_dict(claim["rule"])
    value = math.nan if claim["value"] is None else claim["value"]
    assert rule.verdict(value) == claim["verdict"], (name, claim["label"], value)
    assert rule.direction(value) == claim["direction"]


@pytest.mark.parametrize("name, k, claim", CLAIMS)
def test_the_agreement_shown_counts_the_seeds(name, k, claim):
    values, verdicts = claim["values"], claim["verdicts"]
    if claim["deterministic"]:
        assert claim["interval"] is None
        assert all(v == values[0] for v in values)
        return
    finite = [v for v in values if v is not None]
    if name != "scorecard":
        assert claim["value"] == pytest.approx(sum(finite) / len(finite), rel=1e-12)
    rule = Rule.from_dict(claim["rule"])
    own = [rule.verdict(math.nan if v is None else v) for v in values]
    assert own == verdicts
    agree = sum(v == claim["verdict"] for v in verdicts) / len(verdicts)
    assert claim["stability"] == pytest.approx(agree)
    assert claim["unstable"] is (agree < STABLE_FRACTION)


@pytest.mark.parametrize("name, k, claim", CLAIMS)
def test_every_claim_has_a_short_label(name, k, claim):
    assert 0 < len(claim["label"]) <= LABEL_LIMIT


@pytest.mark.parametrize("name, k, claim", CLAIMS)
def test_no_check_of_one_model_fails(name, k, claim):
    # a check against a reference that fails is a bug to find, not a finding
    if claim["about"] != "analogy":
        assert claim["verdict"] != "fails", (name, claim["label"], claim["value"])


def test_ten_seeds_or_deterministic():
    for name, record in RECORDS.items():
        if name == "scorecard":
            continue
        declared = registry.deterministic(name)
        assert record["deterministic"] is declared, name
        assert len(record["seeds"]) == (1 if declared else 10), name


def test_the_deck_shows_whole_labels(tmp_path):
    pptx = pytest.importorskip("pptx")
    from neurosim.kit.slides import build_slides

    deck = pptx.Presentation(build_slides(FIGURES, tmp_path / "deck.pptx"))
    texts = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    joined = "\n".join(texts)
    assert "…" not in joined and "..." not in joined
    labels = {c["label"] for r in RECORDS.values() for c in r["claims"]}
    # a claim's box: its verdict in words, then "label: value"
    from neurosim.contract import verdict_text

    verdicts = {verdict_text(c) for r in RECORDS.values() for c in r["claims"]}
    shown = [t for t in texts if t.split("\n", 1)[0] in verdicts and "\n" in t]
    assert len(shown) >= len(RECORDS) - 1
    for text in shown:
        body = text.split("\n", 1)[1]
        assert any(body.startswith(f"{label}: ") for label in labels), body
