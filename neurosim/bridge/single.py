"""One logistic unit and one LIF neuron, fed the same weighted input.

The unit computes ``y = sigmoid(w . x + b)``. The neuron receives the same weighted
sum ``z = w . x + b`` as an input current, through the named encoding
(:class:`neurosim.bridge.encoding.CurrentEncoding`: ``I = gain * z + offset``), and answers
with a firing rate. :func:`unit_vs_neuron` runs both on every sample (all samples in
one Brian2 run) and returns them aligned: row ``k`` of every array is sample ``k``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.artificial import LogisticUnit
from neurosim.bridge.encoding import CurrentEncoding
from neurosim.bridge.metrics import AffineFit, LogisticFit, fit_affine, fit_logistic, pearson
from neurosim.core.constraints import (
    COUNT,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    Interval,
    Options,
    QuantityOf,
    validate,
)
from neurosim.core.validation import param_error
from neurosim.spiking import LIFParameters, fi_curve, lif_rate, siegert_rate
from neurosim.spiking.backend import TARGETS
from neurosim.units import Hz, ms, second

__all__ = ["UnitNeuronComparison", "unit_vs_neuron"]


@dataclass(frozen=True)
class UnitNeuronComparison:
    """A logistic unit's and a LIF neuron's answers to the same samples, aligned.

    Attributes
    ----------
    X : ndarray (n, d)
        The samples, in the order given.
    drive : ndarray (n,)
        The weighted input ``z = X @ w + b`` both models received.
    unit_output : ndarray (n,)
        ``sigmoid(z)``.
    current : Quantity (n,)
        ``encoding.encode(z)``, the neuron's input current.
    rate : Quantity (n,)
        Simulated firing rate (mean over trials).
    theory_rate : Quantity (n,)
        Closed form for the same current (``lif_rate``, or ``siegert_rate`` with noise).
    encoding : CurrentEncoding
    correlation : float
        Pearson correlation of ``unit_output`` and ``rate``.
    logistic : LogisticFit
        Best logistic curve of rate (Hz) against drive z.
    affine : AffineFit
        Best straight line of rate (Hz) against the unit's output.
    """

    X: np.ndarray
    drive: np.ndarray
    unit_output: np.ndarray
    current: object
    rate: object
    theory_rate: object
    encoding: CurrentEncoding
    correlation: float
    logistic: LogisticFit
    affine: AffineFit


@validate(
    weights=ArrayOf(1),
    bias=Interval(),
    X=ArrayOf(2),
    encoding=[InstanceOf(CurrentEncoding), None],
    params=[InstanceOf(LIFParameters), None],
    duration=QuantityOf("ms", POSITIVE),
    dt=QuantityOf("ms", POSITIVE),
    trials=COUNT,
    seed=SEED,
    target=[Options(*TARGETS), None],
)
def unit_vs_neuron(
    weights,
    bias,
    X,
    *,
    encoding: CurrentEncoding | None = None,
    params: LIFParameters | None = None,
    duration=1 * second,
    dt=0.1 * ms,
    trials: int = 1,
    seed: int = 0,
    target: str | None = None,
) -> UnitNeuronComparison:
    """Feed the same weighted inputs to a logistic unit and to LIF neurons.

    Parameters
    ----------
    weights : array (d,)
        The unit's weights ``w``.
    bias : float
        The unit's bias ``b``.
    X : array (n, d)
        Samples; every row is one stimulus for both models.
    encoding : CurrentEncoding, default CurrentEncoding()
        How the weighted input becomes a current (see :mod:`neurosim.bridge.encoding`).
    params : LIFParameters, default LIFParameters()
        The neuron (its ``sigma`` adds membrane noise).
    duration : Quantity, default 1 s
        Simulated time per sample.
    dt : Quantity, default 0.1 ms
    trials : int, default 1
    seed : int, default 0
    target : str, optional
        Brian2 code-generation target.
    """
    owner = "unit_vs_neuron"
    if X.shape[1] != weights.size:
        raise param_error(
            "X", owner, f"an array with {weights.size} columns (one per weight)", f"shape {X.shape}"
        )
    if X.shape[0] < 3:
        raise param_error("X", owner, "at least 3 samples (rows)", f"{X.shape[0]} row(s)")
    encoding = CurrentEncoding() if encoding is None else encoding
    params = LIFParameters() if params is None else params
    unit = LogisticUnit(weights=weights, bias=bias)
    drive = unit.decision_function(X)
    unit_output = unit.predict_proba(X)
    current = encoding.encode(drive)
    rate = fi_curve(
        current, params, duration=duration, dt=dt, trials=trials, seed=seed, target=target
    )
    if np.all(np.asarray(params.sigma) == 0):
        theory = lif_rate(current, params)
    else:
        theory = siegert_rate(params.E_L + params.R * current, params.sigma, params, dt=dt)
    r = np.asarray(rate / Hz)
    if np.ptp(r) == 0:  # no correlation, no curve to fit
        raise param_error(
            "X",
            owner,
            "samples whose weighted inputs make the neuron's rate vary",
            f"the same rate ({r[0]:g} Hz) for every sample",
            "Spread the samples' drives, or change the encoding's gain and offset.",
        )
    return UnitNeuronComparison(
        X=X,
        drive=drive,
        unit_output=unit_output,
        current=current,
        rate=rate,
        theory_rate=theory,
        encoding=encoding,
        correlation=pearson(unit_output, r),
        logistic=fit_logistic(drive, r),
        affine=fit_affine(unit_output, r),
    )
