"""Tiny, fast fake comparisons for the pipeline's tests (``NEUROSIM_COMPARISONS``).

They keep the comparison contract (begin(), Rule claims, new_figure) and run in
milliseconds: fake_steady always holds, fake_coin's verdict follows the seed's parity
(unstable over seeds 0-4), fake_fixed has no random input (DETERMINISTIC), fake_slow
sleeps (for interrupts), fake_broken raises.
"""

ORDER = ("fake_steady", "fake_coin", "fake_fixed", "fake_slow", "fake_broken", "scorecard")
