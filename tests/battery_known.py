"""The bad inputs that still get through, in modules other helpers are refactoring:
the second pass's list (tests/test_battery_api.py marks each as a strict xfail).

``KNOWN[target][parameter][kind]`` says what happens now: "accepted silently", "a
simulation started" (the bad value reached Brian2), an error from inside numpy or one
that names another parameter. When a module is fixed, its entries must go (the strict
xfail fails until they do).
"""

from __future__ import annotations

KNOWN: dict[str, dict[str, dict[str, str]]] = {}

#: extra case id -> why it still fails (in a module another helper is refactoring).
KNOWN_EXTRA: dict[str, str] = {}
