package org.spikering.app.spec.network;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.app.spec.DistributionSpec;

/**
 * {@code initial} of a population: the state at t = 0, each field a constant or a distribution drawn per neuron (as
 * NEST's {@code nest.Create(model, n, params={"V_m": nest.random.uniform(...)})}); a field left out keeps the model's
 * initial value (currents 0, adaptation 0, not refractory). Each field is one state variable of the model.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>state variable</th><th>unit</th><th>models</th><th>allowed</th></tr>
 *   <tr><td>v_mv</td><td>V_m</td><td>mV</td><td>lif_exp, lif_delta, eprop_* (relative to rest)</td><td>any</td></tr>
 *   <tr><td>i_syn_ex_pa</td><td>I_syn_ex</td><td>pA</td><td>lif_exp</td><td>&ge; 0 (the channel of positive weights)</td></tr>
 *   <tr><td>i_syn_in_pa</td><td>I_syn_in</td><td>pA</td><td>lif_exp</td><td>&le; 0 (the channel of negative weights)</td></tr>
 *   <tr><td>a</td><td>a</td><td>—</td><td>eprop_alif</td><td>&ge; 0 (a trace of the neuron's spikes)</td></tr>
 *   <tr><td>refractory_steps</td><td>refractory_steps</td><td>steps</td><td>lif_exp, lif_delta, eprop_*</td>
 *       <td>whole numbers in [0, t_ref / dt]: a whole constant or uniform_int</td></tr>
 *   <tr><td>v</td><td>V_m</td><td>— (raw · 2^−shift_bits)</td><td>loihi_*</td><td>loihi_lif: multiples of
 *       2^−shift_bits within the state width (a constant, or uniform_int); loihi_lif_float: any</td></tr>
 *   <tr><td>u</td><td>I_syn</td><td>— (raw · 2^−shift_bits)</td><td>loihi_*</td><td>as v</td></tr>
 * </table>
 *
 * @param vMv             V_m(0), mV: a constant (the model's own V_m(0)) or a distribution drawn per neuron (null for
 *                        the loihi models, whose v is {@code v}).
 * @param iSynExPa        I_syn_ex(0), pA, or null.
 * @param iSynInPa        I_syn_in(0), pA, or null.
 * @param a               a(0), unit-free, or null.
 * @param refractorySteps the refractory counter at t = 0, steps, or null.
 * @param v               loihi v(0) (reported as V_m), unit-free, or null.
 * @param u               loihi u(0) (reported as I_syn), unit-free, or null.
 */
public record InitialState(DistributionSpec vMv, DistributionSpec iSynExPa, DistributionSpec iSynInPa, DistributionSpec a,
                           DistributionSpec refractorySteps, DistributionSpec v, DistributionSpec u) {

    /**
     * @return the state variables given, by model state variable name, in field order, except {@code v_mv} (which
     *         {@link NeuronModels#initialPotential} handles); a loihi model's v and u are V_m and I_syn.
     */
    public Map<String, DistributionSpec> others() {
        final Map<String, DistributionSpec> m = new LinkedHashMap<>();
        if (v != null) {
            m.put("V_m", v);
        }
        if (u != null) {
            m.put("I_syn", u);
        }
        if (iSynExPa != null) {
            m.put("I_syn_ex", iSynExPa);
        }
        if (iSynInPa != null) {
            m.put("I_syn_in", iSynInPa);
        }
        if (a != null) {
            m.put("a", a);
        }
        if (refractorySteps != null) {
            m.put("refractory_steps", refractorySteps);
        }
        return m;
    }

    /**
     * @param vMv    V_m(0), mV.
     * @param others state variable name (I_syn_ex, I_syn_in, a, refractory_steps) to its distribution.
     * @return the initial state.
     */
    static InitialState of(final DistributionSpec vMv, final Map<String, DistributionSpec> others) {
        return new InitialState(vMv, others.get("I_syn_ex"), others.get("I_syn_in"), others.get("a"),
                others.get("refractory_steps"), null, null);
    }

    /**
     * @param state state variable name (V_m, I_syn) to its distribution, of a loihi model.
     * @return the initial state, or null when none is given (u and v start at 0).
     */
    static InitialState loihi(final Map<String, DistributionSpec> state) {
        return state.isEmpty() ? null : new InitialState(null, null, null, null, null, state.get("V_m"),
                state.get("I_syn"));
    }
}
