package org.spikering.plasticity.network;

import org.spikering.plasticity.data.SequenceBatch;

/**
 * Something that simulates one sequence of a batch through a network and records it in a
 * {@link Trajectory}: {@link ForwardPass} (plain loops) or the engine's forward pass
 * ({@code org.spikering.plasticity.engine.EngineForwardPass}); both produce the same trajectory.
 */
@FunctionalInterface
public interface ForwardModel {

    /** The plain-loop forward pass. */
    ForwardModel LOOPS = ForwardPass::run;

    /**
     * @param q the state hook ({@link StateUpdateHook#NONE}: {@link #LOOPS}).
     * @return the plain-loop forward pass with the state rounded by {@code q} after every step's update.
     */
    static ForwardModel loops(StateUpdateHook q) {
        if (q == null) {
            throw new IllegalArgumentException("state hook = null: use StateUpdateHook.NONE for double precision");
        }
        return q == StateUpdateHook.NONE ? LOOPS : (net, batch, b, tr) -> ForwardPass.run(net, batch, b, tr, q);
    }

    /**
     * @param net   the network.
     * @param batch the batch.
     * @param b     sequence index.
     * @param tr    output.
     */
    void run(RecurrentNetwork net, SequenceBatch batch, int b, Trajectory tr);
}
