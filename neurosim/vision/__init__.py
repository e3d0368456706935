"""Early vision: natural-image patches, whitening, sparse coding, what makes a filter V1-like.

Used by the ``receptive_fields`` comparison: sparse coding on whitened natural-image
patches (Olshausen & Field 1996, Nature 381:607) learns localised, oriented, band-pass
filters; :func:`gabor_like` tests a filter for the properties of a V1 simple cell's
receptive field (:mod:`neurosim.vision.simple_cells`), and :mod:`neurosim.vision.nulls`
makes the shapes such a test must reject; a 2-D Gabor (Jones & Palmer 1987, J
Neurophysiol 58:1233) can be drawn and fitted; a drifting grating measures a receptive
field's orientation tuning.
"""

from neurosim.vision.gabor import GABOR_PARAMETERS, GaborFit, fit_gabor, fit_gabors, gabor
from neurosim.vision.gratings import grating_response_amplitude, tuning_half_width
from neurosim.vision.nulls import (
    NULLS,
    centre_surround,
    gaussian_blobs,
    natural_spectrum_noise,
    null_filters,
    pca_components,
    white_noise,
)
from neurosim.vision.patches import load_natural_patches, load_scene, whitened_natural_patches
from neurosim.vision.simple_cells import SimpleCellShape, gabor_like, simple_cell_shape
from neurosim.vision.sparse_coding import SparseCode, infer_codes, learn_dictionary, natural_basis
from neurosim.vision.whitening import Whitener, radial_power_spectrum, whiten

__all__ = [
    "GABOR_PARAMETERS",
    "NULLS",
    "GaborFit",
    "SimpleCellShape",
    "SparseCode",
    "Whitener",
    "centre_surround",
    "fit_gabor",
    "fit_gabors",
    "gabor",
    "gabor_like",
    "gaussian_blobs",
    "grating_response_amplitude",
    "infer_codes",
    "learn_dictionary",
    "load_natural_patches",
    "load_scene",
    "natural_basis",
    "natural_spectrum_noise",
    "null_filters",
    "pca_components",
    "radial_power_spectrum",
    "simple_cell_shape",
    "tuning_half_width",
    "white_noise",
    "whiten",
    "whitened_natural_patches",
]
