package org.spikering.plasticity.analysis;

import java.util.SplittableRandom;

/**
 * The eigenvalue of largest modulus of an operator by power iteration (TASKS.md §6.4, PyHessian's and Liu et al.
 * 2022's convention): v₀ random unit (seeded), then for i = 1, 2, …
 * <pre>
 * w = A v_{i−1},   λ_i = v_{i−1}ᵀ w,   r_i = ‖w − λ_i v_{i−1}‖ (residual),   v_i = w / ‖w‖
 * </pre>
 * until |λ_i − λ_{i−1}| &lt; tol · |λ_i| or {@code maxIterations}. It converges at the rate |λ₂/λ₁| to the eigenvalue
 * of largest |λ|; if that is negative, {@link #topAlgebraic} runs it again on A − λ₁ I to find the largest algebraic
 * eigenvalue. The residual r measures how far v is from an eigenvector (0 at convergence for a symmetric operator).
 */
public final class PowerIteration {
    private PowerIteration() {
    }

    /**
     * @param eigenvalue the last λ.
     * @param iterations products made (= entries of the traces).
     * @param converged  true if |Δλ| &lt; tol·|λ| was reached.
     * @param lambda     λ_i per iteration.
     * @param residual   r_i per iteration.
     * @param vector     the last v (unit).
     */
    public record Result(double eigenvalue, int iterations, boolean converged, double[] lambda, double[] residual,
            double[] vector) {
    }

    /**
     * @param a             the operator.
     * @param maxIterations products at most, &ge; 1.
     * @param tol           relative tolerance on |Δλ| (0: run all iterations).
     * @param seed          seed of v₀.
     * @return the result.
     */
    public static Result run(final VectorOperator a, final int maxIterations, final double tol, final long seed) {
        return run(a, 0.0, maxIterations, tol, seed);
    }

    /**
     * The largest algebraic eigenvalue: {@link #run}, and if its λ is negative, power iteration on A − λ I (whose
     * eigenvalue of largest modulus is λ_max − λ ≥ 0), shifted back.
     *
     * @return the result (iterations: of both runs).
     */
    public static Result topAlgebraic(final VectorOperator a, final int maxIterations, final double tol, final long seed) {
        final Result first = run(a, 0.0, maxIterations, tol, seed);
        if (first.eigenvalue() >= 0.0) {
            return first;
        }
        final Result second = run(a, first.eigenvalue(), maxIterations, tol, seed + 1);
        final int n = first.iterations() + second.iterations();
        final double[] lambda = new double[n];
        final double[] residual = new double[n];
        System.arraycopy(first.lambda(), 0, lambda, 0, first.iterations());
        System.arraycopy(first.residual(), 0, residual, 0, first.iterations());
        System.arraycopy(second.lambda(), 0, lambda, first.iterations(), second.iterations());
        System.arraycopy(second.residual(), 0, residual, first.iterations(), second.iterations());
        return new Result(second.eigenvalue(), n, second.converged(), lambda, residual, second.vector());
    }

    /** Power iteration on A − shift·I; λ reported with the shift added back. */
    private static Result run(final VectorOperator a, final double shift, final int maxIterations, final double tol,
            final long seed) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("iterations = " + maxIterations + ": must be >= 1");
        }
        if (!(tol >= 0.0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("tolerance = " + tol + ": must be finite and >= 0");
        }
        final int n = a.dimension();
        double[] v = Vectors.randomUnit(n, new SplittableRandom(seed));
        double[] w = new double[n];
        final double[] lambda = new double[maxIterations];
        final double[] residual = new double[maxIterations];
        double previous = Double.NaN;
        int it = 0;
        boolean converged = false;
        while (it < maxIterations) {
            a.apply(v, w);
            if (shift != 0.0) {
                Vectors.axpy(-shift, v, w);
            }
            final double l = Vectors.dot(v, w);
            double r2 = 0.0;
            for (int i = 0; i < n; i++) {
                final double d = w[i] - l * v[i];
                r2 += d * d;
            }
            lambda[it] = l + shift;
            residual[it] = Math.sqrt(r2);
            it++;
            final double nw = Vectors.norm(w);
            if (!(nw > 0.0) || !Double.isFinite(nw)) {
                converged = nw == 0.0; // v is in the null space: λ = 0 exactly
                break;
            }
            final double[] t = v;
            v = w;
            w = t;
            Vectors.scale(v, 1.0 / nw);
            if (tol > 0.0 && Math.abs(l - previous) < tol * Math.abs(l)) {
                converged = true;
                break;
            }
            previous = l;
        }
        return new Result(lambda[it - 1], it, converged, java.util.Arrays.copyOf(lambda, it),
                java.util.Arrays.copyOf(residual, it), v);
    }
}
