package org.spikering.app.spec.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.neuron.alif.AlifParameters;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.NetworkBuilder;
import org.spikering.sim.synapse.Csr;

/**
 * The network section's initial states, integer distributions, spike arrays from NumPy files and per-synapse delays
 * from explicit files. Each spec is compared with the network sim-core's builder makes from the same values written
 * out by hand here (independent of the spec layer). The NumPy fixtures {@code spikes_dense.npy}, {@code spikes.npz}
 * and {@code delays.npz} were written by NumPy 2.4.6 with {@code make_fixtures.py} next to them in the test
 * resources; their values are repeated below by hand.
 */
final class NetworkSpecStateAndFilesTest {

    @TempDir
    Path tmp;

    private static final String STATE_SPEC = String.join("\n",
            "spikering: 1",
            "seed: 7",
            "network:",
            "  dt_ms: 0.1",
            "  populations:",
            "    - name: E",
            "      size: 2000",
            "      model: lif_exp",
            "      initial:",
            "        v_mv: {kind: uniform, low: -65, high: -55}",
            "        i_syn_ex_pa: {kind: normal, mean: 40, std: 30, redraw_min: 0}",
            "        i_syn_in_pa: -25",
            "        refractory_steps: {kind: uniform_int, low: 0, high: 21}",
            "    - name: A",
            "      size: 500",
            "      model: eprop_alif",
            "      t_ref_ms: 1.0",
            "      initial: {v_mv: {kind: normal, mean: 2, std: 1}, a: {kind: uniform, low: 0, high: 3},"
                    + " refractory_steps: 4}",
            "    - {name: D, size: 300, model: lif_delta, initial: {refractory_steps: {kind: uniform_int, low: 0, high: 5}}}",
            "");

    private Spec load(final String text, final List<String> sets) throws Exception {
        final Path f = tmp.resolve("n.yaml");
        Files.writeString(f, text);
        return SpecLoader.load(f.toString(), sets);
    }

    private static Network build(final Spec s) {
        return s.section("network", NetworkSpec.class).build(s.seed(), s::resolve);
    }

    private static AlifParameters alif() {
        return new AlifParameters(10, 15, 10, true, org.spikering.neuron.SurrogateGradient.PIECEWISE_LINEAR, 0.3, 1.0, 10,
                1.0, true);
    }

    @Test
    void everyInitialStateVariableIsTheBuildersDistribution() throws Exception {
        final Network expected = Network.builder(0.1).seed(7)
                .population("E", 2000, new LifExpParameters(10, 250, -70, -55, -70, 2, 2, 2, 0, ResetMode.TO_VALUE, -70))
                .initialPotential("E", Distribution.uniform(-65, -55))
                .initialState("E", "I_syn_ex", Distribution.redraw(Distribution.normal(40, 30), 0,
                        Double.POSITIVE_INFINITY))
                .initialState("E", "I_syn_in", Distribution.constant(-25))
                .initialState("E", "refractory_steps", Distribution.uniformInt(0, 21))
                .population("A", 500, alif())
                .initialPotential("A", Distribution.normal(2, 1))
                .initialState("A", "a", Distribution.uniform(0, 3))
                .initialState("A", "refractory_steps", Distribution.constant(4))
                .population("D", 300, new LifDeltaParameters(10, 250, -70, -55, -70, 2, 0, ResetMode.TO_VALUE, -70))
                .initialState("D", "refractory_steps", Distribution.uniformInt(0, 5))
                .build();
        final Network got = build(load(STATE_SPEC, List.of()));
        NetworkAssert.assertSameNetwork(expected, got);
        // and the drawn values in a simulation are those: every I_syn_ex >= 0 (redrawn), counters whole in range
        try (Simulation sim = Simulation.create(got, SimulationConfig.threads(2))) {
            double sum = 0;
            for (int i = 0; i < 2000; i++) {
                final double ex = sim.stateValue("E", "I_syn_ex", i);
                assertTrue(ex >= 0, "I_syn_ex " + ex);
                sum += ex;
                final double r = sim.stateValue("E", "refractory_steps", i);
                assertTrue(r == Math.rint(r) && r >= 0 && r <= 20, "refractory_steps " + r);
                assertEquals(-25, sim.stateValue("E", "I_syn_in", i), 0.0);
            }
            // the mean of N(40, 30) truncated below 0: mu + sigma phi(a) / (1 - Phi(a)), a = -4/3
            final double a = -40.0 / 30;
            final double phi = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
            final double tail = 0.5 * erfc(a / Math.sqrt(2)); // 1 - Phi(a)
            final double mean = 40 + 30 * phi / tail;
            assertEquals(mean, sum / 2000, 5 * 30 / Math.sqrt(2000), "truncated normal mean");
            for (int i = 0; i < 500; i++) {
                final double x = sim.stateValue("A", "a", i);
                assertTrue(x >= 0 && x < 3, "a " + x);
                assertEquals(15 + x, sim.stateValue("A", "A", i), 1e-12, "A = v_th + beta_a a");
            }
        }
    }

