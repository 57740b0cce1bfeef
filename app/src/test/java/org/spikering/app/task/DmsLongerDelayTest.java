package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.network.BrokenSpecRuns;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/** Delayed match-to-sample's out-of-distribution test with delays longer than the training delay (up to 2×). */
final class DmsLongerDelayTest {

    @TempDir
    Path dir;

    /** One decoded trial: the cue values and onsets read back from the input groups. */
    private record Trial(int cue1, int cue2, int onset1, int onset2) {
    }

    /**
     * Reads trial b back from its input alone: group 0 active = cue value 1, group 1 = cue value 0, group 2 = the
     * response window; a cue is a run of {@code cue} active steps of group 0 or 1.
     */
    private static Trial decode(final SequenceBatch s, final int b, final int group, final int cue) {
        final int steps = s.steps();
        final int in = s.inputs();
        final int[] value = new int[steps];
        for (int t = 0; t < steps; t++) {
            final float g0 = s.inputSpikes()[(b * steps + t) * in];
            final float g1 = s.inputSpikes()[(b * steps + t) * in + group];
            value[t] = g0 > 0 ? 1 : g1 > 0 ? 0 : -1;
        }
        final int[] onsets = new int[2];
        final int[] values = new int[2];
        int found = 0;
        for (int t = 0; t < steps; t++) {
            if (value[t] >= 0 && (t == 0 || value[t - 1] < 0)) {
                for (int k = 0; k < cue; k++) {
                    assertEquals(value[t], value[t + k], "a cue lasts " + cue + " steps");
                }
                assertTrue(found < 2, "two cues per trial");
                onsets[found] = t;
                values[found++] = value[t];
            }
        }
        assertEquals(2, found, "two cues per trial");
        return new Trial(values[0], values[1], onsets[0], onsets[1]);
    }

    @Test
    void shouldDrawEveryLongerDelayBetweenSeventeenAndThirtyTwoWithTheLabelOfTheCues() {
        final DelayedMatchToSampleTask task = DelayedMatchToSampleTask.standard();
        assertTrue(task.hasOutOfDistribution());
        final int n = 800;
        final SequenceBatch s = task.outOfDistributionBatch(n, 77);
        assertEquals(2 * 2 + 32 + 4, s.steps(), "cues, longest delay, response");
        final int[] count = new int[33];
        int match = 0;
        for (int b = 0; b < n; b++) {
            final Trial tr = decode(s, b, 10, 2);
            final int delay = tr.onset2() - tr.onset1() - 2;
            assertTrue(delay >= 17 && delay <= 32, "trial " + b + ": delay " + delay);
            assertEquals(s.steps() - 4, tr.onset2() + 2, "the response window follows the second cue");
            count[delay]++;
            final int label = tr.cue1() == tr.cue2() ? 1 : 0;
            match += label;
            for (int t = 0; t < s.steps(); t++) {
                final boolean response = t >= s.steps() - 4;
                assertEquals(response, s.lossMask()[b * s.steps() + t], "loss only in the response window");
                assertEquals(response ? 1f : 0f, s.inputSpikes()[(b * s.steps() + t) * 30 + 20], "response cue");
                assertEquals(response && label == 1 ? 1.0 : 0.0, s.targets()[(b * s.steps() + t) * 2 + 1], 0.0);
                assertEquals(response && label == 0 ? 1.0 : 0.0, s.targets()[(b * s.steps() + t) * 2], 0.0);
            }
        }
        // 16 delays, 50 expected each: binomial sd 6.8; bound at 4 sd
        for (int d = 17; d <= 32; d++) {
            assertTrue(Math.abs(count[d] - 50) < 4 * 6.8, "delay " + d + ": " + count[d] + " of 800");
        }
        // P(match) = 1/2: sd 14.1 over 800
        assertTrue(Math.abs(match - 400) < 4 * 14.1, "matches " + match);
        assertArrayEquals(s.inputSpikes(), task.outOfDistributionBatch(n, 77).inputSpikes(), "same seed, same batch");
        assertFalse(java.util.Arrays.equals(s.inputSpikes(), task.outOfDistributionBatch(n, 78).inputSpikes()));
    }

    @Test
    void shouldKeepTheTrainingTrialsAtTheTrainingDelay() {
        final DelayedMatchToSampleTask task = DelayedMatchToSampleTask.standard();
        final SequenceBatch s = task.batch(64, 5);
        assertEquals(24, s.steps(), "2 + 16 + 2 + 4");
        for (int b = 0; b < 64; b++) {
            final Trial tr = decode(s, b, 10, 2);
            assertEquals(0, tr.onset1());
            assertEquals(18, tr.onset2(), "delay 16");
        }
        final DelayedMatchToSampleTask none = new DelayedMatchToSampleTask(2, 16, 4, 10);
        assertFalse(none.hasOutOfDistribution());
        assertArrayEquals(s.inputSpikes(), none.batch(64, 5).inputSpikes(), "the factor does not touch training");
        assertThrows(IllegalStateException.class, () -> none.outOfDistributionBatch(1, 1));
    }

    @Test
    void shouldRejectAFactorWithoutALongerDelayNamingTheField() throws Exception {
        final String base = Files.readString(Path.of("..", "examples", "dms.yaml"));
        BrokenSpecRuns.assertEveryCaseRejected(dir, base, new String[][] {
            {"ood_delay_factor: 2 ", "ood_delay_factor: 0.5 ", "training.task.ood_delay_factor: 0.5, must be >= 1"},
            {"ood_delay_factor: 2 ", "ood_delay_factor: 1.05 ",
                "training.task: 'dms', cannot be built: ood_delay_factor = 1.05: floor(factor * delay_ms = 16) must"
                    + " exceed delay_ms (a longer delay must exist), or the factor must be 1"},
        }, "train");
    }

    /**
     * The shipped dms example, 100 e-prop iterations (seconds): held-out accuracy above chance (1/2) by more than 4 sd
     * of a 256-trial estimate (0.031); the longer-delay set is reported under its own name, and a network that does not
     * hold the cue over longer delays may well be at chance there, so only its presence and range are checked.
     */
    @Test
    void shouldLearnAboveChanceAndReportTheLongerDelayTestUnderItsOwnName() {
        final TaskPreset p = TaskPreset.of("dms", 1);
        final TrainingRun run = new TrainingRun(p, LearningRule.EPROP, Computation.EVENT, 1);
        final TrainingRun.Outcome o = run.run(100, p.batchSize(), p.learningRate(), 10, 256, null);
        final Map<String, Object> s = run.write(dir, o);
        System.out.printf("dms: held-out accuracy %.4f, longer-delay accuracy %.4f%n", o.heldOut().accuracy(),
                run.outOfDistribution().accuracy());
        assertTrue(o.heldOut().accuracy() > 0.5 + 4 * 0.031, "held-out accuracy " + o.heldOut().accuracy());
        assertEquals(run.outOfDistribution().accuracy(), (Double) s.get("test_accuracy_longer_delay"), 0.0);
        assertEquals(run.outOfDistribution().loss(), (Double) s.get("test_loss_longer_delay"), 0.0);
        final double a = run.outOfDistribution().accuracy();
        assertTrue(a >= 0 && a <= 1, "accuracy " + a);
        assertTrue(((String) s.get("test_set_longer_delay")).contains("delay uniform in 17..32 steps"),
                (String) s.get("test_set_longer_delay"));
        assertTrue(((String) s.get("test_set")).startsWith("held out: 256 sequences"), (String) s.get("test_set"));
        assertNull(s.get("test_accuracy_noise"));
    }
}
