# %% [markdown]
# # Exercise 4: learning without weight transport (feedback alignment)
#
# Backprop sends the output error back to the hidden layer through the transpose of the
# forward weights, $e = \delta\, W_2^\top$: the synapses carrying the error would have to
# know every forward weight, which no known pathway in the brain does ("weight
# transport"). Lillicrap et al. (2016, Nat. Commun. 7:13276) showed that a *fixed
# random* matrix $B$ in place of $W_2^\top$ still teaches the network: the forward
# weights come to agree with the feedback.
#
# You will write the feedback-alignment update for a small two-layer network, watch the
# angle between its hidden-layer update and backprop's shrink, and compare with
# neurosim's `FeedbackAlignment` rule.

# %%
import numpy as np

from neurosim.artificial import DeepNetwork, FeedbackAlignment
from neurosim.datasets import make_moons

X, y = make_moons(400, noise=0.15, seed=0)
T = np.eye(2)[y]  # one-hot targets
rng = np.random.default_rng(0)
n_hidden = 32
W1, b1 = rng.normal(0, 1 / np.sqrt(2), (2, n_hidden)), np.zeros(n_hidden)
W2, b2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 2)), np.zeros(2)
B = rng.normal(0, np.sqrt(np.mean(W2**2)), W2.T.shape)  # fixed random feedback


def forward(X):
    h = np.tanh(X @ W1 + b1)
    z = h @ W2 + b2
    p = np.exp(z - z.max(axis=1, keepdims=True))
    return h, p / p.sum(axis=1, keepdims=True)


def angle(a, b):
    cos = np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b))
    return np.degrees(np.arccos(np.clip(cos, -1, 1)))


# %% [markdown]
# ## 1. The hidden layer's update
# With the output error `delta2 = (p - T) / n`, backprop's hidden error is
# `(delta2 @ W2.T) * (1 - h**2)` (the slope of tanh). Write `hidden_delta(delta2, h,
# feedback)`, where `feedback` is the matrix the error travels through (`W2.T` for
# backprop, `B` for feedback alignment).


# %%
def hidden_delta(delta2, h, feedback):
    # EXERCISE: raise NotImplementedError("Send delta2 back through feedback (delta2 @ feedback), then multiply by tanh's slope 1 - h**2")
    # SOLUTION BEGIN
    return (delta2 @ feedback) * (1 - h**2)
    # SOLUTION END


# %%
angles, accuracy = [], []
for _ in range(1500):
    h, p = forward(X)
    delta2 = (p - T) / len(X)
    d_fa = hidden_delta(delta2, h, B)  # what feedback alignment uses
    d_bp = hidden_delta(delta2, h, W2.T)  # what backprop would use
    angles.append(angle(X.T @ d_fa, X.T @ d_bp))
    W2 -= 0.5 * h.T @ delta2
    b2 -= 0.5 * delta2.sum(axis=0)
    W1 -= 0.5 * X.T @ d_fa
    b1 -= 0.5 * d_fa.sum(axis=0)
    accuracy.append(np.mean(forward(X)[1].argmax(axis=1) == y))
print(
    f"angle to backprop's update: {angles[0]:.0f} deg at the start, {angles[-1]:.0f} deg at the end"
)
print(f"training accuracy: {accuracy[-1]:.1%}")
assert angles[-1] < 90 and accuracy[-1] > 0.85

# %% [markdown]
# ## 2. The same with neurosim
# `DeepNetwork.fit(rule=FeedbackAlignment())` uses the same idea in every hidden layer;
# `record_alignment=True` records the angle of its updates to the true gradient.

# %%
results = {}
for name, rule in (("backprop", None), ("feedback alignment", FeedbackAlignment())):
    net = DeepNetwork([2, 32, 2], hidden="tanh", output="softmax", seed=0)
    net.fit(
        X, y, epochs=100, batch_size=32, learning_rate=0.01, optimizer="adam", rule=rule, seed=0
    )
    results[name] = net.score(X, y)
    print(f"{name}: training accuracy {results[name]:.1%}")
assert min(results.values()) > 0.95

# %% [markdown]
# **Question.** Feedback alignment removes weight transport, but it still needs a
# separate error pathway and a precise error signal. Which other rules in the
# `learning_rules` comparison ask less of the brain, and what do they cost in accuracy?
