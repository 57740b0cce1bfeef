package org.spikering.hw.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.fixedpoint.RoundingStream;
import org.spikering.hw.mask.MaskFactory;
import org.spikering.plasticity.stdp.Factor;
import org.spikering.plasticity.stdp.PairStdp;
import org.spikering.plasticity.stdp.StdpRules;
import org.spikering.plasticity.stdp.SumOfProductsEngine;
import org.spikering.plasticity.stdp.SumOfProductsRule;

/**
 * The engine in Loihi's fixed-point precision against sequences computed by hand: pair STDP with A± = 2 LSB, τ± = 20
 * ms, trace impulse 64, epoch 1, w0 = 100 LSB; spikes pre at step 0, post at step 4, pre at step 6. Decay factor
 * f = e^{−1/20} = 0.951229; coefficients ±2/64 = ±1/32 (exact in 4-bit mantissa).
 */
final class LoihiLearningArithmeticTest {
    private static final double F = Math.exp(-1.0 / 20.0);
    private static final int[] PRE = {0, 6};
    private static final int[] POST = {4};

    private static SumOfProductsRule rule() {
        return StdpRules.pair(new PairStdp(2, 2, 20, 20, 0, 255, false, false), 64, 1);
    }

    /** Runs steps 0..6, returning per step {x1, y1, w} at the end of the step. */
    private static double[][] run(final LoihiLearningArithmetic ar) {
        final SumOfProductsEngine e = new SumOfProductsEngine(rule(), ar, 1, 1, new double[] {100}, null, 1.0);
        final double[][] out = new double[7][];
        for (int t = 0; t <= 6; t++) {
            for (int p : PRE) {
                if (p == t) {
                    e.preSpike(0);
                }
            }
            for (int p : POST) {
                if (p == t) {
                    e.postSpike(0);
                }
            }
            e.endStep();
            out[t] = new double[] {e.trace(Factor.X1, 0), e.trace(Factor.Y1, 0), e.weight(0, 0)};
        }
        return out;
    }

    @Test
    void shouldFollowTheHandComputedSequenceWithRoundToNearest() {
        // x1: 64 → 64f = 60.88 → 61 → 58.03 → 58 → 55.17 → 55 → 52.32 → 52 (post reads 52: w = 100 + 52/32 = 101.625 → 102)
        //   → 49.46 → 49 → (pre at 6) 46.61 → 47, + 64 = 111
        // y1: 0 until step 4 → 64 → 60.88 → 61 → (pre at 6 reads) 58.03 → 58: w = 102 − 58/32 = 100.1875 → 100
        final double[][] expected = {
            {64, 0, 100}, {61, 0, 100}, {58, 0, 100}, {55, 0, 100}, {52, 64, 102}, {49, 61, 102}, {111, 58, 100}};
        final double[][] got = run(new LoihiLearningArithmetic(Rounding.NEAREST, 0));
        for (int t = 0; t < expected.length; t++) {
            assertArrayEquals(expected[t], got[t], 0.0, "step " + t);
        }
    }

    @Test
    void shouldFollowTheHandSequenceWithStochasticRoundingFromAFixedSeed() {
        // the same sequence, every non-integer value rounded up with probability its fractional part, draws from
        // RoundingStream(42) in the engine's order: x1, y1, then the weight
        final RoundingStream rs = new RoundingStream(42);
        final double[][] expected = new double[7][];
        double x = 0;
        double y = 0;
        double w = 100;
        for (int t = 0; t <= 6; t++) {
            final boolean pre = t == 0 || t == 6;
            final boolean post = t == 4;
            x = pre ? sr(x * F, rs) + 64 : sr(x * F, rs);
            y = post ? sr(y * F, rs) + 64 : sr(y * F, rs);
            if (post) {
                w = sr(w + x / 32, rs);
            } else if (pre) {
                w = sr(w - y / 32, rs);
            }
            expected[t] = new double[] {x, y, w};
        }
        final double[][] got = run(new LoihiLearningArithmetic(Rounding.STOCHASTIC, 42));
        for (int t = 0; t < expected.length; t++) {
            assertArrayEquals(expected[t], got[t], 0.0, "step " + t);
        }
        assertArrayEquals(got[6], run(new LoihiLearningArithmetic(Rounding.STOCHASTIC, 42))[6], 0.0, "same seed, same bits");
    }

    private static double sr(final double v, final RoundingStream rs) {
        final double f = Math.floor(v);
        final double frac = v - f;
        return frac > 0 && rs.nextDouble() < frac ? f + 1 : f;
    }

