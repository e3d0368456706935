"""The closing scorecard: where the analogy between a logistic unit and a neuron holds.

Every comparison records its claims with a verdict (holds, partly, fails) and the aspect
of the analogy it measures. The scorecard reads those records — the JSON files the
figure pipeline writes next to each figure, never copies of their numbers — and gives
one row per aspect: the verdict most of its headline claims reach (those the comparisons
mark ``key=True``; all its claims if none is marked), the tally of every claim, and the
claim that shows that verdict best — a comparison's headline claim (``key=True``) first, else the
first measured one in lecture order — with its value and the comparison it comes from. Run after the other comparisons (``neurosim figures`` does this), it
stays true when they change.
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path

import numpy as np

from neurosim.findings import Findings, format_value
from neurosim.plotting import CLASS_COLORS, NEUTRAL, lecture_style

NAME = "scorecard"
QUESTION = (
    "Where does the analogy between a logistic unit and a real neuron hold, and where does it fail?"
)
#: the pipeline runs this comparison after all the others and passes their output folder
AFTER_OTHERS = True

#: The aspects of the analogy, in the order of the lecture, with their row labels.
ASPECTS = (
    ("integration", "adds up weighted inputs"),
    ("nonlinearity", "squashes them"),
    ("output code", "answers with a number"),
    ("timing", "ignores input timing"),
    ("single-neuron capacity", "one unit, one line"),
    ("memory", "has no memory"),
    ("variability", "always answers the same"),
    ("learning", "learns by backprop"),
    ("cost", "costs a fixed number of operations"),
)
VERDICT_ORDER = ("holds", "partly", "fails")
MARK = {"holds": "✓", "partly": "~", "fails": "✗", "none": "?"}
MARK_COLOR = {
    "holds": CLASS_COLORS[1],
    "partly": CLASS_COLORS[2],
    "fails": CLASS_COLORS[0],
    "none": NEUTRAL,
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


def aspect_verdict(verdicts) -> str:
    """The verdict most claims reach; a tie between different verdicts is "partly"."""
    if not verdicts:
        return "none"
    counts = Counter(verdicts).most_common()
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        return "partly"
    return counts[0][0]


def run(*, quick: bool = False, seed: int = 0, source=None) -> Findings:
    """Gather every other comparison's claims (from ``source``, default ``figures/``)."""
    from comparisons import ORDER

    source = Path("figures") if source is None else Path(source)
    others = [n for n in ORDER if n != NAME]
    records = load_records(source, others)
    findings = Findings(
        NAME,
        QUESTION,
        settings={
            "quick": quick,
            "seed": seed,
            "source": str(source),
            "comparisons_read": list(records),
            "comparisons_missing": [n for n in others if n not in records],
        },
    )
    rows = []
    for aspect, label in ASPECTS:
        claims = [
            (name, c)
            for name, rec in records.items()
            for c in rec.get("claims", [])
            if c.get("aspect") == aspect
        ]
        verdicts = [c["verdict"] for _, c in claims]
        # the row's verdict: what the comparisons' headline claims say (all claims if
        # none is marked); the tally still counts every claim
        headline = [c["verdict"] for _, c in claims if c.get("key")]
        verdict = aspect_verdict(headline or verdicts)
        tally = [verdicts.count(v) for v in VERDICT_ORDER]
        # shown: the comparisons' headline claims with the row's verdict first, then any
        # measured claim with that verdict, in lecture order
        matching = [(n, c) for n, c in claims if c["verdict"] == verdict]
        ranked = sorted(
            matching,
            key=lambda nc: (not nc[1].get("key", False), nc[1].get("value") is None),
        )
        key = (ranked or claims or [None])[0]
        rows.append(
            {
                "aspect": aspect,
                "label": label,
                "verdict": verdict,
                "tally": tally,
                "statement": key[1]["statement"] if key else "no measurement yet",
                "value": format_value(key[1].get("value"), key[1].get("unit", "")) if key else "",
                "source": key[0] if key else "",
            }
        )
        if claims:
            findings.claim(
                f"{aspect}: share of {len(claims)} measured claims where the analogy holds",
                100 * tally[0] / len(claims),
                "%",
                verdict,
                aspect=aspect,
            )
    d = findings.data
    d["aspects"] = np.array([r["aspect"] for r in rows])
    d["labels"] = np.array([r["label"] for r in rows])
    d["verdicts"] = np.array([r["verdict"] for r in rows])
    d["tallies"] = np.array([r["tally"] for r in rows], dtype=int)
    d["statements"] = np.array([r["statement"] for r in rows])
    d["values"] = np.array([r["value"] for r in rows])
    d["sources"] = np.array([r["source"] for r in rows])
    return findings


def plot(findings: Findings):
    """One row per aspect: the verdict mark, the tally, the key measurement and its source."""
    import matplotlib.pyplot as plt

    d = findings.data
    n = len(d["aspects"])
    with lecture_style():
        fig = plt.figure(figsize=(17, 1.05 * n + 1.6), layout="none")
        ax = fig.add_axes([0.01, 0.02, 0.98, 0.9])
        ax.set_xlim(0, 1)
        ax.set_ylim(n - 0.5, -0.9)
        ax.axis("off")
        header = {
            "x": (0.0, 0.26, 0.32, 0.42, 0.86),
            "text": ("a logistic unit ...", "neuron?", "claims", "key measurement", "from"),
        }
        for x, text in zip(header["x"], header["text"]):
            ax.text(x, -0.75, text, fontsize=13, fontweight="bold", color=NEUTRAL, va="center")
        for i in range(n):
            verdict = str(d["verdicts"][i])
            if i % 2 == 0:
                ax.axhspan(i - 0.5, i + 0.5, color="#F2F2F2", lw=0, zorder=0)
            ax.text(0.0, i, str(d["labels"][i]), fontsize=14, va="center")
            ax.text(
                0.275,
                i,
                MARK[verdict],
                fontsize=24,
                fontweight="bold",
                va="center",
                ha="center",
                color=MARK_COLOR[verdict],
            )
            tally = d["tallies"][i]
            ax.text(
                0.32,
                i,
                f"✓{tally[0]}  ~{tally[1]}  ✗{tally[2]}",
                fontsize=11,
                va="center",
                color=NEUTRAL,
            )
            statement = textwrap.fill(str(d["statements"][i]), 62)
            ax.text(0.42, i, statement, fontsize=10.5, va="center", linespacing=1.1)
            ax.text(0.76, i, str(d["values"][i]), fontsize=13, fontweight="bold", va="center")
            ax.text(
                0.86,
                i,
                str(d["sources"][i]).replace("_", " "),
                fontsize=10.5,
                va="center",
                color=NEUTRAL,
            )
        counts = Counter(str(v) for v in d["verdicts"])
        fig.suptitle(
            f"The neuron as a logistic unit: holds on {counts.get('holds', 0)}, partly on "
            f"{counts.get('partly', 0)}, fails on {counts.get('fails', 0)} of {n} aspects",
            fontsize=17,
            fontweight="bold",
            y=0.97,
        )
        missing = findings.settings.get("comparisons_missing", [])
        if missing:
            fig.text(0.01, 0.005, "not yet run: " + ", ".join(missing), fontsize=9, color=NEUTRAL)
    return fig
