package org.spikering.app.cli;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import picocli.CommandLine;

/** {@code spikering run --network pd14} and {@code spikering bench pd14}: files, JSON fields and bad input. */
final class Pd14CliTest {

    @TempDir
    Path dir;

    private static int run(final StringWriter err, final String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return cl.execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void runWritesPerPopulationRatesAndCvsAfter500Ms() throws Exception {
        final StringWriter err = new StringWriter();
        final int code = run(err, "run", "--network", "pd14", "--scale", "0.02", "--seconds", "0.8", "--drive", "poisson",
                "--thalamus", "--threads", "2", "--out", dir.toString());
        assertEquals(0, code, err.toString());
        final JsonNode s = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        final JsonNode stats = s.get("population_statistics");
        assertEquals(500.0, stats.get("window_ms").get(0).asDouble());
        assertEquals(800.0, stats.get("window_ms").get(1).asDouble());
        final JsonNode pops = stats.get("populations");
        assertEquals(9, pops.size(), "8 populations and the thalamus");
        assertEquals("L23E", pops.get(0).get("name").asText());
        assertEquals(Math.rint(20683 * 0.02), pops.get(0).get("neurons").asDouble());
        assertTrue(pops.get(0).has("mean_cc") && pops.get(0).has("cc_pairs"), pops.get(0).toString());
        assertEquals("population,cc", Files.readAllLines(dir.resolve("pair_correlations.csv")).get(0));
        final List<String> lines = Files.readAllLines(dir.resolve("neuron_statistics.csv"));
        assertEquals("population,neuron,rate_hz,cv", lines.get(0));
        assertEquals(s.get("neurons").asInt() + 1, lines.size(), "one line per neuron");
        // the thalamus fires only in its pulse, 120 Hz for 10 ms: 1.2 spikes per source (sd 0.04 over 902 sources)
        // in the 300 ms window, 4 Hz
        final double th = pops.get(8).get("rate_hz").asDouble();
        assertEquals(4.0, th, 0.5, "thalamic rate over [500, 800) ms");
    }

    @Test
    void benchPrintsMemoryAndBuildTime() {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        final PrintStream old = System.out;
        final StringWriter err = new StringWriter();
        final int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = SpikeringCli.commandLine().execute("bench", "pd14", "--scale", "0.02", "--seconds", "0.1");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, err.toString());
        final String json = buf.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"model\":\"pd14\"") && json.contains("\"drive\":\"dc\"") && json.contains("\"peak_rss_mb\":")
                && json.contains("\"build_time_s\":") && json.contains("\"bytes_per_synapse\":"), json);
        assertFalse(json.contains("NaN"), json);
    }

    @Test
    void badPd14OptionsAreRejectedWithTheParameterNamed() {
        assertRejected("--drive = 'ac': must be one of [poisson, dc]", "run", "--network", "pd14", "--drive", "ac");
        assertRejected("--v0 = 'flat': must be one of [optimized, original]", "run", "--network", "pd14", "--v0", "flat");
        assertRejected("--drive, --thalamus and --v0 apply to pd14 only", "run", "--thalamus");
        assertRejected("--seconds = 0.5: must be > 0.5 for pd14", "run", "--network", "pd14", "--seconds", "0.5");
        assertRejected("--scale = 2.0: must be in (0, 1] for pd14", "run", "--network", "pd14", "--scale", "2");
        assertRejected("--scale = 0.0: must be in (0, 1] for pd14", "bench", "pd14", "--scale", "0");
        assertRejected("--neurons = 100: not for pd14", "bench", "pd14", "--neurons", "100");
        assertRejected("--drive and --thalamus apply to pd14 only", "bench", "cuba", "--thalamus");
    }

    private void assertRejected(final String message, final String... args) {
        final StringWriter err = new StringWriter();
        final Path out = dir.resolve("rejected");
        final String[] withOut = args[0].equals("run") ? concat(args, "--out", out.toString()) : args;
        assertEquals(2, run(err, withOut), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(Files.exists(out), "no output written on bad input");
    }

    private static String[] concat(final String[] a, final String... b) {
        final String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
