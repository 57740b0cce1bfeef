package org.spikering.sim.synapse;

/**
 * Synapses of one projection (or of one partition of it) in compressed sparse rows: the outgoing
 * synapses of source neuron s are {@code k ∈ [rowStart[s], rowStart[s+1])}, with target (local index
 * in the target population) {@code target[k]}, weight {@code weights[k]} (float), {@code exactWeights[k]}
 * (double, for projections that must keep their weights exactly, such as trained e-prop networks) or
 * {@code constantWeight}, and a delay in steps: {@code constantDelay}, a per-synapse {@code delays[k]}, or the delay of
 * the synapse's band.
 *
 * <p><b>Row order and delay bands.</b> With a constant delay, rows are sorted by target. With per-synapse
 * delays, {@link CsrBuilder} sorts each row by (delay, target), ties in edge order, and records the
 * <i>delay bands</i>: the synapses of row s with delay {@code bandLo() + b} are
 * {@code [bandStart[s·bands + b], bandStart[s·bands + b + 1])}, each band sorted by target (so the row's
 * synapses onto a target range form one range per band). A CSR with a constant delay is one band per row,
 * {@code bandStart = rowStart}. Per-synapse delays without bands (rows sorted by target) are kept when
 * the bands would cost more than {@link #MAX_BAND_ENTRIES_PER_SYNAPSE} ints per synapse. A banded CSR does not keep the
 * per-synapse delays (its bands hold them): {@link #delays()} computes them when asked.
 * Immutable after construction (arrays are not copied: do not modify them).
 *
 * <p>Memory: 4 bytes per synapse for the target, plus 4 for a per-synapse weight (8 when exact) and 2 for a
 * per-synapse delay when they are not constant and not banded, plus 4 bytes per source row, plus 4 bytes per
 * (row, delay) band when banded.
 */
public final class Csr {

    private final int[] rowStart;
    private final int[] target;
    private final float[] weights;
    private final double[] exactWeights;
    private final double constantWeight;
    /** Per-synapse delays of an unbanded CSR; null for a constant delay and for a banded CSR. */
    private final short[] delays;
    private final int constantDelay;
    /** (row, delay) band starts, length rows · bands + 1, or null (constant delay: rowStart; or not banded). */
    private final int[] bandStart;
    private final int bandLo;
    private final int bands;

