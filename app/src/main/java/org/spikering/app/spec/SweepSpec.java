package org.spikering.app.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code sweep} section: the axes of {@code spikering sweep} ({@code org.spikering.app.sweep.SweepPlan} turns
 * them into points) and the seeds of each point.
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>meaning</th><th>range</th><th>default</th></tr>
 *   <tr><td>axes</td><td>the axes (see {@link Axis}); the points are their product, the first outermost</td><td>-</td><td>none</td></tr>
 *   <tr><td>seeds</td><td>runs per point of the axes, seeds first_seed, first_seed + 1, ...</td><td>[1, 100000]</td><td>1</td></tr>
 *   <tr><td>first_seed</td><td>seed of the first run</td><td>any integer</td><td>the spec's seed</td></tr>
 *   <tr><td>best</td><td>a selection over one axis (see {@link Best}): per combination of the other axes, the value
 *   with the best mean of a metric over seeds</td><td>-</td><td>none</td></tr>
 * </table>
 *
 * @param axes      the axes.
 * @param seeds     runs of each point.
 * @param firstSeed seed of the first run, or null for the spec's seed.
 * @param best      the selection, or null.
 */
public record SweepSpec(List<Axis> axes, int seeds, Long firstSeed, Best best) implements SpecSection {

    /**
     * A selection over one axis, such as "each gain with its best learning rate": for every combination of the
     * other axes' values, the value of {@code over}'s axis whose rows have the best mean of {@code metric} over seeds
     * ({@code org.spikering.app.sweep.SweepBest} computes it and writes {@code best/}).
     *
     * @param over   a field of one of the sweep's axes (spec or {@code --grid}); a zipped axis is chosen as a whole.
     * @param metric a numeric summary metric (a results.csv column, e.g. {@code test_accuracy}).
     * @param goal   {@code max} or {@code min}.
     * @param curve  a CSV file in each point's result folder (e.g. {@code test_curve.csv}) whose curves at the chosen
     *               value are averaged over seeds and drawn, or null.
     * @param column the column of {@code curve} to draw (its first column is the x axis), or null for the second.
     * @param split  a field of another axis: one curve plot per value of it, or null for one plot.
     */
    public record Best(String over, String metric, String goal, String curve, String column, String split) {
    }

    /** Most values of one range. */
    public static final int MAX_RANGE = 100_000;

    /** Fields no axis may set, and why. */
    private static final List<String[]> FORBIDDEN = List.of(
            new String[] {"seed", "sweep.seeds and sweep.first_seed (--seeds, --first-seed) are the seed axis"},
            new String[] {"spikering", "it is the format version"},
            new String[] {"sweep", "a point has no sweep section"},
            new String[] {"output", "each point writes into its own folder of the sweep"});

    /**
     * One axis: {@code field} with {@code values} or {@code from}/{@code to}/{@code step}, or {@code zip}: several
     * such members varying together.
     *
     * @param field  the field path, or null for a zipped axis.
     * @param values the values, or null.
     * @param from   first value of a range, or null.
     * @param to     last value of a range, or null.
     * @param step   step of a range, or null.
     * @param zip    the members of a zipped axis, or null.
     */
    public record Axis(String field, List<JsonNode> values, JsonNode from, JsonNode to, JsonNode step, List<Axis> zip) {

        /** @return whether this is a range ({@code from}, {@code to} or {@code step} given). */
        boolean isRange() {
            return from != null || to != null || step != null;
        }

        /**
         * The values of a field axis: the list, or the range {@code from + k step} for k = 0, 1, ... while
         * {@code from + k step <= to + 1e-9 step}, computed in decimal (0.1 + 2 x 0.1 is 0.3, not 0.30000000000000004);
         * integers when from, to and step are all integers.
         *
         * @return the values (valid after {@link SweepSpec#check} found no problem).
         */
        public List<JsonNode> expanded() {
            if (values != null) {
                return values;
            }
            final boolean ints = from.isIntegralNumber() && to.isIntegralNumber() && step.isIntegralNumber();
            final BigDecimal f = from.decimalValue();
            final BigDecimal s = step.decimalValue();
            final long n = count(from, to, step);
            final List<JsonNode> out = new ArrayList<>();
            for (long k = 0; k < n; k++) {
                final BigDecimal v = f.add(s.multiply(BigDecimal.valueOf(k)));
                if (ints) {
                    final long l = v.longValueExact();
                    out.add(l == (int) l ? JsonNodeFactory.instance.numberNode((int) l) : JsonNodeFactory.instance.numberNode(l));
                } else {
                    out.add(JsonNodeFactory.instance.numberNode(v.doubleValue()));
                }
            }
            return out;
        }

        /** @return the members of this axis: itself, or its zipped members. */
        public List<Axis> members() {
            return zip != null ? zip : List.of(this);
        }
    }

