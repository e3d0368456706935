"""Sphinx extension for neurosim's documentation site: the pages made from the repository.

On ``builder-inited`` it writes, into folders of ``docs/site/`` that git ignores (never
into the committed ``gallery/``):

- ``gallery/NAME.md``: one page per committed record ``gallery/NAME.json``, in lecture
  order (the registry's ``ORDER``), with the question, the figure, the shared reading
  guide, the claims with their rules and reasons, the declared parameters and the
  command that reproduces it; and ``gallery/index.md``, the list of them;
- ``_includes/reading_guide.md``: how to read a verdict (``READING_GUIDE``), shown once on
  every gallery page and on the home page;
- ``notebooks/NAME.py``: each ``notebooks/NAME.py`` as the site shows it (see
  :func:`site_notebook`), read by myst-nb through jupytext;
- ``api/NAME.md``: one autodoc page per public package.

On ``include-read`` it gives every glossary term an anchor (``term-ann``) and turns the
repository-relative links of the included documents into links that work in the site.
On ``build-finished`` it copies MathJax from the ``jupyter-server-mathjax`` package into
the build, so that no page loads anything from the network.

Everything is written only when its text changed, through a temporary file and a
rename, so that a rebuild with the same repository rewrites nothing and Sphinx's
incremental build and myst-nb's cache keep working. The same input gives the same pages.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from neurosim.contract import (
    READING_GUIDE,
    Rule,
    agreement_text,
    measured_text,
    registry,
    short_label,
)
from neurosim.contract import verdict_text as _verdict_text
from neurosim.kit import glossary
from neurosim.kit.notebooks import exercise_text, solution_text

#: Where the generated pages go, relative to the site's source folder (each git-ignored).
GENERATED = {"gallery": "gallery", "notebooks": "notebooks", "api": "api", "includes": "_includes"}
#: The public packages documented in the API reference: (page, modules on it).
API = (
    ("artificial", ("neurosim.artificial",)),
    ("spiking", ("neurosim.spiking",)),
    ("stimuli", ("neurosim.stimuli",)),
    ("bridge", ("neurosim.bridge",)),
    ("vision", ("neurosim.vision",)),
    ("datasets", ("neurosim.datasets",)),
    ("units", ("neurosim.units",)),
    (
        "contract",
        (
            "neurosim.contract",
            "neurosim.contract.parameters",
            "neurosim.contract.module",
            "neurosim.contract.registry",
        ),
    ),
    (
        "run",
        (
            "neurosim.run",
            "neurosim.run.pipeline",
            "neurosim.run.gallery",
            "neurosim.run.sweep",
            "neurosim.run.executors",
        ),
    ),
    (
        "kit",
        (
            "neurosim.kit",
            "neurosim.kit.show",
            "neurosim.kit.explorer",
            "neurosim.kit.notebooks",
            "neurosim.kit.glossary",
            "neurosim.kit.slides",
        ),
    ),
    ("plotting", ("neurosim.plotting",)),
)

_PUNCTUATION = set("\\`*_{}[]<>$|#~^&!+")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_TERM = re.compile(r"^\*\*(?P<name>[^*]+)\*\*: ", re.MULTILINE)


# --------------------------------------------------------------------------- helpers


def escape(text) -> str:
    """``text`` as literal Markdown: every character MyST could read as markup escaped."""
    out = []
    for char in " ".join(str(text).split()):
        out.append("\\" + char if char in _PUNCTUATION else char)
    return "".join(out)


def term_anchor(name: str) -> str:
    """The anchor of a glossary term: ``"f-I curve"`` -> ``"term-f-i-curve"``."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename, if it differs."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == raw:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Delete generated files in ``folder`` that this build did not write."""
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and path.name not in keep:
                path.unlink()


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _glossary_terms(text: str) -> list[glossary.Term]:
    """The glossary terms that ``text`` mentions (abbreviations by case, words without)."""
    found = []
    for term in glossary.terms():
        for name in (n.strip() for n in term.name.split("/")):
            flags = 0 if name.isupper() else re.IGNORECASE
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags):
                found.append(term)
                break
    return found


# --------------------------------------------------------------------------- gallery


def reading_guide() -> str:
    """The shared box: how to read a verdict (``READING_GUIDE``)."""
    lines = [":::{admonition} How to read a verdict", ":class: tip reading-guide", ""]
    for term, meaning in READING_GUIDE:
        lines += [f"{escape(term)}", f": {escape(meaning)}", ""]
    lines += [
        "Every term is in the {doc}`glossary </glossary>`.",
        ":::",
        "",
    ]
    return "\n".join(lines)


def _run_text(record: dict) -> str:
    quality = "quick settings" if record.get("quick") else "full quality"
    if record.get("deterministic"):
        return f"{quality}; deterministic (no random input): run once"
    seeds = record.get("seeds") or [record.get("seed", 0)]
    if len(seeds) == 1:
        return f"{quality}; seed {seeds[0]}"
    if list(seeds) == list(range(seeds[0], seeds[0] + len(seeds))):
        return f"{quality}; {len(seeds)} seeds ({seeds[0]}-{seeds[-1]})"
    return f"{quality}; {len(seeds)} seeds ({', '.join(map(str, seeds))})"


def _claims_table(record: dict) -> list[str]:
    claims = record.get("claims") or []
    if not claims:
        return ["This record holds no claims."]
    lines = [
        "```{list-table}",
        ":header-rows: 1",
        ":widths: 27 13 13 18 29",
        ":class: claims-table",
        "",
        "* - claim",
        "  - measured: mean [95 % interval]",
        "  - seeds",
        "  - verdict",
        "  - rule, and why",
    ]
    for claim in claims:
        about = claim.get("about", "analogy")
        whose = "" if about == "analogy" else f" *({escape(about)} model alone)*"
        rule = Rule.from_dict(claim["rule"])
        verdict = escape(_verdict_text(claim))
        if claim.get("unstable"):
            verdict = f"**{verdict}**"
        lines += [
            f"* - **{escape(short_label(claim))}**{whose}",
            "",
            f"    {escape(claim.get('statement', ''))}",
            f"  - {escape(measured_text(claim))}",
            f"  - {escape(agreement_text(claim) or '1 seed')}",
            f"  - {verdict}",
            f"  - {escape(rule.text(claim.get('unit', '')))}",
            "",
            f"    *Why:* {escape(rule.reason)}",
        ]
    lines.append("```")
    return lines


def _parameters_table(name: str) -> list[str]:
    module = registry.load(name)
    parameters = tuple(getattr(module, "PARAMETERS", ()))
    if not parameters:
        return ["This comparison declares no parameters to change."]
    lines = [
        f"Change one with `--set {name}.PARAM=VALUE` "
        f"(e.g. `--set {name}.{parameters[0].name}=...`), or with a slider in "
        f'`neurosim.explore("{name}")`.',
        "",
        "```{list-table}",
        ":header-rows: 1",
        ":class: parameters-table",
        "",
        "* - parameter",
        "  - unit",
        "  - default",
        "  - quick value",
        "  - allowed range",
        "  - meaning",
    ]
    for p in parameters:
        default = repr(p.default) if p.kind == "choice" else _number(p.default)
        quick = "as default" if p.quick is None else _number(p.quick)
        if p.kind == "choice" and p.quick is not None:
            quick = repr(p.quick)
        lines += [
            f"* - `{p.name}`",
            f"  - {escape(p.unit or '–')}",
            f"  - {escape(default)}",
            f"  - {escape(quick)}",
            f"  - {escape(p.describe_range())}",
            f"  - {escape(p.help)}",
        ]
    lines.append("```")
    return lines


def gallery_page(name: str, number: int, record: dict) -> str:
    """One comparison's page (MyST Markdown), from its committed record."""
    question = record.get("question") or registry.question(name)
    settings = record.get("settings") or {}
    lines = [
        # the page gives the right-hand column's width to the figure and the claims
        "---",
        "html_theme.sidebar_secondary.remove: true",
        "---",
        "",
        f"(gallery-{name})=",
        f"# {number}. {escape(question)}",
        "",
        f"Comparison `{name}` · {escape(_run_text(record))}.",
        "",
        f"```{{figure}} {name}.png",
        f":alt: The figure of {name}: {escape(question)}",
        ":width: 100%",
        f":name: figure-{name}",
        "",
        "The figure is drawn from one run (its footer says which); the claims below are "
        "measured over every seed listed.",
        "```",
        "",
        "```{include} ../_includes/reading_guide.md",
        "```",
        "",
        "## Claims",
        "",
        *_claims_table(record),
        "",
        "## Parameters",
        "",
        *_parameters_table(name),
        "",
    ]
    described = [
        (key, value)
        for key, value in settings.items()
        if isinstance(value, str | int | float)
        and not isinstance(value, bool)
        and key not in ("seed", "source")
    ]
    if described:
        lines += ["## Settings of this run", "", ":::{container} run-settings", ""]
        for key, value in described:
            lines += [f"`{key}`", f": {escape(_number(value))}", ""]
        lines += [":::", ""]
    lines += [
        "## Reproduce it",
        "",
        "The committed record and figure come from (run from the project's folder):",
        "",
        "```bash",
        f"neurosim figures {name} --seeds 10 --out gallery",
        "```",
        "",
        f"`neurosim figures {name} --quick` gives a quick look in `figures/` (which git "
        f"ignores); `neurosim show {name}` prints the parameters and the last record's "
        "claims without running anything.",
        "",
    ]
    if registry.runs_after_others(name):
        lines[-1:-1] = [
            "",
            "It reads the other comparisons' records in the same folder, so run it after "
            "them (`neurosim figures --seeds 10 --out gallery` runs them all, this one last).",
        ]
    text = " ".join(
        [question]
        + [f"{c.get('label', '')} {c.get('statement', '')}" for c in record.get("claims", [])]
    )
    terms = _glossary_terms(text)
    if terms:
        links = ", ".join(f"{{ref}}`{escape(t.name)} <{term_anchor(t.name)}>`" for t in terms)
        lines += ["## Terms on this page", "", links + ".", ""]
    return "\n".join(lines)


