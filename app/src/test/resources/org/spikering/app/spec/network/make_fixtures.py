"""Connection matrices for NetworkSpecNumpyTest, written with NumPy (2.4.6): python3 make_fixtures.py"""
import numpy as np

w = np.array([[0.0, 1.5, 0.0, -2.25],
              [0.5, 0.0, 0.0, 0.0],
              [0.0, 0.0, 3.0, 0.125]], dtype=np.float64)  # shape (source 3, target 4); zeros are no synapse
np.save("w_3x4.npy", w)
np.savez("conn.npz", mask=w != 0, w32=w.astype(np.float32))
