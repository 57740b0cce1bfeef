package org.spikering.hw.limits;

/**
 * One exceeded limit.
 *
 * @param where  population and core, e.g. "E core 3" or "chip".
 * @param limit  the limit's name (a {@link ChipDescription} field).
 * @param value  the value the network needs.
 * @param allowed the chip's limit.
 */
public record Violation(String where, String limit, double value, double allowed) {
    @Override
    public String toString() {
        return where + ": " + limit + " = " + fmt(value) + " exceeds the limit " + fmt(allowed);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
