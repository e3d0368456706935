"""What a comparison measures: plain arrays, and claims with their verdicts.

A comparison's ``run()`` returns :class:`Findings`; its ``plot()`` draws from them
alone; :mod:`neurosim.pipeline` writes their claims next to the figure as JSON.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from neurosim._validation import check_choice, param_error

__all__ = ["VERDICTS", "Claim", "Findings", "format_value"]

#: How a measured claim bears on "a neuron is like a logistic unit".
VERDICTS = ("holds", "partly", "fails")


def format_value(value: float | None, unit: str = "") -> str:
    """A measured value rounded for a table, with its unit (``"97.2 %"``, ``"1.3e-09"``)."""
    if value is None or math.isnan(value):
        return "n/a"
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    else:
        text = f"{value:.2e}"
    return f"{text} {unit}".strip()


@dataclass(frozen=True)
class Claim:
    """One measured sentence of the lecture.

    Parameters
    ----------
    statement : str
        What was measured, as a sentence a student can read.
    value : float
        The measured number.
    unit : str
        Unit of ``value`` ("" for dimensionless, "%" , "Hz", "ms", ...).
    verdict : {"holds", "partly", "fails"}
        What the number says about the analogy.
    aspect : str, optional
        Which aspect of the analogy the claim is about (integration, nonlinearity,
        output code, timing, ...), used by the closing scorecard. Claims about one
        model alone (the ANN's accuracy, say) leave it empty.
    key : bool, optional
        The comparison's headline measurement for its aspect: the closing scorecard
        shows it first.
    """

    statement: str
    value: float
    unit: str
    verdict: str
    aspect: str = ""
    key: bool = False

    def __post_init__(self):
        if not isinstance(self.statement, str) or not self.statement:
            raise param_error("statement", "Claim", "a non-empty string", self.statement)
        check_choice(self.verdict, "verdict", "Claim", VERDICTS)
        try:
            value = float(self.value)
        except (TypeError, ValueError):
            raise param_error("value", "Claim", "a number", self.value, cls=TypeError) from None
        object.__setattr__(self, "value", value)

    def formatted(self) -> str:
        """The value with its unit, rounded for a table (``"97.2 %"``, ``"1.3e-09"``)."""
        return format_value(self.value, self.unit)

    def to_dict(self) -> dict[str, Any]:
        value = None if math.isnan(self.value) else self.value
        return {
            "statement": self.statement,
            "value": value,
            "unit": self.unit,
            "verdict": self.verdict,
            "aspect": self.aspect,
            "key": bool(self.key),
        }


@dataclass
class Findings:
    """The result of one comparison's ``run()``.

    Attributes
    ----------
    name : str
        The comparison's name (its module name in ``comparisons``).
    question : str
        The lecture sentence it tests.
    data : dict
        Plain numpy arrays and numbers that ``plot()`` needs; no simulator objects.
    claims : list of Claim
    settings : dict
        ``quick``, ``seed`` and the parameters the run used (for the JSON record).
    """

    name: str
    question: str
    data: dict[str, Any] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    def claim(
        self,
        statement: str,
        value: float,
        unit: str,
        verdict: str,
        aspect: str = "",
        *,
        key: bool = False,
    ) -> Claim:
        """Record a claim and return it (see :class:`Claim` for the fields)."""
        c = Claim(statement, value, unit, verdict, aspect, key)
        self.claims.append(c)
        return c

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: question, settings and claims (not the arrays)."""
        return {
            "name": self.name,
            "question": self.question,
            "settings": _jsonable(self.settings),
            "claims": [c.to_dict() for c in self.claims],
        }


def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, bool | int | float | str) or obj is None:
        return obj
    return str(obj)
