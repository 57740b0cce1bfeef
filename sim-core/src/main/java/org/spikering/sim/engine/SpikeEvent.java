package org.spikering.sim.engine;

/**
 * One ring-buffer entry: a spike of a neuron in a step, or the end-of-step marker. Preallocated by
 * the ring and reused; primitive fields only.
 */
final class SpikeEvent {
    /** Spike of {@link #neuron} in {@link #step}. */
    static final int SPIKE = 0;
    /** All spikes of {@link #step} have been published. */
    static final int END_OF_STEP = 1;

    long step;
    int neuron;
    int kind;
}
