package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.data.SequenceBatch;

final class TasksTest {

    @Test
    void shouldBuildEvidenceAccumulationTrialsAsPublished() {
        final EvidenceAccumulationTask t = EvidenceAccumulationTask.standard();
        assertEquals(2250, t.steps());
        assertEquals(40, t.inputs());
        final SequenceBatch b = t.batch(400, 5);
        int majority = 0;
        int cues = 0;
        int right = 0;
        for (int s = 0; s < 400; s++) {
            // count cue periods by the spikes of the left and right groups
            int r = 0;
            int l = 0;
            for (int c = 0; c < 7; c++) {
                int sl = 0;
                int sr = 0;
                for (int step = c * 150; step < c * 150 + 100; step++) {
                    for (int i = 0; i < 10; i++) {
                        sl += (int) b.inputSpikes()[(s * 2250 + step) * 40 + i];
                        sr += (int) b.inputSpikes()[(s * 2250 + step) * 40 + 10 + i];
                    }
                }
                assertTrue(sl == 0 || sr == 0, "a cue shows one side only");
                if (sr > 0) {
                    r++;
                } else if (sl > 0) {
                    l++;
                }
            }
            cues += 7;
            final int label = EvidenceAccumulationTask.label(b, s);
            assertEquals(r > l ? 1 : 0, label, "label is the side with more cues (sequence " + s + ")");
            majority += Math.max(r, l);
            right += label;
            assertTrue(b.lossMask()[s * 2250 + 2249] && b.lossMask()[s * 2250 + 2100] && !b.lossMask()[s * 2250 + 2099]);
        }
        // per-cue probability of the trial's majority side is 0.7 at the source; the observed majority share is higher
        assertTrue((double) majority / cues > 0.7, "majority share " + (double) majority / cues);
        assertEquals(0.5, right / 400.0, 0.08, "left and right trials equally likely");
    }

    @Test
    void shouldBeDeterministicPerSeed() {
        final EvidenceAccumulationTask t = EvidenceAccumulationTask.standard();
        assertArrayEquals(t.batch(3, 9).inputSpikes(), t.batch(3, 9).inputSpikes());
        assertTrue(!java.util.Arrays.equals(t.batch(3, 9).inputSpikes(), t.batch(3, 10).inputSpikes()));
    }

    @Test
    void shouldComputeTheNBackBoundsOfTasksMd() {
        final FourSixBackTask.Bounds b = FourSixBackTask.bounds();
        assertEquals(0.661563, b.nothingLearned(), 1e-6);
        assertEquals(0.519167, b.fourBackLearned(), 1e-6);
        assertEquals(0.454454, b.bothLearned(), 1e-6);
    }

    @Test
    void shouldGiveNBackTargetsWhoseOptimalCrossEntropyIsTheBound() {
        final FourSixBackTask t = FourSixBackTask.standard();
        final SequenceBatch b = t.batch(200, 3);
        double ce = 0;
        int n = 0;
        for (int i = 0; i < b.lossMask().length; i++) {
            if (b.lossMask()[i]) {
                final double p = b.targets()[2 * i];
                assertTrue(p == 0.25 || p == 0.5 || p == 0.75 || p == 1.0, "p = " + p);
                ce += p == 1.0 || p == 0.0 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p);
                n++;
            }
        }
        assertEquals(200 * 54, n);
        // predicting p itself (both dependencies learned) costs the bound, up to sampling error
        assertEquals(FourSixBackTask.bounds().bothLearned(), ce / n, 0.01);
    }

    @Test
    void shouldLabelMatchWhenCuesAreEqual() {
        final DelayedMatchToSampleTask t = DelayedMatchToSampleTask.standard();
        assertEquals(24, t.steps());
        final SequenceBatch b = t.batch(50, 1);
        for (int s = 0; s < 50; s++) {
            final int c1 = b.inputSpikes()[(s * 24) * 30] > 0 ? 1 : 0;
            final int c2 = b.inputSpikes()[(s * 24 + 18) * 30] > 0 ? 1 : 0;
            final double matchTarget = b.targets()[(s * 24 + 23) * 2 + 1];
            assertEquals(c1 == c2 ? 1.0 : 0.0, matchTarget);
        }
    }

    @Test
    void shouldNormaliseTheBellecTarget() {
        final double[] y = BellecSineTask.standard(4).target();
        assertEquals(0.0, y[0]);
        double max = 0;
        for (double v : y) {
            max = Math.max(max, Math.abs(v));
        }
        assertEquals(1.0, max, 1e-12);
    }

    @Test
    void shouldRejectBadTaskParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvidenceAccumulationTask(7, 100, 50, 1050, 0, 0.7, 40, 10));
        assertTrue(e.getMessage().contains("recall = 0 ms"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DelayedMatchToSampleTask(2, 16, 0, 10));
        assertTrue(e.getMessage().contains("response_steps = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaskPreset.of("mnist", 1));
        assertTrue(e.getMessage().contains("must be one of sine-nest, sine-bellec, evidence, dms, nback"), e.getMessage());
    }
}
