package org.spikering.sim.kernel;

import java.util.Arrays;

/**
 * One partition's staged synaptic input (see {@link NetworkState}'s class comment): per arrival slot (step modulo
 * {@code slots}) and <i>lane</i>, the (target, float weight) pairs delivered for that step so far, in delivery order.
 * A lane is one input array (target population p, channel c) and one chunk of 65 536 of its partition-local targets,
 * so a target is kept in 16 bits (a {@code char}, counted from the chunk's first target): 6 bytes per pair instead of
 * 8, and the staged pairs are most of the memory traffic of a delivery (written once, read once, each after the
 * CSR's 8 bytes). Delivery appends a delay band of a spike's row at once (a sequential copy); the owner applies a
 * slot just before it reads that step's input, adding each lane's pairs to its input array in the order delivered,
 * and empties it. An input cell belongs to one lane, so it receives its additions in delivery order whatever the
 * order of the lanes. Single-threaded (the partition's owner). Grows as needed, never shrinks.
 */
final class StagedInput {

    /** Targets per lane chunk (16 bits). */
    static final int CHUNK = 1 << 16;

    private final int lanes;
    /** Per lane, the partition-local index of its first target (chunk · {@link #CHUNK}). */
    private final int[] laneOffset;
    /** [slot · lanes + lane]: targets minus the lane's offset. */
    private final char[][] target;
    /** [slot · lanes + lane]: weights. */
    private final float[][] weight;
    /** [slot · lanes + lane]: pairs used. */
    private final int[] used;

    /**
     * @param slots      number of arrival slots (a power of two above the maximum delay in steps).
     * @param laneOffset per lane, the partition-local index of its first target.
     */
    StagedInput(final int slots, final int[] laneOffset) {
        this.lanes = laneOffset.length;
        this.laneOffset = laneOffset.clone();
        target = new char[slots * lanes][];
        weight = new float[slots * lanes][];
        used = new int[slots * lanes];
        for (int i = 0; i < target.length; i++) {
            target[i] = new char[16];
            weight[i] = new float[16];
        }
    }

    /**
     * Appends synapses [lo, hi) of a row band to lane l of slot h; their targets minus {@code base} (partition-local)
     * must lie in the lane's chunk.
     *
     * @param h    slot.
     * @param l    lane.
     * @param tg   the CSR's targets.
     * @param w    the CSR's float weights.
     * @param lo   first synapse.
     * @param hi   end, exclusive (&gt; lo).
     * @param base subtracted from the targets (the partition's first target), then the lane's offset.
     */
    void append(final int h, final int l, final int[] tg, final float[] w, final int lo, final int hi, final int base) {
        final int i = h * lanes + l;
        final int n = used[i];
        final int m = hi - lo;
        char[] t = target[i];
        float[] x = weight[i];
        if (n + m > t.length) {
            final int cap = Math.max(2 * t.length, n + m);
            t = Arrays.copyOf(t, cap);
            x = Arrays.copyOf(x, cap);
            target[i] = t;
            weight[i] = x;
        }
        final int b = base + laneOffset[l];
        for (int k = lo, o = n; k < hi; k++, o++) {
            t[o] = (char) (tg[k] - b);
            x[o] = w[k];
        }
        used[i] = n + m;
    }

    /**
     * As {@link #append}, one pair at a time into lane {@code lane0 + 2·chunk + channel}, for a population of more
     * than one chunk or a projection whose weights have both signs (channel 1 for a negative weight when
     * {@code bySign}).
     *
     * @param h      slot.
     * @param lane0  the population's first lane (chunk 0, channel 0).
     * @param bySign whether negative weights go to channel 1.
     * @param tg     the CSR's targets.
     * @param w      the CSR's float weights.
     * @param lo     first synapse.
     * @param hi     end, exclusive.
     * @param base   subtracted from the targets.
     */
    void appendEach(final int h, final int lane0, final boolean bySign, final int[] tg, final float[] w, final int lo,
                    final int hi, final int base) {
        for (int k = lo; k < hi; k++) {
            final int l = lane0 + 2 * ((tg[k] - base) / CHUNK) + (bySign && w[k] < 0 ? 1 : 0);
            append(h, l, tg, w, k, k + 1, base);
        }
    }

    /**
     * Adds slot h's pairs to the input arrays of their lanes, in the order delivered, and empties the slot.
     *
     * @param h  slot.
     * @param in per lane, the partition's input array of its population and channel (null for lanes never used).
     */
    void apply(final int h, final double[][] in) {
        final int first = h * lanes;
        for (int l = 0; l < lanes; l++) {
            final int n = used[first + l];
            if (n == 0) {
                continue;
            }
            add(target[first + l], weight[first + l], n, in[l], laneOffset[l]);
            used[first + l] = 0;
        }
    }

    private static void add(final char[] t, final float[] x, final int n, final double[] a, final int offset) {
        if (offset == 0) {
            for (int o = 0; o < n; o++) {
                a[t[o]] += x[o];
            }
        } else {
            for (int o = 0; o < n; o++) {
                a[offset + t[o]] += x[o];
            }
        }
    }

    /**
     * Adds slot h's pairs of lane l to {@code a}, in the order delivered, and drops them from the slot.
     *
     * @param h slot.
     * @param l lane.
     * @param a the lane's new input array (of its population and channel).
     */
    void drain(final int h, final int l, final double[] a) {
        final int i = h * lanes + l;
        add(target[i], weight[i], used[i], a, laneOffset[l]);
        used[i] = 0;
    }
}
