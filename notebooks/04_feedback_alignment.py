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
import matplotlib.pyplot as plt
import numpy as np

from neurosim.artificial import DeepNetwork, FeedbackAlignment
from neurosim.datasets import make_moons
from neurosim.plotting import ARTIFICIAL, NEUTRAL, THEORY, lecture_style

X, y = make_moons(400, noise=0.15, seed=0)
T = np.eye(2)[y]  # one-hot targets
rng = np.random.default_rng(0)
n_hidden = 32
START = (
    rng.normal(0, 1 / np.sqrt(2), (2, n_hidden)),  # W1
    np.zeros(n_hidden),  # b1
    rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 2)),  # W2
    np.zeros(2),  # b2
)
B = rng.normal(0, np.sqrt(np.mean(START[2] ** 2)), START[2].T.shape)  # fixed random feedback


def forward(X, W1, b1, W2, b2):
    h = np.tanh(X @ W1 + b1)
    z = h @ W2 + b2
    p = np.exp(z - z.max(axis=1, keepdims=True))
    return h, p / p.sum(axis=1, keepdims=True)


def angle(a, b):
    cos = np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b))
    return np.degrees(np.arccos(np.clip(cos, -1, 1)))


# %% [markdown]
# ## 1. The hidden layer's update
# With the output error `delta2 = (p - T) / n` (one row per example, one column per
# output), each hidden unit's error is the output error sent back to it through a matrix
# and scaled by the slope of its own nonlinearity at its current output `h`. Backprop
# sends it through $W_2^\top$ (the chain rule asks for exactly that), feedback alignment
# through the fixed random $B$ (same shape). Write `hidden_delta(delta2, h, feedback)`,
# where `feedback` is that matrix (`W2.T` or `B`). Remember $\tanh'(a)$ can be written
# with $\tanh(a)$ itself.


# %%
def hidden_delta(delta2, h, feedback):
    # EXERCISE: raise NotImplementedError("Two steps: carry delta2 back to the hidden units through feedback (check the shapes: n x 2 in, n x n_hidden out), then scale each hidden unit's share by the slope of tanh at that unit, written with h.")
    # SOLUTION BEGIN
    return (delta2 @ feedback) * (1 - h**2)
    # SOLUTION END


# %% [markdown]
# Now train the network twice from the same start, once with backprop's matrix and once
# with the fixed random one, using your `hidden_delta`. For the feedback-alignment run,
# record the angle between the hidden-layer update it makes and the one backprop would
# make from the same weights.


# %%
def train(rule, steps=1500, learning_rate=0.5):
    W1, b1, W2, b2 = (a.copy() for a in START)
    angles, accuracy = [], []
    for _ in range(steps):
        h, p = forward(X, W1, b1, W2, b2)
        delta2 = (p - T) / len(X)
        d_bp = hidden_delta(delta2, h, W2.T)  # what backprop uses
        d_hidden = d_bp if rule == "backprop" else hidden_delta(delta2, h, B)
        angles.append(angle(X.T @ d_hidden, X.T @ d_bp))
        W2 -= learning_rate * h.T @ delta2
        b2 -= learning_rate * delta2.sum(axis=0)
        W1 -= learning_rate * X.T @ d_hidden
        b1 -= learning_rate * d_hidden.sum(axis=0)
        accuracy.append(np.mean(forward(X, W1, b1, W2, b2)[1].argmax(axis=1) == y))
    return np.array(angles), np.array(accuracy)


runs = {rule: train(rule) for rule in ("backprop", "feedback alignment")}
angles, accuracy = runs["feedback alignment"]
print(
    f"angle to backprop's update: {angles[0]:.0f} deg at the start, {angles[-1]:.0f} deg at the end"
)
for rule, (_, acc) in runs.items():
    print(f"{rule}: training accuracy {acc[-1]:.1%}")
assert angles[-1] < 90 and accuracy[-1] > 0.85

# %% [markdown]
# ### Your two learning rules side by side

# %%
with lecture_style():
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    step = np.arange(1, len(angles) + 1)
    styles = {"backprop": ("-", ARTIFICIAL), "feedback alignment": ("--", ARTIFICIAL)}
    for rule, (_, acc) in runs.items():
        ls, colour = styles[rule]
        left.plot(step, 100 * acc, ls, color=colour, lw=2.5, label=f"{rule}: {acc[-1]:.1%}")
    left.axhline(50, color=NEUTRAL, lw=1, ls=":")
    left.text(step[-1], 50, "chance", color=NEUTRAL, ha="right", va="bottom")
    left.set(xlabel="training step (full batch)", ylabel="training accuracy (%)", ylim=(40, 101))
    left.set_title("your two rules learn the moons")
    left.legend(loc="center right")
    right.plot(step, angles, "--", color=ARTIFICIAL, lw=2.5)
    right.axhline(90, color=THEORY, lw=1, ls=":")
    right.text(step[-1], 90, "90 deg: no help", color=THEORY, ha="right", va="bottom")
    right.set(xlabel="training step (full batch)", ylabel="angle to backprop's update (deg)")
    right.set_ylim(0, 120)
    right.set_title("feedback alignment turns towards backprop")

# %% [markdown]
# Think: at the start the random feedback points the hidden update almost anywhere, yet
# the angle falls well below 90 degrees. The feedback $B$ never changes: what does, and
# why does it come to agree with $B$? Would the angle fall as far if the output weights
# $W_2$ were frozen too?

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
# Think: feedback alignment removes weight transport, but it still needs a
# separate error pathway and a precise error signal. Which other rules in the
# `learning_rules` comparison ask less of the brain, and what do they cost in accuracy?
