package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.spec.network.BrokenSpecRuns;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/** The shipped perceptual-decision and delay-comparison examples: they build, train above chance, and name bad fields. */
final class NeurogymTrainingTest {

    @TempDir
    Path tmp;

    private static TrainingRun.Outcome train(final String example, final List<String> sets, final int iterations,
                                             final int testBatch) {
        final TaskPreset p = TrainingSpec.preset(Examples.load(example, sets));
        final TrainingRun run = new TrainingRun(p, LearningRule.EPROP, Computation.EVENT, 1);
        return run.run(iterations, p.batchSize(), p.learningRate(), iterations, testBatch, null);
    }

    private static final String[][] CASES = {
        {"    stimulus_ms: 2000 ", "    stimulus_ms: 0 ", "training.task.stimulus_ms: 0, must be >= 1"},
        {"    dim_ring: 2 ", "    dim_ring: 1 ", "training.task.dim_ring: 1, must be >= 2"},
        {"    noise_sigma: 1.0 ", "    noise_sigma: -0.5 ", "training.task.noise_sigma: -0.5, must be >= 0"},
        {"    rate_hz: 100.0 ", "    rate_hz: 2000 ", "training.task.rate_hz: 2000, must be <= 1000"},
        {"    fixation_ms: 100 ", "    fixation_ms: -1 ", "training.task.fixation_ms: -1, must be >= 0"},
        {"    decision_ms: 100 ", "    decision_ms: 100\n    cues: 7", "training.task.cues: 7, not a parameter of task perceptual-decision (its parameters:"
            + " fixation_ms, stimulus_ms, decision_ms, dim_ring, noise_sigma, rate_hz, neurons_per_group, encoding)"},
    };

    private static final String[][] ROMO_CASES = {
        {"    delay_ms: 1000 ", "    delay_ms: -5 ", "training.task.delay_ms: -5, must be >= 0"},
        {"    decision_ms: 100 ", "    decision_ms: 100\n    dim_ring: 2", "training.task.dim_ring: 2, not a parameter of task delay-comparison (its parameters:"
            + " fixation_ms, stimulus_ms, delay_ms, decision_ms, noise_sigma, rate_hz, neurons_per_group, encoding)"},
        {"    decision_ms: 100 ", "    decision_ms: 0 ", "training.task.decision_ms: 0, must be >= 1"},
        {"    neurons_per_group: 10 ", "    neurons_per_group: 0 ", "training.task.neurons_per_group: 0, must be >= 1"},
        {"    noise_sigma: 1.0 ", "    noise_sigma: loud ", "training.task.noise_sigma: 'loud', must be a number"},
    };

    @Test
    void brokenTaskFieldsAreNamedBeforeAnythingRuns() throws Exception {
        BrokenSpecRuns.assertEveryCaseRejected(tmp, Examples.text("perceptual-decision"), CASES, "train");
        BrokenSpecRuns.assertEveryCaseRejected(tmp, Examples.text("delay-comparison"), ROMO_CASES, "train");
    }

    @Test
    void shippedExamplesBuildTheirTasks() {
        assertEquals(PerceptualDecisionTask.standard(), TaskPreset.of("perceptual-decision", 1).source());
        assertEquals(DelayComparisonTask.standard(), TaskPreset.of("delay-comparison", 1).source());
    }

    @Test
    void perceptualDecisionLearnsAboveChance() {
        final TrainingRun.Outcome o = train("perceptual-decision", List.of("training.task.stimulus_ms=300",
                "training.batch=16"), 120, 400);
        // chance 0.5; on 400 held-out trials its sd is 0.025, so 0.6 is 4 sd above chance
        assertTrue(o.testAccuracy() > 0.6, "test accuracy " + o.testAccuracy());
    }

    @Test
    void delayComparisonLearnsAboveChance() {
        final TrainingRun.Outcome o = train("delay-comparison", List.of("training.task.fixation_ms=50",
                "training.task.delay_ms=200", "training.task.noise_sigma=0.2", "training.batch=16"), 120, 400);
        // chance 0.5; on 400 held-out trials its sd is 0.025, so 0.6 is 4 sd above chance
        assertTrue(o.testAccuracy() > 0.6, "test accuracy " + o.testAccuracy());
    }
}
