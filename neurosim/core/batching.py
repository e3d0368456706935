"""Seeds as a batch, whatever runs them: a comparison's run as a generator of requests.

A comparison that runs for ten seeds pays ten times the per-call overhead of its
simulator (Brian2's numpy target: about 1 ms per time step per group; numpy: a few
microseconds per call on arrays of a few hundred numbers) unless the seeds share the
calls. So a comparison can state its run as a generator that ``yield``s requests and
receives their results, and return its findings::

    @seeds_as_batch
    def run(*, quick=False, seed=0, **params):
        ...
        result = yield Simulation(neuron, stimulus, 1 * second, seed=seed)
        history = yield Training(network, X, y, epochs=30, seed=seed)
        ...
        return findings

:func:`seeds_as_batch` makes of it ``run(seed=...)`` (one seed, as before),
``run.run_seeds(seeds)`` and ``run.run_many([(seed, params), ...])``: every seed's
generator advances together, and each round's requests go to their class's
``run_batch(requests)``, which runs those that can share a batch as one and returns one
result per request, each the same, to the last bit, as ``request.run()`` alone.
The request classes are :class:`neurosim.spiking.Simulation` (one Brian2 run of
several seeds' neurons), :class:`neurosim.spiking.Summation` (one run of several seeds'
fibres and synapses) and :class:`neurosim.artificial.Training` (several networks
trained by backprop as one stack).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Sequence

from neurosim.core.constraints import HasMethods, validate

__all__ = ["drive", "in_groups", "seeds_as_batch"]


def drive(generators: list) -> list:
    """Advance the generators together; each round's requests run as batches of their
    class (``type(request).run_batch``); the generators' return values, in order."""
    pending = {}
    done: dict[int, object] = {}
    for k, gen in enumerate(generators):
        try:
            pending[k] = next(gen)
        except StopIteration as stop:
            done[k] = stop.value
    while pending:
        by_class: dict[type, list[int]] = {}
        for k, request in pending.items():
            if not callable(getattr(type(request), "run_batch", None)):
                raise TypeError(
                    "a comparison's steps must yield requests with a run_batch (Simulation, "
                    f"Summation, Training), got {request!r}"
                )
            by_class.setdefault(type(request), []).append(k)
        results = {}
        for cls, order in by_class.items():
            got = cls.run_batch([pending[k] for k in order])
            results.update(zip(order, got, strict=True))
        pending = {}
        for k in sorted(results):
            try:
                pending[k] = generators[k].send(results[k])
            except StopIteration as stop:
                done[k] = stop.value
    return [done[k] for k in range(len(generators))]


@validate(steps=HasMethods("__call__", text="a generator function (see the module)"))
def seeds_as_batch(steps: Callable) -> Callable:
    """A comparison's ``run`` from its steps: a generator function that yields requests
    and returns its findings (a decorator, see above).

    ``run(*, quick=False, seed=0, **params)`` runs one seed; ``run.run_seeds(seeds, *,
    quick=False, **params)`` returns one result per seed, each identical to ``run``'s
    for that seed, every round of requests one batch. ``run.run_many(calls, *,
    quick=False)`` does the same for ``(seed, params)`` pairs with parameters of their
    own (a sweep's points): requests that differ only in values a batch holds per member
    (a neuron's per-condition fields, stimulus values, a network's data) still share a
    batch; the others (a different duration, say) run one after the other.
    """

    @functools.wraps(steps)
    def run(*, quick: bool = False, seed: int = 0, **params):
        return drive([steps(quick=quick, seed=seed, **params)])[0]

    def run_many(calls, *, quick: bool = False):
        return drive([steps(quick=quick, seed=s, **dict(params)) for s, params in calls])

    def run_seeds(seeds, *, quick: bool = False, **params):
        return run_many([(s, params) for s in seeds], quick=quick)

    run.run_seeds = run_seeds
    run.run_many = run_many
    return run


def in_groups(
    requests: Sequence,
    key: Callable[[object], Hashable | None],
    together: Callable[[list], list],
) -> list:
    """A request class's ``run_batch``: requests of equal ``key(request)`` run as one.

    ``together(group)`` runs a group of two or more and returns one result per member;
    a request whose key is None, or alone in its group, runs by itself
    (``request.run()``). The results come back in the order of ``requests``.
    """
    results: list = [None] * len(requests)
    groups: dict = {}
    for k, request in enumerate(requests):
        group = key(request)
        if group is None:
            results[k] = request.run()
        else:
            groups.setdefault(group, []).append(k)
    for members in groups.values():
        if len(members) == 1:
            results[members[0]] = requests[members[0]].run()
            continue
        got = together([requests[k] for k in members])
        for k, result in zip(members, got, strict=True):
            results[k] = result
    return results
