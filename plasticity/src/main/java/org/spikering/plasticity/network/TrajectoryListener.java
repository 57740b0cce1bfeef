package org.spikering.plasticity.network;

import org.spikering.plasticity.data.SequenceBatch;

/**
 * Observes every forward pass a gradient computation simulates, right after the pass and before the
 * rule reads the trajectory (e.g. to count spikes and synaptic operations of the actual training
 * sequences). Listeners must not modify the network, the batch or the trajectory.
 */
@FunctionalInterface
public interface TrajectoryListener {

    /** The listener that does nothing. */
    TrajectoryListener NONE = (net, batch, sequence, trajectory) -> {
    };

    /**
     * @param net        the network with the weights the pass was simulated with.
     * @param batch      the batch being trained on.
     * @param sequence   index of the simulated sequence in {@code batch}.
     * @param trajectory the recorded pass of that sequence (reused afterwards: copy what you keep).
     */
    void onForwardPass(RecurrentNetwork net, SequenceBatch batch, int sequence, Trajectory trajectory);
}
