package org.spikering.hw.fixedpoint;

import org.spikering.plasticity.network.StateUpdateHook;

/**
 * Holds the e-prop network's neuron state in signed fixed point during training (the {@code hardware.state} block of
 * a spec): after every step's update the forward pass ({@code ForwardPass}) hands v_t and a_t here, and each is
 * replaced by its value in its {@link FixedPointFormat} in the chosen {@link Rounding}
 * ({@link FixedPointFormat#roundInPlace}),
 * <pre>
 *   x ← fmt.toDouble(fmt.fit(round(x · 2^f)))      f = fractional bits, LSB 2^−f (mV for v, 1 for a)
 * </pre>
 * saturating at [−2^(b−1), 2^(b−1) − 1] · 2^−f and counting every saturation ({@link OverflowCounter}, one per
 * variable). What is rounded is the state only: the decay factors α, ρ, the input scale ζ and the summed input are
 * double precision, so this is "double arithmetic, state stored at b bits" — unlike Loihi, whose decays are 12-bit
 * integers with truncation toward zero (HARDWARE.md §1.1, hardware-sim's {@code FixedLifModel}). A LIF neuron's
 * a = 0 is left alone. Stochastic rounding draws one number per value that is not on the grid from its own
 * {@link RoundingStream}. Allocates nothing per call.
 */
public final class StateQuantizer implements StateUpdateHook {
    private final FixedPointFormat v;
    private final FixedPointFormat a;
    private final Rounding rounding;
    private final RoundingStream stream;
    private final OverflowCounter vOverflow;
    private final OverflowCounter aOverflow;

    /**
     * @param v         format of the membrane potential (mV), or null for double precision.
     * @param a         format of the adaptation variable (dimensionless), or null for double precision.
     * @param rounding  rounding mode.
     * @param stream    stream of stochastic rounding (unused by the other modes).
     * @param vOverflow counts saturations of v (may be shared by several quantisers).
     * @param aOverflow counts saturations of a.
     */
    public StateQuantizer(final FixedPointFormat v, final FixedPointFormat a, final Rounding rounding,
            final RoundingStream stream, final OverflowCounter vOverflow, final OverflowCounter aOverflow) {
        if (rounding == null || stream == null || vOverflow == null || aOverflow == null) {
            throw new IllegalArgumentException("state quantiser: rounding, stream and counters must not be null");
        }
        if (v != null && !v.saturating() || a != null && !a.saturating()) {
            throw new IllegalArgumentException("state quantiser: formats must saturate (the state saturates on overflow)");
        }
        this.v = v;
        this.a = a;
        this.rounding = rounding;
        this.stream = stream;
        this.vOverflow = vOverflow;
        this.aOverflow = aOverflow;
    }

    /**
     * @param seed seed of the new quantiser's stream.
     * @return a quantiser with the same formats, rounding and overflow counters and its own stream (e.g. for test
     *         evaluations, so that they do not take draws from the training stream).
     */
    public StateQuantizer withStream(final long seed) {
        return new StateQuantizer(v, a, rounding, new RoundingStream(seed), vOverflow, aOverflow);
    }

    @Override
    public void afterStateUpdate(final boolean[] adaptive, final int from, final int to, final double[] vs, final double[] as,
            final int out) {
        if (v != null) {
            v.roundInPlace(vs, out, from, to, null, rounding, stream, vOverflow);
        }
        if (a != null) {
            a.roundInPlace(as, out, from, to, adaptive, rounding, stream, aOverflow);
        }
    }

    /** @return the format of v, or null (double precision). */
    public FixedPointFormat vFormat() {
        return v;
    }

    /** @return the format of a, or null (double precision). */
    public FixedPointFormat aFormat() {
        return a;
    }

    /** @return the rounding mode. */
    public Rounding rounding() {
        return rounding;
    }

    /** @return the stochastic-rounding stream. */
    public RoundingStream stream() {
        return stream;
    }

    /** @return saturations of v. */
    public OverflowCounter vOverflow() {
        return vOverflow;
    }

    /** @return saturations of a. */
    public OverflowCounter aOverflow() {
        return aOverflow;
    }
}
