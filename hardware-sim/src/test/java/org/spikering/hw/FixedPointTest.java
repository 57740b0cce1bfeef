package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.hw.fixedpoint.FixedLifParams;
import org.spikering.hw.fixedpoint.FixedPointFormat;
import org.spikering.hw.fixedpoint.FixedPointLifPopulation;
import org.spikering.hw.fixedpoint.FloatCubaLif;
import org.spikering.hw.fixedpoint.OverflowCounter;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.fixedpoint.WeightQuantizer;

final class FixedPointTest {

    @Test
    void shouldBeUnbiasedWhenRoundingStochastically() {
        final SplittableRandom rng = new SplittableRandom(7);
        for (double x : new double[] {0.3, -2.71, 5.999, 0.01}) {
            final int n = 100_000;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Rounding.STOCHASTIC.round(x, rng);
            }
            final double p = x - Math.floor(x);
            final double sigma = Math.sqrt(p * (1 - p) / n);
            assertEquals(x, sum / n, 4 * sigma + 1e-12, "SR mean for x = " + x);
        }
        // round-to-nearest is biased: 0.3 LSB is lost every time
        assertEquals(0L, Rounding.NEAREST.round(0.3, null));
        assertEquals(-2L, Rounding.TRUNCATE.round(-2.7, null));
        assertEquals(-3L, Rounding.NEAREST.round(-2.7, null));
    }

    @Test
    void shouldMatchLavaGoldenSequenceWhenOnlyCurrentDecays() {
        // HARDWARE.md 1.1: du = 2047 (decay 1/2), impulse 128 -> u = 2^13, 2^12, ...; u >> 6 = 128, 64, ...
        final FixedLifParams p = FixedLifParams.lava(2047, 0, 131071, 0, 0);
        final FixedPointLifPopulation fx = new FixedPointLifPopulation(1, p);
        final FloatCubaLif fl = new FloatCubaLif(1, p);
        final int[] sp = new int[1];
        for (int t = 0; t < 8; t++) {
            final double[] in = {t == 0 ? 128 : 0};
            fx.update(t, 0, 1, in, null, sp, 0);
            fl.update(in, sp);
            assertEquals(1L << (13 - t), fx.rawCurrent(0), "u at step " + t);
            assertEquals(128 >> t, fx.rawCurrent(0) >> 6);
            assertEquals((double) (128 >> t), fl.current(0), 0.0);
        }
    }

    @Test
    void shouldMatchLavaGoldenSequenceWhenOnlyVoltageDecays() {
        // du = 4095: u is only this step's input; dv = 2048: v halves
        final FixedLifParams p = FixedLifParams.lava(4095, 2048, 131071, 0, 0);
        final FixedPointLifPopulation fx = new FixedPointLifPopulation(1, p);
        final FloatCubaLif fl = new FloatCubaLif(1, p);
        final int[] sp = new int[1];
        for (int t = 0; t < 8; t++) {
            final double[] in = {t == 0 ? 128 : 0};
            fx.update(t, 0, 1, in, null, sp, 0);
            fl.update(in, sp);
            assertEquals(1L << (13 - t), fx.rawVoltage(0), "v at step " + t);
            assertEquals((double) (128 >> t), fl.voltage(0), 0.0);
        }
    }

    /** Returns {identical spike count, differing (neuron, step) entries, first divergence step or -1}. */
    private static long[] compare(FixedLifParams p, int n, int steps, long seed) {
        final FixedPointLifPopulation fx = new FixedPointLifPopulation(n, p);
        final FloatCubaLif fl = new FloatCubaLif(n, p);
        final SplittableRandom rng = new SplittableRandom(seed);
        final int[] a = new int[n];
        final int[] b = new int[n];
        final double[] in = new double[n];
        long differing = 0;
        long total = 0;
        long first = -1;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                in[i] = rng.nextInt(-10, 41);
            }
            final int ca = fx.update(t, 0, n, in.clone(), null, a, 0);
            final int cb = fl.update(in, b);
            total += ca;
            final boolean[] sa = new boolean[n];
            for (int k = 0; k < ca; k++) {
                sa[a[k]] = true;
            }
            final boolean[] sb = new boolean[n];
            for (int k = 0; k < cb; k++) {
                sb[b[k]] = true;
            }
            for (int i = 0; i < n; i++) {
                if (sa[i] != sb[i]) {
                    differing++;
                    if (first < 0) {
                        first = t;
                    }
                }
            }
        }
        return new long[] {total, differing, first};
    }

    @Test
    void shouldGiveIdenticalSpikesWhenFixedPointIsWide() {
        final FixedLifParams wide = new FixedLifParams(2047, 2048, 50, 0, 0, 50, 24, 16, 1.0);
        final long[] r = compare(wide, 50, 1000, 3);
        assertTrue(r[0] > 1000, "the test must produce spikes, got " + r[0]);
        assertEquals(0L, r[1], "differing spikes with 24 fractional bits");
    }

    @Test
    void shouldDivergeMeasurablyWhenFixedPointIsNarrow() {
        final FixedLifParams narrow = new FixedLifParams(2047, 2048, 50, 0, 0, 50, 0, 16, 1.0);
        final long[] r = compare(narrow, 50, 1000, 3);
        assertTrue(r[1] > 0, "0 fractional bits should lose the halved remainders and change spikes");
        assertTrue(r[2] >= 0 && r[2] < 1000);
        System.out.println("narrow (shift 0) vs float: spikes " + r[0] + ", differing " + r[1] + ", first divergence step " + r[2]);
    }

    @Test
    void shouldGiveSameSpikesWhateverThePartitionWhenRunTwice() {
        final FixedLifParams p = FixedLifParams.lava(1000, 300, 200, 0, 0);
        final FixedPointLifPopulation one = new FixedPointLifPopulation(40, p);
        final FixedPointLifPopulation split = new FixedPointLifPopulation(40, p);
        final SplittableRandom rng = new SplittableRandom(11);
        for (int t = 0; t < 300; t++) {
            final double[] in = new double[40];
            for (int i = 0; i < 40; i++) {
                in[i] = rng.nextInt(0, 30);
            }
            final int[] a = new int[40];
            final int[] b = new int[40];
            final int ca = one.update(t, 0, 40, in, null, a, 0);
            int cb = split.update(t, 0, 17, in, null, b, 0);
            cb = split.update(t, 17, 40, in, null, b, cb);
            assertArrayEquals(java.util.Arrays.copyOf(a, ca), java.util.Arrays.copyOf(b, cb));
        }
        for (int i = 0; i < 40; i++) {
            assertEquals(one.rawVoltage(i), split.rawVoltage(i));
        }
    }

    @Test
    void shouldSaturateVoltageAndWrapCurrentAndCountBoth() {
        // 8-bit state, shift 0: max 127. No decay on u (du 0 -> factor 4095/4096), vth above range.
        final FixedLifParams p = new FixedLifParams(0, 0, 131071, 0, 0, 8, 0, 16, 1.0);
        final FixedPointLifPopulation pop = new FixedPointLifPopulation(1, p);
        final int[] sp = new int[1];
        for (int t = 0; t < 5; t++) {
            pop.update(t, 0, 1, new double[] {50}, null, sp, 0);
            assertTrue(pop.rawVoltage(0) <= 127 && pop.rawVoltage(0) >= -127);
            assertTrue(pop.rawCurrent(0) <= 127 && pop.rawCurrent(0) >= -128);
        }
        assertTrue(pop.overflow().saturations() > 0, "v saturations counted");
        assertTrue(pop.overflow().wraps() > 0, "u wraps counted");
        // input beyond 16 bits saturates, counted
        final FixedPointLifPopulation big = new FixedPointLifPopulation(1, FixedLifParams.lava(0, 0, 131071, 0, 0));
        big.update(0, 0, 1, new double[] {1e6}, null, sp, 0);
        assertEquals(32767L << 6, big.rawCurrent(0));
        assertEquals(1L, big.overflow().saturations());
    }

    @Test
    void shouldSaturateOrWrapFormatValuesAndCountThem() {
        final OverflowCounter c = new OverflowCounter();
        final FixedPointFormat sat = new FixedPointFormat(8, 4, true);
        assertEquals(127L, sat.toRaw(100.0, Rounding.NEAREST, null, c));
        assertEquals(1L, c.saturations());
        final FixedPointFormat wrap = new FixedPointFormat(8, 0, false);
        assertEquals(-128L, wrap.fit(128, c));
        assertEquals(1L, c.wraps());
        assertEquals(1.5, sat.toDouble(sat.toRaw(1.5, Rounding.NEAREST, null, c)), 0.0);
    }

    @Test
    void shouldQuantizeWeightsAndCountSaturation() {
        final WeightQuantizer q = new WeightQuantizer(8, -4, Rounding.NEAREST, 1);
        assertEquals(0.0625 * 3, q.quantize(0.19), 0.0);
        assertEquals(127 * 0.0625, q.quantize(100.0), 0.0);
        assertEquals(-128 * 0.0625, q.quantize(-100.0), 0.0);
        assertEquals(2L, q.overflow().saturations());
        final double[] w = {0.9, -3.0, 2.5};
        final WeightQuantizer fit = WeightQuantizer.fitting(w, 4, Rounding.TRUNCATE, 1);
        fit.requireRepresentable(w, "w");
        fit.quantizeInPlace(w);
        assertEquals(0L, fit.overflow().saturations());
        assertEquals(-3.0, w[1], 0.0);
    }

    @Test
    void shouldRejectBadInputNamingTheLimit() {
        final WeightQuantizer q = new WeightQuantizer(8, 0, Rounding.NEAREST, 1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> q.requireRepresentable(new double[] {1.0, 300.0}, "w_rec"));
        assertTrue(e.getMessage().contains("8-bit") && e.getMessage().contains("w_rec[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightQuantizer(1, 0, Rounding.NEAREST, 1));
        final IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> FixedLifParams.lava(5000, 0, 10, 0, 0));
        assertTrue(d.getMessage().startsWith("du = 5000"), d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FixedPointFormat(8, 8, true));
        assertThrows(IllegalArgumentException.class, () -> Rounding.parse("up"));
    }
}
