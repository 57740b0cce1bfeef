package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

final class CliTest {

    @TempDir
    Path dir;

    private static int run(final StringWriter err, final String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void shouldWriteAllResultFilesOfTheDefaultRun() throws Exception {
        final StringWriter err = new StringWriter();
        final int code = run(err, "run", "--scale", "0.25", "--seconds", "0.2", "--out", dir.toString());
        assertEquals(0, code, err.toString());
        for (String f : new String[] {"spikes.csv", "rates.csv", "vm.csv", "summary.json", "raster.png", "rate.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 100, f + " missing or empty");
        }
        final String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("meanRateHz") && summary.contains("\"synaptic_ops\"") && summary.contains("\"energy_j\""), summary);
    }

    @Test
    void shouldCompareEnginesInOneProcessAfterAWarmUp() {
        final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream old = System.out;
        final StringWriter err = new StringWriter();
        final int code;
        try {
            System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
            code = run(err, "bench", "cuba", "--scale", "0.25", "--seconds", "0.2", "--warmup", "0.1",
                    "--compare", "reference,1,2", "--repeat", "2");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, err.toString());
        final String json = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"simulated_s\":0.2") && json.contains("\"warmup_s\":0.1"), json);
        assertTrue(json.matches("(?s).*\"speedup_vs_reference\":\\{\"reference\":1.0,\"1\":[0-9.]+,\"2\":[0-9.]+}.*"), json);
        assertTrue(json.matches("(?s).*\"wall_per_sim_s\":\\{\"reference\":\\[[0-9.]+,[0-9.]+],.*"), json);
    }

    @Test
    void shouldNameTheParameterOnBadInput() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "bench", "cuba", "--engine", "gpu"));
        assertTrue(err.toString().contains("--engine = 'gpu': must be one of [disruptor, reference]"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "run", "--network", "hopfield"));
        assertTrue(err.toString().contains("--network = 'hopfield'"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "bench", "brunel", "--scale", "0"));
        assertTrue(err.toString().contains("scale = 0.0: must be in (0, 10]"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "bench", "cuba", "--threads", "0"));
        assertTrue(err.toString().contains("threads = 0"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "bench", "cuba", "--compare", "1,two"));
        assertTrue(err.toString().contains("--compare = 1,two: 'two' is neither 'reference' nor a thread count"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "bench", "cuba", "--compare", "0"));
        assertTrue(err.toString().contains("thread count 0 must be >= 1"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "bench", "cuba", "--compare", "1", "--repeat", "0"));
        assertTrue(err.toString().contains("--repeat = 0: must be >= 1"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "bench", "cuba", "--warmup", "-1"));
        assertTrue(err.toString().contains("--warmup = -1.0: must be a finite number >= 0"), err.toString());
    }
}
