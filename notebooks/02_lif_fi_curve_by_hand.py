# %% [markdown]
# # Exercise 2: the LIF neuron's f-I curve by hand
#
# A leaky integrate-and-fire neuron obeys
# $\tau_m\, dV/dt = -(V - E_L) + R I$. A spike is emitted when $V$ reaches $V_{th}$;
# then $V$ is reset to $V_{reset}$ and held there for $t_{ref}$.
#
# For a constant current $I$, the membrane relaxes exponentially, with time constant
# $\tau_m$, from the reset value (here $V_{reset} = E_L$) towards $E_L + RI$. If that
# lies above threshold, the neuron fires regularly: solve the linear ODE for the time
# $T$ it takes from reset to threshold, and one spike comes every $t_{ref} + T$.
#
# You will derive that rate, integrate the neuron yourself with Euler steps, and
# compare both with neurosim's closed form (`lif_rate`) and its Brian2 simulation.

# %%
import matplotlib.pyplot as plt
import numpy as np

from neurosim.plotting import NEUTRAL, SPIKING, THEORY, lecture_style
from neurosim.spiking import LIFParameters, fi_curve, lif_rate, simulate
from neurosim.stimuli import sampled
from neurosim.units import Hz, ms, mV, nA, second

params = LIFParameters()  # tau_m 20 ms, E_L = V_reset -65 mV, V_th -50 mV, R 100 MOhm, t_ref 2 ms
print(params)
print("rheobase:", params.rheobase)

# %% [markdown]
# ## 1. The closed form
# Write `rate_by_hand(current_nA)` for the default parameters (plain numbers: currents in
# nA, rates in Hz). Below the rheobase $(V_{th} - E_L)/R$ the rate is 0.


# %%
def rate_by_hand(current_nA):
    current_nA = np.asarray(current_nA, dtype=float)
    tau, t_ref, R_MOhm, gap = 20e-3, 2e-3, 100.0, 15.0  # s, s, MOhm, mV (V_th - E_L)
    drive = R_MOhm * current_nA  # R I in mV (MOhm x nA = mV)
    # EXERCISE: raise NotImplementedError("Write V(t) after a reset, set it equal to the threshold and solve for the time T; one spike then comes every refractory time plus T. Which currents never reach the threshold (rate 0), and where would your formula divide by zero or take the log of a negative number?")
    # SOLUTION BEGIN
    # V(t) = E_L + drive (1 - exp(-t/tau)) reaches E_L + gap when
    # exp(-T/tau) = 1 - gap/drive, i.e. T = tau ln(drive / (drive - gap))
    above = drive > gap
    safe = np.where(above, drive, 2 * gap)
    T = tau * np.log(safe / (safe - gap))
    return np.where(above, 1.0 / (t_ref + T), 0.0)
    # SOLUTION END


# %%
currents = np.linspace(0.0, 0.6, 13)
mine = rate_by_hand(currents)
closed_form = np.asarray(lif_rate(currents * nA, params) / Hz)
print(np.round(mine, 2))
assert np.allclose(mine, closed_form, rtol=1e-12), "your formula differs from lif_rate"

# %% [markdown]
# ## 2. Integrate the neuron yourself
# Write `euler_rate(current_nA, duration_s, dt_s)`: start at $V = E_L$, step
# $V \leftarrow V + dt\,(-(V - E_L) + RI)/\tau_m$, and when $V \ge V_{th}$ count a
# spike, reset and stay at $V_{reset}$ for $t_{ref}$. Return the steady rate,
# 1 / (mean interval between spikes).


# %%
def euler_rate(current_nA, duration_s=1.0, dt_s=1e-5):
    tau, t_ref, E_L, V_th, R = 20e-3, 2e-3, -65.0, -50.0, 100.0
    # EXERCISE: raise NotImplementedError("Step through time in steps of dt_s: skip the steps inside the refractory time, otherwise move V by one Euler step; at threshold note the time, reset V and start the refractory time. Turn the spike times into a rate from the intervals between them (0 with fewer than two spikes).")
    # SOLUTION BEGIN
    v, refractory_until, times = E_L, -1.0, []
    for k in range(round(duration_s / dt_s)):
        t = k * dt_s
        if t < refractory_until:
            continue
        v += dt_s * (-(v - E_L) + R * current_nA) / tau
        if v >= V_th:
            times.append(t)
            v, refractory_until = E_L, t + t_ref
    return 1.0 / np.mean(np.diff(times)) if len(times) > 1 else 0.0
    # SOLUTION END


