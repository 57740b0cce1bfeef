package org.spikering.neuron;

/**
 * Parameter validation with messages that name the parameter, its value and what is allowed.
 * Stateless.
 */
public final class Check {

    private Check() {
    }

    /**
     * @param name  parameter name with unit, e.g. {@code "tau_m"}.
     * @param value the value.
     * @param unit  the unit for the message ({@code ""} if none).
     * @return {@code value} if finite and strictly positive.
     */
    public static double positive(final String name, final double value, final String unit) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + unitSuffix(unit) + ": must be a finite number > 0");
        }
        return value;
    }

    /**
     * @param name  parameter name.
     * @param value the value.
     * @param unit  the unit for the message.
     * @return {@code value} if finite and {@code >= 0}.
     */
    public static double nonNegative(final String name, final double value, final String unit) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + unitSuffix(unit) + ": must be a finite number >= 0");
        }
        return value;
    }

    /**
     * @param name  parameter name.
     * @param value the value.
     * @param unit  the unit for the message.
     * @return {@code value} if finite.
     */
    public static double finite(final String name, final double value, final String unit) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + unitSuffix(unit) + ": must be a finite number");
        }
        return value;
    }

    /**
     * @param name  parameter name.
     * @param value the value.
     * @return {@code value} if {@code >= 1}.
     */
    public static int atLeastOne(final String name, final int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " = " + value + ": must be >= 1");
        }
        return value;
    }

    private static String unitSuffix(final String unit) {
        return unit.isEmpty() ? "" : " " + unit;
    }
}
