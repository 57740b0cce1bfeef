package org.spikering.reservoir.bench;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.readout.RidgeRegression;

/**
 * Memory capacity (Jaeger 2001): drive with i.i.d. u(t) ~ U[−0.8, 0.8], train one linear readout per
 * delay k = 0 … k_max − 1 to output u(t − k) from the state after u(t), and sum the squared correlations on
 * held-out data: MC = Σ_k r²(u(t − k), ŷ_k(t)). Delay 0 is counted because x(t) already contains u(t)
 * (as in TASKS.md's reference numbers); then a linear orthogonal reservoir reaches N.
 *
 * <p><b>Whitened test design.</b> The theorem MC ≤ N is about i.i.d. input, whose lagged copies are
 * uncorrelated. A finite test window is not exactly white: its lagged copies correlate by about 1/√T, and
 * these errors are shared by all delays, so the plain held-out sum can exceed N (measured: 20.05 for N = 20
 * even with 50 000 test steps). Here the centred test targets U = [u(t − k)]_k (T × k_max) are replaced by
 * their symmetric whitening U (UᵀU)^{−1/2}, the matrix with exactly orthonormal columns closest to U (it
 * differs from U by O(1/√T), so the estimate converges to the same MC). Then, because every prediction ŷ_k
 * lies in the span of the centred test states, Σ_k r²_k ≤ trace(P_X P_U) ≤ N holds for every sample, not
 * only on average. Each r² is also bias-adjusted, r²_adj = max(0, 1 − (1 − r²)(T − 1)/(T − 2)), which can only
 * lower it. All delays share one ridge fit (the normal equations are formed once).
 */
public final class MemoryCapacity {

    /** Result: MC and its terms. */
    public record Result(double capacity, double[] perDelay) {
    }

    private MemoryCapacity() {
    }

    /**
     * @param esn     the reservoir.
     * @param kMax    number of delays (0 … k_max − 1), &ge; 1.
     * @param washout discarded steps.
     * @param train   training steps.
     * @param test    test steps, &gt; k_max + 2 (the whitening needs more samples than delays).
     * @param lambda  ridge regularisation.
     * @param seed    input seed.
     * @return MC.
     */
    public static Result measure(final EchoStateNetwork esn, final int kMax, final int washout, final int train,
                                 final int test, final double lambda, final long seed) {
        if (kMax < 1) {
            throw new IllegalArgumentException("k_max = " + kMax + ": must be >= 1");
        }
        if (train < 1) {
            throw new IllegalArgumentException("train = " + train + ": must be >= 1");
        }
        if (test <= kMax + 2) {
            throw new IllegalArgumentException("test = " + test + ": must be > k_max + 2 = " + (kMax + 2)
                    + " (more held-out steps than delays)");
        }
        final int total = washout + kMax + train + test;
        Series.checkWashout(washout, total);
        final SplittableRandom r = new SplittableRandom(seed);
        final double[] u = new double[total];
        for (int t = 0; t < total; t++) {
            u[t] = -0.8 + 1.6 * r.nextDouble();
        }
        final double[][] states = esn.run(u);
        final int start = washout + kMax;
        final double[][] y = new double[train][kMax];
        for (int t = 0; t < train; t++) {
            for (int k = 0; k < kMax; k++) {
                y[t][k] = u[start + t - k];
            }
        }
        final RidgeRegression ridge = RidgeRegression.fit(Series.rows(states, start, start + train), y, lambda);
        final int t0 = start + train;
        final double[][] white = whitenedLags(u, t0, test, kMax);
        final double[][] pred = new double[kMax][test];
        for (int t = 0; t < test; t++) {
            final double[] p = ridge.predict(states[t0 + t]);
            for (int k = 0; k < kMax; k++) {
                pred[k][t] = p[k];
            }
        }
        final double[] mc = new double[kMax];
        double sum = 0;
        for (int k = 0; k < kMax; k++) {
            final double r2 = Series.r2(white[k], pred[k]);
            mc[k] = Math.max(0.0, 1.0 - (1.0 - r2) * (test - 1.0) / (test - 2.0));
            sum += mc[k];
        }
        return new Result(sum, mc);
    }

    /**
     * The centred lagged inputs of the test window, U[t][k] = u(t0 + t − k) − mean, whitened symmetrically:
     * W = U (UᵀU)^{−1/2}, returned column-wise ([k][t]); its columns are orthonormal.
     */
    static double[][] whitenedLags(final double[] u, final int t0, final int test, final int kMax) {
        final double[][] lag = new double[kMax][test];
        for (int k = 0; k < kMax; k++) {
            double mean = 0;
            for (int t = 0; t < test; t++) {
                lag[k][t] = u[t0 + t - k];
                mean += lag[k][t];
            }
            mean /= test;
            for (int t = 0; t < test; t++) {
                lag[k][t] -= mean;
            }
        }
        final double[][] gram = new double[kMax][kMax];
        for (int a = 0; a < kMax; a++) {
            for (int b = a; b < kMax; b++) {
                double d = 0;
                final double[] la = lag[a];
                final double[] lb = lag[b];
                for (int t = 0; t < test; t++) {
                    d += la[t] * lb[t];
                }
                gram[a][b] = d;
                gram[b][a] = d;
            }
        }
        final EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        // (UᵀU)^{−1/2} = V diag(1/√λ) Vᵀ
        final double[][] v = eig.getV().getData();
        final double[] ev = eig.getRealEigenvalues();
        final double[][] vScaled = new double[kMax][kMax];
        for (int a = 0; a < kMax; a++) {
            for (int m = 0; m < kMax; m++) {
                vScaled[a][m] = v[a][m] / Math.sqrt(ev[m]);
            }
        }
        final double[][] invSqrt = new double[kMax][kMax];
        for (int a = 0; a < kMax; a++) {
            for (int b = 0; b < kMax; b++) {
                double s = 0;
                final double[] va = vScaled[a];
                final double[] vb = v[b];
                for (int m = 0; m < kMax; m++) {
                    s += va[m] * vb[m];
                }
                invSqrt[a][b] = s;
            }
        }
        final double[][] white = new double[kMax][test];
        for (int a = 0; a < kMax; a++) {
            final double[] la = lag[a];
            for (int k = 0; k < kMax; k++) {
                final double c = invSqrt[a][k];
                if (c != 0.0) {
                    final double[] wk = white[k];
                    for (int t = 0; t < test; t++) {
                        wk[t] += la[t] * c;
                    }
                }
            }
        }
        return white;
    }
}
