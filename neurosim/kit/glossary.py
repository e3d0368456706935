"""The glossary: every abbreviation and term the figures, claims and slides use.

One source, ``neurosim/data/glossary.toml``; :func:`terms` reads it, :func:`markdown`
renders it (``docs/glossary.md`` is that text, checked by the tests), and the slide deck
ends with it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from neurosim.core.constraints import TEXT, validate

__all__ = ["Term", "markdown", "terms"]


@validate(name=TEXT, definition=TEXT, source=TEXT)
@dataclass(frozen=True)
class Term:
    """One glossary entry: the term, one or two sentences, and where it comes from."""

    name: str
    definition: str
    source: str


def terms() -> list[Term]:
    """Every entry, in the file's order (the order a lecture meets them)."""
    text = resources.files("neurosim").joinpath("data/glossary.toml").read_text("utf-8")
    return [Term(t["name"], t["definition"], t["source"]) for t in tomllib.loads(text)["term"]]


def markdown() -> str:
    """The glossary as a Markdown page (``docs/glossary.md``)."""
    lines = [
        "# Glossary",
        "",
        "Every abbreviation and term that neurosim's figures, claims and slides use, with",
        "its source. Generated from `neurosim/data/glossary.toml` by",
        "`python -c \"import neurosim.kit.glossary as g; print(g.markdown(), end='')\"`.",
        "",
    ]
    for term in terms():
        lines += [f"**{term.name}**: {term.definition} _({term.source})_", ""]
    return "\n".join(lines)
