"""The documentation site (docs/site) builds, and every page a reader opens works offline.

The site is built once for the module, into a temporary folder, with the notebooks not
executed (``-D nb_execution_mode=off``: their pages still exist, without outputs). Then:
a page per committed gallery record and per notebook; each gallery page shows its figure
and every claim of its record; every image and internal link (anchors included)
resolves; no page or stylesheet loads anything from the network; the API reference
documents the public names. The checkers are tested on small pages made here, so a
check that can no longer fail is noticed.

The build imports neurosim from wherever it is installed (it runs in a temporary
folder) and reads gallery/, notebooks/ and docs/ from the repository.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "docs" / "site"
GALLERY = ROOT / "gallery"
NOTEBOOKS = ROOT / "notebooks"

#: A tag attribute that makes the browser fetch something when the page opens (an <a
#: href> is only followed when clicked: external links are fine).
_LOADS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "link": ("href",),  # stylesheets, icons, preloads, fonts
}
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*(?:https?:)?//""", re.IGNORECASE)


class _Page(HTMLParser):
    """The ids, links, images and loaded resources of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.images: list[tuple[str, str]] = []  # (src, alt)
        self.loads: list[tuple[str, str]] = []  # (tag, url)
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append((attrs.get("src") or "", attrs.get("alt") or ""))
        for attr in _LOADS.get(tag, ()):
            value = attrs.get(attr)
            if value:
                urls = (
                    [part.split()[0] for part in value.split(",")] if "srcset" in attr else [value]
                )
                self.loads += [(tag, url) for url in urls if url]
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)
        self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def page_text(page: _Page) -> str:
    return " ".join(" ".join(page.text).split())


def broken_references(out: Path) -> list[str]:
    """Every <img src> and internal <a href> of the HTML under ``out`` that leads nowhere:
    a missing file, or an anchor with no such id in its page."""
    pages = {path: parse(path) for path in out.rglob("*.html")}
    problems = []
    for path, page in pages.items():
        here = path.relative_to(out)
        targets = [("href", h) for h in page.links] + [("src", s) for s, _ in page.images]
        for kind, url in targets:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or not url:
                continue  # an external link (allowed) or mailto:, javascript:
            file = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{here}: {kind} {url!r}: no file {file}")
                continue
            anchor = unquote(parts.fragment)
            if kind == "href" and anchor and file.suffix == ".html":
                ids = pages[file].ids if file in pages else parse(file).ids
                if anchor not in ids:
                    problems.append(f"{here}: href {url!r}: no id {anchor!r} in {file.name}")
    return problems


def remote_resources(out: Path) -> list[str]:
    """Everything a built page or stylesheet would fetch from the network."""
    problems = []
    for path in out.rglob("*.html"):
        page = parse(path)
        here = path.relative_to(out)
        problems += [
            f"{here}: <{tag}> loads {url}" for tag, url in page.loads if _REMOTE.match(url)
        ]
        problems += [
            f"{here}: style loads {m.group(0)}"
            for s in page.styles
            for m in _CSS_REMOTE.finditer(s)
        ]
    for path in out.rglob("*.css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        problems += [f"{path.relative_to(out)}: {m.group(0)}" for m in _CSS_REMOTE.finditer(text)]
    return problems


# --------------------------------------------------------------------------- the build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built once with the notebooks not executed: (folder, warnings, seconds)."""
    for module in (
        "sphinx",
        "myst_nb",
        "pydata_sphinx_theme",
        "jupytext",
        "jupyter_server_mathjax",
    ):
        try:
            __import__(module)
        except ImportError as err:  # the test extra installs the docs extra
            raise ImportError(f'The site\'s test needs {module}: pip install -e ".[docs]"') from err
    work = tmp_path_factory.mktemp("site")
    out = work / "html"
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", PYTHONWARNINGS="ignore")
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-D",
        "nb_execution_mode=off",
        "-d",
        str(work / "doctrees"),
        str(SITE),
        str(out),
    ]
    start = time.perf_counter()
    # run in the temporary folder: neurosim comes from the installed package, never from
    # the current folder
    result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - start
    assert result.returncode == 0, f"the site did not build:\n{result.stdout}\n{result.stderr}"
    print(f"site built in {seconds:.1f} s")
    return out, result.stderr, seconds


def records():
    return sorted(p.stem for p in GALLERY.glob("*.json"))


def test_a_page_per_gallery_record_and_notebook(site):
    out, _, _ = site
    assert records(), "no committed gallery records"
    missing = [n for n in records() if not (out / "gallery" / f"{n}.html").is_file()]
    assert not missing, f"gallery records without a page: {missing}"
    notebooks = sorted(p.stem for p in NOTEBOOKS.glob("*.py") if "# %%" in p.read_text("utf-8"))
    assert notebooks
    missing = [n for n in notebooks if not (out / "notebooks" / f"{n}.html").is_file()]
    assert not missing, f"notebooks without a page: {missing}"
    for page in ("index", "glossary", "architecture", "adding_a_comparison", "api"):
        assert (out / f"{page}.html").is_file(), page


