package org.spikering.plasticity.network;

import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;

/**
 * What makes a {@link RecurrentNetwork} a leaky rate RNN instead of a LIF/ALIF network: its units are neuron-models'
 * {@link LeakyRateUnit} (the one implementation of their equation), with a constant bias b, and a linear,
 * instantaneous readout y_k^t = Σ_j W^out_kj r_j^t (Liu et al. 2022/2024, Murray 2019). With λ = dt/τ:
 * <pre>
 * rate_leak:     a_j^t = Σ_i W^rec_ji r_i^{t−1} + Σ_i W^in_ji x_i^t + b,   r_j^t = (1 − λ) r_j^{t−1} + λ φ(a_j^t)
 * current_leak:  u_j^t = (1 − λ) u_j^{t−1} + λ a_j^t,                    r_j^t = φ(u_j^t)
 * </pre>
 * State starts at 0 every sequence. b is not trained (every rule trains W_in, W_rec, W_out). Of the network's
 * {@link NetworkParams} a rate network reads only {@code dtMs}.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>meaning</th><th>allowed</th></tr>
 * <tr><td>activation</td><td>—</td><td>φ</td><td>relu, tanh, softplus, rectified_tanh, linear</td></tr>
 * <tr><td>tauMs</td><td>ms</td><td>time constant τ, λ = dt/τ</td><td>≥ dt</td></tr>
 * <tr><td>form</td><td>—</td><td>where the leak acts</td><td>rate_leak, current_leak</td></tr>
 * <tr><td>bias</td><td>as the weights</td><td>constant input b of every unit</td><td>finite</td></tr>
 * </table>
 *
 * @param activation φ.
 * @param tauMs      τ, ms.
 * @param form       the form.
 * @param bias       b.
 */
public record RateUnits(RateActivation activation, double tauMs, LeakyRateUnit.Form form, double bias) {

    /** Validates what does not need dt (τ ≥ dt is checked by {@link #unit}). */
    public RateUnits {
        if (activation == null || form == null) {
            throw new IllegalArgumentException("activation, form: must not be null");
        }
        if (!(tauMs > 0.0) || Double.isInfinite(tauMs)) {
            throw new IllegalArgumentException("tauMs = " + tauMs + " ms: must be finite and > 0");
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("bias = " + bias + ": must be finite");
        }
    }

    /**
     * @param dtMs the step, ms.
     * @return the units' equation at that step.
     */
    public LeakyRateUnit unit(final double dtMs) {
        return new LeakyRateUnit(tauMs, dtMs, activation, form);
    }
}
