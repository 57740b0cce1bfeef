package org.spikering.sim.engine;

/**
 * One ring-buffer entry: a spike of a neuron in a step, the end-of-step marker, or the start-of-run
 * marker. Preallocated by
 * the ring and reused; primitive fields only.
 */
final class SpikeEvent {
    /** Spike of {@link #neuron} in {@link #step}. */
    static final int SPIKE = 0;
    /** All spikes of {@link #step} have been published. */
    static final int END_OF_STEP = 1;
    /** A run of standard steps starts at {@link #step}: everything before it has been delivered. */
    static final int START = 2;
    /** As {@link #START}, for a run of lagged steps ({@code NetworkState.updatePartitionLagged}). */
    static final int START_LAGGED = 3;

    long step;
    int neuron;
    int kind;
}
