"""Regenerates inputs/target_signal_float64.csv: NEST's sine-wave target at full float64 precision.

NEST 3.9's example eprop_supervised_regression_sine-waves_bsshslm_2020.py draws everything from numpy's legacy
generator seeded with 1, in this order: W_in (randn 100x100), W_rec (randn 100x100), W_out (randn 100x1),
B (randn 100x1), the input pattern (rand 1000x100 < 0.05), then the target's 4 amplitudes U(0.5, 2) and
4 phases U(0, 2 pi). The target is the sum of A sin(linspace(phi, phi + 2 pi (1000 // T), 1000)) over the
periods T = 1000, 500, 333, 200 steps, shifted to start at 0 and divided by its largest absolute value.
NEST receives these float64 values unrounded; inputs/target_signal.csv holds them to 9 significant digits.

Run from this folder: python3 make_target_signal_float64.py  (needs numpy; checks itself against the exported files)
"""
import numpy as np

rng = np.random.RandomState(1)
f32 = np.float32
w_in = np.asarray(rng.randn(100, 100).T / np.sqrt(100), dtype=f32)
w_rec = np.asarray(rng.randn(100, 100).T / np.sqrt(100), dtype=f32)
np.fill_diagonal(w_rec, 0.0)
w_out = np.asarray(rng.randn(100, 1).T / np.sqrt(100), dtype=f32)
b = np.asarray(rng.randn(100, 1) / np.sqrt(100), dtype=f32)
pattern = (rng.rand(1000, 100) < 0.05).T
pattern[:, 0] = False
amplitudes = rng.uniform(0.5, 2.0, 4)
phases = rng.uniform(0.0, 2.0 * np.pi, 4)
target = np.zeros(1000)
for a, phi, period in zip(amplitudes, phases, [1000, 500, 333, 200]):
    target += a * np.sin(np.linspace(phi, phi + 2.0 * np.pi * (1000 // period), 1000))
target -= target[0]
target /= max(np.abs(target).max(), 1e-6)


def exported(name):
    return np.loadtxt("inputs/" + name, delimiter=",")


# the same generator stream must give NEST's exported inputs bit for bit, and the target to the file's 9 digits
assert np.array_equal(exported("w_in_rec_initial.csv").astype(f32), w_in)
assert np.array_equal(exported("w_rec_rec_initial.csv").astype(f32), w_rec)
assert np.array_equal(exported("w_rec_out_initial.csv").astype(f32), w_out.ravel())
assert np.array_equal(exported("w_out_rec_feedback.csv").astype(f32), b.ravel())
assert np.array_equal(exported("input_spikes_in_x_step.csv") != 0, pattern)
assert np.abs(exported("target_signal.csv") - target).max() <= 5e-10

with open("inputs/target_signal_float64.csv", "w") as out:
    for v in target:
        out.write(repr(float(v)) + "\n")
