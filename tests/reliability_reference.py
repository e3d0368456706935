"""Schreiber et al.'s (2003) spike-time reliability, written again without the package:
binned trains convolved with a sampled Gaussian, cosine similarity of every pair."""

import numpy as np


def reliability_binned(trains, width_s, duration_s, dt=1e-4):
    """Schreiber's R from binned trains convolved with a sampled Gaussian (independent)."""
    n_bins = round(duration_s / dt) + 1
    half = int(6 * width_s / dt)
    kernel = np.exp(-0.5 * (np.arange(-half, half + 1) * dt / width_s) ** 2)
    smooth = []
    for t in trains:
        x = np.zeros(n_bins + 2 * half)
        np.add.at(x, np.round(np.asarray(t) / dt).astype(int) + half, 1.0)
        smooth.append(np.convolve(x, kernel, mode="same"))
    r = []
    for i in range(len(smooth)):
        for j in range(i + 1, len(smooth)):
            a, b = np.linalg.norm(smooth[i]), np.linalg.norm(smooth[j])
            if a == 0 and b == 0:
                continue
            r.append(0.0 if a * b == 0 else smooth[i] @ smooth[j] / (a * b))
    return float(np.mean(r))
