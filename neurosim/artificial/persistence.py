"""Saving and loading a :class:`~.network.DeepNetwork`: one ``.npz`` file, no pickle.

A saved network is a ``.npz`` archive of plain arrays: a format tag and version, the
layer sizes, the hidden activation's name and parameters (as JSON text), the output
kind, the seed, whether it was trained, and every weight ``W0, W1, ...`` and bias
``b0, b1, ...``.  Nothing is pickled, and :func:`load_network` reads it with
``allow_pickle=False``, checking the names and shapes of the entries (from the
archive's directory and the ``.npy`` headers) before it decompresses any weights, so a
foreign, tampered or oversized file is refused with an error that says why.
:meth:`DeepNetwork.save` and :meth:`DeepNetwork.load` call these functions.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from neurosim.artificial.activations import ACTIVATIONS, get_activation
from neurosim.core.io import atomic_write
from neurosim.core.validation import param_error

__all__ = ["load_network", "save_network"]

_FORMAT = "neurosim.DeepNetwork"
_VERSION = 1

#: The entries of a saved network besides its weights W0, b0, W1, ...
_HEADER_KEYS = frozenset(
    {"format", "version", "layer_sizes", "hidden", "hidden_params", "output", "seed", "is_trained"}
)


def _member_shape(npz, key: str) -> tuple[int, ...]:
    """Shape of one array in an open .npz, read from its .npy header (no decompression of
    the data itself)."""
    with npz.zip.open(f"{key}.npy") as fh:
        version = np.lib.format.read_magic(fh)
        if version == (1, 0):
            shape, _, _ = np.lib.format.read_array_header_1_0(fh)
        else:
            shape, _, _ = np.lib.format.read_array_header_2_0(fh)
    return tuple(int(n) for n in shape)


def save_network(network, path) -> Path:
    """Write a DeepNetwork to a ``.npz`` file, atomically; return the path written.

    The file holds a format tag and version, the layer sizes, the activation
    names and parameters, the seed, and every weight and bias.  It is written to
    a temporary file in the same directory and moved into place with
    ``os.replace``, so an interrupted save never leaves a half-written file.
    ``.npz`` is appended to a path without it.
    """
    if network.hidden.name not in ACTIVATIONS or not isinstance(
        network.hidden, type(get_activation(network.hidden.name))
    ):
        raise param_error(
            "hidden",
            "DeepNetwork.save",
            "a named activation (one of " + ", ".join(map(repr, ACTIVATIONS)) + ")",
            network.hidden,
            "Custom activation objects cannot be saved.",
        )
    if path is None or not isinstance(path, str | os.PathLike):
        raise param_error(
            "path", "DeepNetwork.save", "a file path (str or Path)", path, cls=TypeError
        )
    path = Path(path)
    if str(path) in ("", ".") or path.is_dir():
        raise param_error(
            "path",
            "DeepNetwork.save",
            "a file path, not a folder",
            str(path),
            "Name the file, e.g. folder / 'net.npz'.",
        )
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not os.access(folder, os.W_OK):
        raise param_error(
            "path",
            "DeepNetwork.save",
            "a path in a folder you can write to",
            str(path),
            cls=PermissionError,
        )
    arrays = {
        "format": np.array(_FORMAT),
        "version": np.array(_VERSION),
        "layer_sizes": np.array(network.layer_sizes, dtype=np.int64),
        "hidden": np.array(network.hidden.name),
        "hidden_params": np.array(json.dumps(network.hidden.params)),
        "output": np.array(network.output),
        "seed": np.array(network.seed, dtype=np.int64),
        "is_trained": np.array(network.is_trained),
    }
    for layer, (W, b) in enumerate(zip(network.weights, network.biases)):
        arrays[f"W{layer}"] = W
        arrays[f"b{layer}"] = b

    def write(tmp):
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)

    try:
        atomic_write(path, write)
    except OSError as exc:
        raise param_error(
            "path",
            "DeepNetwork.save",
            "a path in a folder you can write to",
            str(path),
            f"({exc.strerror or exc})",
            cls=type(exc),
        ) from None
    return path


def load_network(path, network_class):
    """Read a network written by :func:`save_network`, checking everything in the file.

    ``network_class`` (:class:`~.network.DeepNetwork`, or a subclass) builds the
    network from the settings read; its checks apply to them as to any new network.

    Raises
    ------
    ValueError
        If the file is not a readable ``.npz``, was not written by
        ``DeepNetwork.save`` (e.g. the digits data file), has another format
        version, or has missing, misshapen, non-finite or unknown entries.
    """
    owner = "DeepNetwork.load"
    expected = "a .npz file written by DeepNetwork.save"

    def bad(reason):
        return param_error("path", owner, expected, str(path), reason)

    try:
        data = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise param_error(
            "path", owner, "an existing file", str(path), cls=FileNotFoundError
        ) from None
    except Exception as exc:  # not numpy at all: BadZipFile, pickled data, garbage...
        raise bad(f"It could not be read as .npz ({type(exc).__name__}: {exc}).") from None
    if not isinstance(data, np.lib.npyio.NpzFile):
        raise bad("It holds a single array (.npy), not a .npz archive.")
    with data:
        return _from_npz(network_class, data, bad, owner)


def _from_npz(network_class, data, bad, owner):
    # Names and shapes first, from the archive's directory and the .npy headers:
    # an unknown or oversized entry is refused before anything is decompressed.
    names = set(data.files)
    if "format" not in names:
        keys = ", ".join(sorted(names)) or "none"
        raise bad(f"It has no 'format' entry (entries found: {keys}).")
    unknown = sorted(
        k for k in names if k not in _HEADER_KEYS and not (k[:1] in "Wb" and k[1:].isdigit())
    )
    if unknown:
        raise bad(f"It has unknown entries: {', '.join(unknown)}.")
    try:
        contents = {key: data[key] for key in names & _HEADER_KEYS}
        shapes = {key: _member_shape(data, key) for key in names - _HEADER_KEYS}
    except Exception as exc:  # corrupted members, object arrays needing pickle
        raise bad(f"Its entries could not be read ({type(exc).__name__}: {exc}).") from None
    if "format" not in contents:
        keys = ", ".join(sorted(contents)) or "none"
        raise bad(f"It has no 'format' entry (entries found: {keys}).")

    def text(key):
        if key not in contents:
            raise bad(f"The entry '{key}' is missing.")
        value = contents[key]
        if value.shape != () or value.dtype.kind != "U":
            raise bad(f"The entry '{key}' is not a text value.")
        return str(value)

    def integer(key):
        if key not in contents:
            raise bad(f"The entry '{key}' is missing.")
        value = contents[key]
        if value.shape != () or value.dtype.kind not in "iu":
            raise bad(f"The entry '{key}' is not an integer.")
        return int(value)

    if text("format") != _FORMAT:
        raise bad(f"Its format tag is {text('format')!r}, not {_FORMAT!r}.")
    version = integer("version")
    if version != _VERSION:
        raise bad(f"It has format version {version}; this neurosim reads version {_VERSION}.")
    sizes = contents.get("layer_sizes")
    if sizes is None or sizes.ndim != 1 or sizes.dtype.kind not in "iu":
        raise bad("Its 'layer_sizes' entry is missing or not a 1-D integer array.")
    hidden_name = text("hidden")
    if hidden_name not in ACTIVATIONS:
        raise bad(f"Its hidden activation {hidden_name!r} is unknown.")
    try:
        hidden_params = json.loads(text("hidden_params"))
        if not isinstance(hidden_params, dict):
            raise TypeError("not a mapping")
        hidden = get_activation(hidden_name, **hidden_params)
    except (TypeError, ValueError, json.JSONDecodeError) as exc:
        raise bad(f"Its activation parameters are invalid ({exc}).") from None
    output = text("output")
    seed = integer("seed")
    try:
        net = network_class([int(s) for s in sizes], hidden=hidden, output=output, seed=seed)
    except (TypeError, ValueError) as exc:
        raise bad(f"Its settings are invalid ({exc}).") from None
    n_layers = len(sizes) - 1
    expected_keys = {f"W{i}" for i in range(n_layers)} | {f"b{i}" for i in range(n_layers)}
    extra = set(shapes) - expected_keys
    missing = expected_keys - set(shapes)
    if missing or extra:
        raise bad(
            f"Its weight entries do not match layer_sizes {list(map(int, sizes))} "
            f"(missing: {sorted(missing)}, unexpected: {sorted(extra)})."
        )
    for i in range(n_layers):
        want = {f"W{i}": (int(sizes[i]), int(sizes[i + 1])), f"b{i}": (int(sizes[i + 1]),)}
        for key, shape in want.items():
            if shapes[key] != shape:
                raise bad(f"Its weights entry '{key}' has shape {shapes[key]}, not {shape}.")
    try:
        contents.update({key: data[key] for key in expected_keys})
    except Exception as exc:
        raise bad(f"Its entries could not be read ({type(exc).__name__}: {exc}).") from None
    try:
        net._set_parameters(
            [contents[f"W{i}"] for i in range(n_layers)],
            [contents[f"b{i}"] for i in range(n_layers)],
            owner,
        )
    except (TypeError, ValueError) as exc:
        raise bad(f"Its weights are invalid ({exc}).") from None
    trained = contents.get("is_trained")
    net.is_trained = bool(trained) if trained is not None and trained.shape == () else True
    return net
