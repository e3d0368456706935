"""One Brian2 run of several converted networks on the same inputs.

:func:`run_converted` is the body of :func:`~neurosim.bridge.convert.simulate_converted`
after its checks: every network's copy of every sample is a block of neurons of one
group per layer (per-neuron drive, leak, time constant, refractory period and reset),
every block's synapses are its own network's, and the output is read out per network
(:func:`~neurosim.bridge.readout.read_out`).
"""

from __future__ import annotations

import numpy as np

from neurosim.bridge.readout import ConversionResult, read_out
from neurosim.spiking.layered import run_layered
from neurosim.units import Hz, second

__all__ = ["run_converted"]


def run_converted(
    networks,
    X,
    *,
    n_steps: int,
    every_steps: int,
    duration,
    readout_every,
    dt,
    seed: int,
    target,
    raster_sample: int,
    input_rates=None,
    owner: str = "simulate_converted",
) -> list[ConversionResult]:
    """Simulate every network on every row of ``X``, all in one run (checked input:
    see :func:`~neurosim.bridge.convert.simulate_converted`; ``input_rates``, one per
    network in Hz, for Poisson pixel inputs, None for currents)."""
    sizes = networks[0].layer_sizes
    n = X.shape[0]
    poisson = input_rates is not None
    n_layers = len(sizes) - 1  # block k of a layer: network k // n, sample k % n
    layers, connections = [], []
    for layer in range(n_layers):
        is_output = layer == n_layers - 1
        size = sizes[layer + 1]
        drive, leak, tau, ref, sub = [], [], [], [], []
        for snn in networks:
            d = np.tile(snn.bias_drive[layer], (n, 1))
            if layer == 0 and not poisson:
                d = d + X @ snn.input_drive
            drive.append(d.ravel())
            count = n * size
            leak.append(np.full(count, 0.0 if is_output else snn.leak))
            tau.append(np.full(count, float(snn.tau_m / second)))
            ref.append(np.full(count, 0.0 if is_output else float(snn.t_ref / second)))
            sub.append(np.full(count, 1.0 if (is_output or snn.reset == "subtract") else 0.0))
        layers.append(
            {
                "drive": np.concatenate(drive),
                "leak": np.concatenate(leak),
                "tau_m": np.concatenate(tau),
                "t_ref": np.concatenate(ref),
                "subtract": np.concatenate(sub),
            }
        )
    for layer in range(1, n_layers):
        jumps = [snn.jumps[layer - 1] for snn in networks]
        connections.append((layer - 1, layer, *_blocks(jumps, n, sizes[layer], sizes[layer + 1])))
    rates = None
    if poisson:
        # drive per unit x, delivered per spike of a pixel firing at x * input_rate
        jumps = [snn.input_drive / r for snn, r in zip(networks, input_rates, strict=True)]
        connections.append((-1, 0, *_blocks(jumps, n, sizes[0], sizes[1])))
        rates = np.concatenate([X.ravel() * r for r in input_rates]) * Hz
    run = run_layered(
        layers,
        connections,
        n_steps * dt,
        dt=dt,
        readout_every=readout_every,
        seed=seed,
        target=target,
        input_rates=rates,
        owner=owner,
    )
    return read_out(
        run,
        networks,
        X,
        sizes=sizes,
        n_steps=n_steps,
        every_steps=every_steps,
        dt=dt,
        duration=duration,
        raster_sample=raster_sample,
    )


def _blocks(jumps, n: int, n_pre: int, n_post: int):
    """Synapses (i, j, w) of every network's copy of every sample, block by block."""
    pre_all, post_all, w_all = [], [], []
    for k, jump in enumerate(jumps):
        pre, post = np.nonzero(jump)
        block = np.arange(k * n, (k + 1) * n)[:, None]
        pre_all.append((block * n_pre + pre).ravel())
        post_all.append((block * n_post + post).ravel())
        w_all.append(np.tile(jump[pre, post], n))
    return np.concatenate(pre_all), np.concatenate(post_all), np.concatenate(w_all)
