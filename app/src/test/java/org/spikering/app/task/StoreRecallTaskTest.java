package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.spec.network.BrokenSpecRuns;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/**
 * Store–recall against TASKS.md §4.6 restated here: each character is read back from which group fired (at 1000 Hz
 * every neuron of the shown group fires every step), and the target must be the bit right after STORE.
 */
final class StoreRecallTaskTest {

    @TempDir
    Path tmp;

    /** The group that fired in character c of sequence b (all of it, none of the others), or fails. */
    private static int shown(final SequenceBatch x, final StoreRecallTask t, final int b, final int c) {
        final int n = t.neuronsPerGroup();
        int group = -1;
        for (int g = 0; g < 4; g++) {
            int k = 0;
            for (int s = c * t.charMs(); s < (c + 1) * t.charMs(); s++) {
                for (int i = 0; i < n; i++) {
                    k += x.inputSpikes()[(b * x.steps() + s) * x.inputs() + g * n + i] > 0 ? 1 : 0;
                }
            }
            if (k == n * t.charMs()) {
                assertEquals(-1, group, "one group per character");
                group = g;
            } else {
                assertEquals(0, k, "a group fires all or nothing at 1000 Hz");
            }
        }
        assertTrue(group >= 0);
        return group;
    }

    @Test
    void targetIsTheBitAfterStoreDuringRecall() {
        final StoreRecallTask t = new StoreRecallTask(3, 6, 1000, 2);
        assertEquals(12, t.characters());
        assertEquals(36, t.steps());
        final SequenceBatch x = t.batch(400, 8);
        int ones = 0;
        final int[] bitOnes = new int[12];
        for (int b = 0; b < 400; b++) {
            final int[] sym = new int[12];
            for (int c = 0; c < 12; c++) {
                sym[c] = shown(x, t, b, c);
            }
            // protocol: bits, bits, STORE, 6 bits, RECALL, bits, bits
            for (int c = 0; c < 12; c++) {
                if (c == 2) {
                    assertEquals(StoreRecallTask.STORE, sym[c]);
                } else if (c == 9) {
                    assertEquals(StoreRecallTask.RECALL, sym[c]);
                } else {
                    assertTrue(sym[c] < 2, "character " + c + " is a bit: " + Arrays.toString(sym));
                    bitOnes[c] += sym[c];
                }
            }
            for (int s = 0; s < 36; s++) {
                final boolean recall = s >= 27 && s < 30;
                assertEquals(recall, x.lossMask()[b * 36 + s]);
                if (recall) {
                    assertEquals(1.0, x.targets()[(b * 36 + s) * 2 + sym[3]], "the bit right after STORE");
                    assertEquals(0.0, x.targets()[(b * 36 + s) * 2 + 1 - sym[3]]);
                }
            }
            ones += sym[3];
        }
        for (int c = 0; c < 12; c++) {
            if (c != 2 && c != 9) {
                assertTrue(Math.abs(bitOnes[c] - 200) < 40, "fair bits (sd 10): " + Arrays.toString(bitOnes));
            }
        }
        assertTrue(Math.abs(ones - 200) < 40, "stored bit 1 in " + ones + " of 400");
    }

    @Test
    void groupsFireAtTheirRate() {
        final StoreRecallTask t = StoreRecallTask.standard();
        final SequenceBatch x = t.batch(20, 2);
        long spikes = 0;
        for (float v : x.inputSpikes()) {
            spikes += v > 0 ? 1 : 0;
        }
        // exactly one group of 25 active at every step: expected 20 * 2400 * 25 * 0.05 = 60000, sd 240
        assertEquals(60000, spikes, 1000);
        assertEquals(100, t.inputs());
    }

    @Test
    void sameSeedSameBatch() {
        final StoreRecallTask t = new StoreRecallTask(5, 3, 200, 3);
        assertArrayEquals(t.batch(8, 4).inputSpikes(), t.batch(8, 4).inputSpikes());
        assertArrayEquals(t.batch(8, 4).targets(), t.batch(8, 4).targets());
        assertFalse(Arrays.equals(t.batch(8, 4).inputSpikes(), t.batch(8, 5).inputSpikes()));
        assertEquals(StoreRecallTask.standard(), TaskPreset.of("store-recall", 1).source());
    }

    @Test
    void shortEpropRunOfTheExampleLearnsAboveChance() {
        final TaskPreset p = TrainingSpec.preset(Examples.load("store-recall", List.of("training.task.char_ms=20",
                "training.batch=16")));
        final TrainingRun.Outcome o = new TrainingRun(p, LearningRule.EPROP, Computation.EVENT, 1)
                .run(120, 16, p.learningRate(), 120, 400, null);
        // chance 0.5; on 400 held-out trials its sd is 0.025, so 0.6 is 4 sd above chance
        assertTrue(o.testAccuracy() > 0.6, "test accuracy " + o.testAccuracy());
    }

    private static final String[][] CASES = {
        {"    char_ms: 200 ", "    char_ms: 0 ", "training.task.char_ms: 0, must be >= 1"},
        {"    delay_bits: 6", "    delay_bits: 0", "training.task.delay_bits: 0, must be >= 1"},
        {"    rate_hz: 50.0 ", "    rate_hz: 0 ", "training.task.rate_hz: 0, must be > 0"},
        {"    delay_bits: 6", "    delay_bits: 6\n    dim_ring: 2", "training.task.dim_ring: 2, not a parameter of task"
            + " store-recall (its parameters: char_ms, delay_bits, rate_hz, neurons_per_group, encoding)"},
    };

    @Test
    void brokenFieldsAreNamed() throws Exception {
        BrokenSpecRuns.assertEveryCaseRejected(tmp, Examples.text("store-recall"), CASES, "train");
    }
}
