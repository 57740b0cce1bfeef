package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.LearningRule;

/** Statistics, timing and determinism of the task generators, checked against closed forms. */
final class TaskStatisticsTest {

    /** E[max(R, 7 − R)]/7 for R ~ Bin(7, 0.7): the expected share of cues on the side that wins the trial. */
    private static double expectedMajorityShare(final int n, final double p) {
        double e = 0;
        for (int r = 0; r <= n; r++) {
            e += binomial(n, r) * Math.pow(p, r) * Math.pow(1 - p, n - r) * Math.max(r, n - r);
        }
        return e / n;
    }

    private static double binomial(final int n, final int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    @Test
    void shouldDrawEvidenceCuesWithProbabilitiesPointSevenAndPointThree() {
        final EvidenceAccumulationTask t = EvidenceAccumulationTask.standard();
        final int trials = 1000;
        final SequenceBatch b = t.batch(trials, 11);
        final float[] x = b.inputSpikes();
        int majorityCues = 0;
        for (int s = 0; s < trials; s++) {
            int right = 0;
            for (int c = 0; c < 7; c++) {
                int sr = 0;
                for (int step = c * 150; step < c * 150 + 100; step++) {
                    for (int i = 10; i < 20; i++) {
                        sr += (int) x[(s * 2250 + step) * 40 + i];
                    }
                }
                right += sr > 0 ? 1 : 0;
            }
            majorityCues += Math.max(right, 7 - right);
        }
        // closed form for p = 0.7: 0.7945...; a cue with zero spikes (P = 0.96^1000 ≈ 0) cannot be missed
        final double expected = expectedMajorityShare(7, 0.7);
        final double sd = Math.sqrt(0.25 / (7.0 * trials));
        assertEquals(expected, (double) majorityCues / (7 * trials), 4 * sd);
        // and it is distinguishable from p = 0.5 (0.656) and p = 0.9 (0.91)
        assertTrue(Math.abs(expectedMajorityShare(7, 0.5) - expected) > 10 * sd);
    }

    @Test
    void shouldPlaceEvidenceSpikesOnlyInTheirWindowsAtTheirRates() {
        final EvidenceAccumulationTask t = EvidenceAccumulationTask.standard();
        final int trials = 200;
        final SequenceBatch b = t.batch(trials, 12);
        final float[] x = b.inputSpikes();
        long cueSpikes = 0;
        long cueSlots = 0;
        long recallSpikes = 0;
        long background = 0;
        for (int s = 0; s < trials; s++) {
            for (int step = 0; step < 2250; step++) {
                final boolean cueWindow = step < 1050 && step % 150 < 100;
                final boolean recallWindow = step >= 2100;
                for (int i = 0; i < 40; i++) {
                    final float v = x[(s * 2250 + step) * 40 + i];
                    if (i < 20) {
                        if (!cueWindow) {
                            assertEquals(0f, v, "cue neuron " + i + " fires outside a cue at step " + step);
                        }
                        cueSpikes += (long) v;
                    } else if (i < 30) {
                        if (!recallWindow) {
                            assertEquals(0f, v, "recall neuron fires before the recall window at step " + step);
                        }
                        recallSpikes += (long) v;
                    } else {
                        background += (long) v;
                    }
                }
            }
            cueSlots += 7 * 100 * 10;   // one side's 10 neurons during each 100-ms cue
        }
        assertEquals(0.040, (double) cueSpikes / cueSlots, 0.002, "cue rate 40 Hz");
        assertEquals(0.040, recallSpikes / (trials * 150.0 * 10), 0.003, "recall rate 40 Hz");
        assertEquals(0.010, background / (trials * 2250.0 * 10), 0.0005, "background rate 10 Hz");
    }

    @Test
    void shouldDeriveNBackTargetsFromTheInputsFourAndSixSymbolsBack() {
        final FourSixBackTask t = FourSixBackTask.standard();
        final int trials = 50;
        final SequenceBatch b = t.batch(trials, 21);
        final int steps = t.steps();
        final int in = t.inputs();
        final int g = t.neuronsPerGroup();
        int ones = 0;
        int bitsSeen = 0;
        for (int s = 0; s < trials; s++) {
            final int[] bits = new int[t.symbols()];
            for (int n = 0; n < t.symbols(); n++) {
                int on = 0;
                int off = 0;
                for (int step = n * t.stepsPerSymbol(); step < (n + 1) * t.stepsPerSymbol(); step++) {
                    for (int i = 0; i < g; i++) {
                        on += (int) b.inputSpikes()[(s * steps + step) * in + i];
                        off += (int) b.inputSpikes()[(s * steps + step) * in + g + i];
                    }
                }
                assertTrue(on == 0 || off == 0, "one group per symbol");
                assertTrue(on + off > 0, "every symbol is visible (the active group fires every step at 1000 Hz)");
                bits[n] = on > 0 ? 1 : 0;
                ones += bits[n];
                bitsSeen++;
            }
            for (int n = 0; n < t.symbols(); n++) {
                final int last = s * steps + (n + 1) * t.stepsPerSymbol() - 1;
                assertEquals(n >= 6, b.lossMask()[last], "mask at the last step of symbol " + n);
                if (n >= 6) {
                    final double p = 0.5 + 0.5 * bits[n - 4] - 0.25 * bits[n - 6];
                    assertEquals(p, b.targets()[2 * last], 0.0, "p(symbol " + n + ")");
                    assertEquals(1 - p, b.targets()[2 * last + 1], 0.0);
                }
            }
        }
        assertEquals(0.5, (double) ones / bitsSeen, 0.03, "Bernoulli(0.5) bits");
    }

    @Test
    void shouldBalanceMatchAndNonMatchTrialsAndTimeTheCues() {
        final DelayedMatchToSampleTask t = DelayedMatchToSampleTask.standard();
        final SequenceBatch b = t.batch(2000, 5);
        int match = 0;
        for (int s = 0; s < 2000; s++) {
            match += b.targets()[(s * 24 + 23) * 2 + 1] > 0.5 ? 1 : 0;
            for (int step = 0; step < 24; step++) {
                int active = 0;
                for (int i = 0; i < 30; i++) {
                    active += (int) b.inputSpikes()[(s * 24 + step) * 30 + i];
                }
                final boolean cue = step < 2 || (step >= 18 && step < 20);
                final boolean response = step >= 20;
                assertEquals(cue || response ? 10 : 0, active, "active inputs at step " + step);
                assertEquals(response, b.lossMask()[s * 24 + step], "mask at step " + step);
            }
        }
        assertEquals(0.5, match / 2000.0, 0.035);
    }

    @Test
    void shouldBeDeterministicPerSeedForEveryTask() {
        final List<SequenceSource> sources = List.of(EvidenceAccumulationTask.standard(), FourSixBackTask.standard(),
                DelayedMatchToSampleTask.standard(), BellecSineTask.standard(3));
        for (SequenceSource src : sources) {
            final SequenceBatch a = src.batch(4, 77);
            final SequenceBatch c = src.batch(4, 77);
            assertArrayEquals(a.inputSpikes(), c.inputSpikes(), src.toString());
            assertArrayEquals(a.targets(), c.targets(), src.toString());
            assertArrayEquals(a.lossMask(), c.lossMask(), src.toString());
            if (!(src instanceof BellecSineTask)) {
                assertFalse(Arrays.equals(a.inputSpikes(), src.batch(4, 78).inputSpikes()), "seed changes " + src);
            }
        }
        // Bellec's pattern is frozen per pattern seed: same for any batch seed, different for another pattern seed
        assertArrayEquals(BellecSineTask.standard(3).batch(1, 1).inputSpikes(), BellecSineTask.standard(3).batch(1, 2).inputSpikes());
        assertFalse(Arrays.equals(BellecSineTask.standard(3).target(), BellecSineTask.standard(4).target()));
    }

    @Test
    void shouldRejectBadParametersNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FourSixBackTask(6, 10, 20, 200));
        assertTrue(e.getMessage().contains("symbols = 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EvidenceAccumulationTask(6, 100, 50, 1050, 150, 0.7, 40, 10));
        assertTrue(e.getMessage().contains("cues = 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EvidenceAccumulationTask(7, 100, 50, 1050, 150, Double.NaN, 40, 10));
        assertTrue(e.getMessage().contains("p_majority = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BellecSineTask(1000, 100, Double.NaN, 1));
        assertTrue(e.getMessage().contains("rate = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaskPreset.of("nback", 1).optimizer(Double.NaN));
        assertTrue(e.getMessage().contains("--lr = NaN"), e.getMessage());
    }

    @Test
    void shouldFollowNestsSineLossCurveOverTheFirstHundredIterations() {
        final TrainingRun run = new TrainingRun(TaskPreset.of("sine-nest", 1), LearningRule.NEST_EPROP, Computation.EVENT, 1);
        final List<IterationResult> curve = run.run(100, 1, 1e-4, 100, 1, null).curve();
        final double[] nest = NestSineWaveReference.losses200();
        for (int k = 0; k < 100; k++) {
            assertEquals(nest[k], curve.get(k).loss(), 1e-6 * nest[k], "iteration " + (k + 1));
        }
        assertTrue(curve.get(99).loss() < curve.get(0).loss() - 5, "100 iterations lower the loss (NEST: 101.96 -> 92.0): " + curve.get(99).loss());
    }

    @Test
    void shouldLowerTheBellecSineLossInThirtyIterations() {
        final TrainingRun run = new TrainingRun(TaskPreset.of("sine-bellec", 2), LearningRule.EPROP, Computation.EVENT, 2);
        final List<IterationResult> curve = run.run(30, 1, 1e-3, 30, 1, null).curve();
        assertTrue(curve.get(29).loss() < 0.8 * curve.get(0).loss(),
                "loss " + curve.get(0).loss() + " -> " + curve.get(29).loss());
    }
}
