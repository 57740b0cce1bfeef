package org.spikering.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pair-STDP window of the sum-of-products engine against the analytic window A+ e^{−Δt/τ+} / −A− e^{Δt/τ−}. */
final class PairStdpWindowTest {
    private static final double A_PLUS = 0.01;
    private static final double A_MINUS = 0.012;
    private static final double TAU_PLUS = 16.8;
    private static final double TAU_MINUS = 33.7;

    private static PairStdp params(final boolean nearest) {
        return new PairStdp(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                nearest, false);
    }

    @Test
    void shouldGiveTheAnalyticWindowForOnePairInEveryEpochLength() {
        for (int epoch : new int[] {1, 7, 63}) {
            for (boolean nearest : new boolean[] {false, true}) {
                final SumOfProductsRule rule = StdpRules.pair(params(nearest), 1.0, epoch);
                for (int d = -80; d <= 80; d++) {
                    if (d == 0) {
                        continue;
                    }
                    final int pre = 100;
                    final double w = SpikeTrainProtocol.finalWeight(rule, FloatArithmetic.INSTANCE, 0.5,
                            new int[] {pre}, new int[] {pre + d}, 1.0);
                    final double expected = d > 0 ? A_PLUS * Math.exp(-d / TAU_PLUS) : -A_MINUS * Math.exp(d / TAU_MINUS);
                    assertEquals(expected, w - 0.5, 1e-12, "epoch " + epoch + " nearest " + nearest + " dt " + d);
                }
            }
        }
    }

    @Test
    void shouldSumAllEarlierPresInAllToAllButOnlyTheNearestInNearestSpike() {
        // pre at 100 and 110, post at 120: all-to-all pairs the post with both pre spikes, nearest-spike with 110 only
        final int[] pre = {100, 110};
        final int[] post = {120};
        final double all = SpikeTrainProtocol.finalWeight(StdpRules.pair(params(false), 1.0, 1), FloatArithmetic.INSTANCE,
                0.0, pre, post, 1.0);
        final double near = SpikeTrainProtocol.finalWeight(StdpRules.pair(params(true), 1.0, 1), FloatArithmetic.INSTANCE,
                0.0, pre, post, 1.0);
        assertEquals(A_PLUS * (Math.exp(-20 / TAU_PLUS) + Math.exp(-10 / TAU_PLUS)), all, 1e-12);
        assertEquals(A_PLUS * Math.exp(-10 / TAU_PLUS), near, 1e-12);
    }

    @Test
    void shouldScaleSoftBoundedChangesByTheDistanceToTheBound() {
        final PairStdp soft = new PairStdp(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 0.0, 2.0, false, true);
        final SumOfProductsRule rule = StdpRules.pair(soft, 1.0, 1);
        final double up = SpikeTrainProtocol.finalWeight(rule, FloatArithmetic.INSTANCE, 1.5, new int[] {100},
                new int[] {105}, 1.0);
        final double down = SpikeTrainProtocol.finalWeight(rule, FloatArithmetic.INSTANCE, 1.5, new int[] {105},
                new int[] {100}, 1.0);
        assertEquals(A_PLUS * Math.exp(-5 / TAU_PLUS) * (2.0 - 1.5) / 2.0, up - 1.5, 1e-12);
        assertEquals(-A_MINUS * Math.exp(-5 / TAU_MINUS) * 1.5 / 2.0, down - 1.5, 1e-12);
    }

    @Test
    void shouldClipAtTheHardBounds() {
        final PairStdp hard = new PairStdp(0.5, 0.5, 20, 20, 0.0, 1.0, false, false);
        final double w = SpikeTrainProtocol.finalWeight(StdpRules.pair(hard, 1.0, 1), FloatArithmetic.INSTANCE, 0.9,
                new int[] {10, 30, 50}, new int[] {11, 31, 51}, 1.0);
        assertEquals(1.0, w, 0.0);
    }
}
