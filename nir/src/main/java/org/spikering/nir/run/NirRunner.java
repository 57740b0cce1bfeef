package org.spikering.nir.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirFormatException;
import org.spikering.nir.NirNode;
import org.spikering.nir.Tensor;

/**
 * Runs a NIR graph on a fixed time grid: each step, every unit (in {@link FlatGraph}'s order) reads the
 * sum of its incoming edges (a delayed edge: the source's output of the previous step, 0 at step 0) and
 * computes its output; the top-level Input nodes take one row of the external input per step (their
 * columns concatenated in file order), the top-level Output nodes are recorded.
 *
 * <table>
 *   <caption>Static units</caption>
 *   <tr><th>type</th><th>y</th></tr>
 *   <tr><td>Affine / Linear</td><td>W x + b / W x, W (out, in) row-major; only 2-D weights</td></tr>
 *   <tr><td>Scale / Threshold</td><td>s ⊙ x / 1 if x &gt; θ else 0</td></tr>
 *   <tr><td>Delay</td><td>x delayed by round(τ_d / dt) steps (τ_d must be a multiple of dt)</td></tr>
 *   <tr><td>Flatten, Output, sub-graph Input</td><td>x (the data is flat row-major; only the shape changes)</td></tr>
 * </table>
 * Neurons: {@link LeakyNeuron}, {@link CubaNeuron}, {@link IntegratingNeuron}. Types it cannot run
 * (convolutions, pooling, weights of rank &gt; 2) make {@link #prepare} fail with one line per node.
 * Deterministic and single-threaded; not thread-safe.
 */
public final class NirRunner {

    private final FlatGraph graph;
    private final RunOptions options;
    private final int[] inSize;
    private final int[] outSize;
    private final List<Integer> inputUnits = new ArrayList<>();
    private final List<Integer> outputUnits = new ArrayList<>();
    private final int inputWidth;

