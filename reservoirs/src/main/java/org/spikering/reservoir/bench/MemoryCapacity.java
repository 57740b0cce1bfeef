package org.spikering.reservoir.bench;

import java.util.SplittableRandom;
import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.readout.RidgeRegression;

/**
 * Memory capacity (Jaeger 2001): drive with i.i.d. u(t) ~ U[−0.8, 0.8], train one linear readout per
 * delay k = 0 … k_max − 1 to output u(t − k) from the state after u(t), and sum the squared correlations on
 * held-out data: MC = Σ_k r²(u(t − k), ŷ_k(t)). Delay 0 is counted because x(t) already contains u(t)
 * (as in TASKS.md's reference numbers); then a linear orthogonal reservoir reaches N. Each r² is
 * bias-adjusted, r²_adj = max(0, 1 − (1 − r²)(T − 1)/(T − 2)) for T test samples. For i.i.d. input MC ≤ N; linear orthogonal reservoirs
 * reach N. All delays share one ridge fit (the normal equations are formed once).
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
     * @param test    test steps.
     * @param lambda  ridge regularisation.
     * @param seed    input seed.
     * @return MC.
     */
    public static Result measure(final EchoStateNetwork esn, final int kMax, final int washout, final int train,
                                 final int test, final double lambda, final long seed) {
        if (kMax < 1 || train < 1 || test < 2) {
            throw new IllegalArgumentException("k_max = " + kMax + ", train = " + train + ", test = " + test
                    + ": need k_max >= 1, train >= 1, test >= 2");
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
        final double[][] y = new double[total][kMax];
        for (int t = start; t < total; t++) {
            for (int k = 0; k < kMax; k++) {
                y[t][k] = u[t - k];
            }
        }
        final RidgeRegression ridge = RidgeRegression.fit(Series.rows(states, start, start + train),
                Series.rows(y, start, start + train), lambda);
        final double[] mc = new double[kMax];
        final double[] target = new double[test];
        final double[] pred = new double[test];
        double sum = 0;
        for (int k = 0; k < kMax; k++) {
            for (int t = 0; t < test; t++) {
                final int row = start + train + t;
                target[t] = y[row][k];
                pred[t] = ridge.predict(states[row])[k];
            }
            // the squared sample correlation is biased upwards by about (1 − r²)/(T − 2) (zero-memory delays
            // would each add ~1/T); remove that bias so that the estimate respects MC ≤ N
            final double r2 = Series.r2(target, pred);
            mc[k] = Math.max(0.0, 1.0 - (1.0 - r2) * (test - 1.0) / (test - 2.0));
            sum += mc[k];
        }
        return new Result(sum, mc);
    }
}
