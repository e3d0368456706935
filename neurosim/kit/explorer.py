"""``explore(name)``: a comparison's parameters as sliders, its figure and claims live.

In a Jupyter notebook (optional extra: ``pip install -e ".[notebook]"`` in a checkout)::

    from neurosim import explore
    explore("lif_neuron")

shows one control per declared parameter (``PARAMETERS``: a slider with its unit and
range, a checkbox, or a menu), the comparison's figure and its claims table: the
measured value, the rule that judges it, the verdict, and which verdicts changed from
the defaults. Releasing a control re-runs the comparison at quick settings (plus the
comparison's ``EXPLORE`` overrides, which keep an update within a few seconds) and
redraws. :class:`Explorer` does the same work without widgets, for scripts and tests.
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from neurosim.contract import READING_GUIDE, Findings, format_interval, registry, verdict_text
from neurosim.contract.parameters import Parameter
from neurosim.core.constraints import SEED, TEXT, validate
from neurosim.core.validation import install_hint

__all__ = ["Explorer", "explore"]

_VERDICT_COLOURS = {"holds": "#009E73", "partly": "#E69F00", "fails": "#CC79A7"}


@validate(name=TEXT, seed=SEED)
@dataclass
class Explorer:
    """Run one comparison with changed parameters, compare its claims with the defaults.

    Parameters
    ----------
    name : str
        A comparison's name (``neurosim list``).
    seed : int, default 0
        Seed of every run.

    Attributes
    ----------
    values : dict
        The current value of every parameter, plain numbers in the declared units.
    findings : Findings
        The last run's findings.
    baseline : Findings
        The run with the explore defaults, against which verdict changes are shown.
    seconds : float
        Wall time of the last update (the run).
    layout : KeptLayout or None
        The layout of the last :meth:`png` (see :mod:`neurosim.plotting.kept_layout`).
    """

    name: str
    seed: int = 0
    values: dict[str, Any] = field(init=False)
    findings: Findings | None = field(init=False, default=None)
    baseline: Findings | None = field(init=False, default=None)
    seconds: float = field(init=False, default=0.0)
    layout: Any = field(init=False, default=None, repr=False)

    def __post_init__(self):
        self.module = registry.load(self.name)
        self.parameters: tuple[Parameter, ...] = tuple(getattr(self.module, "PARAMETERS", ()))
        self.overrides: dict[str, Any] = dict(getattr(self.module, "EXPLORE", {}))
        self.values = {
            p.name: self.overrides.get(p.name, p.default_for(True)) for p in self.parameters
        }

    def set(self, **values) -> Findings:
        """Change parameters (plain numbers in their units, or quantities) and re-run."""
        for name, value in values.items():
            known = {p.name: p for p in self.parameters}
            if name not in known:
                raise TypeError(
                    f"{self.name} has no parameter {name!r}; its parameters: "
                    f"{', '.join(known) or 'none'}."
                )
            parameter = known[name]
            if parameter.unit and isinstance(value, int | float) and not isinstance(value, bool):
                value = parameter.to_value(value)  # a slider's plain number, in the unit
            self.values[name] = parameter.check(value, f"explore({self.name!r})")
        return self.update()

    def update(self) -> Findings:
        """Run the comparison quick with the current values (the first run is the baseline)."""
        start = time.perf_counter()
        # only what differs from the quick run (EXPLORE's values and the moved controls):
        # the figure's run note lists what was changed, not every parameter
        params = {
            p.name: p.to_value(self.values[p.name])
            for p in self.parameters
            if self.values[p.name] != p.default_for(True)
        }
        self.findings = self.module.run(quick=True, seed=self.seed, **params)
        if self.baseline is None:
            self.baseline = self.findings
        self.seconds = time.perf_counter() - start
        return self.findings

    def figure(self):
        """The comparison's figure for the last run."""
        if self.findings is None:
            self.update()
        return self.module.plot(self.findings)

    def png(self) -> bytes:
        """The figure of the last run as the notebook shows it: a PNG at 100 dpi.

        Drawn at the layout of the previous update while every panel's text still fits
        in the room that layout gave it (:mod:`neurosim.plotting.kept_layout`), laid
        out afresh otherwise; ``layout.kept`` says which.
        """
        from neurosim.plotting.kept_layout import png_keeping_layout
        from neurosim.plotting.style import NOTEBOOK_DPI

        fig = self.figure()
        fig._shown = True  # shown here, not again by the notebook's end-of-cell hook
        data, self.layout = png_keeping_layout(fig, NOTEBOOK_DPI, self.layout)
        return data

    def rows(self) -> list[dict[str, Any]]:
        """The claims table: statement, value, rule, verdict, and the default's verdict."""
        if self.findings is None:
            self.update()
        same = len(self.baseline.claims) == len(self.findings.claims)
        before = {c.statement: c.verdict for c in self.baseline.claims}
        rows = []
        for k, claim in enumerate(self.findings.claims):
            # claims are matched by position (a statement may name a changed parameter)
            default = self.baseline.claims[k].verdict if same else before.get(claim.statement)
            rule = claim.rule
            rows.append(
                {
                    "statement": claim.statement,
                    "value": claim.formatted(),
                    "rule": _describe(rule, claim.unit),
                    "reason": rule.reason,
                    "verdict": claim.verdict,
                    "words": verdict_text(claim.to_dict()),
                    "label": claim.label,
                    "default_verdict": default,
                    "changed": default not in (None, claim.verdict),
                    "about": claim.about,
                }
            )
        return rows

    def table_html(self) -> str:
        """The claims table as HTML (the verdicts that changed from the defaults marked)."""
        head = (
            "<tr><th style='text-align:left'>claim</th><th>measured</th>"
            "<th>holds if</th><th>verdict: the analogy, or a check of one model</th></tr>"
        )
        body = []
        for row in self.rows():
            counted = row["about"] == "analogy" and "construction" not in row["words"]
            colour = _VERDICT_COLOURS.get(row["verdict"], "#7F7F7F") if counted else "#555555"
            verdict = html.escape(row["words"])
            if row["changed"]:
                verdict += f" <b>(was {html.escape(row['default_verdict'])})</b>"
            about = "" if row["about"] == "analogy" else f" <i>({row['about']} model alone)</i>"
            body.append(
                f"<tr><td style='text-align:left'><b>{html.escape(row['label'])}</b>: "
                f"{html.escape(row['statement'])}{about}</td>"
                f"<td>{html.escape(row['value'])}</td>"
                f"<td title='{html.escape(row['reason'])}'>{html.escape(row['rule'])}</td>"
                f"<td style='color:{colour};font-weight:bold'>{verdict}</td></tr>"
            )
        guide = "".join(
            f"<li><b>{html.escape(term)}</b>: {html.escape(meaning)}</li>"
            for term, meaning in READING_GUIDE
        )
        return f"<table>{head}{''.join(body)}</table><ul style='font-size:90%'>{guide}</ul>"


