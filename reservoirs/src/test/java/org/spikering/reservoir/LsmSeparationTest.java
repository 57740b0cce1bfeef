package org.spikering.reservoir;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.reservoir.analysis.SpikingChaos;
import org.spikering.reservoir.lsm.LiquidStateMachine;
import org.spikering.reservoir.lsm.LsmParameters;

/**
 * Legenstein &amp; Maass's perturbation separation must grow with the column's gain: a one-spike
 * perturbation dies out in a weakly coupled column and spreads in a strongly coupled one.
 */
final class LsmSeparationTest {

    private static double separation300ms(final double gain) {
        double sum = 0;
        final int seeds = 3;
        for (int s = 0; s < seeds; s++) {
            final LiquidStateMachine lsm = new LiquidStateMachine(LsmParameters.maass(135, gain, 135_000L + s));
            final double[] u = new double[20];
            final SplittableRandom r = new SplittableRandom(s);
            for (int i = 0; i < u.length; i++) {
                u[i] = r.nextDouble();
            }
            // perturb at sample 5, read 10 samples (300 ms) later
            sum += SpikingChaos.measure(lsm, u, 30, 30, 5).separation()[10];
        }
        return sum / seeds;
    }

    @Test
    void separationGrowsWithGain() {
        final double weak = separation300ms(0.05);
        final double medium = separation300ms(0.2);
        final double strong = separation300ms(1.0);
        assertTrue(strong > 1.5 * weak, "separation at gain 1 (" + strong + ") vs gain 0.05 (" + weak + ")");
        assertTrue(medium > weak && strong > medium,
                "monotone in gain: " + weak + " < " + medium + " < " + strong);
    }
}
