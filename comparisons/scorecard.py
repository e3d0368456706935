"""The closing scorecard: where the analogy between a logistic unit and a neuron holds.

Every comparison records its claims, each with a verdict computed from a declared rule,
the aspect of the analogy it bears on and whether it is the comparison's headline for
that aspect (``key=True``). The scorecard reads those records — the JSON files the figure
pipeline writes next to each figure, never copies of their numbers — and gives one row
per aspect of :data:`neurosim.findings.ASPECTS`, in that order:

* the row's verdict comes from the headline claims alone. One headline: its verdict.
  Several: each scored holds 100, partly 50, fails 0 and averaged; the average holds
  from 75, partly from 25 (:data:`ROW_RULE`).
* a headline claim whose verdict is "unstable" (its seeds disagree, see
  :func:`neurosim.findings.combine_seeds`) makes the row "unstable": it counts neither way.
* a row with no claim is "not measured"; one with claims but no headline is "no
  headline": both are shown, greyed, with a "?".
* claims about one model alone (``about`` "artificial" or "spiking") are never counted.

The row shows the headline measurement: its statement, its value (over several seeds:
the mean, its 95 % interval and how many seeds agree) and the comparison it comes from.
Run after the other comparisons (``neurosim figures`` does this), it stays true when
they change.
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path

import numpy as np

from neurosim import registry
from neurosim.comparison import begin
from neurosim.findings import ASPECTS, VERDICTS, Findings, Rule
from neurosim.gallery import measured_text, stability_text
from neurosim.plotting import CLASS_COLORS, NEUTRAL, lecture_style, new_figure

NAME = "scorecard"
QUESTION = (
    "Where does the analogy between a logistic unit and a real neuron hold, and where does it fail?"
)
PARAMETERS = ()
COST = 1.0
#: the pipeline runs this comparison after all the others and passes their output folder
AFTER_OTHERS = True

#: How a headline verdict scores when several comparisons mark one aspect.
SCORE = dict(zip(VERDICTS, (100.0, 50.0, 0.0)))
#: A row's verdict from its headline claims' average score.
ROW_RULE = Rule.at_least(
    75,
    partly=25,
    reason="one headline gives its own verdict (100, 50, 0); of two, holds+partly holds, "
    "holds+fails and partly+fails are partly, the midpoints between the verdicts' scores",
)
#: Row states besides the three verdicts.
UNSTABLE, NO_KEY, MISSING = "unstable", "no headline", "not measured"
MARK = {**dict(zip(VERDICTS, "✓~✗")), UNSTABLE: "⚠", NO_KEY: "?", MISSING: "?"}
#: holds green, partly orange, fails pink (not the two model colours)
MARK_COLOR = {
    **dict(zip(VERDICTS, (CLASS_COLORS[1], CLASS_COLORS[2], CLASS_COLORS[0]))),
    UNSTABLE: NEUTRAL,
    NO_KEY: NEUTRAL,
    MISSING: NEUTRAL,
}


def load_records(source, names):
    """The JSON records of the named comparisons found in ``source`` (name -> record)."""
    records = {}
    for name in names:
        path = Path(source) / f"{name}.json"
        try:
            with open(path, encoding="utf-8") as fh:
                records[name] = json.load(fh)
        except (OSError, ValueError):
            continue
    return records


def row_verdict(verdicts) -> str:
    """The row's verdict from its headline claims' verdicts (see the module docstring)."""
    verdicts = list(verdicts)
    if not verdicts:
        return MISSING
    if any(v not in SCORE for v in verdicts):
        return UNSTABLE
    return ROW_RULE.verdict(float(np.mean([SCORE[v] for v in verdicts])))


def _rows(records: dict) -> list[dict]:
    rows = []
    for aspect, label in ASPECTS.items():
        claims = [
            (name, c)
            for name, rec in records.items()
            for c in rec.get("claims", [])
            if c.get("aspect") == aspect and c.get("about", "analogy") == "analogy"
        ]
        keys = [(n, c) for n, c in claims if c.get("key")]
        verdicts = [c.get("verdict") for _, c in claims]
        tally = [verdicts.count(v) for v in (*VERDICTS, UNSTABLE)]
        if not claims:
            state, shown = MISSING, None
        elif not keys:
            state, shown = NO_KEY, None
        else:
            state = row_verdict(c.get("verdict") for _, c in keys)
            shown = next((nc for nc in keys if nc[1].get("verdict") == state), keys[0])
        row = {
            "aspect": aspect,
            "label": label,
            "verdict": state,
            "tally": tally,
            "statement": "",
            "value": "",
            "agree": "",
            "source": "",
            "score": float("nan"),
        }
        if shown is not None:
            name, c = shown
            several = len(c.get("values") or []) > 1
            row.update(
                statement=c.get("statement", ""),
                value=measured_text(c),
                agree=f"{stability_text(c)} seeds agree" if several else "",
                source=name,
            )
            if state != UNSTABLE:
                row["score"] = float(np.mean([SCORE[c.get("verdict")] for _, c in keys]))
        elif claims:
            row["statement"] = (
                f"{len(claims)} measured claim(s), none marked as the headline (key=True)"
            )
        else:
            row["statement"] = "no comparison has measured this yet"
        rows.append(row)
    return rows


def run(*, quick: bool = False, seed: int = 0, source=None, **params) -> Findings:
    """Gather every other comparison's claims (from ``source``, default ``figures/``)."""
    source = Path("figures") if source is None else Path(source)
    findings, _ = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed)
    others = [n for n in registry.available() if n != NAME]
    records = load_records(source, others)
    findings.settings.update(
        source=str(source),
        comparisons_read=list(records),
        comparisons_missing=[n for n in others if n not in records],
    )
    rows = _rows(records)
    for row in rows:
        if np.isfinite(row["score"]):
            findings.claim(
                f"{row['aspect']}: the comparisons' headline verdicts on this aspect, scored "
                "holds 100, partly 50, fails 0 and averaged",
                row["score"],
                "%",
                rule=ROW_RULE,
                aspect=row["aspect"],
            )
    findings.data = {
        key: np.array([r[key] for r in rows])
        for key in ("aspect", "label", "verdict", "statement", "value", "agree", "source")
    }
    findings.data["tally"] = np.array([r["tally"] for r in rows], dtype=int)
    return findings


