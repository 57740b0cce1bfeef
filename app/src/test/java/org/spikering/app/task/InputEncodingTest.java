package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.spec.network.BrokenSpecRuns;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * {@code training.task.encoding}: spikes gives the batches of before bit for bit (hashes recorded from the code before
 * the field existed), analog gives the observation values as each task's protocol states them, restated here.
 */
final class InputEncodingTest {

    @TempDir
    Path dir;

    private static String hash(final SequenceBatch b) {
        return b.inputs() + " " + Arrays.hashCode(b.inputSpikes()) + " " + Arrays.hashCode(b.targets()) + " "
                + Arrays.hashCode(b.lossMask());
    }

    /** Arrays.hashCode of inputs, targets and mask, printed by the code of commit 9480c8e (before encodings). */
    @Test
    void spikesEncodingGivesTheBatchesOfBeforeBitForBit() {
        assertEquals("9 1980492033 176341505 246002561",
                hash(new PerceptualDecisionTask(100, 200, 50, 2, 1.0, 100, 3, InputEncoding.SPIKES).batch(4, 7)));
        assertEquals("6 -922470911 -1880616447 -2132867967",
                hash(new DelayComparisonTask(50, 50, 100, 20, 1.0, 100, 3, InputEncoding.SPIKES).batch(4, 7)));
        assertEquals("40 380336401 -1134761547 87597377",
                hash(new LiuPatternTask(50, 20, 0.5, 5, InputEncoding.SPIKES).batch(2, 3)));
        assertEquals("40 -80810623 -1134761547 87597377",
                hash(new LiuPatternTask(50, 20, 0.5, 5, InputEncoding.SPIKES).freshInputBatch(2, 3)));
        assertEquals("30 304617473 -1308727295 -1773949951",
                hash(new DelayedMatchToSampleTask(2, 16, 4, 10, 2.0, InputEncoding.SPIKES).batch(4, 7)));
        assertEquals("30 -187160575 2126338049 933951489",
                hash(new DelayedMatchToSampleTask(2, 16, 4, 10, 2.0, InputEncoding.SPIKES).outOfDistributionBatch(4, 7)));
        assertEquals("20 1078491137 1045171201 1193588993",
                hash(new StoreRecallTask(20, 3, 50, 5, InputEncoding.SPIKES).batch(4, 7)));
        // the presets (no encoding field in their files) are the spikes encoding: 4 groups of 25 input neurons
        assertEquals(100, TrainingSpec.preset(Examples.load("store-recall", List.of())).source().inputs());
    }

    /**
     * 2AFC analog, σ = 0: channel 0 is 1 before the decision period and 0 in it; in the stimulus the true choice's
     * channel is 0.5 + c/200 and the other 0.5 − c/200 with c one of neurogym's coherences; 0 outside the stimulus.
     */
    @Test
    void perceptualDecisionAnalogIsNeurogymsObservation() {
        final PerceptualDecisionTask t = new PerceptualDecisionTask(10, 30, 5, 2, 0.0, 0, 1, InputEncoding.ANALOG);
        final SequenceBatch b = t.batch(200, 3);
        assertEquals(3, b.inputs());
        final List<Double> halfCoh = Arrays.stream(PerceptualDecisionTask.COHERENCES).boxed().map(c -> c / 200).toList();
        for (int s = 0; s < 200; s++) {
            final int g = b.targets()[b.targetIndex(s, 44, 1)] == 1.0 ? 1 : 0;
            for (int n = 0; n < 45; n++) {
                assertEquals(n < 40 ? 1f : 0f, b.inputSpikes()[b.inputIndex(s, n, 0)], "fixation cue");
                final float truth = b.inputSpikes()[b.inputIndex(s, n, 1 + g)];
                final float other = b.inputSpikes()[b.inputIndex(s, n, 2 - g)];
                if (n < 10 || n >= 40) {
                    assertEquals(0f, truth);
                    assertEquals(0f, other);
                } else {
                    assertEquals(1.0, truth + other, 1e-6);
                    final double half = truth - 0.5;
                    assertTrue(halfCoh.stream().anyMatch(h -> Math.abs(h - half) < 1e-6), "c/200 = " + half);
                }
            }
        }
    }

