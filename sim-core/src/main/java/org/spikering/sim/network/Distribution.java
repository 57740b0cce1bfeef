package org.spikering.sim.network;

import java.util.SplittableRandom;

/**
 * A distribution of real values (weights, delays, initial states), sampled from a seeded stream; {@link UniformInt}
 * gives whole numbers. Immutable.
 */
public interface Distribution {

    /**
     * @param rnd the stream.
     * @return one sample.
     */
    double sample(SplittableRandom rnd);

    /** @return true if every sample is the same value. */
    default boolean isConstant() {
        return false;
    }

    /** @return a short description, for messages and summaries. */
    String describe();

    /**
     * @param value the value.
     * @return the constant distribution.
     */
    static Distribution constant(final double value) {
        return new Constant(value);
    }

    /**
     * @param low  lower bound, inclusive.
     * @param high upper bound, exclusive, &gt; low.
     * @return the uniform distribution on [low, high).
     */
    static Distribution uniform(final double low, final double high) {
        return new Uniform(low, high);
    }

    /**
     * @param mean mean.
     * @param sd   standard deviation, &ge; 0.
     * @return the normal distribution.
     */
    static Distribution normal(final double mean, final double sd) {
        return new Normal(mean, sd);
    }

    /**
     * @param low  smallest value, inclusive.
     * @param high bound, exclusive, &gt; low.
     * @return the uniform distribution on the integers low, low + 1, ..., high − 1.
     */
    static Distribution uniformInt(final long low, final long high) {
        return new UniformInt(low, high);
    }

    /**
     * Every sample is {@code value}.
     *
     * @param value the value, finite.
     */
    record Constant(double value) implements Distribution {

        /** Validates the value. */
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("constant = " + value + ": must be a finite number");
            }
        }

        @Override
        public double sample(final SplittableRandom rnd) {
            return value;
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public String describe() {
            return Double.toString(value);
        }
    }

    /**
     * Uniform on [low, high): x = low + (high − low)·u with u uniform on [0, 1) ({@code nextDouble}).
     *
     * @param low  lower bound, inclusive, finite.
     * @param high upper bound, exclusive, finite, &gt; low.
     */
    record Uniform(double low, double high) implements Distribution {

        /** Validates the bounds. */
        public Uniform {
            if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low)) {
                throw new IllegalArgumentException("uniform(low = " + low + ", high = " + high
                        + "): bounds must be finite with high > low");
            }
        }

        @Override
        public double sample(final SplittableRandom rnd) {
            return low + (high - low) * rnd.nextDouble();
        }

        @Override
        public String describe() {
            return "uniform(" + low + ", " + high + ")";
        }
    }

    /**
     * Uniform on the integers low, ..., high − 1 (as NEST's {@code nest.random.uniform_int(max)} on 0, ..., max − 1,
     * and numpy's {@code Generator.integers(low, high)}): x = low + {@code nextLong(high − low)}, which is unbiased
     * (SplittableRandom rejects the values that would favour some residues).
     *
     * @param low  smallest value, inclusive, |low| &le; 2^53 (exact as a double).
     * @param high bound, exclusive, &gt; low, |high| &le; 2^53.
     */
    record UniformInt(long low, long high) implements Distribution {

        /** Validates the bounds. */
        public UniformInt {
            final long exact = 1L << 53;
            if (!(high > low) || Math.abs(low) > exact || Math.abs(high) > exact) {
                throw new IllegalArgumentException("uniform_int(low = " + low + ", high = " + high
                        + "): bounds must satisfy low < high, each within +-2^53");
            }
        }

        @Override
        public double sample(final SplittableRandom rnd) {
            return low + rnd.nextLong(high - low);
        }

        @Override
        public String describe() {
            return "uniform_int(" + low + ", " + high + ")";
        }
    }

    /**
     * Normal N(mean, sd²), drawn by the Marsaglia polar method (two uniforms per try, no state kept between
     * calls): x = mean + sd·u·√(−2 ln s / s) with s = u² + v² in (0, 1).
     *
     * @param mean mean, finite.
     * @param sd   standard deviation, finite, &ge; 0.
     */
    record Normal(double mean, double sd) implements Distribution {

        /** Validates mean and sd. */
        public Normal {
            if (!Double.isFinite(mean) || !(sd >= 0) || Double.isInfinite(sd)) {
                throw new IllegalArgumentException("normal(mean = " + mean + ", sd = " + sd
                        + "): mean must be finite and sd a finite number >= 0");
            }
        }

        @Override
        public double sample(final SplittableRandom rnd) {
            double u;
            double v;
            double s;
            do {
                u = 2 * rnd.nextDouble() - 1;
                v = 2 * rnd.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            return mean + sd * u * Math.sqrt(-2 * Math.log(s) / s);
        }

        @Override
        public String describe() {
            return "normal(" + mean + ", " + sd + ")";
        }
    }

    /** Redraws allowed per sample by {@link #redraw} before it gives up, as NEST's {@code redraw} (1000). */
    int MAX_REDRAWS = 1000;

    /**
     * NEST's {@code nest.math.redraw(base, min, max)}: samples of {@code base} outside [min, max] are drawn
     * again, so the result follows base truncated to [min, max] (not clipped: no mass piles up at a bound).
     * Both bounds are inclusive and may be infinite. After {@value #MAX_REDRAWS} redraws of one sample it
     * throws, as NEST does.
     *
     * <p>Used for PD14's weights (normal, redrawn at the sign bound 0) and delays (normal, redrawn below
     * 0.5·dt, then rounded to steps).
     *
     * @param base the distribution to draw from.
     * @param min  lower bound, inclusive (may be −∞).
     * @param max  upper bound, inclusive (may be +∞), &ge; min.
     * @return the redrawn distribution.
     */
    static Distribution redraw(final Distribution base, final double min, final double max) {
        if (base == null) {
            throw new IllegalArgumentException("redraw: base distribution = null: a distribution is required");
        }
        if (Double.isNaN(min) || Double.isNaN(max) || !(max >= min) || min == Double.POSITIVE_INFINITY
                || max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("redraw(" + base.describe() + ", min = " + min + ", max = " + max
                    + "): bounds must satisfy min <= max and leave a non-empty interval of finite values");
        }
        if (base.isConstant()) {
            final double v = base.sample(null);
            if (v < min || v > max) {
                throw new IllegalArgumentException("redraw(" + base.describe() + ", min = " + min + ", max = " + max
                        + "): the constant lies outside [min, max]");
            }
            return base;
        }
        return new Redraw(base, min, max);
    }

    /**
     * Samples of {@code base} redrawn until they lie in [min, max] ({@link #redraw} checks the arguments).
     *
     * @param base the distribution drawn from.
     * @param min  lower bound, inclusive (may be −∞).
     * @param max  upper bound, inclusive (may be +∞).
     */
    record Redraw(Distribution base, double min, double max) implements Distribution {

        @Override
        public double sample(final SplittableRandom rnd) {
            for (int k = 0; k <= MAX_REDRAWS; k++) {
                final double v = base.sample(rnd);
                if (v >= min && v <= max) {
                    return v;
                }
            }
            throw new IllegalArgumentException("redraw(" + base.describe() + ", min = " + min + ", max = " + max
                    + "): no sample inside the bounds after " + MAX_REDRAWS + " redraws");
        }

        @Override
        public String describe() {
            return "redraw(" + base.describe() + ", min = " + min + ", max = " + max + ")";
        }
    }
}
