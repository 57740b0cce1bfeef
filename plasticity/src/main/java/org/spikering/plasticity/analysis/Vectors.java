package org.spikering.plasticity.analysis;

import java.util.SplittableRandom;
import org.spikering.plasticity.network.RecurrentNetwork;

/** Dense vector helpers of the curvature methods. */
final class Vectors {
    private Vectors() {
    }

    static double dot(final double[] a, final double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(final double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** a ← a·f. */
    static void scale(final double[] a, final double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }

    /** y ← y + f·x. */
    static void axpy(final double f, final double[] x, final double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += f * x[i];
        }
    }

    /** A unit vector with i.i.d. N(0, 1) entries before normalising, from a seeded stream. */
    static double[] randomUnit(final int n, final SplittableRandom rng) {
        final double[] v = RecurrentNetwork.gaussian(rng, n, 1.0);
        scale(v, 1.0 / norm(v));
        return v;
    }
}
