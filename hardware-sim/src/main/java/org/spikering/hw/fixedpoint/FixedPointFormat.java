package org.spikering.hw.fixedpoint;

/**
 * Signed two's-complement fixed-point format: {@code width} bits in total (sign included), of which
 * {@code fracBits} are fractional. Raw range [−2^(width−1), 2^(width−1) − 1]; value = raw · 2^−fracBits.
 * On overflow a saturating format clips (and counts), a non-saturating one wraps (and counts).
 *
 * @param width      total bits, 2..62.
 * @param fracBits   fractional bits, 0..width−1.
 * @param saturating clip (true) or wrap (false) on overflow.
 */
public record FixedPointFormat(int width, int fracBits, boolean saturating) {

    public FixedPointFormat {
        if (width < 2 || width > 62) {
            throw new IllegalArgumentException("width = " + width + " bits: must be in [2, 62]");
        }
        if (fracBits < 0 || fracBits >= width) {
            throw new IllegalArgumentException("fracBits = " + fracBits + ": must be in [0, width-1 = " + (width - 1) + "]");
        }
    }

    /** @return largest raw value 2^(width−1) − 1. */
    public long maxRaw() {
        return (1L << (width - 1)) - 1;
    }

    /** @return smallest raw value −2^(width−1). */
    public long minRaw() {
        return -(1L << (width - 1));
    }

    /** Brings a raw value into range by saturating or wrapping; counts either event. */
    public long fit(long raw, OverflowCounter counter) {
        if (raw > maxRaw() || raw < minRaw()) {
            if (saturating) {
                counter.saturated();
                return raw > 0 ? maxRaw() : minRaw();
            }
            counter.wrapped();
            final int s = 64 - width;
            return (raw << s) >> s;
        }
        return raw;
    }

    /** Converts a real value to raw with the given rounding, fitted into range. */
    public long toRaw(double x, Rounding rounding, java.util.random.RandomGenerator rng, OverflowCounter counter) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value = " + x + ": must be finite");
        }
        return fit(rounding.round(Math.scalb(x, fracBits), rng), counter);
    }

    public double toDouble(long raw) {
        return Math.scalb((double) raw, -fracBits);
    }

    /**
     * Puts {@code x[off + j]}, j in [from, to) (only where {@code only[j]}, if {@code only} is not null), onto this
     * format's grid in place: each becomes {@code toDouble(toRaw(x, rounding, rng, counter))}, with the same values,
     * the same draws from {@code rng} and the same counts (test), computed with doubles and the scale 2^fracBits taken
     * once for the whole range (no per-value {@link Math#scalb} or long conversion): the hot path of the neuron state
     * quantiser, called every step for every neuron.
     *
     * @param x        values; finite.
     * @param off      offset of index 0 of the range in {@code x}.
     * @param from     first index, inclusive.
     * @param to       last index, exclusive.
     * @param only     which indices to round, or null for all.
     * @param rounding rounding mode.
     * @param rng      stream of {@link Rounding#STOCHASTIC} (may be null otherwise).
     * @param counter  counts saturations or wraps.
     */
    public void roundInPlace(final double[] x, final int off, final int from, final int to, final boolean[] only,
            final Rounding rounding, final java.util.random.RandomGenerator rng, final OverflowCounter counter) {
        final double scale = Math.scalb(1.0, fracBits);
        final double lsb = Math.scalb(1.0, -fracBits);
        // an integer u is in range iff lo <= u < hi: both powers of two, exact doubles for every width
        final double hi = Math.scalb(1.0, width - 1);
        final double lo = -hi;
        for (int j = from; j < to; j++) {
            if (only != null && !only[j]) {
                continue;
            }
            final double u = x[off + j] * scale;
            double k;
            switch (rounding) {
                case NEAREST:
                    k = Math.floor(u + 0.5);
                    break;
                case TRUNCATE:
                    k = u < 0 ? Math.ceil(u) : Math.floor(u);
                    break;
                default:
                    k = Math.floor(u);
                    final double frac = u - k;
                    if (frac > 0.0 && rng.nextDouble() < frac) {
                        k += 1.0;
                    }
            }
            if (k >= hi || k < lo || k != k) { // out of range, or not finite: the exact long path of toRaw
                if (!Double.isFinite(x[off + j])) {
                    throw new IllegalArgumentException("value = " + x[off + j] + ": must be finite");
                }
                x[off + j] = toDouble(fit((long) k, counter));
            } else {
                x[off + j] = k * lsb + 0.0; // + 0.0: -0.0 becomes 0.0, as toDouble of the long 0 gives
            }
        }
    }
}
