package org.spikering.app.spec.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spikering.app.spec.network.NetworkAssert.assertSameNetwork;
import static org.spikering.app.spec.network.NetworkAssert.assertSamePopulation;
import static org.spikering.app.spec.network.NetworkAssert.assertSameProjection;
import static org.spikering.app.spec.network.NetworkAssert.assertSameConnectivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.bench.BrunelNetwork;
import org.spikering.app.bench.CubaNetwork;
import org.spikering.app.bench.Pd14Network;
import org.spikering.app.cli.SpikeringCli;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.SimulationSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.sim.network.Network;

/**
 * The shipped network examples against the Java builders they replace (CubaNetwork, BrunelNetwork: written before
 * the spec layer and independent of it), the round trip spec → network → spec, and single-field changes.
 */
final class NetworkSpecExamplesTest {

    @TempDir
    Path tmp;

    private static Network build(final Spec spec) {
        return spec.section("network", NetworkSpec.class).build(spec.seed(), spec::resolve);
    }

    @Test
    void cubaYamlBuildsTheNetworkOfCubaNetworkBuild() {
        assertSameNetwork(CubaNetwork.build(4000, 42), build(Examples.load("cuba", List.of())));
    }

    @Test
    void brunelYamlBuildsTheNetworkOfBrunelNetworkBuildAtScale02() {
        assertSameNetwork(BrunelNetwork.build(0.2, 42), build(Examples.load("brunel", List.of())));
    }

    @Test
    void pd14YamlBuildsTheNetworkOfPd14NetworkBuildAtScale01() {
        final Pd14Network.Options o = new Pd14Network.Options(0.1, 0.1, Pd14Network.Drive.POISSON,
                Pd14Network.InitialPotential.OPTIMIZED, false, Pd14Network.RateVector.INM6);
        assertSameNetwork(Pd14Network.build(o, 42), build(Examples.load("pd14", List.of())));
    }

    @Test
    void simulationFieldsBecomeTheEngineConfigurationAndNothingElse() {
        final Spec base = Examples.load("brunel", List.of());
        final Spec changed = Examples.load("brunel", List.of("simulation.engine=reference", "simulation.update=event"));
        assertEquals(new org.spikering.sim.SimulationConfig(org.spikering.sim.Engine.DISRUPTOR, 1,
                org.spikering.sim.kernel.UpdateMode.CLOCK), base.section("simulation", SimulationSpec.class).config());
        assertEquals(new org.spikering.sim.SimulationConfig(org.spikering.sim.Engine.REFERENCE, 1,
                org.spikering.sim.kernel.UpdateMode.EVENT), changed.section("simulation", SimulationSpec.class).config());
        assertEquals(1.0, changed.section("simulation", SimulationSpec.class).seconds());
        assertSameNetwork(build(base), build(changed));
    }

    @Test
    void aSeedOverrideReachesTheNetwork() {
        assertSameNetwork(CubaNetwork.build(4000, 7), build(Examples.load("cuba", List.of("seed=7"))));
    }

    @Test
    void specToNetworkToSpecGivesTheSpecBackForEachExample() {
        for (String name : List.of("cuba", "brunel", "pd14")) {
            final Spec spec = Examples.load(name, List.of());
            final NetworkSpec n = spec.section("network", NetworkSpec.class);
            assertEquals(n.withRecorders(null), NetworkSpec.from(build(spec)), name);
        }
    }

    @Test
    void specToNetworkToSpecCoversEveryModelRuleAndSourceKind() throws Exception {
        Files.writeString(tmp.resolve("pairs.csv"), "source,target\n0,1\n2,0\n");
        final Path f = tmp.resolve("all.yaml");
        Files.writeString(f, String.join("\n",
                "spikering: 1",
                "seed: 3",
                "network:",
                "  dt_ms: 0.1",
                "  populations:",
                "    - {name: A, size: 20, model: lif_exp, initial: {v_mv: {kind: normal, mean: -65, std: 2, redraw_max: -56}}}",
                "    - {name: B, size: 20, model: lif_delta, t_ref_ms: 0.3}",
                "    - {name: C, size: 10, model: eprop_alif, tau_a_ms: 800, beta_a_mv: 1.7, t_ref_ms: 0.3}",
                "    - {name: D, size: 10, model: eprop_lif, surrogate: fast_sigmoid, initial: {v_mv: 0.5}}",
                "  projections:",
                "    - {source: A, target: A, connector: {rule: all_to_all, autapses: false}, weight_pa: {kind: uniform, low: 1, high: 2}}",
                "    - {source: A, target: B, connector: {rule: one_to_one}, weight_mv: 0.5, delay_ms: {kind: normal, mean: 1.5, std: 0.5, redraw_min: 0.05}}",
                "    - {source: B, target: A, connector: {rule: fixed_probability, p: 0.3}, weight_pa: -5, delay_ms: 0.2}",
                "    - {source: B, target: C, connector: {rule: fixed_in_degree, k: 5, multapses: false}, weight_mv: 0.1}",
                "    - {source: C, target: D, connector: {rule: fixed_out_degree, k: 3}, weight_mv: 0.2}",
                "    - {source: D, target: C, connector: {rule: fixed_total_number, n: 40}, weight_mv: {kind: normal, mean: 0, std: 1}}",
                "    - {source: S, target: B, connector: {rule: explicit, pairs: [[0, 1], [2, 0]]}, weight_mv: 2}",
                "  sources:",
                "    - {kind: spike_array, name: S, spike_times_ms: [[1.0, 2.5], [], [0.3]]}",
                "    - {kind: poisson, target: A, rate_hz: 800, weight_pa: 10}",
                "    - {kind: poisson, target: C, rate_hz: 50, weight_mv: 0.3}",
                "    - {kind: dc, target: A, amplitude_pa: 120, start_ms: 0.5}",
                "    - {kind: step_current, target: B, times_ms: [1.0, 2.0], amplitudes_pa: [50, 0]}",
                ""));
        final Spec spec = SpecLoader.load(f.toString(), List.of());
        final NetworkSpec n = spec.section("network", NetworkSpec.class);
        assertEquals(n.withRecorders(null), NetworkSpec.from(build(spec)));
    }

