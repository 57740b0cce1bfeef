package org.spikering.plasticity.analysis;

/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method (Golub &amp; Van Loan §8.5): plane
 * rotations J(p, q, θ) zero a_pq in turn, A ← JᵀAJ, V ← VJ, with tan θ = sgn(τ)/(|τ| + √(1 + τ²)),
 * τ = (a_qq − a_pp)/(2a_pq), until the off-diagonal Frobenius norm is below 1e-15 of the whole. O(n³) per sweep, a
 * few sweeps; meant for Lanczos' tridiagonal matrices (n ≤ a few hundred) and tests.
 */
public final class SymmetricEigen {
    private SymmetricEigen() {
    }

    /**
     * @param values  eigenvalues, descending.
     * @param vectors column k of this row-major n×n matrix (vectors[i][k]) is the unit eigenvector of values[k].
     */
    public record Decomposition(double[] values, double[][] vectors) {
    }

    /**
     * @param a a symmetric n×n matrix (only read; (a + aᵀ)/2 is decomposed).
     * @return its eigenvalues (descending) and eigenvectors.
     */
    public static Decomposition of(final double[][] a) {
        final int n = a.length;
        final double[][] m = new double[n][n];
        final double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + a[i].length + " entries: must be " + n);
            }
            for (int j = 0; j < n; j++) {
                m[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
            v[i][i] = 1.0;
        }
        double total = 0.0;
        for (double[] row : m) {
            for (double x : row) {
                total += x * x;
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0.0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += 2.0 * m[p][q] * m[p][q];
                }
            }
            if (off <= 1e-30 * total || off == 0.0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0.0) {
                        continue;
                    }
                    final double tau = (m[q][q] - m[p][p]) / (2.0 * m[p][q]);
                    final double t = Math.signum(tau == 0.0 ? 1.0 : tau) / (Math.abs(tau) + Math.sqrt(1.0 + tau * tau));
                    final double c = 1.0 / Math.sqrt(1.0 + t * t);
                    final double s = t * c;
                    for (int k = 0; k < n; k++) { // columns p, q: M ← M J
                        final double mkp = m[k][p];
                        final double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) { // rows p, q: M ← Jᵀ M
                        final double mpk = m[p][k];
                        final double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        final double vkp = v[k][p];
                        final double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
        final double[] values = new double[n];
        final double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k]][order[k]];
            for (int i = 0; i < n; i++) {
                vectors[i][k] = v[i][order[k]];
            }
        }
        return new Decomposition(values, vectors);
    }
}
