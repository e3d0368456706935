"""``neurosim show NAME``: one comparison on a page of text, to look up before changing it.

The question; every declared parameter with its unit, default, quick value and allowed
range (what ``--set NAME.PARAM=VALUE`` accepts); and, from the record a figures folder
holds, every claim with its verdict in plain words, the measured value, the rule that
judged it and the rule's reason. Nothing is simulated.
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

from neurosim.contract import registry
from neurosim.contract.reading import (
    READING_GUIDE,
    agreement_text,
    measured_text,
    short_label,
    verdict_text,
)
from neurosim.contract.rule import Rule
from neurosim.core.constraints import TEXT, InstanceOf, ListOf, validate

__all__ = ["describe", "find_record"]

WIDTH = 88
_FOLDER = InstanceOf(str, os.PathLike, text="a folder path")


def _value(parameter, value) -> str:
    if parameter.kind == "choice":
        return repr(value)
    unit = f" {parameter.unit}" if parameter.unit else ""
    return f"{value:g}{unit}" if parameter.kind == "float" else f"{value}{unit}"


@validate(name=TEXT, folders=ListOf(_FOLDER, min_len=0))
def find_record(name: str, folders) -> Path | None:
    """The first ``FOLDER/NAME.json`` that exists, in the order given, or None."""
    for folder in folders:
        path = Path(folder) / f"{name}.json"
        if path.is_file():
            return path
    return None


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


@validate(name=TEXT, folders=ListOf(_FOLDER, min_len=0))
def describe(name: str, folders=("figures", "gallery")) -> str:
    """The page ``neurosim show NAME`` prints (see the module's docstring).

    ``folders`` are searched in order for the comparison's last record (``NAME.json``,
    written by ``neurosim figures``); without one, the page says how to make it.
    """
    module = registry.load(name)
    lines = [f"{name}: {registry.question(name)}", ""]
    parameters = tuple(getattr(module, "PARAMETERS", ()))
    if parameters:
        lines.append(f"Parameters (change one with --set {name}.NAME=VALUE):")
        width = max(len(p.name) for p in parameters)
        for p in parameters:
            quick = "" if p.quick is None else f", quick {_value(p, p.quick)}"
            lines.append(
                f"  {p.name:<{width}}  default {_value(p, p.default)}{quick}; "
                f"allowed {p.describe_range()}"
            )
            lines.append(_wrap(p.help, " " * (width + 4)))
    else:
        lines.append("No parameters to change.")
    lines.append("")
    record_path = find_record(name, list(folders))
    if record_path is None:
        searched = ", ".join(f"{Path(f)}/" for f in folders) or "no folder"
        lines.append(
            f"No record of its claims in {searched}. Run 'neurosim figures {name}' to measure them."
        )
        return "\n".join(lines) + "\n"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    seeds = record.get("seeds") or [record.get("seed", 0)]
    run = "deterministic, run once" if record.get("deterministic") else f"{len(seeds)} seed(s)"
    quick = ", quick settings" if record.get("quick") else ""
    changed = record.get("settings", {}).get("changed") or []
    changed_text = f", changed: {', '.join(map(str, changed))}" if changed else ""
    lines.append(f"Claims in {record_path} ({run}{quick}{changed_text}):")
    for claim in record.get("claims", []):
        agreement = "" if record.get("deterministic") else agreement_text(claim)
        lines.append(
            f"- {short_label(claim)}: {measured_text(claim)}"
            + (f" ({agreement})" if agreement else "")
        )
        lines.append(f"    {verdict_text(claim)}")
        rule = Rule.from_dict(claim["rule"])
        lines.append(_wrap(f"rule: {rule.text(claim.get('unit', ''))}", "    "))
        lines.append(_wrap(f"why: {rule.reason}", "    "))
        lines.append(_wrap(f"measured: {claim.get('statement', '')}", "    "))
    lines.append("")
    lines.append("How to read a verdict:")
    for term, meaning in READING_GUIDE:
        lines.append(_wrap(f"{term}: {meaning}", "  "))
    return "\n".join(lines) + "\n"
