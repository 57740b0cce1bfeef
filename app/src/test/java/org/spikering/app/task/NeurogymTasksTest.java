package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * The neurogym tasks' generated trials against the protocol of TASKS.md §4.1 / §4.3 restated here: with the noise off
 * and rate 1000 Hz a channel's spike fraction estimates its observation value, from which the test recomputes the
 * ground truth (and coherence or frequency pair) and compares it with the target the task wrote.
 */
final class NeurogymTasksTest {

    /** Spike fraction of channel c of sequence b over steps [t0, t1). */
    private static double fraction(final SequenceBatch x, final int b, final int c, final int n, final int t0, final int t1) {
        int k = 0;
        for (int t = t0; t < t1; t++) {
            for (int i = 0; i < n; i++) {
                k += x.inputSpikes()[(b * x.steps() + t) * x.inputs() + c * n + i] > 0 ? 1 : 0;
            }
        }
        return k / (double) ((t1 - t0) * n);
    }

    private static int targetClass(final SequenceBatch x, final int b, final int t) {
        int best = -1;
        for (int k = 0; k < x.outputs(); k++) {
            if (x.targets()[(b * x.steps() + t) * x.outputs() + k] == 1.0) {
                assertEquals(-1, best, "one-hot");
                best = k;
            }
        }
        return best;
    }

    @Test
    void perceptualDecisionTargetIsTheChoiceTheStimulusFavours() {
        // sigma 0, 1000 Hz: P(spike) = s_i = 0.5 + (c/200) cos(theta_i - theta_g); 20000 draws per channel (sd 0.0035)
        final PerceptualDecisionTask t = new PerceptualDecisionTask(100, 2000, 100, 2, 0.0, 1000, 10);
        final SequenceBatch x = t.batch(200, 5);
        final int[] coherenceCount = new int[5];
        final int[] truthCount = new int[2];
        for (int b = 0; b < 200; b++) {
            assertEquals(1.0, fraction(x, b, 0, 10, 0, 2100), 0.0, "fixation channel on until the decision");
            assertEquals(0.0, fraction(x, b, 0, 10, 2100, 2200), 0.0, "fixation channel off in the decision");
            assertEquals(0.0, fraction(x, b, 1, 10, 0, 100) + fraction(x, b, 2, 10, 0, 100), 0.0, "no stimulus in fixation");
            assertEquals(0.0, fraction(x, b, 1, 10, 2100, 2200) + fraction(x, b, 2, 10, 2100, 2200), 0.0);
            final double s0 = fraction(x, b, 1, 10, 100, 2100);
            final double s1 = fraction(x, b, 2, 10, 100, 2100);
            assertEquals(1.0, s0 + s1, 0.03, "cos(0) + cos(pi) = 0: the two channels sum to 1");
            final double diff = s0 - s1; // = (c/100) * (g == 0 ? 1 : -1)
            final double c = Math.abs(diff) * 100;
            int nearest = 0;
            for (int k = 1; k < 5; k++) {
                if (Math.abs(PerceptualDecisionTask.COHERENCES[k] - c) < Math.abs(PerceptualDecisionTask.COHERENCES[nearest] - c)) {
                    nearest = k;
                }
            }
            assertEquals(PerceptualDecisionTask.COHERENCES[nearest], c, 2.5, "coherence on the grid");
            coherenceCount[nearest]++;
            final int g = targetClass(x, b, 2150);
            truthCount[g]++;
            if (nearest > 0) {
                assertEquals(diff > 0 ? 0 : 1, g, "sequence " + b + ": s0 - s1 = " + diff);
            }
            for (int s = 0; s < 2200; s++) {
                assertEquals(s >= 2100, x.lossMask()[b * 2200 + s], "loss only in the decision period");
                if (s >= 2100) {
                    assertEquals(g, targetClass(x, b, s));
                }
            }
        }
        for (int k = 0; k < 5; k++) {
            // Binomial(200, 1/5): mean 40, sd 5.7; within 4 sd
            assertTrue(Math.abs(coherenceCount[k] - 40) < 23, Arrays.toString(coherenceCount));
        }
        assertTrue(Math.abs(truthCount[0] - 100) < 29, Arrays.toString(truthCount)); // sd 7.1
    }

