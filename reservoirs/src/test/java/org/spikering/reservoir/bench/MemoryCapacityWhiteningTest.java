package org.spikering.reservoir.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The whitened test design of {@link MemoryCapacity}. */
final class MemoryCapacityWhiteningTest {

    @Test
    void shouldWhitenTheTestLagsToOrthonormalColumns() {
        final SplittableRandom rnd = new SplittableRandom(4);
        final double[] u = new double[700];
        for (int t = 0; t < u.length; t++) {
            u[t] = rnd.nextDouble();
        }
        final double[][] w = MemoryCapacity.whitenedLags(u, 100, 600, 30);
        for (int a = 0; a < 30; a++) {
            for (int b = 0; b < 30; b++) {
                double d = 0;
                for (int t = 0; t < 600; t++) {
                    d += w[a][t] * w[b][t];
                }
                assertEquals(a == b ? 1.0 : 0.0, d, 1e-9, "column " + a + " . column " + b);
            }
        }
        // the closest orthonormal matrix to the lags: column k still correlates ~1 with lag k
        final double[] lag5 = new double[600];
        for (int t = 0; t < 600; t++) {
            lag5[t] = u[100 + t - 5];
        }
        assertTrue(Series.r2(lag5, w[5]) > 0.95);
    }
}
