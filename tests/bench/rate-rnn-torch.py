#!/usr/bin/python3
"""PyTorch peer of `spikering bench rate-rnn`: one BPTT training iteration (forward + autograd backward + Adam) of
the rate RNN of Liu et al. 2022's pattern-generation setup, on one CPU thread, as milliseconds per iteration.

Same network and equations as spikering's rate_leak RateForwardPass with tanh and a linear readout:
    a_j^t = sum_i W_rec[j,i] r_i^{t-1} + sum_i W_in[j,i] x_i^t + b,    r^0 = 0 before the first step
    r_j^t = (1 - lam) r_j^{t-1} + lam tanh(a_j^t),                     lam = dt / tau = 1 / 10
    y_k^t = sum_j W_out[k,j] r_j^t
    loss  = mean over the batch of 1/2 sum_t sum_k (y_k^t - y*_k^t)^2   (every step scored)
W_rec has a zero diagonal (no autapses, kept by a fixed mask), the bias b = 0 is not trained; W_in ~ N(0, 1/n_in),
W_rec ~ N(0, 1/n_rec), W_out ~ N(0, 1/n_rec). Shape: 100 units, 50 steps of 1 ms, batch 32, 40 inputs (spikering's
pattern-liu task: 20 frozen N(0, 1) channels fed as on/off pairs max(x, 0), max(-x, 0)), 1 output; the target is a
sum of 4 sinusoids (periods 10, 40, 70, 100 steps). The task's exact draws differ from spikering's (another random
generator): only the shape and the arithmetic matter for the timing.

Timing protocol (as spikering's): --warmup iterations first, then --repeat rounds of --iterations iterations, each
round timed as a whole with time.perf_counter; ms per iteration of every round and their median. Prints one JSON
line. Needs /usr/bin/python3 with torch (Debian's python3-torch); the test suite does not run it.

    /usr/bin/python3 tests/bench/rate-rnn-torch.py --warmup 20 --iterations 50 --repeat 5
"""
import argparse
import json
import math
import statistics
import sys
import time

UNITS, STEPS, BATCH, CHANNELS, OUTPUTS = 100, 50, 32, 20, 1
LAM = 0.1
PERIODS = (10, 40, 70, 100)


def positive(name, lo, hi):
    def parse(text):
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} = '{text}': must be an integer in [{lo}, {hi}]")
        if not lo <= v <= hi:
            raise argparse.ArgumentTypeError(f"{name} = {v}: must be in [{lo}, {hi}]")
        return v
    return parse


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--warmup", type=positive("--warmup", 0, 100000), default=20, help="untimed iterations first")
    p.add_argument("--iterations", type=positive("--iterations", 1, 100000), default=50, help="iterations per round")
    p.add_argument("--repeat", type=positive("--repeat", 1, 1000), default=5, help="timed rounds")
    p.add_argument("--seed", type=positive("--seed", 0, 2**31 - 1), default=1, help="seed of weights and task")
    p.add_argument("--dtype", choices=("float64", "float32"), default="float64",
                   help="float64 (spikering's arithmetic, the default) or float32")
    a = p.parse_args()
    try:
        import torch
    except ImportError as e:
        print(f"rate-rnn-torch.py: error: torch: cannot import ({e}); run with /usr/bin/python3", file=sys.stderr)
        return 2
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    g = torch.Generator().manual_seed(a.seed)
    dt = torch.float64 if a.dtype == "float64" else torch.float32  # spikering computes in double precision
    n_in = 2 * CHANNELS
    w_in = (torch.randn(UNITS, n_in, generator=g, dtype=dt) / math.sqrt(n_in)).requires_grad_()
    w_rec = (torch.randn(UNITS, UNITS, generator=g, dtype=dt) / math.sqrt(UNITS)).fill_diagonal_(0).requires_grad_()
    w_out = (torch.randn(OUTPUTS, UNITS, generator=g, dtype=dt) / math.sqrt(UNITS)).requires_grad_()
    no_autapse = 1.0 - torch.eye(UNITS, dtype=dt)
    bias = torch.zeros(UNITS, dtype=dt)
    # frozen pattern: the same input and target in every sequence
    x1 = torch.randn(STEPS, CHANNELS, generator=g, dtype=dt)
    x = torch.cat([x1.clamp(min=0), (-x1).clamp(min=0)], dim=1).unsqueeze(1).expand(STEPS, BATCH, n_in).contiguous()
    n = torch.arange(STEPS, dtype=dt)
    w = 0.5 + 1.5 * torch.rand(4, generator=g, dtype=dt)
    ph = 2 * math.pi * torch.rand(4, generator=g, dtype=dt)
    s = sum(w[i] * torch.sin(ph[i] + 2 * math.pi * n / PERIODS[i]) for i in range(4))
    s = s - s[0]
    target = (s / s.abs().max()).view(STEPS, 1, 1).expand(STEPS, BATCH, OUTPUTS)
    opt = torch.optim.Adam([w_in, w_rec, w_out], lr=0.003, betas=(0.9, 0.999), eps=1e-8)

    def iteration():
        opt.zero_grad(set_to_none=True)
        wr = w_rec * no_autapse
        r = torch.zeros(BATCH, UNITS, dtype=dt)
        loss = 0.0
        for t in range(STEPS):
            a_t = r @ wr.T + x[t] @ w_in.T + bias
            r = (1 - LAM) * r + LAM * torch.tanh(a_t)
            y = r @ w_out.T
            loss = loss + 0.5 * ((y - target[t]) ** 2).sum()
        loss = loss / BATCH
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(a.warmup):
        iteration()
    ms = []
    last = float("nan")
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        for _ in range(a.iterations):
            last = iteration()
        ms.append((time.perf_counter() - t0) * 1000.0 / a.iterations)
    print(json.dumps({
        "benchmark": "rate-rnn-torch", "torch": torch.__version__, "dtype": a.dtype, "threads": 1,
        "units": UNITS, "steps": STEPS, "batch": BATCH, "inputs": n_in, "outputs": OUTPUTS,
        "activation": "tanh", "form": "rate_leak", "lambda": LAM, "rule": "bptt (autograd)", "optimizer": "adam",
        "warmup": a.warmup, "iterations": a.iterations, "repeat": a.repeat,
        "ms_per_iteration": [round(v, 4) for v in ms], "median_ms_per_iteration": round(statistics.median(ms), 4),
        "final_loss": last}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
