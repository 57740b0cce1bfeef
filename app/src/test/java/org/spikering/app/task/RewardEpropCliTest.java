package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;
import picocli.CommandLine;

/**
 * {@code spikering train --rule reward-eprop}: trains a classification task from rewards, with the hardware section
 * (plastic mask, weight bits, state precision) and the counters that e-prop has on the same network; refuses a
 * regression task and a rate network before any work, writing nothing.
 */
final class RewardEpropCliTest {
    @TempDir
    Path dir;

    private static int run(StringWriter err, String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void shouldTrainEvidenceFromRewardsWithHardwareConstraints() throws Exception {
        final StringWriter err = new StringWriter();
        final Path out = dir.resolve("out");
        final int code = run(err, "train", "--task", "evidence", "--rule", "reward-eprop", "--iterations", "2",
                "--batch", "4", "--test-batch", "4", "--set", "training.task.delay_ms=0",
                "--set", "training.task.cues=3",
                "--set", "hardware.mask={kind: random, fraction: 0.5, matrices: [in, rec, out]}",
                "--set", "hardware.weights={bits: 8, rounding: nearest}",
                "--set", "hardware.state={v: {bits: 12, frac_bits: 8}, a: {bits: 12, frac_bits: 8}, rounding: nearest}",
                "--out", out.toString());
        assertEquals(0, code, err.toString());
        assertFalse(Files.exists(dir.resolve(".out.checkpoint")), "no checkpoint (the critic is not saved in one)");
        assertFalse(err.toString().contains("checkpoint"), err.toString());
        final JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("reward-eprop", s.get("rule").asText());
        assertEquals(0.5, s.get("plastic_fraction").asDouble(), 0.05, s.toString());
        assertTrue(s.get("hardware").get("synaptic_ops").asLong() > 0, s.toString());
        assertTrue(s.get("hardware").get("weight_updates").asLong() > 0, s.toString());
        final List<String> curve = Files.readAllLines(out.resolve("learning_curve.csv"));
        assertEquals(3, curve.size(), curve.toString());
        // the loss of a reward run is minus the summed reward: never positive with rewards 0 and 1
        for (String line : curve.subList(1, curve.size())) {
            final String[] f = line.split(",");
            assertTrue(Double.parseDouble(f[1]) <= 0.0, line);
            final double rewarded = Double.parseDouble(f[3]);
            assertTrue(rewarded >= 0.0 && rewarded <= 1.0, line);
        }
    }

    @Test
    void shouldRefuseARegressionTaskBeforeAnyWork() {
        final StringWriter err = new StringWriter();
        final Path out = dir.resolve("sine");
        assertEquals(2, run(err, "train", "--task", "sine-nest", "--rule", "reward-eprop", "--out", out.toString()));
        assertTrue(err.toString().contains("--rule = 'reward-eprop': needs a classification task"), err.toString());
        assertFalse(Files.exists(out), "no output folder");
    }

    @Test
    void shouldRefuseARateNetwork() {
        final StringWriter err = new StringWriter();
        final Path out = dir.resolve("rate");
        assertEquals(2, run(err, "train", "perceptual-decision-rate", "--rule", "reward-eprop", "--out",
                out.toString()));
        assertTrue(err.toString().contains("reward-eprop"), err.toString());
        assertFalse(Files.exists(out), "no output folder");
    }
}
