package org.spikering.sim.synapse;

/**
 * Builds a {@link Csr} from an edge list by counting-sort passes in O(E + N): by target, then (with
 * per-synapse delays, when the {@linkplain Csr delay bands} are affordable) stably by delay, then stably by
 * source. Rows come out sorted by target, or by (delay, target); ties keep the edge order. Stateless.
 */
public final class CsrBuilder {

    private CsrBuilder() {
    }

    /**
     * @param sources       number of source neurons.
     * @param targets       number of target neurons.
     * @param src           edge sources.
     * @param tgt           edge targets.
     * @param edges         number of edges (prefix of the arrays).
     * @param weights       per-edge weights or null (then {@code constantWeight}).
     * @param constantWeight weight used when {@code weights} is null.
     * @param delays        per-edge delays in steps or null (then {@code constantDelay}).
     * @param constantDelay delay used when {@code delays} is null.
     * @return the CSR.
     */
    public static Csr build(final int sources, final int targets, final int[] src, final int[] tgt, final int edges,
                            final double[] weights, final double constantWeight, final int[] delays, final int constantDelay) {
        return build(sources, targets, src, tgt, edges, weights, false, constantWeight, delays, constantDelay);
    }

    /**
     * As {@link #build(int, int, int[], int[], int, double[], double, int[], int)}, keeping per-edge weights in
     * double precision when {@code exact} (8 instead of 4 bytes per synapse).
     *
     * @param sources        number of source neurons.
     * @param targets        number of target neurons.
     * @param src            edge sources.
     * @param tgt            edge targets.
     * @param edges          number of edges (prefix of the arrays).
     * @param weights        per-edge weights or null (then {@code constantWeight}).
     * @param exact          keep weights as doubles.
     * @param constantWeight weight used when {@code weights} is null.
     * @param delays         per-edge delays in steps or null (then {@code constantDelay}).
     * @param constantDelay  delay used when {@code delays} is null.
     * @return the CSR.
     */
    public static Csr build(final int sources, final int targets, final int[] src, final int[] tgt, final int edges,
                            final double[] weights, final boolean exact, final double constantWeight,
                            final int[] delays, final int constantDelay) {
        float[] fw = null;
        double[] xw = null;
        if (weights != null && exact) {
            xw = java.util.Arrays.copyOf(weights, edges);
        } else if (weights != null) {
            fw = new float[edges];
            for (int e = 0; e < edges; e++) {
                fw[e] = (float) weights[e];
            }
        }
        short[] d = null;
        if (delays != null) {
            d = new short[edges];
            for (int e = 0; e < edges; e++) {
                d[e] = (short) delays[e];
            }
        }
        return build(sources, targets, src, tgt, edges, fw, xw, constantWeight, d, constantDelay);
    }

