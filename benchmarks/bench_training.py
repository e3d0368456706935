"""Training throughput of DeepNetwork against a minimal hand-written numpy loop.

Run:  python benchmarks/bench_training.py [--epochs 20] [--repeats 5]

Both train a 64-100-10 sigmoid/softmax network on the UCI digits (80 % split,
1438 samples) with plain mini-batch SGD (batch 64, learning rate 0.1) and, like
``DeepNetwork.fit``, measure loss and accuracy on the training set after each epoch.
The baseline is the loop a person would write by hand with the same arithmetic
(same initial weights, same shuffling, same stable sigmoid and softmax); the script
first checks that both end with the same weights, so the ratio measures only the
package's overhead (validation, the learning-rule and optimizer objects, the
forward record).  Reported: median samples/s over the repeats and their ratio
(target: package >= 0.8x baseline).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from neurosim.artificial import DeepNetwork
from neurosim.datasets import load_digits, train_test_split

LAYERS = [64, 100, 10]
BATCH = 64
LEARNING_RATE = 0.1
SEED = 0


def baseline_fit(X, y, W1, b1, W2, b2, *, epochs, seed):
    """The hand-written loop: forward, backward, SGD step; loss/accuracy per epoch."""
    W1, b1, W2, b2 = W1.copy(), b1.copy(), W2.copy(), b2.copy()
    n = X.shape[0]
    T = np.zeros((n, 10))
    T[np.arange(n), y] = 1.0
    rng = np.random.default_rng(seed)
    losses, accuracies = [], []

    def sigmoid(z):  # exp(-|z|): no overflow
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0, e) / (1.0 + e)

    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, BATCH):
            idx = order[start : start + BATCH]
            x, t = X[idx], T[idx]
            h = sigmoid(x @ W1 + b1)
            z = h @ W2 + b2
            p = np.exp(z - z.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            d2 = (p - t) * (1.0 / len(idx))
            d1 = (d2 @ W2.T) * (h * (1.0 - h))
            gW2, gb2 = h.T @ d2, d2.sum(axis=0)
            gW1, gb1 = x.T @ d1, d1.sum(axis=0)
            W1 -= LEARNING_RATE * gW1
            W2 -= LEARNING_RATE * gW2
            b1 -= LEARNING_RATE * gb1
            b2 -= LEARNING_RATE * gb2
        z = sigmoid(X @ W1 + b1) @ W2 + b2
        shifted = z - z.max(axis=1, keepdims=True)
        logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        losses.append(-logp[np.arange(n), y].mean())
        accuracies.append(np.mean(np.argmax(z, axis=1) == y))
    return (W1, b1, W2, b2), np.array(losses), np.array(accuracies)


def package_fit(X, y, *, epochs, seed):
    net = DeepNetwork(LAYERS, hidden="sigmoid", output="softmax", seed=SEED)
    history = net.fit(
        X,
        y,
        epochs=epochs,
        batch_size=BATCH,
        learning_rate=LEARNING_RATE,
        optimizer="sgd",
        seed=seed,
    )
    return net, history


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    X_all, y_all = load_digits()
    X, _, y, _ = train_test_split(X_all, y_all, test_fraction=0.2, seed=0)
    n = X.shape[0]
    init = DeepNetwork(LAYERS, hidden="sigmoid", output="softmax", seed=SEED)
    W1, W2 = init.weights
    b1, b2 = init.biases

    # Same arithmetic? Both must end with the same weights and curves.
    net, history = package_fit(X, y, epochs=2, seed=SEED)
    (bW1, bb1, bW2, bb2), losses, accs = baseline_fit(X, y, W1, b1, W2, b2, epochs=2, seed=SEED)
    for mine, theirs in zip(net.weights + net.biases, (bW1, bW2, bb1, bb2)):
        np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(history.loss, losses, rtol=1e-12)
    np.testing.assert_array_equal(history.accuracy, accs)

    package_times, baseline_times = [], []
    for _ in range(args.repeats):  # interleaved, so machine load hits both alike
        t0 = time.perf_counter()
        baseline_fit(X, y, W1, b1, W2, b2, epochs=args.epochs, seed=SEED)
        baseline_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        package_fit(X, y, epochs=args.epochs, seed=SEED)
        package_times.append(time.perf_counter() - t0)

    samples = n * args.epochs
    base = samples / statistics.median(baseline_times)
    pack = samples / statistics.median(package_times)
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(
        f"DeepNetwork{LAYERS} sigmoid/softmax, SGD lr={LEARNING_RATE}, batch {BATCH}, "
        f"{n} samples x {args.epochs} epochs, median of {args.repeats} (BLAS threads: {threads})"
    )
    print(f"{'':32s}{'samples/s':>12s}{'median s':>11s}{'min s':>9s}{'max s':>9s}")
    for name, rate, times in (
        ("hand-written numpy (baseline)", base, baseline_times),
        ("neurosim DeepNetwork.fit", pack, package_times),
    ):
        print(
            f"{name:32s}{rate:12.0f}{statistics.median(times):11.3f}"
            f"{min(times):9.3f}{max(times):9.3f}"
        )
    ratio = pack / base
    print(f"ratio package / baseline: {ratio:.2f}x (target >= 0.80x)")
    return 0 if ratio >= 0.8 else 1


if __name__ == "__main__":
    raise SystemExit(main())