    /** erfc by the Abramowitz–Stegun 7.1.26 approximation of erf (|error| &lt; 1.5e-7). */
    private static double erfc(final double x) {
        final double z = Math.abs(x);
        final double t = 1 / (1 + 0.3275911 * z);
        final double y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-z * z);
        return x >= 0 ? y : 2 - y;
    }

    @Test
    void theInitialStateRoundTripsThroughTheNetwork() throws Exception {
        final Spec s = load(STATE_SPEC, List.of());
        final NetworkSpec n = s.section("network", NetworkSpec.class);
        final NetworkSpec back = NetworkSpec.from(build(s));
        for (int p = 0; p < 3; p++) {
            assertEquals(n.populations().get(p), back.populations().get(p), "population " + p);
        }
    }

    @Test
    void aSetChangesExactlyThatInitialStateVariable() throws Exception {
        final Network base = build(load(STATE_SPEC, List.of()));
        final Network changed = build(load(STATE_SPEC, List.of("network.populations[E].initial.i_syn_in_pa=-40")));
        final var e = base.population("E").initialState();
        final var c = changed.population("E").initialState();
        assertEquals(Distribution.constant(-40), c.get("I_syn_in"));
        assertNotEquals(e.get("I_syn_in"), c.get("I_syn_in"));
        for (String v : List.of("V_m", "I_syn_ex", "refractory_steps")) {
            assertEquals(e.get(v), c.get(v), v);
        }
        assertEquals(e.keySet(), c.keySet());
        assertEquals(base.population("E").model(), changed.population("E").model());
        for (int p = 1; p < 3; p++) {
            NetworkAssert.assertSamePopulation(base.populations().get(p), changed.populations().get(p));
        }
    }

    @Test
    void loihiModelsStartFromTheirInitialVAndU() throws Exception {
        final String text = String.join("\n",
                "spikering: 1",
                "seed: 3",
                "network:",
                "  dt_ms: 1.0",
                "  populations:",
                "    - {name: L, size: 400, model: loihi_lif, initial: {v: {kind: uniform_int, low: 0, high: 10}, u: 0.5}}",
                "    - {name: F, size: 100, model: loihi_lif_float, initial: {v: {kind: normal, mean: 1, std: 2}}}",
                "");
        final Spec s = load(text, List.of());
        final Network got = build(s);
        // the schema's loihi defaults: du 0, dv 0, vth 10, bias 0, 24-bit state, shift 6, 16-bit input
        final var q = new org.spikering.hw.fixedpoint.FixedLifParams(0, 0, 10, 0, 0, 24, 6, 16, 1.0);
        final Network expected = Network.builder(1.0).seed(3)
                .population("L", 400, new org.spikering.hw.fixedpoint.FixedLifModel(q, null))
                .initialState("L", "V_m", Distribution.uniformInt(0, 10))
                .initialState("L", "I_syn", Distribution.constant(0.5))
                .population("F", 100, new org.spikering.hw.fixedpoint.FloatCubaLifModel(q, null))
                .initialState("F", "V_m", Distribution.normal(1, 2))
                .build();
        NetworkAssert.assertSameNetwork(expected, got);
        try (Simulation sim = Simulation.create(got, SimulationConfig.threads(2))) {
            final boolean[] seen = new boolean[10];
            for (int i = 0; i < 400; i++) {
                final double v = sim.stateValue("L", "V_m", i); // raw * 2^-6: exactly the drawn whole number
                assertTrue(v == Math.rint(v) && v >= 0 && v <= 9, "v " + v);
                seen[(int) v] = true;
                assertEquals(0.5, sim.stateValue("L", "I_syn", i), 0.0, "u = 32 raw = 0.5");
            }
            for (int v = 0; v < 10; v++) {
                assertTrue(seen[v], "v = " + v + " drawn");
            }
        }
        final NetworkSpec back = NetworkSpec.from(got);
        final NetworkSpec n = s.section("network", NetworkSpec.class);
        assertEquals(n.populations(), back.populations());
    }

    private void copy(final String... names) throws Exception {
        for (String f : names) {
            try (var in = getClass().getResourceAsStream(f)) {
                Files.write(tmp.resolve(f), in.readAllBytes());
            }
        }
    }

    private static String spikeSpec(final String source) {
        return String.join("\n",
                "spikering: 1",
                "network:",
                "  populations: [{name: N, size: 3, model: lif_delta}]",
                "  projections: [{source: S, target: N, connector: {rule: one_to_one}, weight_mv: 1}]",
                "  sources: [" + source + "]",
                "");
    }

    @Test
    void spikeArraysFromNumpyFilesGiveTheSpikesOfTheFile() throws Exception {
        copy("spikes_dense.npy", "spikes.npz");
        // make_fixtures.py: generator 0 at steps 0 and 4, 1 at step 2, 2 at step 5 (dense rows; times_ms/ids the same)
        final int[][] steps = {{0, 4}, {2}, {5}};
        for (String src : List.of("{kind: spike_array, name: S, file: spikes_dense.npy, size: 3}",
                "{kind: spike_array, name: S, file: spikes.npz, array: dense, size: 3}",
                "{kind: spike_array, name: S, file: spikes.npz, size: 3}")) {
            final Network net = build(load(spikeSpec(src), List.of()));
            final SpikeGeneratorModel g = (SpikeGeneratorModel) net.population("S").model();
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(steps[i], g.steps(i), src + ": generator " + i);
            }
        }
    }

    @Test
    void aSetOfTheSpikeMatrixChangesOnlyTheGenerators() throws Exception {
        // two dense (steps, size) = (4, 3) bool matrices, written by our own Npz writer
        final boolean[] a = new boolean[12];
        final boolean[] b = new boolean[12];
        a[0] = true; // generator 0, step 0
        b[3 * 3 + 2] = true; // generator 2, step 3
        b[1 * 3 + 1] = true; // generator 1, step 1
        final Map<String, org.spikering.app.data.NpyArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("a", org.spikering.app.data.NpyArray.of(new int[] {4, 3}, a));
        arrays.put("b", org.spikering.app.data.NpyArray.of(new int[] {4, 3}, b));
        org.spikering.app.data.Npz.write(tmp.resolve("ab.npz"), arrays, true);
        final String text = spikeSpec("{kind: spike_array, name: S, file: ab.npz, array: a, size: 3}");
        final Network base = build(load(text, List.of()));
        final Network changed = build(load(text, List.of("network.sources[S].array=b")));
        final SpikeGeneratorModel g = (SpikeGeneratorModel) changed.population("S").model();
        assertArrayEquals(new int[] {}, g.steps(0));
        assertArrayEquals(new int[] {1}, g.steps(1));
        assertArrayEquals(new int[] {3}, g.steps(2));
        assertArrayEquals(new int[] {0}, ((SpikeGeneratorModel) base.population("S").model()).steps(0));
        NetworkAssert.assertSamePopulation(base.population("N"), changed.population("N"));
        NetworkAssert.assertSameProjection(0, base.projections().get(0), changed.projections().get(0));
    }

    private static String delaySpec(final String connector, final String rest) {
        return String.join("\n",
                "spikering: 1",
                "network:",
                "  populations:",
                "    - {name: A, size: 3, model: lif_delta}",
                "    - {name: B, size: 4, model: lif_delta}",
                "  projections:",
                "    - {source: A, target: B, connector: " + connector + rest + "}",
                "");
    }

    /** make_fixtures.py's w, its non-zero entries row-major, and their delays d (ms) and in steps of 0.1 ms as NEST. */
    private static final int[] PRE = {0, 0, 1, 2, 2};
    private static final int[] POST = {1, 3, 0, 2, 3};
    private static final double[] W = {1.5, -2.25, 0.5, 3.0, 0.125};
    private static final double[] D = {0.1, 0.26, 1.0, 0.15, 2.5};
    /** floor(d * 10 + 0.5): 0.15 ms is 2 steps (0.15 / 0.1 = 1.4999999999999998 would round to 1). */
    private static final short[] STEPS = {1, 3, 10, 2, 25};

    private static NetworkBuilder base() {
        final LifDeltaParameters m = new LifDeltaParameters(10, 250, -70, -55, -70, 2, 0, ResetMode.TO_VALUE, -70);
        return Network.builder(0.1).seed(1).population("A", 3, m).population("B", 4, m);
    }

    /** Each synapse's delay in steps, in the order of PRE/POST (read back from the CSR). */
    private static short[] delaysOf(final Csr c) {
        final short[] d = new short[PRE.length];
        for (int k = 0; k < PRE.length; k++) {
            for (int j = c.rowStart()[PRE[k]]; j < c.rowStart()[PRE[k] + 1]; j++) {
                if (c.target()[j] == POST[k]) {
                    d[k] = (short) c.delay(j);
                }
            }
        }
        return d;
    }

    @Test
    void perSynapseDelaysFromAnNpzAreTheFilesRoundedAsNest() throws Exception {
        copy("delays.npz");
        final Network got = build(load(delaySpec("{rule: explicit, file: delays.npz, array: w, delay_array: d}", ""),
                List.of()));
        NetworkAssert.assertSameNetwork(base().connectExplicit("A", "B", PRE, POST, W, null, D).build(), got);
        assertArrayEquals(STEPS, delaysOf(got.projections().get(0).synapses()));
        // a bool mask with the weight field, delays from the file
        final Network masked = build(load(delaySpec("{rule: explicit, file: delays.npz, array: mask, delay_array: d}",
                ", weight_mv: 0.7"), List.of()));
        NetworkAssert.assertSameNetwork(base().connectExplicit("A", "B", PRE, POST, null, Distribution.constant(0.7), D)
                .build(), masked);
        assertArrayEquals(STEPS, delaysOf(masked.projections().get(0).synapses()));
    }

    @Test
    void perSynapseDelaysFromACsvColumn() throws Exception {
        final StringBuilder both = new StringBuilder("source,target,weight,delay_ms\n");
        final StringBuilder delays = new StringBuilder("source,target,delay_ms\n");
        for (int k = 0; k < PRE.length; k++) {
            both.append(PRE[k]).append(',').append(POST[k]).append(',').append(W[k]).append(',').append(D[k]).append('\n');
            delays.append(PRE[k]).append(',').append(POST[k]).append(',').append(D[k]).append('\n');
        }
        Files.writeString(tmp.resolve("both.csv"), both);
        Files.writeString(tmp.resolve("delays.csv"), delays);
        final Network got = build(load(delaySpec("{rule: explicit, file: both.csv}", ""), List.of()));
        NetworkAssert.assertSameNetwork(base().connectExplicit("A", "B", PRE, POST, W, null, D).build(), got);
        assertArrayEquals(STEPS, delaysOf(got.projections().get(0).synapses()));
        final Network drawn = build(load(delaySpec("{rule: explicit, file: delays.csv}",
                ", weight_mv: {kind: uniform, low: 0, high: 1}"), List.of()));
        NetworkAssert.assertSameNetwork(base().connectExplicit("A", "B", PRE, POST, null, Distribution.uniform(0, 1), D)
                .build(), drawn);
        assertArrayEquals(STEPS, delaysOf(drawn.projections().get(0).synapses()));
    }

    @Test
    void aSetOfTheDelayArrayChangesOnlyTheDelays() throws Exception {
        // an .npz with make_fixtures.py's w and d and a second delay matrix 2 d (written by our own Npz writer)
        final double[] w = new double[12];
        final double[] d = new double[12];
        final double[] d2 = new double[12];
        for (int k = 0; k < PRE.length; k++) {
            w[PRE[k] * 4 + POST[k]] = W[k];
            d[PRE[k] * 4 + POST[k]] = D[k];
            d2[PRE[k] * 4 + POST[k]] = 2 * D[k];
        }
        final Map<String, org.spikering.app.data.NpyArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("w", org.spikering.app.data.NpyArray.of(new int[] {3, 4}, w));
        arrays.put("d", org.spikering.app.data.NpyArray.of(new int[] {3, 4}, d));
        arrays.put("d2", org.spikering.app.data.NpyArray.of(new int[] {3, 4}, d2));
        org.spikering.app.data.Npz.write(tmp.resolve("two.npz"), arrays, false);
        final String text = delaySpec("{rule: explicit, file: two.npz, array: w, delay_array: d}", "");
        final Network base = build(load(text, List.of()));
        final Network changed = build(load(text, List.of("network.projections[0].connector.delay_array=d2")));
        assertArrayEquals(STEPS, delaysOf(base.projections().get(0).synapses()));
        // 2 d = 0.2, 0.52, 2.0, 0.3, 5.0 ms: floor(2 d * 10 + 0.5) steps
        assertArrayEquals(new short[] {2, 5, 20, 3, 50}, delaysOf(changed.projections().get(0).synapses()));
        NetworkAssert.assertSameConnectivity("projection 0", base.projections().get(0).synapses(),
                changed.projections().get(0).synapses());
        assertArrayEquals(base.projections().get(0).synapses().exactWeights(),
                changed.projections().get(0).synapses().exactWeights());
        for (int p = 0; p < 2; p++) {
            NetworkAssert.assertSamePopulation(base.populations().get(p), changed.populations().get(p));
        }
    }

    @Test
    void integerWeightsForLoihiFromUniformInt() throws Exception {
        final Network net = build(load(String.join("\n",
                "spikering: 1",
                "network:",
                "  populations: [{name: L, size: 50, model: loihi_lif}]",
                "  projections: [{source: L, target: L, connector: {rule: all_to_all},"
                        + " weight: {kind: uniform_int, low: -3, high: 4}}]",
                ""), List.of()));
        final Csr c = net.projections().get(0).synapses();
        final int[] seen = new int[7];
        for (int k = 0; k < c.synapseCount(); k++) {
            final double w = c.weight(k);
            assertEquals(Math.rint(w), w, 0.0, "a whole weight");
            seen[(int) w + 3]++;
        }
        for (int v = 0; v < 7; v++) {
            assertTrue(seen[v] > 0, "weight " + (v - 3) + " drawn");
        }
        assertEquals(Distribution.uniformInt(-3, 4), net.projections().get(0).spec().weights());
        assertEquals(Connector.allToAll().rule(), net.projections().get(0).spec().connector().rule());
        assertEquals(Map.of(), net.population("L").initialState());
        // --set of its bound: the weights are drawn from the new range, nothing else changes
        final Network changed = build(load(Files.readString(tmp.resolve("n.yaml")),
                List.of("network.projections[0].weight.high=2")));
        assertEquals(Distribution.uniformInt(-3, 2), changed.projections().get(0).spec().weights());
        NetworkAssert.assertSameConnectivity("projection 0", c, changed.projections().get(0).synapses());
        NetworkAssert.assertSamePopulation(net.populations().get(0), changed.populations().get(0));
        for (int k = 0; k < c.synapseCount(); k++) {
            final double w = changed.projections().get(0).synapses().weight(k);
            assertTrue(w >= -3 && w <= 1 && w == Math.rint(w), "weight " + w);
        }
    }
}
