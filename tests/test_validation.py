"""The error-message template (parameter, expectation, what came) and the constraints
declared once that use it (neurosim.core.constraints)."""

import math
import subprocess
import sys

import numpy as np
import pytest

from neurosim.core.constraints import (
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    TEXT,
    ArrayOf,
    Interval,
    ListOf,
    MappingOf,
    Options,
    QuantityOf,
    as_constraint,
    constraints_of,
    validate,
)
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


# -- constraints declared once (neurosim.core.constraints) -------------------------------
def test_interval_words_say_which_bounds_are_included():
    assert POSITIVE.text() == "a finite number > 0"
    assert Interval(0, 1, closed="left").text() == "a finite number >= 0 and < 1"
    assert Interval(1, None, integer=True).text() == "an integer >= 1"
    assert Interval(0, math.inf).text() == "a number >= 0 (inf allowed)"
    share = Interval(0, 1, closed="left")
    assert share.contains(0) and not share.contains(1) and not share.contains(math.nan)
    assert not POSITIVE.contains(math.inf) and Interval(0, math.inf).contains(math.inf)
    with pytest.raises(ValueError) as err:
        NON_NEGATIVE.check(-1, "alpha", "X")
    assert (
        str(err.value)
        == "The 'alpha' parameter of X must be a finite number >= 0. Got -1.0 instead."
    )


def test_an_interval_narrowed_by_another_keeps_the_tighter_bound_on_each_side():
    explored = Interval(0, 5).intersect(POSITIVE)  # a range 0..5 on a field that must be > 0
    assert (explored.low, explored.high, explored.closed) == (0, 5, "right")
    assert Interval(2, 5).intersect(POSITIVE).closed == "both"


def test_a_declaration_is_checked_before_the_body_with_the_values_converted():
    ran = []

    @validate(n=Interval(1, None, integer=True), x=ArrayOf(1), mode=Options("a", "b"))
    def f(n, x, *, mode="a"):
        ran.append((n, x, mode))
        return x.sum()

    assert f(2, [1, 2]) == 3 and isinstance(ran[0][1], np.ndarray)
    for bad, cls, words in [
        ((0, [1]), ValueError, "'n' parameter of .*f must be an integer >= 1. Got 0"),
        ((1.0, [1]), TypeError, "'n'"),
        ((1, [[1]]), ValueError, "'x' parameter .* 1-D"),
        ((1, "ab"), TypeError, "'x'"),
    ]:
        with pytest.raises(cls, match=words):
            f(*bad)
    with pytest.raises(ValueError, match="'mode'.*Did you mean 'a'"):
        f(1, [1], mode="aa")
    assert len(ran) == 1  # no bad call reached the body
    assert set(constraints_of(f)) == {"n", "x", "mode"}


def test_a_declaration_that_refuses_its_own_default_or_names_no_parameter_fails_at_once():
    with pytest.raises(ValueError, match="'n' parameter of .*g \\(its declared default\\)"):

        @validate(n=POSITIVE)
        def g(n=0): ...

    with pytest.raises(TypeError, match="no parameter named m"):

        @validate(m=POSITIVE)
        def h(n=1): ...


def test_the_owner_can_name_the_caller_and_a_class_names_the_subclass_built():
    @validate("{name}.run", seed=SEED)
    def begin(name, seed): ...

    with pytest.raises(ValueError, match="'seed' parameter of lif_neuron.run"):
        begin("lif_neuron", -1)

    @validate(rate=POSITIVE)
    class Base:
        def __init__(self, rate):
            self.rate = rate

    class Child(Base):
        pass

    assert Base(2).rate == 2.0
    with pytest.raises(ValueError, match="'rate' parameter of Child"):
        Child(-1)


def test_alternatives_report_the_one_of_the_right_kind():
    @validate(tau=[POSITIVE, None])
    def f(tau=None):
        return tau

    assert f() is None and f(2) == 2.0
    with pytest.raises(ValueError, match="must be a finite number > 0. Got -1.0"):
        f(-1)
    with pytest.raises(TypeError, match="a finite number > 0 or None. Got 'x'"):
        f("x")


def test_mappings_lists_and_quantities():
    with pytest.raises(TypeError, match="'overrides key'"):
        MappingOf().check({"a": 1, 3: 2}, "overrides", "f")
    with pytest.raises(ValueError, match="no 'claims'"):
        MappingOf(required=("claims",)).check({}, "record", "f")
    assert ListOf(SEED, distinct=True).check((0, 3), "seeds") == (0, 3)
    with pytest.raises(ValueError, match="distinct"):
        ListOf(SEED, distinct=True).check([1, 1], "seeds")
    with pytest.raises(TypeError, match="'seeds'"):
        ListOf(SEED).check("012", "seeds")
    from neurosim.units import ms, mV

    time = QuantityOf("ms", POSITIVE)
    assert time.check(2 * ms, "tau") == 2 * ms
    assert time.text() == "a time > 0 ms (a Brian2 quantity in ms, e.g. 1*ms)"
    for bad, cls, words in [
        (2, TypeError, "Did you forget the unit"),
        (2 * mV, TypeError, "dimensions of voltage"),
        ([2 * ms], TypeError, "np.array"),
        (np.ones(2) * ms, ValueError, "a scalar quantity"),
        (-1 * ms, ValueError, "a time > 0 ms. Got -1 ms"),
        (math.nan * ms, ValueError, "without NaN"),
    ]:
        with pytest.raises(cls, match=words):
            time.check(bad, "tau", "f")


