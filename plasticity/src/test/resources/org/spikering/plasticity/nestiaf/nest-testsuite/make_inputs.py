"""Regenerates the inputs of NEST 3.9's test_eprop_regression (testsuite/pytests/test_eprop_plasticity.py).

That test draws everything from numpy's legacy generator seeded with 1, in this order: W_in (randn 100x100),
W_rec (randn 100x100, diagonal cleared), W_out (randn 100x1), B (randn 100x1), the input pattern
(rand 100x100 < 0.05, 100-step sequences, step 0 kept), then the target's 4 amplitudes and 4 phases. All
weights are float32; for eprop_iaf and eprop_iaf_adapt the test multiplies W_in, W_rec, W_out and B by
scale_factor = 1 - kappa = 1 - 0.97 in float32. Its target, a sum of sines over 100 // T = 0 periods minus its
first value, is 0 at every step. This script writes what the Java test reads (ours; run: python3 make_inputs.py,
needs numpy).
"""
import numpy as np

np.random.seed(1)
n_in = n_rec = 100
n_out = 1
steps = 100
scale_factor = 1.0 - 0.97
f32 = np.float32
w_in = np.array(np.random.randn(n_in, n_rec).T / np.sqrt(n_in), dtype=f32)
w_rec = np.array(np.random.randn(n_rec, n_rec).T / np.sqrt(n_rec), dtype=f32)
np.fill_diagonal(w_rec, 0.0)
w_out = np.array(np.random.randn(n_rec, n_out).T / np.sqrt(n_rec), dtype=f32) * scale_factor
b = np.array(np.random.randn(n_rec, n_out) / np.sqrt(n_rec), dtype=f32)
w_in *= scale_factor
w_rec *= scale_factor
b *= scale_factor
assert w_in.dtype == w_rec.dtype == w_out.dtype == b.dtype == np.float32
pattern = (np.random.rand(steps, n_in) < 0.05).swapaxes(0, 1)
amplitudes = np.random.uniform(low=0.5, high=2.0, size=4)
phases = np.random.uniform(low=0.0, high=2.0 * np.pi, size=4)
sines = [A * np.sin(np.linspace(phi, phi + 2.0 * np.pi * (steps // T), steps))
         for A, phi, T in zip(amplitudes, phases, [1000, 500, 333, 200])]
target = sum(sines)
target -= target[0]
target /= max(np.abs(target).max(), 1e-6)
assert not target.any()


def write(name, m):
    with open(name, "w") as f:
        for row in np.atleast_2d(m):
            f.write(",".join(repr(float(x)) for x in row) + "\n")


write("w_in_rec.csv", w_in)
write("w_rec_rec.csv", w_rec)
write("w_rec_out.csv", w_out)
write("w_out_rec_feedback.csv", b)
write("input_spikes_in_x_step.csv", pattern.astype(int))
