package org.spikering.plasticity.analysis;

/**
 * The curvature of a training objective at one point (issue 15 item 1; TASKS.md §6.4), from a gradient oracle only:
 * Hessian–vector products by central differences ({@link HessianVectorProduct}), the eigenvalue of largest modulus by
 * power iteration ({@link PowerIteration}), the top-k by Lanczos with full reorthogonalisation ({@link Lanczos}, m =
 * min(n, max(iterations, k)) steps) and the symmetry check ({@link SymmetryCheck}). Every random vector is seeded;
 * with a deterministic oracle the same seed gives the same bits.
 */
public final class CurvatureAnalysis {
    private CurvatureAnalysis() {
    }

    /**
     * @param top        eigenvalues wanted from Lanczos, k ≥ 1.
     * @param iterations power iterations at most, and Lanczos steps (capped at n), ≥ 1.
     * @param tolerance  power iteration stops at |Δλ| &lt; tolerance·|λ| (0: all iterations).
     * @param epsilon    ε of the central differences, or NaN for {@link HessianVectorProduct#defaultStep}.
     * @param seed       seed of the start vectors and of the symmetry check's vectors.
     */
    public record Options(int top, int iterations, double tolerance, double epsilon, long seed) {
        /** Validates. */
        public Options {
            if (top < 1) {
                throw new IllegalArgumentException("top = " + top + ": must be >= 1");
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations = " + iterations + ": must be >= 1");
            }
            if (!(tolerance >= 0.0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance = " + tolerance + ": must be finite and >= 0");
            }
            if (!Double.isNaN(epsilon) && !(epsilon > 0.0 && Double.isFinite(epsilon))) {
                throw new IllegalArgumentException("epsilon = " + epsilon + ": must be finite and > 0 (NaN: default)");
            }
        }
    }

    /**
     * @param dimension     n, the parameters.
     * @param epsilon       the ε used.
     * @param loss          the oracle's loss at θ.
     * @param gradientNorm  ‖g(θ)‖.
     * @param power         power iteration (eigenvalue of largest modulus, its trace).
     * @param lanczos       the top-k Ritz values.
     * @param symmetry      the symmetry check.
     * @param gradientCalls gradient evaluations of the whole analysis.
     * @param seconds       wall-clock time.
     */
    public record Report(int dimension, double epsilon, double loss, double gradientNorm, PowerIteration.Result power,
            Lanczos.Result lanczos, SymmetryCheck symmetry, long gradientCalls, double seconds) {
    }

    /**
     * @param oracle the gradient field.
     * @param theta  the point.
     * @param o      the options.
     * @return the report.
     */
    public static Report run(final GradientOracle oracle, final double[] theta, final Options o) {
        final long t0 = System.nanoTime();
        final int n = oracle.dimension();
        if (o.top() > n) {
            throw new IllegalArgumentException("top = " + o.top() + ": must be <= " + n + " (the parameters)");
        }
        final double[] g = new double[n];
        final double loss = oracle.gradient(theta, g);
        final double eps = Double.isNaN(o.epsilon()) ? HessianVectorProduct.defaultStep(theta) : o.epsilon();
        final HessianVectorProduct h = new HessianVectorProduct(oracle, theta, eps);
        final PowerIteration.Result power = PowerIteration.run(h, o.iterations(), o.tolerance(), o.seed());
        final Lanczos.Result lanczos = Lanczos.top(h, o.top(), Math.min(n, Math.max(o.iterations(), o.top())),
                o.seed() + 1);
        final SymmetryCheck sym = SymmetryCheck.of(h, o.seed() + 2);
        return new Report(n, eps, loss, Vectors.norm(g), power, lanczos, sym, h.gradientCalls() + 1,
                (System.nanoTime() - t0) / 1e9);
    }
}
