package org.spikering.sim.synapse;

/**
 * The synapses of a {@link Csr} whose targets lie in [from, to), without copying them, and targets renumbered
 * by subtracting {@link #targetBase} (partition-local indices). A partition of a network with P partition threads
 * costs a few ints per source row (per (row, delay band) for a banded CSR) instead of a copy of its synapses, so the
 * synapses are held once whatever P. Immutable.
 *
 * <p><b>Ranges.</b> The synapses of row s in band b ({@link Csr#bandStart()}; a constant-delay CSR has one band per
 * row) that lie in the slice are {@code [lo()[i + loShift()], hi()[i + hiShift()])} with {@code i = s·bands() + b}:
 * each band is sorted by target, so they form one range. For a CSR with per-synapse delays and no bands (rows
 * sorted by target), the same holds with one "band" per row holding all its delays ({@link #isBanded()} false).
 * Neighbouring slices of {@link #partition} share their boundary arrays: slice q's {@code hi} is slice q + 1's
 * {@code lo}, and the outer ones are the CSR's own band starts.
 */
public final class CsrSlice {

    private final Csr csr;
    private final int[] lo;
    private final int loShift;
    private final int[] hi;
    private final int hiShift;
    private final int targetBase;

    private CsrSlice(final Csr csr, final int[] lo, final int loShift, final int[] hi, final int hiShift,
                     final int targetBase) {
        this.csr = csr;
        this.lo = lo;
        this.loShift = loShift;
        this.hi = hi;
        this.hiShift = hiShift;
        this.targetBase = targetBase;
    }

    /**
     * @param c the CSR.
     * @return all of its synapses, targets unchanged.
     */
    public static CsrSlice whole(final Csr c) {
        return partition(c, new int[] {0, Integer.MAX_VALUE})[0];
    }

    /**
     * @param c      the CSR.
     * @param bounds target boundaries, ascending, length P + 1: slice q holds targets [bounds[q], bounds[q+1]);
     *               bounds[0] must be &le; every target and bounds[P] above every target.
     * @return the P slices, targets of slice q counted from bounds[q].
     */
    public static CsrSlice[] partition(final Csr c, final int[] bounds) {
        final int parts = bounds.length - 1;
        final int[] outer = c.isBanded() ? c.bandStart() : c.rowStart();
        final int ranges = outer.length - 1; // rows · bands
        final int[][] split = new int[parts + 1][];
        split[0] = outer;
        for (int q = 1; q < parts; q++) {
            final int[] sp = new int[ranges];
            for (int i = 0; i < ranges; i++) {
                sp[i] = c.lowerBound(outer[i], outer[i + 1], bounds[q]);
            }
            split[q] = sp;
        }
        final CsrSlice[] out = new CsrSlice[parts];
        for (int q = 0; q < parts; q++) {
            final boolean last = q == parts - 1;
            out[q] = new CsrSlice(c, split[q], 0, last ? outer : split[q + 1], last ? 1 : 0, bounds[q]);
        }
        return out;
    }

    /** @return the shared CSR (its targets are population-local; subtract {@link #targetBase}). */
    public Csr csr() {
        return csr;
    }

    /** @return whether the ranges are delay bands ({@link Csr#isBanded()}). */
    public boolean isBanded() {
        return csr.isBanded();
    }

    /** @return ranges per row: the CSR's bands, or 1 when not banded. */
    public int bands() {
        return csr.isBanded() ? csr.bands() : 1;
    }

    /** @return range starts (index with {@link #loShift()}). */
    public int[] lo() {
        return lo;
    }

    /** @return 0 or 1, added to a range index to read {@link #lo()}. */
    public int loShift() {
        return loShift;
    }

    /** @return range ends (index with {@link #hiShift()}). */
    public int[] hi() {
        return hi;
    }

    /** @return 0 or 1, added to a range index to read {@link #hi()}. */
    public int hiShift() {
        return hiShift;
    }

    /** @return the first target of the slice, subtracted from the CSR's targets. */
    public int targetBase() {
        return targetBase;
    }
}
