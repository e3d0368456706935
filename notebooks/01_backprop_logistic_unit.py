# %% [markdown]
# # Exercise 1: backprop for one logistic unit, checked by finite differences
#
# A logistic unit computes $p = \sigma(w \cdot x + b)$ with $\sigma(z) = 1/(1 + e^{-z})$.
# Trained on labels $y \in \{0, 1\}$ it minimises the mean binary cross-entropy
#
# $$L(w, b) = -\frac{1}{n}\sum_i \big[y_i \log p_i + (1 - y_i)\log(1 - p_i)\big].$$
#
# "Backprop" for one unit is the chain rule: $\partial L/\partial z_i = (p_i - y_i)/n$,
# then $\partial L/\partial w = \sum_i x_i\, \partial L/\partial z_i$ and
# $\partial L/\partial b = \sum_i \partial L/\partial z_i$.
#
# You will write the loss and its gradient, check the gradient against central finite
# differences (which need nothing but the loss), and train the unit with it.

# %%
import numpy as np

from neurosim.artificial import LogisticUnit
from neurosim.datasets import make_moons

X, y = make_moons(200, noise=0.2, seed=0)
print(X.shape, y[:10])


# %% [markdown]
# ## 1. The loss and its gradient
# Write `loss_and_gradient(w, b, X, y)`, returning the mean cross-entropy and its
# gradient `(dL/dw, dL/db)`. Use `np.logaddexp(0, -z)` for $-\log\sigma(z)$: it never
# overflows.


# %%
def loss_and_gradient(w, b, X, y):
    # EXERCISE: raise NotImplementedError("z = X @ w + b; loss = mean(y*logaddexp(0, -z) + (1 - y)*logaddexp(0, z)); dz = (sigmoid(z) - y)/n")
    # SOLUTION BEGIN
    z = X @ w + b
    loss = np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))
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
    # EXERCISE: raise NotImplementedError("Perturb each weight (and b) by +eps and -eps, difference the losses, divide by 2*eps")
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
# ## 3. Train the unit with your gradient
# Full-batch gradient descent from the same start as `LogisticUnit.fit` (weights drawn
# from $N(0, 0.01^2)$ with the seed, bias 0, learning rate 0.5): your weights must be
# the library's to rounding error, and the accuracy too.

# %%
w = np.random.default_rng(0).normal(0.0, 0.01, size=2)
b = 0.0
for _ in range(500):
    _, (gw, gb) = loss_and_gradient(w, b, X, y)
    w, b = w - 0.5 * gw, b - 0.5 * gb

unit = LogisticUnit().fit(X, y, epochs=500, learning_rate=0.5, seed=0)
print("yours:   ", w, b)
print("library: ", unit.weights, unit.bias)
assert np.allclose(w, unit.weights, atol=1e-10) and abs(b - unit.bias) < 1e-10
accuracy = np.mean(((X @ w + b) >= 0) == y)
print(f"training accuracy {accuracy:.1%}: one line cannot separate the two moons")
