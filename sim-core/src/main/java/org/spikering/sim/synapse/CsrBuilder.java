package org.spikering.sim.synapse;

/**
 * Builds a {@link Csr} from an edge list by two counting-sort passes (by target, then stably by
 * source), so rows come out sorted by target in O(E + N). Stateless.
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
        // pass 1: order by target
        final int[] byTarget = countingOrder(tgt, edges, targets, null);
        // pass 2: stable order by source of the target-sorted sequence
        final int[] order = countingOrder(src, edges, sources, byTarget);
        final int[] rowStart = new int[sources + 1];
        for (int e = 0; e < edges; e++) {
            rowStart[src[e] + 1]++;
        }
        for (int s = 0; s < sources; s++) {
            rowStart[s + 1] += rowStart[s];
        }
        final int[] target = new int[edges];
        final float[] w = weights == null || exact ? null : new float[edges];
        final double[] xw = weights != null && exact ? new double[edges] : null;
        final short[] d = delays == null ? null : new short[edges];
        for (int k = 0; k < edges; k++) {
            final int e = order[k];
            target[k] = tgt[e];
            if (w != null) {
                w[k] = (float) weights[e];
            }
            if (xw != null) {
                xw[k] = weights[e];
            }
            if (d != null) {
                d[k] = (short) delays[e];
            }
        }
        return new Csr(rowStart, target, w, xw, constantWeight, d, constantDelay);
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
}
