package org.spikering.reservoir.analysis;

import org.spikering.reservoir.lsm.LiquidStateMachine;

/**
 * Edge-of-chaos measures for spiking reservoirs.
 * <ul>
 *   <li><b>Perturbation separation</b> (Legenstein &amp; Maass 2007): the same input is given twice, the
 *       second time with one extra spike from every input neuron at sample s0; the separation at lag k
 *       is the Euclidean distance between the two runs' filtered-spike state vectors k samples later,
 *       divided by √N. It decays in the ordered regime and persists or grows in the chaotic one.</li>
 *   <li><b>Branching ratio</b> σ: the least-squares slope of A(t+1) on A(t) for population spike counts in
 *       consecutive 2-ms bins (σ &lt; 1 subcritical, ≈ 1 critical, &gt; 1 supercritical); a simple
 *       estimator, biased by external drive, reported as such.</li>
 * </ul>
 */
public final class SpikingChaos {

    private SpikingChaos() {
    }

    /** Separation per lag and the branching ratio of the unperturbed run. */
    public record Result(double[] separation, double branchingRatio, double meanRateHz) {
    }

    /**
     * @param lsm      the column.
     * @param u        input per sample.
     * @param sampleMs sample duration, ms.
     * @param tauMs    feature filter, ms.
     * @param s0       sample at which the perturbation is applied.
     * @return separation at lags 0 … u.length − s0 − 1 and the branching ratio.
     */
    public static Result measure(final LiquidStateMachine lsm, final double[] u, final double sampleMs, final double tauMs,
                                 final int s0) {
        if (s0 < 0 || s0 >= u.length) {
            throw new IllegalArgumentException("perturbation sample = " + s0 + ": must be in [0, " + u.length + ")");
        }
        final LiquidStateMachine.Run a = lsm.drive(u, sampleMs, tauMs, -1);
        final LiquidStateMachine.Run b = lsm.drive(u, sampleMs, tauMs, s0);
        final int n = a.features()[0].length;
        final double[] sep = new double[u.length - s0];
        for (int k = 0; k < sep.length; k++) {
            double d = 0;
            for (int i = 0; i < n; i++) {
                final double x = a.features()[s0 + k][i] - b.features()[s0 + k][i];
                d += x * x;
            }
            sep[k] = Math.sqrt(d / n);
        }
        return new Result(sep, branchingRatio(a.populationActivity()), a.meanRateHz());
    }

    /**
     * @param activity spike counts per bin.
     * @return least-squares slope of A(t+1) on A(t) (NaN if the activity is constant).
     */
    public static double branchingRatio(final double[] activity) {
        final int m = activity.length - 1;
        if (m < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int t = 0; t < m; t++) {
            mx += activity[t] / m;
            my += activity[t + 1] / m;
        }
        double cov = 0;
        double var = 0;
        for (int t = 0; t < m; t++) {
            cov += (activity[t] - mx) * (activity[t + 1] - my);
            var += (activity[t] - mx) * (activity[t] - mx);
        }
        return var == 0 ? Double.NaN : cov / var;
    }
}
