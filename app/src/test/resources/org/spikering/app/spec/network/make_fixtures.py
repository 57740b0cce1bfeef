"""Connection matrices for NetworkSpecNumpyTest, written with NumPy (2.4.6): python3 make_fixtures.py"""
import numpy as np

w = np.array([[0.0, 1.5, 0.0, -2.25],
              [0.5, 0.0, 0.0, 0.0],
              [0.0, 0.0, 3.0, 0.125]], dtype=np.float64)  # shape (source 3, target 4); zeros are no synapse
np.save("w_3x4.npy", w)
np.savez("conn.npz", mask=w != 0, w32=w.astype(np.float32))

# Spike arrays and per-synapse delays for NetworkSpecFilesTest (same NumPy): the values are written out by hand in
# that test.
dense = np.zeros((6, 3), dtype=bool)  # (steps, generators); row s = step s, time s * dt
dense[0, 0] = dense[4, 0] = dense[2, 1] = dense[5, 2] = True
np.save("spikes_dense.npy", dense)
np.savez("spikes.npz",
         times_ms=np.array([0.4, 0.0, 0.2, 0.5], dtype=np.float64),  # any order
         ids=np.array([0, 0, 1, 2], dtype=np.int64),
         dense=dense.astype(np.uint8))
d = np.zeros_like(w)  # delays in ms at the entries of w that are synapses; the others are not read
d[w != 0] = [0.1, 0.26, 1.0, 0.15, 2.5]
np.savez("delays.npz", w=w, d=d, mask=w != 0)
