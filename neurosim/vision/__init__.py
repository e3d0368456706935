"""Early vision: natural-image patches, whitening, sparse coding, Gabor fits, gratings.

Used by the ``receptive_fields`` comparison: sparse coding on whitened natural-image
patches (Olshausen & Field 1996, Nature 381:607) learns localised, oriented, band-pass
filters; a 2-D Gabor (Jones & Palmer 1987, J Neurophysiol 58:1233) is fitted to each;
a drifting grating measures a receptive field's orientation tuning.
"""

from neurosim.vision.gabor import GABOR_PARAMETERS, GaborFit, fit_gabor, fit_gabors, gabor
from neurosim.vision.gratings import grating_response_amplitude, tuning_half_width
from neurosim.vision.patches import load_natural_patches, load_scene
from neurosim.vision.sparse_coding import SparseCode, infer_codes, learn_dictionary
from neurosim.vision.whitening import Whitener, radial_power_spectrum, whiten

__all__ = [
    "GABOR_PARAMETERS",
    "GaborFit",
    "SparseCode",
    "Whitener",
    "fit_gabor",
    "fit_gabors",
    "gabor",
    "grating_response_amplitude",
    "infer_codes",
    "learn_dictionary",
    "load_natural_patches",
    "load_scene",
    "radial_power_spectrum",
    "tuning_half_width",
    "whiten",
]
