package org.spikering.nir.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirNode;

/**
 * A NIR graph as populations and synapses, for hardware mapping: the populations are the neuron nodes
 * (LI, LIF, CubaLI, CubaLIF, I, IF) and the top-level Input nodes; a projection joins population A to
 * population B when a path of static nodes (Affine, Linear, Scale, Threshold, Delay, Flatten, sub-graph
 * ports) leads from A to B, and its synapse count is the number of pairs (a, b) that the path connects
 * through non-zero weights (a dense Affine: out·in; an element-wise path: the population size).
 * Paths that end in an Output node carry no synapses. Immutable.
 */
public final class NirConnectivity {

    /** @param name unit name; @param size neurons. */
    public record Population(String name, int size) {
    }

    /** @param pre source population; @param post target population; @param synapses connected pairs. */
    public record Projection(String pre, String post, long synapses) {
    }

    private final List<Population> populations = new ArrayList<>();
    private final List<Projection> projections = new ArrayList<>();

    /**
     * @param file a NIR file.
     * @throws org.spikering.nir.NirFormatException as {@link NirRunner#prepare}: one line per node that cannot run.
     */
    public NirConnectivity(final NirFile file) {
        final RunOptions any = RunOptions.defaults(1.0);
        final NirRunner runner = NirRunner.prepare(file, any); // validates nodes and shapes
        final FlatGraph g = runner.graph();
        final int n = g.units.size();
        final List<List<Integer>> out = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            out.add(new ArrayList<>());
        }
        for (FlatGraph.Link l : g.links) {
            out.get(l.source()).add(l.target());
        }
        for (int u = 0; u < n; u++) {
            if (isPopulation(g.units.get(u))) {
                populations.add(new Population(g.units.get(u).name(), runner.sizeOf(u)));
            }
        }
        for (int u = 0; u < n; u++) {
            if (!isPopulation(g.units.get(u))) {
                continue;
            }
            final Map<Integer, Long> counts = new LinkedHashMap<>();
            final int size = runner.sizeOf(u);
            for (int i = 0; i < size; i++) {
                final boolean[] reach = new boolean[size];
                reach[i] = true;
                for (int next : out.get(u)) {
                    follow(g, runner, out, next, reach, counts, 0);
                }
            }
            for (Map.Entry<Integer, Long> e : counts.entrySet()) {
                projections.add(new Projection(g.units.get(u).name(), g.units.get(e.getKey()).name(), e.getValue()));
            }
        }
    }

    private static boolean isPopulation(final FlatGraph.Unit u) {
        final NirNode n = u.node();
        return (n instanceof NirNode.Input && u.topLevel()) || n instanceof NirNode.Li || n instanceof NirNode.Lif
                || n instanceof NirNode.CubaLi || n instanceof NirNode.CubaLif || n instanceof NirNode.Integrator
                || n instanceof NirNode.IntegrateAndFire;
    }

    /** Pushes the set of reached elements through unit {@code u}; adds the count at the first population reached. */
    private static void follow(final FlatGraph g, final NirRunner runner, final List<List<Integer>> out, final int u,
                               final boolean[] reached, final Map<Integer, Long> counts, final int depth) {
        final FlatGraph.Unit unit = g.units.get(u);
        if (isPopulation(unit)) {
            long c = 0;
            for (boolean b : reached) {
                c += b ? 1 : 0;
            }
            counts.merge(u, c, Long::sum);
            return;
        }
        if (depth > g.units.size()) {
            return; // a cycle of static nodes only: no population at its end
        }
        final boolean[] next;
        final NirNode node = unit.node();
        if (node instanceof NirNode.Affine a) {
            next = through(a.weight().values(), a.weight().dim(0), reached);
        } else if (node instanceof NirNode.Linear l) {
            next = through(l.weight().values(), l.weight().dim(0), reached);
        } else if (node instanceof NirNode.Scale s) {
            next = reached.clone();
            for (int i = 0; i < next.length; i++) {
                next[i] &= s.scale().get(i) != 0.0;
            }
        } else {
            next = reached.clone();
        }
        for (int t : out.get(u)) {
            follow(g, runner, out, t, next, counts, depth + 1);
        }
    }

    private static boolean[] through(final double[] w, final int rows, final boolean[] in) {
        final int cols = in.length;
        final boolean[] o = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols && !o[r]; c++) {
                o[r] = in[c] && w[r * cols + c] != 0.0;
            }
        }
        return o;
    }

    /** @return the populations, in unit order. */
    public List<Population> populations() {
        return List.copyOf(populations);
    }

    /** @return the projections with their synapse counts. */
    public List<Projection> projections() {
        return List.copyOf(projections);
    }
}