    /** Bands are kept when their entries (rows · bands) are at most this many per synapse, plus 2^22. */
    public static final int MAX_BAND_ENTRIES_PER_SYNAPSE = 2;

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
        this(rowStart, target, weights, exactWeights, constantWeight, delays, constantDelay, null, 0, 0);
    }

    /**
     * As {@link #Csr(int[], int[], float[], double[], double, short[], int)}, with rows sorted by (delay,
     * target) and their delay bands.
     *
     * @param rowStart       row pointers, length sources + 1.
     * @param target         targets.
     * @param weights        per-synapse float weights or null.
     * @param exactWeights   per-synapse double weights or null (at most one of the two is non-null).
     * @param constantWeight the weight when both are null.
     * @param delays         per-synapse delays in steps or null.
     * @param constantDelay  the delay in steps when {@code delays} is null.
     * @param bandStart      band starts (length rows · bands + 1), or null when not banded (then {@code delays} is kept;
     *                       when banded, {@code delays} is only read here, not kept).
     * @param bandLo         delay of band 0, steps.
     * @param bands          bands per row.
     */
    Csr(final int[] rowStart, final int[] target, final float[] weights, final double[] exactWeights,
        final double constantWeight, final short[] delays, final int constantDelay, final int[] bandStart,
        final int bandLo, final int bands) {
        if (weights != null && exactWeights != null) {
            throw new IllegalArgumentException("a CSR has float or double per-synapse weights, not both");
        }
        this.rowStart = rowStart;
        this.target = target;
        this.exactWeights = exactWeights;
        this.weights = weights;
        this.constantWeight = constantWeight;
        this.delays = bandStart == null ? delays : null;
        this.constantDelay = constantDelay;
        this.bandStart = bandStart;
        this.bandLo = bandLo;
        this.bands = bands;
    }

    /**
     * @return whether the rows are split into delay bands ({@link #bandStart()}): a constant delay, or per-synapse
     *         delays sorted by (delay, target).
     */
    public boolean isBanded() {
        return delays == null;
    }

    /** @return whether every synapse has the delay {@link #constantDelay()}. */
    public boolean hasConstantDelay() {
        return delays == null && bandStart == null;
    }

    /** @return band starts, length rows · {@link #bands()} + 1 (rowStart for a constant delay); null if not banded. */
    public int[] bandStart() {
        return bandStart == null ? rowStart : bandStart;
    }

    /** @return the delay of band 0 in steps (the constant delay, or the smallest per-synapse delay). */
    public int bandLo() {
        return bandStart == null ? constantDelay : bandLo;
    }

    /** @return bands per row (1 for a constant delay; 0 if not banded). */
    public int bands() {
        return bandStart == null ? (delays == null ? 1 : 0) : bands;
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

    /**
     * @return per-synapse delays in steps, or null when constant; for a banded CSR a new array computed from the bands
     *         (2 bytes per synapse, not kept: read {@link #bandStart()} on hot paths).
     */
    public short[] delays() {
        if (bandStart == null) {
            return delays;
        }
        final short[] d = new short[target.length];
        for (int i = 0; i + 1 < bandStart.length; i++) {
            java.util.Arrays.fill(d, bandStart[i], bandStart[i + 1], (short) (bandLo + i % bands));
        }
        return d;
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
        if (bandStart == null) {
            return delays == null ? constantDelay : delays[k];
        }
        // the last band start <= k (empty bands share their start with the next one)
        int a = 0;
        int b = bandStart.length - 1;
        while (a < b) {
            final int mid = (a + b + 1) >>> 1;
            if (bandStart[mid] <= k) {
                a = mid;
            } else {
                b = mid - 1;
            }
        }
        return bandLo + a % bands;
    }

    /** @return bytes held by the arrays. */
    public long bytes() {
        return (bandStart == null ? 0 : 4L * bandStart.length) + 4L * rowStart.length + 4L * target.length + (weights == null ? 0 : 4L * weights.length)
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
        for (int k = 0; k < target.length; k++) {
            total += target[k] >= from && target[k] < to ? 1 : 0;
        }
        final int[] tg = new int[total];
        final float[] w = weights == null ? null : new float[total];
        final double[] xw = exactWeights == null ? null : new double[total];
        final short[] all = delays();
        final short[] d = all == null ? null : new short[total];
        int n = 0;
        for (int s = 0; s < rows; s++) {
            rs[s] = n;
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) { // keeps the row's order: (delay, target) or target
                if (target[k] >= from && target[k] < to) {
                    tg[n] = target[k];
                    if (w != null) {
                        w[n] = weights[k];
                    }
                    if (xw != null) {
                        xw[n] = exactWeights[k];
                    }
                    if (d != null) {
                        d[n] = all[k];
                    }
                    n++;
                }
            }
        }
        rs[rows] = n;
        if (bandStart == null) {
            return new Csr(rs, tg, w, xw, constantWeight, d, constantDelay);
        }
        return new Csr(rs, tg, w, xw, constantWeight, d, constantDelay, bands(rs, d, bandLo, bands), bandLo, bands);
    }

    /**
     * @param rowStart row pointers.
     * @param delays   per-synapse delays, each row sorted by delay.
     * @param bandLo   delay of band 0.
     * @param bands    bands per row (covering every delay).
     * @return band starts, length rows · bands + 1.
     */
    static int[] bands(final int[] rowStart, final short[] delays, final int bandLo, final int bands) {
        final int rows = rowStart.length - 1;
        final int[] bs = new int[rows * bands + 1];
        for (int s = 0; s < rows; s++) {
            int k = rowStart[s];
            final int end = rowStart[s + 1];
            for (int b = 0; b < bands; b++) {
                bs[s * bands + b] = k;
                while (k < end && delays[k] == bandLo + b) {
                    k++;
                }
            }
        }
        bs[rows * bands] = rowStart[rows];
        return bs;
    }

    /**
     * @param lo   first synapse of a range sorted by target (a row of a constant-delay CSR, or one band).
     * @param hi   its end, exclusive.
     * @param from a target index.
     * @return the first synapse of [lo, hi) whose target is &ge; from (hi if none).
     */
    public int lowerBound(final int lo, final int hi, final int from) {
        int a = lo;
        int b = hi;
        while (a < b) {
            final int mid = (a + b) >>> 1;
            if (target[mid] < from) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a;
    }
}
