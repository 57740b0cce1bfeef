package org.spikering.reservoir.bench;

import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.readout.RidgeRegression;

/**
 * Mackey–Glass series, dx/dt = 0.2·x(t−τ)/(1 + x(t−τ)^10) − 0.1·x(t) with τ = 17 (chaotic), integrated
 * by RK4 with step h = 0.1 (delayed values linearly interpolated on the 0.1 grid, exact there) and
 * sampled once per time unit after a transientSteps of 1000 units; x(t ≤ 0) = 1.2. Benchmark: one-step-ahead
 * prediction x(t+1) from the reservoir state after x(t) (teacher forced), NRMSE on held-out data.
 */
public final class MackeyGlass {

    /** Result of one run. */
    public record Result(double testNrmse, double lambda, double[] target, double[] prediction) {
    }

    private MackeyGlass() {
    }

    /**
     * @param length number of samples (one per time unit).
     * @param tau    delay τ.
     * @return the series, shifted and scaled to roughly [−1, 1] by x ↦ tanh(x − 1).
     */
    public static double[] series(final int length, final double tau) {
        final double h = 0.1;
        final int lag = (int) Math.round(tau / h);
        final int transientSteps = 10_000;
        final int steps = transientSteps + length * 10 + 1;
        final double[] x = new double[steps + lag + 1];
        java.util.Arrays.fill(x, 0, lag + 1, 1.2);
        for (int n = lag; n < steps + lag; n++) {
            final double xd0 = x[n - lag];
            final double xd1 = x[n - lag + 1];
            final double xdh = 0.5 * (xd0 + xd1);
            final double k1 = f(x[n], xd0);
            final double k2 = f(x[n] + 0.5 * h * k1, xdh);
            final double k3 = f(x[n] + 0.5 * h * k2, xdh);
            final double k4 = f(x[n] + h * k3, xd1);
            x[n + 1] = x[n] + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        final double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = Math.tanh(x[lag + transientSteps + 10 * i] - 1.0);
        }
        return out;
    }

    private static double f(final double x, final double xd) {
        return 0.2 * xd / (1 + Math.pow(xd, 10)) - 0.1 * x;
    }

    /**
     * @param esn     reservoir.
     * @param length  series length (washout + training + test), steps.
     * @param washout discarded steps at the start, &lt; length − test.
     * @param test    held-out steps at the end, &ge; 2.
     * @return the result.
     */
    public static Result run(final EchoStateNetwork esn, final int length, final int washout, final int test) {
        final int train = Series.trainingSteps(length, washout, test);
        final int total = length + 1;
        final double[] s = series(total, 17.0);
        final double[][] states = esn.run(s);
        final double[][] y = new double[total][1];
        for (int t = 0; t + 1 < total; t++) {
            y[t][0] = s[t + 1];
        }
        final RidgeRegression r = RidgeRegression.fitCrossValidated(Series.rows(states, washout, washout + train),
                Series.rows(y, washout, washout + train), Narma10.LAMBDAS, 5);
        final double[] tgt = new double[test];
        final double[] pred = new double[test];
        for (int t = 0; t < test; t++) {
            tgt[t] = y[washout + train + t][0];
            pred[t] = r.predict(states[washout + train + t])[0];
        }
        return new Result(Series.nrmse(tgt, pred), r.lambda(), tgt, pred);
    }
}
