package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/** The sine tasks train on one frozen pattern; their test set is the target with fresh input noise, and says so. */
final class FrozenPatternTestSetTest {

    @TempDir
    Path dir;

    @Test
    void shouldDrawFreshNestInputsAtFiftyHertzWithNestsTargetAndASilentFirstStep() {
        final NestSineWaveReference ref = NestSineWaveReference.load();
        final NestSineTask task = new NestSineTask(ref);
        final SequenceBatch frozen = task.batch(1, 0);
        final SequenceBatch fresh = task.freshInputBatch(8, 42);
        final int steps = 1000;
        final int in = 100;
        long spikes = 0;
        for (int b = 0; b < 8; b++) {
            assertArrayEquals(ref.target(), Arrays.copyOfRange(fresh.targets(), b * steps, (b + 1) * steps), 0.0, "target");
            final float[] x = Arrays.copyOfRange(fresh.inputSpikes(), b * steps * in, (b + 1) * steps * in);
            assertFalse(Arrays.equals(frozen.inputSpikes(), x), "sequence " + b + " must not be the training pattern");
            for (int i = 0; i < in; i++) {
                assertEquals(0f, x[i], "step 0 is silent, as in NEST's pattern");
            }
            for (float v : x) {
                spikes += v > 0 ? 1 : 0;
            }
        }
        // 8·999·100 Bernoulli(0.05) bins: sd of the rate estimate 2.4e-4, bound at 4 sd
        final double p = spikes / (8.0 * 999 * in);
        assertEquals(0.05, p, 1e-3, "spike probability per step");
        assertFalse(Arrays.equals(Arrays.copyOfRange(fresh.inputSpikes(), 0, steps * in),
                Arrays.copyOfRange(fresh.inputSpikes(), steps * in, 2 * steps * in)), "each sequence has its own noise");
        assertArrayEquals(fresh.inputSpikes(), task.freshInputBatch(8, 42).inputSpikes(), "fixed by the seed");
    }

    @Test
    void shouldDrawFreshBellecInputsWithTheSameTarget() {
        final BellecSineTask task = BellecSineTask.standard(3);
        final SequenceBatch frozen = task.batch(1, 0);
        final SequenceBatch fresh = task.freshInputBatch(4, 9);
        assertArrayEquals(task.target(), Arrays.copyOfRange(fresh.targets(), 3000, 4000), 0.0);
        assertFalse(Arrays.equals(frozen.inputSpikes(), Arrays.copyOfRange(fresh.inputSpikes(), 0, 100_000)));
        long spikes = 0;
        for (float v : fresh.inputSpikes()) {
            spikes += v > 0 ? 1 : 0;
        }
        assertEquals(0.05, spikes / 400_000.0, 1.5e-3, "50 Hz: sd 3.4e-4, bound at 4 sd");
    }

    /**
     * After k updates, the training-pattern loss in the summary is the loss NEST records for iteration k + 1 (computed
     * with the weights after k updates): an independent check that this field is the training pattern, not the test.
     */
    @Test
    void shouldReportTheFreshInputTestAndTheTrainingPatternSeparatelyAndNamedSo() {
        final TaskPreset p = TaskPreset.of("sine-nest", 1);
        final TrainingRun run = new TrainingRun(p, LearningRule.NEST_EPROP, Computation.EVENT, 1);
        final TrainingRun.Outcome o = run.run(2, 1, p.learningRate(), 10, 16, null);
        final double nestThird = NestSineWaveReference.losses200()[2];
        assertEquals(nestThird, o.trainingPattern().loss(), 1e-6 * nestThird, "NEST's loss of iteration 3");
        assertTrue(o.heldOut().loss() > 1.01 * o.trainingPattern().loss() || o.heldOut().loss() < 0.99 * o.trainingPattern().loss(),
                "the fresh-input test is another set: " + o.heldOut().loss() + " vs " + o.trainingPattern().loss());
        final Map<String, Object> s = run.write(dir, o);
        assertEquals(o.heldOut().loss(), (Double) s.get("test_loss_fresh_input"), 0.0);
        assertEquals(o.trainingPattern().loss(), (Double) s.get("training_pattern_loss"), 0.0);
        final String set = (String) s.get("test_set");
        assertTrue(set.startsWith("fresh input noise: 16 sequences of NEST's target with new Bernoulli input spikes, p = 0.05")
                && set.contains("nothing else is held out"), set);
    }

    @Test
    void shouldSayWhatTheHeldOutSetOfAClassificationTaskIs() {
        final TrainingRun run = new TrainingRun(TaskPreset.of("dms", 1), LearningRule.EPROP, Computation.EVENT, 1);
        final Map<String, Object> s = run.write(dir, run.run(2, 4, 5e-3, 2, 8, null));
        assertTrue(((String) s.get("test_set")).startsWith("held out: 8 sequences drawn with batch seed "), s.toString());
        assertNull(s.get("training_pattern_loss"));
    }
}
