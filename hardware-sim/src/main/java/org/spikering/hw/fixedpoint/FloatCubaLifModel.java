package org.spikering.hw.fixedpoint;

import org.spikering.neuron.NeuronModel;

/**
 * The floating-point twin of {@link FixedLifModel} ({@link FloatCubaLif}, same parameters read as reals) as a
 * {@link NeuronModel}. With a wide fixed point (large shift and state width) and integer weights both give the same
 * spikes. Model name {@code lif_cuba_float}.
 *
 * @param params     LIF parameters; their {@code dtMs} must equal the network's step.
 * @param adaptation threshold adaptation, or null for none.
 */
public record FloatCubaLifModel(FixedLifParams params, FixedAdaptation adaptation) implements NeuronModel {

    /** Validates that parameters are given. */
    public FloatCubaLifModel {
        if (params == null) {
            throw new IllegalArgumentException("params = null: LIF parameters are required");
        }
    }

    /** @param params LIF parameters, without adaptation. */
    public FloatCubaLifModel(FixedLifParams params) {
        this(params, null);
    }

    @Override
    public String modelName() {
        return "lif_cuba_float";
    }

    @Override
    public FloatCubaLif createPopulation(int size, double dtMs) {
        ModelSteps.requireSame(params, dtMs);
        return new FloatCubaLif(size, params, adaptation);
    }
}
