"""Sphinx configuration of neurosim's documentation site.

Build it from the project's folder (after ``pip install -e ".[docs]"``)::

    python -m sphinx -b html docs/site build/site

The notebooks are executed once and their outputs cached in ``build/.jupyter_cache``;
``-D nb_execution_mode=off`` skips running them (the test does). The site loads nothing
from the network when it is built or read: MathJax is copied from an installed package,
the theme's icons and fonts are its own files, and nothing fetches a version list or
counts visitors.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: the project's folder: gallery/, notebooks/ and docs/ are read from here; neurosim
#: itself is imported from wherever it is installed
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE / "_ext"))

project = "neurosim"
author = "neurosim developers"
copyright = "neurosim developers, MIT licence"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "neurosim_site",
]
neurosim_root = str(ROOT)

exclude_patterns = ["_ext", "_includes", "**/.ipynb_checkpoints", "conf.py"]
templates_path: list[str] = []
root_doc = "index"
# quotes stay as the records and docstrings write them (no typographic rewriting)
smartquotes = False
# docstrings' numpy-style types ("array (n, n_inputs)") name fields that several classes
# have: Sphinx cannot pick one and says so for each; the text still reads right
suppress_warnings = ["mystnb.unknown_mime_type", "ref.python"]

# Markdown (MyST)
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath", "amsmath"]
myst_heading_anchors = 3

# notebooks: the jupytext percent scripts, executed once and cached
nb_custom_formats = {".py": ["jupytext.reads", {"fmt": "py:percent"}]}
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "build" / ".jupyter_cache")
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_execution_show_tb = True
# widgets would load require.js and the widget manager from a CDN: none are shown
nb_ipywidgets_js: dict = {}

# API reference from the docstrings (numpy style)
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True}
napoleon_google_docstring = False
napoleon_numpy_docstring = True

# MathJax 2 from the jupyter-server-mathjax package, copied into _static/mathjax by the
# neurosim_site extension (a relative path is read from _static)
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
# that package's MathJax has the STIX-Web fonts only (as woff files beside MathJax.js):
# use them and never ask for any other font
mathjax2_config = {
    "tex2jax": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
        "processEscapes": True,
    },
    "HTML-CSS": {
        "availableFonts": [],
        "preferredFont": None,
        "webFont": "STIX-Web",
        "imageFont": None,
    },
    "SVG": {"font": "STIX-Web"},
    "MathMenu": {"showFontMenu": False},
}
# myst would add a MathJax 3/4 configuration block; MathJax 2 reads the one above
myst_update_mathjax = False

# HTML: the pydata theme with everything that would reach the network switched off
html_theme = "pydata_sphinx_theme"
html_title = "neurosim"
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "navbar_end": ["theme-switcher"],
    "icon_links": [],
    "use_edit_page_button": False,
    "show_version_warning_banner": False,
    "check_switcher": False,
    "analytics": {},
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
    "footer_end": [],
    "secondary_sidebar_items": ["page-toc"],
}
html_sidebars = {"index": []}
