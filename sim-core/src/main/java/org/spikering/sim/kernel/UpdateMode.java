package org.spikering.sim.kernel;

/** How populations with delta synapses are advanced. */
public enum UpdateMode {
    /** Every neuron every step. */
    CLOCK,
    /** Delta-synapse LIF populations only when input arrives, in closed form; others clock-driven. */
    EVENT
}
