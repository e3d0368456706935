r"""Is a filter like a V1 simple cell's receptive field? Four measured properties.

A 2-D Gabor fit alone cannot say: least squares fits a Gabor to a Gaussian blob, to
smoothed noise and to the global components of PCA about as well as to a simple cell.
:func:`gabor_like` asks instead for the properties that make simple cells' receptive
fields what they are -- *localised, oriented and band-pass* (Olshausen & Field 1996,
Nature 381:607, the properties their sparse code was shown to reproduce), with the
envelope and carrier of a Gabor (Jones & Palmer 1987, J Neurophysiol 58:1233) -- and
measures each one from the filter itself, without fitting:

1. **carrier**: the peak of the filter's amplitude spectrum (zero-padded 4x) gives its
   spatial frequency :math:`f` (cycles/pixel) and the direction :math:`\theta` of the
   wave vector; the *preferred orientation* of its bars is perpendicular to it.
2. **envelope**: the amplitude of the analytic signal along :math:`\theta` (the filter
   and its quadrature partner: keep the half of the spectrum with :math:`k\cdot u_\theta
   > 0`, doubled), :math:`e(x) = |h(x)|`. For a Gabor it is the Gaussian envelope,
   whatever the carrier's phase. Its widths across the bars (:math:`\sigma_x`, along
   :math:`\theta`) and along them (:math:`\sigma_y`) come from the second moments of
   :math:`e^4`: for :math:`e = \exp(-x'^2/2\sigma_x^2 - y'^2/2\sigma_y^2)`,
   :math:`e^4` has variances :math:`\sigma_x^2/4, \sigma_y^2/4`, so
   :math:`\sigma = 2\sqrt{\mathrm{var}}` is exact for a Gaussian envelope, and the fourth
   power keeps weak structure far from the main lobe (a learned filter's residual noise)
   from widening it.
3. **cycles under the envelope**: :math:`n_x = \sigma_x f`, :math:`n_y = \sigma_y f`,
   the dimensionless shape of Ringach (2002, J Neurophysiol 88:455).
4. **band-pass and orientation**: the amplitude spectrum at zero frequency, and the
   response amplitude to the grating at :math:`f` turned by 90 degrees, each relative
   to the peak.

A filter is Gabor-like (V1-like) if all four hold:

* **localised inside the patch**: :math:`\sqrt{\sigma_x\sigma_y} \le k/(2\sqrt\pi)`
  (:data:`LOCALISED`), i.e. the ellipse of the envelope's 2 sigma (where it has fallen
  to :math:`e^{-2}` = 14 % of its peak) has an area :math:`4\pi\sigma_x\sigma_y` no
  larger than the k x k patch. An envelope that fills the patch evenly has
  :math:`\sigma = k/\sqrt3`, twice this bound (a grating's is a little narrower
  across its bars, where its quadrature partner falls off at the patch's edges).
* **at least half a carrier cycle under the envelope**: :math:`4\sigma_x f \ge 1/2`,
  i.e. :math:`n_x \ge 1/8` (:data:`MIN_CYCLES`), the envelope's extent counted, as
  above, to 2 sigma on either side (:math:`\pm 2\sigma_x` holds 95 % of a
  Gaussian). The simplest simple cell, an ON and an OFF subregion side by side
  (Hubel & Wiesel 1962, J Physiol 160:106), is the derivative of a Gaussian of width
  :math:`\sigma`, whose spectrum peaks at :math:`f = 1/(2\pi\sigma)`: :math:`n_x
  \ge 1/(2\pi) = 0.16`, above the bound; a Gaussian blob has :math:`n_x = 0`.
* **band-pass**: the spectral peak lies away from zero frequency and the response to a
  uniform field is at most half the peak response (:data:`MAX_DC_RATIO`): zero
  frequency lies outside the half-amplitude pass band. Most simple cells are band-pass
  in spatial frequency, with a pass band of one or two octaves (De Valois, Albrecht &
  Thorell 1982, Vision Res 22:545). An even (cosine-phase) Gabor's response to a
  uniform field is about :math:`2e^{-2\pi^2 n_x^2}/(1 + e^{-8\pi^2 n_x^2})` of its
  peak, half at :math:`n_x = 0.26`; an odd one has none. Ringach (2002) found macaque
  simple cells spread from blob-like fields near :math:`(n_x, n_y) = (0, 0)`, low-pass
  and broadly tuned, to fields of a few subregions (sparse coding predicts more
  subregions than he measured, which this criterion allows): the blob-like ones fail
  here, as a Gaussian blob does. The criterion asks for what tells a simple cell from
  a blob.
* **orientation-selective**: the grating at the preferred frequency turned by 90
  degrees gives at most half the response of the preferred one (:data:`MAX_ORTHOGONAL`),
  an orientation-selectivity index :math:`(R_{pref} - R_{orth})/(R_{pref} + R_{orth})
  \ge 1/3`: the half-amplitude orientation bandwidth is below 180 degrees. Simple cells
  are orientation-selective (Hubel & Wiesel 1962; De Valois, Yund & Hepler 1982, Vision
  Res 22:531); the bound is loose because a linear receptive field is more broadly
  tuned than the cell's spikes (the iceberg effect).

Each null fails for its own reason: white noise, natural-spectrum noise and PCA
components are not localised, a Gaussian blob is low-pass, a centre-surround
(difference of Gaussians) field is not oriented (``tests/vision/test_simple_cells.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim.core.constraints import ArrayOf, validate
from neurosim.core.validation import check_array, param_error

__all__ = [
    "LOCALISED",
    "MAX_DC_RATIO",
    "MAX_ORTHOGONAL",
    "MIN_CYCLES",
    "SimpleCellShape",
    "gabor_like",
    "simple_cell_shape",
]

#: Largest envelope size sqrt(sigma_x sigma_y) as a fraction of the patch side k: the
#: envelope's 2-sigma ellipse is no larger than the patch (4 pi sigma_x sigma_y <= k^2).
LOCALISED = 1 / (2 * np.sqrt(np.pi))
#: Fewest carrier cycles per envelope width, n_x = sigma_x f: half a cycle within the
#: envelope's 2 sigma on either side (4 sigma_x f >= 1/2).
MIN_CYCLES = 1 / 8
#: Largest response to a uniform field relative to the peak of the amplitude spectrum.
MAX_DC_RATIO = 0.5
#: Largest response to the orthogonal grating relative to the preferred one.
MAX_ORTHOGONAL = 0.5
#: Zero-padding of the spectrum (its resolution is 1 / (PAD k) cycles/pixel).
PAD = 4
#: Smallest patch side that has an orientation and a band to measure.
MIN_SIDE = 4


@dataclass(frozen=True)
class SimpleCellShape:
    """What :func:`simple_cell_shape` measured, one entry per filter (arrays of length n).

    Attributes
    ----------
    frequency : carrier spatial frequency at the spectral peak (cycles/pixel)
    theta : direction of the carrier's wave vector (radians; the bars are perpendicular)
    centre_x, centre_y : centre of the envelope (pixels: column, row)
    sigma_x, sigma_y : envelope widths across and along the bars (pixels)
    n_x, n_y : sigma_x f and sigma_y f (Ringach 2002)
    dc_ratio : response to a uniform field / peak of the amplitude spectrum
    orthogonal_ratio : response to the orthogonal grating / preferred one (same f)
    localised, cycles, band_pass, oriented : each criterion (booleans)
    side : the patch side k (pixels)
    """

    frequency: np.ndarray
    theta: np.ndarray
    centre_x: np.ndarray
    centre_y: np.ndarray
    sigma_x: np.ndarray
    sigma_y: np.ndarray
    n_x: np.ndarray
    n_y: np.ndarray
    dc_ratio: np.ndarray
    orthogonal_ratio: np.ndarray
    localised: np.ndarray
    cycles: np.ndarray
    band_pass: np.ndarray
    oriented: np.ndarray
    side: int

    @property
    def gabor_like(self) -> np.ndarray:
        """All four criteria at once (booleans, one per filter)."""
        return self.localised & self.cycles & self.band_pass & self.oriented

    def typical(self) -> int:
        """Index of a typical V1-like filter: the median elongation ``n_y`` among the
        Gabor-like ones (the lower median of an even count), which sets how narrow its
        orientation tuning is. If none is (an autoencoder whose code is so sparse that its
        filters died), among the filters with a measured ``n_y`` and a carrier (frequency
        above 0: a grating can drive it), else among all with a measured ``n_y``."""
        v1 = self.gabor_like
        measured = np.isfinite(self.n_y)
        carrier = measured & (self.frequency > 0)
        pool = np.flatnonzero(v1 if np.any(v1) else carrier if np.any(carrier) else measured)
        order = pool[np.argsort(self.n_y[pool], kind="stable")]
        return int(order[(len(order) - 1) // 2])


def _check_filters(filters, owner: str) -> np.ndarray:
    F = check_array(filters, "filters", owner, ndim=3)
    rows, cols = F.shape[1:]
    if rows != cols:
        raise param_error(
            "filters", owner, "a stack of square patches, shape (n, k, k)", f"shape {F.shape}"
        )
    if rows < MIN_SIDE:
        raise param_error(
            "filters",
            owner,
            f"a stack of patches at least {MIN_SIDE}x{MIN_SIDE} pixels, shape (n, k, k)",
            f"shape {F.shape}",
        )
    return F


def _grating_amplitude(F, theta, frequency):
    """``|sum_x F(x) exp(i 2 pi f u_theta . x)|`` per filter (one angle, one frequency each)."""
    k = F.shape[-1]
    y, x = np.mgrid[0:k, 0:k].astype(float)
    c, s = np.cos(theta)[:, None, None], np.sin(theta)[:, None, None]
    phase = 2 * np.pi * frequency[:, None, None] * (x * c + y * s)
    return np.abs(np.sum(F * np.exp(1j * phase), axis=(1, 2)))


@validate(filters=ArrayOf(3))
def simple_cell_shape(filters) -> SimpleCellShape:
    """Measure carrier, envelope, band and orientation of square filters (n, k, k).

    See the module docstring for each measure and its reference. A filter that is zero
    everywhere has no carrier: its measures are NaN and it meets no criterion.

    Raises
    ------
    ValueError
        If ``filters`` is not a 3-D stack of square patches at least 4 pixels wide, or
        holds NaN or inf.
    """
    F = _check_filters(filters, "simple_cell_shape")
    n, k, _ = F.shape
    size = PAD * k
    spectrum = np.fft.fft2(F, s=(size, size))
    amplitude = np.abs(spectrum).reshape(n, -1)
    freqs = np.fft.fftfreq(size)
    fy, fx = np.meshgrid(freqs, freqs, indexing="ij")
    best = np.argmax(amplitude, axis=1)
    peak = amplitude[np.arange(n), best]
    alive = peak > 0
    safe_peak = np.where(alive, peak, 1.0)
    kx, ky = fx.ravel()[best], fy.ravel()[best]
    frequency = np.hypot(kx, ky)
    theta = np.arctan2(ky, kx)
    dc_ratio = amplitude[:, 0] / safe_peak

    # orientation: the orthogonal grating at the same frequency
    orthogonal = _grating_amplitude(F, theta + np.pi / 2, frequency)
    preferred = _grating_amplitude(F, theta, frequency)
    orthogonal_ratio = orthogonal / np.where(preferred > 0, preferred, 1.0)

    # envelope: the analytic signal along theta (filter + i * its quadrature partner)
    c, s = np.cos(theta)[:, None, None], np.sin(theta)[:, None, None]
    along = fx[None] * c + fy[None] * s
    half_plane = np.where(along > 0, 2.0, np.where(along == 0, 1.0, 0.0))
    envelope = np.abs(np.fft.ifft2(spectrum * half_plane)[:, :k, :k])
    weight = envelope**4
    total = weight.sum(axis=(1, 2), keepdims=True)
    weight = weight / np.where(total > 0, total, 1.0)
    y, x = np.mgrid[0:k, 0:k].astype(float)
    centre_x = np.sum(weight * x, axis=(1, 2))
    centre_y = np.sum(weight * y, axis=(1, 2))
    dx, dy = x - centre_x[:, None, None], y - centre_y[:, None, None]
    across = dx * c + dy * s
    lengthwise = -dx * s + dy * c
    sigma_x = 2 * np.sqrt(np.sum(weight * across**2, axis=(1, 2)))
    sigma_y = 2 * np.sqrt(np.sum(weight * lengthwise**2, axis=(1, 2)))

    nan = np.where(alive, 1.0, np.nan)
    frequency, theta = frequency * nan, theta * nan
    centre_x, centre_y, sigma_x, sigma_y = (v * nan for v in (centre_x, centre_y, sigma_x, sigma_y))
    dc_ratio, orthogonal_ratio = dc_ratio * nan, orthogonal_ratio * nan
    n_x, n_y = sigma_x * frequency, sigma_y * frequency
    with np.errstate(invalid="ignore"):
        localised = np.sqrt(sigma_x * sigma_y) <= LOCALISED * k
        cycles = n_x >= MIN_CYCLES
        band_pass = (frequency > 0) & (dc_ratio <= MAX_DC_RATIO)
        oriented = orthogonal_ratio <= MAX_ORTHOGONAL
    return SimpleCellShape(
        frequency=frequency,
        theta=theta,
        centre_x=centre_x,
        centre_y=centre_y,
        sigma_x=sigma_x,
        sigma_y=sigma_y,
        n_x=n_x,
        n_y=n_y,
        dc_ratio=dc_ratio,
        orthogonal_ratio=orthogonal_ratio,
        localised=localised,
        cycles=cycles,
        band_pass=band_pass,
        oriented=oriented,
        side=k,
    )


@validate(filters=ArrayOf(3))
def gabor_like(filters) -> np.ndarray:
    """Which square filters (n, k, k) look like V1 simple cells' receptive fields.

    A filter is Gabor-like if it is localised inside the patch, has at least half a
    carrier cycle under its envelope, is band-pass and is orientation-selective; the
    module docstring gives each measure, threshold and its source.

    Parameters
    ----------
    filters : array (n, k, k)
        Square patches (a receptive field, a learned basis function, a weight vector
        reshaped); k >= 4. Only shape matters, not sign or scale.

    Returns
    -------
    np.ndarray of bool, shape (n,)

    Examples
    --------
    >>> from neurosim.vision import gabor, gabor_like
    >>> simple = gabor([5.5, 5.5, 0.5, 2.0, 3.0, 0.2, 0.0, 1.0], (12, 12))  # n_x = 0.4
    >>> blob = gabor([5.5, 5.5, 0.0, 2.0, 2.0, 0.0, 0.0, 1.0], (12, 12))    # f = 0
    >>> gabor_like([simple, blob]).tolist()
    [True, False]
    """
    _check_filters(filters, "gabor_like")
    return simple_cell_shape(filters).gabor_like
