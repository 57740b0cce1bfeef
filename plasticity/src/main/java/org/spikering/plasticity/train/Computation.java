package org.spikering.plasticity.train;

/**
 * How e-prop's eligibility traces are computed. EVENT: event-based, O(1) per spike and synapse from per-neuron
 * archives ({@code ClosedFormEventEprop}); EVENT_STEPWISE: event-based as NEST's compute_gradient, looping over the
 * postsynaptic history between spikes and skipping ψ = 0 stretches in closed form ({@code EventEprop}); DENSE: every
 * trace every step ({@code DenseEprop}).
 */
public enum Computation {
    EVENT, EVENT_STEPWISE, DENSE
}
