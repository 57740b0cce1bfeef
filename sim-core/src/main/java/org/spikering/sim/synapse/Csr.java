package org.spikering.sim.synapse;

/**
 * Synapses of one projection (or of one partition of it) in compressed sparse rows: the outgoing
 * synapses of source neuron s are {@code k ∈ [rowStart[s], rowStart[s+1])}, with target (local index
 * in the target population) {@code target[k]}, weight {@code weights[k]} (float), {@code exactWeights[k]}
 * (double, for projections that must keep their weights exactly, such as trained e-prop networks) or
 * {@code constantWeight}, and delay in steps {@code delays == null ? constantDelay : delays[k]}. Rows are sorted
 * by target. Immutable after construction (arrays are not copied: do not modify them).
 *
 * <p>Memory: 4 bytes per synapse for the target, plus 4 for a per-synapse weight (8 when exact) and 2 for a
 * per-synapse delay when they are not constant, plus 4 bytes per source row.
 */
public final class Csr {

    private final int[] rowStart;
    private final int[] target;
    private final float[] weights;
    private final double[] exactWeights;
    private final double constantWeight;
    private final short[] delays;
    private final int constantDelay;

    /**
     * @param rowStart       row pointers, length sources + 1.
     * @param target         targets.
     * @param weights        per-synapse weights or null.
     * @param constantWeight the weight when {@code weights} is null.
     * @param delays         per-synapse delays in steps or null.
     * @param constantDelay  the delay in steps when {@code delays} is null.
     */
    public Csr(final int[] rowStart, final int[] target, final float[] weights, final double constantWeight,
               final short[] delays, final int constantDelay) {
        this(rowStart, target, weights, null, constantWeight, delays, constantDelay);
    }

    /**
     * @param rowStart       row pointers, length sources + 1.
     * @param target         targets.
     * @param weights        per-synapse float weights or null.
     * @param exactWeights   per-synapse double weights or null (at most one of the two is non-null).
     * @param constantWeight the weight when both are null.
     * @param delays         per-synapse delays in steps or null.
     * @param constantDelay  the delay in steps when {@code delays} is null.
     */
    public Csr(final int[] rowStart, final int[] target, final float[] weights, final double[] exactWeights,
               final double constantWeight, final short[] delays, final int constantDelay) {
        if (weights != null && exactWeights != null) {
            throw new IllegalArgumentException("a CSR has float or double per-synapse weights, not both");
        }
        this.rowStart = rowStart;
        this.target = target;
        this.exactWeights = exactWeights;
        this.weights = weights;
        this.constantWeight = constantWeight;
        this.delays = delays;
        this.constantDelay = constantDelay;
    }

    /** @return row pointers. */
    public int[] rowStart() {
        return rowStart;
    }

    /** @return target local indices. */
    public int[] target() {
        return target;
    }

    /** @return per-synapse float weights, or null (constant or exact). */
    public float[] weights() {
        return weights;
    }

    /** @return per-synapse double weights, or null. */
    public double[] exactWeights() {
        return exactWeights;
    }

    /** @return true if every synapse has the same weight, {@link #constantWeight()}. */
    public boolean hasConstantWeight() {
        return weights == null && exactWeights == null;
    }

    /** @return the constant weight (valid when {@link #weights()} is null). */
    public double constantWeight() {
        return constantWeight;
    }

    /** @return per-synapse delays in steps, or null when constant. */
    public short[] delays() {
        return delays;
    }

    /** @return the constant delay in steps (valid when {@link #delays()} is null). */
    public int constantDelay() {
        return constantDelay;
    }

    /** @return number of synapses. */
    public int synapseCount() {
        return target.length;
    }

    /** @return number of source rows. */
    public int rows() {
        return rowStart.length - 1;
    }

    /**
     * @param k synapse index.
     * @return its weight.
     */
    public double weight(final int k) {
        return weights != null ? weights[k] : exactWeights != null ? exactWeights[k] : constantWeight;
    }

    /**
     * @param k synapse index.
     * @return its delay in steps.
     */
    public int delay(final int k) {
        return delays == null ? constantDelay : delays[k];
    }

    /** @return bytes held by the arrays. */
    public long bytes() {
        return 4L * rowStart.length + 4L * target.length + (weights == null ? 0 : 4L * weights.length)
                + (exactWeights == null ? 0 : 8L * exactWeights.length)
                + (delays == null ? 0 : 2L * delays.length);
    }

    /**
     * The synapses of this projection whose targets lie in [from, to), as a CSR of its own with
     * targets still in population-local indices.
     *
     * @param from first target, inclusive.
     * @param to   last target, exclusive.
     * @return the partition.
     */
    public Csr partition(final int from, final int to) {
        final int rows = rows();
        final int[] rs = new int[rows + 1];
        int total = 0;
        for (int s = 0; s < rows; s++) {
            rs[s] = total;
            total += upper(s, to) - lower(s, from);
        }
        rs[rows] = total;
        final int[] tg = new int[total];
        final float[] w = weights == null ? null : new float[total];
        final double[] xw = exactWeights == null ? null : new double[total];
        final short[] d = delays == null ? null : new short[total];
        for (int s = 0; s < rows; s++) {
            final int lo = lower(s, from);
            final int len = upper(s, to) - lo;
            System.arraycopy(target, lo, tg, rs[s], len);
            if (w != null) {
                System.arraycopy(weights, lo, w, rs[s], len);
            }
            if (xw != null) {
                System.arraycopy(exactWeights, lo, xw, rs[s], len);
            }
            if (d != null) {
                System.arraycopy(delays, lo, d, rs[s], len);
            }
        }
        return new Csr(rs, tg, w, xw, constantWeight, d, constantDelay);
    }

    /**
     * @param s    source row.
     * @param from a target index.
     * @return the first synapse of row s whose target is &ge; from (the row's end if none).
     */
    public int lowerBound(final int s, final int from) {
        return lower(s, from);
    }

    private int lower(final int s, final int from) {
        int lo = rowStart[s];
        int hi = rowStart[s + 1];
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (target[mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upper(final int s, final int to) {
        return lower(s, to);
    }
}
