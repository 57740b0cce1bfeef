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
 * synapses onto a target range form one range per band).
 *
 * <p><b>Target blocks.</b> A banded CSR may also be split by target into {@link #blocks()} B contiguous target
 * ranges, {@code [blockStart[g], blockStart[g + 1])} with {@code blockStart[g] = ⌊targets·g/B⌋} (the split of {@code
 * NetworkState}'s partitions for B threads): rows are then sorted by (block, delay, target), ties in edge order, and
 * the synapses of row s in block g with delay {@code bandLo() + b} are {@code [bandStart[i], bandStart[i + 1])}, {@code
 * i = (s·B + g)·bands + b}. A partition thread owning block g then reads its part of a row as one contiguous run
 * instead of a piece of every band (with B = 1 and two threads, each thread's reads touch most cache lines of the
 * whole row). The synapses onto one target keep their (delay, edge) order whatever B, so results do not depend on it.
 * A CSR with a constant delay is one band per row,
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
    /** Target block bounds, length blocks + 1, or null for one block. */
    private final int[] blockStart;

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
        this(rowStart, target, weights, exactWeights, constantWeight, delays, constantDelay, null, 0, 0, null);
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
     * @param bands          delay bands per row and block.
     * @param blockStart     target block bounds (length blocks + 1), or null for one block.
     */
    Csr(final int[] rowStart, final int[] target, final float[] weights, final double[] exactWeights,
        final double constantWeight, final short[] delays, final int constantDelay, final int[] bandStart,
        final int bandLo, final int bands, final int[] blockStart) {
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
        this.blockStart = bandStart == null || blockStart == null || blockStart.length <= 2 ? null : blockStart;
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

    /**
     * @return band starts, length rows · {@link #blocks()} · {@link #bands()} + 1 (rowStart for a constant delay); null if
     *         not banded.
     */
    public int[] bandStart() {
        return bandStart == null ? rowStart : bandStart;
    }

    /** @return the delay of band 0 in steps (the constant delay, or the smallest per-synapse delay). */
    public int bandLo() {
        return bandStart == null ? constantDelay : bandLo;
    }

    /** @return delay bands per row and target block (1 for a constant delay; 0 if not banded). */
    public int bands() {
        return bandStart == null ? (delays == null ? 1 : 0) : bands;
    }

    /** @return number of target blocks B of the rows (1 unless banded and built with more). */
    public int blocks() {
        return blockStart == null ? 1 : blockStart.length - 1;
    }

    /** @return target block bounds, length {@link #blocks()} + 1 (null for one block). */
    public int[] blockStart() {
        return blockStart;
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
        return bandLo + a % bands; // a = (s·B + g)·bands + b
    }

    /** @return bytes held by the arrays. */
    public long bytes() {
        return (bandStart == null ? 0 : 4L * bandStart.length) + (blockStart == null ? 0 : 4L * blockStart.length)
                + 4L * rowStart.length + 4L * target.length + (weights == null ? 0 : 4L * weights.length)
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
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) { // keeps the row's order: ([block,] delay, target) or target
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
        return new Csr(rs, tg, w, xw, constantWeight, d, constantDelay, bands(rs, d, tg, blockStart, bandLo, bands),
                bandLo, bands, blockStart);
    }

    /**
     * @param rowStart   row pointers.
     * @param delays     per-synapse delays, each row sorted by (block, delay).
     * @param target     targets.
     * @param blockStart target block bounds, or null for one block.
     * @param bandLo     delay of band 0.
     * @param bands      bands per row and block (covering every delay).
     * @return band starts, length rows · blocks · bands + 1.
     */
    static int[] bands(final int[] rowStart, final short[] delays, final int[] target, final int[] blockStart,
                       final int bandLo, final int bands) {
        final int rows = rowStart.length - 1;
        final int blocks = blockStart == null ? 1 : blockStart.length - 1;
        final int[] bs = new int[Math.multiplyExact(rows, blocks * bands) + 1];
        int i = 0;
        for (int s = 0; s < rows; s++) {
            int k = rowStart[s];
            final int end = rowStart[s + 1];
            for (int g = 0; g < blocks; g++) {
                final int blockEnd = blockStart == null ? Integer.MAX_VALUE : blockStart[g + 1];
                for (int b = 0; b < bands; b++) {
                    bs[i++] = k;
                    while (k < end && target[k] < blockEnd && delays[k] == bandLo + b) {
                        k++;
                    }
                }
            }
        }
        bs[i] = rowStart[rows];
        return bs;
    }

    /**
     * @param targets size of the target population.
     * @param blocks  number of blocks B, &ge; 1.
     * @return block bounds ⌊targets·g/B⌋ for g = 0 … B.
     */
    public static int[] blockBounds(final int targets, final int blocks) {
        final int[] b = new int[blocks + 1];
        for (int g = 0; g <= blocks; g++) {
            b[g] = (int) ((long) targets * g / blocks);
        }
        return b;
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
