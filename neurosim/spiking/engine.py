"""The one engine: the only code in neurosim that creates and runs Brian2 objects.

Every simulation in neurosim (single neurons, f-I sweeps, STDP, converted deep
networks, the Hodgkin-Huxley axon) is one :class:`Engine`: one explicit
``brian2.Network``, built and run under one code-generation target, with one explicit
clock, explicit names and an explicit namespace, run once, its results copied out as
plain numpy arrays before the engine is left::

    with Engine(dt=0.1 * ms, seed=seed, name="fi") as engine:
        group = engine.neuron_group(n, equations, threshold="v > V_th", ...)
        spikes = engine.spike_monitor(group, label="spikes")
        engine.namespace.update(params.namespace())
        engine.run(1 * second)
        times, index = engine.spikes(spikes)

Why it is built like this:

- **The target is applied while objects are built and while they run.** Brian2 may
  generate code when an object is created (e.g. setting a variable from a string), not
  only in ``run()``; an object created outside the target's scope compiles with
  Brian2's global default (Cython), which is a cold start of 15-25 s per model on a
  machine that expected no compiler. Builders therefore refuse to work outside
  ``with Engine(...)``.
- **Randomness is seeded without touching the caller's numpy state.**
  ``brian2.seed()`` reseeds numpy's *global* generator, and the numpy target draws its
  noise from it. :meth:`Engine.run` saves numpy's global state, seeds, runs, and
  restores it: the same seed gives the same spikes, and a user's ``np.random`` stream
  is the same before and after any neurosim simulation.
- **No magic network and no caller's namespace.** Objects are added to the engine's own
  ``Network`` and Brian2 resolves every name in :attr:`Engine.namespace` only.
- **Plain arrays out.** Monitors never leave the engine's block; :meth:`spikes` and
  :meth:`states` copy their data out.
"""

from __future__ import annotations

import contextlib

import numpy as np

import neurosim.units  # noqa: F401  (first: restores the hooks Brian2's import replaces)
from neurosim.core.validation import check_int, check_seed, param_error
from neurosim.spiking.backend import resolve_target, use_target
from neurosim.spiking.heap import COLLECT_ELEMENTS, _block_collected, _elements
from neurosim.spiking.lookup import fast_numpy_lookup
from neurosim.spiking.streams import StreamsError, _Streams
from neurosim.units import check_quantity, ms, second

import brian2  # isort: skip  (after neurosim.units, see above)

__all__ = ["Engine", "check_cost", "check_steps"]


#: Rough cost of Brian2's numpy target on a 2-core laptop (measured, see
#: docs/architecture.md): a fixed overhead per time step plus a cost per neuron-step.
#: The second is an upper bound for noisy neurons with Poisson input: rate_code_needs_time's
#: ten seeds as one batch, 3.9e4 steps x 11,000 neurons, took 32 s in all (3e-8 s per
#: neuron-step beyond the per-step overhead), where 2e-7 had warned of 2.4 min.
SECONDS_PER_STEP = 1.5e-3
SECONDS_PER_NEURON_STEP = 5e-8
#: Longer runs are refused up front; runs longer than WARN_SECONDS are warned about.
REFUSE_SECONDS = 6 * 3600.0
WARN_SECONDS = 120.0
REFUSE_BYTES = 4 * 2**30


def check_cost(n_steps: int, n_neurons: int, owner: str, *, recorded: int = 0) -> float:
    """Estimate a run's time (s) and memory; refuse absurd runs, warn about long ones.

    ``recorded`` is the number of state variables recorded per neuron and step.
    Returns the estimated seconds.
    """
    import warnings

    from neurosim.core.warning_types import LongRunWarning

    seconds = n_steps * (SECONDS_PER_STEP + SECONDS_PER_NEURON_STEP * n_neurons)
    memory = 8.0 * n_steps * n_neurons * recorded
    estimate = f"{n_steps:.3g} time steps x {n_neurons} neuron(s): about {seconds / 60:.3g} min" + (
        f" and {memory / 2**30:.3g} GiB of recordings" if recorded else ""
    )
    if seconds > REFUSE_SECONDS or memory > REFUSE_BYTES:
        raise param_error(
            "duration",
            owner,
            f"a run that fits in {REFUSE_SECONDS / 3600:g} h and "
            f"{REFUSE_BYTES / 2**30:g} GiB of recordings",
            estimate,
            "Shorten the duration, use fewer neurons, or record less.",
        )
    if seconds > WARN_SECONDS:
        warnings.warn(f"{owner}: a long run, {estimate}.", LongRunWarning, stacklevel=3)
    return seconds


