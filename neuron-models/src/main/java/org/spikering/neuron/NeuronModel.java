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

    /**
     * Creates the part of a population that starts at population-local index {@code firstIndex} (engines
     * split populations into partitions, one object each). Models whose neurons differ by index (such as a
     * spike generator with one spike train per neuron) override this; the default ignores the index.
     *
     * @param size       number of neurons in this part, {@code >= 1}.
     * @param dtMs       integration step in ms, {@code > 0}.
     * @param firstIndex population-local index of this part's neuron 0.
     * @return a new population.
     */
    default NeuronPopulation createPopulation(int size, double dtMs, int firstIndex) {
        return createPopulation(size, dtMs);
    }
}