    @Test
    void perceptualDecisionNoiseIsNeurogymsSigmaPerStepThenClipped() {
        // c = 0 trials and any other: channel mean rate = E[clamp(s + sigma xi, 0, 1)] = integral_0^1 P(s + sigma xi > u) du
        final PerceptualDecisionTask t = new PerceptualDecisionTask(0, 2000, 1, 2, 1.0, 1000, 10);
        final SequenceBatch x = t.batch(60, 9);
        for (int b = 0; b < 60; b++) {
            final int g = targetClass(x, b, 2000);
            final double sum = fraction(x, b, 1, 10, 0, 2000) + fraction(x, b, 2, 10, 0, 2000);
            // s_0 + s_1 = 1 and the clipped mean is symmetric about 0.5: E(s) + E(1 - s) = 1 exactly; the 10 neurons of a
            // channel share each step's noisy value, so a channel's fraction has sd about sqrt(0.2 / 2000) = 0.01
            assertEquals(1.0, sum, 0.06, "sequence " + b);
            final double own = fraction(x, b, 1 + g, 10, 0, 2000);
            assertTrue(own > 0.5 - 0.045, "the true choice's channel is not below 0.5: " + own);
        }
        // sigma 1, s = 0.5 (c = 0): expected clipped value 0.5; s = 0.756 (c = 51.2): compute it by quadrature
        final double e = clippedMean(0.756, 1.0);
        assertTrue(e > 0.55 && e < 0.6, "E[clamp] = " + e + ": clipping shrinks the 0.256 signal");
        final PerceptualDecisionTask strong = new PerceptualDecisionTask(0, 4000, 1, 2, 1.0, 1000, 10);
        final SequenceBatch y = strong.batch(100, 11);
        // the grand mean of the true choice's channel over all trials against the mixture of coherences
        double mean = 0;
        for (int b = 0; b < 100; b++) {
            mean += fraction(y, b, 1 + targetClass(y, b, 4000), 10, 0, 4000) / 100;
        }
        double expected = 0;
        for (double c : PerceptualDecisionTask.COHERENCES) {
            expected += clippedMean(0.5 + c / 200, 1.0) / 5;
        }
        // 100 trials: sd of the mean from the coherence mixture about 0.003 (range 0.5-0.58), from the noise 0.0007;
        // without the clipping the mean would be 0.5 + 19.2/200 = 0.596
        assertTrue(expected < 0.56, "clipped mixture mean " + expected);
        assertEquals(expected, mean, 0.015);
    }

