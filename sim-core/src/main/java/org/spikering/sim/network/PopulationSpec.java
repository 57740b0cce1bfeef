package org.spikering.sim.network;

import org.spikering.neuron.NeuronModel;

/**
 * A named population in a built network: model, size, position of its first neuron in the global
 * id space, and the distribution of initial membrane potentials (null keeps the model's V_m(0)).
 *
 * @param name             population name.
 * @param size             number of neurons, &ge; 1.
 * @param model            neuron model with its parameters.
 * @param offset           global id of local neuron 0.
 * @param initialPotential V_m(0) distribution in mV, or null.
 */
public record PopulationSpec(String name, int size, NeuronModel model, int offset, Distribution initialPotential) {
}
