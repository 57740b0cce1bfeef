package org.spikering.reservoir.esn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.spikering.reservoir.Vectors;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Spectral radius ρ(W) = max |λ_i| of a square matrix. Up to {@link #EXACT_LIMIT} rows it is computed
 * from all eigenvalues (Commons Math's Hessenberg–Schur decomposition, deterministic); above that by
 * the growth rate of a normalised power iteration, ρ ≈ exp((1/k) Σ log‖W v_i‖) over k = 2000 steps after
 * 200 discarded, which converges for complex dominant pairs too (relative error about 1e-3 for random
 * matrices; documented, not hidden). Stateless.
 */
public final class SpectralRadius {

    /** Largest size solved exactly. */
    public static final int EXACT_LIMIT = 800;

    private SpectralRadius() {
    }

    /**
     * @param w row-major n×n matrix.
     * @param n size.
     * @return ρ(W).
     */
    public static double of(final double[] w, final int n) {
        return n <= EXACT_LIMIT ? exact(w, n) : powerEstimate(w, n);
    }

    /**
     * @param w row-major n×n matrix.
     * @param n size.
     * @return ρ(W) from the eigenvalues.
     */
    public static double exact(final double[] w, final int n) {
        final double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(w, i * n, a[i], 0, n);
        }
        final EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(a, false));
        final double[] re = e.getRealEigenvalues();
        final double[] im = e.getImagEigenvalues();
        double r = 0;
        for (int i = 0; i < n; i++) {
            r = Math.max(r, Math.hypot(re[i], im[i]));
        }
        return r;
    }

    /**
     * @param w row-major n×n matrix.
     * @param n size.
     * @return the power-iteration growth-rate estimate of ρ(W).
     */
    public static double powerEstimate(final double[] w, final int n) {
        final int[] rowStart = new int[n + 1];
        final int[] col = new int[n * n];
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] = (i + 1) * n;
            for (int j = 0; j < n; j++) {
                col[i * n + j] = j;
            }
        }
        return powerEstimate(rowStart, col, w, n);
    }

    /**
     * Power-iteration growth-rate estimate for a matrix in CSR form.
     *
     * @param rowStart row pointers (n + 1).
     * @param col      column indices.
     * @param val      values.
     * @param n        size.
     * @return ρ estimate.
     */
    public static double powerEstimate(final int[] rowStart, final int[] col, final double[] val, final int n) {
        double[] v = new double[n];
        double[] u = new double[n];
        final java.util.SplittableRandom r = new java.util.SplittableRandom(12345);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() - 0.5;
        }
        Vectors.normalise(v);
        double logSum = 0;
        final int burn = 200;
        final int k = 2000;
        for (int it = 0; it < burn + k; it++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                    s += val[q] * v[col[q]];
                }
                u[i] = s;
            }
            final double norm = Vectors.normalise(u);
            if (norm == 0) {
                return 0;
            }
            if (it >= burn) {
                logSum += Math.log(norm);
            }
            final double[] t = v;
            v = u;
            u = t;
        }
        return Math.exp(logSum / k);
    }
}
