package org.spikering.app.spec.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.LearningRule;

/**
 * Each shipped preset file {@code examples/<task>.yaml} builds exactly the preset the Java code built before
 * ({@link ReferencePresets}, the old {@code TaskPreset.of}): task, every network constant, ALIF flags, every initial
 * weight bit, optimizer, learning rate, batch and iterations; and a short training from the file gives the same
 * learning curve and weights, bit for bit.
 */
class PresetFilesTest {

    static void assertSameNetwork(final RecurrentNetwork want, final RecurrentNetwork got) {
        assertEquals(want.inputs(), got.inputs(), "inputs");
        assertEquals(want.recurrent(), got.recurrent(), "recurrent");
        assertEquals(want.outputs(), got.outputs(), "outputs");
        assertEquals(want.params(), got.params(), "network constants");
        assertArrayEquals(want.adaptiveFlags(), got.adaptiveFlags(), "ALIF flags");
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertArrayEquals(want.weights(id), got.weights(id), id + " weights");
        }
    }

    static void assertSameBatch(final SequenceBatch want, final SequenceBatch got) {
        assertArrayEquals(want.inputSpikes(), got.inputSpikes(), "batch inputs");
        assertArrayEquals(want.targets(), got.targets(), "batch targets");
        assertArrayEquals(want.lossMask(), got.lossMask(), "batch mask");
    }

    @ParameterizedTest
    @CsvSource({"sine-nest, 1", "sine-bellec, 1", "sine-bellec, 7", "evidence, 1", "evidence, 7", "dms, 3", "nback, 1",
        "nback, 4"})
    void fileBuildsThePresetBitForBit(final String task, final long seed) {
        final TaskPreset want = ReferencePresets.of(task, seed);
        final TaskPreset got = TrainingSpec.preset(Examples.load(task, List.of("seed=" + seed)));
        assertEquals(want.name(), got.name());
        assertEquals(want.source().getClass(), got.source().getClass());
        if (want.source() instanceof Record) {
            assertEquals(want.source(), got.source(), "task parameters");
        }
        assertSameBatch(want.source().batch(3, 11), got.source().batch(3, 11));
        assertSameNetwork(want.network(), got.network());
        assertEquals(want.optimizerSettings(), got.optimizerSettings(), "optimizer");
        assertEquals(want.learningRate(), got.learningRate(), 0.0, "lr");
        assertEquals(want.batchSize(), got.batchSize(), "batch");
        assertEquals(want.iterations(), got.iterations(), "iterations");
        assertEquals(want.scoredSteps(), got.scoredSteps(), "scored steps");
        assertEquals(want.nestReference(), got.nestReference(), "nest reference");
        assertEquals(want.feedbackGain(), got.feedbackGain(), 0.0, "feedback gain");
        // and the built-in preset of the CLI is the file
        assertSameNetwork(want.network(), TaskPreset.of(task, seed).network());
    }

    @ParameterizedTest
    @CsvSource({"sine-nest, eprop", "sine-nest, nest-eprop", "sine-bellec, random-eprop", "evidence, eprop",
        "dms, bptt", "nback, eprop"})
    void shortTrainingFromTheFileGivesThePresetsLearningCurve(final String task, final String rule) {
        final LearningRule r = LearningRule.valueOf(rule.toUpperCase().replace('-', '_'));
        final TaskPreset ref = ReferencePresets.of(task, 2);
        final TaskPreset file = TrainingSpec.preset(Examples.load(task, List.of("seed=2")));
        final TrainingRun a = new TrainingRun(ref, r, Computation.EVENT, 2);
        final TrainingRun b = new TrainingRun(file, r, Computation.EVENT, 2);
        final int batch = Math.min(2, ref.batchSize());
        final List<IterationResult> ca = a.run(3, batch, ref.learningRate(), 2, 2, null).curve();
        final List<IterationResult> cb = b.run(3, batch, file.learningRate(), 2, 2, null).curve();
        assertEquals(ca, cb, "learning curve");
        assertSameNetwork(a.trainedModel().network(), b.trainedModel().network());
        assertEquals(a.trainedModel().state().keySet(), b.trainedModel().state().keySet());
        for (String k : a.trainedModel().state().keySet()) {
            assertArrayEquals(a.trainedModel().state().get(k), b.trainedModel().state().get(k), "optimizer " + k);
        }
    }
}