def test_gallery_pages_show_their_figure_and_every_claim(site):
    out, _, _ = site
    for name in records():
        path = out / "gallery" / f"{name}.html"
        page = parse(path)
        record = json.loads((GALLERY / f"{name}.json").read_text("utf-8"))
        figures = [
            (src, alt)
            for src, alt in page.images
            if Path(unquote(src)).name.startswith(name) and name in alt
        ]
        assert figures, f"{name}: no figure with alt text naming it"
        shown = (path.parent / unquote(figures[0][0])).resolve()
        assert shown.read_bytes() == (GALLERY / f"{name}.png").read_bytes(), name
        text = html.unescape(page_text(page))
        assert record["question"] in text, f"{name}: question missing"
        for claim in record["claims"]:
            label = claim.get("label") or claim["statement"]
            assert " ".join(label.split()) in text, f"{name}: claim {label!r} missing"
            reason = " ".join(claim["rule"]["reason"].split())
            assert reason in text, f"{name}: the reason of {label!r} missing"
        assert f"neurosim figures {name} --seeds 10 --out gallery" in text, name
        assert "How to read a verdict" in text, name


def test_gallery_follows_the_lecture_order(site):
    from neurosim.comparisons import ORDER

    out, _, _ = site
    linked = [Path(urlsplit(h).path).stem for h in parse(out / "gallery" / "index.html").links]
    pages = list(dict.fromkeys(n for n in linked if n in records()))
    expected = [n for n in ORDER if n in records()]
    assert pages == expected + [n for n in records() if n not in ORDER]


def test_every_image_and_internal_link_resolves(site):
    out, _, _ = site
    problems = broken_references(out)
    assert not problems, "\n".join(problems[:30])


def test_no_page_loads_anything_from_the_network(site):
    out, _, _ = site
    problems = remote_resources(out)
    assert not problems, "\n".join(problems[:30])
    mathjax = out / "_static" / "mathjax" / "MathJax.js"
    assert mathjax.is_file(), "MathJax is not shipped with the site"


def test_api_reference_documents_public_names(site):
    out, _, _ = site
    expected = {
        "artificial": ["LogisticUnit", "DeepNetwork"],
        "spiking": ["LIFParameters", "simulate", "lif_rate"],
        "bridge": ["convert"],
        "contract": ["Claim", "Rule", "measured_text"],
        "kit": ["describe"],
    }
    for page, names in expected.items():
        text = page_text(parse(out / "api" / f"{page}.html"))
        missing = [n for n in names if n not in text]
        assert not missing, f"api/{page}: {missing}"


def test_site_pages_build_without_warnings(site):
    """The site's own pages warn about nothing (docstrings' warnings are the code's)."""
    _, warnings, _ = site
    own = [
        line
        for line in warnings.splitlines()
        if ("WARNING" in line or "ERROR" in line)
        and str(SITE) in line
        and f"{SITE}{os.sep}api{os.sep}" not in line
    ]
    assert not own, "\n".join(own)


def test_glossary_terms_have_anchors(site):
    from neurosim.kit.glossary import terms

    out, _, _ = site
    ids = parse(out / "glossary.html").ids
    names = [t.name for t in terms()]
    anchors = ["term-" + re.sub(r"[^a-z0-9]+", "-", n.lower()).strip("-") for n in names]
    missing = [n for n, a in zip(names, anchors) if a not in ids]
    assert not missing, missing


# --------------------------------------------------------------------------- the checkers


def _write(folder: Path, name: str, body: str) -> None:
    (folder / name).write_text(f"<html><head></head><body>{body}</body></html>", "utf-8")


def test_checkers_find_what_they_look_for(tmp_path):
    """Each check fails on a page made to break it, and passes on a good one."""
    (tmp_path / "fig.png").write_bytes(b"png")
    _write(
        tmp_path,
        "a.html",
        '<h1 id="top">A</h1><a href="b.html#here">b</a><a href="https://example.org">out</a>'
        '<img src="fig.png" alt="f">',
    )
    _write(tmp_path, "b.html", '<p id="here">B</p><a href="a.html">a</a>')
    (tmp_path / "s.css").write_text("body { color: black }", "utf-8")
    assert broken_references(tmp_path) == []
    assert remote_resources(tmp_path) == []

    _write(tmp_path, "c.html", '<a href="b.html#nowhere">x</a><img src="none.png" alt="">')
    problems = broken_references(tmp_path)
    assert any("no id 'nowhere'" in p for p in problems), problems
    assert any("none.png" in p for p in problems), problems

    _write(
        tmp_path,
        "d.html",
        '<script src="https://cdn.example.org/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.org/css">'
        '<div style="background: url(https://example.org/i.png)"></div>',
    )
    (tmp_path / "t.css").write_text("@import 'https://fonts.example.org/f.css';", "utf-8")
    found = "\n".join(remote_resources(tmp_path))
    for what in ("cdn.example.org", "//fonts.example.org/css", "url(https://", "@import"):
        assert what in found, (what, found)