def plot(findings: Findings):
    """One row per aspect: the verdict mark, the headline measurement, its value and source."""
    d = findings.data
    n = len(d["aspect"])
    with lecture_style():
        fig = new_figure(figsize=(16, 0.8 * n + 1.4), layout="none")
        ax = fig.add_axes([0.01, 0.05, 0.98, 0.84])
        ax.set_xlim(0, 1)
        ax.set_ylim(n - 0.5, -0.9)
        ax.axis("off")
        columns = (
            (0.0, "a logistic unit ..."),
            (0.302, "neuron?"),
            (0.335, "headline measurement"),
            (0.69, "value"),
            (0.86, "from"),
        )
        for x, text in columns:
            ax.text(
                x,
                -0.8,
                text,
                fontsize=15,
                fontweight="bold",
                color=NEUTRAL,
                va="center",
                ha="center" if text == "neuron?" else "left",
            )
        for i in range(n):
            verdict = str(d["verdict"][i])
            grey = verdict in (MISSING, NO_KEY, UNSTABLE)
            ink = NEUTRAL if grey else "black"
            if i % 2 == 0:
                ax.axhspan(i - 0.5, i + 0.5, color="#F2F2F2", lw=0, zorder=0)
            ax.text(0.0, i, str(d["label"][i]), fontsize=17, va="center", color=ink)
            ax.text(
                0.302,
                i,
                MARK[verdict],
                fontsize=28,
                fontweight="bold",
                va="center",
                ha="center",
                color=MARK_COLOR[verdict],
            )
            statement = str(d["statement"][i])
            if grey:
                statement = f"{verdict.upper()}: {statement}"
            wrapped = "\n".join(textwrap.wrap(statement, 50, max_lines=3, placeholder=" ..."))
            ax.text(0.335, i, wrapped, fontsize=13.5, va="center", linespacing=1.1, color=ink)
            value = str(d["value"][i])
            if str(d["agree"][i]):
                value += "\n" + str(d["agree"][i])
            ax.text(0.69, i, value, fontsize=14, fontweight="bold", va="center", color=ink)
            source = textwrap.fill(str(d["source"][i]).replace("_", " "), 18)
            ax.text(0.86, i, source, fontsize=12.5, va="center", color=NEUTRAL)
        counts = Counter(str(v) for v in d["verdict"])
        tallies = ", ".join(f"{v} on {counts.get(v, 0)}" for v in VERDICTS)
        title = f"The neuron as a logistic unit: {tallies} of {n} aspects"
        rest = [f"{counts[s]} {s}" for s in (UNSTABLE, NO_KEY, MISSING) if counts.get(s)]
        fig.suptitle(title, fontsize=20, fontweight="bold", y=0.985)
        if rest:
            fig.text(
                0.5, 0.915, "(" + ", ".join(rest) + ")", fontsize=14, ha="center", color=NEUTRAL
            )
        missing = findings.settings.get("comparisons_missing", [])
        if missing:
            note = textwrap.fill("not yet run: " + ", ".join(missing), 190)
            fig.text(0.01, 0.005, note, fontsize=11, color=NEUTRAL, va="bottom")
    return fig
