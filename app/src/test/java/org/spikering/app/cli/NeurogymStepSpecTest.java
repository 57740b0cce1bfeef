package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * training.network.dt_ms other than 1: accepted for the neurogym tasks on a rate network with analog input (the
 * run's sequences then have period/dt steps), refused in one line before any file for every other combination.
 */
class NeurogymStepSpecTest {

    @TempDir
    Path dir;

    private void refused(final String expected, final String... args) {
        final StringWriter err = new StringWriter();
        final Path out = dir.resolve("bad");
        final List<String> a = new java.util.ArrayList<>(List.of(args));
        a.addAll(List.of("--out", out.toString()));
        assertEquals(2, InProcessCli.run(a, err), String.join(" ", args));
        assertTrue(err.toString().contains(expected), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void coarseStepsOnlyForNeurogymTasksOnRateNetworks() throws Exception {
        refused("training.network.dt_ms: 100, must be 1 unless training.network.kind is rate", "train",
                "perceptual-decision", "--set", "training.network.dt_ms=100");
        refused("training.network.dt_ms: 100, must be 1 (task dms is on a grid of 1-ms steps", "train", "dms-rate",
                "--set", "training.network.dt_ms=100");
        refused("fixation_ms = 100: must be a whole number of steps of 300 ms (training.network.dt_ms)", "train",
                "perceptual-decision-rate", "--set", "training.network.dt_ms=300", "--set", "training.network.rate.tau_ms=300");
        final Path out = dir.resolve("ok");
        assertEquals(0, InProcessCli.run(List.of("train", "delay-comparison-rate", "--set", "training.network.dt_ms=100",
                "--set", "training.network.rate.tau_ms=100", "--iterations", "2", "--batch", "2", "--test-batch", "4",
                "--out", out.toString())));
        final String curve = Files.readString(out.resolve("learning_curve.csv"));
        assertEquals(3, curve.strip().lines().count(), curve);
    }
}
