package org.spikering.plasticity.stdp;

/** Double-precision learning arithmetic: no rounding, traces bounded only by their cap, weights clipped to [lo, hi]. */
public final class FloatArithmetic implements LearningArithmetic {

    /** The single instance (stateless). */
    public static final FloatArithmetic INSTANCE = new FloatArithmetic();

    private FloatArithmetic() {
    }

    @Override
    public double decay(final double value, final double factor) {
        return value * factor;
    }

    @Override
    public double impulse(final double value, final double impulse, final double cap) {
        return Math.min(value + impulse, cap);
    }

    @Override
    public double term(final double product) {
        return product;
    }

    @Override
    public double commit(final double old, final double sum, final double lo, final double hi) {
        return Math.max(lo, Math.min(hi, old + sum));
    }

    @Override
    public double coefficient(final double c) {
        return c;
    }

    @Override
    public String name() {
        return "float";
    }
}
