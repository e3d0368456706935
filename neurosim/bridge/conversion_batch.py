"""Several seeds' converted networks as one Brian2 run: the request :class:`Conversion`.

Several requests, each its networks on its own test images, share one run whenever
their layer sizes, number of networks and images, timing, target, raster sample and
input code agree: :func:`~neurosim.bridge.converted_run.run_converted` gives each
network its own images, every network's copy of every image is a block of neurons, and
each request gets its networks' results. With the images as constant currents the run
draws no random number; with Poisson pixels, the engine's ``streams`` draw request
``j``'s pixel spikes from its own seed, in the calls and sizes of its own run. Every
neuron and synapse is its own run's, in the same order, so each result is the
request's own run's to the last bit (tests/compare/test_conversion_batch.py).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from neurosim.bridge.convert import (
    SpikingNetwork,
    _check_run,
    _poisson_rates,
    simulate_converted,
)
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
from neurosim.spiking.backend import TARGETS, resolve_target
from neurosim.units import Hz, Quantity, ms

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
    inputs=Options("current", "poisson"),
    input_rate=[QuantityOf("Hz", POSITIVE, ndim=(0, 1)), None],
    warn=BOOL,
)
@dataclass(frozen=True, eq=False)
class Conversion:
    """A request for ``simulate_converted(networks, X, duration, ...)`` (its defaults: a
    readout every 5 ms, dt 0.1 ms, images as currents, Poisson pixels at 200 Hz for
    x = 1). ``warn=False`` keeps the silent or saturated layers' ConversionWarnings to
    the results' ``diagnostics`` (a conversion that is lossy on purpose)."""

    networks: list
    X: np.ndarray
    duration: Quantity
    readout_every: Quantity | None = None
    dt: Quantity | None = None
    seed: int = 0
    target: str | None = None
    raster_sample: int = 0
    inputs: str = "current"
    input_rate: Quantity | None = None
    warn: bool = True

    def __post_init__(self):
        object.__setattr__(self, "networks", list(self.networks))
        if self.readout_every is None:
            object.__setattr__(self, "readout_every", 5 * ms)
        if self.dt is None:
            object.__setattr__(self, "dt", 0.1 * ms)
        if self.input_rate is None:
            object.__setattr__(self, "input_rate", 200 * Hz)

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
                inputs=self.inputs,
                input_rate=self.input_rate,
            )

    def _key(self, k: int) -> tuple:
        # Poisson pixels share a run through the engine's streams: numpy target only
        if self.inputs == "poisson" and resolve_target(self.target, "Conversion") != "numpy":
            return ("alone", k)
        return (
            tuple(tuple(snn.layer_sizes) for snn in self.networks),
            np.shape(self.X),
            *(float(getattr(self, f) / ms) for f in ("duration", "readout_every", "dt")),
            self.target,
            self.raster_sample,
            self.inputs,
            tuple(np.ravel(np.asarray(self.input_rate / Hz, dtype=float))),
            self.warn,
        )

    @classmethod
    def run_batch(cls, requests: Sequence[Conversion]) -> list[list[ConversionResult]]:
        """Several requests, those that can share a run as one; results in order, each
        the same as the request's own ``run()``."""
        groups: dict[tuple, list[int]] = {}
        for k, request in enumerate(requests):
            groups.setdefault(request._key(k), []).append(k)
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
    rates, streams = None, None
    if first.inputs == "poisson":  # each request's pixels from its own seed
        rates = np.concatenate(
            [_poisson_rates(p.networks, p.X, p.input_rate, "Conversion") for p in parts]
        )
        streams = [p.seed for p in parts]
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
            input_rates=rates,
            streams=streams,
        )
    out, start = [], 0
    for p in parts:
        out.append(every[start : start + len(p.networks)])
        start += len(p.networks)
    return out
