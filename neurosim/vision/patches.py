"""The natural-image patches shipped with neurosim (see data/NATURAL_PATCHES_LICENSE.md)."""

from __future__ import annotations

from importlib import resources

import numpy as np

from neurosim.core.cache import shared
from neurosim.core.constraints import NON_NEGATIVE, validate
from neurosim.vision.whitening import whiten

__all__ = ["load_natural_patches", "load_scene", "whitened_natural_patches"]


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


@validate(eps=NON_NEGATIVE)
def whitened_natural_patches(eps: float = 1.0) -> np.ndarray:
    """The shipped patches as rows (18000, 144), ZCA-whitened (:func:`whiten`, each
    patch's mean removed; ``eps`` as a fraction of the mean eigenvalue).

    Computed once per run and shared (:func:`neurosim.core.cache.shared`): do not
    change the array in place.
    """

    def compute():
        patches, _, _ = load_natural_patches()
        return whiten(patches.reshape(len(patches), -1).astype(float), eps=eps)[0]

    return shared("whitened_patches", {"eps": eps}, compute)
