"""Several seeds' converted networks as one Brian2 run: the request :class:`Conversion`.

With its inputs as constant currents, a converted network draws no random number: its
run is deterministic. So several requests, each its networks on its own test images,
share one run whenever their layer sizes, number of images, timing, target and raster
sample agree: :func:`~neurosim.bridge.converted_run.run_converted` gives each network its
own images, every network's copy of every image is a block of neurons, and each request
gets its networks' results. Every neuron and synapse is its own run's, in the same
order, so each result is the request's own run's to the last bit
(tests/compare/test_conversion_batch.py). Poisson pixel inputs draw from Brian2's
generator: such runs stay :func:`~neurosim.bridge.convert.simulate_converted` calls.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from neurosim.bridge.convert import SpikingNetwork, _check_run, simulate_converted
from neurosim.bridge.converted_run import run_converted
from neurosim.bridge.readout import ConversionResult
from neurosim.core.constraints import (
    BOOL,
    POSITIVE,
    SEED,
    ArrayOf,
    InstanceOf,
    Interval,
    ListOf,
    Options,
    QuantityOf,
    validate,
)
from neurosim.core.warning_types import ConversionWarning
from neurosim.spiking.backend import TARGETS
from neurosim.units import Quantity, ms

__all__ = ["Conversion"]

_TIME = QuantityOf("ms", POSITIVE)


@validate(
    networks=ListOf(InstanceOf(SpikingNetwork, text="a SpikingNetwork (from convert)")),
    X=ArrayOf(2),
    duration=_TIME,
    readout_every=[_TIME, None],
    dt=[_TIME, None],
    seed=SEED,
    target=[Options(*TARGETS), None],
    raster_sample=Interval(0, None, integer=True),
    warn=BOOL,
)
@dataclass(frozen=True, eq=False)
class Conversion:
    """A request for ``simulate_converted(networks, X, duration, ...)`` with the images
    as constant currents (its defaults: a readout every 5 ms, dt 0.1 ms). ``warn=False``
    keeps the silent or saturated layers' ConversionWarnings to the results'
    ``diagnostics`` (a conversion that is lossy on purpose)."""

    networks: list
    X: np.ndarray
    duration: Quantity
    readout_every: Quantity | None = None
    dt: Quantity | None = None
    seed: int = 0
    target: str | None = None
    raster_sample: int = 0
    warn: bool = True

    def __post_init__(self):
        object.__setattr__(self, "networks", list(self.networks))
        if self.readout_every is None:
            object.__setattr__(self, "readout_every", 5 * ms)
        if self.dt is None:
            object.__setattr__(self, "dt", 0.1 * ms)

    def run(self) -> list[ConversionResult]:
        """This request alone: ``simulate_converted(...)``."""
        with warnings.catch_warnings():
            if not self.warn:
                warnings.simplefilter("ignore", ConversionWarning)
            return simulate_converted(
                self.networks,
                self.X,
                self.duration,
                readout_every=self.readout_every,
                dt=self.dt,
                seed=self.seed,
                target=self.target,
                raster_sample=self.raster_sample,
            )

    def _key(self) -> tuple:
        return (
            tuple(tuple(snn.layer_sizes) for snn in self.networks),
            np.shape(self.X),
            *(float(getattr(self, f) / ms) for f in ("duration", "readout_every", "dt")),
            self.target,
            self.raster_sample,
            self.warn,
        )

    @classmethod
    def run_batch(cls, requests: Sequence[Conversion]) -> list[list[ConversionResult]]:
        """Several requests, those that can share a run as one; results in order, each
        the same as the request's own ``run()``."""
        groups: dict[tuple, list[int]] = {}
        for k, request in enumerate(requests):
            groups.setdefault(request._key(), []).append(k)
        results: list = [None] * len(requests)
        for members in groups.values():
            parts = [requests[k] for k in members]
            got = [parts[0].run()] if len(parts) == 1 else _together(parts)
            for k, result in zip(members, got, strict=True):
                results[k] = result
        return results


def _together(parts: list[Conversion]) -> list[list[ConversionResult]]:
    first = parts[0]
    for p in parts:  # the checks of each request's own run
        args = (p.networks, p.X, p.duration, p.readout_every, p.dt, p.raster_sample)
        steps = _check_run(*args, "Conversion")
    networks = [snn for p in parts for snn in p.networks]
    Xs = [p.X for p in parts for _ in p.networks]
    with warnings.catch_warnings():
        if not first.warn:
            warnings.simplefilter("ignore", ConversionWarning)
        every = run_converted(
            networks,
            Xs,
            n_steps=steps[0],
            every_steps=steps[1],
            duration=first.duration,
            readout_every=first.readout_every,
            dt=first.dt,
            seed=first.seed,
            target=first.target,
            raster_sample=first.raster_sample,
        )
    out, start = [], 0
    for p in parts:
        out.append(every[start : start + len(p.networks)])
        start += len(p.networks)
    return out
