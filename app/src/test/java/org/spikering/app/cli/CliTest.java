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
        assertRejected("--engine = 'gpu': must be one of [disruptor, reference]", "bench", "cuba", "--engine", "gpu");
        assertRejected("--network = 'hopfield'", "run", "--network", "hopfield");
        assertRejected("--scale = 0.0: must give Brunel 50 to 125000 neurons (--scale in [0.004, 10])", "bench", "brunel", "--scale", "0");
        assertRejected("--threads = 0: must be an integer in [1, 256]", "bench", "cuba", "--threads", "0");
        assertRejected("--compare = 1,two: 'two' is neither 'reference' nor a thread count", "bench", "cuba", "--compare", "1,two");
        assertRejected("thread count 0 must be >= 1", "bench", "cuba", "--compare", "0");
        assertRejected("--repeat = 0: must be an integer in [1, 1000]", "bench", "cuba", "--compare", "1", "--repeat", "0");
        assertRejected("--warmup = -1.0: must be in [1.0E-4, 3600]", "bench", "cuba", "--warmup", "-1");
        assertRejected("spikering gradients: error: --network-json = 'missing.json': must be a readable JSON file",
                "gradients", "--network-json", "missing.json");
    }

    /** A command that runs out of memory, to see what the user gets. */
    @CommandLine.Command(name = "oom", description = "throws OutOfMemoryError")
    static final class OutOfMemory implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Option(names = "--wrapped", description = "as an engine thread's, inside an IllegalStateException")
        boolean wrapped;

        @Override
        public Integer call() {
            if (wrapped) {
                throw new IllegalStateException("engine thread failed", new OutOfMemoryError("Java heap space"));
            }
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void shouldEndAnOutOfMemoryErrorWithOneLineThatSaysHowToGiveMore() {
        final CommandLine cl = SpikeringCli.commandLine();
        cl.addSubcommand("oom", new OutOfMemory());
        for (String[] args : new String[][] {{"oom"}, {"oom", "--wrapped"}}) {
            final StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            assertEquals(SpikeringCli.EXIT_OUT_OF_MEMORY, cl.execute(args), err.toString());
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("spikering oom: error: out of memory (the JVM may use ")
                    && err.toString().matches("(?s).*give it more, e\\.g\\. SPIKERING_JAVA_OPTS=-Xmx[0-9]+g \\./spikering .*"), err.toString());
        }
    }

    /** Runs the command line and checks that it exits with 2 and an error containing {@code message}. */
    private static void assertRejected(final String message, final String... args) {
        final StringWriter err = new StringWriter();
        assertEquals(2, run(err, args), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
    }
}
