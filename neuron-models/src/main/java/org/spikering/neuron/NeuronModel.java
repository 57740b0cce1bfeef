package org.spikering.neuron;

/**
 * A neuron model with its parameters fixed: a factory for populations. Parameter records of the
 * individual models implement it, so that a network builder can take any model.
 */
public interface NeuronModel {

    /** @return a short model name, e.g. {@code "lif_delta"}, {@code "lif_exp"}, {@code "alif"}. */
    String modelName();

    /**
     * Creates a population with all neurons at their initial state.
     *
     * @param size number of neurons, {@code >= 1}.
     * @param dtMs integration step in ms, {@code > 0}.
     * @return a new population whose propagators are computed once from {@code dtMs}.
     */
    NeuronPopulation createPopulation(int size, double dtMs);
}
