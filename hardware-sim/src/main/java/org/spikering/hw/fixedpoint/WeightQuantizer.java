package org.spikering.hw.fixedpoint;

/**
 * Lava-style weight quantiser: a weight is a signed integer mantissa of {@code bits} bits times a
 * per-projection scale 2^{@code exponent}: w = m · 2^e, m ∈ [−2^(b−1), 2^(b−1) − 1]
 * (Lava {@code weightutils.py}, HARDWARE.md §1.2). Values outside the range saturate and are counted.
 * Rounding of updates: nearest, truncate or stochastic from a seeded stream.
 */
public final class WeightQuantizer {
    private final int bits;
    private final int exponent;
    private final Rounding rounding;
    private final RoundingStream rng;
    private final OverflowCounter overflow = new OverflowCounter();
    private final long maxM;
    private final long minM;
    private final double scale;

    /**
     * @param bits     mantissa bits including sign, 2..31.
     * @param exponent scale exponent e (scale 2^e), −40..40.
     * @param rounding rounding mode.
     * @param seed     seed of the stochastic-rounding stream.
     */
    public WeightQuantizer(int bits, int exponent, Rounding rounding, long seed) {
        if (bits < 2 || bits > 31) {
            throw new IllegalArgumentException("weight bits = " + bits + ": must be in [2, 31]");
        }
        if (exponent < -40 || exponent > 40) {
            throw new IllegalArgumentException("weight exponent = " + exponent + ": must be in [-40, 40]");
        }
        this.bits = bits;
        this.exponent = exponent;
        this.rounding = java.util.Objects.requireNonNull(rounding, "rounding");
        this.rng = new RoundingStream(seed);
        this.maxM = (1L << (bits - 1)) - 1;
        this.minM = -(1L << (bits - 1));
        this.scale = Math.scalb(1.0, exponent);
    }

    /**
     * Chooses the smallest exponent whose range holds max|w| (Lava's optimize_weight_bits idea), so the
     * largest weight fills the mantissa range.
     */
    public static WeightQuantizer fitting(double[] w, int bits, Rounding rounding, long seed) {
        double m = 0;
        for (double x : w) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("weight = " + x + ": must be finite");
            }
            m = Math.max(m, Math.abs(x));
        }
        final long maxM = (1L << (bits - 1)) - 1;
        int e = m == 0 ? 0 : (int) Math.ceil(Math.log(m / maxM) / Math.log(2));
        while (m > maxM * Math.scalb(1.0, e)) {
            e++;
        }
        return new WeightQuantizer(bits, Math.max(-40, Math.min(40, e)), rounding, seed);
    }

    /**
     * Throws if any weight is outside the representable range, naming the limit (bad input check).
     */
    public void requireRepresentable(double[] w, String what) {
        final double hi = maxM * scale;
        final double lo = minM * scale;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > hi || w[i] < lo) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + w[i] + " overflows " + bits
                        + "-bit weights with exponent " + exponent + ": range is [" + lo + ", " + hi + "]");
            }
        }
    }

    /** Quantises one value: m = clamp(round(w / 2^e)), returns m · 2^e. Saturation is counted. */
    public double quantize(double w) {
        long m = rounding.round(w / scale, rng);
        if (m > maxM) {
            overflow.saturated();
            m = maxM;
        } else if (m < minM) {
            overflow.saturated();
            m = minM;
        }
        return m * scale;
    }

    /** Quantises in place. */
    public void quantizeInPlace(double[] w) {
        for (int i = 0; i < w.length; i++) {
            w[i] = quantize(w[i]);
        }
    }

    public int bits() {
        return bits;
    }

    public int exponent() {
        return exponent;
    }

    public Rounding rounding() {
        return rounding;
    }

    public double step() {
        return scale;
    }

    /** @return the stochastic-rounding stream (its state is saved in training checkpoints). */
    public RoundingStream stream() {
        return rng;
    }

    public OverflowCounter overflow() {
        return overflow;
    }
}
