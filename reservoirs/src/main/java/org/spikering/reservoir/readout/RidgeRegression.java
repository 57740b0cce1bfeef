package org.spikering.reservoir.readout;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Linear readout y = Bᵀ [x; 1] fitted by ridge regression through the normal equations,
 * (XᵀX + λI) B = XᵀY, solved by Cholesky (Commons Math); the bias column is not penalised. The
 * regularisation λ is chosen by k-fold cross-validation over a grid (contiguous folds, as time series
 * need): XᵀX and XᵀY are accumulated once, each fold's are subtracted, so CV costs k + 1 solves of an
 * F×F system, not k passes over the data. Immutable after fitting.
 */
public final class RidgeRegression {

    private final double[][] coef;
    private final double lambda;
    private final int features;

    private RidgeRegression(final double[][] coef, final double lambda, final int features) {
        this.coef = coef;
        this.lambda = lambda;
        this.features = features;
    }

    /**
     * @param x      rows of features [T][F].
     * @param y      rows of targets [T][K].
     * @param lambda regularisation, &ge; 0.
     * @return the fitted readout.
     */
    public static RidgeRegression fit(final double[][] x, final double[][] y, final double lambda) {
        check(x, y);
        final Gram g = Gram.of(x, y, 0, x.length);
        return new RidgeRegression(solve(g.xtx, g.xty, lambda), lambda, x[0].length);
    }

    /**
     * @param x       features [T][F].
     * @param y       targets [T][K].
     * @param lambdas grid of λ (each &ge; 0).
     * @param folds   number of folds, &ge; 2.
     * @return the readout refitted on all data with the λ of least validation error.
     */
    public static RidgeRegression fitCrossValidated(final double[][] x, final double[][] y, final double[] lambdas,
                                                    final int folds) {
        check(x, y);
        if (folds < 2 || folds > x.length) {
            throw new IllegalArgumentException("folds = " + folds + ": must be in [2, " + x.length + "]");
        }
        if (lambdas.length == 0) {
            throw new IllegalArgumentException("lambda grid is empty: give at least one value >= 0");
        }
        final Gram all = Gram.of(x, y, 0, x.length);
        double best = Double.POSITIVE_INFINITY;
        double bestLambda = lambdas[0];
        final Gram[] foldGram = new Gram[folds];
        for (int f = 0; f < folds; f++) {
            foldGram[f] = Gram.of(x, y, (int) ((long) x.length * f / folds), (int) ((long) x.length * (f + 1) / folds));
        }
        for (double lam : lambdas) {
            double err = 0;
            for (int f = 0; f < folds; f++) {
                final int lo = (int) ((long) x.length * f / folds);
                final int hi = (int) ((long) x.length * (f + 1) / folds);
                final double[][] b = solve(minus(all.xtx, foldGram[f].xtx), minus(all.xty, foldGram[f].xty), lam);
                final RidgeRegression r = new RidgeRegression(b, lam, x[0].length);
                for (int t = lo; t < hi; t++) {
                    final double[] p = r.predict(x[t]);
                    for (int k = 0; k < p.length; k++) {
                        final double d = p[k] - y[t][k];
                        err += d * d;
                    }
                }
            }
            if (err < best) {
                best = err;
                bestLambda = lam;
            }
        }
        return new RidgeRegression(solve(all.xtx, all.xty, bestLambda), bestLambda, x[0].length);
    }

    private static void check(final double[][] x, final double[][] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("ridge: " + x.length + " feature rows and " + y.length
                    + " target rows: need the same number, at least one");
        }
    }

    private static double[][] minus(final double[][] a, final double[][] b) {
        final double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] - b[i][j];
            }
        }
        return c;
    }

    private static double[][] solve(final double[][] xtx, final double[][] xty, final double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda = " + lambda + ": must be a finite number >= 0");
        }
        final int f = xtx.length;
        final double[][] a = new double[f][];
        double trace = 0;
        for (int i = 0; i < f; i++) {
            a[i] = xtx[i].clone();
            trace += xtx[i][i];
        }
        // λ on the features, not on the bias (last row); a tiny jitter keeps λ = 0 solvable for rank-deficient X
        final double jitter = 1e-12 * Math.max(trace / f, 1e-300);
        for (int i = 0; i < f; i++) {
            a[i][i] += (i < f - 1 ? lambda : 0) + jitter;
        }
        final RealMatrix sol = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-15, 1e-300).getSolver()
                .solve(new Array2DRowRealMatrix(xty, false));
        return sol.getData();
    }

    /**
     * @param features one row of features (without the bias 1).
     * @return the prediction, one value per target.
     */
    public double[] predict(final double[] features) {
        final int k = coef[0].length;
        final double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            double s = coef[features.length][j];
            for (int i = 0; i < features.length; i++) {
                s += coef[i][j] * features[i];
            }
            out[j] = s;
        }
        return out;
    }

    /** @return the chosen λ. */
    public double lambda() {
        return lambda;
    }

    /**
     * @param i feature index (F = bias).
     * @param k target index.
     * @return the coefficient.
     */
    public double coefficient(final int i, final int k) {
        return coef[i][k];
    }

    /** @return number of features (without bias). */
    public int features() {
        return features;
    }

    /** XᵀX and XᵀY of rows [lo, hi) with a bias column appended. */
    private record Gram(double[][] xtx, double[][] xty) {
        static Gram of(final double[][] x, final double[][] y, final int lo, final int hi) {
            final int f = x[0].length + 1;
            final int k = y[0].length;
            final double[][] xtx = new double[f][f];
            final double[][] xty = new double[f][k];
            final double[] row = new double[f];
            for (int t = lo; t < hi; t++) {
                System.arraycopy(x[t], 0, row, 0, f - 1);
                row[f - 1] = 1.0;
                for (int i = 0; i < f; i++) {
                    final double ri = row[i];
                    if (ri == 0) {
                        continue;
                    }
                    final double[] xi = xtx[i];
                    for (int j = i; j < f; j++) {
                        xi[j] += ri * row[j];
                    }
                    for (int c = 0; c < k; c++) {
                        xty[i][c] += ri * y[t][c];
                    }
                }
            }
            for (int i = 0; i < f; i++) {
                for (int j = 0; j < i; j++) {
                    xtx[i][j] = xtx[j][i];
                }
            }
            return new Gram(xtx, xty);
        }
    }
}
