package org.spikering.nir.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirFormatException;
import org.spikering.nir.NirNode;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.SimulationSummary;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.NetworkBuilder;

/**
 * Runs a NIR graph on sim-core's engine as a normal spikering network: every spiking node (LIF, IF, CubaLIF)
 * becomes a population of {@link NirNeuronModel}; every path of static nodes (Affine, Linear, Scale,
 * Flatten, Delay, sub-graph ports) from a spiking node to another becomes explicit synapses with the
 * composed weights W (non-zero entries only) and a delay of (1 + Delay steps)·dt; paths from the Input
 * nodes (W x of step k injected in step k + Delay steps), and the Affine biases, are injected into their target
 * populations every step.
 *
 * <p>Timing differs from {@link NirRunner} in one point, which the engine imposes: a spike crosses an edge
 * between populations with at least one step of delay (NIR's feedforward edges have none), so the engine
 * run equals the step runner with {@code synapticDelaySteps = 1} on every spiking edge (Lava's timing)
 * and no delay on the Input edges. Graphs with LI, I, CubaLI or Threshold nodes (graded values between
 * nodes) cannot run here: they are named, one line each. The reference engine (one thread) is used, so
 * results are deterministic. Non-finite values are caught in the recorded voltages (record v to be sure).
 */
public final class EngineRunner {

    private EngineRunner() {
    }

    /** A composed path: target population, matrix (target × source) row-major, extra delay steps. */
    private record Path(int target, double[] weight, int delaySteps) {
    }

