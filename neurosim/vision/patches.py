"""The natural-image patches shipped with neurosim (see data/NATURAL_PATCHES_LICENSE.md)."""

from __future__ import annotations

from importlib import resources

import numpy as np

__all__ = ["load_natural_patches", "load_scene"]


def load_natural_patches() -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """The 18000 grey 12x12 patches (uint8), the image index of each, the image names.

    Cut once from public-domain/CC0 photographs carried by scikit-image (provenance and
    licence in ``neurosim/data/NATURAL_PATCHES_LICENSE.md``); nothing is downloaded.
    """
    path = resources.files("neurosim") / "data" / "natural_patches.npz"
    with resources.as_file(path) as file, np.load(file, allow_pickle=False) as data:
        patches = np.asarray(data["patches"])
        image = np.asarray(data["image"])
        names = tuple(str(n) for n in data["names"])
    return patches, image, names


def load_scene() -> np.ndarray:
    """A 128x128 grey scene (uint8): scikit-image's CC0 'camera' photograph, 4x4 block means."""
    path = resources.files("neurosim") / "data" / "natural_patches.npz"
    with resources.as_file(path) as file, np.load(file, allow_pickle=False) as data:
        return np.asarray(data["scene"])
