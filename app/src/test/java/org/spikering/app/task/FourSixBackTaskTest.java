package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.data.SequenceBatch;

/** The (4,6)-back encoding and target statistics, checked against closed forms. */
final class FourSixBackTaskTest {

    /** Cross-entropy −p ln q − (1 − p) ln(1 − q) of the prediction q against the soft target p, nats. */
    private static double ce(final double p, final double q) {
        return -p * Math.log(q) - (1 - p) * Math.log(1 - q);
    }

    /** Bits read back from the spikes: 1 where the x = 1 group (the first) is the active one. */
    private static int[][] decode(final FourSixBackTask t, final SequenceBatch b) {
        final int g = t.neuronsPerGroup();
        final int[][] bits = new int[b.batchSize()][t.symbols()];
        for (int s = 0; s < b.batchSize(); s++) {
            for (int n = 0; n < t.symbols(); n++) {
                int on = 0;
                int off = 0;
                for (int step = n * t.stepsPerSymbol(); step < (n + 1) * t.stepsPerSymbol(); step++) {
                    for (int i = 0; i < g; i++) {
                        on += (int) b.inputSpikes()[b.inputIndex(s, step, i)];
                        off += (int) b.inputSpikes()[b.inputIndex(s, step, g + i)];
                    }
                }
                // at 1000 Hz and 1-ms steps the active group fires every step: a burst of g·steps spikes, the other is silent
                assertEquals(g * t.stepsPerSymbol(), on + off, "spikes of symbol " + n);
                assertEquals(0, Math.min(on, off), "one group per symbol");
                bits[s][n] = on > 0 ? 1 : 0;
            }
        }
        return bits;
    }

    @Test
    void shouldEncodeEachSymbolAsANoiseFreeBurstOfOneGroup() {
        final FourSixBackTask t = FourSixBackTask.standard();
        assertEquals(1, t.stepsPerSymbol());
        assertEquals(1000.0, t.rateHz(), 0.0);
        final SequenceBatch b = t.batch(100, 4);
        final int[][] bits = decode(t, b);
        int ones = 0;
        for (int[] seq : bits) {
            for (int x : seq) {
                ones += x;
            }
        }
        // Bernoulli(0.5): 6000 bits, sd of the fraction 0.0065
        assertEquals(0.5, ones / 6000.0, 0.03);
    }

    @Test
    void shouldScoreTheLastStepOfEverySymbolFromTheSeventhOnWithTheSoftTarget() {
        final FourSixBackTask t = new FourSixBackTask(12, 3, 2, 1000);
        final SequenceBatch b = t.batch(20, 8);
        final int[][] bits = decode(t, b);
        for (int s = 0; s < 20; s++) {
            for (int step = 0; step < t.steps(); step++) {
                final int n = step / 3;
                final boolean scored = n >= 6 && step % 3 == 2;
                assertEquals(scored, b.lossMask()[b.maskIndex(s, step)], "mask of step " + step);
                final double p = scored ? 0.5 + 0.5 * bits[s][n - 4] - 0.25 * bits[s][n - 6] : 0;
                assertEquals(p, b.targets()[b.targetIndex(s, step, 0)], 0.0, "p of step " + step);
                assertEquals(scored ? 1 - p : 0, b.targets()[b.targetIndex(s, step, 1)], 0.0);
            }
        }
        assertEquals(6, t.scoredStepsPerSequence());
    }

    @Test
    void shouldGiveTheThreePredictorsTheirAnalyticCrossEntropies() {
        final FourSixBackTask t = FourSixBackTask.standard();
        final SequenceBatch b = t.batch(400, 6);
        final int[][] bits = decode(t, b);
        double nothing = 0;
        double fourBack = 0;
        double both = 0;
        int n = 0;
        for (int s = 0; s < b.batchSize(); s++) {
            for (int k = 6; k < t.symbols(); k++) {
                final double p = b.targets()[b.targetIndex(s, k, 0)];
                nothing += ce(p, 5.0 / 8);
                fourBack += ce(p, bits[s][k - 4] == 1 ? 7.0 / 8 : 3.0 / 8);
                both += p == 1.0 ? 0 : ce(p, p);
                n++;
            }
        }
        assertEquals(400 * t.scoredStepsPerSequence(), n);
        final FourSixBackTask.Bounds bounds = FourSixBackTask.bounds();
        // 21600 symbols; per-symbol sd of each loss < 0.3, so the sampling sd of the means is < 0.002
        assertEquals(bounds.nothingLearned(), nothing / n, 0.008);
        assertEquals(bounds.fourBackLearned(), fourBack / n, 0.008);
        assertEquals(bounds.bothLearned(), both / n, 0.008);
    }
}