    /**
     * @param file          the NIR file.
     * @param options       scheme, reset, precision, dt (loop delay and synaptic delay do not apply: see the class comment).
     * @param input         [step][column] as for {@link NirRunner#run}.
     * @param recordVoltage spiking node names whose v is recorded.
     * @return the run, plus the engine's summary in {@code summary[0]} if the array is given.
     */
    public static NirRun run(final NirFile file, final RunOptions options, final double[][] input,
                             final Collection<String> recordVoltage, final SimulationSummary[] summary) {
        final NirRunner checked = NirRunner.prepare(file, options); // nodes and shapes
        final FlatGraph g = new FlatGraph(file.graph(), RunOptions.LoopDelay.BEFORE);
        final int n = g.units.size();
        final List<String> problems = new ArrayList<>();
        final List<List<Integer>> out = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            out.add(new ArrayList<>());
            final NirNode node = g.units.get(u).node();
            if (NirRunner.isNeuron(node) && !isSpiking(node) || node instanceof NirNode.Threshold) {
                problems.add("node '" + g.units.get(u).name() + "' (" + node.nirType()
                        + "): its output is a graded value, not spikes: the engine carries spikes only (use the step runner)");
            }
        }
        if (!problems.isEmpty()) {
            throw new NirFormatException(String.join("\n", problems));
        }
        for (FlatGraph.Link l : g.links) {
            out.get(l.source()).add(l.target());
        }
        final NetworkBuilder b = Network.builder(options.dtMs());
        final List<Integer> pops = new ArrayList<>();
        final List<Integer> inputs = new ArrayList<>();
        final List<Integer> outputs = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            final FlatGraph.Unit unit = g.units.get(u);
            if (isSpiking(unit.node())) {
                pops.add(u);
                b.population(unit.name(), checked.sizeOf(u), new NirNeuronModel(unit.name(), unit.node(), options));
            } else if (unit.topLevel() && unit.node() instanceof NirNode.Input) {
                inputs.add(u);
            } else if (unit.topLevel() && unit.node() instanceof NirNode.Output) {
                outputs.add(u);
            }
        }
        // spiking -> spiking: synapses; Input -> spiking: per-step injection; anything -> Output: post hoc
        final Map<Integer, List<Path>> from = new LinkedHashMap<>();
        for (int s : pops) {
            from.put(s, paths(g, checked, out, s));
            for (Path p : from.get(s)) {
                if (isSpiking(g.units.get(p.target()).node())) {
                    connect(b, g, s, p, checked.sizeOf(s), options.dtMs());
                }
            }
        }
        for (int s : inputs) {
            from.put(s, paths(g, checked, out, s));
        }
        final Map<Integer, double[]> bias = biases(g, checked, out);
        final Network net = b.build();
        final int steps = input.length;
        final SpikeLog spikes = new SpikeLog();
        final Map<String, double[][]> volts = new LinkedHashMap<>();
        for (String name : recordVoltage) {
            final int u = g.indexOf(name);
            if (u < 0 || !pops.contains(u)) {
                throw new IllegalArgumentException("record v of '" + name + "': must be one of the spiking nodes " + names(g, pops));
            }
            volts.put(name, new double[steps][]);
        }
        final int[] unitOfPop = pops.stream().mapToInt(Integer::intValue).toArray();
        final int[] offset = new int[unitOfPop.length];
        for (int i = 0; i < unitOfPop.length; i++) {
            offset[i] = net.populations().get(i).offset();
        }
        final double[][] z = new double[n][];
        for (int u : pops) {
            z[u] = new double[checked.sizeOf(u)];
        }
        try (Simulation sim = Simulation.create(net, SimulationConfig.reference())) {
            sim.addSpikeListener((step, ids, count) -> {
                for (int c = 0; c < count; c++) {
                    int p = Arrays.binarySearch(offset, ids[c]);
                    if (p < 0) {
                        p = -p - 2;
                    }
                    spikes.add((int) step, unitOfPop[p], ids[c] - offset[p]);
                }
            });
            int seen = 0;
            final double[][] output = new double[steps][];
            // per-target drive arrays, reused every step
            final Map<Integer, double[]> drive = new LinkedHashMap<>();
            // Input paths through Delay nodes: ring [step mod (D + 1)][target neuron] of W x, read D steps later
            final Map<Path, double[][]> delayed = new java.util.IdentityHashMap<>();
            for (int s : inputs) {
                for (Path p : from.get(s)) {
                    if (isSpiking(g.units.get(p.target()).node())) {
                        if (p.delaySteps() != 0) {
                            delayed.put(p, new double[p.delaySteps() + 1][checked.sizeOf(p.target())]);
                        }
                        drive.computeIfAbsent(p.target(), t -> new double[checked.sizeOf(t)]);
                    }
                }
            }
            for (Integer t : bias.keySet()) {
                if (isSpiking(g.units.get(t).node())) {
                    drive.computeIfAbsent(t, u -> new double[checked.sizeOf(u)]);
                }
            }
            final double[][] x = new double[n][];
            for (int s : inputs) {
                x[s] = new double[checked.sizeOf(s)];
            }
            final OutputTerms terms = new OutputTerms(checked, outputs, from, pops, z, x, bias);
            for (int k = 0; k < steps; k++) {
                for (Map.Entry<Integer, double[]> e : drive.entrySet()) {
                    final double[] b0 = bias.get(e.getKey());
                    if (b0 == null) {
                        Arrays.fill(e.getValue(), 0.0);
                    } else {
                        System.arraycopy(b0, 0, e.getValue(), 0, b0.length);
                    }
                }
                int col = 0;
                for (int s : inputs) {
                    System.arraycopy(input[k], col, x[s], 0, x[s].length);
                    col += x[s].length;
                    for (Path p : from.get(s)) {
                        if (!isSpiking(g.units.get(p.target()).node())) {
                            continue;
                        }
                        final double[][] ring = delayed.get(p);
                        if (ring == null) {
                            addTimes(drive.get(p.target()), p.weight(), x[s]);
                        } else {
                            final double[] now = ring[k % ring.length];
                            Arrays.fill(now, 0.0);
                            addTimes(now, p.weight(), x[s]);
                            final double[] then = ring[(k + 1) % ring.length]; // written at step k - D (zeros before)
                            final double[] d = drive.get(p.target());
                            for (int i = 0; i < d.length; i++) {
                                d[i] += then[i];
                            }
                        }
                    }
                }
                for (Map.Entry<Integer, double[]> e : drive.entrySet()) {
                    final double[] d = e.getValue();
                    final String target = g.units.get(e.getKey()).name();
                    for (int i = 0; i < d.length; i++) {
                        if (d[i] != 0.0) {
                            sim.inject(target, i, d[i]);
                        }
                    }
                }
                sim.run(options.dtMs());
                for (int u : pops) {
                    Arrays.fill(z[u], 0.0);
                }
                for (; seen < spikes.size(); seen++) {
                    z[spikes.unit(seen)][spikes.neuron(seen)] = 1.0;
                }
                for (Map.Entry<String, double[][]> e : volts.entrySet()) {
                    final double[] v = new double[checked.sizeOf(g.indexOf(e.getKey()))];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = sim.stateValue(e.getKey(), "v", i);
                        if (!Double.isFinite(v[i])) {
                            throw new IllegalArgumentException("run diverged: node '" + e.getKey() + "' v[" + i + "] = " + v[i]
                                    + " at step " + k + " (dt = " + options.dtMs() + " ms; forward Euler needs dt/tau < 2)");
                        }
                    }
                    e.getValue()[k] = v;
                }
                output[k] = terms.row();
            }
            if (summary != null && summary.length > 0) {
                summary[0] = sim.summary();
            }
            final int[] st = spikes.steps();
            final String[] sn = spikes.nodes(u -> g.units.get(u).name());
            final int[] si = spikes.neurons();
            final List<String> columns = new ArrayList<>();
            for (int u : outputs) {
                for (int i = 0; i < checked.sizeOf(u); i++) {
                    columns.add(g.units.get(u).name() + "[" + i + "]");
                }
            }
            return new NirRun(options.dtMs(), steps, columns, output, st, sn, si, volts);
        }
    }

    private static List<String> names(final FlatGraph g, final List<Integer> units) {
        return units.stream().map(u -> g.units.get(u).name()).toList();
    }

    private static boolean isSpiking(final NirNode n) {
        return n instanceof NirNode.Lif || n instanceof NirNode.IntegrateAndFire || n instanceof NirNode.CubaLif;
    }

    /**
     * The Output values: the sum over sources of W·(source output), plus the biases on the way. The terms of each
     * Output (in {@code from}'s order) are gathered once; the sources are the arrays z and x, refilled every step.
     */
    private static final class OutputTerms {
        private final double[][] bias;
        private final double[][] acc;
        private final double[][][] weights;
        private final double[][][] sources;
        private final int width;

        OutputTerms(final NirRunner checked, final List<Integer> outputs, final Map<Integer, List<Path>> from,
                    final List<Integer> pops, final double[][] z, final double[][] x, final Map<Integer, double[]> bias) {
            final int m = outputs.size();
            this.bias = new double[m][];
            this.acc = new double[m][];
            this.weights = new double[m][][];
            this.sources = new double[m][][];
            int w = 0;
            for (int q = 0; q < m; q++) {
                final int o = outputs.get(q);
                this.bias[q] = bias.get(o);
                this.acc[q] = new double[checked.sizeOf(o)];
                w += acc[q].length;
                final List<double[]> ws = new ArrayList<>();
                final List<double[]> srcs = new ArrayList<>();
                for (Map.Entry<Integer, List<Path>> e : from.entrySet()) {
                    final double[] src = pops.contains(e.getKey()) ? z[e.getKey()] : x[e.getKey()];
                    for (Path p : e.getValue()) {
                        if (p.target() == o) {
                            ws.add(p.weight());
                            srcs.add(src);
                        }
                    }
                }
                this.weights[q] = ws.toArray(new double[0][]);
                this.sources[q] = srcs.toArray(new double[0][]);
            }
            this.width = w;
        }

        double[] row() {
            final double[] row = new double[width];
            int col = 0;
            for (int q = 0; q < acc.length; q++) {
                final double[] a = acc[q];
                if (bias[q] == null) {
                    Arrays.fill(a, 0.0);
                } else {
                    System.arraycopy(bias[q], 0, a, 0, a.length);
                }
                for (int t = 0; t < weights[q].length; t++) {
                    addTimes(a, weights[q][t], sources[q][t]);
                }
                System.arraycopy(a, 0, row, col, a.length);
                col += a.length;
            }
            return row;
        }
    }

    private static void addTimes(final double[] acc, final double[] w, final double[] x) {
        final int cols = x.length;
        for (int r = 0; r < acc.length; r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += w[r * cols + c] * x[c];
            }
            acc[r] += s;
        }
    }

    private static void connect(final NetworkBuilder b, final FlatGraph g, final int s, final Path p, final int cols,
                                final double dtMs) {
        final List<int[]> pairs = new ArrayList<>();
        final List<Double> w = new ArrayList<>();
        final int rows = p.weight().length / cols;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                final double v = p.weight()[r * cols + c];
                if (v != 0.0) {
                    pairs.add(new int[] {c, r});
                    w.add(v);
                }
            }
        }
        if (pairs.isEmpty()) {
            return;
        }
        b.connectExplicit(g.units.get(s).name(), g.units.get(p.target()).name(), pairs.stream().mapToInt(a -> a[0]).toArray(),
                pairs.stream().mapToInt(a -> a[1]).toArray(), w.stream().mapToDouble(Double::doubleValue).toArray(),
                (1 + p.delaySteps()) * dtMs);
    }

    /** Paths from unit s through static units to the spiking populations and top-level Outputs, with composed weights. */
    private static List<Path> paths(final FlatGraph g, final NirRunner checked, final List<List<Integer>> out, final int s) {
        final int size = checked.sizeOf(s);
        final double[] identity = new double[size * size];
        for (int i = 0; i < size; i++) {
            identity[i * size + i] = 1.0;
        }
        final List<Path> found = new ArrayList<>();
        for (int t : out.get(s)) {
            walk(g, checked, out, t, identity, size, 0, found, 0);
        }
        return found;
    }

    private static void walk(final FlatGraph g, final NirRunner checked, final List<List<Integer>> out, final int u,
                             final double[] w, final int cols, final int delay, final List<Path> found, final int depth) {
        final FlatGraph.Unit unit = g.units.get(u);
        final NirNode node = unit.node();
        if (isSpiking(node) || (unit.topLevel() && node instanceof NirNode.Output)) {
            found.add(new Path(u, w, delay));
            return;
        }
        if (depth > g.units.size()) {
            throw new NirFormatException("a cycle of static nodes through '" + unit.name() + "' has no neuron: cannot run on the engine");
        }
        double[] next = w;
        int d = delay;
        if (node instanceof NirNode.Affine a) {
            next = multiply(a.weight().values(), a.weight().dim(0), w, cols);
        } else if (node instanceof NirNode.Linear l) {
            next = multiply(l.weight().values(), l.weight().dim(0), w, cols);
        } else if (node instanceof NirNode.Scale sc) {
            next = w.clone();
            final int rows = w.length / cols;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    next[r * cols + c] *= sc.scale().get(r);
                }
            }
        } else if (node instanceof NirNode.Delay dl) {
            final double first = dl.delay().get(0);
            for (double v : dl.delay().values()) {
                if (v != first) {
                    throw new NirFormatException("node '" + unit.name() + "' (Delay): delays differ per element: not supported on the engine");
                }
            }
            d += (int) Math.rint(first / (checked.dtMs() * 1e-3));
        }
        for (int t : out.get(u)) {
            walk(g, checked, out, t, next, cols, d, found, depth + 1);
        }
    }

    private static double[] multiply(final double[] a, final int rows, final double[] w, final int cols) {
        final int inner = w.length / cols;
        final double[] o = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inner; k++) {
                final double arc = a[r * inner + k];
                if (arc != 0.0) {
                    for (int c = 0; c < cols; c++) {
                        o[r * cols + c] += arc * w[k * cols + c];
                    }
                }
            }
        }
        return o;
    }

    /** Each Affine's bias carried through the static nodes after it to populations and Outputs (per-step drive). */
    private static Map<Integer, double[]> biases(final FlatGraph g, final NirRunner checked, final List<List<Integer>> out) {
        final Map<Integer, double[]> bias = new LinkedHashMap<>();
        for (int u = 0; u < g.units.size(); u++) {
            if (g.units.get(u).node() instanceof NirNode.Affine a) {
                boolean any = false;
                for (double v : a.bias().values()) {
                    any |= v != 0.0;
                }
                if (!any) {
                    continue;
                }
                final List<Path> found = new ArrayList<>();
                for (int t : out.get(u)) {
                    walk(g, checked, out, t, a.bias().values().clone(), 1, 0, found, 0);
                }
                for (Path p : found) {
                    final double[] acc = bias.computeIfAbsent(p.target(), x -> new double[checked.sizeOf(x)]);
                    for (int i = 0; i < acc.length; i++) {
                        acc[i] += p.weight()[i];
                    }
                }
            }
        }
        return bias;
    }
}
