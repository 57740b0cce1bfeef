package org.spikering.neuron.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

final class PoissonSourceTest {

    @Test
    void shouldHavePoissonMeanAndVarianceOfCounts() {
        // Brunel's external drive: mean 2 per step
        final PoissonSource src = new PoissonSource(1000, 20_000, 0.1, 99);
        final int steps = 200;
        final long n = 1000L * steps;
        double sum = 0;
        double sq = 0;
        for (long t = 0; t < steps; t++) {
            for (int i = 0; i < 1000; i++) {
                final int c = src.count(i, t);
                sum += c;
                sq += (double) c * c;
            }
        }
        final double mean = sum / n;
        final double var = sq / n - mean * mean;
        // standard error of the mean sqrt(2/2e5) = 0.0032; of the variance about sqrt(2·4/2e5 + 2/2e5) ≈ 0.007
        assertEquals(2.0, mean, 0.015);
        assertEquals(2.0, var, 0.035);
    }

    @Test
    void shouldHaveExponentialInterSpikeIntervals() {
        final double rate = 10.0;
        final double dt = 0.01;
        final PoissonSource src = new PoissonSource(1, rate, dt, 1234);
        final double[] isis = new double[3000];
        int k = 0;
        long last = -1;
        for (long t = 0; k < isis.length; t++) {
            if (src.count(0, t) > 0) {
                if (last >= 0) {
                    isis[k++] = (t - last) * dt;
                }
                last = t;
            }
        }
        final double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(1000.0 / rate), isis);
        assertTrue(p > 0.01, "ISIs not exponential, KS p = " + p);
    }

    @Test
    void shouldNotDependOnQueryOrder() {
        final PoissonSource src = new PoissonSource(10, 500, 0.1, 5);
        final int[] forward = new int[10];
        src.fillCounts(77, 0, 10, forward);
        for (int i = 9; i >= 0; i--) {
            assertEquals(forward[i], src.count(i, 77));
        }
    }

    @Test
    void shouldGiveTheSameCountsThroughTheBucketTableAsThroughTheSearch() {
        for (double rate : new double[] {10, 20_000, 300_000}) {
            final PoissonSource src = new PoissonSource(100, rate, 0.1, 17);
            for (long t = 0; t < 2000; t++) {
                for (int i = 0; i < 100; i++) {
                    assertEquals(src.search(PoissonSource.uniform(17, i, t)), src.count(i, t));
                }
            }
        }
    }

    @Test
    void shouldRejectNegativeRate() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PoissonSource(3, -1, 0.1, 1));
        assertTrue(e.getMessage().contains("rate = -1.0 Hz"), e.getMessage());
    }
}
