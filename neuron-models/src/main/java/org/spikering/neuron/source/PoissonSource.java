package org.spikering.neuron.source;

import org.spikering.neuron.Check;

/**
 * Independent Poisson spike trains, one per neuron, on a grid of step h: the number of spikes of
 * neuron i in step t is Poisson distributed with mean μ = rate·h (a neuron may emit several events in
 * one step when μ is large, as NEST's {@code poisson_generator} delivers multiplicities).
 *
 * <p><b>Streams.</b> The count of (neuron i, step t) is a pure function of (seed, i, t): a uniform
 * variate is made by hashing the three with the SplitMix64 finaliser and is inverted through a
 * cumulative table of the Poisson distribution built once for μ. So results do not depend on the
 * order in which neurons or steps are queried, nor on the number of threads. Immutable; thread-safe.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>rate</td><td>Hz</td><td>rate per neuron, &ge; 0</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>step h</td></tr>
 * </table>
 */
public final class PoissonSource {

    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
    private static final int MAX_TABLE = 1 << 12;
    private static final int BUCKET_BITS = 10;

    private final int size;
    private final double rateHz;
    private final double dtMs;
    private final double mean;
    private final long seed;
    private final double[] cdf;
    private final int[] bucketCount;

    /**
     * @param size   number of neurons, &ge; 1.
     * @param rateHz rate per neuron, Hz, &ge; 0.
     * @param dtMs   step, ms.
     * @param seed   seed of the streams.
     */
    public PoissonSource(final int size, final double rateHz, final double dtMs, final long seed) {
        this.size = Check.atLeastOne("poisson size", size);
        this.rateHz = Check.nonNegative("rate", rateHz, "Hz");
        this.dtMs = Check.positive("dt", dtMs, "ms");
        this.mean = rateHz * dtMs * 1e-3;
        if (mean > 500) {
            throw new IllegalArgumentException("rate = " + rateHz + " Hz: mean count per step " + mean
                    + " exceeds 500; use a smaller dt or rate");
        }
        this.seed = seed;
        this.cdf = cumulative(mean);
        this.bucketCount = buckets(cdf);
    }

    /**
     * Splits [0, 1) into 2^BUCKET_BITS equal buckets; a bucket that no cumulative value cuts maps to
     * its count directly, the others are marked −1 and resolved by the search. Most draws then cost
     * one table read instead of a chain of data-dependent comparisons; the result is identical.
     */
    private static int[] buckets(final double[] c) {
        final int n = 1 << BUCKET_BITS;
        final int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            final double lo = (double) i / n;
            final double hi = (double) (i + 1) / n;
            int k = 0;
            while (lo >= c[k]) {
                k++;
            }
            b[i] = c[k] >= hi ? k : -1;
        }
        return b;
    }

    private static double[] cumulative(final double mu) {
        final double[] tmp = new double[MAX_TABLE];
        double pk = Math.exp(-mu);
        double sum = pk;
        int k = 0;
        tmp[0] = sum;
        while (sum < 1.0 - 1e-16 && k < MAX_TABLE - 2) {
            k++;
            pk *= mu / k;
            sum += pk;
            tmp[k] = sum;
            if (pk < 1e-300 && k > mu) {
                break;
            }
        }
        tmp[k + 1] = Double.POSITIVE_INFINITY; // guard: every u < 1 ends here at the latest
        return java.util.Arrays.copyOf(tmp, k + 2);
    }

    /** @return number of neurons. */
    public int size() {
        return size;
    }

    /** @return rate per neuron, Hz. */
    public double rateHz() {
        return rateHz;
    }

    /** @return mean count per neuron and step, μ = rate·h. */
    public double meanPerStep() {
        return mean;
    }

    /**
     * @param neuron index in [0, size).
     * @param step   step number.
     * @return the number of spikes of {@code neuron} in {@code step}.
     */
    public int count(final int neuron, final long step) {
        // u = (z >>> 11)·2^-53 exactly, so ⌊u·2^BUCKET_BITS⌋ = z >>> (64 − BUCKET_BITS): the bucket straight from the bits,
        // without a conversion to double and back (the hot loop of a Poisson drive, once per neuron and step)
        final long z = hash(seed, neuron, step);
        final int fast = bucketCount[(int) (z >>> (64 - BUCKET_BITS))];
        return fast >= 0 ? fast : search((z >>> 11) * TWO_POW_MINUS_53);
    }

    /**
     * @param u a uniform variate in [0, 1).
     * @return the Poisson count whose cumulative interval contains u (inversion by search).
     */
    int search(final double u) {
        final double[] c = cdf;
        int k = 0;
        while (u >= c[k]) {
            k++;
        }
        return k;
    }

    /**
     * Fills the counts of neurons [from, to) for one step, without allocation.
     *
     * @param step step number.
     * @param from first neuron, inclusive.
     * @param to   last neuron, exclusive.
     * @param out  output, {@code out[i - from]} = count of neuron i.
     */
    public void fillCounts(final long step, final int from, final int to, final int[] out) {
        for (int i = from; i < to; i++) {
            out[i - from] = count(i, step);
        }
    }

    /**
     * A uniform variate in [0, 1) that is a pure function of its arguments (SplitMix64 finaliser of
     * a combination of seed, stream and counter).
     *
     * @param seed    seed.
     * @param stream  stream id (neuron).
     * @param counter counter (step).
     * @return u in [0, 1).
     */
    public static double uniform(final long seed, final long stream, final long counter) {
        return (hash(seed, stream, counter) >>> 11) * TWO_POW_MINUS_53;
    }

    /** The 64 bits behind {@link #uniform}: SplitMix64's finaliser of seed, stream and counter. */
    private static long hash(final long seed, final long stream, final long counter) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1) + 0xD1B54A32D192ED03L * counter;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        z = (z ^ (z >>> 29)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 32);
    }
}
