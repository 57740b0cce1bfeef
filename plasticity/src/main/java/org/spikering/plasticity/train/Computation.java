package org.spikering.plasticity.train;

/**
 * How e-prop's eligibility traces are computed. EVENT: event-based, O(1) per spike and synapse from per-neuron
 * archives ({@code ClosedFormEventEprop}); EVENT_STEPWISE: event-based as NEST's compute_gradient, looping over the
 * postsynaptic history between spikes and skipping ψ = 0 stretches in closed form ({@code EventEprop}); DENSE: every
 * trace every step ({@code DenseEprop}); ENGINE: as EVENT, with the network simulated on sim-core's spike engine
 * ({@code EngineForwardPass}, Disruptor pipeline, one partition thread) instead of the plain loops — the same
 * trajectories and gradients, bit for bit. Rule rflo has its own traces: DENSE is {@code DenseRflo}, EVENT and
 * EVENT_STEPWISE are both its event form {@code EventRflo}, ENGINE is {@code EventRflo} on the engine's forward pass.
 */
public enum Computation {
    EVENT, EVENT_STEPWISE, DENSE, ENGINE
}