def _describe(rule, unit: str) -> str:
    text = format_interval(rule.holds, unit)
    if rule.partly is not None:
        text += f"; partly {format_interval(rule.partly, unit)}"
    return text


def _slider_step(low: float, high: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving at least 200 slider positions.

    Round steps from a round bound keep durations on the grid of any round time step: a
    step of (1000 - 20) / 200 = 4.9 ms put most positions of a duration slider off the
    0.25 ms steps of deep_network_as_spikes, whose run then refused them.
    """
    raw = (high - low) / 200
    power = 10.0 ** np.floor(np.log10(raw))
    for factor in (5.0, 2.0, 1.0):
        if factor * power <= raw * (1 + 1e-9):
            return float(factor * power)
    return float(power)


def _control(parameter: Parameter, value):
    import ipywidgets as widgets

    label = parameter.name + (f" ({parameter.unit})" if parameter.unit else "")
    common = {
        "description": label,
        "continuous_update": False,
        "style": {"description_width": "initial"},
        "layout": widgets.Layout(width="420px"),
    }
    if parameter.kind == "choice":
        return widgets.Dropdown(
            options=list(parameter.choices),
            value=value,
            description=label,
            style=common["style"],
        )
    if parameter.kind == "bool":
        return widgets.Checkbox(value=value, description=label)
    if parameter.values is not None:  # only these values run (a time step dividing 1 ms)
        options = [(f"{v:g}", v) for v in parameter.values]
        return widgets.SelectionSlider(options=options, value=value, **common)
    low = parameter.low if parameter.low is not None else min(value, 0) - abs(value) - 1
    high = parameter.high if parameter.high is not None else max(value, 0) + abs(value) + 1
    interval = parameter.interval
    if parameter.kind == "int":
        low = int(low) + (0 if interval.contains(low) or parameter.low is None else 1)
        high = int(high) - (0 if interval.contains(high) or parameter.high is None else 1)
        return widgets.IntSlider(value=value, min=low, max=high, **common)
    step = _slider_step(low, high)
    # an excluded bound (a positive conductance from 0) is one step inside the range
    if parameter.low is not None and not interval.contains(low):
        low += step
    if parameter.high is not None and not interval.contains(high):
        high -= step
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, **common)


@validate(name=TEXT, seed=SEED)
def explore(name: str, *, seed: int = 0):
    """Sliders for a comparison's parameters, its figure and claims, updated on release.

    Parameters
    ----------
    name : str
        A comparison (``neurosim list``).
    seed : int, default 0
        Seed of every run.

    Returns
    -------
    ipywidgets.VBox
        The controls, the figure and the claims table; ``.explorer`` is the
        :class:`Explorer` behind it and ``.controls`` maps parameter names to widgets.
    """
    try:
        import ipywidgets as widgets
        from IPython.display import HTML, Image, display
    except ImportError as err:
        hint = install_hint("notebook", "ipywidgets")
        raise ImportError(f"explore() needs ipywidgets: {hint}") from err

    explorer = Explorer(name, seed=seed)
    controls = {p.name: _control(p, explorer.values[p.name]) for p in explorer.parameters}
    figure_out = widgets.Output()
    table_out = widgets.Output()
    status = widgets.HTML()

    def redraw():
        status.value = "<i>running ...</i>"
        try:
            explorer.update()
        except (TypeError, ValueError) as err:  # a combination the run refuses, in words
            status.value = f"<b>not run</b>: {html.escape(str(err))}"
            return
        start = time.perf_counter()
        png = explorer.png()
        drawn = time.perf_counter() - start
        figure_out.clear_output(wait=True)
        with figure_out:
            display(Image(data=png, format="png"))
        table_out.clear_output(wait=True)
        with table_out:
            display(HTML(explorer.table_html()))
        layout = "panels kept in place" if explorer.layout.kept else "laid out afresh"
        status.value = (
            f"quick run, seed {explorer.seed}: {explorer.seconds:.1f} s; "
            f"figure {drawn:.1f} s ({layout})"
        )

    def on_change(change):
        name_ = change["owner"]._neurosim_parameter
        explorer.values[name_] = change["new"]
        redraw()

    for pname, control in controls.items():
        control._neurosim_parameter = pname
        control.observe(on_change, names="value")
    redraw()
    box = widgets.VBox(
        [
            widgets.HTML(f"<h3>{html.escape(explorer.module.QUESTION)}</h3>"),
            widgets.VBox(list(controls.values())),
            status,
            figure_out,
            table_out,
        ]
    )
    box.explorer = explorer
    box.controls = controls
    return box
