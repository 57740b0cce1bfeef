package org.spikering.app.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;
import org.spikering.app.report.Json;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import picocli.CommandLine;

/**
 * The in-process runners are the commands: {@link SpecRunners#of} picks by section; each runner on a spec writes the
 * same files with the same bytes (the run-time fields aside) as {@code spikering train/run/reservoir} of that spec,
 * and returns the summary the command prints or writes; two runs on two threads at once give what one run alone
 * gives; {@link SpecRunner#check} names spec fields, before anything is written.
 */
class SpecRunnersTest {

    @TempDir
    Path dir;

    /** A 2-update evidence run: small batches, tested every update. */
    private static final List<String> SHORT_TRAIN = List.of("training.iterations=2", "training.batch=2",
            "training.evaluation.test_batch=2", "training.evaluation.every=1");
    /** CUBA at a tenth of its size for 50 ms. */
    private static final List<String> SHORT_RUN = List.of("network.populations[E].size=320",
            "network.populations[I].size=80", "simulation.seconds=0.05");
    /** A 20-unit memory-capacity run. */
    private static final List<String> SHORT_MC = List.of("reservoir.size=20", "reservoir.washout_steps=50",
            "reservoir.train_steps=300", "reservoir.test_steps=100");

    @Test
    void shouldPickTheRunnerBySectionAndSayWhatIsNeededWithoutOne() {
        assertEquals("train", SpecRunners.of(SpecLoader.load("evidence", List.of())).command());
        assertEquals("train", SpecRunners.of(SpecLoader.load("hw-study", List.of())).command());
        assertEquals("run", SpecRunners.of(SpecLoader.load("cuba", List.of())).command());
        assertEquals("reservoir", SpecRunners.of(SpecLoader.load("reservoir-mc", List.of())).command());
        assertSame(SpecRunners.of(SpecLoader.load("cuba", List.of())), SpecRunners.named("run"));
        final Spec empty = SpecLoader.parse("spikering: 1\nseed: 3\n", "empty.yaml", null, false, List.of());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecRunners.of(empty));
        assertEquals("SPEC = 'empty.yaml': must have a training section (train), a reservoir section (reservoir) or a"
                + " network section (run); it has seed ('spikering spec list' shows examples of each)", e.getMessage());
    }

    @Test
    void trainRunnerWritesWhatTrainWritesAndReturnsItsSummaryLine() throws Exception {
        final Spec spec = SpecLoader.load("evidence", SHORT_TRAIN);
        final SpecRunner runner = SpecRunners.of(spec);
        runner.check(spec);
        assertTrue(runner.memoryBytes(spec) > 0);
        final Map<String, Object> summary = runner.run(spec, dir.resolve("runner"), Progress.OFF);
        final Cli cli = cli("train", "evidence", "--set", SHORT_TRAIN.get(0), "--set", SHORT_TRAIN.get(1), "--set",
                SHORT_TRAIN.get(2), "--set", SHORT_TRAIN.get(3), "--out", dir.resolve("cli").toString());
        assertEquals(0, cli.code(), cli.err());
        final ObjectNode printed = (ObjectNode) Json.MAPPER.readTree(cli.out());
        assertEquals(withoutWallTime(printed), withoutWallTime(asRead(summary)));
        assertEquals(withoutWallTime(printed), withoutWallTime(Json.MAPPER.readTree(dir.resolve("runner/summary.json").toFile())));
        assertSameFiles(dir.resolve("cli"), dir.resolve("runner"), "learning_curve.csv", "test_curve.csv", "weights.npz");
        assertTrue(ResultFolder.isComplete(dir.resolve("runner")));
    }

    @Test
    void runRunnerWritesWhatRunWritesAndReturnsSummaryJson() throws Exception {
        final Spec spec = SpecLoader.load("cuba", SHORT_RUN);
        final SpecRunner runner = SpecRunners.of(spec);
        runner.check(spec);
        final Map<String, Object> summary = runner.run(spec, dir.resolve("runner"), Progress.OFF);
        final Cli cli = cli("run", "cuba", "--set", SHORT_RUN.get(0), "--set", SHORT_RUN.get(1), "--set", SHORT_RUN.get(2),
                "--out", dir.resolve("cli").toString());
        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("spikes       "), cli.out());
        final JsonNode written = Json.MAPPER.readTree(dir.resolve("cli/summary.json").toFile());
        assertEquals(withoutWallTime(written), withoutWallTime(asRead(summary)));
        assertSameFiles(dir.resolve("cli"), dir.resolve("runner"), "spikes.csv", "rates.csv", "vm.csv");
        // the spec run: the command's also names its --out folder
        final ObjectNode ran = (ObjectNode) SpecLoader.load(dir.resolve("cli/spec.yaml").toString(), List.of()).tree();
        assertEquals(dir.resolve("cli").toString(), ran.remove("output").get("folder").asText());
        final ObjectNode alone = (ObjectNode) SpecLoader.load(dir.resolve("runner/spec.yaml").toString(), List.of()).tree();
        alone.remove("output");
        assertEquals(alone, ran);
        assertTrue(((Number) summary.get("spikes")).longValue() > 0, "no spikes: " + summary);
    }

    @Test
    void reservoirRunnerWritesWhatReservoirWritesAndReturnsItsLine() throws Exception {
        final Spec spec = SpecLoader.load("reservoir-mc", SHORT_MC);
        final SpecRunner runner = SpecRunners.of(spec);
        runner.check(spec);
        final Map<String, Object> summary = runner.run(spec, dir.resolve("runner"), Progress.OFF);
        final Cli cli = cli("reservoir", "mc", "--size", "20", "--washout", "50", "--train", "300", "--test", "100",
                "--out", dir.resolve("cli").toString());
        assertEquals(0, cli.code(), cli.err());
        assertEquals(Json.MAPPER.readTree(cli.out()), asRead(summary));
        assertSameFiles(dir.resolve("cli"), dir.resolve("runner"), "mc.json");
        assertTrue(((Number) summary.get("memory_capacity")).doubleValue() > 1, "MC: " + summary);
    }

    @Test
    void twoRunsOnTwoThreadsAtOnceGiveWhatOneRunAloneGives() throws Exception {
        final Spec train = SpecLoader.load("evidence", SHORT_TRAIN);
        final Spec run = SpecLoader.load("cuba", SHORT_RUN);
        SpecRunners.of(train).run(train, dir.resolve("train-alone"), Progress.OFF);
        SpecRunners.of(run).run(run, dir.resolve("run-alone"), Progress.OFF);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<?>> f = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                final Path t = dir.resolve("train-" + k);
                final Path r = dir.resolve("run-" + k);
                f.add(pool.submit(() -> SpecRunners.of(train).run(train, t, Progress.OFF)));
                f.add(pool.submit(() -> SpecRunners.of(run).run(run, r, Progress.OFF)));
            }
            for (Future<?> x : f) {
                x.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int k = 0; k < 2; k++) {
            assertSameFiles(dir.resolve("train-alone"), dir.resolve("train-" + k), "learning_curve.csv", "test_curve.csv",
                    "weights.npz");
            assertSameFiles(dir.resolve("run-alone"), dir.resolve("run-" + k), "spikes.csv", "rates.csv", "vm.csv");
        }
    }

    @Test
    void checkNamesTheSpecFieldsAndWritesNothing() {
        final Spec huge = SpecLoader.load("evidence", List.of("training.batch=1000000", "training.evaluation.test_batch=1000000"));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecRunners.of(huge).check(huge));
        assertTrue(e.getMessage().startsWith("training.batch = 1000000, training.evaluation.test_batch = 1000000 (task evidence):"
                + " needs about "), e.getMessage());
        final IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> SpecRunners.of(huge).run(huge, dir.resolve("never"), Progress.OFF));
        assertEquals(e.getMessage(), r.getMessage());
        final Spec big = SpecLoader.load("reservoir-mc", List.of("reservoir.size=100000", "reservoir.test_steps=200003"));
        final IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> SpecRunners.of(big).check(big));
        assertTrue(m.getMessage().startsWith("reservoir.size = 100000: needs about "), m.getMessage());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Exit code, stdout and stderr of one in-process command. */
    private record Cli(int code, String out, String err) {
    }

    private static Cli cli(final String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err + progress.toString(StandardCharsets.UTF_8));
    }

    /** The summary without what the clock decides (wall seconds, rates per wall second, step times). */
    private static JsonNode withoutWallTime(final JsonNode summary) {
        final ObjectNode o = summary.deepCopy();
        for (String f : List.of("wall_s", "wallSeconds", "eventsPerWallSecond", "stepTimeMicros")) {
            o.remove(f);
        }
        return o;
    }

    /** @return the summary as its JSON file reads back (numbers typed as a parser types them). */
    private static JsonNode asRead(final Map<String, Object> summary) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(summary));
    }

    private static void assertSameFiles(final Path a, final Path b, final String... names) throws Exception {
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(a.resolve(n)), Files.readAllBytes(b.resolve(n)), n + " differs");
        }
    }
}
