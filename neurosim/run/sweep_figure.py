"""The sweep's figure: each key claim against the first swept parameter.

:func:`plot_sweep` draws a sweep's JSON record (see :mod:`neurosim.run.sweep`): per claim the
mean over the seeds with its 95 % interval, and the rule's "holds" and "partly" bands
shaded. :func:`_png_bytes` renders it as the figures pipeline does (layout frozen, no
metadata), so the same record gives the same PNG bytes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from neurosim.core.constraints import MappingOf, param_error, validate

#: Panels drawn at most (the first key claims); the table has them all.
MAX_PANELS = 6
HOLDS_COLOR = "#009E73"  # bluish green (Okabe-Ito): not a model colour
PARTLY_COLOR = "#F0E442"  # yellow (Okabe-Ito)


def _plotted_claims(claims: list[dict]) -> list[int]:
    keys = [c["claim"] for c in claims if c.get("key")]
    if not keys:
        keys = [c["claim"] for c in claims if c.get("about", "analogy") == "analogy"]
    if not keys:
        keys = [c["claim"] for c in claims]
    return keys[:MAX_PANELS]


def _axis_label(axis: dict) -> str:
    return f"{axis['name']} ({axis['unit']})" if axis["unit"] else axis["name"]


@validate(record=MappingOf(required=("claims", "swept", "points")))
def plot_sweep(record: Mapping):
    """The sweep figure from a sweep's JSON record: one panel per key claim."""
    import textwrap

    import numpy as np
    from matplotlib.patches import Rectangle

    from neurosim.contract import verdict_words
    from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, THEORY, lecture_style, new_figure

    claims = record["claims"]
    shown = _plotted_claims(claims)
    swept = record["swept"]
    if not swept:
        raise param_error("record", "plot_sweep", "a record of at least one swept parameter", swept)
    x_axis = next((a for a in swept if len(a["values"]) > 1), swept[0])
    xi = swept.index(x_axis)
    others = [a for a in swept if a is not x_axis]
    numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in x_axis["values"])
    xs_all = x_axis["values"]
    positions = np.asarray(xs_all, float) if numeric else np.arange(len(xs_all), dtype=float)
    log_x = numeric and bool(np.all(positions > 0)) and positions.max() / positions.min() >= 10
    colour = {"analogy": THEORY, "artificial": ARTIFICIAL, "spiking": SPIKING}
    n = max(1, len(shown))
    cols = 1 if n == 1 else 2
    rows = math.ceil(n / cols)
    # group the grid points by the other swept parameters: one line per group
    groups: dict[tuple, list[dict]] = {}
    for entry in record["points"]:
        values = list(entry["parameters"].values())
        label = tuple(values[i] for i in range(len(swept)) if i != xi)
        groups.setdefault(label, []).append(entry)
    markers = ("o", "s", "^", "D", "v", "P")
    styles = ("-", "--", ":", "-.")
    with lecture_style():
        fig = new_figure(figsize=(6.4 * cols, 4.2 * rows))
        axes = fig.subplots(rows, cols, squeeze=False).ravel()
        for ax, j in zip(axes, shown, strict=False):
            claim = claims[j]
            lows, highs = [], []
            for g, (label, entries) in enumerate(groups.items()):
                px, mean, low, high = [], [], [], []
                for entry in entries:
                    if not entry["claims"]:
                        continue
                    c = entry["claims"][j]
                    value = entry["parameters"][x_axis["name"]]
                    px.append(positions[xs_all.index(value)])
                    m = np.nan if c["value"] is None else c["value"]
                    interval = c["interval"] or [m, m]
                    mean.append(m)
                    low.append(np.nan if interval[0] is None else interval[0])
                    high.append(np.nan if interval[1] is None else interval[1])
                px, mean, low, high = map(np.asarray, (px, mean, low, high))
                if not px.size:
                    continue
                lows += list(low[np.isfinite(low)]) + list(mean[np.isfinite(mean)])
                highs += list(high[np.isfinite(high)]) + list(mean[np.isfinite(mean)])
                name = ", ".join(
                    f"{a['name']} = {v:g} {a['unit']}".strip()
                    if isinstance(v, int | float)
                    else f"{a['name']} = {v}"
                    for a, v in zip(others, label, strict=True)
                )
                ax.errorbar(
                    px,
                    mean,
                    yerr=[mean - low, high - mean],
                    color=colour.get(claim.get("about"), THEORY),
                    marker=markers[g % len(markers)],
                    linestyle=styles[g % len(styles)],
                    capsize=4,
                    label=name or "mean, 95 % interval over seeds",
                )
            finite = [v for v in lows + highs if math.isfinite(v)]
            if finite:
                lo, hi = min(finite), max(finite)
                span = (hi - lo) or max(abs(hi), 1.0) * 0.1
                rule = claim["rule"]
                finite_edges = [
                    b
                    for pair in (rule["holds"], rule["partly"] or [None, None])
                    for b in pair
                    if b is not None and math.isfinite(b)
                ]
                # the threshold nearest the data always shows (how far from the verdict
                # changing), the others if they do not squash the data
                edges = [b for b in finite_edges if lo - 2 * span <= b <= hi + 2 * span]
                if finite_edges:
                    edges.append(min(finite_edges, key=lambda b: min(abs(b - lo), abs(b - hi))))
                lo, hi = min([lo, *edges]), max([hi, *edges])
                span = (hi - lo) or span
                ax.set_ylim(lo - 0.12 * span, hi + 0.12 * span)
            y0, y1 = ax.get_ylim()
            # the bands in the words of the claim's question (the analogy, or a check)
            words = {
                v: verdict_words(v, claim.get("about", "analogy"))
                for v in ("holds", "partly", "fails")
            }
            for band, tint, text in (
                (claim["rule"]["partly"], PARTLY_COLOR, words["partly"]),
                (claim["rule"]["holds"], HOLDS_COLOR, words["holds"]),
            ):
                if band is None:
                    continue
                b0 = y0 if band[0] is None else max(band[0], y0)
                b1 = y1 if band[1] is None else min(band[1], y1)
                if b1 > b0:
                    ax.axhspan(b0, b1, color=tint, alpha=0.25, lw=0, zorder=0, label=text)
            ax.set_ylim(y0, y1)
            ax.add_patch(  # a legend entry for the unshaded "fails" region
                Rectangle((0, 0), 0, 0, facecolor="white", edgecolor=NEUTRAL, label=words["fails"])
            )
            if log_x:
                ax.set_xscale("log")
            if not numeric:
                ax.set_xticks(positions, [str(v) for v in xs_all])
            else:
                ax.set_xticks(positions, [f"{v:g}" for v in xs_all])
                ax.minorticks_off()
            ax.set_xlabel(_axis_label(x_axis))
            ax.set_ylabel(claim["unit"] or "value")
            title = claim.get("label") or claim["statement"]
            ax.set_title("\n".join(textwrap.wrap(title, 44)), fontsize="medium")
            handles, labels = ax.get_legend_handles_labels()
            bands = (words["holds"], words["partly"], words["fails"])
            order = [i for i, t in enumerate(labels) if t not in bands] + [
                labels.index(t) for t in bands if t in labels
            ]
            ax.legend(
                [handles[i] for i in order],
                [labels[i] for i in order],
                fontsize="small",
                loc="best",
            )
        for ax in axes[len(shown) :]:
            ax.set_visible(False)
        n_seeds = len(record["seeds"])
        fig.suptitle(
            f"{record['name']}: claims against {x_axis['name']} "
            f"({n_seeds} seed{'s' if n_seeds > 1 else ''}"
            f"{', quick' if record['quick'] else ''})"
        )
    return fig


def _png_bytes(fig) -> bytes:
    """PNG bytes without metadata, layout frozen as the figures pipeline does it."""
    from neurosim.plotting.style import freeze_layout, png_bytes
    from neurosim.run.tasks import PNG_DPI

    freeze_layout(fig, PNG_DPI)
    return png_bytes(fig, PNG_DPI)
