"""The bad inputs that still get through, in modules other helpers are refactoring:
the second pass's list (tests/test_battery_api.py marks each as a strict xfail).

``KNOWN[target][parameter][kind]`` says what happens now: "accepted silently", "a
simulation started" (the bad value reached Brian2), an error from inside numpy or one
that names another parameter. When a module is fixed, its entries must go (the strict
xfail fails until they do).
"""

from __future__ import annotations

KNOWN: dict[str, dict[str, dict[str, str]]] = {
    "neurosim.spiking:AdExParameters": {
        "recommended_current": {
            "an array where a scalar is expected": "accepted silently",
        },
    },
    "neurosim.spiking:fi_curve": {
        "currents": {
            "a number without its unit": "TypeError naming 'amplitude' of constant",
            "the wrong unit": "TypeError naming 'amplitude' of constant",
            "a list of quantities": "TypeError naming 'amplitude' of constant",
            "NaN": "ValueError naming 'amplitude' of constant",
            "inf": "ValueError naming 'amplitude' of constant",
            "an empty array": "ValueError naming 'amplitude' of constant",
            "a 2-D array": "ValueError naming 'amplitude' of constant",
        },
    },
    "neurosim.spiking:use_target": {
        "name": {
            "not one of the options": "accepted silently",
            "wrong type": "accepted silently",
        },
    },
    "neurosim.spiking:simulate_branched": {
        "record": {
            "text where a list is expected": "ValueError from inside: invalid literal for int() with base 10: 'abc",
            "an item: wrong type": "a simulation started",
            "an item: an array where a number is expected": "a simulation started",
        },
    },
    "neurosim.spiking:stdp_experiment": {
        "inhibitory_rate": {
            "out of range (the excluded bound)": "a simulation started",
        },
    },
    "neurosim.stimuli:spike_pattern": {
        "targets": {
            "ragged rows": "ValueError from inside: setting an array element with a sequence. Th",
        },
    },
    "neurosim.stimuli:BranchVolleys": {
        "sample": {
            "text where an array is expected": "ValueError from inside: invalid literal for int() with base 10: 'abc",
            "a number where an array is expected": "ValueError naming 'sample, branch, time' of BranchVolleys",
            "one dimension too many": "accepted silently",
            "NaN inside": "RuntimeWarning: invalid value encountered in cast",
            "out of range (below)": "accepted silently",
            "a fraction where integers are expected": "accepted silently",
        },
        "branch": {
            "text where an array is expected": "ValueError from inside: invalid literal for int() with base 10: 'abc",
            "a number where an array is expected": "ValueError naming 'sample, branch, time' of BranchVolleys",
            "one dimension too many": "accepted silently",
            "NaN inside": "RuntimeWarning: invalid value encountered in cast",
            "out of range (below)": "accepted silently",
            "a fraction where integers are expected": "accepted silently",
        },
    },
}

#: extra case id -> why it still fails (in a module another helper is refactoring).
KNOWN_EXTRA: dict[str, str] = {
    "CV of a single spike": "cv_isi: no interval, returns NaN (documented; a statistic left "
    "undefined should be an error naming 'trains')",
    "CV of no spike": "cv_isi: returns NaN for an empty train (documented)",
    "Fano factor of counts that are all zero": "fano_factor: mean 0, returns NaN",
    "Fano factor of one window": "fano_factor: one count has no variance, returns NaN",
}
