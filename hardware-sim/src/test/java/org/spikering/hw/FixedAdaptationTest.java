package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.hw.fixedpoint.FixedAdaptation;
import org.spikering.hw.fixedpoint.FixedLifParams;
import org.spikering.hw.fixedpoint.FixedPointLifPopulation;
import org.spikering.hw.fixedpoint.FloatCubaLif;

final class FixedAdaptationTest {

    @Test
    void shouldDecayTheAdaptationStateExactlyAsTheFloatModelWhenWide() {
        // halving decay (da = 2048) of a jump of 64 with 24 fractional bits is exact in both models
        final FixedLifParams p = new FixedLifParams(4095, 0, 10, 0, 0, 50, 24, 16, 1.0);
        final FixedAdaptation ad = new FixedAdaptation(2048, 64);
        final FixedPointLifPopulation fx = new FixedPointLifPopulation(1, p, ad);
        final FloatCubaLif fl = new FloatCubaLif(1, p, ad);
        final int[] sp = new int[1];
        final double[] kick = {100};
        assertEquals(1, fx.update(0, 0, 1, kick, null, sp, 0));
        assertEquals(1, fl.update(kick, sp));
        for (int t = 1; t <= 20; t++) {
            final double[] zero = {0};
            fx.update(t, 0, 1, zero, null, sp, 0);
            fl.update(zero, sp);
            assertEquals(64.0 * Math.pow(0.5, t), fl.adaptation(0), 0.0);
            assertEquals(Math.scalb(fl.adaptation(0), 24), (double) fx.rawAdaptation(0), 0.0, "step " + t);
        }
    }

    @Test
    void shouldGiveIdenticalSpikesToTheFloatModelWhenWideAndFewerSpikesThanWithoutAdaptation() {
        final FixedLifParams wide = new FixedLifParams(2047, 2048, 50, 0, 0, 50, 24, 16, 1.0);
        final FixedAdaptation ad = new FixedAdaptation(256, 30);
        final int n = 50;
        final FixedPointLifPopulation fx = new FixedPointLifPopulation(n, wide, ad);
        final FixedPointLifPopulation plain = new FixedPointLifPopulation(n, wide);
        final FloatCubaLif fl = new FloatCubaLif(n, wide, ad);
        final SplittableRandom rng = new SplittableRandom(3);
        final int[] a = new int[n];
        final int[] b = new int[n];
        final int[] c = new int[n];
        final double[] in = new double[n];
        long adaptive = 0;
        long without = 0;
        for (int t = 0; t < 2000; t++) {
            for (int i = 0; i < n; i++) {
                in[i] = rng.nextInt(-10, 41);
            }
            final int ca = fx.update(t, 0, n, in.clone(), null, a, 0);
            final int cb = fl.update(in, b);
            without += plain.update(t, 0, n, in.clone(), null, c, 0);
            assertEquals(cb, ca, "spike count at step " + t);
            for (int k = 0; k < ca; k++) {
                assertEquals(b[k], a[k], "spike " + k + " at step " + t);
            }
            adaptive += ca;
        }
        assertTrue(adaptive > 500, "needs spikes: " + adaptive);
        assertTrue(adaptive < 0.8 * without, "adaptation must lower the rate: " + adaptive + " vs " + without);
    }

    @Test
    void shouldRejectOutOfRangeAdaptation() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FixedAdaptation(5000, 1));
        assertTrue(e.getMessage().contains("da = 5000: must be in [0, 4096]"), e.getMessage());
    }
}