    @Test
    void shouldStallASlowTraceWithRoundToNearestButDecayItOnAverageWithStochasticRounding() {
        // 16 · e^{-1/114} = 15.86 rounds back to 16: with nearest rounding the trace never decays, which is why the
        // chip rounds stochastically; with stochastic rounding the mean after 114 steps is about 16/e = 5.9
        final double f = Math.exp(-1.0 / 114);
        final LoihiLearningArithmetic nearest = new LoihiLearningArithmetic(Rounding.NEAREST, 0);
        double x = 16;
        for (int t = 0; t < 1000; t++) {
            x = nearest.decay(x, f);
        }
        assertEquals(16, x, 0.0);
        final LoihiLearningArithmetic sr = new LoihiLearningArithmetic(Rounding.STOCHASTIC, 3);
        double sum = 0;
        final int runs = 4000;
        for (int r = 0; r < runs; r++) {
            double y = 16;
            for (int t = 0; t < 114; t++) {
                y = sr.decay(y, f);
            }
            sum += y;
        }
        // the rounding is unbiased, so the mean is 16 e^{-1}; its standard error over 4000 runs is below 0.05
        assertEquals(16 * Math.exp(-1), sum / runs, 0.2);
    }

    @Test
    void shouldQuantiseCoefficientsToAFourBitMantissa() {
        assertEquals(1.0 / 32, LoihiLearningArithmetic.quantize(1.0 / 32), 0.0);
        assertEquals(13.0 / 128, LoihiLearningArithmetic.quantize(0.1), 0.0); // 0.1·128 = 12.8 → 13
        assertEquals(-9.0 / 128, LoihiLearningArithmetic.quantize(-0.07), 0.0); // 0.07·128 = 8.96 → 9
        assertEquals(0.0, LoihiLearningArithmetic.quantize(0.0), 0.0);
    }

    @Test
    void shouldSaturateTracesAtSevenBitsAndWeightsAtTheirBounds() {
        final LoihiLearningArithmetic ar = new LoihiLearningArithmetic(Rounding.NEAREST, 0);
        assertEquals(127, ar.impulse(100, 64, Double.POSITIVE_INFINITY), 0.0);
        assertEquals(64, ar.impulse(30, 64, 64), 0.0);
        assertEquals(255, ar.commit(250, 10, 0, 255), 0.0);
        assertEquals(0, ar.commit(3, -10, 0, 255), 0.0);
        assertEquals(1.0 + 3.0 / 128, ar.term(1.0 + 3.9 / 128), 0.0); // products truncate to 2^-7
        assertEquals(-1.0 - 4.0 / 128, ar.term(-1.0 - 3.1 / 128), 0.0); // toward minus infinity, as a shift
    }

    @Test
    void shouldNeverChangeUnmaskedSynapsesAndCountOnlyMaskedOnes() {
        final int nPre = 40;
        final int nPost = 5;
        final BitSet mask = MaskFactory.synapses(nPre * nPost, 0.3, 9);
        final double[] w0 = new double[nPre * nPost];
        java.util.Arrays.fill(w0, 128);
        final SumOfProductsRule rule = StdpRules.pair(new PairStdp(4, 4, 20, 20, 0, 255, false, false), 64, 1);
        final SumOfProductsEngine masked = drive(rule, nPre, nPost, w0, mask);
        final SumOfProductsEngine all = drive(rule, nPre, nPost, w0, null);
        int changed = 0;
        for (int s = 0; s < w0.length; s++) {
            if (!mask.get(s)) {
                assertEquals(Double.doubleToRawLongBits(w0[s]), Double.doubleToRawLongBits(masked.weights()[s]), "synapse " + s);
            } else if (masked.weights()[s] != w0[s]) {
                changed++;
            }
        }
        assertTrue(changed > mask.cardinality() / 2, "most plastic synapses learn: " + changed + " of " + mask.cardinality());
        assertTrue(masked.synapseUpdates() > 0 && masked.synapseUpdates() < all.synapseUpdates());
        // spikes are identical in both runs (the network does not feed back), so each run's count is its plastic
        // synapse-epochs with an active dependency: the masked count is about 30 % of the full one
        assertEquals(0.3, (double) masked.synapseUpdates() / all.synapseUpdates(), 0.05);
        final OperationCounters c = new OperationCounters();
        LearningCost.addTo(masked, c);
        assertEquals(120e-12 * masked.synapseUpdates(), EnergyModel.loihi().joules(c), 1e-18);
        assertNotEquals(masked.traceUpdates(), 0L);
    }

    private static SumOfProductsEngine drive(final SumOfProductsRule rule, final int nPre, final int nPost,
            final double[] w0, final BitSet mask) {
        final SumOfProductsEngine e = new SumOfProductsEngine(rule, new LoihiLearningArithmetic(Rounding.STOCHASTIC, 5),
                nPre, nPost, w0, mask, 1.0);
        final SplittableRandom rng = new SplittableRandom(77);
        for (int t = 0; t < 5000; t++) {
            for (int i = 0; i < nPre; i++) {
                if (rng.nextDouble() < 0.02) {
                    e.preSpike(i);
                }
            }
            for (int j = 0; j < nPost; j++) {
                if (rng.nextDouble() < 0.02) {
                    e.postSpike(j);
                }
            }
            e.endStep();
        }
        return e;
    }
}
