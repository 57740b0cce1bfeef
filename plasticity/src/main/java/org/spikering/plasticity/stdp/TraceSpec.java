package org.spikering.plasticity.stdp;

/**
 * One trace of the learning engine: between events {@code x ← x · e^{−n/τ}} over n steps, on its neuron's spike
 * {@code x ← min(x + impulse, cap)}. {@code cap = impulse} makes the trace jump to the impulse on every spike (the
 * nearest-spike interaction: only the last spike counts); an infinite cap gives all-to-all interaction (each spike
 * adds). In fixed-point precision the trace is also limited by its width (7 bits on Loihi: 0..127).
 *
 * @param tauMs   decay time constant, ms, &gt; 0 (infinite: no decay).
 * @param impulse added on each spike, &gt;= 0 (trace units; 0: the trace is unused).
 * @param cap     upper bound, &gt;= impulse.
 */
public record TraceSpec(double tauMs, double impulse, double cap) {

    /** An unused trace. */
    public static final TraceSpec NONE = new TraceSpec(Double.POSITIVE_INFINITY, 0.0, Double.POSITIVE_INFINITY);

    public TraceSpec {
        if (!(tauMs > 0)) {
            throw new IllegalArgumentException("trace tau = " + tauMs + " ms: must be > 0");
        }
        if (!(impulse >= 0) || !Double.isFinite(impulse)) {
            throw new IllegalArgumentException("trace impulse = " + impulse + ": must be finite and >= 0");
        }
        if (!(cap >= impulse)) {
            throw new IllegalArgumentException("trace cap = " + cap + ": must be >= the impulse " + impulse);
        }
    }

    /** All-to-all trace: every spike adds {@code impulse}. */
    public static TraceSpec allToAll(final double tauMs, final double impulse) {
        return new TraceSpec(tauMs, impulse, Double.POSITIVE_INFINITY);
    }

    /** Nearest-spike trace: every spike sets the trace to {@code impulse}. */
    public static TraceSpec nearest(final double tauMs, final double impulse) {
        return new TraceSpec(tauMs, impulse, impulse);
    }

    /** @return whether the trace is used (impulse &gt; 0). */
    public boolean used() {
        return impulse > 0;
    }

    /**
     * @param steps n, &gt;= 0.
     * @param dtMs  step, ms.
     * @return e^{−n·dt/τ}.
     */
    public double decayFactor(final int steps, final double dtMs) {
        return Double.isInfinite(tauMs) ? 1.0 : Math.exp(-steps * dtMs / tauMs);
    }
}
