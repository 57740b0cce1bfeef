package org.spikering.app.spec.network;

import org.spikering.app.spec.DistributionSpec;

/**
 * {@code initial} of a population: the state at t = 0. Only V_m can be set (sim-core's builder sets the initial
 * membrane potential; the other state variables start at the model's rest: synaptic currents 0, not refractory,
 * adaptation 0).
 *
 * @param vMv V_m(0), mV: a constant (the model's own V_m(0)) or a distribution drawn per neuron from the
 *            population's stream.
 */
public record InitialState(DistributionSpec vMv) {
}
