package org.spikering.sim.spi;

/**
 * Receives the spikes of each step, in ascending global neuron id. Called from one thread (the
 * engine's listener consumer or the reference engine's thread); implementations need no locking.
 * The array is owned by the engine and reused: copy what you keep.
 */
@FunctionalInterface
public interface SpikeListener {

    /**
     * @param step      the step in which the neurons spiked.
     * @param globalIds global ids of the spiking neurons, ascending, in {@code [0, count)}.
     * @param count     number of spikes.
     */
    void onSpikes(long step, int[] globalIds, int count);
}
