"""Makes the NumPy fixtures of the org.spikering.app.data tests (run: python3 make_fixtures.py; NumPy 2.4.6, h5py 3.16.0).

The suite does not need Python: the files it writes are committed. values.json lists, for every array of every
fixture, its dtype, shape and C-order values (floats as repr strings, which Java's Double.parseDouble reads back to
the same double), straight from NumPy's tolist(), so the Java reader is checked against NumPy's own view of the files.

Formats (1) .npy of every dtype we read, C order, plus Fortran order, big-endian, 0-d and empty arrays;
(2) .npz plain (np.savez) and compressed (np.savez_compressed); (3) small user data sets for UserData:
evidence_small.npz (classification: inputs [6,20,4] uint8 0/1, labels [6] int64, mask [6,20] bool),
regression.npz (inputs [5,10,3] float32 0/1, targets [5,10,2] float64), events.csv/labels.csv/targets.csv
(event form) with events_dense.npz, the dense [n,T,i] counts NumPy bins the events into (dt 1 ms, 10 ms sequences:
step = floor(time_ms/dt + 1e-9), counts add up), events.h5 (the same events as one SONATA recording written by h5py:
/spikes/input/timestamps in ms, sequence s starting at 10 s ms, node_ids uint64), two_populations.h5 (populations
'a' and 'b') and not_numpy.npy (a text file).
"""
import json
import h5py
import numpy as np

rng = np.random.default_rng(12)
arrays = {}


def save(name, a):
    np.save(name, a)
    arrays[name] = a


save("f8_2x3.npy", np.array([[0.5, -1.25, 1 / 3], [-0.0, 1e308, 5e-324]]))
save("f4_4.npy", np.array([1.5, -2.25, 1 / 3, 3.4e38], dtype=np.float32))
save("i8_3.npy", np.array([-(2 ** 63), 0, 2 ** 63 - 1], dtype=np.int64))
save("i4_2x2.npy", np.array([[-(2 ** 31), 7], [-1, 2 ** 31 - 1]], dtype=np.int32))
save("i2_3.npy", np.array([-32768, 12, 32767], dtype=np.int16))
save("i1_4.npy", np.array([-128, -1, 0, 127], dtype=np.int8))
save("u1_4.npy", np.array([0, 1, 200, 255], dtype=np.uint8))
save("b1_2x3.npy", np.array([[True, False, True], [False, False, True]]))
save("f8_2x3x4.npy", rng.normal(size=(2, 3, 4)))
save("f8_0d.npy", np.array(2.5))
save("f8_0x3.npy", np.zeros((0, 3)))
save("f8_fortran_2x3x4.npy", np.asfortranarray(np.arange(24.0).reshape(2, 3, 4)))
save("i4_bigendian_2x3.npy", np.arange(6, dtype=">i4").reshape(2, 3))
np.save("c16_2.npy", np.array([1 + 2j, 3j]))  # a dtype we do not read
for version in [(2, 0), (3, 0)]:  # the other header versions (4-byte header length; 3.0: UTF-8 header)
    name = f"f8_v{version[0]}_2x2.npy"
    with open(name, "wb") as f:
        np.lib.format.write_array(f, np.array([[1.5, -2.0], [0.25, 8.0]]), version=version)
    arrays[name] = np.load(name)

plain = {"a": np.arange(5.0), "b": np.array([True, False]), "c": np.arange(6, dtype=np.int32).reshape(2, 3)}
np.savez("plain.npz", **plain)
np.savez_compressed("compressed.npz", **plain)
for k, v in plain.items():
    arrays["plain.npz:" + k] = v
    arrays["compressed.npz:" + k] = v

# classification: 6 sequences, 20 steps, 4 inputs; the label is the input (0 or 1) that fires more in steps 0..14
ev_in = (rng.random((6, 20, 4)) < 0.2).astype(np.uint8)
ev_lab = (ev_in[:, :15, 1].sum(1) > ev_in[:, :15, 0].sum(1)).astype(np.int64)
ev_mask = np.zeros((6, 20), dtype=bool)
ev_mask[:, 15:] = True
np.savez("evidence_small.npz", inputs=ev_in, labels=ev_lab, mask=ev_mask)
for k, v in {"inputs": ev_in, "labels": ev_lab, "mask": ev_mask}.items():
    arrays["evidence_small.npz:" + k] = v

rg_in = (rng.random((5, 10, 3)) < 0.3).astype(np.float32)
rg_tg = rng.normal(size=(5, 10, 2))
np.savez("regression.npz", inputs=rg_in, targets=rg_tg)
arrays["regression.npz:inputs"] = rg_in
arrays["regression.npz:targets"] = rg_tg

# events: 3 sequences of 10 ms, 4 input neurons, dt 1 ms
events = [(0, 0.0, 0), (0, 0.5, 0), (0, 3.0, 2), (0, 9.99, 3), (1, 2.0, 1), (1, 7.25, 3), (2, 0.0, 3), (2, 5.0, 0)]
with open("events.csv", "w") as f:
    f.write("sequence,time_ms,neuron\n")
    for s, t, i in events:
        f.write(f"{s},{t},{i}\n")
dense = np.zeros((3, 10, 4), dtype=np.int64)
for s, t, i in events:
    dense[s, int(np.floor(t / 1.0 + 1e-9)), i] += 1
labels = np.array([1, 0, 1], dtype=np.int64)
with open("labels.csv", "w") as f:
    f.write("sequence,label\n")
    for s, lab in enumerate(labels):
        f.write(f"{s},{lab}\n")
targets = np.round(rng.normal(size=(3, 10, 2)), 3)
with open("targets.csv", "w") as f:
    f.write("sequence,step,target_0,target_1\n")
    for s in range(3):
        for t in range(10):
            f.write(f"{s},{t},{float(targets[s, t, 0])!r},{float(targets[s, t, 1])!r}\n")
np.savez("events_dense.npz", inputs=dense, labels=labels, targets=targets)
for k, v in {"inputs": dense, "labels": labels, "targets": targets}.items():
    arrays["events_dense.npz:" + k] = v

with h5py.File("events.h5", "w") as f:
    g = f.create_group("spikes").create_group("input")
    g.attrs["sorting"] = "by_time"
    order = sorted(range(len(events)), key=lambda k: 10 * events[k][0] + events[k][1])
    ts = g.create_dataset("timestamps", data=np.array([10.0 * events[k][0] + events[k][1] for k in order]))
    ts.attrs["units"] = "ms"
    g.create_dataset("node_ids", data=np.array([events[k][2] for k in order], dtype=np.uint64))
with h5py.File("two_populations.h5", "w") as f:
    for name in ["a", "b"]:
        g = f.create_group("spikes/" + name)
        g.create_dataset("timestamps", data=np.array([1.0, 2.0]))
        g.create_dataset("node_ids", data=np.array([0, 1], dtype=np.int64))

with open("not_numpy.npy", "w") as f:
    f.write("sequence,time_ms,neuron\n")


def values(a):
    flat = a.reshape(-1).tolist()
    if a.dtype.kind == "f":
        return [repr(float(x)) for x in flat]
    return flat


with open("values.json", "w") as f:
    json.dump({k: {"dtype": str(v.dtype.newbyteorder("=")) if v.dtype.kind != "b" else "bool",
                   "shape": list(v.shape), "values": values(v)} for k, v in arrays.items()}, f, indent=1)
print("wrote", len(arrays), "arrays")
