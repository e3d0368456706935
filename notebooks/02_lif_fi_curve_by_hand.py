# %% [markdown]
# # Exercise 2: the LIF neuron's f-I curve by hand
#
# A leaky integrate-and-fire neuron obeys
# $\tau_m\, dV/dt = -(V - E_L) + R I$. A spike is emitted when $V$ reaches $V_{th}$;
# then $V$ is reset to $V_{reset}$ and held there for $t_{ref}$.
#
# For a constant current $I$, the membrane relaxes towards $E_L + RI$. If that lies
# above threshold, the time from reset (here $V_{reset} = E_L$) to threshold follows
# from solving the linear ODE:
# $V(t) = E_L + RI\,(1 - e^{-t/\tau_m})$, so
# $T = \tau_m \ln\frac{RI}{RI - (V_{th} - E_L)}$ and the rate is $r = 1/(t_{ref} + T)$.
#
# You will write that formula, integrate the neuron yourself with Euler steps, and
# compare both with neurosim's closed form (`lif_rate`) and its Brian2 simulation.

# %%
import matplotlib.pyplot as plt
import numpy as np

from neurosim.plotting import SPIKING
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
    # EXERCISE: raise NotImplementedError("Where drive > gap: T = tau*log(drive/(drive - gap)), rate = 1/(t_ref + T); elsewhere 0")
    # SOLUTION BEGIN
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
    # EXERCISE: raise NotImplementedError("Loop over int(duration_s/dt_s) steps; keep the spike times; return 1/np.mean(np.diff(times)) (0 with fewer than 2 spikes)")
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
rates = np.asarray(fi_curve(currents * nA, params, duration=1 * second) / Hz)
for current, r_sim, r_exact in zip(currents, rates, mine):
    print(f"{current:.2f} nA: Brian2 {r_sim:6.1f} Hz, by hand {r_exact:6.1f} Hz")
assert np.all(np.abs(rates - mine) <= 0.02 * mine + 1.0)
print("Type I: the rate starts from zero at the rheobase and then rises steeply.")

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
fig, (above, below) = plt.subplots(2, 1, sharex=True, figsize=(8, 5))
above.plot(t_ms, own, color="0.3")
above.set_ylabel("your current (nA)")
below.plot(run.t / ms, run.v[0, 0] / mV, color=SPIKING)
below.set(xlabel="time (ms)", ylabel="membrane (mV)")
print(f"{run.counts[0, 0]} spikes; first at {run.times[0] / ms:.1f} ms")
