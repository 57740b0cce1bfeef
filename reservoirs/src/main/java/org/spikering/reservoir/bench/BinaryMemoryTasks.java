package org.spikering.reservoir.bench;

import java.util.SplittableRandom;
import org.spikering.reservoir.readout.RidgeRegression;

/**
 * Binary memory tasks on reservoir features of spike-encoded (or rate-encoded) bits s(n) ∈ {0, 1}:
 * <ul>
 *   <li>delayed XOR: y(n) = s(n − d) XOR s(n − d − 1);</li>
 *   <li>temporal parity PAR_3(τ) (Bertschinger &amp; Natschläger 2004): y(n) = s(n−τ) ⊕ s(n−τ−1) ⊕ s(n−τ−2);</li>
 *   <li>the (4,6)-back task: soft target p(n) = 0.5 + 0.5 s(n−4) − 0.25 s(n−6); a linear readout is
 *       clipped to [0.01, 0.99] and scored by cross-entropy (nats) against the three analytic bounds
 *       0.6616 (nothing learned), 0.5192 (4-back learned), 0.4545 (both learned).</li>
 * </ul>
 * A ridge readout (λ by 5-fold CV) is trained on the first 75 % of samples after a washout; accuracy
 * (threshold 0.5) or cross-entropy is reported on the rest. Stateless.
 */
public final class BinaryMemoryTasks {

    /** Result: accuracy (XOR, parity) or cross-entropy (n-back) on held-out samples. */
    public record Result(String task, double score, String metric) {
    }

    private BinaryMemoryTasks() {
    }

    /**
     * @param n    length.
     * @param seed seed.
     * @return i.i.d. fair bits.
     */
    public static int[] bits(final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextBoolean() ? 1 : 0;
        }
        return s;
    }

    /**
     * @param features reservoir features per sample (state after bit n).
     * @param s        the bits.
     * @param task     "xor", "parity" or "nback".
     * @param delay    d (xor) or τ (parity); ignored for nback.
     * @param washout  discarded samples.
     * @return the held-out score.
     */
    public static Result score(final double[][] features, final int[] s, final String task, final int delay, final int washout) {
        final int n = s.length;
        final int start = Math.max(washout, delay + 6);
        final int test = (n - start) / 4;
        Series.trainingSteps(n, start, test);
        final double[][] y = new double[n][1];
        for (int t = start; t < n; t++) {
            switch (task) {
                case "xor":
                    y[t][0] = s[t - delay] ^ s[t - delay - 1];
                    break;
                case "parity":
                    y[t][0] = s[t - delay] ^ s[t - delay - 1] ^ s[t - delay - 2];
                    break;
                case "nback":
                    y[t][0] = 0.5 + 0.5 * s[t - 4] - 0.25 * s[t - 6];
                    break;
                default:
                    throw new IllegalArgumentException("task = '" + task + "': must be one of xor, parity, nback");
            }
        }
        final int trainEnd = n - test;
        final RidgeRegression r = RidgeRegression.fitCrossValidated(Series.rows(features, start, trainEnd),
                Series.rows(y, start, trainEnd), new double[] {1e-8, 1e-6, 1e-4, 1e-2, 1}, 5);
        double score = 0;
        for (int t = trainEnd; t < n; t++) {
            final double p = r.predict(features[t])[0];
            if (task.equals("nback")) {
                final double q = Math.min(0.99, Math.max(0.01, p));
                final double target = y[t][0];
                score -= (target * Math.log(q) + (1 - target) * Math.log(1 - q)) / test;
            } else {
                score += ((p >= 0.5 ? 1 : 0) == (int) y[t][0] ? 1.0 : 0.0) / test;
            }
        }
        return new Result(task, score, task.equals("nback") ? "cross_entropy_nats" : "accuracy");
    }
}