def gallery_index(entries: list[tuple[int, str, dict]]) -> str:
    """The gallery's contents page: every comparison in lecture order."""
    lines = [
        "# Gallery",
        "",
        "One page per comparison of the committed gallery (`gallery/`, every claim "
        "measured over 10 seeds), in the order of the lecture: what deep learning does, "
        "what a neuron does, where the analogy holds, where it fails, and the scorecard.",
        "",
        "```{include} ../_includes/reading_guide.md",
        "```",
        "",
        "```{list-table}",
        ":header-rows: 1",
        ":widths: 5 30 50 15",
        "",
        "* - \\#",
        "  - comparison",
        "  - the question it answers",
        "  - claims",
    ]
    for number, name, record in entries:
        claims = record.get("claims") or []
        lines += [
            f"* - {number}",
            f"  - {{doc}}`{name} <{name}>`",
            f"  - {escape(record.get('question', ''))}",
            f"  - {len(claims)}",
        ]
    lines += ["```", "", "```{toctree}", ":hidden:", ""]
    lines += [name for _, name, _ in entries]
    lines += ["```", ""]
    return "\n".join(lines)


def write_gallery(srcdir: Path, gallery: Path) -> list[str]:
    """Write the gallery's pages and figures; return the comparisons' names in order."""
    if not gallery.is_dir():
        raise FileNotFoundError(
            f"The site's 'neurosim_gallery' folder must hold the committed records: {gallery}"
        )
    order = list(importlib.import_module(registry.package_name()).ORDER)
    stems = sorted(p.stem for p in gallery.glob("*.json"))
    names = [n for n in order if n in stems] + [n for n in stems if n not in order]
    out = srcdir / GENERATED["gallery"]
    entries = []
    written = {"index.md"}
    for number, name in enumerate(names, start=1):
        record = json.loads((gallery / f"{name}.json").read_text(encoding="utf-8"))
        figure = gallery / f"{name}.png"
        if not figure.is_file():
            raise FileNotFoundError(f"The record {name}.json has no figure {figure}")
        write_if_changed(out / f"{name}.png", figure.read_bytes())
        write_if_changed(out / f"{name}.md", gallery_page(name, number, record))
        written |= {f"{name}.png", f"{name}.md"}
        entries.append((number, name, record))
    write_if_changed(out / "index.md", gallery_index(entries))
    _remove_stale(out, written)
    return names


