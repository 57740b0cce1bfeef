package org.spikering.app.train;

/**
 * The continual-learning metrics of Lopez-Paz &amp; Ranzato 2017 and Chaudhry et al. 2018 (TASKS.md §5) from the matrix
 * R_{i,j} = the score on task j after training through task i (i, j = 1 … T) and b_j = the score of the network before
 * any training, for a score where higher is better (accuracy; for a loss pass its negative):
 * <pre>
 * ACC = (1/T) Σ_j R_{T,j}
 * BWT = (1/(T−1)) Σ_{j&lt;T} (R_{T,j} − R_{j,j})            (negative = forgetting)
 * FWT = (1/(T−1)) Σ_{j≥2} (R_{j−1,j} − b_j)
 * f_j = max_{l&lt;T} R_{l,j} − R_{T,j}  (j &lt; T),   F = mean_j f_j
 * </pre>
 *
 * @param acc        ACC.
 * @param bwt        BWT.
 * @param fwt        FWT.
 * @param forgetting f_1 … f_{T−1}.
 * @param meanForgetting F.
 */
public record ContinualMetrics(double acc, double bwt, double fwt, double[] forgetting, double meanForgetting) {

    /**
     * @param r T × T scores, r[i][j] after training through task i+1 on task j+1.
     * @param b T scores of the untrained network.
     * @return the metrics.
     * @throws IllegalArgumentException if T &lt; 2 or the shapes differ.
     */
    public static ContinualMetrics of(final double[][] r, final double[] b) {
        final int t = r.length;
        if (t < 2 || b.length != t) {
            throw new IllegalArgumentException("R is " + t + " x ?, b has " + b.length + " entries: need T >= 2 tasks and"
                    + " T entries");
        }
        for (double[] row : r) {
            if (row.length != t) {
                throw new IllegalArgumentException("R: must be square (" + t + " x " + t + ")");
            }
        }
        double acc = 0.0;
        for (int j = 0; j < t; j++) {
            acc += r[t - 1][j];
        }
        acc /= t;
        double bwt = 0.0;
        double fwt = 0.0;
        final double[] f = new double[t - 1];
        double mean = 0.0;
        for (int j = 0; j < t - 1; j++) {
            bwt += r[t - 1][j] - r[j][j];
            fwt += r[j][j + 1] - b[j + 1];
            double best = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < t - 1; l++) {
                best = Math.max(best, r[l][j]);
            }
            f[j] = best - r[t - 1][j];
            mean += f[j];
        }
        return new ContinualMetrics(acc, bwt / (t - 1), fwt / (t - 1), f, mean / (t - 1));
    }
}
