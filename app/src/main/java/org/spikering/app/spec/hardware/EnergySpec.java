package org.spikering.app.spec.hardware;

import org.spikering.hw.energy.EnergyModel;

/**
 * {@code hardware.energy}: per-operation energies of the energy estimate ({@link EnergyModel}:
 * E = synop·N_syn + neuron·N_neuron + weight·N_weight_updates + spike·(N_spikes + N_input_spikes)). The defaults
 * are Loihi's (Davies et al. 2018, Table 2, {@link EnergyModel#loihi()}).
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>unit</th><th>default</th></tr>
 *   <tr><td>synop_pj</td><td>pJ per synaptic operation</td><td>23.6</td></tr>
 *   <tr><td>neuron_pj</td><td>pJ per neuron update</td><td>81</td></tr>
 *   <tr><td>weight_pj</td><td>pJ per weight update</td><td>120</td></tr>
 *   <tr><td>spike_pj</td><td>pJ per routed spike</td><td>1.7</td></tr>
 * </table>
 * Each in [0, 1e12] pJ.
 *
 * @param synopPj  pJ per synaptic operation.
 * @param neuronPj pJ per neuron update.
 * @param weightPj pJ per weight update.
 * @param spikePj  pJ per routed spike.
 */
public record EnergySpec(double synopPj, double neuronPj, double weightPj, double spikePj) {

    /** @return the energy model. */
    public EnergyModel model() {
        return new EnergyModel(synopPj, neuronPj, weightPj, spikePj);
    }
}
