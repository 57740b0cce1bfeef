package org.spikering.neuron.lif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The delta-synapse population's two-pass update against a one-pass scalar twin in NEST's
 * iaf_psc_delta order: same spikes and the same V_m bits, in both reset modes.
 */
class LifDeltaTwoPassTest {

    private static void compare(final LifDeltaParameters params, final boolean split) {
        final int n = 131;
        final double h = 0.1;
        final LifDeltaPopulation pop = new LifDeltaPopulation(params, n, h);
        final double p22 = Math.exp(-h / params.tauM());
        final double p20 = params.tauM() / params.cM() * -Math.expm1(-h / params.tauM());
        final double theta = params.vTh() - params.eL();
        final double reset = params.vReset() - params.eL();
        final double jump = params.vTh() - params.vReset();
        final boolean subtract = params.resetMode() == ResetMode.BY_SUBTRACTION;
        final int refrSteps = (int) Math.round(params.tRef() / h);
        final double[] y = new double[n];
        java.util.Arrays.fill(y, params.vInit() - params.eL());
        final int[] refr = new int[n];
        final SplittableRandom rnd = new SplittableRandom(11);
        final double[] x = new double[n];
        final int[] s1 = new int[n];
        final int[] s2 = new int[n];
        long spikes = 0;
        for (long t = 0; t < 20_000; t++) {
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextDouble() < 0.2 ? 4 * rnd.nextDouble() - 1 : 0.0;
            }
            int c2 = 0;
            for (int i = 0; i < n; i++) {
                if (refr[i] == 0) {
                    final double v = p22 * y[i] + p20 * params.iE() + x[i];
                    if (v >= theta) {
                        y[i] = subtract ? v - jump : reset;
                        refr[i] = refrSteps;
                        s2[c2++] = i;
                    } else {
                        y[i] = v;
                    }
                } else {
                    refr[i]--;
                }
            }
            final int c1 = split && t % 2 == 0
                    ? pop.updateAndClearInput(t, 50, n, x, null, s1, pop.updateAndClearInput(t, 0, 50, x, null, s1, 0))
                    : pop.updateAndClearInput(t, 0, n, x, null, s1, 0);
            assertEquals(c2, c1, "spike count at step " + t);
            for (int k = 0; k < c1; k++) {
                assertEquals(s2[k], s1[k]);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(y[i] + params.eL()),
                        Double.doubleToRawLongBits(pop.membranePotential(i)), "V_m of " + i + " at step " + t);
                assertEquals(0.0, x[i]);
            }
            spikes += c1;
        }
        assertTrue(spikes > 1000, "the comparison must see spikes: " + spikes);
    }

    @Test
    void resetToValueMatchesScalarTwinBitForBit() {
        compare(LifDeltaParameters.brunel(), false);
        compare(LifDeltaParameters.brunel(), true);
    }

    @Test
    void resetBySubtractionMatchesScalarTwinBitForBit() {
        final LifDeltaParameters b = LifDeltaParameters.brunel();
        compare(new LifDeltaParameters(b.tauM(), b.cM(), b.eL(), b.vTh(), b.vReset(), b.tRef(), 100.0,
                ResetMode.BY_SUBTRACTION, b.vInit()), false);
    }
}
