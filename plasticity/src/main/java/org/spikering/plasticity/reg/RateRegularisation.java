package org.spikering.plasticity.reg;

import org.spikering.plasticity.network.NetworkParams;

/**
 * Firing-rate regularisation as NEST's bsshslm models compute it (EPROP.md §1.7, §2.6), per sequence:
 * <pre>
 * E_reg = (c_reg / 2) Σ_j (n_j/T − f_target·dt)²         n_j = spikes of neuron j in the sequence of T steps
 * R_j   = ∂E_reg/∂z_j^t = c_reg (n_j/T − f_target·dt) / T
 * e-prop: dE_reg/dW_ji ≈ R_j Σ_t e_ji^t;  BPTT: R_j is added to ∂E/∂z_j^t at every step
 * </pre>
 * Gradient descent on it lowers rates above target (R_j &gt; 0) and raises rates below target.
 */
public final class RateRegularisation {
    private RateRegularisation() {
    }

    /** R_j of every neuron into {@code out}. */
    public static void factors(NetworkParams p, int[] spikeCount, int steps, double[] out) {
        double f = p.targetSpikesPerStep();
        for (int j = 0; j < spikeCount.length; j++) {
            out[j] = p.cReg() * ((double) spikeCount[j] / steps - f) / steps;
        }
    }

    /** E_reg of one sequence. */
    public static double loss(NetworkParams p, int[] spikeCount, int steps) {
        double f = p.targetSpikesPerStep();
        double s = 0.0;
        for (int n : spikeCount) {
            double d = (double) n / steps - f;
            s += d * d;
        }
        return 0.5 * p.cReg() * s;
    }
}
