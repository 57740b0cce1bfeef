package org.spikering.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.sim.synapse.Csr;

/**
 * NEST's {@code fixed_total_number} rule, {@code nest.math.redraw} and the rounding of drawn delays to steps,
 * each against statistics or values computed here independently of the code.
 */
final class FixedTotalNumberAndRedrawTest {

    private static Csr connect(final int nA, final int nB, final boolean same, final Connector c,
                               final Distribution w, final Distribution d) {
        final NetworkBuilder b = Network.builder(0.1).seed(3).population("A", nA, LifDeltaParameters.brunel());
        if (!same) {
            b.population("B", nB, LifDeltaParameters.brunel());
        }
        return b.connect("A", same ? "A" : "B", c, w, d).build().projections().get(0).synapses();
    }

    private static Csr connect(final int nA, final int nB, final boolean same, final Connector c) {
        return connect(nA, nB, same, c, Distribution.constant(1), Distribution.constant(0.1));
    }

    @Test
    void shouldCreateExactlyNSynapsesWithUniformSourcesAndTargets() {
        final int nSrc = 40;
        final int nTgt = 25;
        final int n = 100_000;
        final Csr c = connect(nSrc, nTgt, false, Connector.fixedTotalNumber(n));
        assertEquals(n, c.synapseCount());
        // chi-square of the out-degrees (sources) and in-degrees (targets) against uniform: with df = 39 and 24,
        // the 99.9 % quantiles are 72.1 and 51.2
        final double[] out = new double[nSrc];
        final double[] in = new double[nTgt];
        for (int s = 0; s < nSrc; s++) {
            out[s] = c.rowStart()[s + 1] - c.rowStart()[s];
            for (int k = c.rowStart()[s]; k < c.rowStart()[s + 1]; k++) {
                in[c.target()[k]]++;
            }
        }
        assertTrue(chiSquare(out, (double) n / nSrc) < 72.1, "source counts not uniform");
        assertTrue(chiSquare(in, (double) n / nTgt) < 51.2, "target counts not uniform");
    }

    @Test
    void shouldAllowMultapsesAndAutapsesByDefaultAndRedrawAutapsesWhenOff() {
        // 10 neurons onto themselves, 2000 synapses: each of the 100 pairs is expected 20 times
        final Csr with = connect(10, 10, true, Connector.fixedTotalNumber(2000));
        int autapses = 0;
        for (int s = 0; s < 10; s++) {
            for (int k = with.rowStart()[s]; k < with.rowStart()[s + 1]; k++) {
                if (with.target()[k] == s) {
                    autapses++;
                }
            }
        }
        // binomial(2000, 0.1): mean 200, sd 13.4; multapses are certain
        assertTrue(autapses > 140 && autapses < 260, "autapses " + autapses);
        final Csr without = connect(10, 10, true, Connector.fixedTotalNumber(2000).autapses(false));
        assertEquals(2000, without.synapseCount());
        for (int s = 0; s < 10; s++) {
            for (int k = without.rowStart()[s]; k < without.rowStart()[s + 1]; k++) {
                assertTrue(without.target()[k] != s, "autapse although disabled");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Connector.fixedTotalNumber(10).multapses(false));
        assertThrows(IllegalArgumentException.class, () -> Connector.fixedTotalNumber(-1));
    }

    @Test
    void shouldRedrawNormalAtTheSignBoundAsATruncatedNormal() {
        // mean 1, sd 1, redrawn below 0: the standard normal truncated at -1, whose mean is
        // 1 + phi(1)/Phi(1) = 1.287600 and variance 1 - 1·phi(1)/Phi(1) - (phi(1)/Phi(1))^2 = 0.6297 (sd 0.7935)
        final Distribution d = Distribution.redraw(Distribution.normal(1, 1), 0, Double.POSITIVE_INFINITY);
        final SplittableRandom rnd = new SplittableRandom(5);
        final int n = 400_000;
        double sum = 0;
        double sq = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            final double v = d.sample(rnd);
            sum += v;
            sq += v * v;
            min = Math.min(min, v);
        }
        final double mean = sum / n;
        final double sd = Math.sqrt(sq / n - mean * mean);
        assertTrue(min >= 0, "sample below the bound: " + min);
        assertTrue(min < 1e-4, "no mass near the bound (clipping would pile it at 0, truncation spreads it): " + min);
        assertEquals(1.287600, mean, 5 * 0.7935 / Math.sqrt(n));
        assertEquals(0.7935, sd, 0.005);
        // an inhibitory weight: (-inf, 0]
        final Distribution neg = Distribution.redraw(Distribution.normal(-1, 1), Double.NEGATIVE_INFINITY, 0);
        for (int k = 0; k < 10_000; k++) {
            assertTrue(neg.sample(rnd) <= 0);
        }
        assertThrows(IllegalArgumentException.class, () -> Distribution.redraw(Distribution.normal(0, 1), 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Distribution.redraw(Distribution.normal(0, 1e-3), 10, 11).sample(rnd));
    }

    @Test
    void shouldRoundDrawnDelaysToStepsAsNest() {
        // floor(d·10 + 0.5) at dt = 0.1 ms: 0.05 -> 1, 0.149 -> 1, 0.15 -> 2 (0.15/0.1 = 1.4999999999999998
        // would give 1), 0.25 -> 3, 1.04 -> 10
        final double[] ms = {0.05, 0.149, 0.15, 0.25, 1.04};
        final int[] steps = {1, 1, 2, 3, 10};
        for (int k = 0; k < ms.length; k++) {
            final Distribution at = pointMass(ms[k]);
            final Csr c = connect(2, 2, false, Connector.oneToOne(), Distribution.constant(1), at);
            assertEquals(steps[k], c.delay(0), "delay " + ms[k] + " ms");
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> connect(2, 2, false, Connector.oneToOne(), Distribution.constant(1), pointMass(0.049)));
        assertTrue(e.getMessage().contains("delay = 0.049 ms: must round to at least one step"), e.getMessage());
    }

    /** A non-constant distribution that always gives v (so the builder treats it as drawn). */
    private static Distribution pointMass(final double v) {
        return new Distribution() {
            @Override
            public double sample(final SplittableRandom rnd) {
                return v;
            }

            @Override
            public String describe() {
                return "point(" + v + ")";
            }
        };
    }

    private static double chiSquare(final double[] counts, final double expected) {
        double x = 0;
        for (double c : counts) {
            x += (c - expected) * (c - expected) / expected;
        }
        return x;
    }
}