    /**
     * @return the number of values of a range, floor((to - from) / step + 1e-9) + 1 computed in decimal (so that
     *         from 0.0001 to 0.0003 step 0.0001 has 3, where binary floating point gives 1.9999999999999998 steps);
     *         0 if to &lt; from.
     */
    static long count(final JsonNode from, final JsonNode to, final JsonNode step) {
        final BigDecimal q = to.decimalValue().subtract(from.decimalValue())
                .divide(step.decimalValue(), java.math.MathContext.DECIMAL64);
        final double n = Math.floor(q.doubleValue() + 1e-9);
        return n < 0 ? 0 : (long) Math.min(n + 1, Long.MAX_VALUE / 2);
    }

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        final Set<String> fields = new HashSet<>();
        for (int a = 0; a < axes.size(); a++) {
            final Axis axis = axes.get(a);
            final String at = path + ".axes[" + a + "]";
            if (axis.zip() != null) {
                if (axis.field() != null || axis.values() != null || axis.isRange()) {
                    problems.add(at, axis.field() != null ? axis.field() : "zip", "must be either zip or field with values"
                            + " or from/to/step (a zipped axis names its fields inside zip)");
                    continue;
                }
                long count = -1;
                for (int m = 0; m < axis.zip().size(); m++) {
                    final Axis member = axis.zip().get(m);
                    final String mat = at + ".zip[" + m + "]";
                    final long n = checkMember(problems, mat, member, fields, false);
                    if (n > 0 && count > 0 && n != count) {
                        problems.addLine(mat + ": " + n + " values, must have as many values as " + at + ".zip[0] ("
                                + count + "): zipped fields vary together");
                    } else if (n > 0 && count < 0) {
                        count = n;
                    }
                }
                checkDistinctTuples(problems, at, axis.zip());
            } else if (axis.field() == null) {
                problems.add(at + ".field", null, "required: the field the axis sets (or zip: several fields)");
            } else {
                checkMember(problems, at, axis, fields, true);
            }
        }
    }

    /**
     * A zipped axis's k-th point is the tuple of its members' k-th values: the tuples must differ (a member may
     * repeat a value, e.g. the same rule with another setting), so no point runs twice. Members given as ranges have
     * distinct values, so only value lists are compared.
     */
    private static void checkDistinctTuples(final Problems problems, final String at, final List<Axis> zip) {
        for (Axis m : zip) {
            if (m.values() == null) {
                return;
            }
        }
        final int n = zip.get(0).values().size();
        for (Axis m : zip) {
            if (m.values().size() != n) {
                return; // reported already
            }
        }
        final Set<List<JsonNode>> seen = new HashSet<>();
        for (int k = 0; k < n; k++) {
            final List<JsonNode> tuple = new java.util.ArrayList<>();
            for (Axis m : zip) {
                tuple.add(m.values().get(k));
            }
            if (!seen.add(tuple)) {
                problems.add(at + ".zip", "point " + k, "must differ from every other point of the zip in at least one"
                        + " member's value (a point would run twice)");
                return;
            }
        }
    }

    /** @return the number of values of a field axis or zip member, or -1 if it has a problem. */
    private static long checkMember(final Problems problems, final String at, final Axis m, final Set<String> fields,
            final boolean distinct) {
        final String f = m.field();
        for (String[] no : FORBIDDEN) {
            if (f.equals(no[0]) || f.startsWith(no[0] + ".") || f.startsWith(no[0] + "[")) {
                problems.add(at + ".field", f, "must not be an axis: " + no[1]);
                return -1;
            }
        }
        if (!fields.add(f)) {
            problems.add(at + ".field", f, "must be the field of one axis only");
            return -1;
        }
        if (m.values() != null) {
            if (m.isRange()) {
                problems.add(at, f, "must have values or from/to/step, not both");
                return -1;
            }
            final Set<JsonNode> seen = new HashSet<>();
            for (int k = 0; k < m.values().size() && distinct; k++) {
                if (!seen.add(m.values().get(k))) {
                    problems.add(at + ".values[" + k + "]", m.values().get(k), "must be given once (a point would run twice)");
                    return -1;
                }
            }
            return m.values().size();
        }
        if (m.from() == null || m.to() == null || m.step() == null) {
            problems.add(at, f, "must have values, or from, to and step (a range)"
                    + (m.isRange() ? "; missing: " + String.join(", ", missing(m)) : ""));
            return -1;
        }
        final long n = count(m.from(), m.to(), m.step());
        if (n == 0) {
            problems.add(at + ".to", m.to(), "must be >= from = " + m.from() + " (the range would be empty)");
            return -1;
        }
        if (n > MAX_RANGE) {
            problems.add(at + ".step", m.step(), "must give at most " + MAX_RANGE + " values from " + m.from() + " to "
                    + m.to() + " (it gives " + n + ")");
            return -1;
        }
        return n;
    }

    private static List<String> missing(final Axis m) {
        final List<String> out = new ArrayList<>();
        if (m.from() == null) {
            out.add("from");
        }
        if (m.to() == null) {
            out.add("to");
        }
        if (m.step() == null) {
            out.add("step");
        }
        return out;
    }
}
