"""The package's shape, read from the source with ast (nothing is imported).

- Brian2 comes in through two doors only: neurosim.units (which restores the session
  hooks Brian2's import replaces) and the engine, which alone builds and runs networks.
- neurosim.artificial never imports brian2 or neurosim.spiking; neurosim.stimuli only
  describes input and never imports brian2.
- No module reads another package's private names.
- No module is longer than MAX_LINES (known exceptions are strict xfails with a reason).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "neurosim"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 500

#: The two doors: the only modules that import brian2 at all (units restores the session
#: hooks Brian2's import replaces; the engine builds and runs every network).
BRIAN_DOORS = {"neurosim/spiking/engine.py", "neurosim/units.py"}
#: Modules allowed to import brian2 itself or its network-building names.
BRIAN_OWNERS = BRIAN_DOORS
#: Brian2 names that build or run networks (plus every *Monitor).
BUILDERS = {
    "NeuronGroup",
    "Synapses",
    "SpikeGeneratorGroup",
    "PoissonGroup",
    "PoissonInput",
    "Network",
    "SpatialNeuron",
    "TimedArray",
    "Clock",
    "run",
    "seed",
    "set_device",
    "start_scope",
    "collect",
    "magic_network",
    "prefs",
}

#: Modules over MAX_LINES that could not be split yet, and why.
TOO_LONG: dict[str, str] = {}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _package_of(path: Path) -> str:
    """The package a module belongs to (a package's __init__ belongs to itself)."""
    name = _module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _package_named(module: str) -> str:
    """The package of a dotted module name (a package is its own)."""
    if (ROOT / Path(*module.split("."))).is_dir():
        return module
    return module.rpartition(".")[0]


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(tree: ast.Module, path: Path):
    """(module, name or None, node) for every import; relative imports resolved."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = _package_of(path).split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            for alias in node.names:
                yield module, alias.name, node


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _is_builder(name: str) -> bool:
    return name in BUILDERS or name.endswith("Monitor")


def _builder_uses(tree: ast.Module, path: Path) -> list[str]:
    """Every place that imports brian2 or uses a network-building name of it."""
    found = []
    aliases = set()
    for module, name, node in _imports(tree, path):
        if module == "brian2" and name is None:
            found.append(f"line {node.lineno}: import brian2")
            aliases.add(node.names[0].asname or "brian2")
        elif module.split(".")[0] == "brian2" and name is not None and _is_builder(name):
            found.append(f"line {node.lineno}: from {module} import {name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in aliases | {"brian2", "b2"} and _is_builder(node.attr):
                found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_brian2_comes_in_only_through_its_two_doors(path):
    # any other door (even "from brian2 import ms") could be the first import of Brian2
    # in a session and leave its excepthook banner installed
    if _rel(path) in BRIAN_DOORS:
        return
    found = [
        f"line {node.lineno}: {module}"
        for module, _name, node in _imports(_tree(path), path)
        if module.split(".")[0] == "brian2"
    ]
    assert not found, f"{_rel(path)} imports brian2 outside units.py and the engine: {found}"


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_only_the_engine_builds_brian2_networks(path):
    if _rel(path) in BRIAN_OWNERS:
        return
    found = _builder_uses(_tree(path), path)
    assert not found, f"{_rel(path)} builds Brian2 objects outside the engine: {found}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "artificial").rglob("*.py")), ids=_rel)
def test_the_artificial_side_never_imports_brian2_or_the_spiking_side(path):
    bad = [
        f"line {node.lineno}: {module}"
        for module, _name, node in _imports(_tree(path), path)
        if module.split(".")[0] == "brian2"
        or module == "neurosim.spiking"
        or module.startswith("neurosim.spiking.")
        or (module == "neurosim" and _name == "spiking")
    ]
    assert not bad, f"{_rel(path)} imports {bad}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "spiking").rglob("*.py")), ids=_rel)
def test_the_spiking_side_never_imports_the_artificial_side_or_the_comparison_layer(path):
    bad = [
        f"line {node.lineno}: {module}"
        for module, name, node in _imports(_tree(path), path)
        if module.split(".")[:2] in (["neurosim", "artificial"], ["neurosim", "compare"])
        or (module == "neurosim" and name in ("artificial", "compare"))
    ]
    assert not bad, f"{_rel(path)} imports {bad}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "stimuli").rglob("*.py")), ids=_rel)
def test_stimuli_only_describe_input_and_never_import_brian2(path):
    bad = [
        f"line {node.lineno}: {module}"
        for module, _name, node in _imports(_tree(path), path)
        if module.split(".")[0] == "brian2" or module.startswith("neurosim.spiking")
    ]
    assert not bad, bad


def _private_reads(tree: ast.Module, path: Path) -> list[str]:
    """Private names of another package that the module imports or reads."""
    own = _package_of(path)
    bad = []
    imported_modules = {}  # local name -> module it is bound to
    for module, name, node in _imports(tree, path):
        if not module.startswith("neurosim"):
            continue
        if name is None:
            alias = node.names[0]
            if alias.asname:
                imported_modules[alias.asname] = module
            continue
        target = f"{module}.{name}"
        is_module = (ROOT / Path(*target.split("."))).with_suffix(".py").exists() or (
            ROOT / Path(*target.split(".")) / "__init__.py"
        ).exists()
        if is_module:
            imported_modules[name if not node.names else _asname(node, name)] = target
            continue
        if _is_private(name) and _package_named(module) != own:
            bad.append(f"line {node.lineno}: from {module} import {name}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in imported_modules
            and _is_private(node.attr)
        ):
            if _package_named(imported_modules[node.value.id]) != own:
                bad.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return bad


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_module_reads_another_packages_private_names(path):
    bad = _private_reads(_tree(path), path)
    assert not bad, f"{_rel(path)} reads private names of another package: {bad}"


def _asname(node, name: str) -> str:
    for alias in node.names:
        if alias.name == name:
            return alias.asname or name
    return name


def test_the_stimulus_translation_reads_no_private_stimulus_data():
    # the old simulate reached into Stimulus._data and Stimulus._brian_*; the spiking side
    # now reads only the public properties of the stimulus types
    pattern = re.compile(r"\._data\b|\._brian_")
    offenders = [
        _rel(p)
        for p in MODULES
        if "stimuli" not in p.parts and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders


def _length_cases():
    for path in MODULES:
        rel = _rel(path)
        marks = [pytest.mark.xfail(reason=TOO_LONG[rel], strict=True)] if rel in TOO_LONG else []
        yield pytest.param(path, id=rel, marks=marks)


@pytest.mark.parametrize("path", list(_length_cases()))
def test_no_module_is_longer_than_the_limit(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{_rel(path)} has {n} lines (limit {MAX_LINES})"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import brian2 as b2\ng = b2.NeuronGroup(1, 'v : 1')\n", 2),
        ("from brian2 import SpikeMonitor, ms\n", 1),
        ("from brian2 import Hz, ms\n", 0),
        ("import brian2\nbrian2.seed(1)\n", 2),
    ],
)
def test_the_builder_check_catches_hand_built_networks(source, expected):
    path = PACKAGE / "compare" / "example.py"  # never written: parsed from the string
    assert len(_builder_uses(ast.parse(source), path)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from neurosim.stimuli import _si\n", 1),
        ("from neurosim.spiking.engine import Engine\n", 0),
        ("from neurosim.spiking.inputs import _helper\n", 0),  # same package
        ("from neurosim.bridge import convert as c\nc._diagnose([], [], None)\n", 1),
        ("from neurosim import units\nunits._restore_session_hooks()\n", 1),
    ],
)
def test_the_private_check_catches_reads_across_packages(source, expected):
    path = PACKAGE / "spiking" / "example.py"  # never written: parsed from the string
    assert len(_private_reads(ast.parse(source), path)) == expected


#: Public names of the modules split to stay under MAX_LINES, as they were before the split.
SPLIT_MODULES = {
    "neurosim.run.pipeline": (
        "FORMATS PNG_DPI SEED_LIMIT STATE_DIR SVG_HASHSALT Outcome OutputFolderError "
        "RunLockedError atomic_write check_out check_seeds generate measured_text "
        "parse_overrides stability_text write_gallery"
    ),
    "neurosim.run.sweep": (
        "HOLDS_COLOR MAX_PANELS PARTLY_COLOR Axis SweepResult check_grid parse_grid "
        "plot_sweep sweep"
    ),
}


@pytest.mark.parametrize("module", sorted(SPLIT_MODULES))
def test_split_modules_keep_their_public_names(module):
    import importlib

    loaded = importlib.import_module(module)
    missing = [name for name in SPLIT_MODULES[module].split() if not hasattr(loaded, name)]
    assert missing == [], f"{module} no longer offers {missing}"


# -- the rooms and their floors -------------------------------------------------------
#: Every room of the package and its floor: a module imports only from its own room or
#: from rooms on lower floors (docs/architecture.md draws this tree).
FLOORS = {
    "neurosim.core": 0,
    "neurosim.datasets": 1,
    "neurosim.units": 1,
    "neurosim.plotting": 1,
    "neurosim.stimuli": 1,
    "neurosim.artificial": 2,
    "neurosim.vision": 2,
    "neurosim.spiking": 2,
    "neurosim.bridge": 3,
    "neurosim.contract": 4,
    "neurosim.comparisons": 5,
    "neurosim.run": 6,
    "neurosim.kit": 7,
    "neurosim.cli": 8,
    "neurosim.__main__": 9,
}
#: Flat modules allowed directly in neurosim/ (besides the rooms above).
FLAT = {"__init__", "__main__", "_moved", "cli", "datasets", "session", "units"}


def _room(module: str) -> str | None:
    for room in sorted(FLOORS, key=len, reverse=True):
        if module == room or module.startswith(room + "."):
            return room
    return None


def test_the_package_has_few_flat_modules_and_every_room_has_a_floor():
    flat = {p.stem for p in PACKAGE.glob("*.py")}
    assert flat <= FLAT, f"flat modules in neurosim/: {sorted(flat - FLAT)}"
    rooms = {f"neurosim.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert rooms <= set(FLOORS), f"rooms without a floor: {sorted(rooms - set(FLOORS))}"
    assert len(flat) <= 10


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_imports_point_down(path):
    own = _room(_module_name(path))
    if own is None:  # neurosim/__init__.py and _moved.py: the package's front door
        return
    up = sorted(
        f"line {node.lineno}: {module}"
        for module, _name, node in _imports(_tree(path), path)
        if module.startswith("neurosim")
        and _room(module) not in (None, own)
        and FLOORS[_room(module)] > FLOORS[own]
    )
    assert not up, f"{_rel(path)} ({own}, floor {FLOORS[own]}) imports upward: {up}"
