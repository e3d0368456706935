# %% [markdown]
# # Exercise 1: backprop for one logistic unit, checked by finite differences
#
# A logistic unit computes $p = \sigma(w \cdot x + b)$ with $\sigma(z) = 1/(1 + e^{-z})$.
# Trained on labels $y \in \{0, 1\}$ it minimises the mean binary cross-entropy
#
# $$L(w, b) = -\frac{1}{n}\sum_i \big[y_i \log p_i + (1 - y_i)\log(1 - p_i)\big].$$
#
# "Backprop" for one unit is the chain rule. $L$ depends on $w$ and $b$ only through
# the summed inputs $z_i = w \cdot x_i + b$, so first find $\partial L/\partial z_i$
# (you need $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$; the result is short), then use
# $\partial z_i/\partial w = x_i$ and $\partial z_i/\partial b = 1$.
#
# You will write the loss and its gradient, check the gradient against central finite
# differences (which need nothing but the loss), and train the unit with it.

# %%
import matplotlib.pyplot as plt
import numpy as np

from neurosim.artificial import LogisticUnit
from neurosim.datasets import make_moons
from neurosim.plotting import ARTIFICIAL, NEUTRAL, THEORY, lecture_style

X, y = make_moons(200, noise=0.2, seed=0)
print(X.shape, y[:10])


# %% [markdown]
# ## 1. The loss and its gradient
# Write `loss_and_gradient(w, b, X, y)`, returning the mean cross-entropy and its
# gradient `(dL/dw, dL/db)`. Use `np.logaddexp(0, -z)` for $-\log\sigma(z)$: it never
# overflows.


# %%
def loss_and_gradient(w, b, X, y):
    # EXERCISE: raise NotImplementedError("Compute each example's summed input z and the mean cross-entropy (the logaddexp form of -log p and -log(1 - p)); then dL/dz for every example from the chain rule, and from it dL/dw (how does z depend on w?) and dL/db.")
    # SOLUTION BEGIN
    z = X @ w + b
    # -log p = logaddexp(0, -z) and -log(1 - p) = logaddexp(0, z)
    loss = np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))
    # dL/dp = (p - y) / (p (1 - p) n) and dp/dz = p (1 - p): the product is (p - y) / n
    dz = (1 / (1 + np.exp(-z)) - y) / len(y)
    return loss, (X.T @ dz, dz.sum())
    # SOLUTION END


# %% [markdown]
# ## 2. Central finite differences
# The derivative of $L$ along parameter $k$ is about $(L(\theta + \epsilon e_k) -
# L(\theta - \epsilon e_k))/(2\epsilon)$, with an error of order $\epsilon^2$. Write
# `numerical_gradient(w, b, X, y, eps)`, using only the loss.


# %%
def numerical_gradient(w, b, X, y, eps=1e-6):
    # EXERCISE: raise NotImplementedError("Use only the loss (the first value loss_and_gradient returns): for each weight, and for the bias, evaluate it a step eps above and a step eps below and turn the two values into a slope.")
    # SOLUTION BEGIN
    def loss(w_, b_):
        return loss_and_gradient(w_, b_, X, y)[0]

    grad_w = np.zeros_like(w)
    for k in range(len(w)):
        step = np.zeros_like(w)
        step[k] = eps
        grad_w[k] = (loss(w + step, b) - loss(w - step, b)) / (2 * eps)
    grad_b = (loss(w, b + eps) - loss(w, b - eps)) / (2 * eps)
    return grad_w, grad_b
    # SOLUTION END


# %%
rng = np.random.default_rng(1)
w, b = rng.normal(size=2), 0.3
_, (gw, gb) = loss_and_gradient(w, b, X, y)
nw, nb = numerical_gradient(w, b, X, y)
error = max(np.max(np.abs(gw - nw)), abs(gb - nb))
print(f"largest difference, backprop vs finite differences: {error:.1e}")
assert error < 1e-6, "the analytic gradient disagrees with the finite differences"

# %% [markdown]
# ### Your gradient beside the reference
# Left: every gradient component (two weights and the bias) at 30 random parameter
# settings, yours against the finite differences; on the diagonal they agree. Right: how
# far the finite difference is from your gradient as the step $\epsilon$ shrinks.

