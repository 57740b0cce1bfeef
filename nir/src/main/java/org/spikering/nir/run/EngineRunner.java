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
     * A composed weight matrix on its way into the engine: the hardware layer's chance to change it (e.g. quantise
     * it to the chip's weight precision) before the synapses and input drives are made.
     */
    @FunctionalInterface
    public interface WeightMap {
        /** Every matrix as it is. */
        WeightMap NONE = (source, target, w, rows, cols) -> w;

        /**
         * @param source the path's source unit (a spiking node or a top-level Input).
         * @param target the spiking node it drives.
         * @param w      the composed matrix, (target x source) row-major; may be changed in place.
         * @param rows   target size.
         * @param cols   source size.
         * @return the matrix to use.
         */
        double[] apply(String source, String target, double[] w, int rows, int cols);
    }

    /**
     * @param file          the NIR file.
     * @param options       scheme, reset, precision, dt (loop delay and synaptic delay do not apply: see the class comment).
     * @param input         [step][column] as for {@link NirRunner#run}.
     * @param recordVoltage spiking node names whose v is recorded.
     * @param summary       if given (length &ge; 1), gets the engine's summary in {@code summary[0]}.
     * @return the run.
     */
    public static NirRun run(final NirFile file, final RunOptions options, final double[][] input,
                             final Collection<String> recordVoltage, final SimulationSummary[] summary) {
        final Prepared p = prepare(file, options, WeightMap.NONE);
        final int steps = input.length;
        final Map<String, double[][]> volts = new LinkedHashMap<>();
        for (String name : recordVoltage) {
            if (!p.spikingNodes().contains(name)) {
                throw new IllegalArgumentException("record v of '" + name + "': must be one of the spiking nodes " + p.spikingNodes());
            }
            volts.put(name, new double[steps][]);
        }
        final SpikeLog spikes = new SpikeLog();
        final int[] offset = new int[p.unitOfPop.length];
        for (int i = 0; i < offset.length; i++) {
            offset[i] = p.net.populations().get(i).offset();
        }
        try (Simulation sim = Simulation.create(p.net, SimulationConfig.reference())) {
            sim.addSpikeListener((step, ids, count) -> {
                for (int c = 0; c < count; c++) {
                    int q = Arrays.binarySearch(offset, ids[c]);
                    if (q < 0) {
                        q = -q - 2;
                    }
                    spikes.add((int) step, p.unitOfPop[q], ids[c] - offset[q]);
                }
            });
            p.attach(sim);
            final double[][] output = new double[steps][];
            for (int k = 0; k < steps; k++) {
                p.inject(sim, input[k]);
                sim.run(options.dtMs());
                for (Map.Entry<String, double[][]> e : volts.entrySet()) {
                    final double[] v = new double[p.checked.sizeOf(p.g.indexOf(e.getKey()))];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = sim.stateValue(e.getKey(), "v", i);
                        if (!Double.isFinite(v[i])) {
                            throw new IllegalArgumentException("run diverged: node '" + e.getKey() + "' v[" + i + "] = " + v[i]
                                    + " at step " + k + " (dt = " + options.dtMs() + " ms; forward Euler needs dt/tau < 2)");
                        }
                    }
                    e.getValue()[k] = v;
                }
                output[k] = p.outputRow();
            }
            if (summary != null && summary.length > 0) {
                summary[0] = sim.summary();
            }
            return new NirRun(options.dtMs(), steps, p.outputColumns(), output, spikes.steps(),
                    spikes.nodes(u -> p.g.units.get(u).name()), spikes.neurons(), volts);
        }
    }

    /**
     * Builds the engine network of a graph without running it, for callers that drive the simulation themselves
     * (a spec run: {@code spikering run SPEC} with a {@code network.nir} section, its own recorders and counters).
     * Per step: {@link Prepared#inject} before the step, {@link Prepared#outputRow} after it.
     *
     * @param file    the NIR file.
     * @param options scheme, reset, precision, dt.
     * @param weights applied to every composed matrix into a spiking node (synapses and Input drives; not the
     *                Output readout, not the Affine biases).
     * @return the prepared network.
     * @throws NirFormatException one line per node that cannot run on the engine.
     */
    public static Prepared prepare(final NirFile file, final RunOptions options, final WeightMap weights) {
        return new Prepared(file, options, weights);
    }

    /**
     * A NIR graph built on the engine: the network (one population per spiking node, named as the node), the
     * per-step input drive (Input paths and Affine biases, injected) and the Output nodes' values. One instance
     * drives one simulation.
     */
    public static final class Prepared {
        private final NirRunner checked;
        private final FlatGraph g;
        private final Network net;
        private final List<Integer> pops = new ArrayList<>();
        private final List<Integer> inputs = new ArrayList<>();
        private final int[] unitOfPop;
        private final Map<Integer, List<Path>> from = new LinkedHashMap<>();
        private final Map<Integer, double[]> bias;
        private final Map<Integer, double[]> drive = new LinkedHashMap<>();
        private final double[][] z;
        private final double[][] x;
        private final OutputTerms terms;
        private final List<String> columns = new ArrayList<>();
        private final List<String> popNames = new ArrayList<>();
        private int[] popOffset;
        /** Input paths through Delay nodes: ring [step mod (D + 1)][target neuron] of W x, read D steps later. */
        private final Map<Path, double[][]> delayed = new java.util.IdentityHashMap<>();
        /** Steps injected so far. */
        private int injected;

        private Prepared(final NirFile file, final RunOptions options, final WeightMap weights) {
            checked = NirRunner.prepare(file, options); // nodes and shapes
            g = new FlatGraph(file.graph(), RunOptions.LoopDelay.BEFORE);
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
            final List<Integer> outputs = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                final FlatGraph.Unit unit = g.units.get(u);
                if (isSpiking(unit.node())) {
                    pops.add(u);
                    popNames.add(unit.name());
                    b.population(unit.name(), checked.sizeOf(u), new NirNeuronModel(unit.name(), unit.node(), options));
                } else if (unit.topLevel() && unit.node() instanceof NirNode.Input) {
                    inputs.add(u);
                } else if (unit.topLevel() && unit.node() instanceof NirNode.Output) {
                    outputs.add(u);
                }
            }
            // spiking -> spiking: synapses; Input -> spiking: per-step injection; anything -> Output: post hoc
            for (int s : pops) {
                from.put(s, mapped(g, checked, paths(g, checked, out, s), s, weights));
                for (Path p : from.get(s)) {
                    if (isSpiking(g.units.get(p.target()).node())) {
                        connect(b, g, s, p, checked.sizeOf(s), options.dtMs());
                    }
                }
            }
            for (int s : inputs) {
                from.put(s, mapped(g, checked, paths(g, checked, out, s), s, weights));
            }
            bias = biases(g, checked, out);
            net = b.build();
            unitOfPop = pops.stream().mapToInt(Integer::intValue).toArray();
            z = new double[n][];
            for (int u : pops) {
                z[u] = new double[checked.sizeOf(u)];
            }
            // per-target drive arrays, reused every step
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
            x = new double[n][];
            for (int s : inputs) {
                x[s] = new double[checked.sizeOf(s)];
            }
            terms = new OutputTerms(checked, outputs, from, pops, z, x, bias);
            for (int u : outputs) {
                for (int i = 0; i < checked.sizeOf(u); i++) {
                    columns.add(g.units.get(u).name() + "[" + i + "]");
                }
            }
        }

        /** @return the engine network: one population per spiking node, named as the node (sub-graph nodes G.X). */
        public Network network() {
            return net;
        }

        /** @return the spiking nodes, in population order. */
        public List<String> spikingNodes() {
            return List.copyOf(popNames);
        }

        /** @return the input columns per step: the top-level Input nodes' sizes, summed in file order. */
        public int inputWidth() {
            return checked.inputWidth();
        }

        /** @return the columns of {@link #outputRow}: {@code <output node>[<index>]}. */
        public List<String> outputColumns() {
            return List.copyOf(columns);
        }

        /**
         * @return per input column (as {@link #inputWidth()}), the number of non-zero weights by which it drives the
         *         spiking nodes (summed over the paths from its Input node): the synapses an input spike there reaches.
         */
        public long[] inputFanOut() {
            final long[] fan = new long[checked.inputWidth()];
            int col = 0;
            for (int s : inputs) {
                final int cols = x[s].length;
                for (Path p : from.get(s)) {
                    if (isSpiking(g.units.get(p.target()).node())) {
                        for (int i = 0; i < p.weight().length; i++) {
                            if (p.weight()[i] != 0.0) {
                                fan[col + i % cols]++;
                            }
                        }
                    }
                }
                col += cols;
            }
            return fan;
        }

        /** Registers the listener that keeps each step's spikes for the Output values; before the first run. */
        public void attach(final Simulation sim) {
            if (sim.network() != net) {
                throw new IllegalArgumentException("attach: the simulation must run this prepared network");
            }
            popOffset = new int[unitOfPop.length];
            for (int i = 0; i < popOffset.length; i++) {
                popOffset[i] = net.populations().get(i).offset();
            }
            sim.addSpikeListener((step, ids, count) -> {
                for (int c = 0; c < count; c++) {
                    int q = Arrays.binarySearch(popOffset, ids[c]);
                    if (q < 0) {
                        q = -q - 2;
                    }
                    z[unitOfPop[q]][ids[c] - popOffset[q]] = 1.0;
                }
            });
        }

        /**
         * Injects one step's input (the Input paths' W x plus the biases) into the populations; call before the step.
         *
         * @param sim   the simulation of {@link #network()}, {@link #attach attached}.
         * @param input the step's input row, {@link #inputWidth()} values.
         */
        public void inject(final Simulation sim, final double[] input) {
            if (popOffset == null) {
                throw new IllegalStateException("inject: attach the simulation first");
            }
            for (int u : pops) {
                Arrays.fill(z[u], 0.0);
            }
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
                System.arraycopy(input, col, x[s], 0, x[s].length);
                col += x[s].length;
                for (Path p : from.get(s)) {
                    if (!isSpiking(g.units.get(p.target()).node())) {
                        continue;
                    }
                    final double[][] ring = delayed.get(p);
                    if (ring == null) {
                        addTimes(drive.get(p.target()), p.weight(), x[s]);
                    } else {
                        final double[] now = ring[injected % ring.length];
                        Arrays.fill(now, 0.0);
                        addTimes(now, p.weight(), x[s]);
                        final double[] then = ring[(injected + 1) % ring.length]; // written D steps ago (zeros before)
                        final double[] d = drive.get(p.target());
                        for (int i = 0; i < d.length; i++) {
                            d[i] += then[i];
                        }
                    }
                }
            }
            injected++;
            for (Map.Entry<Integer, double[]> e : drive.entrySet()) {
                final double[] d = e.getValue();
                final String target = g.units.get(e.getKey()).name();
                for (int i = 0; i < d.length; i++) {
                    if (d[i] != 0.0) {
                        sim.inject(target, i, d[i]);
                    }
                }
            }
        }

        /** @return the Output nodes' values of the step just run (the step's spikes and input). */
        public double[] outputRow() {
            return terms.row();
        }
    }

    private static List<Path> mapped(final FlatGraph g, final NirRunner checked, final List<Path> paths, final int s,
                                     final WeightMap weights) {
        final List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (isSpiking(g.units.get(p.target()).node())) {
                out.add(new Path(p.target(), weights.apply(g.units.get(s).name(), g.units.get(p.target()).name(),
                        p.weight(), checked.sizeOf(p.target()), checked.sizeOf(s)), p.delaySteps()));
            } else {
                out.add(p);
            }
        }
        return out;
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
