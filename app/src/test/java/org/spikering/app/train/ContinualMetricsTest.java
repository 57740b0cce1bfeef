package org.spikering.app.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link ContinualMetrics} on a constructed R with the answers worked out by hand. */
class ContinualMetricsTest {

    @Test
    void metricsOfAKnownMatrix() {
        final double[][] r = {{0.9, 0.5, 0.4}, {0.7, 0.8, 0.5}, {0.6, 0.7, 0.9}};
        final double[] b = {0.5, 0.45, 0.4};
        final ContinualMetrics m = ContinualMetrics.of(r, b);
        assertEquals((0.6 + 0.7 + 0.9) / 3, m.acc(), 1e-15);
        assertEquals(((0.6 - 0.9) + (0.7 - 0.8)) / 2, m.bwt(), 1e-15);          // −0.2: forgetting
        assertEquals(((0.5 - 0.45) + (0.5 - 0.4)) / 2, m.fwt(), 1e-15);         // 0.075
        assertArrayEquals(new double[] {0.9 - 0.6, 0.8 - 0.7}, m.forgetting(), 1e-15);
        assertEquals(0.2, m.meanForgetting(), 1e-15);
    }

    @Test
    void noForgettingWhenNothingIsLost() {
        final double[][] r = {{1.0, 0.5}, {1.0, 1.0}};
        final ContinualMetrics m = ContinualMetrics.of(r, new double[] {0.5, 0.5});
        assertEquals(0.0, m.bwt(), 0.0);
        assertEquals(0.0, m.meanForgetting(), 0.0);
        assertEquals(0.0, m.fwt(), 0.0);
        assertEquals(1.0, m.acc(), 0.0);
    }

    @Test
    void oneTaskIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ContinualMetrics.of(new double[][] {{1.0}}, new double[] {0.5}));
    }
}
