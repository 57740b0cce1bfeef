package org.spikering.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads NIR files (HDF5) with jHDF, pure Java: every layout from NIR 0.1 (no {@code version} dataset) to
 * the unreleased HEAD (gzip-compressed chunked datasets, node {@code metadata}, {@code v_reset}). Layout
 * (NIR.md §1): {@code /version} (optional), {@code /node} = the top-level NIRGraph with datasets
 * {@code type} and {@code edges} (E×2 strings) and a group {@code nodes} with one group per node, each
 * holding a {@code type} dataset and one dataset per parameter. Defaults applied on read as NIR's
 * {@code from_dict} does: a missing {@code v_reset} is zeros, a missing or scalar {@code w_in} is ones or
 * broadcast. float32 and float64 data keep a flag saying which they were. Stateless.
 */
public final class NirReader {

    private NirReader() {
    }

    /**
     * @param path a NIR file.
     * @return its version and graph.
     * @throws NirFormatException (one line naming the file and the problem) if the file is missing,
     *                            not HDF5, or not a NIR graph.
     */
    public static NirFile read(final Path path) {
        if (!Files.isRegularFile(path)) {
            throw new NirFormatException(path + ": no such file");
        }
        if (!Files.isReadable(path)) {
            throw new NirFormatException(path + ": not readable");
        }
        try (HdfFile hdf = new HdfFile(path)) {
            final Node root = hdf.getChild("node");
            if (!(root instanceof Group g)) {
                throw new NirFormatException(path + ": not a NIR file (no group /node)");
            }
            String version = null;
            final Node v = hdf.getChild("version");
            if (v instanceof Dataset d) {
                version = string(d.getData(), "/version", path);
            }
            final NirNode top = node(g, "/node", path);
            if (!(top instanceof NirGraph graph)) {
                throw new NirFormatException(path + ": /node has type '" + top.nirType() + "': must be NIRGraph");
            }
            return new NirFile(version, graph);
        } catch (NirFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NirFormatException(path + ": not a readable HDF5/NIR file (" + oneLine(e) + ")", e);
        }
    }

    private static String oneLine(final Throwable e) {
        final String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }

    private static NirNode node(final Group g, final String where, final Path file) {
        final Node typeNode = g.getChild("type");
        if (!(typeNode instanceof Dataset td)) {
            throw new NirFormatException(file + ": " + where + " has no 'type' dataset");
        }
        final String type = string(td.getData(), where + "/type", file);
        final Params p = new Params(g, where, file);
        switch (type) {
            case "NIRGraph":
                return graph(g, where, file);
            case "Input":
                return new NirNode.Input(p.shape("shape"));
            case "Output":
                return new NirNode.Output(p.shape("shape"));
            case "Affine": {
                final Tensor w = p.tensor("weight");
                final Tensor b = p.tensor("bias");
                return new NirNode.Affine(w, b);
            }
            case "Linear":
                return new NirNode.Linear(p.tensor("weight"));
            case "Scale":
                return new NirNode.Scale(p.tensor("scale"));
            case "Threshold":
                return new NirNode.Threshold(p.tensor("threshold"));
            case "Delay":
                return new NirNode.Delay(p.tensor("delay"));
            case "Flatten":
                return new NirNode.Flatten(p.integer("start_dim", 1), p.integer("end_dim", -1), p.shape("input_type"));
            case "I":
                return new NirNode.Integrator(p.tensor("r"));
            case "IF": {
                final Tensor th = p.tensor("v_threshold");
                return new NirNode.IntegrateAndFire(p.tensor("r"), th, p.optional("v_reset", th, 0.0));
            }
            case "LI":
                return new NirNode.Li(p.tensor("tau"), p.tensor("r"), p.tensor("v_leak"));
            case "LIF": {
                final Tensor th = p.tensor("v_threshold");
                return new NirNode.Lif(p.tensor("tau"), p.tensor("r"), p.tensor("v_leak"), th,
                        p.optional("v_reset", th, 0.0));
            }
            case "CubaLI": {
                final Tensor tm = p.tensor("tau_mem");
                return new NirNode.CubaLi(p.tensor("tau_syn"), tm, p.tensor("r"), p.tensor("v_leak"),
                        p.optional("w_in", tm, 1.0));
            }
            case "CubaLIF": {
                final Tensor th = p.tensor("v_threshold");
                return new NirNode.CubaLif(p.tensor("tau_syn"), p.tensor("tau_mem"), p.tensor("r"), p.tensor("v_leak"),
                        th, p.optional("v_reset", th, 0.0), p.optional("w_in", th, 1.0));
            }
            default:
                final List<String> names = new ArrayList<>(new TreeSet<>(g.getChildren().keySet()));
                names.remove("type");
                names.remove("metadata");
                // Conv1d, Conv2d, SumPool2d, AvgPool2d, and any type newer than this reader: kept by name
                return new NirNode.Unsupported(type, names);
        }
    }

