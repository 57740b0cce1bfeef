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
}
