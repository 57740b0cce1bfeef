package org.spikering.app.task;

import java.util.SplittableRandom;

/** Bernoulli spike trains on a 1-ms grid written into a batch's flattened input array [b][t][i]. */
final class SpikeTrains {

    private SpikeTrains() {
    }

    /**
     * Neurons [from, to) fire with probability rate·dt in steps [t0, t1) of sequence b.
     */
    static void poisson(final float[] x, final int b, final int steps, final int inputs, final int from, final int to,
                        final int t0, final int t1, final double rateHz, final double dtMs, final SplittableRandom rnd) {
        final double p = rateHz * dtMs * 1e-3;
        for (int t = t0; t < t1; t++) {
            final int base = (b * steps + t) * inputs;
            for (int i = from; i < to; i++) {
                if (rnd.nextDouble() < p) {
                    x[base + i] = 1f;
                }
            }
        }
    }
}