def check_steps(duration, dt, owner: str, name: str = "duration") -> int:
    """Number of time steps in ``duration``; it must be a whole number of ``dt``."""
    check_quantity(duration, name, owner, second, positive=True, scalar=True, example="1*second")
    check_quantity(dt, "dt", owner, second, positive=True, scalar=True, example="0.1*ms")
    ratio = float(duration / dt)
    steps = round(ratio)
    if steps < 1 or abs(ratio - steps) > 1e-6 * max(ratio, 1.0):
        raise param_error(
            name,
            owner,
            f"a whole number of time steps dt = {dt}",
            duration,
            f"Use e.g. {max(steps, 1) * float(dt / ms):g}*ms.",
        )
    return steps


def _steps_like_the_clock(group) -> None:
    """Store a spike generator's time steps (``_timebins``) as int64, like the clock's step.

    Brian2 2.9 stores them as int32 and its numpy target finds each step's spikes with
    ``numpy.searchsorted(_timebins[next:], timestep)``, ``timestep`` being the clock's
    int64 counter: numpy then converts every spike still to come to int64, at every
    step, so a run cost its steps times its spikes (spike_timing_matters: 100,000 input
    spikes over 15,000 steps, 1.1 s of its 6.9 s; ten seeds in one run, ten times that
    per step). Of the same type, the search is a binary one. The values are Brian2's
    own, computed as before and widened when it stores them (``before_run``); a
    Brian2 without this variable, or with it already int64, is left as it is.
    """
    variables = group.variables
    old = variables._variables.get("_timebins")
    if old is None or old.dtype == np.int64:
        return
    del variables._variables["_timebins"]
    variables.add_dynamic_array(
        "_timebins",
        size=old.size,
        index="spike_number",
        read_only=True,
        constant=True,
        dtype=np.int64,
    )