# --------------------------------------------------------------------------- notebooks

_SETUP = (
    "# the site runs every notebook from the project's folder, where gallery/ is\n"
    "import os\n"
    "\n"
    'os.chdir(os.environ.get("NEUROSIM_SITE_ROOT", os.getcwd()))'
)


def site_notebook(text: str, name: str):
    """A notebook source as the site shows it (an ``nbformat`` notebook).

    Every cell with an exercise appears twice: first as the student gets it (the
    exercise's hint, tagged ``raises-exception`` so that a hint raised at run time is
    shown, not fatal), then the solution, labelled as such, its code folded behind a
    "Show the solution" toggle. Executed in that order, every later cell runs on the
    solution, so the page shows the figures a finished exercise gives.
    """
    import jupytext
    import nbformat

    exercise = jupytext.reads(exercise_text(text, name), fmt="py:percent")
    solution = jupytext.reads(solution_text(text, name), fmt="py:percent")
    if len(exercise.cells) != len(solution.cells):
        raise ValueError(
            f"The notebook source {name!r} splits into {len(exercise.cells)} exercise cells "
            f"and {len(solution.cells)} solution cells; they must match cell for cell."
        )
    setup = nbformat.v4.new_code_cell(_SETUP, metadata={"tags": ["remove-cell"]})
    cells = [setup]
    for ex, sol in zip(exercise.cells, solution.cells):
        if ex.source == sol.source:
            cells.append(sol)
            continue
        ex.metadata.setdefault("tags", []).append("raises-exception")
        cells.append(
            nbformat.v4.new_markdown_cell("**Exercise** (what the student's notebook holds):")
        )
        cells.append(ex)
        cells.append(nbformat.v4.new_markdown_cell("**Solution:**"))
        sol.metadata.setdefault("tags", []).append("hide-input")
        sol.metadata["mystnb"] = {
            "code_prompt_show": "Show the solution",
            "code_prompt_hide": "Hide the solution",
        }
        cells.append(sol)
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    return notebook


