package org.spikering.app.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;
import picocli.CommandLine;

final class ReservoirCommandTest {

    @TempDir
    Path dir;

    private int run(final StringWriter err, final String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void shouldWriteBenchmarkResultsAndPlots() throws Exception {
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "reservoir", "mc", "--size", "30", "--out", dir.toString()), err.toString());
        assertTrue(Files.readString(dir.resolve("mc.json")).contains("memory_capacity"));
        assertTrue(Files.size(dir.resolve("mc.png")) > 1000);
        assertEquals(0, run(err, "reservoir", "lsm", "--samples", "120", "--out", dir.toString()), err.toString());
        assertTrue(Files.readString(dir.resolve("lsm.json")).contains("branching_ratio"));
    }

    @Test
    void shouldRunASmallScalingStudy() throws Exception {
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "reservoir", "scaling", "--sizes", "20,40", "--gains", "0.5,1.5", "--seeds", "2",
                "--out", dir.toString()), err.toString());
        final List<String> rows = Files.readAllLines(dir.resolve("scaling.csv"));
        assertEquals(5, rows.size());
        assertTrue(rows.get(0).startsWith("size,gain,narma10_nrmse_mean"));
        // the Lyapunov exponent must rise with the spectral radius (ordered at 0.5, larger at 1.5)
        final double mleLow = Double.parseDouble(rows.get(1).split(",")[6]);
        final double mleHigh = Double.parseDouble(rows.get(2).split(",")[6]);
        assertTrue(mleLow < 0 && mleHigh > mleLow, rows.toString());
        for (String f : new String[] {"perf_vs_size.png", "perf_vs_gain.png", "chaos_vs_gain.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 1000, f);
        }
    }

    @Test
    void shouldNameBadInput() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "reservoir", "narma", "--spectral-radius", "NaN"));
        assertTrue(err.toString().contains("--spectral-radius = NaN"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "reservoir", "narma", "--washout", "9000"));
        assertTrue(err.toString().contains("reservoir.washout_steps: 9000, must be <= length_steps - test_steps - 10 = 5190"
                + " (from --washout = 9000)"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "reservoir", "mc", "--size", "0"));
        assertTrue(err.toString().contains("--size = 0"), err.toString());
    }
}
