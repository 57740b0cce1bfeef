package org.spikering.hw.fixedpoint;

/**
 * Threshold adaptation for the integer LIF (the ALIF of Bellec et al. 2020 on a Loihi-style datapath):
 * an adaptation state a, an integer of the population's state width, decays each step as
 * sign(a)·((|a|·(4096 − da)) &gt;&gt; 12) (truncation toward zero, like u and v), jumps by
 * {@code jumpMant << shift} on each spike and saturates at the state width (counted); the spike
 * condition becomes v &gt; (vth + a') with a' the decayed adaptation of this step.
 *
 * @param da       adaptation decay, 0..4096 (factor (4096 − da)/4096; da = 0 never decays).
 * @param jumpMant threshold increment per spike (same units as vth), 0..131071.
 */
public record FixedAdaptation(int da, long jumpMant) {

    /** Validates the ranges. */
    public FixedAdaptation {
        if (da < 0 || da > 4096) {
            throw new IllegalArgumentException("da = " + da + ": must be in [0, 4096]");
        }
        if (jumpMant < 0 || jumpMant > 131071) {
            throw new IllegalArgumentException("adaptation jump = " + jumpMant + ": must be in [0, 131071]");
        }
    }
}
