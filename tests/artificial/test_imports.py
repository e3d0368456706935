"""The artificial side stays numpy-only: no brian2 (2 s import), no neurosim.spiking."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_artificial_side_imports_neither_brian2_nor_spiking():
    code = (
        "import sys, neurosim.artificial as a; "
        "net = a.DeepNetwork([4, 3, 2], hidden='lif_rate'); net.fit([[0, 1, 0, 1]] * 4, [0, 1, 0, 1], epochs=1); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'brian2' or m.startswith('neurosim.spiking')); "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_public_names_are_importable():
    import neurosim.artificial as artificial

    for name in artificial.__all__:
        assert getattr(artificial, name) is not None
    assert sorted(artificial.__all__) == sorted(set(artificial.__all__))
