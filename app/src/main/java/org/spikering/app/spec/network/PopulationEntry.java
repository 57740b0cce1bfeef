package org.spikering.app.spec.network;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code network.populations}: a named population of identical neurons of one model, with every
 * parameter of the model ({@link NeuronModels} maps it onto the neuron-models record). Fields that the model does
 * not have are null (the schema fills only the model's own defaults; a user-given field of another model is a
 * problem, {@link NetworkChecks}).
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>unit</th><th>models</th><th>meaning</th></tr>
 *   <tr><td>tau_m_ms</td><td>ms</td><td>all</td><td>membrane time constant τ_m</td></tr>
 *   <tr><td>c_m_pf</td><td>pF</td><td>lif_exp, lif_delta</td><td>capacitance C_m</td></tr>
 *   <tr><td>e_l_mv</td><td>mV</td><td>lif_exp, lif_delta</td><td>resting potential E_L</td></tr>
 *   <tr><td>v_th_mv</td><td>mV</td><td>all</td><td>threshold V_th (eprop: above rest)</td></tr>
 *   <tr><td>v_reset_mv</td><td>mV</td><td>lif_exp, lif_delta</td><td>reset potential V_reset &lt; V_th</td></tr>
 *   <tr><td>t_ref_ms</td><td>ms</td><td>all</td><td>refractory period (eprop: a multiple of dt)</td></tr>
 *   <tr><td>tau_syn_ex_ms, tau_syn_in_ms</td><td>ms</td><td>lif_exp</td><td>synaptic current time constants</td></tr>
 *   <tr><td>i_e_pa</td><td>pA</td><td>lif_exp, lif_delta</td><td>bias current I_e</td></tr>
 *   <tr><td>reset</td><td>—</td><td>lif_exp, lif_delta</td><td>to_value or by_subtraction</td></tr>
 *   <tr><td>regular_spike_arrival</td><td>—</td><td>eprop_*</td><td>input scale ζ = 1 (true) or 1 − α</td></tr>
 *   <tr><td>surrogate</td><td>—</td><td>eprop_*</td><td>pseudo-derivative form</td></tr>
 *   <tr><td>surrogate_gamma_per_mv, surrogate_beta_per_mv</td><td>1/mV</td><td>eprop_*</td><td>height γ, width β</td></tr>
 *   <tr><td>tau_a_ms</td><td>ms</td><td>eprop_alif</td><td>adaptation time constant τ_a</td></tr>
 *   <tr><td>beta_a_mv</td><td>mV</td><td>eprop_alif</td><td>adaptation strength β_a</td></tr>
 *   <tr><td>initial</td><td>—</td><td>all</td><td>the state at t = 0 ({@link InitialState}): numbers or distributions
 *       per neuron</td></tr>
 *   <tr><td>du, dv</td><td>—</td><td>loihi_*</td><td>current and voltage decay (factor (4096 − (du+1))/4096, (4096 − dv)/4096)</td></tr>
 *   <tr><td>vth</td><td>—</td><td>loihi_*</td><td>threshold mantissa (compared as vth ≪ shift_bits)</td></tr>
 *   <tr><td>bias_mant, bias_exp</td><td>—</td><td>loihi_*</td><td>bias = bias_mant ≪ bias_exp (then ≪ shift_bits)</td></tr>
 *   <tr><td>state_width_bits, shift_bits, input_width_bits</td><td>bits</td><td>loihi_*</td><td>state width, alignment shift, input width</td></tr>
 *   <tr><td>adaptation</td><td>—</td><td>loihi_*</td><td>{@link LoihiAdaptation}, or null</td></tr>
 * </table>
 *
 * @param name                unique name.
 * @param size                number of neurons.
 * @param model               lif_exp, lif_delta, eprop_lif, eprop_alif, loihi_lif or loihi_lif_float.
 * @param tauMMs              τ_m, ms.
 * @param cMPf                C_m, pF.
 * @param eLMv                E_L, mV.
 * @param vThMv               V_th, mV.
 * @param vResetMv            V_reset, mV.
 * @param tRefMs              t_ref, ms.
 * @param tauSynExMs          τ_ex, ms.
 * @param tauSynInMs          τ_in, ms.
 * @param iEPa                I_e, pA.
 * @param reset               reset mode.
 * @param regularSpikeArrival ζ = 1 if true.
 * @param surrogate           pseudo-derivative form.
 * @param surrogateGammaPerMv γ, 1/mV.
 * @param surrogateBetaPerMv  β, 1/mV.
 * @param tauAMs              τ_a, ms.
 * @param betaAMv             β_a, mV.
 * @param initial             initial state (null for loihi models without one: their u and v start at 0).
 * @param du                  loihi current decay.
 * @param dv                  loihi voltage decay.
 * @param vth                 loihi threshold mantissa.
 * @param biasMant            loihi bias mantissa.
 * @param biasExp             loihi bias exponent.
 * @param stateWidthBits      loihi state width, bits.
 * @param shiftBits           loihi alignment shift, bits.
 * @param inputWidthBits      loihi input width, bits.
 * @param adaptation          loihi threshold adaptation, or null.
 */
public record PopulationEntry(String name, int size, String model, @JsonProperty("tau_m_ms") Double tauMMs,
                              @JsonProperty("c_m_pf") Double cMPf, @JsonProperty("e_l_mv") Double eLMv,
                              Double vThMv, Double vResetMv, Double tRefMs, Double tauSynExMs, Double tauSynInMs,
                              @JsonProperty("i_e_pa") Double iEPa, String reset, Boolean regularSpikeArrival,
                              String surrogate, Double surrogateGammaPerMv, Double surrogateBetaPerMv,
                              @JsonProperty("tau_a_ms") Double tauAMs, @JsonProperty("beta_a_mv") Double betaAMv,
                              InitialState initial, Integer du, Integer dv, Long vth, Integer biasMant,
                              Integer biasExp, Integer stateWidthBits, Integer shiftBits, Integer inputWidthBits,
                              LoihiAdaptation adaptation) {

    /**
     * @param newSize number of neurons.
     * @return a copy with another size.
     */
    public PopulationEntry withSize(final int newSize) {
        return new PopulationEntry(name, newSize, model, tauMMs, cMPf, eLMv, vThMv, vResetMv, tRefMs, tauSynExMs,
                tauSynInMs, iEPa, reset, regularSpikeArrival, surrogate, surrogateGammaPerMv, surrogateBetaPerMv, tauAMs,
                betaAMv, initial, du, dv, vth, biasMant, biasExp, stateWidthBits, shiftBits, inputWidthBits, adaptation);
    }
}
