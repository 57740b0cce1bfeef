package org.spikering.app.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;
import org.spikering.app.report.Json;
import org.spikering.reservoir.analysis.SpikingChaos;
import org.spikering.reservoir.bench.BinaryMemoryTasks;
import org.spikering.reservoir.bench.LsmMemory;
import org.spikering.reservoir.bench.MackeyGlass;
import org.spikering.reservoir.bench.MemoryCapacity;
import org.spikering.reservoir.bench.Narma10;
import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.esn.EsnParameters;
import org.spikering.reservoir.lsm.LiquidStateMachine;
import org.spikering.reservoir.lsm.LsmParameters;
import picocli.CommandLine;

/**
 * Each reservoir example runs (shortened by options or --set) through {@code spikering reservoir}, and its numbers
 * equal the reservoirs module called directly with the same parameters written out here (the independent
 * reference: what the sub-commands computed before they ran spec files, and still compute); the result folder holds
 * {@code spec.yaml}, which runs again to the same numbers; a spec file runs as {@code reservoir SPEC}.
 */
final class ReservoirSpecRunTest {

    @TempDir
    Path dir;

    /** What a command printed: exit code, stdout, the err writer. */
    record Ran(int code, String out, String err) {
    }

    static Ran run(final String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream old = System.out;
        final int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    private JsonNode ok(final String... args) {
        final Ran r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        try {
            return Json.MAPPER.readTree(r.out().strip());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.out(), e);
        }
    }

    private static double[] doubles(final JsonNode a) {
        final double[] x = new double[a.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.get(i).asDouble();
        }
        return x;
    }

    @Test
    void mcEqualsTheModuleAndItsSpecYamlRunsAgain() throws Exception {
        final Path out = dir.resolve("mc");
        final JsonNode j = ok("reservoir", "mc", "--size", "20", "--washout", "100", "--train", "1000", "--test", "300",
                "--seed", "5", "--out", out.toString());
        final MemoryCapacity.Result ref = MemoryCapacity.measure(new EchoStateNetwork(new EsnParameters(20, 0.9, 0.1, 0.3, 1.0,
                0.0, EsnParameters.Activation.TANH, EsnParameters.Topology.GAUSSIAN, 5), 1), 40, 100, 1000, 300, 1e-10, 5);
        assertEquals(ref.capacity(), j.get("memory_capacity").asDouble());
        assertTrue(Arrays.equals(ref.perDelay(), doubles(j.get("mc_per_delay"))));
        assertEquals(List.of("mc.json", "mc.png", "spec.yaml"), files(out));
        // spec.yaml is the spec run, every default filled: as a SPEC it gives the same numbers
        final String yaml = Files.readString(out.resolve("spec.yaml"));
        assertTrue(yaml.contains("size: 20") && yaml.contains("seed: 5") && yaml.contains("benchmark: mc"), yaml);
        final Path again = dir.resolve("again");
        final JsonNode k = ok("reservoir", out.resolve("spec.yaml").toString(), "--set", "output.folder=" + again);
        assertEquals(j, k);
    }

    @Test
    void narmaAndMackeyGlassEqualTheModule() {
        final JsonNode n = ok("reservoir", "narma", "--size", "30", "--length", "1500", "--washout", "100", "--test", "400",
                "--out", dir.resolve("n").toString());
        final Narma10.Result nr = Narma10.run(new EchoStateNetwork(new EsnParameters(30, 0.9, 0.1, 0.3, 1.0, 0.0,
                EsnParameters.Activation.TANH, EsnParameters.Topology.GAUSSIAN, 1), 1), 1500, 100, 400, 1);
        assertEquals(nr.testNrmse(), n.get("test_nrmse").asDouble());
        assertEquals(nr.lmsTestNrmse(), n.get("online_lms_test_nrmse").asDouble());
        final JsonNode m = ok("reservoir", "mackey-glass", "--set", "reservoir.size=25", "--leak", "0.5",
                "--out", dir.resolve("m").toString());
        final MackeyGlass.Result mr = MackeyGlass.run(new EchoStateNetwork(new EsnParameters(25, 0.9, 0.1, 0.3, 0.5, 0.0,
                EsnParameters.Activation.TANH, EsnParameters.Topology.GAUSSIAN, 1), 1), 5200, 200, 1000);
        assertEquals(mr.testNrmse(), m.get("test_nrmse").asDouble());
    }

