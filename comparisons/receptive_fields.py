"""What a network learns depends on its data and objective: sparse coding on natural images
learns Gabor-like, V1-like filters; the lecture's digits network does not.

Sparse coding (Olshausen & Field 1996, Nature 381:607) on ZCA-whitened 12x12 patches of
public-domain/CC0 photographs (shipped in ``neurosim/data/natural_patches.npz``) learns
localised, oriented, band-pass basis functions like the receptive fields of V1 simple
cells (shown and fitted are the basis functions, as in Olshausen & Field's figure). A 2-D Gabor is fitted to every filter, as Jones & Palmer (1987, J Neurophysiol
58:1233) fitted simple cells; a filter counts as Gabor-like if the fit explains at least
``R2_GABOR`` of its variance. The first-layer weights (8x8 per hidden unit) of the
lecture's digits network (64-100-10, backprop on the UCI digits; :mod:`neurosim.digits`)
get the same fit. What computer vision took from the brain is the architecture: local
receptive fields and weight sharing (Hubel & Wiesel 1962; Fukushima's neocognitron 1980;
LeCun et al. 1989), shown as one filter sliding over an image.

The spiking counterpart: a LIF neuron (noisy, so its threshold is rounded) whose input
current is a Gabor receptive field's response to drifting gratings, ``I(t) = offset +
drive * a(angle) sin(2 pi f_t t)``, where ``a`` is the linear response amplitude
(:mod:`neurosim.vision.gratings`), normalised to 1 at the preferred orientation. The
unit's tuning curve is ``a(angle)``; the neuron's is its rate. Because the mean current
is below threshold, only the tips of the response make spikes and the neuron's tuning
is narrower than the unit's: the "iceberg effect" (Carandini & Ferster 2000, J Neurosci
20:470).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from neurosim._cache import shared
from neurosim.comparison import begin
from neurosim.digits import digit_classifier
from neurosim.findings import Findings, Rule
from neurosim.parameters import Parameter
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, THEORY, lecture_style, new_figure
from neurosim.spiking import LIFParameters, simulate
from neurosim.spiking.theory import siegert_rate
from neurosim.stimuli import sinusoid
from neurosim.units import Hz, ms, nA, second
from neurosim.vision import (
    fit_gabors,
    gabor,
    grating_response_amplitude,
    learn_dictionary,
    load_natural_patches,
    load_scene,
    tuning_half_width,
    whiten,
)

NAME = "receptive_fields"
QUESTION = "Do artificial networks learn the receptive fields of visual cortex?"
PARAMETERS = (
    Parameter("n_basis", 64, "sparse-coding basis functions", low=16, high=144),
    Parameter("sparseness", 0.8, "L1 weight lambda of the sparse-coding cost", low=0.05, high=3.0),
    Parameter(
        "learning_steps", 200, "sparse-coding mini-batch steps", low=20, high=2000, quick=150
    ),
    Parameter(
        "whitening_eps",
        1.0,
        "ZCA regulariser (fraction of the mean eigenvalue; low-passes the patches)",
        low=0.0,
        high=100.0,
    ),
    Parameter(
        "offset",
        0.05,
        "mean input current of the neuron (below rheobase 0.15 nA)",
        unit="nA",
        low=0.0,
        high=0.5,
    ),
    Parameter(
        "drive",
        0.25,
        "current amplitude at the preferred orientation",
        unit="nA",
        low=0.01,
        high=1.0,
    ),
    Parameter("sigma", 1.0, "membrane noise amplitude", unit="mV", low=0.0, high=10.0),
    Parameter("temporal_frequency", 4.0, "grating drift rate", unit="Hz", low=0.5, high=20.0),
    Parameter(
        "duration",
        2000.0,
        "simulated time per orientation",
        unit="ms",
        low=250,
        high=20000,
        quick=500.0,
    ),
    Parameter("trials", 4, "neurons (noise trials) per orientation", low=1, high=50, quick=2),
    Parameter("n_angles", 36, "grating orientations over 180 degrees", low=8, high=72),
)
COST = 6.0

#: A filter is Gabor-like if a fitted Gabor explains at least this fraction of its variance.
R2_GABOR = 0.7
#: Patch size of the shipped natural patches (pixels).
PATCH = 12


@dataclass(frozen=True)
class Measured:
    """What plot() needs: plain arrays."""

    sc_filters: np.ndarray
    sc_r2: np.ndarray
    digit_filters: np.ndarray
    digit_r2: np.ndarray
    r2_threshold: float
    scene: np.ndarray
    conv_filter: np.ndarray
    feature_map: np.ndarray
    rf: np.ndarray
    rf_params: np.ndarray
    temporal_frequency_Hz: float
    duration_s: float
    angles_deg: np.ndarray
    unit_tuning: np.ndarray
    neuron_rate_Hz: np.ndarray
    theory_rate_Hz: np.ndarray
    unit_width_deg: float
    neuron_width_deg: float


def _sparse_code(p, seed):
    def compute():
        patches, _, _ = load_natural_patches()
        X = patches.reshape(len(patches), -1).astype(float)
        W, _ = whiten(X, eps=float(p.whitening_eps))
        code = learn_dictionary(
            W,
            int(p.n_basis),
            lam=float(p.sparseness),
            steps=int(p.learning_steps),
            batch=200,
            learning_rate=2.0,
            inference_iterations=30,
            seed=seed,
        )
        return code.basis

    key = {
        "n_basis": int(p.n_basis),
        "lam": float(p.sparseness),
        "steps": int(p.learning_steps),
        "eps": float(p.whitening_eps),
        "seed": seed,
    }
    return shared("sparse_code", key, compute)


def _central_gabor(fits, r2):
    """The fitted Gabor nearest the patch centre among the good fits, moved to the centre.

    The grating panel needs a whole receptive field inside the patch (fits centred near
    an edge are cut off); its shape (orientation, widths, frequency, phase) is kept.
    """
    centre = (PATCH - 1) / 2
    good = [f for f, v in zip(fits, r2, strict=True) if v >= R2_GABOR] or list(fits)
    distance = [np.hypot(f.params[0] - centre, f.params[1] - centre) for f in good]
    params = np.array(good[int(np.argmin(distance))].params, float)
    params[0] = params[1] = centre
    params[3:5] = np.minimum(params[3:5], PATCH / 4)
    return params


def _conv2d_valid(image, kernel):
    kh, kw = kernel.shape
    windows = np.lib.stride_tricks.sliding_window_view(image, (kh, kw))
    return np.einsum("ijkl,kl->ij", windows, kernel)


def run(*, quick: bool = False, seed: int = 0, **params) -> Findings:
    """Stimulus, artificial models, spiking model, comparison, claims."""
    findings, p = begin(
        NAME,
        QUESTION,
        PARAMETERS,
        params,
        quick=quick,
        seed=seed,
        patches="18000 grey 12x12 natural-image patches (CC0/public domain), ZCA-whitened",
        gabor_criterion=f"R^2 >= {R2_GABOR}",
        encoding="I = offset + drive * a(angle) * sin(2 pi f_t t), a = linear RF amplitude",
    )
    # artificial models: sparse coding on natural patches, the digits network's weights
    basis = _sparse_code(p, seed)
    sc_filters = basis.T.reshape(-1, PATCH, PATCH)
    sc_fits = fit_gabors(sc_filters)
    sc_r2 = np.array([f.r2 for f in sc_fits])
    net = digit_classifier(seed=seed)
    digit_filters = np.asarray(net.weights[0]).T.reshape(-1, 8, 8)
    digit_r2 = np.array([f.r2 for f in fit_gabors(digit_filters)])

    # convolution: the best Gabor slides over a natural scene (weight sharing)
    rf_params = _central_gabor(sc_fits, sc_r2)
    rf = gabor(rf_params, (PATCH, PATCH))
    scene = load_scene().astype(float)
    feature_map = _conv2d_valid((scene - scene.mean()) / scene.std(), rf / np.abs(rf).max())

    # stimulus: drifting gratings at the RF's own spatial frequency, angles around its
    # preferred orientation
    theta_pref, frequency = float(rf_params[2]), float(abs(rf_params[5]))
    n_angles = int(p.n_angles)
    angles_deg = np.arange(n_angles) * 180.0 / n_angles - 90.0
    amplitude = grating_response_amplitude(rf, theta_pref + np.radians(angles_deg), frequency)
    unit_tuning = amplitude / amplitude.max()

    # spiking model: one neuron per orientation and trial, one engine run
    neuron = LIFParameters(sigma=p.sigma)
    stimulus = sinusoid(
        np.asarray(float(p.drive / nA) * unit_tuning) * nA,
        p.temporal_frequency,
        offset=p.offset,
    )
    result = simulate(neuron, stimulus, p.duration, trials=int(p.trials), seed=seed)
    counts = np.bincount(result.neuron, minlength=n_angles * int(p.trials))
    seconds = float(p.duration / second)
    rate = counts.reshape(n_angles, int(p.trials)).mean(axis=1) / seconds

    # closed form: quasi-static Siegert rate averaged over the grating's cycle (the drift
    # period is long against tau_m), with the 0.1-ms step's threshold correction
    phases = np.linspace(0, 2 * np.pi, 96, endpoint=False)
    current = float(p.offset / nA) + float(p.drive / nA) * unit_tuning[:, None] * np.sin(phases)
    mu = neuron.E_L + neuron.R * (current * nA)
    siegert = siegert_rate(mu.ravel(), neuron.sigma, neuron, dt=0.1 * ms)
    theory = np.asarray(siegert / Hz).reshape(current.shape).mean(axis=1)

    unit_width = tuning_half_width(angles_deg, unit_tuning)
    neuron_width = tuning_half_width(angles_deg, rate)
    findings.data = Measured(
        sc_filters=sc_filters,
        sc_r2=sc_r2,
        digit_filters=digit_filters,
        digit_r2=digit_r2,
        r2_threshold=R2_GABOR,
        scene=scene,
        conv_filter=rf,
        feature_map=feature_map,
        rf=rf,
        rf_params=rf_params,
        temporal_frequency_Hz=float(p.temporal_frequency / Hz),
        duration_s=seconds,
        angles_deg=angles_deg,
        unit_tuning=unit_tuning,
        neuron_rate_Hz=rate,
        theory_rate_Hz=theory,
        unit_width_deg=unit_width,
        neuron_width_deg=neuron_width,
    )

    # claims
    criterion = (
        f"criterion R^2 >= {R2_GABOR}: the Gabor (8 parameters) then explains most of the "
        "filter, while fitted to white noise it explains a median 0.12 (12x12 pixels) or "
        "0.23 (8x8), never above 0.45 (tests/vision/test_gabor.py)"
    )
    findings.claim(
        "fraction of the lecture's digits network's first-layer filters (8x8 weights per "
        "hidden unit, backprop on the UCI digits) that a 2-D Gabor fits",
        float(np.mean(digit_r2 >= R2_GABOR)),
        "",
        rule=Rule.at_least(
            0.5,
            partly=0.25,
            reason="the analogy (a unit learns V1-like filters) holds if most filters are "
            "Gabor-like, as most simple cells are; " + criterion,
        ),
        aspect="receptive fields",
        key=True,
    )
    findings.claim(
        "fraction of sparse-coding basis functions (whitened natural-image patches) that a "
        "2-D Gabor fits",
        float(np.mean(sc_r2 >= R2_GABOR)),
        "",
        rule=Rule.at_least(
            0.5,
            partly=0.25,
            reason="Olshausen & Field (1996): sparse coding of natural images learns "
            "localised, oriented, band-pass filters; 'most' means more than half; " + criterion,
        ),
        aspect="receptive fields",
    )
    step = 180.0 / n_angles
    tolerance = 0.5 * step / max(unit_width, step)
    findings.claim(
        "orientation tuning half-width of a noisy LIF neuron driven by a Gabor receptive "
        "field, relative to the linear unit's (same gratings, mean current below rheobase)",
        neuron_width / unit_width,
        "",
        rule=Rule.between(
            1 - tolerance,
            1 + tolerance,
            reason="if the neuron inherited the unit's tuning the half-widths would agree "
            "within half an angle step (the sampling of the orientations)",
        ),
        aspect="receptive fields",
    )
    spikes_at_peak = float(np.max(rate)) * seconds * int(p.trials)
    allowed = float(neuron.tau_m / second) * float(p.temporal_frequency / Hz) + 2 / np.sqrt(
        max(spikes_at_peak, 1.0)
    )
    findings.claim(
        "largest difference between the neuron's tuning curve and the cycle-averaged "
        "Siegert rate (quasi-static closed form), relative to its peak",
        float(np.max(np.abs(rate - theory)) / max(np.max(theory), 1e-12)),
        "",
        rule=Rule.at_most(
            allowed,
            reason="quasi-static error of order tau_m times the drift frequency, plus two "
            "standard errors of a Poisson count of the spikes at the peak",
        ),
        about="spiking",
    )
    return findings


def _mosaic(filters, columns):
    k, h, w = filters.shape
    rows = int(np.ceil(k / columns))
    out = np.full((rows * (h + 1) + 1, columns * (w + 1) + 1), np.nan)
    for i, F in enumerate(filters):
        r, c = divmod(i, columns)
        m = np.abs(F).max() or 1.0
        out[1 + r * (h + 1) : 1 + r * (h + 1) + h, 1 + c * (w + 1) : 1 + c * (w + 1) + w] = F / m
    return out


def plot(findings: Findings):
    """Filters, their Gabor fits, convolution, and orientation tuning."""
    d = findings.data
    import matplotlib.patches as mpatches

    with lecture_style():
        fig = new_figure(figsize=(15, 9.5))
        axes = fig.subplots(2, 3)
        (a_sc, a_dig, a_hist), (a_scene, a_map, a_tune) = axes
        fig.suptitle(
            "What a network learns depends on its data and objective; "
            "what vision took from the brain is the architecture"
        )
        for ax, filters, r2, title in (
            (a_sc, d.sc_filters, d.sc_r2, "sparse coding, natural images"),
            (a_dig, d.digit_filters, d.digit_r2, "digits network, first layer"),
        ):
            cols = int(np.ceil(np.sqrt(len(filters))))
            ax.imshow(_mosaic(filters, cols), cmap="gray", vmin=-1, vmax=1)
            frac = float(np.mean(r2 >= d.r2_threshold))
            ax.set_title(f"{title}\n{100 * frac:.0f} % Gabor-like (R² ≥ {d.r2_threshold})")
            ax.set_axis_off()
        bins = np.linspace(min(0.0, np.nanmin(d.digit_r2)), 1, 26)
        a_hist.hist(d.sc_r2, bins=bins, color=THEORY, alpha=0.7, label="sparse coding")
        a_hist.hist(d.digit_r2, bins=bins, color=ARTIFICIAL, alpha=0.7, label="digits network")
        a_hist.axvline(d.r2_threshold, color=NEUTRAL, linestyle="--", label="criterion")
        a_hist.set_xlabel("Gabor fit R²")
        a_hist.set_ylabel("filters")
        a_hist.legend(loc="upper left")

        a_scene.imshow(d.scene, cmap="gray")
        h, w = d.conv_filter.shape
        ny, nx = d.feature_map.shape
        for x in np.linspace(4, nx - 4, 4).astype(int):
            y = ny // 2
            a_scene.add_patch(mpatches.Rectangle((x, y), w, h, fill=False, color=ARTIFICIAL, lw=2))
        inset = a_scene.inset_axes([0.72, 0.72, 0.26, 0.26])
        inset.imshow(d.conv_filter, cmap="gray")
        inset.set_xticks([])
        inset.set_yticks([])
        inset.set_xlabel("the filter", fontsize=11, color="white")
        a_scene.set_title("one filter slides over the image\n(local, shared weights)")
        a_scene.set_axis_off()
        a_map.imshow(np.maximum(d.feature_map, 0), cmap="magma")
        a_map.set_title("feature map (rectified):\nits receptive fields tile the image")
        a_map.set_axis_off()

        a_tune.plot(d.angles_deg, d.unit_tuning, "-o", color=ARTIFICIAL, label="unit (linear RF)")
        a_tune.set_xlabel("grating orientation − preferred (deg)")
        a_tune.set_ylabel("unit response (fraction of peak)")
        a_tune.set_ylim(0, 1.1)
        twin = a_tune.twinx()
        twin.plot(d.angles_deg, d.neuron_rate_Hz, "o", color=SPIKING, label="LIF neuron")
        twin.plot(d.angles_deg, d.theory_rate_Hz, "--", color=THEORY, label="Siegert, cycle mean")
        twin.set_ylabel("firing rate (Hz)")
        top = max(float(np.max(d.neuron_rate_Hz)), float(np.max(d.theory_rate_Hz)), 1e-9)
        twin.set_ylim(0, 1.1 * top)
        twin.spines["right"].set_visible(True)
        a_tune.set_title(
            f"half-width: unit {d.unit_width_deg:.0f}°, neuron {d.neuron_width_deg:.0f}°"
        )
        a_tune.legend(loc="center left")
        twin.legend(loc="center right")
    return fig
