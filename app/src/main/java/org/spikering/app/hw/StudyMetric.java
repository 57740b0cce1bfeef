package org.spikering.app.hw;

/** The per-seed quantities of the plasticity-sparsity study, with their column names in study.csv/json. */
public enum StudyMetric {
    /** Held-out test loss after training: cross-entropy per sequence (per scored symbol for n-back), or MSE loss per sequence. */
    TEST_LOSS("test_loss"),
    /** Held-out test accuracy after training (fraction; undefined for regression and n-back). */
    TEST_ACCURACY("test_accuracy"),
    /** Recurrent spikes of all training sequences. */
    SPIKES("spikes"),
    /** Input spikes of all training sequences. */
    INPUT_SPIKES("input_spikes"),
    /** Synaptic operations of training: every spike × its nonzero-weight outgoing synapses. */
    SYNAPTIC_OPS("synaptic_ops"),
    /** Neuron updates of training: (recurrent + readout) × steps × sequences. */
    NEURON_UPDATES("neuron_updates"),
    /** Weight entries changed by the updates (after mask and quantiser). */
    WEIGHT_UPDATES("weight_updates"),
    /** Weight memory: all weights × bits (32 for float). */
    WEIGHT_MEMORY_BITS("weight_memory_bits"),
    /** Loihi energy estimate of training, J. */
    ENERGY_J("energy_J");

    private final String column;

    StudyMetric(final String column) {
        this.column = column;
    }

    /** @return the column name (its standard deviation is {@code column + "_sd"}). */
    public String column() {
        return column;
    }
}
