package org.spikering.app.spec.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spikering.app.spec.network.NetworkAssert.assertSameNetwork;
import static org.spikering.app.spec.network.NetworkAssert.assertSamePopulation;
import static org.spikering.app.spec.network.NetworkAssert.assertSameProjection;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.Spec;
import org.spikering.hw.fixedpoint.FixedAdaptation;
import org.spikering.hw.fixedpoint.FixedLifModel;
import org.spikering.hw.fixedpoint.FixedLifParams;
import org.spikering.hw.fixedpoint.FloatCubaLifModel;
import org.spikering.neuron.NeuronModel;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.SpikeRecorder;

/**
 * examples/loihi-lif.yaml (models loihi_lif / loihi_lif_float: hardware-sim's FixedLifModel / FloatCubaLifModel)
 * against the network built by hand with {@code Network.builder} as FixedPointEngineTest builds it (constant integer
 * weights in place of its random integers): same populations, model records and CSR arrays; a run of the file gives
 * the spikes of a simulation of the hand-built network byte for byte; one field changes one model record; broken
 * files exit 2 with the field path.
 */
final class LoihiLifSpecTest {

    @TempDir
    Path tmp;

    private static final FixedLifParams WIDE = new FixedLifParams(410, 205, 100, 0, 0, 50, 24, 16, 1.0);
    private static final FixedAdaptation ADAPT = new FixedAdaptation(287, 10);

    /** The network of FixedPointEngineTest with E -> E weight 2 and I -> E weight -9, written without the spec layer. */
    private static Network handBuilt(final NeuronModel e, final NeuronModel i) {
        return Network.builder(1.0).seed(21)
                .population("E", 400, e)
                .population("I", 100, i)
                .connect("E", "E", Connector.fixedProbability(0.02).autapses(false), Distribution.constant(2),
                        Distribution.uniform(1.0, 4.0))
                .connect("E", "I", Connector.fixedInDegree(40), Distribution.constant(2), Distribution.constant(1.0))
                .connect("I", "E", Connector.fixedOutDegree(30), Distribution.constant(-9), Distribution.uniform(1.0, 3.0))
                .connect("I", "I", Connector.allToAll().autapses(false), Distribution.constant(-2),
                        Distribution.constant(1.0))
                .poissonInput("E", 500, 1)
                .poissonInput("I", 400, 1)
                .build();
    }

    private static Network build(final Spec spec) {
        return spec.section("network", NetworkSpec.class).build(spec.seed(), spec::resolve);
    }

    @Test
    void loihiLifYamlBuildsTheHandBuiltNetwork() {
        assertSameNetwork(handBuilt(new FixedLifModel(WIDE, ADAPT), new FixedLifModel(WIDE)),
                build(Examples.load("loihi-lif", List.of())));
    }

    @Test
    void theFloatTwinIsTheSameParametersInFloatCubaLifModel() {
        final Network got = build(Examples.load("loihi-lif", List.of("network.populations[E].model=loihi_lif_float",
                "network.populations[I].model=loihi_lif_float")));
        assertSameNetwork(handBuilt(new FloatCubaLifModel(WIDE, ADAPT), new FloatCubaLifModel(WIDE)), got);
    }

    @Test
    void specToNetworkToSpecGivesTheSpecBack() {
        final Spec spec = Examples.load("loihi-lif", List.of());
        final NetworkSpec n = spec.section("network", NetworkSpec.class);
        assertEquals(n.withRecorders(null), NetworkSpec.from(build(spec)));
        assertEquals(n.withRecorders(null), NetworkSpec.from(handBuilt(new FixedLifModel(WIDE, ADAPT),
                new FixedLifModel(WIDE))));
        final Spec twin = Examples.load("loihi-lif", List.of("network.populations[I].model=loihi_lif_float"));
        assertEquals(twin.section("network", NetworkSpec.class).withRecorders(null), NetworkSpec.from(build(twin)));
    }

