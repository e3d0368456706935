"""``neurosim sweep``: grid x seeds on local processes and on a real Dask cluster.

The fake comparisons (tests/fake_comparisons) run in milliseconds; every value in the
table is recomputed here from fake_steady's definition (not from the code under test).
A LocalCluster (scheduler and two worker processes on localhost) must give the same
bytes as the local run: the same jobs, the same seeds, the same table.
"""

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from neurosim.cli import main
from neurosim.contract import registry
from neurosim.run import executors
from neurosim.run.pipeline import generate
from neurosim.run.sweep import check_grid, parse_grid, plot_sweep, sweep

ROOT = Path(__file__).resolve().parents[1]
FAKE = "tests.fake_comparisons"
GAINS = ["1", "2", "4"]
SEEDS = [0, 1, 2]


@pytest.fixture(autouse=True)
def fake_package(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv(registry.PACKAGE_ENV, FAKE)


def steady_value(seed, gain):
    """fake_steady's first claim, recomputed from its definition."""
    x = np.random.default_rng(seed).normal(size=5)
    return gain * (10 + 0.1 * x.mean())


@pytest.fixture(scope="module")
def local_sweep(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT))
        mp.setenv(registry.PACKAGE_ENV, FAKE)
        out = tmp_path_factory.mktemp("local")
        result = sweep(
            "fake_steady", {"gain": GAINS}, seeds=SEEDS, quick=True, out=out, progress=None
        )
        yield out, result


@pytest.fixture(scope="module")
def cluster():
    """A real Dask cluster: a scheduler and two single-threaded worker processes."""
    distributed = pytest.importorskip("distributed")
    with pytest.MonkeyPatch.context() as mp:
        # the worker processes import the fake comparisons from the project root
        mp.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
        mp.setenv(registry.PACKAGE_ENV, FAKE)
        with distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as c:
            yield c.scheduler_address


