package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * The neurogym tasks on neurogym's own step (dt = 100 ms, its default; Liu et al. 2024's setting): periods become
 * period/dt steps and the stimulus noise per step is σ/√dt (neurogym's {@code sigma / sqrt(dt)}), checked by the sample
 * standard deviation of the observation around its noise-free value (3 standard errors); a step that does not divide a
 * period, or a step above 1 ms with the spike encoding, is refused naming the field.
 */
class NeurogymStepTest {

    @Test
    void perceptualDecisionOnHundredMsSteps() {
        final PerceptualDecisionTask t = new PerceptualDecisionTask(100, 2000, 100, 2, 1.0, 0, 1, InputEncoding.ANALOG, 100);
        assertEquals(22, t.steps());
        final int n = 400;
        final SequenceBatch b = t.batch(n, 3);
        double sum = 0;
        double sum2 = 0;
        long count = 0;
        for (int s = 0; s < n; s++) {
            for (int step = 0; step < 22; step++) {
                final float fix = b.inputSpikes()[b.inputIndex(s, step, 0)];
                assertEquals(step < 21 ? 1f : 0f, fix, "fixation cue until the decision step");
                assertEquals(step == 21, b.lossMask()[b.maskIndex(s, step)], "the loss at the one decision step");
                if (step >= 1 && step < 21) {
                    // channels 1, 2: 0.5 ± (c/200) + noise; their sum removes the signal: s1 + s2 = 1 + noise1 + noise2
                    final double d = b.inputSpikes()[b.inputIndex(s, step, 1)] + b.inputSpikes()[b.inputIndex(s, step, 2)] - 1.0;
                    sum += d;
                    sum2 += d * d;
                    count++;
                } else {
                    assertEquals(0f, b.inputSpikes()[b.inputIndex(s, step, 1)], "no stimulus outside its period");
                }
            }
        }
        final double mean = sum / count;
        final double sd = Math.sqrt((sum2 - count * mean * mean) / (count - 1));
        final double want = Math.sqrt(2) * 1.0 / Math.sqrt(100);       // two channels of sd sigma/sqrt(dt) = 0.1
        final double se = want / Math.sqrt(2.0 * (count - 1));         // standard error of a sample sd
        assertEquals(want, sd, 3 * se, "noise per step sigma/sqrt(dt)");
        assertEquals(0.0, mean, 3 * want / Math.sqrt(count));
    }

    @Test
    void delayComparisonOnHundredMsSteps() {
        final DelayComparisonTask t = new DelayComparisonTask(500, 500, 1000, 100, 0.0, 0, 1, InputEncoding.ANALOG, 100);
        assertEquals(26, t.steps());
        final SequenceBatch b = t.batch(2, 1);
        for (int step = 0; step < 26; step++) {
            final float v = b.inputSpikes()[b.inputIndex(0, step, 1)];
            final boolean stimulus = step >= 5 && step < 10 || step >= 20 && step < 25;
            assertTrue(stimulus ? v >= 0.5f && v <= 1f : v == 0f, "step " + step + ": " + v);
        }
    }

    @Test
    void aStepThatDoesNotFitIsRefusedNamingTheField() {
        assertEquals("stimulus_ms = 2050: must be a whole number of steps of 100 ms (training.network.dt_ms)",
                assertThrows(IllegalArgumentException.class, () -> new PerceptualDecisionTask(100, 2050, 100, 2, 1.0, 0, 1,
                        InputEncoding.ANALOG, 100)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DelayComparisonTask(500, 500, 1000, 100, 1.0,
                100, 10, InputEncoding.SPIKES, 100)).getMessage().contains("only with encoding analog"));
    }
}
