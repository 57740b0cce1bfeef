package org.spikering.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * Song, Miller &amp; Abbott 2000 with the engine's pair STDP: after 300 s the weights are bimodal (most within 10 % of a
 * bound) and the correlated half sits at the top while the uncorrelated half falls (their Figs. 1 and 4); the same
 * seed gives the same bits; a frozen synapse keeps its weight.
 */
final class SongNetworkTest {
    private static final double W_MAX = 12.0;

    private static SongNetwork.Result run(final double seconds, final long seed, final BitSet mask) {
        return SongNetwork.run(SongNetwork.Config.defaults(seconds * 1000, seed), StdpRules.pair(PairStdp.song2000(W_MAX), 1.0, 1),
                FloatArithmetic.INSTANCE, W_MAX / 2, 1.0, mask);
    }

    @Test
    void shouldMakeTheWeightsBimodalAndSelectTheCorrelatedInputs() {
        final SongNetwork.Result r = run(300, 1, null);
        int nearBound = 0;
        for (double w : r.weights()) {
            if (w <= 0.1 * W_MAX || w >= 0.9 * W_MAX) {
                nearBound++;
            }
        }
        final int last = r.timesS().length - 1;
        assertTrue(nearBound >= 700, "bimodal: " + nearBound + " of 1000 within 10 % of a bound");
        assertTrue(r.meanCorrelated()[last] >= 0.9 * W_MAX, "correlated half at the top: " + r.meanCorrelated()[last]);
        assertTrue(r.meanOthers()[last] <= 0.25 * W_MAX, "uncorrelated half falls: " + r.meanOthers()[last]);
    }

    @Test
    void shouldRepeatBitForBitAndKeepFrozenSynapses() {
        final BitSet mask = new BitSet(1000);
        mask.set(0, 1000, true);
        mask.clear(3);
        mask.clear(700);
        final SongNetwork.Result a = run(20, 4, mask);
        final SongNetwork.Result b = run(20, 4, mask);
        assertArrayEquals(a.weights(), b.weights(), 0.0);
        assertEquals(W_MAX / 2, a.weights()[3], 0.0);
        assertEquals(W_MAX / 2, a.weights()[700], 0.0);
        assertTrue(a.weights()[4] != W_MAX / 2 && a.weights()[701] != W_MAX / 2);
    }
}
