package org.spikering.app.spec.training;

import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.network.RateUnits;

/**
 * {@code training.network.rate} (only with {@code kind: rate}): the leaky rate units of a rate RNN, built into
 * plasticity's {@link RateUnits} (the equation is neuron-models' {@link LeakyRateUnit}). With λ = dt/τ:
 * rate_leak (Liu et al. 2022/2024) a = W_rec r' + W_in x + b, r = (1 − λ) r' + λ φ(a); current_leak (Murray 2019)
 * u = (1 − λ) u' + λ a, r = φ(u); readout y = W_out r.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th><th>default</th></tr>
 * <tr><td>activation</td><td>—</td><td>φ: relu, tanh, softplus, rectified_tanh, linear</td><td>tanh</td></tr>
 * <tr><td>tau_ms</td><td>ms</td><td>τ, ≥ dt_ms</td><td>10</td></tr>
 * <tr><td>form</td><td>—</td><td>rate_leak or current_leak</td><td>rate_leak</td></tr>
 * <tr><td>bias</td><td>as the weights</td><td>constant input b, not trained</td><td>0</td></tr>
 * </table>
 *
 * @param activation φ's spec name.
 * @param tauMs      τ, ms.
 * @param form       the form's spec name.
 * @param bias       b.
 */
public record RateUnitsSpec(String activation, double tauMs, String form, double bias) {

    /** @return the rate units (the schema has checked the names; τ ≥ dt is checked by the builder). */
    public RateUnits units() {
        return new RateUnits(RateActivation.of(activation), tauMs,
                LeakyRateUnit.Form.valueOf(form.toUpperCase(java.util.Locale.ROOT)), bias);
    }
}
