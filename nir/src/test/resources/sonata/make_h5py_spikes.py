# Writes h5py_spikes.h5, the SONATA spike-report fixture of SonataSpikesTest (run once by hand with
# Debian's python3-h5py: /usr/bin/python3 make_h5py_spikes.py; the test suite does not need h5py).
# Population "cortex": BMTK style (string attributes, times in ms, uint64 node ids, sorted by time).
# Population "thalamus": libsonata style (sorting as an HDF5 enum, here by_id), times in seconds, int64 ids.
import h5py
import numpy as np

with h5py.File("h5py_spikes.h5", "w") as f:
    c = f.create_group("spikes/cortex")
    c.attrs["sorting"] = "by_time"
    t = c.create_dataset("timestamps", data=np.array([0.5, 1.25, 1.25, 7.0, 12.5], dtype=np.float64))
    t.attrs["units"] = "ms"
    c.create_dataset("node_ids", data=np.array([3, 0, 2, 3, 1], dtype=np.uint64))
    th = f.create_group("spikes/thalamus")
    sorting = h5py.enum_dtype({"none": 0, "by_id": 1, "by_time": 2}, basetype="u1")
    th.attrs.create("sorting", 1, dtype=sorting)
    t2 = th.create_dataset("timestamps", data=np.array([0.004, 0.001, 0.0025], dtype=np.float64))
    t2.attrs["units"] = "s"
    th.create_dataset("node_ids", data=np.array([0, 5, 5], dtype=np.int64))
