"""The bad inputs that still get through, in modules other helpers are refactoring:
the second pass's list (tests/test_battery_api.py marks each as a strict xfail).

``KNOWN[target][parameter][kind]`` says what happens now: "accepted silently", "a
simulation started" (the bad value reached Brian2), an error from inside numpy or one
that names another parameter. When a module is fixed, its entries must go (the strict
xfail fails until they do).
"""

from __future__ import annotations

KNOWN: dict[str, dict[str, dict[str, str]]] = {
    "neurosim.artificial:TrueDerivative": {
        "steepness": {
            "an array where a number is expected": "ValueError from inside: The truth value of an array with more than o",
        },
    },
    "neurosim.artificial:SparseAutoencoder.fit": {
        "steps": {
            "out of range (below)": "accepted silently",
        },
    },
    "neurosim.artificial:SubunitNetwork": {
        "name": {
            "wrong type": "accepted silently",
            "empty text": "accepted silently",
        },
    },
    "neurosim.artificial:alignment_angle": {
        "network": {
            "wrong type": "AttributeError: '_Junk' object has no attribute 'weights'",
        },
        "y": {
            "empty": "ValueError from inside: operands could not be broadcast together wit",
        },
    },
    "neurosim.artificial:random_patterns": {
        "n_patterns": {
            "wrong type": "TypeError naming 'n_samples' of bernoulli_spikes",
            "an array where a number is expected": "TypeError naming 'n_samples' of bernoulli_spikes",
            "a bool": "TypeError naming 'n_samples' of bernoulli_spikes",
            "a float where an integer is expected": "TypeError naming 'n_samples' of bernoulli_spikes",
            "NaN": "TypeError naming 'n_samples' of bernoulli_spikes",
            "inf": "TypeError naming 'n_samples' of bernoulli_spikes",
            "out of range (below)": "ValueError naming 'n_samples' of bernoulli_spikes",
        },
    },
    "neurosim.artificial:cascade_cosine": {
        "backprop_norm": {
            "text where an array is expected": "ValueError from inside: could not convert string to float: 'abc'",
            "empty": "ValueError from inside: need at least one array to stack",
            "NaN inside": "accepted silently",
            "out of range (below)": "accepted silently",
        },
    },
    "neurosim.artificial:get_activation": {
        "name": {
            "wrong type": "accepted silently",
            "empty text": "accepted silently",
        },
        "owner": {
            "wrong type": "accepted silently",
            "empty text": "accepted silently",
        },
    },
    "neurosim.artificial:get_optimizer": {
        "owner": {
            "wrong type": "accepted silently",
            "empty text": "accepted silently",
        },
    },
    "neurosim.artificial:nudge_sweep": {
        "nudges": {
            "text where an array is expected": "ValueError from inside: could not convert string to float: 'abc'",
            "a number where an array is expected": "accepted silently",
            "one dimension too many": "accepted silently",
            "empty": "accepted silently",
        },
        "inference_rate": {
            "wrong type": "accepted silently",
            "an array where a number is expected": "TypeError from inside: only length-1 arrays can be converted to Pyt",
            "a bool": "accepted silently",
            "NaN": "ValueError from inside: cannot convert float NaN to integer",
            "inf": "accepted silently",
            "out of range (below)": "ValueError naming 'steps' of PredictiveCoding",
            "out of range (the excluded bound)": "ZeroDivisionError: float division by zero",
            "out of range (above)": "accepted silently",
        },
    },
    "neurosim.artificial:settling_trace": {
        "steps": {
            "text where a list is expected": "ValueError from inside: invalid literal for int() with base 10: 'abc",
            "an item: wrong type": "accepted silently",
            "an item: an array where a number is expected": "accepted silently",
        },
    },
    "neurosim.artificial:update_angle": {
        "update": {
            "NaN inside": "accepted silently",
        },
        "reference": {
            "NaN inside": "accepted silently",
        },
    },
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
    "the angle of a zero update": "update_angle: returns NaN for a zero vector",
}
