"""The error-message template: parameter, expectation, what came."""

import numpy as np
import pytest

from neurosim.core.validation import (
    check_array,
    check_choice,
    check_int,
    check_labels,
    check_number,
)


def test_message_names_parameter_expectation_and_value():
    with pytest.raises(ValueError) as err:
        check_number(-1, "learning_rate", "DeepNetwork.fit", low=0)
    assert str(err.value) == (
        "The 'learning_rate' parameter of DeepNetwork.fit must be a finite number > 0. "
        "Got -1.0 instead."
    )


def test_numbers_refuse_bools_strings_nan():
    for bad in (True, "1", None):
        with pytest.raises(TypeError, match="'x'"):
            check_number(bad, "x")
    with pytest.raises(ValueError, match="'x'"):
        check_number(float("nan"), "x")
    assert check_int(3, "n", low=1) == 3
    with pytest.raises(TypeError, match="an integer"):
        check_int(3.0, "n")


def test_arrays_shape_and_finiteness():
    assert check_array([[1, 2]], "X", shape=(None, 2)).shape == (1, 2)
    with pytest.raises(ValueError, match=r"shape \(any, 3\)"):
        check_array([[1, 2]], "X", shape=(None, 3))
    with pytest.raises(ValueError, match="1 non-finite"):
        check_array([1.0, np.nan], "X")
    with pytest.raises(ValueError, match="at least 1"):
        check_array([], "X")


def test_choices_and_labels():
    with pytest.raises(ValueError, match="one of 'sgd', 'adam'"):
        check_choice("rmsprop", "optimizer", "fit", ["sgd", "adam"])
    with pytest.raises(ValueError, match=r"labels in 0\.\.9"):
        check_labels([0, 10], "y", "fit", n_samples=2, n_classes=10)
    with pytest.raises(ValueError, match="integer class labels"):
        check_labels([0.5, 1], "y", "fit", n_samples=2)
