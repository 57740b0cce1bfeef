package org.spikering.hw.learning;

import java.util.random.RandomGenerator;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.fixedpoint.RoundingStream;
import org.spikering.plasticity.stdp.LearningArithmetic;

/**
 * Loihi's learning-engine precision as Lava's fixed-point model defines it (Lava
 * {@code lava/magma/core/learning/constants.py} and {@code Connection}; HARDWARE.md §1.3):
 * <table>
 *   <caption>Precision</caption>
 *   <tr><th>variable</th><th>range</th><th>rounding</th></tr>
 *   <tr><td>traces x1, x2, y1, y2, r</td><td>integers 0..127 (7 bits), and at most the trace's cap</td>
 *   <td>decay: round(x·e^{−n/τ}); impulse: round(x + impulse), then saturate</td></tr>
 *   <tr><td>change accumulator</td><td>16 bits signed, 7 fractional bits: multiples of 2^−7 in
 *   [−2^8, 2^8 − 2^−7] weight LSBs</td><td>each product truncated down to 2^−7 (arithmetic shift)</td></tr>
 *   <tr><td>weight, tag</td><td>integers, clipped to [lo, hi] of the rule and to 9 bits signed [−256, 255]</td>
 *   <td>round(w + Σ) after the accumulator saturates</td></tr>
 *   <tr><td>rule coefficients</td><td>m · 2^e, |m| ≤ 15 (4-bit mantissa), e any integer</td><td>nearest</td></tr>
 * </table>
 * "round" is the chosen {@link Rounding}: STOCHASTIC (Loihi's, Davies et al. 2018; add 1 with probability the
 * fractional part, as Lava's {@code stochastic_round}) draws from a seeded {@link RoundingStream}, one draw per value
 * that is not an integer; NEAREST and TRUNCATE give deterministic sequences (for hand checks). Assumptions, stated:
 * the exponent range of the coefficients is not limited here (Loihi's is, by a width this project has not found);
 * weights are held as integers in LSBs (the caller scales them to pA); a product's scale is carried by its
 * coefficient m·2^e and the product is truncated once, where Lava's {@code LearningRuleApplierBitApprox} shifts each
 * product right by an amount that depends on the widths of its factors (its source marks that shift as unsettled), so
 * the truncation points can differ from Lava's by a few LSBs of the accumulator.
 * <p>Found with it: a 7-bit trace saturates. Pair traces of impulse 64 on a neuron that bursts hit 127, depression is
 * cut and Song et al.'s weights all run to the maximum ({@code stdp song}; impulse 32 leaves room); and with
 * NEAREST rounding a slow trace stalls (16·e^{−1/114} rounds back to 16), which stochastic rounding avoids.
 */
public final class LoihiLearningArithmetic implements LearningArithmetic {

    /** Largest trace value (7 bits). */
    public static final double TRACE_MAX = 127;
    /** Fractional bits of the change accumulator. */
    public static final int ACC_FRACTION_BITS = 7;
    private static final double ACC_SCALE = 1 << ACC_FRACTION_BITS;
    private static final double ACC_MAX = (1 << 15) - 1;
    /** Weight range of 9-bit signed weights. */
    public static final double W_MIN = -256;
    public static final double W_MAX = 255;

    private final Rounding rounding;
    private final RandomGenerator rng;

    /**
     * @param rounding the rounding of traces and weights.
     * @param seed     seed of the stochastic-rounding stream.
     */
    public LoihiLearningArithmetic(final Rounding rounding, final long seed) {
        this.rounding = rounding;
        this.rng = new RoundingStream(seed);
    }

    @Override
    public double decay(final double value, final double factor) {
        return rounding.round(value * factor, rng);
    }

    @Override
    public double impulse(final double value, final double impulse, final double cap) {
        return Math.min(Math.min(cap, TRACE_MAX), Math.max(0, rounding.round(value + impulse, rng)));
    }

    @Override
    public double term(final double product) {
        return Math.floor(product * ACC_SCALE) / ACC_SCALE;
    }

    @Override
    public double commit(final double old, final double sum, final double lo, final double hi) {
        final double acc = Math.max(-ACC_MAX - 1, Math.min(ACC_MAX, (old + sum) * ACC_SCALE));
        final double w = rounding.round(acc / ACC_SCALE, rng);
        return Math.max(Math.max(lo, W_MIN), Math.min(Math.min(hi, W_MAX), w));
    }

    @Override
    public double coefficient(final double c) {
        return quantize(c);
    }

    /**
     * @param c a coefficient.
     * @return the nearest m·2^e with integer |m| in [8, 15] (0 stays 0).
     */
    public static double quantize(final double c) {
        if (c == 0) {
            return 0;
        }
        final int e = Math.getExponent(c) - 3; // |c| / 2^e in [8, 16)
        final double m = Math.rint(c / Math.scalb(1.0, e));
        return m * Math.scalb(1.0, e);
    }

    @Override
    public String name() {
        return "loihi";
    }

    /** @return the rounding mode. */
    public Rounding rounding() {
        return rounding;
    }
}