    /** With σ = 1 the stimulus value is s + N(0, 1) per step, unclipped: residual variance 1, negative values occur. */
    @Test
    void perceptualDecisionAnalogNoiseHasTheStatedVariance() {
        final PerceptualDecisionTask t = new PerceptualDecisionTask(0, 400, 1, 2, 1.0, 0, 1, InputEncoding.ANALOG);
        final SequenceBatch b = t.batch(50, 4);
        double sum2 = 0;
        int n = 0;
        float min = 1;
        for (int s = 0; s < 50; s++) {
            // the two channels' noise-free values add to 1: (x1 + x2 − 1) has variance 2σ² = 2
            for (int k = 0; k < 400; k++) {
                final double r = b.inputSpikes()[b.inputIndex(s, k, 1)] + b.inputSpikes()[b.inputIndex(s, k, 2)] - 1.0;
                sum2 += r * r;
                n++;
                min = Math.min(min, b.inputSpikes()[b.inputIndex(s, k, 1)]);
            }
        }
        assertEquals(2.0, sum2 / n, 4 * 2.0 * Math.sqrt(2.0 / n), "variance of the summed noise");
        assertTrue(min < -1, "unclipped: " + min);
    }

    /** Romo analog, σ = 0: stimulus 1 and 2 carry s(f1), s(f2) of a neurogym pair, f1 > f2 for class 0. */
    @Test
    void delayComparisonAnalogCarriesTheEncodedFrequencies() {
        final DelayComparisonTask t = new DelayComparisonTask(5, 10, 20, 5, 0.0, 0, 1, InputEncoding.ANALOG);
        final SequenceBatch b = t.batch(100, 9);
        assertEquals(2, b.inputs());
        for (int s = 0; s < 100; s++) {
            final double v1 = b.inputSpikes()[b.inputIndex(s, 5, 1)];
            final double v2 = b.inputSpikes()[b.inputIndex(s, 35, 1)];
            final int g = b.targets()[b.targetIndex(s, 49, 1)] == 1.0 ? 1 : 0;
            boolean pair = false;
            for (int[] p : DelayComparisonTask.PAIRS) {
                final double hi = (1 + (p[0] - 10) / 24.0) / 2;
                final double lo = (1 + (p[1] - 10) / 24.0) / 2;
                pair |= g == 0 ? Math.abs(v1 - hi) < 1e-6 && Math.abs(v2 - lo) < 1e-6
                        : Math.abs(v1 - lo) < 1e-6 && Math.abs(v2 - hi) < 1e-6;
            }
            assertTrue(pair, "trial " + s + ": " + v1 + ", " + v2 + ", class " + g);
            assertEquals(0f, b.inputSpikes()[b.inputIndex(s, 20, 1)], "delay: 0");
            assertEquals(0f, b.inputSpikes()[b.inputIndex(s, 46, 0)], "decision: fixation off");
        }
    }

    /** pattern-liu analog: one signed input per channel, equal to the on − off pair of the spikes encoding. */
    @Test
    void patternLiuAnalogIsTheSignedChannelValue() {
        final LiuPatternTask analog = new LiuPatternTask(50, 20, 0.5, 11, InputEncoding.ANALOG);
        final LiuPatternTask pairs = new LiuPatternTask(50, 20, 0.5, 11, InputEncoding.SPIKES);
        assertEquals(20, analog.inputs());
        assertArrayEquals(analog.input(), Arrays.copyOf(analog.batch(3, 1).inputSpikes(), 1000), "the frozen input");
        for (SequenceBatch[] b : new SequenceBatch[][] {{analog.batch(3, 1), pairs.batch(3, 1)},
            {analog.freshInputBatch(3, 8), pairs.freshInputBatch(3, 8)}}) {
            final float[] x = b[0].inputSpikes();
            final float[] p = b[1].inputSpikes();
            for (int k = 0; k < x.length; k++) {
                assertEquals(p[2 * k] - p[2 * k + 1], x[k], 0f);
            }
            assertArrayEquals(b[1].targets(), b[0].targets(), 0.0);
        }
    }