    @Test
    void lsmAndBitsEqualTheModule() {
        final JsonNode l = ok("reservoir", "lsm", "--samples", "60", "--delays", "5", "--gain", "0.3", "--out",
                dir.resolve("l").toString());
        final LiquidStateMachine lsm = new LiquidStateMachine(new LsmParameters(135, 0.8, 2.0, 0.3, false, 20, 0.3, 200.0, 1));
        final LsmMemory.Result mc = LsmMemory.measure(lsm, 60, 30, 30, 5, 1);
        final double[] u = new double[60];
        Arrays.fill(u, 0.3);
        final SpikingChaos.Result chaos = SpikingChaos.measure(lsm, u, 30, 30, 10);
        assertEquals(mc.capacity(), l.get("memory_capacity").asDouble());
        assertEquals(chaos.branchingRatio(), l.get("branching_ratio").asDouble());
        assertEquals(chaos.separation()[40], l.get("separation_lag40").asDouble());

        final JsonNode b = ok("reservoir", "bits", "--size", "30", "--samples", "500", "--delay", "2", "--out",
                dir.resolve("b").toString());
        final int[] s = BinaryMemoryTasks.bits(500, 1);
        final double[] x = new double[500];
        for (int i = 0; i < 500; i++) {
            x[i] = 2 * s[i] - 1;
        }
        final double[][] f = new EchoStateNetwork(new EsnParameters(30, 0.9, 0.1, 0.5, 1.0, 0.2,
                EsnParameters.Activation.TANH, EsnParameters.Topology.GAUSSIAN, 1), 1).run(x);
        assertEquals(BinaryMemoryTasks.score(f, s, "xor", 2, 50).score(), b.get("xor_accuracy").asDouble());
        assertEquals(BinaryMemoryTasks.score(f, s, "parity", 2, 50).score(), b.get("parity_accuracy").asDouble());
        assertEquals(2, b.get("delay").asInt());

        final JsonNode bl = ok("reservoir", "bits", "--kind", "lsm", "--samples", "500", "--out", dir.resolve("bl").toString());
        final int[] s2 = BinaryMemoryTasks.bits(500, 1);
        final double[] x2 = new double[500];
        for (int i = 0; i < 500; i++) {
            x2[i] = s2[i];
        }
        final double[][] f2 = new LiquidStateMachine(LsmParameters.maass(135, 0.2, 1)).drive(x2, 30, 30, -1).features();
        assertEquals(BinaryMemoryTasks.score(f2, s2, "xor", 1, 50).score(), bl.get("xor_accuracy").asDouble());
        assertEquals("bits_lsm", bl.get("benchmark").asText());
    }

    @Test
    void scalingEqualsTheStudyBeforeItWasASweepAndASpecFileRunsAsReservoirSpec() throws Exception {
        final Path spec = Files.writeString(dir.resolve("my-scaling.yaml"), "spikering: 1\nreservoir:\n  benchmark: scaling\n"
                + "  sizes: [20, 40]\n  gains: [0.5, 1.5]\n  seeds: 2\noutput:\n  folder: res\n  plots: false\n");
        ok("reservoir", spec.toString());
        final Path res = dir.resolve("res"); // output.folder is relative to the spec file's folder
        // a sweep folder (output.plots false: no plots of the study nor of the sweep)
        assertEquals(List.of("points", "results.csv", "results.jsonl", "scaling-sweep.yaml", "scaling.csv", "spec.yaml",
                "sweep.json"), files(res));
        // the table of `reservoir scaling --sizes 20,40 --gains 0.5,1.5 --seeds 2` before it was a sweep (README there)
        assertEquals(Files.readString(Path.of(getClass().getResource("scaling-before-sweep-esn.csv").toURI())),
                Files.readString(res.resolve("scaling.csv")));
    }

    @Test
    void anLsmScalingStudyEqualsTheStudyBeforeItWasASweep() throws Exception {
        ok("reservoir", "scaling", "--kind", "lsm", "--sizes", "20,40", "--gains", "0.2,1", "--seeds", "2", "--out",
                dir.resolve("lsm").toString());
        assertEquals(Files.readString(Path.of(getClass().getResource("scaling-before-sweep-lsm.csv").toURI())),
                Files.readString(dir.resolve("lsm/scaling.csv")));
    }

    @Test
    void aScalingRunIsOneSizeOneGainOneSeed() {
        final org.spikering.app.spec.Spec grid = org.spikering.app.spec.SpecLoader.load("reservoir-scaling", List.of());
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.spikering.app.sweep.SpecRunners.of(grid).check(grid));
        assertEquals("reservoir.sizes = [50, 100, 200, 400, 800], reservoir.gains = [0.5, 0.8, 0.95, 1.1, 1.4],"
                + " reservoir.seeds = 3: a scaling run must have one size, one gain and seeds 1; a grid of runs is a sweep"
                + " ('spikering reservoir scaling SPEC' runs it)", e.getMessage());
    }

    @Test
    void aSubCommandRefusesASpecOfAnotherBenchmark() {
        final Ran r = run("reservoir", "mc", "reservoir-narma", "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("reservoir.benchmark = 'narma': must be 'mc'"), r.err());
        assertFalse(Files.exists(dir.resolve("x")));
        final Ran none = run("reservoir");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("a sub-command must follow"), none.err());
    }

    private static List<String> files(final Path d) throws Exception {
        try (var s = Files.list(d)) {
            final List<String> names = new ArrayList<>(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList());
            return names;
        }
    }
}
