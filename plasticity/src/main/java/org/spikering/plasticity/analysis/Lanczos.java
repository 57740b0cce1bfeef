package org.spikering.plasticity.analysis;

import java.util.SplittableRandom;

/**
 * The top-k eigenvalues of a symmetric operator by the Lanczos method with full reorthogonalisation (TASKS.md §6.4):
 * q₁ random unit (seeded), β₀ = 0, for j = 1 … m
 * <pre>
 * w = A q_j − β_{j−1} q_{j−1},   α_j = wᵀ q_j,   w ← w − α_j q_j,
 * w ← w − Σ_{i ≤ j} (q_iᵀ w) q_i   (twice: full reorthogonalisation),   β_j = ‖w‖,   q_{j+1} = w / β_j
 * </pre>
 * then the Ritz values θ (eigenvalues of the tridiagonal T_m = tridiag(β, α, β), {@link SymmetricEigen}) approximate
 * the extreme eigenvalues; the k largest are returned with their Ritz vectors y = Q s and the residual bounds
 * ‖A y − θ y‖ = β_m |s_m| (s the eigenvector of T_m; exact for a symmetric operator in exact arithmetic). It stops early if β_j is below
 * 1e-12 of the largest |α| seen (an invariant subspace: the Ritz values are then eigenvalues). For a non-symmetric
 * operator (a spiking network's surrogate Hessian) the three-term recurrence assumes a symmetry that is not there:
 * the Ritz values are then those of T_m built from the diagonal projections α_j = q_jᵀ A q_j, an approximation of the
 * symmetric part's spectrum; report the asymmetry ({@link SymmetryCheck}) next to them.
 */
public final class Lanczos {
    private Lanczos() {
    }

    /**
     * @param values         the top-k Ritz values, descending (fewer than k if the Krylov space closed first).
     * @param residualBounds β_m |s_m| of each.
     * @param steps          Lanczos steps made (operator products).
     * @param vectors        the Ritz vectors y_i = Q s_i of the values (unit, orthogonal to each other), one per row.
     */
    public record Result(double[] values, double[] residualBounds, int steps, double[][] vectors) {
    }

    /**
     * @param a     the operator, dimension n.
     * @param k     eigenvalues wanted, in [1, n].
     * @param steps Lanczos steps m, in [k, n] (more steps: better converged extremes).
     * @param seed  seed of q₁.
     * @return the top k.
     */
    public static Result top(final VectorOperator a, final int k, final int steps, final long seed) {
        final int n = a.dimension();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("top = " + k + ": must be in [1, " + n + "] (the parameters)");
        }
        if (steps < k || steps > n) {
            throw new IllegalArgumentException("Lanczos steps = " + steps + ": must be in [" + k + ", " + n + "]");
        }
        final double[][] q = new double[steps + 1][];
        final double[] alpha = new double[steps];
        final double[] beta = new double[steps];
        q[0] = Vectors.randomUnit(n, new SplittableRandom(seed));
        final double[] w = new double[n];
        double scale = 0.0;
        int m = 0;
        for (int j = 0; j < steps; j++) {
            a.apply(q[j], w);
            if (j > 0) {
                Vectors.axpy(-beta[j - 1], q[j - 1], w);
            }
            alpha[j] = Vectors.dot(w, q[j]);
            Vectors.axpy(-alpha[j], q[j], w);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= j; i++) {
                    Vectors.axpy(-Vectors.dot(q[i], w), q[i], w);
                }
            }
            beta[j] = Vectors.norm(w);
            scale = Math.max(scale, Math.abs(alpha[j]));
            m = j + 1;
            if (beta[j] <= 1e-12 * scale || j + 1 == steps) {
                break;
            }
            q[j + 1] = w.clone();
            Vectors.scale(q[j + 1], 1.0 / beta[j]);
        }
        final double[][] t = new double[m][m];
        for (int j = 0; j < m; j++) {
            t[j][j] = alpha[j];
            if (j + 1 < m) {
                t[j][j + 1] = beta[j];
                t[j + 1][j] = beta[j];
            }
        }
        final SymmetricEigen.Decomposition d = SymmetricEigen.of(t);
        final int kk = Math.min(k, m);
        final double[] values = new double[kk];
        final double[] bounds = new double[kk];
        final double[][] ritz = new double[kk][n];
        for (int i = 0; i < kk; i++) {
            values[i] = d.values()[i];
            bounds[i] = beta[m - 1] * Math.abs(d.vectors()[m - 1][i]);
            for (int j = 0; j < m; j++) {
                Vectors.axpy(d.vectors()[j][i], q[j], ritz[i]);
            }
        }
        return new Result(values, bounds, m, ritz);
    }
}
