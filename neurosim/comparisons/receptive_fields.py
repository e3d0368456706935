"""Do units trained by backprop learn the receptive fields of visual cortex? With natural
images, yes; the lecture's digits network does not, because of its data.

Three learners see images. A sparse autoencoder (one hidden layer of units, tied
weights, an L1 penalty on the code; :class:`neurosim.artificial.SparseAutoencoder`)
is trained by backprop on ZCA-whitened 12x12 patches of public-domain/CC0 photographs
(``neurosim/data/natural_patches.npz``); sparse coding (Olshausen & Field 1996, Nature
381:607) learns a basis for the *same* patches with its own rule; the lecture's digits
network (64-100-10, backprop on the UCI digits; :mod:`neurosim.artificial.digits`) learns its
first-layer weights (8x8 per hidden unit) from digits. Each filter is tested for the
properties of a V1 simple cell's receptive field -- localised inside the patch, at
least half a carrier cycle under its envelope, band-pass, orientation-selective
(:func:`neurosim.vision.gabor_like`, with each threshold's source) -- and so are shapes
that must fail: white noise, noise with the patches' amplitude spectrum, Gaussian
blobs, centre-surround fields and the patches' principal components
(:mod:`neurosim.vision.nulls`). Same rule, different data: backprop's filters are
V1-like on natural images and not on digits -- neither the classifier's nor those of
the same autoencoder trained on the digits network's training images -- so the data
decides.

The spiking counterpart: a LIF neuron (noisy, so its threshold is rounded) whose input
current is one autoencoder filter's response to drifting gratings, ``I(t) = offset +
drive * a(angle) sin(2 pi f_t t)``, where ``a`` is the filter's linear response
amplitude (:mod:`neurosim.vision.gratings`), normalised to 1 at the preferred
orientation. The unit's tuning curve is ``a(angle)``; the neuron's is its rate. Because
the mean current is below threshold, only the tips of the response make spikes and the
neuron's tuning is narrower than the unit's: the "iceberg effect" (Carandini & Ferster
2000, J Neurosci 20:470).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from neurosim.artificial import SparseAutoencoder
from neurosim.artificial.digits import digit_classifier, digits_split
from neurosim.contract import Findings, Rule
from neurosim.contract.module import begin
from neurosim.contract.parameters import Parameter
from neurosim.core.cache import shared
from neurosim.plotting import (
    ARTIFICIAL,
    NEUTRAL,
    SPIKING,
    THEORY,
    label_panels,
    lecture_style,
    new_figure,
    run_note,
)
from neurosim.spiking import LIFParameters, simulate
from neurosim.spiking.theory import siegert_rate
from neurosim.stimuli import sinusoid
from neurosim.units import Hz, ms, nA, second
from neurosim.vision import (
    centre_surround,
    gabor_like,
    gaussian_blobs,
    grating_response_amplitude,
    learn_dictionary,
    load_natural_patches,
    natural_spectrum_noise,
    pca_components,
    simple_cell_shape,
    tuning_half_width,
    white_noise,
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
    Parameter("autoencoder_units", 64, "hidden units of the sparse autoencoder", low=16, high=144),
    Parameter(
        "autoencoder_sparseness",
        1.0,
        "L1 weight lambda on the autoencoder's code",
        low=0.0,
        high=3.0,
    ),
    Parameter(
        "autoencoder_steps",
        1000,
        "autoencoder mini-batch steps (Adam, 100 patches each)",
        low=50,
        high=10000,
        quick=600,
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

#: Patch size of the shipped natural patches (pixels).
PATCH = 12
#: Filters drawn from each null (the PCA null has as many components as the autoencoder
#: has filters).
NULL_COUNT = 100
#: The nulls, in the order the figure lists them.
NULLS = (
    "white noise",
    "natural-spectrum noise",
    "Gaussian blobs",
    "centre-surround",
    "PCA components",
)
#: The analogy holds if more than this share (%) of a network's filters are V1-like;
#: partly from PARTLY_SHARE.
HOLDS_SHARE, PARTLY_SHARE = 50.0, 25.0
#: The most (%) a null may pass in tests/vision/test_simple_cells.py.
NULL_LIMIT = 10.0


@dataclass(frozen=True)
class Measured:
    """What plot() needs: plain arrays."""

    ae_filters: np.ndarray
    ae_v1: np.ndarray
    sc_filters: np.ndarray
    sc_v1: np.ndarray
    digit_filters: np.ndarray
    digit_v1: np.ndarray
    ae_digit_filters: np.ndarray
    ae_digit_v1: np.ndarray
    null_names: tuple
    null_examples: np.ndarray
    null_example_v1: np.ndarray
    null_share: np.ndarray
    null_count: np.ndarray
    rf: np.ndarray
    rf_theta: float
    rf_frequency: float
    temporal_frequency_Hz: float
    duration_s: float
    angles_deg: np.ndarray
    unit_tuning: np.ndarray
    neuron_rate_Hz: np.ndarray
    theory_rate_Hz: np.ndarray
    unit_width_deg: float
    neuron_width_deg: float


def _whitened(p):
    def compute():
        patches, _, _ = load_natural_patches()
        X = patches.reshape(len(patches), -1).astype(float)
        return whiten(X, eps=float(p.whitening_eps))[0]

    return shared("whitened_patches", {"eps": float(p.whitening_eps)}, compute)


def _sparse_code(p, W, seed):
    def compute():
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
        return code.basis.T.reshape(-1, PATCH, PATCH)

    key = {
        "n_basis": int(p.n_basis),
        "lam": float(p.sparseness),
        "steps": int(p.learning_steps),
        "eps": float(p.whitening_eps),
        "seed": seed,
    }
    return shared("sparse_code", key, compute)


def _autoencoder(p, W, seed, data):
    """The sparse autoencoder's filters after training on the whitened rows of ``W``
    (``data`` names them for the cache)."""

    def compute():
        ae = SparseAutoencoder(
            W.shape[1],
            int(p.autoencoder_units),
            sparseness=float(p.autoencoder_sparseness),
            seed=seed,
        )
        ae.fit(W, steps=int(p.autoencoder_steps), batch=100, learning_rate=0.02, seed=seed)
        side = math.isqrt(W.shape[1])
        return ae.filters.reshape(-1, side, side)

    key = {
        "data": data,
        "units": int(p.autoencoder_units),
        "lam": float(p.autoencoder_sparseness),
        "steps": int(p.autoencoder_steps),
        "eps": float(p.whitening_eps),
        "seed": seed,
    }
    return shared("sparse_autoencoder", key, compute)


def _nulls(n_pca, seed):
    patches, _, _ = load_natural_patches()
    patches = patches.astype(float)
    return {
        "white noise": white_noise(NULL_COUNT, PATCH, seed=seed),
        "natural-spectrum noise": natural_spectrum_noise(patches, NULL_COUNT, seed=seed),
        "Gaussian blobs": gaussian_blobs(NULL_COUNT, PATCH, seed=seed),
        "centre-surround": centre_surround(NULL_COUNT, PATCH, seed=seed),
        "PCA components": pca_components(patches, n_pca),
    }


def _driving_filter(filters, v1):
    """A typical V1-like filter: the one with the median elongation n_y among them (any
    filter if none is V1-like); n_y sets the width of its orientation tuning."""
    shape = simple_cell_shape(filters)
    pool = np.flatnonzero(v1) if np.any(v1) else np.flatnonzero(np.isfinite(shape.n_y))
    order = pool[np.argsort(shape.n_y[pool], kind="stable")]
    i = int(order[(len(order) - 1) // 2])
    return filters[i], float(shape.theta[i]), float(shape.frequency[i])


def _percent(flags) -> float:
    return 100.0 * float(np.mean(flags))


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
        v1_criterion="neurosim.vision.gabor_like: localised, >= half a cycle under the "
        "envelope, band-pass, orientation-selective",
        encoding="I = offset + drive * a(angle) * sin(2 pi f_t t), a = linear RF amplitude",
    )
    # artificial models: backprop and sparse coding on the same natural patches, and the
    # digits network's first-layer weights
    W = _whitened(p)
    ae_filters = _autoencoder(p, W, seed, "natural patches")
    sc_filters = _sparse_code(p, W, seed)
    net = digit_classifier(seed=seed)
    digit_filters = np.asarray(net.weights[0]).T.reshape(-1, 8, 8)
    # the same autoencoder on the digits network's training images, whitened alike
    digits_white = whiten(digits_split(seed).X_train, eps=float(p.whitening_eps))[0]
    ae_digit_filters = _autoencoder(p, digits_white, seed, "digits")
    ae_v1, sc_v1, digit_v1, ae_digit_v1 = (
        gabor_like(F) for F in (ae_filters, sc_filters, digit_filters, ae_digit_filters)
    )

    # the nulls: shapes the criterion must reject
    nulls = _nulls(len(ae_filters), seed)
    null_v1 = {name: gabor_like(F) for name, F in nulls.items()}

    # stimulus: drifting gratings at the driving filter's own spatial frequency, angles
    # around its preferred orientation
    rf, theta_pref, frequency = _driving_filter(ae_filters, ae_v1)
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
    examples = np.stack([F[0] for F in nulls.values()])
    findings.data = Measured(
        ae_filters=ae_filters,
        ae_v1=ae_v1,
        sc_filters=sc_filters,
        sc_v1=sc_v1,
        digit_filters=digit_filters,
        digit_v1=digit_v1,
        ae_digit_filters=ae_digit_filters,
        ae_digit_v1=ae_digit_v1,
        null_names=NULLS,
        null_examples=examples,
        null_example_v1=np.array([null_v1[name][0] for name in NULLS]),
        null_share=np.array([_percent(null_v1[name]) for name in NULLS]),
        null_count=np.array([len(null_v1[name]) for name in NULLS]),
        rf=rf,
        rf_theta=theta_pref,
        rf_frequency=frequency,
        temporal_frequency_Hz=float(p.temporal_frequency / Hz),
        duration_s=seconds,
        angles_deg=angles_deg,
        unit_tuning=unit_tuning,
        neuron_rate_Hz=rate,
        theory_rate_Hz=theory,
        unit_width_deg=unit_width,
        neuron_width_deg=neuron_width,
    )
    _claims(findings, p, neuron, seconds, unit_width, neuron_width, rate, theory)
    return findings


def _claims(findings, p, neuron, seconds, unit_width, neuron_width, rate, theory):
    d = findings.data
    criterion = (
        "V1-like = localised inside the patch, at least half a carrier cycle under the "
        "envelope, band-pass and orientation-selective (neurosim.vision.gabor_like)"
    )
    share_reason = (
        f"the analogy holds if most (over {HOLDS_SHARE:.0f} %) of a network's filters are "
        "V1-like, as a simple cell's receptive field is; partly from "
        f"{PARTLY_SHARE:.0f} %, well above what shapeless filters reach: white noise, "
        "natural-spectrum noise, Gaussian blobs, centre-surround fields and PCA "
        f"components pass at most {NULL_LIMIT:.0f} % (tests/vision/test_simple_cells.py)"
    )
    findings.claim(
        "share of the filters of a sparse autoencoder (one hidden layer of units, tied "
        "weights, L1 penalty on the code) trained by backprop on whitened natural-image "
        "patches that are V1-like; " + criterion,
        _percent(d.ae_v1),
        "%",
        rule=Rule.at_least(
            HOLDS_SHARE, partly=PARTLY_SHARE, below="filters not V1-like", reason=share_reason
        ),
        label="backprop autoencoder, natural images",
        aspect="receptive fields",
        key=True,
    )
    findings.claim(
        "share of the lecture's digits network's first-layer filters (8x8 weights per "
        "hidden unit, backprop on the UCI digits) that are V1-like; same criterion",
        _percent(d.digit_v1),
        "%",
        rule=Rule.at_least(
            HOLDS_SHARE, partly=PARTLY_SHARE, below="filters not V1-like", reason=share_reason
        ),
        label="digits network (its data: digits)",
        aspect="receptive fields",
    )
    findings.claim(
        "share of the filters of the same sparse autoencoder, trained by backprop on the "
        "digits network's training images (whitened alike), that are V1-like; same "
        "criterion",
        _percent(d.ae_digit_v1),
        "%",
        rule=Rule.at_least(
            HOLDS_SHARE, partly=PARTLY_SHARE, below="filters not V1-like", reason=share_reason
        ),
        label="same autoencoder on digits (its data)",
        aspect="receptive fields",
    )
    findings.claim(
        "share of sparse-coding basis functions (Olshausen & Field's objective, the same "
        "whitened natural-image patches) that are V1-like; same criterion",
        _percent(d.sc_v1),
        "%",
        rule=Rule.at_least(
            HOLDS_SHARE,
            partly=PARTLY_SHARE,
            reason="Olshausen & Field (1996): sparse coding of natural images learns "
            "localised, oriented, band-pass basis functions, so most should pass; "
            f"partly from {PARTLY_SHARE:.0f} %, above every null",
        ),
        label="sparse coding, natural images",
        about="artificial",
    )
    step = 180.0 / len(d.angles_deg)
    findings.claim(
        "orientation tuning half-width of a noisy LIF neuron driven by a learned receptive "
        "field minus the linear unit's (same gratings, mean current below rheobase)",
        neuron_width - unit_width,
        "deg",
        rule=Rule.between(
            -step / 2,
            step / 2,
            below="neuron more sharply tuned",
            above="neuron more broadly tuned",
            reason="if the neuron inherited the unit's tuning the half-widths would agree "
            "within half an angle step (the sampling of the orientations, n_angles)",
        ),
        label="tuning half-width, neuron - unit",
        aspect="receptive fields",
    )
    # the expected count at the preferred orientation (the closed form's peak: the
    # unit's tuning is 1 there whatever the learned filter), so the rule is the same for
    # every seed
    spikes_at_peak = float(np.max(theory)) * seconds * int(p.trials)
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
            above="neuron off its closed form",
            reason="quasi-static error of order tau_m times the drift frequency, plus two "
            "standard errors of a Poisson count of the spikes the closed form expects at the "
            "peak",
        ),
        label="LIF tuning vs Siegert closed form",
        about="spiking",
    )


# -- figure -----------------------------------------------------------------------------


def _mosaic(ax, filters, v1, columns):
    """Filters as tiles, each scaled to its own peak; V1-like ones framed."""
    k, h, w = filters.shape
    rows = int(np.ceil(k / columns))
    gap = 2
    out = np.full((rows * (h + gap) + gap, columns * (w + gap) + gap), np.nan)
    for i, F in enumerate(filters):
        r, c = divmod(i, columns)
        y0, x0 = gap + r * (h + gap), gap + c * (w + gap)
        out[y0 : y0 + h, x0 : x0 + w] = F / (np.abs(F).max() or 1.0)
        if v1[i]:
            ax.add_patch(_frame(x0 - 0.5 - 0.6, y0 - 0.5 - 0.6, w + 1.2, h + 1.2, color=ARTIFICIAL))
    cmap = _grey()
    ax.imshow(out, cmap=cmap, vmin=-1, vmax=1, interpolation="nearest")
    ax.set_axis_off()


def _frame(x, y, w, h, color):
    import matplotlib.patches as mpatches

    return mpatches.Rectangle((x, y), w, h, fill=False, color=color, lw=2.2)


def _grey():
    import matplotlib

    return matplotlib.colormaps["gray"].with_extremes(bad="white")


def _filters_panel(ax, filters, v1, title):
    columns = int(np.ceil(np.sqrt(len(filters))))
    _mosaic(ax, filters, v1, columns)
    ax.set_title(f"{title}\n{int(np.sum(v1))} of {len(v1)} V1-like (framed)")


def _nulls_panel(ax, d):
    """One example of each null, framed if V1-like (none should be), on one image."""
    titles = {
        "white noise": "white\nnoise",
        "natural-spectrum noise": "natural-\nspectrum noise",
        "Gaussian blobs": "Gaussian\nblob",
        "centre-surround": "centre-\nsurround",
        "PCA components": "PCA\ncomponent",
    }
    k = d.null_examples.shape[-1]
    gap_x, gap_y, columns = k // 2, k, 3
    out = np.full((2 * (k + gap_y), columns * (k + gap_x) - gap_x), np.nan)
    for i, (name, F, ok) in enumerate(zip(d.null_names, d.null_examples, d.null_example_v1)):
        r, c = divmod(i, columns)
        y0, x0 = gap_y + r * (k + gap_y), c * (k + gap_x)
        out[y0 : y0 + k, x0 : x0 + k] = F / (np.abs(F).max() or 1.0)
        ax.text(x0 + k / 2 - 0.5, y0 - 1.5, titles.get(name, name), ha="center", va="bottom")
        if ok:
            ax.add_patch(_frame(x0 - 1.1, y0 - 1.1, k + 1.2, k + 1.2, color=ARTIFICIAL))
    ax.imshow(out, cmap=_grey(), vmin=-1, vmax=1, interpolation="nearest")
    x0, y0 = (columns - 1) * (k + gap_x), 2 * gap_y + k
    ax.text(
        x0 + k / 2 - 0.5,
        y0 + k / 2 - 0.5,
        "nulls: shapes\na V1 test\nmust reject\n(framed if\nV1-like)",
        ha="center",
        va="center",
        fontsize=12,
    )
    ax.set_axis_off()


def _share_panel(ax, d):
    learned = (
        ("autoencoder, natural", d.ae_v1),
        ("sparse coding, natural", d.sc_v1),
        ("autoencoder, digits", d.ae_digit_v1),
        ("digits network", d.digit_v1),
    )
    names = [name for name, _ in learned] + list(d.null_names)
    shares = [_percent(v1) for _, v1 in learned] + list(d.null_share)
    counts = [len(v1) for _, v1 in learned] + list(d.null_count)
    colors = [ARTIFICIAL] * len(learned) + [NEUTRAL] * len(d.null_names)
    y = np.arange(len(names))[::-1]
    ax.barh(y, shares, color=colors, height=0.7)
    for yi, share, n in zip(y, shares, counts):
        ax.text(share + 2, yi, f"{share:.0f} % of {n}", va="center", fontsize=12)
    ax.axvline(HOLDS_SHARE, color=THEORY, ls="--", lw=1.5)
    ax.text(HOLDS_SHARE + 1, y[0] + 0.75, "most", fontsize=11, va="bottom")
    ax.set_yticks(y, names)
    ax.set_xlim(0, 130)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_ylim(-0.6, len(names) - 0.1)
    ax.set_xlabel("filters that are V1-like (%)")
    ax.set_title("backprop on natural images: V1-like;\non digits: few; nulls: none")


def _tuning_panel(ax, d):
    unit = ax.plot(d.angles_deg, d.unit_tuning, "-o", color=ARTIFICIAL, label="unit (linear RF)")
    ax.set_xlabel("grating orientation − preferred (deg)")
    ax.set_ylabel("unit response (fraction of peak)")
    ax.set_ylim(0, 1.5)
    ax.set_xlim(-92, 92)
    twin = ax.twinx()
    neuron = twin.plot(d.angles_deg, d.neuron_rate_Hz, "o", color=SPIKING, label="LIF neuron")
    theory = twin.plot(
        d.angles_deg, d.theory_rate_Hz, "--", color=THEORY, label="Siegert, cycle mean"
    )
    twin.set_ylabel("firing rate (Hz)")
    top = max(float(np.max(d.neuron_rate_Hz)), float(np.max(d.theory_rate_Hz)), 1e-9)
    twin.set_ylim(0, 1.5 * top)
    twin.spines["right"].set_visible(True)
    ax.set_title(
        f"half-width: unit {d.unit_width_deg:.0f}°, neuron {d.neuron_width_deg:.0f}°\n"
        "(the iceberg effect)"
    )
    handles = unit + neuron + theory
    twin.legend(handles, [h.get_label() for h in handles], loc="upper left", fontsize=11)
    inset = ax.inset_axes([0.74, 0.66, 0.22, 0.24])
    m = np.abs(d.rf).max() or 1.0
    inset.imshow(d.rf, cmap="gray", vmin=-m, vmax=m, interpolation="nearest")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_title("unit's RF", fontsize=11, pad=3)


def plot(findings: Findings):
    """Learned filters and their verdicts, the nulls, the shares, and orientation tuning."""
    d = findings.data
    with lecture_style():
        fig = new_figure(figsize=(16, 10.5))
        grid = fig.add_gridspec(2, 3, height_ratios=[1.1, 1])
        top = [fig.add_subplot(grid[0, i]) for i in range(3)]
        fig.suptitle(
            "Same rule, different data: backprop learns V1-like filters from natural "
            "images, not from digits"
        )
        _filters_panel(top[0], d.ae_filters, d.ae_v1, "backprop autoencoder, natural images")
        _filters_panel(top[1], d.sc_filters, d.sc_v1, "sparse coding, natural images")
        _filters_panel(top[2], d.digit_filters, d.digit_v1, "digits network, first layer")
        a_nulls = fig.add_subplot(grid[1, 0])
        _nulls_panel(a_nulls, d)
        a_share = fig.add_subplot(grid[1, 1])
        _share_panel(a_share, d)
        a_tune = fig.add_subplot(grid[1, 2])
        _tuning_panel(a_tune, d)
        label_panels([*top, a_nulls, a_share, a_tune], x=-0.02, y=1.02)
        run_note(fig, findings.settings)
    return fig
