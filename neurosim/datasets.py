"""Small classification data sets, made in numpy or shipped with the package.

Every generator takes ``n`` (number of samples), ``noise`` and ``seed`` and returns
``(X, y)``: ``X`` a float64 array of shape (n, n_features), ``y`` int64 class labels.
Nothing is downloaded at run time.
"""

from __future__ import annotations

from importlib import resources

import numpy as np

from neurosim.core.constraints import (
    BOOL,
    NON_NEGATIVE,
    POSITIVE,
    SEED,
    ArrayOf,
    Interval,
    param_error,
    validate,
)

__all__ = [
    "load_digits",
    "make_circles",
    "make_moons",
    "make_spirals",
    "make_xor",
    "train_test_split",
]


def _split_counts(n: int, k: int) -> list[int]:
    """Split n samples into k classes as evenly as possible."""
    return [n // k + (1 if c < n % k else 0) for c in range(k)]


def _finish(parts_X, parts_y, noise, rng):
    X = np.concatenate(parts_X).astype(np.float64)
    y = np.concatenate(parts_y).astype(np.int64)
    if noise > 0:
        X = X + rng.normal(scale=noise, size=X.shape)
    order = rng.permutation(len(y))
    return X[order], y[order]


def _samples(at_least: int) -> Interval:
    return Interval(at_least, None, integer=True)


#: a share strictly between 0 and 1
_SHARE = Interval(0, 1, closed="neither")


@validate(n=_samples(4), noise=NON_NEGATIVE, seed=SEED)
def make_xor(n: int = 200, *, noise: float = 0.1, seed: int = 0):
    """The XOR problem: four clusters at the corners of the unit square.

    Points near (0, 0) and (1, 1) are class 0, near (0, 1) and (1, 0) class 1.
    With ``noise=0`` and ``n=4`` this is exactly the XOR truth table.

    Parameters
    ----------
    n : int, default 200
        Number of samples (>= 4), spread evenly over the four corners.
    noise : float, default 0.1
        Standard deviation of Gaussian jitter around each corner.
    seed : int, default 0

    Returns
    -------
    X : ndarray, shape (n, 2)
    y : ndarray of int, shape (n,)
    """
    rng = np.random.default_rng(seed)
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    labels = np.array([0, 1, 1, 0])
    parts_X, parts_y = [], []
    for corner, label, count in zip(corners, labels, _split_counts(n, 4)):
        parts_X.append(np.tile(corner, (count, 1)))
        parts_y.append(np.full(count, label))
    if n == 4 and noise == 0:  # the truth table itself, in its usual order
        return corners.copy(), labels.astype(np.int64)
    return _finish(parts_X, parts_y, noise, rng)


@validate(n=_samples(2), noise=NON_NEGATIVE, seed=SEED)
def make_moons(n: int = 400, *, noise: float = 0.1, seed: int = 0):
    """Two interleaving half circles (class 0 upper, class 1 lower), centred near the origin.

    Parameters
    ----------
    n : int, default 400
    noise : float, default 0.1
        Standard deviation of Gaussian noise added to each coordinate.
    seed : int, default 0
    """
    rng = np.random.default_rng(seed)
    n0, n1 = _split_counts(n, 2)
    a0 = np.linspace(0, np.pi, n0)
    a1 = np.linspace(0, np.pi, n1)
    upper = np.column_stack([np.cos(a0), np.sin(a0)])
    lower = np.column_stack([1 - np.cos(a1), 0.5 - np.sin(a1)])
    shift = np.array([-0.5, -0.25])
    return _finish([upper + shift, lower + shift], [np.zeros(n0), np.ones(n1)], noise, rng)


@validate(n=_samples(2), noise=NON_NEGATIVE, factor=_SHARE, seed=SEED)
def make_circles(n: int = 400, *, noise: float = 0.05, factor: float = 0.5, seed: int = 0):
    """A small circle (class 1) inside a large one (class 0).

    Parameters
    ----------
    n : int, default 400
    noise : float, default 0.05
    factor : float, default 0.5
        Radius of the inner circle relative to the outer one (0 < factor < 1).
    seed : int, default 0
    """
    rng = np.random.default_rng(seed)
    n0, n1 = _split_counts(n, 2)
    a0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    a1 = np.linspace(0, 2 * np.pi, n1, endpoint=False)
    outer = np.column_stack([np.cos(a0), np.sin(a0)])
    inner = factor * np.column_stack([np.cos(a1), np.sin(a1)])
    return _finish([outer, inner], [np.zeros(n0), np.ones(n1)], noise, rng)


@validate(n=_samples(2), n_classes=_samples(2), turns=POSITIVE, noise=NON_NEGATIVE, seed=SEED)
def make_spirals(
    n: int = 600, *, n_classes: int = 2, turns: float = 1.5, noise: float = 0.08, seed: int = 0
):
    """Interleaved Archimedean spirals, one arm per class: hard for shallow models.

    Arm ``k`` is r = t, angle = 2 pi turns t + 2 pi k / n_classes for t in (0.05, 1].

    Parameters
    ----------
    n : int, default 600
    n_classes : int, default 2
        Arms (>= 2, at most ``n``).
    turns : float, default 1.5
        Number of turns each arm makes.
    noise : float, default 0.08
    seed : int, default 0
    """
    if n < n_classes:
        raise param_error(
            "n", "make_spirals", f"at least n_classes = {n_classes} (one point per arm)", n
        )
    rng = np.random.default_rng(seed)
    parts_X, parts_y = [], []
    for k, count in enumerate(_split_counts(n, n_classes)):
        t = np.linspace(0.05, 1.0, count)
        angle = 2 * np.pi * turns * t + 2 * np.pi * k / n_classes
        parts_X.append(np.column_stack([t * np.cos(angle), t * np.sin(angle)]))
        parts_y.append(np.full(count, k))
    return _finish(parts_X, parts_y, noise, rng)


@validate(scaled=BOOL)
def load_digits(*, scaled: bool = True):
    """The UCI optical recognition of handwritten digits data set, 8x8 version.

    1797 images of 8x8 pixels with 17 grey levels, 10 classes (about 180 each).
    Shipped with neurosim (``neurosim/data/digits.npz``); see
    ``neurosim/data/DIGITS_LICENSE.md`` for the licence (CC BY 4.0) and citation:
    Alpaydin, E. & Kaynak, C. (1998). Optical Recognition of Handwritten Digits.
    UCI Machine Learning Repository. https://doi.org/10.24432/C50P49

    Parameters
    ----------
    scaled : bool, default True
        If True, pixel values are divided by 16 so that X lies in [0, 1];
        otherwise the raw grey levels 0..16 are returned (as float64).

    Returns
    -------
    X : ndarray, shape (1797, 64)
        One row per image, pixels in row-major order.
    y : ndarray of int, shape (1797,)
        The digit 0..9.
    """
    path = resources.files("neurosim") / "data" / "digits.npz"
    with resources.as_file(path) as p, np.load(p, allow_pickle=False) as data:
        images = data["images"]
        labels = data["labels"]
    X = images.reshape(len(images), -1).astype(np.float64)
    if scaled:
        X /= 16.0
    return X, labels.astype(np.int64)


@validate(
    X=ArrayOf((1, 2, 3, 4), dtype=None, finite=False),
    y=ArrayOf(1, dtype=int),
    test_fraction=_SHARE,
    seed=SEED,
)
def train_test_split(X, y, *, test_fraction: float = 0.2, seed: int = 0):
    """Stratified split: every class keeps its share in both parts.

    Parameters
    ----------
    X : array, shape (n, ...)
        One sample per row (1-D to 4-D; NaN is passed through).
    y : array of int, shape (n,)
        Class labels (whole numbers).
    test_fraction : float, default 0.2
        Share of each class held out for testing (0 < test_fraction < 1).
    seed : int, default 0

    Returns
    -------
    X_train, X_test, y_train, y_test
    """
    owner = "train_test_split"
    if len(y) != len(X):
        raise param_error("y", owner, f"a 1-D array with one label per row of X ({len(X)})", y)
    rng = np.random.default_rng(seed)
    test_idx = []
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        n_test = round(test_fraction * len(members))
        test_idx.append(members[:n_test])
    test_idx = np.sort(np.concatenate(test_idx))
    is_test = np.zeros(len(y), dtype=bool)
    is_test[test_idx] = True
    if not is_test.any() or is_test.all():
        part = "test" if not is_test.any() else "training"
        raise param_error(
            "test_fraction",
            owner,
            f"a share that leaves both parts non-empty for {len(y)} samples "
            f"(classes of sizes {', '.join(str(int(np.sum(y == c))) for c in np.unique(y))})",
            test_fraction,
            f"The {part} set would be empty.",
        )
    train_idx = rng.permutation(np.flatnonzero(~is_test))
    test_idx = rng.permutation(test_idx)
    return X[train_idx], X[test_idx], y[train_idx], y[test_idx]