    @Test
    void csvFilesGiveTheNetworkOfTheBuilderCalledWithTheirNumbers() throws Exception {
        Files.writeString(tmp.resolve("w.csv"), "source,target,weight\n0,1,0.25\n2,0,-1.5\n1,1,3\n");
        Files.writeString(tmp.resolve("s.csv"), "neuron,time_ms\n1,2.5\n0,1.0\n1,0.5\n");
        final Path f = tmp.resolve("files.yaml");
        Files.writeString(f, String.join("\n",
                "spikering: 1",
                "seed: 5",
                "network:",
                "  populations:",
                "    - {name: A, size: 3, model: lif_delta}",
                "  projections:",
                "    - {source: S, target: A, connector: {rule: explicit, file: w.csv}, delay_ms: 0.3}",
                "  sources:",
                "    - {kind: spike_array, name: S, file: s.csv, size: 3}",
                ""));
        final Network expected = Network.builder(0.1).seed(5)
                .population("A", 3, new org.spikering.neuron.lif.LifDeltaParameters(10, 250, -70, -55, -70, 2, 0,
                        org.spikering.neuron.lif.ResetMode.TO_VALUE, -70))
                .spikeArraySource("S", new double[][] {{1.0}, {0.5, 2.5}, {}})
                .connectExplicit("S", "A", new int[] {0, 2, 1}, new int[] {1, 0, 1}, new double[] {0.25, -1.5, 3}, 0.3)
                .build();
        final Network got = build(SpecLoader.load(f.toString(), List.of()));
        assertSamePopulation(expected.populations().get(0), got.populations().get(0));
        assertEquals(expected.populations().get(1).name(), got.populations().get(1).name());
        final var e = (org.spikering.neuron.source.SpikeGeneratorModel) expected.populations().get(1).model();
        final var g = (org.spikering.neuron.source.SpikeGeneratorModel) got.populations().get(1).model();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(e.steps(i), g.steps(i), "generator " + i);
        }
        NetworkAssert.assertSameSynapses("explicit", expected.projections().get(0).synapses(),
                got.projections().get(0).synapses());
    }

    @Test
    void changingOnePopulationsTauMChangesOnlyThatModelParameter() {
        final Network base = build(Examples.load("cuba", List.of()));
        final Network changed = build(Examples.load("cuba", List.of("network.populations[E].tau_m_ms=10")));
        final LifExpParameters e = (LifExpParameters) base.population("E").model();
        final LifExpParameters expected = new LifExpParameters(10.0, e.cM(), e.eL(), e.vTh(), e.vReset(), e.tRef(),
                e.tauSynEx(), e.tauSynIn(), e.iE(), e.resetMode(), e.vInit());
        assertEquals(expected, changed.population("E").model());
        assertNotEquals(base.population("E").model(), changed.population("E").model());
        assertSamePopulation(base.populations().get(1), changed.populations().get(1));
        assertEquals(base.population("E").initialPotential(), changed.population("E").initialPotential());
        for (int i = 0; i < 4; i++) {
            assertSameProjection(i, base.projections().get(i), changed.projections().get(i));
        }
        assertEquals(base.drives(), changed.drives());
    }

    @Test
    void changingOneProjectionsDelayChangesOnlyItsDelays() {
        final Network base = build(Examples.load("brunel", List.of()));
        final Network changed = build(Examples.load("brunel", List.of("network.projections[2].delay_ms=0.8")));
        for (int p = 0; p < 2; p++) {
            assertSamePopulation(base.populations().get(p), changed.populations().get(p));
        }
        for (int i = 0; i < 4; i++) {
            if (i == 2) {
                assertSameConnectivity("projection 2", base.projections().get(2).synapses(),
                        changed.projections().get(2).synapses());
                assertEquals(15, base.projections().get(2).synapses().constantDelay());
                assertEquals(8, changed.projections().get(2).synapses().constantDelay());
                assertEquals(base.projections().get(2).spec().weights(), changed.projections().get(2).spec().weights());
            } else {
                assertSameProjection(i, base.projections().get(i), changed.projections().get(i));
            }
        }
        assertEquals(base.drives(), changed.drives());
    }

    @Test
    void changingOnePopulationsSizeChangesItAndTheSynapsesThatTouchIt() {
        final Network changed = build(Examples.load("cuba", List.of("network.populations[I].size=400")));
        assertEquals(3200, changed.population("E").size());
        assertEquals(400, changed.population("I").size());
        assertEquals(3600, changed.neuronCount());
    }

    @Test
    void runOfCubaYamlWritesTheFilesOfTheBuiltInCubaBitForBit() throws Exception {
        final Path spec = run("run", "--seconds", "0.1", "--out", tmp.resolve("spec").toString());
        final Path java = run("run", "--network", "cuba", "--scale", "1", "--seconds", "0.1", "--out",
                tmp.resolve("java").toString());
        assertSameResults(spec, java);
        final Path file = tmp.resolve("cuba.yaml");
        Files.writeString(file, Examples.text("cuba"));
        assertSameResults(run("run", file.toString(), "--seconds", "0.1", "--out", tmp.resolve("file").toString()), java);
        assertEquals(Examples.load("cuba", List.of("simulation.seconds=0.1", "output.folder=" + tmp.resolve("spec")))
                .toYaml(), Files.readString(spec.resolve("spec.yaml")));
    }

    @Test
    void runOfBrunelYamlWritesTheFilesOfTheBuiltInBrunelBitForBit() throws Exception {
        final Path spec = run("run", "--network", "brunel", "--seconds", "0.1", "--out", tmp.resolve("spec").toString());
        final Path java = run("run", "--network", "brunel", "--scale", "0.2", "--seconds", "0.1", "--out",
                tmp.resolve("java").toString());
        assertSameResults(spec, java);
        final Path event = run("run", "--network", "brunel", "--update", "event", "--engine", "reference", "--seconds",
                "0.1", "--out", tmp.resolve("event").toString());
        assertArrayEquals(Files.readAllBytes(java.resolve("spikes.csv")), Files.readAllBytes(event.resolve("spikes.csv")));
    }

    @Test
    void runOfPd14YamlWritesTheSpikesOfASimulationOfPd14NetworkBuild() throws Exception {
        final Path spec = run("run", "pd14", "--seconds", "0.02", "--out", tmp.resolve("spec").toString());
        final Pd14Network.Options o = new Pd14Network.Options(0.1, 0.1, Pd14Network.Drive.POISSON,
                Pd14Network.InitialPotential.OPTIMIZED, false, Pd14Network.RateVector.INM6);
        final Path direct = tmp.resolve("direct.csv");
        try (org.spikering.sim.Simulation sim = org.spikering.sim.Simulation.create(Pd14Network.build(o, 42),
                org.spikering.sim.SimulationConfig.threads(1))) {
            final org.spikering.sim.record.SpikeRecorder r = sim.recordSpikes();
            sim.run(20.0);
            r.writeCsv(direct);
        }
        assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(spec.resolve("spikes.csv")));
        assertTrue(Files.readAllLines(direct).size() > 100, "spikes recorded");
    }

    /** spikes.csv, rates.csv, vm.csv byte for byte; summary.json's counts (the rest is wall time). */
    private static void assertSameResults(final Path a, final Path b) throws Exception {
        for (String f : List.of("spikes.csv", "rates.csv", "vm.csv")) {
            assertArrayEquals(Files.readAllBytes(b.resolve(f)), Files.readAllBytes(a.resolve(f)), f);
        }
        assertTrue(Files.size(a.resolve("spikes.csv")) > 1000, "spikes recorded");
        final ObjectMapper m = new ObjectMapper();
        final JsonNode sa = m.readTree(a.resolve("summary.json").toFile());
        final JsonNode sb = m.readTree(b.resolve("summary.json").toFile());
        for (String k : List.of("neurons", "synapses", "spikes", "synaptic_events", "population_rates_hz", "hardware")) {
            assertEquals(sb.get(k), sa.get(k), "summary.json " + k);
        }
        assertTrue(Files.exists(a.resolve("raster.png")) && Files.exists(a.resolve("rate.png")));
    }

    private static Path run(final String... args) {
        final StringWriter err = new StringWriter();
        final PrintStream old = System.out;
        final int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            code = SpikeringCli.commandLine().setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, String.join(" ", args) + ": " + err);
        return Path.of(args[args.length - 1]);
    }
}
