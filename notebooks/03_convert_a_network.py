# %% [markdown]
# # Exercise 3: a trained network as spiking neurons, and how long the spikes need
#
# The lecture's digit classifier (64 pixels, 100 ReLU units, 10 outputs) is trained by
# backprop. Converted to integrate-and-fire neurons (Diehl et al. 2015; Rueckauer et al.
# 2017), each unit's activation becomes a firing rate and each weight a synapse. The
# class is read from the output neurons' spike counts, so the answer improves as spikes
# accumulate. How long must the spiking network run to classify as well as the ANN?

# %%
import matplotlib.pyplot as plt
import numpy as np

from neurosim.artificial.digits import digit_classifier, digits_split
from neurosim.bridge import convert
from neurosim.plotting import ARTIFICIAL, NEUTRAL, SPIKING, THEORY, lecture_style
from neurosim.units import ms

split = digits_split(seed=0)
net = digit_classifier("relu", seed=0)
ann = net.score(split.X_test, split.y_test)
print(net, f"ANN test accuracy {ann:.1%}")

# %% [markdown]
# ## 1. A tool first: from when on does a curve stay close?
# The spiking network's accuracy will be read every millisecond and may wobble. Write
# `time_to_stay_within(times, accuracy, target)`: the first readout time from which the
# accuracy never again drops below `target` (NaN if it is below target at the end).


# %%
def time_to_stay_within(times, accuracy, target):
    # EXERCISE: raise NotImplementedError("Which readouts are below target? Only the last of them matters: the answer is the readout that follows it. Decide what to return when no readout is below target, and when the very last one is.")
    # SOLUTION BEGIN
    below = np.flatnonzero(accuracy < target)
    if below.size == 0:
        return float(times[0])
    if below[-1] == len(times) - 1:
        return float("nan")
    return float(times[below[-1] + 1])
    # SOLUTION END


# %%
# hand-worked check: below target at 1 and 3 ms, above from 4 ms on
assert (
    time_to_stay_within(np.array([1, 2, 3, 4, 5]), np.array([0.1, 0.9, 0.2, 0.9, 0.95]), 0.8) == 4
)
assert np.isnan(time_to_stay_within(np.array([1, 2]), np.array([0.9, 0.1]), 0.8))

# %% [markdown]
# ## 2. When does the spiking network catch up?
# Convert the classifier (99.9th-percentile weight normalisation, IF neurons with reset by
# subtraction, images as constant input currents) and simulate the whole test set at
# once for 60 ms, reading the output every millisecond.

# %%
snn = convert(net, split.X_train)
result = snn.run(split.X_test, 60 * ms, readout_every=1 * ms)
times = np.asarray(result.readout_times / ms)
accuracy = result.accuracy(split.y_test)
for t in (2, 5, 10, 20, 40, 60):
    print(f"{t:3d} ms: {accuracy[times == t][0]:.1%}")
reach = time_to_stay_within(times, accuracy, ann - 0.01)
print(f"The spiking network stays within 1 point of the ANN from {reach:.0f} ms on.")

# %% [markdown]
# ## 3. Rates stand for activations
# Each hidden neuron should fire at the rate its ANN activation stands for
# (`result.expected_rates`, in Hz). Over all hidden neurons and test images, how well do
# the measured rates (`result.layer_rates`) follow? Write `slope_through_origin(expected,
# measured)`: the slope $s$ of the straight line through the origin that best fits
# measured $\approx s \cdot$ expected in the least-squares sense (1 for a faithful
# conversion).


# %%
def slope_through_origin(expected, measured):
    # EXERCISE: raise NotImplementedError("Write the sum of squared differences between measured and s * expected, set its derivative with respect to s to zero and solve for s.")
    # SOLUTION BEGIN
    # d/ds sum (m - s e)^2 = -2 sum e (m - s e) = 0
    return float(np.sum(expected * measured) / np.sum(expected**2))
    # SOLUTION END


# %%
expected = result.expected_rates[0].ravel()
measured = result.layer_rates[0].ravel()
slope = slope_through_origin(expected, measured)
r = np.corrcoef(expected, measured)[0, 1]
print(f"measured / expected rate: slope {slope:.3f} (neurosim: {result.rate_fidelity(0)[1]:.3f})")
print(f"correlation {r:.4f}")
assert abs(slope - result.rate_fidelity(0)[1]) < 1e-9 and r > 0.99

# %% [markdown]
# ### Your measurements beside the ANN
# Left: the spiking network's accuracy as spikes accumulate, the ANN's accuracy, and the
# time you found. Right: every hidden neuron's rate for every test image against the
# rate its activation stands for, with your fitted slope.

# %%
with lecture_style():
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    left.axhline(100 * ann, color=ARTIFICIAL, lw=3, label=f"ANN, {ann:.1%}")
    left.axhspan(100 * (ann - 0.01), 100 * ann, color=ARTIFICIAL, alpha=0.15, lw=0)
    left.plot(times, 100 * accuracy, color=SPIKING, lw=2.5, label="spiking network")
    left.axhline(10, color=NEUTRAL, lw=1, ls=":")
    left.text(times[-1], 10, "chance", color=NEUTRAL, ha="right", va="bottom")
    if np.isfinite(reach):
        left.axvline(reach, color=THEORY, lw=1.5, ls="--")
        left.text(reach, 25, f" yours: within 1 point\n from {reach:.0f} ms", color=THEORY)
    left.set(xlabel="simulated time (ms)", ylabel="test accuracy (%)", ylim=(0, 102))
    left.set_title("the spikes catch up with the ANN")
    left.legend(loc="center right")
    top = max(expected.max(), measured.max())
    right.plot(expected, measured, ".", color=SPIKING, ms=3, alpha=0.3, rasterized=True)
    right.plot([0, top], [0, top], "--", color=THEORY, lw=1.5, label="faithful (slope 1)")
    right.plot([0, top], [0, slope * top], color=SPIKING, lw=2.5, label=f"your slope {slope:.3f}")
    right.set(xlabel="rate the activation stands for (Hz)", ylabel="measured rate (Hz)")
    right.set_title("rates stand for activations")
    right.legend(loc="upper left")

# %% [markdown]
# Think: after 2 ms the network is far from the ANN, and it needs tens of milliseconds
# to catch up. Why does a rate code need time (how many spikes can a neuron firing at
# 100 Hz have sent after 5 ms)? What would a code that uses the *time of the first
# spike* (each neuron fires at most once) change? See the comparisons
# `rate_code_needs_time`, `cost_of_spikes` and `spikes_can_be_cheap`.
#
# Think: on the right the measured rates come in steps of about 17 Hz and sit below the
# faithful line. Where do the steps come from (how long did the network run?), and why
# would a neuron lose part of a spike's worth of rate rather than gain it?
