package org.spikering.plasticity.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class SparseRecurrenceTest {

    @Test
    void shouldGiveEveryNeuronExactlyKInputsAndNoAutapse() {
        final int n = 300;
        final double[] w = SparseRecurrence.fixedInDegree(n, 2, 3.0, 5);
        final int[] outDegree = new int[n];
        for (int j = 0; j < n; j++) {
            assertEquals(0.0, w[j * n + j], 0.0, "autapse of " + j);
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (w[j * n + i] != 0) {
                    k++;
                    outDegree[i]++;
                }
            }
            assertEquals(2, k, "in-degree of neuron " + j);
        }
        // presynaptic partners are uniform: mean out-degree K, variance ≈ K (binomial), so not all from a few neurons
        final double mean = Arrays.stream(outDegree).average().orElseThrow();
        final double var = Arrays.stream(outDegree).mapToDouble(d -> (d - mean) * (d - mean)).sum() / n;
        assertEquals(2.0, mean, 1e-12);
        assertEquals(2.0, var, 0.5);
    }

    @Test
    void shouldDrawWeightsWithTheGivenStandardDeviation() {
        final int n = 2000;
        final double[] w = SparseRecurrence.fixedInDegree(n, 3, 3.0, 9);
        double s = 0;
        double s2 = 0;
        int m = 0;
        for (double x : w) {
            if (x != 0) {
                s += x;
                s2 += x * x;
                m++;
            }
        }
        assertEquals(3 * n, m);
        // 6000 draws of N(0, 9): sd of the mean 3/sqrt(6000) = 0.039, of the sample sd ≈ 3/sqrt(12000) = 0.027
        assertEquals(0.0, s / m, 0.16);
        assertEquals(3.0, Math.sqrt(s2 / m), 0.11);
    }

    @Test
    void shouldBeDeterministicPerSeed() {
        assertArrayEquals(SparseRecurrence.fixedInDegree(50, 2, 1.0, 1), SparseRecurrence.fixedInDegree(50, 2, 1.0, 1));
        assertFalse(Arrays.equals(SparseRecurrence.fixedInDegree(50, 2, 1.0, 1), SparseRecurrence.fixedInDegree(50, 2, 1.0, 2)));
    }

    @Test
    void shouldRejectImpossibleDegreesAndBadScalesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparseRecurrence.fixedInDegree(2, 2, 1, 1));
        assertTrue(e.getMessage().contains("inDegree = 2, neurons = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparseRecurrence.fixedInDegree(10, 0, 1, 1));
        assertTrue(e.getMessage().contains("inDegree = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparseRecurrence.fixedInDegree(10, 2, Double.NaN, 1));
        assertTrue(e.getMessage().contains("std = NaN"), e.getMessage());
    }
}
