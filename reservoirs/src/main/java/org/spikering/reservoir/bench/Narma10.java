package org.spikering.reservoir.bench;

import java.util.SplittableRandom;
import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.readout.RidgeRegression;

/**
 * NARMA-10 one-step prediction (Atiya &amp; Parlos 2000; Jaeger 2003): u(t) ~ U[0, 0.5] i.i.d.,
 * y(t+1) = 0.3 y(t) + 0.05 y(t) Σ_{i=0}^{9} y(t−i) + 1.5 u(t−9) u(t) + 0.1. The reservoir is fed u(t) and
 * its state after u(t) is mapped to y(t+1); a series that diverges (rare) is redrawn. Readout: ridge,
 * λ by 5-fold cross-validation on the training part; NRMSE on the held-out test part. For comparison an
 * online normalised-LMS readout is trained on the same states (3 passes) and scored the same way.
 */
public final class Narma10 {

    /** Result of one run. */
    public record Result(double testNrmse, double trainNrmse, double lambda, double[] target, double[] prediction,
                         double lmsTestNrmse) {
    }

    /** The λ grid of the cross-validation. */
    public static final double[] LAMBDAS = {1e-10, 1e-8, 1e-6, 1e-4, 1e-2};

    private Narma10() {
    }

    /**
     * @param length series length.
     * @param seed   seed.
     * @return {u, y} with y[t] the NARMA output after input u[t-1] (y[t+1] defined from u[t]).
     */
    public static double[][] series(final int length, final long seed) {
        for (long attempt = 0; ; attempt++) {
            final SplittableRandom r = new SplittableRandom(seed + 7919 * attempt);
            final double[] u = new double[length];
            final double[] y = new double[length];
            for (int t = 0; t < length; t++) {
                u[t] = 0.5 * r.nextDouble();
            }
            boolean ok = true;
            for (int t = 9; t < length - 1 && ok; t++) {
                double s = 0;
                for (int i = 0; i < 10; i++) {
                    s += y[t - i];
                }
                y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * s + 1.5 * u[t - 9] * u[t] + 0.1;
                ok = Math.abs(y[t + 1]) < 10;
            }
            if (ok) {
                return new double[][] {u, y};
            }
        }
    }

    /**
     * @param esn     reservoir.
     * @param length  series length (washout + training + test), steps.
     * @param washout discarded steps at the start, &lt; length − test.
     * @param test    held-out steps at the end, &ge; 2.
     * @param seed    series seed.
     * @return the result.
     */
    public static Result run(final EchoStateNetwork esn, final int length, final int washout, final int test,
                             final long seed) {
        final int train = Series.trainingSteps(length, washout, test);
        final int total = length + 1;
        final double[][] uy = series(total, seed);
        final double[][] states = esn.run(uy[0]);
        final double[][] y = new double[total][1];
        for (int t = 0; t + 1 < total; t++) {
            y[t][0] = uy[1][t + 1];
        }
        final RidgeRegression r = RidgeRegression.fitCrossValidated(Series.rows(states, washout, washout + train),
                Series.rows(y, washout, washout + train), LAMBDAS, 5);
        final double[] tgt = new double[test];
        final double[] pred = new double[test];
        for (int t = 0; t < test; t++) {
            tgt[t] = y[washout + train + t][0];
            pred[t] = r.predict(states[washout + train + t])[0];
        }
        final double[] trT = new double[train];
        final double[] trP = new double[train];
        for (int t = 0; t < train; t++) {
            trT[t] = y[washout + t][0];
            trP[t] = r.predict(states[washout + t])[0];
        }
        // online comparison: normalised LMS over 3 passes of the training part
        final org.spikering.reservoir.readout.LmsReadout lms =
                new org.spikering.reservoir.readout.LmsReadout(states[0].length, 1, 0.5);
        for (int pass = 0; pass < 3; pass++) {
            for (int t = 0; t < train; t++) {
                lms.learn(states[washout + t], y[washout + t]);
            }
        }
        final double[] lmsPred = new double[test];
        for (int t = 0; t < test; t++) {
            lmsPred[t] = lms.predict(states[washout + train + t])[0];
        }
        return new Result(Series.nrmse(tgt, pred), Series.nrmse(trT, trP), r.lambda(), tgt, pred, Series.nrmse(tgt, lmsPred));
    }
}