def test_table_has_every_claim_per_point_and_seed(local_sweep):
    out, result = local_sweep
    assert result.ok and [f.name for f in result.files] == [
        "fake_steady_sweep.csv",
        "fake_steady_sweep.json",
        "fake_steady_sweep.png",
    ]
    with open(out / "fake_steady_sweep.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(GAINS) * len(SEEDS) * 2  # two claims each
    for row in rows:
        if row["claim"] == "0":
            # exact: the same numpy generator and arithmetic, written with repr()
            want = steady_value(int(row["seed"]), float(row["gain"]))
            assert float(row["value"]) == want
            assert row["unit"] == "Hz" and row["verdict"] == "holds" and row["key"] == "1"
    assert sorted({float(r["gain"]) for r in rows}) == [1.0, 2.0, 4.0]


def test_json_has_units_rules_and_seed_statistics(local_sweep):
    out, _ = local_sweep
    record = json.loads((out / "fake_steady_sweep.json").read_text())
    assert record["swept"][0]["name"] == "gain" and record["swept"][0]["values"] == [1.0, 2.0, 4.0]
    key = record["claims"][0]
    assert key["unit"] == "Hz" and key["key"] is True
    assert key["rule"] == {
        "holds": [5.0, None],
        "partly": None,
        "reason": "half of ten",
        "below": "too little gain",
        "above": None,
    }
    assert key["label"] == "ten times the gain"
    for point, gain in zip(record["points"], (1, 2, 4), strict=True):
        claim = point["claims"][0]
        values = [steady_value(s, gain) for s in SEEDS]
        assert claim["values"] == pytest.approx(values, rel=1e-12)
        # mean and 95 % t-interval, 2 degrees of freedom: t = 4.3027 (any t table)
        half = 4.3027 * np.std(values, ddof=1) / np.sqrt(3)
        assert claim["value"] == pytest.approx(np.mean(values), rel=1e-12)
        assert claim["interval"] == pytest.approx(
            [np.mean(values) - half, np.mean(values) + half], rel=1e-4
        )


def test_figure_shades_the_rules_bands(local_sweep):
    out, _ = local_sweep
    assert (out / "fake_steady_sweep.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    record = json.loads((out / "fake_steady_sweep.json").read_text())
    fig = plot_sweep(record)
    ax = fig.axes[0]
    # the band in the words of the claim's question: an analogy claim
    spans = [p for p in ax.patches if p.get_label() == "the analogy holds"]
    assert len(spans) == 1
    ys = spans[0].get_transform().transform(spans[0].get_path().vertices)[:, 1]  # pixels
    y_low = ax.transData.inverted().transform([[0, ys.min()]])[0, 1]
    assert y_low == pytest.approx(5.0, abs=1e-6)  # the rule's "holds" threshold
    assert ax.get_xlabel() == "gain"
    assert "ten times the gain" in ax.get_title()


def test_dask_cluster_gives_the_same_bytes_as_local(local_sweep, cluster, tmp_path):
    out, _ = local_sweep
    result = sweep(
        "fake_steady",
        {"gain": GAINS},
        seeds=SEEDS,
        quick=True,
        out=tmp_path,
        scheduler=cluster,
        progress=None,
    )
    assert result.ok
    for suffix in ("csv", "json", "png"):
        name = f"fake_steady_sweep.{suffix}"
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_figures_seeds_on_the_cluster_equal_local(cluster, tmp_path):
    local = generate(["fake_steady"], out=tmp_path / "a", quick=True, seeds=range(3), progress=None)
    remote = generate(
        ["fake_steady"],
        out=tmp_path / "b",
        quick=True,
        seeds=range(3),
        scheduler=cluster,
        progress=None,
    )
    assert local[0].ok and remote[0].ok
    for suffix in ("json", "png", "svg"):
        name = f"fake_steady.{suffix}"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_cli_sweep_writes_the_table(tmp_path, capsys):
    code = main(
        [
            *("sweep", "fake_steady", "--set", "gain=1,3", "--seeds", "2", "--quick"),
            *("--out", str(tmp_path), "--jobs", "1"),
        ]
    )
    assert code == 0
    rows = list(csv.DictReader(open(tmp_path / "fake_steady_sweep.csv", newline="")))
    assert [(r["gain"], r["seed"], r["claim"]) for r in rows[:4]] == [
        ("1.0", "0", "0"),
        ("1.0", "0", "1"),
        ("1.0", "1", "0"),
        ("1.0", "1", "1"),
    ]
    assert "2 grid point(s) x 2 seed(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    "setting, message",
    [
        ("gian=1,2", "Did you mean 'gain'?"),  # unknown parameter
        ("gain=1,-2", "gain"),  # out of the declared range (low=0)
        ("gain=1,abc", "abc"),  # not a number
        ("gain=", "empty"),  # empty list
        ("gain=1,,2", "empty value"),
        ("gain=1,1.0", "the same"),  # the same value twice
        ("fake_coin.gain=1", "but the sweep runs 'fake_steady'"),  # another comparison
    ],
)
def test_cli_refuses_bad_grids_before_running(setting, message, tmp_path, capsys):
    out = tmp_path / "never"
    code = main(["sweep", "fake_steady", "--set", setting, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and message in err, err
    assert not out.exists()  # refused before anything ran or was written


def test_cli_refuses_a_missing_grid_and_unknown_comparison(capsys):
    assert parse_grid(["fake_steady.gain=1,2"], "fake_steady") == {"gain": ["1", "2"]}
    assert main(["sweep", "fake_steady"]) == 2
    assert "Nothing to sweep" in capsys.readouterr().err
    assert main(["sweep", "fake_stedy", "--set", "gain=1"]) == 2
    assert "Did you mean 'fake_steady'?" in capsys.readouterr().err
    assert main(["sweep", "scorecard", "--set", "x=1"]) == 2  # reads the others' output
    assert "cannot be swept" in capsys.readouterr().err


def test_a_scheduler_that_does_not_answer_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1.0)
    start = time.monotonic()
    # port 9 (discard) on localhost: nothing listens there
    code = main(
        [
            *("sweep", "fake_steady", "--set", "gain=1", "--out", str(tmp_path)),
            *("--scheduler", "tcp://127.0.0.1:9"),
        ]
    )
    assert time.monotonic() - start < 10
    err = capsys.readouterr().err
    assert code == 2 and "did not answer" in err and "tcp://127.0.0.1:9" in err


def test_missing_dask_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails
    with pytest.raises(executors.SchedulerError) as err:
        with executors.open_executor(scheduler="tcp://127.0.0.1:9"):
            pass
    # a hint that works: the package itself, or the extra from a checkout, never the
    # unrelated "neurosim" of the package index
    message = str(err.value)
    assert "pip install 'dask[distributed]'" in message and '".[cluster]"' in message
    assert "neurosim[" not in message


def test_units_are_parsed_and_claims_without_key_fall_back(tmp_path, monkeypatch):
    """A comparison with a parameter in ms and no key claim (a package made here)."""
    pkg = tmp_path / "sweep_fakes"
    pkg.mkdir()
    (pkg / "__init__.py").write_text('ORDER = ("timed",)\n')
    (pkg / "timed.py").write_text(
        textwrap.dedent(
            """
            from neurosim.contract.module import begin
            from neurosim.contract import Rule
            from neurosim.contract.parameters import Parameter
            from neurosim.units import ms

            NAME = "timed"
            QUESTION = "Is the time constant read in ms?"
            PARAMETERS = (Parameter("tau", 10.0, "a time constant", unit="ms", low=1, high=100),)

            def run(*, quick=False, seed=0, **params):
                findings, p = begin(NAME, QUESTION, PARAMETERS, params, quick=quick, seed=seed)
                findings.data = {}
                findings.claim("tau in ms", float(p.tau / ms), "ms",
                               rule=Rule.at_most(15, reason="r", partly=30), aspect="timing")
                findings.claim("tau alone", 1.0, "", rule=Rule.at_least(0, reason="r"),
                               about="spiking")
                return findings

            def plot(findings):
                raise NotImplementedError
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(registry.PACKAGE_ENV, "sweep_fakes")
    module = registry.load("timed")
    axes = check_grid(module, parse_grid(["tau=5ms,0.02s"]))
    assert axes[0].values == (5.0, 20.0) and axes[0].unit == "ms"
    with pytest.raises(Exception, match="tau"):
        check_grid(module, parse_grid(["tau=5mV"]))  # wrong unit
    result = sweep("timed", {"tau": ["5ms", "20ms", "50ms"]}, out=tmp_path / "o", jobs=1)
    record = result.record
    assert [p["claims"][0]["verdict"] for p in record["points"]] == ["holds", "partly", "fails"]
    assert record["swept"][0]["unit"] == "ms"
    fig = plot_sweep(record)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 1 and visible[0].get_title() == "tau in ms"  # the analogy claim
    assert visible[0].get_xlabel() == "tau (ms)"


def test_figures_refuses_a_dead_scheduler(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1.0)
    code = main(
        [
            *("figures", "fake_steady", "--seeds", "2", "--out", str(tmp_path)),
            *("--scheduler", "tcp://127.0.0.1:9"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "did not answer" in err


def test_interrupt_stops_a_sweep_fast_and_writes_nothing(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), **{registry.PACKAGE_ENV: FAKE})
    command = [sys.executable, "-m", "neurosim", "sweep", "fake_slow", "--set", "delay=0,60"]
    command += ["--jobs", "2", "--out", str(tmp_path)]
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        # wait until the 0 s run has finished beside the 60 s one
        deadline = time.monotonic() + 30
        lines = []
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if "[1/2] runs finished" in line or not line:
                break
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        status = proc.wait(timeout=30)
        stopped = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    out = "".join(lines) + proc.stdout.read()
    assert status == 130, (out, proc.stderr.read())
    # an order of magnitude, not a timing (under load it takes 1-3 s): the 60 s job's
    # worker is terminated, not waited for
    assert stopped < 15.0
    assert "1 of 2 run(s) finished; nothing written" in out
    assert not list(tmp_path.iterdir())


def test_cluster_workers_can_run_brian2_comparisons(cluster):
    """Brian2 cannot be imported in a Dask task's thread; the worker plugin imports it
    on the worker's main thread first (without it: "signal only works in main thread")."""
    with executors.open_executor(scheduler=cluster) as pool:
        future = pool.submit(eval, "__import__('neurosim.units').units.ms.dim is not None")
        assert future.result(timeout=60) is True


def test_a_batched_comparisons_points_run_as_one_job_each_as_alone(tmp_path):
    # lif_neuron holds tau_m per neuron: the sweep's three points are one job (here, in
    # this process: the work is under two worker start-ups) and one Brian2 run, and each
    # point's claims are those of the point's own run
    from neurosim.comparisons import lif_neuron
    from neurosim.units import ms

    lines = []
    result = sweep(
        "lif_neuron",
        {"tau_m": ["5ms", "10ms", "20ms"]},
        seeds=[0, 1],
        quick=True,
        out=tmp_path,
        package="neurosim.comparisons",
        progress=lines.append,
    )
    assert "with 1 process(es)" in lines[0] and "batched" in lines[0], lines[0]
    assert not result.errors
    for point, tau in zip(result.record["points"], (5, 10, 20), strict=True):
        alone = lif_neuron.run(quick=True, seed=0, tau_m=tau * ms).to_dict()["claims"]
        assert [c["value"] for c in point["claims"]] == [c["value"] for c in alone]


def test_a_failing_point_of_a_batch_does_not_take_the_others(monkeypatch):
    import types

    from neurosim.run import tasks
    from neurosim.spiking import LIFParameters, Simulation, seeds_as_batch
    from neurosim.stimuli import constant
    from neurosim.units import ms, nA

    class Done:
        def __init__(self, count):
            self.count = count

        def to_dict(self):
            return {"count": self.count}

    def steps(*, quick=False, seed=0, current=0.3):
        if current < 0:
            raise ValueError("no negative currents here")
        result = yield Simulation(LIFParameters(), constant(current * nA), 50 * ms, seed=seed)
        return Done(int(result.counts.sum()))

    fake = types.SimpleNamespace(run=seeds_as_batch(steps))
    monkeypatch.setattr(tasks.registry, "load", lambda name, package=None: fake)
    calls = ((0, {"current": 0.3}), (0, {"current": -1.0}), (1, {"current": 0.5}))
    results = tasks._run_calls_task("fake", calls, True, None)
    assert [r.ok for r in results] == [True, False, True]
    assert "no negative currents here" in results[1].error
    # each good point as its own run: 0.3 nA fires (above the rheobase 0.15 nA), and
    # 0.5 nA fires more often
    alone = [fake.run(quick=True, seed=s, **p).count for s, p in (calls[0], calls[2])]
    assert [results[0].record["count"], results[2].record["count"]] == alone
    assert 0 < alone[0] < alone[1]


def test_a_sweep_runs_here_when_its_work_is_under_two_worker_start_ups():
    from neurosim.run.sweep import WORKER_START_SECONDS, _default_jobs, _split

    # lif_neuron: COST 2.5 s full, a quarter of it quick
    assert _default_jobs("lif_neuron", "neurosim.comparisons", 3, quick=True) == 1
    assert 2.5 * 10 >= 2 * WORKER_START_SECONDS
    assert _default_jobs("lif_neuron", "neurosim.comparisons", 10, quick=False) == min(
        2, os.cpu_count() or 1
    )
    # contiguous parts of near-equal size, none empty: worked by hand
    assert _split(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert _split([1, 2], 5) == [[1], [2]]
