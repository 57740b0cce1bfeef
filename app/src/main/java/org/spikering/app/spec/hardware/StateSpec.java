package org.spikering.app.spec.hardware;

import org.spikering.app.spec.Problems;
import org.spikering.hw.fixedpoint.FixedPointFormat;
import org.spikering.hw.fixedpoint.OverflowCounter;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.fixedpoint.RoundingStream;
import org.spikering.hw.fixedpoint.StateQuantizer;

/**
 * {@code hardware.state}: the precision of the recurrent neurons' state in the training forward pass and the test
 * evaluations. Each listed variable is a signed fixed-point number (hardware-sim's {@link FixedPointFormat}, saturating,
 * every saturation counted): {@code bits} in total including the sign, {@code frac_bits} of them fractional, so the
 * LSB is 2^−frac_bits in the variable's unit and the range [−2^(bits−1), 2^(bits−1) − 1] LSB. This is the
 * total-plus-fractional-bits form of SpiNNaker's s16.15 (bits 32, frac_bits 15; sPyNNaker neural_modelling/src/common/maths-util.h); Loihi's v is 24 bits
 * (bits 24) whose LSB is set by the threshold (v_th = its mantissa · 2^6 LSB, mantissa ≤ 131071; Lava src/lava/proc/lif/models.py, PyLifModelBitAcc),
 * so there frac_bits follows from v_th in mV. The rounding ({@link Rounding}) is applied after every step's update and
 * before the threshold, spike and pseudo-derivative are computed ({@link StateQuantizer}); gradients treat it as the
 * identity (straight-through). What is not rounded: the decay factors, the input sum, the readout, and the
 * eligibility traces and filtered spikes of e-prop (double precision; the event computations compute the traces in
 * closed form, between spikes, so a per-step rounding of them has no single meaning across computations).
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>unit</th><th>range</th></tr>
 *   <tr><td>v.bits, a.bits</td><td>bits incl. sign</td><td>2..62</td></tr>
 *   <tr><td>v.frac_bits, a.frac_bits</td><td>bits (LSB 2^−f mV for v, 2^−f for a)</td><td>0..bits−1</td></tr>
 *   <tr><td>rounding</td><td>-</td><td>nearest, stochastic, truncate</td></tr>
 * </table>
 * Stochastic rounding: the training forward passes draw from one stream seeded {@value #SEED_OFFSET} + the run's seed
 * (kept in training checkpoints); every test evaluation draws from a fresh stream seeded {@value #TEST_SEED_OFFSET} +
 * the run's seed, so evaluations neither take draws from training nor depend on how often they run.
 *
 * @param v        format of the membrane potential, or null (double precision).
 * @param a        format of the adaptation variable, or null (double precision).
 * @param rounding rounding mode.
 */
public record StateSpec(Format v, Format a, String rounding) {

    /** Offset of the training stream's seed from the run's seed. */
    public static final long SEED_OFFSET = 919;
    /** Offset of the test evaluations' stream seed from the run's seed. */
    public static final long TEST_SEED_OFFSET = 7919;

    /**
     * One variable's fixed-point format.
     *
     * @param bits     total bits including the sign.
     * @param fracBits fractional bits.
     */
    public record Format(int bits, int fracBits) {

        /** @return hardware-sim's saturating format. */
        public FixedPointFormat format() {
            return new FixedPointFormat(bits, fracBits, true);
        }

        /** @return the LSB 2^−frac_bits in the variable's unit. */
        public double lsb() {
            return Math.scalb(1.0, -fracBits);
        }
    }

    /**
     * Checks what the schema cannot: frac_bits &lt; bits.
     *
     * @param problems where problems go.
     * @param path     this block's path ({@code hardware.state}).
     */
    public void check(final Problems problems, final String path) {
        check(problems, path + ".v", v);
        check(problems, path + ".a", a);
    }

    private static void check(final Problems problems, final String path, final Format f) {
        if (f != null && f.fracBits() >= f.bits()) {
            problems.add(path + ".frac_bits", f.fracBits(), "must be < " + path + ".bits = " + f.bits()
                    + " (one of the bits is the sign)");
        }
    }

    /** @return whether any variable is held at limited precision. */
    public boolean quantised() {
        return v != null || a != null;
    }

    /** @return the rounding mode. */
    public Rounding roundingMode() {
        return Rounding.parse(rounding);
    }

    /**
     * @param seed the run's seed.
     * @return the quantiser of the training forward passes (stream {@value #SEED_OFFSET} + seed, fresh counters), or
     *         null if nothing is quantised; test evaluations use {@code quantiser.withStream(TEST_SEED_OFFSET + seed)}.
     */
    public StateQuantizer quantiser(final long seed) {
        if (!quantised()) {
            return null;
        }
        return new StateQuantizer(v == null ? null : v.format(), a == null ? null : a.format(), roundingMode(),
                new RoundingStream(SEED_OFFSET + seed), new OverflowCounter(), new OverflowCounter());
    }
}