@pytest.mark.parametrize(
    "constraint",
    [
        POSITIVE,
        Interval(0, 1, closed="left"),
        Interval(1, 10, integer=True),
        SEED,
        Options("sgd", "adam"),
        TEXT,
        ArrayOf(2, values=NON_NEGATIVE),
        ArrayOf(1, dtype=int),
        ListOf(SEED, distinct=True),
        MappingOf(required=("a",)),
        [POSITIVE, None],
        QuantityOf("ms", POSITIVE, ndim=(0, 1)),
        QuantityOf("mV", Interval(-100, 0)),
    ],
    ids=repr,
)
def test_every_bad_value_a_constraint_offers_is_refused_by_it(constraint):
    constraint = as_constraint(constraint)
    bad = constraint.bad_values()
    assert bad, "a constraint with no bad values tests nothing"
    for kind, value in bad:
        with pytest.raises((TypeError, ValueError), match=r"'x(\[\d+\]| key)?' parameter"):
            constraint.check(value, "x", "f")
            pytest.fail(f"{kind}: {value!r} accepted")


def test_core_and_the_stimuli_declare_quantities_without_importing_brian2():
    code = (
        "import sys, neurosim.core.constraints, neurosim.stimuli, neurosim.datasets;"
        "print('brian2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_parameter_from_a_field_keeps_the_fields_sign():
    from neurosim.contract.parameters import Parameter
    from neurosim.spiking import BranchedNeuronParameters, LIFParameters
    from neurosim.units import ms, nS

    tau = Parameter.from_field(LIFParameters, "tau_m", low=0, high=50)  # tau_m > 0
    assert (tau.low, tau.closed, tau.describe_range()) == (0, "right", "> 0 ms and <= 50 ms")
    with pytest.raises(ValueError, match="'tau_m'"):
        tau.check(0 * ms, "f")
    assert tau.check(0.5 * ms, "f") == 0.5
    nmda = Parameter.from_field(BranchedNeuronParameters, "g_nmda", low=0, high=5)  # >= 0
    assert nmda.check(0 * nS, "f") == 0 and nmda.describe_range() == "0 to 5 nS"


def test_a_parameter_with_listed_values_takes_only_those():
    # a time step that must divide the 1 ms readout interval: 0.35 ms is refused before
    # any run, with the values the student may choose; 100 us is the listed 0.1 ms
    from neurosim.contract.parameters import Parameter
    from neurosim.units import ms, us

    dt = Parameter(
        "dt", 0.1, "step", unit="ms", low=0.05, high=0.5, values=(0.05, 0.1, 0.2, 0.25, 0.5)
    )
    assert dt.describe_range() == "one of 0.05, 0.1, 0.2, 0.25, 0.5 ms"
    assert dt.check(100 * us, "f") == 0.1 and dt.check("0.25ms", "f") == 0.25
    with pytest.raises(
        ValueError, match=r"'dt' parameter of f must be one of 0.05, .* Got '0.35 ms'"
    ):
        dt.check(0.35 * ms, "f")
    with pytest.raises(ValueError, match="'values'.*increasing"):
        Parameter("dt", 0.1, "step", unit="ms", values=(0.1, 0.05))
    with pytest.raises(ValueError, match="'values'.*<= 0.5 ms"):
        Parameter("dt", 0.1, "step", unit="ms", low=0.05, high=0.5, values=(0.1, 1.0))
    with pytest.raises(ValueError, match=r"'dt \(default\)'.*one of 0.2, 0.5 ms"):
        Parameter("dt", 0.1, "step", unit="ms", values=(0.2, 0.5))
    with pytest.raises(ValueError, match="'values'.*text or bool"):
        Parameter("code", "rate", "code", choices=("rate", "ttfs"), values=(1.0, 2.0))


def test_a_bound_given_through_its_unit_is_the_bound():
    # 1000 * pA / pA is 1000.0000000000001: the top of neurons_have_memory's current
    # slider was refused as "from 300 to 1000 pA. Got '1000 pA'"
    from neurosim.contract.parameters import Parameter
    from neurosim.units import pA

    current = Parameter("current", 500.0, "step", unit="pA", low=300, high=1000)
    assert 1000 * pA / pA != 1000  # the rounding, in plain floats
    assert current.check(1000 * pA, "f") == 1000.0
    with pytest.raises(ValueError, match="'current'"):
        current.check(1000.001 * pA, "f")


def test_a_quantity_field_declares_its_range_once():
    from neurosim.units import quantity_field

    field = quantity_field(-65, "mV", "reset", values=Interval(-100, 0))
    assert field.metadata["constraint"].values.bounds_text("mV") == ">= -100 mV and <= 0 mV"
    assert quantity_field(20, "ms", "tau", sign="positive").metadata["sign"] == "positive"
    with pytest.raises(ValueError, match="'default' parameter of quantity_field"):
        quantity_field(5, "mV", "reset", values=Interval(-100, 0))
