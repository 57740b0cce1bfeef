package org.spikering.hw.fixedpoint;

import org.spikering.neuron.NeuronModel;

/**
 * The exact integer CUBA-LIF ({@link FixedPointLifPopulation}) as a {@link NeuronModel}, so that sim-core's
 * network builder and engines can run it. One input channel: the engine adds synaptic weights (and Poisson input
 * weights) into a_in, which the population rounds to the nearest integer, so use integer weights for an exact
 * integer simulation. Model name {@code lif_fixed_point}.
 *
 * @param params     integer LIF parameters; their {@code dtMs} must equal the network's step.
 * @param adaptation threshold adaptation, or null for none.
 */
public record FixedLifModel(FixedLifParams params, FixedAdaptation adaptation) implements NeuronModel {

    /** Validates that parameters are given. */
    public FixedLifModel {
        if (params == null) {
            throw new IllegalArgumentException("params = null: integer LIF parameters are required");
        }
    }

    /** @param params integer LIF parameters, without adaptation. */
    public FixedLifModel(FixedLifParams params) {
        this(params, null);
    }

    @Override
    public String modelName() {
        return "lif_fixed_point";
    }

    @Override
    public FixedPointLifPopulation createPopulation(int size, double dtMs) {
        ModelSteps.requireSame(params, dtMs);
        return new FixedPointLifPopulation(size, params, adaptation);
    }
}