    private static NirGraph graph(final Group g, final String where, final Path file) {
        final Node nodesNode = g.getChild("nodes");
        if (!(nodesNode instanceof Group nodesGroup)) {
            throw new NirFormatException(file + ": " + where + " (NIRGraph) has no 'nodes' group");
        }
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : nodesGroup.getChildren().entrySet()) {
            if (!(e.getValue() instanceof Group child)) {
                throw new NirFormatException(file + ": " + where + "/nodes/" + e.getKey() + " is a dataset: must be a node group");
            }
            nodes.put(e.getKey(), node(child, where + "/nodes/" + e.getKey(), file));
        }
        final List<NirGraph.Edge> edges = new ArrayList<>();
        final Node edgesNode = g.getChild("edges");
        if (!(edgesNode instanceof Dataset ed)) {
            throw new NirFormatException(file + ": " + where + " (NIRGraph) has no 'edges' dataset");
        }
        final int[] dims = ed.getDimensions();
        if (dims.length == 2 && dims[1] == 2) {
            final Object data = ed.getData();
            for (int i = 0; i < dims[0]; i++) {
                final Object row = Array.get(data, i);
                edges.add(new NirGraph.Edge(string(Array.get(row, 0), where + "/edges", file),
                        string(Array.get(row, 1), where + "/edges", file)));
            }
        } else if (!(dims.length == 1 && dims[0] == 0)) {
            throw new NirFormatException(file + ": " + where + "/edges has shape " + java.util.Arrays.toString(dims)
                    + ": must be (E, 2) strings");
        }
        for (NirGraph.Edge e : edges) {
            for (String end : new String[] {e.source(), e.target()}) {
                if (!resolvable(nodes, end)) {
                    throw new NirFormatException(file + ": " + where + " edge " + e.source() + " -> " + e.target()
                            + ": no node '" + end + "' in this graph");
                }
            }
        }
        return new NirGraph(nodes, edges, metadata(g, where, file));
    }

    /** Exact node name first, then {@code G.X} as node X of sub-graph G (NIR.md §3). */
    private static boolean resolvable(final Map<String, NirNode> nodes, final String name) {
        if (nodes.containsKey(name)) {
            return true;
        }
        final int dot = name.indexOf('.');
        return dot > 0 && nodes.get(name.substring(0, dot)) instanceof NirGraph sub
                && resolvable(sub.nodes(), name.substring(dot + 1));
    }

    private static Map<String, Object> metadata(final Group g, final String where, final Path file) {
        final Map<String, Object> meta = new LinkedHashMap<>();
        if (g.getChild("metadata") instanceof Group mg) {
            for (Map.Entry<String, Node> e : mg.getChildren().entrySet()) {
                if (e.getValue() instanceof Dataset d) {
                    final Object data = d.getData();
                    if (data instanceof String || data instanceof Number) {
                        meta.put(e.getKey(), data);
                    } else {
                        meta.put(e.getKey(), tensor(d, where + "/metadata/" + e.getKey(), file));
                    }
                }
            }
        }
        return meta;
    }

    private static String string(final Object data, final String where, final Path file) {
        if (data instanceof String s) {
            return s;
        }
        if (data instanceof String[] a && a.length == 1) {
            return a[0];
        }
        throw new NirFormatException(file + ": " + where + " is " + (data == null ? "null" : data.getClass().getSimpleName())
                + ": must be a string");
    }

    static Tensor tensor(final Dataset d, final String where, final Path file) {
        final int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
        final Object flat = d.isScalar() ? d.getData() : d.getDataFlat();
        final double[] values;
        boolean f32 = false;
        if (flat instanceof double[] a) {
            values = a;
        } else if (flat instanceof float[] a) {
            f32 = true;
            values = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                values[i] = a[i];
            }
        } else if (flat instanceof long[] a) {
            values = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                values[i] = a[i];
            }
        } else if (flat instanceof int[] a) {
            values = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                values[i] = a[i];
            }
        } else if (flat instanceof Number n) {
            values = new double[] {n.doubleValue()};
            f32 = n instanceof Float;
        } else {
            throw new NirFormatException(file + ": " + where + " is " + (flat == null ? "null" : flat.getClass().getSimpleName())
                    + ": must be numeric");
        }
        return new Tensor(shape, values, f32);
    }

    /** The parameter datasets of one node group. */
    private static final class Params {
        private final Group g;
        private final String where;
        private final Path file;

        Params(final Group g, final String where, final Path file) {
            this.g = g;
            this.where = where;
            this.file = file;
        }

        Tensor tensor(final String name) {
            if (!(g.getChild(name) instanceof Dataset d)) {
                throw new NirFormatException(file + ": " + where + " has no dataset '" + name + "'");
            }
            final Tensor t = NirReader.tensor(d, where + "/" + name, file);
            for (double v : t.values()) {
                if (!Double.isFinite(v)) {
                    throw new NirFormatException(file + ": " + where + "/" + name + " = " + v + ": must be finite");
                }
            }
            return t;
        }

        /** A parameter that older files lack, or store as a scalar: filled or broadcast to the shape of {@code like}. */
        Tensor optional(final String name, final Tensor like, final double fill) {
            if (g.getChild(name) == null) {
                return new Tensor(like.shape(), filledArray(like.size(), fill), like.float32());
            }
            final Tensor t = tensor(name);
            if (t.size() == 1 && like.size() != 1) {
                return new Tensor(like.shape(), filledArray(like.size(), t.get(0)), t.float32());
            }
            return t;
        }

        int[] shape(final String name) {
            final Tensor t = tensor(name);
            final int[] s = new int[t.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = (int) t.get(i);
                if (s[i] < 1 || s[i] != t.get(i)) {
                    throw new NirFormatException(file + ": " + where + "/" + name + " = " + t.get(i) + ": must be an integer >= 1");
                }
            }
            return s;
        }

        int integer(final String name, final int dflt) {
            if (g.getChild(name) == null) {
                return dflt;
            }
            final Tensor t = tensor(name);
            if (t.size() != 1 || t.get(0) != Math.rint(t.get(0))) {
                throw new NirFormatException(file + ": " + where + "/" + name + ": must be one integer");
            }
            return (int) t.get(0);
        }

        private static double[] filledArray(final int n, final double v) {
            final double[] a = new double[n];
            java.util.Arrays.fill(a, v);
            return a;
        }
    }
}
