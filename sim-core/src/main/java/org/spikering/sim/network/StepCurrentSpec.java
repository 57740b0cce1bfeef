package org.spikering.sim.network;

import org.spikering.neuron.source.StepCurrentSource;

/**
 * A step current into every neuron of a population (NEST {@code step_current_generator} connected to
 * each of them, but acting from its change times on, without a connection delay): before the update from
 * step s to s + 1, each target neuron's {@linkplain org.spikering.neuron.NeuronPopulation#setStimulusCurrent
 * I_stim} is the amplitude of step s (the sum over the step currents into that population, in declaration
 * order).
 *
 * @param target target population name.
 * @param source the amplitudes (pA) and their change times.
 */
public record StepCurrentSpec(String target, StepCurrentSource source) {
}
