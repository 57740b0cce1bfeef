package org.spikering.plasticity.analysis;

import java.util.SplittableRandom;

/**
 * The k largest Lyapunov exponents along a trajectory by the QR method (Benettin et al. 1980; TASKS.md §6.1):
 * <pre>
 * Q_0: n×k with orthonormal columns, random (seeded)
 * for t = 1 … T:   Q̃ = D_t Q_{t−1};   Q_t R_t = qr(Q̃);   S_i += ln |R_t[i,i]|   (only for t &gt; warm-up)
 * λ_i = S_i / (T − warm-up)      per step (divide by dt for per ms)
 * </pre>
 * The QR factorisation is modified Gram–Schmidt run twice over the columns ("twice is enough", Giraud et al. 2005), so
 * Q stays orthonormal to rounding even when the exponents span many orders; the diagonal of R is the product of the
 * norms of the two passes. Re-orthonormalising every step, the i-th column's log-growth is the i-th exponent in
 * decreasing order. Over the warm-up the tangent vectors are propagated (they align with the leading directions) but
 * not counted. Kaplan–Yorke dimension D_KY = j + Σ_{i≤j} λ_i / |λ_{j+1}| with j the largest index whose partial sum
 * is ≥ 0 (0 if λ_1 &lt; 0; k if every partial sum is ≥ 0, then only a lower bound).
 */
public final class LyapunovSpectrum {

    private LyapunovSpectrum() {
    }

    /**
     * @param exponents     λ_1 … λ_k per step (natural log): the log-growth of the i-th QR column, in decreasing order up
     *                      to the estimation error of a finite run (close exponents may come out swapped).
     * @param counted       steps averaged (T − warm-up).
     * @param traceSteps    the steps t at which the running estimates were recorded.
     * @param trace         trace[r][i]: the running estimate of λ_i after traceSteps[r] (averaged over the counted
     *                      steps up to there).
     * @param kaplanYorke   D_KY of the k exponents.
     */
    public record Result(double[] exponents, int counted, int[] traceSteps, double[][] trace, double kaplanYorke) {
    }