# %%
for current in (0.1, 0.2, 0.4):
    simulated = euler_rate(current, duration_s=0.3)
    exact = float(rate_by_hand(current))
    print(f"{current:.1f} nA: Euler {simulated:6.1f} Hz, closed form {exact:6.1f} Hz")
    # with dt = 0.01 ms the threshold crossing is found within one step: < 1 % at these rates
    assert abs(simulated - exact) <= 0.01 * exact + 0.5

# %% [markdown]
# ## 3. The same neuron in Brian2
# `fi_curve` simulates every current as one neuron of a single Brian2 group. Its
# spike counts over a window are within a spike of the closed form.

# %%
near = np.linspace(0.145, 0.2, 12)  # nA: just below and above the rheobase, 0.15 nA
both = np.asarray(fi_curve(np.concatenate([currents, near]) * nA, params, duration=1 * second) / Hz)
rates, rates_near = both[: len(currents)], both[len(currents) :]
for current, r_sim, r_exact in zip(currents, rates, mine):
    print(f"{current:.2f} nA: Brian2 {r_sim:6.1f} Hz, by hand {r_exact:6.1f} Hz")
assert np.all(np.abs(rates - mine) <= 0.02 * mine + 1.0)

# %% [markdown]
# ### Your f-I curve beside the references
# Your closed form (line) and your Euler neuron (squares) against neurosim's closed form
# `lif_rate` (dashed) and its Brian2 simulation (circles, spikes counted over 1 s).
# Right: a close look at the currents around the rheobase.

# %%
euler_currents = np.array([0.1, 0.16, 0.2, 0.3, 0.4, 0.5, 0.6])
euler = [euler_rate(c, duration_s=0.3) for c in euler_currents]
fine = np.linspace(0.0, 0.6, 601)
fine_near = np.linspace(near[0], near[-1], 551)
with lecture_style():
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    for ax, grid, brian_i, brian_r in (
        (left, fine, currents, rates),
        (right, fine_near, near, rates_near),
    ):
        ax.plot(grid, rate_by_hand(grid), color=SPIKING, lw=3, label="your closed form")
        ax.plot(
            grid, lif_rate(grid * nA, params) / Hz, "--", color=THEORY, lw=1.5, label="lif_rate"
        )
        ax.plot(brian_i, brian_r, "o", mfc="none", mec=THEORY, ms=9, mew=1.5, label="Brian2, 1 s")
        ax.axvline(float(params.rheobase / nA), color=NEUTRAL, lw=1, ls=":")
        ax.set(xlabel="input current (nA)", ylabel="firing rate (Hz)")
    left.plot(euler_currents, euler, "s", color=SPIKING, ms=8, label="your Euler neuron")
    left.legend(loc="upper left")
    left.set_title("your f-I curve matches both")
    right.set_title("near the rheobase (dotted)")

# %% [markdown]
# Think: at the rheobase the rate jumps from 0 to tens of hertz within a few hundredths
# of a nanoampere: the curve starts vertical. Why (what happens to $T$ as $RI$ approaches
# $V_{th} - E_L$)? A logistic unit's curve has a gentle foot instead: what would you add
# to the neuron's input to give it one? (The comparison `noise_makes_a_sigmoid` tries.)
# And why do Brian2's counts sit slightly off the curve just above the rheobase?

# %% [markdown]
# ## 4. Your own input
# Any current you can write down drives the same neuron: an array of samples
# (`stimuli.sampled`, one value per `dt`) or a function of time (`stimuli.waveform`).
# Below, a triangle that rises past the rheobase (0.15 nA) and falls back. Change the
# waveform and watch the membrane. Think: the neuron starts firing only above 0.15 nA
# on the way up, and its last spike comes while the current is still above 0.15 nA on
# the way down. Why is neither at the rheobase, where the f-I curve starts? (Hint: how
# long does the membrane take to reach threshold near the rheobase?)

# %%
t_ms = np.arange(10000) * 0.1  # one second, every 0.1 ms
own = 0.3 * (1 - np.abs(t_ms - 500) / 500)  # nA: a triangle up to 0.3 nA and back
run = simulate(params, sampled(own * nA, dt=0.1 * ms), 1000 * ms, record_v=True)
with lecture_style():
    fig, (above, below) = plt.subplots(2, 1, sharex=True, figsize=(10, 6))
    above.plot(t_ms, own, color=NEUTRAL)
    above.axhline(float(params.rheobase / nA), color=THEORY, lw=1, ls=":")
    above.text(0, float(params.rheobase / nA), "rheobase", va="bottom", color=THEORY)
    above.set_ylabel("your current (nA)")
    below.plot(run.t / ms, run.v[0, 0] / mV, color=SPIKING)
    below.set(xlabel="time (ms)", ylabel="membrane (mV)")
print(f"{run.counts[0, 0]} spikes; first at {run.times[0] / ms:.1f} ms")
