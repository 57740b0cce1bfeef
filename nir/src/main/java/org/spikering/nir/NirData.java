package org.spikering.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.nir.run.NirRun;
import org.spikering.sim.record.AtomicWrite;

/**
 * A run of a NIR graph as a NIRData file (NIR's recording format, unreleased HEAD: {@code nir/data_ir/graph.py},
 * {@code read_data}/{@code write_data} in {@code nir/serialization.py}; NIR.md §5), one sample:
 * <pre>
 *   /                                   attribute __type__ = "NIRGraphData"
 *   └── nodes/&lt;node&gt;                    attribute __type__ = "NIRNodeData" (a sub-graph: "NIRGraphData" with its own nodes/)
 *       └── observables/
 *           ├── spikes   EventData        attributes __type__, n_neurons (int64), t_max (s); datasets idx (1, E) int64
 *           │                             (flat neuron index), time (1, E) float64 (s) = (step + 1)·dt, by time;
 *           │                             a node without spikes: one padding event idx −1, time +inf (NIRData's own padding;
 *           │                             jHDF cannot write empty datasets)
 *           ├── v        TimeGriddedData  attributes __type__, dt (s); dataset data (1, steps, n) float64: v after each step
 *           └── output   TimeGriddedData  (an Output node: its values after each step)
 * </pre>
 * {@code spikes} is written for every spiking node (LIF, IF, CubaLIF, Threshold), {@code v} for the recorded
 * ones. Times in seconds, as NIR's time constants; step k's values belong to t = (k + 1)·dt, which is what
 * NIRData's {@code dynamic_before_transition = True} (its default; not stored in the file) means when it converts
 * between the two forms. Stateless.
 */
public final class NirData {

    private NirData() {
    }

    /** An EventData observable: idx and time (1, events), the node's neuron count. */
    private record Events(long[][] idx, double[][] time, int neurons) {
    }

    /** One node of the graph with what is written for it. */
    private static final class Entry {
        final List<String> path;
        final Map<String, Object> observables = new LinkedHashMap<>();

        Entry(final List<String> path) {
            this.path = path;
        }
    }

    /**
     * @param target the .h5 file, written atomically.
     * @param graph  the graph that was run.
     * @param run    the run.
     */
    public static void write(final Path target, final NirGraph graph, final NirRun run) {
        final double dt = run.dtMs() * 1e-3;
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final Map<String, Integer> spikingSize = new LinkedHashMap<>();
        walk(graph, new ArrayList<>(), "", entries, spikingSize);
        for (Map.Entry<String, Integer> e : spikingSize.entrySet()) {
            int n = 0;
            for (String s : run.spikeNodes()) {
                n += s.equals(e.getKey()) ? 1 : 0;
            }
            final long[][] idx = new long[1][Math.max(1, n)];
            final double[][] time = new double[1][Math.max(1, n)];
            idx[0][0] = -1;
            time[0][0] = Double.POSITIVE_INFINITY;
            int k = 0;
            for (int i = 0; i < run.spikeCount(); i++) { // spikes are in step order
                if (run.spikeNodes()[i].equals(e.getKey())) {
                    idx[0][k] = run.spikeNeurons()[i];
                    time[0][k] = (run.spikeSteps()[i] + 1) * dt;
                    k++;
                }
            }
            entries.get(e.getKey()).observables.put("spikes", new Events(idx, time, e.getValue()));
        }
        for (Map.Entry<String, double[][]> e : run.voltages().entrySet()) {
            entries.get(e.getKey()).observables.put("v", new double[][][] {e.getValue()});
        }
        int col = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue().path.size() == 1 && graph.nodes().get(e.getKey()) instanceof NirNode.Output o) {
                final int n = Tensor.size(o.shape());
                final double[][][] data = new double[1][run.steps()][n];
                for (int s = 0; s < run.steps(); s++) {
                    System.arraycopy(run.output()[s], col, data[0][s], 0, n);
                }
                col += n;
                e.getValue().observables.put("output", data);
            }
        }
        final double tMax = run.steps() * dt;
        try {
            AtomicWrite.throughTemp(target, tmp -> {
                try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                    hdf.putAttribute("__type__", "NIRGraphData");
                    final Map<List<String>, WritableGroup> nodesOf = new LinkedHashMap<>();
                    nodesOf.put(List.of(), hdf.putGroup("nodes"));
                    for (Entry en : entries.values()) {
                        if (en.observables.isEmpty()) {
                            continue;
                        }
                        final WritableGroup nodes = nodes(nodesOf, en.path.subList(0, en.path.size() - 1));
                        final WritableGroup g = nodes.putGroup(en.path.get(en.path.size() - 1));
                        g.putAttribute("__type__", "NIRNodeData");
                        final WritableGroup obs = g.putGroup("observables");
                        for (Map.Entry<String, Object> o : en.observables.entrySet()) {
                            final WritableGroup og = obs.putGroup(o.getKey());
                            if (o.getValue() instanceof Events ev) {
                                og.putAttribute("__type__", "EventData");
                                og.putDataset("idx", ev.idx());
                                og.putDataset("time", ev.time());
                                og.putAttribute("n_neurons", (long) ev.neurons());
                                og.putAttribute("t_max", tMax);
                            } else {
                                og.putAttribute("__type__", "TimeGriddedData");
                                og.putDataset("data", o.getValue());
                                og.putAttribute("dt", dt);
                            }
                        }
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw new NirFormatException(e.getMessage(), e.getCause());
        }
    }

    /** The nodes/ group of the sub-graph at {@code path}, made (with its NIRGraphData attribute) on first use. */
    private static WritableGroup nodes(final Map<List<String>, WritableGroup> nodesOf, final List<String> path) {
        final WritableGroup known = nodesOf.get(path);
        if (known != null) {
            return known;
        }
        final WritableGroup parent = nodes(nodesOf, path.subList(0, path.size() - 1));
        final WritableGroup g = parent.putGroup(path.get(path.size() - 1));
        g.putAttribute("__type__", "NIRGraphData");
        final WritableGroup n = g.putGroup("nodes");
        nodesOf.put(List.copyOf(path), n);
        return n;
    }

    private static void walk(final NirGraph g, final List<String> path, final String prefix, final Map<String, Entry> entries,
                             final Map<String, Integer> spiking) {
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            final List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            final String unit = prefix + e.getKey();
            if (e.getValue() instanceof NirGraph sub) {
                walk(sub, p, unit + ".", entries, spiking);
                continue;
            }
            entries.put(unit, new Entry(List.copyOf(p)));
            final NirNode n = e.getValue();
            final Tensor size = n instanceof NirNode.Lif l ? l.vThreshold() : n instanceof NirNode.IntegrateAndFire f
                    ? f.vThreshold() : n instanceof NirNode.CubaLif c ? c.vThreshold() : n instanceof NirNode.Threshold t
                    ? t.threshold() : null;
            if (size != null) {
                spiking.put(unit, size.size());
            }
        }
    }
}