    private NirRunner(final FlatGraph graph, final RunOptions options) {
        this.graph = graph;
        this.options = options;
        final int n = graph.units.size();
        this.inSize = new int[n];
        this.outSize = new int[n];
        final List<String> problems = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            sizes(u, problems);
        }
        if (!problems.isEmpty()) {
            throw new NirFormatException(String.join("\n", problems));
        }
        for (FlatGraph.Link l : graph.links) {
            if (inputUnits.contains(l.target())) {
                problems.add("edge " + name(l.source()) + " -> " + name(l.target()) + ": a top-level Input node takes no edges");
            } else if (outSize[l.source()] != inSize[l.target()]) {
                problems.add("edge " + name(l.source()) + " -> " + name(l.target()) + ": " + name(l.source()) + " gives "
                        + outSize[l.source()] + " values, " + name(l.target()) + " takes " + inSize[l.target()]);
            }
        }
        if (!problems.isEmpty()) {
            throw new NirFormatException(String.join("\n", problems));
        }
        int w = 0;
        for (int u : inputUnits) {
            w += outSize[u];
        }
        this.inputWidth = w;
    }

    /**
     * @param file    a NIR file read by {@link org.spikering.nir.NirReader}.
     * @param options the importer's choices.
     * @return a runner.
     * @throws NirFormatException if the graph cannot be run: one line per node that cannot run
     *                            ({@code node '0' (Conv2d): ...}), or per edge whose shapes disagree.
     */
    public static NirRunner prepare(final NirFile file, final RunOptions options) {
        return new NirRunner(new FlatGraph(file.graph(), options.loopDelay()), options);
    }

    private String name(final int u) {
        return graph.units.get(u).name();
    }

    private void sizes(final int u, final List<String> problems) {
        final FlatGraph.Unit unit = graph.units.get(u);
        final String at = "node '" + unit.name() + "' (" + unit.node().nirType() + ")";
        final NirNode node = unit.node();
        int in;
        int out;
        if (node instanceof NirNode.Input i) {
            out = Tensor.size(i.shape());
            in = out;
            if (unit.topLevel()) {
                inputUnits.add(u);
            }
        } else if (node instanceof NirNode.Output o) {
            in = out = Tensor.size(o.shape());
            if (unit.topLevel()) {
                outputUnits.add(u);
            }
        } else if (node instanceof NirNode.Affine a) {
            if (a.weight().rank() != 2) {
                problems.add(at + ": weight of rank " + a.weight().rank() + " cannot run: only (out, in) weights");
                return;
            }
            in = a.weight().dim(1);
            out = a.weight().dim(0);
            if (a.bias().size() != out) {
                problems.add(at + ": bias has " + a.bias().size() + " values: must have " + out + " (weight rows)");
            }
        } else if (node instanceof NirNode.Linear l) {
            if (l.weight().rank() != 2) {
                problems.add(at + ": weight of rank " + l.weight().rank() + " cannot run: only (out, in) weights");
                return;
            }
            in = l.weight().dim(1);
            out = l.weight().dim(0);
        } else if (node instanceof NirNode.Flatten f) {
            in = out = Tensor.size(f.inputType());
        } else if (node instanceof NirNode.Unsupported x) {
            problems.add(at + ": cannot run (convolutions and pooling are not supported; the graph is read, not run)");
            return;
        } else if (node instanceof NirNode.Delay d) {
            in = out = d.delay().size();
            for (double t : d.delay().values()) {
                final double steps = t / options.dtSeconds();
                if (!(t >= 0) || Math.abs(steps - Math.rint(steps)) > 1e-6 * Math.max(1, steps)) {
                    problems.add(at + ": delay " + t + " s is not a whole number of steps of dt = " + options.dtMs() + " ms");
                    break;
                }
            }
        } else {
            in = out = parameterSize(node);
        }
        inSize[u] = in;
        outSize[u] = out;
    }

    private static int parameterSize(final NirNode node) {
        if (node instanceof NirNode.Scale s) {
            return s.scale().size();
        } else if (node instanceof NirNode.Threshold t) {
            return t.threshold().size();
        } else if (node instanceof NirNode.Li li) {
            return li.tau().size();
        } else if (node instanceof NirNode.Lif lif) {
            return lif.tau().size();
        } else if (node instanceof NirNode.CubaLi c) {
            return c.tauMem().size();
        } else if (node instanceof NirNode.CubaLif c) {
            return c.tauMem().size();
        } else if (node instanceof NirNode.Integrator i) {
            return i.r().size();
        } else if (node instanceof NirNode.IntegrateAndFire f) {
            return f.r().size();
        }
        throw new IllegalStateException("no size rule for " + node.nirType());
    }

    /**
     * @param unit unit index in {@link FlatGraph} order.
     * @return its output size.
     */
    int sizeOf(final int unit) {
        return outSize[unit];
    }

    /** @return the flattened graph the runner was prepared on (unit indices as in {@link #sizeOf}). */
    FlatGraph graph() {
        return graph;
    }

    /** @return the step, ms. */
    double dtMs() {
        return options.dtMs();
    }

    /** @return the number of external input columns (sum of the top-level Input sizes). */
    public int inputWidth() {
        return inputWidth;
    }

    /** @return the number of output columns. */
    public int outputWidth() {
        int w = 0;
        for (int u : outputUnits) {
            w += outSize[u];
        }
        return w;
    }

    /** @return names of the units that have a membrane potential (neuron nodes). */
    public List<String> neuronNodes() {
        final List<String> names = new ArrayList<>();
        for (FlatGraph.Unit u : graph.units) {
            if (isNeuron(u.node())) {
                names.add(u.name());
            }
        }
        return names;
    }

    static boolean isNeuron(final NirNode n) {
        return n instanceof NirNode.Li || n instanceof NirNode.Lif || n instanceof NirNode.CubaLi
                || n instanceof NirNode.CubaLif || n instanceof NirNode.Integrator || n instanceof NirNode.IntegrateAndFire;
    }

    /**
     * @param node a neuron node (LI, LIF, CubaLI, CubaLIF, I, IF).
     * @param o    options.
     * @return its step, or null for other nodes.
     */
    static NodeStep neuronStep(final NirNode node, final RunOptions o) {
        if (node instanceof NirNode.Li || node instanceof NirNode.Lif) {
            return new LeakyNeuron(node, o);
        } else if (node instanceof NirNode.CubaLi || node instanceof NirNode.CubaLif) {
            return new CubaNeuron(node, o);
        } else if (node instanceof NirNode.Integrator || node instanceof NirNode.IntegrateAndFire) {
            return new IntegratingNeuron(node, o);
        }
        return null;
    }

    private NodeStep create(final int u) {
        final NirNode node = graph.units.get(u).node();
        NodeStep core = neuronStep(node, options);
        if (core != null) {
            // a neuron
        } else if (node instanceof NirNode.Affine a) {
            core = matrix(a.weight(), a.bias());
        } else if (node instanceof NirNode.Linear l) {
            core = matrix(l.weight(), null);
        } else if (node instanceof NirNode.Scale s) {
            final double[] sc = s.scale().values();
            core = (x, y) -> {
                for (int i = 0; i < sc.length; i++) {
                    y[i] = round(sc[i] * x[i]);
                }
            };
        } else if (node instanceof NirNode.Threshold t) {
            final double[] th = t.threshold().values();
            core = new NodeStep() {
                public void step(final double[] x, final double[] y) {
                    for (int i = 0; i < th.length; i++) {
                        y[i] = x[i] > th[i] ? 1.0 : 0.0;
                    }
                }

                public boolean spiking() {
                    return true; // its 0/1 output is recorded as spikes (LIF = LI → Threshold)
                }
            };
        } else if (node instanceof NirNode.Delay d) {
            final int[] steps = new int[d.delay().size()];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = (int) Math.rint(d.delay().get(i) / options.dtSeconds());
            }
            core = new DelayLine(steps);
        } else {
            core = (x, y) -> System.arraycopy(x, 0, y, 0, x.length);
        }
        final NodeStep inner = core;
        if (options.synapticDelaySteps() == 0 || !isNeuron(node)) {
            return inner;
        }
        final int[] steps = new int[inSize[u]];
        Arrays.fill(steps, options.synapticDelaySteps());
        final DelayLine line = new DelayLine(steps);
        final double[] delayed = new double[inSize[u]];
        return new NodeStep() {
            public void step(final double[] x, final double[] y) {
                line.step(x, delayed);
                inner.step(delayed, y);
            }

            public double[] voltage() {
                return inner.voltage();
            }

            public boolean spiking() {
                return inner.spiking();
            }
        };
    }

    private double round(final double v) {
        return options.precision() == RunOptions.Precision.FLOAT32 ? (double) (float) v : v;
    }

    private NodeStep matrix(final Tensor weight, final Tensor bias) {
        final int out = weight.dim(0);
        final int in = weight.dim(1);
        final double[] w = weight.values();
        final double[] b = bias == null ? new double[out] : bias.values();
        return (x, y) -> {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                final int row = o * in;
                for (int i = 0; i < in; i++) {
                    s += w[row + i] * x[i];
                }
                y[o] = round(s);
            }
        };
    }

    /**
     * Runs the graph from its initial state (all zeros) over {@code input.length} steps.
     *
     * @param input         [step][column]; each row has {@link #inputWidth()} finite values.
     * @param recordVoltage neuron node names whose v is recorded after every step (see {@link #neuronNodes()}).
     * @return the outputs, spikes and recorded voltages.
     * @throws IllegalArgumentException naming the row or node if the input or a name is wrong, or naming the node
     *                                  and step if a value stops being finite (no NaN travels silently).
     */
    public NirRun run(final double[][] input, final Collection<String> recordVoltage) {
        for (int k = 0; k < input.length; k++) {
            if (input[k].length != inputWidth) {
                throw new IllegalArgumentException("input row " + (k + 1) + " has " + input[k].length
                        + " values: the graph's Input nodes take " + inputWidth);
            }
        }
        final int n = graph.units.size();
        final NodeStep[] steps = new NodeStep[n];
        final double[][] x = new double[n][];
        final double[][] y = new double[n][];
        final double[][] previous = new double[n][];
        for (int u = 0; u < n; u++) {
            steps[u] = create(u);
            x[u] = new double[inSize[u]];
            y[u] = new double[outSize[u]];
            previous[u] = new double[outSize[u]];
        }
        final Map<String, double[][]> volts = new LinkedHashMap<>();
        final List<Integer> recorded = new ArrayList<>();
        for (String name : recordVoltage) {
            final int u = graph.indexOf(name);
            if (u < 0 || steps[u].voltage() == null) {
                throw new IllegalArgumentException("record v of '" + name + "': must be one of the neuron nodes " + neuronNodes());
            }
            recorded.add(u);
            volts.put(name, new double[input.length][]);
        }
        // primitive arrays for the step loop: no boxing or allocation per step except the recorded rows
        final List<FlatGraph.Link>[] incoming = incomingLinks();
        final int[][] source = new int[n][];
        final boolean[][] delayedLink = new boolean[n][];
        for (int u = 0; u < n; u++) {
            source[u] = new int[incoming[u].size()];
            delayedLink[u] = new boolean[incoming[u].size()];
            for (int e = 0; e < source[u].length; e++) {
                source[u][e] = incoming[u].get(e).source();
                delayedLink[u][e] = incoming[u].get(e).delayed();
            }
        }
        // only the sources of delayed edges need their previous output kept
        final boolean[] remembered = new boolean[n];
        for (FlatGraph.Link l : graph.links) {
            remembered[l.source()] |= l.delayed();
        }
        final int[] ins = inputUnits.stream().mapToInt(Integer::intValue).toArray();
        final int[] outs = outputUnits.stream().mapToInt(Integer::intValue).toArray();
        final boolean[] isInput = new boolean[n];
        for (int u : ins) {
            isInput[u] = true;
        }
        final int[] rec = recorded.stream().mapToInt(Integer::intValue).toArray();
        final double[][][] recordedV = new double[rec.length][][];
        for (int r = 0; r < rec.length; r++) {
            recordedV[r] = volts.get(name(rec[r]));
        }
        final String[] names = new String[n];
        final boolean[] spiking = new boolean[n];
        final double[][] voltages = new double[n][];
        for (int u = 0; u < n; u++) {
            names[u] = name(u);
            spiking[u] = steps[u].spiking();
            voltages[u] = steps[u].voltage() == null ? new double[0] : steps[u].voltage();
        }
        final List<String> columns = new ArrayList<>();
        for (int u : outs) {
            for (int i = 0; i < outSize[u]; i++) {
                columns.add(name(u) + "[" + i + "]");
            }
        }
        final int width = columns.size();
        final int[] order = graph.order;
        final double[][] output = new double[input.length][];
        final SpikeLog spikes = new SpikeLog();
        for (int k = 0; k < input.length; k++) {
            int col = 0;
            for (int u : ins) {
                System.arraycopy(input[k], col, y[u], 0, outSize[u]);
                col += outSize[u];
            }
            for (int u : order) {
                if (isInput[u]) {
                    continue;
                }
                final double[] xu = x[u];
                Arrays.fill(xu, 0.0);
                for (int e = 0; e < source[u].length; e++) {
                    final double[] src = delayedLink[u][e] ? previous[source[u][e]] : y[source[u][e]];
                    for (int i = 0; i < xu.length; i++) {
                        xu[i] += src[i];
                    }
                }
                steps[u].step(xu, y[u]);
                requireFinite(y[u], "output", names[u], k);
                requireFinite(voltages[u], "v", names[u], k);
                if (spiking[u]) {
                    final double[] yu = y[u];
                    for (int i = 0; i < yu.length; i++) {
                        if (yu[i] != 0.0) {
                            spikes.add(k, u, i);
                        }
                    }
                }
            }
            for (int u = 0; u < n; u++) {
                if (remembered[u]) {
                    System.arraycopy(y[u], 0, previous[u], 0, y[u].length);
                }
            }
            final double[] row = new double[width];
            col = 0;
            for (int u : outs) {
                System.arraycopy(y[u], 0, row, col, outSize[u]);
                col += outSize[u];
            }
            output[k] = row;
            for (int r = 0; r < rec.length; r++) {
                recordedV[r][k] = steps[rec[r]].voltage().clone();
            }
        }
        return new NirRun(options.dtMs(), input.length, List.copyOf(columns), output, spikes.steps(), spikes.nodes(u -> names[u]),
                spikes.neurons(), volts);
    }

    private void requireFinite(final double[] values, final String what, final String node, final int step) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("run diverged: node '" + node + "' " + what + "[" + i + "] = " + values[i]
                        + " at step " + step + " (dt = " + options.dtMs() + " ms; forward Euler needs dt/tau < 2, inputs must stay finite)");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<FlatGraph.Link>[] incomingLinks() {
        final List<FlatGraph.Link>[] in = new List[graph.units.size()];
        for (int u = 0; u < in.length; u++) {
            in[u] = new ArrayList<>();
        }
        for (FlatGraph.Link l : graph.links) {
            in[l.target()].add(l);
        }
        return in;
    }

    /** @return a one-line description of the evaluation order and delayed edges (for summaries and tests). */
    public String describe() {
        final StringBuilder sb = new StringBuilder();
        for (int u : graph.order) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name(u));
        }
        final List<String> delayed = new ArrayList<>();
        for (FlatGraph.Link l : graph.links) {
            if (l.delayed()) {
                delayed.add(name(l.source()) + " -> " + name(l.target()));
            }
        }
        return String.format(Locale.ROOT, "order [%s]; delayed edges %s", sb, delayed);
    }
}