    /** DMS analog: at every active step exactly one of the 3 channels is 1; the label is whether the cues' channels match. */
    @Test
    void dmsAndStoreRecallAnalogAreOneHotChannels() {
        final SequenceBatch d = new DelayedMatchToSampleTask(2, 16, 4, 1, 2.0, InputEncoding.ANALOG).batch(64, 2);
        assertEquals(3, d.inputs());
        for (int s = 0; s < 64; s++) {
            final int c1 = d.inputSpikes()[d.inputIndex(s, 0, 0)] == 1f ? 0 : 1;
            final int c2 = d.inputSpikes()[d.inputIndex(s, 18, 0)] == 1f ? 0 : 1;
            assertEquals(1f, d.inputSpikes()[d.inputIndex(s, 0, c1)] + d.inputSpikes()[d.inputIndex(s, 0, 1 - c1)]);
            assertEquals(1f, d.inputSpikes()[d.inputIndex(s, 23, 2)], "response channel");
            assertEquals(c1 == c2 ? 1.0 : 0.0, d.targets()[d.targetIndex(s, 23, 1)]);
        }
        final StoreRecallTask sr = new StoreRecallTask(3, 4, 0, 1, InputEncoding.ANALOG);
        final SequenceBatch r = sr.batch(32, 5);
        assertEquals(4, r.inputs());
        for (int s = 0; s < 32; s++) {
            for (int n = 0; n < sr.steps(); n++) {
                float sum = 0;
                for (int i = 0; i < 4; i++) {
                    sum += r.inputSpikes()[r.inputIndex(s, n, i)];
                }
                assertEquals(1f, sum, "one-hot at step " + n);
            }
            assertEquals(1f, r.inputSpikes()[r.inputIndex(s, 2 * 3, StoreRecallTask.STORE)]);
            assertEquals(1f, r.inputSpikes()[r.inputIndex(s, sr.recallCharacter() * 3, StoreRecallTask.RECALL)]);
            final int stored = r.inputSpikes()[r.inputIndex(s, 3 * 3, 1)] == 1f ? 1 : 0;
            assertEquals(1.0, r.targets()[r.targetIndex(s, sr.recallCharacter() * 3, stored)]);
        }
    }

    /** The spec field: analog builds one input per channel; the schema fills no rate or group size then. */
    @Test
    void specEncodingAnalogBuildsOneInputPerChannel() {
        assertEquals(3, TrainingSpec.preset(Examples.load("perceptual-decision",
                List.of("training.task={name: perceptual-decision, encoding: analog}"))).source().inputs());
        assertEquals(30, TrainingSpec.preset(Examples.load("perceptual-decision",
                List.of("training.task={name: perceptual-decision, encoding: spikes}"))).source().inputs());
        assertEquals(20, TrainingSpec.preset(Examples.load("pattern-liu",
                List.of("training.task.encoding=analog"))).source().inputs());
        assertEquals(2, TrainingSpec.preset(Examples.load("delay-comparison",
                List.of("training.task={name: delay-comparison, encoding: analog}"))).source().inputs());
        assertEquals(3, TrainingSpec.preset(Examples.load("dms",
                List.of("training.task={name: dms, encoding: analog}"))).source().inputs());
        assertEquals(4, TrainingSpec.preset(Examples.load("store-recall",
                List.of("training.task={name: store-recall, encoding: analog}"))).source().inputs());
    }

    @Test
    void badEncodingFieldsAreOneLineEach() throws Exception {
        final String base = Files.readString(Path.of("..", "examples", "perceptual-decision.yaml"));
        final String rate = "    rate_hz: 100.0           # input rate at observation 1";
        final String group = "    neurons_per_group: 10    # per channel: fixation, choice 1, choice 2";
        final String why = ", not with encoding analog (the input is the observation itself, one input per channel);"
                + " leave it out or set encoding spikes";
        BrokenSpecRuns.assertEveryCaseRejected(dir, base, new String[][] {
            {group, "    encoding: analog", "training.task.rate_hz: 100" + why},
            {rate, "    encoding: analog", "training.task.neurons_per_group: 10" + why},
            {"    dim_ring: 2 ", "    encoding: analogue\n    dim_ring: 2 ",
                "training.task.encoding: 'analogue', must be one of spikes, analog (did you mean 'analog'?)"},
        }, "train");
        final String analog = base.replace(rate + "\n", "").replace(group, "    encoding: analog");
        BrokenSpecRuns.assertEveryCaseRejected(dir, analog, new String[][] {
            {"  computation: event", "  computation: engine",
                "training.computation: 'engine', not with training.task.encoding analog (sim-core's spike engine takes"
                    + " 0/1 input spikes only); use event, event-stepwise or dense"},
        }, "train");
        final String ev = Files.readString(Path.of("..", "examples", "evidence.yaml"));
        BrokenSpecRuns.assertEveryCaseRejected(dir, ev, new String[][] {
            {"    cues: 7 ", "    encoding: analog\n    cues: 7 ",
                "training.task.encoding: 'analog', not a parameter of task evidence (its parameters: cues, cue_ms, gap_ms,"
                    + " delay_ms, recall_ms, p_majority, cue_rate_hz, background_rate_hz)"},
        }, "train");
    }
}
