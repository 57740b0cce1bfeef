package org.spikering.app.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.spikering.sim.network.Distribution;

/**
 * A value of a spec that may be drawn at random: a plain number (a constant) or {@code {kind: constant, value}},
 * {@code {kind: uniform, low, high}} (low inclusive, high exclusive), {@code {kind: uniform_int, low, high}} (the whole
 * numbers low, ..., high − 1, as NEST's {@code nest.random.uniform_int} and numpy's {@code integers(low, high)}) or
 * {@code {kind: normal, mean, std}}, each optionally with NEST's redraw bounds ({@code redraw_min}, {@code redraw_max},
 * inclusive: a value outside is drawn again, as {@code nest.math.redraw}). Schema: {@code $defs.distribution} in {@code schema/common.json}. The unit is
 * the unit of the field it is given for ({@code weight_pa}: pA).
 *
 * @param kind      constant, uniform, uniform_int or normal.
 * @param value     value of a constant.
 * @param low       lower bound of uniform and uniform_int (inclusive).
 * @param high      upper bound of uniform and uniform_int (exclusive).
 * @param mean      mean of normal.
 * @param std       standard deviation of normal.
 * @param redrawMin lower redraw bound, or null.
 * @param redrawMax upper redraw bound, or null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DistributionSpec(String kind, Double value, Double low, Double high, Double mean, Double std,
                               Double redrawMin, Double redrawMax) {

    /** Binds the object form. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public DistributionSpec {
    }

    /**
     * Binds the plain-number form.
     *
     * @param v the constant.
     * @return the constant distribution.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DistributionSpec of(final double v) {
        return new DistributionSpec("constant", v, null, null, null, null, null, null);
    }

    /** @return whether this is a constant without redraw bounds (written back as a plain number). */
    public boolean isConstant() {
        return "constant".equals(kind) && redrawMin == null && redrawMax == null;
    }

    /**
     * Adds what the schema cannot say: high above low, redraw bounds in order and reachable.
     *
     * @param problems where problems go.
     * @param path     the field's path.
     */
    public void check(final Problems problems, final String path) {
        if ("uniform_int".equals(kind)) {
            if (!whole(low)) {
                problems.add(path + ".low", low, "must be a whole number within +-2^53 (kind uniform_int)");
                return;
            }
            if (!whole(high)) {
                problems.add(path + ".high", high, "must be a whole number within +-2^53 (kind uniform_int)");
                return;
            }
        }
        if (("uniform".equals(kind) || "uniform_int".equals(kind)) && !(high > low)) {
            problems.add(path + ".high", high, "must be > low = " + Problems.show(low));
        }
        if (redrawMin != null && redrawMax != null && !(redrawMax >= redrawMin)) {
            problems.add(path + ".redraw_max", redrawMax, "must be >= redraw_min = " + Problems.show(redrawMin));
        }
        if (isConstantValue() && (redrawMin != null && value < redrawMin || redrawMax != null && value > redrawMax)) {
            problems.add(path + ".value", value, "must lie within the redraw bounds (a constant cannot be redrawn)");
        }
        if ("uniform".equals(kind) && high > low && (redrawMin != null && redrawMin >= high
                || redrawMax != null && redrawMax < low)) {
            problems.add(path, "uniform [" + Problems.show(low) + ", " + Problems.show(high) + ")",
                    "must overlap the redraw bounds");
        }
        if ("uniform_int".equals(kind) && high > low && !(Math.ceil(min()) <= Math.floor(max()))) {
            problems.add(path, "uniform_int [" + Problems.show(low) + ", " + Problems.show(high) + ")",
                    "must hold a whole number within the redraw bounds");
        }
    }

    private static boolean whole(final Double v) {
        return v != null && v == Math.rint(v) && Math.abs(v) <= 0x1p53;
    }

    /**
     * @return whether every value this gives is a whole number: a whole constant, or uniform_int (with or without
     *         redraw bounds).
     */
    public boolean givesWholeNumbers() {
        return "uniform_int".equals(kind) || "constant".equals(kind) && value != null && whole(value);
    }

    private boolean isConstantValue() {
        return "constant".equals(kind) && value != null;
    }

    /** @return the lowest value this can give (−∞ for an unbounded normal). */
    public double min() {
        final double base = switch (kind) {
            case "constant" -> value;
            case "uniform", "uniform_int" -> low;
            default -> std == 0 ? mean : Double.NEGATIVE_INFINITY;
        };
        return redrawMin == null ? base : Math.max(base, redrawMin);
    }

    /** @return the highest value this can give (+∞ for an unbounded normal; high − 1 for uniform_int). */
    public double max() {
        final double base = switch (kind) {
            case "constant" -> value;
            case "uniform" -> high;
            case "uniform_int" -> high - 1;
            default -> std == 0 ? mean : Double.POSITIVE_INFINITY;
        };
        return redrawMax == null ? base : Math.min(base, redrawMax);
    }

    /** @return sim-core's distribution of this (the one implementation of sampling). */
    public Distribution toDistribution() {
        final Distribution base = switch (kind) {
            case "constant" -> Distribution.constant(value);
            case "uniform" -> Distribution.uniform(low, high);
            case "uniform_int" -> Distribution.uniformInt(low.longValue(), high.longValue());
            case "normal" -> Distribution.normal(mean, std);
            default -> throw new IllegalStateException("distribution kind " + kind);
        };
        if (redrawMin == null && redrawMax == null) {
            return base;
        }
        return Distribution.redraw(base, redrawMin == null ? Double.NEGATIVE_INFINITY : redrawMin,
                redrawMax == null ? Double.POSITIVE_INFINITY : redrawMax);
    }
}
