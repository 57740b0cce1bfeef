package org.spikering.sim.synapse;

/**
 * Builds a {@link Csr} from an edge list by counting-sort passes in O(E + N): by target, then (with
 * per-synapse delays, when the {@linkplain Csr delay bands} are affordable) stably by delay (and first by target
 * block, when asked for several), then stably by source. Rows come out sorted by target, or by ([block,] delay,
 * target); ties keep the edge order. Stateless.
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
        return build(sources, targets, src, tgt, edges, weights, exactWeights, constantWeight, delays, constantDelay, 1);
    }

    /**
     * As {@link #build(int, int, int[], int[], int, float[], double[], double, short[], int)}, with the rows of a banded
     * CSR split into {@code blocks} {@linkplain Csr target blocks} (sorted by (block, delay, target)). A CSR with a
     * constant delay or without bands has one block (its rows are sorted by target, so each target range is one run).
     *
     * @param sources        number of source neurons.
     * @param targets        number of target neurons.
     * @param src            edge sources.
     * @param tgt            edge targets.
     * @param edges          number of edges (prefix of the arrays).
     * @param weights        per-edge float weights or null.
     * @param exactWeights   per-edge double weights or null.
     * @param constantWeight weight used when both are null.
     * @param delays         per-edge delays in steps (&ge; 1) or null (then {@code constantDelay}).
     * @param constantDelay  delay used when {@code delays} is null.
     * @param blocks         target blocks B, &ge; 1 (the partition threads the rows are laid out for).
     * @return the CSR.
     */
    public static Csr build(final int sources, final int targets, final int[] src, final int[] tgt, final int edges,
                            final float[] weights, final double[] exactWeights, final double constantWeight,
                            final short[] delays, final int constantDelay, final int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("target blocks = " + blocks + ": must be >= 1");
        }
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
        final int[] blockStart = banded && blocks > 1 ? Csr.blockBounds(targets, blocks) : null;
        // pass 1: order by target, or by ([block,] delay, target) in one pass over the combined key
        int[] byTarget = banded && edges > 0
                ? countingOrderByDelayAndTarget(delays, dLo, bands, tgt, targets, edges, blockStart)
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
        return new Csr(rowStart, target, w, xw, constantWeight, d, constantDelay,
                Csr.bands(rowStart, d, target, blockStart, lo, bands), lo, bands, blockStart);
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

    /**
     * Edge order by (block·bands + delay − dLo)·targets + target, ties in edge order (one counting sort; range blocks ·
     * bands · targets; the block of a target is the g with blockStart[g] &le; target &lt; blockStart[g + 1]).
     */
    private static int[] countingOrderByDelayAndTarget(final short[] delays, final int dLo, final int bands,
                                                       final int[] tgt, final int targets, final int edges,
                                                       final int[] blockStart) {
        final int blocks = blockStart == null ? 1 : blockStart.length - 1;
        final long range = (long) blocks * bands * targets;
        if (range > Integer.MAX_VALUE - 1) { // stable passes instead: target, delay, then block
            final int[] byDelay = countingOrder(delays, edges, bands, countingOrder(tgt, edges, targets, null), dLo);
            return blockStart == null ? byDelay : countingOrder(blockKeys(tgt, edges, blockStart), edges, blocks, byDelay);
        }
        final int[] blockOf = blockStart == null ? null : blockOf(targets, blockStart);
        final int[] start = new int[(int) range + 1];
        for (int e = 0; e < edges; e++) {
            start[key(delays[e] - dLo, tgt[e], bands, targets, blockOf) + 1]++;
        }
        for (int r = 0; r < range; r++) {
            start[r + 1] += start[r];
        }
        final int[] out = new int[edges];
        for (int e = 0; e < edges; e++) {
            out[start[key(delays[e] - dLo, tgt[e], bands, targets, blockOf)]++] = e;
        }
        return out;
    }

    private static int key(final int band, final int target, final int bands, final int targets, final int[] blockOf) {
        return ((blockOf == null ? 0 : blockOf[target] * bands) + band) * targets + target;
    }

    private static int[] blockOf(final int targets, final int[] blockStart) {
        final int[] g = new int[targets];
        for (int b = 0; b + 1 < blockStart.length; b++) {
            java.util.Arrays.fill(g, blockStart[b], Math.min(targets, blockStart[b + 1]), b);
        }
        return g;
    }

    private static int[] blockKeys(final int[] tgt, final int edges, final int[] blockStart) {
        final int[] g = blockOf(blockStart[blockStart.length - 1], blockStart);
        final int[] k = new int[edges];
        for (int e = 0; e < edges; e++) {
            k[e] = g[tgt[e]];
        }
        return k;
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
