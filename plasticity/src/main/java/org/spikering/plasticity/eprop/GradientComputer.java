package org.spikering.plasticity.eprop;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.StateUpdateHook;
import org.spikering.plasticity.network.TrajectoryListener;

/** One way of computing (approximate) gradients of the loss of a batch. */
public interface GradientComputer {
    /** Overwrites {@code out} with the batch-mean gradients, loss, accuracy and rate for the current weights. */
    void compute(RecurrentNetwork net, SequenceBatch batch, Gradients out);

    /** Short name, e.g. "e-prop (event)". */
    String name();

    /**
     * Sets the listener told about every forward pass of {@link #compute} (one per sequence); replaces any earlier one.
     *
     * @param listener the listener, or {@link TrajectoryListener#NONE}; not null.
     */
    void setTrajectoryListener(TrajectoryListener listener);

    /**
     * Holds the neuron state of every forward pass of {@link #compute} at limited precision ({@link StateUpdateHook});
     * the gradients are then computed from the rounded trajectory (straight-through). Replaces any earlier one.
     *
     * @param q the hook (e.g. hardware-sim's StateQuantizer), or {@link StateUpdateHook#NONE}; not null.
     * @throws IllegalArgumentException if this computer does not simulate with the plain loops of
     *         {@code ForwardPass} (the engine forward pass holds its state in double precision).
     */
    void setStateHook(StateUpdateHook q);
}
