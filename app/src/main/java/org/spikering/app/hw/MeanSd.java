package org.spikering.app.hw;

/**
 * Mean and sample standard deviation (n − 1 in the denominator) of per-seed values, ignoring NaN values
 * (diverged runs, undefined metrics).
 *
 * @param mean mean of the finite values, NaN if there is none.
 * @param sd   sample standard deviation, NaN if there are fewer than 2 finite values.
 * @param n    number of finite values.
 */
public record MeanSd(double mean, double sd, int n) {

    /**
     * @param values per-seed values; NaN entries are left out, infinite ones are refused.
     * @return their mean and standard deviation.
     */
    public static MeanSd of(final double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("value = " + v + ": must be finite or NaN (undefined)");
            }
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new MeanSd(Double.NaN, Double.NaN, 0);
        }
        final double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return new MeanSd(mean, n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)), n);
    }
}
