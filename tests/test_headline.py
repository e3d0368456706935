"""A figure's title is shown as written only while the claims it rests on bear it out.

The references are hand-worked: each rule, value and expected title below is written out
by hand from the rule's definition (holds inside the interval, partly inside the second,
below or above on the side the value lies), not produced by the code under test.
"""

from __future__ import annotations

import math

import pytest

from neurosim.contract import Findings, Rule, headline
from neurosim.contract.module import check_figure, finish
from neurosim.contract.reading import NOT_BORNE_OUT, NOT_MEASURED
from neurosim.plotting import new_figure

TITLE = "Conductances shunt: together less than the sum"


def _flat(text: str) -> str:
    """The title as one line, no-break spaces as spaces (what a reader reads)."""
    return " ".join(text.replace("\u00a0", " ").split())


def _claims(gain: float, accuracy: float = 97.0) -> list:
    findings = Findings("x", "Why?")
    # holds in [0.95, 1.05], partly in [0.5, 1.2]: 0.74 is partly and below the interval
    findings.claim(
        "s",
        gain,
        "",
        rule=Rule.between(0.95, 1.05, partly=(0.5, 1.2), reason="r", below="b", above="a"),
        aspect="integration",
        label="summation gain",
    )
    findings.claim(
        "s",
        accuracy,
        "%",
        rule=Rule.at_least(95.0, reason="r"),
        about="artificial",
        label="accuracy",
    )
    return findings.claims


@pytest.mark.parametrize(
    "wanted",
    ["below", "partly", ["holds", "partly"], ["above", "below"]],
)
def test_a_title_borne_out_is_shown_as_written(wanted):
    claims = _claims(0.74)
    assert headline(TITLE, claims, {"summation gain": wanted, "accuracy": "holds"}) == TITLE


def test_no_claim_named_leaves_the_title_alone():
    assert headline(TITLE, _claims(0.74), {}) == TITLE


def test_a_title_not_borne_out_says_so_and_what_was_measured():
    # 1.0 lies inside [0.95, 1.05]: it holds, it is not below; 90 % is under 95 %.
    # Wrapped by hand at 46 characters, the written title's length; a value keeps its
    # unit and a bound its sign on one line (no-break spaces, shown here as "~")
    out = headline(TITLE, _claims(1.0, 90.0), {"summation gain": "below", "accuracy": "holds"})
    assert out.replace("\u00a0", "~") == (
        "Not in this run: Conductances shunt: together\n"
        "less than the sum\n"
        "(summation gain: 1; the title needs <~0.95;\n"
        "accuracy: 90~%; the title needs >=~95~%)"
    )


def test_each_outcome_is_what_the_rule_says_of_the_value():
    cases = {  # value: the outcomes it meets, worked out from the rule by hand
        math.nan: {"not reached"},
        1.0: {"holds"},
        0.74: {"partly", "below"},
        1.1: {"partly", "above"},
        0.2: {"fails", "below"},
        2.0: {"fails", "above"},
    }
    for value, met in cases.items():
        for outcome in ("holds", "partly", "fails", "below", "above", "not reached"):
            shown = headline(TITLE, _claims(value), {"summation gain": outcome})
            assert (shown == TITLE) == (outcome in met), (value, outcome)


def test_a_claim_not_made_never_bears_a_title_out_one_not_reached_only_if_so_stated():
    out = headline(TITLE, _claims(0.74), {"no such claim": "holds"})
    assert out.startswith(NOT_BORNE_OUT) and NOT_MEASURED in " ".join(out.split())
    # NaN fails its rule, but a title that states "fails" or "below" is not borne out by
    # a value never reached; one that states it is never reached is
    out = headline(TITLE, _claims(math.nan), {"summation gain": ["fails", "below"]})
    assert out.startswith(NOT_BORNE_OUT) and "summation gain: not reached" in out
    assert headline(TITLE, _claims(math.nan), {"summation gain": "not reached"}) == TITLE
    out = headline(TITLE, _claims(0.74), {"summation gain": ["above", "not reached"]})
    assert _flat(out).endswith("the title needs > 1.05 or no value)")


def test_holds_or_partly_is_one_interval_where_the_two_touch():
    # at_most(1.57, partly=3.16): holds <= 1.57, partly 1.57 to 3.16, together <= 3.16
    findings = Findings("x", "Why?")
    rule = Rule.at_most(1.57, partly=3.16, reason="r")
    findings.claim("s", 3.93, "%", rule=rule, about="spiking", label="misfit")
    out = headline(TITLE, findings.claims, {"misfit": ["holds", "partly"]})
    assert _flat(out).endswith("(misfit: 3.93 %; the title needs <= 3.16 %)")
    # between(0.95, 1.05, partly=(0.5, 1.2)): the partly interval holds the other
    out = headline(TITLE, _claims(2.0), {"summation gain": ["holds", "partly"]})
    assert _flat(out).endswith("(summation gain: 2; the title needs 0.5 to 1.2)")


def test_a_flagged_title_is_wrapped_at_the_written_titles_longest_line():
    title = "A first line that is rather long\nand a second"
    out = headline(title, _claims(1.0), {"summation gain": "below"})
    assert max(len(line) for line in out.splitlines()) <= len("A first line that is rather long")
    assert out.splitlines()[0].startswith(NOT_BORNE_OUT.strip())


def test_an_unknown_outcome_is_refused_by_name():
    with pytest.raises(ValueError, match="rests_on.*'holds', 'partly', 'fails', 'below'"):
        headline(TITLE, _claims(1.0), {"summation gain": "hold"})


def test_finish_titles_the_figure_and_notes_its_run():
    findings = Findings("x", "Why?", claims=_claims(1.0), settings={"seed": 3})
    fig = finish(new_figure(), findings, TITLE, {"summation gain": "holds"}, fontsize=16)
    assert fig.get_suptitle() == TITLE and "seed 3" in fig.get_supxlabel()
    assert check_figure(fig, findings) == []


def test_check_figure_finds_a_title_resting_on_a_claim_the_run_did_not_make():
    findings = Findings("x", "Why?", claims=_claims(1.0), settings={"seed": 0})
    fig = finish(new_figure(), findings, TITLE, {"sumation gain": "holds"})
    assert any("did not make" in p for p in check_figure(fig, findings))
