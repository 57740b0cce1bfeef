package org.spikering.neuron.lif;

/**
 * Exact propagator from an exponentially decaying synaptic current to the membrane potential over
 * one step h (the element P21 of exp(A·h) for the linear system dI/dt = −I/τ_s, dV/dt = −V/τ_m + I/C_m):
 *
 * <pre>
 *   P21 = e^{−h/τ_m} / C_m · (e^{h·a} − 1) / a,    a = 1/τ_m − 1/τ_s
 *   limit a → 0 (τ_m = τ_s):   P21 = h/C_m · e^{−h/τ_m}
 * </pre>
 * The quotient (e^{h a} − 1)/a is computed with {@link Math#expm1} and, close to the singularity,
 * by its Taylor series, so it is accurate for τ_m = τ_s and for τ_m ≈ τ_s alike (NEST isolates the
 * same case in {@code IAFPropagatorExp}). Units: ms, pF; P21 in mV/pA. Stateless.
 */
public final class ExpPropagator {

    private ExpPropagator() {
    }

    /**
     * @param hMs      step h, ms.
     * @param tauMMs   membrane time constant τ_m, ms.
     * @param tauSynMs synaptic time constant τ_s, ms.
     * @param cMPf     membrane capacitance C_m, pF.
     * @return P21 in mV per pA of synaptic current at the start of the step.
     */
    public static double p21(final double hMs, final double tauMMs, final double tauSynMs, final double cMPf) {
        final double a = 1.0 / tauMMs - 1.0 / tauSynMs;
        final double ha = hMs * a;
        final double quotient;
        if (Math.abs(ha) < 1e-6) {
            // (e^{ha} − 1)/a = h (1 + ha/2 + (ha)²/6 + ...), truncation error < h·(ha)³/24 ≈ 4e-20 h
            quotient = hMs * (1.0 + ha / 2.0 + ha * ha / 6.0);
        } else {
            quotient = Math.expm1(ha) / a;
        }
        return Math.exp(-hMs / tauMMs) / cMPf * quotient;
    }
}