class Engine:
    """One Brian2 network, built and run under one target; plain arrays out.

    Parameters
    ----------
    dt : Quantity
        Time step of every object (one explicit clock).
    seed : int, default 0
        Seed of Brian2's random numbers for :meth:`run`.
    target : {"numpy", "cython"} or None
        Code-generation target; ``None`` uses :func:`neurosim.spiking.get_target`.
    name : str, default "neurosim"
        Prefix of every object's name.
    owner : str, default "Engine"
        The public function on whose behalf it runs (for error messages).
    streams : sequence of int or None
        Seeds as a batch: every random quantity (noise, Poisson sources) is drawn for
        ``len(streams)`` equal blocks of its group, block ``j`` from its own generator
        seeded with ``streams[j]``, in the same calls and sizes as a run of that block
        alone with ``seed=streams[j]``: its numbers, hence its spikes, are identical to
        that run's (see :class:`neurosim.spiking.streams._Streams`). ``seed`` is then unused.
    """

    def __init__(
        self,
        *,
        dt,
        seed: int = 0,
        target: str | None = None,
        name="neurosim",
        owner: str = "Engine",
        streams=None,
    ):
        check_quantity(dt, "dt", owner, second, positive=True, scalar=True, example="0.1*ms")
        self.dt = dt
        self.seed = check_seed(seed, "seed", owner)
        self.target = resolve_target(target, owner)
        if not isinstance(name, str) or not name.isidentifier():
            raise param_error("name", owner, "an identifier", name)
        self.name = name
        self.owner = owner
        self.streams = None
        if streams is not None:
            if isinstance(streams, str) or not hasattr(streams, "__len__") or not streams:
                raise param_error("streams", owner, "a non-empty sequence of seeds", streams)
            self.streams = tuple(check_seed(s, "streams", owner) for s in streams)
            if self.target != "numpy":  # compiled targets draw from their own generator
                raise param_error("streams", owner, "used with the numpy target", self.target)
        self.namespace: dict = {}
        self._inside = False
        self._scopes = None
        self._leave = None
        self._network = None
        self._clock = None
        self._ran = False

    # -- scope ------------------------------------------------------------------------
    def __enter__(self) -> Engine:
        if self._inside:
            raise RuntimeError("an Engine's block cannot be entered twice")
        with contextlib.ExitStack() as scopes:  # left in reverse: the target, then the heap
            self._leave = scopes.enter_context(_block_collected())  # first: see heap.py
            scopes.enter_context(use_target(self.target))
            self._scopes = scopes.pop_all()
        self._inside = True
        self._clock = brian2.Clock(self.dt, name=f"{self.name}_clock")
        self._network = brian2.Network(name=f"{self.name}_network")
        return self

    def __exit__(self, *exc):
        self._inside = False
        network = self._network
        self._leave["whole"] = network is not None and _elements(network) >= COLLECT_ELEMENTS
        # drop every Brian2 object with the block; the heap's exit frees them (heap.py)
        network = self._network = self._clock = None
        scopes, self._scopes = self._scopes, None
        return scopes.__exit__(*exc)

    def _check_inside(self, what: str):
        if not self._inside:
            raise RuntimeError(
                f"Engine.{what} must be called inside 'with Engine(...) as engine:', so that "
                "the object is built under the chosen target"
            )

    def _name(self, label: str) -> str:
        if not isinstance(label, str) or not label.isidentifier():
            raise param_error("label", f"Engine ({self.owner})", "an identifier", label)
        return f"{self.name}_{label}"

    def _add(self, obj):
        self._network.add(obj)
        return obj

    # -- builders ---------------------------------------------------------------------
    def neuron_group(
        self,
        n: int,
        model: str,
        *,
        label: str,
        threshold=None,
        reset=None,
        refractory=False,
        method="exact",
        events=None,
    ):
        """A ``NeuronGroup`` of ``n`` neurons with the model ``equations`` string."""
        self._check_inside("neuron_group")
        n = check_int(n, "n", f"Engine ({self.owner})", low=1)
        return self._add(
            brian2.NeuronGroup(
                n,
                model,
                threshold=threshold,
                reset=reset,
                refractory=refractory,
                method=method,
                events=events,
                clock=self._clock,
                name=self._name(label),
            )
        )

    def spatial_neuron(
        self, morphology, model: str, *, label: str, method="exponential_euler", **kwargs
    ):
        """A ``SpatialNeuron`` (a cable of compartments) on the engine's clock."""
        self._check_inside("spatial_neuron")
        return self._add(
            brian2.SpatialNeuron(
                morphology=morphology,
                model=model,
                method=method,
                clock=self._clock,
                name=self._name(label),
                **kwargs,
            )
        )

    def cables(
        self,
        model: str,
        sections,
        *,
        insulator,
        Cm,
        Ri,
        label: str,
    ):
        """Unbranched cylinders, as the branches of one ``SpatialNeuron`` (one group).

        ``sections`` lists ``(diameter, length, n)`` per cable. Each cable hangs from a
        common root compartment through an insulator section of one compartment,
        ``insulator = (diameter, length)``, thin and long enough that its axial
        resistance decouples the cables (each cable then ends in a sealed end at both
        ends). Returns the neuron and, per cable, the indices of its compartments (from
        its start to its end).
        """
        self._check_inside("cables")
        ins_d, ins_l = insulator
        root = brian2.Cylinder(diameter=ins_d, length=ins_l, n=1)
        for k, (diameter, length, n) in enumerate(sections):
            n = check_int(n, f"sections[{k}] n", f"Engine ({self.owner})", low=2)
            branch = brian2.Cylinder(diameter=ins_d, length=ins_l, n=1)
            branch.axon = brian2.Cylinder(diameter=diameter, length=length, n=n)
            setattr(root, f"branch{k}", branch)
        neuron = self.spatial_neuron(root, model, label=label, Cm=Cm, Ri=Ri)
        indices = [
            np.asarray(root[f"branch{k}"]["axon"].indices[:], dtype=np.int64).copy()
            for k in range(len(sections))
        ]
        return neuron, indices

    def synapses(
        self,
        source,
        target,
        *,
        label: str,
        model="",
        on_pre=None,
        on_post=None,
        i=None,
        j=None,
        method="exact",
    ):
        """``Synapses`` from ``source`` to ``target``, connected pre ``i`` -> post ``j``."""
        self._check_inside("synapses")
        syn = brian2.Synapses(
            source,
            target,
            model=model,
            on_pre=on_pre,
            on_post=on_post,
            method=method,
            clock=self._clock,
            name=self._name(label),
        )
        if i is not None or j is not None:
            syn.connect(i=np.asarray(i, dtype=np.int64), j=np.asarray(j, dtype=np.int64))
        return self._add(syn)

    def poisson_group(self, rates, *, label: str):
        """A ``PoissonGroup``, one source per entry of ``rates`` (a Quantity in Hz)."""
        self._check_inside("poisson_group")
        return self._add(
            brian2.PoissonGroup(len(rates), rates=rates, clock=self._clock, name=self._name(label))
        )

    def spike_generator(self, n: int, indices, times, *, label: str):
        """A ``SpikeGeneratorGroup`` of ``n`` inputs: input ``indices[k]`` spikes at ``times[k]``.

        Its spikes' time steps are held as the clock's step counter is (see
        :func:`_steps_like_the_clock`): the same spikes, at a cost per step that does
        not grow with the spikes still to come.
        """
        self._check_inside("spike_generator")
        group = brian2.SpikeGeneratorGroup(
            n, np.asarray(indices), times, clock=self._clock, name=self._name(label)
        )
        _steps_like_the_clock(group)
        return self._add(group)

    def timed_array(self, values, *, label: str, dt=None) -> str:
        """A ``TimedArray`` put into the namespace; returns the name to use in equations."""
        self._check_inside("timed_array")
        name = self._name(label)
        timed = brian2.TimedArray(values, dt=self.dt if dt is None else dt, name=name)
        # the same values, without numpy's cost per scalar call
        fast_numpy_lookup(timed, brian2.get_unit(timed.dim))
        self.namespace[name] = timed
        return name

    def spike_monitor(self, source, *, label: str, record=True, variables=None):
        """A ``SpikeMonitor`` (read it with :meth:`spikes` or :meth:`spike_counts`)."""
        self._check_inside("spike_monitor")
        return self._add(
            brian2.SpikeMonitor(source, variables=variables, record=record, name=self._name(label))
        )

    def state_monitor(self, source, variables, *, label: str, record=True, dt=None, when="start"):
        """A ``StateMonitor`` (read it with :meth:`states`).

        ``when="start"`` records the state at the start of a step: sample ``k`` is the
        state at time ``k * dt`` (after the previous step's update, threshold and
        reset), which is what "the membrane potential at time t" means.
        """
        self._check_inside("state_monitor")
        kwargs = {} if dt is None else {"dt": dt}
        return self._add(
            brian2.StateMonitor(
                source, variables, record=record, when=when, name=self._name(label), **kwargs
            )
        )

    # -- run --------------------------------------------------------------------------
    def run(self, duration) -> None:
        """Run the network once for ``duration`` (a whole number of ``dt``).

        Brian2's random numbers are seeded with the engine's seed; numpy's global
        random state is the same after the run as before it.
        """
        self._check_inside("run")
        if self._ran:
            raise RuntimeError("an Engine runs once; build a new one for another run")
        steps = check_steps(duration, self.dt, self.owner)
        state = np.random.get_state()  # noqa: NPY002  (the global state Brian2 uses)
        try:
            brian2.seed(self.seed)
            self._run_network(steps)
        finally:
            np.random.set_state(state)  # noqa: NPY002
        self._ran = True

    def _run_network(self, steps: int) -> None:
        if self.streams is None:
            self._network.run(steps * self.dt, namespace=self.namespace, report=None)
        else:
            with _Streams(self.streams, self.owner):
                try:
                    self._network.run(steps * self.dt, namespace=self.namespace, report=None)
                except brian2.core.base.BrianObjectException as err:
                    if isinstance(err.__cause__, StreamsError):  # ours, in Brian2's words
                        raise err.__cause__ from None
                    raise

    # -- read out (plain arrays) ------------------------------------------------------
    @staticmethod
    def spikes(monitor) -> tuple[np.ndarray, np.ndarray]:
        """``(times in s, neuron index)`` of every recorded spike, as plain arrays."""
        return (
            np.asarray(monitor.t_[:], dtype=float).copy(),
            np.asarray(monitor.i[:], dtype=np.int64).copy(),
        )

    @staticmethod
    def spike_counts(monitor) -> np.ndarray:
        """Spikes per neuron of a ``SpikeMonitor`` (recording or not)."""
        return np.asarray(monitor.count[:], dtype=np.int64).copy()

    @staticmethod
    def states(monitor, variable: str) -> np.ndarray:
        """Recorded values of ``variable`` in SI units, shape ``(n_recorded, n_times)``."""
        return np.asarray(getattr(monitor, f"{variable}_"), dtype=float).copy()

    @staticmethod
    def times(monitor) -> np.ndarray:
        """Sample times of a ``StateMonitor``, in seconds."""
        return np.asarray(monitor.t_[:], dtype=float).copy()

    @staticmethod
    def values(obj, variable: str) -> np.ndarray:
        """Current values of a group's or synapses' ``variable`` in SI units."""
        return np.asarray(getattr(obj, f"{variable}_")[:], dtype=float).copy()
