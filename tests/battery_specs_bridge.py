"""The bad-input battery's specs for neurosim.bridge's second pass (see tests/battery_specs.py).

New or moved specs and exemptions of this area go here, so that the areas' second passes
do not edit the same lines.
"""

from __future__ import annotations

SPECS: list = []
EXEMPT: dict[str, str] = {}
