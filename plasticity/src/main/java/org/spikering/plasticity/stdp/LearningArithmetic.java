package org.spikering.plasticity.stdp;

/**
 * The number type of the learning engine: how a trace decays and takes an impulse, how one product enters the change
 * accumulator, and how the accumulated change is committed to a synaptic variable. {@link FloatArithmetic} computes in
 * double precision without rounding; the chip's fixed-point arithmetic (7-bit traces, 16-bit accumulator with 7
 * fractional bits, 8-bit weights, stochastic rounding) lives in hardware-sim ({@code LoihiLearningArithmetic}). The
 * engine is the same for both.
 */
public interface LearningArithmetic {

    /**
     * @param value  the trace, &gt;= 0.
     * @param factor e^{−n/τ} in (0, 1].
     * @return the decayed trace in this precision.
     */
    double decay(double value, double factor);

    /**
     * @param value   the trace.
     * @param impulse added.
     * @param cap     upper bound of the trace.
     * @return the trace after the impulse, in this precision and range.
     */
    double impulse(double value, double impulse, double cap);

    /**
     * @param product one product's value in units of the synaptic variable.
     * @return its contribution to the change accumulator, in units of the variable (truncated to the accumulator's
     *         resolution in fixed point).
     */
    double term(double product);

    /**
     * @param old the variable before the epoch.
     * @param sum the accumulated change of the epoch (sum of {@link #term}s).
     * @param lo  lower bound of the variable.
     * @param hi  upper bound.
     * @return the new value in this precision, within [lo, hi].
     */
    double commit(double old, double sum, double lo, double hi);

    /**
     * @param c a rule coefficient.
     * @return the coefficient this precision can represent (identity in float).
     */
    double coefficient(double c);

    /** @return a short name ("float", "loihi"). */
    String name();
}