    /** ∫_0^1 P(s + σξ &gt; u) du by the midpoint rule, P from the complementary error function. */
    private static double clippedMean(final double s, final double sigma) {
        final int n = 20000;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            final double u = (k + 0.5) / n;
            sum += 0.5 * erfc((u - s) / (sigma * Math.sqrt(2)));
        }
        return sum / n;
    }

    /** erfc by Abramowitz &amp; Stegun 7.1.26 (|error| &lt; 1.5e-7). */
    private static double erfc(final double z) {
        final double a = Math.abs(z);
        final double t = 1 / (1 + 0.3275911 * a);
        final double y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-a * a);
        return z >= 0 ? y : 2 - y;
    }

    @Test
    void delayComparisonTargetSaysWhetherTheFirstFrequencyIsHigher() {
        // sigma 0, 1000 Hz: P(spike) = (1 + (f - 10)/24)/2, so f = 10 + 24 (2 P - 1); 5000 draws per stimulus (sd 0.007,
        // i.e. 0.34 Hz); the pairs are 8 Hz apart on a 4-Hz grid
        final DelayComparisonTask t = new DelayComparisonTask(500, 500, 1000, 100, 0.0, 1000, 10);
        final SequenceBatch x = t.batch(200, 3);
        final int[] pairCount = new int[5];
        int firstHigher = 0;
        for (int b = 0; b < 200; b++) {
            assertEquals(1.0, fraction(x, b, 0, 10, 0, 2500), 0.0);
            assertEquals(0.0, fraction(x, b, 0, 10, 2500, 2600), 0.0);
            assertEquals(0.0, fraction(x, b, 1, 10, 0, 500), 0.0, "no stimulus in fixation");
            assertEquals(0.0, fraction(x, b, 1, 10, 1000, 2000), 0.0, "no stimulus in the delay");
            assertEquals(0.0, fraction(x, b, 1, 10, 2500, 2600), 0.0, "no stimulus in the decision");
            final double f1 = 10 + 24 * (2 * fraction(x, b, 1, 10, 500, 1000) - 1);
            final double f2 = 10 + 24 * (2 * fraction(x, b, 1, 10, 2000, 2500) - 1);
            // nearest point of the frequency grid 10, 14, ..., 34 Hz
            final double hi = 10 + 4 * Math.round((Math.max(f1, f2) - 10) / 4);
            final double lo = 10 + 4 * Math.round((Math.min(f1, f2) - 10) / 4);
            assertEquals(hi, Math.max(f1, f2), 1.5, "4.4 sd");
            assertEquals(lo, Math.min(f1, f2), 1.5, "4.4 sd");
            assertEquals(8, hi - lo, 0.0, "f1 = " + f1 + ", f2 = " + f2);
            final int pair = (int) ((hi - 18) / 4);
            assertEquals(18 + 4 * pair, hi, 0.0, "f_a in {18, 22, 26, 30, 34}");
            pairCount[pair]++;
            final int g = targetClass(x, b, 2599);
            assertEquals(f1 > f2 ? 0 : 1, g, "sequence " + b + ": f1 " + f1 + ", f2 " + f2);
            firstHigher += g == 0 ? 1 : 0;
            for (int s = 0; s < 2600; s++) {
                assertEquals(s >= 2500, x.lossMask()[b * 2600 + s]);
            }
        }
        for (int k = 0; k < 5; k++) {
            assertTrue(Math.abs(pairCount[k] - 40) < 23, Arrays.toString(pairCount));
        }
        assertTrue(Math.abs(firstHigher - 100) < 29, "f1 > f2 in " + firstHigher + " of 200");
    }

    @Test
    void sameSeedSameBatchOtherSeedOtherBatch() {
        final PerceptualDecisionTask p = new PerceptualDecisionTask(10, 50, 10, 3, 1.0, 100, 4);
        assertArrayEquals(p.batch(8, 42).inputSpikes(), p.batch(8, 42).inputSpikes());
        assertArrayEquals(p.batch(8, 42).targets(), p.batch(8, 42).targets());
        assertFalse(Arrays.equals(p.batch(8, 42).inputSpikes(), p.batch(8, 43).inputSpikes()));
        final DelayComparisonTask d = new DelayComparisonTask(10, 20, 30, 10, 1.0, 100, 4);
        assertArrayEquals(d.batch(8, 42).inputSpikes(), d.batch(8, 42).inputSpikes());
        assertArrayEquals(d.batch(8, 42).targets(), d.batch(8, 42).targets());
        assertFalse(Arrays.equals(d.batch(8, 42).inputSpikes(), d.batch(8, 43).inputSpikes()));
        assertEquals(16, p.inputs());
        assertEquals(3, p.outputs());
        assertEquals(70, p.steps());
        assertEquals(8, d.inputs());
        assertEquals(90, d.steps());
    }

    @Test
    void threeChoiceRingPutsTheMaximumOnTheTruth() {
        final PerceptualDecisionTask t = new PerceptualDecisionTask(0, 1000, 1, 3, 0.0, 1000, 10);
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < 3; i++) {
                final double angle = 2 * Math.PI * i / 3 - 2 * Math.PI * g / 3;
                assertEquals(0.5 + 0.256 * Math.cos(angle), t.stimulus(g, 51.2, i), 1e-12);
            }
        }
    }
}