    /**
     * As {@link #build(int, int, int[], int[], int, double[], boolean, double, int[], int)} from float weights (as the
     * CSR keeps them) or double weights (kept exactly), and delays in steps as shorts.
     *
     * @param sources        number of source neurons.
     * @param targets        number of target neurons.
     * @param src            edge sources.
     * @param tgt            edge targets.
     * @param edges          number of edges (prefix of the arrays).
     * @param weights        per-edge float weights or null.
     * @param exactWeights   per-edge double weights or null (at most one of the two non-null; both null: constant).
     * @param constantWeight weight used when both are null.
     * @param delays         per-edge delays in steps (&ge; 1) or null (then {@code constantDelay}).
     * @param constantDelay  delay used when {@code delays} is null.
     * @return the CSR.
     */
    public static Csr build(final int sources, final int targets, final int[] src, final int[] tgt, final int edges,
                            final float[] weights, final double[] exactWeights, final double constantWeight,
                            final short[] delays, final int constantDelay) {
        int dLo = Integer.MAX_VALUE;
        int dHi = Integer.MIN_VALUE;
        if (delays != null) {
            for (int e = 0; e < edges; e++) {
                dLo = Math.min(dLo, delays[e]);
                dHi = Math.max(dHi, delays[e]);
            }
        }
        final int bands = edges == 0 ? 1 : dHi - dLo + 1;
        final boolean banded = delays != null
                && (long) sources * bands <= (long) Csr.MAX_BAND_ENTRIES_PER_SYNAPSE * edges + (1L << 22);
        // pass 1: order by target, or by (delay, target) in one pass over the combined key
        int[] byTarget = banded && edges > 0
                ? countingOrderByDelayAndTarget(delays, dLo, bands, tgt, targets, edges)
                : countingOrder(tgt, edges, targets, null);
        // pass 2: stable order by source
        final int[] order = countingOrder(src, edges, sources, byTarget);
        byTarget = null;
        final int[] rowStart = new int[sources + 1];
        for (int e = 0; e < edges; e++) {
            rowStart[src[e] + 1]++;
        }
        for (int s = 0; s < sources; s++) {
            rowStart[s + 1] += rowStart[s];
        }
        final int[] target = new int[edges];
        final float[] w = weights == null ? null : new float[edges];
        final double[] xw = exactWeights == null ? null : new double[edges];
        final short[] d = delays == null ? null : new short[edges];
        for (int k = 0; k < edges; k++) {
            final int e = order[k];
            target[k] = tgt[e];
            if (w != null) {
                w[k] = weights[e];
            }
            if (xw != null) {
                xw[k] = exactWeights[e];
            }
            if (d != null) {
                d[k] = delays[e];
            }
        }
        if (!banded) {
            return new Csr(rowStart, target, w, xw, constantWeight, d, constantDelay);
        }
        final int lo = edges == 0 ? 1 : dLo;
        return new Csr(rowStart, target, w, xw, constantWeight, d, constantDelay, Csr.bands(rowStart, d, lo, bands),
                lo, bands);
    }

    private static int[] countingOrder(final int[] key, final int edges, final int range, final int[] within) {
        final int[] start = new int[range + 1];
        for (int e = 0; e < edges; e++) {
            start[key[e] + 1]++;
        }
        for (int r = 0; r < range; r++) {
            start[r + 1] += start[r];
        }
        final int[] out = new int[edges];
        for (int i = 0; i < edges; i++) {
            final int e = within == null ? i : within[i];
            out[start[key[e]]++] = e;
        }
        return out;
    }

    /** Edge order by (delay − dLo)·targets + target, ties in edge order (one counting sort; range bands · targets). */
    private static int[] countingOrderByDelayAndTarget(final short[] delays, final int dLo, final int bands,
                                                       final int[] tgt, final int targets, final int edges) {
        final long range = (long) bands * targets;
        if (range > Integer.MAX_VALUE - 1) { // two stable passes instead
            return countingOrder(delays, edges, bands, countingOrder(tgt, edges, targets, null), dLo);
        }
        final int[] start = new int[(int) range + 1];
        for (int e = 0; e < edges; e++) {
            start[(delays[e] - dLo) * targets + tgt[e] + 1]++;
        }
        for (int r = 0; r < range; r++) {
            start[r + 1] += start[r];
        }
        final int[] out = new int[edges];
        for (int e = 0; e < edges; e++) {
            out[start[(delays[e] - dLo) * targets + tgt[e]]++] = e;
        }
        return out;
    }

    private static int[] countingOrder(final short[] key, final int edges, final int range, final int[] within,
                                       final int keyBase) {
        final int[] start = new int[range + 1];
        for (int e = 0; e < edges; e++) {
            start[key[e] - keyBase + 1]++;
        }
        for (int r = 0; r < range; r++) {
            start[r + 1] += start[r];
        }
        final int[] out = new int[edges];
        for (int i = 0; i < edges; i++) {
            final int e = within[i];
            out[start[key[e] - keyBase]++] = e;
        }
        return out;
    }
}
