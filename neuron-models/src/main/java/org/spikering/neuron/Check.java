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
     * @param max   the largest count allowed.
     * @return {@code value} as a count if it is a whole number in [0, max].
     */
    public static int count(final String name, final double value, final int max) {
        if (!(value >= 0 && value <= max && value == Math.rint(value))) {
            throw new IllegalArgumentException(name + " = " + value + ": must be a whole number in [0, " + max + "]");
        }
        return (int) value;
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

    /**
     * Validates the parameters every LIF-type model shares.
     *
     * @param tauM      τ_m, ms, &gt; 0.
     * @param cM        C_m, pF, &gt; 0.
     * @param eL        E_L, mV.
     * @param vTh       V_th, mV.
     * @param vReset    V_reset, mV, &lt; V_th.
     * @param tRef      t_ref, ms, &ge; 0.
     * @param iE        I_e, pA.
     * @param vInit     V_m(0), mV.
     * @param resetMode reset mode, not null.
     */
    public static void lifCommon(final double tauM, final double cM, final double eL, final double vTh, final double vReset,
                                 final double tRef, final double iE, final double vInit, final Object resetMode) {
        positive("tau_m", tauM, "ms");
        positive("C_m", cM, "pF");
        finite("E_L", eL, "mV");
        finite("V_th", vTh, "mV");
        finite("V_reset", vReset, "mV");
        if (!(vReset < vTh)) {
            throw new IllegalArgumentException("V_reset = " + vReset + " mV: must be < V_th = " + vTh + " mV");
        }
        nonNegative("t_ref", tRef, "ms");
        finite("I_e", iE, "pA");
        finite("V_m(0)", vInit, "mV");
        if (resetMode == null) {
            throw new IllegalArgumentException("reset_mode = null: must be TO_VALUE or BY_SUBTRACTION");
        }
    }

    private static String unitSuffix(final String unit) {
        return unit.isEmpty() ? "" : " " + unit;
    }
}
