package org.spikering.nir.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirFormatException;
import org.spikering.nir.NirGraph;
import org.spikering.nir.NirNode;
import org.spikering.nir.NirReader;
import org.spikering.nir.Tensor;

/** Graph semantics: unsupported nodes, cycles and the loop-delay placement, sub-graphs, CubaLI(F) against closed forms. */
class NirRunnerTest {

    private static Path resource(final String name) {
        try {
            return Path.of(NirRunnerTest.class.getResource("/nir/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Tensor v(final double... x) {
        return Tensor.vector(x);
    }

    private static Tensor m(final int rows, final int cols, final double... x) {
        return new Tensor(new int[] {rows, cols}, x, false);
    }

    private static NirFile file(final Map<String, NirNode> nodes, final String... edges) {
        final List<NirGraph.Edge> list = new java.util.ArrayList<>();
        for (String e : edges) {
            final String[] p = e.split("->");
            list.add(new NirGraph.Edge(p[0].trim(), p[1].trim()));
        }
        return new NirFile("1.0.7", new NirGraph(nodes, list, Map.of()));
    }

    @Test
    void everyUnsupportedNodeOfTheSinabsCnnIsNamedOnItsOwnLine() {
        final NirFile f = NirReader.read(resource("cnn_sinabs.nir"));
        final NirFormatException e = assertThrows(NirFormatException.class, () -> NirRunner.prepare(f, RunOptions.defaults(1)));
        final String[] lines = e.getMessage().split("\n");
        assertEquals(List.of("node '0' (Conv2d)", "node '2' (Conv2d)", "node '4' (SumPool2d)", "node '5' (Conv2d)",
                "node '7' (SumPool2d)"), java.util.Arrays.stream(lines).map(l -> l.substring(0, l.indexOf(':'))).sorted().toList());
    }

    @Test
    void allOneDimensionalNodeTypesRun() {
        final NirFile f = NirReader.read(resource("reference_all_1d_nodes_HEAD.nir"));
        final NirRunner r = NirRunner.prepare(f, RunOptions.defaults(0.1));
        assertEquals(3, r.inputWidth());
        final double[][] in = new double[200][];
        for (int k = 0; k < in.length; k++) {
            in[k] = new double[] {50, 100, 150};
        }
        final NirRun run = r.run(in, r.neuronNodes());
        assertEquals(java.util.Set.of("li", "lif", "culi", "culif", "integ", "iaf"), java.util.Set.copyOf(r.neuronNodes()));
        // Scale 1,2,3 then LI (tau 10 ms, Euler): v_1 = dt/tau * s*x
        assertEquals(0.01 * 50 * 1, run.voltages().get("li")[0][0], 1e-15);
        assertEquals(0.01 * 100 * 2, run.voltages().get("li")[0][1], 1e-15);
        assertEquals(200, run.output().length);
    }

    @Test
    void subGraphIsInlinedThroughItsPorts() {
        final NirFile f = NirReader.read(resource("reference_2d_and_subgraph_HEAD.nir"));
        // runs only up to the conv: the error names conv, sum, avg; the sub-graph itself resolves
        final NirFormatException e = assertThrows(NirFormatException.class, () -> NirRunner.prepare(f, RunOptions.defaults(1)));
        assertEquals(4, e.getMessage().split("\n").length, e.getMessage()); // conv, conv1, sum, avg
        final Map<String, NirNode> sub = new LinkedHashMap<>();
        sub.put("i", new NirNode.Input(new int[] {2}));
        sub.put("l", new NirNode.Linear(m(2, 2, 1, 2, 3, 4)));
        sub.put("o", new NirNode.Output(new int[] {2}));
        final Map<String, NirNode> top = new LinkedHashMap<>();
        top.put("in", new NirNode.Input(new int[] {2}));
        top.put("g", new NirGraph(sub, List.of(new NirGraph.Edge("i", "l"), new NirGraph.Edge("l", "o")), Map.of()));
        top.put("out", new NirNode.Output(new int[] {2}));
        final NirRun run = NirRunner.prepare(file(top, "in -> g", "g -> out"), RunOptions.defaults(1))
                .run(new double[][] {{1, 10}}, List.of());
        assertArrayEquals(new double[] {21, 43}, run.output()[0]);
    }

    /** lif → w_rec(bias b) → lif: Norse (before) gives the loop's previous output (0 at step 0); snnTorch (after) lets b act at step 0. */
    @Test
    void loopDelayPlacementDecidesWhetherTheRecurrentBiasActsAtStepZero() {
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", new NirNode.Input(new int[] {1}));
        nodes.put("lif", new NirNode.Lif(v(0.01), v(1), v(0), v(1e9), v(0)));
        nodes.put("rec", new NirNode.Affine(m(1, 1, 0.5), v(100)));
        nodes.put("out", new NirNode.Output(new int[] {1}));
        final NirFile f = file(nodes, "in -> lif", "lif -> rec", "rec -> lif", "lif -> out");
        final double dtOverTau = 1e-4 / 0.01;
        final NirRunner before = NirRunner.prepare(f, RunOptions.defaults(0.1));
        assertEquals("order [in, lif, rec, out]; delayed edges [rec -> lif]", before.describe());
        final NirRun b = before.run(new double[3][1], List.of("lif"));
        assertEquals(0.0, b.voltages().get("lif")[0][0], "before: rec's output at step -1 is 0");
        assertEquals(dtOverTau * 100, b.voltages().get("lif")[1][0], 1e-15);
        final NirRunner after = NirRunner.prepare(f, RunOptions.defaults(0.1).withLoopDelay(RunOptions.LoopDelay.AFTER));
        assertEquals("order [in, rec, lif, out]; delayed edges [lif -> rec]", after.describe());
        final NirRun a = after.run(new double[3][1], List.of("lif"));
        // rec reads z(-1) = 0: W·0 + b = 100 already at step 0
        assertEquals(dtOverTau * 100, a.voltages().get("lif")[0][0], 1e-15);
    }

    @Test
    void selfLoopAndDelayNode() {
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", new NirNode.Input(new int[] {1}));
        nodes.put("d", new NirNode.Delay(v(0.0003)));
        nodes.put("out", new NirNode.Output(new int[] {1}));
        final NirRun run = NirRunner.prepare(file(nodes, "in -> d", "d -> out"), RunOptions.defaults(0.1))
                .run(new double[][] {{1}, {2}, {3}, {4}, {5}}, List.of());
        assertArrayEquals(new double[] {0, 0, 0, 1, 2}, java.util.Arrays.stream(run.output()).mapToDouble(r -> r[0]).toArray());
        nodes.put("d", new NirNode.Delay(v(0.00025)));
        final NirFormatException e = assertThrows(NirFormatException.class,
                () -> NirRunner.prepare(file(nodes, "in -> d", "d -> out"), RunOptions.defaults(0.1)));
        assertEquals("node 'd' (Delay): delay 2.5E-4 s is not a whole number of steps of dt = 0.1 ms", e.getMessage());
        // integrator with a self-edge through Scale: v_k = v_{k-1} + x + 0.5 y_{k-1}
        final Map<String, NirNode> loop = new LinkedHashMap<>();
        loop.put("in", new NirNode.Input(new int[] {1}));
        loop.put("s", new NirNode.Scale(v(0.5)));
        loop.put("out", new NirNode.Output(new int[] {1}));
        final NirRun r2 = NirRunner.prepare(file(loop, "in -> s", "s -> s", "s -> out"), RunOptions.defaults(1))
                .run(new double[][] {{1}, {0}, {0}}, List.of());
        assertArrayEquals(new double[] {0.5, 0.25, 0.125}, java.util.Arrays.stream(r2.output()).mapToDouble(r -> r[0]).toArray());
    }

    @Test
    void shapeMismatchNamesTheEdge() {
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", new NirNode.Input(new int[] {2}));
        nodes.put("lin", new NirNode.Linear(m(1, 3, 1, 1, 1)));
        nodes.put("out", new NirNode.Output(new int[] {1}));
        final NirFormatException e = assertThrows(NirFormatException.class,
                () -> NirRunner.prepare(file(nodes, "in -> lin", "lin -> out"), RunOptions.defaults(1)));
        assertEquals("edge in -> lin: in gives 2 values, lin takes 3", e.getMessage());
    }

    /** NIR.md §4: snnTorch's Synaptic(α, β) exported as τ_syn = dt/(1−α), w_in = τ_syn/dt, τ_mem = dt/(1−β), r = τ_mem/dt: Euler gives I ← αI + x, v ← βv + I. */
    @Test
    void cubaLifEulerIsSnnTorchsSynapticRecurrence() {
        final double dt = 1e-4;
        final double alpha = 0.55;
        final double beta = 0.9;
        final double tauSyn = dt / (1 - alpha);
        final double tauMem = dt / (1 - beta);
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", new NirNode.Input(new int[] {1}));
        nodes.put("c", new NirNode.CubaLif(v(tauSyn), v(tauMem), v(tauMem / dt), v(0), v(1.0), v(0), v(tauSyn / dt)));
        nodes.put("out", new NirNode.Output(new int[] {1}));
        final double[][] in = new double[40][1];
        for (int k = 0; k < in.length; k += 3) {
            in[k][0] = 0.3;
        }
        final NirRun run = NirRunner.prepare(file(nodes, "in -> c", "c -> out"), RunOptions.defaults(0.1)).run(in, List.of("c"));
        double i = 0;
        double vm = 0;
        int spikes = 0;
        for (int k = 0; k < in.length; k++) {
            i = alpha * i + in[k][0];
            vm = beta * vm + i;
            final boolean z = vm > 1.0;
            if (z) {
                vm = 0;
                spikes++;
            }
            assertEquals(vm, run.voltages().get("c")[k][0], 1e-12, "step " + k);
            assertEquals(z ? 1.0 : 0.0, run.output()[k][0]);
        }
        assertEquals(spikes, run.spikeCount());
        assertEquals(true, spikes > 0);
    }

    /** Exact CubaLI under a constant input against the step response v(t) = R w x (1 − (τ_m e^{−t/τ_m} − τ_s e^{−t/τ_s})/(τ_m − τ_s)). */
    @Test
    void cubaLiExactMatchesTheStepResponse() {
        final double tauSyn = 0.005;
        final double tauMem = 0.01;
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", new NirNode.Input(new int[] {1}));
        nodes.put("c", new NirNode.CubaLi(v(tauSyn), v(tauMem), v(2), v(0), v(1.5)));
        nodes.put("out", new NirNode.Output(new int[] {1}));
        final double[][] in = new double[300][];
        for (int k = 0; k < in.length; k++) {
            in[k] = new double[] {0.7};
        }
        final NirRun run = NirRunner.prepare(file(nodes, "in -> c", "c -> out"), RunOptions.defaults(0.1).withScheme(RunOptions.Scheme.EXACT))
                .run(in, List.of());
        for (int k = 0; k < in.length; k++) {
            final double t = (k + 1) * 1e-4;
            final double expected = 2 * 1.5 * 0.7 * (1 - (tauMem * Math.exp(-t / tauMem) - tauSyn * Math.exp(-t / tauSyn)) / (tauMem - tauSyn));
            assertEquals(expected, run.output()[k][0], 1e-13, "step " + k);
        }
    }
}
