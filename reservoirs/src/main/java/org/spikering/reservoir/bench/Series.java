package org.spikering.reservoir.bench;

/** Error measures and helpers for benchmark series. Stateless. */
public final class Series {

    private Series() {
    }

    /**
     * NRMSE = √(mean((y − ŷ)²) / var(y)).
     *
     * @param y    targets.
     * @param yHat predictions.
     * @return the normalised root-mean-square error.
     */
    public static double nrmse(final double[] y, final double[] yHat) {
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double var = 0;
        double mse = 0;
        for (int t = 0; t < y.length; t++) {
            var += (y[t] - mean) * (y[t] - mean) / y.length;
            mse += (y[t] - yHat[t]) * (y[t] - yHat[t]) / y.length;
        }
        return Math.sqrt(mse / var);
    }

    /**
     * @param a series.
     * @param b series of the same length.
     * @return squared correlation coefficient cov²/(var·var) (0 if either is constant).
     */
    public static double r2(final double[] a, final double[] b) {
        double ma = 0;
        double mb = 0;
        for (int t = 0; t < a.length; t++) {
            ma += a[t] / a.length;
            mb += b[t] / b.length;
        }
        double c = 0;
        double va = 0;
        double vb = 0;
        for (int t = 0; t < a.length; t++) {
            c += (a[t] - ma) * (b[t] - mb);
            va += (a[t] - ma) * (a[t] - ma);
            vb += (b[t] - mb) * (b[t] - mb);
        }
        return va == 0 || vb == 0 ? 0 : c * c / (va * vb);
    }

    /**
     * @param states washout-free states.
     * @param from   first row.
     * @param to     last row, exclusive.
     * @return the rows [from, to).
     */
    static double[][] rows(final double[][] states, final int from, final int to) {
        return java.util.Arrays.copyOfRange(states, from, to);
    }

    /**
     * @param length  data length.
     * @param washout discarded steps.
     * @param test    test steps.
     * @return the training steps left, length − washout − test (at least 10).
     */
    static int trainingSteps(final int length, final int washout, final int test) {
        if (length < 1) {
            throw new IllegalArgumentException("length = " + length + " steps: must be >= 1");
        }
        if (test < 2) {
            throw new IllegalArgumentException("test = " + test + " steps: must be >= 2");
        }
        if (washout < 0 || washout + test + 10 > length) {
            throw new IllegalArgumentException("washout = " + washout + " steps: must be in [0, " + (length - test - 10)
                    + "] so that at least 10 training steps remain of the " + length + " steps of data (test = " + test + ")");
        }
        return length - washout - test;
    }

    static void checkWashout(final int washout, final int length) {
        if (washout < 0 || washout >= length) {
            throw new IllegalArgumentException("washout = " + washout + " steps: must be in [0, " + length
                    + ") (shorter than the data)");
        }
    }
}
