package org.spikering.plasticity.analysis;

import java.util.SplittableRandom;

/**
 * The symmetry check of a Hessian estimate (TASKS.md §6.4): for random unit v, w (seeded)
 * <pre>
 * a = vᵀ (A w),   b = wᵀ (A v),   asymmetry = |a − b| / max(|a|, |b|)
 * </pre>
 * For the Hessian of a smooth loss a = b up to the central-difference error; for a spiking network's surrogate
 * Hessian (the Jacobian of a surrogate-gradient field, not a gradient) they differ in general.
 *
 * @param vAw       vᵀ A w.
 * @param wAv       wᵀ A v.
 * @param asymmetry |a − b| / max(|a|, |b|) (0 if both are 0).
 */
public record SymmetryCheck(double vAw, double wAv, double asymmetry) {

    /**
     * @param a    the operator (two products).
     * @param seed seed of v and w.
     * @return the check.
     */
    public static SymmetryCheck of(final VectorOperator a, final long seed) {
        final int n = a.dimension();
        final SplittableRandom rng = new SplittableRandom(seed);
        final double[] v = Vectors.randomUnit(n, rng);
        final double[] w = Vectors.randomUnit(n, rng);
        final double[] av = new double[n];
        final double[] aw = new double[n];
        a.apply(v, av);
        a.apply(w, aw);
        final double x = Vectors.dot(v, aw);
        final double y = Vectors.dot(w, av);
        final double big = Math.max(Math.abs(x), Math.abs(y));
        return new SymmetryCheck(x, y, big == 0.0 ? 0.0 : Math.abs(x - y) / big);
    }
}
