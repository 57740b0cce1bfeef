package org.spikering.sim.kernel;

import java.util.Arrays;

/**
 * One partition's staged synaptic input (see {@link NetworkState}'s class comment): per arrival slot (step modulo
 * {@code slots}) and <i>lane</i> (target population p and input channel c, lane 2p + c), the (partition-local target,
 * float weight) pairs delivered for that step so far, in delivery order, interleaved in one int array (target, then
 * the weight's raw float bits). Delivery appends a delay band of a spike's row at once (a sequential copy); the owner
 * applies a slot just before it reads that step's input, adding each lane's pairs to its input array in the order
 * delivered, and empties it. An input cell (target, channel) belongs to one lane, so it receives its additions in
 * delivery order whatever the order of the lanes. Single-threaded (the partition's owner). Grows as needed, never
 * shrinks.
 */
final class StagedInput {

    private final int lanes;
    /** [slot · lanes + lane]: target, float bits, target, float bits, ... */
    private final int[][] pairs;
    /** [slot · lanes + lane]: ints used (2 per pair). */
    private final int[] used;

    /**
     * @param slots number of arrival slots (a power of two above the maximum delay in steps).
     * @param lanes 2 · populations.
     */
    StagedInput(final int slots, final int lanes) {
        this.lanes = lanes;
        pairs = new int[slots * lanes][];
        used = new int[slots * lanes];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new int[16];
        }
    }

    /**
     * Appends synapses [lo, hi) of a row band, targets minus {@code base}, to lane l of slot h.
     *
     * @param h    slot.
     * @param l    lane (2 · population + channel).
     * @param tg   the CSR's targets.
     * @param w    the CSR's float weights.
     * @param lo   first synapse.
     * @param hi   end, exclusive (&gt; lo).
     * @param base subtracted from the targets (the partition's first target).
     */
    void append(final int h, final int l, final int[] tg, final float[] w, final int lo, final int hi, final int base) {
        final int i = h * lanes + l;
        final int n = used[i];
        final int m = 2 * (hi - lo);
        int[] x = pairs[i];
        if (n + m > x.length) {
            x = Arrays.copyOf(x, Math.max(2 * x.length, n + m));
            pairs[i] = x;
        }
        for (int k = lo, o = n; k < hi; k++, o += 2) {
            x[o] = tg[k] - base;
            x[o + 1] = Float.floatToRawIntBits(w[k]);
        }
        used[i] = n + m;
    }

    /**
     * As {@link #append} for a projection whose weights have both signs: each pair goes to lane 2p + 1 when its
     * weight is negative, else to lane 2p.
     *
     * @param h    slot.
     * @param p    target population (two channels).
     * @param tg   the CSR's targets.
     * @param w    the CSR's float weights.
     * @param lo   first synapse.
     * @param hi   end, exclusive (&gt; lo).
     * @param base subtracted from the targets.
     */
    void appendBySign(final int h, final int p, final int[] tg, final float[] w, final int lo, final int hi,
                      final int base) {
        for (int k = lo; k < hi; k++) {
            append(h, 2 * p + (w[k] < 0 ? 1 : 0), tg, w, k, k + 1, base);
        }
    }

    /**
     * Adds slot h's pairs to the input arrays of their lanes, in the order delivered, and empties the slot.
     *
     * @param h  slot.
     * @param in per lane, the partition's input array (null for lanes never appended to).
     */
    void apply(final int h, final double[][] in) {
        final int first = h * lanes;
        for (int l = 0; l < lanes; l++) {
            final int n = used[first + l];
            if (n == 0) {
                continue;
            }
            final int[] x = pairs[first + l];
            final double[] a = in[l];
            for (int o = 0; o < n; o += 2) {
                a[x[o]] += Float.intBitsToFloat(x[o + 1]);
            }
            used[first + l] = 0;
        }
    }

    /**
     * Adds slot h's pairs of lane l to {@code a}, in the order delivered, and drops them from the slot.
     *
     * @param h slot.
     * @param l lane.
     * @param a the lane's new input array.
     */
    void drain(final int h, final int l, final double[] a) {
        final int i = h * lanes + l;
        final int[] x = pairs[i];
        for (int o = 0; o < used[i]; o += 2) {
            a[x[o]] += Float.intBitsToFloat(x[o + 1]);
        }
        used[i] = 0;
    }
}
