package org.spikering.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.spikering.sim.record.AtomicWrite;

/**
 * Writes NIR files with jHDF in the layout of NIR 1.0.x (NIR.md §1, §6.4): {@code /version}, {@code /node}
 * = the top-level NIRGraph ({@code type}, {@code edges} as an E×2 string dataset, {@code nodes/<name>}
 * groups); each node group holds its {@code type} dataset and exactly the parameter datasets NIR's
 * reference reader passes to that type's constructor (anything else would make it fail), {@code v_reset}
 * always; free-form values go to the graph's {@code metadata} group. Parameters are written as float64
 * ({@code float32} tensors as float32), shapes as int64. Written to a temporary file and renamed, so a
 * failed write leaves no file. Stateless.
 */
public final class NirWriter {

    /** The NIR version this writer's layout corresponds to. */
    public static final String VERSION = "1.0.7";

    private NirWriter() {
    }

    /**
     * @param file   the graph (its version is ignored: {@link #VERSION} is written).
     * @param target the file to write.
     * @throws NirFormatException if a node cannot be written (unsupported types are not written) or on I/O failure.
     */
    public static void write(final NirFile file, final Path target) {
        try {
            AtomicWrite.throughTemp(target, tmp -> {
                try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                    hdf.putDataset("version", VERSION);
                    graph(hdf.putGroup("node"), file.graph(), "node");
                }
            });
        } catch (UncheckedIOException e) {
            throw new NirFormatException(e.getMessage(), e.getCause());
        }
    }

    private static void graph(final WritableGroup g, final NirGraph graph, final String where) {
        g.putDataset("type", "NIRGraph");
        final String[][] edges = new String[graph.edges().size()][];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = new String[] {graph.edges().get(i).source(), graph.edges().get(i).target()};
        }
        if (edges.length == 0) {
            // NIR's own writer stores a shape-(0,) dataset; jHDF 0.9.4 cannot write empty datasets
            throw new NirFormatException(where + ": a graph without edges cannot be written");
        }
        g.putDataset("edges", edges);
        if (!graph.metadata().isEmpty()) {
            final WritableGroup m = g.putGroup("metadata");
            for (Map.Entry<String, Object> e : graph.metadata().entrySet()) {
                final Object v = e.getValue();
                if (v instanceof Tensor t) {
                    m.putDataset(e.getKey(), data(t));
                } else if (v instanceof Number || v instanceof String) {
                    m.putDataset(e.getKey(), v);
                } else {
                    throw new NirFormatException(where + "/metadata/" + e.getKey() + ": " + v + " must be a string, number or tensor");
                }
            }
        }
        final WritableGroup nodes = g.putGroup("nodes");
        for (Map.Entry<String, NirNode> e : graph.nodes().entrySet()) {
            final WritableGroup n = nodes.putGroup(e.getKey());
            node(n, e.getValue(), where + "/nodes/" + e.getKey());
        }
    }

    private static void node(final WritableGroup n, final NirNode node, final String where) {
        if (node instanceof NirGraph sub) {
            graph(n, sub, where);
            return;
        }
        if (node instanceof NirNode.Unsupported u) {
            throw new NirFormatException(where + " (" + u.type() + "): cannot be written: its parameters are not kept");
        }
        n.putDataset("type", node.nirType());
        if (node instanceof NirNode.Input i) {
            n.putDataset("shape", shape(i.shape()));
        } else if (node instanceof NirNode.Output o) {
            n.putDataset("shape", shape(o.shape()));
        } else if (node instanceof NirNode.Affine a) {
            n.putDataset("weight", data(a.weight()));
            n.putDataset("bias", data(a.bias()));
        } else if (node instanceof NirNode.Linear l) {
            n.putDataset("weight", data(l.weight()));
        } else if (node instanceof NirNode.Scale s) {
            n.putDataset("scale", data(s.scale()));
        } else if (node instanceof NirNode.Threshold t) {
            n.putDataset("threshold", data(t.threshold()));
        } else if (node instanceof NirNode.Delay d) {
            n.putDataset("delay", data(d.delay()));
        } else if (node instanceof NirNode.Flatten f) {
            n.putDataset("start_dim", (long) f.startDim());
            n.putDataset("end_dim", (long) f.endDim());
            n.putDataset("input_type", shape(f.inputType()));
        } else if (node instanceof NirNode.Integrator i) {
            n.putDataset("r", data(i.r()));
        } else if (node instanceof NirNode.IntegrateAndFire f) {
            n.putDataset("r", data(f.r()));
            n.putDataset("v_threshold", data(f.vThreshold()));
            n.putDataset("v_reset", data(f.vReset()));
        } else if (node instanceof NirNode.Li li) {
            n.putDataset("tau", data(li.tau()));
            n.putDataset("r", data(li.r()));
            n.putDataset("v_leak", data(li.vLeak()));
        } else if (node instanceof NirNode.Lif lif) {
            n.putDataset("tau", data(lif.tau()));
            n.putDataset("r", data(lif.r()));
            n.putDataset("v_leak", data(lif.vLeak()));
            n.putDataset("v_threshold", data(lif.vThreshold()));
            n.putDataset("v_reset", data(lif.vReset()));
        } else if (node instanceof NirNode.CubaLi c) {
            n.putDataset("tau_syn", data(c.tauSyn()));
            n.putDataset("tau_mem", data(c.tauMem()));
            n.putDataset("r", data(c.r()));
            n.putDataset("v_leak", data(c.vLeak()));
            n.putDataset("w_in", data(c.wIn()));
        } else if (node instanceof NirNode.CubaLif c) {
            n.putDataset("tau_syn", data(c.tauSyn()));
            n.putDataset("tau_mem", data(c.tauMem()));
            n.putDataset("r", data(c.r()));
            n.putDataset("v_leak", data(c.vLeak()));
            n.putDataset("v_threshold", data(c.vThreshold()));
            n.putDataset("v_reset", data(c.vReset()));
            n.putDataset("w_in", data(c.wIn()));
        }
    }

    private static long[] shape(final int[] s) {
        final long[] out = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i];
        }
        return out;
    }

    /** A tensor as a Java array of its rank (jHDF takes the shape from the array's nesting). */
    private static Object data(final Tensor t) {
        final int[] shape = t.shape();
        if (shape.length == 0) {
            return t.float32() ? (Object) (float) t.get(0) : (Object) t.get(0);
        }
        return nest(t, shape, 0, 0);
    }

    private static Object nest(final Tensor t, final int[] shape, final int dim, final int offset) {
        final int n = shape[dim];
        if (dim == shape.length - 1) {
            if (t.float32()) {
                final float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) t.get(offset + i);
                }
                return a;
            }
            final double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = t.get(offset + i);
            }
            return a;
        }
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        final Object first = nest(t, shape, dim + 1, offset);
        final Object[] rows = (Object[]) java.lang.reflect.Array.newInstance(first.getClass(), n);
        for (int i = 0; i < n; i++) {
            rows[i] = i == 0 ? first : nest(t, shape, dim + 1, offset + i * stride);
        }
        return rows;
    }
}
