package org.spikering.reservoir.bench;

import java.util.SplittableRandom;
import org.spikering.reservoir.lsm.LiquidStateMachine;
import org.spikering.reservoir.readout.RidgeRegression;

/**
 * Memory capacity of a liquid state machine: i.i.d. input u(n) ~ U[0, 1], one value per sample of
 * {@code sampleMs} ms, rate-coded by the input neurons; features = filtered spikes at the end of each
 * sample; ridge readouts (λ by 5-fold CV) for u(n − k), k = 0 … k_max − 1; MC = Σ_k r² on held-out samples.
 */
public final class LsmMemory {

    /** Result. */
    public record Result(double capacity, double[] perDelay, double meanRateHz, double wallSeconds) {
    }

    private LsmMemory() {
    }

    /**
     * @param lsm      the column.
     * @param samples  total samples (washout 20, test 25 %).
     * @param sampleMs sample duration, ms.
     * @param tauMs    feature filter, ms.
     * @param kMax     delays.
     * @param seed     input seed.
     * @return MC.
     */
    public static Result measure(final LiquidStateMachine lsm, final int samples, final double sampleMs,
                                 final double tauMs, final int kMax, final long seed) {
        final int washout = 20 + kMax;
        final int test = samples / 4;
        Series.trainingSteps(samples, washout, test);
        final SplittableRandom r = new SplittableRandom(seed);
        final double[] u = new double[samples];
        for (int n = 0; n < samples; n++) {
            u[n] = r.nextDouble();
        }
        final long t0 = System.nanoTime();
        final LiquidStateMachine.Run run = lsm.drive(u, sampleMs, tauMs, -1);
        final double wall = (System.nanoTime() - t0) / 1e9;
        final double[][] y = new double[samples][kMax];
        for (int n = kMax; n < samples; n++) {
            for (int k = 0; k < kMax; k++) {
                y[n][k] = u[n - k];
            }
        }
        final int trainEnd = samples - test;
        final RidgeRegression ridge = RidgeRegression.fitCrossValidated(Series.rows(run.features(), washout, trainEnd),
                Series.rows(y, washout, trainEnd), new double[] {1e-4, 1e-2, 1, 100}, 5);
        final double[] mc = new double[kMax];
        final double[] a = new double[test];
        final double[] b = new double[test];
        double sum = 0;
        for (int k = 0; k < kMax; k++) {
            for (int t = 0; t < test; t++) {
                a[t] = y[trainEnd + t][k];
                b[t] = ridge.predict(run.features()[trainEnd + t])[k];
            }
            mc[k] = Series.r2(a, b);
            sum += mc[k];
        }
        return new Result(sum, mc, run.meanRateHz(), wall);
    }
}