def write_notebooks(srcdir: Path, source: Path) -> list[str]:
    """Write each notebook source as the site shows it (jupytext percent text)."""
    import jupytext

    out = srcdir / GENERATED["notebooks"]
    names = []
    for path in sorted(source.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "# %%" not in text:
            continue
        notebook = site_notebook(text, path.stem)
        write_if_changed(out / path.name, jupytext.writes(notebook, fmt="py:percent"))
        names.append(path.stem)
    _remove_stale(out, {f"{n}.py" for n in names})
    lines = [
        "# Notebooks",
        "",
        "The lecture walkthrough and the student exercises (`notebooks/` in the project, "
        "kept as jupytext scripts; `neurosim notebooks` builds the exercise and solution "
        "`.ipynb` files a student opens in Jupyter).",
        "",
        "Each exercise is shown twice here: first as the student's notebook holds it (a "
        "function that raises `NotImplementedError` with a hint), then the solution, "
        'folded behind a "Show the solution" toggle. The outputs under the cells come '
        "from running the solutions.",
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        *names,
        "```",
        "",
    ]
    write_if_changed(out / "index.md", "\n".join(lines))
    return names


# --------------------------------------------------------------------------- API


def api_page(title: str, modules: tuple[str, ...]) -> str:
    """One package's reference page: each module's docstring and its public members."""
    lines = [f"# `neurosim.{title}`", ""]
    for i, module in enumerate(modules):
        if i:
            lines += [f"## `{module}`", ""]
        lines += [
            "```{eval-rst}",
            f".. automodule:: {module}",
            "   :members:",
            "   :show-inheritance:",
            "```",
            "",
        ]
    return "\n".join(lines)


def write_api(srcdir: Path) -> None:
    out = srcdir / GENERATED["api"]
    for title, modules in API:
        write_if_changed(out / f"{title}.md", api_page(title, modules))
    _remove_stale(out, {f"{title}.md" for title, _ in API})


# --------------------------------------------------------------------------- Sphinx hooks


def _on_builder_inited(app) -> None:
    srcdir = Path(app.srcdir)
    root = Path(app.config.neurosim_root)
    write_if_changed(srcdir / GENERATED["includes"] / "reading_guide.md", reading_guide())
    write_gallery(srcdir, root / "gallery")
    write_notebooks(srcdir, root / "notebooks")
    write_api(srcdir)
    # the notebooks' hidden first cell moves the kernel here (where gallery/ is)
    os.environ["NEUROSIM_SITE_ROOT"] = str(root)


def rewrite_included(text: str, path: Path, root: Path) -> str:
    """An included repository document made to work in the site.

    A link to another repository file becomes a link to its site page where it has
    one (the glossary, the architecture), else the file's path as code (the site does
    not hold the repository); every glossary term gets its anchor.
    """
    pages = {
        (root / "docs" / "glossary.md").resolve(): "/glossary",
        (root / "docs" / "architecture.md").resolve(): "/architecture",
    }

    def link(match: re.Match) -> str:
        label, target = match.group(1), match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            return match.group(0)
        file = target.partition("#")[0]
        resolved = (path.parent / file).resolve()
        if resolved in pages:
            return f"{{doc}}`{label} <{pages[resolved]}>`"
        shown = resolved.relative_to(root) if resolved.is_relative_to(root) else file
        return f"{label} (`{shown}`)"

    text = _LINK.sub(link, text)
    if path.resolve() == (root / "docs" / "glossary.md").resolve():
        text = _TERM.sub(lambda m: f"({term_anchor(m.group('name'))})=\n{m.group(0)}", text)
    return text


def _on_include_read(app, relative_path, parent_docname, content) -> None:
    root = Path(app.config.neurosim_root).resolve()
    path = (Path(app.srcdir) / relative_path).resolve()
    if path.is_relative_to(root / "docs") and not path.is_relative_to(Path(app.srcdir)):
        content[0] = rewrite_included(content[0], path, root)


def mathjax_folder() -> Path:
    """MathJax 2's files, as the ``jupyter-server-mathjax`` package ships them."""
    try:
        import jupyter_server_mathjax
    except ImportError as err:
        raise ImportError(
            "The site ships MathJax from the jupyter-server-mathjax package: "
            'pip install -e ".[docs]"'
        ) from err
    folder = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (folder / "MathJax.js").is_file():
        raise FileNotFoundError(f"No MathJax.js in {folder}")
    return folder


def _on_build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    if (target / "MathJax.js").is_file():
        return
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".mathjax."))
    try:
        shutil.copytree(mathjax_folder(), tmp / "mathjax")
        os.replace(tmp / "mathjax", target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def skip_foreign(app, what, name, obj, skip, options):
    """Document neurosim's own classes and functions only, not the Brian2 or matplotlib
    objects a package re-exports or inherits (their docstrings use those projects' own
    Sphinx roles, and they are documented there)."""
    module = getattr(obj, "__module__", None)
    if isinstance(module, str) and (callable(obj) or isinstance(obj, type)):
        if not module.startswith("neurosim"):
            return True
    return None


def setup(app):
    app.add_config_value("neurosim_root", "", "env", types=[str])
    app.connect("builder-inited", _on_builder_inited)
    app.connect("include-read", _on_include_read)
    app.connect("build-finished", _on_build_finished)
    app.connect("autodoc-skip-member", skip_foreign)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