    /**
     * @param k      exponents asked for.
     * @param warmup steps before the sums start.
     * @param n      the state dimension.
     * @param steps  the trajectory's steps.
     * @throws IllegalArgumentException naming k or warmup if out of [1, n] or [0, steps).
     */
    static void checkRange(final int k, final int warmup, final int n, final int steps) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k = " + k + ": must be in [1, " + n + "] (the state dimension)");
        }
        if (warmup < 0 || warmup >= steps) {
            throw new IllegalArgumentException("warmup = " + warmup + ": must be in [0, " + steps + ") (the steps)");
        }
    }

    /**
     * @param map         the step Jacobians.
     * @param k           exponents, in [1, n].
     * @param warmup      maps applied before counting starts, in [0, T).
     * @param seed        seed of Q_0.
     * @param traceEvery  record the running estimates every this many counted steps (and at the end), ≥ 1.
     * @return the spectrum.
     */
    public static Result compute(final TangentMap map, final int k, final int warmup, final long seed,
            final int traceEvery) {
        final int n = map.dimension();
        final int steps = map.steps();
        checkRange(k, warmup, n, steps);
        if (traceEvery < 1) {
            throw new IllegalArgumentException("traceEvery = " + traceEvery + ": must be >= 1");
        }
        double[] q = start(n, k, seed);
        final double[] r = new double[k];
        double[] next = new double[n * k];
        final double[] sum = new double[k];
        final int counted = steps - warmup;
        final int records = (counted + traceEvery - 1) / traceEvery;
        final int[] traceSteps = new int[records];
        final double[][] trace = new double[records][];
        int rec = 0;
        for (int t = 1; t <= steps; t++) {
            map.apply(t, q, k, next);
            orthonormalise(next, n, k, r);
            final double[] tmp = q;
            q = next;
            next = tmp;
            if (t > warmup) {
                for (int i = 0; i < k; i++) {
                    sum[i] += Math.log(r[i]);
                }
                final int c = t - warmup;
                if (c % traceEvery == 0 || c == counted) {
                    traceSteps[rec] = t;
                    final double[] est = new double[k];
                    for (int i = 0; i < k; i++) {
                        est[i] = sum[i] / c;
                    }
                    trace[rec++] = est;
                }
            }
        }
        final double[] lambda = new double[k];
        for (int i = 0; i < k; i++) {
            lambda[i] = sum[i] / counted;
        }
        return new Result(lambda, counted, traceSteps, trace, kaplanYorke(lambda));
    }

    /**
     * Orthonormalises the k contiguous columns of q in place by modified Gram–Schmidt run twice; r[i] receives |R_ii|,
     * the norm of column i after its projections were removed (product over the two passes).
     * A column that vanishes (|R_ii| = 0: D_t maps it to 0) gives ln 0 = −∞, which is what the exponent is.
     */
    static void orthonormalise(final double[] q, final int n, final int k, final double[] r) {
        orthonormalise(q, n, k, r, null);
    }

    /**
     * As {@link #orthonormalise(double[], int, int, double[])}, also filling the whole upper-triangular R (k × k,
     * {@code full[j·k + i]} = R_ji, so that the input columns are Σ_j q_j R_ji): with the coefficients d¹, d² and norms
     * n¹, n² of the two passes, R_ji = d¹_j + n¹ d²_j (j &lt; i), R_ii = n¹ n². Null: diagonal only.
     */
    static void orthonormalise(final double[] q, final int n, final int k, final double[] r, final double[] full) {
        for (int i = 0; i < k; i++) {
            final int oi = i * n;
            double growth = 1.0;
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < i; j++) {
                    final int oj = j * n;
                    double d = 0.0;
                    for (int m = 0; m < n; m++) {
                        d += q[oj + m] * q[oi + m];
                    }
                    for (int m = 0; m < n; m++) {
                        q[oi + m] -= d * q[oj + m];
                    }
                    if (full != null) {
                        full[j * k + i] = pass == 0 ? d : full[j * k + i] + growth * d;
                    }
                }
                double s = 0.0;
                for (int m = 0; m < n; m++) {
                    s += q[oi + m] * q[oi + m];
                }
                final double norm = Math.sqrt(s);
                growth *= norm;
                if (norm > 0.0) {
                    final double inv = 1.0 / norm;
                    for (int m = 0; m < n; m++) {
                        q[oi + m] *= inv;
                    }
                }
            }
            r[i] = growth;
            if (full != null) {
                full[i * k + i] = growth;
                for (int j = i + 1; j < k; j++) {
                    full[j * k + i] = 0.0;
                }
            }
        }
    }

    /** @return Q_0 of {@link #compute} for this seed: n × k, orthonormal columns. */
    static double[] start(final int n, final int k, final long seed) {
        final SplittableRandom rng = new SplittableRandom(seed);
        final double[] q = new double[n * k];
        for (int i = 0; i < q.length; i++) {
            q[i] = rng.nextDouble() - 0.5;
        }
        orthonormalise(q, n, k, new double[k]);
        return q;
    }

    /**
     * @param lambda exponents in decreasing order.
     * @return D_KY = j + Σ_{i≤j} λ_i / |λ_{j+1}|, j the largest index with Σ_{i≤j} λ_i ≥ 0; 0 if λ_1 &lt; 0; the
     *         number of exponents if every partial sum is ≥ 0.
     */
    public static double kaplanYorke(final double[] lambda) {
        double partial = 0.0;
        for (int j = 0; j < lambda.length; j++) {
            if (partial + lambda[j] < 0.0) {
                return j + partial / Math.abs(lambda[j]);
            }
            partial += lambda[j];
        }
        return lambda.length;
    }
}
