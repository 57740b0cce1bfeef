package org.spikering.plasticity.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.network.WeightMatrixId;

final class OptimizerTest {

    @Test
    void shouldTakeSignStepOfSizeEtaWhenAdamStartsOnQuadratic() {
        // first Adam step: m = (1−b1) g, v = (1−b2) g², a_1 = η sqrt(1−b2)/(1−b1) → Δw = −η g/|g| (ε negligible)
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-12);
        double[] w = {3.0, -2.0};
        double[] g = {2 * w[0], 2 * w[1]};
        adam.apply(WeightMatrixId.INPUT, w, g);
        assertEquals(2.9, w[0], 1e-9);
        assertEquals(-1.9, w[1], 1e-9);
    }

    @Test
    void shouldConvergeToMinimumWhenAdamMinimisesQuadratic() {
        Adam adam = new Adam(0.05);
        double[] w = {3.0, -2.0, 0.5};
        double[] c = {1.0, 0.5, -1.5};
        double[] g = new double[3];
        for (int it = 0; it < 2000; it++) {
            for (int n = 0; n < 3; n++) {
                g[n] = 2 * (w[n] - c[n]);
            }
            adam.apply(WeightMatrixId.RECURRENT, w, g);
            adam.endUpdate();
        }
        for (int n = 0; n < 3; n++) {
            assertEquals(c[n], w[n], 1e-3);
        }
    }

    @Test
    void shouldStepAgainstGradientWhenSgd() {
        double[] w = {1.0};
        new Sgd(0.5).apply(WeightMatrixId.OUTPUT, w, new double[] {4.0});
        assertEquals(-1.0, w[0], 0.0);
    }

    @Test
    void shouldClipWeightsToBounds() {
        double[] w = {-200, 0.5, 150};
        new WeightClip(-100, 100).apply(w);
        assertEquals(-100, w[0]);
        assertEquals(0.5, w[1]);
        assertEquals(100, w[2]);
    }

    @Test
    void shouldRejectBadLearningRates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(-1.0));
        assertTrue(e.getMessage().contains("eta = -1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new WeightClip(1, -1));
    }
}