# %%
settings = [(rng.normal(0, 2, size=2), rng.normal()) for _ in range(30)]
by_hand = np.array([np.append(*loss_and_gradient(w_, b_, X, y)[1]) for w_, b_ in settings])
by_fd = np.array([np.append(*numerical_gradient(w_, b_, X, y)) for w_, b_ in settings])
steps = np.logspace(-1, -12, 23)
step_error = [
    max(np.max(np.abs(gw - g_w)), abs(gb - g_b))
    for g_w, g_b in (numerical_gradient(w, b, X, y, eps) for eps in steps)
]

with lecture_style():
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    span = [by_fd.min(), by_fd.max()]
    left.plot(span, span, color=THEORY, lw=1, ls="--", label="equal")
    left.plot(by_fd.ravel(), by_hand.ravel(), "o", color=ARTIFICIAL, label="your backprop")
    left.set(
        xlabel="finite-difference gradient component",
        ylabel="your gradient component",
        title="backprop equals finite differences",
    )
    left.legend(loc="upper left")
    right.loglog(steps, step_error, "o-", color=ARTIFICIAL)
    right.axvline(1e-6, color=NEUTRAL, lw=1, ls=":")
    right.text(1e-6, max(step_error), " the step used above", color=NEUTRAL, va="top")
    right.invert_xaxis()
    right.set(
        xlabel=r"finite-difference step $\epsilon$",
        ylabel="largest difference from your gradient",
        title="too large a step, or too small",
    )

# %% [markdown]
# Think: the difference falls as $\epsilon$ shrinks, then rises again. Why does a very
# large step give the wrong slope, and why does a very small one (the computer keeps
# about 16 significant digits)? Where would you expect the best step to lie?

# %% [markdown]
# ## 3. Train the unit with your gradient
# Full-batch gradient descent from the same start as `LogisticUnit.fit` (weights drawn
# from $N(0, 0.01^2)$ with the seed, bias 0, learning rate 0.5): your weights must be
# the library's to rounding error, and the accuracy too.

# %%
w = np.random.default_rng(0).normal(0.0, 0.01, size=2)
b = 0.0
losses = []
for _ in range(500):
    loss, (gw, gb) = loss_and_gradient(w, b, X, y)
    losses.append(loss)
    w, b = w - 0.5 * gw, b - 0.5 * gb

unit = LogisticUnit().fit(X, y, epochs=500, learning_rate=0.5, seed=0)
print("yours:   ", w, b)
print("library: ", unit.weights, unit.bias)
assert np.allclose(w, unit.weights, atol=1e-10) and abs(b - unit.bias) < 1e-10
accuracy = np.mean(((X @ w + b) >= 0) == y)
print(f"training accuracy {accuracy:.1%}")

# %%
with lecture_style():
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    left.plot(np.arange(1, 501), losses, color=ARTIFICIAL, label="your gradient descent")
    final = loss_and_gradient(unit.weights, unit.bias, X, y)[0]
    left.axhline(final, color=THEORY, lw=1, ls="--", label="LogisticUnit.fit, after 500")
    left.set(xlabel="training step", ylabel="cross-entropy (nats)", title="your training")
    left.legend()
    for label in (0, 1):
        right.plot(*X[y == label].T, "o", ms=5, color=("0.25", "0.7")[label], label=f"y = {label}")
    xs = np.array([X[:, 0].min(), X[:, 0].max()])
    right.plot(xs, -(w[0] * xs + b) / w[1], color=ARTIFICIAL, lw=3, label="your line")
    right.plot(
        xs,
        -(unit.weights[0] * xs + unit.bias) / unit.weights[1],
        "--",
        color=THEORY,
        label="library's line",
    )
    right.set(xlabel="$x_1$", ylabel="$x_2$", title=f"one line: {accuracy:.0%} correct")
    right.set_ylim(X[:, 1].min() - 0.3, X[:, 1].max() + 0.3)
    right.legend(loc="upper right", fontsize=10)

# %% [markdown]
# Think: after about 300 steps more training hardly lowers the loss, and about one
# example in eight stays on the wrong side of the line. Which examples can no straight
# line get right, and what would a hidden layer of units (a deep network) add that
# training longer cannot?
