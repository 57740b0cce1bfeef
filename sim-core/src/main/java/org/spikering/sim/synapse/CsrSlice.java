package org.spikering.sim.synapse;

/**
 * The synapses of a {@link Csr} whose targets lie in [from, to), without copying them: per source row s the
 * range {@code [rowFrom[s], rowTo[s])} of the shared arrays (rows are sorted by target, so it is one range), and
 * targets renumbered by subtracting {@link #targetBase} (partition-local indices). A partition of a network with
 * P partition threads costs 8 bytes per source row instead of a copy of its synapses, so the synapses are held
 * once whatever P. Immutable.
 */
public final class CsrSlice {

    private final Csr csr;
    private final int[] rowFrom;
    private final int[] rowTo;
    private final int targetBase;

    private CsrSlice(final Csr csr, final int[] rowFrom, final int[] rowTo, final int targetBase) {
        this.csr = csr;
        this.rowFrom = rowFrom;
        this.rowTo = rowTo;
        this.targetBase = targetBase;
    }

    /**
     * @param c the CSR.
     * @return all of its synapses, targets unchanged.
     */
    public static CsrSlice whole(final Csr c) {
        final int[] rs = c.rowStart();
        return new CsrSlice(c, rs, java.util.Arrays.copyOfRange(rs, 1, rs.length), 0);
    }

    /**
     * @param c    the CSR.
     * @param from first target, inclusive.
     * @param to   last target, exclusive.
     * @return the synapses onto [from, to), targets counted from {@code from}.
     */
    public static CsrSlice of(final Csr c, final int from, final int to) {
        final int rows = c.rows();
        final int[] lo = new int[rows];
        final int[] hi = new int[rows];
        for (int s = 0; s < rows; s++) {
            lo[s] = c.lowerBound(s, from);
            hi[s] = c.lowerBound(s, to);
        }
        return new CsrSlice(c, lo, hi, from);
    }

    /** @return the shared CSR (its targets are population-local; subtract {@link #targetBase}). */
    public Csr csr() {
        return csr;
    }

    /** @return first synapse of each row. */
    public int[] rowFrom() {
        return rowFrom;
    }

    /** @return end (exclusive) of each row. */
    public int[] rowTo() {
        return rowTo;
    }

    /** @return the first target of the slice, subtracted from the CSR's targets. */
    public int targetBase() {
        return targetBase;
    }
}