    @Test
    void changingStateWidthChangesOnlyThatModelRecord() {
        final Network base = build(Examples.load("loihi-lif", List.of()));
        final Network changed = build(Examples.load("loihi-lif", List.of("network.populations[E].state_width_bits=24")));
        assertEquals(new FixedLifModel(new FixedLifParams(410, 205, 100, 0, 0, 24, 24, 16, 1.0), ADAPT),
                changed.population("E").model());
        assertNotEquals(base.population("E").model(), changed.population("E").model());
        assertSamePopulation(base.populations().get(1), changed.populations().get(1));
        for (int i = 0; i < 4; i++) {
            assertSameProjection(i, base.projections().get(i), changed.projections().get(i));
        }
        assertEquals(base.drives(), changed.drives());
    }

    @Test
    void runOfLoihiLifYamlWritesTheSpikesOfASimulationOfTheHandBuiltNetwork() throws Exception {
        final Path out = tmp.resolve("spec");
        final int code = SpikeringCli.commandLine().setErr(new PrintWriter(new StringWriter(), true))
                .execute("run", "loihi-lif", "--out", out.toString());
        assertEquals(0, code);
        final Path direct = tmp.resolve("direct.csv");
        try (Simulation sim = Simulation.create(handBuilt(new FixedLifModel(WIDE, ADAPT), new FixedLifModel(WIDE)),
                SimulationConfig.threads(1))) {
            final SpikeRecorder r = sim.recordSpikes();
            sim.run(400.0);
            r.writeCsv(direct);
        }
        final long spikes = Files.readAllLines(direct).size() - 1;
        System.out.printf("loihi-lif.yaml: %d spikes in 400 ms, %.2f Hz%n", spikes, spikes / 500.0 / 0.4);
        assertTrue(spikes > 1000, "needs activity, got " + spikes);
        assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(out.resolve("spikes.csv")));
    }

    private static String spikes(final Spec spec, final Path csv) throws Exception {
        try (Simulation sim = Simulation.create(build(spec), SimulationConfig.threads(1))) {
            final SpikeRecorder r = sim.recordSpikes();
            sim.run(400.0);
            r.writeCsv(csv);
        }
        return Files.readString(csv);
    }

    /**
     * State precision as a spec field: with the file's wide datapath (50-bit state, shift 24) the float twin gives the
     * integer model's spikes (as FixedPointEngineTest finds for its network); Loihi's own widths (24, 6) change them.
     */
    @Test
    void theWideDatapathGivesTheFloatTwinsSpikesAndLoihisWidthsDoNot() throws Exception {
        final String wide = spikes(Examples.load("loihi-lif", List.of()), tmp.resolve("wide.csv"));
        final String twin = spikes(Examples.load("loihi-lif", List.of("network.populations[E].model=loihi_lif_float",
                "network.populations[I].model=loihi_lif_float")), tmp.resolve("twin.csv"));
        final String loihi = spikes(Examples.load("loihi-lif", List.of("network.populations[E].state_width_bits=24",
                "network.populations[I].state_width_bits=24", "network.populations[E].shift_bits=6",
                "network.populations[I].shift_bits=6")), tmp.resolve("loihi.csv"));
        System.out.printf("loihi-lif.yaml spikes: wide %d, float twin %d, Loihi widths %d%n", wide.lines().count() - 1,
                twin.lines().count() - 1, loihi.lines().count() - 1);
        assertTrue(wide.lines().count() > 1000);
        assertEquals(twin, wide);
        assertNotEquals(twin, loihi);
    }

    /** {replace this (first occurrence in loihi-lif.yaml), with this, expected problem line after 'FILE: '}. */
    private static final String[][] CASES = {
        {"du: 410", "du: 5000", "network.populations[0].du: 5000, must be <= 4095"},
        {"weight: 2,", "weight: 2.5,", "network.projections[0].weight: 2.5, must be a whole number: target 'E' is"
            + " loihi_lif (integer input: a weight is a unit-free whole number, the weight mantissa)"},
        {"weight: 2,", "weight: {kind: constant, value: 1.5},", "network.projections[0].weight.value: 1.5, must be a"
            + " whole number: target 'E' is loihi_lif (integer input: a weight is a unit-free whole number, the weight"
            + " mantissa)"},
        {"weight: 2,", "weight: {kind: uniform, low: 1, high: 3},", "network.projections[0].weight: 'uniform', must be"
            + " a whole number (this distribution draws fractions; uniform_int draws whole numbers): target 'E' is"
            + " loihi_lif (integer input: a weight is a unit-free whole number, the weight mantissa)"},
        {"weight: 1}", "weight: 0.5}", "network.sources[0].weight: 0.5, must be a whole number: target 'E' is loihi_lif"
            + " (integer input: a weight is a unit-free whole number, the weight mantissa)"},
        {"weight: 2,", "weight_pa: 2,", "network.projections[0].weight_pa: 2, not for this target: target 'E' is"
            + " loihi_lif (integer input: a weight is a unit-free whole number, the weight mantissa); write weight"},
        {"      du: 410", "      tau_m_ms: 10\n      du: 410", "network.populations[0].tau_m_ms: 10, not a parameter of"
            + " model loihi_lif (its parameters: du, dv, vth, bias_mant, bias_exp, state_width_bits, shift_bits,"
            + " input_width_bits, adaptation)"},
        {"      du: 410", "      initial: {v_mv: 0}\n      du: 410", "network.populations[0].initial.v_mv: unknown"
            + " field, must be one of: v, u"},
        {"      du: 410", "      initial: {v: 0.3}\n      du: 410", "network.populations[0].initial.v: 0.3, must be a"
            + " multiple of 2^-24 (loihi_lif's state is a 50-bit integer raw, reported as raw *"
            + " 2^-24)"},
        {"      du: 410", "      initial: {u: {kind: normal, mean: 0, std: 1}}\n      du: 410",
            "network.populations[0].initial.u: 'normal', must be a number or {kind: uniform_int, low, high}: every value"
                + " a multiple of 2^-24 (loihi_lif's state is a 50-bit integer raw, reported as raw * 2^-24)"},
        {"      du: 410", "      initial: {v: {kind: uniform_int, low: 0, high: 100000000}}\n      du: 410",
            "network.populations[0].initial.v: 'uniform_int from 0 to 99999999', every value must be within"
                + " +-(2^49 - 1) * 2^-24 (loihi_lif's state is a 50-bit integer raw, reported as raw * 2^-24)"},
        {"shift_bits: 24", "shift_bits: 2.5", "network.populations[0].shift_bits: 2.5, must be an integer"},
        {"state_width_bits: 50", "state_width_bits: 51", "network.populations[0].state_width_bits: 51, must be <= 50"},
        {"da: 287", "da: 4097", "network.populations[0].adaptation.da: 4097, must be <= 4096"},
        {"jump_mant: 10}", "jump_mant: 10, da2: 1}", "network.populations[0].adaptation.da2: unknown field; did you"
            + " mean 'da'?, must be one of: da, jump_mant"},
    };

    @Test
    void everyBrokenLoihiSpecEndsWithItsFieldPathBeforeAnythingRuns() throws Exception {
        BrokenSpecRuns.assertEveryCaseRejected(tmp, Examples.text("loihi-lif"), CASES);
    }

    @Test
    void aFractionalWeightInAnExplicitConnectorFileIntoLoihiLifIsNamed() throws Exception {
        Files.writeString(tmp.resolve("w.csv"), "source,target,weight\n0,1,2\n1,0,-1.5\n");
        final Path f = tmp.resolve("file.yaml");
        Files.writeString(f, String.join("\n",
                "spikering: 1",
                "network:",
                "  dt_ms: 1.0",
                "  populations:",
                "    - {name: L, size: 2, model: loihi_lif}",
                "  projections:",
                "    - {source: L, target: L, connector: {rule: explicit, file: w.csv}, delay_ms: 1.0}",
                ""));
        final StringWriter err = new StringWriter();
        final int code = SpikeringCli.commandLine().setErr(new PrintWriter(err, true))
                .execute("spec", "check", f.toString());
        assertEquals(2, code);
        assertEquals(List.of("spikering spec check: error: " + f + ": network.projections[0].connector.file: 'w.csv',"
                + " weight -1.5 (pair 1) must be a whole number: target 'L' is loihi_lif (integer input: a weight is a"
                + " unit-free whole number, the weight mantissa) (see 'spikering help spec check')"),
                err.toString().lines().toList());
    }
}
